"""Union events: setting them up, registering people at the desk, the waitlist, attendance,
minimum participants, the calendar's coverage check, exports and statistics.

Never overbook (DESIGN.md rule 3, domain/events.md): every decision that takes a place locks the
event first (an IMMEDIATE transaction on SQLite, SELECT ... FOR UPDATE on PostgreSQL), re-counts
and only then writes; a partial unique index on (event, person) is the backstop. Freeing a place
promotes the next person in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, is_sqlite, lock_kind, now, today, transaction
from stationapp.errors import NotFound, UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.events import (
    ACTIVE_STATES,
    COUNTED_STATES,
    MODES,
    SIZES,
    Event,
    EventQuota,
    EventSeries,
    Registration,
)
from stationapp.models.people import Organization, Person
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.people import hands_people, normalize_name, true_birth_date
from stationapp.services.private_files import private_output
from stationapp.services.spreadsheet import xlsx_row
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

MAX_CAPACITY = 10000
AGE_BANDS = ((0, 25), (25, 35), (35, 45), (45, 55), (55, 200))


class NotEligible(UserError):
    """The person may not take part: the message names the rule."""


class EventFull(UserError):
    """No place is left for this person; the waitlist is open."""


# --- labels -----------------------------------------------------------------------------------


def state_label(state: str) -> str:
    return {
        "pending": translate("Events", "Awaiting approval"),
        "waitlisted": translate("Events", "Waitlisted"),
        "offered": translate("Events", "Place offered"),
        "confirmed": translate("Events", "Confirmed"),
        "attended": translate("Events", "Attended"),
        "no_show": translate("Events", "No-show"),
        "cancelled": translate("Events", "Cancelled"),
        "rejected": translate("Events", "Rejected"),
        "expired": translate("Events", "Offer expired"),
    }.get(state, state)


def event_state_label(state: str) -> str:
    return {
        "open": translate("Events", "Open"),
        "cancelled": translate("Events", "Cancelled"),
        "closed": translate("Events", "Closed"),
    }.get(state, state)


def size_label(size: str) -> str:
    return {
        "big": translate("Events", "Big event"),
        "small": translate("Events", "Small event"),
    }.get(size, size)


# --- series and events ---------------------------------------------------------------------------


def list_series(actor: Staff) -> list[EventSeries]:
    require(actor, "event.read")
    return list(EventSeries.select().order_by(EventSeries.name))


def save_series(
    actor: Staff, *, name: str, max_per_person: int | None, series_id: int | None = None
) -> EventSeries:
    require(actor, "event.manage")
    clean = normalize_text(name, field="series", max_length=100, required=True)
    if max_per_person is not None and not 1 <= max_per_person <= 100:
        raise ValidationError(
            translate("Events", "The limit per person must be 1 to 100."), field="max_per_person"
        )
    with transaction(lock=True):
        lock_kind("series")  # PostgreSQL: the name check holds until the commit
        clash = EventSeries.select().where(EventSeries.name == clean)
        if series_id is not None:
            clash = clash.where(EventSeries.id != series_id)
        if clash.exists():
            raise ValidationError(
                translate("Events", "A series with this name exists."), field="series"
            )
        if series_id is None:
            series = EventSeries.create(name=clean, max_per_person=max_per_person)
        else:
            series = EventSeries.get_or_none(EventSeries.id == series_id)
            if series is None:
                raise NotFound(translate("Events", "This series no longer exists."))
            series.name = clean
            series.max_per_person = max_per_person
            series.save()
        audit(actor, "save", "event_series", series.id, {"name": clean})
    changes.notify("event")
    return series


@dataclass
class QuotaInput:
    name: str
    capacity: int
    gender: str = ""
    min_age: int | None = None
    max_age: int | None = None
    workplace_id: int | None = None
    reserved: bool = False
    release_on: date | None = None


@dataclass
class EventInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    size: str = "small"
    series_id: int | None = None
    venue: str = ""
    description: str = ""
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    cancel_deadline: datetime | None = None
    mode: str = "auto"
    offer_hours: int = 24
    women_only: bool = False
    members_only: bool = False
    min_age: int | None = None
    max_age: int | None = None
    balanced: bool = False
    min_participants: int | None = None
    decision_on: date | None = None
    quotas: list[QuotaInput] = field(default_factory=list)


def _validate_event(data: EventInput) -> tuple[dict[str, object], list[dict[str, object]]]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, limit, required in (
        ("title", 200, True),
        ("venue", 200, False),
        ("description", 4000, False),
    ):
        try:
            values[name] = normalize_text(
                getattr(data, name), field=name, max_length=limit, required=required
            )
        except ValidationError as exc:
            errors[name] = exc.message
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = translate("Events", "The event must end after it starts.")
    if not 1 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = translate("Events", "The capacity must be 1 to 10,000.")
    if data.size not in SIZES:
        errors["size"] = translate("Events", "Choose big or small.")
    if data.mode not in MODES:
        errors["mode"] = translate("Events", "Choose how the waitlist works.")
    if not 1 <= data.offer_hours <= 24 * 14:
        errors["offer_hours"] = translate("Events", "An offer lasts 1 hour to 14 days.")
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        errors["closes_at"] = translate("Events", "Registration must close after it opens.")
    if data.closes_at and data.closes_at > data.ends_at:
        errors["closes_at"] = translate("Events", "Registration must close before the event ends.")
    for name in ("min_age", "max_age"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= 120:
            errors[name] = translate("Events", "An age is 0 to 120.")
    if data.min_age is not None and data.max_age is not None and data.min_age > data.max_age:
        errors["max_age"] = translate("Events", "The oldest age is below the youngest.")
    if data.balanced and data.capacity % 2:
        errors["capacity"] = translate(
            "Events", "A gender-balanced event needs an even number of places."
        )
    if data.balanced and data.women_only:
        errors["balanced"] = translate("Events", "A women-only event cannot be gender-balanced.")
    if data.min_participants is not None:
        if not 1 <= data.min_participants <= data.capacity:
            errors["min_participants"] = translate(
                "Events", "The minimum must be between 1 and the capacity."
            )
        if data.decision_on is None:
            errors["decision_on"] = translate(
                "Events", "Give the date on which the minimum is decided."
            )
        elif data.decision_on > data.starts_at.date():
            errors["decision_on"] = translate(
                "Events", "The decision date must not be after the event starts."
            )
    if (
        data.series_id is not None
        and not EventSeries.select().where(EventSeries.id == data.series_id).exists()
    ):
        errors["series"] = translate("Events", "This series no longer exists.")
    quotas: list[dict[str, object]] = []
    for number, quota in enumerate(data.quotas, start=1):
        problem = None
        try:
            quota_name = normalize_text(quota.name.strip()[:100], field="quotas", max_length=100)
        except ValidationError as exc:  # a control character or a direction mark
            quota_name = ""
            problem = translate("Events", "Quota {n}: {problem}").replace("{problem}", exc.message)
        if problem is not None:
            pass
        elif not quota_name:
            problem = translate("Events", "Quota {n}: give it a name.")
        elif not 1 <= quota.capacity <= data.capacity:
            problem = translate("Events", "Quota {n}: its places must be 1 to the capacity.")
        elif quota.gender not in ("", "M", "F"):
            problem = translate("Events", "Quota {n}: choose a gender.")
        elif quota.reserved and quota.workplace_id is None:
            problem = translate("Events", "Quota {n}: reserved places are for one workplace.")
        elif any(age is not None and not 0 <= age <= 120 for age in (quota.min_age, quota.max_age)):
            problem = translate("Events", "Quota {n}: an age is 0 to 120.")
        elif (
            quota.workplace_id is not None
            and not Organization.select().where(Organization.id == quota.workplace_id).exists()
        ):
            problem = translate("Events", "Quota {n}: this workplace is no longer on file.")
        if problem:
            errors["quotas"] = problem.format(n=number)
            continue
        quotas.append(
            {
                "name": quota_name,
                "capacity": quota.capacity,
                "gender": quota.gender,
                "min_age": quota.min_age,
                "max_age": quota.max_age,
                "workplace": quota.workplace_id,
                "reserved": quota.reserved,
                "release_on": quota.release_on,
            }
        )
    if data.balanced:
        half = data.capacity // 2
        quotas = [q for q in quotas if not (q["gender"] and not q["workplace"])]
        quotas.append({"name": translate("Events", "Men"), "capacity": half, "gender": "M"})
        quotas.append({"name": translate("Events", "Women"), "capacity": half, "gender": "F"})
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    values.update(
        {
            "starts_at": data.starts_at,
            "ends_at": data.ends_at,
            "capacity": data.capacity,
            "size": data.size,
            "series": data.series_id,
            "opens_at": data.opens_at,
            "closes_at": data.closes_at,
            "cancel_deadline": data.cancel_deadline,
            "mode": data.mode,
            "offer_hours": data.offer_hours,
            "women_only": data.women_only,
            "members_only": data.members_only,
            "min_age": data.min_age,
            "max_age": data.max_age,
            "balanced": data.balanced,
            "min_participants": data.min_participants,
            "decision_on": data.decision_on,
        }
    )
    return values, quotas


def create_event(actor: Staff, data: EventInput) -> Event:
    require(actor, "event.manage")
    values, quotas = _validate_event(data)
    with transaction():
        moment = now()
        event = Event.create(**values, created_by=actor, created_at=moment, updated_at=moment)
        for quota in quotas:
            EventQuota.create(event=event, **quota)
        audit(actor, "create", "event", event.id, {"title": values["title"]})
    changes.notify("event")
    return event


def update_event(actor: Staff, event_id: int, data: EventInput) -> Event:
    """Change an event; a capacity below the places already taken is refused."""
    require(actor, "event.manage")
    values, quotas = _validate_event(data)
    with transaction(lock=True):
        event = _locked_event(event_id)
        taken = _counted(event.id).count()
        if data.capacity < taken:
            raise ValidationError(
                translate(
                    "Events", "{taken} places are taken: the capacity cannot be lower."
                ).format(taken=taken),
                field="capacity",
            )
        holders = [r.person for r in _counted(event.id).select(Registration, Person).join(Person)]
        day = data.starts_at.date()
        for quota in quotas:
            if quota.get("reserved"):
                continue
            inside = sum(1 for p in holders if _matches(EventQuota(**quota), p, day))
            if quota["capacity"] < inside:
                raise ValidationError(
                    translate(
                        "Events", "{taken} people already hold places of “{quota}”: too few places."
                    ).format(taken=inside, quota=quota["name"]),
                    field="capacity" if data.balanced else "quotas",
                )
        for key, value in values.items():
            setattr(event, key, value)
        event.updated_at = now()
        event.save()
        EventQuota.delete().where(EventQuota.event == event.id).execute()
        for quota in quotas:
            EventQuota.create(event=event, **quota)
        _promote(actor, event)
        audit(actor, "update", "event", event.id, {"title": values["title"]})
    changes.notify("event")
    return event


def get_event(actor: Staff, event_id: int) -> Event:
    require(actor, "event.read")
    event = (
        Event.select(Event, EventSeries)
        .join(EventSeries, peewee.JOIN.LEFT_OUTER)
        .where(Event.id == event_id)
        .first()
    )
    if event is None:
        raise NotFound(translate("Events", "This event no longer exists."))
    return event


def list_events(
    actor: Staff,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    text: str = "",
    upcoming: bool = False,
    offset: int = 0,
    limit: int = 500,
) -> list[Event]:
    """Events newest first; ``upcoming``: those not yet over, soonest first."""
    require(actor, "event.read")
    query = Event.select(Event, EventSeries).join(EventSeries, peewee.JOIN.LEFT_OUTER)
    if upcoming:
        query = query.where(Event.ends_at >= now())
    if date_from:
        query = query.where(Event.starts_at >= datetime.combine(date_from, time.min))
    if date_to:
        query = query.where(Event.starts_at < datetime.combine(date_to + timedelta(1), time.min))
    if text.strip():
        query = query.where(contains(Event.title, text.strip()))
    order = (Event.starts_at, Event.id) if upcoming else (Event.starts_at.desc(), Event.id.desc())
    return list(query.order_by(*order).offset(offset).limit(limit))


def event_quotas(actor: Staff, event_id: int) -> list[EventQuota]:
    require(actor, "event.read")
    return list(
        EventQuota.select(EventQuota, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(EventQuota.event == event_id)
        .order_by(EventQuota.id)
    )


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


# --- eligibility and places ----------------------------------------------------------------------


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


def _locked_event(event_id: int) -> Event:
    query = Event.select().where(Event.id == event_id)
    if not is_sqlite():
        query = query.for_update()
    event = query.first()
    if event is None:
        raise NotFound(translate("Events", "This event no longer exists."))
    return event


# --- registering ------------------------------------------------------------------------------


@hands_people
def register(
    actor: Staff, event_id: int, person_id: int, *, waitlist_if_full: bool = False
) -> Registration:
    """Register at the desk: confirmed when there is a place, else waitlisted when asked.

    Refusals say exactly why (NotEligible: which rule; EventFull: no place; a limit reached).
    """
    require(actor, "event.register")
    with transaction(lock=True):
        event = _locked_event(event_id)
        person = Person.get_or_none(Person.id == person_id)
        if person is None or not person.active:
            raise NotFound(translate("Events", "This person is no longer on file."))
        moment = now()
        if event.state != "open":
            raise NotEligible(
                translate("Events", "Registration is closed: the event is {state}.").format(
                    state=event_state_label(event.state)
                )
            )
        if event.opens_at and moment < event.opens_at:
            raise NotEligible(
                translate("Events", "Registration opens on {when}.").format(
                    when=event.opens_at.strftime("%Y-%m-%d %H:%M")
                )
            )
        if (event.closes_at and moment > event.closes_at) or moment > event.ends_at:
            raise NotEligible(translate("Events", "Registration has closed."))
        problem = eligibility_problem(event, person)
        if problem:
            raise NotEligible(problem)
        if (
            Registration.select()
            .where(
                Registration.event == event.id,
                Registration.person == person_id,
                Registration.state.in_([*ACTIVE_STATES, "attended", "no_show"]),
            )
            .exists()
        ):
            raise NotEligible(
                translate("Events", "{name} is already registered for this event.").format(
                    name=person.name
                )
            )
        if event.series_id is not None:
            series = EventSeries.get_by_id(event.series_id)
            if series.max_per_person:
                taken = (
                    Registration.select()
                    .join(Event)
                    .where(
                        Registration.person == person_id,
                        Event.series == series.id,
                        Registration.state.in_([*ACTIVE_STATES, "attended", "no_show"]),
                    )
                    .count()
                )
                if taken >= series.max_per_person:
                    limit = series.max_per_person  # a name: lupdate 6.11 drops a count expression
                    raise NotEligible(
                        translate(
                            "Events",
                            "Limit reached: at most %n event(s) of {series} per person.",
                            "",
                            limit,
                        ).format(series=series.name)
                    )
        # Places freed without a cancellation (a reserved quota released, a larger capacity)
        # go to the people already waiting before a newcomer.
        _promote(actor, event)
        if free_places(event, person) > 0:
            state = "confirmed"
        elif waitlist_if_full:
            state = "waitlisted"
        else:
            raise EventFull(
                translate("Events", "No place left for {name}: the waitlist is open.").format(
                    name=person.name
                )
            )
        registration = Registration.create(
            event=event,
            person=person_id,
            state=state,
            staff=actor,
            created_at=moment,
            waitlisted_at=moment if state == "waitlisted" else None,
            confirmed_at=moment if state == "confirmed" else None,
        )
        Person.update(last_activity_at=moment).where(Person.id == person_id).execute()
        audit(actor, "register", "event", event.id, {"person": person_id, "state": state})
    changes.notify("registration")
    return registration


def _promote(actor: Staff, event: Event) -> list[Registration]:
    """Give freed places to the waitlist, in order (priority first, then time of joining), to the
    first people who fit; the caller holds the event's lock."""
    promoted: list[Registration] = []
    if event.state != "open":
        return promoted
    moment = now()
    waiting = list(
        Registration.select(Registration, Person)
        .join(Person)
        .where(Registration.event == event.id, Registration.state == "waitlisted")
        .order_by(Registration.priority.desc(), Registration.waitlisted_at, Registration.id)
    )
    for registration in waiting:
        if _counted(event.id).count() >= event.capacity:
            break
        if eligibility_problem(event, registration.person):
            continue
        if free_places(event, registration.person) <= 0:
            continue
        if event.mode == "offer":
            registration.state = "offered"
            registration.offered_until = moment + timedelta(hours=event.offer_hours)
        else:
            registration.state = "confirmed"
            registration.confirmed_at = moment
        registration.save()
        audit(
            actor,
            "promote",
            "event",
            event.id,
            {"person": registration.person_id, "state": registration.state},
        )
        promoted.append(registration)
    return promoted


