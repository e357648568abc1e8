"""What the mediation modules share: text limits, reading an amount, the locked read of a case."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite
from stationapp.errors import NotFound
from stationapp.models.mediation import (
    MediationCase,
)

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
    query = MediationCase.select().where(MediationCase.id == case_id)
    if not is_sqlite():
        query = query.for_update()
    case = query.first()
    if case is None:
        raise NotFound(translate("Mediation", "This case does not exist."))
    return case
