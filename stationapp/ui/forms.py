"""Form building blocks: a field with its error line, and a message bar.

Every form shows an expected error next to the field it concerns and keeps what the user typed
(DESIGN.md rule 4).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError, ValidationError

ERROR_STYLE = "color: #b3261e;"
FIELD_ERROR_STYLE = "border: 1px solid #b3261e;"


class FieldErrors:
    """Error labels under the fields of a QFormLayout, keyed by the service's field names."""

    def __init__(self, layout: QFormLayout) -> None:
        self._layout = layout
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_row(self, label: str, name: str, widget: QWidget) -> QLabel:
        """Add ``widget`` under ``label``; returns the label so callers can set its buddy."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self._layout.addRow(caption, holder)
        self._fields[name] = (widget, error)
        return caption

    def error_label(self, name: str) -> QLabel:
        return self._fields[name][1]

    def clear(self) -> None:
        for widget, error in self._fields.values():
            error.clear()
            error.hide()
            widget.setStyleSheet("")

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field; returns the messages no field here could show."""
        self.clear()
        unplaced: list[str] = []
        first: QWidget | None = None
        for name, message in errors.items():
            if name in self._fields:
                widget, error = self._fields[name]
                error.setText(message)
                error.show()
                widget.setStyleSheet(FIELD_ERROR_STYLE)
                first = first or widget
            else:
                unplaced.append(message)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced


class MessageBar(QWidget):
    """A strip above a form or list for messages that belong to no single field."""

    STYLES: ClassVar[dict[str, str]] = {
        "error": "background: #fdecea; color: #8c1d18; border: 1px solid #f2b8b5;",
        "warning": "background: #fff4e5; color: #663c00; border: 1px solid #ffd599;",
        "info": "background: #e8f1fb; color: #0b3a66; border: 1px solid #b6d4f2;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close"))
        close.clicked.connect(self.hide)
        row.addWidget(close)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.setStyleSheet(f"#message_bar {{{self.STYLES[kind]}}}")
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


def show_user_error(exc: UserError, fields: FieldErrors, bar: MessageBar) -> None:
    """Put each message of ``exc`` at its field; anything no field can show goes to ``bar``."""
    errors = exc.errors if isinstance(exc, ValidationError) else {}
    if not errors and exc.field:
        errors = {exc.field: exc.message}
    leftover = fields.show(errors) if errors else [exc.message]
    if leftover:
        bar.show_message("\n".join(leftover))
    else:
        bar.hide()
