"""Wrong passwords tried at eight desks at the same moment (one database, SQLite or
PostgreSQL): every one counts, so the fifth locks the account and the rest are told it is
locked; none is lost to another desk's write."""

from __future__ import annotations

from pathlib import Path

from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services.accounts import MAX_FAILED_LOGINS
from tests.helpers.desks import run_desks
from tests.helpers.sign_in_worker import wrong_password

WORKERS = 8


def test_eight_wrong_passwords_at_once_all_count(make_staff, db_url: str, tmp_path: Path) -> None:
    clerk = make_staff("clerk", "front_desk")
    run = run_desks(tmp_path, WORKERS, wrong_password, db_url)
    run.check(WORKERS, ok=("refused",))
    reports = run.reports
    wrong = [r for r in reports if r[2] == "Wrong user name or password."]
    assert len(wrong) == MAX_FAILED_LOGINS - 1
    staff = Staff.get_by_id(clerk.id)
    assert staff.locked_until is not None and staff.failed_logins == 0
    actions = [a.action for a in AuditEntry.select().where(AuditEntry.entity_id == clerk.id)]
    assert actions.count("login_failed") == MAX_FAILED_LOGINS - 1
    assert actions.count("lock") == 1
