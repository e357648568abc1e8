"""The catalogue (馆藏): search titles as you type, their copies, adding and editing titles and
copies, withdrawing copies, importing a spreadsheet, barcode labels and the circulation rules."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDir,
    QItemSelectionModel,
    QLocale,
    QMarginsF,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeySequence,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QShortcut,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from stdnum import isbn as stdnum_isbn

from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import (
    DEFAULT_LOAN_DAYS,
    DEFAULT_MAX_LOANS,
    DEFAULT_RENEWALS,
    ITEM_TYPES,
    Copy,
    Title,
)
from stationapp.services import accounts, library
from stationapp.services.library_import import (
    ImportRefused,
    copies_by_barcode,
    create_title_with_copy,
    import_catalogue,
)
from stationapp.services.private_files import private_output
from stationapp.ui.bus import ChangeBus
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.forms import FieldErrors, MessageBar, show_user_error
from stationapp.ui.layout_state import (
    leave_on_tab,
    restore_columns,
    restore_splitter,
    save_columns,
    save_splitter,
)
from stationapp.ui.library import code128
from stationapp.ui.printing import (
    PrintPreview,
    document_font,
    finish_printer_output,
    fix_pdf_text,
    private_printer_output,
)
from stationapp.ui.table_model import RowsTableModel, setup_list_view

translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
SEARCH_DELAY_MS = 120
MAX_PROBLEMS_SHOWN = 1000
INACTIVE_GREY = "#888888"

COL_TITLE, COL_AUTHOR, COL_ISBN, COL_PUBLISHER, COL_YEAR, COL_CLASS, COL_COPIES = range(7)
COPY_COL_LOCATION = 2  # the copies list: barcode, status, location, price, accession number
COPY_BARCODE, COPY_STATUS, COPY_LOCATION, COPY_PRICE, COPY_ACCESSION = range(5)


def format_isbn(isbn: str) -> str:
    """An ISBN with its hyphens (978-7-02-000220-7), or as stored when its ranges are unknown."""
    if not isbn:
        return ""
    try:
        return stdnum_isbn.format(isbn)
    except Exception:  # stdnum's range tables can lag behind newly issued prefixes
        return isbn


def format_price(price: Decimal | None) -> str:
    if price is None:
        return ""
    return QLocale().toCurrencyString(float(price), "¥", 2)


def _line_edit(max_length: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    return edit


# --- the list of titles -----------------------------------------------------------------------


class TitleTableModel(RowsTableModel):
    """Titles matching the search, a page at a time, with their copies on the shelf per page."""

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.rows: list[Title] = []
        self.counts: dict[int, tuple[int, int]] = {}
        self.total = 0
        self.query = ""
        self.include_inactive = False
        self.headers = [
            self.tr("Title"),
            self.tr("Author"),
            self.tr("ISBN"),
            self.tr("Publisher"),
            self.tr("Year"),
            self.tr("Class number"),
            self.tr("On shelf / copies"),
        ]

    def reload(self, query: str | None = None) -> None:
        if query is not None:
            self.query = query.strip()
        self.beginResetModel()
        self.total = library.count_titles(
            self.actor, self.query, include_inactive=self.include_inactive
        )
        self.rows = library.search_titles(
            self.actor,
            self.query,
            offset=0,
            limit=PAGE_SIZE,
            include_inactive=self.include_inactive,
        )
        self.counts = library.availability([t.id for t in self.rows])
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = library.search_titles(
            self.actor,
            self.query,
            offset=len(self.rows),
            limit=PAGE_SIZE,
            include_inactive=self.include_inactive,
        )
        if not page:
            self.total = len(self.rows)
            return
        self.counts.update(library.availability([t.id for t in page]))
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def title_at(self, row: int) -> Title | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, title_id: int) -> int:
        for row, title in enumerate(self.rows):
            if title.id == title_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        title = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(title, column)
        if role == Qt.ItemDataRole.UserRole:
            return title.id
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_COPIES:
            free, total = self.counts.get(title.id, (0, 0))
            return self.tr("{free} of {total} copies on the shelf").format(free=free, total=total)
        if role == Qt.ItemDataRole.ToolTipRole and not title.active:
            return self.tr("Deactivated: no longer in the catalogue")
        if role == Qt.ItemDataRole.ForegroundRole and not title.active:
            return QBrush(QColor(INACTIVE_GREY))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_YEAR, COL_COPIES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, title: Title, column: int) -> Any:
        if column == COL_TITLE:
            return title.title
        if column == COL_AUTHOR:
            return title.author
        if column == COL_ISBN:
            return format_isbn(title.isbn)
        if column == COL_PUBLISHER:
            return title.publisher
        if column == COL_YEAR:
            return "" if title.year is None else str(title.year)
        if column == COL_CLASS:
            return title.classification
        if column == COL_COPIES:
            free, total = self.counts.get(title.id, (0, 0))
            return f"{free}/{total}"
        return None


# --- dialogs --------------------------------------------------------------------------------------


class TitleDialog(QDialog):
    """Add a title (with its first copy, optionally) or edit one; also the quick-add form for an
    ISBN scanned at the desk that is not in the catalogue."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        title: Title | None = None,
        isbn: str = "",
        prefill: str = "",
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.existing = title
        self.saved: Title | None = None
        self.setWindowTitle(self.tr("Edit title") if title else self.tr("New title"))
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        form = QFormLayout()
        outer.addLayout(form)
        self.fields = FieldErrors(form)
        self.title_edit = _line_edit(300)
        self.fields.add_row(self.tr("&Title"), "title", self.title_edit)
        self.author = _line_edit(200)
        self.fields.add_row(self.tr("&Author"), "author", self.author)
        self.isbn = _line_edit(30)
        self.isbn.setPlaceholderText(self.tr("Scan or type; ISBN-10 or ISBN-13; may be empty"))
        self.fields.add_row(self.tr("&ISBN"), "isbn", self.isbn)
        self.publisher = _line_edit(200)
        self.fields.add_row(self.tr("&Publisher"), "publisher", self.publisher)
        self.year = _line_edit(6)
        self.year.setPlaceholderText(self.tr("e.g. 2015"))
        self.fields.add_row(self.tr("&Year"), "year", self.year)
        self.classification = _line_edit(40)
        self.classification.setPlaceholderText(self.tr("e.g. I247.5"))
        self.fields.add_row(self.tr("&Class number"), "classification", self.classification)
        self.item_type = QComboBox()
        for code in ITEM_TYPES:
            self.item_type.addItem(library.item_type_label(code), code)
        self.fields.add_row(self.tr("&Kind of item"), "item_type", self.item_type)

        self.copy_heading = QLabel(self.tr("First copy (leave the barcode empty to add none)"))
        self.copy_heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        form.addRow(self.copy_heading)
        self.barcode = _line_edit(40)
        self.barcode.setPlaceholderText(self.tr("Scan the label stuck in the book"))
        self.fields.add_row(self.tr("&Barcode"), "barcode", self.barcode)
        self.accession = _line_edit(40)
        self.fields.add_row(self.tr("Acc&ession number"), "accession_number", self.accession)
        self.location = _line_edit(60)
        self.fields.add_row(self.tr("&Location"), "location", self.location)
        self.price = _line_edit(12)
        self.price.setPlaceholderText(self.tr("e.g. 39.80"))
        self.fields.add_row(self.tr("P&rice"), "price", self.price)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        if title is not None:
            self.title_edit.setText(title.title)
            self.author.setText(title.author)
            self.isbn.setText(format_isbn(title.isbn))
            self.publisher.setText(title.publisher)
            self.year.setText("" if title.year is None else str(title.year))
            self.classification.setText(title.classification)
            self.item_type.setCurrentIndex(max(self.item_type.findData(title.item_type), 0))
            self.copy_heading.setVisible(False)
            for name in ("barcode", "accession_number", "location", "price"):
                self.fields.set_row_visible(name, False)
        else:
            if isbn:
                self.isbn.setText(self._shown_isbn(isbn))
            if prefill:
                self.title_edit.setText(prefill)
        self.title_edit.setFocus()

    @staticmethod
    def _shown_isbn(raw: str) -> str:
        try:
            return format_isbn(library.normalize_isbn(raw)) or raw
        except ValidationError:
            return raw

    def title_input(self) -> library.TitleInput:
        return library.TitleInput(
            title=self.title_edit.text(),
            author=self.author.text(),
            isbn=self.isbn.text(),
            publisher=self.publisher.text(),
            year=self.year.text(),
            classification=self.classification.text(),
            item_type=self.item_type.currentData(),
        )

    def copy_input(self) -> library.CopyInput | None:
        if not self.barcode.text().strip():
            if self.location.text().strip() or self.price.text().strip() or self.accession.text():
                raise ValidationError(
                    self.tr("Scan the copy's barcode, or clear its location and price."),
                    field="barcode",
                )
            return None
        return library.CopyInput(
            barcode=self.barcode.text(),
            accession_number=self.accession.text(),
            price=self.price.text(),
            location=self.location.text(),
        )

    def submit(self) -> None:
        try:
            if self.existing is not None:
                self.saved = library.update_title(self.actor, self.existing.id, self.title_input())
            else:
                self.saved = create_title_with_copy(
                    self.actor, self.title_input(), self.copy_input()
                )
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


