"""The 京卡·互助服务卡's life: applied for (materials, the visit it came from), issued (its number
checked as the register checks it), reported lost, replaced by a new card (the old one kept),
cancelled. A person has at most one live card: the person's row is locked, the live cards
recounted, then the write (DESIGN.md rule 3); the partial unique index ``member_card_one_live``
is the backstop. ``Person.member_card`` is the issued card's number, in step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import peewee

from stationapp.db import now, today, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.members import LIVE_CARD_STATES, MemberCard
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.members._common import (
    checked_day,
    locked_person,
    ready_to_write,
    save_register_fields,
    translate,
)
from stationapp.services.people.masking import hands_people
from stationapp.services.validation import normalize_card_number, normalize_text
from stationapp.services.writes import writing

# A visit this recent about the card is offered as the application's origin.
VISIT_DAYS = 90


@dataclass(frozen=True)
class WaitingCard:
    card_id: int
    person_id: int
    person_name: str
    phone: str
    applied_on: date
    days_waiting: int
    materials: list[str]


def card_service() -> ServiceType | None:
    """The catalogue's service for a new 京卡 (its name says 京卡; the lost-card service needs a
    card already, so it is not this one)."""
    for service in (
        ServiceType.select()
        .where(ServiceType.name.contains("京卡"), ServiceType.active == True)  # noqa: E712
        .order_by(ServiceType.position, ServiceType.id)
    ):
        if "member_card" not in (service.eligibility or []):
            return service
    return None


def card_materials() -> list[str]:
    """The materials of the card's one-time notice, for the application's checklist."""
    service = card_service()
    if service is None:
        return []
    return [str(m.get("name", "")) for m in service.materials or [] if m.get("name")]


@hands_people
def card_visits(actor: Staff, person_id: int) -> list[Visit]:
    """The person's recent visits about the card, newest first: where an application came from."""
    require(actor, "member.read")
    service = card_service()
    if service is None:
        return []
    since = now() - timedelta(days=VISIT_DAYS)
    return list(
        Visit.select()
        .join(VisitPurpose, on=(VisitPurpose.visit == Visit.id))
        .where(
            Visit.person == person_id,
            VisitPurpose.service == service.id,
            Visit.arrived_at >= since,
        )
        .order_by(Visit.arrived_at.desc())
        .limit(10)
    )


@dataclass(frozen=True)
class CardOffer:
    """A 京卡 application to offer after a visit: who, the visit, the materials they brought."""

    person_id: int
    name: str
    visit_id: int
    brought: list[str]


def card_offer(actor: Staff, visit_id: int) -> CardOffer | None:
    """What to offer once a visit is saved: an application, when the visit was about the card
    (the catalogue's 京卡 service among its purposes) and the visitor is a member with no live
    card; None when there is nothing to offer (no visitor on file, not a member, a card or an
    application already)."""
    require(actor, "member.update")
    service = card_service()
    visit = Visit.get_or_none(Visit.id == visit_id)
    if service is None or visit is None or visit.person_id is None:
        return None
    purpose = VisitPurpose.get_or_none(
        VisitPurpose.visit == visit.id, VisitPurpose.service == service.id
    )
    person = Person.get_or_none(Person.id == visit.person_id, Person.active == True)  # noqa: E712
    if purpose is None or person is None or not person.is_member or _live(person.id):
        return None
    return CardOffer(person.id, person.name, visit.id, list(purpose.materials_brought or []))


@hands_people
def cards_of_person(actor: Staff, person_id: int) -> list[MemberCard]:
    """Every card of the person, the current one first, then the older ones newest first."""
    require(actor, "member.read")
    live = peewee.Case(None, [(MemberCard.state.in_(LIVE_CARD_STATES), 0)], 1)
    return list(
        MemberCard.select()
        .where(MemberCard.person == person_id)
        .order_by(live, MemberCard.id.desc())
    )


