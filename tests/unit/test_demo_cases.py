"""The demo's mediation cases built in memory (demo/case_book.py) write what the mediation
services write: the same case, parties, claims, timeline, sessions, agreement, obligations,
follow-up, ties and audit entries; their numbers go on from the year's counter and the services
go on from them; and every case of the demo went by the allowed transitions."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from stationapp import demo
from stationapp.db import close_database, now, transaction
from stationapp.demo.case_book import CaseBook
from stationapp.demo.people import _create_organizations, _create_people, _create_staff
from stationapp.errors import ValidationError
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseParty,
    MediationCase,
    MediatorRelation,
    Obligation,
)
from stationapp.models.people import Organization, Person
from stationapp.services import accounts, mediation
from stationapp.services.maintenance import open_station_database

# The fields every row compares on: no ids of its own, no moments (the services stamp "now",
# the book the moment it is given; the demo's tests check those moments).
CASE_FIELDS = (
    "year",
    "application_kind",
    "state",
    "respondent_id",
    "matters",
    "reasons",
    "facts",
    "date_knew",
    "employment_ended",
    "collective",
    "mediator_id",
    "mediator_reason",
    "mediation_due",
    "extended_until",
    "extension_note",
    "decision_reason",
    "review_due",
    "visit_id",
    "created_by_id",
)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[dict[str, Staff]]:
    """A station with the demo's staff, workplaces and twenty workers."""
    open_station_database(f"sqlite:///{tmp_path}/t.db")
    try:
        with transaction(lock=True):
            admin = accounts.create_first_admin(
                username="admin",
                display_name="王站长",
                password=demo.DEMO_ADMIN_PASSWORD,
                station_name=demo.STATION_NAME,
                case_prefix=demo.CASE_PREFIX,
            )
            _create_staff(admin)
            rng = random.Random(7)
            orgs = _create_organizations(admin, rng)
            _create_people(admin, rng, orgs, count=20)
        yield {s.username: s for s in Staff.select()}
    finally:
        close_database()


def _input(applicants: list[int], respondent: int) -> mediation.CaseInput:
    return mediation.CaseInput(
        applicant_ids=applicants,
        respondent_id=respondent,
        application_kind="oral",
        matters=" 拖欠工资 ",
        reasons="要求支付拖欠的工资",
        facts="2026年9月起未发工资，多次催要未果",
        claims=[
            mediation.ClaimInput("wages", "12,000", "拖欠工资"),
            mediation.ClaimInput("damages", None, "赔偿金"),
        ],
        received_at=now() - timedelta(days=2),
    )


SESSION = mediation.SessionInput(
    held_at=now() - timedelta(hours=3),
    place="调解室",
    attendees="调解员；申请人；被申请人",
    record="调解员：今天进行第一次调解。\n以上笔录经双方核对无误后签字。",
    signed_by_parties=True,
    signed_by_mediator=True,
)
OBLIGATIONS = [
    mediation.ObligationInput("支付工资第一期6000元", "6000", now().date()),
    mediation.ObligationInput("出具解除劳动合同证明", None, now().date()),
]


def _agreement(all_signed: bool) -> mediation.AgreementInput:
    return mediation.AgreementInput(
        terms="一、被申请人支付工资；\n二、双方再无争议。",
        obligations=OBLIGATIONS,
        signed_applicant=True,
        signed_respondent=all_signed,
        signed_mediator=True,
        sealed_organization=all_signed,
    )


EXTENSION = "经双方当事人同意，调解期限延长"
FOLLOW_UP = "回访：款项已收到，申请人满意"


def _through_services(staff: dict[str, Staff], applicants: list[int], org: int) -> int:
    """Every step of a case's life through the mediation services; returns the case id."""
    desk, mediator, head = staff["frontdesk"], staff["mediator"], staff["mediationhead"]
    case = mediation.file_case(desk, _input(applicants, org))
    mediation.add_relation(
        mediator, mediator_id=mediator.id, relation="曾任人事", organization_id=org
    )
    mediation.assign_mediator(head, case.id, mediator.id, reason="已披露，双方同意")
    mediation.transition(head, case.id, "accepted", reason="材料齐全")
    mediation.transition(mediator, case.id, "in_mediation")
    until = case.mediation_due + timedelta(days=10)
    mediation.extend_mediation(mediator, case.id, until=until, note=EXTENSION)
    mediation.add_session(mediator, case.id, SESSION)
    mediation.save_agreement(mediator, case.id, _agreement(False))
    mediation.save_agreement(mediator, case.id, _agreement(True))
    mediation.transition(mediator, case.id, "agreement_effective")
    agreement = mediation.current_agreement(mediator, case.id)
    assert agreement is not None
    for obligation in mediation.agreement_obligations(mediator, agreement.id):
        mediation.record_performance(
            mediator,
            obligation.id,
            performed_on=now().date(),
            amount=obligation.amount,
            proof="银行转账回单",
        )
    mediation.transition(mediator, case.id, "performed", reason="已全部履行")
    mediation.add_follow_up(mediator, case.id, held_on=now().date(), notes=FOLLOW_UP)
    mediation.transition(mediator, case.id, "closed")
    mediation.transition(head, case.id, "archived", reason="归档")
    return case.id


