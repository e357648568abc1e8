"""The mobile book house's dialogs: a new box, packing it, lending it to a workplace, and taking
it back by scanning its books."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.library import Box, BoxLoan
from stationapp.services import accounts, library_boxes
from stationapp.services.library_boxes import Reconciliation
from stationapp.ui.dates import date_edit
from stationapp.ui.forms import (
    ERROR_STYLE,
    BarDialog,
    FormDialog,
    action_row,
    shows_user_errors,
)
from stationapp.ui.library.box_sheets import preview_reconciliation, reconciliation_html
from stationapp.ui.library.scan_field import ScanField
from stationapp.ui.people.person_dialog import WorkplaceChooser
from stationapp.ui.table_model import read_only_table

OVERDUE_COLOR = QColor("#b3261e")
DEFAULT_LOAN_DAYS = 90


def _button(text: str) -> QPushButton:
    """A push button Enter never presses by accident (the scan field owns Enter)."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def _submit_row(dialog: Any, text: str, cancel_text: str) -> QPushButton:
    """Under a form dialog's form: its default button ``text``, which runs the dialog's
    ``submit``, then Cancel."""
    button = QPushButton(text)
    button.setDefault(True)
    button.clicked.connect(dialog.submit)
    dialog.column.addLayout(action_row(button, cancel_text, dialog.reject))
    return button


