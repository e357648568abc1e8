"""The benchmark loader (tests/benchmarks/pgload.py) gives PostgreSQL the very rows of the
SQLite file, so the two columns of the benchmark table measure the same content: every model's
rows read back equal, value for value (NULL and empty text kept apart, booleans, times, money),
and new records carry on after the largest id."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from stationapp.db import close_database
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Person
from stationapp.services import people
from stationapp.services.maintenance import open_station_database
from tests.benchmarks import pgload

pytestmark = pytest.mark.postgresql_only


def _models() -> list[type[BaseModel]]:
    for area in ("accounts", "people", "visits", "mediation", "library", "events"):
        importlib.import_module(f"stationapp.models.{area}")
    found, todo = [], list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        if not model._meta.options.get("abstract"):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.table_name)


def _rows(model: type[BaseModel]) -> list[tuple[object, ...]]:
    order = model._meta.primary_key or model._meta.sorted_fields[0]
    fields = model._meta.sorted_fields
    return list(model.select(*fields).order_by(order).tuples())


def _read(url: str) -> dict[str, list[tuple[object, ...]]]:
    open_station_database(url)
    try:
        tables = set(BaseModel._meta.database.get_tables())
        return {m._meta.table_name: _rows(m) for m in _models() if m._meta.table_name in tables}
    finally:
        close_database()


def test_the_same_rows_on_both_databases(db_url: str, tmp_path: Path) -> None:
    generator = importlib.import_module("tests.benchmarks.generate")
    source = tmp_path / "tiny.db"
    generator.generate(source, size="tiny", seed=3, quiet=True)
    sqlite_url = f"sqlite:///{source.as_posix()}"
    open_station_database(sqlite_url)
    close_database()
    # Text that COPY's CSV must carry as it is: quotes, commas, a line break, a backslash, an
    # empty string (not NULL).
    with open_station_database(sqlite_url).atomic():
        BaseModel._meta.database.execute_sql(
            "UPDATE person SET notes = ? WHERE id = 1", ('他说"先调解",再说\n第二行 \\N',)
        )
        BaseModel._meta.database.execute_sql("UPDATE person SET notes = '' WHERE id = 2")
    close_database()

    counts = pgload.load(source, db_url, quiet=True)

    expected = _read(sqlite_url)
    loaded = _read(db_url)
    assert set(loaded) == set(expected)
    assert {t: len(r) for t, r in loaded.items()} == {t: counts[t] for t in loaded}
    assert [t for t in expected if loaded[t] != expected[t]] == []
    assert len(expected["visit"]) > 0 and len(expected["loan"]) > 0

    open_station_database(db_url)
    try:
        admin = Staff.get(Staff.username == "admin")
        added = people.create_person(admin, people.PersonInput(name="新来的"), allow_duplicate=True)
        assert added.id == max(row[0] for row in expected["person"]) + 1
        assert Person.get_by_id(1).notes == '他说"先调解",再说\n第二行 \\N'
        assert Person.get_by_id(2).notes == ""
    finally:
        close_database()
