"""Rooms and their bookings (issue 24): the week view of a room, bookings at the desk or by
phone, the counsellors' duty roster, and the confidentiality of the decompression room.

Who booked the decompression room (职工心理减压室), and the booking's note, is shown only to the
roles with ``room.confidential`` (the counsellors and the station head); everyone else sees the
slot as booked. A note on such a booking is health data (PIPL Art. 28): it needs the worker's
health consent on record.

A slot is scarce: a booking locks the room (SQLite: the IMMEDIATE transaction; PostgreSQL: the
room's row FOR UPDATE and an advisory lock for the counsellors), then counts what holds the slot,
then writes (DESIGN.md rule 3); a partial unique index is the backstop.

Closed days: China's public holidays and adjusted working days (调休) from ``chinese-calendar``,
plus the station's own. An adjusted working day on a weekend opens with the room's Monday hours.
For a year the library does not know yet (the State Council publishes each year's holidays in
November) only the weekly hours and the station's own closed days apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import lock_kind, now, today, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import COUNSELLOR, Staff
from stationapp.models.people import Person
from stationapp.models.rooms import (
    CHANNELS,
    DECOMPRESSION,
    HOLDING_STATES,
    ROOM_KINDS,
    WEEKDAYS,
    ClosedDay,
    CounsellorDuty,
    Room,
    RoomBooking,
)
from stationapp.services import changes, history
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.consent import has_consent
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

MAX_ROOM_NAME = 100
MAX_NOTE = 1000
MAX_REASON = 200
MAX_CAPACITY = 1000
SLOT_LENGTHS: tuple[int, ...] = (15, 20, 30, 45, 60, 90, 120, 180, 240)
MAX_SLOTS = 8  # one booking: at most this many slots in a row
BOOKABLE_DAYS_AHEAD = 366


# --- labels -------------------------------------------------------------------------------------


def room_kind_label(kind: str) -> str:
    return {
        "decompression": translate("Rooms", "Psychological decompression room"),
        "mediation": translate("Rooms", "Mediation room"),
        "activity": translate("Rooms", "Activity room"),
        "reading": translate("Rooms", "Reading room"),
        "other": translate("Rooms", "Other room"),
    }.get(kind, kind)


def booking_state_label(state: str) -> str:
    return {
        "booked": translate("Rooms", "Booked"),
        "checked_in": translate("Rooms", "Checked in"),
        "no_show": translate("Rooms", "No-show"),
        "cancelled": translate("Rooms", "Cancelled"),
    }.get(state, state)


def channel_label(channel: str) -> str:
    return {
        "desk": translate("Rooms", "At the desk"),
        "phone": translate("Rooms", "By phone"),
    }.get(channel, channel)


# --- opening hours and closed days ---------------------------------------------------------------


def parse_span(text: str) -> tuple[time, time] | None:
    """ "09:00-17:00" as its two times; "" as None (closed). Raises ValueError for anything else."""
    text = text.strip().replace("–", "-").replace("：", ":")
    if not text:
        return None
    start_text, sep, end_text = text.partition("-")
    if not sep:
        raise ValueError(text)
    start = time.fromisoformat(start_text.strip().zfill(5))
    end = time.fromisoformat(end_text.strip().zfill(5))
    if end <= start:
        raise ValueError(text)
    return start, end


def weekly_hours(room: Room) -> list[tuple[time, time] | None]:
    parts = (room.hours or "").split(";")
    parts += [""] * (WEEKDAYS - len(parts))
    spans: list[tuple[time, time] | None] = []
    for part in parts[:WEEKDAYS]:
        try:
            spans.append(parse_span(part))
        except ValueError:
            spans.append(None)
    return spans


def public_day(day: date) -> tuple[bool | None, str]:
    """(True, name) on a public holiday, (False, "") on an adjusted working day that falls on a
    weekend, (None, "") on an ordinary day or in a year the calendar does not know yet."""
    import chinese_calendar

    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None, ""
    if holiday and name:
        return True, _holiday_name(name)
    if not holiday and day.weekday() >= 5:
        return False, ""
    return None, ""


def _holiday_name(name: str) -> str:
    return {
        "New Year's Day": translate("Rooms", "New Year's Day"),
        "Spring Festival": translate("Rooms", "Spring Festival"),
        "Tomb-sweeping Day": translate("Rooms", "Qingming Festival"),
        "Labour Day": translate("Rooms", "Labour Day"),
        "Dragon Boat Festival": translate("Rooms", "Dragon Boat Festival"),
        "National Day": translate("Rooms", "National Day"),
        "Mid-autumn Festival": translate("Rooms", "Mid-Autumn Festival"),
    }.get(name, name)


def _station_closed(date_from: date, date_to: date) -> dict[date, str]:
    rows = ClosedDay.select().where(ClosedDay.day.between(date_from, date_to))
    return {row.day: row.reason or translate("Rooms", "Station closed") for row in rows}


def day_hours(
    room: Room, day: date, station_closed: dict[date, str]
) -> tuple[tuple[time, time] | None, str]:
    """The room's opening hours on ``day`` and, when it is closed, why."""
    if day in station_closed:
        return None, station_closed[day]
    holiday, name = public_day(day)
    hours = weekly_hours(room)
    if holiday:
        return None, name
    span = hours[0] if holiday is False else hours[day.weekday()]
    if span is None:
        return None, translate("Rooms", "Closed")
    return span, ""


