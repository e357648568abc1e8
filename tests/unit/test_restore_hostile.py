"""A hostile backup (issue 19, finding 1): a copy of a real backup edited with sqlite3 to carry
triggers, views, extra tables, changed columns or oversized values is refused with the reason
and the current database stays byte for byte as it was; a clean backup (of this or an older
schema version) restores, the desk keeps its own backup folder and retention, and every restore
and backup is audited in the resulting database and logged with the operating-system user."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import peewee
import pytest

from stationapp import config
from stationapp.db import close_database, database, sqlite_path
from stationapp.errors import ValidationError
from stationapp.migrations import CURRENT_VERSION, migrate
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.people import Person
from stationapp.services import backup, people
from stationapp.services.maintenance import open_station_database

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.sqlite_only("restores the SQLite file itself")

# Each attack: the SQL that edits a copy of a real backup, and the words the refusal must say.
ATTACKS: dict[str, tuple[list[str], list[str]]] = {
    "trigger copying new people": (
        [
            "CREATE TRIGGER copy_people AFTER INSERT ON person BEGIN "
            "INSERT INTO setting (key, value) VALUES ('leak-' || new.id, new.id_number); END",
        ],
        ["trigger “copy_people” on person"],
    ),
    "hidden table": (
        ["CREATE TABLE harvest (id INTEGER PRIMARY KEY, id_number TEXT)"],
        ["extra table “harvest”"],
    ),
    "audit trail replaced by a view": (
        [
            "ALTER TABLE audit_entry RENAME TO audit_real",
            "CREATE VIEW audit_entry AS SELECT * FROM audit_real",
            "CREATE TRIGGER drop_restores INSTEAD OF INSERT ON audit_entry WHEN "
            "new.action <> 'restore' BEGIN INSERT INTO audit_real (at, staff_id, action, entity, "
            "entity_id, details) VALUES (new.at, new.staff_id, new.action, new.entity, "
            "new.entity_id, new.details); END",
        ],
        ["table audit_entry is a view", "trigger “drop_restores” on audit_entry"],
    ),
    "an administrator that cannot be deactivated": (
        [
            "CREATE TRIGGER keep_mallory AFTER UPDATE OF active ON staff WHEN "
            "old.username = 'mallory' BEGIN UPDATE staff SET active = 1 WHERE id = old.id; END",
        ],
        ["trigger “keep_mallory” on staff"],
    ),
    "renamed column": (
        ["ALTER TABLE person RENAME COLUMN notes TO remarks"],
        ["column person.notes is renamed or missing"],
    ),
    "dropped table": (["DROP TABLE loan"], ["table loan is missing"]),
    "extra index": (["CREATE INDEX sneaky ON person (notes)"], ["extra index “sneaky” on person"]),
    "2-million-character name": (
        ["UPDATE person SET name = printf('%.*c', 2000000, 'x')"],
        ["column person.name holds a value of 2000000 characters (at most 50)"],
    ),
    "oversized note": (
        ["UPDATE person SET notes = printf('%.*c', 200001, 'x')"],
        ["column person.notes holds a value of 200001 characters (at most 100000)"],
    ),
}


def _add_person(actor, name: str = "张三", phone: str = "13900000001") -> Person:
    return people.create_person(actor, people.PersonInput(name=name, phone=phone))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tampered(good: Path, folder: Path, statements: list[str]) -> Path:
    """A copy of the backup ``good`` edited with sqlite3 as an attacker would."""
    copy = folder / f"tampered-{len(list(folder.glob('tampered-*')))}.db"
    shutil.copyfile(good, copy)
    conn = sqlite3.connect(copy)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return copy


def _settle(db_url: str) -> Path:
    """The current database file with everything checkpointed into it."""
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return sqlite_path(db_url)


@pytest.fixture
def good(admin, make_staff, db_url: str) -> Path:
    _add_person(admin)
    make_staff("mallory", "admin")
    return backup.backup_now(admin, db_url)


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_tampered_backup_is_refused_and_changes_nothing(
    admin, good: Path, db_url: str, tmp_path: Path, attack: str
) -> None:
    statements, reasons = ATTACKS[attack]
    hostile = _tampered(good, tmp_path, statements)
    _add_person(admin, "李四", "13900000002")
    current = _settle(db_url)
    before = _digest(current)
    backups_before = backup.list_backups(config.backup_dir())
    with pytest.raises(backup.BackupError) as raised:
        backup.check_backup_file(hostile)
    for reason in reasons:
        assert reason in raised.value.message
    with pytest.raises(backup.BackupError) as raised:
        backup.restore(db_url, hostile, actor=admin)
    for reason in reasons:
        assert reason in raised.value.message
    assert "nothing was changed" in raised.value.message
    assert _digest(current) == before
    assert backup.list_backups(config.backup_dir()) == backups_before  # no safety copy either
    assert not list(current.parent.glob(".*.partial"))
    assert sorted(p.name for p in Person.select()) == ["张三", "李四"]
    # The clean backup it was made from still restores.
    backup.restore(db_url, good, actor=admin)
    assert [p.name for p in Person.select()] == ["张三"]


def test_a_backup_that_lost_its_schema_version_value_is_not_ours(
    good: Path, tmp_path: Path
) -> None:
    hostile = _tampered(good, tmp_path, ["UPDATE schema_version SET version = 'nine'"])
    with pytest.raises(backup.BackupError, match="not a stationapp database"):
        backup.check_backup_file(hostile)


def test_a_changed_column_type_or_constraint_is_refused(good: Path, tmp_path: Path) -> None:
    # The attacker rebuilds the table with the same columns but a looser/odd definition.
    conn = sqlite3.connect(good)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'setting'").fetchone()[0]
    conn.close()
    hostile = _tampered(
        good,
        tmp_path,
        [
            "ALTER TABLE setting RENAME TO setting_old",
            sql.replace("PRIMARY KEY", "PRIMARY KEY CHECK (key <> 'backup_folder')"),
            "INSERT INTO setting SELECT * FROM setting_old",
            "DROP TABLE setting_old",
        ],
    )
    with pytest.raises(backup.BackupError) as raised:
        backup.check_backup_file(hostile)
    assert "setting" in raised.value.message


def test_an_older_clean_backup_restores_and_is_upgraded(admin, db_url: str, tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    scratch = peewee.SqliteDatabase(str(older))
    scratch.connect()
    migrate(scratch, target=CURRENT_VERSION - 1)
    scratch.close()
    assert backup.check_backup_file(older).schema_version == CURRENT_VERSION - 1
    # The same older file with a trigger is refused against that version's schema.
    hostile = _tampered(
        older,
        tmp_path,
        ["CREATE TRIGGER t AFTER INSERT ON person BEGIN DELETE FROM person; END"],
    )
    with pytest.raises(backup.BackupError, match="trigger “t” on person"):
        backup.check_backup_file(hostile)
    backup.restore(db_url, older, actor=admin)
    close_database()
    open_station_database(db_url)
    assert database.execute_sql("SELECT version FROM schema_version").fetchone()[0] == (
        CURRENT_VERSION
    )


def test_the_schema_check_matches_the_migrations(db_url: str, admin) -> None:
    """A database migrated here has no difference from the reference (no false refusal)."""
    conn = sqlite3.connect(_settle(db_url))
    try:
        assert backup.schema_differences(conn, CURRENT_VERSION) == []
        assert backup.oversized_values(conn, CURRENT_VERSION) == []
    finally:
        conn.close()


# --- the desk's own backup settings, retention -----------------------------------------------


def test_a_restore_keeps_the_desks_backup_folder_and_retention(
    admin, good: Path, db_url: str, tmp_path: Path
) -> None:
    mine = backup.save_backup_settings(admin, backup.BackupSettings(tmp_path / "nas", 9, 3))
    hostile = _tampered(
        good,
        tmp_path,
        [
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('backup_keep_daily', '0')",
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('backup_keep_monthly', '0')",
            f"INSERT OR REPLACE INTO setting (key, value) VALUES ('backup_folder', "
            f"'{tmp_path / 'elsewhere'}')",
        ],
    )
    backup.restore(db_url, hostile, actor=admin)
    assert backup.backup_settings() == mine
    # Where there was no readable database, the file's values are dropped: the defaults.
    close_database()
    other = f"sqlite:///{(tmp_path / 'new-pc' / 'station.db').as_posix()}"
    backup.restore(other, hostile)
    open_station_database(other)
    assert backup.backup_settings() == backup.BackupSettings(
        config.backup_dir(), backup.DEFAULT_KEEP_DAILY, backup.DEFAULT_KEEP_MONTHLY
    )


def test_retention_never_below_seven_daily_copies(admin, db_url: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as raised:
        backup.save_backup_settings(admin, backup.BackupSettings(tmp_path, 6, 0))
    assert set(raised.value.errors) == {"keep_daily"}
    folder = config.backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    old = [
        folder / backup.backup_file_name(backup.DAILY, datetime(2026, 11, day, 8, 0, 0))
        for day in range(1, 11)
    ]
    for path in old:
        path.write_bytes(b"x")
    # A setting of 0 written behind the service's back (an edited database).
    database.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES ('backup_keep_daily', '0'), "
        "('backup_keep_monthly', '0')"
    )
    assert backup.backup_settings().keep_daily == backup.MIN_KEEP_DAILY
    made = backup.backup_now(admin, db_url)
    kept = {b.path for b in backup.list_backups(folder)}
    assert kept == {made, *old[-6:]}  # today's and the six newest earlier days
    # The rotation itself has the floor too.
    assert backup.rotate(folder, 0, 0) == []


# --- what the file holds --------------------------------------------------------------------


def test_summary_names_counts_and_new_administrators(
    admin, good: Path, db_url: str, tmp_path: Path
) -> None:
    # Today mallory is no administrator any more; the file still has her as one.
    Staff.update(roles="front_desk").where(Staff.username == "mallory").execute()
    summary = backup.backup_summary(good, db_url)
    assert summary.station_name == "建国门街道工会服务站"
    assert (summary.people, summary.visits, summary.cases, summary.loans, summary.events) == (
        1,
        0,
        0,
        0,
        0,
    )
    assert summary.newest_record is not None
    assert (
        summary.newest_record.date()
        == AuditEntry.select().order_by(AuditEntry.at.desc()).first().at.date()
    )
    by_name = {a.username: a for a in summary.administrators}
    assert set(by_name) == {"admin", "mallory"}
    assert by_name["mallory"].new and not by_name["admin"].new
    assert summary.current_administrators == ("admin",)
    text = backup.describe_summary(summary)
    assert "建国门街道工会服务站" in text and "People: 1" in text
    assert "mallory" in text and "[NEW" in text
    hostile = _tampered(good, tmp_path, ["CREATE VIEW v AS SELECT 1"])
    with pytest.raises(backup.BackupError, match="view “v”"):
        backup.backup_summary(hostile, db_url)


# --- audited in the resulting database and logged -------------------------------------------


def test_restore_and_backup_audited_with_the_os_user_and_logged(
    admin, good: Path, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="stationapp.services.backup")
    entry = AuditEntry.select().where(AuditEntry.action == "backup").get()
    assert json.loads(entry.details)["os_user"] == getpass.getuser()
    safety = backup.restore(db_url, good, actor=admin, via="window")
    backup.record_restore("admin", good, safety, via="window")
    entry = AuditEntry.select().where(AuditEntry.action == "restore").get()
    details = json.loads(entry.details)
    assert entry.staff_id == admin.id
    assert details["os_user"] == getpass.getuser() and details["via"] == "window"
    logged = caplog.text
    assert "restore audited" in logged and getpass.getuser() in logged
    assert f"restored {sqlite_path(db_url)} from {good}" in logged


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STATIONAPP_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "stationapp", *args, "--lang", "en"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_command_line_refuses_a_hostile_file_and_audits_what_it_does(
    admin, good: Path, db_url: str, private_dirs: Path, tmp_path: Path
) -> None:
    hostile = _tampered(good, tmp_path, ATTACKS["audit trail replaced by a view"][0])
    current = _settle(db_url)
    close_database()
    before = _digest(current)
    refused = _cli("restore", str(hostile), "--yes", "--database", db_url, data_dir=private_dirs)
    assert refused.returncode == 1
    assert "table audit_entry is a view" in refused.stderr
    assert _digest(current) == before
    done = _cli("backup", str(tmp_path / "usb.db"), "--database", db_url, data_dir=private_dirs)
    assert done.returncode == 0, done.stderr
    open_station_database(db_url)
    [entry] = AuditEntry.select().where(
        AuditEntry.action == "backup", AuditEntry.details.contains("command line")
    )
    details = json.loads(entry.details)
    assert details["os_user"] == getpass.getuser() and details["file"] == str(tmp_path / "usb.db")
    close_database()
    done = _cli("restore", str(good), "--yes", "--database", db_url, data_dir=private_dirs)
    assert done.returncode == 0, done.stderr
    assert "建国门街道工会服务站" in done.stdout and "mallory" in done.stdout
    open_station_database(db_url)
    [entry] = AuditEntry.select().where(AuditEntry.action == "restore")
    details = json.loads(entry.details)
    assert details["os_user"] == getpass.getuser() and details["via"] == "command line"
    log_text = "".join(
        p.read_text(encoding="utf-8") for p in config.log_dir().glob("stationapp.log*")
    )
    assert "refused" in log_text and "restore audited" in log_text
    assert "backup audited" in log_text
