"""The Mutual-aid cover page (issue 25, point 3): in the Member services tab, its access keys
and size; enrolling by keyboard; a workplace's list refused whole; a claim taken, its errors at
the fields, and carried through its checklist, approval and payment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK
from stationapp.models.mutual_aid import AidClaim, AidEnrolment
from stationapp.services import consent, mutual_aid, people
from stationapp.services.mutual_aid import PlanInput
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.main_window import MainWindow
from stationapp.ui.mutual_aid import enrol_dialogs
from stationapp.ui.mutual_aid.aid_page import (
    ClaimTableModel,
    EnrolmentTableModel,
    MutualAidPage,
    PlanTableModel,
)
from stationapp.ui.mutual_aid.claim_dialogs import ClaimDialog, NewClaimDialog
from stationapp.ui.mutual_aid.enrol_dialogs import EnrolDialog, ImportListDialog
from stationapp.ui.mutual_aid.plan_dialog import PlanDialog
from tests.helpers.ids import make_ric
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large


@pytest.fixture
def station(admin):
    year = today().year
    workplace = people.create_organization(admin, OrganizationInput(name="北京国贸物业有限公司"))
    li = people.create_person(
        admin,
        PersonInput(
            name="李娜", id_number=make_ric(seq=126), phone="13900001111", workplace_id=workplace.id
        ),
    )
    plan = mutual_aid.create_plan(
        admin,
        PlanInput(
            name="在职职工住院医疗互助保障",
            kind="hospital",
            year=year,
            cover_start=date(year, 1, 1),
            cover_end=date(year, 12, 31),
            premium="30",
            waiting_days=0,
            benefit_kind="rate",
            rate="50",
            deductible="500",
            materials=["出院小结", "医保结算单"],
        ),
    )
    return plan, workplace, li


def _enrolled(admin, station):
    plan, workplace, li = station
    return mutual_aid.enrol(
        admin, li.id, plan.id, enrolled_on=plan.cover_start, organization_id=workplace.id
    )


def test_the_page_sits_in_the_member_services_tab_with_free_access_keys(
    qtbot, show_active, admin, station, db_url
) -> None:
    _enrolled(admin, station)
    window = show_active(MainWindow(admin, database_url=db_url))
    window.resize(1366, 720)
    tab = window.show_tab("members")
    page = tab.page("aid")
    assert isinstance(page, MutualAidPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "P&lans",
        "Enr&olments",
        "&Claims",
    ]
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert mnemonic_clashes(window) == {}
        assert lists_keeping_tab(window) == []
        assert too_large(window) == (0, 0)
    assert page.plan_model.rowCount() == 1 and page.enrolment_model.rowCount() == 1


def test_the_front_desk_enrols_and_takes_claims_but_not_plans_and_others_see_no_tab(
    qtbot, show_active, make_staff, station, db_url
) -> None:
    desk = make_staff("desk", FRONT_DESK)
    page = show_active(MutualAidPage(desk, ChangeBus()))
    assert page.tabs.count() == 3 and not hasattr(page, "new_plan_button")
    assert page.tabs.tabText(2) == "&Claims"
    assert hasattr(page, "enrol_button") and hasattr(page, "import_button")
    librarian = make_staff("books", "librarian")
    window = show_active(MainWindow(librarian, database_url=db_url))
    assert window.tab("members") is None


def test_the_table_models_pass_the_qt_model_tester(qtmodeltester, admin, station) -> None:
    _enrolled(admin, station)
    plans = PlanTableModel()
    plans.fill(mutual_aid.list_plans(admin))
    qtmodeltester.check(plans)
    enrolments = EnrolmentTableModel(admin)
    enrolments.reload()
    qtmodeltester.check(enrolments)
    claims = ClaimTableModel(admin)
    claims.reload()
    qtmodeltester.check(claims)


def test_a_plan_is_added_and_its_errors_are_at_the_fields(qtbot, show_active, admin, db) -> None:
    dialog = show_active(PlanDialog(admin))
    dialog.name.setText("职工意外伤害互助保障")
    dialog.benefit_kind.setCurrentIndex(dialog.benefit_kind.findData("fixed"))
    assert not dialog.rate.isVisibleTo(dialog) and dialog.fixed_sum.isVisibleTo(dialog)
    dialog.submit()
    assert dialog.fields.error_label("premium").isVisibleTo(dialog)
    assert dialog.fields.error_label("fixed_sum").isVisibleTo(dialog)
    dialog.premium.setText("10")
    dialog.fixed_sum.setText("2000")
    dialog.submit()
    assert dialog.saved is not None and dialog.saved.fixed_sum == 2000


def test_enrol_a_worker_by_keyboard(qtbot, show_active, admin, station) -> None:
    plan, workplace, li = station
    dialog = show_active(EnrolDialog(admin))
    qtbot.keyClicks(dialog.person.picker.edit, "1111")
    qtbot.keyClick(dialog.person.picker.edit, Qt.Key.Key_Return)
    assert dialog.person.person_id == li.id
    assert dialog.workplace.currentData() == workplace.id  # their own workplace pays
    dialog.submit()
    enrolment = AidEnrolment.get()
    assert (enrolment.person_id, enrolment.plan_id) == (li.id, plan.id)
    again = show_active(EnrolDialog(admin))
    again.person.choose(li.id)
    again.submit()
    assert again.fields.error_label("plan").isVisibleTo(again)
    assert AidEnrolment.select().count() == 1


def test_a_list_that_does_not_match_is_refused_and_listed(
    qtbot, show_active, admin, station, tmp_path: Path, monkeypatch
) -> None:
    _plan, workplace, li = station
    book = Workbook()
    for row in (["姓名", "身份证号"], ["李娜", li.id_number], ["赵六", make_ric(seq=99)]):
        book.active.append(row)
    path = tmp_path / "名单.xlsx"
    book.save(path)
    shown: list[list[str]] = []
    monkeypatch.setattr(
        enrol_dialogs.ImportProblemsDialog,
        "exec",
        lambda self: shown.append(self.refused.lines()) or 0,
    )
    dialog = show_active(ImportListDialog(admin))
    dialog.set_file(path)
    dialog.workplace.setCurrentIndex(dialog.workplace.findData(workplace.id))
    dialog.submit()
    assert shown and "Row 3" in shown[0][0]
    assert "Nothing was imported" in dialog.bar.text()
    assert AidEnrolment.select().count() == 0


def test_a_claim_from_the_desk_to_its_payment(qtbot, show_active, admin, station) -> None:
    _plan, _workplace, li = station
    enrolment = _enrolled(admin, station)
    dialog = show_active(NewClaimDialog(admin))
    dialog.person.choose(li.id)
    assert dialog.enrolment.currentData() == enrolment.id
    assert dialog.materials.count() == 2 and not dialog.event_on.isVisibleTo(dialog)
    dialog.total_expenses.setText("3000")
    dialog.insurance_paid.setText("1000")
    dialog.diagnosis.setText("阑尾炎")
    dialog.submit()
    # No health consent on record: said at the worker, and what was typed stays.
    assert dialog.fields.error_label("person").isVisibleTo(dialog)
    assert dialog.diagnosis.text() == "阑尾炎"
    consent.record_consent(admin, li.id, "health", "written")
    dialog.materials.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.submit()
    claim = AidClaim.get()
    assert (claim.computed_amount, claim.materials_done) == (750, ["出院小结"])
    page = show_active(ClaimDialog(admin, claim.id))
    assert "750.00" in page.summary.text() and "医保结算单" in page.summary.text()
    page.approve()
    assert "Materials still missing" in page.bar.text()
    page.materials.item(1).setCheckState(Qt.CheckState.Checked)
    page.tick()
    page.approved_amount.setText("700")
    page.approve()
    assert page.fields.error_label("amount_reason").isVisibleTo(page)
    page.amount_reason.setText("部分票据不合规")
    page.approve()
    assert AidClaim.get().state == "approved"
    assert page.pay_button.isVisibleTo(page) and not page.approve_button.isVisibleTo(page)
    page.pay()
    assert (AidClaim.get().state, AidClaim.get().paid_amount) == ("paid", 700)
    assert not page.steps.isVisibleTo(page)  # nothing left to do
    assert "部分票据不合规" in page.sheet_html()


def test_the_claims_list_by_state_opens_a_claim(
    qtbot, show_active, admin, station, monkeypatch
) -> None:
    _plan, _workplace, li = station
    enrolment = _enrolled(admin, station)
    consent.record_consent(admin, li.id, "health", "written")
    mutual_aid.submit_claim(
        admin,
        mutual_aid.ClaimInput(
            enrolment_id=enrolment.id,
            admitted_on=today(),
            discharged_on=today(),
            claimed_on=today(),
            total_expenses="3000",
            insurance_paid="1000",
        ),
    )
    page = show_active(MutualAidPage(admin, ChangeBus()))
    page.tabs.setCurrentIndex(2)
    assert page.claim_model.rowCount() == 1
    page.state_filter.setCurrentIndex(page.state_filter.findData("paid"))
    assert page.claim_model.rowCount() == 0 and "No claims" in page.claims_empty.text()
    page.state_filter.setCurrentIndex(page.state_filter.findData("submitted"))
    opened: list[int] = []
    monkeypatch.setattr(ClaimDialog, "exec", lambda self: opened.append(self.claim_id) or 0)
    page.claims_table.setFocus()
    page.claims_table.setCurrentIndex(page.claim_model.index(0, 0))
    qtbot.keyClick(page.claims_table, Qt.Key.Key_Return)
    assert opened == [AidClaim.get().id]


def test_the_person_page_lists_the_cover_and_claims_within_the_role(
    qtbot, admin, make_staff, station
) -> None:
    from stationapp.ui.people.person_page import PersonPage

    _plan, _workplace, li = station
    enrolment = _enrolled(admin, station)
    consent.record_consent(admin, li.id, "health", "written")
    mutual_aid.submit_claim(
        admin,
        mutual_aid.ClaimInput(
            enrolment_id=enrolment.id,
            admitted_on=today(),
            discharged_on=today(),
            claimed_on=today(),
            total_expenses="3000",
            insurance_paid="1000",
        ),
    )
    page = PersonPage(admin)
    qtbot.addWidget(page)
    page.show_person(li.id)
    assert "Mutual-aid cover (2)" in page.history_tab_titles()
    assert "claim under" in page.aid.item(0).text() and "750.00" in page.aid.item(0).text()
    organiser = PersonPage(make_staff("events", "organiser"))
    qtbot.addWidget(organiser)
    organiser.show_person(li.id)
    assert not any("Mutual-aid" in t for t in organiser.history_tab_titles())


def test_the_dialogs_have_free_access_keys_and_fit_the_screen(
    qtbot, show_active, admin, station
) -> None:
    _plan, _workplace, li = station
    enrolment = _enrolled(admin, station)
    consent.record_consent(admin, li.id, "health", "written")
    claim = mutual_aid.submit_claim(
        admin,
        mutual_aid.ClaimInput(
            enrolment_id=enrolment.id,
            admitted_on=today(),
            discharged_on=today(),
            claimed_on=today(),
            total_expenses="3000",
            insurance_paid="1000",
        ),
    )
    for dialog in (
        PlanDialog(admin),
        EnrolDialog(admin),
        ImportListDialog(admin),
        NewClaimDialog(admin),
        ClaimDialog(admin, claim.id),
    ):
        show_active(dialog)
        assert mnemonic_clashes(dialog) == {}, type(dialog).__name__
        assert lists_keeping_tab(dialog) == [], type(dialog).__name__
        assert too_large(dialog) == (0, 0), type(dialog).__name__
        dialog.close()
