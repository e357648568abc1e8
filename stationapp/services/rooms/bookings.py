"""Bookings: what a role is shown of one, the week view, booking, moving, settling, and the
lists (a day's, a person's, a counsellor's own)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import lock_kind, now, today, transaction
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import COUNSELLOR, Staff
from stationapp.models.events import Event
from stationapp.models.mediation import CaseSession, MediationCase
from stationapp.models.people import Person
from stationapp.models.rooms import (
    CHANNELS,
    DECOMPRESSION,
    HOLDING_STATES,
    WEEKDAYS,
    CounsellorDuty,
    Room,
    RoomBooking,
)
from stationapp.services import changes, history
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.consent import has_consent
from stationapp.services.rooms.hours import (
    BOOKABLE_DAYS_AHEAD,
    MAX_NOTE,
    MAX_SLOTS,
    _station_closed,
    booking_state_label,
    day_hours,
    slot_starts,
)
from stationapp.services.rooms.setup import _room_gone
from stationapp.services.validation import clean_text

translate = QCoreApplication.translate


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
    event_id: int | None = None
    case_session_id: int | None = None
    title: str = ""  # an event's title, "Mediation session (number)", or "" for a worker's

    @property
    def who(self) -> str:
        if self.hidden:
            return translate("Rooms", "Booked")
        return self.title or self.person_name

    @property
    def linked(self) -> bool:
        """Booked by an event or a planned mediation session: moved and cancelled there."""
        return self.event_id is not None or self.case_session_id is not None


def _views(actor: Staff, query: peewee.ModelSelect) -> list[BookingView]:
    counsellor = Staff.alias()
    rows = (
        query.select(
            RoomBooking,
            Room,
            Person.id,
            Person.name,
            counsellor.display_name,
            Event.id,
            Event.title,
            CaseSession.id,
            MediationCase.number,
        )
        .join_from(RoomBooking, Room)
        .join_from(RoomBooking, Person, peewee.JOIN.LEFT_OUTER)
        .join_from(
            RoomBooking,
            counsellor,
            peewee.JOIN.LEFT_OUTER,
            on=(RoomBooking.counsellor == counsellor.id),
            attr="counsellor_row",
        )
        .join_from(RoomBooking, Event, peewee.JOIN.LEFT_OUTER)
        .join_from(RoomBooking, CaseSession, peewee.JOIN.LEFT_OUTER)
        .join_from(CaseSession, MediationCase, peewee.JOIN.LEFT_OUTER)
    )
    seen = {
        DECOMPRESSION: has_permission(actor, "room.confidential"),
    }
    sees_cases = has_permission(actor, "case.read")
    views = []
    for b in rows:
        visible = seen.get(b.room.kind, True)
        title = ""
        if b.event_id is not None:
            title = b.event.title
        elif b.case_session_id is not None:
            # The case number only to the roles that may see the case; "booked" to the others.
            visible = visible and sees_cases
            title = translate("Rooms", "Mediation session {number}").format(
                number=b.case_session.case.number
            )
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
                person_id=b.person_id if visible else None,
                person_name=b.person.name if visible and b.person_id else "",
                note=b.note if visible else "",
                wants_counsellor=b.wants_counsellor,
                counsellor_id=b.counsellor_id,
                counsellor_name=counsellor_row.display_name
                if counsellor_row is not None and b.counsellor_id
                else "",
                event_id=b.event_id,
                case_session_id=b.case_session_id,
                title=title if visible else "",
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


@contextmanager
def room_transaction() -> Iterator[None]:
    """The transaction of a call that books a room: IMMEDIATE on SQLite; the partial unique
    index's refusal (the backstop: another desk was quicker) becomes SlotTaken at the field."""
    try:
        with transaction(lock=True):
            yield
    except peewee.IntegrityError as exc:
        raise SlotTaken(
            translate("Rooms", "This slot was booked at another desk a moment ago."),
            field="starts_at",
        ) from exc


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


def _open_span(room: Room, day: date) -> tuple[time, time]:
    """The room's hours on ``day``; refuses a day it is closed."""
    span, why = day_hours(room, day, _station_closed(day, day))
    if span is None:
        raise ValidationError(
            translate("Rooms", "The room is closed on {day} ({why}).").format(
                day=day.isoformat(), why=why
            ),
            field="starts_at",
        )
    return span


def _check_span(
    span: tuple[time, time], starts_at: datetime, ends_at: datetime, *, moment: datetime, field: str
) -> None:
    """Refuses a time past closing, one past, one too far ahead."""
    if ends_at > datetime.combine(starts_at.date(), span[1]):
        raise ValidationError(
            translate("Rooms", "The room closes at {time}: book fewer slots.").format(
                time=f"{span[1]:%H:%M}"
            ),
            field=field,
        )
    if ends_at <= moment:
        raise ValidationError(translate("Rooms", "This time has passed."), field="starts_at")
    if starts_at.date() > moment.date() + timedelta(days=BOOKABLE_DAYS_AHEAD):
        raise ValidationError(
            translate("Rooms", "Bookings are taken up to a year ahead."), field="starts_at"
        )


