"""The report's "Collective contracts and workers' congresses" section.

Employees covered: those of the workplaces covered on the period's last day by a contract in
force (their own or a regional one), each workplace counted once however many contracts cover
it; a workplace's employees are its recorded size, else the largest "employees covered" of its
own contracts in force, else nothing. Contracts signed: signed in the period and renewing none;
renewed: signed in the period renewing an earlier one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from stationapp.models.accounts import Staff
from stationapp.models.people import Organization
from stationapp.models.union_work import CollectiveContract, CongressMeeting, OpenAffairsCheck
from stationapp.services.accounts import require
from stationapp.services.union_work.contracts import coverage


@dataclass(frozen=True)
class UnionWorkFigures:
    start: date
    end: date  # included
    workplaces_covered: int
    employees_covered: int
    contracts_signed: int
    contracts_renewed: int
    regional_signed: int  # of the signed and renewed, those of building federations
    congresses: int
    handbooks_revised: int
    checks: int
    checks_good: int


def _covered_employees(day: date) -> tuple[int, int]:
    pairs = coverage(CollectiveContract.starts_on <= day, CollectiveContract.ends_on >= day)
    own: dict[int, int] = {}
    for org_id, contract in pairs:
        if contract.organization_id == org_id and contract.employees_covered:
            own[org_id] = max(own.get(org_id, 0), contract.employees_covered)
    org_ids = {org_id for org_id, _c in pairs}
    # One query whatever the rows: the report's cost does not grow with them.
    sizes = dict(
        Organization.select(Organization.id, Organization.employees)
        .where(Organization.id.in_(list(org_ids)))
        .tuples()
    )
    employees = sum(sizes.get(org_id) or own.get(org_id, 0) for org_id in org_ids)
    return len(org_ids), employees


def union_work_figures(actor: Staff, *, start: date, end: date) -> UnionWorkFigures:
    """The figures from ``start`` to ``end`` (both included)."""
    require(actor, "workplace.read")
    in_period = CollectiveContract.signed_on.between(start, end)
    renewal = CollectiveContract.renews.is_null(False)
    regional = CollectiveContract.building.is_null(False)
    signed = {
        (bool(r), bool(b)): n
        for r, b, n in (
            CollectiveContract.select(renewal, regional, peewee.fn.COUNT(CollectiveContract.id))
            .where(in_period)
            .group_by(renewal, regional)
            .tuples()
        )
    }
    congress = (
        CongressMeeting.select(
            peewee.fn.COUNT(CongressMeeting.id),
            peewee.fn.SUM(peewee.Case(None, [(CongressMeeting.handbook_revised, 1)], 0)),
        )
        .where(CongressMeeting.held_on.between(start, end))
        .tuples()
        .first()
    )
    checks = (
        OpenAffairsCheck.select(
            peewee.fn.COUNT(OpenAffairsCheck.id),
            peewee.fn.SUM(peewee.Case(None, [(OpenAffairsCheck.rating == "good", 1)], 0)),
        )
        .where(OpenAffairsCheck.checked_on.between(start, end))
        .tuples()
        .first()
    )
    workplaces, employees = _covered_employees(end)
    return UnionWorkFigures(
        start=start,
        end=end,
        workplaces_covered=workplaces,
        employees_covered=employees,
        contracts_signed=signed.get((False, False), 0) + signed.get((False, True), 0),
        contracts_renewed=signed.get((True, False), 0) + signed.get((True, True), 0),
        regional_signed=signed.get((False, True), 0) + signed.get((True, True), 0),
        congresses=congress[0] or 0,
        handbooks_revised=int(congress[1] or 0),
        checks=checks[0] or 0,
        checks_good=int(checks[1] or 0),
    )
