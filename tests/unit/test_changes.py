"""Other desks hear of every change (issue #10): on PostgreSQL each service call NOTIFYs the
kind of record it changed after its commit; a desk's listening connection takes what other
connections changed, each kind once, and leaves out its own process's changes (those were
announced in the process already)."""

from __future__ import annotations

import select
import time

import pytest

from stationapp.db import backend_pid
from stationapp.services import changes, people

pytestmark = pytest.mark.postgresql_only


def _wait_readable(remote: changes.RemoteChanges, timeout: float = 2.0) -> None:
    select.select([remote.fileno()], [], [], timeout)


def _take_for(remote: changes.RemoteChanges, seconds: float) -> list[str]:
    heard: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _wait_readable(remote, deadline - time.monotonic())
        heard += remote.take()
    return heard


def test_a_change_at_another_desk_is_heard_once_per_kind(admin, db_url: str) -> None:
    import psycopg2

    here = changes.RemoteChanges()
    other_desk = psycopg2.connect(db_url)
    other_desk.autocommit = True
    try:
        with other_desk.cursor() as cursor:
            for payload in ("visit", "visit", "person", "no-such-kind"):
                cursor.execute("SELECT pg_notify(%s, %s)", (changes.CHANNEL, payload))
            # Inside a transaction that rolls back, nothing is sent.
            cursor.execute("BEGIN")
            cursor.execute("SELECT pg_notify(%s, %s)", (changes.CHANNEL, "loan"))
            cursor.execute("ROLLBACK")
        _wait_readable(here)
        time.sleep(0.2)
        assert here.take() == ["visit", "person"]
    finally:
        other_desk.close()
        here.close()


def test_a_service_call_tells_the_other_desks_but_not_its_own_process(admin, db_url) -> None:
    import psycopg2

    here = changes.RemoteChanges()
    other_desk = psycopg2.connect(db_url)
    other_desk.autocommit = True
    with other_desk.cursor() as cursor:
        cursor.execute(f"LISTEN {changes.CHANNEL}")
    heard_here: list[str] = []
    unsubscribe = changes.subscribe(heard_here.append)
    try:
        people.create_person(admin, people.PersonInput(name="张三", phone="13900000001"))
        assert heard_here == ["person"]  # this process's lists, at once
        assert _take_for(here, 0.5) == []  # not a second time through the database
        deadline = time.monotonic() + 2
        while not other_desk.notifies and time.monotonic() < deadline:
            select.select([other_desk], [], [], 0.1)
            other_desk.poll()
        assert [(n.pid, n.payload) for n in other_desk.notifies] == [(backend_pid(), "person")]
    finally:
        unsubscribe()
        other_desk.close()
        here.close()
