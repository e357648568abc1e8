"""Rooms booked by other work (issue 24, point 6): a planned mediation session holds the
mediation room, an event held at the station the activity room.

The booking covers the slots from the one the work starts in to the one it ends in, and is made,
moved and cancelled inside the caller's transaction (which is IMMEDIATE on SQLite): the room is
locked, what holds the slots recounted, then the booking written, by the same rules as a booking
at the desk. ``check_room`` says beforehand what would be refused, and offers the free times near
the one asked for, so a form can show the clash at the field before anything is saved.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from stationapp.db import lock_kind, now, today
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.rooms import HOLDING_STATES, Room, RoomBooking
from stationapp.services import history
from stationapp.services.accounts import audit, require
from stationapp.services.rooms.bookings import (
    _check_free,
    _check_span,
    _open_span,
    _write_booking,
    _write_move,
    translate,
)
from stationapp.services.rooms.hours import _station_closed, day_hours, slot_starts
from stationapp.services.rooms.setup import _room_gone

NEARBY = 6  # free times offered near a refused one
NEARBY_DAYS = 7  # looked for from the day asked to this many days later


@dataclass(frozen=True)
class RoomCheck:
    """What booking the room from ``starts_at`` to ``ends_at`` would do: ``problem`` is "" when
    the slots are free, else why not (and ``field`` the form field it belongs to); ``nearby``
    are free start times of the same length near the one asked for."""

    starts_at: datetime
    ends_at: datetime
    problem: str = ""
    field: str = ""
    nearby: list[datetime] = dataclasses.field(default_factory=list)


def rooms_of_kind(actor: Staff, kind: str) -> list[Room]:
    """The rooms in use of one kind (the mediation room, the activity room), by name."""
    require(actor, "room.read")
    return list(Room.select().where(Room.kind == kind, Room.active).order_by(Room.name, Room.id))


def _covering(
    room: Room, starts_at: datetime, ends_at: datetime, *, moment: datetime
) -> tuple[datetime, datetime]:
    """The room's slots covering ``starts_at``..``ends_at``, from the one the work starts in to
    the one it ends in; refuses a closed day, a time outside the hours, a past one."""
    if ends_at <= starts_at:
        raise ValidationError(
            translate("Rooms", "The end must be after the start."), field="ends_at"
        )
    if ends_at.date() != starts_at.date() and ends_at != datetime.combine(
        starts_at.date() + timedelta(days=1), time.min
    ):
        raise ValidationError(
            translate("Rooms", "A room is booked within one day: choose an end on the same day."),
            field="ends_at",
        )
    span = _open_span(room, starts_at.date())
    starts = slot_starts(room, span, starts_at.date())
    first = [s for s in starts if s <= starts_at < s + timedelta(minutes=room.slot_minutes)]
    last = [s for s in starts if s < ends_at <= s + timedelta(minutes=room.slot_minutes)]
    if not first or not last:
        raise ValidationError(
            translate("Rooms", "{room} is open from {start} to {end} that day.").format(
                room=room.name, start=f"{span[0]:%H:%M}", end=f"{span[1]:%H:%M}"
            ),
            field="starts_at",
        )
    begin, end = first[0], last[0] + timedelta(minutes=room.slot_minutes)
    _check_span(span, begin, end, moment=moment, field="starts_at")
    return begin, end


def _usable(room_id: int, kind: str) -> Room:
    room = Room.get_or_none(Room.id == room_id)
    if room is None:
        raise NotFound(_room_gone())
    if not room.active or room.kind != kind:
        raise ValidationError(translate("Rooms", "This room is not in use any more."), field="room")
    return room


def check_room(
    actor: Staff,
    room_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    kind: str,
    skip_booking: int | None = None,
) -> RoomCheck:
    """Would the room take work from ``starts_at`` to ``ends_at``? Nothing is written; the
    booking itself recounts under the lock."""
    require(actor, "room.read")
    room = _usable(room_id, kind)
    moment = now()
    try:
        begin, end = _covering(room, starts_at, ends_at, moment=moment)
        _check_free(room, None, begin, end, skip_booking)
    except ValidationError as exc:
        length = max(ends_at - starts_at, timedelta(minutes=room.slot_minutes))
        return RoomCheck(
            starts_at,
            ends_at,
            exc.message,
            "starts_at" if exc.field in ("starts_at", "slots", "state") else exc.field or "",
            _nearby(room, starts_at, length, skip_booking, moment),
        )
    return RoomCheck(begin, end)


def _nearby(
    room: Room, wanted: datetime, length: timedelta, skip: int | None, moment: datetime
) -> list[datetime]:
    """Free starts for ``length`` on the slot grid, the nearest to ``wanted`` first, from the
    day asked (or today) over the following week."""
    first_day = max(wanted.date(), today())
    last_day = first_day + timedelta(days=NEARBY_DAYS)
    held = RoomBooking.select(RoomBooking.starts_at, RoomBooking.ends_at).where(
        RoomBooking.room == room.id,
        RoomBooking.state.in_(list(HOLDING_STATES)),
        RoomBooking.starts_at < datetime.combine(last_day + timedelta(days=1), time.min),
        RoomBooking.ends_at > datetime.combine(first_day, time.min),
    )
    if skip is not None:
        held = held.where(RoomBooking.id != skip)
    taken = list(held.tuples())
    closed = _station_closed(first_day, last_day)
    free: list[datetime] = []
    day: date = first_day
    while day <= last_day:
        span, _why = day_hours(room, day, closed)
        closing = datetime.combine(day, span[1]) if span else None
        for start in slot_starts(room, span, day) if span else []:
            end = start + length
            if start <= moment or closing is None or end > closing:
                continue
            if any(s < end and e > start for s, e in taken):
                continue
            free.append(start)
        day += timedelta(days=1)
    free.sort(key=lambda s: (abs((s - wanted).total_seconds()), s))
    return sorted(free[:NEARBY])


def _hold_room(
    actor: Staff,
    room_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    kind: str,
    event_id: int | None = None,
    case_session_id: int | None = None,
) -> RoomBooking:
    """Book the slots covering the time for an event or a planned session. Runs inside the
    caller's room_transaction(): locks, recounts, writes, audits. Refusals name the field."""
    require(actor, "room.book")
    lock_kind("room_booking")
    history.locked(Room, room_id, _room_gone())
    room = _usable(room_id, kind)
    moment = now()
    begin, end = _covering(room, starts_at, ends_at, moment=moment)
    _check_free(room, None, begin, end, None)
    booking = _write_booking(
        actor,
        room=room.id,
        event=event_id,
        case_session=case_session_id,
        starts_at=begin,
        ends_at=end,
        channel="desk",
        created_at=moment,
    )
    return booking


