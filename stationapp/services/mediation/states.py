"""Case states: their labels, the allowed transitions and their guards, the extension of the
mediation period."""

from __future__ import annotations

from datetime import date, timedelta

from stationapp.db import now, transaction
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mediation import Agreement, CaseSession, MediationCase
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.mediation._common import _locked_case, _record_step, translate
from stationapp.services.mediation.clocks import REVIEW_DAYS, current_due
from stationapp.services.rooms.links import _holding, _release_hold
from stationapp.services.validation import normalize_text

OPEN_STATES = frozenset(
    {
        "registered",
        "accepted",
        "in_mediation",
        "agreement_draft",
        "agreement_effective",
        "performing",
    }
)

TERMINAL_STATES = frozenset(
    {
        "not_accepted",
        "respondent_declined",
        "referred_to_arbitration",
        "performed",
        "defaulted",
        "withdrawn",
        "failed",
    }
)

BEFORE_AGREEMENT = ("registered", "accepted", "in_mediation", "agreement_draft")

TRANSITIONS: dict[str, frozenset[str]] = {
    "registered": frozenset({"accepted", "not_accepted", "respondent_declined", "withdrawn"}),
    "accepted": frozenset({"in_mediation", "respondent_declined", "withdrawn"}),
    "in_mediation": frozenset({"failed", "agreement_draft", "withdrawn"}),
    "agreement_draft": frozenset({"agreement_effective", "in_mediation", "failed", "withdrawn"}),
    "agreement_effective": frozenset({"performing", "performed", "defaulted"}),
    "performing": frozenset({"performed", "defaulted"}),
    "failed": frozenset({"referred_to_arbitration", "closed"}),
    "referred_to_arbitration": frozenset({"closed"}),
    "performed": frozenset({"closed"}),
    "defaulted": frozenset({"closed"}),
    "not_accepted": frozenset({"closed"}),
    "respondent_declined": frozenset({"closed"}),
    "withdrawn": frozenset({"closed"}),
    "closed": frozenset({"archived"}),
    "archived": frozenset(),
}

REASON_REQUIRED = frozenset(
    {"not_accepted", "respondent_declined", "failed", "withdrawn", "defaulted"}
)

SUCCESS_STATES = frozenset({"agreement_effective", "performing", "performed", "defaulted"})

# The states that decide on the case: their moment and reason are kept on it.
DECIDING_STATES = frozenset(
    {"accepted", "not_accepted", "respondent_declined", "failed", "withdrawn"}
)


def state_label(state: str) -> str:
    return {
        "registered": translate("Mediation", "Registered"),
        "not_accepted": translate("Mediation", "Not accepted"),
        "respondent_declined": translate("Mediation", "Respondent declined"),
        "accepted": translate("Mediation", "Accepted"),
        "in_mediation": translate("Mediation", "In mediation"),
        "failed": translate("Mediation", "Mediation failed"),
        "referred_to_arbitration": translate("Mediation", "Referred to arbitration"),
        "agreement_draft": translate("Mediation", "Agreement drafted"),
        "agreement_effective": translate("Mediation", "Agreement in effect"),
        "performing": translate("Mediation", "Being performed"),
        "performed": translate("Mediation", "Performed"),
        "defaulted": translate("Mediation", "Not performed"),
        "withdrawn": translate("Mediation", "Withdrawn"),
        "closed": translate("Mediation", "Closed"),
        "archived": translate("Mediation", "Archived"),
    }.get(state, state)


def action_label(target: str) -> str:
    """The button that moves a case to ``target``, as a verb."""
    return {
        "accepted": translate("Mediation", "Accept"),
        "not_accepted": translate("Mediation", "Do not accept…"),
        "respondent_declined": translate("Mediation", "Respondent declines…"),
        "in_mediation": translate("Mediation", "Start mediation"),
        "agreement_draft": translate("Mediation", "Draft an agreement"),
        "failed": translate("Mediation", "Mediation failed…"),
        "referred_to_arbitration": translate("Mediation", "Refer to arbitration"),
        "performing": translate("Mediation", "Performance begins"),
        "performed": translate("Mediation", "Performed in full"),
        "defaulted": translate("Mediation", "Not performed…"),
        "withdrawn": translate("Mediation", "Withdrawn…"),
        "closed": translate("Mediation", "Close the case"),
        "archived": translate("Mediation", "Archive"),
    }.get(target, state_label(target))


def category_label(category: str) -> str:
    return {
        "wages": translate("Mediation", "Unpaid wages"),
        "overtime": translate("Mediation", "Overtime pay"),
        "dismissal": translate("Mediation", "Dismissal / economic compensation"),
        "damages": translate("Mediation", "Damages"),
        "social_insurance": translate("Mediation", "Social insurance"),
        "work_injury": translate("Mediation", "Work injury"),
        "contract": translate("Mediation", "Labour contract"),
        "employment_status": translate("Mediation", "Employment status"),
    }.get(category, category)


def application_kind_label(kind: str) -> str:
    return {
        "written": translate("Mediation", "Written application"),
        "oral": translate("Mediation", "Oral application"),
    }.get(kind, kind)


def allowed_transitions(case: MediationCase) -> list[str]:
    return sorted(TRANSITIONS.get(case.state, frozenset()), key=lambda s: _STATE_ORDER[s])


