"""Form building blocks: a field with its error line, and a message bar.

Every form shows an expected error next to the field it concerns and keeps what the user typed
(DESIGN.md rule 4).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError, ValidationError
from stationapp.ui.layout_state import leave_on_tab

ERROR_STYLE = "color: #b3261e;"
SAVE_CANCEL = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
CLOSE = QDialogButtonBox.StandardButton.Close
FIELD_ERROR_STYLE = "border: 1px solid #b3261e;"


class FieldErrors:
    """Error labels under the fields of a QFormLayout, keyed by the service's field names."""

    def __init__(self, layout: QFormLayout) -> None:
        self._layout = layout
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_row(self, label: str, name: str, widget: QWidget) -> QLabel:
        """Add ``widget`` under ``label``, with a hidden error row beneath it; returns the label.

        The error is a row of the form itself (not a child of the field), so a long message wraps
        onto as many lines as it needs.
        """
        caption = QLabel(label)
        caption.setBuddy(widget)
        self._layout.addRow(caption, widget)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        self._layout.addRow("", error)
        self._layout.setRowVisible(error, False)
        self._fields[name] = (widget, error)
        return caption

    def add_line(
        self, label: str, name: str, max_length: int = 0, placeholder: str = ""
    ) -> QLineEdit:
        """A row with a line of text (at most ``max_length`` characters when given, with a
        grey hint when ``placeholder`` is given); returns the line."""
        line = QLineEdit()
        if max_length:
            line.setMaxLength(max_length)
        if placeholder:
            line.setPlaceholderText(placeholder)
        self.add_row(label, name, line)
        return line

    def set_row_visible(self, name: str, visible: bool) -> None:
        widget, error = self._fields[name]
        self._layout.setRowVisible(widget, visible)
        if not visible:
            self._layout.setRowVisible(error, False)

    def error_label(self, name: str) -> QLabel:
        return self._fields[name][1]

    def values(self, *names: str) -> dict[str, Any]:
        """What the fields ``names`` hold (every field's when none is named), by their names:
        a form whose fields are named as its service's input gives that input (``field_value``)."""
        from stationapp.ui.fields import field_value  # not needed for the first paint

        return {name: field_value(self._fields[name][0]) for name in names or self._fields}

    def fill(self, record: Any, *names: str) -> None:
        """Show in the fields ``names`` (every field when none is named) the values of the
        record's attributes of the same names (``set_field_value``)."""
        from stationapp.ui.fields import set_field_value  # not needed for the first paint

        for name in names or self._fields:
            set_field_value(self._fields[name][0], getattr(record, name))

    def note(self, name: str, text: str) -> None:
        """Say ``text`` at the field as the form is filled in (a check before saving), without
        taking the focus; an empty ``text`` hides it."""
        error = self._fields[name][1]
        error.setText(text)
        self._layout.setRowVisible(error, bool(text))

    def clear(self) -> None:
        for widget, error in self._fields.values():
            error.clear()
            self._layout.setRowVisible(error, False)
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
                self._layout.setRowVisible(error, True)
                widget.setStyleSheet(FIELD_ERROR_STYLE)
                first = first or widget
            else:
                unplaced.append(message)
        self._fit_wrapped_errors()
        if first is not None:
            first.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        return unplaced

    def _fit_wrapped_errors(self) -> None:
        """Grow the window when wrapped messages need more height than it has.

        Qt sizes a window from its layout's minimum size, which ignores height-for-width, so a
        message of two lines would otherwise be squeezed into one.
        """
        parent = self._layout.parentWidget()
        if parent is None:
            return
        window = parent.window()
        top = window.layout()
        if top is None:
            return
        top.activate()
        needed = top.totalHeightForWidth(window.width())
        if needed > window.height():
            window.resize(window.width(), needed)


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
        row.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close"))
        close.clicked.connect(self.hide)
        row.addWidget(close)
        self.hide()
        self._shown_once = False

    def show_message(self, text: str, kind: str = "error") -> None:
        if not self._shown_once:
            # Set when first shown: a page's hidden bar does not make PySide create the Qt
            # namespace's enums before the window's first paint.
            self._shown_once = True
            self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#message_bar {{{self.STYLES[kind]}}}")
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


