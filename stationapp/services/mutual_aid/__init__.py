"""Mutual-aid cover (职工互助保障, issue 25): plans, enrolments (one at the desk or a
workplace's list from a spreadsheet), claims with their eligibility check and states, and the
report's figures.

Permissions: ``aid.read`` (plans and enrolments: front desk, head of the station),
``aid.enrol`` (front desk), ``aid.plans`` (the plans: head of the station), ``aid.claims`` (take,
return, resubmit and see claims, which are health data: front desk and head of the station),
``aid.decide`` (approve, refuse, pay, accept a late claim: head of the station).
"""

from __future__ import annotations

from stationapp.services.mutual_aid._common import (
    benefit_kind_label,
    claim_state_label,
    payer_label,
    plan_kind_label,
)
from stationapp.services.mutual_aid.claims import (
    ClaimDetail,
    ClaimFilter,
    ClaimInput,
    approve_claim,
    compute_amount,
    count_claims,
    deadline_of,
    get_claim,
    list_claims,
    pay_claim,
    refuse_claim,
    resubmit_claim,
    return_claim,
    submit_claim,
    tick_materials,
    year_used,
)
from stationapp.services.mutual_aid.enrolments import (
    EnrolmentFilter,
    EnrolmentImport,
    count_enrolments,
    enrol,
    import_enrolments,
    list_enrolments,
)
from stationapp.services.mutual_aid.figures import (
    AidFigures,
    ClaimFigure,
    PlanEnrolments,
    aid_figures,
)
from stationapp.services.mutual_aid.person import cover_of_person, personal_data
from stationapp.services.mutual_aid.plans import (
    PlanInput,
    checklist,
    create_plan,
    get_plan,
    list_plans,
    update_plan,
)

__all__ = [
    "AidFigures",
    "ClaimDetail",
    "ClaimFigure",
    "ClaimFilter",
    "ClaimInput",
    "EnrolmentFilter",
    "EnrolmentImport",
    "PlanEnrolments",
    "PlanInput",
    "aid_figures",
    "approve_claim",
    "benefit_kind_label",
    "checklist",
    "claim_state_label",
    "compute_amount",
    "count_claims",
    "count_enrolments",
    "cover_of_person",
    "create_plan",
    "deadline_of",
    "enrol",
    "get_claim",
    "get_plan",
    "import_enrolments",
    "list_claims",
    "list_enrolments",
    "list_plans",
    "pay_claim",
    "payer_label",
    "personal_data",
    "plan_kind_label",
    "refuse_claim",
    "resubmit_claim",
    "return_claim",
    "submit_claim",
    "tick_materials",
    "update_plan",
    "year_used",
]
