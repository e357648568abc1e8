"""Sessions, agreements and their obligations, performance and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from stationapp.db import found, now, today, transaction
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    Agreement,
    CaseEvent,
    CaseFollowUp,
    CaseSession,
    MediationCase,
    Obligation,
)
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.mediation._common import (
    MAX_TEXT,
    _amount,
    _locked_case,
    _record_step,
    translate,
)
from stationapp.services.mediation.states import missing_for_effect, state_label
from stationapp.services.rooms.links import _holding, _use_hold
from stationapp.services.validation import normalize_text, normalize_texts


@dataclass
class SessionInput:
    held_at: datetime
    place: str = ""
    attendees: str = ""
    record: str = ""
    signed_by_parties: bool = False
    signed_by_mediator: bool = False
    planned_id: int | None = None  # the planned session this records: the same row, now held


def _check_open(case: MediationCase, states: tuple[str, ...]) -> None:
    if case.state not in states:
        raise ValidationError(
            translate("Mediation", "Not possible while the case is “{state}”.").format(
                state=state_label(case.state)
            ),
            field="state",
        )


def _advance(case: MediationCase, actor: Staff, to_state: str) -> None:
    """The step a case takes by itself as its work moves on (an agreement drafted, a first
    obligation performed), recorded as a transition of the one who did the work."""
    previous = case.state
    case.state = to_state
    _record_step(case, actor, "transition", from_state=previous, to_state=to_state)


def session_values(data: SessionInput) -> dict[str, object]:
    """A session's place, attendees and record as they are kept; raises ValidationError."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    fields = (("place", 200, False), ("attendees", 1000, False), ("record", MAX_TEXT, False))
    normalize_texts(data, fields, values=values, errors=errors)
    if "record" not in errors and not str(values.get("record", "")).strip():
        errors["record"] = translate("Mediation", "Write the record of the session.")
    if data.held_at > now() + timedelta(minutes=5):
        errors["held_at"] = translate("Mediation", "The session cannot be in the future.")
    raise_field_errors(errors)
    return values


def session_event(place: str) -> str:
    """The timeline's line for a session."""
    return translate("Mediation", "Session at {place}").format(place=place or "—")


SESSION_STATES = ("accepted", "in_mediation", "agreement_draft")


def add_session(actor: Staff, case_id: int, data: SessionInput) -> CaseSession:
    require(actor, "case.manage")
    values = session_values(data)
    with transaction():
        case = _locked_case(case_id)
        _check_open(case, SESSION_STATES)
        values.update(
            held_at=data.held_at,
            signed_by_parties=data.signed_by_parties,
            signed_by_mediator=data.signed_by_mediator,
        )
        session = _record_planned(case, data.planned_id, values)
        if session is None:
            session = CaseSession.create(case=case, **values)
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="session",
            reason=session_event(str(values["place"])),
        )
        details: dict[str, object] = {"case": case.id}
        if data.planned_id is not None:
            details["planned"] = data.planned_id
        audit(actor, "create", "case_session", session.id, details)
    changes.notify("case")
    if data.planned_id is not None:
        changes.notify("room_booking")
    return session


def _record_planned(
    case: MediationCase, planned_id: int | None, values: dict[str, object]
) -> CaseSession | None:
    """The planned session, recorded as held (its room booking marked used); None when the
    session was not planned."""
    if planned_id is None:
        return None
    session = CaseSession.get_or_none(
        CaseSession.id == planned_id, CaseSession.case == case.id, CaseSession.state == "planned"
    )
    if session is None:
        raise ValidationError(
            translate("Mediation", "This session is no longer planned."), field="state"
        )
    if not values.get("place"):
        values["place"] = session.place
    CaseSession.update(state="held", ends_at=None, **values).where(
        CaseSession.id == session.id
    ).execute()
    _use_hold(_holding(case_session_id=session.id), values["held_at"])  # type: ignore[arg-type]
    return CaseSession.get_by_id(session.id)


@dataclass
class ObligationInput:
    description: str
    amount: str | Decimal | None = None
    due_on: date | None = None


@dataclass
class AgreementInput:
    terms: str
    obligations: list[ObligationInput] = field(default_factory=list)
    signed_applicant: bool = False
    signed_respondent: bool = False
    signed_mediator: bool = False
    sealed_organization: bool = False


def agreement_values(data: AgreementInput) -> tuple[str, list[dict[str, object]]]:
    """An agreement's terms and obligations as they are kept; raises ValidationError."""
    errors: dict[str, str] = {}
    try:
        terms = normalize_text(data.terms, field="terms", max_length=MAX_TEXT, required=True)
    except ValidationError:
        errors["terms"] = translate("Mediation", "Write the terms of the agreement.")
        terms = ""
    obligations: list[dict[str, object]] = []
    for number, item in enumerate(data.obligations, start=1):
        if not item.description.strip() and item.amount in (None, "") and item.due_on is None:
            continue
        try:
            description = normalize_text(
                item.description, field="obligations", max_length=1000, required=True
            )
            amount = _amount(item.amount)
        except (ValidationError, ValueError):
            errors["obligations"] = translate(
                "Mediation", "Obligation {n}: say what is to be done and a valid amount."
            ).format(n=number)
            continue
        obligations.append({"description": description, "amount": amount, "due_on": item.due_on})
    raise_field_errors(errors)
    return terms, obligations


