"""The Dispute mediation tab (劳动争议调解): deadlines, the case list, one case, filing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.mediation import STATES, MediationCase
from stationapp.services import mediation
from stationapp.services.accounts import has_permission
from stationapp.ui import layout_state
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import day_text
from stationapp.ui.exporting import ask_spreadsheet_path
from stationapp.ui.forms import (
    choice_box,
    label_row,
    layout_with_bar,
    reports_user_errors,
    search_box,
)
from stationapp.ui.mediation.case_page import CasePage
from stationapp.ui.mediation.intake import CaseIntakeDialog
from stationapp.ui.table_model import (
    PagedTableModel,
    actor_pages,
    follow_count,
    list_beside_page,
    remembered_list,
)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100
# The key columns (state, due date) come before the long names, so they never hide behind
# horizontal scrolling (UX.md, Lists); the respondent, the longest text, takes the spare width.
COL_NUMBER, COL_STATE, COL_DUE, COL_RECEIVED, COL_APPLICANTS, COL_RESPONDENT = range(6)
OVERDUE = QColor("#b3261e")


class CaseTableModel(PagedTableModel):
    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            *actor_pages(actor, mediation.list_cases, mediation.count_cases),
            parent,
            filt=mediation.CaseFilter(),
            page_size=PAGE_SIZE,
        )
        self.actor = actor
        self.applicants: dict[int, list] = {}
        self.headers = [
            self.tr("Case number"),
            self.tr("State"),
            self.tr("Mediation due"),
            self.tr("Received"),
            self.tr("Applicants"),
            self.tr("Respondent"),
        ]

    def page_loaded(self, page: list[MediationCase], *, first: bool) -> None:
        applicants = mediation.applicants_of(page)
        self.applicants = applicants if first else {**self.applicants, **applicants}

    case_at = PagedTableModel.row_at

    def _overdue(self, case: MediationCase) -> bool:
        mediating = case.state in ("registered", "accepted", "in_mediation", "agreement_draft")
        return mediating and mediation.current_due(case) < today()

    def cell(self, case: MediationCase, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NUMBER:
                return case.number
            if column == COL_RECEIVED:
                return day_text(case.received_at)
            if column == COL_APPLICANTS:
                names = [p.name for p in self.applicants.get(case.id, [])]
                if len(names) > 3:
                    return self.tr("{names} and %n more", "", len(names) - 3).format(
                        names="、".join(names[:3])
                    )
                return "、".join(names)
            if column == COL_RESPONDENT:
                return case.respondent.name
            if column == COL_STATE:
                return mediation.state_label(case.state)
            if column == COL_DUE:
                due = day_text(mediation.current_due(case))
                # Overdue is said in words too, not only in red (UX.md, The screen).
                return due + "　" + self.tr("overdue") if self._overdue(case) else due
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DUE and self._overdue(case):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.UserRole:
            return case.id
        return None


class CasesTab(QWidget):
    TABLE_NAME = "case_list"  # the columns were reordered: widths saved for "cases" do not fit
    SPLITTER_NAME = "cases"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.can_read = has_permission(actor, "case.read")
        layout, self.bar = layout_with_bar(self)
        self.deadline_label, (self.new_button, self.export_button) = label_row(
            layout,
            (
                self.tr("&New application…"),
                self.new_case,
                self.tr("File a mediation application (Ctrl+N)"),
            ),
            (self.tr("E&xport ledger…"), self.export_ledger),
        )
        self.export_button.setVisible(has_permission(actor, "case.export"))
        QShortcut(QKeySequence.StandardKey.New, self, self.new_case).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        if not self.can_read:
            self._build_front_desk(layout)
            bus.changed.connect(self._on_changed)
            self.refresh()
            return

        self.deadlines = QListWidget()
        self.deadlines.setMaximumHeight(120)
        self.deadlines.itemActivated.connect(self._open_deadline)
        self.deadlines.itemClicked.connect(self._open_deadline)
        layout.addWidget(self.deadlines)
        filters = QHBoxLayout()
        self.search = search_box(
            self.tr("Search: case number, applicant or employer (Ctrl+F)"),
            self.focus_table,
            max_length=60,
        )
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._open_first)
        filters.addWidget(self.search, 2)
        self.state = choice_box(STATES, mediation.state_label, first=(self.tr("All states"), None))
        self.state.currentIndexChanged.connect(self.refresh)
        filters.addWidget(self.state)
        self.open_only = QCheckBox(self.tr("Open cases only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.refresh)
        filters.addWidget(self.open_only)
        self.mine = QCheckBox(self.tr("M&y cases"))
        self.mine.toggled.connect(self.refresh)
        filters.addWidget(self.mine)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.model = CaseTableModel(actor, self)
        follow_count(self.count_label, self.model, lambda n: self.tr("%n cases", "", n))
        self.table = remembered_list(
            self.model, self.TABLE_NAME, COL_RESPONDENT, (170, 90, 90, 60, 110, 170)
        )
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = QLabel(self.tr("No cases match."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page = CasePage(actor)
        self.page.changed.connect(self.refresh)
        self.page.set_tab_keys_scope(self)  # the case's tabs turn from the list too
        self.splitter = list_beside_page(self.table, self.empty, self.page, (560, 640))
        layout.addWidget(self.splitter, 1)
        layout_state.restore_splitter(self.splitter, self.SPLITTER_NAME)
        bus.changed.connect(self._on_changed)
        self.refresh()

    def _build_front_desk(self, layout: QVBoxLayout) -> None:
        """The front desk files applications and sees their numbers and states, nothing more."""
        layout.addWidget(QLabel(self.tr("Applications you filed (number and state):")))
        self.filed = QListWidget()
        layout.addWidget(self.filed, 1)

    def save_state(self) -> None:
        if self.can_read:
            layout_state.save_columns(self.table, self.TABLE_NAME)
            layout_state.save_splitter(self.splitter, self.SPLITTER_NAME)

    def focus_search(self) -> None:
        if self.can_read:
            self.search.setFocus()
            self.search.selectAll()
        else:
            self.new_button.setFocus()

    def focus_table(self) -> None:
        """Into the list, on its first case: the one the search found first."""
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def _on_changed(self, entity: str) -> None:
        if entity in ("case", "person", "organization"):
            self.refresh()

    @reports_user_errors
    def refresh(self, *_args: object) -> None:
        if not self.can_read:
            self.filed.clear()
            for filed in mediation.filed_by_me(self.actor):
                self.filed.addItem(f"{filed.number}　{mediation.state_label(filed.state)}")
            self.deadline_label.clear()
            return
        self._refresh_deadlines()
        selected = self.page.case.id if self.page.case is not None else None
        self.model.reload(
            mediation.CaseFilter(
                state=self.state.currentData(),
                open_only=self.open_only.isChecked(),
                mediator_id=self.actor.id if self.mine.isChecked() else None,
                text=self.search.text(),
            )
        )
        self.empty.setVisible(self.model.rowCount() == 0)
        if selected is not None:
            self.model.select(self.table, selected)

    def _open_first(self) -> None:
        """Enter in the search box opens the first case found and moves into the list."""
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def _refresh_deadlines(self) -> None:
        on = today()
        items = mediation.deadlines(self.actor, on=on)
        overdue = sum(1 for d in items if d.overdue(on))
        self.deadline_label.setText(
            self.tr("Deadlines: %n overdue", "", overdue)
            + "，"
            + self.tr("%n due within 3 days", "", len(items) - overdue)
        )
        self.deadline_label.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue else "")
        self.deadlines.clear()
        for deadline in items:
            text = f"{day_text(deadline.due)}　" + (
                f"{deadline.label()}　{deadline.number}　{deadline.respondent}"
            )
            if deadline.overdue(on):
                text += "　" + self.tr("overdue")  # in words too, not only in red
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, deadline.case_id)
            if deadline.overdue(on):
                item.setForeground(QBrush(OVERDUE))
            self.deadlines.addItem(item)
        self.deadlines.setVisible(bool(items))

    def deadline_count(self) -> int:
        return self.deadlines.count() if self.can_read else 0

    def _open_deadline(self, item: QListWidgetItem) -> None:
        self.open_case(item.data(Qt.ItemDataRole.UserRole))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = self.model.case_at(current.row())
        if case is not None and (self.page.case is None or self.page.case.id != case.id):
            self.page.show_case(case.id)

    def open_case(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        if row < 0:
            self.open_only.setChecked(False)
            self.state.setCurrentIndex(0)
            self.search.clear()
            row = self.model.row_of(case_id)
        if row >= 0:
            self.table.selectRow(row)  # shows the case through the selection
        if self.page.case is None or self.page.case.id != case_id:
            self.page.show_case(case_id)

    def new_case(self, *, person_id: int | None = None, visit_id: int | None = None) -> None:
        if not has_permission(self.actor, "case.create"):
            return
        dialog = CaseIntakeDialog(self.actor, self, person_id=person_id, visit_id=visit_id)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.case is None:
            return
        self.bar.show_message(
            self.tr("Application filed: {number}.").format(number=dialog.case.number), "info"
        )
        self.refresh()
        if self.can_read:
            self.open_case(dialog.case.id)

    @reports_user_errors
    def export_ledger(self) -> None:
        path = ask_spreadsheet_path(
            self, self.tr("Export the case ledger"), Path("case-ledger.xlsx")
        )
        if path is None:
            return
        rows = mediation.export_ledger(self.actor, path)
        self.bar.show_message(
            self.tr("Exported %n cases to {path}", "", rows).format(path=path), "info"
        )