def slot_starts(room: Room, span: tuple[time, time], day: date) -> list[datetime]:
    start = datetime.combine(day, span[0])
    end = datetime.combine(day, span[1])
    step = timedelta(minutes=room.slot_minutes)
    starts = []
    moment = start
    while moment + step <= end:
        starts.append(moment)
        moment += step
    return starts


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
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return {
        "name": name,
        "kind": data.kind,
        "capacity": data.capacity,
        "hours": ";".join(spans),
        "slot_minutes": data.slot_minutes,
        "active": data.active,
    }


def _name_taken(name: str, room_id: int | None) -> None:
    query = Room.select().where(peewee.fn.LOWER(Room.name) == name.lower())
    if room_id is not None:
        query = query.where(Room.id != room_id)
    if query.exists():
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
    require(actor, "room.manage")
    values = _clean_room(data)
    with transaction(lock=True):
        lock_kind("room")
        _name_taken(str(values["name"]), None)
        room = Room.create(**values)
        audit(actor, "create", "room", room.id, values)
    changes.notify("room")
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
    require(actor, "room.manage")
    clean = normalize_text(reason, field="reason", max_length=MAX_REASON)
    with transaction(lock=True):
        lock_kind("closed_day")
        if ClosedDay.select().where(ClosedDay.day == day).exists():
            raise ValidationError(
                translate("Rooms", "The station is already closed on this day."), field="day"
            )
        row = ClosedDay.create(day=day, reason=clean)
        audit(actor, "create", "closed_day", row.id, {"day": day, "reason": clean})
    changes.notify("room")
    return row


def remove_closed_day(actor: Staff, day: date) -> None:
    """Open the station again on ``day`` (a closed day has no history of its own)."""
    require(actor, "room.manage")
    with transaction(lock=True):
        row = ClosedDay.get_or_none(ClosedDay.day == day)
        if row is None:
            raise NotFound(translate("Rooms", "The station is not closed on this day."))
        ClosedDay.delete().where(ClosedDay.id == row.id).execute()
        audit(actor, "delete", "closed_day", row.id, {"day": day})
    changes.notify("room")


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
    require(actor, "room.manage")
    if ends_at <= starts_at or ends_at.date() != starts_at.date():
        raise ValidationError(
            translate("Rooms", "A duty ends after it starts, on the same day."), field="ends_at"
        )
    with transaction(lock=True):
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
    changes.notify("room")
    return duty


def remove_duty(actor: Staff, duty_id: int) -> None:
    """Take a duty off the roster; refused while a session of that counsellor falls in it."""
    require(actor, "room.manage")
    with transaction(lock=True):
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
    changes.notify("room")


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


# --- what a role is shown of a booking ----------------------------------------------------------


