"""The rooms themselves, the station's closed days and the counsellors' duty roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import excluding, lock_kind, transaction
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import COUNSELLOR, Staff
from stationapp.models.rooms import (
    ROOM_KINDS,
    WEEKDAYS,
    ClosedDay,
    CounsellorDuty,
    Room,
    RoomBooking,
)
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.rooms.hours import (
    MAX_CAPACITY,
    MAX_REASON,
    MAX_ROOM_NAME,
    SLOT_LENGTHS,
    parse_span,
)
from stationapp.services.validation import normalize_text
from stationapp.services.writes import writing

translate = QCoreApplication.translate


# --- rooms --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomInput:
    name: str
    kind: str
    capacity: int = 1
    hours: tuple[str, ...] = ("09:00-17:00",) * 5 + ("", "")  # Monday first
    slot_minutes: int = 60
    active: bool = True


def _clean_room(data: RoomInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    name = " ".join((data.name or "").split())
    if not name:
        errors["name"] = translate("Rooms", "Give the room a name.")
    elif len(name) > MAX_ROOM_NAME:
        errors["name"] = translate("Rooms", "The name is too long: at most 100 characters.")
    if data.kind not in ROOM_KINDS:
        errors["kind"] = translate("Rooms", "Choose what kind of room it is.")
    if not 1 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = translate("Rooms", "The capacity is a number from 1 to 1000.")
    if data.slot_minutes not in SLOT_LENGTHS:
        errors["slot_minutes"] = translate("Rooms", "Choose a slot length from the list.")
    spans: list[str] = []
    if len(data.hours) != WEEKDAYS:
        errors["hours"] = translate("Rooms", "Give the hours of each day of the week.")
    else:
        for text in data.hours:
            try:
                span = parse_span(text)
            except ValueError:
                errors["hours"] = translate(
                    "Rooms",
                    "Write the opening hours as 09:00-17:00, or leave the day empty when closed.",
                )
                break
            spans.append(f"{span[0]:%H:%M}-{span[1]:%H:%M}" if span else "")
    raise_field_errors(errors)
    return {
        "name": name,
        "kind": data.kind,
        "capacity": data.capacity,
        "hours": ";".join(spans),
        "slot_minutes": data.slot_minutes,
        "active": data.active,
    }


def _name_taken(name: str, room_id: int | None) -> None:
    if excluding(Room.select().where(peewee.fn.LOWER(Room.name) == name.lower()), room_id).exists():
        raise ValidationError(
            translate("Rooms", "There is already a room of this name."), field="name"
        )


def list_rooms(actor: Staff, *, include_inactive: bool = False) -> list[Room]:
    require(actor, "room.read")
    query = Room.select().order_by(Room.name)
    if not include_inactive:
        query = query.where(Room.active)
    return list(query)


def create_room(actor: Staff, data: RoomInput) -> Room:
    with writing(actor, "room.manage", notify="room", lock=True):
        values = _clean_room(data)
        lock_kind("room")
        _name_taken(str(values["name"]), None)
        room = Room.create(**values)
        audit(actor, "create", "room", room.id, values)
    return room


def update_room(actor: Staff, room_id: int, data: RoomInput) -> Room:
    require(actor, "room.manage")
    values = _clean_room(data)
    with transaction(lock=True):
        lock_kind("room")
        room = history.locked(Room, room_id, _room_gone())
        _name_taken(str(values["name"]), room.id)
        changed = {k: v for k, v in values.items() if getattr(room, k) != v}
        if not changed:
            return room
        Room.update(changed).where(Room.id == room.id).execute()
        audit(actor, "update", "room", room.id, changed)
    changes.notify("room")
    return Room.get_by_id(room_id)


def _room_gone() -> str:
    return translate("Rooms", "This room is no longer on file.")


# --- the station's closed days ------------------------------------------------------------------


def closed_days(actor: Staff, date_from: date, date_to: date) -> list[ClosedDay]:
    require(actor, "room.read")
    return list(
        ClosedDay.select().where(ClosedDay.day.between(date_from, date_to)).order_by(ClosedDay.day)
    )


def add_closed_day(actor: Staff, day: date, reason: str) -> ClosedDay:
    """Close the station on ``day``; the bookings already made that day stay for the desk to
    call off one by one (they are listed in the week view, on a closed day)."""
    with writing(actor, "room.manage", notify="room", lock=True):
        clean = normalize_text(reason, field="reason", max_length=MAX_REASON)
        lock_kind("closed_day")
        if ClosedDay.select().where(ClosedDay.day == day).exists():
            raise ValidationError(
                translate("Rooms", "The station is already closed on this day."), field="day"
            )
        row = ClosedDay.create(day=day, reason=clean)
        audit(actor, "create", "closed_day", row.id, {"day": day, "reason": clean})
    return row


def remove_closed_day(actor: Staff, day: date) -> None:
    """Open the station again on ``day`` (a closed day has no history of its own)."""
    with writing(actor, "room.manage", notify="room", lock=True):
        row = ClosedDay.get_or_none(ClosedDay.day == day)
        if row is None:
            raise NotFound(translate("Rooms", "The station is not closed on this day."))
        ClosedDay.delete().where(ClosedDay.id == row.id).execute()
        audit(actor, "delete", "closed_day", row.id, {"day": day})


# --- the counsellors' roster --------------------------------------------------------------------


def counsellors(actor: Staff) -> list[Staff]:
    """The active staff with the counsellor role."""
    require(actor, "room.read")
    return [
        s
        for s in Staff.select().where(Staff.active).order_by(Staff.display_name)
        if COUNSELLOR in s.role_set
    ]


def add_duty(
    actor: Staff, counsellor_id: int, starts_at: datetime, ends_at: datetime
) -> CounsellorDuty:
    with writing(actor, "room.manage", notify="room", lock=True):
        if ends_at <= starts_at or ends_at.date() != starts_at.date():
            raise ValidationError(
                translate("Rooms", "A duty ends after it starts, on the same day."), field="ends_at"
            )
        lock_kind("counsellor")
        counsellor = Staff.get_or_none(Staff.id == counsellor_id)
        if counsellor is None or not counsellor.active or COUNSELLOR not in counsellor.role_set:
            raise ValidationError(
                translate("Rooms", "Choose an active staff member with the counsellor role."),
                field="counsellor",
            )
        if (
            CounsellorDuty.select()
            .where(
                CounsellorDuty.counsellor == counsellor_id,
                CounsellorDuty.starts_at < ends_at,
                CounsellorDuty.ends_at > starts_at,
            )
            .exists()
        ):
            raise ValidationError(
                translate("Rooms", "{name} is already on duty at that time.").format(
                    name=counsellor.display_name
                ),
                field="starts_at",
            )
        duty = CounsellorDuty.create(counsellor=counsellor_id, starts_at=starts_at, ends_at=ends_at)
        audit(
            actor,
            "create",
            "counsellor_duty",
            duty.id,
            {"counsellor": counsellor_id, "starts_at": starts_at, "ends_at": ends_at},
        )
    return duty


def remove_duty(actor: Staff, duty_id: int) -> None:
    """Take a duty off the roster; refused while a session of that counsellor falls in it."""
    with writing(actor, "room.manage", notify="room", lock=True):
        lock_kind("counsellor")
        duty = CounsellorDuty.get_or_none(CounsellorDuty.id == duty_id)
        if duty is None:
            raise NotFound(translate("Rooms", "This duty is no longer on the roster."))
        if (
            RoomBooking.select()
            .where(
                RoomBooking.counsellor == duty.counsellor_id,
                RoomBooking.state == "booked",
                RoomBooking.starts_at < duty.ends_at,
                RoomBooking.ends_at > duty.starts_at,
            )
            .exists()
        ):
            raise ValidationError(
                translate(
                    "Rooms",
                    "Sessions are booked with this counsellor during the duty: move or cancel "
                    "them first.",
                ),
                field="duty",
            )
        CounsellorDuty.delete().where(CounsellorDuty.id == duty.id).execute()
        audit(actor, "delete", "counsellor_duty", duty.id, {"counsellor": duty.counsellor_id})


def roster(actor: Staff, date_from: date, date_to: date) -> list[CounsellorDuty]:
    require(actor, "room.read")
    return list(
        CounsellorDuty.select(CounsellorDuty, Staff)
        .join(Staff)
        .where(
            CounsellorDuty.starts_at >= datetime.combine(date_from, time.min),
            CounsellorDuty.starts_at < datetime.combine(date_to + timedelta(days=1), time.min),
        )
        .order_by(CounsellorDuty.starts_at, Staff.display_name)
    )