@hands_people
def current_card(actor: Staff, person_id: int) -> MemberCard | None:
    require(actor, "member.read")
    return _live(person_id)


def _live(person_id: int) -> MemberCard | None:
    return (
        MemberCard.select()
        .where(MemberCard.person == person_id, MemberCard.state.in_(LIVE_CARD_STATES))
        .first()
    )


@hands_people
def find_card(actor: Staff, number: str) -> MemberCard | None:
    """The card with this number, live or not (an old number finds the card it was)."""
    require(actor, "member.read")
    try:
        number = normalize_card_number(number)
    except ValidationError as error:
        raise ValidationError(error.message, field="number") from None
    if not number:
        return None
    return (
        MemberCard.select(MemberCard, Person)
        .join(Person)
        .where(MemberCard.number == number)
        .first()
    )


def _waiting_query() -> peewee.ModelSelect:
    return MemberCard.select().where(MemberCard.state == "applied")


def count_waiting(actor: Staff) -> int:
    require(actor, "member.read")
    return _waiting_query().count()


def waiting_cards(actor: Staff, *, offset: int = 0, limit: int = 100) -> list[WaitingCard]:
    """Applications waiting for their card, oldest first, with the days waited."""
    require(actor, "member.read")
    day = today()
    rows = (
        MemberCard.select(MemberCard, Person.id, Person.name, Person.phone)
        .join(Person)
        .where(MemberCard.state == "applied")
        .order_by(MemberCard.applied_on, MemberCard.id)
        .offset(offset)
        .limit(limit)
    )
    from stationapp.services.people.masking import exported_phone

    return [
        WaitingCard(
            card_id=c.id,
            person_id=c.person.id,
            person_name=c.person.name,
            phone=exported_phone(actor, c.person.phone),
            applied_on=c.applied_on,
            days_waiting=(day - c.applied_on).days,
            materials=[m for m in c.materials.splitlines() if m],
        )
        for c in rows
    ]


def _refuse_live(person: Person, field: str) -> None:
    live = _live(person.id)
    if live is None:
        return
    if live.state == "applied":
        message = translate("Members", "{name} has applied already and waits for the card.")
    else:
        message = translate(
            "Members", "{name} has a card already: report it lost and replace it, or cancel it."
        )
    raise ValidationError(message.format(name=person.name), field=field)


def _checked_number(raw: str, *, person: Person) -> str:
    number = normalize_card_number(raw)  # field "member_card"
    if not number:
        raise ValidationError(translate("Members", "Scan or type the card number."), field="number")
    taken = MemberCard.get_or_none(MemberCard.number == number)
    holder = Person.get_or_none(Person.member_card == number, Person.id != person.id)
    if taken is not None or holder is not None:
        raise ValidationError(
            translate("Members", "This card number is on file already."), field="number"
        )
    return number


def _number(raw: str, person: Person) -> str:
    try:
        return _checked_number(raw, person=person)
    except ValidationError as error:
        if error.field == "member_card":
            raise ValidationError(error.message, field="number") from None
        raise


def _member(person: Person, field: str) -> None:
    if not person.is_member:
        raise ValidationError(
            translate(
                "Members",
                "{name} is not a member: the card needs membership first (record it joining).",
            ).format(name=person.name),
            field=field,
        )


def apply_for_card(
    actor: Staff,
    person_id: int,
    *,
    applied_on: date | None = None,
    materials: list[str] | tuple[str, ...] = (),
    visit_id: int | None = None,
) -> MemberCard:
    """An application for a 京卡, waiting for its card."""
    with writing(actor, "member.update", notify="person", lock=True):
        person = locked_person(person_id)
        _member(person, "person")
        _refuse_live(person, "person")
        day = checked_day(applied_on, "applied_on")
        if visit_id is not None and not Visit.get_or_none(
            Visit.id == visit_id, Visit.person == person.id
        ):
            raise ValidationError(
                translate("Members", "This visit is not the person's."), field="visit"
            )
        kept = [t for m in materials if (t := normalize_text(m, field="materials", max_length=100))]
        card = MemberCard.create(
            person=person.id,
            state="applied",
            applied_on=day,
            materials="\n".join(kept),
            visit=visit_id,
            staff=actor.id,
        )
        audit(
            actor,
            "card_apply",
            "person",
            person.id,
            {"applied_on": day.isoformat(), "materials": kept, "visit": visit_id},
        )
    return card


