"""The report's "Welfare rounds" section: the rounds that started in a period, their recipients,
the deliveries and the amounts, per kind of round."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import peewee

from stationapp.models.accounts import Staff
from stationapp.models.welfare import ROUND_KINDS, WelfareRecipient, WelfareRound
from stationapp.services.accounts import require

ZERO = Decimal("0.00")


@dataclass
class KindFigures:
    kind: str
    rounds: int = 0
    recipients: int = 0
    delivered: int = 0
    planned: Decimal = ZERO  # every recipient's share (money and items' value)
    spent: Decimal = ZERO  # the delivered shares
    budget: Decimal = ZERO  # the budgets given (rounds without one add nothing)


@dataclass
class WelfareFigures:
    start: date
    end: date
    kinds: list[KindFigures] = field(default_factory=list)

    @property
    def total(self) -> KindFigures:
        whole = KindFigures("all")
        for k in self.kinds:
            whole.rounds += k.rounds
            whole.recipients += k.recipients
            whole.delivered += k.delivered
            whole.planned += k.planned
            whole.spent += k.spent
            whole.budget += k.budget
        return whole


def welfare_figures(actor: Staff, *, start: date, end: date) -> WelfareFigures:
    """The rounds starting from ``start`` to ``end`` (both included), per kind; counts and sums
    in SQL, one row per round."""
    require(actor, "welfare.read")
    recipients = peewee.fn.COUNT(WelfareRecipient.id)
    delivered = peewee.fn.COUNT(WelfareRecipient.delivered_at)
    rows = (
        WelfareRound.select(
            WelfareRound.kind,
            WelfareRound.budget,
            WelfareRound.amount,
            WelfareRound.item_value,
            recipients.alias("recipients"),
            delivered.alias("delivered"),
        )
        .join(WelfareRecipient, peewee.JOIN.LEFT_OUTER)
        .where(WelfareRound.starts_on >= start, WelfareRound.starts_on <= end)
        .group_by(WelfareRound.id)
        .dicts()
    )
    per_kind = {kind: KindFigures(kind) for kind in ROUND_KINDS}
    for row in rows:
        k = per_kind[row["kind"]]
        share = Decimal(row["amount"] or 0) + Decimal(row["item_value"] or 0)
        k.rounds += 1
        k.recipients += row["recipients"]
        k.delivered += row["delivered"]
        k.planned += share * row["recipients"]
        k.spent += share * row["delivered"]
        k.budget += Decimal(row["budget"] or 0)
    return WelfareFigures(start, end, [k for k in per_kind.values() if k.rounds])
