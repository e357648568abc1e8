"""The plans of each year (在职职工住院医疗互助保障, 重大疾病, 意外伤害, 女职工特殊疾病): cover
period, premium, waiting period, benefit rules, claim deadline and the materials checklist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from stationapp.db import excluding
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import BENEFIT_KINDS, PLAN_KINDS, AidPlan
from stationapp.models.visits import ServiceType
from stationapp.services.accounts import audit, require
from stationapp.services.mutual_aid._common import (
    EARLIEST_YEAR,
    MAX_MATERIAL_NAME,
    MAX_MATERIALS,
    MAX_NAME,
    a_date,
    money,
    translate,
)
from stationapp.services.validation import clean_text
from stationapp.services.writes import writing

MAX_WAITING_DAYS = 365
MAX_CLAIM_DAYS = 3650
DEFAULT_CLAIM_DAYS = 90


@dataclass
class PlanInput:
    name: str = ""
    kind: str = "hospital"
    year: int = 0
    cover_start: date | None = None
    cover_end: date | None = None
    premium: Decimal | str | None = None
    waiting_days: int = 0
    benefit_kind: str = "rate"
    rate: Decimal | str | None = None  # percent
    deductible: Decimal | str | None = None
    cap_per_claim: Decimal | str | None = None
    cap_per_year: Decimal | str | None = None
    fixed_sum: Decimal | str | None = None
    claim_days: int = DEFAULT_CLAIM_DAYS
    service_id: int | None = None
    materials: list[str] = field(default_factory=list)
    active: bool = True


def _whole(value: object, name: str, low: int, high: int, errors: dict[str, str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[name] = translate("MutualAid", "Give a whole number from {low} to {high}.").format(
            low=low, high=high
        )
        return low
    return value


def _check(data: PlanInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    values["name"] = clean_text(data.name, "name", errors, limit=MAX_NAME, required=True)
    if data.kind not in PLAN_KINDS:
        errors["kind"] = translate("MutualAid", "Choose the kind of plan.")
    values["kind"] = data.kind
    values["year"] = _whole(data.year, "year", EARLIEST_YEAR, 2100, errors)
    start = a_date(
        data.cover_start, "cover_start", errors, translate("MutualAid", "Give the cover's start.")
    )
    end = a_date(
        data.cover_end, "cover_end", errors, translate("MutualAid", "Give the cover's end.")
    )
    if start and end and end < start:
        errors["cover_end"] = translate("MutualAid", "The cover ends before it starts.")
    values["cover_start"], values["cover_end"] = start, end
    values["premium"] = money(data.premium, "premium", errors, required=True)
    values["waiting_days"] = _whole(data.waiting_days, "waiting_days", 0, MAX_WAITING_DAYS, errors)
    values["claim_days"] = _whole(data.claim_days, "claim_days", 1, MAX_CLAIM_DAYS, errors)
    if data.benefit_kind not in BENEFIT_KINDS:
        errors["benefit_kind"] = translate("MutualAid", "Choose how the benefit is worked out.")
    values["benefit_kind"] = data.benefit_kind
    values["deductible"] = money(data.deductible, "deductible", errors) or Decimal("0.00")
    values["cap_per_claim"] = money(data.cap_per_claim, "cap_per_claim", errors)
    values["cap_per_year"] = money(data.cap_per_year, "cap_per_year", errors)
    values["rate"] = values["fixed_sum"] = None
    if data.benefit_kind == "rate":
        rate = money(data.rate, "rate", errors, required=True)
        if rate is not None and not Decimal(0) < rate <= 100:
            errors["rate"] = translate("MutualAid", "The rate is a percentage from 0 to 100.")
        values["rate"] = rate
    elif data.benefit_kind == "fixed":
        values["fixed_sum"] = money(data.fixed_sum, "fixed_sum", errors, required=True)
    materials: list[str] = []
    for name in data.materials:
        text = " ".join(str(name).split())
        if text and text not in materials:
            materials.append(text[:MAX_MATERIAL_NAME])
    if len(materials) > MAX_MATERIALS:
        errors["materials"] = translate("MutualAid", "At most 30 materials.")
    values["materials"] = materials
    values["service"] = None
    if data.service_id is not None:
        if not ServiceType.select().where(ServiceType.id == data.service_id).exists():
            errors["service"] = translate("MutualAid", "This service is not in the catalogue.")
        values["service"] = data.service_id
    values["active"] = bool(data.active)
    raise_field_errors(errors)
    return values


def _name_taken(values: dict[str, object], plan_id: int | None) -> None:
    query = AidPlan.select().where(AidPlan.year == values["year"], AidPlan.name == values["name"])
    if excluding(query, plan_id).exists():
        raise ValidationError(
            translate("MutualAid", "A plan of this name exists for that year."), field="name"
        )


def create_plan(actor: Staff, data: PlanInput) -> AidPlan:
    with writing(actor, "aid.plans", notify="aid", lock=True):
        values = _check(data)
        _name_taken(values, None)
        plan = AidPlan.create(**values)
        audit(actor, "create", "aid_plan", plan.id, {"name": plan.name, "year": plan.year})
    return plan


def update_plan(actor: Staff, plan_id: int, data: PlanInput) -> AidPlan:
    with writing(actor, "aid.plans", notify="aid", lock=True):
        values = _check(data)
        plan = get_plan(actor, plan_id)
        _name_taken(values, plan.id)
        changed = [
            name
            for name, value in values.items()
            if (plan.service_id if name == "service" else getattr(plan, name)) != value
        ]
        AidPlan.update(**values).where(AidPlan.id == plan.id).execute()
        audit(actor, "update", "aid_plan", plan.id, {"changed": sorted(changed)})
    return AidPlan.get_by_id(plan_id)


def get_plan(actor: Staff, plan_id: int) -> AidPlan:
    require(actor, "aid.read")
    plan = AidPlan.get_or_none(AidPlan.id == plan_id)
    if plan is None:
        raise NotFound(translate("MutualAid", "This plan is no longer on file."))
    return plan


def list_plans(
    actor: Staff, *, year: int | None = None, active_only: bool = False
) -> list[AidPlan]:
    """The plans, newest year first, then by kind."""
    require(actor, "aid.read")
    query = AidPlan.select()
    if year is not None:
        query = query.where(AidPlan.year == year)
    if active_only:
        query = query.where(AidPlan.active)
    order = {kind: index for index, kind in enumerate(PLAN_KINDS)}
    return sorted(query, key=lambda p: (-p.year, order.get(p.kind, len(order)), p.name))


def checklist(plan: AidPlan) -> list[str]:
    """The materials a claim needs: the catalogue service's list where the plan names a service
    that has one, else the plan's own."""
    if plan.service_id is not None:
        service = ServiceType.get_or_none(ServiceType.id == plan.service_id)
        names = [str(m.get("name", "")).strip() for m in (service.materials if service else [])]
        names = [name for name in names if name]
        if names:
            return names
    return list(plan.materials)
