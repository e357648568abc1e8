"""Follow-ups: purposes waiting for materials, their due dates from the service's time limit."""

from __future__ import annotations

import re
from datetime import date, timedelta

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, today, transaction
from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.people import rows_view
from stationapp.services.visits.catalogue import DEFAULT_FOLLOW_UP_DAYS, MAX_FOLLOW_UP_DAYS

translate = QCoreApplication.translate


def follow_ups(actor: Staff, *, limit: int = 500) -> list[VisitPurpose]:
    """Purposes waiting for materials, earliest due first (so the overdue lead)."""
    require(actor, "visit.read")
    found = list(
        VisitPurpose.select(VisitPurpose, ServiceType.id, ServiceType.name, Visit, Person)
        .join(ServiceType)
        .switch(VisitPurpose)
        .join(Visit)
        .join(Person, peewee.JOIN.LEFT_OUTER)
        .where(VisitPurpose.outcome == "waiting", VisitPurpose.completed_at.is_null())
        .order_by(VisitPurpose.due_on, VisitPurpose.id)
        .limit(limit)
    )
    rows_view(actor, [p.visit for p in found])
    return found


_CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_NUMBER = r"[0-9]+|[零一二两三四五六七八九十]+"
_TIME_LIMIT = re.compile(
    rf"({_NUMBER})\s*个?\s*(工作日|日|天|周|星期|个月)"
    r"|([0-9]+)\s*(working day|business day|day|week|month)s?",
    re.IGNORECASE,
)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "十" in text:  # 十 10, 十五 15, 二十 20, 二十五 25
        tens, _, ones = text.partition("十")
        if (tens and tens not in _CHINESE_DIGITS) or (ones and ones not in _CHINESE_DIGITS):
            return None
        return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)
    return _CHINESE_DIGITS.get(text) if len(text) == 1 else None


def follow_up_due(service: ServiceType, *, on: date | None = None) -> date:
    """When the visitor should bring what is missing: the first number of days the service's time
    limit names ("3个工作日内", "15日", "5 working days"; weekends skipped for working days),
    else a week; never today, never beyond the follow-up limit."""
    from stationapp.services.mediation import add_working_days  # the one working-day clock

    start = on or today()
    match = _TIME_LIMIT.search(service.time_limit or "")
    if match is None:
        return start + timedelta(days=DEFAULT_FOLLOW_UP_DAYS)
    amount = _number(match.group(1) or match.group(3) or "")
    unit = (match.group(2) or match.group(4) or "").lower()
    if not amount:
        return start + timedelta(days=DEFAULT_FOLLOW_UP_DAYS)
    if unit in ("工作日", "working day", "business day"):
        return add_working_days(start, min(amount, MAX_FOLLOW_UP_DAYS * 5 // 7))
    days = {"周": 7, "星期": 7, "week": 7, "个月": 30, "month": 30}.get(unit, 1) * amount
    return start + timedelta(days=max(1, min(days, MAX_FOLLOW_UP_DAYS)))


def is_overdue(purpose: VisitPurpose, *, on: date | None = None) -> bool:
    return purpose.due_on is not None and purpose.due_on < (on or today())


def complete_follow_up(actor: Staff, purpose_id: int) -> VisitPurpose:
    """The missing materials arrived: the purpose is done, in one action."""
    require(actor, "visit.update")
    with transaction():
        purpose = found(
            VisitPurpose, purpose_id, translate("Visits", "This follow-up no longer exists.")
        )
        if purpose.outcome != "waiting" or purpose.completed_at is not None:
            raise ValidationError(translate("Visits", "This follow-up has already been completed."))
        moment = now()
        purpose.materials_brought = list(purpose.materials_brought) + list(
            purpose.materials_missing
        )
        purpose.materials_missing = []
        purpose.outcome = "done"
        purpose.completed_at = moment
        purpose.save()
        Visit.update(updated_at=moment).where(Visit.id == purpose.visit_id).execute()
        audit(actor, "complete_follow_up", "visit", purpose.visit_id, {"purpose": purpose.id})
    changes.notify("visit")
    rows_view(actor, [purpose.visit])
    return purpose
