"""The service catalogue: what the desk offers, its materials and eligibility, and the labels of
the visits' codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, found, now
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.visits import ELIGIBILITY_CHECKS, MATERIAL_KINDS, ServiceType
from stationapp.services.accounts import audit, require

translate = QCoreApplication.translate

# The search keys (and validation, which they use) and the saving steps are imported when a
# service is searched for by text, saved or checked: the register form's first paint lists the
# catalogue without them (issue 22).


MAX_NOTES = 1000
MAX_FOLLOW_UP_DAYS = 366
# The follow-up for missing materials when the service's time limit names no number of days.
DEFAULT_FOLLOW_UP_DAYS = 7
EARLIEST_VISIT = datetime(2000, 1, 1)
MINIMUM_WORKING_AGE = 16


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
    if text:  # the empty search (the list before anything is typed) needs no search key
        from stationapp.services.search_keys import normalize_search

        q = normalize_search(text)
        if q:
            query = query.where(contains(ServiceType.search_text, q, folded=True))
    return list(query.order_by(ServiceType.position, ServiceType.id).limit(limit))


def get_service(actor: Staff, service_id: int) -> ServiceType:
    require(actor, "catalogue.read")
    return found(
        ServiceType, service_id, translate("Visits", "This service is no longer in the catalogue.")
    )


def _clean_materials(raw: list[dict[str, object]]) -> list[dict[str, object]]:
    from stationapp.services.validation import normalize_text

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
    from stationapp.services.validation import normalize_text

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
    raise_field_errors(errors)
    return values


def _refuse_taken_name(name: str, *, exclude_id: int | None = None) -> None:
    from stationapp.services.writes import taken

    if taken(ServiceType.name, name, exclude_id=exclude_id):
        raise ValidationError(
            translate("Visits", "A service with this name is already in the catalogue."),
            field="name",
        )


def create_service(actor: Staff, data: ServiceInput) -> ServiceType:
    from stationapp.services.search_keys import phrase_search_text
    from stationapp.services.writes import locked_write

    require(actor, "catalogue.manage")
    values = _validate_service(data)
    with locked_write("service"):  # the name check holds until the commit
        _refuse_taken_name(str(values["name"]))
        last = ServiceType.select(peewee.fn.MAX(ServiceType.position)).scalar() or 0
        service = ServiceType.create(
            **values,
            position=last + 1,
            search_text=phrase_search_text(str(values["name"])),
            updated_at=now(),
        )
        audit(actor, "create", "service", service.id, {"name": values["name"]})
    return service


def update_service(actor: Staff, service_id: int, data: ServiceInput) -> ServiceType:
    from stationapp.services.writes import locked_write, update_named

    require(actor, "catalogue.manage")
    values = _validate_service(data)
    with locked_write("service"):
        service = found(
            ServiceType,
            service_id,
            translate("Visits", "This service is no longer in the catalogue."),
        )
        _refuse_taken_name(str(values["name"]), exclude_id=service_id)
        audit(actor, "update", "service", service.id, update_named(service, values))
    return service
