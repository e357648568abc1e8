"""The Cards page of the Member services tab (issue 25): a waiting card issued by keyboard, a
new application with the picker, a card found by its number and replaced, the person page's
membership and card lines, the tab in the main window (access keys, size)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from stationapp.db import today
from stationapp.models.accounts import LIBRARIAN
from stationapp.models.members import MemberCard
from stationapp.models.people import Person
from stationapp.services import members, people
from stationapp.services.members import MembershipInput
from stationapp.services.people import PersonInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.main_window import MainWindow
from stationapp.ui.members.card_dialogs import ApplicationDialog, CardNumberDialog
from stationapp.ui.members.cards_page import CardsPage
from stationapp.ui.people.person_page import PersonPage
from tests.helpers.ids import make_ric
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large
from tests.helpers.service_inputs import fresh_card


def _member(admin, name: str, seq: int, phone: str = ""):
    person = people.create_person(
        admin, PersonInput(name=name, id_number=make_ric(seq=seq), phone=phone)
    )
    members.record_membership(
        admin, person.id, MembershipInput("joined", on=today() - timedelta(days=60))
    )
    return person


def test_the_oldest_waiting_card_is_issued_by_scanning_its_number(
    qtbot, show_active, admin
) -> None:
    old = _member(admin, "李娜", 31)
    new = _member(admin, "王强", 33)
    members.apply_for_card(admin, new.id, applied_on=today() - timedelta(days=2))
    members.apply_for_card(admin, old.id, applied_on=today() - timedelta(days=9))
    page = show_active(CardsPage(admin, ChangeBus()))
    assert page.model.rowCount() == 2
    assert page.model.row_at(0).person_name == "李娜"  # oldest first
    assert page.model.data(page.model.index(0, page.model.COL_DAYS)) == 9
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # to the number field
    assert page.focusWidget() is page.number
    qtbot.keyClicks(page.number, "123")  # a wrong number: said, kept, nothing issued
    qtbot.keyClick(page.number, Qt.Key.Key_Return)
    assert page.bar.isVisible() and page.number.text() == "123"
    assert MemberCard.get(MemberCard.person == old.id).state == "applied"
    number = fresh_card()
    page.number.clear()
    qtbot.keyClicks(page.number, number)  # the scanner types the number and Enter
    qtbot.keyClick(page.number, Qt.Key.Key_Return)
    assert MemberCard.get(MemberCard.person == old.id).state == "issued"
    assert Person.get_by_id(old.id).member_card == number
    assert page.model.rowCount() == 1 and page.model.row_at(0).person_name == "王强"
    assert page.number.text() == "" and page.focusWidget() is page.number


def test_a_new_application_with_the_person_picker(qtbot, show_active, admin) -> None:
    person = _member(admin, "赵敏", 35, phone="13900002222")
    page = show_active(CardsPage(admin, ChangeBus()))
    assert page.stack.currentWidget() is page.empty

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApplicationDialog)
        qtbot.keyClicks(dialog.picker.edit, "2222")
        qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
        assert dialog.person_id == person.id
        dialog.materials[0].setChecked(True)
        dialog.buttons.accepted.emit()

    QTimer.singleShot(0, drive)
    page.new_button.click()
    card = MemberCard.get(MemberCard.person == person.id)
    assert card.state == "applied" and card.materials == members.card_materials()[0]
    assert page.model.rowCount() == 1


def test_a_card_found_by_number_is_replaced(qtbot, show_active, admin) -> None:
    person = _member(admin, "孙丽", 37)
    old, new = fresh_card(), fresh_card()
    members.issue_card_directly(admin, person.id, old)
    page = show_active(CardsPage(admin, ChangeBus()))
    qtbot.keyClicks(page.lookup, old)
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    assert "孙丽" in page.found_label.text()
    assert page.lost_button.isEnabled() and page.replace_button.isEnabled()
    page.lost_button.click()
    assert not page.lost_button.isEnabled() and page.replace_button.isEnabled()

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CardNumberDialog)
        qtbot.keyClicks(dialog.number, new)
        dialog.buttons.accepted.emit()

    QTimer.singleShot(0, drive)
    page.replace_button.click()
    assert Person.get_by_id(person.id).member_card == new
    assert page.found.number == new and page.found.state == "issued"


def test_the_person_page_shows_the_card_and_the_membership(qtbot, show_active, admin) -> None:
    person = _member(admin, "周杰", 39)
    number = fresh_card()
    members.issue_card_directly(admin, person.id, number)
    page = show_active(PersonPage(admin))
    page.show_person(person.id)
    assert "Membership and 京卡 (2)" in page.history_tab_titles()
    page.show_history("members")
    lines = [page.members.item(i).text() for i in range(page.members.count())]
    assert lines[0].startswith(f"京卡 {number}") and "Issued" in lines[0]
    assert "Joined" in lines[1]


def test_the_tab_shows_the_cards_page_with_free_access_keys(
    qtbot, show_active, admin, make_staff, db_url
) -> None:
    window = show_active(MainWindow(admin, database_url=db_url))
    window.resize(1366, 720)
    tab = window.show_tab("members")
    page = tab.page("cards")
    assert isinstance(page, CardsPage)
    QApplication.processEvents()
    assert mnemonic_clashes(window) == {}
    assert lists_keeping_tab(window) == []
    assert too_large(window) == (0, 0)
    librarian = make_staff("books", LIBRARIAN)
    assert show_active(MainWindow(librarian, database_url=db_url)).tab("members") is None


def test_ctrl_page_keys_walk_the_pages_and_the_mutual_aid_tabs_from_a_list(
    qtbot, show_active, admin, db_url
) -> None:
    """Ctrl+PgDn from the waiting list (which would take the keys as its own) goes to the next
    page; on the mutual-aid page it walks its own tabs first, then goes on; Ctrl+PgUp comes
    back. Each page built keeps its column widths when the window saves its state."""
    members.apply_for_card(admin, _member(admin, "李娜", 35).id)
    window = show_active(MainWindow(admin, database_url=db_url))
    tab = window.show_tab("members")
    cards = tab.page("cards")
    cards.table.setFocus()
    qtbot.waitUntil(cards.table.hasFocus)

    def press(key) -> str:
        qtbot.keyClick(
            QApplication.focusWidget() or cards, key, Qt.KeyboardModifier.ControlModifier
        )
        return tab.pages.currentWidget().key

    assert press(Qt.Key.Key_PageDown) == "aid"
    aid = tab.page("aid")
    assert aid.tabs.currentIndex() == 0
    assert press(Qt.Key.Key_PageDown) == "aid" and aid.tabs.currentIndex() == 1
    assert press(Qt.Key.Key_PageDown) == "aid" and aid.tabs.currentIndex() == 2
    assert press(Qt.Key.Key_PageDown) == "welfare"
    assert press(Qt.Key.Key_PageUp) == "aid" and aid.tabs.currentIndex() == 2
    assert press(Qt.Key.Key_PageDown) == "welfare"
    welfare_page = tab.page("welfare")
    welfare_page.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is welfare_page.search  # Ctrl+F, as its box says
    saved = []
    aid.save_state = lambda: saved.append("aid")
    tab.page("welfare").save_state = lambda: saved.append("welfare")
    tab.save_state()
    assert sorted(saved) == ["aid", "welfare"]
