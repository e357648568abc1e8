"""The mobile book house (流动书屋): boxes, packing, lending a box to a workplace, taking it back
by scanning its books, and the two printed sheets (交接单 and 清点结果)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.library import Box, BoxLoan, Copy
from stationapp.services import accounts, library_boxes
from stationapp.services.accounts import StationSettings
from stationapp.services.library_boxes import CopyLine, Reconciliation
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import ERROR_STYLE, FieldErrors, MessageBar, show_user_error
from stationapp.ui.layout_state import leave_on_tab, restore_columns, save_columns
from stationapp.ui.people.person_dialog import WorkplaceChooser
from stationapp.ui.printing import html_document, preview_document, write_pdf_document
from stationapp.ui.table_model import RowsTableModel

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = QColor("#b3261e")
DEFAULT_LOAN_DAYS = 90
_BORDER = "#555555"


# --- the scan field -----------------------------------------------------------------------------


class ScanField(QLineEdit):
    """A line a USB scanner types into: Enter (or a Tab suffix) submits the code.

    The same code again within a second is the scanner's double read, not a second book, so it
    is dropped. Enter is consumed here, so it never presses a dialog's default button.
    """

    scanned = Signal(str)
    REPEAT_MS = 1000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(60)
        self._last = ""
        self._clock = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and self.text().strip()
        ):
            event.accept()
            self.submit()
            return True
        return super().event(event)

    def submit(self) -> None:
        code = self.text().strip()
        self.clear()
        if not code:
            return
        if code == self._last and self._clock.isValid() and self._clock.elapsed() < self.REPEAT_MS:
            return
        self._last = code
        self._clock.start()
        self.scanned.emit(code)


# --- printed sheets -----------------------------------------------------------------------------


def _text(value: object) -> str:
    return html.escape(str(value or "").strip())


def format_date(day: date | None) -> str:
    if day is None:
        return ""
    return translate("LibraryBoxes", "{month}/{day}/{year}").format(
        year=day.year, month=day.month, day=day.day
    )


def _station(station: StationSettings | str) -> tuple[str, str]:
    if isinstance(station, str):
        return station, ""
    return station.station_name, station.contact


def _label(text: str) -> str:
    """A bold caption; a space after it only when it ends in a Latin colon."""
    return f"<b>{text}</b>" + (" " if text.isascii() else "")


def _table(headers: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(
        f'<th width="{width}" bgcolor="#eeeeee" align="center">{label}</th>'
        for label, width in headers
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td align="center">{cell}</td>' if i == 0 else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="4" '
        f'style="border-collapse: collapse; border-color: {_BORDER};">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def _page(parts: list[str]) -> str:
    return (
        "<html><head><style>"
        "h1 { font-size: 18pt; font-weight: bold; margin-bottom: 4px; }"
        "h2 { font-size: 12.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px; }"
        "p { margin-top: 3px; margin-bottom: 3px; }"
        "th { font-weight: bold; }"
        "</style></head><body>" + "".join(parts) + "</body></html>"
    )


def _header(title: str, box: Box, loan: BoxLoan, station: StationSettings | str) -> list[str]:
    name, _contact = _station(station)
    contact = " ".join(part for part in (loan.contact_name, loan.contact_phone) if part)
    lines = [
        (translate("LibraryBoxes", "Box:"), f"{_text(box.name)} ({_text(box.barcode)})"),
        (translate("LibraryBoxes", "Workplace:"), _text(loan.organization.name)),
        (translate("LibraryBoxes", "Contact:"), _text(contact)),
        (translate("LibraryBoxes", "Handed over on:"), format_date(loan.starts_on)),
        (translate("LibraryBoxes", "Due back on:"), format_date(loan.due_on)),
    ]
    return [
        f'<h1 align="center">{title}</h1>',
        f'<p align="center" style="font-size: 12pt;">{_text(name)}</p>',
        "<hr/>",
        *(f"<p>{_label(label)}{value}</p>" for label, value in lines),
    ]


def _signatures(first: str, second: str) -> str:
    blank = "_" * 14
    gap = "&nbsp;" * 6
    date_label = _label(translate("LibraryBoxes", "Date:")) + blank
    return (
        f'<p style="margin-top: 24px;"><a name="keep-together"></a>'
        f"{_label(first)}{blank}{gap}{_label(second)}{blank}{gap}{date_label}</p>"
    )


def handover_html(
    box: Box, loan: BoxLoan, copies: Sequence[Copy], station: StationSettings | str
) -> str:
    """The handover sheet (交接单) signed when the box is delivered; ``loan`` comes with its
    organization, ``copies`` with their titles."""
    parts = _header(
        translate("LibraryBoxes", "Mobile book house handover sheet"), box, loan, station
    )
    books = len(copies)  # a name: lupdate 6.11 drops a count expression
    parts.append(
        "<p>{}{}</p>".format(
            _label(translate("LibraryBoxes", "Books:")),
            translate("LibraryBoxes", "%n book(s)", "", books),
        )
    )
    headers = (
        (translate("LibraryBoxes", "No."), "8%"),
        (translate("LibraryBoxes", "Barcode"), "20%"),
        (translate("LibraryBoxes", "Title"), "47%"),
        (translate("LibraryBoxes", "Author"), "25%"),
    )
    rows = [
        (str(n), _text(c.barcode), _text(c.title.title), _text(c.title.author))
        for n, c in enumerate(copies, start=1)
    ]
    parts.append(_table(headers, rows))
    parts.append(
        "<p>{}</p>".format(
            translate(
                "LibraryBoxes",
                "The receiving workplace looks after the books, lends them to its staff and "
                "returns them all by the due date.",
            )
        )
    )
    parts.append(
        _signatures(
            translate("LibraryBoxes", "Handed over by (signature):"),
            translate("LibraryBoxes", "Received by (signature):"),
        )
    )
    return _page(parts)


def _line_rows(lines: Sequence[CopyLine | str]) -> list[tuple[str, ...]]:
    rows = []
    for n, line in enumerate(lines, start=1):
        if isinstance(line, str):
            unknown = translate("LibraryBoxes", "(not a book of this station)")
            rows.append((str(n), _text(line), unknown, ""))
        else:
            rows.append((str(n), _text(line.barcode), _text(line.title), _text(line.location)))
    return rows


def reconciliation_html(
    box: Box, loan: BoxLoan, reconciliation: Reconciliation, station: StationSettings | str
) -> str:
    """The reconciliation (清点结果) of a returned box: what is missing, extra and damaged."""
    parts = _header(
        translate("LibraryBoxes", "Mobile book house reconciliation"), box, loan, station
    )
    returned_on = loan.returned_at.date() if loan.returned_at else None
    if returned_on is not None:
        parts.append(
            "<p>{}{}</p>".format(
                _label(translate("LibraryBoxes", "Returned on:")), format_date(returned_on)
            )
        )
    handed = len(library_boxes.manifest_ids(loan))
    parts.append(
        "<p>{}</p>".format(
            translate(
                "LibraryBoxes",
                "Handed over: {handed}; back in the box: {returned}; missing: {missing}; "
                "damaged: {damaged}; extra: {extra}.",
            ).format(
                handed=handed,
                returned=reconciliation.returned,
                missing=len(reconciliation.missing),
                damaged=len(reconciliation.damaged),
                extra=len(reconciliation.extra),
            )
        )
    )
    headers = (
        (translate("LibraryBoxes", "No."), "8%"),
        (translate("LibraryBoxes", "Barcode"), "20%"),
        (translate("LibraryBoxes", "Title"), "52%"),
        (translate("LibraryBoxes", "Location"), "20%"),
    )
    none = "<p>{}</p>".format(translate("LibraryBoxes", "None."))
    for heading, lines in (
        (translate("LibraryBoxes", "Missing"), reconciliation.missing),
        (translate("LibraryBoxes", "Damaged"), reconciliation.damaged),
        (translate("LibraryBoxes", "Extra"), reconciliation.extra),
    ):
        parts.append(f"<h2>{heading} ({len(lines)})</h2>")
        parts.append(_table(headers, _line_rows(lines)) if lines else none)
    parts.append(
        _signatures(
            translate("LibraryBoxes", "Returned by (signature):"),
            translate("LibraryBoxes", "Checked by (signature):"),
        )
    )
    return _page(parts)


def handover_document(
    box: Box, loan: BoxLoan, copies: Sequence[Copy], station: StationSettings | str
) -> QTextDocument:
    return html_document(handover_html(box, loan, copies, station))


def write_handover_pdf(
    box: Box, loan: BoxLoan, copies: Sequence[Copy], station: StationSettings | str, path: Path
) -> Path:
    return write_pdf_document(
        handover_document(box, loan, copies, station),
        path,
        title=translate("LibraryBoxes", "Mobile book house handover sheet"),
        creator=_station(station)[0],
    )


def write_reconciliation_pdf(
    box: Box,
    loan: BoxLoan,
    reconciliation: Reconciliation,
    station: StationSettings | str,
    path: Path,
) -> Path:
    return write_pdf_document(
        html_document(reconciliation_html(box, loan, reconciliation, station)),
        path,
        title=translate("LibraryBoxes", "Mobile book house reconciliation"),
        creator=_station(station)[0],
    )


def preview_handover(actor: Staff, box: Box, loan: BoxLoan, parent: QWidget | None) -> None:
    copies = library_boxes.box_loan_copies(actor, loan.id)
    document = handover_document(box, loan, copies, accounts.station_settings())
    preview_document(
        document, parent, title=translate("LibraryBoxes", "Mobile book house handover sheet")
    )


def preview_reconciliation(
    box: Box, loan: BoxLoan, reconciliation: Reconciliation, parent: QWidget | None
) -> None:
    document = html_document(
        reconciliation_html(box, loan, reconciliation, accounts.station_settings())
    )
    preview_document(
        document, parent, title=translate("LibraryBoxes", "Mobile book house reconciliation")
    )


# --- the list of boxes --------------------------------------------------------------------------

COL_BARCODE, COL_NAME, COL_BOOKS, COL_STATE, COL_WHERE, COL_DUE = range(6)


class BoxTableModel(RowsTableModel):
    def __init__(self, actor: Staff, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.rows: list[Box] = []
        self.headers = [
            self.tr("Barcode"),
            self.tr("Name"),
            self.tr("Books"),
            self.tr("State"),
            self.tr("Where"),
            self.tr("Due back"),
        ]

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = library_boxes.list_boxes(self.actor)
        self.endResetModel()

    def box_at(self, row: int) -> Box | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, box_id: int) -> int:
        return next((n for n, box in enumerate(self.rows) if box.id == box_id), -1)

    @staticmethod
    def is_overdue(box: Box) -> bool:
        loan = box.current_loan
        return loan is not None and loan.due_on < today()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        box = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(box, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(box):
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.UserRole:
            return box.id
        return None

    def _display(self, box: Box, column: int) -> str:
        loan = box.current_loan
        if column == COL_BARCODE:
            return box.barcode
        if column == COL_NAME:
            return box.name
        if column == COL_BOOKS:
            return QLocale().toString(box.copy_count)
        if column == COL_STATE:
            return library_boxes.box_state_label(box.state)
        if column == COL_WHERE:
            return loan.organization.name if loan is not None else self.tr("At the station")
        if column == COL_DUE and loan is not None:
            due = short_text(loan.due_on)
            if self.is_overdue(box):
                days = (today() - loan.due_on).days
                return self.tr("{date} (%n day(s) overdue)", "", days).format(date=due)
            return due
        return ""


# --- dialogs ------------------------------------------------------------------------------------


def _button(text: str) -> QPushButton:
    """A push button Enter never presses by accident (the scan field owns Enter)."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


