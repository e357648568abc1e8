"""Never overbook (acceptance): eight desks register forty people for ten places at the same
moment on one database (a SQLite file, or PostgreSQL). Exactly ten get a place, thirty wait in
the order their registrations were committed, no call fails, and no one holds two active
registrations."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import peewee
import pytest

from stationapp.db import now
from stationapp.models.accounts import FRONT_DESK, Staff
from stationapp.models.events import ACTIVE_STATES, Registration
from stationapp.services import events, people
from stationapp.services.events import EventInput
from stationapp.services.people import PersonInput
from tests.helpers.desks import run_desks
from tests.helpers.event_worker import register_people
from tests.helpers.ids import make_ric

WORKERS = 8
PER_WORKER = 5
CAPACITY = 10
SURNAMES = "张王李赵刘陈杨黄"
GIVEN = ("伟", "芳", "磊", "静", "强")


def test_eight_desks_never_overbook_and_keep_the_waitlist_in_commit_order(
    admin: Staff, make_staff, db_url: str, tmp_path: Path
) -> None:
    desks = [make_staff(f"desk{i}", FRONT_DESK) for i in range(WORKERS)]
    person_ids = [
        people.create_person(
            admin,
            PersonInput(name=f"{surname}{given}", id_number=make_ric(seq=100 + n)),
            allow_duplicate=True,
        ).id
        for n, (surname, given) in enumerate((s, g) for s in SURNAMES for g in GIVEN)
    ]
    assert len(set(person_ids)) == WORKERS * PER_WORKER
    start = (now() + timedelta(days=7)).replace(hour=14, minute=0, second=0, microsecond=0)
    event = events.create_event(
        admin,
        EventInput(
            title="职工趣味运动会",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            capacity=CAPACITY,
            size="big",
        ),
    )

    began = time.time()
    run = run_desks(
        tmp_path,
        WORKERS,
        register_people,
        db_url,
        timeout=60,
        kwargs={"event_id": event.id},
        kwargs_of=lambda index: {
            "username": desks[index].username,
            "person_ids": person_ids[index * PER_WORKER : (index + 1) * PER_WORKER],
        },
    )
    assert time.time() - began < 60
    run.check(WORKERS, ok=("ok",))
    reports = run.reports

    # No error lost: every call returned a registration (no DatabaseBusy, no IntegrityError).
    calls = [call for _, _, worker_calls in reports for call in worker_calls]
    assert all(len(worker_calls) == PER_WORKER for _, _, worker_calls in reports)
    errors = [c for c in calls if c[2] is None]
    assert not errors, "\n".join(f"person {c[0]}: {c[1]}\n{c[3]}" for c in errors)
    assert sorted(c[0] for c in calls) == sorted(person_ids)

    # Exactly the capacity confirmed, the rest waitlisted, as the calls said and as stored.
    returned = {c[2]: c for c in calls}
    assert sum(1 for c in calls if c[1] == "confirmed") == CAPACITY
    assert sum(1 for c in calls if c[1] == "waitlisted") == len(calls) - CAPACITY
    stored = {r.id: r for r in Registration.select().where(Registration.event == event.id)}
    assert set(stored) == set(returned)
    assert {i: r.state for i, r in stored.items()} == {i: c[1] for i, c in returned.items()}
    assert {i: r.person_id for i, r in stored.items()} == {i: c[0] for i, c in returned.items()}
    taken = events.counts([event.id])[event.id]
    assert (taken.taken, taken.waitlisted) == (CAPACITY, len(calls) - CAPACITY)

    # Ids are handed out in commit order (SQLite: one writer at a time; PostgreSQL: the id is
    # taken while the event's row is locked): the first ten commits got the places, and the
    # waitlist's own order (time of joining, then id) is the commit order.
    commit_order = sorted(stored)
    assert [stored[i].state for i in commit_order] == ["confirmed"] * CAPACITY + ["waitlisted"] * (
        len(calls) - CAPACITY
    )
    waitlisted = [r for r in stored.values() if r.state == "waitlisted"]
    by_waitlist = [r.id for r in sorted(waitlisted, key=lambda r: (r.waitlisted_at, r.id))]
    assert by_waitlist == sorted(r.id for r in waitlisted)
    times = [r.waitlisted_at for r in sorted(waitlisted, key=lambda r: r.id)]
    assert times == sorted(times)
    roster_waitlist = [r.id for r in events.roster(admin, event.id) if r.state == "waitlisted"]
    assert roster_waitlist == by_waitlist

    # What the desks saw agrees: a call that returned before another began was committed first,
    # and each desk's own calls were committed in the order it made them.
    for first in calls:
        for second in calls:
            if first[5] < second[4]:
                assert first[2] < second[2], (first, second)
    for _, _, worker_calls in reports:
        ids = [c[2] for c in worker_calls]
        assert ids == sorted(ids)

    # The backstop: one active registration per person, and the partial unique index refuses a
    # second one written behind the service's back.
    per_person = (
        Registration.select(Registration.person, peewee.fn.COUNT(Registration.id))
        .where(Registration.event == event.id, Registration.state.in_(list(ACTIVE_STATES)))
        .group_by(Registration.person)
        .tuples()
    )
    counted = dict(per_person)
    assert set(counted) == set(person_ids)
    assert set(counted.values()) == {1}
    some_waiting = waitlisted[0]
    with pytest.raises(peewee.IntegrityError):
        Registration.create(
            event=event.id,
            person=some_waiting.person_id,
            state="confirmed",
            staff=admin,
            confirmed_at=now(),
        )
    assert Registration.select().where(Registration.event == event.id).count() == len(calls)
