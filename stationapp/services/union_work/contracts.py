"""Collective contracts: a workplace's own (工资专项集体合同 or 综合集体合同), or a building
federation's regional contract (区域性集体合同) for several of the building's workplaces.

A term runs one to three years (《集体合同规定》); a renewal is a new contract linked to the
earlier one, which is then shown as renewed. A contract's state comes from its dates on the day
asked: not yet in force, in force, expiring (its last day within ``EXPIRING_DAYS``), expired, or
renewed. A workplace is covered by its own contracts and by the regional contracts that list it;
``expiring_contract_org_ids`` keeps the workplaces whose cover ends within the window with
nothing to follow it (no renewal, no other contract lasting longer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

import peewee

from stationapp.db import today
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Building, Organization
from stationapp.models.union_work import CONTRACT_KINDS, CollectiveContract, ContractWorkplace
from stationapp.services import history
from stationapp.services.accounts import audit, require
from stationapp.services.union_work.common import (
    MAX_TEXT,
    add_months,
    past_day,
    refuse,
    translate,
)
from stationapp.services.validation import clean_texts
from stationapp.services.writes import writing

EXPIRING_DAYS = 60
MIN_TERM_MONTHS = 12
MAX_TERM_MONTHS = 36
MAX_CLAUSE = 200
MAX_EMPLOYEES = 1_000_000
MAX_INCREASE = Decimal("100")


@dataclass(frozen=True)
class ContractInput:
    kind: str
    signed_on: date | None
    starts_on: date | None
    ends_on: date | None
    registered_on: date | None = None
    wage_increase: Decimal | str | None = None  # percent
    minimum_wage_clause: bool = False
    minimum_wage_text: str = ""
    employees_covered: int | None = None
    notes: str = ""
    covered: tuple[int, ...] = ()  # a regional contract's workplaces


@dataclass(frozen=True)
class ContractView:
    contract: CollectiveContract
    state: str  # upcoming, in_force, expiring, expired, renewed
    party: str  # the workplace's name, or the building federation's
    regional: bool
    covered: list[str] = field(default_factory=list)  # a regional contract's workplaces
    renewed_by: int | None = None


def _increase(raw: Decimal | str | None) -> Decimal | None:
    text = str(raw if raw is not None else "").strip().rstrip("%").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("-1")
    if not value.is_finite() or not Decimal(0) <= value <= MAX_INCREASE:
        raise ValidationError(
            translate("UnionWork", "Give the increase as a percentage from 0 to 100, e.g. 5.5."),
            field="wage_increase",
        )
    return value.quantize(Decimal("0.01"))


def term_error(starts_on: date, ends_on: date) -> str:
    """Why a term from ``starts_on`` to ``ends_on`` (both included) is refused, or ""."""
    if ends_on < add_months(starts_on, MIN_TERM_MONTHS) - timedelta(days=1):
        return translate("UnionWork", "A collective contract runs at least one year.")
    if ends_on > add_months(starts_on, MAX_TERM_MONTHS):
        return translate("UnionWork", "A collective contract runs at most three years.")
    return ""


def _clean(data: ContractInput) -> dict[str, object]:
    values, errors = clean_texts(
        data, (("minimum_wage_text", MAX_CLAUSE, False), ("notes", MAX_TEXT, False))
    )
    if data.kind not in CONTRACT_KINDS:
        errors["kind"] = translate("UnionWork", "Choose the kind of contract.")
    past_day(
        data.signed_on, "signed_on", errors, translate("UnionWork", "Give the day it was signed.")
    )
    if data.registered_on is not None and data.signed_on and data.registered_on < data.signed_on:
        errors["registered_on"] = translate("UnionWork", "It is filed on or after its signing.")
    elif data.registered_on is not None and data.registered_on > today():
        errors["registered_on"] = translate("UnionWork", "The date cannot be in the future.")
    if data.starts_on is None:
        errors["starts_on"] = translate("UnionWork", "Give the first day of its term.")
    if data.ends_on is None:
        errors["ends_on"] = translate("UnionWork", "Give the last day of its term.")
    elif data.starts_on is not None and (problem := term_error(data.starts_on, data.ends_on)):
        errors["ends_on"] = problem
    try:
        values["wage_increase"] = _increase(data.wage_increase)
    except ValidationError as exc:
        errors["wage_increase"] = exc.message
    if data.employees_covered is not None and not 0 <= data.employees_covered <= MAX_EMPLOYEES:
        errors["employees_covered"] = translate(
            "UnionWork", "Give the number of employees covered."
        )
    if data.minimum_wage_clause and not values.get("minimum_wage_text", "x"):
        errors["minimum_wage_text"] = translate(
            "UnionWork", "Say what the minimum-wage clause provides."
        )
    refuse(errors)
    values.update(
        kind=data.kind,
        signed_on=data.signed_on,
        registered_on=data.registered_on,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        minimum_wage_clause=bool(data.minimum_wage_clause),
        employees_covered=data.employees_covered,
    )
    if not data.minimum_wage_clause:
        values["minimum_wage_text"] = ""
    return values


def _covered_ids(building_id: int, covered: Iterable[int]) -> list[int]:
    """The regional contract's workplaces: at least one, each an active workplace of the
    building."""
    wanted = sorted(set(covered))
    if not wanted:
        raise ValidationError(
            translate("UnionWork", "Choose the workplaces the contract covers."), field="covered"
        )
    found = {
        org_id
        for (org_id,) in Organization.select(Organization.id)
        .where(
            Organization.id.in_(wanted),
            Organization.building == building_id,
            Organization.active,
        )
        .tuples()
    }
    if found != set(wanted):
        raise ValidationError(
            translate("UnionWork", "Choose only active workplaces of this building."),
            field="covered",
        )
    return wanted


def _set_covered(contract: CollectiveContract, wanted: list[int]) -> None:
    """The regional contract's workplaces replaced by ``wanted``."""
    ContractWorkplace.delete().where(
        ContractWorkplace.contract == contract.id,
        ContractWorkplace.organization.not_in(wanted),
    ).execute()
    have = {
        org_id
        for (org_id,) in ContractWorkplace.select(ContractWorkplace.organization)
        .where(ContractWorkplace.contract == contract.id)
        .tuples()
    }
    rows = [{"contract": contract.id, "organization": o} for o in wanted if o not in have]
    if rows:
        ContractWorkplace.insert_many(rows).execute()