class NewBoxDialog(QDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.box: Box | None = None
        self.setWindowTitle(self.tr("New box"))
        layout = QVBoxLayout(self)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.barcode = QLineEdit()
        self.barcode.setMaxLength(40)
        self.barcode.setPlaceholderText(self.tr("Scan the label on the box"))
        self.fields.add_row(self.tr("&Barcode"), "barcode", self.barcode)
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("For example: Box 1, history and biography"))
        self.fields.add_row(self.tr("&Name"), "name", self.name)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        row.addWidget(self.save_button)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        try:
            self.box = library_boxes.create_box(
                self.actor, barcode=self.barcode.text(), name=self.name.text()
            )
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
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


class LendBoxDialog(QDialog):
    """Lend a box to a workplace: who receives it, from when, until when."""

    def __init__(self, actor: Staff, box: Box, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.box = box
        self.loan: BoxLoan | None = None
        self.setWindowTitle(self.tr("Lend box {name} to a workplace").format(name=box.name))
        layout = QVBoxLayout(self)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.workplace = WorkplaceChooser(actor)
        self.fields.add_row(self.tr("&Workplace"), "organization", self.workplace)
        self.contact_name = QLineEdit()
        self.contact_name.setMaxLength(50)
        self.fields.add_row(self.tr("&Contact person"), "contact_name", self.contact_name)
        self.contact_phone = QLineEdit()
        self.contact_phone.setMaxLength(40)
        self.fields.add_row(self.tr("Contact &phone"), "contact_phone", self.contact_phone)
        self.starts_on = QDateEdit(QDate(today()))
        self.starts_on.setCalendarPopup(True)
        self.fields.add_row(self.tr("Handed over &on"), "starts_on", self.starts_on)
        self.due_on = QDateEdit(QDate(today() + timedelta(days=DEFAULT_LOAN_DAYS)))
        self.due_on.setCalendarPopup(True)
        self.fields.add_row(self.tr("&Due back on"), "due_on", self.due_on)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.lend_button = QPushButton(self.tr("&Lend"))
        self.lend_button.setDefault(True)
        self.lend_button.clicked.connect(self.submit)
        row.addWidget(self.lend_button)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        try:
            self.loan = library_boxes.lend_box(
                self.actor,
                self.box.id,
                organization_id=self.workplace.workplace_id(),
                contact_name=self.contact_name.text(),
                contact_phone=self.contact_phone.text(),
                starts_on=self.starts_on.date().toPython(),
                due_on=self.due_on.date().toPython(),
            )
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


COL_SCAN_CODE, COL_SCAN_TITLE, COL_SCAN_NOTE, COL_SCAN_DAMAGED = range(4)


class ReturnBoxDialog(QDialog):
    """Take a box back: scan every book in it, tick the damaged ones, then reconcile.

    The scan field keeps the focus throughout (the table never takes it): Alt+D ticks "damaged"
    on the selected row (the last scanned one), Alt+R drops a mistaken scan.
    """

    def __init__(
        self, actor: Staff, box: Box, loan: BoxLoan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.box = box
        self.loan = loan
        self.reconciliation: Reconciliation | None = None
        self.manifest = {
            copy.barcode: copy for copy in library_boxes.box_loan_copies(actor, loan.id)
        }
        self.setWindowTitle(self.tr("Return box {name}").format(name=box.name))
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
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
        self.table = leave_on_tab(QTableWidget(0, 4))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Barcode"), self.tr("Title"), self.tr("Note"), self.tr("Damaged")]
        )
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
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


# --- the boxes part of the library tab ----------------------------------------------------------


class BoxesWidget(QWidget):
    """The boxes of the mobile book house: where each one is and when it is due back."""

    TABLE_NAME = "library_boxes"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.can_manage = accounts.has_permission(actor, "library.boxes")
        layout = QVBoxLayout(self)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New bo&x…"))
        self.new_button.clicked.connect(self.new_box)
        self.pack_button = QPushButton(self.tr("Pa&ck…"))
        self.pack_button.setToolTip(self.tr("Scan books into the selected box"))
        self.pack_button.clicked.connect(self.pack_selected)
        self.lend_button = QPushButton(self.tr("Lend to a &workplace…"))
        self.lend_button.clicked.connect(self.lend_selected)
        self.return_button = QPushButton(self.tr("Retur&n…"))
        self.return_button.setToolTip(self.tr("Scan the books of a box that came back"))
        self.return_button.clicked.connect(self.return_selected)
        self.handover_button = QPushButton(self.tr("Print handover &sheet…"))
        self.handover_button.clicked.connect(self.print_handover)
        self.reconciliation_button = QPushButton(self.tr("Print rec&onciliation…"))
        self.reconciliation_button.clicked.connect(self.print_reconciliation)
        for button in (
            self.new_button,
            self.pack_button,
            self.lend_button,
            self.return_button,
            self.handover_button,
            self.reconciliation_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.model = BoxTableModel(actor, self)
        self.table = leave_on_tab(QTableView())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        restore_columns(self.table, self.TABLE_NAME, stretch=COL_WHERE)
        self.table.activated.connect(lambda _index: self.pack_or_return())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        layout.addWidget(self.table, 1)
        bus.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, entity: str) -> None:
        if entity in ("box", "copy", "organization"):
            self.refresh()

    def save_state(self) -> None:
        save_columns(self.table, self.TABLE_NAME)

    def current_box(self) -> Box | None:
        return self.model.box_at(self.table.currentIndex().row())

    def select_box(self, box_id: int) -> None:
        row = self.model.row_of(box_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def refresh(self) -> None:
        current = self.current_box()
        self.model.reload()
        for column, width in enumerate((110, 200, 60, 90, 220)):
            self.table.setColumnWidth(column, width)
        if current is not None:
            self.select_box(current.id)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        lent = sum(1 for box in self.model.rows if box.current_loan is not None)
        overdue = sum(1 for box in self.model.rows if self.model.is_overdue(box))
        text = self.tr("%n box(es)", "", self.model.rowCount())
        text += "；" + self.tr("%n lent out", "", lent)
        if overdue:
            text += "；" + self.tr("%n overdue", "", overdue)
        self.summary.setText(text)
        self.update_buttons()

    def update_buttons(self) -> None:
        box = self.current_box()
        at_station = box is not None and box.current_loan is None
        self.new_button.setEnabled(self.can_manage)
        self.pack_button.setEnabled(self.can_manage and at_station)
        self.lend_button.setEnabled(self.can_manage and at_station and box.copy_count > 0)
        self.return_button.setEnabled(self.can_manage and box is not None and not at_station)
        self.handover_button.setEnabled(box is not None and not at_station)
        self.reconciliation_button.setEnabled(box is not None)

    # --- actions -------------------------------------------------------------------------------

    def new_box(self) -> None:
        dialog = NewBoxDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.box is not None:
            self.refresh()
            self.select_box(dialog.box.id)
        dialog.deleteLater()

    def pack_or_return(self) -> None:
        box = self.current_box()
        if box is None:
            return
        if box.current_loan is None:
            self.pack_selected()
        else:
            self.return_selected()

    def pack_selected(self) -> None:
        box = self.current_box()
        if box is None or box.current_loan is not None:
            return
        dialog = PackDialog(self.actor, box, self)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def lend_selected(self) -> None:
        box = self.current_box()
        if box is None or box.current_loan is not None:
            return
        dialog = LendBoxDialog(self.actor, box, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        loan = dialog.loan
        dialog.deleteLater()
        if not accepted or loan is None:
            return
        self.refresh()
        self.bar.show_message(
            self.tr("Box {name} lent to {workplace} until {date}.").format(
                name=box.name,
                workplace=loan.organization.name,
                date=short_text(loan.due_on),
            ),
            "info",
        )
        if self.ask_print_handover():
            preview_handover(self.actor, box, loan, self)

    def ask_print_handover(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Handover sheet"),
            self.tr("Print the handover sheet for the workplace to sign now?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def return_selected(self) -> None:
        box = self.current_box()
        if box is None or box.current_loan is None:
            return
        dialog = ReturnBoxDialog(self.actor, box, box.current_loan, self)
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def print_handover(self) -> None:
        box = self.current_box()
        if box is None or box.current_loan is None:
            return
        try:
            preview_handover(self.actor, box, box.current_loan, self)
        except UserError as exc:
            self.bar.show_message(exc.message)

    def print_reconciliation(self) -> None:
        box = self.current_box()
        if box is None:
            return
        try:
            loan = library_boxes.last_box_loan(self.actor, box.id, returned_only=True)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        reconciliation = (
            Reconciliation.from_json(loan.reconciliation) if loan and loan.reconciliation else None
        )
        if loan is None or reconciliation is None:
            self.bar.show_message(self.tr("This box has not come back from a loan yet."), "info")
            return
        preview_reconciliation(box, loan, reconciliation, self)
