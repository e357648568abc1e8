"""Worker visits: the service catalogue, recording and correcting visits, follow-ups, the log,
satisfaction, outreach sessions, and the Excel export."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, lock_kind, now, today, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person
from stationapp.models.visits import (
    CHANNELS,
    ELIGIBILITY_CHECKS,
    MATERIAL_KINDS,
    OUTCOMES,
    RATINGS,
    OutreachSession,
    ServiceType,
    Visit,
    VisitPurpose,
)
from stationapp.services import bulk, changes
from stationapp.services.accounts import audit, diff, require
from stationapp.services.consent import has_consent
from stationapp.services.people import hands_people, rows_view, true_birth_date
from stationapp.services.retirement import DEFAULT_FEMALE_CATEGORY, statutory_retirement
from stationapp.services.search_keys import normalize_search, phrase_search_text
from stationapp.services.spreadsheet import Cancelled, TableExport
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

MAX_NOTES = 1000
MAX_FOLLOW_UP_DAYS = 366
# The follow-up for missing materials when the service's time limit names no number of days.
DEFAULT_FOLLOW_UP_DAYS = 7
EARLIEST_VISIT = datetime(2000, 1, 1)
MINIMUM_WORKING_AGE = 16


# --- labels -----------------------------------------------------------------------------------


def channel_label(channel: str) -> str:
    return {
        "walk_in": translate("Visits", "Walk-in"),
        "phone": translate("Visits", "Phone"),
        "outreach": translate("Visits", "Outreach"),
    }.get(channel, channel)


def outcome_label(outcome: str) -> str:
    return {
        "done": translate("Visits", "Done"),
        "referred": translate("Visits", "Referred"),
        "waiting": translate("Visits", "Waiting for materials"),
        "declined": translate("Visits", "Declined"),
    }.get(outcome, outcome)


def rating_label(rating: str) -> str:
    return {
        "satisfied": translate("Visits", "Satisfied"),
        "basically_satisfied": translate("Visits", "Basically satisfied"),
        "dissatisfied": translate("Visits", "Dissatisfied"),
        "unrated": translate("Visits", "Not rated"),
    }.get(rating, rating)


def material_kind_label(kind: str) -> str:
    return {
        "original": translate("Visits", "Original"),
        "copy": translate("Visits", "Copy"),
        "original_and_copy": translate("Visits", "Original and copy"),
    }.get(kind, kind)


def eligibility_label(code: str) -> str:
    return {
        "member": translate("Visits", "Union members only"),
        "member_card": translate("Visits", "Needs a member card (京卡)"),
        "working_age": translate("Visits", "Ages 16 to retirement"),
    }.get(code, code)


# --- the catalogue ------------------------------------------------------------------------------


@dataclass
class ServiceInput:
    name: str
    category: str = ""
    basis: str = ""
    materials: list[dict[str, object]] = field(default_factory=list)
    steps: str = ""
    time_limit: str = ""
    fee: str = ""
    place_contact: str = ""
    eligibility: list[str] = field(default_factory=list)
    eligibility_note: str = ""
    active: bool = True


def list_services(actor: Staff, *, include_inactive: bool = False) -> list[ServiceType]:
    require(actor, "catalogue.read")
    query = ServiceType.select().order_by(ServiceType.position, ServiceType.id)
    if not include_inactive:
        query = query.where(ServiceType.active)
    return list(query)


def search_services(actor: Staff, text: str, *, limit: int = 20) -> list[ServiceType]:
    """Active services whose name, pinyin or initials contain what was typed."""
    require(actor, "catalogue.read")
    query = ServiceType.select().where(ServiceType.active)
    q = normalize_search(text)
    if q:
        query = query.where(contains(ServiceType.search_text, q, folded=True))
    return list(query.order_by(ServiceType.position, ServiceType.id).limit(limit))


def get_service(actor: Staff, service_id: int) -> ServiceType:
    require(actor, "catalogue.read")
    service = ServiceType.get_or_none(ServiceType.id == service_id)
    if service is None:
        raise NotFound(translate("Visits", "This service is no longer in the catalogue."))
    return service


def _clean_materials(raw: list[dict[str, object]]) -> list[dict[str, object]]:
    cleaned: list[dict[str, object]] = []
    seen: set[str] = set()
    for item in raw:
        name = normalize_text(str(item.get("name", "")), field="materials", max_length=100)
        if not name:
            continue
        if name in seen:
            raise ValidationError(
                translate("Visits", "The material “{name}” is listed twice.").format(name=name),
                field="materials",
            )
        seen.add(name)
        kind = str(item.get("kind", "original"))
        if kind not in MATERIAL_KINDS:
            raise ValidationError(
                translate("Visits", "Choose original, copy, or both for “{name}”.").format(
                    name=name
                ),
                field="materials",
            )
        try:
            copies = int(item.get("copies", 1))  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            copies = 0
        if not 1 <= copies <= 20:
            raise ValidationError(
                translate("Visits", "The number of copies of “{name}” must be 1 to 20.").format(
                    name=name
                ),
                field="materials",
            )
        cleaned.append(
            {
                "name": name,
                "kind": kind,
                "copies": copies,
                "issuer": normalize_text(
                    str(item.get("issuer", "")), field="materials", max_length=100
                ),
                "note": normalize_text(
                    str(item.get("note", "")), field="materials", max_length=200
                ),
            }
        )
    return cleaned


def _validate_service(data: ServiceInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    checks: list[tuple[str, Callable[[], object]]] = [
        ("name", lambda: normalize_text(data.name, field="name", max_length=100, required=True)),
        ("category", lambda: normalize_text(data.category, field="category", max_length=50)),
        ("basis", lambda: normalize_text(data.basis, field="basis", max_length=2000)),
        ("materials", lambda: _clean_materials(data.materials)),
        ("steps", lambda: normalize_text(data.steps, field="steps", max_length=4000)),
        ("time_limit", lambda: normalize_text(data.time_limit, field="time_limit", max_length=200)),
        ("fee", lambda: normalize_text(data.fee, field="fee", max_length=100)),
        (
            "place_contact",
            lambda: normalize_text(data.place_contact, field="place_contact", max_length=1000),
        ),
        (
            "eligibility_note",
            lambda: normalize_text(
                data.eligibility_note, field="eligibility_note", max_length=1000
            ),
        ),
    ]
    for name, check in checks:
        try:
            values[name] = check()
        except ValidationError as exc:
            errors[name] = exc.message
    unknown = set(data.eligibility) - set(ELIGIBILITY_CHECKS)
    if unknown:
        errors["eligibility"] = translate("Visits", "Unknown eligibility check.")
    values["eligibility"] = [c for c in ELIGIBILITY_CHECKS if c in set(data.eligibility)]
    values["active"] = bool(data.active)
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values


def _name_taken(name: str, exclude_id: int | None = None) -> ValidationError | None:
    query = ServiceType.select().where(ServiceType.name == name)
    if exclude_id is not None:
        query = query.where(ServiceType.id != exclude_id)
    if query.exists():
        return ValidationError(
            translate("Visits", "A service with this name is already in the catalogue."),
            field="name",
        )
    return None


def create_service(actor: Staff, data: ServiceInput) -> ServiceType:
    require(actor, "catalogue.manage")
    values = _validate_service(data)
    with transaction(lock=True):
        lock_kind("service")  # PostgreSQL: the name check holds until the commit
        clash = _name_taken(str(values["name"]))
        if clash:
            raise clash
        last = ServiceType.select(peewee.fn.MAX(ServiceType.position)).scalar() or 0
        service = ServiceType.create(
            **values,
            position=last + 1,
            search_text=phrase_search_text(str(values["name"])),
            updated_at=now(),
        )
        audit(actor, "create", "service", service.id, {"name": values["name"]})
    changes.notify("service")
    return service


def update_service(actor: Staff, service_id: int, data: ServiceInput) -> ServiceType:
    require(actor, "catalogue.manage")
    values = _validate_service(data)
    with transaction(lock=True):
        service = ServiceType.get_or_none(ServiceType.id == service_id)
        if service is None:
            raise NotFound(translate("Visits", "This service is no longer in the catalogue."))
        lock_kind("service")
        clash = _name_taken(str(values["name"]), exclude_id=service_id)
        if clash:
            raise clash
        before = {k: getattr(service, k) for k in values}
        for key, value in values.items():
            setattr(service, key, value)
        service.search_text = phrase_search_text(service.name)
        service.updated_at = now()
        service.save()
        audit(actor, "update", "service", service.id, diff(before, values))
    changes.notify("service")
    return service


# --- eligibility ------------------------------------------------------------------------------


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
    if purpose.outcome == "referred":
        try:
            values["referred_to"] = normalize_text(
                purpose.referred_to, field="referred_to", max_length=200, required=True
            )
        except ValidationError:
            errors[prefix + "referred_to"] = translate(
                "Visits", "Say to whom the visitor was referred (at most 200 characters)."
            )
    elif purpose.outcome == "declined":
        try:
            values["decline_reason"] = normalize_text(
                purpose.decline_reason, field="decline_reason", max_length=500, required=True
            )
        except ValidationError:
            errors[prefix + "decline_reason"] = translate(
                "Visits", "Give the reason for declining (at most 500 characters)."
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
    try:
        values["notes"] = normalize_text(data.notes, field="notes", max_length=MAX_NOTES)
    except ValidationError as exc:
        errors["notes"] = exc.message
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
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
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
            Person.update(last_activity_at=moment).where(Person.id == data.person_id).execute()
        audit(actor, "create", "visit", visit.id, _summary(values, purposes))
    changes.notify("visit")
    return rows_view(actor, [visit])[0]


def update_visit(actor: Staff, visit_id: int, data: VisitInput) -> Visit:
    """Correct a visit; the receiving staff member stays who it was."""
    require(actor, "visit.update")
    with transaction():
        visit = Visit.get_or_none(Visit.id == visit_id)
        if visit is None:
            raise NotFound(translate("Visits", "This visit no longer exists."))
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


# --- follow-ups ---------------------------------------------------------------------------------


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
        purpose = VisitPurpose.get_or_none(VisitPurpose.id == purpose_id)
        if purpose is None:
            raise NotFound(translate("Visits", "This follow-up no longer exists."))
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


# --- the log ------------------------------------------------------------------------------------


@dataclass
class VisitFilter:
    date_from: date | None = None
    date_to: date | None = None
    service_id: int | None = None
    channel: str | None = None
    staff_id: int | None = None
    outcome: str | None = None
    person_id: int | None = None

    def __post_init__(self) -> None:
        # A channel or outcome comes from a list; one that is none of them matches no visit.
        # PostgreSQL cannot even be asked about a NUL, so such a value is replaced by one that
        # no visit holds either.
        for name in ("channel", "outcome"):
            value = getattr(self, name)
            if value and "\x00" in value:
                setattr(self, name, value.replace("\x00", "\ufffd"))


def _visit_conditions(filt: VisitFilter, arrived: peewee.Field) -> list[peewee.Expression]:
    conditions: list[peewee.Expression] = []
    if filt.date_from:
        conditions.append(arrived >= datetime.combine(filt.date_from, time.min))
    if filt.date_to and filt.date_to < date.max:  # the last day there is: no upper bound
        conditions.append(arrived < datetime.combine(filt.date_to + timedelta(days=1), time.min))
    if filt.channel:
        conditions.append(Visit.channel == filt.channel)
    if filt.staff_id:
        conditions.append(Visit.staff == filt.staff_id)
    if filt.person_id:
        conditions.append(Visit.person == filt.person_id)
    return conditions


def _purpose_conditions(filt: VisitFilter) -> list[peewee.Expression]:
    conditions: list[peewee.Expression] = []
    if filt.service_id:
        conditions.append(VisitPurpose.service == filt.service_id)
    if filt.outcome:
        conditions.append(VisitPurpose.outcome == filt.outcome)
    return conditions


def _visit_ids_query(filt: VisitFilter) -> peewee.ModelSelect:
    """The ids of the visits ``filt`` selects, newest first.

    With a service filter (and no person) the purposes' (service, arrival) index leads, so a rare
    service is found without walking every visit; the visits are joined only when a filter needs
    them. Otherwise the visits' own indexes lead and the purpose conditions become one EXISTS
    probe of the (visit, service) or (outcome, visit) index.
    """
    visit_side = bool(filt.channel or filt.staff_id or filt.person_id)
    if filt.service_id and not filt.person_id:
        conditions = _purpose_conditions(filt) + _visit_conditions(filt, VisitPurpose.arrived_at)
        query = VisitPurpose.select(VisitPurpose.visit.alias("id"))
        if visit_side:
            query = query.join(Visit)
        return query.where(*conditions).order_by(
            VisitPurpose.arrived_at.desc(), VisitPurpose.visit.desc()
        )
    conditions = _visit_conditions(filt, Visit.arrived_at)
    purpose = _purpose_conditions(filt)
    if purpose:
        conditions.append(
            peewee.fn.EXISTS(
                VisitPurpose.select(peewee.SQL("1")).where(VisitPurpose.visit == Visit.id, *purpose)
            )
        )
    query = Visit.select(Visit.id)
    if conditions:
        query = query.where(*conditions)
    return query.order_by(Visit.arrived_at.desc(), Visit.id.desc())


def list_visits(actor: Staff, filt: VisitFilter, *, offset: int, limit: int) -> list[Visit]:
    """One page of the log, newest first, with person and staff joined."""
    require(actor, "visit.read")
    ids = [row.id for row in _visit_ids_query(filt).offset(offset).limit(limit).objects()]
    if not ids:
        return []
    order = {visit_id: i for i, visit_id in enumerate(ids)}
    visits = list(
        Visit.select(Visit, Person, Staff)
        .join(Person, peewee.JOIN.LEFT_OUTER)
        .switch(Visit)
        .join(Staff)
        .where(Visit.id.in_(ids))
    )
    visits.sort(key=lambda v: order[v.id])
    return rows_view(actor, visits)


# Outcomes other than "done" are the exceptions: few purposes carry them.
RARE_OUTCOMES = frozenset({"referred", "waiting", "declined"})


def count_visits(actor: Staff, filt: VisitFilter) -> int:
    require(actor, "visit.read")
    only_outcome = filt.outcome and not (
        filt.service_id or filt.person_id or filt.date_from or filt.date_to
    )
    if only_outcome and (not (filt.channel or filt.staff_id) or filt.outcome in RARE_OUTCOMES):
        # Counted from the purposes with that outcome: the covering (outcome, visit) index, in
        # visit order, so DISTINCT needs no temporary table.
        query = VisitPurpose.select(peewee.fn.COUNT(VisitPurpose.visit.distinct())).where(
            VisitPurpose.outcome == filt.outcome
        )
        if filt.channel or filt.staff_id:
            query = query.join(Visit).where(*_visit_conditions(filt, Visit.arrived_at))
        return query.scalar() or 0
    return _visit_ids_query(filt).order_by().count()


def person_visits(actor: Staff, person_id: int, *, limit: int = 50) -> list[Visit]:
    return list_visits(actor, VisitFilter(person_id=person_id), offset=0, limit=limit)


@dataclass(frozen=True)
class DayCount:
    service_name: str
    count: int


def day_counts(actor: Staff, *, day: date | None = None) -> list[DayCount]:
    """Purposes asked for on ``day`` (today by default), most asked first."""
    require(actor, "visit.read")
    day = day or today()
    start = datetime.combine(day, time.min)
    end = start + timedelta(days=1)
    rows = (
        VisitPurpose.select(ServiceType.name, peewee.fn.COUNT(VisitPurpose.id).alias("n"))
        .join(ServiceType)
        .where(VisitPurpose.arrived_at >= start, VisitPurpose.arrived_at < end)
        .group_by(ServiceType.name)
        .order_by(peewee.fn.COUNT(VisitPurpose.id).desc(), ServiceType.name)
        .tuples()
    )
    return [DayCount(name, count) for name, count in rows]


def visits_on(actor: Staff, *, day: date | None = None) -> int:
    require(actor, "visit.read")
    start = datetime.combine(day or today(), time.min)
    return (
        Visit.select()
        .where(Visit.arrived_at >= start, Visit.arrived_at < start + timedelta(days=1))
        .count()
    )


@dataclass(frozen=True)
class Satisfaction:
    rated: int
    satisfied: int

    @property
    def rate(self) -> float | None:
        """Satisfied plus basically satisfied, over the rated visits (None if none was rated)."""
        return self.satisfied / self.rated if self.rated else None


def month_satisfaction(actor: Staff, *, month: date | None = None) -> Satisfaction:
    require(actor, "visit.read")
    first = (month or today()).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    rows = dict(
        Visit.select(Visit.rating, peewee.fn.COUNT(Visit.id))
        .where(
            Visit.arrived_at >= datetime.combine(first, time.min),
            Visit.arrived_at < datetime.combine(following, time.min),
            Visit.rating != "unrated",
        )
        .group_by(Visit.rating)
        .tuples()
    )
    rated = sum(rows.values())
    return Satisfaction(
        rated=rated,
        satisfied=rows.get("satisfied", 0) + rows.get("basically_satisfied", 0),
    )


# --- export ---------------------------------------------------------------------------------


def export_visits(
    actor: Staff,
    filt: VisitFilter,
    path: Path,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write the filtered log to an Excel (.xlsx) or CSV file; returns the rows written.

    ``progress(done, total)`` is called every few hundred rows; returning False cancels, and
    nothing is written (a file the user chose to replace survives). Formula-like text is
    neutralised (services.spreadsheet). The rows are read as plain values, a batch of visits at
    a time with their people and purposes, not as records (issue #22).
    """
    require(actor, "visit.export")
    total = count_visits(actor, filt)
    header = [
        translate("Visits", "Arrived"),
        translate("Visits", "Visitor"),
        translate("Visits", "Phone"),
        translate("Visits", "Channel"),
        translate("Visits", "Purposes and outcomes"),
        translate("Visits", "Missing materials"),
        translate("Visits", "Received by"),
        translate("Visits", "Rating"),
        translate("Visits", "Notes"),
    ]
    anonymous = translate("Visits", "Anonymous")
    channels = {code: channel_label(code) for code in CHANNELS}
    outcomes = {code: outcome_label(code) for code in OUTCOMES}
    ratings = {code: rating_label(code) for code in RATINGS}
    services = dict(ServiceType.select(ServiceType.id, ServiceType.name).tuples())
    staff = dict(Staff.select(Staff.id, Staff.display_name).tuples())
    ids = [visit_id for (visit_id,) in _visit_ids_query(filt).tuples()]
    written = 0
    try:
        with TableExport(path, translate("Visits", "Visits"), header) as table:
            for start in range(0, len(ids), EXPORT_BATCH):
                for visit, person, own in _export_batch(ids[start : start + EXPORT_BATCH]):
                    _id, arrived, _person, channel, staff_id, rating, notes = visit
                    name, phone = person if person is not None else (anonymous, "")
                    table.append(
                        [
                            arrived,
                            name,
                            phone,
                            channels.get(channel, channel),
                            "；".join(
                                f"{services.get(service_id, '')}：{outcomes.get(outcome, outcome)}"
                                for service_id, outcome, _missing in own
                            ),
                            "；".join("、".join(missing) for _s, _o, missing in own if missing),
                            staff.get(staff_id, ""),
                            ratings.get(rating, rating),
                            notes,
                        ]
                    )
                    written += 1
                if progress is not None and not progress(written, total):
                    raise Cancelled
    except Cancelled:
        return written
    with transaction():
        audit(actor, "export", "visit", None, {"rows": written, "file": path.name})
    return written


