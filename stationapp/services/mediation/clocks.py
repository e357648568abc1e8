"""The legal clocks of a case (LDMAL Art. 14 and 27, MOHRSS Order 33) and the deadline list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    PAYMENT_ORDER_CATEGORIES,
    Agreement,
    CaseClaim,
    MediationCase,
    Obligation,
)
from stationapp.models.people import Organization
from stationapp.services.accounts import require
from stationapp.services.mediation._common import translate

MEDIATION_DAYS = 15  # LDMAL Art. 14

REVIEW_DAYS = 15  # MOHRSS Order 33 Art. 74: joint review request after an agreement takes effect

ACCEPTANCE_WORKING_DAYS = 3  # local rules

LIMITATION_YEARS = 1  # LDMAL Art. 27

SOON_DAYS = 3


def mediation_due_for(received: date) -> date:
    """Mediation should end within 15 days of receiving the application (LDMAL Art. 14)."""
    return received + timedelta(days=MEDIATION_DAYS)


def add_working_days(start: date, days: int) -> date:
    """``days`` working days after ``start`` (weekends skipped; public holidays are not known)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def current_due(case: MediationCase) -> date:
    return case.extended_until or case.mediation_due


@dataclass(frozen=True)
class Limitation:
    """The advisory arbitration limitation (LDMAL Art. 27)."""

    deadline: date | None
    explanation: str


def limitation_for(case: MediationCase, claims: list[CaseClaim]) -> Limitation:
    """One year from when the worker knew; unpaid wages during employment run from the end of
    the job; applying for mediation interrupts it, and a new year starts when mediation ends."""
    wage_claim = any(c.category in ("wages", "overtime") for c in claims)
    if wage_claim and case.employment_ended is None:
        return Limitation(
            None,
            translate(
                "Mediation",
                "Wage arrears during employment are not time-barred; the year starts when the "
                "job ends.",
            ),
        )
    start = case.employment_ended if wage_claim else case.date_knew
    if start is None:
        return Limitation(
            None,
            translate("Mediation", "Unknown: record when the worker knew of the infringement."),
        )
    ended = case.closed_at.date() if case.closed_at else None
    if case.state in ("failed", "referred_to_arbitration", "withdrawn") and case.decided_at:
        ended = case.decided_at.date()
    if ended is not None:
        return Limitation(
            _add_years(ended, LIMITATION_YEARS),
            translate(
                "Mediation",
                "Interrupted by the mediation application on {received}; a new year runs from "
                "the end of mediation on {ended}. Advisory only.",
            ).format(received=case.received_at.date().isoformat(), ended=ended.isoformat()),
        )
    return Limitation(
        _add_years(start, LIMITATION_YEARS),
        translate(
            "Mediation",
            "One year from {start}; the mediation application of {received} interrupts it and a "
            "new year starts when mediation ends. Advisory only.",
        ).format(start=start.isoformat(), received=case.received_at.date().isoformat()),
    )


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def payment_order_eligible(claim: CaseClaim) -> bool:
    return claim.category in PAYMENT_ORDER_CATEGORIES


@dataclass(frozen=True)
class Deadline:
    case_id: int
    number: str
    respondent: str
    kind: str
    due: date

    def overdue(self, on: date) -> bool:
        return self.due < on

    def label(self) -> str:
        return {
            "acceptance": translate("Mediation", "Decide on acceptance"),
            "mediation": translate("Mediation", "Mediation period ends"),
            "review": translate("Mediation", "Joint review window ends"),
            "obligation": translate("Mediation", "Obligation due"),
        }.get(self.kind, self.kind)


def deadlines(
    actor: Staff, *, on: date | None = None, horizon_days: int = SOON_DAYS
) -> list[Deadline]:
    """Every clock that has run out or runs out within ``horizon_days``: overdue first."""
    require(actor, "case.read")
    on = on or today()
    limit = on + timedelta(days=horizon_days)
    found: list[Deadline] = []
    # Only the columns a deadline line shows, as tuples: the owed obligations of a large station
    # are a thousand rows, and whole models of four tables each would take a second to build.
    head = (MediationCase.id, MediationCase.number, Organization.name)
    registered = (
        MediationCase.select(*head, MediationCase.received_at)
        .join(Organization)
        .where(
            MediationCase.state == "registered",
            # Working days are at least as many calendar days: later receipts are not due yet.
            MediationCase.received_at
            < datetime.combine(limit - timedelta(days=ACCEPTANCE_WORKING_DAYS - 1), time.min),
        )
        .tuples()
    )
    for case_id, number, respondent, received_at in registered:
        due = add_working_days(received_at.date(), ACCEPTANCE_WORKING_DAYS)
        if due <= limit:
            found.append(Deadline(case_id, number, respondent, "acceptance", due))
    mediating = (
        MediationCase.select(*head, MediationCase.extended_until, MediationCase.mediation_due)
        .join(Organization)
        .where(
            MediationCase.state.in_(["accepted", "in_mediation", "agreement_draft"]),
            (MediationCase.mediation_due <= limit) | (MediationCase.extended_until <= limit),
        )
        .tuples()
    )
    for case_id, number, respondent, extended_until, mediation_due in mediating:
        due = extended_until or mediation_due  # current_due()
        if due <= limit:
            found.append(Deadline(case_id, number, respondent, "mediation", due))
    reviewing = (
        MediationCase.select(*head, MediationCase.review_due)
        .join(Organization)
        .where(
            MediationCase.state.in_(["agreement_effective", "performing"]),
            MediationCase.review_due >= on - timedelta(days=1),
            MediationCase.review_due <= limit,
        )
        .tuples()
    )
    for case_id, number, respondent, review_due in reviewing:
        found.append(Deadline(case_id, number, respondent, "review", review_due))
    owed = (
        Obligation.select(*head, Obligation.due_on)
        .join(Agreement)
        .join(MediationCase)
        .join(Organization)
        .where(
            Obligation.performed_on.is_null(),
            Obligation.due_on <= limit,
            MediationCase.state.in_(["agreement_effective", "performing"]),
        )
        .tuples()
    )
    for case_id, number, respondent, due_on in owed:
        found.append(Deadline(case_id, number, respondent, "obligation", due_on))
    found.sort(key=lambda d: (not d.overdue(on), d.due, d.number))
    return found
