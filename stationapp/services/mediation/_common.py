"""What the mediation modules share: text limits, reading an amount, the locked read of a case,
a step of its work saved with its entry in the timeline."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.mediation import CaseEvent, MediationCase
from stationapp.services import history

translate = QCoreApplication.translate

MAX_TEXT = 20000

MAX_AMOUNT = Decimal("100000000")


def _amount(raw: str | Decimal | None) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).replace(",", "").replace("，", "").strip())
    except InvalidOperation as exc:
        raise ValueError from exc
    if (
        not value.is_finite()
        or value < 0
        or value >= MAX_AMOUNT
        or value != value.quantize(Decimal("0.01"))
    ):
        raise ValueError
    return value


def _locked_case(case_id: int) -> MediationCase:
    return history.locked(
        MediationCase, case_id, translate("Mediation", "This case does not exist.")
    )


def _record_step(
    case: MediationCase, actor: Staff, kind: str, *, at: datetime | None = None, **event: object
) -> None:
    """Save the case a step of its work has changed (changed ``at``, by default now) and add
    the step, of ``kind`` and with ``event``'s details, to the case's timeline."""
    moment = at or now()
    case.updated_at = moment
    case.save()
    CaseEvent.create(case=case, staff=actor, kind=kind, at=moment, **event)