EXPORT_BATCH = 1000


def _export_batch(
    ids: list[int],
) -> Iterator[tuple[tuple, tuple[str, str] | None, list[tuple[int, str, list[str]]]]]:
    """The visits of ``ids`` in that order, each with its person's name and phone (None when
    anonymous) and its purposes (service id, outcome, missing materials), in three queries."""
    visits = {
        row[0]: row
        for row in bulk.rows_with(
            (
                Visit.id,
                Visit.arrived_at,
                Visit.person,
                Visit.channel,
                Visit.staff,
                Visit.rating,
                Visit.notes,
            ),
            Visit.id,
            ids,
        )
    }
    people = {
        person_id: (name, phone)
        for person_id, name, phone in bulk.rows_with(
            (Person.id, Person.name, Person.phone),
            Person.id,
            {row[2] for row in visits.values() if row[2] is not None},
        )
    }
    purposes: dict[int, list[tuple[int, str, list[str]]]] = {visit_id: [] for visit_id in ids}
    for visit_id, service_id, outcome, missing in bulk.rows_with(
        (
            VisitPurpose.visit,
            VisitPurpose.service,
            VisitPurpose.outcome,
            VisitPurpose.materials_missing,
        ),
        VisitPurpose.visit,
        ids,
    ):
        purposes[visit_id].append((service_id, outcome, missing))
    for visit_id in ids:
        visit = visits.get(visit_id)
        if visit is not None:  # deleted while the file was written
            yield visit, people.get(visit[2]), purposes[visit_id]


# --- outreach -----------------------------------------------------------------------------------


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
    try:
        clean_notes = normalize_text(notes, field="notes", max_length=MAX_NOTES)
    except ValidationError as exc:
        errors["notes"] = exc.message
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
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
    session = OutreachSession.get_or_none(OutreachSession.id == session_id)
    if session is None:
        raise NotFound(translate("Visits", "This outreach session no longer exists."))
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
                Person.update(last_activity_at=moment).where(Person.id == data.person_id).execute()
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
