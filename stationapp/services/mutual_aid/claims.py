"""Claims (二次报销 after medical insurance): the eligibility check on submitting, the amount by
the plan's rules, and the states: submitted -> returned for materials -> submitted again;
approved -> paid; refused.

A claim is health data (PIPL Art. 28): none without the worker's health consent on record, and
only the roles with ``aid.claims`` see claims. Withdrawing the consent empties the claim's
diagnosis and notes; the amounts stay for the accounts. Approving, refusing, paying and
accepting a late claim are ``aid.decide``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import peewee

from stationapp.db import excluding, found_first, now, today
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import OPEN_STATES, AidClaim, AidEnrolment, AidPlan
from stationapp.models.people import Person
from stationapp.services import history
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.consent import has_consent
from stationapp.services.mutual_aid._common import (
    CENT,
    MAX_HEALTH_TEXT,
    MAX_REASON,
    a_date,
    claim_state_label,
    money,
    translate,
    yuan,
)
from stationapp.services.mutual_aid.plans import checklist
from stationapp.services.people import hands_people
from stationapp.services.validation import clean_text, normalize_text
from stationapp.services.writes import writing

# The event of a hospitalisation claim is the admission; the deadline runs from the discharge.
HOSPITAL = "hospital"


@dataclass
class ClaimInput:
    enrolment_id: int | None = None
    admitted_on: date | None = None
    discharged_on: date | None = None
    event_on: date | None = None  # for plans other than hospitalisation
    claimed_on: date | None = None
    total_expenses: Decimal | str | None = None
    insurance_paid: Decimal | str | None = None
    claimed_amount: Decimal | str | None = None  # the amount left after insurance, by default
    materials_done: list[str] = field(default_factory=list)
    diagnosis: str = ""
    notes: str = ""
    late_reason: str = ""  # accepting a claim after the deadline (aid.decide)


@dataclass
class ClaimFilter:
    state: str | None = None
    person_id: int | None = None
    plan_id: int | None = None


@dataclass
class ClaimDetail:
    """A claim's page: the claim with its enrolment, plan and person, the checklist, the
    deadline, and what the plan's yearly cap has left besides this claim."""

    claim: AidClaim
    plan: AidPlan
    checklist: list[str]
    deadline: date
    year_left: Decimal | None  # None: no yearly cap

    @property
    def missing(self) -> list[str]:
        return [name for name in self.checklist if name not in self.claim.materials_done]


def _gone() -> str:
    return translate("MutualAid", "This claim is no longer on file.")


def deadline_of(plan: AidPlan, *, event_on: date, discharged_on: date | None) -> date:
    """The last day to claim: the plan's days after the discharge, or after the event."""
    return (discharged_on or event_on) + timedelta(days=plan.claim_days)


def year_used(enrolment_id: int, *, besides: int | None = None) -> Decimal:
    """What the enrolment's claims take from the yearly cap: paid amounts, approved amounts,
    and the computed amounts of claims still open; refused claims take nothing."""
    query = excluding(AidClaim.select().where(AidClaim.enrolment == enrolment_id), besides)
    total = Decimal("0.00")
    for claim in query:
        if claim.state == "paid":
            total += yuan(claim.paid_amount)
        elif claim.state == "approved":
            total += yuan(claim.approved_amount)
        elif claim.state in OPEN_STATES:
            total += yuan(claim.computed_amount)
    return total


def _left(plan: AidPlan, used: Decimal) -> Decimal | None:
    if plan.cap_per_year is None:
        return None
    return max(Decimal("0.00"), yuan(plan.cap_per_year) - used)


