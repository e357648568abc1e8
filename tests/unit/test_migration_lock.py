"""Several desks start a new version at the same moment on one database: every schema step runs
exactly once and no desk fails. On PostgreSQL the first to take the advisory lock migrates (after
one pg_dump backup) and the others wait and find the schema current; on SQLite each step's
IMMEDIATE transaction waits for the other desk's and finds the step done. Without the lock the
desks would all run the steps and collide."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import PostgresqlDatabase

from stationapp.db import close_database, database, open_database
from stationapp.migrations import CURRENT_VERSION, migrate
from stationapp.services.maintenance import open_station_database
from tests.helpers.desks import run_desks
from tests.helpers.migration_worker import start_desk

DESKS = 4


@pytest.mark.parametrize("start", [0, 1], ids=["empty", "version-1"])
def test_desks_starting_at_once_run_each_step_exactly_once(
    db_url: str, tmp_path: Path, start: int
) -> None:
    if start:
        db = open_database(db_url)
        migrate(db, target=start)
        database.execute_sql("INSERT INTO setting (key, value) VALUES ('station_name', '站')")
        close_database()

    run = run_desks(tmp_path, DESKS, start_desk, db_url, timeout=120)
    run.check(DESKS, ok=("ok",))
    reports = run.reports
    assert all(version == CURRENT_VERSION for *_, version in reports)
    steps = sorted(r[2] for r in reports)
    assert sum(steps) == CURRENT_VERSION - start, steps
    if not db_url.startswith("sqlite:"):
        assert steps == [0] * (DESKS - 1) + [CURRENT_VERSION - start], steps

    db = open_database(db_url)
    try:
        rows = [tuple(r) for r in db.execute_sql("SELECT app, version FROM schema_version")]
        assert rows == [("stationapp", CURRENT_VERSION)]
    finally:
        close_database()
    if db_url.startswith("sqlite:"):
        return
    folders = [tmp_path / f"desk{index}" for index in range(DESKS)]
    backups = [p for folder in folders for p in (folder / "backups").glob("*.dump")]
    assert len(backups) == (1 if start else 0), backups


@pytest.mark.postgresql_only
def test_a_desk_opens_an_up_to_date_database_without_the_lock(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The usual start (issue 22): the schema is current, so the desk reads its version once and
    neither waits for nor takes the migration lock, which another desk may be holding."""
    import psycopg2

    from stationapp.services import maintenance

    open_station_database(db_url)
    close_database()
    monkeypatch.setattr(maintenance, "MIGRATION_LOCK_WAIT", "1s")  # a desk that waited fails
    other = psycopg2.connect(db_url)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (maintenance.MIGRATION_LOCK_KEY,))
        statements: list[str] = []
        execute = PostgresqlDatabase.execute_sql

        def logged(self, sql, *args, **kwargs):  # type: ignore[no-untyped-def]
            statements.append(sql)
            return execute(self, sql, *args, **kwargs)

        monkeypatch.setattr(PostgresqlDatabase, "execute_sql", logged)
        db = open_station_database(db_url)
        opening = list(statements)
        assert db.execute_sql("SELECT version FROM schema_version").fetchone() == (CURRENT_VERSION,)
        assert not [s for s in opening if "advisory" in s or "lock_timeout" in s], opening
        assert sum("FROM schema_version" in s for s in opening) == 1, opening  # read once
    finally:
        other.close()
        close_database()


@pytest.mark.postgresql_only
def test_a_desk_finding_a_migration_half_done_waits_for_the_lock(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several desks start on an empty database (issue 22's lockless read): the one migrating has
    made its first tables but not yet the version when another reads without the lock. That read
    says "not a stationapp database"; the desk must then take the lock and find the migration
    done, not refuse the database."""
    from stationapp.migrations import NotStationDatabase
    from stationapp.services import maintenance

    open_station_database(db_url)
    close_database()
    reads: list[str] = []
    check = maintenance.check_not_newer

    def half_done_first(db):  # type: ignore[no-untyped-def]
        reads.append("locked" if reads else "lockless")
        if len(reads) == 1:
            raise NotStationDatabase("tables but no version yet")
        return check(db)

    monkeypatch.setattr(maintenance, "check_not_newer", half_done_first)
    db = open_station_database(db_url)
    try:
        assert reads == ["lockless", "locked"]
        assert db.execute_sql("SELECT version FROM schema_version").fetchone() == (CURRENT_VERSION,)
    finally:
        close_database()
