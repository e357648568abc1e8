"""A person's membership as a history: joined (入会), transferred in (转入), transferred out
(转出), left (退会). ``Person.is_member`` and ``Person.joined_on`` follow from it, written in the
same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee
from peewee import Value, fn

from stationapp.db import now
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.members import (
    MEMBERSHIP_ENDS,
    MEMBERSHIP_KINDS,
    MEMBERSHIP_STARTS,
    MembershipEvent,
)
from stationapp.models.people import Organization, Person
from stationapp.services.accounts import audit, require
from stationapp.services.members._common import (
    checked_day,
    locked_person,
    save_register_fields,
    translate,
)
from stationapp.services.people.masking import hands_people
from stationapp.services.validation import normalize_text
from stationapp.services.writes import writing


@dataclass(frozen=True)
class MembershipInput:
    kind: str  # MEMBERSHIP_KINDS
    on: date | None = None  # None: today
    organization_id: int | None = None  # the workplace union; None: the station's union
    union_name: str = ""  # the union transferred from or to (outside the register)
    reason: str = ""  # why the person left


@hands_people
def membership_history(actor: Staff, person_id: int) -> list[MembershipEvent]:
    """The person's membership, oldest first (an entry of unknown date first of all)."""
    require(actor, "member.read")
    return list(
        MembershipEvent.select(MembershipEvent, Organization)
        .join(
            Organization,
            on=(MembershipEvent.organization == Organization.id),
            join_type=peewee.JOIN.LEFT_OUTER,
        )
        .where(MembershipEvent.person == person_id)
        .order_by(MembershipEvent.on.asc(nulls="first"), MembershipEvent.recorded_at)
    )


def _last(person_id: int) -> MembershipEvent | None:
    return (
        MembershipEvent.select()
        .where(MembershipEvent.person == person_id)
        .order_by(MembershipEvent.on.desc(nulls="last"), MembershipEvent.recorded_at.desc())
        .first()
    )


def _validate(data: MembershipInput, person: Person) -> dict[str, object]:
    if data.kind not in MEMBERSHIP_KINDS:
        raise ValidationError(translate("Members", "Choose what happened."), field="kind")
    last = _last(person.id)
    on = checked_day(data.on, "on", not_before=last.on if last is not None else None)
    if data.kind in MEMBERSHIP_STARTS and person.is_member:
        raise ValidationError(
            translate("Members", "{name} is already a member.").format(name=person.name),
            field="kind",
        )
    if data.kind in MEMBERSHIP_ENDS and not person.is_member:
        raise ValidationError(
            translate("Members", "{name} is not a member.").format(name=person.name),
            field="kind",
        )
    union_name = normalize_text(data.union_name, field="union_name", max_length=100)
    if data.kind in ("transferred_in", "transferred_out") and not (
        union_name or data.organization_id
    ):
        field = "union_name"
        if data.kind == "transferred_in":
            message = translate("Members", "Say which union the person comes from.")
        else:
            message = translate("Members", "Say which union the person goes to.")
        raise ValidationError(message, field=field)
    if data.organization_id is not None and not Organization.get_or_none(
        Organization.id == data.organization_id
    ):
        raise NotFound(translate("Members", "This workplace is no longer on file."))
    reason = normalize_text(data.reason, field="reason", max_length=200)
    if data.kind == "left" and not reason:
        raise ValidationError(
            translate("Members", "Say why the person leaves the union."), field="reason"
        )
    return {
        "kind": data.kind,
        "on": on,
        "organization": data.organization_id,
        "union_name": union_name,
        "reason": reason,
    }


def record_membership(actor: Staff, person_id: int, data: MembershipInput) -> MembershipEvent:
    """One step of the person's membership; the register's member flag and join date follow."""
    with writing(actor, "member.update", notify="person", lock=True):
        person = locked_person(person_id)
        values = _validate(data, person)
        event = MembershipEvent.create(person=person.id, staff=actor.id, **values)
        if data.kind in MEMBERSHIP_STARTS:
            save_register_fields(person, is_member=True, joined_on=values["on"])
        else:
            save_register_fields(person, is_member=False)
        audit(
            actor,
            f"member_{data.kind}",
            "person",
            person.id,
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items() if v},
        )
    return event


def follow_register(staff: Staff, person: Person, *, was_member: bool, joined_on: date | None):
    """The history after the register's member box or join date changed (inside the register's
    transaction): ticked, a "joined" entry on the join date given (unknown if none); unticked, a
    "left" entry today; a join date corrected, the latest "joined" entry's date with it."""
    if person.is_member and not was_member:
        MembershipEvent.create(person=person.id, kind="joined", on=person.joined_on, staff=staff.id)
    elif was_member and not person.is_member:
        last = _last(person.id)
        on = checked_day(None, "is_member")
        if last is not None and last.on is not None and last.on > on:
            on = last.on
        MembershipEvent.create(
            person=person.id,
            kind="left",
            on=on,
            reason=translate("Members", "Unticked in the register"),
            staff=staff.id,
        )
    elif person.is_member and person.joined_on != joined_on:
        start = (
            MembershipEvent.select()
            .where(
                MembershipEvent.person == person.id,
                MembershipEvent.kind.in_(MEMBERSHIP_STARTS),
            )
            .order_by(MembershipEvent.recorded_at.desc())
            .first()
        )
        if start is None:
            MembershipEvent.create(
                person=person.id, kind="joined", on=person.joined_on, staff=staff.id
            )
        else:
            MembershipEvent.update(on=person.joined_on).where(
                MembershipEvent.id == start.id
            ).execute()


def follow_import(staff: Staff, since: datetime) -> None:
    """The history after a roster import (inside its transaction), set-based: each member the
    import touched (changed since ``since``) with no membership entry gets a "joined" entry on
    the join date given (unknown if none); the card numbers it brought are issued cards (of
    unknown date) for those with no current card."""
    from stationapp.models.members import LIVE_CARD_STATES, MemberCard

    touched = Person.updated_at >= since
    moment = now()
    no_history = ~fn.EXISTS(
        MembershipEvent.select(MembershipEvent.id).where(MembershipEvent.person == Person.id)
    )
    MembershipEvent.insert_from(
        Person.select(
            Person.id,
            Value("joined"),
            Person.joined_on,
            Value(""),
            Value(""),
            Value(staff.id),
            Value(moment),
        ).where(touched, Person.is_member == True, no_history),  # noqa: E712
        [
            MembershipEvent.person,
            MembershipEvent.kind,
            MembershipEvent.on,
            MembershipEvent.union_name,
            MembershipEvent.reason,
            MembershipEvent.staff,
            MembershipEvent.recorded_at,
        ],
    ).execute()
    card = MemberCard.alias()
    no_live_card = ~fn.EXISTS(
        card.select(card.id).where(card.person == Person.id, card.state.in_(LIVE_CARD_STATES))
    )
    number_unused = ~fn.EXISTS(card.select(card.id).where(card.number == Person.member_card))
    MemberCard.insert_from(
        Person.select(
            Person.id,
            Value("issued"),
            Person.member_card,
            Value(""),
            Value(""),
            Value(staff.id),
            Value(moment),
            Value(moment),
        ).where(touched, Person.member_card != "", no_live_card, number_unused),
        [
            MemberCard.person,
            MemberCard.state,
            MemberCard.number,
            MemberCard.materials,
            MemberCard.reason,
            MemberCard.staff,
            MemberCard.created_at,
            MemberCard.updated_at,
        ],
    ).execute()
