"""Backups and restores (issue #7): verified online copies, rotation, refusals that change
nothing, restores that keep a safety copy, the command line."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stationapp import config
from stationapp.db import close_database, database, sqlite_path
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.migrations import CURRENT_VERSION
from stationapp.models.accounts import AuditEntry
from stationapp.models.people import Person
from stationapp.services import backup, people
from stationapp.services.maintenance import open_station_database

REPO = Path(__file__).resolve().parents[2]
# A copy of the SQLite file with the backup API, and restoring one; a PostgreSQL database is
# backed up with pg_dump (test_postgresql_backup_is_a_private_pg_dump_archive) and restored with
# pg_restore on the server.
SQLITE_FILE = pytest.mark.sqlite_only("backs up or restores the SQLite file itself")


def _add_person(actor, name: str = "张三", phone: str = "13900000001") -> Person:
    return people.create_person(actor, people.PersonInput(name=name, phone=phone))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(path: Path, table: str = "person") -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


# --- making backups ------------------------------------------------------------------------


@SQLITE_FILE
def test_backup_is_verified_private_and_named(admin, db_url: str) -> None:
    _add_person(admin)
    path = backup.backup_now(admin, db_url)
    assert path.parent == config.backup_dir()
    assert backup.parse_name(path)[0] == backup.MANUAL
    assert _count(path) == 1
    assert backup.check_backup_file(path).schema_version == CURRENT_VERSION
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert not list(path.parent.glob("*.partial"))
    entry = AuditEntry.select().where(AuditEntry.action == "backup").get()
    assert entry.staff_id == admin.id and str(path) in entry.details


@SQLITE_FILE
def test_backup_to_a_chosen_file_or_folder(admin, db_url: str, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    in_folder = backup.backup_now(admin, db_url, target=usb)
    assert in_folder.parent == usb
    named = backup.backup_now(admin, db_url, target=tmp_path / "copy.db")
    assert named == tmp_path / "copy.db" and backup.check_backup_file(named)
    assert usb in backup.known_folders()


def test_only_an_administrator_backs_up(make_staff, db_url: str) -> None:
    clerk = make_staff("clerk", "front_desk")
    with pytest.raises(PermissionDenied):
        backup.backup_now(clerk, db_url)
    assert backup.list_backups(config.backup_dir()) == []


def test_daily_backup_once_a_day(admin, db_url: str) -> None:
    first = backup.daily_backup(db_url)
    assert first is not None and backup.parse_name(first)[0] == backup.DAILY
    assert backup.daily_backup(db_url) is None
    assert len(backup.list_backups(config.backup_dir())) == 1


def test_backup_settings_validated_and_audited(admin, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as raised:
        backup.save_backup_settings(admin, backup.BackupSettings(Path("relative/folder"), 14, 12))
    assert "folder" in raised.value.errors
    with pytest.raises(ValidationError) as raised:
        backup.save_backup_settings(admin, backup.BackupSettings(tmp_path, 0, 500))
    assert set(raised.value.errors) == {"keep_daily", "keep_monthly"}
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ValidationError) as raised:
        backup.save_backup_settings(admin, backup.BackupSettings(blocker / "sub", 14, 12))
    assert "folder" in raised.value.errors
    saved = backup.save_backup_settings(admin, backup.BackupSettings(tmp_path / "nas", 7, 6))
    assert backup.backup_settings() == saved
    assert (tmp_path / "nas").is_dir()
    assert AuditEntry.select().where(AuditEntry.action == "backup_settings").count() == 1


def test_backups_go_to_the_chosen_folder_and_rotate(admin, db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "nas"
    backup.save_backup_settings(admin, backup.BackupSettings(folder, 7, 1))
    old = [
        folder / backup.backup_file_name(backup.DAILY, datetime(2026, 11, d, 8, 0, 0))
        for d in range(1, 9)
    ]
    for path in old:
        path.write_bytes(b"x")
    kept_forever = folder / backup.backup_file_name(backup.BEFORE_RESTORE, datetime(2020, 1, 1))
    kept_forever.write_bytes(b"x")
    made = backup.backup_now(admin, db_url)
    names = {b.path for b in backup.list_backups(folder)}
    # Newest of the last seven days (today's and 3 to 8 Nov), the newest of this month (today's).
    assert names == {made, *old[2:], kept_forever}


def _fake(kind: str, when: datetime) -> backup.BackupFile:
    return backup.BackupFile(Path(backup.backup_file_name(kind, when)), kind, when, 1)


@settings(max_examples=200, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=0, max_value=2000 * 24), min_size=0, max_size=60),
    kinds=st.lists(st.sampled_from(backup.KINDS), min_size=60, max_size=60),
    keep_daily=st.integers(min_value=-5, max_value=30),
    keep_monthly=st.integers(min_value=0, max_value=24),
)
def test_rotation_properties(offsets, kinds, keep_daily, keep_monthly) -> None:
    base = datetime(2030, 1, 1)
    files = {}
    for offset, kind in zip(offsets, kinds, strict=False):
        item = _fake(kind, base - timedelta(hours=offset))
        files[item.path] = item
    backups = list(files.values())
    removed = backup.to_remove(backups, keep_daily, keep_monthly)
    kept = [b for b in backups if b not in removed]
    rotated = [b for b in backups if b.kind in backup.ROTATED]
    # Safety copies are never rotated away.
    assert all(b.kind in backup.ROTATED for b in removed)
    if rotated:
        assert max(rotated, key=lambda b: b.made_at) in kept  # the newest always stays
    kept_rotated = [b for b in kept if b.kind in backup.ROTATED]
    keep_daily = max(keep_daily, backup.MIN_KEEP_DAILY)  # the floor, whatever the setting
    assert len(kept_rotated) <= keep_daily + keep_monthly
    days = sorted({b.made_at.date() for b in rotated}, reverse=True)[:keep_daily]
    for day in days:  # the newest backup of each of the last keep_daily days stays
        newest = max((b for b in rotated if b.made_at.date() == day), key=lambda b: b.made_at)
        assert newest in kept


# --- backup while another process writes ----------------------------------------------------


@SQLITE_FILE
def test_backup_while_another_process_writes(
    admin, db_url: str, private_dirs: Path, tmp_path: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.people_writer", db_url, str(private_dirs), "admin"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        first = writer.stdout.readline()
        assert first.strip().isdigit(), writer.stderr.read() if writer.stderr else ""
        made = []
        for round_ in range(5):
            time.sleep(0.1)
            made.append(backup.make_backup(db_url, target=tmp_path / f"while-{round_}.db"))
    finally:
        writer.kill()
        writer.wait()
    counts = [_count(p) for p in made]
    assert counts[-1] > 0
    for path in made:
        assert backup.check_backup_file(path).schema_version == CURRENT_VERSION
    # The last copy restores to a working database.
    restored_url = f"sqlite:///{(tmp_path / 'restored.db').as_posix()}"
    close_database()
    backup.restore(restored_url, made[-1])
    open_station_database(restored_url)
    assert Person.select().count() == counts[-1]
    _add_person(admin.__class__.get(admin.__class__.username == "admin"), "李四", "13900000002")
    assert Person.select().count() == counts[-1] + 1
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- restoring -----------------------------------------------------------------------------


@SQLITE_FILE
def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(admin, db_url: str) -> None:
    _add_person(admin)
    saved = backup.backup_now(admin, db_url)
    _add_person(admin, "李四", "13900000002")
    assert Person.select().count() == 2
    safety = backup.restore(db_url, saved, actor=admin)
    assert safety is not None and backup.parse_name(safety)[0] == backup.BEFORE_RESTORE
    assert _count(safety) == 2
    # The open connection sees the restored data at once.
    assert [p.name for p in Person.select()] == ["张三"]
    backup.record_restore("admin", saved, safety)
    entry = AuditEntry.select().where(AuditEntry.action == "restore").get()
    assert entry.staff_id == admin.id


def _bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    truncated = tmp_path / "truncated.db"
    data = good.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    text = tmp_path / "notes.db"
    text.write_text("这不是数据库 = not a database\n" * 100, encoding="utf-8")
    newer = tmp_path / "newer.db"
    newer.write_bytes(data)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    conn.commit()
    conn.close()
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return {
        "truncated": truncated,
        "text": text,
        "newer": newer,
        "foreign": foreign,
        "missing": tmp_path / "missing.db",
    }


@SQLITE_FILE
@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("truncated", "damaged"),
        ("text", "not a database file"),
        ("newer", "newer version"),
        ("foreign", "not a stationapp database"),
        ("missing", "does not exist"),
    ],
)
def test_a_bad_restore_is_refused_and_changes_nothing(
    admin, db_url: str, tmp_path: Path, case: str, words: str
) -> None:
    _add_person(admin)
    good = backup.backup_now(admin, db_url)
    bad = _bad_files(tmp_path, good)[case]
    current = sqlite_path(db_url)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(current)
    backups_before = backup.list_backups(config.backup_dir())
    with pytest.raises(backup.BackupError) as raised:
        backup.restore(db_url, bad, actor=admin)
    assert words in raised.value.message
    assert _digest(current) == before
    assert backup.list_backups(config.backup_dir()) == backups_before  # no safety copy either
    assert [p.name for p in Person.select()] == ["张三"]


@SQLITE_FILE
def test_restore_over_a_damaged_database_moves_it_aside(admin, db_url: str) -> None:
    _add_person(admin)
    good = backup.backup_now(admin, db_url)
    close_database()
    current = sqlite_path(db_url)
    for suffix in ("-wal", "-shm"):
        current.with_name(current.name + suffix).unlink(missing_ok=True)
    current.write_bytes(b"garbage" * 1000)
    assert backup.restore(db_url, good) is None
    aside = list(current.parent.glob(current.name + ".damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"garbage")
    open_station_database(db_url)
    assert [p.name for p in Person.select()] == ["张三"]


@SQLITE_FILE
def test_restore_of_a_missing_database(admin, db_url: str, tmp_path: Path) -> None:
    _add_person(admin)
    good = backup.backup_now(admin, db_url)
    other = f"sqlite:///{(tmp_path / 'new-pc' / 'station.db').as_posix()}"
    close_database()
    assert backup.restore(other, good) is None
    open_station_database(other)
    assert Person.select().count() == 1
    assert backup.newest_backup() is not None and backup.newest_backup().path == good


@SQLITE_FILE
def test_restore_refuses_postgresql_and_the_database_itself(admin, db_url: str) -> None:
    with pytest.raises(backup.BackupError, match="pg_restore"):
        backup.restore("postgresql://u@localhost/x", Path("x.db"))
    with pytest.raises(backup.BackupError, match="database itself"):
        backup.restore(db_url, sqlite_path(db_url))


@pytest.mark.postgresql_only
def test_postgresql_backup_is_a_private_pg_dump_archive(admin, db_url: str) -> None:
    _add_person(admin)
    path = backup.backup_now(admin, db_url)
    assert path.parent == config.backup_dir()
    assert path.suffix == ".dump" and backup.parse_name(path)[0] == backup.MANUAL
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert not list(path.parent.glob("*.partial"))
    listing = subprocess.run(
        [str(Path(backup.pg_dump_path()).with_name("pg_restore")), "--list", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public person" in listing
    assert "TABLE DATA public schema_version" in listing
    entry = AuditEntry.select().where(AuditEntry.action == "backup").get()
    assert entry.staff_id == admin.id and str(path) in entry.details


def test_pg_dump_missing_is_said_clearly(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(backup.postgres, "pg_dump_path", lambda: None)
    with pytest.raises(backup.BackupError, match="pg_dump is not installed"):
        backup.make_backup(
            "postgresql://u@localhost/x", settings=backup.BackupSettings(folder=tmp_path)
        )


# --- the command line ----------------------------------------------------------------------


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STATIONAPP_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "stationapp", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@SQLITE_FILE
def test_command_line_backup_and_restore(
    admin, db_url: str, private_dirs: Path, tmp_path: Path
) -> None:
    _add_person(admin)
    close_database()
    target = tmp_path / "usb"
    target.mkdir()
    done = _cli("backup", str(target), "--database", db_url, "--lang", "en", data_dir=private_dirs)
    assert done.returncode == 0, done.stderr
    [written] = list(target.glob("stationapp-manual-*.db"))
    assert str(written) in done.stdout
    open_station_database(db_url)
    _add_person(admin, "李四", "13900000002")
    close_database()
    refused = _cli(
        "restore", str(tmp_path / "nothing.db"), "--yes", "--database", db_url,
        "--lang", "en", data_dir=private_dirs,
    )  # fmt: skip
    assert refused.returncode == 1 and "does not exist" in refused.stderr
    no_yes = _cli("restore", str(written), "--database", db_url, data_dir=private_dirs)
    assert no_yes.returncode == 1
    done = _cli(
        "restore", str(written), "--yes", "--database", db_url, "--lang", "en",
        data_dir=private_dirs,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "previous database was saved" in done.stdout
    open_station_database(db_url)
    assert [p.name for p in Person.select()] == ["张三"]
    assert AuditEntry.select().where(AuditEntry.action == "restore").count() == 1


def test_command_line_backup_without_a_database(private_dirs: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'none.db').as_posix()}"
    done = _cli("backup", "--database", url, "--lang", "en", data_dir=private_dirs)
    assert done.returncode == 2 and "no database" in done.stderr
    assert not (tmp_path / "none.db").exists()