@hands_people
def cancel_registration(
    actor: Staff, registration_id: int, *, reason: str = ""
) -> list[Registration]:
    """Cancel; a freed place goes to the waitlist in the same transaction. Returns the promoted."""
    require(actor, "event.register")
    clean = normalize_text(reason, field="reason", max_length=500)
    with transaction(lock=True):
        registration = Registration.get_or_none(Registration.id == registration_id)
        if registration is None:
            raise NotFound(translate("Events", "This registration no longer exists."))
        event = _locked_event(registration.event_id)
        registration = Registration.get_by_id(registration_id)  # re-read under the lock
        if registration.state not in ACTIVE_STATES:
            raise ValidationError(
                translate("Events", "This registration is already {state}.").format(
                    state=state_label(registration.state)
                )
            )
        registration.state = "cancelled"
        registration.closed_at = now()
        registration.closed_by = actor
        registration.reason = clean
        registration.save()
        audit(actor, "cancel", "event", event.id, {"person": registration.person_id})
        promoted = _promote(actor, event)
    changes.notify("registration")
    return promoted


@hands_people
def accept_offer(actor: Staff, registration_id: int) -> Registration:
    require(actor, "event.register")
    with transaction(lock=True):
        found = Registration.get_or_none(Registration.id == registration_id)
        if found is not None:
            _locked_event(found.event_id)
        registration = Registration.get_or_none(Registration.id == registration_id)  # under lock
        if registration is None or registration.state != "offered":
            raise ValidationError(translate("Events", "There is no open offer to accept."))
        if registration.offered_until and registration.offered_until < now():
            raise ValidationError(translate("Events", "The offer has expired."))
        registration.state = "confirmed"
        registration.confirmed_at = now()
        registration.save()
        audit(
            actor,
            "accept_offer",
            "event",
            registration.event_id,
            {"person": registration.person_id},
        )
    changes.notify("registration")
    return registration