def _holding(
    *, event_id: int | None = None, case_session_id: int | None = None
) -> RoomBooking | None:
    """The booking that holds a room for the event or the planned session, if any."""
    query = RoomBooking.select().where(RoomBooking.state.in_(list(HOLDING_STATES)))
    if event_id is not None:
        query = query.where(RoomBooking.event == event_id)
    else:
        query = query.where(RoomBooking.case_session == case_session_id)
    return query.order_by(RoomBooking.id.desc()).first()


def _release_hold(actor: Staff, booking: RoomBooking | None) -> None:
    """Cancel the booking of an event or a session called off (inside the caller's
    transaction); a booking already used is left as it is."""
    if booking is None or booking.state != "booked":
        return
    moment = now()
    RoomBooking.update(state="cancelled", closed_at=moment, closed_by=actor.id).where(
        RoomBooking.id == booking.id
    ).execute()
    audit(actor, "cancel", "room_booking", booking.id, {"starts_at": booking.starts_at})


def _follow_hold(
    actor: Staff,
    room_id: int | None,
    starts_at: datetime,
    ends_at: datetime,
    *,
    kind: str,
    event_id: int | None = None,
    case_session_id: int | None = None,
) -> RoomBooking | None:
    """The event's or session's booking made, or following its new time or room (or gone, for
    no room). Inside the caller's room_transaction(); a move's audit entry keeps the old times."""
    booking = _holding(event_id=event_id, case_session_id=case_session_id)
    if booking is not None and booking.room_id == room_id and booking.state == "booked":
        lock_kind("room_booking")
        room = history.locked(Room, booking.room_id, _room_gone())
        step = timedelta(minutes=room.slot_minutes)
        if (
            booking.starts_at <= starts_at < booking.starts_at + step
            and booking.ends_at - step < ends_at <= booking.ends_at
        ):
            return booking  # the same slots: nothing to move (a past event's edit too)
        begin, end = _covering(room, starts_at, ends_at, moment=now())
        _check_free(room, None, begin, end, booking.id)
        _write_move(actor, booking, begin, end)
        return RoomBooking.get_by_id(booking.id)
    _release_hold(actor, booking)
    if room_id is None:
        return None
    return _hold_room(
        actor,
        room_id,
        starts_at,
        ends_at,
        kind=kind,
        event_id=event_id,
        case_session_id=case_session_id,
    )


def _use_hold(booking: RoomBooking | None, at: datetime) -> None:
    """The session was held: its booking is marked as used."""
    if booking is not None and booking.state == "booked":
        RoomBooking.update(state="checked_in", checked_in_at=at).where(
            RoomBooking.id == booking.id
        ).execute()
