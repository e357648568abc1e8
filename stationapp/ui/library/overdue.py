"""Overdue books and books due soon: lists to phone from, and reminder letters to post.

There are no fines (domain/library.md): a borrower with an overdue book may not borrow until it is
back, and the letters say so.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.services import accounts, library
from stationapp.services.accounts import StationSettings
from stationapp.services.library import LoanRow
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import (
    add_button,
    layout_with_bar,
    reports_user_errors,
    single_shot,
    spin_box,
)
from stationapp.ui.layout_state import restore_columns, save_columns
from stationapp.ui.printing import html_document, preview_document, write_pdf_document
from stationapp.ui.table_model import ColumnCells, RowsTableModel, setup_list_view

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex
COL_BORROWER, COL_PHONE, COL_WORKPLACE, COL_TITLE, COL_BARCODE, COL_DUE, COL_DAYS = range(7)
OVERDUE_COLOR = QColor("#b3261e")
DEFAULT_DUE_DAYS = 3
_BORDER = "#555555"
_STYLE = (
    "<style>"
    "h1 { font-size: 18pt; font-weight: bold; margin-bottom: 6px; }"
    "p { margin-top: 4px; margin-bottom: 4px; }"
    "th { font-weight: bold; }"
    "</style>"
)


def _text(value: object) -> str:
    return html.escape(str(value or "").strip())


def format_date(day: date) -> str:
    return translate("OverdueLists", "{month}/{day}/{year}").format(
        year=day.year, month=day.month, day=day.day
    )


def _by_borrower(rows: list[LoanRow]) -> list[list[LoanRow]]:
    """The rows grouped per borrower, in the order each borrower first appears."""
    groups: dict[int, list[LoanRow]] = {}
    for row in rows:
        groups.setdefault(row.person.id, []).append(row)
    return list(groups.values())


def _table(headers: list[tuple[str, str]], rows: list[str]) -> str:
    head = "".join(
        f'<th width="{width}" bgcolor="#eeeeee" align="center">{label}</th>'
        for label, width in headers
    )
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="4" '
        f'style="border-collapse: collapse; border-color: {_BORDER};">'
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def call_list_html(
    rows: list[LoanRow], station: StationSettings, on: date, *, due_soon: bool = False
) -> str:
    """A table to phone from: one line per borrower with their books, the longest overdue first.

    ``due_soon`` prints the list of books coming due instead of overdue ones.
    """
    heading = (
        translate("OverdueLists", "Call list: books due soon")
        if due_soon
        else translate("OverdueLists", "Call list: overdue books")
    )
    days_header = (
        translate("OverdueLists", "Days left")
        if due_soon
        else translate("OverdueLists", "Days overdue")
    )
    headers = [
        (translate("OverdueLists", "No."), "6%"),
        (translate("OverdueLists", "Borrower"), "11%"),
        (translate("OverdueLists", "Phone"), "17%"),
        (translate("OverdueLists", "Workplace"), "15%"),
        (translate("OverdueLists", "Books (barcode, due date)"), "29%"),
        (days_header, "9%"),
        (translate("OverdueLists", "Call notes"), "13%"),
    ]
    lines = []
    for number, group in enumerate(_by_borrower(rows), start=1):
        person = group[0].person
        books = "<br/>".join(
            translate("OverdueLists", "{title} ({barcode}, due {date})").format(
                title=_text(row.title),
                barcode=_text(row.barcode),
                date=format_date(row.loan.due_on),
            )
            for row in group
        )
        if due_soon:
            days = min((row.loan.due_on - on).days for row in group)
        else:
            days = max((on - row.loan.due_on).days for row in group)
        lines.append(
            "<tr>"
            f'<td align="center">{number}</td>'
            f"<td>{_text(person.name)}</td>"
            f"<td>{_text(person.phone)}</td>"
            f"<td>{_text(group[0].workplace)}</td>"
            f"<td>{books}</td>"
            f'<td align="center">{days}</td>'
            "<td></td>"
            "</tr>"
        )
    borrowers, books = (
        len(lines),
        len(rows),
    )  # a name: lupdate 6.11 drops a count expression
    summary = translate("OverdueLists", "%n borrower(s)", "", borrowers) + translate(
        "OverdueLists", ", %n book(s)", "", books
    )
    parts = [
        f'<h1 align="center">{heading}</h1>',
        '<p align="center">{}</p>'.format(
            translate("OverdueLists", "{station}, {date}").format(
                station=_text(station.station_name), date=format_date(on)
            )
        ),
    ]
    if lines:
        parts.append(_table(headers, lines))
    else:
        parts.append("<p>{}</p>".format(translate("OverdueLists", "No one to call.")))
    parts.append(f"<p>{summary}</p>")
    return f"<html><head>{_STYLE}</head><body>{''.join(parts)}</body></html>"


def _letter(group: list[LoanRow], station: StationSettings, on: date, *, first: bool) -> str:
    person = group[0].person
    station_name = _text(station.station_name)
    page_break = "" if first else ' style="page-break-before: always;"'
    headers = [
        (translate("OverdueLists", "No."), "8%"),
        (translate("OverdueLists", "Title"), "46%"),
        (translate("OverdueLists", "Barcode"), "16%"),
        (translate("OverdueLists", "Due date"), "18%"),
        (translate("OverdueLists", "Days overdue"), "12%"),
    ]
    lines = [
        "<tr>"
        f'<td align="center">{number}</td>'
        f"<td>{_text(row.title)}</td>"
        f'<td align="center">{_text(row.barcode)}</td>'
        f'<td align="center">{format_date(row.loan.due_on)}</td>'
        f'<td align="center">{(on - row.loan.due_on).days}</td>'
        "</tr>"
        for number, row in enumerate(group, start=1)
    ]
    overdue_books = len(group)  # a name: lupdate 6.11 drops a count expression
    parts = [
        '<h1 align="center"{}>{}</h1>'.format(
            page_break, translate("OverdueLists", "Reminder to return books")
        ),
        "<p>{}</p>".format(
            translate("OverdueLists", "Dear {name},").format(name=_text(person.name))
        ),
        "<p>{}</p>".format(
            translate(
                "OverdueLists",
                "Our records show that the %n book(s) below, borrowed from the workers' library "
                "of {station}, are past their due date:",
                "",
                overdue_books,
            ).format(station=station_name)
        ),
        _table(headers, lines),
        "<p>{}</p>".format(
            translate(
                "OverdueLists",
                "There are no fines. Borrowing is suspended until the books are back; please "
                "return them to the station soon. If a book is lost or damaged, please tell us.",
            )
        ),
    ]
    if station.contact.strip():
        parts.append(
            "<p>{}</p>".format(
                translate("OverdueLists", "Contact: {contact}").format(
                    contact=_text(station.contact)
                )
            )
        )
    signed = f"{station_name}<br/>{format_date(on)}"
    parts.append(f'<p align="right" style="margin-top: 24px;">{signed}</p>')
    return "".join(parts)


def reminder_letters_html(rows: list[LoanRow], station: StationSettings, on: date) -> str:
    """One letter per borrower listing their overdue books, each letter on its own page."""
    letters = [
        _letter(group, station, on, first=number == 0)
        for number, group in enumerate(_by_borrower(rows))
    ]
    return f"<html><head>{_STYLE}</head><body>{''.join(letters)}</body></html>"


class LoanRowTableModel(ColumnCells, RowsTableModel):
    """Open loans with the borrower's phone and workplace: overdue ones or ones due soon."""

    right_aligned = (COL_DAYS,)

    def __init__(self, parent: QObject | None = None, *, overdue: bool = True) -> None:
        super().__init__(parent)
        self.overdue = overdue
        self.rows: list[LoanRow] = []
        self.on = today()
        self.headers = [
            self.tr("Borrower"),
            self.tr("Phone"),
            self.tr("Workplace"),
            self.tr("Title"),
            self.tr("Barcode"),
            self.tr("Due"),
            self.tr("Days overdue") if overdue else self.tr("Days left"),
        ]
        self.columns = (
            lambda row: row.person.name,
            lambda row: row.person.phone,
            lambda row: row.workplace,
            lambda row: row.title,
            lambda row: row.barcode,
            lambda row: short_text(row.loan.due_on),
            lambda row: QLocale().toString(self.days(row)),
        )

    def set_rows(self, rows: list[LoanRow], on: date) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.on = on
        self.endResetModel()

    def loan_row(self, row: int) -> LoanRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def days(self, row: LoanRow) -> int:
        delta = (self.on - row.loan.due_on).days
        return delta if self.overdue else -delta

    @staticmethod
    def key_of(row: LoanRow) -> int:
        return row.person.id

    def foreground(self, row: LoanRow) -> Any:
        return QBrush(OVERDUE_COLOR) if self.overdue else None


