"""No double booking (issue 24, acceptance): eight desks book the same slot of one room for eight
different workers at the same moment, on a SQLite file or PostgreSQL. Exactly one booking is
made; the seven others are told the slot is taken (never a busy database, never an integrity
error)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK, Staff
from stationapp.models.rooms import RoomBooking
from stationapp.services import people, rooms
from stationapp.services.people import PersonInput
from tests.helpers.desks import run_desks
from tests.helpers.ids import make_ric
from tests.helpers.room_worker import book_slot

WORKERS = 8


def _open_slot(room) -> datetime:
    """10:00 on the first day the room is open, a week or more from now."""
    day = today() + timedelta(days=7)
    while rooms.day_hours(room, day, {})[0] is None:
        day += timedelta(days=1)
    return datetime.combine(day, time(10, 0))


def test_eight_desks_booking_one_slot_make_exactly_one_booking(
    admin: Staff, make_staff, db_url: str, tmp_path: Path
) -> None:
    room = rooms.create_room(admin, rooms.RoomInput(name="职工心理减压室", kind="decompression"))
    desks = [make_staff(f"desk{i}", FRONT_DESK) for i in range(WORKERS)]
    person_ids = [
        people.create_person(
            admin, PersonInput(name=f"张{'伟芳磊静强军敏勇'[i]}", id_number=make_ric(seq=200 + i))
        ).id
        for i in range(WORKERS)
    ]
    starts_at = _open_slot(room)

    run = run_desks(
        tmp_path,
        WORKERS,
        book_slot,
        db_url,
        timeout=60,
        kwargs={"room_id": room.id, "starts_at": starts_at},
        kwargs_of=lambda index: {
            "username": desks[index].username,
            "person_id": person_ids[index],
        },
    )
    run.check(WORKERS, ok=("ok",))
    outcomes = sorted(report[2] for report in run.reports)
    assert outcomes == ["SlotTaken"] * (WORKERS - 1) + ["booked"], run.reports
    stored = list(RoomBooking.select().where(RoomBooking.room == room.id))
    assert len(stored) == 1
    winner = next(r for r in run.reports if r[2] == "booked")
    assert stored[0].id == winner[3]
    assert stored[0].person_id == person_ids[winner[0]]
    assert (stored[0].starts_at, stored[0].state) == (starts_at, "booked")
