"""The mobile book house (流动书屋): boxes, packing, lending a box to a workplace, taking it back
by scanning its books, and the two printed sheets (交接单 and 清点结果)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.library import Box
from stationapp.services import accounts, library_boxes
from stationapp.services.library_boxes import Reconciliation
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import add_button, layout_with_bar, reports_user_errors
from stationapp.ui.layout_state import leave_on_tab, restore_columns, save_columns
from stationapp.ui.library.box_dialogs import (
    OVERDUE_COLOR,
    LendBoxDialog,
    NewBoxDialog,
    PackDialog,
    ReturnBoxDialog,
)
from stationapp.ui.library.box_sheets import preview_handover, preview_reconciliation
from stationapp.ui.table_model import ColumnCells, RowsTableModel, setup_list_view

Index = QModelIndex | QPersistentModelIndex


# --- the list of boxes --------------------------------------------------------------------------

COL_BARCODE, COL_NAME, COL_BOOKS, COL_STATE, COL_WHERE, COL_DUE = range(6)


class BoxTableModel(ColumnCells, RowsTableModel):
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
        self.columns = (
            lambda box: box.barcode,
            lambda box: box.name,
            lambda box: QLocale().toString(box.copy_count),
            lambda box: library_boxes.box_state_label(box.state),
            self._where,
            self._due_text,
        )

    def reload(self) -> None:
        self.set_rows(library_boxes.list_boxes(self.actor))

    def box_at(self, row: int) -> Box | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @staticmethod
    def is_overdue(box: Box) -> bool:
        loan = box.current_loan
        return loan is not None and loan.due_on < today()

    def foreground(self, box: Box) -> Any:
        return QBrush(OVERDUE_COLOR) if self.is_overdue(box) else None

    def _where(self, box: Box) -> str:
        loan = box.current_loan
        return loan.organization.name if loan is not None else self.tr("At the station")

    def _due_text(self, box: Box) -> str:
        loan = box.current_loan
        if loan is None:
            return ""
        due = short_text(loan.due_on)
        if self.is_overdue(box):
            days = (today() - loan.due_on).days
            return self.tr("{date} (%n day(s) overdue)", "", days).format(date=due)
        return due


# --- the boxes part of the library tab ----------------------------------------------------------


class BoxesWidget(QWidget):
    """The boxes of the mobile book house: where each one is and when it is due back."""

    TABLE_NAME = "library_boxes"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.can_manage = accounts.has_permission(actor, "library.boxes")
        layout, self.bar = layout_with_bar(self)
        buttons = QHBoxLayout()
        self.new_button = add_button(buttons, self.tr("New bo&x…"), self.new_box)
        self.pack_button = add_button(buttons, self.tr("Pa&ck…"), self.pack_selected)
        self.pack_button.setToolTip(self.tr("Scan books into the selected box"))
        self.lend_button = add_button(
            buttons, self.tr("Lend to a workplace… (&J)"), self.lend_selected
        )
        self.return_button = add_button(buttons, self.tr("Retur&n…"), self.return_selected)
        self.return_button.setToolTip(self.tr("Scan the books of a box that came back"))
        self.handover_button = add_button(
            buttons, self.tr("Print handover &sheet…"), self.print_handover
        )
        self.reconciliation_button = add_button(
            buttons, self.tr("Print rec&onciliation…"), self.print_reconciliation
        )
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.model = BoxTableModel(actor, self)
        self.table = leave_on_tab(QTableView())
        setup_list_view(self.table, self.model)
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

    def _chosen_box(self, *, lent: bool) -> Box | None:
        """The current box when it is out on loan (``lent``) or at the station (not ``lent``)."""
        box = self.current_box()
        if box is None or (box.current_loan is not None) != lent:
            return None
        return box

    def _run_then_refresh(self, dialog: QDialog) -> None:
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def pack_selected(self) -> None:
        box = self._chosen_box(lent=False)
        if box is not None:
            self._run_then_refresh(PackDialog(self.actor, box, self))

    def lend_selected(self) -> None:
        box = self._chosen_box(lent=False)
        if box is None:
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
        box = self._chosen_box(lent=True)
        if box is not None:
            self._run_then_refresh(ReturnBoxDialog(self.actor, box, box.current_loan, self))

    @reports_user_errors
    def print_handover(self) -> None:
        box = self._chosen_box(lent=True)
        if box is not None:
            preview_handover(self.actor, box, box.current_loan, self)

    @reports_user_errors
    def print_reconciliation(self) -> None:
        box = self.current_box()
        if box is None:
            return
        loan = library_boxes.last_box_loan(self.actor, box.id, returned_only=True)
        reconciliation = (
            Reconciliation.from_json(loan.reconciliation) if loan and loan.reconciliation else None
        )
        if loan is None or reconciliation is None:
            self.bar.show_message(self.tr("This box has not come back from a loan yet."), "info")
            return
        preview_reconciliation(box, loan, reconciliation, self)
