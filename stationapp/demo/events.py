"""The demo's union events decided by the events service's rules, written in bulk."""

from __future__ import annotations

import bisect
import functools
import operator
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from typing import Any

import peewee

from stationapp.db import now
from stationapp.demo.common import (
    _at_desk,
    _audit_row,
    _history_ends,
    _insert,
    _next_open_day,
    _office_hours,
    _update_many,
)
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
from stationapp.models.events import (
    ACTIVE_STATES,
    COUNTED_STATES,
    Event,
    EventQuota,
    EventSeries,
    Registration,
)
from stationapp.models.people import Organization, Person
from stationapp.services import events, people
from stationapp.services.events.planning import _checked_event

EVENT_PROGRESS_EVERY = 10  # events between two progress reports
# A quota's columns that events.create_event leaves at their defaults when not given.
QUOTA_DEFAULTS = {"gender": "", "min_age": None, "max_age": None, "workplace": None}
QUOTA_DEFAULTS |= {"reserved": False, "release_on": None}
# What counts against a series' limit of events per person (services/events.py register).
SERIES_STATES = (*ACTIVE_STATES, "attended", "no_show")


def populate_events(
    admin: Staff, *, rng: random.Random, progress: Callable[[int, int], None] | None = None
) -> int:
    """Two years of union events with registrations, waitlists, attendance and no-shows.

    The rules are services/events.py's (eligibility, its checks of an event, the series
    limits, quotas, the waitlist and its promotions, decided in memory by _Desk); the events,
    quotas, registrations and audit entries are written as its calls write them, each at the
    time it happened, in bulk: the events one by one (their ids), the rest at once. The series
    and the cancellations still go through the service, and what they stamp is moved back.
    An event is first written with its end ahead (registration is taken before it is over)
    and gets its real times and state at the end. Call it inside the caller's transaction,
    after the people have been back-dated. Returns the number of events.
    ``progress(done, events)`` hears every few events: this is most of the demo's build.
    """
    runner = _EventRunner(admin, rng)
    plans = _plan_events(rng, runner.limit.date())
    runner.create_series(plans)
    for index, plan in enumerate(plans):
        if progress is not None and index % EVENT_PROGRESS_EVERY == 0:
            progress(index, len(plans))
        runner.run(plan)
    runner.flush()
    fields = (Event.state, Event.opens_at, Event.closes_at, Event.ends_at, Event.created_at)
    _update_many(Event, (*fields, Event.updated_at), runner.finished)
    runner.backdate()
    return len(plans)


# The stamps of a registration that its later steps fill in.
LATER = ("waitlisted_at", "confirmed_at", "checked_in_at", "offered_until", "closed_at")


@dataclass
class _Place:
    """One registration of the event being filled: its person, and the row the events service
    would have written by now (``row["state"]`` is ``state``)."""

    person: Person
    row: dict[str, Any]

    @property
    def state(self) -> str:
        return self.row["state"]

    def set(self, **values: Any) -> None:
        self.row.update(values)


