"""Several desks start a new version at the same moment on one database: every schema step runs
exactly once and no desk fails. On PostgreSQL the first to take the advisory lock migrates (after
one pg_dump backup) and the others wait and find the schema current; on SQLite each step's
IMMEDIATE transaction waits for the other desk's and finds the step done. Without the lock the
desks would all run the steps and collide."""

from __future__ import annotations

import multiprocessing
import queue
from pathlib import Path

import pytest

from stationapp.db import close_database, database, open_database
from stationapp.migrations import CURRENT_VERSION, migrate
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

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(DESKS)
    results = context.Queue()
    folders = [tmp_path / f"desk{index}" for index in range(DESKS)]
    processes = []
    for index, folder in enumerate(folders):
        folder.mkdir()
        process = context.Process(
            target=start_desk, args=(index, db_url, str(folder), barrier, results)
        )
        process.start()
        processes.append(process)
    reports = []
    try:
        for _ in range(DESKS):
            reports.append(results.get(timeout=120))
    except queue.Empty:
        pass
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()

    errors = [r[2] for r in reports if r[1] != "ok"]
    assert not errors, errors[0]
    assert len(reports) == DESKS
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
    backups = [p for folder in folders for p in (folder / "backups").glob("*.dump")]
    assert len(backups) == (1 if start else 0), backups