def layout_with_bar(widget: QWidget) -> tuple[QVBoxLayout, MessageBar]:
    """The vertical layout of a page or dialog, with its message bar at the top."""
    layout = QVBoxLayout(widget)
    bar = MessageBar()
    layout.addWidget(bar)
    return layout, bar


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


def shows_user_errors(submit: Callable[..., None]) -> Callable[..., None]:
    """A form's submit method whose service call's expected error is shown at its field (or in
    the bar), the form keeping what was typed; the method's ``self`` has ``fields`` and ``bar``.
    (A slot keeps its signature: Qt passes what the method takes.)"""

    @functools.wraps(submit)
    def run(self: Any, *args: Any) -> None:
        try:
            submit(self, *args)
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)

    return run


def reports_user_errors(action: Callable[..., None]) -> Callable[..., None]:
    """A page's action whose service call's expected error is said in the page's message bar
    (``self.bar``), the action stopping there. (A slot keeps its signature: Qt passes what the
    action takes.)"""

    @functools.wraps(action)
    def run(self: Any, *args: Any) -> None:
        try:
            action(self, *args)
        except UserError as exc:
            self.bar.show_message(exc.message)

    return run


def dialog_buttons(
    dialog: QDialog,
    layout: QBoxLayout,
    submit: Callable[[], object] | None = None,
    *,
    buttons: QDialogButtonBox.StandardButton = SAVE_CANCEL,
    ok_text: str = "",
) -> QDialogButtonBox:
    """A dialog's row of buttons at the foot of ``layout``: Save (or OK) runs ``submit``, which
    accepts the dialog when it is done; Cancel (or Close) closes it. ``ok_text`` renames the
    accepting button."""
    box = QDialogButtonBox(buttons)
    if ok_text:
        accepting = QDialogButtonBox.StandardButton.Save
        if not buttons & accepting:
            accepting = QDialogButtonBox.StandardButton.Ok
        box.button(accepting).setText(ok_text)
    if submit is not None:
        box.accepted.connect(submit)
    box.rejected.connect(dialog.reject)
    layout.addWidget(box)
    return box


