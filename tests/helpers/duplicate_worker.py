"""A worker process for the duplicate race: it opens the shared database (SQLite or PostgreSQL)
on its own connection, waits for the others at a barrier, then files the same person, workplace,
staff account, catalogue service, event series, copy barcode
and hold as every other worker.

Lives in tests/helpers so a spawned process can import it without importing a test module.
"""

from __future__ import annotations

import os
import traceback
from typing import Any


def file_the_same(
    index: int,
    url: str,
    data_dir: str,
    barrier: Any,
    results: Any,
    *,
    id_number: str,
    title_id: int,
    reader_id: int,
) -> None:
    """Put ``(index, person, workplace, staff account, service, event series, copy, hold)``,
    each "created" or the name of the expected error; or ``(index, "error", traceback)``."""
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from stationapp.errors import UserError
        from stationapp.models.accounts import Staff
        from stationapp.services import accounts, events, library, people, visits
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)
        admin = Staff.get(Staff.username == "admin")
        outcomes = []
        for create in (
            lambda: people.create_person(
                admin, people.PersonInput(name="欧阳晓明", id_number=id_number)
            ),
            lambda: people.create_organization(
                admin, people.OrganizationInput(name="北京快送物流有限公司")
            ),
            lambda: accounts.create_staff(
                admin,
                username="frontdesk2",
                display_name="前台二",
                roles=["front_desk"],
                password="password-123",
            ),
            lambda: visits.create_service(admin, visits.ServiceInput(name="法律援助转介")),
            lambda: events.save_series(admin, name="女职工维权讲座", max_per_person=None),
            lambda: library.add_copy(admin, title_id, library.CopyInput(barcode="B0000777")),
            lambda: library.place_hold(admin, title_id, reader_id),
        ):
            barrier.wait(timeout=60)  # every kind is a race of its own, all eight at once
            try:
                create()
                outcomes.append("created")
            except UserError as exc:
                outcomes.append(type(exc).__name__)
        results.put((index, *outcomes))
    except BaseException:  # reported to the parent, which fails the test with it
        barrier.abort()
        results.put((index, "error", traceback.format_exc()))