class _Desk:
    """The registrations of one event decided in memory by the rules of services/events.py
    (register, cancel_registration and the waitlist's promotions: the series limit, the places
    and quotas, confirmed or waitlisted, offered or confirmed on promotion), then written at
    once with the audit entries those calls write, each at the time it happened. The people
    come from the eligible pool (events.eligibility_problem), each tried once."""

    def __init__(
        self, event: Event, on: date, quotas: list[EventQuota], earlier: list[dict[str, Any]]
    ) -> None:
        self.event = event
        self.on = on  # the service counts reserved places as released from this day on
        self.day = event.starts_at.date()
        self.quotas = quotas
        if any(q.min_age is not None or q.max_age is not None for q in self.quotas):
            raise RuntimeError("demo events: quotas by age are not simulated")
        self.places: list[_Place] = []
        self.audits: list[dict[str, Any]] = []
        self.limit = 0
        self.taken: Counter[int] = Counter()  # registrations in the event's series, by person
        if event.series_id is not None:
            self.limit = EventSeries.get_by_id(event.series_id).max_per_person or 0
        if self.limit:  # ``earlier``: the registrations of the series' events before this one
            self.taken.update(row["person"] for row in earlier if row["state"] in SERIES_STATES)

    def _audit(self, at: datetime, actor: Staff, action: str, details: dict[str, Any]) -> None:
        self.audits.append(_audit_row(at, actor.id, action, "event", self.event.id, details))

    def _matches(self, quota: EventQuota, person: Person) -> bool:
        if quota.gender and person.gender != quota.gender:
            return False
        return quota.workplace_id is None or person.workplace_id == quota.workplace_id

    def _counted(self) -> list[Person]:
        return [p.person for p in self.places if p.state in COUNTED_STATES]

    def _free_places(self, person: Person) -> int:
        holders = self._counted()
        free = self.event.capacity - len(holders)
        for quota in self.quotas:
            inside = sum(1 for p in holders if self._matches(quota, p))
            if quota.reserved:
                released = quota.release_on is not None and self.on >= quota.release_on
                if not released and not self._matches(quota, person):
                    free -= max(0, quota.capacity - inside)
            elif self._matches(quota, person):
                free = min(free, quota.capacity - inside)
        return max(0, free)

    def _promote(self, at: datetime, actor: Staff) -> None:
        for place in [p for p in self.places if p.state == "waitlisted"]:
            if len(self._counted()) >= self.event.capacity:
                break
            if self._free_places(place.person) <= 0:
                continue
            if self.event.mode == "offer":
                place.set(
                    state="offered", offered_until=at + timedelta(hours=self.event.offer_hours)
                )
            else:
                place.set(state="confirmed", confirmed_at=at)
            self._audit(at, actor, "promote", {"person": place.person.id, "state": place.state})

    def register(self, at: datetime, actor: Staff, person: Person) -> bool:
        """Register ``person`` as events.register(waitlist_if_full=True) would; False when the
        series limit refuses them (nothing written)."""
        if self.limit and self.taken[person.id] >= self.limit:
            return False
        self._promote(at, actor)
        state = "confirmed" if self._free_places(person) > 0 else "waitlisted"
        row = {"event": self.event.id, "person": person.id, "state": state, "staff": actor.id}
        row |= dict.fromkeys(LATER) | {"created_at": at, f"{state}_at": at}
        self.places.append(_Place(person, row | {"closed_by": None, "reason": ""}))
        self._audit(at, actor, "register", {"person": person.id, "state": state})
        return True

    def cancel(self, at: datetime, actor: Staff, place: _Place, reason: str) -> None:
        """Cancel as events.cancel_registration would: the freed place goes to the waitlist."""
        place.set(state="cancelled", closed_at=at, closed_by=actor.id, reason=reason)
        self._audit(at, actor, "cancel", {"person": place.person.id})
        self._promote(at, actor)

    def attend(self, at: datetime, clerk: Staff, present: list[Person]) -> None:
        """The paper sign-in sheet entered as events.mark_attendance reads it, then
        events.check_in for each name two registered people share."""
        by_name: dict[str, list[_Place]] = {}
        for place in self.places:
            if place.state in ("confirmed", "offered", "no_show", "attended"):
                by_name.setdefault(people.normalize_name(place.person.name), []).append(place)
        marked, ambiguous = 0, set()
        for name in dict.fromkeys(people.normalize_name(p.name) for p in present):
            found = by_name.get(name, [])
            if len(found) > 1:
                ambiguous.add(name)
            elif found:
                self._check_in(found[0], at)
                marked += 1
        self._audit(at, clerk, "mark_attendance", {"marked": marked})
        for person in present:
            if person.name in ambiguous:
                place = next(
                    p
                    for p in self.places
                    if p.person.id == person.id and p.state in ("confirmed", "offered", "no_show")
                )
                self._check_in(place, at)
                self._audit(at, clerk, "check_in", {"person": person.id})

    @staticmethod
    def _check_in(place: _Place, at: datetime) -> None:
        if place.state != "attended":
            place.set(state="attended", checked_in_at=at)

    def close(self, at: datetime, organiser: Staff) -> None:
        """Close the event as events.close_event does: a place not used is a no-show, the
        waitlist expires."""
        no_shows = 0
        for place in self.places:
            if place.state in ("confirmed", "offered"):
                place.set(state="no_show", closed_at=at)
                no_shows += 1
            elif place.state in ("waitlisted", "pending"):
                place.set(state="expired", closed_at=at)
        self._audit(at, organiser, "close", {"no_shows": no_shows})

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [place.row for place in self.places]


