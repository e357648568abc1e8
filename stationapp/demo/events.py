"""The demo's union events taken through the events service, registration by registration."""

from __future__ import annotations

import bisect
import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from typing import Any

import peewee

from stationapp.db import now
from stationapp.demo.common import _at_desk, _next_open_day, _office_hours
from stationapp.demo.event_kinds import (
    CANCEL_SHARE,
    EVENT_CANCEL_REASON,
    EVENT_KINDS,
    EVENT_PEOPLE,
    EVENT_SERIES,
    FLAKY_SHARE,
    OPEN_DAYS_AFTER_EVENT,
    REGISTRATION_CANCEL_REASONS,
    _EventPlan,
    _Kind,
    _plan_events,
    _working_day_before,
)
from stationapp.models.accounts import (
    AuditEntry,
    Staff,
)
from stationapp.models.events import Event, EventSeries, Registration
from stationapp.models.people import Organization, Person
from stationapp.services import events

EVENT_PROGRESS_EVERY = 10  # events between two progress reports (a few seconds)


def populate_events(
    admin: Staff, *, rng: random.Random, progress: Callable[[int, int], None] | None = None
) -> int:
    """Two years of union events with registrations, waitlists, attendance and no-shows.

    Everything goes through services/events.py (eligibility, quotas, the waitlist and its
    promotions are the service's own decisions); each call is then moved back to when it
    happened, like the mediation cases. The service refuses registration for an event that is
    over, so an event in the past is created with its end and registration window open and
    gets its real times once its registrations are done. Call it inside the caller's
    transaction, after the people have been back-dated. Returns the number of events.
    ``progress(done, events)`` hears every few events: this is most of the demo's build.
    """
    runner = _EventRunner(admin, rng)
    plans = _plan_events(rng, runner.limit.date())
    runner.create_series(plans)
    for index, plan in enumerate(plans):
        if progress is not None and index % EVENT_PROGRESS_EVERY == 0:
            progress(index, len(plans))
        runner.run(plan)
    runner.backdate()
    return len(plans)


def _update_many(model: type[peewee.Model], fields: tuple[peewee.Field, ...], rows: list) -> None:
    """UPDATE ``fields`` of many rows at once; each row is the fields' values, then the id
    (thousands of rows: far quicker than bulk_update's CASE expressions). SQLite and
    PostgreSQL both quote names in double quotes."""
    database = model._meta.database
    param = database.param
    names = ", ".join(f'"{f.column_name}" = {param}' for f in fields)
    key = model._meta.primary_key.column_name
    sql = f'UPDATE "{model._meta.table_name}" SET {names} WHERE "{key}" = {param}'
    values = [
        [f.db_value(v) for f, v in zip(fields, row[:-1], strict=True)] + [row[-1]] for row in rows
    ]
    database.cursor().executemany(sql, values)