def _gone() -> str:
    return translate("UnionWork", "This contract no longer exists.")


def _details(contract: CollectiveContract, covered: list[int] | None = None) -> dict[str, object]:
    details: dict[str, object] = {
        "kind": contract.kind,
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
    }
    if contract.organization_id:
        details["workplace"] = contract.organization_id
    if contract.building_id:
        details["building"] = contract.building_id
    if covered is not None:
        details["covered"] = covered
    if contract.renews_id:
        details["renews"] = contract.renews_id
    return details


def _create(actor: Staff, values: dict[str, object], covered: list[int] | None, **party):
    contract = CollectiveContract.create(staff=actor, **party, **values)
    if covered is not None:
        _set_covered(contract, covered)
    audit(actor, "create", "collective_contract", contract.id, _details(contract, covered))
    return contract


def record_contract(actor: Staff, organization_id: int, data: ContractInput) -> CollectiveContract:
    """A workplace's own contract."""
    with writing(actor, "workplace.agreements", notify="organization"):
        values = _clean(data)
        if Organization.get_or_none(Organization.id == organization_id) is None:
            raise NotFound(translate("UnionWork", "This workplace no longer exists."))
        contract = _create(actor, values, None, organization=organization_id)
    return contract


def record_regional_contract(
    actor: Staff, building_id: int, data: ContractInput
) -> CollectiveContract:
    """A building federation's regional contract for the workplaces in ``data.covered``."""
    with writing(actor, "workplace.agreements", notify="organization"):
        values = _clean(data)
        if Building.get_or_none(Building.id == building_id) is None:
            raise NotFound(translate("UnionWork", "This building no longer exists."))
        covered = _covered_ids(building_id, data.covered)
        contract = _create(actor, values, covered, building=building_id)
    return contract


