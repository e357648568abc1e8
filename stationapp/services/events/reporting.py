"""Looking over the calendar: minimum-number decisions due, coverage of groups, statistics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import peewee

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.events import Event, EventSeries, Registration
from stationapp.models.people import Organization, Person
from stationapp.services.accounts import require
from stationapp.services.events._common import translate
from stationapp.services.events.eligibility import age_on, counts
from stationapp.services.periods import in_period

AGE_BANDS = ((0, 25), (25, 35), (35, 45), (45, 55), (55, 200))


@dataclass(frozen=True)
class MinimumDecision:
    event: Event
    taken: int
    minimum: int


def decisions_due(actor: Staff, *, on: date | None = None) -> list[MinimumDecision]:
    """Open events whose decision date has come and that are below their minimum."""
    require(actor, "event.read")
    on = on or today()
    events = list(
        Event.select().where(
            Event.state == "open",
            Event.min_participants.is_null(False),
            Event.decision_on <= on,
        )
    )
    taken = counts([e.id for e in events])
    return [
        MinimumDecision(e, taken[e.id].taken, e.min_participants)
        for e in events
        if taken[e.id].taken < e.min_participants
    ]


@dataclass(frozen=True)
class Coverage:
    months_without_big: list[str]  # "2026-07"
    weeks_without_small: list[tuple[date, date]]  # Monday and Sunday of the week


def coverage(actor: Staff, *, date_from: date, date_to: date) -> Coverage:
    """The station's standard, 月有大活动，周有小活动: every month a big event, every week a small
    one (cancelled events do not count)."""
    require(actor, "event.read")
    # Whole weeks at both ends: an event on the Tuesday before the range still covers its week.
    first = min(date_from.replace(day=1), date_from - timedelta(days=date_from.weekday()))
    # ... and the whole month at the end: a big event planned for later in the month covers it.
    last_sunday = date_to + timedelta(days=6 - date_to.weekday())
    next_month = (date_to.replace(day=1) + timedelta(days=32)).replace(day=1)
    until = max(last_sunday + timedelta(days=1), next_month)
    events = list(
        Event.select(Event.starts_at, Event.size).where(
            Event.state != "cancelled",
            Event.starts_at >= datetime.combine(first, time.min),
            Event.starts_at < datetime.combine(until, time.min),
        )
    )
    big_months = {e.starts_at.strftime("%Y-%m") for e in events if e.size == "big"}
    small_weeks = {
        e.starts_at.date() - timedelta(days=e.starts_at.weekday())
        for e in events
        if e.size == "small"
    }
    months = []
    cursor = date_from.replace(day=1)
    while cursor <= date_to:
        key = cursor.strftime("%Y-%m")
        if key not in big_months:
            months.append(key)
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    weeks = []
    monday = date_from - timedelta(days=date_from.weekday())
    while monday <= date_to:
        if monday not in small_weeks:
            weeks.append((monday, monday + timedelta(days=6)))
        monday += timedelta(days=7)
    return Coverage(months, weeks)


@dataclass(frozen=True)
class EventStatistics:
    registrations: int
    attended: int
    no_shows: int
    unique_people: int
    by_workplace: list[tuple[str, int, int]]  # name, people, person-times (人次)
    by_gender: list[tuple[str, int, int]]
    by_age_band: list[tuple[str, int, int]]
    by_series: list[tuple[str, int, int]]

    @property
    def attendance_rate(self) -> float | None:
        decided = self.attended + self.no_shows
        return self.attended / decided if decided else None


def statistics(actor: Staff, *, date_from: date, date_to: date) -> EventStatistics:
    """Registrations, attendance, unique people and person-times (人次) of events in the range."""
    require(actor, "event.read")
    in_range = in_period(Event.starts_at, date_from, date_to)
    states = dict(
        Registration.select(Registration.state, peewee.fn.COUNT(Registration.id))
        .join(Event)
        .where(in_range)
        .group_by(Registration.state)
        .tuples()
    )
    attended_rows = (
        Registration.select(Registration, Person, Organization, Event, EventSeries)
        .join(Event)
        .join(EventSeries, peewee.JOIN.LEFT_OUTER)
        .switch(Registration)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(in_range, Registration.state == "attended")
    )

    def tally(key: Callable[[Registration], str]) -> list[tuple[str, int, int]]:
        people: dict[str, set[int]] = {}
        times: dict[str, int] = {}
        for row in rows:
            name = key(row)
            people.setdefault(name, set()).add(row.person_id)
            times[name] = times.get(name, 0) + 1
        return sorted(
            ((name, len(people[name]), times[name]) for name in times), key=lambda t: -t[2]
        )

    rows = list(attended_rows)

    def band(row: Registration) -> str:
        age = age_on(row.person.birth_date, row.event.starts_at.date())
        if age is None:
            return translate("Events", "Unknown age")
        for low, high in AGE_BANDS:
            if low <= age < high:
                return f"{low}–{high - 1}" if high < 200 else f"{low}+"
        return translate("Events", "Unknown age")

    from stationapp.services.people import gender_label

    return EventStatistics(
        registrations=sum(
            n for state, n in states.items() if state not in ("cancelled", "rejected", "expired")
        ),
        attended=states.get("attended", 0),
        no_shows=states.get("no_show", 0),
        unique_people=len({row.person_id for row in rows}),
        by_workplace=tally(
            lambda r: (
                r.person.workplace.name
                if r.person.workplace_id
                else translate("Events", "No workplace")
            )
        ),
        by_gender=tally(lambda r: gender_label(r.person.gender) or translate("Events", "Unknown")),
        by_age_band=tally(band),
        by_series=tally(
            lambda r: r.event.series.name if r.event.series_id else translate("Events", "No series")
        ),
    )
