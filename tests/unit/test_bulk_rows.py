"""bulk.rows_with (the exports' reads, issue #22): the same rows on both databases, and on
PostgreSQL ids asked as one array per statement rather than as IN lists of 500 parameters."""

from __future__ import annotations

import pytest

from stationapp.db import database, is_postgresql
from stationapp.models.people import Organization
from stationapp.services import bulk

ROWS = 1200  # more than two IN lists of bulk.BATCH


@pytest.fixture
def organizations(db) -> list[tuple[int, str]]:
    Organization.insert_many(
        [{"name": f"单位{index:04d}", "search_text": ""} for index in range(ROWS)]
    ).execute()
    return list(
        Organization.select(Organization.id, Organization.name).order_by(Organization.id).tuples()
    )


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    seen: list[str] = []
    target = database.obj
    original = target.execute_sql

    def counting(sql, params=None):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return original(sql, params)

    monkeypatch.setattr(target, "execute_sql", counting)
    return seen


def test_rows_by_id_in_as_few_statements(organizations, statements) -> None:
    wanted = [row[0] for row in reversed(organizations)][::2] + [organizations[0][0]] * 3
    found = bulk.rows_with(
        (Organization.id, Organization.name), Organization.id, wanted, convert=False
    )
    expected = [row for row in organizations if row[0] in set(wanted)]
    # Each statement's rows in id order (the callers look them up by id).
    assert sorted(found) == expected
    assert len(found) == len(set(found))
    # 601 ids: one array on PostgreSQL; IN lists of 500 on SQLite.
    assert len(statements) == (1 if is_postgresql() else 2)


def test_rows_by_text_as_lists(organizations, statements) -> None:
    names = [name for _id, name in organizations]
    found = bulk.rows_with((Organization.id,), Organization.name, names)
    assert found == [(row_id,) for row_id, _name in organizations]
    assert len(statements) == 3  # text stays in IN lists, where the NUL guard sees each value
    assert bulk.values_present(Organization.name, ["单位0001", "没有\x00这个"]) == {"单位0001"}


def test_streamed_rows_in_order_a_few_at_a_time(organizations, statements) -> None:
    from contextlib import closing

    query = Organization.select(Organization.id, Organization.name).order_by(Organization.id.desc())
    with pytest.raises(RuntimeError):  # one snapshot: only inside a transaction
        next(bulk.streamed(query))
    with bulk.snapshot():
        found = list(bulk.streamed(query, size=500))
        with closing(bulk.streamed(query, size=500)) as rows:  # stopped early
            first = [next(rows) for _ in range(3)]
        # The transaction goes on after a stream stopped early.
        assert Organization.select().count() == ROWS
    assert found == list(reversed(organizations))
    assert first == found[:3]
    if is_postgresql():  # a server-side cursor: DECLARE, three FETCHes of 500 rows, CLOSE
        fetches = [sql for sql in statements if sql.startswith("FETCH")]
        assert len(fetches) == 4 + 1
        assert sum(sql.startswith("CLOSE") for sql in statements) == 2


def test_a_snapshot_sees_the_database_as_it_was(organizations, db_url: str) -> None:
    """Rows written by another connection while the snapshot reads are not seen by it."""
    from stationapp.db import connect

    query = Organization.select(Organization.id).order_by(Organization.id)
    other = connect(db_url)
    with bulk.snapshot():
        before = list(bulk.streamed(query))
        with other.connection_context(), other.bind_ctx([Organization]):
            Organization.create(name="后来的单位", search_text="")
        after = list(bulk.streamed(query))
    assert after == before
    assert Organization.select().count() == ROWS + 1
