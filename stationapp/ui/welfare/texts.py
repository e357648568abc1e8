"""How the welfare rounds' figures read on screen, on the person page and on paper."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from stationapp.models.welfare import WelfareRound
from stationapp.services import welfare
from stationapp.services.welfare import Received, Totals
from stationapp.ui.dates import short_text

translate = QCoreApplication.translate


def money(amount: Decimal | None) -> str:
    return "—" if amount is None else f"¥{amount:,.2f}"


def what_each_gets(items: str, amount: Decimal) -> str:
    """“防暑降温包 + ¥200.00”: the items, the money, or both."""
    parts = [items] if items else []
    if amount:
        parts.append(money(amount))
    return " + ".join(parts)


def round_line(r: WelfareRound) -> str:
    return translate("Welfare", "{kind}, {start} to {end}; each: {gets}").format(
        kind=welfare.round_kind_label(r.kind),
        start=short_text(r.starts_on),
        end=short_text(r.ends_on),
        gets=what_each_gets(r.items, Decimal(r.amount or 0)),
    )


def totals_text(t: Totals) -> str:
    text = translate(
        "Welfare",
        "Recipients: {recipients}, delivered: {delivered}. Planned {planned}, delivered "
        "{spent} ({share} each).",
    ).format(
        recipients=t.recipients,
        delivered=t.delivered,
        planned=money(t.planned),
        spent=money(t.spent),
        share=money(t.per_person),
    )
    if t.budget is None:
        return text + " " + translate("Welfare", "No budget set.")
    return (
        text
        + " "
        + translate("Welfare", "Budget {budget}, left {left}.").format(
            budget=money(t.budget), left=money(t.left)
        )
    )


def received_line(r: Received) -> str:
    """A line of the person page: the round, what was given, and when (or still waiting)."""
    if r.delivered_at is None:
        state = translate("Welfare", "not yet delivered")
    elif r.collected_by:
        state = translate("Welfare", "delivered {when}, collected by {who} ({relation})").format(
            when=short_text(r.delivered_at), who=r.collected_by, relation=r.collected_relation
        )
    else:
        state = translate("Welfare", "delivered {when}").format(when=short_text(r.delivered_at))
    return (
        f"{short_text(r.starts_on)}　{r.round_name}　{what_each_gets(r.items, r.amount)}　{state}"
    )