@hands_people
def expire_offers(actor: Staff, event_id: int) -> list[Registration]:
    """Offers past their time lapse and the places go to the next in line."""
    require(actor, "event.register")
    with transaction(lock=True):
        event = _locked_event(event_id)
        late = list(
            Registration.select().where(
                Registration.event == event.id,
                Registration.state == "offered",
                Registration.offered_until < now(),
            )
        )
        for registration in late:
            registration.state = "expired"
            registration.closed_at = now()
            registration.save()
        promoted = _promote(actor, event) if late else []
        if late:
            audit(actor, "expire_offers", "event", event.id, {"expired": len(late)})
    if late:
        changes.notify("registration")
    return promoted


@hands_people
def set_priority(actor: Staff, registration_id: int, *, priority: int, reason: str) -> Registration:
    """Move someone up or down the waitlist by hand; the reason is recorded."""
    require(actor, "event.manage")
    try:
        clean = normalize_text(reason, field="reason", max_length=500, required=True)
    except ValidationError as exc:
        raise ValidationError(
            translate("Events", "Give the reason for changing the order."), field="reason"
        ) from exc
    if not -100 <= priority <= 100:
        raise ValidationError(translate("Events", "Priority is -100 to 100."), field="priority")
    with transaction(lock=True):
        found = Registration.get_or_none(Registration.id == registration_id)
        event = _locked_event(found.event_id) if found is not None else None
        registration = Registration.get_or_none(Registration.id == registration_id)  # under lock
        if event is None or registration is None or registration.state != "waitlisted":
            raise ValidationError(translate("Events", "Only a waitlisted person can be moved."))
        before = registration.priority
        registration.priority = priority
        registration.reason = clean
        registration.save()
        audit(
            actor,
            "priority",
            "event",
            event.id,
            {"person": registration.person_id, "from": before, "to": priority, "reason": clean},
        )
        _promote(actor, event)
    changes.notify("registration")
    return registration


