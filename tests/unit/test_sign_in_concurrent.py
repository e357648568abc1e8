"""Wrong passwords tried at eight desks at the same moment (one database, SQLite or
PostgreSQL): every one counts, so the fifth locks the account and the rest are told it is
locked; none is lost to another desk's write."""

from __future__ import annotations

import multiprocessing
import queue
from pathlib import Path

from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services.accounts import MAX_FAILED_LOGINS
from tests.helpers.sign_in_worker import wrong_password

WORKERS = 8


def test_eight_wrong_passwords_at_once_all_count(make_staff, db_url: str, tmp_path: Path) -> None:
    clerk = make_staff("clerk", "front_desk")
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    processes = []
    for index in range(WORKERS):
        data_dir = tmp_path / f"desk{index}"
        data_dir.mkdir()
        process = context.Process(
            target=wrong_password, args=(index, db_url, str(data_dir), barrier, results)
        )
        process.start()
        processes.append(process)
    reports = []
    try:
        for _ in range(WORKERS):
            reports.append(results.get(timeout=90))
    except queue.Empty:
        pass
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()

    errors = [r[2] for r in reports if r[1] != "refused"]
    assert not errors, errors[0]
    assert len(reports) == WORKERS
    wrong = [r for r in reports if r[2] == "Wrong user name or password."]
    assert len(wrong) == MAX_FAILED_LOGINS - 1
    staff = Staff.get_by_id(clerk.id)
    assert staff.locked_until is not None and staff.failed_logins == 0
    actions = [a.action for a in AuditEntry.select().where(AuditEntry.entity_id == clerk.id)]
    assert actions.count("login_failed") == MAX_FAILED_LOGINS - 1
    assert actions.count("lock") == 1
