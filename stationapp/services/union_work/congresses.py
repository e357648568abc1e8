"""Workers' congresses (职代会) and general assemblies (职工大会) per workplace, and when the next
one is due: at least once every ``CONGRESS_INTERVAL_MONTHS`` after the last.

Which workplaces are expected to hold one (and so can be overdue): those that have held one, and
those whose union is founded (own or joint) with 25 or more employees, counted from their
founding date (from today when the founding date is not known: never overdue before it is
recorded). The Workplaces tab's "congress overdue" filter keeps ``overdue_congress_org_ids``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from stationapp.models.accounts import Staff
from stationapp.models.people import UNION_FOUNDED, Organization
from stationapp.models.union_work import CONGRESS_KINDS, CongressMeeting
from stationapp.services.accounts import require
from stationapp.services.union_work.common import (
    MAX_TEXT,
    RecordKind,
    add_months,
    create_record,
    past_day,
    refuse,
    translate,
    update_record,
    workplace,
)
from stationapp.services.validation import clean_texts

# 《企业民主管理规定》: the congress meets at least once a year.
CONGRESS_INTERVAL_MONTHS = 12
# Workplaces this large with a founded union are expected to hold congresses.
CONGRESS_EMPLOYEES = 25
MAX_DELEGATES = 100_000
MAX_PART = 500


@dataclass(frozen=True)
class CongressInput:
    held_on: date | None
    kind: str = "delegates"
    delegates: int | None = None
    matters: str = ""
    handbook_revised: bool = False
    station_part: str = ""


@dataclass(frozen=True)
class CongressDue:
    last_held: date | None
    due_on: date | None  # None: not expected to hold one
    overdue: bool


def _clean(data: CongressInput) -> dict[str, object]:
    values, errors = clean_texts(
        data, (("matters", MAX_TEXT, False), ("station_part", MAX_PART, False))
    )
    past_day(data.held_on, "held_on", errors, translate("UnionWork", "Give the day it was held."))
    if data.kind not in CONGRESS_KINDS:
        errors["kind"] = translate("UnionWork", "Choose the kind of meeting.")
    if data.delegates is not None and not 0 <= data.delegates <= MAX_DELEGATES:
        errors["delegates"] = translate("UnionWork", "Give the number of delegates present.")
    elif data.kind == "delegates" and not data.delegates:
        errors["delegates"] = translate(
            "UnionWork", "A workers' congress has delegates: give their number."
        )
    refuse(errors)
    values.update(
        held_on=data.held_on,
        kind=data.kind,
        delegates=data.delegates or None,
        handbook_revised=bool(data.handbook_revised),
    )
    return values


def _gone() -> str:
    return translate("UnionWork", "This meeting's record no longer exists.")


CONGRESS = RecordKind(CongressMeeting, "congress_meeting", lambda m: {"held_on": m.held_on})


def record_congress(actor: Staff, organization_id: int, data: CongressInput) -> CongressMeeting:
    require(actor, "workplace.agreements")
    return create_record(actor, CONGRESS, organization_id, _clean(data))


def update_congress(actor: Staff, meeting_id: int, data: CongressInput) -> CongressMeeting:
    require(actor, "workplace.agreements")
    return update_record(actor, CONGRESS, meeting_id, _clean(data), gone=_gone())


def list_congresses(actor: Staff, organization_id: int) -> list[CongressMeeting]:
    """The workplace's meetings, the latest first."""
    require(actor, "workplace.read")
    return CONGRESS.latest_first(organization_id, CongressMeeting.held_on)


def _expected(org: Organization) -> bool:
    return org.union_status in UNION_FOUNDED and (org.employees or 0) >= CONGRESS_EMPLOYEES


def due_after(last_held: date | None, org: Organization, on: date) -> CongressDue:
    """When the next meeting is due for ``org`` whose last meeting was ``last_held``."""
    if last_held is not None:
        due = add_months(last_held, CONGRESS_INTERVAL_MONTHS)
    elif _expected(org):
        due = add_months(org.union_founded_on or on, CONGRESS_INTERVAL_MONTHS)
    else:
        return CongressDue(None, None, False)
    return CongressDue(last_held, due, due < on)


def congress_due(actor: Staff, organization_id: int, on: date) -> CongressDue:
    """The workplace's next meeting due on ``on``'s view: the last held, the due day, overdue."""
    require(actor, "workplace.read")
    org = workplace(organization_id)
    last = (
        CongressMeeting.select(peewee.fn.MAX(CongressMeeting.held_on))
        .where(CongressMeeting.organization == org.id)
        .scalar()
    )
    return due_after(last, org, on)


def overdue_congresses(on: date) -> list[tuple[Organization, CongressDue]]:
    """Every active workplace whose meeting is overdue on ``on``, the longest overdue first:
    one grouped query for the last meetings, one for the workplaces."""
    last_held = dict(
        CongressMeeting.select(CongressMeeting.organization, peewee.fn.MAX(CongressMeeting.held_on))
        .group_by(CongressMeeting.organization)
        .tuples()
    )
    candidates = Organization.select().where(
        Organization.active,
        (Organization.id.in_(list(last_held)) if last_held else False)
        | (
            Organization.union_status.in_(UNION_FOUNDED)
            & (Organization.employees >= CONGRESS_EMPLOYEES)
        ),
    )
    found = []
    for org in candidates:
        due = due_after(last_held.get(org.id), org, on)
        if due.overdue:
            found.append((org, due))
    found.sort(key=lambda pair: (pair[1].due_on, pair[0].name))
    return found


def overdue_congress_org_ids(on: date) -> set[int]:
    """The ids of the workplaces whose congress is overdue on ``on``: what the Workplaces tab's
    filter keeps (the list's own service checks ``workplace.read``)."""
    return {org.id for org, _due in overdue_congresses(on)}