@hands_people
def roster(actor: Staff, event_id: int) -> list[Registration]:
    """Everyone registered: the counted first, then the waitlist in its order, then the rest."""
    require(actor, "event.read")
    rows = list(
        Registration.select(Registration, Person, Organization)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Registration.event == event_id)
    )
    rank = {
        "confirmed": 0,
        "offered": 0,
        "attended": 0,
        "no_show": 0,
        "pending": 1,
        "waitlisted": 2,
    }
    rows.sort(
        key=lambda r: (
            rank.get(r.state, 3),
            -r.priority if r.state == "waitlisted" else 0,
            r.waitlisted_at or r.created_at,
            r.id,
        )
    )
    return rows


def no_show_counts(person_ids: list[int]) -> dict[int, int]:
    if not person_ids:
        return {}
    return dict(
        Registration.select(Registration.person, peewee.fn.COUNT(Registration.id))
        .where(Registration.person.in_(person_ids), Registration.state == "no_show")
        .group_by(Registration.person)
        .tuples()
    )


@hands_people
def person_registrations(actor: Staff, person_id: int) -> list[Registration]:
    require(actor, "event.read")
    return list(
        Registration.select(Registration, Event)
        .join(Event)
        .where(Registration.person == person_id)
        .order_by(Event.starts_at.desc())
    )


