"""Series and events: creating, changing, listing, closing, cancelling, deleting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import peewee

from stationapp.db import contains, excluding, found, found_first, lock_kind, now, transaction
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.events import (
    ACTIVE_STATES,
    MODES,
    SIZES,
    Event,
    EventQuota,
    EventSeries,
    Registration,
)
from stationapp.models.people import Organization, Person
from stationapp.models.rooms import Room, RoomBooking
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.events._common import _locked_event, _required_reason, translate
from stationapp.services.events.eligibility import _counted, _matches
from stationapp.services.events.registration import _promote
from stationapp.services.people import hands_people
from stationapp.services.rooms import room_transaction
from stationapp.services.rooms.links import _follow_hold, _holding, _release_hold
from stationapp.services.validation import clean_texts, no_longer_on_file, normalize_text
from stationapp.services.writes import writing

MAX_CAPACITY = 10000
ACTIVITY_ROOM = "activity"


def list_series(actor: Staff) -> list[EventSeries]:
    require(actor, "event.read")
    return list(EventSeries.select().order_by(EventSeries.name))


def save_series(
    actor: Staff, *, name: str, max_per_person: int | None, series_id: int | None = None
) -> EventSeries:
    with writing(actor, "event.manage", notify="event", lock=True):
        clean = normalize_text(name, field="series", max_length=100, required=True)
        if max_per_person is not None and not 1 <= max_per_person <= 100:
            raise ValidationError(
                translate("Events", "The limit per person must be 1 to 100."),
                field="max_per_person",
            )
        lock_kind("series")  # PostgreSQL: the name check holds until the commit
        if excluding(EventSeries.select().where(EventSeries.name == clean), series_id).exists():
            raise ValidationError(
                translate("Events", "A series with this name exists."), field="series"
            )
        if series_id is None:
            series = EventSeries.create(name=clean, max_per_person=max_per_person)
        else:
            series = found(
                EventSeries, series_id, translate("Events", "This series no longer exists.")
            )
            series.name = clean
            series.max_per_person = max_per_person
            series.save()
        audit(actor, "save", "event_series", series.id, {"name": clean})
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
    room_id: int | None = None  # the activity room booked for the event; None: the venue text


def _validate_event(data: EventInput) -> tuple[dict[str, object], list[dict[str, object]]]:
    fields = (("title", 200, True), ("venue", 200, False), ("description", 4000, False))
    values, errors = clean_texts(data, fields)
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
    if no_longer_on_file(EventSeries, data.series_id):
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
        elif no_longer_on_file(Organization, quota.workplace_id):
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
    raise_field_errors(errors)
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


def _room_venue(data: EventInput, values: dict[str, object]) -> None:
    """An event in a room of the station is held there: the room's name is its venue."""
    if data.room_id is not None:
        room = Room.get_or_none(Room.id == data.room_id)
        if room is not None:
            values["venue"] = room.name


def _book_room(actor: Staff, event_id: int, data: EventInput) -> None:
    """The event's room booked, moved with its time, or cancelled for no room."""
    _follow_hold(
        actor, data.room_id, data.starts_at, data.ends_at, kind=ACTIVITY_ROOM, event_id=event_id
    )


def event_booking(event_id: int) -> RoomBooking | None:
    """The booking that holds a room for the event, if any (the event dialog shows the room)."""
    return _holding(event_id=event_id)


def create_event(actor: Staff, data: EventInput) -> Event:
    """Set up an event; with a room, its slots from the start to the end are booked (the room
    taken, closed or outside its hours refused at ``room``)."""
    values, quotas = _checked_event(actor, data)
    with _at_room_field(), room_transaction():
        moment = now()
        event = Event.create(**values, created_by=actor, created_at=moment, updated_at=moment)
        for quota in quotas:
            EventQuota.create(event=event, **quota)
        _book_room(actor, event.id, data)
        audit(actor, "create", "event", event.id, {"title": values["title"], "room": data.room_id})
    changes.notify("event")
    if data.room_id is not None:
        changes.notify("room_booking")
    return event


def _checked_event(
    actor: Staff, data: EventInput
) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The permissions an event's form needs (booking its room too) and its clean values."""
    require(actor, "event.manage")
    if data.room_id is not None:
        require(actor, "room.book")
    values, quotas = _validate_event(data)
    _room_venue(data, values)
    return values, quotas


@contextmanager
def _at_room_field() -> Iterator[None]:
    """A refusal of the room's booking is shown at the dialog's Room field."""
    try:
        yield
    except ValidationError as exc:
        if exc.field in ("starts_at", "slots", "state"):
            raise type(exc)(exc.message, field="room") from exc
        raise


def update_event(actor: Staff, event_id: int, data: EventInput) -> Event:
    """Change an event; a capacity below the places already taken is refused."""
    values, quotas = _checked_event(actor, data)
    with _at_room_field(), room_transaction():
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
        if event.state == "open":
            _book_room(actor, event.id, data)
        audit(actor, "update", "event", event.id, {"title": values["title"], "room": data.room_id})
    changes.notify("event")
    changes.notify("room_booking")
    return event


def get_event(actor: Staff, event_id: int) -> Event:
    require(actor, "event.read")
    return found_first(
        Event.select(Event, EventSeries)
        .join(EventSeries, peewee.JOIN.LEFT_OUTER)
        .where(Event.id == event_id),
        translate("Events", "This event no longer exists."),
    )


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


def close_event(actor: Staff, event_id: int) -> int:
    """After the event: everyone with a place who was not marked present is a no-show."""
    with writing(actor, "event.manage", notify="event", lock=True):
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
    return no_shows


@hands_people
def cancel_event(actor: Staff, event_id: int, *, reason: str) -> list[Person]:
    """Call the event off; returns the people to notify (everyone who held or awaited a place)."""
    require(actor, "event.manage")
    clean = _required_reason(reason, translate("Events", "Give the reason for cancelling."))
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
        _release_hold(actor, _holding(event_id=event.id))
        event.state = "cancelled"
        event.cancel_reason = clean
        event.updated_at = now()
        event.save()
        audit(actor, "cancel", "event", event.id, {"reason": clean, "notified": len(notify)})
    changes.notify("event")
    changes.notify("room_booking")
    return notify


def event_history_counts(event_id: int) -> dict[str, int]:
    """The event's registrations (of any state, cancelled ones too); its quotas go with it."""
    return history.references(Event, event_id, owned=(EventQuota,))


def delete_event(actor: Staff, event_id: int) -> None:
    """Delete an event set up by mistake; one anybody ever registered for is cancelled instead."""
    with writing(actor, "event.delete", notify="event", lock=True):
        event = _locked_event(event_id)
        history.refuse_if_referenced(
            event_history_counts(event.id),
            translate(
                "Events",
                "“{title}” has history ({history}), so it cannot be deleted; cancel it instead.",
            ),
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


def people_to_notify(event_id: int) -> list[Person]:
    return [
        r.person
        for r in Registration.select(Registration, Person, Organization)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Registration.event == event_id, Registration.state.in_(list(ACTIVE_STATES)))
        .order_by(Registration.id)
    ]