AGREEMENT_STATES = ("in_mediation", "agreement_draft")


def save_agreement(actor: Staff, case_id: int, data: AgreementInput) -> Agreement:
    """Write or rewrite the draft agreement with its obligations, and its signatures so far."""
    require(actor, "case.manage")
    terms, obligations = agreement_values(data)
    with transaction(lock=True):
        case = _locked_case(case_id)
        _check_open(case, AGREEMENT_STATES)
        agreement = (
            Agreement.select()
            .where(Agreement.case == case.id)
            .order_by(Agreement.id.desc())
            .first()
        )
        if agreement is None or agreement.effective_at is not None:
            agreement = Agreement.create(case=case, terms=terms)
        agreement.terms = terms
        agreement.signed_applicant = data.signed_applicant
        agreement.signed_respondent = data.signed_respondent
        agreement.signed_mediator = data.signed_mediator
        agreement.sealed_organization = data.sealed_organization
        agreement.save()
        Obligation.delete().where(Obligation.agreement == agreement.id).execute()
        if obligations:
            Obligation.insert_many(
                [{"agreement": agreement.id, **o} for o in obligations]
            ).execute()
        if case.state == "in_mediation":
            _advance(case, actor, "agreement_draft")
        audit(
            actor,
            "save_agreement",
            "case",
            case.id,
            {"obligations": len(obligations), "signatures": missing_for_effect(agreement)},
        )
    changes.notify("case")
    return agreement


def performance_values(
    *, performed_on: date, amount: str | Decimal | None, proof: str
) -> tuple[Decimal | None, str]:
    """What was paid and its proof as they are kept; raises ValidationError."""
    errors: dict[str, str] = {}
    if performed_on > today():
        errors["performed_on"] = translate("Mediation", "This date is in the future.")
    try:
        paid = _amount(amount)
    except ValueError:
        errors["amount"] = translate(
            "Mediation", "The amount must be a sum of money like 12000.50."
        )
        paid = None
    try:
        clean_proof = normalize_text(proof, field="proof", max_length=2000, required=True)
    except ValidationError:
        errors["proof"] = translate("Mediation", "Say what proves it (receipt, transfer slip...).")
        clean_proof = ""
    raise_field_errors(errors)
    return paid, clean_proof


def performance_event(description: str) -> str:
    """The timeline's line for an obligation performed."""
    return translate("Mediation", "Performed: {what}").format(what=description)


PERFORMANCE_STATES = ("agreement_effective", "performing", "defaulted", "performed")


def follow_up_notes(held_on: date, notes: str) -> str:
    """A follow-up's notes as they are kept; raises ValidationError for a day to come."""
    if held_on > today():
        raise ValidationError(
            translate("Mediation", "This date is in the future."), field="held_on"
        )
    return normalize_text(notes, field="notes", max_length=4000, required=True)


def follow_up_event(notes: str) -> str:
    """The timeline's line for a follow-up: the start of its notes."""
    return notes[:200]


def record_performance(
    actor: Staff,
    obligation_id: int,
    *,
    performed_on: date,
    amount: str | Decimal | None,
    proof: str,
) -> Obligation:
    """The respondent did what the agreement says (with proof: a receipt, a bank slip...)."""
    require(actor, "case.manage")
    paid, clean_proof = performance_values(performed_on=performed_on, amount=amount, proof=proof)
    with transaction():
        obligation = found(
            Obligation, obligation_id, translate("Mediation", "This obligation does not exist.")
        )
        agreement = Agreement.get_by_id(obligation.agreement_id)
        case = _locked_case(agreement.case_id)
        _check_open(case, PERFORMANCE_STATES)
        obligation.performed_on = performed_on
        obligation.performed_amount = paid
        obligation.proof = clean_proof
        obligation.save()
        if case.state == "agreement_effective":
            _advance(case, actor, "performing")
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="performance",
            reason=performance_event(obligation.description),
        )
        audit(actor, "performance", "case", case.id, {"obligation": obligation.id})
    changes.notify("case")
    return obligation


def add_follow_up(actor: Staff, case_id: int, *, held_on: date, notes: str) -> CaseFollowUp:
    """A follow-up visit (回访): did the agreement hold, how is the worker?"""
    require(actor, "case.manage")
    clean = follow_up_notes(held_on, notes)
    with transaction():
        case = _locked_case(case_id)
        record = CaseFollowUp.create(case=case, held_on=held_on, staff=actor, notes=clean)
        CaseEvent.create(case=case, staff=actor, kind="follow_up", reason=follow_up_event(clean))
        audit(actor, "create", "case_follow_up", record.id, {"case": case.id})
    changes.notify("case")
    return record