def update_contract(actor: Staff, contract_id: int, data: ContractInput) -> CollectiveContract:
    """A contract's details corrected; a regional contract's workplaces replaced."""
    with writing(actor, "workplace.agreements", notify="organization", lock=True):
        values = _clean(data)
        contract = history.locked(CollectiveContract, contract_id, _gone())
        covered = _covered_ids(contract.building_id, data.covered) if contract.building_id else None
        for name, value in values.items():
            setattr(contract, name, value)
        contract.save()
        if covered is not None:
            _set_covered(contract, covered)
        audit(actor, "update", "collective_contract", contract.id, _details(contract, covered))
    return contract


def renew_contract(actor: Staff, contract_id: int, data: ContractInput) -> CollectiveContract:
    """The contract that follows ``contract_id``, with the same party; a regional contract's
    workplaces are ``data.covered`` (the earlier ones when none are given)."""
    with writing(actor, "workplace.agreements", notify="organization", lock=True):
        values = _clean(data)
        earlier = history.locked(CollectiveContract, contract_id, _gone())
        if CollectiveContract.select().where(CollectiveContract.renews == earlier.id).exists():
            raise ValidationError(
                translate("UnionWork", "This contract has already been renewed."), field="kind"
            )
        if values["starts_on"] <= earlier.starts_on:
            raise ValidationError(
                translate("UnionWork", "The renewal starts after the earlier contract's start."),
                field="starts_on",
            )
        covered = None
        if earlier.building_id:
            wanted = data.covered or [c.organization_id for c in earlier.covered]
            covered = _covered_ids(earlier.building_id, wanted)
        contract = _create(
            actor,
            values,
            covered,
            organization=earlier.organization_id,
            building=earlier.building_id,
            renews=earlier.id,
        )
    return contract


# --- states and lists -------------------------------------------------------------------------


def state_of(contract: CollectiveContract, on: date, *, renewed: bool = False) -> str:
    if renewed:
        return "renewed"
    if contract.ends_on < on:
        return "expired"
    if contract.starts_on > on:
        return "upcoming"
    if (contract.ends_on - on).days <= EXPIRING_DAYS:
        return "expiring"
    return "in_force"


def _renewals(contract_ids: list[int]) -> dict[int, int]:
    """Earlier contract id -> the id of the contract renewing it."""
    if not contract_ids:
        return {}
    return dict(
        CollectiveContract.select(CollectiveContract.renews, CollectiveContract.id)
        .where(CollectiveContract.renews.in_(contract_ids))
        .tuples()
    )


