"""What the mutual-aid modules share: labels, money, dates and the field errors."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

CENT = Decimal("0.01")
MAX_MONEY = Decimal("10000000")
MAX_NAME = 100
MAX_REASON = 500
MAX_HEALTH_TEXT = 2000
MAX_MATERIALS = 30
MAX_MATERIAL_NAME = 100
EARLIEST_YEAR = 2000


def plan_kind_label(kind: str) -> str:
    return {
        "hospital": translate("MutualAid", "In-service hospitalisation"),
        "serious_illness": translate("MutualAid", "Serious illness"),
        "accident": translate("MutualAid", "Accidental injury"),
        "women_illness": translate("MutualAid", "Women workers' special illness"),
    }.get(kind, kind)


def benefit_kind_label(kind: str) -> str:
    return {
        "rate": translate("MutualAid", "Share of the amount left"),
        "fixed": translate("MutualAid", "Fixed sum"),
    }.get(kind, kind)


def payer_label(payer: str) -> str:
    return {
        "workplace": translate("MutualAid", "Workplace union"),
        "self": translate("MutualAid", "The worker"),
    }.get(payer, payer)


def claim_state_label(state: str) -> str:
    return {
        "submitted": translate("MutualAid", "Submitted"),
        "returned": translate("MutualAid", "Returned for materials"),
        "approved": translate("MutualAid", "Approved"),
        "refused": translate("MutualAid", "Refused"),
        "paid": translate("MutualAid", "Paid"),
    }.get(state, state)


def money(
    value: Decimal | int | str | None,
    name: str,
    errors: dict[str, str],
    *,
    required: bool = False,
) -> Decimal | None:
    """An amount in yuan (0 to 10,000,000, at most two decimals), or None when empty; a problem
    goes into ``errors`` under ``name``."""
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", "")
        value = value or None
    if value is None:
        if required:
            errors[name] = translate("MutualAid", "Give the amount in yuan.")
        return None
    try:
        if isinstance(value, bool | float):
            raise InvalidOperation
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        errors[name] = translate("MutualAid", "Give the amount in yuan, for example 1200.50.")
        return None
    if not amount.is_finite() or amount < 0 or amount > MAX_MONEY:
        errors[name] = translate("MutualAid", "The amount must be from 0 to 10,000,000 yuan.")
        return None
    if amount != amount.quantize(CENT):
        errors[name] = translate("MutualAid", "The amount has at most two decimal places (fen).")
        return None
    return amount.quantize(CENT)


def a_date(value: object, name: str, errors: dict[str, str], message: str) -> date | None:
    """``value`` as a date, or None with ``message`` in ``errors`` under ``name``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    errors[name] = message
    return None


def yuan(value: Decimal | None) -> Decimal:
    """An amount read back from the database (SQLite may hand a float-made Decimal) in fen."""
    return Decimal(0).quantize(CENT) if value is None else Decimal(value).quantize(CENT)