class BarDialog(QDialog):
    """A dialog titled ``title`` that acts for ``actor``: its message bar (``bar``) at the top of
    its column (``column``), where the subclass lays out the rest."""

    def __init__(self, actor: Any, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.actor = actor
        self.column, self.bar = layout_with_bar(self)


class FormDialog(BarDialog):
    """A dialog around one form: the message bar at the top (``bar``), then the form (``form``),
    whose rows show their errors (``fields``); a subclass adds the rows, then under them
    (``column``) its buttons. A long form is ``scrolled`` inside the dialog (UX.md: no page
    asks for more than the screen)."""

    def __init__(
        self, actor: Any, parent: QWidget | None = None, title: str = "", *, scrolled: bool = False
    ) -> None:
        super().__init__(actor, title, parent)
        if scrolled:
            body = QWidget()
            self.form = QFormLayout(body)
            self.column.addWidget(scroll_area(body), 1)
        else:
            self.form = QFormLayout()
            self.column.addLayout(self.form)
        self.fields = FieldErrors(self.form)


class SearchLineEdit(QLineEdit):
    """A list's search box: ↓ moves into the list (``down_pressed``), on every tab alike.

    A signal rather than a stored callback: a callback bound to the tab would tie the tab's
    lifetime to the garbage collector (a reference cycle through this box), which then frees
    it at a random moment."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


def search_box(
    placeholder: str, on_down: Callable[[], object], *, max_length: int = 100
) -> SearchLineEdit:
    """A list's search box, with its clear button and hint; Down moves into the list."""
    box = SearchLineEdit()
    box.down_pressed.connect(on_down)
    box.setClearButtonEnabled(True)
    box.setMaxLength(max_length)
    box.setPlaceholderText(placeholder)
    return box


def single_shot(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A timer that runs ``slot`` once, ``interval_ms`` after it was last started: a search
    waits for a pause in typing, a burst of changes makes one refresh."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def empty_state(table: QWidget, text: str = "") -> tuple[QLabel, QStackedWidget]:
    """A list's place on the page: the list, or instead a centred line that says why it is
    empty and what to do (UX.md, Lists)."""
    empty = QLabel(text)
    empty.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
    empty.setWordWrap(True)
    empty.setStyleSheet("color: #555; font-size: 14px;")
    stack = QStackedWidget()
    stack.addWidget(table)
    stack.addWidget(empty)
    return empty, stack


def record_list(
    body: QBoxLayout, new_text: str, on_current: Callable, on_new: Callable
) -> QListWidget:
    """The left side of an editor of records: their list, and under it a button to add one."""
    left = QVBoxLayout()
    records = QListWidget()
    records.currentItemChanged.connect(on_current)
    left.addWidget(records, 1)
    new = QPushButton(new_text)
    new.clicked.connect(on_new)
    left.addWidget(new)
    body.addLayout(left)
    return records


def heading_label() -> QLabel:
    """A page's heading (a person's or a workplace's name): larger, bold, selectable."""
    label = QLabel()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def add_button(
    row: QBoxLayout, text: str, slot: Callable[[], object], tip: str = ""
) -> QPushButton:
    """A push button at the end of ``row`` that runs ``slot``, with its tooltip when given."""
    button = push_button(text, slot, tip)
    row.addWidget(button)
    return button


def spin_box(low: int, high: int, value: int, suffix: str = "", tip: str = "") -> QSpinBox:
    """A whole number from ``low`` to ``high`` showing ``value``, its unit after it (``suffix``)
    and, when given, a tooltip that says what it does."""
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    if tip:
        spin.setToolTip(tip)
    return spin


def action_row(
    action: QPushButton, cancel_text: str, on_cancel: Callable[[], object]
) -> QHBoxLayout:
    """A row of buttons on the right: ``action`` (already connected), then Cancel."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(action)
    cancel = QPushButton(cancel_text)
    cancel.clicked.connect(on_cancel)
    row.addWidget(cancel)
    return row


def step_tabs(tabs: QTabWidget, step: int) -> None:
    """The next (1) or previous (-1) tab that is shown and enabled, round the end."""
    count = tabs.count()
    index = tabs.currentIndex()
    for _ in range(count):
        index = (index + step) % count
        if tabs.isTabVisible(index) and tabs.isTabEnabled(index):
            tabs.setCurrentIndex(index)
            return


def page_keys(scope: QWidget, on_step: Callable[[int], None]) -> list[QShortcut]:
    """Ctrl+PgUp/PgDn call ``on_step(-1)``/``on_step(1)`` wherever the focus is in ``scope``
    (UX.md: a page's tabs answer them), even in a list, which would take them as its own."""
    shortcuts = []
    for keys, step in (("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
        shortcut = QShortcut(QKeySequence(keys), scope)
        shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda s=step: on_step(s))
        shortcuts.append(shortcut)
    return shortcuts


def selectable_label(text: str = "") -> QLabel:
    """A paragraph of a page: wrapped to its width, and selectable to copy."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def scroll_area(body: QWidget) -> QScrollArea:
    """``body`` scrolling inside its place, as wide as the place (a long form or page)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    return scroll


def open_spreadsheet(parent: QWidget, caption: str, filters: str, folder: str = "") -> Path | None:
    """The spreadsheet chosen in the system's file dialog (``caption``, the file types
    ``filters``), from ``folder`` or else the user's documents; None when they cancel."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    if not folder:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _filter = QFileDialog.getOpenFileName(parent, caption, folder, filters)
    return Path(chosen) if chosen else None


def add_labelled(
    row: QBoxLayout, text: str, widget: QWidget, stretch: int = 0, buddy: QWidget | None = None
) -> QLabel:
    """``widget`` at the end of ``row`` after its label ``text``, whose access key moves the
    focus to it (or to ``buddy``, the part of it that takes the focus); returns the label."""
    label = QLabel(text)
    label.setBuddy(buddy or widget)
    row.addWidget(label)
    row.addWidget(widget, stretch)
    return label


def edge_column(widget: QWidget) -> QVBoxLayout:
    """A column layout filling ``widget`` to its edges: a part inside a page, form or list."""
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    return column


class ServiceDialog(FormDialog):
    """A ``FormDialog`` whose form makes one service call: a subclass adds its rows, then
    ``finish`` puts the buttons (``buttons``) under them; Save (or OK) runs ``submit``, which
    makes the call through ``attempt``."""

    def __init__(
        self,
        actor: Any,
        title: str,
        parent: QWidget | None = None,
        *,
        buttons: QDialogButtonBox.StandardButton = SAVE_CANCEL,
    ) -> None:
        super().__init__(actor, parent, title)
        self._standard_buttons = buttons

    def finish(self) -> None:
        self.buttons = dialog_buttons(
            self, self.column, self.submit, buttons=self._standard_buttons
        )

    def submit(self) -> None:
        raise NotImplementedError

    def attempt(self, call: Callable[[], Any]) -> Any:
        """Run the service call and accept the dialog with what it returns; a refusal is said at
        its field (or in the bar) and the dialog stays open, keeping what was typed (None)."""
        self.fields.clear()
        try:
            result = call()
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return None
        self.accept()
        return result


def text_box(height: int = 0, *, min_height: int = 0, lines: int = 0) -> QPlainTextEdit:
    """A field of several lines of text, ``height`` pixels high, or ``lines`` lines of its font
    high (when given), or at least ``min_height``; Tab moves on to the next field instead of
    typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    if lines:
        height = box.fontMetrics().lineSpacing() * lines
    if height:
        box.setFixedHeight(height)
    if min_height:
        box.setMinimumHeight(min_height)
    return box


def choice_box(
    codes: Iterable[Any], label: Callable[[Any], str], *, first: tuple[str, Any] | None = None
) -> QComboBox:
    """A drop-down of ``codes``, each shown by its ``label`` with the code as its data; after
    ``first`` (its text and data: "Not recorded", "") when given."""
    box = QComboBox()
    if first is not None:
        box.addItem(*first)
    for code in codes:
        box.addItem(label(code), code)
    return box


class EditableRows(QWidget):
    """A table whose rows are typed in place (``table``), ``stretch`` its widest column, with
    buttons under it: ``add_text`` adds a row (the subclass's ``add_row``), ``remove_text``
    removes the current one."""

    def __init__(
        self,
        headers: list[str],
        stretch: int,
        add_text: str,
        remove_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = leave_on_tab(QTableWidget(0, len(headers)))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add_button(buttons, add_text, lambda: self.add_row())
        add_button(buttons, remove_text, self.remove_current)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add_row(self) -> None:
        raise NotImplementedError

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)


def push_button(text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
    """A push button that runs ``slot``, with its tooltip when given (``add_button`` puts one
    at the end of a row)."""
    button = QPushButton(text)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def label_row(layout: QBoxLayout, *buttons: tuple[Any, ...]) -> tuple[QLabel, list[QPushButton]]:
    """A row at the foot of ``layout``: a label that takes the spare width (what the page counts
    or warns of), then the page's ``buttons`` (``add_button``'s text, slot and tooltip)."""
    row = QHBoxLayout()
    label = QLabel()
    row.addWidget(label, 1)
    layout.addLayout(row)
    return label, [add_button(row, *button) for button in buttons]


def tickable(item: Any, ticked: bool = False) -> Any:
    """``item`` (of a list or a table) made a tick box the staff member can tick or untick."""
    item.setFlags(
        QtCore.Qt.ItemFlag.ItemIsEnabled
        | QtCore.Qt.ItemFlag.ItemIsSelectable
        | QtCore.Qt.ItemFlag.ItemIsUserCheckable
    )
    item.setCheckState(QtCore.Qt.CheckState.Checked if ticked else QtCore.Qt.CheckState.Unchecked)
    return item


def form_call(form: Any, call: Callable[[], object]) -> bool:
    """Run ``call`` (a service call) for ``form``, which has ``fields`` and ``bar``: the last
    try's messages cleared, an expected error shown at its field (or in the bar), the form
    keeping what was typed. Returns whether the call went through."""
    form.fields.clear()
    try:
        call()
    except UserError as exc:
        show_user_error(exc, form.fields, form.bar)
        return False
    return True
