"""Workplaces (organisations): checking, creating, updating, finding, deactivating, deleting."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, found, now, transaction
from stationapp.errors import DuplicateFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.people import ORG_KINDS, UNION_STATUSES, Organization
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.search_keys import normalize_search, phrase_search_text
from stationapp.services.validation import normalize_phone, normalize_text
from stationapp.services.writes import locked_write, switch_active, taken, update_named

translate = QCoreApplication.translate


@dataclass
class OrganizationInput:
    name: str
    kind: str = "company"
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    union_status: str = "none"


def _validate_organization(data: OrganizationInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for key, fn in (
        ("name", lambda: normalize_text(data.name, field="name", max_length=100, required=True)),
        ("address", lambda: normalize_text(data.address, field="address", max_length=200)),
        (
            "contact_name",
            lambda: normalize_text(data.contact_name, field="contact_name", max_length=50),
        ),
        ("contact_phone", lambda: normalize_phone(data.contact_phone)),
    ):
        try:
            values[key] = fn()
        except ValidationError as exc:
            errors[key] = exc.message
    if data.kind not in ORG_KINDS:
        errors["kind"] = translate("People", "Choose the kind of workplace.")
    if data.union_status not in UNION_STATUSES:
        errors["union_status"] = translate("People", "Choose the union status.")
    values["kind"] = data.kind
    values["union_status"] = data.union_status
    raise_field_errors(errors)
    return values


def create_organization(actor: Staff, data: OrganizationInput) -> Organization:
    require(actor, "organization.manage")
    v = _validate_organization(data)
    with locked_write("organization"):  # the name check holds until the commit
        _refuse_taken_name(str(v["name"]))
        moment = now()
        org = Organization.create(
            **v,
            search_text=phrase_search_text(v["name"]),
            created_at=moment,
            updated_at=moment,
        )
        audit(actor, "create", "organization", org.id, v)
    return org


def update_organization(actor: Staff, org_id: int, data: OrganizationInput) -> Organization:
    require(actor, "organization.manage")
    v = _validate_organization(data)
    with locked_write("organization"):
        org = found(Organization, org_id, _gone())
        _refuse_taken_name(str(v["name"]), exclude_id=org_id)
        if v["union_status"] != org.union_status:
            # The workplaces' services load with the first status change, not at start.
            from stationapp.services.workplaces.union import dates_for_status

            v = {**v, **dates_for_status(org, str(v["union_status"]))}
        audit(actor, "update", "organization", org.id, update_named(org, v))
    return org


def _gone() -> str:
    return translate("People", "This workplace is no longer on file.")


def _refuse_taken_name(name: str, *, exclude_id: int | None = None) -> None:
    existing = taken(Organization.name, name, exclude_id=exclude_id)
    if existing:
        raise DuplicateFound(
            translate("People", "A workplace with this name is already on file."),
            field="name",
            existing=existing,
        )


def search_organizations(
    actor: Staff, text: str, *, limit: int = 20, include_inactive: bool = False
) -> list[Organization]:
    require(actor, "organization.read")
    query = Organization.select()
    if not include_inactive:
        query = query.where(Organization.active)
    q = normalize_search(text)
    if q:
        query = query.where(contains(Organization.search_text, q, folded=True))
    return list(query.order_by(Organization.name).limit(limit))


def get_organization(actor: Staff, org_id: int) -> Organization:
    require(actor, "organization.read")
    return found(Organization, org_id, _gone())


def organization_history_counts(org_id: int) -> dict[str, int]:
    """Everything that names the workplace (its workers, cases, outreach, box loans, quotas)."""
    return history.references(Organization, org_id)


def deactivate_organization(actor: Staff, org_id: int) -> Organization:
    """Take the workplace out of the choices offered; records naming it keep it."""
    return _set_organization_active(actor, org_id, active=False)


def reactivate_organization(actor: Staff, org_id: int) -> Organization:
    return _set_organization_active(actor, org_id, active=True)


def _set_organization_active(actor: Staff, org_id: int, *, active: bool) -> Organization:
    return switch_active(
        actor, "organization.deactivate", Organization, org_id, active, _gone(), "organization"
    )


def delete_organization(actor: Staff, org_id: int) -> None:
    """Delete a workplace entered by mistake; only while no record refers to it."""
    require(actor, "organization.delete")
    with transaction(lock=True):
        org = history.locked(Organization, org_id, _gone())
        history.refuse_if_referenced(
            organization_history_counts(org.id),
            translate(
                "People",
                "{name} is still referred to ({history}), so it cannot be deleted; "
                "deactivate it instead.",
            ),
            name=org.name,
        )
        snapshot = history.snapshot(
            org,
            ("name", "kind", "address", "contact_name", "contact_phone", "union_status", "active"),
        )
        org.delete_instance()
        audit(actor, "delete", "organization", org_id, snapshot)
    changes.notify("organization")


def org_kind_label(kind: str) -> str:
    return {
        "company": translate("People", "Company"),
        "office_building": translate("People", "Office building"),
        "community": translate("People", "Community"),
        "public_institution": translate("People", "Public institution"),
    }.get(kind, kind)


def union_status_label(status: str) -> str:
    return {
        "own_union": translate("People", "Own union"),
        "joint_union": translate("People", "Joint union"),
        "preparing": translate("People", "Union being founded"),
        "none": translate("People", "No union"),
    }.get(status, status)
