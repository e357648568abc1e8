"""Office buildings (楼宇) and their building union federations (楼宇联合会)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from stationapp.db import contains, excluding, found, lock_kind, now
from stationapp.errors import DuplicateFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Building, Organization
from stationapp.services import history
from stationapp.services.accounts import assign, audit, require, save_active
from stationapp.services.search_keys import normalize_search, phrase_search_text
from stationapp.services.validation import clean_texts, normalize_phone
from stationapp.services.workplaces._common import past_date, translate
from stationapp.services.writes import writing


@dataclass
class BuildingInput:
    name: str
    address: str = ""
    federation_name: str = ""
    federation_founded_on: date | None = None
    federation_chair: str = ""
    federation_contact: str = ""


@dataclass
class BuildingRow:
    building: Building
    workplaces: int


def _validate(data: BuildingInput) -> dict[str, object]:
    values, errors = clean_texts(
        data,
        (
            ("name", 100, True),
            ("address", 200, False),
            ("federation_name", 100, False),
            ("federation_chair", 50, False),
        ),
    )
    for key, check in (
        ("federation_contact", lambda: normalize_phone(data.federation_contact)),
        (
            "federation_founded_on",
            lambda: past_date(data.federation_founded_on, "federation_founded_on"),
        ),
    ):
        try:
            values[key] = check()
        except ValidationError as exc:
            errors[key] = exc.message
    if (
        not values.get("federation_name")
        and not errors
        and (values.get("federation_founded_on") or values.get("federation_chair"))
    ):
        errors["federation_name"] = translate(
            "Workplaces", "Enter the federation's name, or leave its other fields empty."
        )
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values


def _refuse_duplicate(name: object, building_id: int | None) -> None:
    clash = excluding(Building.select().where(Building.name == name), building_id)
    if clash.exists():
        raise DuplicateFound(
            translate("Workplaces", "A building with this name is already on file."),
            field="name",
            existing=list(clash),
        )


def create_building(actor: Staff, data: BuildingInput) -> Building:
    return _save(actor, None, data)


def update_building(actor: Staff, building_id: int, data: BuildingInput) -> Building:
    return _save(actor, building_id, data)


def _save(actor: Staff, building_id: int | None, data: BuildingInput) -> Building:
    """A new building (``building_id`` None) or the changes to one, checked and audited."""
    with writing(actor, "workplace.manage", notify="organization", lock=True):
        values = _validate(data)
        gone = translate("Workplaces", "This building is no longer on file.")
        lock_kind("building")
        _refuse_duplicate(values["name"], building_id)
        moment = now()
        if building_id is None:
            building = Building(created_at=moment)
            action, details = "create", values
        else:
            building = found(Building, building_id, gone)
            action = "update"
        changed = assign(building, {**values, "updated_at": moment})
        if action == "update":
            details = {k: v for k, v in changed.items() if k != "updated_at"}
        building.search_text = phrase_search_text(building.name)
        building.save()
        audit(actor, action, "building", building.id, details)
    return building


def deactivate_building(actor: Staff, building_id: int) -> Building:
    """No longer offer the building; its workplaces keep it."""
    return _set_active(actor, building_id, active=False)


def reactivate_building(actor: Staff, building_id: int) -> Building:
    return _set_active(actor, building_id, active=True)


def _set_active(actor: Staff, building_id: int, *, active: bool) -> Building:
    with writing(actor, "workplace.manage", notify="organization", lock=True):
        building = history.locked(
            Building, building_id, translate("Workplaces", "This building is no longer on file.")
        )
        if building.active != active:
            save_active(actor, building, "building", active, {"name": building.name})
    return building


def get_building(actor: Staff, building_id: int) -> Building:
    require(actor, "workplace.read")
    return found(
        Building, building_id, translate("Workplaces", "This building is no longer on file.")
    )


def search_buildings(
    actor: Staff, text: str = "", *, limit: int = 200, include_inactive: bool = False
) -> list[BuildingRow]:
    """Buildings by name, pinyin or initials, each with how many active workplaces it holds."""
    require(actor, "workplace.read")
    count = Organization.select(peewee.fn.COUNT(Organization.id)).where(
        Organization.building == Building.id, Organization.active
    )
    query = Building.select(Building, count.alias("workplace_count"))
    if not include_inactive:
        query = query.where(Building.active)
    q = normalize_search(text)
    if q:
        query = query.where(contains(Building.search_text, q, folded=True))
    return [
        BuildingRow(b, int(b.workplace_count or 0))
        for b in query.order_by(Building.name).limit(limit)
    ]
