"""The visit log (来访记录): filter, page through and export the visits."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.visits import CHANNELS, OUTCOMES, Visit, VisitPurpose
from stationapp.services import accounts, people
from stationapp.services.visits import (
    VisitFilter,
    channel_label,
    count_visits,
    export_visits,
    list_services,
    list_visits,
    outcome_label,
    purposes_of,
    rating_label,
)
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import EARLIEST_DATE, date_edit, short_text
from stationapp.ui.exporting import export_shown
from stationapp.ui.forms import add_button, choice_box, empty_state, layout_with_bar
from stationapp.ui.layout_state import save_columns
from stationapp.ui.people.picker import PersonPicker
from stationapp.ui.table_model import (
    ColumnCells,
    PagedTableModel,
    enter_list,
    follow_count,
    remembered_list,
)

PAGE_SIZE = 100

(
    COL_ARRIVED,
    COL_VISITOR,
    COL_PHONE,
    COL_CHANNEL,
    COL_PURPOSES,
    COL_OUTCOME,
    COL_STAFF,
    COL_RATING,
) = range(8)

# The date-range choices of the filter row; CUSTOM means "whatever the two date fields say".
RANGE_TODAY, RANGE_WEEK, RANGE_MONTH, RANGE_YEAR, RANGE_ALL, RANGE_CUSTOM = range(6)


def preset_range(preset: int, day: date) -> tuple[date | None, date | None]:
    """The dates a preset covers on ``day``; a week starts on Monday, as in China."""
    if preset == RANGE_TODAY:
        return day, day
    if preset == RANGE_WEEK:
        return day - timedelta(days=day.weekday()), day
    if preset == RANGE_MONTH:
        return day.replace(day=1), day
    if preset == RANGE_YEAR:
        return day.replace(month=1, day=1), day
    return None, None


class VisitTableModel(ColumnCells, PagedTableModel):
    """The loaded pages of the log; more pages come as the view scrolls (canFetchMore)."""

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            lambda filt, offset, limit: list_visits(actor, filt, offset=offset, limit=limit),
            lambda filt: count_visits(actor, filt),
            parent,
            filt=VisitFilter(),
            page_size=PAGE_SIZE,
        )
        self.actor = actor
        self.purposes: dict[int, list[VisitPurpose]] = {}
        self.headers = [
            self.tr("Arrived"),
            self.tr("Visitor"),
            self.tr("Phone"),
            self.tr("Channel"),
            self.tr("Purposes"),
            self.tr("Outcome"),
            self.tr("Received by"),
            self.tr("Rating"),
        ]
        self.columns = (
            lambda visit: short_text(visit.arrived_at),
            lambda visit: visit.person.name if visit.person_id else self.tr("Anonymous"),
            lambda visit: visit.person.phone if visit.person_id else "",
            lambda visit: channel_label(visit.channel),
            lambda visit: "、".join(p.service.name for p in self.purposes.get(visit.id, [])),
            lambda visit: "、".join(
                outcome_label(p.outcome) for p in self.purposes.get(visit.id, [])
            ),
            lambda visit: visit.staff.display_name,
            lambda visit: "" if visit.rating == "unrated" else rating_label(visit.rating),
        )

    def page_loaded(self, page: list[Visit], *, first: bool) -> None:
        purposes = purposes_of(page)
        self.purposes = purposes if first else {**self.purposes, **purposes}

    visit_at = PagedTableModel.row_at

    # --- Qt model --------------------------------------------------------------------------------

    def tool_tip(self, visit: Visit, column: int) -> Any:
        if column in (COL_PURPOSES, COL_OUTCOME):
            return self._details(visit)
        if column == COL_VISITOR and visit.notes:
            return visit.notes
        return None

    def _details(self, visit: Visit) -> str:
        """Each purpose with its outcome and what it is waiting for, one per line."""
        lines = []
        for purpose in self.purposes.get(visit.id, []):
            line = self.tr("{service}: {outcome}").format(
                service=purpose.service.name, outcome=outcome_label(purpose.outcome)
            )
            if purpose.outcome == "referred" and purpose.referred_to:
                line += self.tr(" (to {whom})").format(whom=purpose.referred_to)
            elif purpose.outcome == "declined" and purpose.decline_reason:
                line += self.tr(" ({reason})").format(reason=purpose.decline_reason)
            elif purpose.outcome == "waiting" and purpose.materials_missing:
                due = short_text(purpose.due_on) if purpose.due_on else ""
                line += self.tr(" (missing: {materials}; by {due})").format(
                    materials="、".join(purpose.materials_missing), due=due
                )
            lines.append(line)
        return "\n".join(lines)


class PersonFilter(QWidget):
    """The log's person filter: a button that opens a person picker, and a clear button."""

    changed = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.person_id: int | None = None
        self._name = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.button = add_button(
            row, "", self.open_picker, self.tr("Show the visits of one person")
        )
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(self.tr("Show everyone's visits"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)

        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        popup_layout = QVBoxLayout(self.popup)
        popup_layout.setContentsMargins(4, 4, 4, 4)
        # A filter only finds people; registering someone belongs to the visit form.
        self.picker = PersonPicker(
            actor, self.popup, on_chosen=self._chosen, on_new=lambda _text: self.popup.hide()
        )
        popup_layout.addWidget(self.picker)
        self.popup.setMinimumWidth(420)
        self._show_state()

    def open_picker(self) -> None:
        self.picker.clear()
        self.popup.move(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        self.popup.show()
        self.picker.setFocus()

    def _chosen(self, person_id: int) -> None:
        self.popup.hide()
        self.set_person(person_id)

    def set_person(self, person_id: int | None) -> None:
        """Filter on ``person_id`` (None: everyone)."""
        if person_id is None:
            self.clear()
            return
        try:
            person = people.get_person(self.actor, person_id)
        except UserError:
            self.clear()
            return
        self.person_id = person.id
        self._name = person.name
        self._show_state()
        self.changed.emit()

    def clear(self) -> None:
        had = self.person_id is not None
        self.person_id = None
        self._show_state()
        if had:
            self.changed.emit()
        self.button.setFocus()

    def _show_state(self) -> None:
        if self.person_id is None:
            self.button.setText(self.tr("Any person…"))
        else:
            self.button.setText(self._name)
        self.clear_button.setVisible(self.person_id is not None)


class VisitLogWidget(QWidget):
    """The log of visits with its filters, count, and the Excel export.

    Enter or a double click on a row asks (``open_visit_requested``) for the visit to be opened;
    the tab holding this widget opens the correction dialog.
    """

    TABLE_NAME = "visits_log"

    open_visit_requested = Signal(int)

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.bus = bus
        layout, self.bar = layout_with_bar(self)

        # Two rows, so the window still fits a small screen.
        filters = QHBoxLayout()
        second = QHBoxLayout()
        self.range_combo = QComboBox()
        self.range_combo.addItem(self.tr("Today"), RANGE_TODAY)
        self.range_combo.addItem(self.tr("This week"), RANGE_WEEK)
        self.range_combo.addItem(self.tr("This month"), RANGE_MONTH)
        self.range_combo.addItem(self.tr("This year"), RANGE_YEAR)
        self.range_combo.addItem(self.tr("All dates"), RANGE_ALL)
        self.range_combo.addItem(self.tr("Chosen dates"), RANGE_CUSTOM)
        self.range_combo.setCurrentIndex(RANGE_MONTH)
        range_label = QLabel(self.tr("Whe&n"))
        range_label.setBuddy(self.range_combo)
        filters.addWidget(range_label)
        filters.addWidget(self.range_combo)
        self.date_from = date_edit(earliest=EARLIEST_DATE)
        self.date_to = date_edit(earliest=EARLIEST_DATE)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)

        self.purpose_combo = QComboBox()
        self.purpose_combo.setMinimumContentsLength(10)
        self.purpose_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        purpose_label = QLabel(self.tr("P&urpose"))
        purpose_label.setBuddy(self.purpose_combo)
        filters.addWidget(purpose_label)
        filters.addWidget(self.purpose_combo, 1)

        self.channel_combo = QComboBox()
        self.channel_combo.addItem(self.tr("All channels"), None)
        for channel in CHANNELS:
            self.channel_combo.addItem(channel_label(channel), channel)
        second.addWidget(self.channel_combo)

        self.outcome_combo = choice_box(
            OUTCOMES, outcome_label, first=(self.tr("All outcomes"), None)
        )
        second.addWidget(self.outcome_combo)

        self.only_mine = QCheckBox(self.tr("Onl&y mine"))
        self.only_mine.setToolTip(self.tr("Only the visits I received"))
        second.addWidget(self.only_mine)

        self.person_filter = PersonFilter(actor)
        second.addWidget(self.person_filter)
        layout.addLayout(filters)

        status = second
        self.count_label = QLabel()
        status.addWidget(self.count_label)
        status.addStretch(1)
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.setToolTip(self.tr("Save the visits shown as an Excel workbook"))
        self.export_button.clicked.connect(self.export)
        if not accounts.has_permission(actor, "visit.export"):
            self.export_button.hide()  # not setVisible(True): see VisitForm
        status.addWidget(self.export_button)
        layout.addLayout(status)

        self.model = VisitTableModel(actor, self)
        follow_count(self.count_label, self.model, lambda n: self.tr("%n visits", "", n))
        # 来访事项 carries the most text: it takes the spare width, not the last column (满意度).
        self.table = remembered_list(
            self.model, self.TABLE_NAME, COL_PURPOSES, (130, 90, 110, 70, 220, 120, 90)
        )
        self.table.activated.connect(self._activated)

        self.empty, self.stack = empty_state(self.table)
        layout.addWidget(self.stack, 1)

        self._reload_services()
        self._apply_preset()
        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.date_from.dateChanged.connect(self._date_edited)
        self.date_to.dateChanged.connect(self._date_edited)
        for combo in (self.purpose_combo, self.channel_combo, self.outcome_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.only_mine.toggled.connect(self.refresh)
        self.person_filter.changed.connect(self.refresh)
        bus.changed.connect(self._on_changed)
        self.refresh()

    # --- state ----------------------------------------------------------------------

    def save_state(self) -> None:
        save_columns(self.table, self.TABLE_NAME)

    # --- filters ----------------------------------------------------------------------

    def _reload_services(self) -> None:
        current = self.purpose_combo.currentData()
        self.purpose_combo.blockSignals(True)
        self.purpose_combo.clear()
        self.purpose_combo.addItem(self.tr("All purposes"), None)
        try:
            services = list_services(self.actor, include_inactive=True)
        except UserError:
            services = []
        for service in services:
            label = service.name
            if not service.active:
                label = self.tr("{name} (no longer offered)").format(name=service.name)
            self.purpose_combo.addItem(label, service.id)
        self.purpose_combo.setCurrentIndex(max(self.purpose_combo.findData(current), 0))
        self.purpose_combo.blockSignals(False)

    def _apply_preset(self) -> None:
        """Show the preset's dates in the date fields; All dates greys them out."""
        preset = self.range_combo.currentData()
        start, end = preset_range(preset, today())
        for edit, value in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))
            edit.setEnabled(preset != RANGE_ALL)
            edit.blockSignals(False)

    def _range_changed(self) -> None:
        self._apply_preset()
        self.refresh()

    def _date_edited(self) -> None:
        """Typing a date makes the range a chosen one."""
        if self.range_combo.currentData() != RANGE_CUSTOM:
            self.range_combo.blockSignals(True)
            self.range_combo.setCurrentIndex(self.range_combo.findData(RANGE_CUSTOM))
            self.range_combo.blockSignals(False)
        self.refresh()

    def set_date_range(self, start: date | None, end: date | None) -> None:
        """Show the visits from ``start`` to ``end`` inclusive (both None: all dates)."""
        self.range_combo.blockSignals(True)
        if start is None and end is None:
            self.range_combo.setCurrentIndex(self.range_combo.findData(RANGE_ALL))
            self._apply_preset()
        else:
            self.range_combo.setCurrentIndex(self.range_combo.findData(RANGE_CUSTOM))
            for edit, value in ((self.date_from, start), (self.date_to, end)):
                edit.blockSignals(True)
                edit.setEnabled(True)
                if value is not None:
                    edit.setDate(QDate(value.year, value.month, value.day))
                edit.blockSignals(False)
        self.range_combo.blockSignals(False)
        self.refresh()

    def current_filter(self) -> VisitFilter:
        preset = self.range_combo.currentData()
        if preset == RANGE_CUSTOM:
            start: date | None = self.date_from.date().toPython()
            end: date | None = self.date_to.date().toPython()
        else:
            # Recomputed each time: a window left open overnight moves on to the new day.
            start, end = preset_range(preset, today())
        return VisitFilter(
            date_from=start,
            date_to=end,
            service_id=self.purpose_combo.currentData(),
            channel=self.channel_combo.currentData(),
            staff_id=self.actor.id if self.only_mine.isChecked() else None,
            outcome=self.outcome_combo.currentData(),
            person_id=self.person_filter.person_id,
        )

    # --- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the first page with the current filters, keeping the selected visit."""
        if self.range_combo.currentData() != RANGE_CUSTOM:
            self._apply_preset()
        try:
            self.model.reload_keeping(self.table, self.current_filter())
        except UserError as exc:
            self.bar.show_message(exc.message)
        self._update_counts()

    def _update_counts(self) -> None:
        self.export_button.setEnabled(self.model.rowCount() > 0)
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        self.empty.setText(self.tr("No visits match these filters."))
        self.stack.setCurrentWidget(self.empty)

    def _on_changed(self, entity: str) -> None:
        if entity == "service":
            self._reload_services()
        if entity in ("visit", "person", "service", "outreach"):
            self.refresh()

    def _activated(self, index: QModelIndex) -> None:
        visit = self.model.visit_at(index.row())
        if visit is not None:
            self.open_visit_requested.emit(visit.id)

    def focus_table(self) -> None:
        enter_list(self.table)

    # --- export -----------------------------------------------------------------------

    def export(self) -> None:
        if not accounts.has_permission(self.actor, "visit.export"):
            return
        filt = self.current_filter()
        export_shown(
            self,
            title=self.tr("Export visits"),
            label=self.tr("Exporting visits…"),
            file_name=self.tr("visits-{date}.xlsx"),
            write=lambda path, progress: export_visits(self.actor, filt, path, progress=progress),
            done=lambda written: self.tr("Exported %n visits to {path}", "", written),
        )
