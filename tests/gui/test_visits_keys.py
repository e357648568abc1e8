"""The Visits tab by keyboard on the office screen: access keys, Tab order, lists that let Tab
go, and the returning visitor's visit in at most nine keys (issue 18, defects 5 and 7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import people, visits
from stationapp.ui.main_window import MainWindow
from tests.helpers.screen import (
    lists_keeping_tab,
    mnemonic_clashes,
    on_screen_mnemonics,
    too_large,
)

# The main window's menus (文件 报表 管理 帮助) and main tabs (今日 来访登记 职工档案 职工书屋
# 活动报名 劳动争议调解) own these letters everywhere.
RESERVED = set("FRAHTVPBEM")


def _visits_window(qtbot, show_active, admin, db_url) -> tuple[MainWindow, QWidget]:
    window = show_active(MainWindow(admin, database_url=db_url))
    tab = window.show_tab("visits")
    qtbot.wait(20)  # widgets added to a shown page are shown by the event loop
    return window, tab


def _page_keys(window: MainWindow) -> list[tuple[str, str]]:
    """The access keys of the Visits tab itself: not the menus, not the main tabs."""
    main = {window.tabs.tabText(i) for i in range(window.tabs.count())}
    return [
        (letter, where)
        for letter, where in on_screen_mnemonics(window)
        if not where.startswith("menu ") and where.removeprefix("tab ").strip("'") not in main
    ]


def _check_keys(window: MainWindow, state: str) -> None:
    assert mnemonic_clashes(window) == {}, state
    taken = [(letter, where) for letter, where in _page_keys(window) if letter in RESERVED]
    assert taken == [], state
    assert lists_keeping_tab(window) == [], state
    assert too_large(window) == (0, 0), state  # the page fits the office screen


def test_access_keys_are_unique_and_leave_the_reserved_letters_alone(
    qtbot, show_active, admin, db_url
):
    person = people.create_person(
        admin, people.PersonInput(name="王芳", phone="13812345678", is_member=True)
    )
    window, tab = _visits_window(qtbot, show_active, admin, db_url)
    _check_keys(window, "fresh form")
    form = tab.form
    form.choose_person(person.id)  # 更换 shows
    form.add_purpose(ServiceType.get(ServiceType.name == "困难职工建档").id)
    qtbot.wait(20)
    _check_keys(window, "a visitor and a purpose")
    visits.record_visit(
        admin,
        visits.VisitInput(
            person_id=person.id,
            channel="walk_in",
            purposes=[visits.PurposeInput(ServiceType.get(ServiceType.name == "入会").id)],
        ),
    )
    for page in (tab.follow_ups, tab.log, tab.outreach):
        tab.show_page(page)
        qtbot.wait(20)
        _check_keys(window, type(page).__name__)


def _focusable(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def test_tab_from_the_visitor_search_reaches_each_control_in_reading_order(
    qtbot, show_active, admin, db_url
):
    _window, tab = _visits_window(qtbot, show_active, admin, db_url)
    form = tab.form
    card = form.add_purpose(ServiceType.get(ServiceType.name == "入会").id)
    qtbot.wait(20)
    form.focus_start()
    assert form.picker.edit.hasFocus()
    expected = [
        form.picker.edit,
        form.anonymous,
        form.channel,
        form.service_picker.edit,
        form.rating,
        form.notes,
        form.save_button,
        form.print_button,
        form.case_button,
        form.clear_button,
        card.remove_button,
        *card.material_checks.values(),
        card.outcome,
        card.due_on,  # waiting for materials: the follow-up date shows
    ]
    reached = [QApplication.focusWidget()]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == expected
    # Nothing of the form is left out.
    everything = {w for w in form.findChildren(QWidget) if _focusable(w)}
    assert everything <= set(expected) | {form.picker.results, form.service_picker.results}


def test_a_returning_visitors_visit_takes_six_keys(qtbot, show_active, admin, db_url):
    """The README's daily flow, key by key, from the window as it opens (at most nine keys):

    Ctrl+2 · 5678 · Enter · rh · Enter · Ctrl+Enter
    """
    person = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    window = show_active(MainWindow(admin, database_url=db_url))
    steps = 0

    def key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal steps
        steps += 1
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)

    def type_text(text: str) -> None:
        nonlocal steps
        steps += 1
        qtbot.keyClicks(QApplication.focusWidget(), text)

    key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the Visits tab
    tab = window.visits_tab
    assert tab is not None and tab.form.picker.edit.hasFocus()
    type_text("5678")  # the phone's last four digits (or the name, or its pinyin initials)
    key(Qt.Key.Key_Return)  # the first match
    type_text("rh")  # 入会 by its initials
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # save
    assert steps == 6 <= 9

    visit = Visit.get()
    assert visit.person_id == person.id and visit.staff_id == admin.id
    assert visit.channel == "walk_in"
    purpose = VisitPurpose.get()
    service = ServiceType.get(ServiceType.name == "入会")
    assert purpose.service_id == service.id
    assert purpose.outcome == "waiting" and purpose.due_on == visits.follow_up_due(service)
    assert tab.form.picker.edit.hasFocus()  # ready for the next visitor


def test_ctrl_page_keys_turn_the_visits_pages_from_inside_a_list(qtbot, show_active, admin, db_url):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from stationapp.ui.main_window import MainWindow

    window = show_active(MainWindow(admin, database_url=db_url))
    tab = window.show_tab("visits")
    tab.pages.setCurrentIndex(2)  # the visit log
    tab.log.table.setFocus()
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert tab.pages.currentIndex() == 3
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier
    )
    assert tab.pages.currentIndex() == 1
