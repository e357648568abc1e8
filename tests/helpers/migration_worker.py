"""A worker process for the migration race: it waits for the others at a barrier, then opens
the shared database the way the application starts, and reports how many schema steps it ran.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import logging
import os
import traceback
from typing import Any


class _StepCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.steps: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("migrated database to schema version"):
            self.steps.append(message)


def start_desk(index: int, url: str, data_dir: str, barrier: Any, results: Any) -> None:
    """Put ``(index, "ok", steps_run, version)`` or ``(index, "error", traceback, None)``."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    counter = _StepCounter()
    migrations_log = logging.getLogger("stationapp.migrations")
    migrations_log.addHandler(counter)
    migrations_log.setLevel(logging.INFO)
    try:
        from stationapp.db import close_database
        from stationapp.migrations import schema_version
        from stationapp.services.maintenance import open_station_database

        barrier.wait(timeout=60)
        db = open_station_database(url)
        version = schema_version(db)
        close_database()
        results.put((index, "ok", len(counter.steps), version))
    except BaseException:  # reported to the parent, which fails the test with it
        results.put((index, "error", traceback.format_exc(), None))
