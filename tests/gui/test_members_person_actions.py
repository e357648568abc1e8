"""The person page's member-services actions (issue #25, the gaps): the menu offers what the
person's state and the role allow, each opening the existing dialog with the person filled in,
and the header and history follow; the membership dialog's union is a workplace on the register
(the person's own first), the station's joint union by default, or typed when outside it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, ORGANISER
from stationapp.models.members import MemberCard, MembershipEvent
from stationapp.models.mutual_aid import AidEnrolment
from stationapp.models.people import Person
from stationapp.models.welfare import WelfareRecipient
from stationapp.services import members, mutual_aid, people, welfare
from stationapp.services.members import MembershipInput
from stationapp.services.mutual_aid import PlanInput
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.welfare import RoundInput
from stationapp.ui.main_window import MainWindow
from stationapp.ui.members.card_dialogs import (
    ApplicationDialog,
    CardNumberDialog,
    MembershipDialog,
)
from stationapp.ui.mutual_aid.claim_dialogs import NewClaimDialog
from stationapp.ui.mutual_aid.enrol_dialogs import EnrolDialog
from stationapp.ui.people.person_page import PersonPage
from tests.helpers.ids import make_ric
from tests.helpers.screen import mnemonic_clashes
from tests.helpers.service_inputs import fresh_card


@pytest.fixture
def worker(admin):
    workplace = people.create_organization(admin, OrganizationInput(name="北京国贸物业有限公司"))
    people.create_organization(admin, OrganizationInput(name="安定门社区联合会"))
    return people.create_person(
        admin,
        PersonInput(
            name="李娜", id_number=make_ric(seq=141), phone="13900004141", workplace_id=workplace.id
        ),
    )


def _texts(page: PersonPage) -> list[str]:
    page.member_actions.fill()
    return [a.text() for a in page.member_actions.menu.actions() if not a.isSeparator()]


def _trigger(page: PersonPage, text: str, drive) -> None:  # type: ignore[no-untyped-def]
    """Choose ``text`` in the menu with ``drive`` run on the dialog it opens."""
    page.member_actions.fill()
    [action] = [a for a in page.member_actions.menu.actions() if a.text() == text]
    failures: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            drive(dialog)
        except BaseException as exc:  # reported after the dialog closed
            failures.append(exc)
            dialog.reject()

    QTimer.singleShot(0, run)
    action.trigger()
    if failures:
        raise failures[0]


def test_membership_and_the_card_from_the_person_page(qtbot, show_active, admin, worker) -> None:
    page = show_active(PersonPage(admin))
    page.show_person(worker.id)
    assert page.member_actions.button.isVisible()
    texts = _texts(page)
    assert "Record &joining the union…" in texts and "Record a transfer &in…" in texts
    assert "&Apply for a 京卡…" not in texts  # the card needs membership first

    def join(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, MembershipDialog)
        assert dialog.person_id == worker.id and not dialog.picker.isVisible()
        assert dialog.kind.currentData() == "joined"
        combo = dialog.union_choice.combo
        assert combo.currentText() == "The station's joint union"
        assert combo.itemText(1) == "北京国贸物业有限公司"  # the person's own workplace first
        combo.setCurrentIndex(1)
        dialog.buttons.accepted.emit()

    _trigger(page, "Record &joining the union…", join)
    event = MembershipEvent.get(MembershipEvent.person == worker.id)
    assert (event.kind, event.organization_id) == ("joined", worker.workplace_id)
    assert page.values["member"].text() == "Yes"
    assert "Membership and 京卡 (1)" in page.history_tab_titles()

    def apply(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ApplicationDialog) and dialog.person_id == worker.id
        dialog.materials[0].setChecked(True)
        dialog.buttons.accepted.emit()

    _trigger(page, "&Apply for a 京卡…", apply)
    assert MemberCard.get(MemberCard.person == worker.id).state == "applied"
    texts = _texts(page)
    assert "I&ssue the 京卡 (scan its number)…" in texts and "&Apply for a 京卡…" not in texts
    number = fresh_card()

    def issue(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, CardNumberDialog)
        qtbot.keyClicks(dialog.number, number)
        dialog.buttons.accepted.emit()

    _trigger(page, "I&ssue the 京卡 (scan its number)…", issue)
    assert page.values["card"].text() == number  # the header follows
    assert "Re&port the 京卡 lost" in _texts(page)
    _trigger(page, "Re&port the 京卡 lost", lambda _d: None)
    assert page.values["card"].text() == "—"
    assert "reported lost" in page.member_actions.bar.text()
    texts = _texts(page)
    assert "Re&port the 京卡 lost" not in texts
    assert "&Replace the 京卡…" in texts and "&Cancel the 京卡…" in texts
    assert "Record a transfer &out…" in texts and "Record &leaving the union…" in texts


def test_a_transfer_to_a_union_outside_the_register_is_typed(
    qtbot, show_active, admin, worker
) -> None:
    members.record_membership(admin, worker.id, MembershipInput("joined", on=date(2026, 1, 5)))
    page = show_active(PersonPage(admin))
    page.show_person(worker.id)

    def transfer(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.kind.currentData() == "transferred_out"
        dialog.union_choice.combo.setEditText("天津市某区总工会")
        dialog.buttons.accepted.emit()

    _trigger(page, "Record a transfer &out…", transfer)
    event = MembershipEvent.get(MembershipEvent.kind == "transferred_out")
    assert (event.organization_id, event.union_name) == (None, "天津市某区总工会")
    assert page.values["member"].text() == "No"


def test_the_joint_union_is_the_default_and_a_transfer_needs_a_union(
    qtbot, show_active, admin, worker
) -> None:
    dialog = show_active(MembershipDialog(admin, person_id=worker.id))
    assert dialog.kind.currentData() == "joined"
    assert dialog.union_choice.union() == (None, "")  # the station's joint union
    dialog.kind.setCurrentIndex(dialog.kind.findData("transferred_in"))
    dialog.submit()
    assert dialog.fields.error_label("union_name").text()
    assert not Person.get_by_id(worker.id).is_member
    dialog.union_choice.combo.setCurrentIndex(
        dialog.union_choice.combo.findText("安定门社区联合会")
    )
    dialog.submit()
    event = MembershipEvent.get(MembershipEvent.person == worker.id)
    assert event.kind == "transferred_in" and event.organization.name == "安定门社区联合会"


def test_cover_and_rounds_from_the_person_page(qtbot, show_active, admin, worker) -> None:
    year = today().year
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
            materials=["出院小结"],
        ),
    )
    round_id = welfare.create_round(
        admin,
        RoundInput(
            name="节日送温暖",
            kind="warmth",
            starts_on=today(),
            ends_on=today(),
            items="米面油",
            item_value="100",
            amount="",
            budget=None,
        ),
    ).id
    page = show_active(PersonPage(admin))
    page.show_person(worker.id)

    def enrol(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, EnrolDialog) and dialog.person.person_id == worker.id
        assert dialog.workplace.currentData() == worker.workplace_id
        dialog.plan.setCurrentIndex(dialog.plan.findData(plan.id))
        dialog.submit()

    _trigger(page, "&Enrol in a mutual-aid plan…", enrol)
    assert AidEnrolment.get(AidEnrolment.person == worker.id).plan_id == plan.id
    assert "Mutual-aid cover (1)" in page.history_tab_titles()

    def claim(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, NewClaimDialog) and dialog.person.person_id == worker.id
        assert dialog.enrolment.count() == 1
        dialog.reject()

    _trigger(page, "Submit a mutual-aid clai&m…", claim)

    page.member_actions.fill()
    [add] = [a for a in page.member_actions.menu.actions() if a.text() == "Add to a welfare roun&d"]
    [choice] = add.menu().actions()
    assert choice.text() == "节日送温暖"
    choice.trigger()
    assert WelfareRecipient.get(WelfareRecipient.round == round_id).person_id == worker.id
    assert "Welfare rounds (1)" in page.history_tab_titles()
    page.member_actions.fill()
    [deliver] = [a for a in page.member_actions.menu.actions() if a.text() == "Record a deli&very"]
    [choice] = deliver.menu().actions()
    choice.trigger()
    assert WelfareRecipient.get(WelfareRecipient.round == round_id).delivered_at is not None
    assert "Delivery recorded" in page.member_actions.bar.text()
    page.member_actions.fill()
    [deliver] = [a for a in page.member_actions.menu.actions() if a.text() == "Record a deli&very"]
    assert not deliver.menu().isEnabled()


def test_each_action_only_with_its_permission(qtbot, show_active, make_staff, worker) -> None:
    librarian = show_active(PersonPage(make_staff("books", LIBRARIAN)))
    librarian.show_person(worker.id)
    assert not librarian.member_actions.button.isVisible()
    organiser = show_active(PersonPage(make_staff("org", ORGANISER)))
    organiser.show_person(worker.id)
    assert _texts(organiser) == ["Record a deli&very"]
    desk = show_active(PersonPage(make_staff("desk", FRONT_DESK)))
    desk.show_person(worker.id)
    texts = _texts(desk)
    assert "Record &joining the union…" in texts and "Submit a mutual-aid clai&m…" in texts


def test_the_person_page_keeps_its_access_keys_unique(
    qtbot, show_active, admin, worker, db_url
) -> None:
    window = show_active(MainWindow(admin, database_url=db_url))
    window.resize(1366, 720)
    window.show_tab("people")
    window.people_tab.select_person(worker.id)
    QApplication.processEvents()
    page = window.people_tab.page
    assert page.member_actions.button.isVisible()
    for index in range(page.history_tabs.count()):
        page.history_tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert mnemonic_clashes(window) == {}
