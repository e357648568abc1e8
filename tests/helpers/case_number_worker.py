"""A worker process for the case-number race: it opens the shared database (SQLite or PostgreSQL) on
its own connection, waits for the others at a barrier, then files cases as fast as it can.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from typing import Any


def file_cases(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    person_id: int,
    organization_id: int,
    received_at: datetime,
    per_worker: int,
) -> None:
    """Put ``(index, "ok", [(year, sequence, number), ...])`` or ``(index, kind, details)``."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.db import close_database
        from stationapp.models.accounts import Staff
        from stationapp.services import mediation
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)
        admin = Staff.get(Staff.username == "admin")
    except BaseException:  # reported to the parent, which fails the test with it
        barrier.abort()
        results.put((index, "setup", traceback.format_exc()))
        return
    try:
        barrier.wait(timeout=60)
        taken = []
        for _ in range(per_worker):
            case = mediation.file_case(
                admin,
                mediation.CaseInput(
                    applicant_ids=[person_id],
                    respondent_id=organization_id,
                    claims=[mediation.ClaimInput("wages", "1000")],
                    received_at=received_at,
                ),
            )
            taken.append((case.year, case.sequence, case.number))
        results.put((index, "ok", taken))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        results.put((index, type(exc).__name__, traceback.format_exc()))
    finally:
        close_database()