@dataclass(frozen=True)
class BookingView:
    """A booking as the acting role may see it: ``hidden`` when the room is the decompression
    room and the role may not know who booked it (no person, no note)."""

    id: int
    room_id: int
    room_name: str
    room_kind: str
    starts_at: datetime
    ends_at: datetime
    state: str
    channel: str
    hidden: bool
    person_id: int | None
    person_name: str
    note: str
    wants_counsellor: bool
    counsellor_id: int | None
    counsellor_name: str

    @property
    def who(self) -> str:
        return translate("Rooms", "Booked") if self.hidden else self.person_name


def _views(actor: Staff, query: peewee.ModelSelect) -> list[BookingView]:
    counsellor = Staff.alias()
    rows = (
        query.select(RoomBooking, Room, Person.id, Person.name, counsellor.display_name)
        .join_from(RoomBooking, Room)
        .join_from(RoomBooking, Person)
        .join_from(
            RoomBooking,
            counsellor,
            peewee.JOIN.LEFT_OUTER,
            on=(RoomBooking.counsellor == counsellor.id),
            attr="counsellor_row",
        )
    )
    seen = {
        DECOMPRESSION: has_permission(actor, "room.confidential"),
    }
    views = []
    for b in rows:
        visible = seen.get(b.room.kind, True)
        counsellor_row = getattr(b, "counsellor_row", None)
        views.append(
            BookingView(
                id=b.id,
                room_id=b.room.id,
                room_name=b.room.name,
                room_kind=b.room.kind,
                starts_at=b.starts_at,
                ends_at=b.ends_at,
                state=b.state,
                channel=b.channel,
                hidden=not visible,
                person_id=b.person.id if visible else None,
                person_name=b.person.name if visible else "",
                note=b.note if visible else "",
                wants_counsellor=b.wants_counsellor,
                counsellor_id=b.counsellor_id,
                counsellor_name=counsellor_row.display_name
                if counsellor_row is not None and b.counsellor_id
                else "",
            )
        )
    return views


def _view_of(actor: Staff, booking_id: int) -> BookingView:
    return _views(actor, RoomBooking.select().where(RoomBooking.id == booking_id))[0]


def get_booking(actor: Staff, booking_id: int) -> BookingView:
    require(actor, "room.read")
    views = _views(actor, RoomBooking.select().where(RoomBooking.id == booking_id))
    if not views:
        raise NotFound(_booking_gone())
    return views[0]


def _booking_gone() -> str:
    return translate("Rooms", "This booking is no longer on file.")


# --- the week view ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    closed: str = ""  # why the room is closed then; "" when open
    booking: BookingView | None = None

    @property
    def free(self) -> bool:
        return not self.closed and self.booking is None


@dataclass
class Week:
    room: Room
    days: list[date]
    times: list[time]  # the rows: every slot start of the week, in order
    slots: dict[tuple[int, int], Slot] = field(default_factory=dict)  # (row, day) -> slot
    closed_days: dict[int, str] = field(default_factory=dict)  # day -> why, for a closed day

    def slot(self, row: int, column: int) -> Slot | None:
        return self.slots.get((row, column))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week(actor: Staff, room_id: int, monday: date) -> Week:
    """The room's week from ``monday``: a slot per row and day, free, booked or closed."""
    require(actor, "room.read")
    room = Room.get_or_none(Room.id == room_id)
    if room is None:
        raise NotFound(_room_gone())
    days = [monday + timedelta(days=i) for i in range(WEEKDAYS)]
    station = _station_closed(days[0], days[-1])
    spans = [day_hours(room, day, station) for day in days]
    times = sorted(
        {
            start.time()
            for (span, _), day in zip(spans, days, strict=True)
            if span
            for start in slot_starts(room, span, day)
        }
    )
    bookings = _views(
        actor,
        RoomBooking.select().where(
            RoomBooking.room == room.id,
            RoomBooking.state.in_(list(HOLDING_STATES)),
            RoomBooking.starts_at >= datetime.combine(days[0], time.min),
            RoomBooking.starts_at < datetime.combine(days[-1] + timedelta(days=1), time.min),
        ),
    )
    step = timedelta(minutes=room.slot_minutes)
    result = Week(room=room, days=days, times=times)
    covering: dict[datetime, BookingView] = {}
    for b in bookings:
        moment = b.starts_at
        while moment < b.ends_at:
            covering[moment] = b
            moment += step
    for column, (day, (span, why)) in enumerate(zip(days, spans, strict=True)):
        if span is None:
            result.closed_days[column] = why
        open_starts = set(slot_starts(room, span, day)) if span else set()
        for row, moment_time in enumerate(times):
            start = datetime.combine(day, moment_time)
            closed = "" if start in open_starts else (why or translate("Rooms", "Closed"))
            booking = covering.get(start)
            result.slots[(row, column)] = Slot(start, start + step, closed, booking)
    return result


