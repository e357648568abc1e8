"""The wiring a page with a search box over a paged list and the chosen record beside it shares
(the people tab; the library catalogue can build on it the same way): the search row with the
count, the list with its empty state, and the start (search after a pause in typing, refresh
on the bus's changes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView

from stationapp.ui.forms import empty_state, search_box, single_shot
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.table_model import SearchedList, follow_count, setup_list_view


class SearchedPage(SearchedList):
    """A ``SearchedList`` page built in three calls. The page says ``_count_text(total)`` (the
    count after the search box), ``_activated(index)`` (Enter or a double click on a row),
    ``_current_changed(current, previous)``, ``_on_changed(entity)`` (the bus),
    ``_restore_state()`` and ``refresh()``."""

    count_label: QLabel

    def _search_row(self, placeholder: str, on_enter: Callable[[], object]) -> QHBoxLayout:
        """The top row: the search box (Enter: ``on_enter``; Down: into the list) and the count
        after it; the page adds its buttons and puts the row in its layout."""
        top = QHBoxLayout()
        self.search = search_box(placeholder, self.focus_table)
        self.search.returnPressed.connect(on_enter)
        top.addWidget(self.search, 1)
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        return top

    def _searched_table(self, model: Any, name: str) -> None:
        """``model`` shown in ``table`` (named ``<name>_table``; Tab leaves it), its count in the
        count label, and in ``stack`` the list or, in its place, ``empty``."""
        self.model = model
        follow_count(self.count_label, model, self._count_text)
        self.table = leave_on_tab(QTableView())
        self.table.setObjectName(f"{name}_table")
        setup_list_view(self.table, model)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty, self.stack = empty_state(self.table)

    def _start(self, bus: Any, search_delay_ms: int) -> None:
        """Search ``search_delay_ms`` after the typing pauses, follow the bus's changes, restore
        the widths and show the list."""
        self._timer = single_shot(self, search_delay_ms, self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        bus.changed.connect(self._on_changed)
        self._restore_state()
        self.refresh()