# --- attendance -------------------------------------------------------------------------------


@hands_people
def check_in(actor: Staff, event_id: int, person_id: int) -> Registration:
    require(actor, "event.register")
    with transaction():
        registration = Registration.get_or_none(
            Registration.event == event_id,
            Registration.person == person_id,
            Registration.state.in_(["confirmed", "offered", "no_show"]),
        )
        if registration is None:
            raise ValidationError(
                translate("Events", "This person has no place at this event."), field="person"
            )
        registration.state = "attended"
        registration.checked_in_at = now()
        registration.save()
        audit(actor, "check_in", "event", event_id, {"person": person_id})
    changes.notify("registration")
    return registration


@dataclass(frozen=True)
class BulkAttendance:
    marked: list[str]
    unknown: list[str]  # names on the sheet with no place at the event
    ambiguous: list[str]  # names shared by several registered people


def mark_attendance(actor: Staff, event_id: int, names: list[str]) -> BulkAttendance:
    """Mark attendance from a paper sign-in sheet: one name per line, in any spelling of the
    name's dot (买买提•艾力 is 买买提·艾力)."""
    require(actor, "event.register")
    wanted = [normalize_name(n) for n in names if n.strip()]
    with transaction():
        if not Event.select().where(Event.id == event_id).exists():
            raise NotFound(translate("Events", "This event no longer exists."))
        rows = list(
            Registration.select(Registration, Person)
            .join(Person)
            .where(
                Registration.event == event_id,
                Registration.state.in_(["confirmed", "offered", "no_show", "attended"]),
            )
        )
        by_name: dict[str, list[Registration]] = {}
        for row in rows:
            by_name.setdefault(normalize_name(row.person.name), []).append(row)
        marked, unknown, ambiguous = [], [], []
        moment = now()
        for name in dict.fromkeys(wanted):
            found = by_name.get(name, [])
            if not found:
                unknown.append(name)
            elif len(found) > 1:
                ambiguous.append(name)
            else:
                registration = found[0]
                if registration.state != "attended":
                    registration.state = "attended"
                    registration.checked_in_at = moment
                    registration.save()
                marked.append(name)
        audit(actor, "mark_attendance", "event", event_id, {"marked": len(marked)})
    changes.notify("registration")
    return BulkAttendance(marked, unknown, ambiguous)


