"""A workplace's profile beyond its name (building, sector, size), its union (status and the
dates that go with it, chair, members reported, mediation committee) and the founding steps.

The status changes only by ``set_union_status``, which checks its dates: marking a founding step
(the assembly, the registration) never changes it silently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationapp.db import now, transaction
from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import UNION_FOUNDED, UNION_STATUSES, Building, Organization
from stationapp.models.workplaces import FOUNDING_STEPS, FoundingStep
from stationapp.services import changes, history
from stationapp.services.accounts import assign, audit, require
from stationapp.services.validation import (
    clean_texts,
    no_longer_on_file,
    normalize_phone,
    normalize_text,
)
from stationapp.services.workplaces._common import past_date, translate, workplace
from stationapp.services.writes import writing

MAX_EMPLOYEES = 1_000_000


@dataclass
class WorkplaceProfile:
    building_id: int | None = None
    sector: str = ""
    employees: int | None = None
    union_chair: str = ""
    union_contact: str = ""
    members_reported: int | None = None
    mediation_committee_since: date | None = None


@dataclass
class StepView:
    step: str
    done: FoundingStep | None


def _count(value: int | None, field: str, errors: dict[str, str]) -> int | None:
    if value is not None and not 0 <= value <= MAX_EMPLOYEES:
        errors[field] = translate("Workplaces", "Enter a number from 0 to {n}.").format(
            n=MAX_EMPLOYEES
        )
    return value


def _validate_profile(data: WorkplaceProfile) -> dict[str, object]:
    values, errors = clean_texts(data, (("sector", 50, False), ("union_chair", 50, False)))
    try:
        values["union_contact"] = normalize_phone(data.union_contact)
    except ValidationError as exc:
        errors["union_contact"] = exc.message
    try:
        values["mediation_committee_since"] = past_date(
            data.mediation_committee_since, "mediation_committee_since"
        )
    except ValidationError as exc:
        errors["mediation_committee_since"] = exc.message
    values["employees"] = _count(data.employees, "employees", errors)
    values["members_reported"] = _count(data.members_reported, "members_reported", errors)
    if (
        "employees" not in errors
        and "members_reported" not in errors
        and data.employees is not None
        and data.members_reported is not None
        and data.members_reported > data.employees
    ):
        errors["members_reported"] = translate(
            "Workplaces", "More members than employees: check both numbers."
        )
    if no_longer_on_file(Building, data.building_id):
        errors["building"] = translate("Workplaces", "This building is no longer on file.")
    values["building"] = data.building_id
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values


def update_profile(actor: Staff, org_id: int, data: WorkplaceProfile) -> Organization:
    """The building, sector, size, the union's chair and contact, the members it reports and the
    mediation committee; the union status has its own call."""
    require(actor, "workplace.manage")
    values = _validate_profile(data)
    building = values.pop("building")
    return _change(actor, org_id, "update_profile", values, building=building)


def _change(
    actor: Staff, org_id: int, action: str, values: dict[str, object], **more: object
) -> Organization:
    """Set ``values`` (and the building, when given in ``more``) on the locked workplace; save
    and audit what changed, under ``action``."""
    with transaction(lock=True):
        org = _locked(org_id)
        changed = assign(org, values)
        if "building" in more and org.building_id != more["building"]:
            changed["building"] = [org.building_id, more["building"]]
            org.building = more["building"]
        if changed:
            org.updated_at = now()
            org.save()
            audit(actor, action, "organization", org.id, changed)
    changes.notify("organization")
    return org


def _locked(org_id: int) -> Organization:
    return history.locked(
        Organization, org_id, translate("Workplaces", "This workplace is no longer on file.")
    )


def set_union_status(
    actor: Staff,
    org_id: int,
    status: str,
    *,
    preparing_since: date | None = None,
    founded_on: date | None = None,
) -> Organization:
    """Change the union status with its dates: "preparing" needs the day preparation began,
    a union founded needs its founding day (and a preparation before it, if given); "none"
    clears both."""
    require(actor, "workplace.founding")
    if status not in UNION_STATUSES:
        raise ValidationError(
            translate("Workplaces", "Choose the union status."), field="union_status"
        )
    if status == "none":
        preparing_since = founded_on = None
    elif status == "preparing":
        preparing_since = past_date(preparing_since, "union_preparing_since", required=True)
        founded_on = None
    else:
        founded_on = past_date(founded_on, "union_founded_on", required=True)
        preparing_since = past_date(preparing_since, "union_preparing_since")
        if preparing_since is not None and founded_on is not None and preparing_since > founded_on:
            raise ValidationError(
                translate("Workplaces", "Preparation cannot begin after the founding."),
                field="union_preparing_since",
            )
    return _change(
        actor,
        org_id,
        "union_status",
        {
            "union_status": status,
            "union_preparing_since": preparing_since,
            "union_founded_on": founded_on,
        },
    )


def dates_for_status(org: Organization, status: str) -> dict[str, object]:
    """The union dates that stay true when the status changes to ``status`` by the workplace
    form (services/people/organizations.py), which asks no dates: a date that contradicts the
    new status is cleared; a missing one stays unknown."""
    if status == "none":
        return {"union_preparing_since": None, "union_founded_on": None}
    if status == "preparing":
        return {"union_founded_on": None}
    return {}


def founding_steps(actor: Staff, org_id: int) -> list[StepView]:
    """Every founding step in order, with its record when it is done."""
    require(actor, "workplace.read")
    workplace(org_id)
    done = {s.step: s for s in FoundingStep.select().where(FoundingStep.organization == org_id)}
    return [StepView(step, done.get(step)) for step in FOUNDING_STEPS]


def mark_founding_step(
    actor: Staff, org_id: int, step: str, done_on: date | None, note: str = ""
) -> FoundingStep:
    """Record a step done on ``done_on`` (again: its date and note corrected). The status stays
    as it is: the assembly or the registration does not found the union by itself."""
    with writing(actor, "workplace.founding", notify="organization", lock=True):
        if step not in FOUNDING_STEPS:
            raise ValidationError(translate("Workplaces", "Choose a founding step."), field="step")
        day = past_date(done_on, "done_on", required=True)
        clean_note = normalize_text(note, field="note", max_length=200)
        org, record = _locked_step(org_id, step)
        if record is None:
            record = FoundingStep.create(
                organization=org.id, step=step, done_on=day, note=clean_note, staff=actor
            )
            details: dict[str, object] = {"step": step, "done_on": day, "note": clean_note}
        else:
            details = {"step": step, **assign(record, {"done_on": day, "note": clean_note})}
            record.staff = actor
            record.save()
        audit(actor, "founding_step", "organization", org.id, details)
    return record


def _locked_step(org_id: int, step: str) -> tuple[Organization, FoundingStep | None]:
    org = _locked(org_id)
    return org, FoundingStep.get_or_none(
        FoundingStep.organization == org.id, FoundingStep.step == step
    )


def undo_founding_step(actor: Staff, org_id: int, step: str) -> None:
    """A step marked by mistake is no longer done (audited with its date and note)."""
    require(actor, "workplace.founding")
    with transaction(lock=True):
        org, record = _locked_step(org_id, step)
        if record is None:
            return
        details = {"step": step, "done_on": record.done_on, "note": record.note}
        record.delete_instance()
        audit(actor, "undo_founding_step", "organization", org.id, details)
    changes.notify("organization")


def union_founded(status: str) -> bool:
    return status in UNION_FOUNDED
