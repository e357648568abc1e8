"""The data behind a case's documents: which may be printed now, and who signs them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from stationapp.db import transaction
from stationapp.models.accounts import Staff
from stationapp.models.mediation import Agreement, CaseEvent, CaseSession, MediationCase
from stationapp.services.accounts import audit, require
from stationapp.services.mediation._common import translate
from stationapp.services.mediation.cases import (
    applicants_of,
    case_events,
    case_sessions,
    current_agreement,
    get_case,
)

# The printed documents of a case, in the order of a case file (domain/mediation.md, Documents).
DOCUMENT_CODES: tuple[str, ...] = (
    "application_record",
    "acceptance_notice",
    "not_acceptance_notice",
    "mediation_record",
    "agreement",
    "failed_record",
    "arbitration_pack",
)

# The documents the parties sign. They identify each applicant by the whole ID number: an
# agreement may go to a court for judicial confirmation (司法确认), a failed record and the
# arbitration application to the arbitration commission. Notices that only inform keep the
# masked number.
SIGNED_DOCUMENTS = frozenset(
    {"application_record", "agreement", "failed_record", "arbitration_pack"}
)


def party_ids_for_document(actor: Staff, case_id: int, document: str) -> dict[int, str]:
    """The whole ID numbers of a case's applicants (person id to number) for one output of a
    signed document: a preview, a print or a PDF. Each output is audited, as each showing of a
    whole ID number is."""
    require(actor, "case.read")
    require(actor, "person.view_full_id")
    if document not in SIGNED_DOCUMENTS:
        raise ValueError(f"{document} is not a document the parties sign")
    return _audited_applicant_ids(actor, get_case(actor, case_id), {"document": document})


def _audited_applicant_ids(
    actor: Staff, case: MediationCase, details: dict[str, object]
) -> dict[int, str]:
    """The whole ID numbers of the case's applicants for one output that shows them, the output
    audited with ``details`` and the people it names (party_ids_for_document, the case file)."""
    numbers = {p.id: p.id_number for p in applicants_of([case])[case.id]}
    with transaction():
        audit(actor, "print_full_id", "case", case.id, {**details, "people": sorted(numbers)})
    return numbers


@dataclass(frozen=True)
class DocumentAvailability:
    """Whether a case's document can be printed now; ``reason`` says why not, ``since`` the
    date or time of the step it records (the application, the decision, the session...)."""

    code: str
    available: bool
    reason: str = ""
    since: date | datetime | None = None


def _reached(case: MediationCase, events: list[CaseEvent]) -> dict[str, datetime]:
    """Each state the case has been in, with when it last got there."""
    reached = {"registered": case.received_at}
    for event in events:
        if event.kind == "transition" and event.to_state:
            reached[event.to_state] = event.at
    reached.setdefault(case.state, case.updated_at or case.received_at)
    return reached


def document_rules(
    case: MediationCase,
    events: list[CaseEvent],
    sessions: list[CaseSession],
    agreement: Agreement | None,
) -> dict[str, DocumentAvailability]:
    """Which documents the case's history allows, each with the reason when it does not.

    - the application record from registration (every case);
    - the acceptance notice once the case was accepted;
    - the non-acceptance notice once it was not accepted or the respondent declined;
    - the session record once a session is recorded;
    - the agreement once one is drafted, while mediation goes on or after it took effect
      (a draft of a case that ended without agreement is not an agreement);
    - the failed-mediation record and the arbitration pack (which carries that record as proof
      that the limitation was interrupted) once mediation failed.
    """
    reached = _reached(case, events)

    def doc(code: str, since: date | datetime | None, reason: str) -> DocumentAvailability:
        if since is None:
            return DocumentAvailability(code, False, reason)
        return DocumentAvailability(code, True, "", since)

    refused = [reached[s] for s in ("not_accepted", "respondent_declined") if s in reached]
    agreement_on: date | datetime | None = None
    if agreement is not None:
        if agreement.effective_at is not None:
            agreement_on = agreement.effective_at
        elif case.state in ("in_mediation", "agreement_draft"):
            agreement_on = agreement.created_at
    if agreement is None:
        agreement_reason = translate("Mediation", "No agreement has been drafted.")
    else:
        agreement_reason = translate(
            "Mediation", "The drafted agreement never took effect: mediation ended without one."
        )
    failed_reason = translate(
        "Mediation", "Only when mediation has failed (ended without an agreement)."
    )
    rules = [
        doc("application_record", case.received_at, ""),
        doc(
            "acceptance_notice",
            reached.get("accepted"),
            translate("Mediation", "The case has not been accepted yet.")
            if case.state == "registered"
            else translate("Mediation", "The case was not accepted."),
        ),
        doc(
            "not_acceptance_notice",
            max(refused) if refused else None,
            translate(
                "Mediation",
                "Only when the case is not accepted or the respondent declines mediation.",
            ),
        ),
        doc(
            "mediation_record",
            sessions[-1].held_at if sessions else None,
            translate("Mediation", "No mediation session has been recorded."),
        ),
        doc("agreement", agreement_on, agreement_reason),
        doc("failed_record", reached.get("failed"), failed_reason),
        doc(
            "arbitration_pack",
            reached.get("failed"),
            failed_reason,
        ),
    ]
    return {rule.code: rule for rule in rules}


def document_availability(actor: Staff, case_id: int) -> dict[str, DocumentAvailability]:
    """The documents of a case that its state allows (UX.md, Printing), read in four queries."""
    case = get_case(actor, case_id)
    return document_rules(
        case,
        case_events(actor, case_id),
        case_sessions(actor, case_id),
        current_agreement(actor, case_id),
    )