def close_event(actor: Staff, event_id: int) -> int:
    """After the event: everyone with a place who was not marked present is a no-show."""
    require(actor, "event.manage")
    with transaction(lock=True):
        event = _locked_event(event_id)
        if event.state != "open":
            raise ValidationError(translate("Events", "The event is not open."))
        no_shows = (
            Registration.update(state="no_show", closed_at=now())
            .where(
                Registration.event == event.id,
                Registration.state.in_(["confirmed", "offered"]),
            )
            .execute()
        )
        Registration.update(state="expired", closed_at=now()).where(
            Registration.event == event.id, Registration.state.in_(["waitlisted", "pending"])
        ).execute()
        event.state = "closed"
        event.updated_at = now()
        event.save()
        audit(actor, "close", "event", event.id, {"no_shows": no_shows})
    changes.notify("event")
    return no_shows


@hands_people
def cancel_event(actor: Staff, event_id: int, *, reason: str) -> list[Person]:
    """Call the event off; returns the people to notify (everyone who held or awaited a place)."""
    require(actor, "event.manage")
    try:
        clean = normalize_text(reason, field="reason", max_length=500, required=True)
    except ValidationError as exc:
        raise ValidationError(
            translate("Events", "Give the reason for cancelling."), field="reason"
        ) from exc
    with transaction(lock=True):
        event = _locked_event(event_id)
        if event.state != "open":
            raise ValidationError(translate("Events", "The event is not open."))
        notify = people_to_notify(event.id)
        Registration.update(
            state="cancelled", closed_at=now(), closed_by=actor, reason=clean
        ).where(
            Registration.event == event.id, Registration.state.in_(list(ACTIVE_STATES))
        ).execute()
        event.state = "cancelled"
        event.cancel_reason = clean
        event.updated_at = now()
        event.save()
        audit(actor, "cancel", "event", event.id, {"reason": clean, "notified": len(notify)})
    changes.notify("event")
    return notify


