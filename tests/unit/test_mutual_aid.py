"""Mutual-aid cover (issue 25, point 3): plans, enrolments (at the desk and from a workplace's
list), claims with their eligibility check, amounts and states, consent, the report's figures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import ADMIN, FRONT_DESK, ROLES, AuditEntry, Staff
from stationapp.models.mutual_aid import AidClaim, AidEnrolment
from stationapp.services import consent, mutual_aid, people, retention
from stationapp.services.importing import ImportRefused
from stationapp.services.mutual_aid import ClaimInput, PlanInput
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.ids import make_ric

TODAY = date(2026, 12, 8)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (
        mutual_aid.claims,
        mutual_aid.enrolments,
        mutual_aid.plans,
    ):
        monkeypatch.setattr(module, "today", lambda: TODAY, raising=False)


def hospital_plan(**changes: object) -> PlanInput:
    values: dict[str, object] = dict(
        name="在职职工住院医疗互助保障",
        kind="hospital",
        year=2026,
        cover_start=date(2026, 1, 1),
        cover_end=date(2026, 12, 31),
        premium="30",
        waiting_days=90,
        benefit_kind="rate",
        rate="50",
        deductible="500",
        cap_per_claim="10000",
        cap_per_year="20000",
        claim_days=90,
        materials=["京卡复印件", "出院小结", "医保结算单"],
    )
    values.update(changes)
    return PlanInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def station(admin: Staff):
    workplace = people.create_organization(admin, OrganizationInput(name="北京国贸物业有限公司"))
    worker = people.create_person(
        admin, PersonInput(name="李娜", id_number=make_ric(seq=11), workplace_id=workplace.id)
    )
    other = people.create_person(
        admin, PersonInput(name="王强", id_number=make_ric(seq=13), workplace_id=workplace.id)
    )
    plan = mutual_aid.create_plan(admin, hospital_plan())
    consent.record_consent(admin, worker.id, "health", "written")
    enrolment = mutual_aid.enrol(
        admin,
        worker.id,
        plan.id,
        enrolled_on=date(2026, 1, 10),
        organization_id=workplace.id,
    )
    return plan, workplace, worker, other, enrolment


def hospital_claim(enrolment_id: int, **changes: object) -> ClaimInput:
    values: dict[str, object] = dict(
        enrolment_id=enrolment_id,
        admitted_on=date(2026, 10, 1),
        discharged_on=date(2026, 10, 10),
        claimed_on=date(2026, 11, 1),
        total_expenses="12000",
        insurance_paid="8000",
        materials_done=["京卡复印件"],
        diagnosis="阑尾炎",
    )
    values.update(changes)
    return ClaimInput(**values)  # type: ignore[arg-type]


# --- plans --------------------------------------------------------------------------------------


def test_a_plan_checks_its_rules_at_the_fields(admin: Staff) -> None:
    with pytest.raises(ValidationError) as caught:
        mutual_aid.create_plan(
            admin,
            hospital_plan(
                name="", cover_end=date(2025, 12, 1), rate="120", premium="abc", waiting_days=-1
            ),
        )
    assert set(caught.value.errors) >= {"name", "cover_end", "rate", "premium", "waiting_days"}
    mutual_aid.create_plan(admin, hospital_plan())
    with pytest.raises(ValidationError) as caught:
        mutual_aid.create_plan(admin, hospital_plan())
    assert caught.value.field == "name"
    fixed = mutual_aid.create_plan(
        admin,
        hospital_plan(
            name="重大疾病",
            kind="serious_illness",
            benefit_kind="fixed",
            rate=None,
            fixed_sum="5000",
        ),
    )
    assert fixed.fixed_sum == Decimal("5000.00") and fixed.rate is None
    with pytest.raises(ValidationError) as caught:
        mutual_aid.create_plan(
            admin, hospital_plan(name="意外", benefit_kind="fixed", rate=None, fixed_sum=None)
        )
    assert caught.value.field == "fixed_sum"


def test_the_checklist_comes_from_the_catalogue_where_it_has_one(admin: Staff) -> None:
    from stationapp.models.visits import ServiceType

    service = ServiceType.create(
        name="职工互助保障", materials=[{"name": "身份证"}, {"name": "诊断证明"}]
    )
    empty = ServiceType.create(name="空服务", materials=[])
    own = mutual_aid.create_plan(admin, hospital_plan())
    from_catalogue = mutual_aid.create_plan(admin, hospital_plan(name="B", service_id=service.id))
    falls_back = mutual_aid.create_plan(admin, hospital_plan(name="C", service_id=empty.id))
    assert mutual_aid.checklist(own) == ["京卡复印件", "出院小结", "医保结算单"]
    assert mutual_aid.checklist(from_catalogue) == ["身份证", "诊断证明"]
    assert mutual_aid.checklist(falls_back) == ["京卡复印件", "出院小结", "医保结算单"]


def test_only_the_head_of_the_station_manages_plans(admin: Staff, make_staff) -> None:
    desk = make_staff("desk", FRONT_DESK)
    with pytest.raises(PermissionDenied):
        mutual_aid.create_plan(desk, hospital_plan())
    plan = mutual_aid.create_plan(admin, hospital_plan())
    changed = mutual_aid.update_plan(admin, plan.id, hospital_plan(claim_days=60))
    assert changed.claim_days == 60
    entry = (
        AuditEntry.select()
        .where(AuditEntry.entity == "aid_plan")
        .order_by(AuditEntry.id.desc())
        .get()
    )
    assert "claim_days" in entry.details


# --- enrolments ---------------------------------------------------------------------------------


def test_a_person_is_enrolled_once_per_plan_and_year(admin: Staff, station) -> None:
    plan, workplace, worker, _other, enrolment = station
    assert (enrolment.year, enrolment.premium) == (2026, Decimal("30.00"))
    with pytest.raises(ValidationError) as caught:
        mutual_aid.enrol(
            admin, worker.id, plan.id, enrolled_on=date(2026, 2, 1), organization_id=workplace.id
        )
    assert caught.value.field == "plan"
    next_year = mutual_aid.create_plan(
        admin,
        hospital_plan(year=2027, cover_start=date(2027, 1, 1), cover_end=date(2027, 12, 31)),
    )
    mutual_aid.enrol(admin, worker.id, next_year.id, enrolled_on=TODAY, paid_by="self")
    assert AidEnrolment.select().where(AidEnrolment.person == worker.id).count() == 2


def test_the_unique_index_backs_the_check(admin: Staff, station) -> None:
    import peewee

    plan, _workplace, worker, _other, _enrolment = station
    with pytest.raises(peewee.IntegrityError):
        AidEnrolment.create(
            plan=plan.id,
            person=worker.id,
            year=2026,
            enrolled_on=TODAY,
            premium=Decimal("30"),
            staff=admin.id,
        )


def test_an_enrolment_checks_its_terms(admin: Staff, station) -> None:
    plan, _workplace, _worker, other, _enrolment = station
    with pytest.raises(ValidationError) as caught:
        mutual_aid.enrol(admin, other.id, plan.id, enrolled_on=TODAY + timedelta(days=1))
    assert set(caught.value.errors) == {"enrolled_on", "organization"}


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_workplaces_list_is_enrolled_at_once(admin: Staff, station, tmp_path: Path) -> None:
    plan, workplace, worker, other, _enrolment = station
    path = write_xlsx(
        tmp_path / "名单.xlsx",
        [
            ["单位职工互助保障名单"],
            ["序号", "姓名", "身份证号"],
            [1, "李娜", worker.id_number],
            [2, "王强", ""],
        ],
    )
    result = mutual_aid.import_enrolments(
        admin, path, plan.id, enrolled_on=TODAY, organization_id=workplace.id
    )
    assert (result.rows, result.enrolled, result.already) == (2, 1, 1)
    assert AidEnrolment.get(AidEnrolment.person == other.id).organization_id == workplace.id


def test_a_list_with_rows_that_do_not_match_is_refused_whole(
    admin: Staff, station, tmp_path: Path
) -> None:
    plan, workplace, worker, other, _enrolment = station
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [
            ["姓名", "身份证号码"],
            ["王强", other.id_number],
            ["张三", worker.id_number],  # another name on file
            ["赵六", make_ric(seq=99)],  # nobody on file
            ["王强", ""],  # the same worker again
        ],
    )
    with pytest.raises(ImportRefused) as caught:
        mutual_aid.import_enrolments(
            admin, path, plan.id, enrolled_on=TODAY, organization_id=workplace.id
        )
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (3, "name"),
        (4, "id_number"),
        (5, "name"),
    ]
    assert "身份证号码" in caught.value.lines()[1]
    assert AidEnrolment.select().count() == 1  # nothing half written


# --- claims -------------------------------------------------------------------------------------


def test_a_claim_is_computed_by_the_rules(admin: Staff, station) -> None:
    _plan, _workplace, _worker, _other, enrolment = station
    claim = mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    # (12000 - 8000 - 500 deductible) x 50 %
    assert (claim.state, claim.claimed_amount, claim.computed_amount) == (
        "submitted",
        Decimal("4000.00"),
        Decimal("1750.00"),
    )
    big = mutual_aid.submit_claim(
        admin, hospital_claim(enrolment.id, total_expenses="60000", insurance_paid="20000")
    )
    assert big.computed_amount == Decimal("10000.00")  # the cap per claim
    third = mutual_aid.submit_claim(
        admin, hospital_claim(enrolment.id, total_expenses="60000", insurance_paid="20000")
    )
    assert third.computed_amount == Decimal("8250.00")  # what the yearly cap has left
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    assert caught.value.field == "claimed_amount"  # the yearly cap is used up


def test_a_fixed_sum_plan_pays_its_sum(admin: Staff, station) -> None:
    _plan, workplace, worker, _other, _enrolment = station
    plan = mutual_aid.create_plan(
        admin,
        hospital_plan(
            name="重大疾病互助保障",
            kind="serious_illness",
            benefit_kind="fixed",
            rate=None,
            fixed_sum="5000",
            cap_per_year="5000",
            waiting_days=0,
        ),
    )
    enrolment = mutual_aid.enrol(
        admin, worker.id, plan.id, enrolled_on=date(2026, 3, 1), organization_id=workplace.id
    )
    claim = mutual_aid.submit_claim(
        admin,
        ClaimInput(
            enrolment_id=enrolment.id, event_on=date(2026, 6, 1), claimed_on=date(2026, 7, 1)
        ),
    )
    assert claim.computed_amount == Decimal("5000.00")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {"admitted_on": date(2026, 2, 1), "discharged_on": date(2026, 2, 5)},
            "admitted_on",
        ),  # waiting
        ({"discharged_on": date(2026, 9, 1)}, "discharged_on"),  # before admission
        ({"claimed_on": TODAY + timedelta(days=1)}, "claimed_on"),  # future
        ({"claimed_on": date(2026, 9, 1)}, "claimed_on"),  # before the event
        ({"total_expenses": "1000", "insurance_paid": "2000"}, "insurance_paid"),
        ({"claimed_amount": "5000"}, "claimed_amount"),  # more than left after insurance
        ({"diagnosis": "x" * 2001}, "diagnosis"),
    ],
)
def test_each_eligibility_failure_is_said_at_its_field(
    admin: Staff, station, changes, field
) -> None:
    _plan, _workplace, _worker, _other, enrolment = station
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(admin, hospital_claim(enrolment.id, **changes))
    assert field in caught.value.errors
    assert AidClaim.select().count() == 0


def test_an_event_outside_the_cover_is_refused(admin: Staff, station) -> None:
    _plan, workplace, _worker, other, _enrolment = station
    consent.record_consent(admin, other.id, "health", "oral")
    late = mutual_aid.create_plan(
        admin, hospital_plan(name="B", cover_start=date(2026, 11, 1), waiting_days=0)
    )
    enrolment = mutual_aid.enrol(
        admin, other.id, late.id, enrolled_on=date(2026, 1, 1), organization_id=workplace.id
    )
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    assert "2026-11-01" in caught.value.errors["admitted_on"]


def test_a_claim_needs_an_enrolment(admin: Staff, station) -> None:
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(admin, hospital_claim(None))
    assert caught.value.field == "enrolment"


def test_a_late_claim_needs_the_reason_and_the_head(admin: Staff, station, make_staff) -> None:
    _plan, _workplace, _worker, _other, enrolment = station
    desk = make_staff("desk", FRONT_DESK)
    late = {
        "admitted_on": date(2026, 4, 15),
        "discharged_on": date(2026, 5, 1),
        "claimed_on": date(2026, 8, 1),
    }
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(desk, hospital_claim(enrolment.id, **late))
    assert "2026-07-30" in caught.value.errors["claimed_on"]
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(
            desk, hospital_claim(enrolment.id, late_reason="住院期间病重", **late)
        )
    assert caught.value.field == "late_reason"
    claim = mutual_aid.submit_claim(
        admin, hospital_claim(enrolment.id, late_reason="住院期间病重", **late)
    )
    assert (claim.late_reason, claim.late_by_id) == ("住院期间病重", admin.id)
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(admin, hospital_claim(enrolment.id, late_reason="不必"))
    assert caught.value.field == "late_reason"  # not late: no reason wanted


def test_no_claim_without_the_health_consent(admin: Staff, station) -> None:
    plan, workplace, _worker, other, _enrolment = station
    enrolment = mutual_aid.enrol(
        admin, other.id, plan.id, enrolled_on=date(2026, 1, 1), organization_id=workplace.id
    )
    with pytest.raises(ValidationError) as caught:
        mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    assert caught.value.field == "person"


def test_withdrawing_the_consent_empties_the_texts_and_keeps_the_amounts(
    admin: Staff, station
) -> None:
    _plan, _workplace, worker, _other, enrolment = station
    claim = mutual_aid.submit_claim(admin, hospital_claim(enrolment.id, notes="术后复查"))
    consent.withdraw_consent(admin, worker.id, "health")
    claim = AidClaim.get_by_id(claim.id)
    assert (claim.diagnosis, claim.notes, claim.computed_amount) == ("", "", Decimal("1750.00"))


def test_the_claim_states(admin: Staff, station, make_staff) -> None:
    _plan, _workplace, _worker, _other, enrolment = station
    desk = make_staff("desk", FRONT_DESK)
    claim = mutual_aid.submit_claim(desk, hospital_claim(enrolment.id))
    with pytest.raises(ValidationError) as caught:
        mutual_aid.approve_claim(admin, claim.id)
    assert caught.value.field == "materials" and "出院小结" in caught.value.message
    with pytest.raises(ValidationError):
        mutual_aid.return_claim(desk, claim.id, "")
    mutual_aid.return_claim(desk, claim.id, "缺出院小结、医保结算单")
    assert AidClaim.get_by_id(claim.id).state == "returned"
    with pytest.raises(ValidationError) as caught:
        mutual_aid.pay_claim(admin, claim.id, paid_on=TODAY)
    assert caught.value.field == "state"
    mutual_aid.resubmit_claim(desk, claim.id, ["京卡复印件", "出院小结", "医保结算单", "别的"])
    again = AidClaim.get_by_id(claim.id)
    assert again.state == "submitted" and again.materials_done == [
        "京卡复印件",
        "出院小结",
        "医保结算单",
    ]
    with pytest.raises(PermissionDenied):
        mutual_aid.approve_claim(desk, claim.id)
    with pytest.raises(ValidationError) as caught:
        mutual_aid.approve_claim(admin, claim.id, amount="1500")
    assert caught.value.field == "amount_reason"
    approved = mutual_aid.approve_claim(admin, claim.id, amount="1500", reason="部分票据不合规")
    assert (approved.state, approved.approved_amount, approved.decided_on) == (
        "approved",
        Decimal("1500.00"),
        TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        mutual_aid.pay_claim(admin, claim.id, paid_on=TODAY, amount="1600")
    assert caught.value.field == "paid_amount"
    paid = mutual_aid.pay_claim(admin, claim.id, paid_on=TODAY)
    assert (paid.state, paid.paid_amount, paid.paid_on) == ("paid", Decimal("1500.00"), TODAY)
    actions = [
        e.action
        for e in AuditEntry.select().where(AuditEntry.entity == "aid_claim").order_by(AuditEntry.id)
    ]
    assert actions == ["submit", "return", "resubmit", "approve", "pay"]


def test_a_refused_claim_says_why_and_frees_the_cap(admin: Staff, station) -> None:
    _plan, _workplace, _worker, _other, enrolment = station
    claim = mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    assert mutual_aid.year_used(enrolment.id) == Decimal("1750.00")
    with pytest.raises(ValidationError) as caught:
        mutual_aid.refuse_claim(admin, claim.id, " ")
    assert caught.value.field == "refusal_reason"
    refused = mutual_aid.refuse_claim(admin, claim.id, "非互助保障范围")
    assert (refused.state, refused.refusal_reason) == ("refused", "非互助保障范围")
    assert mutual_aid.year_used(enrolment.id) == Decimal("0.00")
    with pytest.raises(ValidationError):
        mutual_aid.approve_claim(admin, claim.id)


def test_the_claims_page_and_the_roles_that_see_claims(admin: Staff, station, make_staff) -> None:
    _plan, _workplace, worker, _other, enrolment = station
    claim = mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    detail = mutual_aid.get_claim(admin, claim.id)
    assert detail.missing == ["出院小结", "医保结算单"]
    assert detail.deadline == date(2027, 1, 8)
    assert detail.year_left == Decimal("20000.00")
    listed = mutual_aid.list_claims(admin, mutual_aid.ClaimFilter(state="submitted"))
    assert [c.id for c in listed] == [claim.id]
    assert mutual_aid.count_claims(admin, mutual_aid.ClaimFilter(state="paid")) == 0
    for role in ROLES:
        staff = make_staff(f"r{role[:10]}", role)
        sees = role in (FRONT_DESK, ADMIN)
        if sees:
            assert mutual_aid.count_claims(staff, mutual_aid.ClaimFilter()) == 1
        else:
            with pytest.raises(PermissionDenied):
                mutual_aid.list_claims(staff, mutual_aid.ClaimFilter())
    rows = mutual_aid.cover_of_person(admin, worker.id)
    assert [kind for kind, _row in rows] == ["claim", "enrolment"]


def test_the_personal_data_export_and_anonymisation_cover_the_claims(admin: Staff, station) -> None:
    _plan, _workplace, worker, _other, enrolment = station
    claim = mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    titles = [s.title for s in retention.personal_data(admin, worker.id)]
    assert "Mutual-aid enrolments" in titles and "Mutual-aid claims" in titles
    claims = next(
        s for s in retention.personal_data(admin, worker.id) if s.title == "Mutual-aid claims"
    )
    assert claims.rows[0][-2] == "阑尾炎"
    with pytest.raises(ValidationError) as caught:
        retention.erase_on_request(admin, worker.id, reason="本人申请删除")
    assert "mutual-aid claim" in caught.value.message
    mutual_aid.refuse_claim(admin, claim.id, "本人撤回")
    retention.erase_on_request(admin, worker.id, reason="本人申请删除")
    kept = AidClaim.get_by_id(claim.id)
    assert (kept.diagnosis, kept.computed_amount) == ("", Decimal("1750.00"))


def test_the_report_figures(admin: Staff, station) -> None:
    plan, workplace, _worker, other, enrolment = station
    mutual_aid.enrol(
        admin, other.id, plan.id, enrolled_on=date(2026, 2, 1), organization_id=workplace.id
    )
    first = mutual_aid.submit_claim(
        admin, hospital_claim(enrolment.id, materials_done=mutual_aid.checklist(plan))
    )
    mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    mutual_aid.approve_claim(admin, first.id)
    mutual_aid.pay_claim(admin, first.id, paid_on=TODAY)
    figures = mutual_aid.aid_figures(admin, date(2026, 1, 1), date(2026, 12, 31))
    assert figures.enrolled_people == 2
    assert [(p.plan, p.people, p.premiums) for p in figures.by_plan] == [
        ("在职职工住院医疗互助保障", 2, Decimal("60.00"))
    ]
    assert (figures.submitted.count, figures.submitted.amount) == (2, Decimal("8000.00"))
    assert (figures.approved.count, figures.approved.amount) == (1, Decimal("1750.00"))
    assert (figures.paid.count, figures.paid.amount) == (1, Decimal("1750.00"))
    january = mutual_aid.aid_figures(admin, date(2026, 1, 1), date(2026, 1, 31))
    assert (january.enrolled_people, january.submitted.count) == (1, 0)


def test_the_report_has_a_mutual_aid_section_for_the_roles_that_read_it(
    admin: Staff, station, make_staff, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from stationapp.services import reports

    _plan, _workplace, _worker, _other, enrolment = station
    mutual_aid.submit_claim(admin, hospital_claim(enrolment.id))
    report = reports.year_report(admin, "2026")
    section = next(s for s in reports.report_tables(report) if s.key == "aid")
    assert section.title == "Mutual-aid cover"
    assert section.tables[1].rows == [[2026, "在职职工住院医疗互助保障", 1, Decimal("30.00")]]
    assert section.tables[2].rows[0][1:] == [1, Decimal("4000.00")]
    path = reports.write_excel(report, tmp_path / "r.xlsx")
    assert "Member services" in load_workbook(path).sheetnames
    librarian = make_staff("books", "librarian")
    assert reports.year_report(librarian, "2026").aid is None