class _EventRunner:
    def __init__(self, admin: Staff, rng: random.Random) -> None:
        self.rng = rng
        self.wall = now()  # everything the services stamp from here on is moved back
        self.limit = _history_ends() - timedelta(minutes=5)  # the made-up past ends here
        self.on = self.wall.date()  # a reserved quota is released from its day on
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
        # The registrations of each series' events so far (as stored: a series limit counts
        # them), and the registrations and audit entries not written yet (see flush).
        self.series_rows: dict[int, list[dict[str, Any]]] = {}
        self.pending: list[dict[str, Any]] = []
        self.pending_audits: list[dict[str, Any]] = []
        self.finished: list[tuple[Any, ...]] = []  # each event's final state and times, its id
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
        if stamped is None or stamped - shift < self.wall:
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
        # Only a stamp from the wall clock on is moved (_moved): the rows with one.
        stamped = functools.reduce(operator.or_, (f >= self.wall for f in fields))
        query = reg.select(*fields, Event.offer_hours, reg.id).join(Event).where(stamped)
        for *stamps, offered, hours, reg_id in query.tuples():
            moved = [self._moved(t) for t in stamps]
            moved.append(self._moved(offered, timedelta(hours=hours)))
            if moved != [*stamps, offered]:  # most were written at their time already
                rows.append((*moved, reg_id))
        _update_many(reg, fields, rows)
        audits = AuditEntry.select(AuditEntry.at, AuditEntry.id).where(
            AuditEntry.id > self.last_audit, AuditEntry.at >= self.wall
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
        event, quotas = self._create_event(created, data)
        updated = created

        cancel_at = None
        if plan.showcase == "cancelled":
            cancel_at = _at_desk(rng, _working_day_before(plan.day - timedelta(days=3)))
        last_desk = min(closes, self.limit, cancel_at or closes)
        earlier = self.series_rows.setdefault(event.series_id, [])
        desk = _Desk(event, self.on, quotas, earlier)
        desk._audit(created, self.organiser, "create", {"title": event.title, "room": data.room_id})
        if opens < last_desk:
            if upcoming and plan.showcase not in ("full", "mixer"):
                # Registration is still going on: fewer so far.
                wanted = round(wanted * min(1.0, (last_desk - opens) / (closes - opens)) ** 0.5)
            self._register(desk, kind, plan, pool, wanted, opens, last_desk)
        state = event.state
        if cancel_at is None and ends < self.limit - timedelta(days=OPEN_DAYS_AFTER_EVENT):
            closed = self._attendance(desk, kind, ends)
            if closed is not None:
                state, updated = "closed", closed
        earlier.extend(desk.rows)
        self.pending.extend(desk.rows)
        self.pending_audits.extend(desk.audits)
        if cancel_at is not None:
            reason = EVENT_CANCEL_REASON.format(venue=venue)
            self.flush()
            self._call(cancel_at, events.cancel_event, self.organiser, event.id, reason=reason)
            for row in desk.rows:  # as the service cancelled them
                if row["state"] in ACTIVE_STATES:
                    row["state"] = "cancelled"
            state, updated = "cancelled", cancel_at
        # What the event came to, written with the others' at the end (nothing reads it before).
        self.finished.append((state, opens, closes, ends, created, updated, event.id))

    def _create_event(self, at: datetime, data: events.EventInput) -> tuple[Event, list]:
        """The event and its quotas written as events.create_event writes them (its checks
        and clean values), at ``at``; its audit entry is the desk's first (written with the
        registrations'). The demo's events take no room: no booking to make."""
        if data.room_id is not None:
            raise RuntimeError("demo events: rooms are not simulated")
        values, quotas = _checked_event(self.organiser, data)
        values |= {"created_by": self.organiser.id, "created_at": at, "updated_at": at}
        event = Event(id=Event.insert(**values).execute(), **values)
        rows = [{"event": event.id} | QUOTA_DEFAULTS | quota for quota in quotas]
        _insert(EventQuota, rows)
        return event, [EventQuota(**row) for row in rows]

    def flush(self) -> None:
        """Write the registrations and audit entries decided so far, in the order they were
        decided (as each event's own write would have), before a service call reads them."""
        _insert(Registration, self.pending)
        _insert(AuditEntry, self.pending_audits)
        self.pending, self.pending_audits = [], []

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
        desk: _Desk,
        kind: _Kind,
        plan: _EventPlan,
        pool: list[Person],
        wanted: int,
        opens: datetime,
        last_desk: datetime,
    ) -> None:
        rng = self.rng
        if plan.showcase == "mixer":
            half = desk.event.capacity // 2
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
                self._cancel_one(desk, plan, at, actor)
                continue
            while waiting:
                person = next((p for p in waiting if p.created_at < at), None)
                if person is None:
                    break
                waiting.remove(person)
                if desk.register(at, actor, person):
                    break  # else refused at the desk (a series limit): nothing written

    def _cancel_one(self, desk: _Desk, plan: _EventPlan, at: datetime, actor: Staff) -> None:
        held = [p for p in desk.places if p.state == "confirmed"]
        if plan.showcase == "mixer":
            held = [p for p in held if p.person.gender == "F"]  # the next woman moves up
        if not held:
            return
        reason = self.rng.choice(REGISTRATION_CANCEL_REASONS)
        desk.cancel(at, actor, self.rng.choice(held), reason)

    def _attendance(self, desk: _Desk, kind: _Kind, ends: datetime) -> datetime | None:
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
        present = []
        for place in desk.places:
            if place.state not in ("confirmed", "offered"):
                continue
            chance = kind.attendance * (0.7 if place.person.id in self.flaky else 1.04)
            if rng.random() < min(0.99, chance):
                present.append(place.person)
        clerk = self.desk if rng.random() < 0.5 else self.organiser
        desk.attend(marked, clerk, present)
        desk.close(closed, self.organiser)
        return closed

    def fix_last_activity(self) -> None:
        """Registering stamps the person's last activity: their latest registration, or what
        it was before if later (a service call stamped "now": what it was, or the limit)."""
        latest: dict[int, datetime] = {}
        for person_id, created in Registration.select(
            Registration.person, Registration.created_at
        ).tuples():
            if person_id not in latest or created > latest[person_id]:
                latest[person_id] = created
        stamped = Person.select(Person.id).where(Person.last_activity_at >= self.wall)
        persons = [Person(id=i) for i in sorted({*latest, *(p.id for p in stamped)})]
        for person in persons:
            before = self.activity_before.get(person.id)
            candidates = [t for t in (before, latest.get(person.id)) if t is not None]
            person.last_activity_at = max(candidates) if candidates else self.limit
        _update_many(
            Person, (Person.last_activity_at,), [(p.last_activity_at, p.id) for p in persons]
        )