def event_history_counts(event_id: int) -> dict[str, int]:
    """The event's registrations (of any state, cancelled ones too); its quotas go with it."""
    return history.references(Event, event_id, owned=(EventQuota,))


def delete_event(actor: Staff, event_id: int) -> None:
    """Delete an event set up by mistake; one anybody ever registered for is cancelled instead."""
    require(actor, "event.delete")
    with transaction(lock=True):
        event = _locked_event(event_id)
        found = event_history_counts(event.id)
        if found:
            raise history.refuse(
                translate(
                    "Events",
                    "“{title}” has history ({history}), so it cannot be deleted; cancel it "
                    "instead.",
                ),
                found,
                title=event.title,
            )
        snapshot = {
            "title": event.title,
            "series": event.series_id,
            "size": event.size,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "venue": event.venue,
            "capacity": event.capacity,
            "state": event.state,
            "quotas": [q.name for q in EventQuota.select().where(EventQuota.event == event.id)],
        }
        EventQuota.delete().where(EventQuota.event == event.id).execute()
        event.delete_instance()
        audit(actor, "delete", "event", event_id, snapshot)
    changes.notify("event")


def people_to_notify(event_id: int) -> list[Person]:
    return [
        r.person
        for r in Registration.select(Registration, Person, Organization)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Registration.event == event_id, Registration.state.in_(list(ACTIVE_STATES)))
        .order_by(Registration.id)
    ]


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


# --- calendar and coverage ----------------------------------------------------------------------


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


# --- exports and statistics ---------------------------------------------------------------------


def export_roster(actor: Staff, event_id: int, path: Path) -> int:
    """The roster and the waitlist as an Excel workbook (two sheets)."""
    require(actor, "event.read")
    from openpyxl import Workbook

    from stationapp.services.people import exported_phone, gender_label

    event = get_event(actor, event_id)
    rows = roster(actor, event_id)
    workbook = Workbook()
    places = workbook.active
    places.title = translate("Events", "Roster")
    waitlist = workbook.create_sheet(translate("Events", "Waitlist"))
    header = [
        translate("Events", "No."),
        translate("Events", "Name"),
        translate("Events", "Gender"),
        translate("Events", "Phone"),
        translate("Events", "Workplace"),
        translate("Events", "State"),
    ]
    places.append(xlsx_row(places, [event.title]))
    waitlist.append(xlsx_row(waitlist, [event.title]))
    places.append(header)
    waitlist.append(header)
    counted = waiting = 0
    for row in rows:
        person = row.person
        values = [
            person.name,
            gender_label(person.gender),
            exported_phone(actor, person.phone),
            person.workplace.name if person.workplace_id else "",
            state_label(row.state),
        ]
        if row.state in COUNTED_STATES:
            counted += 1
            places.append(xlsx_row(places, [counted, *values]))
        elif row.state == "waitlisted":
            waiting += 1
            waitlist.append(xlsx_row(waitlist, [waiting, *values]))
    with private_output(path) as partial:
        workbook.save(partial)
    with transaction():
        audit(actor, "export", "event", event_id, {"rows": counted + waiting})
    return counted + waiting


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
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to + timedelta(days=1), time.min)
    in_range = (Event.starts_at >= start) & (Event.starts_at < end)
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