class CopyDialog(QDialog):
    """Add a copy to a title, or change a copy's barcode, accession number, location or price."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        title_id: int | None = None,
        copy: Copy | None = None,
    ) -> None:
        super().__init__(parent)
        if (title_id is None) == (copy is None):
            raise ValueError("give a title to add to or a copy to edit")
        self.actor = actor
        self.title_id = title_id
        self.existing = copy
        self.saved: Copy | None = None
        self.setWindowTitle(self.tr("Edit copy") if copy else self.tr("Add copy"))
        self.setMinimumWidth(380)
        outer = QVBoxLayout(self)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        form = QFormLayout()
        outer.addLayout(form)
        self.fields = FieldErrors(form)
        self.barcode = _line_edit(40)
        self.barcode.setPlaceholderText(self.tr("Scan the label stuck in the book"))
        self.fields.add_row(self.tr("&Barcode"), "barcode", self.barcode)
        self.accession = _line_edit(40)
        self.fields.add_row(self.tr("Acc&ession number"), "accession_number", self.accession)
        self.location = _line_edit(60)
        self.fields.add_row(self.tr("&Location"), "location", self.location)
        self.price = _line_edit(12)
        self.price.setPlaceholderText(self.tr("e.g. 39.80"))
        self.fields.add_row(self.tr("P&rice"), "price", self.price)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        if copy is not None:
            self.barcode.setText(copy.barcode)
            self.accession.setText(copy.accession_number)
            self.location.setText(copy.location)
            self.price.setText("" if copy.price is None else f"{copy.price:.2f}")

    def copy_input(self) -> library.CopyInput:
        return library.CopyInput(
            barcode=self.barcode.text(),
            accession_number=self.accession.text(),
            price=self.price.text(),
            location=self.location.text(),
        )

    def submit(self) -> None:
        try:
            if self.existing is not None:
                self.saved = library.update_copy(self.actor, self.existing.id, self.copy_input())
            else:
                assert self.title_id is not None
                self.saved = library.add_copy(self.actor, self.title_id, self.copy_input())
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


class CopyStatusDialog(QDialog):
    """Withdraw a copy (剔除), record it lost or damaged, or put it back on the shelf."""

    def __init__(self, actor: Staff, copy: Copy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.copy = copy
        self.saved: Copy | None = None
        self.setWindowTitle(self.tr("Withdraw copy"))
        outer = QVBoxLayout(self)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        intro = QLabel(
            self.tr("Copy {barcode}, now: {status}.").format(
                barcode=copy.barcode, status=library.copy_status_label(copy.status)
            )
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        outer.addLayout(form)
        self.fields = FieldErrors(form)
        self.status = QComboBox()
        self.status.addItem(self.tr("Withdrawn from the collection"), "withdrawn")
        self.status.addItem(library.copy_status_label("lost"), "lost")
        self.status.addItem(library.copy_status_label("damaged"), "damaged")
        self.status.addItem(self.tr("Back on the shelf"), "available")
        if copy.status in ("withdrawn", "lost", "damaged"):
            self.status.setCurrentIndex(self.status.findData("available"))
        self.fields.add_row(self.tr("&New status"), "status", self.status)
        note = QLabel(self.tr("The copy's loan history is kept whatever its status."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        outer.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def submit(self) -> None:
        try:
            self.saved = library.withdraw_copy(
                self.actor, self.copy.id, status=self.status.currentData()
            )
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


RULE_CATEGORY, RULE_TYPE, RULE_DAYS, RULE_MAX, RULE_RENEWALS, RULE_REFERENCE, RULE_SAVE = range(7)


class RulesDialog(QDialog):
    """The circulation rules: borrowers x kind of item -> loan days, loans, renewals, reference
    only. Each row is saved on its own; administrators only."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Circulation rules"))
        self.resize(860, 420)
        outer = QVBoxLayout(self)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        explain = QLabel(
            self.tr(
                "The most specific rule applies: borrowers and kind of item, then borrowers, then "
                "kind of item, then everyone. With no rule at all: {days} days, {loans} books, "
                "{renewals} renewal."
            ).format(days=DEFAULT_LOAN_DAYS, loans=DEFAULT_MAX_LOANS, renewals=DEFAULT_RENEWALS)
        )
        explain.setWordWrap(True)
        outer.addWidget(explain)
        self.table = leave_on_tab(QTableWidget(0, 7))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Borrowers"),
                self.tr("Kind of item"),
                self.tr("Loan days"),
                self.tr("Most loans"),
                self.tr("Renewals"),
                self.tr("Reference only"),
                "",
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            RULE_SAVE, QHeaderView.ResizeMode.ResizeToContents
        )
        outer.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add rule"))
        self.add_button.clicked.connect(lambda: self.add_row(None))
        row.addWidget(self.add_button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        outer.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        for rule in library.list_rules(self.actor):
            self.add_row(rule)

    def add_row(self, rule: Any) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        category = QComboBox()
        for code in ("", "member", "worker"):
            category.addItem(library.borrower_category_label(code), code)
        kind = QComboBox()
        kind.addItem(self.tr("Every kind"), "")
        for code in ITEM_TYPES:
            kind.addItem(library.item_type_label(code), code)
        days, loans, renewals = QSpinBox(), QSpinBox(), QSpinBox()
        days.setRange(1, 365)
        loans.setRange(0, 200)
        renewals.setRange(0, 10)
        reference = QCheckBox()
        if rule is not None:
            category.setCurrentIndex(max(category.findData(rule.borrower_category), 0))
            kind.setCurrentIndex(max(kind.findData(rule.item_type), 0))
            days.setValue(rule.loan_days)
            loans.setValue(rule.max_loans)
            renewals.setValue(rule.renewals)
            reference.setChecked(rule.reference_only)
            # The pair is the rule's key: change the numbers, or add another rule.
            category.setEnabled(False)
            kind.setEnabled(False)
        else:
            days.setValue(DEFAULT_LOAN_DAYS)
            loans.setValue(DEFAULT_MAX_LOANS)
            renewals.setValue(DEFAULT_RENEWALS)
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(lambda: self.save_row(self._row_of(save)))
        for column, widget in (
            (RULE_CATEGORY, category),
            (RULE_TYPE, kind),
            (RULE_DAYS, days),
            (RULE_MAX, loans),
            (RULE_RENEWALS, renewals),
            (RULE_REFERENCE, reference),
            (RULE_SAVE, save),
        ):
            self.table.setCellWidget(row, column, widget)
        return row

    def _row_of(self, widget: QWidget) -> int:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, RULE_SAVE) is widget:
                return row
        return -1

    def rule_input(self, row: int) -> library.RuleInput:
        cell = self.table.cellWidget
        return library.RuleInput(
            borrower_category=cell(row, RULE_CATEGORY).currentData(),
            item_type=cell(row, RULE_TYPE).currentData(),
            loan_days=cell(row, RULE_DAYS).value(),
            max_loans=cell(row, RULE_MAX).value(),
            renewals=cell(row, RULE_RENEWALS).value(),
            reference_only=cell(row, RULE_REFERENCE).isChecked(),
        )

    def save_row(self, row: int) -> bool:
        if row < 0:
            return False
        data = self.rule_input(row)
        category = self.table.cellWidget(row, RULE_CATEGORY)
        for other in range(self.table.rowCount()):
            if other == row or self.table.cellWidget(other, RULE_CATEGORY).isEnabled():
                continue
            theirs = self.rule_input(other)
            if category.isEnabled() and (theirs.borrower_category, theirs.item_type) == (
                data.borrower_category,
                data.item_type,
            ):
                self.bar.show_message(
                    self.tr(
                        "Row {row}: there is already a rule for these borrowers and this kind of "
                        "item (row {other}); change that one."
                    ).format(row=row + 1, other=other + 1)
                )
                return False
        try:
            library.save_rule(self.actor, data)
        except UserError as exc:
            self.bar.show_message(
                self.tr("Row {row}: {message}").format(row=row + 1, message=exc.message)
            )
            return False
        category.setEnabled(False)
        self.table.cellWidget(row, RULE_TYPE).setEnabled(False)
        self.bar.show_message(self.tr("Row {row} saved.").format(row=row + 1), "info")
        return True