# --- booking ------------------------------------------------------------------------------------


class SlotTaken(ValidationError):
    """Someone else holds the slot (the week view was out of date, or another desk was quicker)."""


@dataclass(frozen=True)
class BookingInput:
    room_id: int
    person_id: int
    starts_at: datetime
    slots: int = 1
    channel: str = "desk"
    note: str = ""
    wants_counsellor: bool = False
    counsellor_id: int | None = None  # None: the first counsellor on duty and free


def _check_time(room: Room, starts_at: datetime, slots: int, *, moment: datetime) -> datetime:
    """The end of a booking of ``slots`` slots from ``starts_at``; refuses a time the room is
    closed, one off the slot grid, one past, one too far ahead."""
    if not 1 <= slots <= MAX_SLOTS:
        raise ValidationError(translate("Rooms", "Book from 1 to 8 slots in a row."), field="slots")
    day = starts_at.date()
    span, why = day_hours(room, day, _station_closed(day, day))
    if span is None:
        raise ValidationError(
            translate("Rooms", "The room is closed on {day} ({why}).").format(
                day=day.isoformat(), why=why
            ),
            field="starts_at",
        )
    if starts_at not in slot_starts(room, span, day):
        raise ValidationError(
            translate("Rooms", "Choose a slot of the room's week view."), field="starts_at"
        )
    ends_at = starts_at + timedelta(minutes=room.slot_minutes * slots)
    if ends_at > datetime.combine(day, span[1]):
        raise ValidationError(
            translate("Rooms", "The room closes at {time}: book fewer slots.").format(
                time=f"{span[1]:%H:%M}"
            ),
            field="slots",
        )
    if ends_at <= moment:
        raise ValidationError(translate("Rooms", "This time has passed."), field="starts_at")
    if day > moment.date() + timedelta(days=BOOKABLE_DAYS_AHEAD):
        raise ValidationError(
            translate("Rooms", "Bookings are taken up to a year ahead."), field="starts_at"
        )
    return ends_at


def _check_free(
    room: Room, person: Person, starts_at: datetime, ends_at: datetime, skip: int | None
) -> None:
    """Count what holds the room, and the person, in the time: the recount after the lock."""
    overlap = RoomBooking.select().where(
        RoomBooking.state.in_(list(HOLDING_STATES)),
        RoomBooking.starts_at < ends_at,
        RoomBooking.ends_at > starts_at,
    )
    if skip is not None:
        overlap = overlap.where(RoomBooking.id != skip)
    if overlap.where(RoomBooking.room == room.id).exists():
        raise SlotTaken(
            translate("Rooms", "{room} is already booked at that time.").format(room=room.name),
            field="starts_at",
        )
    other = overlap.where(RoomBooking.person == person.id).join(Room).first()
    if other is not None:
        raise ValidationError(
            translate("Rooms", "{name} has booked {room} at that time already.").format(
                name=person.name, room=other.room.name
            ),
            field="person",
        )