class _EventRunner:
    def __init__(self, admin: Staff, rng: random.Random) -> None:
        self.rng = rng
        self.wall = now()  # everything the services stamp from here on is moved back
        self.limit = (self.wall - timedelta(minutes=5)).replace(microsecond=0)
        staff = {s.username: s for s in Staff.select()}
        self.organiser = staff.get("organiser", admin)
        self.desk = staff.get("frontdesk", admin)
        self.last_audit = AuditEntry.select(peewee.fn.MAX(AuditEntry.id)).scalar() or 0
        self.people = list(Person.select().where(Person.active).order_by(Person.id))
        self.activity_before = {p.id: p.last_activity_at for p in self.people}
        # A few regulars come to almost everything, most now and then, some hardly ever.
        self.keenness = {
            p.id: rng.choices((6.0, 1.0, 0.25), (0.2, 0.5, 0.3))[0] for p in self.people
        }
        self.flaky = {p.id for p in self.people if rng.random() < FLAKY_SHARE}
        # The people on file are some of the workers who come: a smaller demo, fewer of them.
        self.scale = min(1.0, len(self.people) / EVENT_PEOPLE)
        self.calls: list[tuple[datetime, datetime, datetime]] = []  # real span, moved to
        self.starts: list[datetime] = []
        self.series: dict[str, int] = {}
        self.topics: dict[str, list[str]] = {}
        self.workplace = self._busiest_workplace()

    def _busiest_workplace(self) -> int | None:
        counts = Counter(p.workplace_id for p in self.people if p.workplace_id is not None)
        return counts.most_common(1)[0][0] if counts else None

    # time

    def _call(self, at: datetime, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a service as if at ``at``: the span of real time it ran in is noted, and
        whatever it stamped inside that span is moved to ``at`` by :meth:`backdate`."""
        before = now()
        try:
            return service(*args, **kwargs)
        finally:
            self.calls.append((before, now(), at))

    def _moved(self, stamped: datetime | None, shift: timedelta = timedelta()) -> datetime | None:
        """When what the services stamped ``stamped`` (less ``shift``) really happened."""
        if stamped is None or stamped < self.wall:
            return stamped
        index = bisect.bisect_right(self.starts, stamped - shift) - 1
        before, after, at = self.calls[index]
        if not before <= stamped - shift <= after:
            raise RuntimeError(f"demo events: no service call stamped {stamped}")
        return at + shift

    def backdate(self) -> None:
        """Move every registration time and audit entry the services stamped to the time of
        the call that wrote it, then put back the people's last activity."""
        self.starts = [before for before, _, _ in self.calls]
        reg = Registration
        fields = (reg.created_at, reg.waitlisted_at, reg.confirmed_at, reg.checked_in_at)
        fields += (reg.closed_at, reg.offered_until)
        rows = []
        for *stamps, offered, hours, reg_id in (
            reg.select(*fields, Event.offer_hours, reg.id).join(Event).tuples()
        ):
            moved = [self._moved(t) for t in stamps]
            moved.append(self._moved(offered, timedelta(hours=hours)))
            rows.append((*moved, reg_id))
        _update_many(reg, fields, rows)
        audits = AuditEntry.select(AuditEntry.at, AuditEntry.id).where(
            AuditEntry.id > self.last_audit
        )
        _update_many(
            AuditEntry, (AuditEntry.at,), [(self._moved(t), i) for t, i in audits.tuples()]
        )
        self.fix_last_activity()

    def _when(self, start: datetime, end: datetime, *, early: float = 1.6) -> datetime:
        """A moment between ``start`` and ``end`` while the desk is open (people register at
        the desk or by phone), earlier rather than later."""
        for _ in range(6):
            t = start + (end - start) * (self.rng.random() ** early)
            if t.weekday() < 5:
                at = _at_desk(self.rng, t.date())
                if start <= at <= end:
                    return at
        return (start + (end - start) * self.rng.random()).replace(microsecond=0)

    def _topic(self, name: str) -> str:
        """The kind's topics in turn, shuffled, so the same lecture does not come twice running."""
        queue = self.topics.setdefault(name, [])
        if not queue:
            queue.extend(self.rng.sample(EVENT_KINDS[name].topics, len(EVENT_KINDS[name].topics)))
        return queue.pop()

    # series

    def create_series(self, plans: list[_EventPlan]) -> None:
        first = min(p.day for p in plans)
        at = _office_hours(self.rng, datetime.combine(first, dt_time()) - timedelta(days=60))
        for name, limit in EVENT_SERIES.items():
            series = self._call(
                at, events.save_series, self.organiser, name=name, max_per_person=limit
            )
            EventSeries.update(created_at=at).where(EventSeries.id == series.id).execute()
            self.series[name] = series.id
            at += timedelta(minutes=self.rng.randint(2, 8))

    # events

    def run(self, plan: _EventPlan) -> None:
        kind = EVENT_KINDS[plan.kind]
        rng = self.rng
        starts = datetime.combine(plan.day, kind.start)
        ends = starts + timedelta(hours=kind.hours)
        lead = rng.randint(21, 35) if kind.size == "big" else rng.randint(10, 21)
        opens = _at_desk(rng, _next_open_day(plan.day - timedelta(days=lead)))
        closes = datetime.combine(
            _working_day_before(plan.day - timedelta(days=1)), dt_time(17, 30)
        )
        if plan.showcase in ("full", "mixer", "minimum", "reserved"):
            opens = min(
                opens, self._when(self.limit - timedelta(days=12), self.limit - timedelta(days=8))
            )
        created = min(
            _at_desk(rng, _working_day_before(opens.date() - timedelta(days=rng.randint(2, 7)))),
            self.limit - timedelta(days=rng.randint(1, 3)),
        )
        topic = plan.topic or (self._topic(plan.kind) if kind.topics else "")
        if plan.kind == "cooling_small":
            topic = rng.choice(kind.venues)
        title = kind.title.format(year=plan.day.year, topic=topic)
        venue = topic if plan.kind == "cooling_small" else rng.choice(kind.venues)
        low, high = kind.capacity
        capacity = rng.randint(low, high)
        if kind.balanced or kind.divisions:
            capacity -= capacity % 2
        elif capacity >= 40:
            capacity -= capacity % 5
        upcoming = starts > self.limit
        pool = self._candidates(kind, plan.day, closes)
        share = rng.uniform(*kind.popularity)
        if plan.showcase == "mixer":
            capacity, wanted = self._mixer_places(pool)
        else:
            wanted = round(capacity * share * self.scale)
        if plan.showcase == "full":
            capacity = 20
            wanted = capacity + 7
        elif plan.showcase == "minimum":
            wanted = min(8, len(pool))
        data = events.EventInput(
            title=title,
            starts_at=starts,
            # Registration for a past event is taken while its end is still ahead.
            ends_at=max(ends, self.wall + timedelta(days=1)),
            capacity=capacity,
            size=kind.size,
            series_id=self.series[kind.series] if kind.series else None,
            venue=venue,
            description=kind.description,
            mode="offer" if plan.showcase == "full" else "auto",
            offer_hours=48 if plan.showcase == "full" else 24,
            women_only=kind.women_only,
            members_only=kind.members_only,
            min_age=kind.ages[0] if kind.ages else None,
            max_age=kind.ages[1] if kind.ages else None,
            balanced=kind.balanced,
        )
        decision = plan.day - timedelta(days=7)
        if plan.showcase == "minimum":
            data.capacity = 40
            data.min_participants = 20
            data.decision_on = self.limit.date()
        elif kind.minimum and (not upcoming or decision > self.limit.date()):
            expected = min(wanted, len(pool))
            data.min_participants = max(2, min(capacity, int(expected * 0.4)))
            data.decision_on = decision
        if kind.divisions:
            half = capacity // 2
            data.quotas = [
                events.QuotaInput("男子组", half, gender="M"),
                events.QuotaInput("女子组", half, gender="F"),
            ]
        if plan.showcase == "reserved" and self.workplace is not None:
            org = Organization.get_by_id(self.workplace)
            release = max(plan.day - timedelta(days=7), self.limit.date() + timedelta(days=3))
            data.quotas.append(
                events.QuotaInput(
                    f"{org.name}预留",
                    min(12, capacity // 3),
                    workplace_id=org.id,
                    reserved=True,
                    release_on=min(release, plan.day),
                )
            )
        event = self._call(created, events.create_event, self.organiser, data)
        updated = created

        cancel_at = None
        if plan.showcase == "cancelled":
            cancel_at = _at_desk(rng, _working_day_before(plan.day - timedelta(days=3)))
        last_desk = min(closes, self.limit, cancel_at or closes)
        if opens < last_desk:
            if upcoming and plan.showcase not in ("full", "mixer"):
                # Registration is still going on: fewer so far.
                wanted = round(wanted * min(1.0, (last_desk - opens) / (closes - opens)) ** 0.5)
            self._register(event, kind, plan, pool, wanted, opens, last_desk)
        if cancel_at is not None:
            reason = EVENT_CANCEL_REASON.format(venue=venue)
            self._call(cancel_at, events.cancel_event, self.organiser, event.id, reason=reason)
            updated = cancel_at
        elif ends < self.limit - timedelta(days=OPEN_DAYS_AFTER_EVENT):
            updated = self._attendance(event, kind, ends) or updated
        Event.update(
            opens_at=opens,
            closes_at=closes,
            ends_at=ends,
            created_at=created,
            updated_at=updated,
        ).where(Event.id == event.id).execute()

    def _candidates(self, kind: _Kind, day: date, closes: datetime) -> list[Person]:
        """Who may come (the service's own eligibility rules), keenest first, by chance."""
        probe = Event(
            starts_at=datetime.combine(day, kind.start),
            women_only=kind.women_only,
            members_only=kind.members_only,
            min_age=kind.ages[0] if kind.ages else None,
            max_age=kind.ages[1] if kind.ages else None,
            balanced=kind.balanced,
        )
        rng = self.rng
        pool = [
            p
            for p in self.people
            if p.created_at < closes and events.eligibility_problem(probe, p) is None
        ]
        return sorted(pool, key=lambda p: rng.random() ** (1 / self.keenness[p.id]), reverse=True)

    def _mixer_places(self, pool: list[Person]) -> tuple[int, int]:
        """Capacity of the upcoming mixer: both halves full with people left waiting."""
        fewest = min(sum(p.gender == g for p in pool) for g in "MF")
        half = max(5, min(15, fewest - 3))
        return 2 * half, len(pool)

    def _register(
        self,
        event: Event,
        kind: _Kind,
        plan: _EventPlan,
        pool: list[Person],
        wanted: int,
        opens: datetime,
        last_desk: datetime,
    ) -> None:
        rng = self.rng
        if plan.showcase == "mixer":
            half = event.capacity // 2
            extra = {g: rng.randint(2, 4) for g in "MF"}
            seen: Counter[str] = Counter()
            chosen = []
            for person in pool:
                if seen[person.gender] < half + extra[person.gender]:
                    seen[person.gender] += 1
                    chosen.append(person)
            pool, wanted = chosen, len(chosen)
        wanted = min(wanted, len(pool))
        actions = [(self._when(opens, last_desk), "register") for _ in range(wanted)]
        cancels = sum(rng.random() < CANCEL_SHARE for _ in range(wanted))
        if plan.showcase in ("full", "mixer"):
            cancels = max(cancels, 1)
        for _ in range(cancels):
            actions.append((self._when(opens, last_desk, early=0.7), "cancel"))
        actions.sort()
        if plan.showcase in ("full", "mixer"):
            # The latest change: someone gave up a place yesterday or today.
            late = self._when(self.limit - timedelta(days=1), self.limit)
            actions = [*(a for a in actions if a[1] == "register"), (late, "cancel")]
            actions.sort()
        waiting = list(pool)
        for at, action in actions:
            actor = self.desk if rng.random() < 0.6 else self.organiser
            if action == "cancel":
                self._cancel_one(event, plan, at, actor)
                continue
            while waiting:
                person = next((p for p in waiting if p.created_at < at), None)
                if person is None:
                    break
                waiting.remove(person)
                try:
                    self._call(
                        at, events.register, actor, event.id, person.id, waitlist_if_full=True
                    )
                except (events.NotEligible, events.EventFull):
                    continue  # refused at the desk (a series limit): nothing written
                break

    def _cancel_one(self, event: Event, plan: _EventPlan, at: datetime, actor: Staff) -> None:
        held = Registration.select(Registration.id, Registration.person).where(
            Registration.event == event.id, Registration.state == "confirmed"
        )
        if plan.showcase == "mixer":
            held = held.join(Person).where(Person.gender == "F")  # the next woman moves up
        ids = [r.id for r in held.order_by(Registration.id)]
        if not ids:
            return
        reason = self.rng.choice(REGISTRATION_CANCEL_REASONS)
        self._call(at, events.cancel_registration, actor, self.rng.choice(ids), reason=reason)

    def _attendance(self, event: Event, kind: _Kind, ends: datetime) -> datetime | None:
        """The paper sign-in sheet entered after the event, then the event closed: those not
        on the sheet become no-shows. Returns when it was closed (None: not yet)."""
        rng = self.rng
        day = ends.date()
        if day.weekday() < 5 and ends.time() <= dt_time(16, 30):
            marked = ends + timedelta(minutes=rng.randint(20, 50))
        else:
            marked = _at_desk(rng, _next_open_day(day + timedelta(days=1)))
        marked = marked.replace(microsecond=0)
        closed = marked + timedelta(minutes=rng.randint(3, 15))
        if closed > self.limit:
            return None
        rows = list(
            Registration.select(Registration, Person)
            .join(Person)
            .where(Registration.event == event.id, Registration.state.in_(["confirmed", "offered"]))
        )
        present = []
        for row in rows:
            chance = kind.attendance * (0.7 if row.person_id in self.flaky else 1.04)
            if rng.random() < min(0.99, chance):
                present.append(row.person)
        clerk = self.desk if rng.random() < 0.5 else self.organiser
        sheet = self._call(
            marked, events.mark_attendance, clerk, event.id, [p.name for p in present]
        )
        for person in present:
            if person.name in sheet.ambiguous:  # two of the same name: checked in one by one
                self._call(marked, events.check_in, clerk, event.id, person.id)
        self._call(closed, events.close_event, self.organiser, event.id)
        return closed

    def fix_last_activity(self) -> None:
        """Registering stamps the person's last activity "now": put it back to their latest
        registration, or what it was."""
        latest: dict[int, datetime] = {}
        for person_id, created in Registration.select(
            Registration.person, Registration.created_at
        ).tuples():
            if person_id not in latest or created > latest[person_id]:
                latest[person_id] = created
        persons = list(Person.select(Person.id).where(Person.last_activity_at >= self.wall))
        for person in persons:
            before = self.activity_before.get(person.id)
            candidates = [t for t in (before, latest.get(person.id)) if t is not None]
            person.last_activity_at = max(candidates) if candidates else self.limit
        Person.bulk_update(persons, fields=[Person.last_activity_at], batch_size=200)
