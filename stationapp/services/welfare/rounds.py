"""Welfare rounds themselves: labels, creating and changing a round, the list of rounds, and a
round's totals against its budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.welfare import ROUND_KINDS, WelfareRecipient, WelfareRound
from stationapp.services import history
from stationapp.services.accounts import audit, require
from stationapp.services.consent import _clean_amount
from stationapp.services.validation import normalize_text
from stationapp.services.writes import writing

translate = QCoreApplication.translate

MAX_NAME = 100
MAX_ITEMS = 200
MAX_NOTES = 2000
MAX_DAYS = 366
ZERO = Decimal("0.00")


def round_kind_label(kind: str) -> str:
    return {
        "cooling": translate("Welfare", "Summer cooling (送清凉)"),
        "warmth": translate("Welfare", "Festival warmth (送温暖)"),
        "birthday": translate("Welfare", "Birthday greetings (生日送祝福)"),
        "other": translate("Welfare", "Other"),
    }.get(kind, kind)


def source_label(source: str) -> str:
    return {
        "hardship": translate("Welfare", "Hardship file"),
        "workplace": translate("Welfare", "Workplace"),
        "birthday": translate("Welfare", "Birthday"),
        "hand": translate("Welfare", "By hand"),
        # What a role without hardship.read sees of a hardship-file recipient (services never
        # tell it why the person is on the list).
        "rule": translate("Welfare", "By rule"),
    }.get(source, source)


@dataclass(frozen=True)
class RoundInput:
    name: str
    kind: str
    starts_on: date | None
    ends_on: date | None
    budget: Decimal | str | None = None
    items: str = ""
    item_value: Decimal | str | None = None
    amount: Decimal | str | None = None
    notes: str = ""


def _money(value: Decimal | str | None, field: str) -> Decimal | None:
    try:
        return _clean_amount(value)
    except ValidationError as exc:
        raise ValidationError(str(exc), field=field) from None


def _clean(data: RoundInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for field, check in (
        (
            "name",
            lambda: normalize_text(data.name, field="name", max_length=MAX_NAME, required=True),
        ),
        ("items", lambda: normalize_text(data.items, field="items", max_length=MAX_ITEMS)),
        ("notes", lambda: normalize_text(data.notes, field="notes", max_length=MAX_NOTES)),
        ("budget", lambda: _money(data.budget, "budget")),
        ("item_value", lambda: _money(data.item_value, "item_value") or ZERO),
        ("amount", lambda: _money(data.amount, "amount") or ZERO),
    ):
        try:
            values[field] = check()
        except ValidationError as exc:
            errors[field] = str(exc)
    if data.kind not in ROUND_KINDS:
        errors["kind"] = translate("Welfare", "Choose the kind of round.")
    if data.starts_on is None:
        errors["starts_on"] = translate("Welfare", "Give the first day of the round.")
    if data.ends_on is None:
        errors["ends_on"] = translate("Welfare", "Give the last day of the round.")
    elif data.starts_on is not None and data.ends_on < data.starts_on:
        errors["ends_on"] = translate("Welfare", "The round ends on or after its first day.")
    elif data.starts_on is not None and (data.ends_on - data.starts_on).days >= MAX_DAYS:
        errors["ends_on"] = translate("Welfare", "A round lasts at most a year.")
    if "items" in values and "amount" in values and not values["items"] and not values["amount"]:
        errors["items"] = translate(
            "Welfare", "Say what each recipient gets: items, an amount of money, or both."
        )
    raise_field_errors(errors)
    values.update(kind=data.kind, starts_on=data.starts_on, ends_on=data.ends_on)
    return values


def _gone() -> str:
    return translate("Welfare", "This round no longer exists.")


def per_person(r: WelfareRound) -> Decimal:
    """What one recipient's share costs the budget: the money and the items' value."""
    return Decimal(r.amount or 0) + Decimal(r.item_value or 0)


def create_round(actor: Staff, data: RoundInput) -> WelfareRound:
    with writing(actor, "welfare.manage", notify="welfare"):
        values = _clean(data)
        r = WelfareRound.create(created_by=actor, **values)
        audit(actor, "create", "welfare_round", r.id, {"name": r.name})
    return r


def update_round(actor: Staff, round_id: int, data: RoundInput) -> WelfareRound:
    """Change a round; a smaller budget than what is already planned is refused with the
    figures (the budget is how the station head lets a round grow)."""
    with writing(actor, "welfare.manage", notify="welfare", lock=True):
        values = _clean(data)
        r = history.locked(WelfareRound, round_id, _gone())
        for field, value in values.items():
            setattr(r, field, value)
        count = WelfareRecipient.select().where(WelfareRecipient.round == r.id).count()
        planned = per_person(r) * count
        if r.budget is not None and planned > r.budget:
            raise ValidationError(
                translate(
                    "Welfare",
                    "The round's {count} recipient(s) already take ¥{planned}: the budget "
                    "cannot be less.",
                ).format(count=count, planned=f"{planned:,.2f}"),
                field="budget",
            )
        r.save()
        audit(actor, "update", "welfare_round", r.id, {"name": r.name})
    return r


def get_round(actor: Staff, round_id: int) -> WelfareRound:
    require(actor, "welfare.read")
    r = WelfareRound.get_or_none(WelfareRound.id == round_id)
    if r is None:
        raise NotFound(_gone())
    return r


def _rounds_query(query: str) -> peewee.ModelSelect:
    found = WelfareRound.select()
    text = (query or "").strip()
    if text:
        found = found.where(WelfareRound.name.contains(text))
    return found


def list_rounds(
    actor: Staff, query: str = "", *, offset: int = 0, limit: int = 100
) -> list[WelfareRound]:
    """Rounds, the latest first, whose name contains ``query``."""
    require(actor, "welfare.read")
    return list(
        _rounds_query(query)
        .order_by(WelfareRound.starts_on.desc(), WelfareRound.id.desc())
        .offset(offset)
        .limit(limit)
    )


def count_rounds(actor: Staff, query: str = "") -> int:
    require(actor, "welfare.read")
    return _rounds_query(query).count()


@dataclass(frozen=True)
class Totals:
    recipients: int
    delivered: int
    per_person: Decimal
    planned: Decimal  # every recipient's share
    spent: Decimal  # the delivered shares
    budget: Decimal | None

    @property
    def left(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.planned


def _counts(round_id: int) -> tuple[int, int]:
    row = (
        WelfareRecipient.select(
            peewee.fn.COUNT(WelfareRecipient.id),
            peewee.fn.COUNT(WelfareRecipient.delivered_at),
        )
        .where(WelfareRecipient.round == round_id)
        .tuples()
        .first()
    )
    return (row[0] or 0, row[1] or 0) if row else (0, 0)


def totals_of(r: WelfareRound) -> Totals:
    recipients, delivered = _counts(r.id)
    share = per_person(r)
    return Totals(
        recipients=recipients,
        delivered=delivered,
        per_person=share,
        planned=share * recipients,
        spent=share * delivered,
        budget=None if r.budget is None else Decimal(r.budget),
    )


def round_totals(actor: Staff, round_id: int) -> Totals:
    """The round's recipients and what they take, planned and delivered, against the budget."""
    return totals_of(get_round(actor, round_id))