def _free_counsellor(
    starts_at: datetime, ends_at: datetime, wanted: int | None, skip: int | None
) -> Staff:
    on_duty = (
        Staff.select()
        .join(CounsellorDuty, on=(CounsellorDuty.counsellor == Staff.id))
        .where(
            Staff.active,
            CounsellorDuty.starts_at <= starts_at,
            CounsellorDuty.ends_at >= ends_at,
        )
        .order_by(Staff.display_name, Staff.id)
    )
    if wanted is not None:
        on_duty = on_duty.where(Staff.id == wanted)
    busy = RoomBooking.select(RoomBooking.counsellor).where(
        RoomBooking.counsellor.is_null(False),
        RoomBooking.state.in_(list(HOLDING_STATES)),
        RoomBooking.starts_at < ends_at,
        RoomBooking.ends_at > starts_at,
    )
    if skip is not None:
        busy = busy.where(RoomBooking.id != skip)
    free = [s for s in on_duty.where(Staff.id.not_in(busy)) if COUNSELLOR in s.role_set]
    if not free:
        raise ValidationError(
            translate(
                "Rooms",
                "No counsellor is on duty and free at that time: choose another slot, or book "
                "without a counsellor.",
            ),
            field="counsellor",
        )
    return free[0]


def _active_person(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None or not person.active or person.anonymised_at is not None:
        raise NotFound(translate("Rooms", "This person is no longer on file."))
    return person


def book(actor: Staff, data: BookingInput) -> BookingView:
    """Book a room for a worker. Refusals name the field: the slot taken (SlotTaken), the
    room closed, no counsellor free, a note without the worker's health consent."""
    require(actor, "room.book")
    errors: dict[str, str] = {}
    if data.channel not in CHANNELS:
        errors["channel"] = translate("Rooms", "Choose how the booking was made.")
    try:
        note = normalize_text(data.note, field="note", max_length=MAX_NOTE)
    except ValidationError as exc:
        errors["note"] = exc.message
        note = ""
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    moment = now()
    try:
        with transaction(lock=True):
            lock_kind("room_booking")  # PostgreSQL: the person's and counsellors' other rooms
            room = history.locked(Room, data.room_id, _room_gone())
            if not room.active:
                raise ValidationError(
                    translate("Rooms", "This room is not in use any more."), field="room"
                )
            person = _active_person(data.person_id)
            ends_at = _check_time(room, data.starts_at, data.slots, moment=moment)
            if note and room.kind == DECOMPRESSION and not has_consent(person.id, "health"):
                raise ValidationError(
                    translate(
                        "Rooms",
                        "A note on a decompression session needs the worker's consent to health "
                        "data. Record the consent on their page first, or leave the note empty.",
                    ),
                    field="note",
                )
            if data.wants_counsellor and room.kind != DECOMPRESSION:
                raise ValidationError(
                    translate("Rooms", "Counsellors are booked with the decompression room only."),
                    field="counsellor",
                )
            _check_free(room, person, data.starts_at, ends_at, None)
            counsellor = (
                _free_counsellor(data.starts_at, ends_at, data.counsellor_id, None)
                if data.wants_counsellor
                else None
            )
            booking = RoomBooking.create(
                room=room.id,
                person=person.id,
                starts_at=data.starts_at,
                ends_at=ends_at,
                state="booked",
                channel=data.channel,
                note=note,
                wants_counsellor=data.wants_counsellor,
                counsellor=counsellor.id if counsellor else None,
                staff=actor.id,
                created_at=moment,
            )
            audit(
                actor,
                "book",
                "room_booking",
                booking.id,
                {
                    "room": room.id,
                    "person": person.id,
                    "starts_at": data.starts_at,
                    "ends_at": ends_at,
                    "channel": data.channel,
                    "counsellor": counsellor.id if counsellor else None,
                },
            )
    except peewee.IntegrityError as exc:  # the backstop: another desk was quicker
        raise SlotTaken(
            translate("Rooms", "This slot was booked at another desk a moment ago."),
            field="starts_at",
        ) from exc
    changes.notify("room_booking")
    return _view_of(actor, booking.id)


def _locked_booking(booking_id: int) -> RoomBooking:
    return history.locked(RoomBooking, booking_id, _booking_gone())


def _require_state(booking: RoomBooking, *states: str) -> None:
    if booking.state not in states:
        raise ValidationError(
            translate("Rooms", "The booking is {state}: this cannot be done any more.").format(
                state=booking_state_label(booking.state)
            ),
            field="state",
        )


def move_booking(actor: Staff, booking_id: int, starts_at: datetime) -> BookingView:
    """The same booking (room, length, counsellor if still free, else another on duty) at new
    times; the audit entry keeps the old ones."""
    require(actor, "room.book")
    moment = now()
    try:
        with transaction(lock=True):
            lock_kind("room_booking")
            booking = _locked_booking(booking_id)
            _require_state(booking, "booked")
            room = history.locked(Room, booking.room_id, _room_gone())
            slots = max(
                1,
                int((booking.ends_at - booking.starts_at).total_seconds() // 60)
                // room.slot_minutes,
            )
            ends_at = _check_time(room, starts_at, slots, moment=moment)
            _check_free(room, booking.person, starts_at, ends_at, booking.id)
            counsellor_id = booking.counsellor_id
            if booking.wants_counsellor:
                try:
                    counsellor_id = _free_counsellor(
                        starts_at, ends_at, booking.counsellor_id, booking.id
                    ).id
                except ValidationError:
                    counsellor_id = _free_counsellor(starts_at, ends_at, None, booking.id).id
            old = {"starts_at": booking.starts_at, "ends_at": booking.ends_at}
            RoomBooking.update(
                starts_at=starts_at, ends_at=ends_at, counsellor=counsellor_id
            ).where(RoomBooking.id == booking.id).execute()
            audit(
                actor,
                "move",
                "room_booking",
                booking.id,
                {
                    "from": old,
                    "to": {"starts_at": starts_at, "ends_at": ends_at},
                    "counsellor": counsellor_id,
                },
            )
    except peewee.IntegrityError as exc:
        raise SlotTaken(
            translate("Rooms", "This slot was booked at another desk a moment ago."),
            field="starts_at",
        ) from exc
    changes.notify("room_booking")
    return _view_of(actor, booking_id)


def _settle(
    actor: Staff,
    booking_id: int,
    state: str,
    refusal: Callable[[RoomBooking, datetime], str],
) -> BookingView:
    """A booked slot cancelled, checked in or marked a no-show, unless ``refusal`` says why
    not (a non-empty message)."""
    with transaction():
        booking = _locked_booking(booking_id)
        _require_state(booking, "booked")
        moment = now()
        problem = refusal(booking, moment)
        if problem:
            raise ValidationError(problem, field="state")
        values: dict[str, object] = {"state": state}
        if state == "checked_in":
            values["checked_in_at"] = moment
        else:
            values.update(closed_at=moment, closed_by=actor.id)
        RoomBooking.update(**values).where(RoomBooking.id == booking.id).execute()
        action = {"cancelled": "cancel", "checked_in": "check_in", "no_show": "no_show"}[state]
        audit(actor, action, "room_booking", booking.id, {"starts_at": booking.starts_at})
    changes.notify("room_booking")
    return _view_of(actor, booking_id)


def cancel_booking(actor: Staff, booking_id: int) -> BookingView:
    require(actor, "room.book")
    return _settle(actor, booking_id, "cancelled", lambda _booking, _moment: "")


def check_in(actor: Staff, booking_id: int) -> BookingView:
    """The worker came: on the day of the booking only."""
    require(actor, "room.book")

    def refusal(booking: RoomBooking, moment: datetime) -> str:
        if booking.starts_at.date() == moment.date():
            return ""
        return translate("Rooms", "Check in on the day of the booking ({day}).").format(
            day=booking.starts_at.date().isoformat()
        )

    return _settle(actor, booking_id, "checked_in", refusal)


def mark_no_show(actor: Staff, booking_id: int) -> BookingView:
    """The worker did not come: once the booked time has begun."""
    require(actor, "room.book")

    def refusal(booking: RoomBooking, moment: datetime) -> str:
        if booking.starts_at <= moment:
            return ""
        return translate("Rooms", "A booking becomes a no-show only once its time has begun.")

    return _settle(actor, booking_id, "no_show", refusal)


# --- lists ------------------------------------------------------------------------------------


def bookings_of_person(actor: Staff, person_id: int) -> list[BookingView]:
    """The person's bookings, newest first; the decompression room's only for the roles that may
    know who booked it (for the others the person page shows none: the list itself would
    reveal it)."""
    require(actor, "room.read")
    query = RoomBooking.select().where(RoomBooking.person == person_id)
    if not has_permission(actor, "room.confidential"):
        query = query.where(
            RoomBooking.room.not_in(Room.select(Room.id).where(Room.kind == DECOMPRESSION))
        )
    return _views(actor, query.order_by(RoomBooking.starts_at.desc()).limit(200))


def bookings_on(actor: Staff, day: date) -> list[BookingView]:
    """Every room's bookings of ``day`` that hold a slot, in time order (the Today tab)."""
    require(actor, "room.read")
    query = RoomBooking.select().where(
        RoomBooking.state.in_(list(HOLDING_STATES)),
        RoomBooking.starts_at >= datetime.combine(day, time.min),
        RoomBooking.starts_at < datetime.combine(day + timedelta(days=1), time.min),
    )
    return sorted(_views(actor, query), key=lambda b: (b.starts_at, b.room_name))


def my_sessions(actor: Staff, day: date | None = None) -> list[BookingView]:
    """The counsellor's own sessions of the day."""
    require(actor, "room.confidential")
    day = day or today()
    query = RoomBooking.select().where(
        RoomBooking.counsellor == actor.id,
        RoomBooking.state.in_(list(HOLDING_STATES)),
        RoomBooking.starts_at >= datetime.combine(day, time.min),
        RoomBooking.starts_at < datetime.combine(day + timedelta(days=1), time.min),
    )
    return sorted(_views(actor, query), key=lambda b: b.starts_at)


# --- usage (the report's 使用频率) ---------------------------------------------------------------


@dataclass(frozen=True)
class RoomUsage:
    room: str
    kind: str
    bookings: int  # that held a slot (booked, checked in, no-show)
    hours_booked: float
    hours_open: float
    sessions_held: int  # checked in

    @property
    def occupancy(self) -> float:
        return self.hours_booked / self.hours_open if self.hours_open else 0.0


def usage(actor: Staff, date_from: date, date_to: date) -> list[RoomUsage]:
    """Per room: bookings, hours booked against hours open, sessions held. Counts only."""
    require(actor, "room.read")
    return usage_figures(date_from, date_to)


def usage_figures(date_from: date, date_to: date) -> list[RoomUsage]:
    """``usage`` for a caller that has checked the permission (the station report)."""
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to + timedelta(days=1), time.min)
    rows = (
        RoomBooking.select(
            RoomBooking.room, RoomBooking.state, RoomBooking.starts_at, RoomBooking.ends_at
        )
        .where(
            RoomBooking.state.in_(list(HOLDING_STATES)),
            RoomBooking.starts_at >= start,
            RoomBooking.starts_at < end,
        )
        .tuples()
    )
    totals: dict[int, list[float]] = {}
    for room_id, state, starts_at, ends_at in rows:
        entry = totals.setdefault(room_id, [0, 0.0, 0])
        entry[0] += 1
        entry[1] += (ends_at - starts_at).total_seconds() / 3600
        entry[2] += state == "checked_in"
    station = _station_closed(date_from, date_to)
    result = []
    for room in Room.select().order_by(Room.name):
        entry = totals.get(room.id, [0, 0.0, 0])
        if not room.active and not entry[0]:
            continue
        hours_open = 0.0
        day = date_from
        while day <= date_to:
            span, _why = day_hours(room, day, station)
            if span:
                hours_open += len(slot_starts(room, span, day)) * room.slot_minutes / 60
            day += timedelta(days=1)
        result.append(
            RoomUsage(
                room=room.name,
                kind=room.kind,
                bookings=int(entry[0]),
                hours_booked=round(entry[1], 2),
                hours_open=round(hours_open, 2),
                sessions_held=int(entry[2]),
            )
        )
    return result
