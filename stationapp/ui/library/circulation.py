"""The circulation desk: one scan field that keeps focus, the current borrower, and big results.

A USB scanner is a keyboard (domain/library.md, "How scanners behave"): it types a code and ends
it with Enter, Tab or LF. The field acts on any of those, ignores the same code scanned again
within a second (a double read), and lets the service decide what the code is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import NotFound, UserError
from stationapp.models.accounts import Staff
from stationapp.models.library import Copy, Hold, Loan
from stationapp.models.people import Person
from stationapp.services import accounts, library, people
from stationapp.services.library import LoanRow, ScanResult
from stationapp.ui.bus import ChangeBus
from stationapp.ui.choices import fill_list
from stationapp.ui.dates import short_text
from stationapp.ui.forms import add_button, single_shot
from stationapp.ui.layout_state import restore_columns, save_columns
from stationapp.ui.library.loans_model import COL_TITLE, CurrentLoansTableModel
from stationapp.ui.library.reserve_dialog import ReserveTitleDialog
from stationapp.ui.people.picker import PersonPicker, register_from_picker
from stationapp.ui.table_model import setup_list_view

# The same code read again within this many milliseconds is a double read, not a second scan.
REPEAT_MS = 1000
SUFFIXES = re.compile(r"[\r\n\t]+")


def _desk_button(row: QHBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
    """A button of the desk that leaves the focus in the scan field (its keys do the same)."""
    button = add_button(row, text, slot)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def _desk_label(
    point_size: int, *, bold: bool = False, name: str = "", wrap: bool = True
) -> QLabel:
    """A line of the desk in a large font, read from a step away: plain text, wrapped unless
    ``wrap`` is off, named ``name`` when given (the style sheet and the tests find it)."""
    label = QLabel()
    if name:
        label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSize(point_size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CirculationWidget(QWidget):
    """Scan a card, then books: lend, return, renew, reserve, undo; all from the keyboard.

    ``quick_add_requested(isbn)`` asks the catalogue to add a title for an unknown ISBN;
    ``box_scanned(box_id)`` hands a box's barcode to the boxes page.
    """

    quick_add_requested = Signal(str)
    box_scanned = Signal(int)
    TABLE_NAME = "library_desk_loans"

    RESULT_STYLES: ClassVar[dict[str, str]] = {
        "idle": "background: #f4f4f4; color: #444444; border: 1px solid #dddddd;",
        "ok": "background: #e6f4ea; color: #0d652d; border: 2px solid #81c995;",
        "info": "background: #e8f1fb; color: #0b3a66; border: 2px solid #b6d4f2;",
        "hold": "background: #f3e8fd; color: #4a148c; border: 2px solid #c58af9;",
        "warning": "background: #fff4e5; color: #663c00; border: 2px solid #ffb74d;",
        "error": "background: #fdecea; color: #8c1d18; border: 2px solid #e57373;",
    }

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self._borrower: Person | None = None
        self._last_result: ScanResult | None = None
        self._last_code = ""
        self._since_last = QElapsedTimer()
        self._undo: tuple[str, int, str] | None = None  # ("lend" | "return", loan id, title)
        self._choices: list[Copy] = []
        self._cached_status: library.BorrowerStatus | None = None
        self._splitting = False
        can_circulate = accounts.has_permission(actor, "library.circulate")

        layout = QVBoxLayout(self)
        scan_row = QHBoxLayout()
        scan_label = QLabel(self.tr("&Scan:"))
        scan_font = QFont(scan_label.font())
        scan_font.setPointSize(16)
        scan_label.setFont(scan_font)
        scan_row.addWidget(scan_label)
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("scan_field")
        big = QFont(self.scan_edit.font())
        big.setPointSize(22)
        self.scan_edit.setFont(big)
        self.scan_edit.setMaxLength(200)
        self.scan_edit.setPlaceholderText(self.tr("Scan a card, a book, an ISBN or a box"))
        self.scan_edit.setEnabled(can_circulate)
        self.scan_edit.installEventFilter(self)
        self.scan_edit.textChanged.connect(self._text_changed)
        scan_label.setBuddy(self.scan_edit)
        scan_row.addWidget(self.scan_edit, 1)
        self.undo_button = _desk_button(scan_row, self.tr("Undo (Ctrl+Z)"), self.undo)
        self.undo_button.setEnabled(False)
        layout.addLayout(scan_row)

        self.result_frame = QFrame()
        self.result_frame.setObjectName("scan_result")
        self.result_frame.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        result_layout = QVBoxLayout(self.result_frame)
        self.headline = _desk_label(20, bold=True, name="result_headline")
        self.detail = _desk_label(14)
        self.hold_label = _desk_label(18, bold=True, name="result_hold")
        self.hold_label.hide()
        for label in (self.headline, self.detail, self.hold_label):
            label.setStyleSheet("background: transparent; border: none;")
            result_layout.addWidget(label)
        result_layout.addStretch(1)
        layout.addWidget(self.result_frame)

        self.choose_list = QListWidget()
        self.choose_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose_list.itemActivated.connect(lambda _item: self.lend_chosen())
        self.choose_list.itemDoubleClicked.connect(lambda _item: self.lend_chosen())
        self.choose_list.setMaximumHeight(140)
        self.choose_list.hide()
        layout.addWidget(self.choose_list)

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        self.borrower_box = QGroupBox(self.tr("Borrower"))
        borrower_layout = QVBoxLayout(self.borrower_box)
        name_row = QHBoxLayout()
        self.name_label = _desk_label(16, bold=True, name="borrower_name", wrap=False)
        name_row.addWidget(self.name_label, 1)
        self.clear_button = _desk_button(
            name_row, self.tr("Clear borrower (Esc)"), self.clear_borrower
        )
        borrower_layout.addLayout(name_row)
        self.info_label = QLabel()
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setWordWrap(True)
        borrower_layout.addWidget(self.info_label)
        self.suspended_label = QLabel()
        self.suspended_label.setObjectName("borrower_suspended")
        self.suspended_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.suspended_label.setWordWrap(True)
        self.suspended_label.hide()
        borrower_layout.addWidget(self.suspended_label)
        borrower_layout.addWidget(QLabel(self.tr("Books on loan (Up/Down to choose):")))
        self.loans_model = CurrentLoansTableModel(self)
        self.loans_table = QTableView()
        setup_list_view(self.loans_table, self.loans_model)
        self.loans_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.loans_table.setWordWrap(False)
        restore_columns(self.loans_table, self.TABLE_NAME, (200, 90, 210, 80), stretch=COL_TITLE)
        borrower_layout.addWidget(self.loans_table, 2)
        loan_buttons = QHBoxLayout()
        self.renew_button = _desk_button(
            loan_buttons, self.tr("Renew (Ctrl+R)"), self.renew_selected
        )
        loan_buttons.addStretch(1)
        borrower_layout.addLayout(loan_buttons)
        borrower_layout.addWidget(QLabel(self.tr("Reservations:")))
        self.holds_list = QListWidget()
        self.holds_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.holds_list.setMaximumHeight(110)
        borrower_layout.addWidget(self.holds_list, 1)
        hold_buttons = QHBoxLayout()
        self.reserve_button = _desk_button(
            hold_buttons, self.tr("Reserve a title… (Ctrl+H)"), self.reserve_title
        )
        self.cancel_hold_button = _desk_button(
            hold_buttons, self.tr("Cancel reservation"), self.cancel_selected_hold
        )
        hold_buttons.addStretch(1)
        borrower_layout.addLayout(hold_buttons)
        body.addWidget(self.borrower_box, 3)

        side = QVBoxLayout()
        no_card = QLabel(self.tr("<b>No card?</b> Find the borrower by name (Ctrl+F):"))
        no_card.setWordWrap(True)
        side.addWidget(no_card)
        self.picker = PersonPicker(actor)
        self.picker.person_chosen.connect(self._picked)
        self.picker.new_person_requested.connect(self.new_person)
        side.addWidget(self.picker)
        keys = QLabel(
            self.tr(
                "Enter, Tab: act on the scanned code\n"
                "Esc: clear the borrower\n"
                "Ctrl+Z: undo the last loan or return\n"
                "Ctrl+R: renew the chosen loan\n"
                "Ctrl+H: reserve a title"
            )
        )
        keys.setStyleSheet("color: #555555;")
        keys.setWordWrap(True)
        side.addWidget(keys)
        side.addStretch(1)
        body.addLayout(side, 2)

        for sequence, slot in (
            ("Ctrl+R", self.renew_selected),
            ("Ctrl+H", self.reserve_title),
            ("Ctrl+Z", self.undo),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for button in (self.renew_button, self.reserve_button, self.cancel_hold_button):
            button.setVisible(can_circulate)

        self._undo_timer = single_shot(
            self, int(library.UNDO_WINDOW.total_seconds() * 1000), self._expire_undo
        )
        self._refresh_timer = single_shot(self, 0, self.refresh_borrower)
        # The borrower is forgotten after the station's idle time without a scan or a key press
        # on this page (tab switches do not count), so the next reader's books never go on the
        # last one's card.
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._idle_expired)
        self._read_idle_setting()
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)
        bus.changed.connect(self._on_changed)
        self.setFocusProxy(self.scan_edit)
        self._fix_result_height()
        self._show_result(
            "idle",
            self.tr("Ready"),
            self.tr("Scan the borrower's card, then the books. Scan a book alone to return it."),
        )
        self._show_borrower()

    # --- public --------------------------------------------------------------------------------

    @property
    def borrower(self) -> Person | None:
        return self._borrower

    @property
    def last_result(self) -> ScanResult | None:
        return self._last_result

    def focus_scan(self) -> None:
        self.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_state(self) -> None:
        save_columns(self.loans_table, self.TABLE_NAME)

    @property
    def idle_interval_ms(self) -> int:
        return self._idle_timer.interval()

    def set_idle_interval(self, milliseconds: int) -> None:
        """How long the borrower stays without a scan or a key press here (the station setting;
        tests set a short one)."""
        self._idle_timer.setInterval(max(1, milliseconds))
        if self._idle_timer.isActive():
            self._idle_timer.start()

    def _read_idle_setting(self) -> None:
        try:
            minutes = accounts.station_settings().borrower_idle_minutes
        except UserError:
            minutes = accounts.DEFAULT_BORROWER_IDLE_MINUTES
        self.set_idle_interval(minutes * 60_000)

    def _touch(self) -> None:
        """Someone is at the desk: the borrower's idle time starts again."""
        if self._borrower is not None:
            self._idle_timer.start()

    def _idle_expired(self) -> None:
        if self._borrower is None:
            return
        name = self._name()
        minutes = max(1, round(self._idle_timer.interval() / 60_000))
        self._borrower = None
        self._hide_choices()
        self._show_borrower()
        message = self.tr("Borrower cleared: {name}").format(name=name)
        self._last_result = ScanResult("cleared", message)
        self._show_result(
            "warning",
            self.tr("Borrower cleared"),
            self.tr(
                "Nothing was scanned for %n minute(s), so {name} is no longer the borrower. "
                "Scan the next reader's card.",
                "",
                minutes,
            ).format(name=name),
        )

    def focus_search(self) -> None:
        """Find the borrower by name (the main window's Ctrl+F)."""
        self.picker.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.edit.selectAll()

    def scan_text(self, code: str) -> ScanResult | None:
        """Act on one scanned code, as Enter in the scan field does; None for a double read."""
        self.scan_edit.clear()
        code = SUFFIXES.sub("", code).strip()
        if not code:
            return None
        key = code.upper()
        if (
            key == self._last_code
            and self._since_last.isValid()
            and self._since_last.elapsed() < REPEAT_MS
        ):
            return None
        self._last_code = key
        self._since_last.start()
        self._touch()
        borrower_id = self._borrower.id if self._borrower is not None else None
        try:
            result = library.scan(self.actor, code, borrower_id=borrower_id)
        except UserError as exc:
            result = ScanResult("refused", exc.message, ok=False)
        self._handle(result)
        self.focus_scan()
        return result

    def set_borrower(self, person_id: int) -> None:
        try:
            person = people.get_person(self.actor, person_id)
        except UserError as exc:
            self._refused(exc.message)
            return
        self._select_borrower(person)
        status = self._status
        self._last_result = ScanResult(
            "borrower",
            self.detail.text(),
            person=person,
            ok=status is not None and not status.suspended,
        )
        self.focus_scan()

    def clear_borrower(self) -> None:
        self._borrower = None
        self._idle_timer.stop()
        self._show_borrower()
        self.focus_scan()

    def refresh_borrower(self) -> None:
        """Reload the borrower panel from the services (after any change to loans or holds)."""
        self._refresh_timer.stop()
        if self._borrower is not None:
            try:
                self._borrower = people.get_person(self.actor, self._borrower.id)
            except NotFound:
                self._borrower = None
        self._show_borrower()

    def lend_chosen(self) -> None:
        """Lend the copy highlighted in the list shown when an ISBN has several copies."""
        row = self.choose_list.currentRow()
        if not 0 <= row < len(self._choices):
            return
        copy = self._choices[row]
        if self._borrower is None:
            self._refused(self.tr("Scan the borrower's card first, then choose the copy."))
            self.focus_scan()
            return
        try:
            loan = library.lend(self.actor, copy.id, self._borrower.id)
        except UserError as exc:
            self._refused(exc.message)
        else:
            self._hide_choices()
            message = self.tr("Lent: {title}, due {date}.").format(
                title=copy.title.title, date=short_text(loan.due_on)
            )
            self._lent(ScanResult("lent", message, person=self._borrower, loan=loan), loan)
        self.refresh_borrower()
        self.focus_scan()

    def renew_selected(self) -> None:
        row = self._selected_loan()
        if row is None:
            if self._borrower is None:
                self._refused(self.tr("Scan the borrower's card first."))
            elif not self.loans_model.rows:
                self._refused(self.tr("{name} has no book on loan.").format(name=self._name()))
            else:
                self._refused(self.tr("Choose the loan to renew with Up/Down, then Ctrl+R."))
            self.focus_scan()
            return
        try:
            loan = library.renew(self.actor, row.loan.id)
        except UserError as exc:
            self._refused(exc.message)
        else:
            message = self.tr("Renewed: {title}, now due {date}.").format(
                title=row.title, date=short_text(loan.due_on)
            )
            self._last_result = ScanResult("renewed", message, person=self._borrower, loan=loan)
            self._show_result(
                "ok",
                self.tr("Renewed: {title}").format(title=row.title),
                self.tr("Now due {date}").format(date=short_text(loan.due_on)),
            )
        self.refresh_borrower()
        self.focus_scan()

    def reserve_title(self) -> None:
        if self._borrower is None:
            self._refused(self.tr("Scan the borrower's card first, then reserve a title."))
            self.focus_scan()
            return
        dialog = ReserveTitleDialog(self.actor, self, borrower=self._name())
        self._idle_timer.stop()  # the borrower stays while the dialog is open
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._touch()
        title_id = dialog.chosen_title_id
        dialog.deleteLater()
        if accepted and title_id is not None:
            self.place_hold(title_id)
        self.focus_scan()

    def place_hold(self, title_id: int) -> None:
        """Reserve ``title_id`` for the current borrower."""
        if self._borrower is None:
            self._refused(self.tr("Scan the borrower's card first, then reserve a title."))
            return
        try:
            hold = library.place_hold(self.actor, title_id, self._borrower.id)
            queue = library.holds_queue(self.actor, title_id)
        except UserError as exc:
            self._refused(exc.message)
            return
        position = next((n for n, h in enumerate(queue, start=1) if h.id == hold.id), len(queue))
        title = library.get_title(self.actor, title_id).title
        message = self.tr("Reserved: {title} for {name}.").format(title=title, name=self._name())
        self._last_result = ScanResult("reserved", message, person=self._borrower)
        self._show_result(
            "ok",
            self.tr("Reserved: {title}").format(title=title),
            self.tr("{name} is number %n in the queue.", "", position).format(name=self._name()),
        )
        self.refresh_borrower()

    def cancel_selected_hold(self) -> None:
        item = self.holds_list.currentItem()
        if item is None:
            self._refused(self.tr("Choose the reservation to cancel."))
            self.focus_scan()
            return
        try:
            library.cancel_hold(self.actor, int(item.data(Qt.ItemDataRole.UserRole)))
        except UserError as exc:
            self._refused(exc.message)
        else:
            self._last_result = ScanResult("cancelled", self.tr("Reservation cancelled."))
            self._show_result("info", self.tr("Reservation cancelled."), item.text())
        self.refresh_borrower()
        self.focus_scan()

    def undo(self) -> None:
        """Take back the last loan or return, within the service's undo window."""
        if self._undo is None:
            return
        kind, loan_id, title = self._undo
        try:
            if kind == "lend":
                library.undo_lend(self.actor, loan_id)
                message = self.tr("Undone: {title} was not lent.").format(title=title)
            else:
                library.undo_return(self.actor, loan_id)
                message = self.tr("Undone: {title} is on loan again.").format(title=title)
        except UserError as exc:
            self._set_undo(None)
            self._refused(exc.message)
        else:
            self._set_undo(None)
            self._last_result = ScanResult("undone", message)
            self._show_result("info", message)
        self.refresh_borrower()
        self.focus_scan()

    def new_person(self, text: str) -> None:
        """Register someone with no record yet (typed into the name search) as the borrower."""
        chosen = register_from_picker(self.actor, self, text)
        self.picker.clear()
        if chosen is not None:
            self.set_borrower(chosen)
        self.focus_scan()

    # --- scanning ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._touch()
        if (
            watched is self.scan_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._scan_key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _scan_key(self, event: QKeyEvent) -> bool:
        """Handle a key typed into the scan field; True when it was consumed."""
        key = event.key()
        modifiers = event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        is_suffix = (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            or (key == Qt.Key.Key_Tab and not control and not alt)
            or (key == Qt.Key.Key_J and control)  # LF typed as Ctrl+J
            or event.text() in ("\r", "\n", "\t")
        )
        if is_suffix:
            # A scanner's Tab always follows a code: on an empty field it is the staff
            # member's, and moves on to the next control (UX.md: Tab leaves every field).
            empty = not self.scan_edit.text().strip() and not self.choose_list.isVisible()
            if key == Qt.Key.Key_Tab and empty:
                return False
            self._act()
            return True
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            return True
        if key == Qt.Key.Key_Escape:
            if self.scan_edit.text():
                self.scan_edit.clear()
            elif self.choose_list.isVisible():
                self._hide_choices()
            elif self._borrower is not None:
                self.clear_borrower()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        return False

    def _act(self) -> None:
        text = self.scan_edit.text()
        if text.strip():
            self.scan_text(text)
        elif self.choose_list.isVisible():
            self.lend_chosen()

    def _text_changed(self, text: str) -> None:
        """A paste, or a scanner whose suffix arrives as a character: act on each whole code."""
        if self._splitting or not SUFFIXES.search(text):
            return
        self._splitting = True
        try:
            *codes, rest = SUFFIXES.split(text)
            self.scan_edit.setText(rest)
            for code in codes:
                if code.strip():
                    self.scan_text(code)
            self.scan_edit.setText(rest)
        finally:
            self._splitting = False

    def _move_selection(self, step: int) -> None:
        if self.choose_list.isVisible() and self.choose_list.count():
            view: QListWidget | QTableView = self.choose_list
            count = self.choose_list.count()
            current = self.choose_list.currentRow()
        else:
            view = self.loans_table
            count = self.loans_model.rowCount()
            current = self.loans_table.currentIndex().row()
        if not count:
            return
        row = max(0, min(count - 1, current + step)) if current >= 0 else 0
        if isinstance(view, QListWidget):
            view.setCurrentRow(row)
        else:
            view.selectRow(row)

    def _handle(self, result: ScanResult) -> None:
        self._last_result = result
        if result.kind != "borrower":
            self._hide_choices()
        if result.kind == "borrower" and result.person is not None:
            self._select_borrower(result.person)
        elif result.kind == "lent" and result.loan is not None:
            self._lent(result, result.loan)
        elif result.kind == "returned" and result.loan is not None:
            self._returned(result)
        elif result.kind == "choose":
            self._offer_choices(result)
        elif result.kind == "isbn_unknown":
            self._show_result("warning", result.message, self.tr("Add the title in the catalogue."))
            self.quick_add_requested.emit(result.isbn)
        elif result.kind == "box" and result.box is not None:
            self._show_result("info", result.message, self.tr("Opening the box…"))
            self.box_scanned.emit(result.box.id)
        elif result.kind == "unknown":
            self._show_result("error", result.message)
        else:
            self._show_result("error", result.message)
        if result.kind in ("lent", "returned"):
            self.refresh_borrower()

    def _select_borrower(self, person: Person) -> None:
        self._borrower = person
        self._idle_timer.start()
        self._show_borrower()
        status = self._status
        if status is None:
            return
        if status.suspended:
            self._show_result(
                "warning",
                person.name,
                self.tr(
                    "Borrowing suspended: %n overdue book(s). Returns are welcome.",
                    "",
                    status.overdue,
                ),
            )
        else:
            self._show_result(
                "info",
                person.name,
                self.tr("%n book(s) on loan; scan the books to lend.", "", status.loans),
            )

    def _lent(self, result: ScanResult, loan: Loan) -> None:
        title = loan.copy.title.title
        self._last_result = result
        self._set_undo(("lend", loan.id, title))
        self._show_result(
            "ok",
            self.tr("Lent: {title}").format(title=title),
            self.tr("To {name}, due back {date}").format(
                name=self._name(), date=short_text(loan.due_on)
            ),
        )

    def _returned(self, result: ScanResult) -> None:
        loan = result.loan
        assert loan is not None
        title = loan.copy.title.title
        days_late = max(0, (loan.returned_at.date() - loan.due_on).days)
        self._set_undo(("return", loan.id, title))
        detail = (
            self.tr("%n day(s) late. No fine: thank the borrower.", "", days_late)
            if days_late
            else self.tr("On time.")
        )
        hold = ""
        if result.hold_for is not None:
            hold = self.tr("Set aside for {name}, who reserved it.").format(
                name=result.hold_for_label or result.hold_for.name
            )
        if result.other_borrower and result.lent_to is not None:
            # Not the borrower at the desk: say whose it was, and whether a hold waits for it.
            whose = self.tr("It was lent to {name}, not to {borrower}.").format(
                name=result.lent_to_label or result.lent_to.name, borrower=self._name()
            )
            detail = f"{whose} {detail}"
            if not hold:
                hold = self.tr("No reservation waits for it: back to the shelf.")
            style = "hold" if result.hold_for is not None else "warning"
        else:
            style = "hold" if hold else ("warning" if days_late else "ok")
        self._show_result(style, self.tr("Returned: {title}").format(title=title), detail, hold)

    def _offer_choices(self, result: ScanResult) -> None:
        self._choices = list(result.copies)
        self.choose_list.clear()
        self.choose_list.addItems([self._choice_text(copy) for copy in self._choices])
        self.choose_list.setCurrentRow(0)
        self.choose_list.show()
        self._show_result(
            "info",
            result.message,
            self.tr("Up/Down to choose, Enter to lend, Esc to cancel."),
        )

    def _choice_text(self, copy: Copy) -> str:
        location = copy.location or self.tr("no location")
        return f"{copy.barcode}  ·  {location}  ·  {copy.title.title}"

    def _hide_choices(self) -> None:
        self._choices = []
        self.choose_list.clear()
        self.choose_list.hide()

    # --- the borrower panel --------------------------------------------------------------------

    @property
    def _status(self) -> library.BorrowerStatus | None:
        return self._cached_status

    def _name(self) -> str:
        return self._borrower.name if self._borrower is not None else ""

    def _show_borrower(self) -> None:
        person = self._borrower
        self._cached_status = None
        selected = self._selected_loan()
        selected_id = selected.loan.id if selected else None
        if person is None:
            self.name_label.setText(self.tr("No borrower: scan a card"))
            self.info_label.clear()
            self.suspended_label.hide()
            self.loans_model.set_rows([])
            self.holds_list.clear()
        else:
            try:
                status = library.borrower_status(self.actor, person)
                rows = library.person_loans(self.actor, person.id, limit=max(status.loans, 1))
                holds = library.person_holds(self.actor, person.id)
            except UserError as exc:
                self._refused(exc.message)
                return
            self._cached_status = status
            category = library.borrower_category_label(library.borrower_category(person))
            self.name_label.setText(person.name)
            parts = [person.phone or self.tr("no phone"), category]
            parts.append(
                self.tr("{loans} of {limit} books on loan").format(
                    loans=status.loans, limit=status.max_loans
                )
            )
            self.info_label.setText("  ·  ".join(parts))
            self.suspended_label.setText(
                self.tr(
                    "Borrowing suspended: %n overdue book(s) must come back first.",
                    "",
                    status.overdue,
                )
            )
            self.suspended_label.setVisible(status.suspended)
            self.loans_model.set_rows([r for r in rows if r.loan.returned_at is None])
            self._fill_holds(holds)
        for number, row in enumerate(self.loans_model.rows):
            if row.loan.id == selected_id:
                self.loans_table.selectRow(number)
        self.clear_button.setEnabled(person is not None)
        has_loans = bool(self.loans_model.rows)
        self.renew_button.setEnabled(has_loans)
        self.cancel_hold_button.setEnabled(self.holds_list.count() > 0)

    def _fill_holds(self, holds: list[Hold]) -> None:
        fill_list(self.holds_list, ((self._hold_text(hold), hold.id) for hold in holds))

    def _hold_text(self, hold: Hold) -> str:
        if hold.state == "ready":
            return self.tr("{title}: ready, on the hold shelf").format(title=hold.title.title)
        return self.tr("{title}: waiting since {date}").format(
            title=hold.title.title, date=short_text(hold.placed_at.date())
        )

    def _selected_loan(self) -> LoanRow | None:
        rows = self.loans_model.rows
        index = self.loans_table.currentIndex()
        selected = self.loans_table.selectionModel().hasSelection()
        if index.isValid() and selected:
            return self.loans_model.loan_row(index.row())
        return rows[0] if len(rows) == 1 else None

    def _picked(self, person_id: int) -> None:
        self.picker.clear()
        self.set_borrower(person_id)

    def _on_changed(self, entity: str) -> None:
        if entity in ("loan", "hold", "copy", "title", "person"):
            self._refresh_timer.start()
        elif entity == "settings":
            self._read_idle_setting()

    # --- the result area -----------------------------------------------------------------------

    def _refused(self, message: str) -> None:
        self._last_result = ScanResult("refused", message, ok=False)
        self._show_result("error", message)

    def _fix_result_height(self) -> None:
        """One height for the result area whatever it says (a line of headline, two of detail,
        one of hold), so the borrower's panel below never jumps."""
        self._show_result("error", "X", "X\nX", "X")
        self.result_frame.layout().activate()
        self.result_frame.setMinimumHeight(self.result_frame.sizeHint().height())

    def _show_result(self, style: str, headline: str, detail: str = "", hold: str = "") -> None:
        self.result_frame.setStyleSheet(f"#scan_result {{{self.RESULT_STYLES[style]}}}")
        self.result_frame.setProperty("outcome", style)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.hold_label.setText(hold)
        self.hold_label.setVisible(bool(hold))

    def result_text(self) -> str:
        """Everything the result area says, for tests and screen readers."""
        return "\n".join(
            label.text() for label in (self.headline, self.detail, self.hold_label) if label.text()
        )

    def _set_undo(self, undo: tuple[str, int, str] | None) -> None:
        self._undo = undo
        self.undo_button.setEnabled(undo is not None)
        if undo is None:
            self._undo_timer.stop()
        else:
            self._undo_timer.start()

    def _expire_undo(self) -> None:
        self._set_undo(None)

    # --- focus ---------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.focus_scan)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.focus_scan()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.picker.clear()
            self.focus_scan()
            return
        super().keyPressEvent(event)