def _locked_card(card_id: int) -> tuple[MemberCard, Person]:
    card = MemberCard.get_or_none(MemberCard.id == card_id)
    if card is None:
        raise NotFound(translate("Members", "This card is no longer on file."))
    person = locked_person(card.person_id)
    return MemberCard.get_by_id(card_id), person


KEEP = object()  # a step that leaves the register's card number as it is
Step = Callable[[MemberCard | None, Person], tuple[MemberCard, object, dict]]


def _write_card(
    actor: Staff, action: str, step: Step, *, card_id: int = 0, person_id: int = 0
) -> MemberCard:
    """One write of a card's life: the permission, the person's row locked (then the card
    recounted by ``step``), the register's card number and the audit entry in the same
    transaction. ``step`` returns the card, the register's new number (or KEEP) and the
    audit's details."""
    require(actor, "member.update")
    ready_to_write()
    with transaction(lock=True):
        if card_id:
            card, person = _locked_card(card_id)
        else:
            card, person = None, locked_person(person_id)
        result, register, details = step(card, person)
        if register is not KEEP:
            save_register_fields(person, member_card=register)
        audit(actor, action, "person", person.id, details)
    changes.notify("person")
    return result


def _refuse_state(card: MemberCard, states: tuple[str, ...], message: str, field: str) -> None:
    if card.state not in states:
        raise ValidationError(message.format(state=_state(card.state)), field=field)


def issue_card(
    actor: Staff, card_id: int, number: str, *, issued_on: date | None = None
) -> MemberCard:
    """The card of a waiting application is here: its number (checked), the day."""

    def step(card: MemberCard, person: Person) -> tuple[MemberCard, object, dict]:
        message = translate("Members", "This card is not waiting: it is {state}.")
        _refuse_state(card, ("applied",), message, "number")
        checked = _number(number, person)
        day = checked_day(issued_on, "issued_on", not_before=card.applied_on)
        _set(card, state="issued", number=checked, issued_on=day)
        return card, checked, {"member_card": checked}

    return _write_card(actor, "card_issue", step, card_id=card_id)


def issue_card_directly(
    actor: Staff, person_id: int, number: str, *, issued_on: date | None = None
) -> MemberCard:
    """A card the person already holds, recorded with no application on file."""

    def step(_card: None, person: Person) -> tuple[MemberCard, object, dict]:
        _member(person, "number")
        _refuse_live(person, "number")
        checked = _number(number, person)
        day = checked_day(issued_on, "issued_on")
        card = MemberCard.create(
            person=person.id, state="issued", number=checked, issued_on=day, staff=actor.id
        )
        return card, checked, {"member_card": checked}

    return _write_card(actor, "card_issue", step, person_id=person_id)


def report_card_lost(actor: Staff, card_id: int, *, lost_on: date | None = None) -> MemberCard:
    """The card is lost: it stays the person's current card until replaced, but no longer
    identifies them (the register's card number is emptied)."""

    def step(card: MemberCard, _person: Person) -> tuple[MemberCard, object, dict]:
        message = translate("Members", "Only an issued card can be reported lost.")
        _refuse_state(card, ("issued",), message, "card")
        day = checked_day(lost_on, "lost_on", not_before=card.issued_on)
        _set(card, state="lost", lost_on=day)
        return card, "", {"member_card": card.number}

    return _write_card(actor, "card_lost", step, card_id=card_id)