class ImportProblemsDialog(QDialog):
    """Why a file was not imported, row by row, so the librarian can correct the spreadsheet."""

    def __init__(self, refused: ImportRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused = refused
        self.setWindowTitle(self.tr("The file was not imported"))
        self.resize(760, 480)
        outer = QVBoxLayout(self)
        summary = QLabel(refused.message)
        summary.setWordWrap(True)
        outer.addWidget(summary)
        shown = refused.problems[:MAX_PROBLEMS_SHOWN]
        if len(refused.problems) > len(shown):
            more = QLabel(
                self.tr("The first {shown} of {count} problems are listed.").format(
                    shown=len(shown), count=len(refused.problems)
                )
            )
            outer.addWidget(more)
        self.table = leave_on_tab(QTableWidget(len(shown), 3))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, problem in enumerate(shown):
            number = QTableWidgetItem()
            number.setData(Qt.ItemDataRole.DisplayRole, problem.row)
            self.table.setItem(row, 0, number)
            self.table.setItem(row, 1, QTableWidgetItem(self.column_name(problem.field)))
            self.table.setItem(row, 2, QTableWidgetItem(problem.message))
        outer.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy the list"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_list)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def column_name(self, field: str) -> str:
        """The column's header in the file, else the field's name in the interface."""
        if self.refused.columns.get(field):
            return self.refused.columns[field]
        names = {
            "title": self.tr("Title"),
            "author": self.tr("Author"),
            "isbn": self.tr("ISBN"),
            "publisher": self.tr("Publisher"),
            "year": self.tr("Year"),
            "classification": self.tr("Class number"),
            "item_type": self.tr("Kind of item"),
            "barcode": self.tr("Barcode"),
            "copies": self.tr("Copies"),
            "accession_number": self.tr("Accession number"),
            "price": self.tr("Price"),
            "location": self.tr("Location"),
        }
        return names.get(field, field)

    def text(self) -> str:
        return "\n".join(
            f"{p.row}\t{self.column_name(p.field)}\t{p.message}" for p in self.refused.problems
        )

    def copy_list(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


# --- barcode labels ------------------------------------------------------------------------------

LABEL_COLUMNS = 3
LABEL_ROWS = 8
LABELS_PER_SHEET = LABEL_COLUMNS * LABEL_ROWS
LABEL_WIDTH_MM = 70.0
LABEL_HEIGHT_MM = 37.0
SHEET_TOP_MM = (297.0 - LABEL_ROWS * LABEL_HEIGHT_MM) / 2
LABEL_PADDING_MM = 4.0
LABEL_RESOLUTION = 600


@dataclass(frozen=True)
class Label:
    barcode: str
    title: str
    classification: str = ""


def labels_for(copies: Sequence[Copy]) -> list[Label]:
    return [Label(c.barcode, c.title.title, c.title.classification) for c in copies]


def label_sheets(count: int, *, start: int = 1) -> int:
    """Sheets needed for ``count`` labels when the first sheet is used from label ``start``."""
    return math.ceil((start - 1 + count) / LABELS_PER_SHEET) if count else 0


def _full_page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_labels(
    painter: QPainter, device: QPagedPaintDevice, labels: Sequence[Label], *, start: int = 1
) -> None:
    """Labels of 70 x 37 mm, 3 across and 8 down an A4 sheet, from position ``start`` (1-24) of
    the first sheet, so a sheet partly used before can be fed again. Origin: the paper's corner."""
    dpi = device.logicalDpiX()

    def mm(value: float) -> float:
        return value * dpi / 25.4

    slot = max(0, min(start - 1, LABELS_PER_SHEET - 1))
    for label in labels:
        if slot == LABELS_PER_SHEET:
            device.newPage()
            slot = 0
        column, row = slot % LABEL_COLUMNS, slot // LABEL_COLUMNS
        rect = QRectF(
            mm(column * LABEL_WIDTH_MM),
            mm(SHEET_TOP_MM + row * LABEL_HEIGHT_MM),
            mm(LABEL_WIDTH_MM),
            mm(LABEL_HEIGHT_MM),
        )
        _paint_label(painter, device, rect, label, mm(LABEL_PADDING_MM))
        slot += 1


def _paint_label(
    painter: QPainter, device: QPagedPaintDevice, rect: QRectF, label: Label, padding: float
) -> None:
    inner = rect.adjusted(padding, padding * 0.75, -padding, -padding * 0.75)
    title_font = QFont(document_font())
    title_font.setPointSizeF(8.5)
    digits_font = QFont(document_font())
    digits_font.setPointSizeF(9.5)
    digits_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
    title_metrics = QFontMetricsF(title_font, device)
    digits_metrics = QFontMetricsF(digits_font, device)
    painter.save()
    painter.setPen(Qt.GlobalColor.black)
    painter.setFont(title_font)
    title_width = inner.width()
    if label.classification:
        class_width = title_metrics.horizontalAdvance(label.classification)
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), title_metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
            label.classification,
        )
        title_width -= class_width + title_metrics.averageCharWidth() * 2
    painter.drawText(
        QRectF(inner.left(), inner.top(), max(title_width, 0), title_metrics.height()),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        title_metrics.elidedText(label.title, Qt.TextElideMode.ElideRight, max(title_width, 0)),
    )
    bars_top = inner.top() + title_metrics.height() * 1.3
    digits_top = inner.bottom() - digits_metrics.height()
    if code128.is_encodable(label.barcode):
        bars = QRectF(inner.left(), bars_top, inner.width(), digits_top - bars_top)
        code128.paint(painter, bars, label.barcode)
    painter.setFont(digits_font)
    painter.drawText(
        QRectF(inner.left(), digits_top, inner.width(), digits_metrics.height()),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
        label.barcode,
    )
    painter.restore()


