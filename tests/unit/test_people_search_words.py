"""The people search of several common words (issue #22, PostgreSQL's people search): which word
leads the search, and so which people come back when more match than the search takes, on both
databases; the index that answers the check of the other words."""

from __future__ import annotations

from datetime import datetime

import pytest

from stationapp.db import is_sqlite
from stationapp.models.people import Person, PersonSearchKey
from stationapp.services import people
from stationapp.services.people import search as people_search

CAP = 5  # the search's candidate cap, made small so that a few people overflow it


@pytest.fixture
def crowd(admin, monkeypatch):
    """Twelve people, equally active: all have the key "aaa"; the nine from the fourth on also
    have a key under "bbb", in the reverse order of their ids ("bbbr" for the last); the six
    from the seventh on one under "ccc", in the order of their ids ("ccca" for the seventh).
    Every word overflows the cap, so the search intersects them. The keys are written in the
    order of their index, so that a scan of the table meets them in the same order as a walk
    of the index (PostgreSQL may scan so small a table)."""
    monkeypatch.setattr(people_search, "SEARCH_CANDIDATES", CAP)
    moment = datetime(2026, 12, 1, 9, 0)
    Person.insert_many(
        [
            {
                "name": f"人{index:02d}",
                "pinyin": "",
                "active": True,
                "created_at": moment,
                "updated_at": moment,
                "last_activity_at": moment,
            }
            for index in range(12)
        ]
    ).execute()
    ids = sorted(p.id for p in Person.select(Person.id).where(Person.name.startswith("人")))
    keys = [{"person": pid, "key": "aaa", "kind": "name"} for pid in ids]
    keys += [
        {"person": pid, "key": "bbb" + chr(ord("r") + n), "kind": "name"}
        for n, pid in enumerate(reversed(ids[3:]))
    ]
    keys += [
        {"person": pid, "key": "ccc" + chr(ord("a") + n), "kind": "name"}
        for n, pid in enumerate(ids[6:])
    ]
    PersonSearchKey.insert_many(keys).execute()
    return ids


def _found(admin, text: str) -> list[int]:
    return [p.id for p in people.search_people(admin, text, limit=50)]


@pytest.mark.parametrize("text", ["aaa bbb", "bbb aaa"])
def test_the_word_with_fewest_keys_leads(admin, crowd, text: str) -> None:
    # "bbb" (9 keys against 12) leads: its keys walked in key order meet the last id first, so
    # the five people taken are the last five; "aaa" leading would take the fourth to eighth.
    assert _found(admin, text) == crowd[-5:]


@pytest.mark.parametrize("text", ["bbb aaa ccc", "aaa bbb ccc", "ccc bbb aaa"])
def test_of_three_words_the_fewest_leads(admin, crowd, text: str) -> None:
    # "ccc" (6 keys) leads whatever the order typed: the seventh to eleventh ("bbb" leading
    # would take the last five).
    assert _found(admin, text) == crowd[6:11]


def test_of_words_with_as_many_keys_the_first_typed_leads(admin, crowd) -> None:
    PersonSearchKey.delete().where(
        PersonSearchKey.key == "aaa", PersonSearchKey.person.in_(crowd[:3])
    ).execute()
    # "aaa" and "bbb" now have 9 keys each, on the same nine people.
    assert _found(admin, "aaa bbb") == crowd[3:8]
    assert _found(admin, "bbb aaa") == crowd[-5:]


def test_the_search_keys_are_indexed_by_person_and_key(db) -> None:
    """Migration m0023: one index on (person, key) replaces the one on the person alone."""
    database = PersonSearchKey._meta.database
    if is_sqlite():
        rows = database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
            ("person_search_key",),
        ).fetchall()
        names = {name for (name,) in rows}
        columns = [
            row[2]
            for row in database.execute_sql("PRAGMA index_info(person_search_key_person_key)")
        ]
    else:
        rows = database.execute_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s", ("person_search_key",)
        ).fetchall()
        names = {name for (name,) in rows}
        columns = [
            row[0]
            for row in database.execute_sql(
                "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true "
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                "WHERE c.relname = %s ORDER BY k.n",
                ("person_search_key_person_key",),
            ).fetchall()
        ]
    assert "person_search_key_person_key" in names
    assert "person_search_key_person_id" not in names
    assert columns == ["person_id", "key"]
