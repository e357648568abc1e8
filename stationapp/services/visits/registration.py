"""Registering a visit and its purposes: eligibility hints, the checks, recording and correcting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, today, transaction
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.models.visits import (
    CHANNELS,
    OUTCOMES,
    RATINGS,
    OutreachSession,
    ServiceType,
    Visit,
    VisitPurpose,
)
from stationapp.services import changes
from stationapp.services.accounts import audit, diff, require
from stationapp.services.consent import has_consent
from stationapp.services.people import mark_active, rows_view, true_birth_date
from stationapp.services.retirement import DEFAULT_FEMALE_CATEGORY, statutory_retirement
from stationapp.services.validation import clean_text, normalize_text
from stationapp.services.visits.catalogue import (
    EARLIEST_VISIT,
    MAX_FOLLOW_UP_DAYS,
    MAX_NOTES,
    MINIMUM_WORKING_AGE,
)

translate = QCoreApplication.translate


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def eligibility_hints(
    person: Person | None, services: list[ServiceType], *, on: date | None = None
) -> list[str]:
    """Warnings the desk gives before it is too late: what this person lacks for each service."""
    if person is None:
        return []
    on = on or today()
    hints: list[str] = []
    for service in services:
        checks = set(service.eligibility or [])
        if "member" in checks and not person.is_member:
            hints.append(
                translate(
                    "Visits", "{service}: only for union members; {name} must join the union first."
                ).format(service=service.name, name=person.name)
            )
        if "member_card" in checks and not person.member_card:
            hints.append(
                translate(
                    "Visits",
                    "{service}: needs a member card (京卡); {name} has none on record.",
                ).format(service=service.name, name=person.name)
            )
        if "working_age" in checks:
            birth = true_birth_date(person)
            age = age_on(birth, on)
            retired = (
                statutory_retirement(
                    birth,
                    person.gender,
                    female_category=person.old_retirement_age or DEFAULT_FEMALE_CATEGORY,
                )
                if birth is not None
                else None
            )
            if age is None:
                hints.append(
                    translate(
                        "Visits",
                        "{service}: for ages 16 to retirement; the birth date is not on record.",
                    ).format(service=service.name)
                )
            elif age < MINIMUM_WORKING_AGE:
                hints.append(
                    translate(
                        "Visits", "{service}: for ages 16 to retirement; {name} is {age}."
                    ).format(service=service.name, name=person.name, age=age)
                )
            elif retired is not None and on >= retired.on:
                hints.append(
                    translate(
                        "Visits",
                        "{service}: for workers not yet retired; {name} reached the statutory "
                        "retirement age of {age} on {day}.",
                    ).format(
                        service=service.name,
                        name=person.name,
                        age=retired.describe(),
                        day=retired.on.isoformat(),
                    )
                )
    return hints


# --- recording visits ---------------------------------------------------------------------------


@dataclass
class PurposeInput:
    service_id: int
    outcome: str = "done"
    referred_to: str = ""
    decline_reason: str = ""
    materials_brought: list[str] = field(default_factory=list)
    materials_missing: list[str] = field(default_factory=list)
    due_on: date | None = None
    notice_given: bool = True
    notice_printed: bool = False


@dataclass
class VisitInput:
    person_id: int | None
    channel: str
    purposes: list[PurposeInput]
    rating: str = "unrated"
    notes: str = ""
    arrived_at: datetime | None = None
    outreach_id: int | None = None


def _validate_purpose(
    purpose: PurposeInput,
    service: ServiceType,
    *,
    on: date,
    previous: VisitPurpose | None,
) -> tuple[dict[str, object], dict[str, str]]:
    """Clean values of one purpose, and its errors keyed "purpose.<service id>.<field>"."""
    errors: dict[str, str] = {}
    prefix = f"purpose.{service.id}."
    values: dict[str, object] = {
        "outcome": purpose.outcome,
        "referred_to": "",
        "decline_reason": "",
        "due_on": None,
        "notice_given": bool(purpose.notice_given),
        "notice_printed": bool(purpose.notice_printed),
    }
    if purpose.outcome not in OUTCOMES:
        errors[prefix + "outcome"] = translate("Visits", "Choose how this purpose ended.")
    listed = {str(m["name"]) for m in service.materials or []}
    brought = [m for m in purpose.materials_brought if m in listed]
    missing = [m for m in purpose.materials_missing if m in listed and m not in brought]
    values["materials_brought"] = brought
    values["materials_missing"] = missing

    def required_text(name: str, longest: int, message: str) -> None:
        """The text the outcome needs (to whom referred, why declined); ``message`` when it is
        missing or unfit."""
        try:
            values[name] = normalize_text(
                getattr(purpose, name), field=name, max_length=longest, required=True
            )
        except ValidationError:
            errors[prefix + name] = message

    if purpose.outcome == "referred":
        required_text(
            "referred_to",
            200,
            translate("Visits", "Say to whom the visitor was referred (at most 200 characters)."),
        )
    elif purpose.outcome == "declined":
        required_text(
            "decline_reason",
            500,
            translate("Visits", "Give the reason for declining (at most 500 characters)."),
        )
    elif purpose.outcome == "waiting":
        if not missing:
            errors[prefix + "materials_missing"] = translate(
                "Visits", "Tick the materials that are still missing."
            )
        unchanged_due = previous is not None and previous.due_on == purpose.due_on
        if purpose.due_on is None:
            errors[prefix + "due_on"] = translate(
                "Visits", "Give the date by which the materials should be brought."
            )
        elif purpose.due_on < on and not unchanged_due:
            errors[prefix + "due_on"] = translate(
                "Visits", "The due date for the missing materials is in the past."
            )
        elif purpose.due_on > on + timedelta(days=MAX_FOLLOW_UP_DAYS):
            errors[prefix + "due_on"] = translate(
                "Visits", "The due date is more than a year away."
            )
        values["due_on"] = purpose.due_on
    return values, errors


def _validate_visit(
    data: VisitInput, *, existing: Visit | None = None
) -> tuple[dict[str, object], list[tuple[ServiceType, dict[str, object]]]]:
    errors: dict[str, str] = {}
    on = today()
    values: dict[str, object] = {}
    if data.channel not in CHANNELS:
        errors["channel"] = translate("Visits", "Choose how the visitor came.")
    values["channel"] = data.channel
    if data.rating not in RATINGS:
        errors["rating"] = translate("Visits", "Choose a rating.")
    values["rating"] = data.rating
    values["notes"] = clean_text(data.notes, "notes", errors, limit=MAX_NOTES)
    if (
        data.person_id is not None
        and not Person.select().where(Person.id == data.person_id).exists()
    ):
        errors["person"] = translate("Visits", "This person is no longer on file.")
    values["person"] = data.person_id
    arrived = data.arrived_at or (existing.arrived_at if existing else now())
    if arrived > now() + timedelta(minutes=5):
        errors["arrived_at"] = translate("Visits", "The arrival time is in the future.")
    elif arrived < EARLIEST_VISIT:
        errors["arrived_at"] = translate("Visits", "The arrival time is before 2000.")
    values["arrived_at"] = arrived
    if data.outreach_id is not None:
        if not OutreachSession.select().where(OutreachSession.id == data.outreach_id).exists():
            errors["outreach"] = translate("Visits", "This outreach session no longer exists.")
        elif data.channel != "outreach":
            errors["channel"] = translate("Visits", "A visit of an outreach session is outreach.")
    values["outreach"] = data.outreach_id

    purposes: list[tuple[ServiceType, dict[str, object]]] = []
    if not data.purposes:
        errors["purposes"] = translate("Visits", "Choose at least one purpose of the visit.")
    ids = [p.service_id for p in data.purposes]
    if len(set(ids)) != len(ids):
        errors["purposes"] = translate("Visits", "A purpose is listed twice.")
    services = {s.id: s for s in ServiceType.select().where(ServiceType.id.in_(ids))} if ids else {}
    previous = {p.service_id: p for p in existing.purposes} if existing is not None else {}
    for purpose in data.purposes:
        service = services.get(purpose.service_id)
        if service is None:
            errors["purposes"] = translate(
                "Visits", "A chosen service is no longer in the catalogue."
            )
            continue
        if not service.active and purpose.service_id not in previous:
            errors["purposes"] = translate(
                "Visits", "The service “{name}” is no longer offered."
            ).format(name=service.name)
            continue
        clean, purpose_errors = _validate_purpose(
            purpose, service, on=on, previous=previous.get(purpose.service_id)
        )
        errors.update(purpose_errors)
        purposes.append((service, clean))
    if values.get("notes") and any(service.sensitive for service, _ in purposes):
        # Notes on a health or hardship service are health data (PIPL Art. 28).
        if data.person_id is None:
            errors["notes"] = translate(
                "Visits",
                "An anonymous visit for a health- or hardship-related service cannot carry "
                "notes: no consent can be on record. Leave the notes empty.",
            )
        elif not has_consent(data.person_id, "health"):
            errors["notes"] = translate(
                "Visits",
                "Notes on a health- or hardship-related service need the worker's consent to "
                "health data. Record the consent on their page first, or leave the notes empty.",
            )
    raise_field_errors(errors)
    return values, purposes


def _write_purposes(
    visit: Visit,
    purposes: list[tuple[ServiceType, dict[str, object]]],
    previous: dict[int, VisitPurpose],
) -> None:
    for service, values in purposes:
        completed = None
        old = previous.get(service.id)
        if old is not None and old.completed_at and values["outcome"] == old.outcome:
            completed = old.completed_at
        VisitPurpose.create(
            visit=visit,
            service=service,
            arrived_at=visit.arrived_at,
            completed_at=completed,
            **values,
        )


def _summary(values: dict[str, object], purposes: list[tuple[ServiceType, dict]]) -> dict:
    return {
        "channel": values["channel"],
        "person": values["person"],
        "rating": values["rating"],
        "purposes": {s.name: v["outcome"] for s, v in purposes},
        "missing": {s.name: v["materials_missing"] for s, v in purposes if v["materials_missing"]},
    }


def record_visit(actor: Staff, data: VisitInput) -> Visit:
    """Save a new visit with its purposes; the receiving staff member is the actor (首问负责)."""
    require(actor, "visit.create")
    values, purposes = _validate_visit(data)
    with transaction():
        moment = now()
        visit = Visit.create(staff=actor, created_at=moment, updated_at=moment, **values)
        _write_purposes(visit, purposes, {})
        if data.person_id is not None:
            mark_active([data.person_id], moment)
        audit(actor, "create", "visit", visit.id, _summary(values, purposes))
    changes.notify("visit")
    return rows_view(actor, [visit])[0]


def update_visit(actor: Staff, visit_id: int, data: VisitInput) -> Visit:
    """Correct a visit; the receiving staff member stays who it was."""
    require(actor, "visit.update")
    with transaction():
        visit = found(Visit, visit_id, translate("Visits", "This visit no longer exists."))
        previous = {p.service_id: p for p in visit.purposes}
        old_notes = visit.notes
        old_services = {p.service_id: p.service for p in previous.values()}
        before = _summary(
            {"channel": visit.channel, "person": visit.person_id, "rating": visit.rating},
            [
                (
                    old_services[sid],
                    {"outcome": p.outcome, "materials_missing": p.materials_missing},
                )
                for sid, p in previous.items()
            ],
        )
        values, purposes = _validate_visit(data, existing=visit)
        for key, value in values.items():
            setattr(visit, key, value)
        visit.updated_at = now()
        visit.save()
        VisitPurpose.delete().where(VisitPurpose.visit == visit.id).execute()
        _write_purposes(visit, purposes, previous)
        changed = diff(before, _summary(values, purposes))
        if values["notes"] != old_notes:
            changed["notes_changed"] = True
        audit(actor, "update", "visit", visit.id, changed)
    changes.notify("visit")
    return rows_view(actor, [visit])[0]


def get_visit(actor: Staff, visit_id: int) -> Visit:
    require(actor, "visit.read")
    visit = (
        Visit.select(Visit, Person, Staff)
        .join(Person, peewee.JOIN.LEFT_OUTER)
        .switch(Visit)
        .join(Staff)
        .where(Visit.id == visit_id)
        .first()
    )
    if visit is None:
        raise NotFound(translate("Visits", "This visit no longer exists."))
    return rows_view(actor, [visit])[0]


def purposes_of(visits: list[Visit]) -> dict[int, list[VisitPurpose]]:
    """The purposes of several visits in one query, keyed by visit id."""
    by_visit: dict[int, list[VisitPurpose]] = {v.id: [] for v in visits}
    if not visits:
        return by_visit
    query = (
        VisitPurpose.select(VisitPurpose, ServiceType)
        .join(ServiceType)
        .where(VisitPurpose.visit.in_(list(by_visit)))
        .order_by(VisitPurpose.id)
    )
    for purpose in query:
        by_visit[purpose.visit_id].append(purpose)
    return by_visit
