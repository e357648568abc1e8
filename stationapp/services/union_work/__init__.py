"""Workplace union work (issue #26): workers' congresses (职代会), collective contracts (a
workplace's own, or a building federation's regional contract for several workplaces) and
open-affairs checks (厂务公开).

Recording needs ``workplace.agreements`` (union organisers and the administrator); reading,
``workplace.read``. Every change is one transaction with its audit entry. For the Workplaces
tab's filters: ``expiring_contract_org_ids`` and ``overdue_congress_org_ids`` (sets of ids; the
list's own service checks the permission). The tables hold no personal data beyond the ids of
the staff who recorded them: retention and the personal-data export have nothing to cover.
"""

from __future__ import annotations

from stationapp.services.union_work.common import (
    congress_kind_label,
    contract_kind_label,
    rating_label,
    state_label,
)
from stationapp.services.union_work.congresses import (
    CONGRESS_EMPLOYEES,
    CONGRESS_INTERVAL_MONTHS,
    CongressDue,
    CongressInput,
    congress_due,
    list_congresses,
    overdue_congress_org_ids,
    overdue_congresses,
    record_congress,
    update_congress,
)
from stationapp.services.union_work.contracts import (
    EXPIRING_DAYS,
    ContractInput,
    ContractView,
    building_workplaces,
    covered_ids,
    expiring_contract_org_ids,
    expiring_contracts,
    get_contract,
    list_contracts,
    record_contract,
    record_regional_contract,
    regional_contracts,
    renew_contract,
    state_of,
    term_error,
    update_contract,
)
from stationapp.services.union_work.figures import UnionWorkFigures, union_work_figures
from stationapp.services.union_work.open_affairs import (
    CheckInput,
    list_checks,
    record_check,
    update_check,
)

__all__ = [
    "CONGRESS_EMPLOYEES",
    "CONGRESS_INTERVAL_MONTHS",
    "EXPIRING_DAYS",
    "CheckInput",
    "CongressDue",
    "CongressInput",
    "ContractInput",
    "ContractView",
    "UnionWorkFigures",
    "building_workplaces",
    "congress_due",
    "congress_kind_label",
    "contract_kind_label",
    "covered_ids",
    "expiring_contract_org_ids",
    "expiring_contracts",
    "get_contract",
    "list_checks",
    "list_congresses",
    "list_contracts",
    "overdue_congress_org_ids",
    "overdue_congresses",
    "rating_label",
    "record_check",
    "record_congress",
    "record_contract",
    "record_regional_contract",
    "regional_contracts",
    "renew_contract",
    "state_label",
    "state_of",
    "term_error",
    "union_work_figures",
    "update_check",
    "update_congress",
    "update_contract",
]
