"""The case ledger: statistics for a period and the export."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import peewee

from stationapp.db import transaction
from stationapp.models.accounts import Staff
from stationapp.models.mediation import Agreement, CaseClaim, MediationCase, Obligation
from stationapp.services.accounts import audit, require
from stationapp.services.mediation._common import translate
from stationapp.services.mediation.cases import CaseFilter, applicants_of, count_cases, list_cases
from stationapp.services.mediation.clocks import current_due
from stationapp.services.mediation.states import SUCCESS_STATES, category_label, state_label
from stationapp.services.periods import count_by_month, in_period
from stationapp.services.spreadsheet import export_batches


@dataclass(frozen=True)
class CaseStatistics:
    total: int
    by_category: dict[str, int]
    by_state: dict[str, int]
    by_month: dict[str, int]
    decided: int
    succeeded: int
    average_days_to_close: float | None
    amount_claimed: Decimal
    amount_agreed: Decimal
    amount_paid: Decimal

    @property
    def success_rate(self) -> float | None:
        return self.succeeded / self.decided if self.decided else None


def statistics(actor: Staff, *, date_from: date, date_to: date) -> CaseStatistics:
    """Figures for cases received between the two dates, from SQL aggregates."""
    require(actor, "case.read")
    in_range = in_period(MediationCase.received_at, date_from, date_to)
    by_state = dict(
        MediationCase.select(MediationCase.state, peewee.fn.COUNT(MediationCase.id))
        .where(in_range)
        .group_by(MediationCase.state)
        .tuples()
    )
    by_category = dict(
        CaseClaim.select(CaseClaim.category, peewee.fn.COUNT(peewee.fn.DISTINCT(CaseClaim.case)))
        .join(MediationCase)
        .where(in_range)
        .group_by(CaseClaim.category)
        .tuples()
    )
    by_month = count_by_month(MediationCase.received_at, in_range)
    closed_rows = (
        MediationCase.select(MediationCase.received_at, MediationCase.closed_at)
        .where(in_range, MediationCase.closed_at.is_null(False))
        .tuples()
    )
    durations = [(closed - received).days for received, closed in closed_rows]
    claimed = (
        CaseClaim.select(peewee.fn.SUM(CaseClaim.amount))
        .join(MediationCase)
        .where(in_range)
        .scalar()
    )
    agreed = (
        Obligation.select(peewee.fn.SUM(Obligation.amount))
        .join(Agreement)
        .join(MediationCase)
        .where(in_range, Agreement.effective_at.is_null(False))
        .scalar()
    )
    paid = (
        Obligation.select(peewee.fn.SUM(Obligation.performed_amount))
        .join(Agreement)
        .join(MediationCase)
        .where(in_range)
        .scalar()
    )
    # A closed case counts as a success when an agreement of it took effect.
    took_effect = Agreement.select(Agreement.case).where(Agreement.effective_at.is_null(False))
    closed = MediationCase.select().where(in_range, MediationCase.state.in_(["closed", "archived"]))
    succeeded = sum(n for s, n in by_state.items() if s in SUCCESS_STATES)
    closed_successes = closed.where(MediationCase.id.in_(took_effect)).count()
    succeeded += closed_successes
    failed_like = sum(
        n
        for s, n in by_state.items()
        if s in ("failed", "referred_to_arbitration", "respondent_declined", "withdrawn")
    )
    closed_failures = closed.where(MediationCase.id.not_in(took_effect)).count()
    return CaseStatistics(
        total=sum(by_state.values()),
        by_category=by_category,
        by_state=by_state,
        by_month=by_month,
        decided=succeeded + failed_like + closed_failures,
        succeeded=succeeded,
        average_days_to_close=(sum(durations) / len(durations)) if durations else None,
        amount_claimed=_money(claimed),
        amount_agreed=_money(agreed),
        amount_paid=_money(paid),
    )


def _money(total: object) -> Decimal:
    """A SUM as exact yuan and fen: SQLite sums decimals as floats."""
    return Decimal(str(total or 0)).quantize(Decimal("0.01"))


def export_ledger(
    actor: Staff,
    path: Path,
    *,
    filt: CaseFilter | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """The case ledger (台账) as an Excel file: one row per case."""
    require(actor, "case.export")
    filt = filt or CaseFilter()
    total = count_cases(actor, filt)
    header = [
        translate("Mediation", "Case number"),
        translate("Mediation", "Received"),
        translate("Mediation", "Applicants"),
        translate("Mediation", "Respondent"),
        translate("Mediation", "Claims"),
        translate("Mediation", "Amount claimed"),
        translate("Mediation", "State"),
        translate("Mediation", "Mediator"),
        translate("Mediation", "Mediation due"),
        translate("Mediation", "Closed on"),
    ]

    def batches() -> Iterator[list[list[object]]]:
        for offset in range(0, total, 200):
            page = list_cases(actor, filt, offset=offset, limit=200)
            applicants = applicants_of(page)
            claims: dict[int, list[CaseClaim]] = {c.id: [] for c in page}
            for claim in CaseClaim.select().where(CaseClaim.case.in_(list(claims))):
                claims[claim.case_id].append(claim)
            mediators = {
                s.id: s.display_name
                for s in Staff.select().where(Staff.id.in_([c.mediator_id or 0 for c in page]))
            }
            yield [
                [
                    case.number,
                    case.received_at,
                    "、".join(p.name for p in applicants[case.id]),
                    case.respondent.name,
                    "、".join(category_label(c.category) for c in claims[case.id]),
                    float(sum((c.amount or Decimal(0)) for c in claims[case.id])),
                    state_label(case.state),
                    mediators.get(case.mediator_id, ""),
                    current_due(case),
                    case.closed_at,
                ]
                for case in page
            ]

    title = translate("Mediation", "Case ledger")
    written, finished = export_batches(
        path, title, header, batches(), total=total, progress=progress
    )
    if not finished:
        return written
    with transaction():
        audit(actor, "export", "case", None, {"rows": written, "file": path.name})
    return written
