"""The report's "Mutual-aid cover" section: enrolments (people, by plan) and the claims
submitted, approved and paid in a period, with their amounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import peewee

from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import AidClaim, AidEnrolment, AidPlan
from stationapp.services.accounts import require
from stationapp.services.mutual_aid._common import CENT


@dataclass(frozen=True)
class PlanEnrolments:
    plan: str
    year: int
    people: int
    premiums: Decimal


@dataclass(frozen=True)
class ClaimFigure:
    count: int
    amount: Decimal


@dataclass
class AidFigures:
    enrolled_people: int = 0  # workers enrolled in the period, in any plan, each once
    by_plan: list[PlanEnrolments] = field(default_factory=list)
    submitted: ClaimFigure = ClaimFigure(0, Decimal("0.00"))  # claimed amounts
    approved: ClaimFigure = ClaimFigure(0, Decimal("0.00"))
    paid: ClaimFigure = ClaimFigure(0, Decimal("0.00"))


def _fen(column: peewee.Field) -> peewee.Function:
    # Summed in whole fen, so that SQLite, which keeps decimals as floats, adds exactly.
    return peewee.fn.SUM(peewee.fn.ROUND(column * 100))


def _yuan(fen: object) -> Decimal:
    return (Decimal(int(fen or 0)) / 100).quantize(CENT)


def _when(condition: peewee.Expression, value: object) -> peewee.Node:
    return peewee.Case(None, [(condition, value)], None)


def aid_figures(actor: Staff, date_from: date, date_to: date) -> AidFigures:
    """The section's figures for the period, both days included: enrolments by their date;
    claims submitted by the claim date, approved by the decision (paid ones included), paid by
    the payment date."""
    require(actor, "aid.read")
    in_period = AidEnrolment.enrolled_on.between(date_from, date_to)
    people = (
        AidEnrolment.select(peewee.fn.COUNT(AidEnrolment.person.distinct()))
        .where(in_period)
        .scalar()
    )
    rows = (
        AidEnrolment.select(
            AidPlan.name,
            AidPlan.year,
            peewee.fn.COUNT(AidEnrolment.person.distinct()),
            _fen(AidEnrolment.premium),
        )
        .join(AidPlan)
        .where(in_period)
        .group_by(AidPlan.id, AidPlan.name, AidPlan.year)
        .order_by(AidPlan.year, AidPlan.name)
        .tuples()
    )
    # The three claim figures in one pass: each a count and a sum of the claims in its window.
    submitted = AidClaim.claimed_on.between(date_from, date_to)
    approved = AidClaim.decided_on.between(date_from, date_to) & AidClaim.state.in_(
        ("approved", "paid")
    )
    paid = AidClaim.paid_on.between(date_from, date_to)
    counts = (
        AidClaim.select(
            peewee.fn.COUNT(_when(submitted, 1)),
            _fen(_when(submitted, AidClaim.claimed_amount)),
            peewee.fn.COUNT(_when(approved, 1)),
            _fen(_when(approved, AidClaim.approved_amount)),
            peewee.fn.COUNT(_when(paid, 1)),
            _fen(_when(paid, AidClaim.paid_amount)),
        )
        .where(submitted | approved | paid)
        .tuples()
        .get()
    )
    return AidFigures(
        enrolled_people=int(people or 0),
        by_plan=[
            PlanEnrolments(name, int(year), int(count), _yuan(fen))
            for name, year, count, fen in rows
        ],
        submitted=ClaimFigure(int(counts[0] or 0), _yuan(counts[1])),
        approved=ClaimFigure(int(counts[2] or 0), _yuan(counts[3])),
        paid=ClaimFigure(int(counts[4] or 0), _yuan(counts[5])),
    )
