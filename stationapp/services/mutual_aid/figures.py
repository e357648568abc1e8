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


def _claims(day: peewee.Field, amount: peewee.Field, start: date, end: date) -> ClaimFigure:
    count, fen = (
        AidClaim.select(peewee.fn.COUNT(AidClaim.id), _fen(amount))
        .where(day.between(start, end))
        .tuples()
        .get()
    )
    return ClaimFigure(int(count or 0), _yuan(fen))


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
    decided = AidClaim.state.in_(("approved", "paid"))
    approved_count, approved_fen = (
        AidClaim.select(peewee.fn.COUNT(AidClaim.id), _fen(AidClaim.approved_amount))
        .where(AidClaim.decided_on.between(date_from, date_to), decided)
        .tuples()
        .get()
    )
    return AidFigures(
        enrolled_people=int(people or 0),
        by_plan=[
            PlanEnrolments(name, int(year), int(count), _yuan(fen))
            for name, year, count, fen in rows
        ],
        submitted=_claims(AidClaim.claimed_on, AidClaim.claimed_amount, date_from, date_to),
        approved=ClaimFigure(int(approved_count or 0), _yuan(approved_fen)),
        paid=_claims(AidClaim.paid_on, AidClaim.paid_amount, date_from, date_to),
    )
