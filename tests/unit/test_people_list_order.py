"""The register's first page (issue #22): the people most recently active first, ties by the
newest id, merged and deactivated people left out, on both databases; on SQLite the page walks
the last-activity index instead of sorting the whole register (the benchmark's 166 ms page)."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee
import pytest

from stationapp.db import database, is_sqlite
from stationapp.models.people import Organization, Person
from stationapp.services import people


def _people() -> list[int]:
    moment = datetime(2026, 12, 1, 9, 0)
    ids = []
    for index, (hours, active) in enumerate(
        ((3, True), (1, True), (3, True), (0, True), (5, False), (2, True), (1, True))
    ):
        person = Person.create(
            name=f"人{index}",
            active=active,
            created_at=moment,
            updated_at=moment,
            last_activity_at=moment + timedelta(hours=hours),
        )
        ids.append(person.id)
    # The second is merged into the first: no longer a row of the register.
    Person.update(merged_into=ids[0]).where(Person.id == ids[1]).execute()
    return ids


def test_the_first_page_is_the_most_recently_active_first(admin) -> None:
    ids = _people()
    page = people.list_people(admin, offset=0, limit=10)
    # 5 h (inactive: out), then 3 h twice (newest id first), 2 h, 1 h (the merged one out), 0 h.
    assert [p.id for p in page] == [ids[2], ids[0], ids[5], ids[6], ids[3]]
    assert [p.id for p in people.list_people(admin, offset=1, limit=2)] == [ids[0], ids[5]]
    everyone = people.list_people(admin, offset=0, limit=10, include_inactive=True)
    assert [p.id for p in everyone][:1] == [ids[4]]
    assert ids[1] not in [p.id for p in everyone]


def test_on_sqlite_the_page_walks_the_activity_index_without_sorting(admin) -> None:
    if not is_sqlite():
        pytest.skip("PostgreSQL plans the page from its statistics")
    _people()
    query = people.search._not_merged_for_the_order()
    sql, params = (
        Person.select(Person, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(query, Person.active)
        .order_by(Person.last_activity_at.desc(), Person.id.desc())
        .limit(100)
        .sql()
    )
    plan = " | ".join(
        str(row[-1]) for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params)
    )
    assert "person_last_activity_at" in plan and "TEMP B-TREE" not in plan, plan
