"""A round's recipients: chosen by rule (hardship file, workplaces, birthdays in a month) or by
hand, at most once per round; the delivery to each, and its undoing; birthday greetings.

Adding recipients is a decision against the budget: the round's row is locked, the recipients
counted, and the addition refused with the figures when it would take the round past its budget
(the station head raises the budget to let it grow; see ``rounds.update_round``). The unique
index on (round, person) is the backstop of "once per round".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite, now, today
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.models.welfare import WelfareRecipient, WelfareRound
from stationapp.services import history
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.people import mask_phone
from stationapp.services.search_keys import normalize_search
from stationapp.services.validation import normalize_text
from stationapp.services.welfare.rounds import _gone, per_person
from stationapp.services.writes import writing

translate = QCoreApplication.translate

RULES: tuple[str, ...] = ("hardship", "workplace", "birthday")
MAX_COLLECTOR = 50
MAX_RELATION = 30


@dataclass(frozen=True)
class Added:
    added: int
    skipped: int  # already on the round's list


@dataclass(frozen=True)
class RecipientView:
    """A recipient as the acting role may see them: ``source`` is "rule" in place of "hardship"
    for a role without ``hardship.read``."""

    id: int
    round_id: int
    person_id: int
    name: str
    workplace: str
    phone: str  # masked
    source: str
    delivered_at: datetime | None
    delivered_by: str
    collected_by: str
    collected_relation: str


def born_in_month(month: int) -> peewee.Expression:
    column = Person.birth_date
    if is_sqlite():
        return peewee.fn.strftime("%m", column) == f"{month:02d}"
    return peewee.fn.date_part("month", column) == month


def _candidates(
    actor: Staff, r: WelfareRound, rule: str, workplace_ids: Iterable[int], month: int | None
) -> peewee.ModelSelect:
    living = (Person.active == True, Person.merged_into.is_null())  # noqa: E712
    if rule == "hardship":
        # Chosen by a sensitive file: only the roles that may read it (its presence follows the
        # person's consent: withdrawing it empties the file).
        require(actor, "hardship.read")
        return Person.select(Person.id).where(*living, Person.hardship_category != "")
    if rule == "workplace":
        ids = sorted(set(workplace_ids))
        if not ids:
            raise ValidationError(
                translate("Welfare", "Choose at least one workplace."), field="workplaces"
            )
        return Person.select(Person.id).where(
            *living,
            Person.is_member == True,  # noqa: E712
            Person.workplace.in_(ids),
        )
    if rule == "birthday":
        month = month or r.starts_on.month
        if not 1 <= month <= 12:
            raise ValidationError(translate("Welfare", "Choose a month."), field="month")
        return Person.select(Person.id).where(
            *living,
            Person.is_member == True,  # noqa: E712
            Person.birth_date.is_null(False),
            born_in_month(month),
        )
    raise ValidationError(translate("Welfare", "Choose how to find the recipients."), field="rule")


def _check_budget(r: WelfareRound, current: int, adding: int) -> None:
    if r.budget is None or not adding:
        return
    share = per_person(r)
    planned = share * (current + adding)
    if planned > r.budget:
        raise ValidationError(
            translate(
                "Welfare",
                "Over the budget: {adding} more recipient(s) at ¥{share} each would plan "
                "¥{planned} against a budget of ¥{budget} (¥{now} planned so far). Raise the "
                "round's budget to add them.",
            ).format(
                adding=adding,
                share=f"{share:,.2f}",
                planned=f"{planned:,.2f}",
                budget=f"{Decimal(r.budget):,.2f}",
                now=f"{share * current:,.2f}",
            ),
            field="budget",
        )


def _present(round_id: int) -> peewee.ModelSelect:
    return WelfareRecipient.select(WelfareRecipient.person).where(
        WelfareRecipient.round == round_id
    )


def _insert(actor: Staff, r: WelfareRound, ids: list[int], source: str) -> None:
    stamp = now()
    rows = [
        {"round": r.id, "person": pid, "source": source, "added_by": actor.id, "added_at": stamp}
        for pid in ids
    ]
    for start in range(0, len(rows), 500):
        WelfareRecipient.insert_many(rows[start : start + 500]).execute()


def add_by_rule(
    actor: Staff,
    round_id: int,
    rule: str,
    *,
    workplace_ids: Iterable[int] = (),
    month: int | None = None,
) -> Added:
    """Add everyone the rule finds; those already on the list are skipped and counted."""
    with writing(actor, "welfare.manage", notify="welfare", lock=True):
        r = history.locked(WelfareRound, round_id, _gone())
        found = _candidates(actor, r, rule, workplace_ids, month)
        present = {row.person_id for row in _present(r.id)}
        ids = sorted({row.id for row in found} - present)
        skipped = found.where(Person.id.in_(_present(r.id))).count()
        _check_budget(r, len(present), len(ids))
        _insert(actor, r, ids, rule)
        audit(
            actor,
            "add_recipients",
            "welfare_round",
            r.id,
            {"rule": rule, "added": len(ids), "skipped": skipped},
        )
    return Added(len(ids), skipped)


def add_person(actor: Staff, round_id: int, person_id: int) -> Added:
    """Add one person by hand (the person picker); already there: refused, saying so."""
    with writing(actor, "welfare.manage", notify="welfare", lock=True):
        r = history.locked(WelfareRound, round_id, _gone())
        person = Person.get_or_none(Person.id == person_id, Person.active == True)  # noqa: E712
        if person is None:
            raise NotFound(translate("Welfare", "This person is no longer on file."))
        there = WelfareRecipient.get_or_none(
            WelfareRecipient.round == r.id, WelfareRecipient.person == person_id
        )
        if there is not None:
            raise ValidationError(
                translate("Welfare", "{name} is already on this round's list.").format(
                    name=person.name
                ),
                field="person",
            )
        _check_budget(r, _present(r.id).count(), 1)
        _insert(actor, r, [person_id], "hand")
        audit(actor, "add_recipients", "welfare_round", r.id, {"person": person_id})
    return Added(1, 0)


# --- the list -------------------------------------------------------------------------------


def _matching(query: str) -> peewee.Expression | None:
    """People with a search key starting with each word of ``query`` (as the people search:
    name, pinyin, initials, phone's last four)."""
    condition = None
    for word in (query or "").split():
        token = normalize_search(word)
        if not token:
            continue
        key = PersonSearchKey.key
        ids = PersonSearchKey.select(PersonSearchKey.person).where(
            key >= token, key < token + "\U0010ffff"
        )
        part = WelfareRecipient.person.in_(ids)
        condition = part if condition is None else condition & part
    return condition


def _list_query(round_id: int, query: str, undelivered: bool) -> peewee.ModelSelect:
    found = WelfareRecipient.select().where(WelfareRecipient.round == round_id)
    condition = _matching(query)
    if condition is not None:
        found = found.where(condition)
    if undelivered:
        found = found.where(WelfareRecipient.delivered_at.is_null())
    return found


def _views(actor: Staff, query: peewee.ModelSelect) -> list[RecipientView]:
    deliverer = Staff.alias()
    rows = (
        query.select(
            WelfareRecipient,
            Person.id,
            Person.name,
            Person.phone,
            Organization.id,
            Organization.name,
            deliverer.display_name,
        )
        .join_from(WelfareRecipient, Person)
        .join_from(Person, Organization, peewee.JOIN.LEFT_OUTER)
        .join_from(
            WelfareRecipient,
            deliverer,
            peewee.JOIN.LEFT_OUTER,
            on=(WelfareRecipient.delivered_by == deliverer.id),
            attr="deliverer",
        )
    )
    sees_hardship = has_permission(actor, "hardship.read")
    views = []
    for w in rows:
        person = w.person
        workplace = person.workplace.name if person.workplace_id else ""
        source = w.source if sees_hardship or w.source != "hardship" else "rule"
        deliverer_row = getattr(w, "deliverer", None)
        views.append(
            RecipientView(
                id=w.id,
                round_id=w.round_id,
                person_id=person.id,
                name=person.name,
                workplace=workplace,
                phone=mask_phone(person.phone),
                source=source,
                delivered_at=w.delivered_at,
                delivered_by=deliverer_row.display_name
                if w.delivered_by_id and deliverer_row is not None
                else "",
                collected_by=w.collected_by,
                collected_relation=w.collected_relation,
            )
        )
    return views


def list_recipients(
    actor: Staff,
    round_id: int,
    query: str = "",
    *,
    undelivered: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> list[RecipientView]:
    """The round's recipients whose name (pinyin, initials, phone's last four) starts with each
    word of ``query``, by name."""
    require(actor, "welfare.read")
    found = (
        _list_query(round_id, query, undelivered)
        .order_by(Person.name, WelfareRecipient.id)
        .offset(offset)
        .limit(limit)
    )
    return _views(actor, found)


def count_recipients(
    actor: Staff, round_id: int, query: str = "", *, undelivered: bool = False
) -> int:
    require(actor, "welfare.read")
    return _list_query(round_id, query, undelivered).count()


def _view(actor: Staff, recipient_id: int) -> RecipientView:
    return _views(actor, WelfareRecipient.select().where(WelfareRecipient.id == recipient_id))[0]


# --- delivery -------------------------------------------------------------------------------


def _locked_recipient(recipient_id: int) -> WelfareRecipient:
    return history.locked(
        WelfareRecipient,
        recipient_id,
        translate("Welfare", "This recipient is no longer on the round's list."),
    )


def deliver(
    actor: Staff,
    recipient_id: int,
    *,
    collected_by: str = "",
    relation: str = "",
    at: datetime | None = None,
) -> RecipientView:
    """Record the delivery: now (or ``at``), by the actor; to someone else for the recipient
    when ``collected_by`` is given, with their relation to the recipient."""
    with writing(actor, "welfare.deliver", notify="welfare", lock=True):
        errors: dict[str, str] = {}
        try:
            collected_by = normalize_text(
                collected_by, field="collected_by", max_length=MAX_COLLECTOR
            )
        except ValidationError as exc:
            errors["collected_by"] = str(exc)
        try:
            relation = normalize_text(relation, field="relation", max_length=MAX_RELATION)
        except ValidationError as exc:
            errors["relation"] = str(exc)
        if not errors and collected_by and not relation:
            errors["relation"] = translate(
                "Welfare", "Say how the person collecting is related to the recipient."
            )
        if not errors and relation and not collected_by:
            errors["collected_by"] = translate("Welfare", "Give the name of the person collecting.")
        raise_field_errors(errors)
        w = _locked_recipient(recipient_id)
        if w.delivered_at is not None:
            raise ValidationError(
                translate("Welfare", "Already delivered on {day}.").format(
                    day=f"{w.delivered_at:%Y-%m-%d %H:%M}"
                ),
                field="person",
            )
        _mark_delivered(actor, w, at or now(), collected_by, relation)
    return _view(actor, recipient_id)


def _mark_delivered(
    actor: Staff, w: WelfareRecipient, at: datetime, collected_by: str = "", relation: str = ""
) -> None:
    w.delivered_at, w.delivered_by = at, actor
    w.collected_by, w.collected_relation = collected_by, relation
    w.save()
    details = {"round": w.round_id, "person": w.person_id, "collected": bool(collected_by)}
    audit(actor, "deliver", "welfare_recipient", w.id, details)


def undo_delivery(actor: Staff, recipient_id: int) -> RecipientView:
    """Take back a delivery recorded by mistake; the recipient stays on the list."""
    with writing(actor, "welfare.deliver", notify="welfare", lock=True):
        w = _locked_recipient(recipient_id)
        if w.delivered_at is None:
            raise ValidationError(
                translate("Welfare", "Nothing was delivered to this recipient yet."),
                field="person",
            )
        was = w.delivered_at
        w.delivered_at = None
        w.delivered_by = None
        w.collected_by = ""
        w.collected_relation = ""
        w.save()
        audit(
            actor,
            "undo_delivery",
            "welfare_recipient",
            w.id,
            {"round": w.round_id, "person": w.person_id, "was": f"{was:%Y-%m-%d %H:%M}"},
        )
    return _view(actor, recipient_id)


def remove_recipient(actor: Staff, recipient_id: int) -> RecipientView:
    """Take someone added by mistake off the round's list (the line goes; the audit trail
    keeps who was taken off, by whom). A delivered line stays: undo the delivery first."""
    with writing(actor, "welfare.manage", notify="welfare", lock=True):
        w = _locked_recipient(recipient_id)
        if w.delivered_at is not None:
            raise ValidationError(
                translate(
                    "Welfare", "Delivered on {day}: undo the delivery before taking them off."
                ).format(day=f"{w.delivered_at:%Y-%m-%d %H:%M}"),
                field="person",
            )
        view = _view(actor, recipient_id)
        details = {"round": w.round_id, "person": w.person_id, "source": w.source}
        WelfareRecipient.delete().where(WelfareRecipient.id == w.id).execute()
        audit(actor, "remove_recipient", "welfare_recipient", w.id, details)
    return view


# --- birthdays and the seasons on the Today tab ---------------------------------------------


def _birthday_round(on: date) -> WelfareRound | None:
    return (
        WelfareRound.select()
        .where(
            WelfareRound.kind == "birthday",
            WelfareRound.starts_on <= on,
            WelfareRound.ends_on >= on,
        )
        .order_by(WelfareRound.starts_on.desc(), WelfareRound.id.desc())
        .first()
    )


def record_greeting(actor: Staff, person_id: int, *, on: date | None = None) -> RecipientView:
    """A birthday greeting sent (生日送祝福), from the Today tab: delivered in the birthday round
    running ``on``, the person added to it first if need be."""
    with writing(actor, "welfare.deliver", notify="welfare", lock=True):
        on = on or today()
        found = _birthday_round(on)
        if found is None:
            raise ValidationError(
                translate(
                    "Welfare",
                    "No birthday round runs today: create one under Member services, Welfare "
                    "rounds.",
                ),
                field="round",
            )
        r = history.locked(WelfareRound, found.id, _gone())
        w = WelfareRecipient.get_or_none(
            WelfareRecipient.round == r.id, WelfareRecipient.person == person_id
        )
        if w is None:
            require(actor, "welfare.manage")
            if Person.get_or_none(Person.id == person_id) is None:
                raise NotFound(translate("Welfare", "This person is no longer on file."))
            _check_budget(r, _present(r.id).count(), 1)
            _insert(actor, r, [person_id], "birthday")
            w = WelfareRecipient.get(
                WelfareRecipient.round == r.id, WelfareRecipient.person == person_id
            )
        elif w.delivered_at is not None:
            raise ValidationError(
                translate("Welfare", "The greeting was already recorded as sent."), field="person"
            )
        _mark_delivered(actor, w, now())
    return _view(actor, w.id)


def greeted(actor: Staff, person_ids: Iterable[int], *, on: date | None = None) -> set[int]:
    """Those of ``person_ids`` whose greeting in the birthday round running ``on`` is sent."""
    require(actor, "welfare.read")
    ids = list(person_ids)
    found = _birthday_round(on or today())
    if found is None or not ids:
        return set()
    rows = WelfareRecipient.select(WelfareRecipient.person).where(
        WelfareRecipient.round == found.id,
        WelfareRecipient.person.in_(ids),
        WelfareRecipient.delivered_at.is_null(False),
    )
    return {row.person_id for row in rows}


def in_season_rounds(kind: str, starts_on: date, ends_on: date) -> peewee.ModelSelect:
    """Rounds of ``kind`` overlapping the season: what covers a person in it."""
    return WelfareRound.select(WelfareRound.id).where(
        WelfareRound.kind == kind,
        WelfareRound.starts_on <= ends_on,
        WelfareRound.ends_on >= starts_on,
    )


def covered(
    actor: Staff, kind: str, starts_on: date, ends_on: date, *, delivered: bool
) -> peewee.ModelSelect:
    """The people on a round of ``kind`` in the season (delivered to, or still waiting), as a
    subquery of person ids for the Today tab."""
    require(actor, "welfare.read")
    found = WelfareRecipient.select(WelfareRecipient.person).where(
        WelfareRecipient.round.in_(in_season_rounds(kind, starts_on, ends_on))
    )
    if delivered:
        return found.where(WelfareRecipient.delivered_at.is_null(False))
    return found.where(WelfareRecipient.delivered_at.is_null())


# --- what a person received (the person page, the personal-data export) ----------------------


@dataclass(frozen=True)
class Received:
    recipient_id: int
    round_id: int
    round_name: str
    kind: str
    starts_on: date
    ends_on: date
    items: str
    amount: Decimal
    delivered_at: datetime | None
    collected_by: str
    collected_relation: str


def rounds_of_person(actor: Staff, person_id: int, *, limit: int = 200) -> list[Received]:
    require(actor, "welfare.read")
    rows = (
        WelfareRecipient.select(WelfareRecipient, WelfareRound)
        .join(WelfareRound)
        .where(WelfareRecipient.person == person_id)
        .order_by(WelfareRound.starts_on.desc(), WelfareRecipient.id.desc())
        .limit(limit)
    )
    return [
        Received(
            recipient_id=w.id,
            round_id=w.round.id,
            round_name=w.round.name,
            kind=w.round.kind,
            starts_on=w.round.starts_on,
            ends_on=w.round.ends_on,
            items=w.round.items,
            amount=Decimal(w.round.amount or 0),
            delivered_at=w.delivered_at,
            collected_by=w.collected_by,
            collected_relation=w.collected_relation,
        )
        for w in rows
    ]


def sheet_rows(actor: Staff, round_id: int) -> list[RecipientView]:
    """Every recipient of the round, by workplace then name: the signature list (签领单)."""
    require(actor, "welfare.read")
    rows = _views(actor, WelfareRecipient.select().where(WelfareRecipient.round == round_id))
    return sorted(rows, key=lambda v: (v.workplace, v.name, v.id))


def personal_data_rows(actor: Staff, person_id: int) -> tuple[list[str], list[list[object]]]:
    """The rounds a person received, for the personal-data export: headers and rows."""
    from stationapp.services.welfare.rounds import round_kind_label

    headers = [
        translate("Welfare", "Round"),
        translate("Welfare", "Kind"),
        translate("Welfare", "From"),
        translate("Welfare", "To"),
        translate("Welfare", "Items"),
        translate("Welfare", "Amount"),
        translate("Welfare", "Delivered"),
        translate("Welfare", "Collected by"),
        translate("Welfare", "Relation"),
    ]
    rows: list[list[object]] = [
        [
            r.round_name,
            round_kind_label(r.kind),
            r.starts_on,
            r.ends_on,
            r.items,
            r.amount,
            r.delivered_at,
            r.collected_by,
            r.collected_relation,
        ]
        for r in rounds_of_person(actor, person_id, limit=100_000)
    ]
    return headers, rows


def settle_merge(keep_id: int, other_id: int) -> list[int]:
    """Two records of one person merged (services/people_merge.py), both on a round: the kept
    record's line stays, taking the other's delivery when only that one was delivered, and the
    other's line goes (a person is on a round once). Returns the rounds settled. Called inside
    the merge's transaction."""
    mine = {
        w.round_id: w for w in WelfareRecipient.select().where(WelfareRecipient.person == keep_id)
    }
    settled = []
    for theirs in WelfareRecipient.select().where(WelfareRecipient.person == other_id):
        ours = mine.get(theirs.round_id)
        if ours is None:
            continue
        if ours.delivered_at is None and theirs.delivered_at is not None:
            ours.delivered_at, ours.delivered_by = theirs.delivered_at, theirs.delivered_by_id
            ours.collected_by = theirs.collected_by
            ours.collected_relation = theirs.collected_relation
            ours.save()
        theirs.delete_instance()
        settled.append(theirs.round_id)
    return settled
