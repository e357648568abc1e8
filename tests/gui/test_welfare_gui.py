"""The Welfare rounds page (issue 25, point 4): a round set up, recipients added by rule and by
hand, delivery by keyboard (find, Enter), the undo, the signature list's preview, the page in
the Member services tab, and a birthday greeting recorded from the Today tab."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK, ORGANISER
from stationapp.models.welfare import WelfareRecipient
from stationapp.services import people, welfare
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.welfare import RoundInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.main_window import MainWindow
from stationapp.ui.printing import PrintPreview
from stationapp.ui.welfare.dialogs import AddPeopleDialog, RoundDialog, RuleDialog
from stationapp.ui.welfare.sign_sheet import sign_sheet_html
from stationapp.ui.welfare.welfare_page import RecipientTableModel, RoundTableModel, WelfarePage
from tests.helpers.ids import make_ric
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large


@pytest.fixture
def depot(admin):
    org = people.create_organization(admin, OrganizationInput(name="同城速递东城分部"))
    for seq, name, phone in ((31, "张骑手", "13900001111"), (33, "李分拣", "13900002222")):
        people.create_person(
            admin,
            PersonInput(
                name=name,
                id_number=make_ric(seq=seq),
                phone=phone,
                workplace_id=org.id,
                is_member=True,
            ),
        )
    return org


def _round(admin, **kw) -> int:
    data = dict(
        name="暑期送清凉",
        kind="cooling",
        starts_on=today(),
        ends_on=today(),
        items="防暑降温包",
        item_value="50",
        budget="1000",
    )
    data.update(kw)
    return welfare.create_round(admin, RoundInput(**data)).id


def _page(show_active, actor) -> WelfarePage:
    page = show_active(WelfarePage(actor, ChangeBus()))
    page.resize(1300, 700)
    return page


def test_the_table_models_pass_the_model_tester(qtmodeltester, admin, depot) -> None:
    round_id = _round(admin)
    welfare.add_by_rule(admin, round_id, "workplace", workplace_ids=[depot.id])
    rounds = RoundTableModel(admin)
    rounds.reload("")
    qtmodeltester.check(rounds)
    recipients = RecipientTableModel(admin)
    recipients.round_id = round_id
    recipients.reload("")
    assert recipients.rowCount() == 2
    qtmodeltester.check(recipients)


def test_a_round_is_set_up_in_its_dialog_with_errors_at_the_field(
    qtbot, show_active, admin
) -> None:
    page = _page(show_active, admin)
    assert page.empty.text().startswith("No welfare rounds yet")

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RoundDialog)
        assert mnemonic_clashes(dialog) == {}
        dialog.name.setText("节日送温暖")
        dialog.kind.setCurrentIndex(dialog.kind.findData("warmth"))
        dialog.ends_on.setDate(QDate(today()).addDays(20))
        dialog.save()  # neither items nor money: refused at the field
        assert dialog.fields.error_label("items").isVisible()
        assert dialog.isVisible()
        dialog.amount.setText("200")
        dialog.budget.setText("10000")
        dialog.save()

    QTimer.singleShot(0, drive)
    page.new_button.click()
    [r] = welfare.list_rounds(admin)
    assert (r.name, r.kind, r.amount) == ("节日送温暖", "warmth", 200)
    assert page.current is not None and page.current.id == r.id
    assert "No recipients yet" in page.recipients_empty.text()


def test_recipients_by_rule_then_delivery_by_keyboard_and_undo(
    qtbot, show_active, make_staff, admin, depot
) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    round_id = _round(admin)
    page = _page(show_active, desk)
    assert page.current.id == round_id

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RuleDialog)
        assert dialog.rule.findData("hardship") >= 0  # the desk may read the hardship files
        dialog.workplaces.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.save()

    QTimer.singleShot(0, drive)
    page.rule_button.click()
    assert page.recipients.rowCount() == 2
    assert "2 added; 0 already on the list skipped." in page.bar.text()
    assert "Recipients: 2, delivered: 0" in page.totals.text()

    page.focus_recipients()
    qtbot.keyClicks(page.find, "zqs")  # 张骑手's initials
    qtbot.keyClick(page.find, Qt.Key.Key_Return)  # one found: delivered at once
    rider = WelfareRecipient.get(WelfareRecipient.delivered_at.is_null(False))
    assert rider.person.name == "张骑手" and rider.delivered_by_id == desk.id
    assert "Delivered to 张骑手." in page.bar.text()
    assert "delivered: 1" in page.totals.text()
    assert page.focusWidget() is page.find  # ready for the next name

    page.find.clear()
    page._reload_recipients()
    page.waiting.setChecked(True)
    assert [v.name for v in page.recipients.rows] == ["李分拣"]
    page.waiting.setChecked(False)
    page.recipients.select(page.recipients_table, rider.id)
    assert page.undo_button.isEnabled() and not page.deliver_button.isEnabled()
    page.undo_button.click()
    assert WelfareRecipient.get_by_id(rider.id).delivered_at is None
    assert "undone" in page.bar.text()


def test_someone_added_by_mistake_is_taken_off_after_asking(
    qtbot, show_active, monkeypatch, make_staff, admin, depot
) -> None:
    round_id = _round(admin)
    welfare.add_by_rule(admin, round_id, "workplace", workplace_ids=[depot.id])
    delivered = next(v for v in welfare.list_recipients(admin, round_id) if v.name == "张骑手")
    welfare.deliver(admin, delivered.id)
    page = _page(show_active, make_staff("desk2", FRONT_DESK))
    page.recipients.select(page.recipients_table, delivered.id)
    assert page.remove_button.isVisible() and not page.remove_button.isEnabled()
    sorter = next(v for v in page.recipients.rows if v.name == "李分拣")
    page.recipients.select(page.recipients_table, sorter.id)
    assert page.remove_button.isEnabled()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    page.remove_button.click()  # No: nothing happens
    assert WelfareRecipient.select().where(WelfareRecipient.round == round_id).count() == 2
    page.remove_button.click()
    assert [v.name for v in page.recipients.rows] == ["张骑手"]
    assert "李分拣 is off the list." in page.bar.text()
    assert "Recipients: 1, delivered: 1" in page.totals.text()
    organiser = _page(show_active, make_staff("org2", ORGANISER))
    assert not organiser.remove_button.isVisible()  # delivers, does not set up


def test_a_person_is_added_by_hand_once(qtbot, show_active, admin, depot) -> None:
    round_id = _round(admin)
    page = _page(show_active, admin)

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddPeopleDialog)
        for _ in range(2):
            qtbot.keyClicks(dialog.picker.edit, "1111")
            qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
        assert "already on this round's list" in dialog.fields.error_label("person").text()
        assert "Added 张骑手" in dialog.done_label.text()
        dialog.reject()

    QTimer.singleShot(0, drive)
    page.hand_button.click()
    assert welfare.count_recipients(admin, round_id) == 1
    assert page.recipients.rowCount() == 1


def test_over_the_budget_the_rule_dialog_says_so_at_the_budget(
    qtbot, show_active, admin, depot
) -> None:
    _round(admin, budget="60")
    page = _page(show_active, admin)

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.workplaces.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.save()
        assert dialog.isVisible()
        assert "Over the budget" in dialog.bar.text()
        dialog.reject()

    QTimer.singleShot(0, drive)
    page.rule_button.click()
    assert page.recipients.rowCount() == 0


def test_the_signature_list_opens_in_the_preview(
    qtbot, show_active, monkeypatch, admin, depot
) -> None:
    round_id = _round(admin, amount="100")
    welfare.add_by_rule(admin, round_id, "workplace", workplace_ids=[depot.id])
    html = sign_sheet_html(
        welfare.get_round(admin, round_id), welfare.sheet_rows(admin, round_id), "建国门"
    )
    for text in (
        "暑期送清凉: sign-off list",
        "张骑手",
        "同城速递东城分部",
        "防暑降温包 + ¥100.00",
        "Signature",
        "¥300.00",
    ):
        assert text in html
    opened: list[int] = []

    def look_and_close(dialog: PrintPreview) -> int:
        dialog.show()
        QApplication.processEvents()
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        opened.append(widget.pageCount())
        dialog.reject()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PrintPreview, "exec", look_and_close)
    page = _page(show_active, admin)
    page.print_button.click()
    assert opened == [1]


def test_the_page_in_the_member_services_tab_fits_and_keys_are_unique(
    qtbot, show_active, admin, make_staff, depot, db_url
) -> None:
    _round(admin)
    window = show_active(MainWindow(admin, database_url=db_url))
    window.resize(1366, 720)
    tab = window.show_tab("members")
    page = tab.page("welfare")
    assert isinstance(page, WelfarePage)
    QApplication.processEvents()
    assert mnemonic_clashes(window) == {}
    assert lists_keeping_tab(window) == []
    assert too_large(window) == (0, 0)
    librarian = make_staff("books", "librarian")
    assert MainWindow(librarian, database_url=db_url).tab("members") is None


def test_an_organiser_delivers_but_neither_sets_up_nor_sees_why(
    qtbot, show_active, make_staff, admin, depot
) -> None:
    organiser = make_staff("org1", ORGANISER)
    _round(admin)
    page = _page(show_active, organiser)
    assert page.new_button.isHidden() and page.rule_button.isHidden()
    assert not page.deliver_button.isHidden()


def test_a_birthday_greeting_is_recorded_from_today(qtbot, show_active, admin, db_url) -> None:
    on = today()
    birth = date(1992, on.month, 28 if (on.month, on.day) == (2, 29) else on.day)
    person = people.create_person(
        admin,
        PersonInput(
            name="王寿星",
            id_number=make_ric(seq=41, birth=birth),
            birth_date=birth,
            is_member=True,
        ),
    )
    round_id = _round(admin, kind="birthday", name="本月生日", items="生日蛋糕券")
    window = show_active(MainWindow(admin, database_url=db_url))
    window.show_tab("today")
    tab = window.today_tab
    tab.refresh()
    box = tab.boxes["birthdays"]
    assert box.list.count() >= 1 and "王寿星" in box.list.item(0).text()
    assert not tab.greeting_button.isHidden()
    box.list.setCurrentRow(0)
    tab.greeting_button.click()
    assert welfare.greeted(admin, [person.id], on=on) == {person.id}
    assert welfare.count_recipients(admin, round_id) == 1
    assert tab.boxes["birthdays"].list.item(0).text().endswith("✓ greeting sent")


def test_the_person_page_lists_the_rounds_a_person_is_on(qtbot, admin, depot) -> None:
    from stationapp.ui.people.person_page import PersonPage

    round_id = _round(admin, amount="100")
    welfare.add_by_rule(admin, round_id, "workplace", workplace_ids=[depot.id])
    rider = next(v for v in welfare.list_recipients(admin, round_id) if v.name == "张骑手")
    welfare.deliver(admin, rider.id, collected_by="王丽", relation="配偶")
    page = PersonPage(admin)
    qtbot.addWidget(page)
    page.show_person(rider.person_id)
    assert "Welfare rounds (1)" in page.history_tab_titles()
    line = page.welfare.item(0).text()
    assert "暑期送清凉" in line and "防暑降温包 + ¥100.00" in line and "王丽 (配偶)" in line
