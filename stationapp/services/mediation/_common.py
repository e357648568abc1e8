"""What the mediation modules share: text limits, reading an amount, the locked read of a case."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from stationapp.models.mediation import MediationCase
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
