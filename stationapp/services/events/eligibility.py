"""Quotas and eligibility: who may come, how many places are left for whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.events import COUNTED_STATES, Event, EventQuota, Registration
from stationapp.models.people import Person
from stationapp.services.events._common import translate
from stationapp.services.people import true_birth_date


class NotEligible(UserError):
    """The person may not take part: the message names the rule."""


class EventFull(UserError):
    """No place is left for this person; the waitlist is open."""


@dataclass(frozen=True)
class EventCounts:
    confirmed: int
    offered: int
    waitlisted: int
    attended: int
    no_show: int

    @property
    def taken(self) -> int:
        return self.confirmed + self.offered + self.attended + self.no_show


def counts(event_ids: list[int]) -> dict[int, EventCounts]:
    """Places taken and the waitlist of several events from one aggregate query."""
    if not event_ids:
        return {}
    rows = (
        Registration.select(
            Registration.event, Registration.state, peewee.fn.COUNT(Registration.id)
        )
        .where(Registration.event.in_(event_ids))
        .group_by(Registration.event, Registration.state)
        .tuples()
    )
    by_event: dict[int, dict[str, int]] = {i: {} for i in event_ids}
    for event_id, state, count in rows:
        by_event[event_id][state] = count
    return {
        i: EventCounts(
            confirmed=s.get("confirmed", 0),
            offered=s.get("offered", 0),
            waitlisted=s.get("waitlisted", 0),
            attended=s.get("attended", 0),
            no_show=s.get("no_show", 0),
        )
        for i, s in by_event.items()
    }


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def eligibility_problem(event: Event, person: Person) -> str | None:
    """The first rule of the event this person does not meet, in words (None: eligible)."""
    if event.women_only and person.gender != "F":
        return translate("Events", "Not eligible: this event is for women only.")
    if event.members_only and not person.is_member:
        return translate("Events", "Not eligible: this event is for union members only.")
    if event.min_age is not None or event.max_age is not None:
        age = age_on(true_birth_date(person), event.starts_at.date())
        low = event.min_age if event.min_age is not None else 0
        high = event.max_age if event.max_age is not None else 200
        if age is None:
            return translate(
                "Events", "Not eligible: the event is for ages {low} to {high}; no birth date."
            ).format(low=low, high=high)
        if not low <= age <= high:
            return translate(
                "Events", "Not eligible: the event is for ages {low} to {high}; {name} is {age}."
            ).format(low=low, high=high, name=person.name, age=age)
    if event.balanced and person.gender not in ("M", "F"):
        return translate(
            "Events", "Not eligible: a gender-balanced event needs the person's gender."
        )
    return None


def _matches(quota: EventQuota, person: Person, on: date) -> bool:
    if quota.gender and person.gender != quota.gender:
        return False
    if quota.workplace_id is not None and person.workplace_id != quota.workplace_id:
        return False
    if quota.min_age is not None or quota.max_age is not None:
        age = age_on(true_birth_date(person), on)
        if age is None:
            return False
        if quota.min_age is not None and age < quota.min_age:
            return False
        if quota.max_age is not None and age > quota.max_age:
            return False
    return True


def _counted(event_id: int) -> peewee.ModelSelect:
    return Registration.select().where(
        Registration.event == event_id, Registration.state.in_(list(COUNTED_STATES))
    )


def free_places(event: Event, person: Person, *, on: date | None = None) -> int:
    """Places this person could take now: the capacity less what is taken, less every limiting
    quota they match that is full, less the unreleased reserved places of other workplaces."""
    on = on or today()
    holders = [r.person for r in _counted(event.id).select(Registration, Person).join(Person)]
    free = event.capacity - len(holders)
    day = event.starts_at.date()
    for quota in EventQuota.select().where(EventQuota.event == event.id):
        inside = sum(1 for p in holders if _matches(quota, p, day))
        if quota.reserved:
            released = quota.release_on is not None and on >= quota.release_on
            if not released and not _matches(quota, person, day):
                free -= max(0, quota.capacity - inside)
        elif _matches(quota, person, day):
            free = min(free, quota.capacity - inside)
    return max(0, free)
