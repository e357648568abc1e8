"""Why a catalogue spreadsheet was not imported, row by row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.services.library_import import ImportRefused
from stationapp.ui.forms import dialog_buttons
from stationapp.ui.layout_state import leave_on_tab

MAX_PROBLEMS_SHOWN = 1000


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
        buttons = dialog_buttons(self, outer, buttons=QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy the list"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_list)

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
