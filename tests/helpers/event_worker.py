"""A worker process for the event-capacity race: it opens the shared database (SQLite or PostgreSQL)
on its own connection, waits for the others at a barrier, then registers its people as fast as it
can.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import time
import traceback
from typing import Any


def register_people(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    username: str,
    event_id: int,
    person_ids: list[int],
) -> None:
    """Put ``(index, "ok", calls)`` where each call is ``(person_id, state, registration_id,
    details, started, returned)`` (times from ``time.time()``, comparable across processes); a
    call that raised has the exception's name as its state, no id and the traceback as details.
    ``(index, kind, details)`` when the worker could not run."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.db import close_database
        from stationapp.models.accounts import Staff
        from stationapp.services import events
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)
        staff = Staff.get(Staff.username == username)
    except BaseException:  # reported to the parent, which fails the test with it
        barrier.abort()
        results.put((index, "setup", traceback.format_exc()))
        return
    try:
        barrier.wait(timeout=60)
        calls = []
        for person_id in person_ids:
            started = time.time()
            try:
                registration = events.register(staff, event_id, person_id, waitlist_if_full=True)
            except Exception as exc:  # DatabaseBusy, IntegrityError...: the parent fails the test
                calls.append(
                    (
                        person_id,
                        type(exc).__name__,
                        None,
                        traceback.format_exc(),
                        started,
                        time.time(),
                    )
                )
            else:
                calls.append(
                    (person_id, registration.state, registration.id, "", started, time.time())
                )
        results.put((index, "ok", calls))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        results.put((index, type(exc).__name__, traceback.format_exc()))
    finally:
        close_database()
