"""Outreach sessions: visits recorded in bulk at a workplace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, today, transaction
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization
from stationapp.models.visits import OutreachSession, ServiceType, Visit
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.people import hands_people, mark_active
from stationapp.services.validation import clean_text
from stationapp.services.visits.catalogue import EARLIEST_VISIT, MAX_NOTES
from stationapp.services.visits.registration import (
    PurposeInput,
    VisitInput,
    _validate_visit,
    _write_purposes,
)

translate = QCoreApplication.translate


def create_outreach(
    actor: Staff,
    *,
    organization_id: int,
    held_on: date,
    service_ids: list[int],
    notes: str = "",
) -> OutreachSession:
    """An outreach session (下社区、进楼宇、送服务) at a workplace or community."""
    require(actor, "visit.create")
    errors: dict[str, str] = {}
    if not Organization.select().where(Organization.id == organization_id).exists():
        errors["organization"] = translate("Visits", "Choose the workplace or community visited.")
    if held_on > today():
        errors["held_on"] = translate("Visits", "An outreach session cannot be in the future.")
    elif held_on < EARLIEST_VISIT.date():
        errors["held_on"] = translate("Visits", "The date is before 2000.")
    known = {
        s.id
        for s in ServiceType.select().where(
            ServiceType.id.in_(service_ids or [0]), ServiceType.active
        )
    }
    if not service_ids or set(service_ids) - known:
        errors["services"] = translate("Visits", "Choose the services offered.")
    clean_notes = clean_text(notes, "notes", errors, limit=MAX_NOTES)
    raise_field_errors(errors)
    with transaction():
        session = OutreachSession.create(
            organization=organization_id,
            held_on=held_on,
            staff=actor,
            services=list(dict.fromkeys(service_ids)),
            notes=clean_notes,
            created_at=now(),
        )
        audit(actor, "create", "outreach", session.id, {"organization": organization_id})
    changes.notify("outreach")
    return session


@dataclass
class OutreachEntry:
    """One visitor met during an outreach session (``person_id=None``: did not give details)."""

    person_id: int | None
    service_ids: list[int]
    rating: str = "unrated"


@hands_people
def record_outreach_visits(
    actor: Staff, session_id: int, entries: list[OutreachEntry]
) -> list[Visit]:
    """Enter a session's visitors in one go: each is a visit with channel outreach, all or none."""
    require(actor, "visit.create")
    session = found(
        OutreachSession, session_id, translate("Visits", "This outreach session no longer exists.")
    )
    if not entries:
        raise ValidationError(translate("Visits", "Add at least one visitor."), field="entries")
    arrived = datetime.combine(
        session.held_on, now().time() if session.held_on == today() else time(12, 0)
    )
    inputs = [
        VisitInput(
            person_id=entry.person_id,
            channel="outreach",
            purposes=[PurposeInput(service_id=sid) for sid in entry.service_ids],
            rating=entry.rating,
            arrived_at=arrived,
            outreach_id=session.id,
        )
        for entry in entries
    ]
    cleaned = []
    for number, data in enumerate(inputs, start=1):
        try:
            cleaned.append(_validate_visit(data))
        except ValidationError as exc:
            raise ValidationError(
                translate("Visits", "Visitor {n}: {message}").format(n=number, message=exc.message),
                field="entries",
            ) from exc
    visits: list[Visit] = []
    with transaction():
        moment = now()
        for data, (values, purposes) in zip(inputs, cleaned, strict=True):
            visit = Visit.create(staff=actor, created_at=moment, updated_at=moment, **values)
            _write_purposes(visit, purposes, {})
            if data.person_id is not None:
                mark_active([data.person_id], moment)
            visits.append(visit)
        audit(
            actor,
            "create_batch",
            "outreach",
            session.id,
            {"visits": [v.id for v in visits]},
        )
    changes.notify("visit")
    return visits


def list_outreach(actor: Staff, *, limit: int = 100) -> list[OutreachSession]:
    require(actor, "visit.read")
    return list(
        OutreachSession.select(OutreachSession, Organization)
        .join(Organization)
        .order_by(OutreachSession.held_on.desc(), OutreachSession.id.desc())
        .limit(limit)
    )
