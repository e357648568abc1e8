"""Attendance: the roster, check-in, marking from a list of names, the roster export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee

from stationapp.db import count_per, now, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.events import COUNTED_STATES, Event, Registration
from stationapp.models.people import Organization, Person
from stationapp.services.accounts import audit, require
from stationapp.services.events._common import state_label, translate
from stationapp.services.events.planning import get_event
from stationapp.services.people import hands_people, normalize_name
from stationapp.services.private_files import private_output
from stationapp.services.spreadsheet import xlsx_row
from stationapp.services.writes import writing


@hands_people
def roster(actor: Staff, event_id: int) -> list[Registration]:
    """Everyone registered: the counted first, then the waitlist in its order, then the rest."""
    require(actor, "event.read")
    rows = list(
        Registration.select(Registration, Person, Organization)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Registration.event == event_id)
    )
    rank = {
        "confirmed": 0,
        "offered": 0,
        "attended": 0,
        "no_show": 0,
        "pending": 1,
        "waitlisted": 2,
    }
    rows.sort(
        key=lambda r: (
            rank.get(r.state, 3),
            -r.priority if r.state == "waitlisted" else 0,
            r.waitlisted_at or r.created_at,
            r.id,
        )
    )
    return rows


def no_show_counts(person_ids: list[int]) -> dict[int, int]:
    return count_per(Registration.person, person_ids, Registration.state == "no_show")


@hands_people
def check_in(actor: Staff, event_id: int, person_id: int) -> Registration:
    with writing(actor, "event.register", notify="registration"):
        registration = Registration.get_or_none(
            Registration.event == event_id,
            Registration.person == person_id,
            Registration.state.in_(["confirmed", "offered", "no_show"]),
        )
        if registration is None:
            raise ValidationError(
                translate("Events", "This person has no place at this event."), field="person"
            )
        registration.state = "attended"
        registration.checked_in_at = now()
        registration.save()
        audit(actor, "check_in", "event", event_id, {"person": person_id})
    return registration


@dataclass(frozen=True)
class BulkAttendance:
    marked: list[str]
    unknown: list[str]  # names on the sheet with no place at the event
    ambiguous: list[str]  # names shared by several registered people


def mark_attendance(actor: Staff, event_id: int, names: list[str]) -> BulkAttendance:
    """Mark attendance from a paper sign-in sheet: one name per line, in any spelling of the
    name's dot (买买提•艾力 is 买买提·艾力)."""
    with writing(actor, "event.register", notify="registration"):
        wanted = [normalize_name(n) for n in names if n.strip()]
        if not Event.select().where(Event.id == event_id).exists():
            raise NotFound(translate("Events", "This event no longer exists."))
        rows = list(
            Registration.select(Registration, Person)
            .join(Person)
            .where(
                Registration.event == event_id,
                Registration.state.in_(["confirmed", "offered", "no_show", "attended"]),
            )
        )
        by_name: dict[str, list[Registration]] = {}
        for row in rows:
            by_name.setdefault(normalize_name(row.person.name), []).append(row)
        marked, unknown, ambiguous = [], [], []
        moment = now()
        for name in dict.fromkeys(wanted):
            found = by_name.get(name, [])
            if not found:
                unknown.append(name)
            elif len(found) > 1:
                ambiguous.append(name)
            else:
                registration = found[0]
                if registration.state != "attended":
                    registration.state = "attended"
                    registration.checked_in_at = moment
                    registration.save()
                marked.append(name)
        audit(actor, "mark_attendance", "event", event_id, {"marked": len(marked)})
    return BulkAttendance(marked, unknown, ambiguous)


def export_roster(actor: Staff, event_id: int, path: Path) -> int:
    """The roster and the waitlist as an Excel workbook (two sheets)."""
    require(actor, "event.read")
    from openpyxl import Workbook

    from stationapp.services.people import exported_phone, gender_label

    event = get_event(actor, event_id)
    rows = roster(actor, event_id)
    workbook = Workbook()
    places = workbook.active
    places.title = translate("Events", "Roster")
    waitlist = workbook.create_sheet(translate("Events", "Waitlist"))
    header = [
        translate("Events", "No."),
        translate("Events", "Name"),
        translate("Events", "Gender"),
        translate("Events", "Phone"),
        translate("Events", "Workplace"),
        translate("Events", "State"),
    ]
    places.append(xlsx_row(places, [event.title]))
    waitlist.append(xlsx_row(waitlist, [event.title]))
    places.append(header)
    waitlist.append(header)
    counted = waiting = 0
    for row in rows:
        person = row.person
        values = [
            person.name,
            gender_label(person.gender),
            exported_phone(actor, person.phone),
            person.workplace.name if person.workplace_id else "",
            state_label(row.state),
        ]
        if row.state in COUNTED_STATES:
            counted += 1
            places.append(xlsx_row(places, [counted, *values]))
        elif row.state == "waitlisted":
            waiting += 1
            waitlist.append(xlsx_row(waitlist, [waiting, *values]))
    with private_output(path) as partial:
        workbook.save(partial)
    with transaction():
        audit(actor, "export", "event", event_id, {"rows": counted + waiting})
    return counted + waiting
