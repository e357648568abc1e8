"""The searched-list page helper (ui/list_page.py) and the remembered list's default widths
(issue #23: one place for the wiring the people tab and the catalogue share)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QTableView, QVBoxLayout, QWidget

from stationapp.ui.list_page import SearchedPage
from stationapp.ui.table_model import PagedTableModel, TextsTableModel, remembered_list

NAMES = ["Wang Fang", "Li Lei", "Zhang Wei"]


class _Model(PagedTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(self._page, self._count, parent, filt="")
        self.headers = ["Name"]

    @staticmethod
    def _page(query: str, offset: int, limit: int) -> list[str]:
        return [name for name in NAMES if query.lower() in name.lower()][offset : offset + limit]

    @staticmethod
    def _count(query: str) -> int:
        return len([name for name in NAMES if query.lower() in name.lower()])

    @staticmethod
    def key_of(row: str) -> str:
        return row

    def cell(self, row: str, column: int, role: int) -> Any:
        return row if role == 0 else None


class _Bus(QObject):
    changed = Signal(str)


class _Page(SearchedPage, QWidget):
    TABLE_NAME = "page_test"

    def __init__(self, bus: _Bus) -> None:
        super().__init__()
        self.events: list[Any] = []
        layout = QVBoxLayout(self)
        self.bar = None
        top = self._search_row("Find", lambda: self.events.append("enter"))
        layout.addLayout(top)
        self._searched_table(_Model(self), self.TABLE_NAME)
        layout.addWidget(self.stack)
        self._start(bus, 10)

    def refresh(self) -> None:
        self._reload()

    def _update_counts(self) -> None:
        self._show_list_or_why("None match {query}.", "Nothing yet.")

    def _count_text(self, total: int) -> str:
        return f"{total} listed"

    def _activated(self, index: QModelIndex) -> None:
        self.events.append(("activated", index.row()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.events.append(("current", current.row()))

    def _on_changed(self, entity: str) -> None:
        self.events.append(("changed", entity))

    def _restore_state(self) -> None:
        self.events.append("restored")


def test_the_searched_page_wires_search_count_list_empty_state_and_bus(qtbot) -> None:
    bus = _Bus()
    page = _Page(bus)
    qtbot.addWidget(page)
    # Built: the search row with its count, the list named after the page.
    assert page.events[0] == "restored"
    assert page.table.objectName() == "page_test_table" and not page.table.tabKeyNavigation()
    assert isinstance(page.stack, QStackedWidget) and page.stack.widget(0) is page.table
    assert page.model.rowCount() == 3
    qtbot.waitUntil(lambda: page.count_label.text() == "3 listed")
    assert page.stack.currentWidget() is page.table
    # A search waits for the pause in typing, then shows why the list is empty.
    page.search.setText("nobody")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    assert page.empty.text() == "None match nobody."
    page.search.setText("li")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.search.returnPressed.emit()
    assert page.events[-1] == "enter"
    # The current row and the bus reach the page's own methods.
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.events[-1] == ("current", 0)
    page.table.activated.emit(page.model.index(0, 0))
    assert page.events[-1] == ("activated", 0)
    bus.changed.emit("person")
    assert page.events[-1] == ("changed", "person")


def test_the_remembered_list_holds_its_default_widths_until_the_first_fill(qtbot) -> None:
    table = remembered_list(
        TextsTableModel(["A", "B", "C"], lambda r: r), "widths_test", 2, (80, 140)
    )
    qtbot.addWidget(table)
    assert isinstance(table, QTableView)
    assert table.columnWidth(0) == 80 and table.columnWidth(1) == 140
