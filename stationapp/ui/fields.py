"""What a form's field holds, read and shown the same way for every kind of field, so that a
form whose fields are named as its service's input reads that input in one call
(``FieldErrors.values``) and shows a record in one call (``FieldErrors.fill``); and a list of
choices to tick."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)


def field_value(widget: QWidget) -> Any:
    """What a form's field holds, as a service takes it: a date edit's date (a date and time
    edit's date and time), a choice's data (or its text, when any may be typed), a text's text, a
    tick's state, a number (None for a spin box showing its "not known" text at its minimum), or
    the ``value()`` of a composite field (an optional date, a list of ticks)."""
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toPython()
    if isinstance(widget, QComboBox):  # what is typed in one that takes any text
        return widget.currentText() if widget.isEditable() else widget.currentData()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        unknown = widget.specialValueText() and widget.value() == widget.minimum()
        return None if unknown else widget.value()
    return widget.value()  # type: ignore[attr-defined]


def set_field_value(widget: QWidget, value: Any) -> None:
    """Show ``value`` in a form's field, the other way of ``field_value`` (a choice not offered
    shows the first; a number None shows "not known"; a text None is empty; a composite field
    by its ``set_value``)."""
    if isinstance(widget, QDateEdit):
        widget.setDate(QDate(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(widget.minimum() if value is None else value)
    else:
        widget.set_value(value)  # type: ignore[attr-defined]


class CheckList(QListWidget):
    """Choices to tick, each a text with its data (Space ticks the current one); ``value()`` is
    the data of those ticked, in the list's order."""

    def __init__(
        self, choices: Iterable[tuple[Any, str]] = (), ticked: Collection[Any] = ()
    ) -> None:
        super().__init__()
        for data, text in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = data in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.addItem(item)

    def value(self) -> list[Any]:
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]
