"""A database that cannot take a write (acceptance, issue #7): locked by another program beyond
the busy timeout, or read-only. The service raises the expected error with its message, and
nothing changes; once the fault is gone the same call succeeds.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
import pytest

from stationapp.db import (
    BUSY_TIMEOUT_SECONDS,
    SQLITE_PRAGMAS,
    close_database,
    database,
    sqlite_path,
    translate_error,
)
from stationapp.errors import DatabaseBusy, DatabaseUnavailable
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import people, visits
from stationapp.services.maintenance import open_station_database
from tests.helpers.dbdump import changed_tables, dump

pytestmark = pytest.mark.sqlite_only(
    "file locks, PRAGMA query_only and read-only files are SQLite's; the PostgreSQL faults are "
    "in test_db.py"
)

BUSY_MS = 200
BUSY = translate_error(sqlite3.OperationalError("database is locked"))
READ_ONLY = translate_error(sqlite3.OperationalError("attempt to write a readonly database"))


@contextmanager
def held_lock(path: Path, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
    """Another program holds the write lock on ``path`` until the block ends."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0, check_same_thread=False)
    try:
        other.execute(f"BEGIN {mode}")
        yield other
    finally:
        if other.in_transaction:
            other.rollback()
        other.close()


@pytest.fixture
def short_busy_timeout(db: peewee.Database) -> Iterator[int]:
    """The app's connection gives up after BUSY_MS instead of BUSY_TIMEOUT_SECONDS."""
    assert db.pragma("busy_timeout") == int(BUSY_TIMEOUT_SECONDS * 1000)
    db.pragma("busy_timeout", BUSY_MS)
    yield BUSY_MS
    db.pragma("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000))


def _new_person(actor: Staff) -> Callable[[], object]:
    data = people.PersonInput(name="欧阳晓明", phone="13912345678", notes="来站咨询劳动合同")
    return lambda: people.create_person(actor, data)


def _new_visit(actor: Staff) -> Callable[[], object]:
    person = people.create_person(actor, people.PersonInput(name="王芳", phone="13812345678"))
    services = list(ServiceType.select().where(ServiceType.active).order_by(ServiceType.id))
    data = visits.VisitInput(
        person_id=person.id,
        channel="walk_in",
        purposes=[visits.PurposeInput(service_id=s.id) for s in services[:2]],
        notes="咨询入会和京卡",
    )
    return lambda: visits.record_visit(actor, data)


# create_person takes the write lock first (BEGIN IMMEDIATE); record_visit reads, then writes.
SAVES = {"create_person": _new_person, "record_visit": _new_visit}


def _stored_once(saved: object) -> None:
    if isinstance(saved, Person):
        assert Person.select().where(Person.name == "欧阳晓明").count() == 1
    else:
        assert isinstance(saved, Visit)
        assert Visit.select().count() == 1
        assert VisitPurpose.select().where(VisitPurpose.visit == saved.id).count() == 2


# --- locked ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["IMMEDIATE", "EXCLUSIVE"])
@pytest.mark.parametrize("prepare", SAVES.values(), ids=SAVES.keys())
def test_locked_database_raises_busy_and_changes_nothing(
    admin: Staff,
    db: peewee.Database,
    db_url: str,
    short_busy_timeout: int,
    prepare: Callable[[Staff], Callable[[], object]],
    mode: str,
) -> None:
    save = prepare(admin)
    before = dump(db)
    path = sqlite_path(db_url)
    assert path is not None
    with held_lock(path, mode):
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as caught:
            save()
        waited = time.monotonic() - started
        after = dump(db)
    assert caught.value.message == BUSY.message
    assert caught.value.message.startswith("The database is busy")
    # It waited out the lowered busy timeout (not the 5 s default) before giving up.
    assert short_busy_timeout / 1000 * 0.9 <= waited < BUSY_TIMEOUT_SECONDS
    assert not db.in_transaction()
    assert after == before, changed_tables(before, after)
    assert dump(db) == before

    _stored_once(save())


def test_lock_released_while_waiting_lets_the_save_through(
    admin: Staff, db: peewee.Database, db_url: str, short_busy_timeout: int
) -> None:
    """Within the busy timeout a lock is no fault at all: the save waits and succeeds."""
    db.pragma("busy_timeout", 3000)
    save = _new_person(admin)
    path = sqlite_path(db_url)
    assert path is not None
    with held_lock(path) as other:
        releaser = threading.Timer(0.3, other.rollback)
        releaser.start()
        try:
            saved = save()
        finally:
            releaser.join()
    _stored_once(saved)


# --- read-only ------------------------------------------------------------------------------


def _check_read_only_refusal(save: Callable[[], object]) -> None:
    before = dump()
    with pytest.raises(DatabaseUnavailable) as caught:
        save()
    assert caught.value.message == READ_ONLY.message
    assert "read-only" in caught.value.message
    assert not database.in_transaction()
    after = dump()
    assert after == before, changed_tables(before, after)


@pytest.mark.parametrize("prepare", SAVES.values(), ids=SAVES.keys())
def test_query_only_connection_refuses_the_save(
    admin: Staff, db: peewee.Database, prepare: Callable[[Staff], Callable[[], object]]
) -> None:
    """Works for every user, root included: the connection itself refuses writes."""
    save = prepare(admin)
    db.pragma("query_only", 1)
    try:
        _check_read_only_refusal(save)
    finally:
        db.pragma("query_only", 0)
    _stored_once(save())


def test_database_opened_read_only_refuses_the_save(
    admin: Staff, db: peewee.Database, db_url: str
) -> None:
    """The file opened with SQLite's ``mode=ro`` (also root cannot write through it)."""
    save = _new_person(admin)
    path = sqlite_path(db_url)
    assert path is not None
    read_only = peewee.SqliteDatabase(
        f"file:{path.as_posix()}?mode=ro", uri=True, pragmas=SQLITE_PRAGMAS
    )
    read_only.connect()
    database.initialize(read_only)
    try:
        _check_read_only_refusal(save)
    finally:
        read_only.close()
        database.initialize(db)
    _stored_once(save())


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes to a file whatever its permissions; the query_only and mode=ro "
    "variants cover read-only for root",
)
@pytest.mark.skipif(os.name != "posix", reason="read-only by chmod is a POSIX permission")
def test_read_only_file_refuses_the_save(admin: Staff, db_url: str) -> None:
    """The file made read-only (chmod 0444) between sessions, then opened as usual."""
    save = _new_person(admin)
    path = sqlite_path(db_url)
    assert path is not None
    close_database()
    mode = path.stat().st_mode
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        open_station_database(db_url)
        _check_read_only_refusal(save)
        close_database()
    finally:
        # The read-only session leaves its -wal and -shm files behind with the file's mode: they
        # must be made writable too, or the database stays read-only.
        for file in path.parent.glob(path.name + "*"):
            file.chmod(mode)
    open_station_database(db_url)
    _stored_once(save())
