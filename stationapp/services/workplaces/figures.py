"""Workplace union work in figures: the report's section for a period, and Today's list of
large workplaces without a union."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from stationapp.models.accounts import Staff
from stationapp.models.people import UNION_FOUNDED, Organization, Person
from stationapp.services.accounts import require
from stationapp.services.workplaces.listing import large_without_union_ids


@dataclass
class WorkplaceFigures:
    own_union: int  # active workplaces with their own union at the end of the period
    joint_union: int  # … in a joint (building or regional) union
    founded: int  # unions founded within the period
    preparing: int  # being founded at the end of the period
    members_register: int  # union members on the register working at a workplace with a union
    members_reported: int  # members the founded unions report
    mediation_committees: int  # workplaces with a labour-dispute mediation committee
    large_without_union: int  # 25 or more employees and no union (today)


def workplace_figures(actor: Staff, *, start: date, end: date) -> WorkplaceFigures:
    """The figures of ``start``..``end`` (inclusive). A workplace whose founding date is unknown
    counts as founded before the period; one founded after ``end`` is not counted as founded."""
    require(actor, "workplace.read")
    active = Organization.active
    founded_by_end = (Organization.union_founded_on.is_null()) | (
        Organization.union_founded_on <= end
    )
    by_status = dict(
        Organization.select(Organization.union_status, peewee.fn.COUNT(Organization.id))
        .where(active, Organization.union_status.not_in(list(UNION_FOUNDED)) | founded_by_end)
        .group_by(Organization.union_status)
        .tuples()
    )
    founded = (
        Organization.select()
        .where(
            active,
            Organization.union_status.in_(list(UNION_FOUNDED)),
            Organization.union_founded_on.between(start, end),
        )
        .count()
    )
    with_union = Organization.select(Organization.id).where(
        active, Organization.union_status.in_(list(UNION_FOUNDED)), founded_by_end
    )
    register = (
        Person.select()
        .where(Person.workplace.in_(with_union), Person.is_member, Person.active)
        .count()
    )
    reported = (
        Organization.select(peewee.fn.COALESCE(peewee.fn.SUM(Organization.members_reported), 0))
        .where(Organization.id.in_(with_union))
        .scalar()
    )
    committees = (
        Organization.select().where(active, Organization.mediation_committee_since <= end).count()
    )
    return WorkplaceFigures(
        own_union=by_status.get("own_union", 0),
        joint_union=by_status.get("joint_union", 0),
        founded=founded,
        preparing=by_status.get("preparing", 0),
        members_register=register,
        members_reported=int(reported or 0),
        mediation_committees=committees,
        large_without_union=large_without_union_ids(actor).count(),
    )


def large_without_union(actor: Staff, *, limit: int = 20) -> tuple[int, list[Organization]]:
    """How many workplaces of 25 or more employees have no union, and the largest ``limit``."""
    require(actor, "workplace.read")
    ids = large_without_union_ids(actor)
    total = ids.count()
    rows = (
        list(
            Organization.select()
            .where(Organization.id.in_(ids))
            .order_by(Organization.employees.desc(), Organization.name)
            .limit(limit)
        )
        if total
        else []
    )
    return total, rows
