"""The benchmark database generator: deterministic, consistent, and searchable."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from stationapp.db import close_database
from stationapp.services.maintenance import open_station_database
from tests.helpers.dbdump import changed_tables, dump

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _load_generator()


def _open(path: Path):
    return open_station_database(f"sqlite:///{path.as_posix()}")


def test_tiny_database_is_deterministic_and_consistent(generator, tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    generator.generate(first, size="tiny", seed=7, quiet=True)
    generator.generate(second, size="tiny", seed=7, quiet=True)

    db = _open(first)
    try:
        dump_a = dump(db)
    finally:
        close_database()
    db = _open(second)
    try:
        dump_b = dump(db)
        assert changed_tables(dump_a, dump_b) == []
        assert dump_a == dump_b

        empty = [table for table, rows in dump_b.items() if not rows]
        assert empty == []
        assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []

        over = db.execute_sql(
            "SELECT e.id FROM event e JOIN registration r ON r.event_id = e.id "
            "WHERE r.state IN ('offered', 'confirmed', 'attended', 'no_show') "
            "GROUP BY e.id, e.capacity HAVING COUNT(*) > e.capacity"
        ).fetchall()
        assert over == []

        open_loans = {
            row[0] for row in db.execute_sql("SELECT copy_id FROM loan WHERE returned_at IS NULL")
        }
        on_loan = {row[0] for row in db.execute_sql("SELECT id FROM copy WHERE status = 'on_loan'")}
        assert open_loans and open_loans == on_loan

        stale = db.execute_sql(
            "SELECT p.id FROM person p JOIN visit v ON v.person_id = p.id "
            "GROUP BY p.id HAVING MAX(v.arrived_at) > p.last_activity_at"
        ).fetchall()
        assert stale == []

        from stationapp.models.accounts import Staff
        from stationapp.models.people import Person
        from stationapp.services.people import search_people

        admin = Staff.get(Staff.username == "admin")
        for person in Person.select().where(Person.phone != "").order_by(Person.id).limit(5):
            by_name = search_people(admin, person.name, limit=200)
            assert person.id in [p.id for p in by_name]
            by_tail = search_people(admin, person.phone[-4:], limit=200)
            assert person.id in [p.id for p in by_tail]
            both = search_people(admin, f"{person.pinyin.replace(' ', '')} {person.phone[-4:]}")
            assert person.id in [p.id for p in both]
    finally:
        close_database()


def test_another_seed_gives_another_database(generator, tmp_path: Path) -> None:
    generator.generate(tmp_path / "a.db", size="tiny", seed=1, quiet=True)
    generator.generate(tmp_path / "b.db", size="tiny", seed=2, quiet=True)
    dumps = []
    for name in ("a.db", "b.db"):
        db = _open(tmp_path / name)
        try:
            dumps.append(dump(db))
        finally:
            close_database()
    assert dumps[0]["person"] != dumps[1]["person"]
