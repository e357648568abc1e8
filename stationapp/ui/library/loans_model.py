"""The borrower's current loans at the circulation desk: title, barcode, due date (red and
saying so when overdue), renewals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor

from stationapp.db import today
from stationapp.services.library import LoanRow
from stationapp.ui.dates import short_text
from stationapp.ui.table_model import ColumnCells, RowsTableModel

Index = QModelIndex | QPersistentModelIndex


OVERDUE_COLOR = QColor("#b3261e")
COL_TITLE, COL_BARCODE, COL_DUE, COL_RENEWALS = range(4)


class CurrentLoansTableModel(ColumnCells, RowsTableModel):
    """The borrower's open loans; overdue ones in red."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LoanRow] = []
        self.on = today()
        self.headers = [self.tr("Title"), self.tr("Barcode"), self.tr("Due"), self.tr("Renewals")]
        self.columns = (
            lambda row: row.title,
            lambda row: row.barcode,
            self._due_text,
            lambda row: str(row.loan.renewals),
        )

    def set_rows(self, rows: list[LoanRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.on = today()
        self.endResetModel()

    def loan_row(self, row: int) -> LoanRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def is_overdue(self, row: LoanRow) -> bool:
        return row.loan.due_on < self.on

    @staticmethod
    def key_of(row: LoanRow) -> int:
        return row.loan.id

    def foreground(self, row: LoanRow) -> Any:
        return QBrush(OVERDUE_COLOR) if self.is_overdue(row) else None

    def _due_text(self, row: LoanRow) -> str:
        due = short_text(row.loan.due_on)
        if self.is_overdue(row):
            days = (self.on - row.loan.due_on).days
            return self.tr("{date} (%n day(s) overdue)", "", days).format(date=due)
        return due
