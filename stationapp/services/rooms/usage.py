"""The rooms' use for the report (the 使用频率 the source report speaks of): counts only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication

from stationapp.models.accounts import Staff
from stationapp.models.rooms import (
    HOLDING_STATES,
    Room,
    RoomBooking,
)
from stationapp.services.accounts import require
from stationapp.services.rooms.hours import (
    _station_closed,
    day_hours,
    slot_starts,
)

translate = QCoreApplication.translate


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