def replace_card(
    actor: Staff, card_id: int, number: str, *, issued_on: date | None = None
) -> MemberCard:
    """A new card for a lost (or damaged) one: the old card is kept as replaced."""

    def step(card: MemberCard, person: Person) -> tuple[MemberCard, object, dict]:
        message = translate("Members", "Only an issued or lost card can be replaced.")
        _refuse_state(card, ("issued", "lost"), message, "card")
        checked = _number(number, person)
        day = checked_day(issued_on, "issued_on", not_before=card.lost_on or card.issued_on)
        _set(card, state="replaced", ended_on=day)
        new = MemberCard.create(
            person=person.id,
            state="issued",
            number=checked,
            issued_on=day,
            replaces=card.id,
            staff=actor.id,
        )
        return new, checked, {"member_card": [card.number, checked]}

    return _write_card(actor, "card_replace", step, card_id=card_id)


def cancel_card(actor: Staff, card_id: int, *, reason: str, on: date | None = None) -> MemberCard:
    """The card (or the application) ends: the person gave it up or left the union."""
    reason = normalize_text(reason, field="reason", max_length=200)

    def step(card: MemberCard, person: Person) -> tuple[MemberCard, object, dict]:
        if not reason:
            message = translate("Members", "Say why the card is cancelled.")
            raise ValidationError(message, field="reason")
        message = translate("Members", "This card has ended already.")
        _refuse_state(card, LIVE_CARD_STATES, message, "card")
        _set(card, state="cancelled", ended_on=checked_day(on, "on"), reason=reason)
        register = "" if card.number and person.member_card == card.number else KEEP
        return card, register, {"member_card": card.number, "reason": reason}

    return _write_card(actor, "card_cancel", step, card_id=card_id)


def _set(card: MemberCard, **values: object) -> None:
    for key, value in values.items():
        setattr(card, key, value)
    card.updated_at = now()
    card.save()


def _state(state: str) -> str:
    from stationapp.services.members._common import card_state_label

    return card_state_label(state)


def follow_register(staff: Staff, person: Person, *, card_before: str) -> None:
    """The card records after the register's card number changed (inside the register's
    transaction): a new number is an issued card (replacing the live one), an emptied one
    cancels it."""
    number = person.member_card
    if number == card_before:
        return
    if number and MemberCard.get_or_none(MemberCard.number == number) is not None:
        raise ValidationError(
            translate("Members", "This card number is on file already."), field="member_card"
        )
    live = _live(person.id)
    day = today()
    if number and live is not None and live.state == "applied":
        _set(live, state="issued", number=number, issued_on=max(day, live.applied_on))
        return
    if live is not None:
        if number:
            _set(live, state="replaced", ended_on=day)
        else:
            _set(
                live,
                state="cancelled",
                ended_on=day,
                reason=translate("Members", "Emptied in the register"),
            )
    if number:
        MemberCard.create(
            person=person.id,
            state="issued",
            number=number,
            issued_on=day,
            replaces=live.id if live is not None else None,
            staff=staff.id,
        )


def settle_merge(keep_id: int, other_id: int, *, card: str) -> None:
    """Two records of one person are merged (inside the merge's transaction, before the other's
    records move): of their current cards only one stays, the one with the number kept in the
    register (else the kept record's); the others end as cancelled."""
    live = list(
        MemberCard.select()
        .where(MemberCard.person.in_([keep_id, other_id]), MemberCard.state.in_(LIVE_CARD_STATES))
        .order_by(MemberCard.id)
    )
    if len(live) < 2:
        return
    survivor = next((c for c in live if card and c.number == card), None)
    survivor = survivor or next((c for c in live if c.person_id == keep_id), live[0])
    for ended in live:
        if ended.id != survivor.id:
            reason = translate("Members", "Two records of one person merged")
            _set(ended, state="cancelled", ended_on=today(), reason=reason)