class OverdueWidget(QWidget):
    """Overdue loans (longest first) and loans due within N days, with printed call lists and
    reminder letters. ``person_activated(person_id)`` asks to open a borrower's record."""

    person_activated = Signal(int)

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout, self.bar = layout_with_bar(self)

        self.tabs = QTabWidget()
        self.overdue_model = LoanRowTableModel(self, overdue=True)
        self.overdue_table = self._make_table(self.overdue_model, "library_overdue")
        self.tabs.addTab(self.overdue_table, "")
        due_page = QWidget()
        due_layout = QVBoxLayout(due_page)
        due_layout.setContentsMargins(0, 0, 0, 0)
        days_row = QHBoxLayout()
        days_label = QLabel(self.tr("Due within (&J)"))
        self.days_spin = spin_box(0, 60, DEFAULT_DUE_DAYS, self.tr(" days"))
        self.days_spin.valueChanged.connect(lambda _value: self._reload_timer.start())
        days_label.setBuddy(self.days_spin)
        days_row.addWidget(days_label)
        days_row.addWidget(self.days_spin)
        days_row.addStretch(1)
        due_layout.addLayout(days_row)
        self.due_model = LoanRowTableModel(self, overdue=False)
        self.due_table = self._make_table(self.due_model, "library_due_soon")
        due_layout.addWidget(self.due_table, 1)
        self.tabs.addTab(due_page, "")
        layout.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.summary = QLabel()
        buttons.addWidget(self.summary, 1)
        self.call_list_button = add_button(
            buttons, self.tr("Print &call list… (Ctrl+P)"), self.print_call_list
        )
        self.letters_button = QPushButton(self.tr("Print remi&nder letters…"))
        self.letters_button.setToolTip(
            self.tr("One letter per borrower with overdue books, each on its own page")
        )
        self.letters_button.clicked.connect(self.print_letters)
        buttons.addWidget(self.letters_button)
        self.pdf_button = QPushButton(self.tr("Save PDF… (Ctrl+S)"))
        menu = QMenu(self.pdf_button)
        menu.addAction(self.tr("Call list…"), lambda: self.save_pdf("calls"))
        menu.addAction(self.tr("Reminder letters…"), lambda: self.save_pdf("letters"))
        self.pdf_button.setMenu(menu)
        buttons.addWidget(self.pdf_button)
        layout.addLayout(buttons)

        shortcut = QShortcut(QKeySequence.StandardKey.Print, self, self.print_call_list)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save = QShortcut(QKeySequence.StandardKey.Save, self, self.pdf_button.showMenu)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._reload_timer = single_shot(self, 0, self.refresh)
        self.tabs.currentChanged.connect(lambda _index: self._update_summary())
        bus.changed.connect(self._on_changed)
        self.refresh()

    def _make_table(self, model: LoanRowTableModel, name: str) -> QTableView:
        table = QTableView()
        setup_list_view(table, model)
        restore_columns(table, name, (90, 110, 160, 220, 90, 100, 90), stretch=COL_TITLE)
        table.setObjectName(name)
        table.activated.connect(lambda index, m=model: self._activated(m, index))
        return table

    def _activated(self, model: LoanRowTableModel, index: QModelIndex) -> None:
        row = model.loan_row(index.row())
        if row is not None:
            self.person_activated.emit(row.person.id)

    def save_state(self) -> None:
        for table in (self.overdue_table, self.due_table):
            save_columns(table, table.objectName())

    def _on_changed(self, entity: str) -> None:
        if entity in ("loan", "person", "copy", "title", "organization"):
            self._reload_timer.start()

    @property
    def showing_due_soon(self) -> bool:
        return self.tabs.currentIndex() == 1

    @reports_user_errors
    def refresh(self) -> None:
        self._reload_timer.stop()
        on = today()
        overdue = library.overdue_loans(self.actor, on=on)
        due = library.due_soon(self.actor, days=self.days_spin.value(), on=on)
        self.overdue_model.set_rows(overdue, on)
        self.due_model.set_rows(due, on)
        self.tabs.setTabText(0, self.tr("&Overdue (%n)", "", len(overdue)))
        self.tabs.setTabText(1, self.tr("Due &soon (%n)", "", len(due)))
        self._update_summary()

    def _update_summary(self) -> None:
        model = self.due_model if self.showing_due_soon else self.overdue_model
        people = len({row.person.id for row in model.rows})
        self.summary.setText(
            self.tr("%n borrower(s)", "", people) + self.tr(", %n book(s)", "", len(model.rows))
        )
        self.letters_button.setEnabled(bool(self.overdue_model.rows))
        self.call_list_button.setEnabled(bool(model.rows))

    # --- documents -------------------------------------------------------------------------------

    def call_list_document(self) -> QTextDocument:
        model = self.due_model if self.showing_due_soon else self.overdue_model
        station = accounts.station_settings()
        return html_document(
            call_list_html(model.rows, station, model.on, due_soon=self.showing_due_soon)
        )

    def letters_document(self) -> QTextDocument:
        station = accounts.station_settings()
        return html_document(
            reminder_letters_html(self.overdue_model.rows, station, self.overdue_model.on)
        )

    def print_call_list(self) -> None:
        preview_document(self.call_list_document(), self, title=self.tr("Call list"))

    def print_letters(self) -> None:
        if not self.overdue_model.rows:
            self.bar.show_message(
                self.tr("No book is overdue: there is no letter to print."), "info"
            )
            return
        preview_document(self.letters_document(), self, title=self.tr("Reminder letters"))

    def write_pdf(self, kind: str, path: Path) -> Path:
        """Write the call list (``kind="calls"``) or the reminder letters as a PDF."""
        station = accounts.station_settings()
        if kind == "letters":
            document, title = self.letters_document(), self.tr("Reminder letters")
        else:
            document, title = self.call_list_document(), self.tr("Call list")
        return write_pdf_document(document, path, title=title, creator=station.station_name)

    def save_pdf(self, kind: str) -> None:
        name = (
            self.tr("reminder-letters-{date}.pdf")
            if kind == "letters"
            else self.tr("call-list-{date}.pdf")
        ).format(date=today().isoformat())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), name, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        try:
            written = self.write_pdf(kind, Path(path))
        except OSError as exc:
            self.bar.show_message(
                self.tr("Could not write {path}: {error}").format(path=path, error=exc.strerror)
            )
            return
        self.bar.show_message(self.tr("Saved {path}").format(path=str(written)), "info")
