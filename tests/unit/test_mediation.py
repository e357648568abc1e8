"""Mediation cases: intake and case numbers, the legal clocks, states and their guards, the
deadline list, confidentiality, impartiality, sessions, agreements and their performance,
follow-ups, statistics and the ledger."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationapp.db import now, today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseFollowUp,
    CaseParty,
    CaseSession,
    MediationCase,
    Obligation,
)
from stationapp.models.people import Organization, Person
from stationapp.services import mediation, people
from stationapp.services.mediation import (
    AgreementInput,
    CaseFilter,
    CaseInput,
    ClaimInput,
    ObligationInput,
    RelatedMediator,
    SessionInput,
)
from stationapp.services.people import OrganizationInput, PersonInput

PREFIX = "建工调"
REASON = "双方同意"
ALL_SIGNED = {
    "signed_applicant": True,
    "signed_respondent": True,
    "signed_mediator": True,
    "sealed_organization": True,
}
MISSING_TEXT = {
    "signed_applicant": "the applicant's signature",
    "signed_respondent": "the respondent's signature or seal",
    "signed_mediator": "the mediator's signature",
    "sealed_organization": "the mediation organisation's seal",
}

_names = count(1)
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


# --- helpers ------------------------------------------------------------------------------------


def _person(actor: Staff, name: str | None = None) -> Person:
    if name is None:
        n = next(_names)
        name = "张" + _GIVEN[n % len(_GIVEN)] + _GIVEN[(n // len(_GIVEN)) % len(_GIVEN)]
    return people.create_person(actor, PersonInput(name=name), allow_duplicate=True)


def _org(actor: Staff, name: str | None = None) -> Organization:
    name = name or f"北京第{next(_names)}建筑工程有限公司"
    return people.create_organization(actor, OrganizationInput(name=name))


@pytest.fixture
def worker(admin) -> Person:
    return _person(admin, "李娜")


@pytest.fixture
def employer(admin) -> Organization:
    return _org(admin, "北京万家餐饮有限公司")


@pytest.fixture
def base(worker: Person, employer: Organization) -> CaseInput:
    """A complete written application; tests replace the fields they are about."""
    return CaseInput(
        applicant_ids=[worker.id],
        respondent_id=employer.id,
        application_kind="written",
        facts="公司拖欠三个月工资。",
        claims=[ClaimInput("wages", "12000", "2026年6月至8月工资")],
        date_knew=today() - timedelta(days=30),
    )


def _file(actor: Staff, data: CaseInput, **changes: object) -> MediationCase:
    return mediation.file_case(actor, replace(data, **changes))


def _move(actor: Staff, case: MediationCase, *states: str) -> MediationCase:
    for state in states:
        case = mediation.transition(actor, case.id, state, reason=REASON)
    return case


def _to_draft(actor: Staff, case: MediationCase, **agreement: object) -> Agreement:
    _move(actor, case, "accepted", "in_mediation")
    data = AgreementInput(
        terms="被申请人支付工资12000元。",
        obligations=[ObligationInput("支付工资", "12000", today() + timedelta(days=10))],
    )
    return mediation.save_agreement(actor, case.id, replace(data, **agreement))


def _to_effective(actor: Staff, case: MediationCase, **agreement: object) -> MediationCase:
    _to_draft(actor, case, **{**ALL_SIGNED, **agreement})
    return mediation.transition(actor, case.id, "agreement_effective")


def _reload(case: MediationCase) -> MediationCase:
    return MediationCase.get_by_id(case.id)


def _counts() -> dict[str, int]:
    return {
        "cases": MediationCase.select().count(),
        "parties": CaseParty.select().count(),
        "claims": CaseClaim.select().count(),
        "events": CaseEvent.select().count(),
        "audit": AuditEntry.select().count(),
        "counters": CaseCounter.select().count(),
        "counted": sum(c.last for c in CaseCounter.select()),
    }


def _audit(action: str, case: MediationCase) -> list[dict[str, object]]:
    return [
        json.loads(a.details)
        for a in AuditEntry.select()
        .where(
            AuditEntry.action == action,
            AuditEntry.entity == "case",
            AuditEntry.entity_id == case.id,
        )
        .order_by(AuditEntry.id)
    ]


def _events(case: MediationCase, kind: str | None = None) -> list[CaseEvent]:
    query = CaseEvent.select().where(CaseEvent.case == case.id)
    if kind is not None:
        query = query.where(CaseEvent.kind == kind)
    return list(query.order_by(CaseEvent.id))


def _working_days_before(day: date, days: int) -> date:
    left = days
    while left:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


# --- intake ---------------------------------------------------------------------------------------


def test_file_case_stores_the_application(admin, base, worker, employer) -> None:
    second = _person(admin, "王强")
    received = datetime(2026, 3, 1, 9, 30)
    case = _file(
        admin,
        base,
        applicant_ids=[worker.id, second.id],
        claims=[
            ClaimInput("wages", "12,000.5", "三个月工资"),
            ClaimInput("dismissal", "30000", "违法解除赔偿金"),
        ],
        facts="2026年2月被口头辞退。",
        date_knew=date(2026, 2, 20),
        employment_ended=date(2026, 2, 28),
        received_at=received,
    )

    stored = _reload(case)
    assert stored.number == "(2026)建工调字第0001号"
    assert (stored.year, stored.sequence) == (2026, 1)
    assert stored.state == "registered"
    assert stored.respondent_id == employer.id
    assert stored.application_kind == "written"
    assert stored.facts == "2026年2月被口头辞退。"
    assert stored.date_knew == date(2026, 2, 20)
    assert stored.employment_ended == date(2026, 2, 28)
    assert stored.received_at == received
    assert stored.mediation_due == date(2026, 3, 16)
    assert stored.collective is False
    assert stored.created_by_id == admin.id
    applicants = [p.person_id for p in CaseParty.select().where(CaseParty.case == case.id)]
    assert sorted(applicants) == sorted([worker.id, second.id])
    claims = mediation.case_claims(admin, case.id)
    assert [(c.category, c.amount, c.description) for c in claims] == [
        ("wages", Decimal("12000.50"), "三个月工资"),
        ("dismissal", Decimal("30000.00"), "违法解除赔偿金"),
    ]
    assert all(isinstance(c.amount, Decimal) for c in claims)
    assert [(e.kind, e.to_state) for e in _events(case)] == [("transition", "registered")]
    assert _audit("create", case) == [{"number": "(2026)建工调字第0001号"}]

    following = _file(admin, base, received_at=datetime(2026, 4, 2, 10, 0))
    assert following.number == "(2026)建工调字第0002号"


def test_numbers_restart_each_year(admin, base) -> None:
    late = _file(admin, base, received_at=datetime(2025, 12, 31, 23, 30))
    early = _file(admin, base, received_at=datetime(2026, 1, 2, 8, 30))
    again = _file(admin, base, received_at=datetime(2025, 12, 1, 9, 0))
    later = _file(admin, base, received_at=datetime(2026, 1, 3, 9, 0))
    assert late.number == "(2025)建工调字第0001号"
    assert early.number == "(2026)建工调字第0001号"
    assert again.number == "(2025)建工调字第0002号"
    assert later.number == "(2026)建工调字第0002号"
    assert {c.year: c.last for c in CaseCounter.select()} == {2025: 2, 2026: 2}


def test_ten_applicants_make_a_collective_dispute(admin, base) -> None:
    ten = [_person(admin).id for _ in range(10)]
    assert _file(admin, base, applicant_ids=ten).collective is True
    assert _file(admin, base, applicant_ids=ten[:9]).collective is False
    collective = MediationCase.select().where(MediationCase.collective)
    assert collective.count() == 1


def test_oral_application_needs_matters_and_reasons(admin, base) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _file(admin, base, application_kind="oral", matters="", reasons="  ")
    assert {"matters", "reasons"} <= set(caught.value.errors)
    assert "LDMAL Art. 12" in caught.value.errors["matters"]
    assert _counts() == before

    with pytest.raises(ValidationError) as caught:
        _file(admin, base, application_kind="oral", matters="拖欠工资", reasons="")
    assert set(caught.value.errors) == {"reasons"}
    assert _counts() == before

    oral = _file(admin, base, application_kind="oral", matters="拖欠工资", reasons="要求支付工资")
    assert (oral.application_kind, oral.matters, oral.reasons) == (
        "oral",
        "拖欠工资",
        "要求支付工资",
    )
    written = _file(admin, base, application_kind="written", matters="", reasons="")
    assert written.application_kind == "written"
    assert written.sequence == 2


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"applicant_ids": []}, "applicants"),
        ({"respondent_id": None}, "respondent"),
        ({"claims": []}, "claims"),
        ({"claims": [ClaimInput("wages", "abc")]}, "claims"),
        ({"claims": [ClaimInput("wages", "-5")]}, "claims"),
        ({"claims": [ClaimInput("wages", "1.234")]}, "claims"),
        ({"claims": [ClaimInput("wages", "NaN")]}, "claims"),
        ({"claims": [ClaimInput("holiday_pay", "100")]}, "claims"),
        ({"date_knew": "tomorrow"}, "date_knew"),
    ],
    ids=[
        "no-applicant",
        "no-respondent",
        "no-claim",
        "amount-abc",
        "amount-negative",
        "amount-3-decimals",
        "amount-nan",
        "unknown-category",
        "future-date-knew",
    ],
)
def test_bad_application_is_refused_and_writes_nothing(admin, base, changes, key) -> None:
    if changes.get("date_knew") == "tomorrow":
        changes = {"date_knew": today() + timedelta(days=1)}
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _file(admin, base, **changes)
    assert key in caught.value.errors
    assert _counts() == before
    # The counter did not move: the next good application still gets the first number.
    case = _file(admin, base)
    assert case.sequence == 1
    assert case.number.endswith("字第0001号")


def test_amount_with_thousands_separator_is_accepted(admin, base) -> None:
    case = _file(admin, base, claims=[ClaimInput("overtime", "12,000.5")])
    assert mediation.case_claims(admin, case.id)[0].amount == Decimal("12000.50")


def test_a_librarian_cannot_file_a_case(make_staff, base) -> None:
    librarian = make_staff("books", "librarian")
    with pytest.raises(PermissionDenied):
        _file(librarian, base)
    assert MediationCase.select().count() == 0


# --- clocks ---------------------------------------------------------------------------------------


def test_mediation_due_is_fifteen_days_after_receipt(admin, base) -> None:
    case = _file(admin, base, received_at=datetime(2026, 3, 1, 16, 45))
    assert case.mediation_due == date(2026, 3, 16)
    assert mediation.current_due(case) == date(2026, 3, 16)
    assert mediation.mediation_due_for(date(2026, 3, 1)) == date(2026, 3, 16)


def test_add_working_days_skips_weekends() -> None:
    friday = date(2026, 11, 20)
    assert friday.weekday() == 4
    assert mediation.add_working_days(friday, 3) == date(2026, 11, 25)  # Wednesday
    assert mediation.add_working_days(friday, 1) == date(2026, 11, 23)  # Monday
    assert mediation.add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Saturday
    assert mediation.add_working_days(date(2026, 11, 16), 5) == date(2026, 11, 23)
    assert mediation.add_working_days(friday, 0) == friday


def test_extend_mediation(admin, base) -> None:
    case = _file(admin, base, received_at=now() - timedelta(days=10))
    due = case.mediation_due
    with pytest.raises(ValidationError) as caught:  # registered, not yet in mediation
        mediation.extend_mediation(admin, case.id, until=due + timedelta(days=10), note="同意")
    assert set(caught.value.errors) == {"state"}

    _move(admin, case, "accepted")
    with pytest.raises(ValidationError) as caught:
        mediation.extend_mediation(admin, case.id, until=due + timedelta(days=10), note="  ")
    assert set(caught.value.errors) == {"note"}
    for until in (due, due - timedelta(days=1)):
        with pytest.raises(ValidationError) as caught:
            mediation.extend_mediation(admin, case.id, until=until, note="双方书面同意延期")
        assert set(caught.value.errors) == {"until"}
    assert _reload(case).extended_until is None
    assert _events(case, "extension") == []

    extended = mediation.extend_mediation(
        admin, case.id, until=due + timedelta(days=10), note="双方书面同意延期"
    )
    assert extended.extended_until == due + timedelta(days=10)
    assert mediation.current_due(_reload(case)) == due + timedelta(days=10)
    assert _reload(case).extension_note == "双方书面同意延期"
    [event] = _events(case, "extension")
    assert "双方书面同意延期" in event.reason
    assert _audit("extend", case)

    # A further extension must go beyond the extended date, not only the original one.
    with pytest.raises(ValidationError) as caught:
        mediation.extend_mediation(admin, case.id, until=due + timedelta(days=5), note="再次延期")
    assert set(caught.value.errors) == {"until"}
    mediation.extend_mediation(admin, case.id, until=due + timedelta(days=20), note="再次延期")
    assert mediation.current_due(_reload(case)) == due + timedelta(days=20)


def test_an_effective_agreement_cannot_be_extended(admin, base) -> None:
    case = _to_effective(admin, _file(admin, base))
    with pytest.raises(ValidationError) as caught:
        mediation.extend_mediation(
            admin, case.id, until=case.mediation_due + timedelta(days=30), note="同意"
        )
    assert "state" in caught.value.errors
    assert _reload(case).extended_until is None


def test_limitation_for_wages_during_employment(admin, base) -> None:
    case = _file(admin, base, claims=[ClaimInput("wages", "5000")], employment_ended=None)
    result = mediation.limitation_for(case, mediation.case_claims(admin, case.id))
    assert result.deadline is None
    assert "not time-barred" in result.explanation


def test_limitation_for_wages_after_the_job_ended(admin, base) -> None:
    case = _file(
        admin,
        base,
        claims=[ClaimInput("wages", "5000")],
        date_knew=date(2026, 3, 10),
        employment_ended=date(2026, 5, 31),
    )
    result = mediation.limitation_for(case, mediation.case_claims(admin, case.id))
    assert result.deadline == date(2027, 5, 31)


def test_limitation_for_other_claims_runs_from_date_knew(admin, base) -> None:
    case = _file(
        admin,
        base,
        claims=[ClaimInput("dismissal", "30000")],
        date_knew=date(2026, 6, 10),
        employment_ended=date(2026, 5, 31),
    )
    result = mediation.limitation_for(case, mediation.case_claims(admin, case.id))
    assert result.deadline == date(2027, 6, 10)


def test_limitation_restarts_after_failed_mediation(admin, base) -> None:
    case = _file(
        admin,
        base,
        claims=[ClaimInput("contract", None, "未签书面合同")],
        date_knew=date(2025, 12, 1),
    )
    failed = _move(admin, case, "accepted", "in_mediation", "failed")
    assert failed.decided_at.date() == today()
    result = mediation.limitation_for(_reload(case), mediation.case_claims(admin, case.id))
    assert result.deadline == _next_year(today())
    assert result.deadline != date(2026, 12, 1)


@pytest.mark.parametrize(
    ("category", "eligible"),
    [
        ("wages", True),
        ("overtime", True),
        ("work_injury", True),
        ("dismissal", True),
        ("damages", True),
        ("social_insurance", False),
        ("contract", False),
        ("employment_status", False),
    ],
)
def test_payment_order_eligibility(category: str, eligible: bool) -> None:
    assert mediation.payment_order_eligible(CaseClaim(category=category)) is eligible


# --- states ---------------------------------------------------------------------------------------


def test_happy_path_through_every_state(admin, base) -> None:
    case = _file(admin, base)

    def check_step(previous: str, state: str, *, audited: bool = True) -> None:
        assert _reload(case).state == state
        last = _events(case, "transition")[-1]
        assert (last.from_state, last.to_state) == (previous, state)
        assert last.staff_id == admin.id
        if audited:
            details = _audit("transition", case)[-1]
            assert details == {"from": previous, "to": state, "reason": f"{previous}->{state}"}
            assert last.reason == f"{previous}->{state}"

    for previous, state in (("registered", "accepted"), ("accepted", "in_mediation")):
        mediation.transition(admin, case.id, state, reason=f"{previous}->{state}")
        check_step(previous, state)
    assert _reload(case).decided_at is not None

    mediation.save_agreement(
        admin,
        case.id,
        AgreementInput(
            terms="被申请人分两期支付工资12000元。",
            obligations=[
                ObligationInput("第一期工资", "6000", today() + timedelta(days=5)),
                ObligationInput("第二期工资", "6000", today() + timedelta(days=35)),
            ],
            **ALL_SIGNED,
        ),
    )
    check_step("in_mediation", "agreement_draft", audited=False)
    assert _audit("save_agreement", case)

    mediation.transition(
        admin, case.id, "agreement_effective", reason="agreement_draft->agreement_effective"
    )
    check_step("agreement_draft", "agreement_effective")

    first = Obligation.select().order_by(Obligation.id).first()
    mediation.record_performance(
        admin, first.id, performed_on=today(), amount="6000", proof="银行转账回单"
    )
    check_step("agreement_effective", "performing", audited=False)
    assert _audit("performance", case) == [{"obligation": first.id}]

    for previous, state in (
        ("performing", "performed"),
        ("performed", "closed"),
        ("closed", "archived"),
    ):
        mediation.transition(admin, case.id, state, reason=f"{previous}->{state}")
        check_step(previous, state)
    final = _reload(case)
    assert final.closed_at is not None
    assert [e.to_state for e in _events(case, "transition")] == [
        "registered",
        "accepted",
        "in_mediation",
        "agreement_draft",
        "agreement_effective",
        "performing",
        "performed",
        "closed",
        "archived",
    ]
    assert len(_audit("transition", case)) == 6


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ((), "performed"),
        ((), "in_mediation"),
        ((), "closed"),
        (("accepted", "in_mediation"), "agreement_effective"),
        (("withdrawn", "closed"), "in_mediation"),
        (("withdrawn", "closed", "archived"), "closed"),
        (("not_accepted",), "accepted"),
    ],
)
def test_illegal_transitions_are_refused(admin, base, path, target) -> None:
    case = _move(admin, _file(admin, base), *path)
    state = _reload(case).state
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        mediation.transition(admin, case.id, target, reason="试一试")
    assert caught.value.field == "state"
    assert _reload(case).state == state
    assert _counts() == before


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ((), "not_accepted"),
        ((), "respondent_declined"),
        (("accepted", "in_mediation"), "failed"),
        ((), "withdrawn"),
        ("effective", "defaulted"),
    ],
)
def test_some_steps_need_a_reason(admin, base, path, target) -> None:
    case = _file(admin, base)
    if path == "effective":
        _to_effective(admin, case)
    else:
        _move(admin, case, *path)
    state = _reload(case).state
    before = _counts()
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            mediation.transition(admin, case.id, target, reason=blank)
        assert caught.value.field == "reason"
        assert _reload(case).state == state
        assert _counts() == before

    moved = mediation.transition(admin, case.id, target, reason="申请人撤回申请")
    assert moved.state == target
    assert _events(case, "transition")[-1].reason == "申请人撤回申请"


def test_a_step_without_required_reason_may_skip_it(admin, base) -> None:
    case = mediation.transition(admin, _file(admin, base).id, "accepted")
    assert case.state == "accepted"


@pytest.mark.parametrize("path", [(), ("accepted",), ("accepted", "in_mediation"), "draft"])
def test_withdrawal_before_an_agreement_takes_effect(admin, base, path) -> None:
    case = _file(admin, base)
    if path == "draft":
        _to_draft(admin, case)
    else:
        _move(admin, case, *path)
    moved = mediation.transition(admin, case.id, "withdrawn", reason="申请人撤回")
    assert moved.state == "withdrawn"
    assert moved.decision_reason == "申请人撤回"
    assert _audit("transition", case)[-1]["to"] == "withdrawn"


@pytest.mark.parametrize("after", ["agreement_effective", "performing", "performed", "closed"])
def test_no_withdrawal_after_the_agreement_took_effect(admin, base, after) -> None:
    case = _to_effective(admin, _file(admin, base))
    if after != "agreement_effective":
        obligation = Obligation.select().first()
        mediation.record_performance(
            admin, obligation.id, performed_on=today(), amount="12000", proof="收条"
        )
    if after in ("performed", "closed"):
        _move(admin, case, "performed")
    if after == "closed":
        _move(admin, case, "closed")
    assert _reload(case).state == after
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        mediation.transition(admin, case.id, "withdrawn", reason="申请人撤回")
    assert caught.value.field == "state"
    assert _reload(case).state == after
    assert _counts() == before


# --- the agreement guard (acceptance) ----------------------------------------------------------


@pytest.mark.parametrize("missing", list(MISSING_TEXT))
def test_agreement_needs_all_four_signatures_and_seals(admin, base, missing) -> None:
    case = _file(admin, base)
    _to_draft(admin, case, **{**ALL_SIGNED, missing: False})
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        mediation.transition(admin, case.id, "agreement_effective")
    message = str(caught.value)
    assert MISSING_TEXT[missing] in message
    for other, text in MISSING_TEXT.items():
        if other != missing:
            assert text not in message
    assert caught.value.field == "agreement"
    stored = _reload(case)
    assert stored.state == "agreement_draft"
    assert stored.review_due is None
    assert Agreement.get(Agreement.case == case.id).effective_at is None
    assert _counts() == before

    # Recording the missing item lets it take effect.
    mediation.save_agreement(
        admin,
        case.id,
        AgreementInput(terms="被申请人支付工资12000元。", **ALL_SIGNED),
    )
    assert mediation.transition(admin, case.id, "agreement_effective").state == (
        "agreement_effective"
    )


def test_agreement_with_all_four_takes_effect(admin, base) -> None:
    case = _file(admin, base)
    _to_draft(admin, case, **ALL_SIGNED)
    effective = mediation.transition(admin, case.id, "agreement_effective")
    agreement = mediation.current_agreement(admin, case.id)
    assert agreement.effective_at is not None
    assert effective.state == "agreement_effective"
    stored = _reload(case)
    assert stored.review_due == agreement.effective_at.date() + timedelta(days=15)
    assert stored.review_due == today() + timedelta(days=15)
    assert mediation.missing_for_effect(agreement) == []


def test_missing_for_effect_lists_each_item() -> None:
    assert mediation.missing_for_effect(Agreement()) == list(MISSING_TEXT.values())
    assert mediation.missing_for_effect(Agreement(**ALL_SIGNED)) == []
    assert mediation.missing_for_effect(None) == ["a drafted agreement"]


# --- the deadline list (acceptance) ------------------------------------------------------------


def test_deadline_list_overdue_first_then_due_soon(admin, base) -> None:
    moment = now()
    on = moment.date()

    overdue_mediation = _file(admin, base, received_at=moment - timedelta(days=20))
    _move(admin, overdue_mediation, "accepted")

    soon_mediation = _file(admin, base, received_at=moment - timedelta(days=13))
    _move(admin, soon_mediation, "accepted", "in_mediation")

    registered_at = datetime.combine(_working_days_before(on, 5), moment.time())
    acceptance_overdue = _file(admin, base, received_at=registered_at)

    obligation_case = _file(admin, base, received_at=moment - timedelta(minutes=5))
    _to_effective(
        admin,
        obligation_case,
        obligations=[ObligationInput("支付工资", "12000", on + timedelta(days=1))],
    )

    far = _file(admin, base, received_at=moment - timedelta(minutes=1))
    _move(admin, far, "accepted")
    finished = _file(admin, base, received_at=moment - timedelta(days=30))
    _move(admin, finished, "withdrawn")

    found = mediation.deadlines(admin, on=on)
    got = [(d.case_id, d.kind, d.due) for d in found]
    overdue = sorted(
        [
            (
                overdue_mediation.id,
                "mediation",
                (moment - timedelta(days=20)).date() + timedelta(days=15),
            ),
            (
                acceptance_overdue.id,
                "acceptance",
                mediation.add_working_days(registered_at.date(), 3),
            ),
        ],
        key=lambda item: item[2],
    )
    soon = sorted(
        [
            (obligation_case.id, "obligation", on + timedelta(days=1)),
            (soon_mediation.id, "mediation", on + timedelta(days=2)),
        ],
        key=lambda item: item[2],
    )
    assert got == overdue + soon
    assert [d.overdue(on) for d in found] == [True, True, False, False]
    assert far.id not in {d.case_id for d in found}
    assert finished.id not in {d.case_id for d in found}
    assert {d.number for d in found} == {
        c.number for c in (overdue_mediation, soon_mediation, acceptance_overdue, obligation_case)
    }
    assert all(d.respondent == "北京万家餐饮有限公司" for d in found)


def test_deadline_list_follows_an_extension_and_performance(admin, base) -> None:
    on = today()
    case = _file(admin, base, received_at=now() - timedelta(days=20))
    _move(admin, case, "accepted")
    assert [d.case_id for d in mediation.deadlines(admin, on=on)] == [case.id]
    mediation.extend_mediation(admin, case.id, until=on + timedelta(days=20), note="双方同意")
    assert mediation.deadlines(admin, on=on) == []

    paid = _file(admin, base)
    _to_effective(
        admin, paid, obligations=[ObligationInput("支付工资", "100", on - timedelta(days=1))]
    )
    [due] = mediation.deadlines(admin, on=on)
    assert (due.case_id, due.kind, due.overdue(on)) == (paid.id, "obligation", True)
    mediation.record_performance(
        admin, Obligation.select().first().id, performed_on=on, amount="100", proof="收条"
    )
    assert mediation.deadlines(admin, on=on) == []


# --- confidentiality (acceptance) ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["librarian", "organiser"])
def test_other_roles_see_no_case(make_staff, admin, base, tmp_path, role) -> None:
    case = _file(admin, base)
    outsider = make_staff("outsider", role)
    calls = {
        "list_cases": lambda: mediation.list_cases(outsider),
        "count_cases": lambda: mediation.count_cases(outsider),
        "get_case": lambda: mediation.get_case(outsider, case.id),
        "open_case": lambda: mediation.open_case(outsider, case.id),
        "case_claims": lambda: mediation.case_claims(outsider, case.id),
        "deadlines": lambda: mediation.deadlines(outsider),
        "statistics": lambda: mediation.statistics(
            outsider, date_from=today() - timedelta(days=30), date_to=today()
        ),
        "transition": lambda: mediation.transition(outsider, case.id, "accepted"),
        "export_ledger": lambda: mediation.export_ledger(outsider, tmp_path / "ledger.xlsx"),
    }
    before = _counts()
    for name, call in calls.items():
        with pytest.raises(PermissionDenied):
            call()
            pytest.fail(f"{name} answered a {role}")
    assert _reload(case).state == "registered"
    assert _counts() == before
    assert not (tmp_path / "ledger.xlsx").exists()


def test_front_desk_files_and_sees_only_number_and_state(make_staff, admin, base) -> None:
    desk = make_staff("desk", "front_desk")
    other_desk = make_staff("desk2", "front_desk")
    own = _file(desk, base)
    summary = mediation.filed_case_summary(desk, own.id)
    assert (summary.number, summary.state) == (own.number, "registered")
    assert set(vars(summary)) == {"number", "state"}
    mediation.transition(admin, own.id, "accepted")
    assert mediation.filed_case_summary(desk, own.id).state == "accepted"

    with pytest.raises(PermissionDenied):
        mediation.get_case(desk, own.id)
    with pytest.raises(PermissionDenied):
        mediation.list_cases(desk)
    with pytest.raises(PermissionDenied):
        mediation.filed_case_summary(other_desk, own.id)
    by_admin = _file(admin, base)
    with pytest.raises(PermissionDenied):
        mediation.filed_case_summary(desk, by_admin.id)


def test_opening_a_case_is_audited(make_staff, admin, base) -> None:
    case = _file(admin, base)
    mediator = make_staff("mediator", "mediator")
    opened = mediation.open_case(mediator, case.id)
    assert opened.number == case.number
    entries = list(
        AuditEntry.select().where(
            AuditEntry.action == "open",
            AuditEntry.entity == "case",
            AuditEntry.entity_id == case.id,
        )
    )
    assert [e.staff_id for e in entries] == [mediator.id]
    mediation.open_case(mediator, case.id)
    assert len(_audit("open", case)) == 2
    mediation.get_case(mediator, case.id)  # read again after a change: not a new opening
    assert len(_audit("open", case)) == 2


def test_mediators_read_cases(make_staff, admin, base, worker) -> None:
    case = _file(admin, base)
    mediator = make_staff("mediator", "mediator")
    assert [c.id for c in mediation.list_cases(mediator)] == [case.id]
    assert mediation.count_cases(mediator) == 1
    assert mediation.count_cases(mediator, CaseFilter(person_id=worker.id)) == 1
    assert mediation.count_cases(mediator, CaseFilter(text="万家")) == 1
    assert mediation.count_cases(mediator, CaseFilter(state="accepted")) == 0


def _found(actor: Staff, text: str) -> list[int]:
    filt = CaseFilter(text=text)
    found = [c.id for c in mediation.list_cases(actor, filt)]
    assert mediation.count_cases(actor, filt) == len(found)
    return found


def test_the_search_box_finds_number_respondent_and_party(admin, base, worker) -> None:
    """Names in characters are looked up in the person search keys, not in every name."""
    other = _file(admin, base, applicant_ids=[_person(admin, "欧阳娜娜").id])
    case = _file(admin, base, respondent_id=_org(admin, "东方广场物业管理有限公司").id)
    foreign = _file(admin, base, applicant_ids=[_person(admin, "Mary-Jane O'Neil").id])
    everyone = [foreign.id, case.id, other.id]
    assert _found(admin, case.number) == [case.id]
    assert _found(admin, case.number.split("第")[1]) == [case.id]  # the tail: "2号"
    assert _found(admin, "调字") == everyone
    assert _found(admin, "广场物业") == [case.id]  # anywhere in the respondent's name
    assert _found(admin, "万家") == [foreign.id, other.id]
    assert _found(admin, "李娜") == [case.id]
    assert _found(admin, "李") == [case.id]
    assert _found(admin, "娜") == [case.id, other.id]  # the given name, from its start
    assert _found(admin, "欧阳") == _found(admin, "阳娜") == _found(admin, "娜娜") == [other.id]
    assert _found(admin, "Jane O") == [foreign.id]  # Latin text: anywhere in the name
    assert _found(admin, "jane") == [foreign.id]
    assert _found(admin, "李娜 ") == [case.id]
    assert _found(admin, "LN") == []  # initials are for the register's search, not this box
    assert _found(admin, "张三") == []
    assert _found(admin, "_") == [] and _found(admin, "%") == []
    assert _found(admin, "李娜5") == []


def test_the_search_box_lists_every_kind_of_match_newest_first(admin, base) -> None:
    """Cases found by their number, their respondent and their parties in one list, newest
    first (received the same moment: the later filed first), page by page, with the count
    (issue #22: PostgreSQL tests the number on each case it reads)."""
    day = datetime(2026, 3, 2, 9, 0)
    by_party = _file(admin, base, received_at=day, applicant_ids=[_person(admin, "程宁丽").id])
    numbered = _file(admin, base, received_at=day + timedelta(days=1))
    tail = numbered.number.split("第")[1]  # "0002号"
    by_respondent = _file(
        admin,
        base,
        received_at=day + timedelta(days=2),
        respondent_id=_org(admin, f"程氏{tail}物业有限公司").id,
    )
    _file(admin, base, received_at=day + timedelta(days=3))  # matches neither
    tie = _file(admin, base, received_at=day, applicant_ids=[_person(admin, "程亮").id])
    assert _found(admin, "程") == [by_respondent.id, tie.id, by_party.id]
    assert _found(admin, tail) == [by_respondent.id, numbered.id]
    assert _found(admin, "程宁丽") == [by_party.id]
    filt = CaseFilter(text="程")
    pages = [
        [c.id for c in mediation.list_cases(admin, filt, offset=offset, limit=2)]
        for offset in (0, 2)
    ]
    assert pages == [[by_respondent.id, tie.id], [by_party.id]]
    accepted = _move(admin, tie, "accepted")
    with_state = CaseFilter(text="程", state="accepted")
    assert [c.id for c in mediation.list_cases(admin, with_state)] == [accepted.id]
    assert mediation.count_cases(admin, with_state) == 1


def test_the_list_hands_cases_as_a_model_read_gives_them(admin, base) -> None:
    """The list reads the driver's rows (issue #22): each case and its respondent hold the
    values, of the types, that peewee's own read gives, with nothing dirty, on both databases."""

    def typed(model: object) -> dict[str, tuple[type, object]]:
        return {name: (type(value), value) for name, value in model.__data__.items()}

    first = _file(admin, base, received_at=datetime(2026, 3, 2, 9, 0))
    _move(admin, first, "accepted")
    _file(admin, base, respondent_id=_org(admin, "东方广场物业管理有限公司").id)
    listed = mediation.list_cases(admin)
    read = (
        MediationCase.select(MediationCase, Organization)
        .join(Organization)
        .order_by(MediationCase.received_at.desc(), MediationCase.id.desc())
    )
    assert [c.id for c in listed] == [c.id for c in read] and len(listed) == 2
    for case, model in zip(listed, read, strict=True):
        assert typed(case) == typed(model)
        assert typed(case.__rel__["respondent"]) == typed(model.respondent)
        assert case.respondent.name == model.respondent.name
        assert not case.is_dirty() and not case.respondent.is_dirty()
        assert isinstance(case.received_at, datetime) and isinstance(case.date_knew, date)


def test_a_party_is_found_by_a_number_only_in_the_case_number(admin, base) -> None:
    """A party's phone and ID tails are search keys too, but not names."""
    party = people.create_person(
        admin, PersonInput(name="王芳", phone="13812345678"), allow_duplicate=True
    )
    case = _file(admin, base, applicant_ids=[party.id])
    assert _found(admin, "5678") == ([case.id] if "5678" in case.number else [])
    assert _found(admin, "138") == []


def test_state_filters_list_newest_first(admin, base) -> None:
    days = [datetime(2026, 3, d, 9, 0) for d in (2, 5, 3, 4, 1)]
    cases = [_file(admin, base, received_at=day) for day in days]
    accepted = [_move(admin, cases[i], "accepted") for i in (0, 1, 2)]
    _move(admin, accepted[1], "in_mediation")
    for filt, expected in (
        (CaseFilter(state="accepted"), [cases[2], cases[0]]),
        (CaseFilter(state="registered"), [cases[3], cases[4]]),
        (CaseFilter(open_only=True), [cases[1], cases[3], cases[2], cases[0], cases[4]]),
        (CaseFilter(state="accepted", text="李娜"), [cases[2], cases[0]]),
        (CaseFilter(state="closed"), []),
    ):
        assert [c.id for c in mediation.list_cases(admin, filt)] == [c.id for c in expected]
        assert mediation.count_cases(admin, filt) == len(expected)
        assert [c.id for c in mediation.list_cases(admin, filt, offset=1, limit=1)] == [
            c.id for c in expected[1:2]
        ]


def test_the_search_box_follows_renamed_parties_and_respondents(admin, base, worker, employer):
    case = _file(admin, base)
    people.update_person(admin, worker.id, PersonInput(name="王秀英"))
    assert _found(admin, "王秀英") == _found(admin, "秀英") == [case.id]
    assert _found(admin, "李娜") == []
    people.update_organization(admin, employer.id, OrganizationInput(name="北京新华书店"))
    assert _found(admin, "新华") == [case.id]
    assert _found(admin, "万家") == []
    with_state = CaseFilter(text="秀英", state=case.state)
    assert [c.id for c in mediation.list_cases(admin, with_state)] == [case.id]
    assert mediation.count_cases(admin, with_state) == 1
    assert mediation.count_cases(admin, replace(with_state, state="closed")) == 0


# --- impartiality --------------------------------------------------------------------------------


def test_related_mediator_needs_a_reason(make_staff, admin, base, worker) -> None:
    head = make_staff("head", "mediation_head")
    mediator = make_staff("mediator", "mediator")
    case = _file(admin, base)
    mediation.add_relation(head, mediator_id=mediator.id, relation="表兄弟", person_id=worker.id)

    with pytest.raises(RelatedMediator) as caught:
        mediation.assign_mediator(head, case.id, mediator.id)
    assert isinstance(caught.value, ValidationError)
    assert "表兄弟" in str(caught.value)
    assert caught.value.field == "mediator"
    assert _reload(case).mediator_id is None
    assert _events(case, "assignment") == []

    assigned = mediation.assign_mediator(head, case.id, mediator.id, reason="其他调解员均休假")
    assert assigned.mediator_id == mediator.id
    stored = _reload(case)
    assert (stored.mediator_id, stored.mediator_reason) == (mediator.id, "其他调解员均休假")
    [event] = _events(case, "assignment")
    assert "其他调解员均休假" in event.reason
    assert event.staff_id == head.id
    assert _audit("assign", case)[-1]["related"] is True


def test_relation_to_the_employer_counts_too(make_staff, admin, base, employer) -> None:
    mediator = make_staff("mediator", "mediator")
    case = _file(admin, base)
    mediation.add_relation(
        mediator, mediator_id=mediator.id, relation="曾在该公司任职", organization_id=employer.id
    )
    with pytest.raises(RelatedMediator) as caught:
        mediation.assign_mediator(admin, case.id, mediator.id)
    assert "曾在该公司任职" in caught.value.message


def test_unrelated_mediator_is_assigned_without_reason(make_staff, admin, base, worker) -> None:
    related = make_staff("related", "mediator")
    free = make_staff("free", "mediator")
    mediation.add_relation(admin, mediator_id=related.id, relation="邻居", person_id=worker.id)
    case = _file(admin, base)
    assigned = mediation.assign_mediator(admin, case.id, free.id)
    assert assigned.mediator_id == free.id
    assert _reload(case).mediator_reason == ""
    assert len(_events(case, "assignment")) == 1


@pytest.mark.parametrize("role", ["front_desk", "mediator"])
def test_only_the_head_assigns(make_staff, admin, base, role) -> None:
    mediator = make_staff("mediator", "mediator")
    actor = make_staff("someone", role)
    case = _file(admin, base)
    with pytest.raises(PermissionDenied):
        mediation.assign_mediator(actor, case.id, mediator.id)
    assert _reload(case).mediator_id is None
    head = make_staff("head", "mediation_head")
    assert mediation.assign_mediator(head, case.id, mediator.id).mediator_id == mediator.id


def test_assigning_a_non_mediator_is_refused(make_staff, admin, base) -> None:
    librarian = make_staff("books", "librarian")
    case = _file(admin, base)
    with pytest.raises(ValidationError) as caught:
        mediation.assign_mediator(admin, case.id, librarian.id)
    assert caught.value.field == "mediator"


def test_employer_history(admin, base, employer) -> None:
    earlier = _file(admin, base)
    _move(admin, earlier, "withdrawn")
    _file(admin, base)
    failed = _file(admin, base)
    _move(admin, failed, "accepted", "in_mediation", "failed")
    _file(admin, base, respondent_id=_org(admin).id)
    current = _file(admin, base)

    history = mediation.employer_history(admin, employer.id, exclude_case_id=current.id)
    assert history.cases == 3
    assert history.by_state == {"withdrawn": 1, "registered": 1, "failed": 1}
    assert mediation.employer_history(admin, employer.id).cases == 4


# --- sessions, agreements, performance, follow-ups ----------------------------------------------


def test_add_session(admin, base) -> None:
    case = _file(admin, base)
    held = now() - timedelta(hours=1)
    good = SessionInput(
        held_at=held, place="服务站调解室", attendees="李娜；公司代表", record="双方陈述"
    )
    with pytest.raises(ValidationError) as caught:  # still registered
        mediation.add_session(admin, case.id, good)
    assert caught.value.field == "state"

    _move(admin, case, "accepted", "in_mediation")
    with pytest.raises(ValidationError) as caught:
        mediation.add_session(admin, case.id, replace(good, record="   "))
    assert set(caught.value.errors) == {"record"}
    with pytest.raises(ValidationError) as caught:
        mediation.add_session(admin, case.id, replace(good, held_at=now() + timedelta(days=1)))
    assert set(caught.value.errors) == {"held_at"}
    assert CaseSession.select().count() == 0

    session = mediation.add_session(admin, case.id, replace(good, signed_by_parties=True))
    stored = CaseSession.get_by_id(session.id)
    assert (stored.case_id, stored.place, stored.record, stored.signed_by_parties) == (
        case.id,
        "服务站调解室",
        "双方陈述",
        True,
    )
    assert stored.held_at == held
    assert len(_events(case, "session")) == 1
    assert [s.id for s in mediation.case_sessions(admin, case.id)] == [session.id]

    _move(admin, case, "failed")
    with pytest.raises(ValidationError) as caught:
        mediation.add_session(admin, case.id, good)
    assert caught.value.field == "state"
    assert CaseSession.select().count() == 1


def test_save_agreement_validates_and_replaces_obligations(admin, base) -> None:
    case = _file(admin, base)
    _move(admin, case, "accepted", "in_mediation")
    with pytest.raises(ValidationError) as caught:
        mediation.save_agreement(admin, case.id, AgreementInput(terms="  "))
    assert "terms" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        mediation.save_agreement(
            admin,
            case.id,
            AgreementInput(terms="支付工资", obligations=[ObligationInput("支付工资", "abc")]),
        )
    assert "obligations" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        mediation.save_agreement(
            admin,
            case.id,
            AgreementInput(terms="支付工资", obligations=[ObligationInput("", "500")]),
        )
    assert "obligations" in caught.value.errors
    assert Agreement.select().count() == 0
    assert _reload(case).state == "in_mediation"

    first = mediation.save_agreement(
        admin,
        case.id,
        AgreementInput(
            terms="支付工资",
            obligations=[
                ObligationInput("第一期", "5000", today() + timedelta(days=5)),
                ObligationInput("第二期", "7000", today() + timedelta(days=30)),
                ObligationInput("", None, None),  # an empty row of the form is skipped
            ],
        ),
    )
    assert _reload(case).state == "agreement_draft"
    assert [
        (o.description, o.amount) for o in mediation.agreement_obligations(admin, first.id)
    ] == [
        ("第一期", Decimal("5000.00")),
        ("第二期", Decimal("7000.00")),
    ]

    second = mediation.save_agreement(
        admin,
        case.id,
        AgreementInput(
            terms="一次性支付工资12000元",
            obligations=[ObligationInput("一次性支付", "12000", today() + timedelta(days=7))],
            signed_applicant=True,
        ),
    )
    assert second.id == first.id
    assert Agreement.select().count() == 1
    stored = Agreement.get_by_id(first.id)
    assert (stored.terms, stored.signed_applicant, stored.signed_mediator) == (
        "一次性支付工资12000元",
        True,
        False,
    )
    assert [(o.description, o.amount) for o in Obligation.select()] == [
        ("一次性支付", Decimal("12000.00"))
    ]
    # The draft step was recorded once, not on every save.
    assert [e.to_state for e in _events(case, "transition")].count("agreement_draft") == 1


def test_save_agreement_only_while_mediating(admin, base) -> None:
    case = _file(admin, base)
    with pytest.raises(ValidationError) as caught:
        mediation.save_agreement(admin, case.id, AgreementInput(terms="支付工资"))
    assert caught.value.field == "state"
    assert Agreement.select().count() == 0


def test_record_performance(admin, base) -> None:
    case = _to_effective(admin, _file(admin, base))
    obligation = Obligation.select().first()
    with pytest.raises(ValidationError) as caught:
        mediation.record_performance(
            admin, obligation.id, performed_on=today(), amount="12000", proof="  "
        )
    assert set(caught.value.errors) == {"proof"}
    with pytest.raises(ValidationError) as caught:
        mediation.record_performance(
            admin,
            obligation.id,
            performed_on=today() + timedelta(days=1),
            amount="12000",
            proof="收条",
        )
    assert set(caught.value.errors) == {"performed_on"}
    with pytest.raises(ValidationError) as caught:
        mediation.record_performance(
            admin, obligation.id, performed_on=today(), amount="-1", proof="收条"
        )
    assert set(caught.value.errors) == {"amount"}
    unchanged = Obligation.get_by_id(obligation.id)
    assert (unchanged.performed_on, unchanged.proof) == (None, "")
    assert _reload(case).state == "agreement_effective"

    done = mediation.record_performance(
        admin,
        obligation.id,
        performed_on=today() - timedelta(days=1),
        amount="12,000",
        proof="银行转账回单",
    )
    stored = Obligation.get_by_id(done.id)
    assert (stored.performed_on, stored.performed_amount, stored.proof) == (
        today() - timedelta(days=1),
        Decimal("12000.00"),
        "银行转账回单",
    )
    assert _reload(case).state == "performing"
    assert len(_events(case, "performance")) == 1


def test_record_performance_needs_an_effective_agreement(admin, base) -> None:
    case = _file(admin, base)
    _to_draft(admin, case)
    obligation = Obligation.select().first()
    with pytest.raises(ValidationError) as caught:
        mediation.record_performance(
            admin, obligation.id, performed_on=today(), amount="12000", proof="收条"
        )
    assert caught.value.field == "state"
    assert Obligation.get_by_id(obligation.id).performed_on is None


def test_add_follow_up(admin, base) -> None:
    case = _to_effective(admin, _file(admin, base))
    with pytest.raises(ValidationError) as caught:
        mediation.add_follow_up(admin, case.id, held_on=today() + timedelta(days=1), notes="回访")
    assert caught.value.field == "held_on"
    with pytest.raises(ValidationError):
        mediation.add_follow_up(admin, case.id, held_on=today(), notes="  ")
    assert CaseFollowUp.select().count() == 0

    record = mediation.add_follow_up(
        admin, case.id, held_on=today(), notes="电话回访：工资已按协议支付，职工满意。"
    )
    [stored] = mediation.case_follow_ups(admin, case.id)
    assert stored.id == record.id
    assert (stored.held_on, stored.notes, stored.staff_id) == (
        today(),
        "电话回访：工资已按协议支付，职工满意。",
        admin.id,
    )
    assert len(_events(case, "follow_up")) == 1


def test_mediator_manages_but_front_desk_does_not(make_staff, admin, base) -> None:
    desk = make_staff("desk", "front_desk")
    mediator = make_staff("mediator", "mediator")
    case = _file(desk, base)
    with pytest.raises(PermissionDenied):
        mediation.transition(desk, case.id, "accepted")
    with pytest.raises(PermissionDenied):
        mediation.add_session(desk, case.id, SessionInput(held_at=now(), record="记录"))
    assert mediation.transition(mediator, case.id, "accepted").state == "accepted"


# --- statistics and the ledger ------------------------------------------------------------------


def _statistics_cases(admin, base) -> dict[str, MediationCase]:
    moment = now()

    def received(days: int) -> datetime:
        return moment - timedelta(days=days, minutes=1)

    performed = _file(
        admin,
        base,
        received_at=received(50),
        claims=[ClaimInput("wages", "1234.56")],
    )
    _to_effective(
        admin,
        performed,
        obligations=[
            ObligationInput("第一期", "600.10", moment.date()),
            ObligationInput("第二期", "634.46", moment.date()),
        ],
    )
    for obligation in Obligation.select().order_by(Obligation.id):
        mediation.record_performance(
            admin, obligation.id, performed_on=moment.date(), amount=obligation.amount, proof="收条"
        )
    _move(admin, performed, "performed", "closed")

    failed = _file(
        admin,
        base,
        received_at=received(45),
        claims=[ClaimInput("overtime", "2000.10"), ClaimInput("social_insurance", "500.20")],
    )
    _move(admin, failed, "accepted", "in_mediation", "failed")

    waiting = _file(
        admin, base, received_at=received(30), claims=[ClaimInput("dismissal", "30000")]
    )

    withdrawn = _file(admin, base, received_at=received(40), claims=[ClaimInput("contract", None)])
    _move(admin, withdrawn, "withdrawn", "closed")

    effective = _file(admin, base, received_at=received(5), claims=[ClaimInput("wages", "900")])
    _to_effective(
        admin, effective, obligations=[ObligationInput("支付工资", "800.30", moment.date())]
    )

    outside = _file(admin, base, received_at=received(90), claims=[ClaimInput("wages", "99999")])
    _to_effective(admin, outside, obligations=[ObligationInput("支付工资", "99999", moment.date())])
    return {
        "performed": performed,
        "failed": failed,
        "waiting": waiting,
        "withdrawn": withdrawn,
        "effective": effective,
        "outside": outside,
    }


def test_statistics(admin, base) -> None:
    cases = _statistics_cases(admin, base)
    on = today()
    stats = mediation.statistics(admin, date_from=on - timedelta(days=60), date_to=on)
    inside = [c for name, c in cases.items() if name != "outside"]

    assert stats.total == 5
    assert stats.by_state == {"closed": 2, "failed": 1, "registered": 1, "agreement_effective": 1}
    assert stats.by_category == {
        "wages": 2,
        "overtime": 1,
        "social_insurance": 1,
        "dismissal": 1,
        "contract": 1,
    }
    months: dict[str, int] = {}
    for case in inside:
        key = f"{case.received_at:%Y-%m}"
        months[key] = months.get(key, 0) + 1
    assert stats.by_month == months
    # Decided: the performed and the effective ones succeeded; the failed one and the
    # withdrawn (closed) one did not; the waiting one is undecided.
    assert (stats.succeeded, stats.decided) == (2, 4)
    assert stats.success_rate == pytest.approx(0.5)
    assert stats.average_days_to_close == pytest.approx(45.0)  # 50 and 40 days
    assert stats.amount_claimed == Decimal("34634.86")
    assert stats.amount_agreed == Decimal("2034.86")
    assert stats.amount_paid == Decimal("1234.56")
    assert isinstance(stats.amount_claimed, Decimal)


def test_statistics_of_an_empty_period(admin, base) -> None:
    _file(admin, base, received_at=now() - timedelta(days=100))
    on = today()
    stats = mediation.statistics(admin, date_from=on - timedelta(days=10), date_to=on)
    assert (stats.total, stats.decided, stats.success_rate) == (0, 0, None)
    assert stats.average_days_to_close is None
    assert stats.amount_claimed == Decimal(0)


def test_export_ledger(make_staff, admin, base, tmp_path: Path) -> None:
    cases = [_file(admin, base, received_at=now() - timedelta(days=d)) for d in (3, 2, 1)]
    _move(admin, cases[0], "withdrawn")
    head = make_staff("head", "mediation_head")
    path = tmp_path / "ledger.xlsx"

    assert mediation.export_ledger(head, path) == 3
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Case number"
    assert len(rows) == 4
    assert sorted(row[0] for row in rows[1:]) == sorted(c.number for c in cases)
    assert {row[3] for row in rows[1:]} == {"北京万家餐饮有限公司"}
    assert {row[2] for row in rows[1:]} == {"李娜"}
    assert _audit_export() == [{"file": "ledger.xlsx", "rows": 3}]


def _audit_export() -> list[dict[str, object]]:
    return [
        json.loads(a.details)
        for a in AuditEntry.select().where(
            AuditEntry.action == "export", AuditEntry.entity == "case"
        )
    ]


def test_mediator_cannot_export_the_ledger(make_staff, admin, base, tmp_path: Path) -> None:
    _file(admin, base)
    mediator = make_staff("mediator", "mediator")
    path = tmp_path / "ledger.xlsx"
    with pytest.raises(PermissionDenied):
        mediation.export_ledger(mediator, path)
    assert not path.exists()
    assert _audit_export() == []