def _covered_names(contract_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if not contract_ids:
        return names
    for contract_id, name in (
        ContractWorkplace.select(ContractWorkplace.contract, Organization.name)
        .join(Organization)
        .where(ContractWorkplace.contract.in_(contract_ids))
        .order_by(Organization.name)
        .tuples()
    ):
        names.setdefault(contract_id, []).append(name)
    return names


def _views(contracts: list[CollectiveContract], on: date) -> list[ContractView]:
    ids = [c.id for c in contracts]
    renewals = _renewals(ids)
    covered = _covered_names(ids)
    views = []
    for c in contracts:
        regional = c.building_id is not None
        party = (c.building.federation_name or c.building.name) if regional else c.organization.name
        views.append(
            ContractView(
                contract=c,
                state=state_of(c, on, renewed=c.id in renewals),
                party=party,
                regional=regional,
                covered=covered.get(c.id, []),
                renewed_by=renewals.get(c.id),
            )
        )
    return views


def _ordered(query: peewee.ModelSelect) -> list[CollectiveContract]:
    return list(query.order_by(CollectiveContract.starts_on.desc(), CollectiveContract.id.desc()))


def list_contracts(
    actor: Staff, organization_id: int, on: date | None = None
) -> list[ContractView]:
    """The workplace's own contracts and the regional contracts that cover it, the latest
    first, with their state on ``on`` (today)."""
    require(actor, "workplace.read")
    regional = ContractWorkplace.select(ContractWorkplace.contract).where(
        ContractWorkplace.organization == organization_id
    )
    query = CollectiveContract.select().where(
        (CollectiveContract.organization == organization_id) | CollectiveContract.id.in_(regional)
    )
    return _views(_ordered(query), on or today())


def regional_contracts(
    actor: Staff, building_id: int, on: date | None = None
) -> list[ContractView]:
    """The contracts the building's federation signed, the latest first."""
    require(actor, "workplace.read")
    query = CollectiveContract.select().where(CollectiveContract.building == building_id)
    return _views(_ordered(query), on or today())


def get_contract(actor: Staff, contract_id: int) -> ContractView:
    require(actor, "workplace.read")
    contract = CollectiveContract.get_or_none(CollectiveContract.id == contract_id)
    if contract is None:
        raise NotFound(_gone())
    return _views([contract], today())[0]


def covered_ids(actor: Staff, contract_id: int) -> list[int]:
    """The ids of the workplaces a regional contract covers."""
    require(actor, "workplace.read")
    return [
        org_id
        for (org_id,) in ContractWorkplace.select(ContractWorkplace.organization)
        .where(ContractWorkplace.contract == contract_id)
        .tuples()
    ]


def building_workplaces(actor: Staff, building_id: int) -> list[tuple[int, str]]:
    """(id, name) of the building's active workplaces, a regional contract's choice."""
    require(actor, "workplace.read")
    return list(
        Organization.select(Organization.id, Organization.name)
        .where(Organization.building == building_id, Organization.active)
        .order_by(Organization.name)
        .tuples()
    )


# --- cover per workplace ----------------------------------------------------------------------


def coverage(*conditions: peewee.Expression) -> list[tuple[int, CollectiveContract]]:
    """(workplace id, contract) for every contract meeting ``conditions``, once for its own
    workplace or once for each workplace a regional contract covers."""
    direct = CollectiveContract.select().where(
        CollectiveContract.organization.is_null(False), *conditions
    )
    pairs = [(c.organization_id, c) for c in direct]
    regional = (
        CollectiveContract.select(CollectiveContract, ContractWorkplace.organization)
        .join(ContractWorkplace)
        .where(*conditions)
    )
    pairs += [(c.contractworkplace.organization_id, c) for c in regional]
    return pairs


def _not_renewed() -> peewee.Expression:
    later = CollectiveContract.alias()
    return CollectiveContract.id.not_in(
        later.select(later.renews).where(later.renews.is_null(False))
    )


def expiring_contracts(
    on: date, within_days: int = EXPIRING_DAYS
) -> list[tuple[int, CollectiveContract]]:
    """(workplace id, contract) of the workplaces whose cover ends within ``within_days`` of
    ``on`` with nothing to follow it, the last_cover first."""
    horizon = on + timedelta(days=within_days)
    ending = coverage(
        CollectiveContract.starts_on <= on,
        CollectiveContract.ends_on >= on,
        CollectiveContract.ends_on <= horizon,
        _not_renewed(),
    )
    if not ending:
        return []
    lasting = {org_id for org_id, _c in coverage(CollectiveContract.ends_on > horizon)}
    last_cover: dict[int, CollectiveContract] = {}
    for org_id, contract in ending:
        if org_id in lasting:
            continue
        if org_id not in last_cover or contract.ends_on > last_cover[org_id].ends_on:
            last_cover[org_id] = contract
    return sorted(last_cover.items(), key=lambda pair: (pair[1].ends_on, pair[0]))


def expiring_contract_org_ids(on: date, within_days: int = EXPIRING_DAYS) -> set[int]:
    """The ids of the workplaces whose collective-contract cover expires within ``within_days``
    of ``on``: what the Workplaces tab's filter keeps (the list's own service checks
    ``workplace.read``)."""
    return {org_id for org_id, _c in expiring_contracts(on, within_days)}
