"""A worker process for the last-copy race: it opens the shared database (SQLite or PostgreSQL) on
its own connection, waits for the others at a barrier, then tries to borrow the one copy.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import traceback
from typing import Any


def lend_last_copy(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    username: str,
    copy_id: int,
    person_id: int,
) -> None:
    """Put ``(index, "lent", loan_id)``, ``(index, "refused", message)`` or
    ``(index, kind, details)`` for anything else (which fails the test)."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.db import close_database
        from stationapp.models.accounts import Staff
        from stationapp.services import library
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
            loan = library.lend(staff, copy_id, person_id)
        except library.LendRefused as exc:
            results.put((index, "refused", exc.message))
        else:
            results.put((index, "lent", loan.id))
    except BaseException as exc:  # DatabaseBusy, IntegrityError...: the parent fails the test
        results.put((index, type(exc).__name__, traceback.format_exc()))
    finally:
        close_database()
