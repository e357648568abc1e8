"""The Today tab's union-work sections: collective-contract cover expiring within 60 days, and
workers' congresses overdue. A line opens the workplace (kind "organization")."""

from __future__ import annotations

from datetime import date

from stationapp.models.people import Organization
from stationapp.services.union_work.congresses import overdue_congresses
from stationapp.services.union_work.contracts import EXPIRING_DAYS, expiring_contracts


def expiring_lines(on: date, limit: int) -> tuple[int, list[tuple[int, str, date]]]:
    """How many workplaces' cover expires within the window, and the first ``limit`` of them:
    (workplace id, name, the cover's last day)."""
    found = expiring_contracts(on, EXPIRING_DAYS)
    names = (
        dict(
            Organization.select(Organization.id, Organization.name)
            .where(Organization.id.in_([org_id for org_id, _c in found[:limit]]))
            .tuples()
        )
        if found
        else {}
    )
    lines = [(org_id, names.get(org_id, ""), c.ends_on) for org_id, c in found[:limit]]
    return len(found), lines


def overdue_lines(on: date, limit: int) -> tuple[int, list[tuple[int, str, date]]]:
    """How many workplaces' congress is overdue, and the first ``limit``: (workplace id, name,
    the day it was due)."""
    found = overdue_congresses(on)
    return len(found), [(org.id, org.name, due.due_on) for org, due in found[:limit]]
