"""Registration and the waitlist: registering, cancelling, offers, priority."""

from __future__ import annotations

from datetime import timedelta

from stationapp.db import now, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.events import ACTIVE_STATES, Event, EventSeries, Registration
from stationapp.models.people import Person
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.events._common import (
    _locked_event,
    _required_reason,
    event_state_label,
    state_label,
    translate,
)
from stationapp.services.events.eligibility import (
    EventFull,
    NotEligible,
    _counted,
    eligibility_problem,
    free_places,
)
from stationapp.services.people import hands_people
from stationapp.services.validation import normalize_text
from stationapp.services.writes import writing


@hands_people
def register(
    actor: Staff, event_id: int, person_id: int, *, waitlist_if_full: bool = False
) -> Registration:
    """Register at the desk: confirmed when there is a place, else waitlisted when asked.

    Refusals say exactly why (NotEligible: which rule; EventFull: no place; a limit reached).
    """
    with writing(actor, "event.register", notify="registration", lock=True):
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


def _locked_registration(registration_id: int) -> tuple[Event | None, Registration | None]:
    """The registration read again once its event is locked, with the event (None and None when
    there is no such registration)."""
    found = Registration.get_or_none(Registration.id == registration_id)
    if found is None:
        return None, None
    event = _locked_event(found.event_id)
    return event, Registration.get_or_none(Registration.id == registration_id)


@hands_people
def cancel_registration(
    actor: Staff, registration_id: int, *, reason: str = ""
) -> list[Registration]:
    """Cancel; a freed place goes to the waitlist in the same transaction. Returns the promoted."""
    with writing(actor, "event.register", notify="registration", lock=True):
        clean = normalize_text(reason, field="reason", max_length=500)
        event, registration = _locked_registration(registration_id)
        if registration is None:
            raise NotFound(translate("Events", "This registration no longer exists."))
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
    return promoted


@hands_people
def accept_offer(actor: Staff, registration_id: int) -> Registration:
    with writing(actor, "event.register", notify="registration", lock=True):
        _event, registration = _locked_registration(registration_id)
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
    with writing(actor, "event.manage", notify="registration", lock=True):
        clean = _required_reason(
            reason, translate("Events", "Give the reason for changing the order.")
        )
        if not -100 <= priority <= 100:
            raise ValidationError(translate("Events", "Priority is -100 to 100."), field="priority")
        event, registration = _locked_registration(registration_id)
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
    return registration


@hands_people
def person_registrations(actor: Staff, person_id: int) -> list[Registration]:
    require(actor, "event.read")
    return list(
        Registration.select(Registration, Event)
        .join(Event)
        .where(Registration.person == person_id)
        .order_by(Event.starts_at.desc())
    )
