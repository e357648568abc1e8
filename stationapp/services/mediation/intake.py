"""Intake: validating and filing a case, its number, and what a desk has filed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from stationapp.db import found, is_sqlite, now, today, transaction
from stationapp.errors import PermissionDenied, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    APPLICATION_KINDS,
    CLAIM_CATEGORIES,
    COLLECTIVE_THRESHOLD,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseParty,
    MediationCase,
)
from stationapp.models.people import Organization, Person
from stationapp.models.visits import Visit
from stationapp.services import changes
from stationapp.services.accounts import audit, has_permission, require, station_settings
from stationapp.services.mediation._common import MAX_TEXT, _amount, translate
from stationapp.services.mediation.clocks import mediation_due_for
from stationapp.services.people import mark_active
from stationapp.services.validation import normalize_text


def format_number(year: int, prefix: str, sequence: int) -> str:
    """(2026)建工调字第0012号"""
    return f"({year}){prefix}字第{sequence:04d}号"


def _next_sequence(year: int) -> int:
    """Take the next number of ``year``; the caller holds the write lock (SQLite) and the
    counter row is locked FOR UPDATE (PostgreSQL), so two desks never get the same one."""
    CaseCounter.insert(year=year, last=0).on_conflict_ignore().execute()
    query = CaseCounter.select().where(CaseCounter.year == year)
    if not is_sqlite():
        query = query.for_update()
    counter = query.get()
    sequence = counter.last + 1
    CaseCounter.update(last=sequence).where(CaseCounter.year == year).execute()
    return sequence


@dataclass
class ClaimInput:
    category: str
    amount: str | Decimal | None = None
    description: str = ""


@dataclass
class CaseInput:
    applicant_ids: list[int]
    respondent_id: int | None
    application_kind: str = "written"
    matters: str = ""
    reasons: str = ""
    facts: str = ""
    claims: list[ClaimInput] = field(default_factory=list)
    date_knew: date | None = None
    employment_ended: date | None = None
    received_at: datetime | None = None
    visit_id: int | None = None


def parse_amount(raw: str | Decimal | None) -> Decimal | None:
    """A sum of money as typed (thousands separators allowed), None for nothing; raises
    ValueError for anything else (the ledger import reads amounts with it)."""
    return _amount(raw)


def _validate_case(data: CaseInput) -> tuple[dict[str, object], list[dict[str, object]]]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    on = today()
    if data.application_kind not in APPLICATION_KINDS:
        errors["application_kind"] = translate("Mediation", "Choose written or oral.")
    values["application_kind"] = data.application_kind
    applicants = list(dict.fromkeys(data.applicant_ids))
    if not applicants:
        errors["applicants"] = translate("Mediation", "Add at least one applicant.")
    elif Person.select().where(Person.id.in_(applicants)).count() != len(applicants):
        errors["applicants"] = translate("Mediation", "An applicant is no longer on file.")
    if (
        data.respondent_id is None
        or not Organization.select().where(Organization.id == data.respondent_id).exists()
    ):
        errors["respondent"] = translate("Mediation", "Choose the employer (the respondent).")
    values["respondent"] = data.respondent_id
    oral = data.application_kind == "oral"
    for name, limit, required in (
        ("matters", 4000, oral),
        ("reasons", 4000, oral),
        ("facts", MAX_TEXT, False),
    ):
        try:
            values[name] = normalize_text(
                getattr(data, name), field=name, max_length=limit, required=required
            )
        except ValidationError as exc:
            errors[name] = (
                translate(
                    "Mediation",
                    "An oral application must record this (LDMAL Art. 12).",
                )
                if required and not getattr(data, name).strip()
                else exc.message
            )
    claims: list[dict[str, object]] = []
    if not data.claims:
        errors["claims"] = translate("Mediation", "Add at least one claim.")
    for number, claim in enumerate(data.claims, start=1):
        if claim.category not in CLAIM_CATEGORIES:
            errors["claims"] = translate("Mediation", "Claim {n}: choose a category.").format(
                n=number
            )
            continue
        try:
            amount = _amount(claim.amount)
        except ValueError:
            errors["claims"] = translate(
                "Mediation", "Claim {n}: the amount must be a sum of money like 12000.50."
            ).format(n=number)
            continue
        try:
            description = normalize_text(claim.description, field="claims", max_length=2000)
        except ValidationError as exc:
            errors["claims"] = exc.message
            continue
        claims.append({"category": claim.category, "amount": amount, "description": description})
    for name in ("date_knew", "employment_ended"):
        value = getattr(data, name)
        if value is not None and value > on:
            errors[name] = translate("Mediation", "This date is in the future.")
        elif value is not None and value.year < 1990:
            errors[name] = translate("Mediation", "This date is before 1990.")
        values[name] = value
    received = data.received_at or now()
    if received > now() + timedelta(minutes=5):
        errors["received_at"] = translate("Mediation", "The application cannot be received later.")
    values["received_at"] = received
    if data.visit_id is not None and not Visit.select().where(Visit.id == data.visit_id).exists():
        errors["visit"] = translate("Mediation", "The visit no longer exists.")
    values["visit"] = data.visit_id
    values["collective"] = len(applicants) >= COLLECTIVE_THRESHOLD
    raise_field_errors(errors)
    return values, claims


def file_case(actor: Staff, data: CaseInput) -> MediationCase:
    """Register an application and give it the next case number of the year."""
    require(actor, "case.create")
    values, claims = _validate_case(data)
    prefix = station_settings().case_prefix
    received: datetime = values["received_at"]  # type: ignore[assignment]
    with transaction(lock=True):
        year = received.year
        sequence = _next_sequence(year)
        moment = now()
        case = MediationCase.create(
            year=year,
            sequence=sequence,
            number=format_number(year, prefix, sequence),
            mediation_due=mediation_due_for(received.date()),
            created_by=actor,
            created_at=moment,
            updated_at=moment,
            **values,
        )
        CaseParty.insert_many(
            [{"case": case.id, "person": pid} for pid in dict.fromkeys(data.applicant_ids)]
        ).execute()
        if claims:
            CaseClaim.insert_many([{"case": case.id, **c} for c in claims]).execute()
        CaseEvent.create(
            case=case, staff=actor, kind="transition", to_state="registered", at=moment
        )
        mark_active(data.applicant_ids, moment)
        audit(actor, "create", "case", case.id, {"number": case.number})
    changes.notify("case")
    return case


@dataclass(frozen=True)
class FiledCase:
    """What the front desk may know of a case it filed: its number and state, nothing more."""

    number: str
    state: str


def filed_case_summary(actor: Staff, case_id: int) -> FiledCase:
    case = found(MediationCase, case_id, translate("Mediation", "This case does not exist."))
    if not has_permission(actor, "case.read") and case.created_by_id != actor.id:
        raise PermissionDenied(translate("Mediation", "Only mediators may see this case."))
    return FiledCase(case.number, case.state)


def filed_by_me(actor: Staff, *, limit: int = 50) -> list[FiledCase]:
    """The cases this staff member filed, as number and state only (for the front desk)."""
    require(actor, "case.create")
    rows = (
        MediationCase.select(MediationCase.number, MediationCase.state)
        .where(MediationCase.created_by == actor.id)
        .order_by(MediationCase.received_at.desc())
        .limit(limit)
        .tuples()
    )
    return [FiledCase(number, state) for number, state in rows]