_STATE_ORDER = {
    state: index
    for index, state in enumerate(
        (
            "accepted",
            "in_mediation",
            "agreement_draft",
            "agreement_effective",
            "performing",
            "performed",
            "not_accepted",
            "respondent_declined",
            "failed",
            "referred_to_arbitration",
            "defaulted",
            "withdrawn",
            "closed",
            "archived",
            "registered",
        )
    )
}


def missing_for_effect(agreement: Agreement | None) -> list[str]:
    """What an agreement still lacks to take effect (LDMAL Art. 14), in words."""
    if agreement is None:
        return [translate("Mediation", "a drafted agreement")]
    missing = []
    if not agreement.signed_applicant:
        missing.append(translate("Mediation", "the applicant's signature"))
    if not agreement.signed_respondent:
        missing.append(translate("Mediation", "the respondent's signature or seal"))
    if not agreement.signed_mediator:
        missing.append(translate("Mediation", "the mediator's signature"))
    if not agreement.sealed_organization:
        missing.append(translate("Mediation", "the mediation organisation's seal"))
    return missing


def check_effect(agreement: Agreement | None) -> None:
    """Refuse to let an agreement take effect while it lacks a signature or a seal."""
    missing = missing_for_effect(agreement)
    if missing:
        raise ValidationError(
            translate("Mediation", "The agreement cannot take effect yet: missing {what}.").format(
                what="、".join(missing)
            ),
            field="agreement",
        )


def transition_reason(to_state: str, reason: str) -> str:
    """The reason of a step to ``to_state`` as it is kept (required for some states)."""
    try:
        return normalize_text(
            reason, field="reason", max_length=4000, required=to_state in REASON_REQUIRED
        )
    except ValidationError as exc:
        message = (
            translate("Mediation", "Give the reason for this step.")
            if not reason.strip()
            else exc.message
        )
        raise ValidationError(message, field="reason") from exc


def check_transition(current: str, to_state: str) -> None:
    """Refuse a step the law and the case's state do not allow."""
    if to_state not in TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            translate("Mediation", "A case that is “{current}” cannot become “{target}”.").format(
                current=state_label(current), target=state_label(to_state)
            ),
            field="state",
        )


def transition(actor: Staff, case_id: int, to_state: str, *, reason: str = "") -> MediationCase:
    """Move a case to ``to_state`` if the law and the case allow it; audited with the reason."""
    require(actor, "case.manage")
    clean_reason = transition_reason(to_state, reason)
    with transaction(lock=True):
        case = _locked_case(case_id)
        check_transition(case.state, to_state)
        moment = now()
        if to_state == "agreement_effective":
            agreement = (
                Agreement.select()
                .where(Agreement.case == case.id)
                .order_by(Agreement.id.desc())
                .first()
            )
            check_effect(agreement)
            agreement.effective_at = moment
            agreement.save()
            case.review_due = moment.date() + timedelta(days=REVIEW_DAYS)
        if to_state in DECIDING_STATES:
            case.decided_at = moment
            case.decision_reason = clean_reason
        if to_state == "closed":
            case.closed_at = moment
        previous = case.state
        case.state = to_state
        _record_step(
            case,
            actor,
            "transition",
            at=moment,
            from_state=previous,
            to_state=to_state,
            reason=clean_reason,
        )
        if to_state not in ("accepted", "in_mediation", "agreement_draft"):
            _call_off_plans(actor, case.id)
        audit(
            actor,
            "transition",
            "case",
            case.id,
            {"from": previous, "to": to_state, "reason": clean_reason},
        )
    changes.notify("case")
    return case


def extension_errors(state: str, due: date, until: date) -> dict[str, str]:
    """What stops extending a case in ``state``, due on ``due``, until ``until``."""
    errors: dict[str, str] = {}
    if state not in ("accepted", "in_mediation", "agreement_draft"):
        errors["state"] = translate("Mediation", "Only a case in mediation can be extended.")
    if until <= due:
        errors["until"] = translate(
            "Mediation", "The new date must be after the current due date ({due})."
        ).format(due=due.isoformat())
    return errors


def extension_event(previous: date, until: date, note: str) -> str:
    """The timeline's line for an extension of the mediation period."""
    return translate("Mediation", "Extended from {old} to {new}: {note}").format(
        old=previous.isoformat(), new=until.isoformat(), note=note
    )


def _call_off_plans(actor: Staff, case_id: int) -> None:
    """A case no longer being mediated holds no planned session, nor its room."""
    for session in CaseSession.select().where(
        CaseSession.case == case_id, CaseSession.state == "planned"
    ):
        _release_hold(actor, _holding(case_session_id=session.id))
        CaseSession.update(state="cancelled").where(CaseSession.id == session.id).execute()
        changes.notify("room_booking")


def extend_mediation(actor: Staff, case_id: int, *, until: date, note: str) -> MediationCase:
    """Extend the 15-day period; only with a recorded agreement of both parties."""
    require(actor, "case.manage")
    errors: dict[str, str] = {}
    try:
        clean_note = normalize_text(note, field="note", max_length=2000, required=True)
    except ValidationError:
        errors["note"] = translate(
            "Mediation", "Record that both parties agreed to the extension, and how."
        )
    with transaction(lock=True):
        case = _locked_case(case_id)
        errors |= extension_errors(case.state, current_due(case), until)
        raise_field_errors(errors)
        previous = current_due(case)
        case.extended_until = until
        case.extension_note = clean_note
        _record_step(case, actor, "extension", reason=extension_event(previous, until, clean_note))
        audit(actor, "extend", "case", case.id, {"from": previous, "to": until})
    changes.notify("case")
    return case
