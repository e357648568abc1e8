"""The disk fills up during a save (acceptance, issue #7): the service says so in words the user
understands, leaves no partial record, and the same save succeeds once there is room again.

The full disk is SQLite's page limit (``PRAGMA max_page_count``) set just above the file's size
on the connection the application uses: SQLite then fails the save with SQLITE_FULL, the error a
real full disk gives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import peewee
import pytest

from stationapp.db import today, translate_error
from stationapp.errors import DatabaseUnavailable
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import people, visits
from tests.helpers.dbdump import changed_tables, dump

pytestmark = pytest.mark.sqlite_only(
    "the full disk is SQLite's page limit; a PostgreSQL server's disk is the server's"
)

DISK_FULL = translate_error(sqlite3.OperationalError("database or disk is full"))
HEADROOM = 1
LONG_NOTES = "劳动合同到期未续签，单位拒绝支付经济补偿，职工要求咨询仲裁时效和所需材料。" * 57


def page_count(db: peewee.Database) -> int:
    return db.execute_sql("PRAGMA page_count").fetchone()[0]


def compact(db: peewee.Database) -> None:
    """No free pages in the file: those the schema's steps leave would take a save without
    growing the file, and the limit would never be reached."""
    db.execute_sql("VACUUM")


@contextmanager
def full_disk(db: peewee.Database, *, headroom: int = HEADROOM) -> Iterator[int]:
    """Let the file grow by ``headroom`` pages at most; yields the limit."""
    normal = db.pragma("max_page_count")
    limit = db.pragma("max_page_count", page_count(db) + headroom)
    try:
        yield limit
    finally:
        db.pragma("max_page_count", normal)


def _create_person(actor: Staff) -> Callable[[], object]:
    data = people.PersonInput(
        name="欧阳晓明", phone="13912345678", gender="M", birth_date=date(1988, 6, 1)
    )
    data.notes = LONG_NOTES[:2000]
    return lambda: people.create_person(actor, data)


def _record_outreach_batch(actor: Staff) -> Callable[[], object]:
    org = people.create_organization(
        actor,
        people.OrganizationInput(
            name="东方广场", kind="office_building", union_status="joint_union"
        ),
    )
    service_ids = [
        s.id for s in ServiceType.select().where(ServiceType.active).order_by(ServiceType.id)
    ][:3]
    session = visits.create_outreach(
        actor, organization_id=org.id, held_on=today(), service_ids=service_ids
    )
    entries = [visits.OutreachEntry(person_id=None, service_ids=service_ids) for _ in range(60)]
    return lambda: visits.record_outreach_visits(actor, session.id, entries)


# Saves that need new pages (a single visit fits in the free space of the pages it touches).
SAVES = {
    "person with long notes": _create_person,
    "outreach batch of sixty visits": _record_outreach_batch,
}


@pytest.mark.parametrize("prepare", SAVES.values(), ids=SAVES.keys())
def test_disk_full_during_a_save_changes_nothing_and_the_retry_succeeds(
    admin: Staff, db: peewee.Database, prepare: Callable[[Staff], Callable[[], object]]
) -> None:
    save = prepare(admin)
    compact(db)
    before = dump(db)
    size = page_count(db)
    with full_disk(db), pytest.raises(DatabaseUnavailable) as caught:
        save()
    assert caught.value.message == DISK_FULL.message
    assert "disk is full" in caught.value.message
    assert not db.in_transaction()
    after = dump(db)
    assert after == before, changed_tables(before, after)
    assert page_count(db) == size

    saved = save()
    assert saved
    # The save needed more room than the limit allowed, so the fault was a real one.
    assert page_count(db) > size + HEADROOM
    assert changed_tables(before, dump(db))


def test_disk_full_twice_in_a_row_then_room_again(admin: Staff, db: peewee.Database) -> None:
    """A second failure on the same connection is reported the same way (no stale transaction
    left behind by the first); the later save stores the person exactly once."""
    save = _create_person(admin)
    compact(db)
    before = dump(db)
    with full_disk(db):
        for _ in range(2):
            with pytest.raises(DatabaseUnavailable, match="disk is full"):
                save()
    assert dump(db) == before
    person = save()
    stored = Person.get_by_id(person.id)
    assert stored.notes == LONG_NOTES[:2000]
    assert Person.select().where(Person.name == "欧阳晓明").count() == 1
    assert Visit.select().count() == VisitPurpose.select().count() == 0
