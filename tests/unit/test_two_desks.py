"""Two desks (or two windows) on one database, a SQLite file or PostgreSQL, write at the same
time without corruption and without losing a committed record (issue #7)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from stationapp.db import close_database, database, is_sqlite
from stationapp.models.people import Person
from stationapp.services.maintenance import open_station_database

REPO = Path(__file__).resolve().parents[2]


def test_two_processes_write_to_one_file(admin, db_url: str, private_dirs: Path) -> None:
    close_database()
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.people_writer",
                db_url,
                str(private_dirs),
                "admin",
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    # Both desks are writing (each has committed once) before the clock starts.
    firsts = [writer.stdout.readline() for writer in writers]
    time.sleep(3)
    for writer in writers:
        writer.kill()
    reported: list[set[int]] = []
    for writer, first in zip(writers, firsts, strict=True):
        out, err = writer.communicate(timeout=30)
        ids = {int(line) for line in (first + out).split() if line.strip().isdigit()}
        assert ids, err  # each desk got its writes in
        reported.append(ids)
    assert not reported[0] & reported[1]
    open_station_database(db_url)
    if is_sqlite():
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {p.id for p in Person.select(Person.id)}
    lost = (reported[0] | reported[1]) - stored
    assert lost == set(), f"{len(lost)} committed people lost"
