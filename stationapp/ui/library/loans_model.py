"""The borrower's current loans at the circulation desk: title, barcode, due date (red and
saying so when overdue), renewals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from stationapp.db import today
from stationapp.services.library import LoanRow
from stationapp.ui.dates import short_text
from stationapp.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex


OVERDUE_COLOR = QColor("#b3261e")
COL_TITLE, COL_BARCODE, COL_DUE, COL_RENEWALS = range(4)


class CurrentLoansTableModel(RowsTableModel):
    """The borrower's open loans; overdue ones in red."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LoanRow] = []
        self.on = today()
        self.headers = [self.tr("Title"), self.tr("Barcode"), self.tr("Due"), self.tr("Renewals")]

    def set_rows(self, rows: list[LoanRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.on = today()
        self.endResetModel()

    def loan_row(self, row: int) -> LoanRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def is_overdue(self, row: LoanRow) -> bool:
        return row.loan.due_on < self.on

    def cell(self, row: LoanRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.UserRole:
            return row.loan.id
        return None

    def _display(self, row: LoanRow, column: int) -> str:
        if column == COL_TITLE:
            return row.title
        if column == COL_BARCODE:
            return row.barcode
        if column == COL_DUE:
            due = short_text(row.loan.due_on)
            if self.is_overdue(row):
                days = (self.on - row.loan.due_on).days
                return self.tr("{date} (%n day(s) overdue)", "", days).format(date=due)
            return due
        if column == COL_RENEWALS:
            return str(row.loan.renewals)
        return ""
