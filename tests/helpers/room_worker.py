"""A worker process for the room race: it opens the shared database on its own connection, waits
for the others at a barrier, then books the one slot for its person.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from typing import Any


def book_slot(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    username: str,
    room_id: int,
    person_id: int,
    starts_at: datetime,
) -> None:
    """Put ``(index, "ok", outcome, booking_id)``: outcome "booked" or the refusal's class
    name; ``(index, kind, details)`` when the worker could not run."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.db import close_database
        from stationapp.errors import UserError
        from stationapp.models.accounts import Staff
        from stationapp.services import rooms
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)
        staff = Staff.get(Staff.username == username)
    except BaseException:  # reported to the parent, which fails the test with it
        barrier.abort()
        results.put((index, "setup", traceback.format_exc()))
        return
    try:
        barrier.wait(timeout=60)
        try:
            booking = rooms.book(staff, rooms.BookingInput(room_id, person_id, starts_at))
        except UserError as exc:
            results.put((index, "ok", type(exc).__name__, exc.message))
        else:
            results.put((index, "ok", "booked", booking.id))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        results.put((index, type(exc).__name__, traceback.format_exc()))
    finally:
        close_database()


def book_or_plan(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    username: str,
    room_id: int,
    starts_at: datetime,
    person_id: int | None,
    case_id: int | None,
) -> None:
    """Book the slot for ``person_id``, or plan ``case_id``'s session in it (an hour): put
    ``(index, "ok", outcome, booking_id)`` as ``book_slot`` does."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.db import close_database
        from stationapp.errors import UserError
        from stationapp.models.accounts import Staff
        from stationapp.services import mediation, rooms
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)
        staff = Staff.get(Staff.username == username)
    except BaseException:  # reported to the parent, which fails the test with it
        barrier.abort()
        results.put((index, "setup", traceback.format_exc()))
        return
    try:
        barrier.wait(timeout=60)
        try:
            if person_id is not None:
                booking_id = rooms.book(staff, rooms.BookingInput(room_id, person_id, starts_at)).id
            else:
                plan = mediation.PlanInput(starts_at, 60, room_id)
                booking_id = mediation.plan_session(staff, case_id, plan).booking_id
        except UserError as exc:
            results.put((index, "ok", type(exc).__name__, exc.message))
        else:
            results.put((index, "ok", "booked", booking_id))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        results.put((index, type(exc).__name__, traceback.format_exc()))
    finally:
        close_database()