class NewBoxDialog(FormDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.box: Box | None = None
        self.setWindowTitle(self.tr("New box"))
        self.barcode = self.fields.add_line(
            self.tr("&Barcode"), "barcode", 40, self.tr("Scan the label on the box")
        )
        self.name = self.fields.add_line(
            self.tr("&Name"), "name", 100, self.tr("For example: Box 1, history and biography")
        )
        self.save_button = _submit_row(self, self.tr("&Save"), self.tr("Cancel"))
        self.setMinimumWidth(420)

    @shows_user_errors
    def submit(self) -> None:
        self.box = library_boxes.create_box(
            self.actor, barcode=self.barcode.text(), name=self.name.text()
        )
        self.accept()


class PackDialog(QDialog):
    """Fill a box at the station: each scan puts one book in; a selected book can be taken out."""

    def __init__(self, actor: Staff, box: Box, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.box = box
        self.setWindowTitle(self.tr("Pack box {name}").format(name=box.name))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Scan each book to put it in the box; Enter after each code."))
        )
        self.scan = ScanField()
        self.scan.setPlaceholderText(self.tr("Scan a book's barcode"))
        self.scan.scanned.connect(self.add)
        layout.addWidget(self.scan)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.result)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.remove_button = _button(self.tr("&Take out the selected book"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        close = _button(self.tr("&Done"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()
        self.scan.setFocus()

    def reload(self) -> None:
        self.list.clear()
        for copy in library_boxes.box_contents(self.actor, self.box.id):
            item = QListWidgetItem(f"{copy.barcode}  {copy.title.title}")
            item.setData(Qt.ItemDataRole.UserRole, copy.barcode)
            self.list.addItem(item)
        self.count.setText(self.tr("%n book(s) in the box", "", self.list.count()))

    def _say(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("font-size: 15px;" + ("" if ok else ERROR_STYLE))

    def add(self, code: str) -> None:
        try:
            packed = library_boxes.pack(self.actor, self.box.id, [code])
        except UserError as exc:
            self._say(exc.message, False)
        else:
            if packed:
                self._say(self.tr("Packed: {title}").format(title=packed[0].title.title), True)
            else:
                self._say(self.tr("Already in this box."), True)
            self.reload()
        self.scan.setFocus()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self._say(self.tr("Select the book to take out."), False)
            self.scan.setFocus()
            return
        try:
            library_boxes.unpack(self.actor, self.box.id, [item.data(Qt.ItemDataRole.UserRole)])
        except UserError as exc:
            self._say(exc.message, False)
        else:
            self._say(self.tr("Back on the shelf: {code}").format(code=item.text()), True)
            self.reload()
        self.scan.setFocus()


class LendBoxDialog(FormDialog):
    """Lend a box to a workplace: who receives it, from when, until when."""

    def __init__(self, actor: Staff, box: Box, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.box = box
        self.loan: BoxLoan | None = None
        self.setWindowTitle(self.tr("Lend box {name} to a workplace").format(name=box.name))
        self.workplace = WorkplaceChooser(actor)
        self.fields.add_row(self.tr("&Workplace"), "organization", self.workplace)
        self.contact_name = self.fields.add_line(self.tr("&Contact person"), "contact_name", 50)
        self.contact_phone = self.fields.add_line(self.tr("Contact &phone"), "contact_phone", 40)
        self.starts_on = date_edit(today())
        self.fields.add_row(self.tr("Handed over &on"), "starts_on", self.starts_on)
        self.due_on = date_edit(today() + timedelta(days=DEFAULT_LOAN_DAYS))
        self.fields.add_row(self.tr("&Due back on"), "due_on", self.due_on)
        self.lend_button = _submit_row(self, self.tr("&Lend"), self.tr("Cancel"))
        self.setMinimumWidth(480)

    @shows_user_errors
    def submit(self) -> None:
        self.loan = library_boxes.lend_box(
            self.actor,
            self.box.id,
            organization_id=self.workplace.workplace_id(),
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            starts_on=self.starts_on.date().toPython(),
            due_on=self.due_on.date().toPython(),
        )
        self.accept()


COL_SCAN_CODE, COL_SCAN_TITLE, COL_SCAN_NOTE, COL_SCAN_DAMAGED = range(4)


class ReturnBoxDialog(BarDialog):
    """Take a box back: scan every book in it, tick the damaged ones, then reconcile.

    The scan field keeps the focus throughout (the table never takes it): Alt+D ticks "damaged"
    on the selected row (the last scanned one), Alt+R drops a mistaken scan.
    """

    def __init__(
        self, actor: Staff, box: Box, loan: BoxLoan, parent: QWidget | None = None
    ) -> None:
        super().__init__(actor, self.tr("Return box {name}").format(name=box.name), parent)
        self.box = box
        self.loan = loan
        self.reconciliation: Reconciliation | None = None
        self.manifest = {
            copy.barcode: copy for copy in library_boxes.box_loan_copies(actor, loan.id)
        }
        self.resize(720, 620)
        layout = self.column
        layout.addWidget(
            QLabel(
                self.tr(
                    "Box {name}, lent to {workplace}: %n book(s) handed over.",
                    "",
                    len(self.manifest),
                ).format(name=box.name, workplace=loan.organization.name)
            )
        )
        self.scan = ScanField()
        self.scan.setPlaceholderText(self.tr("Scan each book that came back, Enter after each"))
        self.scan.scanned.connect(self.add_code)
        layout.addWidget(self.scan)
        self.result = QLabel()
        self.result.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.result)
        self.table = read_only_table(
            [self.tr("Barcode"), self.tr("Title"), self.tr("Note"), self.tr("Damaged")]
        )
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SCAN_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_SCAN_CODE, 120)
        self.table.setColumnWidth(COL_SCAN_NOTE, 140)
        self.table.itemChanged.connect(lambda _item: self.scan.setFocus())
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.summary = QTextBrowser()
        self.summary.hide()
        layout.addWidget(self.summary, 1)
        row = QHBoxLayout()
        self.remove_button = _button(self.tr("&Remove the selected scan"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        self.damaged_button = _button(self.tr("Mark &damaged"))
        self.damaged_button.setToolTip(self.tr("Tick or untick damaged on the selected scan"))
        self.damaged_button.clicked.connect(self.toggle_damaged)
        row.addWidget(self.damaged_button)
        row.addStretch(1)
        self.finish_button = _button(self.tr("&Finish and reconcile"))
        self.finish_button.clicked.connect(self.finish)
        row.addWidget(self.finish_button)
        self.print_button = _button(self.tr("&Print reconciliation…"))
        self.print_button.clicked.connect(self.print_reconciliation)
        self.print_button.hide()
        row.addWidget(self.print_button)
        self.close_button = _button(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self._update_count()
        self.scan.setFocus()

    # --- scanning ------------------------------------------------------------------------------

    def scanned_codes(self) -> list[str]:
        return [self.table.item(row, COL_SCAN_CODE).text() for row in range(self.table.rowCount())]

    def damaged_codes(self) -> list[str]:
        return [
            self.table.item(row, COL_SCAN_CODE).text()
            for row in range(self.table.rowCount())
            if self.table.item(row, COL_SCAN_DAMAGED).checkState() == Qt.CheckState.Checked
        ]

    def add_code(self, raw: str) -> None:
        code = library_boxes.normalize_barcode(raw)
        if not code or self.reconciliation is not None:
            return
        existing = self.scanned_codes()
        if code in existing:
            self.table.selectRow(existing.index(code))
            self._say(self.tr("{code} is already scanned.").format(code=code), True)
            self.scan.setFocus()
            return
        copy = self.manifest.get(code)
        if copy is not None:
            title, note, ok = copy.title.title, self.tr("In this box"), True
        elif code == self.box.barcode:
            self._say(self.tr("That is the box's own label; scan the books."), True)
            self.scan.setFocus()
            return
        else:
            try:
                line = library_boxes.lookup_copy(self.actor, code)
            except UserError as exc:
                self.bar.show_message(exc.message)
                return
            title = line.title if line else self.tr("Unknown code")
            note, ok = self.tr("Not in this box"), False
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, COL_SCAN_CODE, QTableWidgetItem(code))
        self.table.setItem(row, COL_SCAN_TITLE, QTableWidgetItem(title))
        note_item = QTableWidgetItem(note)
        if not ok:
            note_item.setForeground(QBrush(OVERDUE_COLOR))
        self.table.setItem(row, COL_SCAN_NOTE, note_item)
        tick = QTableWidgetItem(self.tr("Damaged"))
        tick.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        tick.setCheckState(Qt.CheckState.Unchecked)
        self.table.setItem(row, COL_SCAN_DAMAGED, tick)
        self.table.blockSignals(False)
        self.table.selectRow(row)
        self.table.scrollToItem(tick)
        self._say(f"{code}  {title}" + ("" if ok else f"  ({note})"), ok)
        self._update_count()
        self.scan.setFocus()

    def toggle_damaged(self) -> None:
        if self.reconciliation is not None or not self.table.rowCount():
            return
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        item = self.table.item(row, COL_SCAN_DAMAGED)
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.scan.setFocus()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and self.reconciliation is None:
            self.table.removeRow(row)
            self._update_count()
        self.scan.setFocus()

    def _say(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("font-size: 15px;" + ("" if ok else ERROR_STYLE))

    def _update_count(self) -> None:
        back = sum(1 for code in self.scanned_codes() if code in self.manifest)
        self.count.setText(
            self.tr(
                "Scanned {back} of {total} books of this box; %n other code(s).",
                "",
                len(self.scanned_codes()) - back,
            ).format(back=back, total=len(self.manifest))
        )

    # --- reconciling ---------------------------------------------------------------------------

    def confirm_finish(self, missing: int) -> bool:
        """Ask before books not scanned are recorded as lost."""
        if not missing:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Finish the return"),
            self.tr(
                "%n book(s) of this box were not scanned and will be recorded as lost. "
                "Finish anyway?",
                "",
                missing,
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def finish(self) -> None:
        codes = self.scanned_codes()
        missing = len(set(self.manifest) - set(codes))
        if not self.confirm_finish(missing):
            self.scan.setFocus()
            return
        try:
            self.reconciliation = library_boxes.return_box(
                self.actor, self.loan.id, codes, self.damaged_codes()
            )
        except UserError as exc:
            self.bar.show_message(exc.message)
            self.scan.setFocus()
            return
        self.loan = library_boxes.get_box_loan(self.actor, self.loan.id)
        self.show_reconciliation()

    def show_reconciliation(self) -> None:
        result = self.reconciliation
        if result is None:
            return
        self.bar.show_message(
            self.tr(
                "Box returned: {returned} back in the box, {missing} missing, "
                "{damaged} damaged, {extra} extra."
            ).format(
                returned=result.returned,
                missing=len(result.missing),
                damaged=len(result.damaged),
                extra=len(result.extra),
            ),
            "warning" if result.missing or result.damaged or result.extra else "info",
        )
        self.summary.setHtml(
            reconciliation_html(self.box, self.loan, result, accounts.station_settings())
        )
        self.table.hide()
        self.scan.setEnabled(False)
        self.remove_button.hide()
        self.damaged_button.hide()
        self.finish_button.hide()
        self.summary.show()
        self.print_button.show()
        self.print_button.setFocus()

    def print_reconciliation(self) -> None:
        if self.reconciliation is not None:
            preview_reconciliation(self.box, self.loan, self.reconciliation, self)
