"""The Books tab as a librarian meets it in the real main window on the office screen
(1366x768): every sub-tab fits, no access key is used twice or taken from the menus and main tabs,
no list keeps the Tab key, and the sub-tabs answer Ctrl+PgUp/PgDn."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from stationapp.db import today
from stationapp.models.library import Loan
from stationapp.services import library, people
from stationapp.ui.main_window import MainWindow
from tests.helpers.screen import (
    lists_keeping_tab,
    mnemonic_clashes,
    on_screen_mnemonics,
    too_large,
)

# The menus (文件 报表 管理 帮助) and the main tabs (今日 来访登记 职工档案 职工书屋 活动报名
# 劳动争议调解).
RESERVED = set("FRAHTVPBEM")


@pytest.fixture
def stocked(admin):
    """A few titles and copies, one loan overdue and one due soon."""
    reader = people.create_person(
        admin, people.PersonInput(name="张伟", phone="13812345678", is_member=True)
    )
    copies = []
    isbns = ["9787020024759", "9787506365437", "9787020090006"]
    names = ["平凡的世界（全三册）普及本", "活着", "围城"]
    for number, (name, isbn) in enumerate(zip(names, isbns, strict=True), start=1):
        title = library.create_title(
            admin,
            library.TitleInput(
                title=name,
                author="路遥",
                isbn=isbn,
                publisher="人民文学出版社",
                year=2012,
                classification="I247.57",
            ),
        )
        copies.append(
            library.add_copy(admin, title.id, library.CopyInput(barcode=f"B{number:04d}"))
        )
    late = library.lend(admin, copies[0].id, reader.id)
    soon = library.lend(admin, copies[1].id, reader.id)
    Loan.update(due_on=today() - timedelta(days=5)).where(Loan.id == late.id).execute()
    Loan.update(due_on=today() + timedelta(days=2)).where(Loan.id == soon.id).execute()
    return reader


def _window(show_active, staff, db_url):
    window = MainWindow(staff, database_url=db_url)
    window.resize(1366, 768)
    show_active(window)
    tab = window.show_tab("library")
    assert tab is not None
    QApplication.processEvents()
    return window


@pytest.fixture
def librarian_window(qtbot, show_active, make_staff, db_url, stocked):
    return _window(show_active, make_staff("lib", "librarian"), db_url)


def _library_letters(window) -> list[tuple[str, str]]:
    main_tabs = {window.tabs.tabText(i) for i in range(window.tabs.count())}
    menus = {action.text() for action in window.menuBar().actions()}
    return [
        (letter, where)
        for letter, where in on_screen_mnemonics(window)
        if not any(repr(text) in where for text in main_tabs | menus)
    ]


@pytest.mark.parametrize(
    ("role", "page_count"), [("librarian", 6), ("front_desk", 4), ("admin", 6)]
)
def test_every_books_page_fits_the_office_screen_with_unique_access_keys(
    qtbot, show_active, make_staff, db_url, stocked, role, page_count
):
    window = _window(show_active, make_staff("someone", role), db_url)
    tab = window.library_tab
    pages = tab.pages
    assert pages.count() == page_count  # a librarian sees the boxes and stocktakes too
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        QApplication.processEvents()
        name = pages.tabText(index)
        assert mnemonic_clashes(window) == {}, name
        taken = [
            (letter, where) for letter, where in _library_letters(window) if letter in RESERVED
        ]
        assert taken == [], name
        assert lists_keeping_tab(window) == [], name
        assert too_large(window) == (0, 0), name
        assert window.width() <= 1366 and window.height() <= 768, name
    # Every sub-tab has its own access key.
    letters = [on for on in (pages.tabText(i) for i in range(pages.count())) if "&" in on]
    assert len(letters) == pages.count()


def test_sub_tabs_answer_ctrl_page_up_and_down(qtbot, librarian_window):
    tab = librarian_window.library_tab
    pages = tab.pages
    pages.setCurrentIndex(0)
    QApplication.processEvents()
    qtbot.waitUntil(tab.circulation.scan_edit.hasFocus)  # the scan field keeps the focus
    qtbot.keyClick(
        tab.circulation.scan_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert pages.currentIndex() == 1
    qtbot.keyClick(
        QApplication.focusWidget() or pages, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier
    )
    assert pages.currentIndex() == 0
    qtbot.waitUntil(tab.circulation.scan_edit.hasFocus)
    qtbot.keyClick(
        QApplication.focusWidget() or pages, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier
    )
    assert pages.currentIndex() == pages.count() - 1  # it wraps round


def _all_columns_in_view(table: QTableView) -> None:
    model = table.model()
    assert model.rowCount()
    for column in range(model.columnCount()):
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        header = model.headerData(column, Qt.Orientation.Horizontal)
        assert table.columnWidth(column) > 20, header
        assert right <= table.viewport().width(), header


def test_key_columns_are_in_view(qtbot, librarian_window, stocked):
    """The state and the due date never hide behind horizontal scrolling."""
    tab = librarian_window.library_tab
    tab.circulation.set_borrower(stocked.id)
    QApplication.processEvents()
    _all_columns_in_view(tab.circulation.loans_table)
    model = tab.circulation.loans_model
    assert any("overdue" in model.data(model.index(row, 2)) for row in range(model.rowCount()))
    tab.pages.setCurrentWidget(tab.overdue)
    QApplication.processEvents()
    _all_columns_in_view(tab.overdue.overdue_table)
    tab.overdue.tabs.setCurrentIndex(1)
    tab.overdue.days_spin.setValue(7)
    qtbot.waitUntil(lambda: tab.overdue.due_model.rowCount() == 1)
    QApplication.processEvents()
    _all_columns_in_view(tab.overdue.due_table)
    tab.pages.setCurrentWidget(tab.catalogue)
    QApplication.processEvents()
    _all_columns_in_view(tab.catalogue.table)
    tab.catalogue.select_title(tab.catalogue.model.title_at(0).id)
    QApplication.processEvents()
    _all_columns_in_view(tab.catalogue.copies_table)