def write_labels_pdf(
    copies: Sequence[Copy] | Sequence[Label], path: Path, *, start: int = 1
) -> Path:
    """A PDF of label sheets for ``copies`` (Copy rows with their titles, or Labels)."""
    labels = [c if isinstance(c, Label) else labels_for([c])[0] for c in copies]
    path = Path(path)
    with private_output(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(LABEL_RESOLUTION)
        writer.setPageLayout(_full_page_layout())
        writer.setTitle(translate("CatalogueWidget", "Barcode labels"))
        writer.setCreator("stationapp")
        painter = QPainter(writer)
        try:
            paint_labels(painter, writer, labels, start=start)
        finally:
            painter.end()
        del writer  # the file is complete once the writer is gone
        fix_pdf_text(partial)
    return path


class LabelsDialog(QDialog):
    """Print or save barcode labels for some copies, from any position of the first sheet."""

    def __init__(self, labels: Sequence[Label], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = list(labels)
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Barcode labels"))
        outer = QVBoxLayout(self)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        form = QFormLayout()
        outer.addLayout(form)
        self.start = QSpinBox()
        self.start.setRange(1, LABELS_PER_SHEET)
        self.start.setToolTip(
            self.tr("Labels are numbered across, then down: 1-3 is the top row of the sheet.")
        )
        form.addRow(self.tr("Start at &label"), self.start)
        self.summary = QLabel()
        form.addRow(self.summary)
        self.start.valueChanged.connect(self._update_summary)
        self._update_summary()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        preview = buttons.addButton(
            self.tr("&Preview and print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        preview.clicked.connect(self.preview)
        save = buttons.addButton(self.tr("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(lambda: self.save_pdf())
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _update_summary(self) -> None:
        sheets = label_sheets(len(self.labels), start=self.start.value())
        self.summary.setText(
            self.tr(
                "%n label(s) on {sheets} A4 sheet(s) of 3 x 8 labels (70 x 37 mm)",
                "",
                len(self.labels),
            ).format(sheets=sheets)
        )

    def print_to(self, printer: QPrinter) -> None:
        printer.setFullPage(True)
        output = private_printer_output(printer)
        painter = QPainter(printer)
        try:
            paint_labels(painter, printer, self.labels, start=self.start.value())
        finally:
            painter.end()
        if output is not None:
            finish_printer_output(printer, output)

    def preview(self) -> None:
        dialog = PrintPreview(self, title=self.tr("Barcode labels"))
        dialog.printer().setPageLayout(_full_page_layout())
        dialog.paintRequested.connect(self.print_to)
        dialog.exec()
        dialog.deleteLater()

    def save_pdf(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Save labels as PDF"),
                str(Path(QDir.homePath()) / self.tr("labels.pdf")),
                self.tr("PDF document (*.pdf)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != ".pdf":
                path = path.with_name(path.name + ".pdf")
        try:
            self.written = write_labels_pdf(self.labels, path, start=self.start.value())
        except OSError as exc:
            self.bar.show_message(
                self.tr("The file could not be written: {reason}").format(
                    reason=exc.strerror or str(exc)
                )
            )
            return None
        self.bar.show_message(self.tr("Saved to {path}").format(path=str(path)), "info")
        return self.written


# --- the catalogue -------------------------------------------------------------------------------


class _SearchEdit(QLineEdit):
    """Down arrow moves from the search box into the list."""

    def __init__(self, on_down: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_down = on_down

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        super().keyPressEvent(event)


class CatalogueWidget(QWidget):
    TABLE_NAME = "titles"
    COPIES_TABLE_NAME = "library_copies"
    SPLITTER_NAME = "catalogue"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.current_title_id: int | None = None
        self.current_title_active = True
        self.copies: list[Copy] = []
        can_catalogue = accounts.has_permission(actor, "library.catalogue")
        layout = QVBoxLayout(self)
        self.bar = MessageBar()
        layout.addWidget(self.bar)

        top = QHBoxLayout()
        self.search = _SearchEdit(self.focus_table)
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)
        self.search.setPlaceholderText(
            self.tr("Search: title, author, their pinyin or initials, or scan an ISBN (Ctrl+F)")
        )
        self.search.returnPressed.connect(self._open_first_or_new)
        top.addWidget(self.search, 1)
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        self.new_button = QPushButton(self.tr("&New title…"))
        self.new_button.setToolTip(self.tr("Add a title to the catalogue (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_title)
        top.addWidget(self.new_button)
        # Only hide: showing a button not yet in a window makes it a window of its own.
        if not can_catalogue:
            self.new_button.hide()
        # The rare actions wait in one menu, so the page keeps one access key per letter.
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("M&ore"))
        self.more_button.setToolTip(
            self.tr("Show deactivated titles, deactivate or delete, import, circulation rules")
        )
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        self.show_inactive = self.more_menu.addAction(self.tr("S&how deactivated titles"))
        self.show_inactive.setCheckable(True)
        self.show_inactive.setToolTip(self.tr("List and find deactivated titles too"))
        self.show_inactive.toggled.connect(self._show_inactive_toggled)
        self.more_menu.addSeparator()
        self.deactivate_title_action = self.more_menu.addAction(self.tr("&Deactivate title"))
        self.deactivate_title_action.setToolTip(
            self.tr(
                "Take the title out of the catalogue: its copies on the shelf are withdrawn, "
                "its loans stay on record"
            )
        )
        self.deactivate_title_action.triggered.connect(lambda: self.set_title_active(False))
        self.reactivate_title_action = self.more_menu.addAction(self.tr("Reacti&vate title"))
        self.reactivate_title_action.triggered.connect(lambda: self.set_title_active(True))
        self.delete_title_action = self.more_menu.addAction(self.tr("Dele&te title…"))
        self.delete_title_action.setToolTip(
            self.tr("Delete a title entered by mistake, with its copies; one with loans is kept")
        )
        self.delete_title_action.triggered.connect(self.delete_title)
        self.delete_copy_action = self.more_menu.addAction(self.tr("Delete c&opy…"))
        self.delete_copy_action.setToolTip(
            self.tr("Delete a copy added by mistake; a copy ever lent is withdrawn instead")
        )
        self.delete_copy_action.triggered.connect(self.delete_copy)
        self.more_menu.addSeparator()
        self.import_action = self.more_menu.addAction(self.tr("&Import…"))
        self.import_action.setToolTip(
            self.tr("Import a catalogue from an Excel workbook (.xlsx) or a CSV file")
        )
        self.import_action.triggered.connect(lambda: self.import_file())
        self.import_action.setVisible(can_catalogue)
        self.rules_action = self.more_menu.addAction(self.tr("Circulation &rules…"))
        self.rules_action.triggered.connect(self.show_rules)
        self.rules_action.setVisible(accounts.has_permission(actor, "library.rules"))
        self.more_menu.setToolTipsVisible(True)
        top.addWidget(self.more_button)
        layout.addLayout(top)

        self.model = TitleTableModel(actor, self)
        self.table = leave_on_tab(QTableView())
        self.table.setObjectName("titles_table")
        setup_list_view(self.table, self.model)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; font-size: 14px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        detail_layout.addWidget(self.heading)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        detail_layout.addWidget(self.facts)
        self.holds_label = QLabel()
        detail_layout.addWidget(self.holds_label)
        self.copies_table = leave_on_tab(QTableWidget(0, 5))
        self.copies_table.setObjectName("copies_table")
        self.copies_table.setHorizontalHeaderLabels(
            [
                self.tr("Barcode"),
                self.tr("Status"),
                self.tr("Location"),
                self.tr("Price"),
                self.tr("Accession number"),
            ]
        )
        self.copies_table.verticalHeader().hide()
        self.copies_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.copies_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.copies_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.copies_table.itemSelectionChanged.connect(self._update_buttons)
        self.copies_table.itemActivated.connect(lambda _item: self.edit_copy())
        detail_layout.addWidget(self.copies_table, 1)
        actions = QHBoxLayout()
        self.edit_title_button = QPushButton(self.tr("Edit title… (Enter)"))
        self.edit_title_button.clicked.connect(self.edit_title)
        self.add_copy_button = QPushButton(self.tr("Add cop&y…"))
        self.add_copy_button.clicked.connect(self.add_copy)
        self.edit_copy_button = QPushButton(self.tr("Edit &copy…"))
        self.edit_copy_button.clicked.connect(self.edit_copy)
        self.withdraw_button = QPushButton(self.tr("&Withdraw copy…"))
        self.withdraw_button.setToolTip(
            self.tr("Withdraw the copy, record it lost or damaged, or put it back on the shelf")
        )
        self.withdraw_button.clicked.connect(self.withdraw_copy)
        self.labels_button = QPushButton(self.tr("Print label&s…"))
        self.labels_button.setToolTip(
            self.tr("Barcode labels for the chosen copies, or all copies of the title")
        )
        self.labels_button.clicked.connect(self.print_labels)
        # Two short rows (the title's actions, then the chosen copy's), so the detail pane stays
        # narrow and the list keeps room for its key columns on the office screen.
        copy_actions = QHBoxLayout()
        for row, buttons in (
            (actions, (self.edit_title_button, self.add_copy_button, self.labels_button)),
            (copy_actions, (self.edit_copy_button, self.withdraw_button)),
        ):
            for button in buttons:
                row.addWidget(button)
                if not can_catalogue:
                    button.hide()
            row.addStretch(1)
            detail_layout.addLayout(row)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        # Ctrl+F is the main window's, which calls focus_search on the page shown.
        QShortcut(QKeySequence.StandardKey.New, self, self.new_title).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        bus.changed.connect(self._on_changed)
        self._restore_state()
        self.refresh()

    # --- state ---------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        restore_columns(
            self.table, self.TABLE_NAME, (220, 110, 140, 130, 50, 80), stretch=COL_TITLE
        )
        restore_columns(self.copies_table, self.COPIES_TABLE_NAME, stretch=COPY_COL_LOCATION)
        restore_splitter(self.splitter, self.SPLITTER_NAME)

    def save_state(self) -> None:
        save_columns(self.table, self.TABLE_NAME)
        save_columns(self.copies_table, self.COPIES_TABLE_NAME)
        save_splitter(self.splitter, self.SPLITTER_NAME)

    # --- the list ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))

    def _show_inactive_toggled(self, checked: bool) -> None:
        self.model.include_inactive = checked
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        selected = self.current_title_id
        try:
            self.model.reload(self.search.text())
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self._update_counts()
        if selected is not None and self.model.row_of(selected) >= 0:
            self.select_title(selected)
        else:
            self.show_title(selected)

    def _update_counts(self) -> None:
        query = self.search.text().strip()
        if query:
            self.count_label.setText(self.tr("%n found", "", self.model.total))
        else:
            self.count_label.setText(self.tr("%n title(s)", "", self.model.total))
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        if query:
            self.empty.setText(
                self.tr("No title matches “{query}”.\nPress Enter or Ctrl+N to add it.").format(
                    query=query
                )
            )
        else:
            self.empty.setText(
                self.tr(
                    "The catalogue is empty.\nPress Ctrl+N to add a title, or import a "
                    "spreadsheet of the collection."
                )
            )
        self.stack.setCurrentWidget(self.empty)

    def _on_changed(self, entity: str) -> None:
        if entity in ("title", "copy", "loan", "hold", "box", "stocktake"):
            self.refresh()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        title = self.model.title_at(current.row())
        self.show_title(title.id if title else None)

    def _activated(self, index: QModelIndex) -> None:
        title = self.model.title_at(index.row())
        if title is not None and accounts.has_permission(self.actor, "library.catalogue"):
            self.edit_title()

    def _open_first_or_new(self) -> None:
        self.refresh()
        if self.model.rowCount():
            self.focus_table()
        elif self.search.text().strip():
            self.new_title()

    def select_title(self, title_id: int) -> None:
        row = self.model.row_of(title_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.show_title(title_id)

    # --- the detail pane -------------------------------------------------------------------------

    def show_title(self, title_id: int | None) -> None:
        self.current_title_id = title_id
        self.copies = []
        title = None
        if title_id is not None:
            try:
                title = library.get_title(self.actor, title_id)
                self.copies = library.copies_of(self.actor, title_id)
                holds = len(library.holds_queue(self.actor, title_id))
            except UserError:
                title = None
                self.current_title_id = None
        if title is None:
            self.heading.setText(self.tr("Choose a title to see its copies."))
            self.facts.clear()
            self.holds_label.clear()
            self.copies_table.setRowCount(0)
            self._update_buttons()
            return
        self.current_title_active = title.active
        heading = title.title
        if not title.active:
            heading += "  " + self.tr("(deactivated)")
        self.heading.setText(heading)
        facts = [
            title.author,
            format_isbn(title.isbn),
            title.publisher,
            "" if title.year is None else str(title.year),
            title.classification,
            library.item_type_label(title.item_type),
        ]
        self.facts.setText(" · ".join(f for f in facts if f))
        self.holds_label.setText(
            self.tr("%n reservation(s) waiting", "", holds) if holds else self.tr("No reservations")
        )
        self.copies_table.setRowCount(len(self.copies))
        for row, copy in enumerate(self.copies):
            barcode = QTableWidgetItem(copy.barcode)
            barcode.setData(Qt.ItemDataRole.UserRole, copy.id)
            self.copies_table.setItem(row, COPY_BARCODE, barcode)
            self.copies_table.setItem(
                row, COPY_STATUS, QTableWidgetItem(library.copy_status_label(copy.status))
            )
            self.copies_table.setItem(row, COPY_LOCATION, QTableWidgetItem(copy.location))
            price = QTableWidgetItem(format_price(copy.price))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.copies_table.setItem(row, COPY_PRICE, price)
            self.copies_table.setItem(row, COPY_ACCESSION, QTableWidgetItem(copy.accession_number))
        self._update_buttons()

    def selected_copies(self) -> list[Copy]:
        rows = sorted({index.row() for index in self.copies_table.selectionModel().selectedRows()})
        return [self.copies[row] for row in rows if 0 <= row < len(self.copies)]

    def current_copy(self) -> Copy | None:
        row = self.copies_table.currentRow()
        if 0 <= row < len(self.copies) and self.copies_table.item(row, 0).isSelected():
            return self.copies[row]
        chosen = self.selected_copies()
        return chosen[0] if chosen else None

    def _update_buttons(self) -> None:
        has_title = self.current_title_id is not None
        has_copy = self.current_copy() is not None
        self.edit_title_button.setEnabled(has_title)
        self.add_copy_button.setEnabled(has_title)
        self.labels_button.setEnabled(has_title and bool(self.copies))
        self.edit_copy_button.setEnabled(has_copy)
        self.withdraw_button.setEnabled(has_copy)
        active = has_title and self.current_title_active
        can_deactivate = accounts.has_permission(self.actor, "library.deactivate")
        can_delete = accounts.has_permission(self.actor, "library.delete")
        self.deactivate_title_action.setVisible(can_deactivate and (active or not has_title))
        self.reactivate_title_action.setVisible(can_deactivate and has_title and not active)
        self.delete_title_action.setVisible(can_delete)
        self.delete_copy_action.setVisible(can_delete)
        for action in (
            self.deactivate_title_action,
            self.reactivate_title_action,
            self.delete_title_action,
        ):
            action.setEnabled(has_title)
        self.delete_copy_action.setEnabled(has_copy)

    # --- actions ---------------------------------------------------------------------------------

    def new_title(self) -> Title | None:
        if not accounts.has_permission(self.actor, "library.catalogue"):
            return None
        text = self.search.text().strip()
        if library.looks_like_isbn(text):
            return self._run_title_dialog(TitleDialog(self.actor, self, isbn=text))
        return self._run_title_dialog(TitleDialog(self.actor, self, prefill=text))

    def quick_add(self, isbn: str) -> Title | None:
        """The form for an ISBN scanned at the desk that the catalogue does not know yet."""
        if not accounts.has_permission(self.actor, "library.catalogue"):
            self.bar.show_message(
                self.tr("ISBN {isbn} is not in the catalogue; ask a librarian to add it.").format(
                    isbn=isbn
                ),
                "warning",
            )
            return None
        return self._run_title_dialog(TitleDialog(self.actor, self, isbn=isbn))

    def _run_title_dialog(self, dialog: TitleDialog) -> Title | None:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        title = dialog.saved
        self.search.blockSignals(True)
        self.search.setText(title.title)
        self.search.blockSignals(False)
        self.current_title_id = title.id
        self.refresh()
        self.select_title(title.id)
        return title

    def edit_title(self) -> None:
        if self.current_title_id is None:
            return
        try:
            title = library.get_title(self.actor, self.current_title_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        dialog = TitleDialog(self.actor, self, title=title)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def add_copy(self) -> None:
        if self.current_title_id is None:
            return
        dialog = CopyDialog(self.actor, self, title_id=self.current_title_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_title(self.current_title_id)

    def edit_copy(self) -> None:
        copy = self.current_copy()
        if copy is None or not accounts.has_permission(self.actor, "library.catalogue"):
            return
        dialog = CopyDialog(self.actor, self, copy=copy)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_title(self.current_title_id)

    def withdraw_copy(self) -> None:
        copy = self.current_copy()
        if copy is None:
            return
        dialog = CopyStatusDialog(self.actor, copy, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_title(self.current_title_id)

    def set_title_active(self, active: bool) -> None:
        if self.current_title_id is None:
            return
        try:
            if active:
                title = library.reactivate_title(self.actor, self.current_title_id)
                message = self.tr(
                    "“{title}” is back in the catalogue. Its withdrawn copies stay withdrawn: "
                    "put each one back on the shelf with “Withdraw copy…”."
                ).format(title=title.title)
            else:
                title = library.deactivate_title(self.actor, self.current_title_id)
                message = self._deactivated_text(title.title)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.refresh()
        self.bar.show_message(message, "info")

    def _deactivated_text(self, title: str) -> str:
        return self.tr(
            "“{title}” is deactivated: no longer in the catalogue, its copies on the shelf "
            "withdrawn, its loans kept. Choose “More ▸ Show deactivated titles” to find it again."
        ).format(title=title)

    def delete_title(self) -> None:
        if self.current_title_id is None:
            return
        title_id = self.current_title_id
        try:
            title = library.get_title(self.actor, title_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        can_deactivate = title.active and accounts.has_permission(self.actor, "library.deactivate")
        name = self.tr("“{title}” and its %n copy(ies)", "", len(self.copies)).format(
            title=title.title
        )
        outcome = delete_or_offer(
            self,
            self.bar,
            name=name,
            delete=lambda: library.delete_title(self.actor, title_id),
            instead=(lambda: library.deactivate_title(self.actor, title_id))
            if can_deactivate
            else None,
            instead_question=self.tr("Deactivate “{title}” instead?").format(title=title.title),
        )
        if outcome is Outcome.DELETED:
            self.current_title_id = None
            self.refresh()
            self.bar.show_message(
                self.tr("“{title}” was deleted.").format(title=title.title), "info"
            )
        elif outcome is Outcome.INSTEAD:
            self.refresh()
            self.bar.show_message(self._deactivated_text(title.title), "info")

    def delete_copy(self) -> None:
        copy = self.current_copy()
        if copy is None:
            return
        can_withdraw = copy.status == "available" and accounts.has_permission(
            self.actor, "library.catalogue"
        )
        outcome = delete_or_offer(
            self,
            self.bar,
            name=self.tr("copy {code}").format(code=copy.barcode),
            delete=lambda: library.delete_copy(self.actor, copy.id),
            instead=(lambda: library.withdraw_copy(self.actor, copy.id)) if can_withdraw else None,
            instead_question=self.tr("Withdraw copy {code} instead?").format(code=copy.barcode),
        )
        if outcome is Outcome.NOTHING:
            return
        self.show_title(self.current_title_id)
        if outcome is Outcome.DELETED:
            message = self.tr("Copy {code} was deleted.").format(code=copy.barcode)
        else:
            message = self.tr("Copy {code} was withdrawn.").format(code=copy.barcode)
        self.bar.show_message(message, "info")

    def print_labels(self) -> None:
        copies = self.selected_copies() or self.copies
        if not copies:
            return
        self.open_labels(labels_for(copies))

    def open_labels(self, labels: Sequence[Label]) -> None:
        dialog = LabelsDialog(labels, self)
        dialog.exec()
        dialog.deleteLater()

    def show_rules(self) -> None:
        if not accounts.has_permission(self.actor, "library.rules"):
            return
        dialog = RulesDialog(self.actor, self)
        dialog.exec()
        dialog.deleteLater()

    def import_file(self, path: Path | None = None) -> None:
        if not accounts.has_permission(self.actor, "library.catalogue"):
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("Import catalogue"),
                QDir.homePath(),
                self.tr("Spreadsheets (*.xlsx *.csv)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        dialog = QProgressDialog(self.tr("Checking the file…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Import catalogue"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)

        def progress(done: int, total: int) -> bool:
            if total and done > total // 2:
                dialog.setLabelText(self.tr("Importing…"))
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
            QCoreApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            result = import_catalogue(self.actor, path, progress=progress)
        except ImportRefused as exc:
            self._close_progress(dialog)
            self.bar.show_message(exc.message)
            self.show_problems(exc)
            return
        except UserError as exc:
            self._close_progress(dialog)
            self.bar.show_message(exc.message)
            return
        self._close_progress(dialog)
        if result.cancelled:
            self.bar.show_message(self.tr("Import cancelled; nothing was imported."), "info")
            return
        titles = result.titles_created + result.titles_existing
        if result.titles_existing:
            message = self.tr(
                "Imported %n copies of {titles} title(s), {existing} of them already in the "
                "catalogue.",
                "",
                result.copies_created,
            ).format(titles=titles, existing=result.titles_existing)
        else:
            message = self.tr("Imported %n copies of {titles} title(s).", "", result.copies_created)
            message = message.format(titles=titles)
        self.bar.show_message(message, "info")
        self.refresh()
        self.offer_labels(result.barcodes)

    @staticmethod
    def _close_progress(dialog: QProgressDialog) -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def show_problems(self, refused: ImportRefused) -> None:
        dialog = ImportProblemsDialog(refused, self)
        dialog.exec()
        dialog.deleteLater()

    def offer_labels(self, barcodes: list[str]) -> None:
        if not barcodes:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Barcode labels"),
            self.tr("Print barcode labels for the %n new copies?", "", len(barcodes)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_labels(labels_for(copies_by_barcode(self.actor, barcodes)))
