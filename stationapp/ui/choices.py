"""Lists of records in the forms: a list of lines that carry their record, and the record of the
current line (a choice among codes is ``forms.choice_box``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def fill_list(
    records: QListWidget,
    entries: Iterable[tuple[str, Any]],
    is_current: Callable[[Any], bool] = lambda _data: False,
) -> None:
    """Show ``entries`` (a line's text and the data it carries) in ``records`` in place of what
    it listed, without its signals (the caller shows the current record itself); the entry
    whose data ``is_current`` picks becomes the current line."""
    records.blockSignals(True)
    records.clear()
    for text, data in entries:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        records.addItem(item)
        if is_current(data):
            records.setCurrentItem(item)
    records.blockSignals(False)


def current_data(records: QListWidget) -> Any:
    """The data of the current line of ``records`` (None when no line is current)."""
    item = records.currentItem()
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)
