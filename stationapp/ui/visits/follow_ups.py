"""Visits waiting for materials, overdue first; completing one is one action."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.visits import VisitPurpose
from stationapp.services import accounts, visits
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import (
    empty_state,
    label_row,
    layout_with_bar,
    reports_user_errors,
)
from stationapp.ui.layout_state import save_columns
from stationapp.ui.table_model import ColumnCells, RowsTableModel, remembered_list

COL_DUE, COL_VISITOR, COL_PHONE, COL_SERVICE, COL_MISSING, COL_ARRIVED = range(6)
OVERDUE_COLOR = QColor("#b3261e")


class FollowUpTableModel(ColumnCells, RowsTableModel):
    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.rows: list[VisitPurpose] = []
        self.headers = [
            self.tr("Due"),
            self.tr("Visitor"),
            self.tr("Phone"),
            self.tr("Service"),
            self.tr("Missing materials"),
            self.tr("Visited"),
        ]
        self.columns = (
            self._due_text,
            lambda purpose: (
                purpose.visit.person.name if purpose.visit.person_id else self.tr("Anonymous")
            ),
            lambda purpose: purpose.visit.person.phone if purpose.visit.person_id else "",
            lambda purpose: purpose.service.name,
            lambda purpose: "、".join(purpose.materials_missing),
            lambda purpose: short_text(purpose.visit.arrived_at.date()),
        )

    def reload(self) -> None:
        self.set_rows(visits.follow_ups(self.actor))

    def overdue_count(self) -> int:
        return sum(1 for row in self.rows if visits.is_overdue(row))

    def purpose_at(self, row: int) -> VisitPurpose | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def foreground(self, purpose: VisitPurpose) -> Any:
        return QBrush(OVERDUE_COLOR) if visits.is_overdue(purpose) else None

    def _due_text(self, purpose: VisitPurpose) -> str:
        due = short_text(purpose.due_on)
        if visits.is_overdue(purpose):
            days = (today() - purpose.due_on).days
            return self.tr("{date} (%n days overdue)", "", days).format(date=due)
        return due


class FollowUpsWidget(QWidget):
    TABLE_NAME = "visit_follow_ups"
    MISSING_COLUMN = 4

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout, self.bar = layout_with_bar(self)
        self.summary, [self.complete_button] = label_row(
            layout,
            (
                self.tr("Materials brought: &complete"),
                self.complete_current,
                self.tr("The visitor brought what was missing; the purpose is done (Enter)"),
            ),
        )
        if not accounts.has_permission(actor, "visit.update"):
            self.complete_button.hide()  # not setVisible(True): see VisitForm
        self.model = FollowUpTableModel(actor, self)
        # The missing materials carry the most text: they take the spare width.
        self.table = remembered_list(
            self.model, self.TABLE_NAME, self.MISSING_COLUMN, (210, 90, 110, 170, 260)
        )
        self.table.activated.connect(lambda _index: self.complete_current())
        self.empty, self.stack = empty_state(
            self.table, self.tr("No one is waiting to bring materials.")
        )
        layout.addWidget(self.stack, 1)
        complete = QShortcut(QKeySequence("Ctrl+D"), self, self.complete_current)
        complete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bus.changed.connect(self._on_changed)
        self.refresh()

    def save_state(self) -> None:
        save_columns(self.table, self.TABLE_NAME)

    def _on_changed(self, entity: str) -> None:
        if entity in ("visit", "person", "service"):
            self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        total = self.model.rowCount()
        overdue = self.model.overdue_count()
        self.summary.setText(
            self.tr("%n waiting for materials", "", total)
            + ("；" + self.tr("%n overdue", "", overdue) if overdue else "")
        )
        self.stack.setCurrentWidget(self.table if total else self.empty)
        if total and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    @reports_user_errors
    def complete_current(self) -> None:
        purpose = self.model.purpose_at(self.table.currentIndex().row())
        if purpose is None:
            return
        visits.complete_follow_up(self.actor, purpose.id)
        who = purpose.visit.person.name if purpose.visit.person_id else self.tr("Anonymous")
        self.bar.show_message(
            self.tr("Completed: {who}, {service}.").format(who=who, service=purpose.service.name),
            "info",
        )
