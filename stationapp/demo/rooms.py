"""The demo station's rooms (issue 24): 职工之家, 职工书屋, 劳动争议调解室 and 职工心理减压室, the
counsellors' duty roster, a closed day of the station's own, and half a year of bookings with a
few weeks ahead. Rows are bulk-inserted, drawn from the caller's random generator."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from stationapp.db import now
from stationapp.models.accounts import COUNSELLOR, Staff
from stationapp.models.people import Person
from stationapp.models.rooms import ClosedDay, CounsellorDuty, Room, RoomBooking
from stationapp.services.rooms import day_hours, slot_starts

PAST_DAYS = 180
AHEAD_DAYS = 21
WEEKDAYS = "09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00"

# name, kind, capacity, hours (Monday first), slot minutes, share of slots booked
ROOMS: tuple[tuple[str, str, int, str, int, float], ...] = (
    ("职工之家活动室", "activity", 40, WEEKDAYS + ";09:00-12:00;", 120, 0.3),
    ("职工书屋阅览区", "reading", 20, WEEKDAYS + ";09:00-17:00;", 60, 0.12),
    ("劳动争议调解室", "mediation", 8, WEEKDAYS + ";;", 60, 0.2),
    (
        "职工心理减压室",
        "decompression",
        2,
        "09:00-17:00;09:00-17:00;;09:00-17:00;09:00-17:00;;",
        60,
        0.35,
    ),
)
# weekday -> (counsellor's place in the roster, from, to)
DUTIES: dict[int, tuple[int, time, time]] = {
    0: (0, time(9, 0), time(12, 0)),
    1: (1, time(13, 0), time(17, 0)),
    3: (0, time(13, 0), time(17, 0)),
    4: (1, time(9, 0), time(12, 0)),
}
BATCH = 500


def populate_rooms(admin: Staff, *, rng: random.Random) -> int:
    """Rooms, a closed day, the roster and the bookings; returns the bookings made. Call it
    inside the caller's transaction, after the people and the staff accounts."""
    moment = now()
    first = moment.date() - timedelta(days=PAST_DAYS)
    last = moment.date() + timedelta(days=AHEAD_DAYS)
    Room.insert_many(
        [
            {
                "name": name,
                "kind": kind,
                "capacity": capacity,
                "hours": hours,
                "slot_minutes": minutes,
                "active": True,
                "created_at": datetime.combine(first - timedelta(days=30), time(9, 0)),
            }
            for name, kind, capacity, hours, minutes, _share in ROOMS
        ]
    ).execute()
    rooms = {r.name: r for r in Room.select()}
    closed = {
        _weekday_after(moment.date() - timedelta(days=60), 2): "消防设施年检",
        _weekday_after(moment.date() + timedelta(days=10), 2): "服务站全员培训",
    }
    ClosedDay.insert_many([{"day": d, "reason": why} for d, why in closed.items()]).execute()
    counsellors = [
        s for s in Staff.select().where(Staff.active).order_by(Staff.id) if COUNSELLOR in s.role_set
    ]
    duties = _roster(counsellors, first, last, closed)
    people = [
        p for (p,) in Person.select(Person.id).where(Person.active).order_by(Person.id).tuples()
    ]
    desk = Staff.get_or_none(Staff.username == "frontdesk") or admin
    rows: list[dict[str, object]] = []
    taken: set[tuple[int, datetime]] = set()  # (person, start): nobody in two rooms at once
    for name, kind, _capacity, _hours, minutes, share in ROOMS:
        room = rooms[name]
        day = first
        while day <= last:
            span, _why = day_hours(room, day, closed)
            for start in slot_starts(room, span, day) if span else []:
                if rng.random() >= share or not people:
                    continue
                person = rng.choice(people)
                if (person, start) in taken:
                    continue
                taken.add((person, start))
                rows.append(
                    _booking(rng, room, kind, person, start, minutes, moment, desk, admin, duties)
                )
            day += timedelta(days=1)
    for offset in range(0, len(rows), BATCH):
        RoomBooking.insert_many(rows[offset : offset + BATCH]).execute()
    return len(rows)


def _weekday_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _roster(
    counsellors: list[Staff], first: date, last: date, closed: dict[date, str]
) -> dict[date, tuple[int, datetime, datetime]]:
    """The duties, inserted, by day: (counsellor id, from, to)."""
    by_day: dict[date, tuple[int, datetime, datetime]] = {}
    if not counsellors:
        return by_day
    day = first
    while day <= last:
        duty = DUTIES.get(day.weekday())
        if duty is not None and day not in closed:
            place, start, end = duty
            who = counsellors[place % len(counsellors)]
            by_day[day] = (who.id, datetime.combine(day, start), datetime.combine(day, end))
        day += timedelta(days=1)
    CounsellorDuty.insert_many(
        [{"counsellor": c, "starts_at": s, "ends_at": e} for c, s, e in by_day.values()]
    ).execute()
    return by_day


def _booking(
    rng: random.Random,
    room: Room,
    kind: str,
    person: int,
    start: datetime,
    minutes: int,
    moment: datetime,
    desk: Staff,
    admin: Staff,
    duties: dict[date, tuple[int, datetime, datetime]],
) -> dict[str, object]:
    ends_at = start + timedelta(minutes=minutes)
    booked_at = start - timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 6))
    if ends_at <= moment:
        state = rng.choices(("checked_in", "no_show", "cancelled"), (85, 9, 6))[0]
    else:
        state = "cancelled" if rng.random() < 0.06 else "booked"
    counsellor = None
    duty = duties.get(start.date())
    wants = kind == "decompression" and rng.random() < 0.6
    if wants and duty is not None and duty[1] <= start and ends_at <= duty[2]:
        counsellor = duty[0]
    closed_at = None
    if state in ("cancelled", "no_show"):
        closed_at = min(moment, start - timedelta(hours=2) if state == "cancelled" else ends_at)
    return {
        "room": room.id,
        "person": person,
        "starts_at": start,
        "ends_at": ends_at,
        "state": state,
        "channel": "phone" if rng.random() < 0.4 else "desk",
        "note": "",
        "wants_counsellor": counsellor is not None,
        "counsellor": counsellor,
        "staff": (desk if rng.random() < 0.8 else admin).id,
        "created_at": min(booked_at, moment),
        "checked_in_at": start + timedelta(minutes=rng.randint(-5, 10))
        if state == "checked_in"
        else None,
        "closed_at": closed_at,
        "closed_by": desk.id if closed_at else None,
    }
