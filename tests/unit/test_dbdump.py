"""The tests' record of a whole database (tests/helpers/dbdump.py): a snapshot, the one-statement
form the property tests compare around each call, sees a change in any row of any table."""

from __future__ import annotations

from stationapp.db import database
from stationapp.models.accounts import AuditEntry, Staff
from tests.helpers import dbdump


def test_a_snapshot_equals_the_next_when_nothing_changed(admin) -> None:
    before = dbdump.snapshot()
    assert set(before) == set(database.get_tables())
    assert len(before["staff"]) == 1, "the administrator's row is in it"
    assert dbdump.snapshot() == before


def test_a_snapshot_sees_one_value_changed_in_one_row(admin) -> None:
    before = dbdump.snapshot()
    Staff.update(display_name="王站长 ").where(Staff.id == admin.id).execute()
    after = dbdump.snapshot()
    assert dbdump.changed_tables(before, after) == ["staff"]


def test_a_snapshot_sees_a_null_set_and_a_row_removed(admin) -> None:
    Staff.update(locked_until=None).execute()
    before = dbdump.snapshot()
    Staff.update(last_login_at=None).where(Staff.id == admin.id).execute()
    Staff.update(locked_until=Staff.created_at).where(Staff.id == admin.id).execute()
    changed = dbdump.snapshot()
    assert dbdump.changed_tables(before, changed) == ["staff"]
    first = AuditEntry.select().order_by(AuditEntry.id).first()
    AuditEntry.delete().where(AuditEntry.id == first.id).execute()
    assert dbdump.changed_tables(changed, dbdump.snapshot()) == ["audit_entry"]


def test_a_snapshot_holds_every_row_of_every_table(admin, db_backend) -> None:
    shot, dumped = dbdump.snapshot(), dbdump.dump()
    assert set(shot) == set(dumped)
    if db_backend == "sqlite":
        assert shot == dumped
    else:
        assert {t: len(rows) for t, rows in shot.items()} == {
            t: len(rows) for t, rows in dumped.items()
        }
