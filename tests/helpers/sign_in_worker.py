"""A worker process for the sign-in race: it opens the shared database (SQLite or PostgreSQL) on
its own connection, waits for the others at a barrier, then signs in with a wrong password.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import traceback
from typing import Any


def wrong_password(index: int, url: str, data_dir: str, barrier: Any, results: Any) -> None:
    """Put ``(index, "refused", message)`` or ``(index, "error", traceback)``."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.errors import UserError
        from stationapp.services import accounts
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)
        barrier.wait(timeout=60)
        try:
            accounts.authenticate("clerk", "not-the-password")
            results.put((index, "error", "signed in with a wrong password"))
        except UserError as exc:
            results.put((index, "refused", exc.message))
    except BaseException:  # reported to the parent, which fails the test with it
        barrier.abort()
        results.put((index, "error", traceback.format_exc()))
