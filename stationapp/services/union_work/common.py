"""What the union-work records share: labels, the dates' checks, the workplace being recorded
for, and the months' arithmetic of terms and due dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import today, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization
from stationapp.services import changes, history
from stationapp.services.accounts import audit
from stationapp.services.retirement import _add_months

translate = QCoreApplication.translate
R = TypeVar("R", bound=peewee.Model)

MAX_TEXT = 2000


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    return _add_months(day, months)


def congress_kind_label(kind: str) -> str:
    return {
        "delegates": translate("UnionWork", "Workers' congress (职代会)"),
        "assembly": translate("UnionWork", "General assembly (职工大会)"),
    }.get(kind, kind)


def contract_kind_label(kind: str) -> str:
    return {
        "wage": translate("UnionWork", "Wage agreement (工资专项集体合同)"),
        "comprehensive": translate("UnionWork", "Collective contract (综合集体合同)"),
    }.get(kind, kind)


def rating_label(rating: str) -> str:
    return {
        "good": translate("UnionWork", "Good"),
        "needs_improvement": translate("UnionWork", "Needs improvement"),
        "not_done": translate("UnionWork", "Not done"),
    }.get(rating, rating)


def state_label(state: str) -> str:
    return {
        "upcoming": translate("UnionWork", "Not yet in force"),
        "in_force": translate("UnionWork", "In force"),
        "expiring": translate("UnionWork", "Expiring within 60 days"),
        "expired": translate("UnionWork", "Expired"),
        "renewed": translate("UnionWork", "Renewed"),
    }.get(state, state)


def past_day(day: date | None, field: str, errors: dict[str, str], missing: str) -> None:
    """``day`` is given and not after today, else a message at ``field``."""
    if day is None:
        errors[field] = missing
    elif day > today():
        errors[field] = translate("UnionWork", "The date cannot be in the future.")


def workplace(organization_id: int) -> Organization:
    org = Organization.get_or_none(Organization.id == organization_id)
    if org is None:
        raise NotFound(translate("UnionWork", "This workplace no longer exists."))
    return org


def refuse(errors: dict[str, str]) -> None:
    """Every problem of a form at once, at its field (the first one is the message)."""
    if errors:
        first = next(iter(errors))
        raise ValidationError(errors[first], field=first, errors=errors)


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """A workplace's union-work record as the audit trail names it: its model, its entity and
    the details its audit entries carry."""

    model: type[R]
    entity: str
    details: Callable[[R], dict[str, object]]

    def latest_first(self, organization_id: int, day: peewee.Field) -> list[R]:
        """The workplace's records of this kind, the latest ``day`` first."""
        return list(
            self.model.select()
            .where(self.model.organization == organization_id)
            .order_by(day.desc(), self.model.id.desc())
        )


def update_record(
    actor: Staff, kind: RecordKind[R], record_id: int, values: dict[str, object], *, gone: str
) -> R:
    """A record's checked ``values`` saved, in one transaction with its audit entry (the caller
    has checked the permission)."""
    with transaction(lock=True):
        record = history.locked(kind.model, record_id, gone)
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        audit(actor, "update", kind.entity, record.id, kind.details(record))
    changes.notify("organization")
    return record


def create_record(
    actor: Staff, kind: RecordKind[R], organization_id: int, values: dict[str, object]
) -> R:
    """A workplace's new record, recorded by ``actor``, with its audit entry (the caller has
    checked the permission)."""
    with transaction():
        org = workplace(organization_id)
        record = kind.model.create(organization=org, staff=actor, **values)
        audit(
            actor, "create", kind.entity, record.id, {"workplace": org.name, **kind.details(record)}
        )
    changes.notify("organization")
    return record