def compute_amount(plan: AidPlan, claimed: Decimal, *, year_left: Decimal | None) -> Decimal:
    """The benefit by the plan's rules: a rate of the amount claimed less the deductible,
    capped per claim; or the fixed sum; then no more than the yearly cap has left."""
    if plan.benefit_kind == "fixed":
        amount = yuan(plan.fixed_sum)
    else:
        base = max(Decimal("0.00"), claimed - yuan(plan.deductible))
        rate = Decimal(plan.rate or 0)
        amount = (base * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if plan.cap_per_claim is not None:
            amount = min(amount, yuan(plan.cap_per_claim))
    if year_left is not None:
        amount = min(amount, year_left)
    return amount


def _texts(data: ClaimInput, errors: dict[str, str]) -> dict[str, str]:
    return {
        "diagnosis": clean_text(data.diagnosis, "diagnosis", errors, limit=MAX_HEALTH_TEXT),
        "notes": clean_text(data.notes, "notes", errors, limit=MAX_HEALTH_TEXT),
        "late_reason": clean_text(data.late_reason, "late_reason", errors, limit=MAX_REASON),
    }


def _dates(plan: AidPlan, data: ClaimInput, errors: dict[str, str]) -> dict[str, date | None]:
    """The event's dates as the plan needs them: admission and discharge for a hospitalisation,
    else the event date (a discharge optional)."""
    day = today()
    claimed_on = a_date(
        data.claimed_on, "claimed_on", errors, translate("MutualAid", "Give the claim date.")
    )
    if claimed_on and claimed_on > day:
        errors["claimed_on"] = translate("MutualAid", "The claim date is in the future.")
    admitted = discharged = None
    if plan.kind == HOSPITAL:
        admitted = a_date(
            data.admitted_on,
            "admitted_on",
            errors,
            translate("MutualAid", "Give the admission date."),
        )
        discharged = a_date(
            data.discharged_on,
            "discharged_on",
            errors,
            translate("MutualAid", "Give the discharge date."),
        )
        event = admitted
    else:
        event = a_date(
            data.event_on, "event_on", errors, translate("MutualAid", "Give the date of the event.")
        )
        discharged = data.discharged_on if isinstance(data.discharged_on, date) else None
        admitted = data.admitted_on if isinstance(data.admitted_on, date) else None
    if admitted and discharged and discharged < admitted:
        errors["discharged_on"] = translate("MutualAid", "The discharge is before the admission.")
    if event and event > day:
        errors["event_on" if plan.kind != HOSPITAL else "admitted_on"] = translate(
            "MutualAid", "The date is in the future."
        )
    if claimed_on and (discharged or event) and claimed_on < (discharged or event):
        errors["claimed_on"] = translate("MutualAid", "The claim date is before the event.")
    return {
        "admitted_on": admitted,
        "discharged_on": discharged,
        "event_on": event,
        "claimed_on": claimed_on,
    }


def _amounts(plan: AidPlan, data: ClaimInput, errors: dict[str, str]) -> dict[str, Decimal | None]:
    total = money(
        data.total_expenses, "total_expenses", errors, required=plan.benefit_kind == "rate"
    )
    insurance = money(data.insurance_paid, "insurance_paid", errors)
    claimed = money(data.claimed_amount, "claimed_amount", errors)
    if total is not None and insurance is not None and insurance > total:
        errors["insurance_paid"] = translate(
            "MutualAid", "Medical insurance paid more than the total expenses."
        )
    left = None if total is None else total - (insurance or Decimal("0.00"))
    if claimed is None and "claimed_amount" not in errors:
        claimed = left if plan.benefit_kind == "rate" else yuan(plan.fixed_sum)
    if claimed is not None and left is not None and left >= 0 and claimed > left:
        errors["claimed_amount"] = translate(
            "MutualAid", "The claim is more than what is left after medical insurance ({left})."
        ).format(left=left)
    return {"total_expenses": total, "insurance_paid": insurance, "claimed_amount": claimed}


def _eligible(
    actor: Staff,
    enrolment: AidEnrolment,
    plan: AidPlan,
    when: dict[str, date | None],
    late_reason: str,
    errors: dict[str, str],
) -> None:
    """The eligibility check: enrolled, the event within the cover and after the waiting
    period, the claim within the deadline (or a late claim accepted with its reason)."""
    event = when["event_on"]
    event_field = "admitted_on" if plan.kind == HOSPITAL else "event_on"
    if event is not None and event_field not in errors:
        waiting_ends = enrolment.enrolled_on + timedelta(days=plan.waiting_days)
        if event < plan.cover_start or event > plan.cover_end:
            errors[event_field] = translate(
                "MutualAid", "The event is outside the plan's cover ({start} to {end})."
            ).format(start=plan.cover_start.isoformat(), end=plan.cover_end.isoformat())
        elif event < waiting_ends:
            errors[event_field] = translate(
                "MutualAid",
                "The event falls in the waiting period: cover starts on {day} for this worker.",
            ).format(day=waiting_ends.isoformat())
    claimed_on = when["claimed_on"]
    if event is not None and claimed_on is not None and "claimed_on" not in errors:
        last = deadline_of(plan, event_on=event, discharged_on=when["discharged_on"])
        if claimed_on > last:
            if not late_reason:
                errors["claimed_on"] = translate(
                    "MutualAid",
                    "The claim is late: the deadline was {day}. A late claim is accepted only "
                    "with the reason, by the head of the station.",
                ).format(day=last.isoformat())
            elif not has_permission(actor, "aid.decide"):
                errors["late_reason"] = translate(
                    "MutualAid", "Only the head of the station may accept a late claim."
                )
        elif late_reason:
            errors["late_reason"] = translate(
                "MutualAid",
                "The claim is within the deadline: leave the reason for lateness empty.",
            )


def _consent(person_id: int) -> None:
    if not has_consent(person_id, "health"):
        raise ValidationError(
            translate(
                "MutualAid",
                "Record the worker's consent to keep health data before taking a claim.",
            ),
            field="person",
        )


def _materials(plan: AidPlan, ticked: list[str]) -> list[str]:
    names = checklist(plan)
    return [name for name in names if name in set(ticked)]


def submit_claim(actor: Staff, data: ClaimInput) -> AidClaim:
    """Take a claim at the desk, checked for eligibility; each failure at its field."""
    with writing(actor, "aid.claims", notify="aid", lock=True):
        errors: dict[str, str] = {}
        if data.enrolment_id is None:
            raise ValidationError(
                translate("MutualAid", "Choose the plan the worker is enrolled in."),
                field="enrolment",
            )
        enrolment = history.locked(
            AidEnrolment,
            data.enrolment_id,
            translate("MutualAid", "The worker is not enrolled in this plan."),
        )
        plan = AidPlan.get_by_id(enrolment.plan_id)
        history.locked(
            Person, enrolment.person_id, translate("MutualAid", "This person is no longer on file.")
        )
        _consent(enrolment.person_id)
        texts = _texts(data, errors)
        when = _dates(plan, data, errors)
        amounts = _amounts(plan, data, errors)
        _eligible(actor, enrolment, plan, when, texts["late_reason"], errors)
        left = _left(plan, year_used(enrolment.id))
        if left is not None and left <= 0 and "claimed_amount" not in errors:
            errors["claimed_amount"] = translate(
                "MutualAid", "The plan's yearly cap of {cap} yuan is used up for this worker."
            ).format(cap=yuan(plan.cap_per_year))
        raise_field_errors(errors)
        computed = compute_amount(plan, amounts["claimed_amount"] or Decimal(0), year_left=left)
        moment = now()
        claim = AidClaim.create(
            enrolment=enrolment.id,
            person=enrolment.person_id,
            **when,
            **amounts,
            computed_amount=computed,
            state="submitted",
            materials_done=_materials(plan, data.materials_done),
            diagnosis=texts["diagnosis"],
            notes=texts["notes"],
            late_reason=texts["late_reason"],
            late_by=actor.id if texts["late_reason"] else None,
            staff=actor.id,
            created_at=moment,
            updated_at=moment,
        )
        audit(
            actor,
            "submit",
            "aid_claim",
            claim.id,
            {
                "person": enrolment.person_id,
                "plan": plan.id,
                "claimed": str(amounts["claimed_amount"]),
                "computed": str(computed),
                "late": bool(texts["late_reason"]),
            },
        )
    return claim


def _locked_claim(claim_id: int, states: tuple[str, ...]) -> AidClaim:
    claim = history.locked(AidClaim, claim_id, _gone())
    if claim.state not in states:
        raise ValidationError(
            translate("MutualAid", "The claim is {state}: this step is not open to it.").format(
                state=claim_state_label(claim.state)
            ),
            field="state",
        )
    return claim


def _reason(text: str, name: str, message: str) -> str:
    clean = normalize_text(text, field=name, max_length=MAX_REASON)
    if not clean:
        raise ValidationError(message, field=name)
    return clean


def _save(actor: Staff, claim: AidClaim, action: str, details: dict[str, object]) -> AidClaim:
    claim.updated_at = now()
    claim.save()
    audit(actor, action, "aid_claim", claim.id, {"person": claim.person_id, **details})
    return claim


def tick_materials(actor: Staff, claim_id: int, ticked: list[str]) -> AidClaim:
    """The checklist's materials handed in, while the claim waits for a decision."""
    with writing(actor, "aid.claims", notify="aid", lock=True):
        claim = _locked_claim(claim_id, OPEN_STATES)
        plan = AidPlan.get_by_id(AidEnrolment.get_by_id(claim.enrolment_id).plan_id)
        claim.materials_done = _materials(plan, ticked)
        _save(actor, claim, "materials", {"ticked": len(claim.materials_done)})
    return claim


def return_claim(actor: Staff, claim_id: int, reason: str) -> AidClaim:
    """Hand the claim back for materials, saying which."""
    with writing(actor, "aid.claims", notify="aid", lock=True):
        clean = _reason(
            reason, "return_reason", translate("MutualAid", "Say which materials are missing.")
        )
        claim = _locked_claim(claim_id, ("submitted",))
        claim.state = "returned"
        claim.return_reason = clean
        _save(actor, claim, "return", {})
    return claim


def resubmit_claim(actor: Staff, claim_id: int, ticked: list[str]) -> AidClaim:
    """The materials brought: the claim is submitted again (its claim date stays)."""
    with writing(actor, "aid.claims", notify="aid", lock=True):
        claim = _locked_claim(claim_id, ("returned",))
        _consent(claim.person_id)
        plan = AidPlan.get_by_id(AidEnrolment.get_by_id(claim.enrolment_id).plan_id)
        claim.materials_done = _materials(plan, ticked)
        claim.state = "submitted"
        _save(actor, claim, "resubmit", {"ticked": len(claim.materials_done)})
    return claim


def approve_claim(
    actor: Staff, claim_id: int, *, amount: Decimal | str | None = None, reason: str = ""
) -> AidClaim:
    """Approve the amount by the rules, or another with the reason; the materials must all be
    in and the yearly cap must hold it."""
    with writing(actor, "aid.decide", notify="aid", lock=True):
        errors: dict[str, str] = {}
        approved = money(amount, "approved_amount", errors)
        clean_reason = clean_text(reason, "amount_reason", errors, limit=MAX_REASON)
        raise_field_errors(errors)
        claim = _locked_claim(claim_id, ("submitted",))
        enrolment = history.locked(AidEnrolment, claim.enrolment_id, _gone())
        plan = AidPlan.get_by_id(enrolment.plan_id)
        missing = [name for name in checklist(plan) if name not in claim.materials_done]
        if missing:
            errors["materials"] = translate(
                "MutualAid", "Materials still missing: {names}. Return the claim for them."
            ).format(names="、".join(missing))
        computed = yuan(claim.computed_amount)
        value = computed if approved is None else approved
        if value != computed and not clean_reason:
            errors["amount_reason"] = translate(
                "MutualAid", "Say why the amount differs from the {computed} yuan the rules give."
            ).format(computed=computed)
        left = _left(plan, year_used(enrolment.id, besides=claim.id))
        if left is not None and value > left:
            errors["approved_amount"] = translate(
                "MutualAid", "The plan's yearly cap leaves {left} yuan for this worker."
            ).format(left=left)
        raise_field_errors(errors)
        claim.state = "approved"
        claim.approved_amount = value
        claim.amount_reason = clean_reason if value != computed else ""
        claim.decided_by = actor.id
        claim.decided_on = today()
        _save(actor, claim, "approve", {"amount": str(value), "computed": str(computed)})
    return claim


def refuse_claim(actor: Staff, claim_id: int, reason: str) -> AidClaim:
    with writing(actor, "aid.decide", notify="aid", lock=True):
        clean = _reason(
            reason, "refusal_reason", translate("MutualAid", "Say why the claim is refused.")
        )
        claim = _locked_claim(claim_id, OPEN_STATES)
        claim.state = "refused"
        claim.refusal_reason = clean
        claim.decided_by = actor.id
        claim.decided_on = today()
        _save(actor, claim, "refuse", {})
    return claim


def pay_claim(
    actor: Staff, claim_id: int, *, paid_on: date, amount: Decimal | str | None = None
) -> AidClaim:
    """Record the payment (to the worker's 京卡): the approved amount unless said otherwise,
    never more."""
    with writing(actor, "aid.decide", notify="aid", lock=True):
        errors: dict[str, str] = {}
        paid = money(amount, "paid_amount", errors)
        day = a_date(paid_on, "paid_on", errors, translate("MutualAid", "Give the payment date."))
        if day is not None and day > today():
            errors["paid_on"] = translate("MutualAid", "The payment date is in the future.")
        raise_field_errors(errors)
        claim = _locked_claim(claim_id, ("approved",))
        approved = yuan(claim.approved_amount)
        value = approved if paid is None else paid
        if value > approved:
            errors["paid_amount"] = translate(
                "MutualAid", "The payment is more than the {approved} yuan approved."
            ).format(approved=approved)
        if day is not None and claim.decided_on is not None and day < claim.decided_on:
            errors["paid_on"] = translate("MutualAid", "The payment date is before the approval.")
        raise_field_errors(errors)
        claim.state = "paid"
        claim.paid_amount = value
        claim.paid_on = day
        _save(actor, claim, "pay", {"amount": str(value), "paid_on": day.isoformat()})
    return claim


# --- reading ------------------------------------------------------------------------------------


def _claims_query() -> peewee.ModelSelect:
    return (
        AidClaim.select(AidClaim, AidEnrolment, AidPlan, Person)
        .join(AidEnrolment)
        .join(AidPlan)
        .switch(AidClaim)
        .join(Person, on=(AidClaim.person == Person.id))
    )


def _filtered(query: peewee.ModelSelect, filt: ClaimFilter) -> peewee.ModelSelect:
    if filt.state:
        query = query.where(AidClaim.state == filt.state)
    if filt.person_id is not None:
        query = query.where(AidClaim.person == filt.person_id)
    if filt.plan_id is not None:
        query = query.where(
            AidClaim.enrolment.in_(
                AidEnrolment.select(AidEnrolment.id).where(AidEnrolment.plan == filt.plan_id)
            )
        )
    return query


@hands_people
def list_claims(
    actor: Staff, filt: ClaimFilter, *, offset: int = 0, limit: int = 100
) -> list[AidClaim]:
    """A page of claims, the latest claim date first."""
    require(actor, "aid.claims")
    query = _filtered(_claims_query(), filt)
    query = query.order_by(AidClaim.claimed_on.desc(), AidClaim.id.desc())
    return list(query.offset(offset).limit(limit))


def count_claims(actor: Staff, filt: ClaimFilter) -> int:
    require(actor, "aid.claims")
    return _filtered(AidClaim.select(), filt).count()


@hands_people
def get_claim(actor: Staff, claim_id: int) -> ClaimDetail:
    require(actor, "aid.claims")
    claim = found_first(_claims_query().where(AidClaim.id == claim_id), _gone())
    plan = claim.enrolment.plan
    return ClaimDetail(
        claim=claim,
        plan=plan,
        checklist=checklist(plan),
        deadline=deadline_of(plan, event_on=claim.event_on, discharged_on=claim.discharged_on),
        year_left=_left(plan, year_used(claim.enrolment_id, besides=claim.id)),
    )
