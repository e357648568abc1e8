"""A saved visit survives the program being killed (acceptance, issue #7).

A child process records visits through the real service and prints each id once the call has
returned; the test kills it with SIGKILL at a random moment, twenty times on the same file. After
every kill the file opens, passes SQLite's integrity check, and holds every reported visit with
its purposes and its audit entry.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import peewee
import pytest

from stationapp.db import close_database
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import people
from stationapp.services.maintenance import open_station_database
from tests.helpers.visit_writer import purposes_for_call

pytestmark = [
    pytest.mark.skipif(
        not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX) to kill the writer"
    ),
    pytest.mark.sqlite_only(
        "a killed SQLite writer must leave the file whole; on PostgreSQL the server, not the "
        "killed client, writes the data"
    ),
]

ROUNDS = 20
SEED = 7_0520
MIN_DELAY, MAX_DELAY = 0.05, 0.6
STARTUP_TIMEOUT = 30.0
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Round:
    reported: list[int]
    returncode: int | None
    stderr: str
    delay: float


@dataclass
class Totals:
    rounds: int = 0
    reported: int = 0
    lost: int = 0
    unreported_commits: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"rounds={self.rounds} visits reported committed={self.reported} "
            f"records lost={self.lost} committed but not yet reported when killed="
            f"{self.unreported_commits}"
        )


def _run_and_kill(args: list[str], *, delay: float, stderr_path: Path) -> Round:
    """Start the writer, kill it ``delay`` seconds after its first id, return what it printed."""
    lines: list[bytes] = []
    first = threading.Event()
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.visit_writer", *args],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line)
                first.set()
            first.set()  # the writer ended (or died) before printing anything

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            first.wait(STARTUP_TIMEOUT)
            if process.poll() is None:
                time.sleep(delay)
        finally:
            process.kill()
            process.wait(timeout=30)
            reader.join(timeout=30)
    # A write of a few bytes to a pipe is atomic, but only whole lines count as reported.
    reported = [int(line) for line in lines if line.endswith(b"\n")]
    return Round(reported, process.returncode, stderr_path.read_text(errors="replace"), delay)


def _check_round(number: int, run: Round, service_ids: list[int], totals: Totals) -> None:
    """Every reported id is stored whole; every stored visit is whole (no partial record)."""
    for call, visit_id in enumerate(run.reported):
        expected = purposes_for_call(call, service_ids)
        visit = Visit.get_or_none(Visit.id == visit_id)
        stored = sorted(
            p.service_id for p in VisitPurpose.select().where(VisitPurpose.visit == visit_id)
        )
        audited = (
            AuditEntry.select()
            .where(
                AuditEntry.entity == "visit",
                AuditEntry.entity_id == visit_id,
                AuditEntry.action == "create",
            )
            .count()
        )
        if visit is None or stored != sorted(expected) or audited != 1:
            totals.lost += 1
            totals.problems.append(
                f"round {number} (killed {run.delay:.3f} s after the first id): visit "
                f"{visit_id} (call {call}) stored={visit is not None} "
                f"purposes={stored} expected={sorted(expected)} audit entries={audited}"
            )
    incomplete = (
        Visit.select(Visit.id)
        .join(VisitPurpose, on=(VisitPurpose.visit == Visit.id), join_type=peewee.JOIN.LEFT_OUTER)
        .where(VisitPurpose.id.is_null())
        .count()
    )
    if incomplete:
        totals.problems.append(f"round {number}: {incomplete} visits without purposes")


def test_killed_writer_loses_no_committed_visit(admin: Staff, db_url: str, tmp_path: Path) -> None:
    person = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    service_ids = [
        s.id
        for s in ServiceType.select().where(ServiceType.active).order_by(ServiceType.id).limit(3)
    ]
    assert len(service_ids) == 3
    args = [db_url, admin.username, str(person.id), *map(str, service_ids)]
    # The writer is the only connection while it runs: reopening after the kill recovers the WAL.
    close_database()

    totals = Totals()
    stored_before = 0
    for number in range(ROUNDS):
        rng = random.Random(SEED * 100 + number)
        run = _run_and_kill(
            args, delay=rng.uniform(MIN_DELAY, MAX_DELAY), stderr_path=tmp_path / "writer.err"
        )
        assert run.returncode == -signal.SIGKILL, (
            f"round {number}: the writer ended by itself (exit {run.returncode}) "
            f"before it was killed:\n{run.stderr}"
        )
        assert run.reported, f"round {number}: the writer reported no visit:\n{run.stderr}"
        open_station_database(db_url)
        try:
            db = Visit._meta.database
            assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)], number
            assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == [], number
            _check_round(number, run, service_ids, totals)
            stored = Visit.select().count()
        finally:
            close_database()
        totals.rounds += 1
        totals.reported += len(run.reported)
        # Killed between its commit and its print, the writer may have committed one visit more.
        extra = stored - stored_before - len(run.reported)
        assert extra in (0, 1), f"round {number}: {extra} visits beyond the reported ones"
        totals.unreported_commits += extra
        stored_before = stored
        assert len(set(run.reported)) == len(run.reported), number

    print(f"\ncrash durability: {totals}")
    assert totals.rounds == ROUNDS, str(totals)
    assert totals.reported >= ROUNDS, str(totals)
    assert totals.lost == 0 and not totals.problems, f"{totals}\n" + "\n".join(totals.problems)
    open_station_database(db_url)
    assert Visit.select().count() == totals.reported + totals.unreported_commits
