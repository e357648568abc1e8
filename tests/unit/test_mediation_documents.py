"""Which documents a mediation case offers: what its history allows, each other one with the
reason (UX.md, Printing; domain/mediation.md, Documents)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stationapp.db import now, today
from stationapp.errors import PermissionDenied
from stationapp.services import mediation, people
from stationapp.services.mediation import (
    DOCUMENT_CODES,
    AgreementInput,
    CaseInput,
    ClaimInput,
    ObligationInput,
    SessionInput,
)
from stationapp.services.people import OrganizationInput, PersonInput

REASON = "双方同意"
SIGNED = {
    "signed_applicant": True,
    "signed_respondent": True,
    "signed_mediator": True,
    "sealed_organization": True,
}


@pytest.fixture
def case(admin):
    worker = people.create_person(admin, PersonInput(name="李娜"))
    employer = people.create_organization(admin, OrganizationInput(name="北京万家餐饮有限公司"))
    return mediation.file_case(
        admin,
        CaseInput(
            applicant_ids=[worker.id],
            respondent_id=employer.id,
            claims=[ClaimInput("wages", "12000")],
            date_knew=today() - timedelta(days=30),
        ),
    )


def _move(admin, case, *states: str) -> None:
    for state in states:
        mediation.transition(admin, case.id, state, reason=REASON)


def _session(admin, case) -> None:
    mediation.add_session(
        admin,
        case.id,
        SessionInput(held_at=now() - timedelta(hours=1), place="调解室", record="双方陈述。"),
    )


def _draft(admin, case, **signed: bool) -> None:
    mediation.save_agreement(
        admin,
        case.id,
        AgreementInput(
            terms="被申请人支付工资12000元。",
            obligations=[ObligationInput("支付工资", "12000", today() + timedelta(days=10))],
            **signed,
        ),
    )


def _offered(admin, case) -> set[str]:
    found = mediation.document_availability(admin, case.id)
    assert list(found) == list(DOCUMENT_CODES)
    for doc in found.values():
        # Every document not offered says why; every offered one says nothing against it.
        assert bool(doc.reason) != doc.available, doc
        assert (doc.since is not None) == doc.available, doc
    return {code for code, doc in found.items() if doc.available}


def test_a_registered_case_offers_only_its_application_record(admin, case):
    found = mediation.document_availability(admin, case.id)
    assert _offered(admin, case) == {"application_record"}
    assert found["application_record"].since == case.received_at
    assert found["acceptance_notice"].reason == "The case has not been accepted yet."
    assert found["agreement"].reason == "No agreement has been drafted."
    assert found["mediation_record"].reason == "No mediation session has been recorded."
    assert "failed" in found["failed_record"].reason
    assert "failed" in found["arbitration_pack"].reason


def test_a_case_not_accepted_offers_the_non_acceptance_notice_with_its_date(admin, case):
    _move(admin, case, "not_accepted")
    found = mediation.document_availability(admin, case.id)
    assert _offered(admin, case) == {"application_record", "not_acceptance_notice"}
    assert found["not_acceptance_notice"].since.date() == today()
    assert found["acceptance_notice"].reason == "The case was not accepted."
    _move(admin, case, "closed")  # closing keeps what the history allows
    assert _offered(admin, case) == {"application_record", "not_acceptance_notice"}


def test_a_respondent_declining_after_acceptance_offers_both_notices(admin, case):
    _move(admin, case, "accepted", "respondent_declined")
    assert _offered(admin, case) == {
        "application_record",
        "acceptance_notice",
        "not_acceptance_notice",
    }


def test_sessions_and_a_draft_agreement_come_with_mediation(admin, case):
    _move(admin, case, "accepted")
    assert _offered(admin, case) == {"application_record", "acceptance_notice"}
    _move(admin, case, "in_mediation")
    _session(admin, case)
    assert "mediation_record" in _offered(admin, case)
    _draft(admin, case)
    # A draft is printed to be signed.
    assert _offered(admin, case) == {
        "application_record",
        "acceptance_notice",
        "mediation_record",
        "agreement",
    }


def test_an_effective_agreement_stays_offered_and_failure_documents_never_are(admin, case):
    _move(admin, case, "accepted", "in_mediation")
    _draft(admin, case, **SIGNED)
    _move(admin, case, "agreement_effective", "performing", "performed", "closed")
    found = mediation.document_availability(admin, case.id)
    assert found["agreement"].available
    assert found["agreement"].since.date() == today()
    assert not found["failed_record"].available
    assert not found["arbitration_pack"].available


def test_failed_mediation_offers_the_failed_record_and_the_arbitration_pack(admin, case):
    _move(admin, case, "accepted", "in_mediation")
    _draft(admin, case)
    _move(admin, case, "failed")
    found = mediation.document_availability(admin, case.id)
    assert _offered(admin, case) == {
        "application_record",
        "acceptance_notice",
        "failed_record",
        "arbitration_pack",
    }
    # The draft that never took effect is not offered as an agreement.
    assert "never took effect" in found["agreement"].reason
    _move(admin, case, "referred_to_arbitration", "closed", "archived")
    assert {"failed_record", "arbitration_pack"} <= _offered(admin, case)


def test_a_withdrawn_case_offers_no_failure_documents(admin, case):
    _move(admin, case, "accepted", "withdrawn")
    assert _offered(admin, case) == {"application_record", "acceptance_notice"}


def test_only_case_readers_may_ask(admin, case, make_staff):
    desk = make_staff("desk", "front_desk")
    with pytest.raises(PermissionDenied):
        mediation.document_availability(desk, case.id)