def _check_time(room: Room, starts_at: datetime, slots: int, *, moment: datetime) -> datetime:
    """The end of a booking of ``slots`` slots from ``starts_at``; refuses a time the room is
    closed, one off the slot grid, one past, one too far ahead."""
    if not 1 <= slots <= MAX_SLOTS:
        raise ValidationError(translate("Rooms", "Book from 1 to 8 slots in a row."), field="slots")
    day = starts_at.date()
    span = _open_span(room, day)
    if starts_at not in slot_starts(room, span, day):
        raise ValidationError(
            translate("Rooms", "Choose a slot of the room's week view."), field="starts_at"
        )
    ends_at = starts_at + timedelta(minutes=room.slot_minutes * slots)
    _check_span(span, starts_at, ends_at, moment=moment, field="slots")
    return ends_at


def _check_free(
    room: Room, person: Person | None, starts_at: datetime, ends_at: datetime, skip: int | None
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
    if person is None:  # an event's or a mediation session's booking
        return
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
    note = clean_text(data.note, "note", errors, limit=MAX_NOTE)
    raise_field_errors(errors)
    moment = now()
    with room_transaction():
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
        booking = _write_booking(
            actor,
            room=room.id,
            person=person.id,
            starts_at=data.starts_at,
            ends_at=ends_at,
            channel=data.channel,
            note=note,
            wants_counsellor=data.wants_counsellor,
            counsellor=counsellor.id if counsellor else None,
            created_at=moment,
        )
    changes.notify("room_booking")
    return _view_of(actor, booking.id)


def _write_booking(actor: Staff, **values: object) -> RoomBooking:
    """A booking written, with its audit entry: what holds the room, where and when."""
    booking = RoomBooking.create(state="booked", staff=actor.id, **values)
    audited = ("room", "person", "event", "case_session", "starts_at", "ends_at", "channel")
    details = {key: values[key] for key in audited if key in values}
    if "counsellor" in values:
        details["counsellor"] = values["counsellor"]
    audit(actor, "book", "room_booking", booking.id, details)
    return booking


def _write_move(
    actor: Staff, booking: RoomBooking, starts_at: datetime, ends_at: datetime, **values: object
) -> None:
    """The booking at new times (and ``values``); the audit entry keeps the old times."""
    RoomBooking.update(starts_at=starts_at, ends_at=ends_at, **values).where(
        RoomBooking.id == booking.id
    ).execute()
    audit(
        actor,
        "move",
        "room_booking",
        booking.id,
        {
            "from": {"starts_at": booking.starts_at, "ends_at": booking.ends_at},
            "to": {"starts_at": starts_at, "ends_at": ends_at},
            **values,
        },
    )


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


def _require_own(booking: RoomBooking) -> None:
    """A booking an event or a planned mediation session made moves and ends with it."""
    if booking.event_id is not None:
        raise ValidationError(
            translate("Rooms", "The event holds this booking: change or cancel it in Events."),
            field="state",
        )
    if booking.case_session_id is not None:
        raise ValidationError(
            translate(
                "Rooms",
                "A planned mediation session holds this booking: move or cancel it on the case.",
            ),
            field="state",
        )


def move_booking(actor: Staff, booking_id: int, starts_at: datetime) -> BookingView:
    """The same booking (room, length, counsellor if still free, else another on duty) at new
    times; the audit entry keeps the old ones."""
    require(actor, "room.book")
    moment = now()
    with room_transaction():
        lock_kind("room_booking")
        booking = _locked_booking(booking_id)
        _require_state(booking, "booked")
        _require_own(booking)
        room = history.locked(Room, booking.room_id, _room_gone())
        slots = max(
            1,
            int((booking.ends_at - booking.starts_at).total_seconds() // 60) // room.slot_minutes,
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
        _write_move(actor, booking, starts_at, ends_at, counsellor=counsellor_id)
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

    def refusal(booking: RoomBooking, _moment: datetime) -> str:
        try:
            _require_own(booking)
        except ValidationError as exc:
            return exc.message
        return ""

    return _settle(actor, booking_id, "cancelled", refusal)


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


def bookings_of_person(actor: Staff, person_id: int, *, limit: int = 200) -> list[BookingView]:
    """The person's bookings, newest first; the decompression room's only for the roles that may
    know who booked it (for the others the person page shows none: the list itself would
    reveal it)."""
    require(actor, "room.read")
    query = RoomBooking.select().where(RoomBooking.person == person_id)
    if not has_permission(actor, "room.confidential"):
        query = query.where(
            RoomBooking.room.not_in(Room.select(Room.id).where(Room.kind == DECOMPRESSION))
        )
    return _views(actor, query.order_by(RoomBooking.starts_at.desc()).limit(limit))


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
