"""The demo station's rooms (issue 24): 职工之家, 职工书屋, 劳动争议调解室 and 职工心理减压室, the
counsellors' duty roster, a closed day of the station's own, and half a year of bookings with a
few weeks ahead: the events held in the station's activity room book it, and the cases being
mediated have their next session planned in the mediation room. Rows are bulk-inserted, drawn
from the caller's random generator."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from stationapp.db import now
from stationapp.demo.common import _insert_runs
from stationapp.demo.event_kinds import ACTIVITY_ROOM
from stationapp.models.accounts import COUNSELLOR, Staff
from stationapp.models.events import Event
from stationapp.models.mediation import CaseSession, MediationCase
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
PLANNED_SESSIONS = 8  # cases being mediated whose next session is planned in the mediation room
SESSION_HOURS = (9, 10, 14, 15)


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
    held: set[tuple[int, datetime]] = set()  # (room, slot start) held by an event or a session
    activity = next(r for r in rooms.values() if r.kind == "activity")
    mediation_room = next(r for r in rooms.values() if r.kind == "mediation")
    rows += _event_bookings(activity, first, last, closed, moment, admin, held)
    rows += _planned_sessions(rng, mediation_room, moment, last, closed, admin, held)
    taken: set[tuple[int, datetime]] = set()  # (person, start): nobody in two rooms at once
    for name, kind, _capacity, _hours, minutes, share in ROOMS:
        room = rooms[name]
        day = first
        while day <= last:
            span, _why = day_hours(room, day, closed)
            for start in slot_starts(room, span, day) if span else []:
                if rng.random() >= share or not people or (room.id, start) in held:
                    continue
                person = rng.choice(people)
                if (person, start) in taken:
                    continue
                taken.add((person, start))
                rows.append(
                    _booking(rng, room, kind, person, start, minutes, moment, desk, admin, duties)
                )
            day += timedelta(days=1)
    _insert_runs(RoomBooking, rows)
    return len(rows)


def _covering(
    room: Room, starts_at: datetime, ends_at: datetime, closed: dict[date, str]
) -> list[datetime]:
    """The room's slot starts from the one ``starts_at`` falls in to the one ``ends_at`` does;
    [] when the time is not all inside the room's hours that day."""
    span, _why = day_hours(room, starts_at.date(), closed)
    if span is None or ends_at.date() != starts_at.date():
        return []
    step = timedelta(minutes=room.slot_minutes)
    starts = [s for s in slot_starts(room, span, starts_at.date()) if s < ends_at]
    starts = [s for s in starts if s + step > starts_at]
    if not starts or starts[0] > starts_at or starts[-1] + step < ends_at:
        return []
    return starts


def _event_bookings(
    room: Room,
    first: date,
    last: date,
    closed: dict[date, str],
    moment: datetime,
    admin: Staff,
    held: set[tuple[int, datetime]],
) -> list[dict[str, object]]:
    """The events held in the station's activity room book it, as the event dialog does."""
    rows = []
    events = Event.select(
        Event.id, Event.starts_at, Event.ends_at, Event.state, Event.created_at, Event.updated_at
    ).where(
        Event.venue == ACTIVITY_ROOM,
        Event.starts_at >= datetime.combine(first, time.min),
        Event.starts_at < datetime.combine(last + timedelta(days=1), time.min),
    )
    for event in events.order_by(Event.starts_at, Event.id):
        starts = _covering(room, event.starts_at, event.ends_at, closed)
        if not starts or any((room.id, s) in held for s in starts):
            continue
        ends_at = starts[-1] + timedelta(minutes=room.slot_minutes)
        cancelled = event.state == "cancelled"
        if not cancelled:
            held.update((room.id, s) for s in starts)
        state = "cancelled" if cancelled else ("checked_in" if ends_at <= moment else "booked")
        rows.append(
            _linked_row(room, starts[0], ends_at, state, min(event.created_at, moment), admin)
            | {
                "event": event.id,
                "checked_in_at": starts[0] if state == "checked_in" else None,
                "closed_at": min(event.updated_at, moment) if cancelled else None,
                "closed_by": admin.id if cancelled else None,
            }
        )
    return rows


def _planned_sessions(
    rng: random.Random,
    room: Room,
    moment: datetime,
    last: date,
    closed: dict[date, str],
    admin: Staff,
    held: set[tuple[int, datetime]],
) -> list[dict[str, object]]:
    """The next session of some cases being mediated, planned in the mediation room."""
    cases = list(
        MediationCase.select(MediationCase.id, MediationCase.mediator, MediationCase.updated_at)
        .where(MediationCase.state.in_(["accepted", "in_mediation", "agreement_draft"]))
        .order_by(MediationCase.id)
        .limit(PLANNED_SESSIONS)
    )
    plans = []
    for case in cases:
        for _attempt in range(20):
            day = moment.date() + timedelta(
                days=rng.randint(0, min(10, (last - moment.date()).days))
            )
            start = datetime.combine(day, time(rng.choice(SESSION_HOURS)))
            length = rng.choice((60, 90, 120))
            starts = _covering(room, start, start + timedelta(minutes=length), closed)
            if start > moment and starts and not any((room.id, s) in held for s in starts):
                held.update((room.id, s) for s in starts)
                plans.append((case, start, length, starts))
                break
    if not plans:
        return []
    CaseSession.insert_many(
        [
            {
                "case": case.id,
                "held_at": start,
                "ends_at": start + timedelta(minutes=length),
                "state": "planned",
                "place": room.name,
                "created_at": case.updated_at,  # planned at the case's last step
            }
            for case, start, length, _starts in plans
        ]
    ).execute()
    ids = {
        (s.case_id, s.held_at): s.id
        for s in CaseSession.select().where(CaseSession.state == "planned")
    }
    return [
        _linked_row(
            room,
            starts[0],
            starts[-1] + timedelta(minutes=room.slot_minutes),
            "booked",
            case.updated_at,
            admin,
        )
        | {"case_session": ids[(case.id, start)]}
        for case, start, _length, starts in plans
    ]


def _linked_row(
    room: Room, starts_at: datetime, ends_at: datetime, state: str, at: datetime, staff: Staff
) -> dict[str, object]:
    """A booking row held by an event or a planned session (the keys every row shares)."""
    return {
        "room": room.id,
        "person": None,
        "event": None,
        "case_session": None,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "state": state,
        "channel": "desk",
        "note": "",
        "wants_counsellor": False,
        "counsellor": None,
        "staff": staff.id,
        "created_at": at,
        "checked_in_at": None,
        "closed_at": None,
        "closed_by": None,
    }


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
        "event": None,
        "case_session": None,
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