def _through_the_book(staff: dict[str, Staff], applicants: list[int], org: int) -> int:
    """The same steps through the case book, written at the end; returns the case id."""
    desk, mediator, head = staff["frontdesk"], staff["mediator"], staff["mediationhead"]
    book = CaseBook()
    data = _input(applicants, org)
    case = book.file(desk, data)
    at = data.received_at + timedelta(hours=1)
    book.relate(mediator, at, relation="曾任人事", organization_id=org)
    book.assign(head, case, at, mediator, reason="已披露，双方同意")
    book.transition(head, case, at, "accepted", "材料齐全")
    book.transition(mediator, case, at, "in_mediation")
    until = case.mediation_due + timedelta(days=10)
    book.extend(mediator, case, at, until=until, note=EXTENSION)
    book.session(mediator, case, SESSION, at)
    book.save_agreement(mediator, case, at, _agreement(False))
    book.save_agreement(mediator, case, at, _agreement(True))
    book.transition(mediator, case, now(), "agreement_effective")
    for obligation in case.obligations:
        book.perform(mediator, case, now(), obligation, proof="银行转账回单")
    book.transition(mediator, case, now(), "performed", "已全部履行")
    book.follow_up(mediator, case, now(), FOLLOW_UP)
    book.transition(mediator, case, now(), "closed")
    book.transition(head, case, now(), "archived", "归档")
    book.write()
    return case.id


def _written(case_id: int) -> dict[str, list]:
    """What was written about a case, without ids or moments."""
    case = MediationCase.get_by_id(case_id)
    agreements = list(Agreement.select().where(Agreement.case == case_id).order_by(Agreement.id))
    obligations = Obligation.select().where(Obligation.agreement.in_([a.id for a in agreements]))
    entries = AuditEntry.select().where(AuditEntry.at >= case.received_at).order_by(AuditEntry.id)
    ids = {
        "case": {case_id},
        "case_session": {s.id for s in case.sessions},
        "case_follow_up": {f.id for f in case.follow_ups},
        "mediator_relation": {r.id for r in MediatorRelation.select()},
    }

    def details(entry: AuditEntry) -> dict:
        found = json.loads(entry.details)
        for key in ("number", "obligation", "case"):  # ids and the number differ by nature
            found.pop(key, None)
        return found

    return {
        "case": [[getattr(case, name) for name in CASE_FIELDS]],
        "parties": [p.person_id for p in case.parties.order_by(CaseParty.id)],
        "claims": [
            (c.category, c.amount, c.description) for c in case.claims.order_by(CaseClaim.id)
        ],
        "events": [
            (e.staff_id, e.kind, e.from_state, e.to_state, e.reason)
            for e in case.events.order_by(CaseEvent.id)
        ],
        "sessions": [
            (s.held_at, s.place, s.attendees, s.record, s.signed_by_parties, s.signed_by_mediator)
            for s in case.sessions
        ],
        "agreements": [
            (
                a.terms,
                a.signed_applicant,
                a.signed_respondent,
                a.signed_mediator,
                a.sealed_organization,
                a.effective_at is not None,
            )
            for a in agreements
        ],
        "obligations": [
            (o.description, o.amount, o.due_on, o.performed_on, o.performed_amount, o.proof)
            for o in obligations.order_by(Obligation.id)
        ],
        "follow_ups": [(f.held_on, f.staff_id, f.notes) for f in case.follow_ups],
        "audit": [
            (e.staff_id, e.action, e.entity, details(e))
            for e in entries
            if e.entity_id in ids.get(e.entity, ())
        ],
    }


def test_the_book_writes_what_the_services_write(station: dict[str, Staff]) -> None:
    org = Organization.select().where(Organization.kind == "company").first().id
    people = [p.id for p in Person.select().order_by(Person.id).limit(4)]
    by_services = _through_services(station, people[:2], org)
    by_book = _through_the_book(station, people[2:4], org)
    services, book = _written(by_services), _written(by_book)
    assert book.pop("parties") == people[2:] and services.pop("parties") == people[:2]
    # The relation entries: the book's audit sees both ties (the second one is its own).
    services["audit"] = [a for a in services["audit"] if a[2] != "mediator_relation"]
    book["audit"] = [a for a in book["audit"] if a[2] != "mediator_relation"]
    assert book == services
    # The book's case was numbered after the services' one, and the counter went on with it.
    first, second = MediationCase.get_by_id(by_services), MediationCase.get_by_id(by_book)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.number == mediation.format_number(second.year, demo.CASE_PREFIX, 2)
    assert CaseCounter.get_by_id(second.year).last == 2
    third = mediation.file_case(station["frontdesk"], _input(people[:1], org))
    assert third.sequence == 3
    # What the book wrote, the services take on from there.
    mediation.transition(station["mediationhead"], third.id, "accepted", reason="材料齐全")


def test_the_book_keeps_the_services_guards(station: dict[str, Staff]) -> None:
    org = Organization.select().where(Organization.kind == "company").first().id
    person = Person.select().first().id
    mediator, head = station["mediator"], station["mediationhead"]
    book = CaseBook()
    case = book.file(station["frontdesk"], _input([person], org))
    at = now() - timedelta(days=1)
    with pytest.raises(ValidationError):  # a step the law does not allow
        book.transition(mediator, case, at, "agreement_effective")
    with pytest.raises(ValidationError):  # a reason is required
        book.transition(head, case, at, "not_accepted")
    with pytest.raises(ValidationError):  # a session before the case is accepted
        book.session(mediator, case, SESSION, at)
    book.relate(mediator, at, relation="亲属", organization_id=org)
    with pytest.raises(mediation.RelatedMediator):  # a related mediator needs a reason
        book.assign(head, case, at, mediator)
    book.transition(head, case, at, "accepted", "材料齐全")
    book.transition(mediator, case, at, "in_mediation")
    book.save_agreement(mediator, case, at, _agreement(False))
    with pytest.raises(ValidationError):  # the respondent has not signed yet
        book.transition(mediator, case, at, "agreement_effective")
