"""A worker process for the card race: it opens the shared database on its own connection, waits
for the others at a barrier, then records a card already held for the one person.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import traceback
from typing import Any


def issue_held_card(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    username: str,
    person_id: int,
    number: str,
) -> None:
    """Put ``(index, "ok", outcome, card_id)``: outcome "issued" or the refusal's class name;
    ``(index, kind, details)`` when the worker could not run."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.db import close_database
        from stationapp.errors import UserError
        from stationapp.models.accounts import Staff
        from stationapp.services import members
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
            card = members.issue_card_directly(staff, person_id, number)
        except UserError as exc:
            results.put((index, "ok", type(exc).__name__, exc.message))
        else:
            results.put((index, "ok", "issued", card.id))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        results.put((index, type(exc).__name__, traceback.format_exc()))
    finally:
        close_database()
