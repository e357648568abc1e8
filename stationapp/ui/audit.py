"""Administration > Audit trail: who did what to which record, filtered, paged and exported."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services import audit
from stationapp.ui import layout_state
from stationapp.ui.dates import EARLIEST_DATE, date_edit, short_text
from stationapp.ui.exporting import export_list
from stationapp.ui.forms import (
    CLOSE,
    BarDialog,
    add_button,
    dialog_buttons,
    single_shot,
)
from stationapp.ui.table_model import (
    ColumnCells,
    PagedTableModel,
    actor_pages,
    enter_list,
    follow_count,
    setup_list_view,
)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100
DEFAULT_DAYS = 30
COL_AT, COL_STAFF, COL_ACTION, COL_ENTITY, COL_ENTITY_ID, COL_DETAILS = range(6)


def when_text(entry: AuditEntry) -> str:
    """The locale's date with the time to the second (an audit trail needs the seconds)."""
    moment = entry.at
    day = short_text(QDate(moment.year, moment.month, moment.day))
    return f"{day} {moment:%H:%M:%S}"


class AuditTableModel(ColumnCells, PagedTableModel):
    """The loaded pages of the trail; more pages come as the view scrolls."""

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            *actor_pages(actor, audit.list_entries, audit.count_entries),
            parent,
            filt=audit.AuditFilter(),
            page_size=PAGE_SIZE,
        )
        self.actor = actor
        self.headers = [
            self.tr("When"),
            self.tr("Staff"),
            self.tr("Action"),
            self.tr("Record kind"),
            self.tr("Record no."),
            self.tr("Details"),
        ]
        self.columns = (
            when_text,
            audit.staff_name,
            lambda entry: audit.action_label(entry.action),
            lambda entry: audit.entity_label(entry.entity),
            lambda entry: "" if entry.entity_id is None else str(entry.entity_id),
            lambda entry: audit.details_summary(entry.details),
        )

    entry_at = PagedTableModel.row_at

    def tool_tip(self, entry: AuditEntry, column: int) -> Any:
        if column in (COL_ACTION, COL_ENTITY):
            return entry.action if column == COL_ACTION else entry.entity
        return None


def _labelled_combo(row: QHBoxLayout, label_text: str) -> QComboBox:
    """A filter's choice at the end of ``row``, after its label (whose access key selects it)."""
    combo = QComboBox()
    label = QLabel(label_text)
    label.setBuddy(combo)
    row.addWidget(label)
    row.addWidget(combo, 1)
    return combo


class AuditDialog(BarDialog):
    """The trail for administrators: filters, a paged table, the details of the entry chosen,
    the count and the export. Ctrl+F goes to the search; Enter on a row to its details."""

    TABLE_NAME = "audit"
    SPLITTER_NAME = "audit"

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Audit trail"), parent)
        layout = self.column

        filters = QHBoxLayout()
        self.staff_combo = _labelled_combo(filters, self.tr("S&taff"))
        self.action_combo = _labelled_combo(filters, self.tr("&Action"))
        self.entity_combo = _labelled_combo(filters, self.tr("&Record kind"))
        self.entity_id = QLineEdit()
        self.entity_id.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.entity_id.setPlaceholderText(self.tr("Record no."))
        self.entity_id.setClearButtonEnabled(True)
        self.entity_id.setMaximumWidth(110)
        filters.addWidget(self.entity_id)
        layout.addLayout(filters)

        second = QHBoxLayout()
        from_label = QLabel(self.tr("&From"))
        self.date_from = date_edit(earliest=EARLIEST_DATE)
        from_label.setBuddy(self.date_from)
        second.addWidget(from_label)
        second.addWidget(self.date_from)
        to_label = QLabel(self.tr("T&o"))
        self.date_to = date_edit(earliest=EARLIEST_DATE)
        to_label.setBuddy(self.date_to)
        second.addWidget(to_label)
        second.addWidget(self.date_to)
        self.search = QLineEdit()
        self.search.setMaxLength(100)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search the details (Ctrl+F)"))
        second.addWidget(self.search, 2)
        self.count_label = QLabel()
        second.addWidget(self.count_label)
        self.export_button = add_button(
            second,
            self.tr("&Export…"),
            self.export,
            self.tr("Save the entries shown as Excel or CSV"),
        )
        layout.addLayout(second)

        self.model = AuditTableModel(actor, self)
        follow_count(self.count_label, self.model, lambda n: self.tr("%n entries", "", n))
        self.table = layout_state.leave_on_tab(QTableView())
        setup_list_view(self.table, self.model)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Choose an entry to see its details."))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)

        buttons = dialog_buttons(self, layout, buttons=CLOSE)
        # Enter belongs to the search (to the list) and the list (to the details): no button
        # of the dialog may take it as its default.
        for button in (self.export_button, buttons.button(QDialogButtonBox.StandardButton.Close)):
            button.setAutoDefault(False)
            button.setDefault(False)

        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._search_timer = single_shot(
            self, 250, self.refresh
        )  # one query per pause in typing, not per key

        start = today() - timedelta(days=DEFAULT_DAYS)
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        end = today()
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self._load_choices()
        for combo in (self.staff_combo, self.action_combo, self.entity_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.entity_id.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.focus_table)
        self.entity_id.returnPressed.connect(self.focus_table)

        self.resize(1100, 680)
        layout_state.restore_columns(self.table, self.TABLE_NAME, (150, 150, 150, 120, 80))
        layout_state.restore_splitter(self.splitter, self.SPLITTER_NAME)
        self.refresh()
        self.search.setFocus()

    # --- state --------------------------------------------------------------------------

    def done(self, result: int) -> None:
        layout_state.save_columns(self.table, self.TABLE_NAME)
        layout_state.save_splitter(self.splitter, self.SPLITTER_NAME)
        self._search_timer.stop()
        super().done(result)

    # --- filters ------------------------------------------------------------------------

    def _load_choices(self) -> None:
        """Fill the three lists from what the trail holds, keeping what was chosen."""
        try:
            staff = audit.staff_choices(self.actor)
            actions = audit.actions(self.actor)
            entities = audit.entities(self.actor)
        except UserError as exc:
            self.bar.show_message(exc.message)
            staff, actions, entities = [], [], []
        combos: list[tuple[QComboBox, str, list[tuple[str, object]]]] = [
            (
                self.staff_combo,
                self.tr("Everyone"),
                [(f"{s.display_name} ({s.username})", s.id) for s in staff],
            ),
            (
                self.action_combo,
                self.tr("All actions"),
                sorted(((audit.action_label(a), a) for a in actions), key=lambda x: x[0]),
            ),
            (
                self.entity_combo,
                self.tr("All kinds of record"),
                sorted(((audit.entity_label(e), e) for e in entities), key=lambda x: x[0]),
            ),
        ]
        for combo, everything, items in combos:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
            combo.blockSignals(False)

    def current_filter(self) -> audit.AuditFilter:
        record = self.entity_id.text().strip()
        return audit.AuditFilter(
            staff_id=self.staff_combo.currentData(),
            action=self.action_combo.currentData(),
            entity=self.entity_combo.currentData(),
            entity_id=int(record) if record.isdigit() else None,
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            text=self.search.text(),
        )

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        self.refresh()
        enter_list(self.table)

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        self._search_timer.stop()
        self.bar.hide()
        try:
            self.model.reload(self.current_filter())
        except UserError as exc:
            self.bar.show_message(exc.message)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.details.clear()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_details(self.model.entry_at(current.row()))

    def _activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) on a row: its details, with the focus there to read them."""
        self.show_details(self.model.entry_at(index.row()))
        self.details.setFocus()

    def show_details(self, entry: AuditEntry | None) -> None:
        if entry is None:
            self.details.clear()
            return
        record = audit.entity_label(entry.entity)
        if entry.entity_id is not None:
            record += f" #{entry.entity_id}"
        lines = [
            f"{when_text(entry)}　{audit.staff_name(entry)}",
            f"{audit.action_label(entry.action)}　{record}",
            f"({entry.action} / {entry.entity})",
        ]
        body = audit.details_text(entry.details)
        if body:
            lines += ["", body]
        self.details.setPlainText("\n".join(lines))

    # --- export -------------------------------------------------------------------------

    def export(self) -> None:
        filt = self.current_filter()
        done = export_list(
            self,
            self.bar,
            title=self.tr("Export the audit trail"),
            label=self.tr("Exporting the audit trail…"),
            file_name=self.tr("audit-trail-{date}.xlsx").format(date=today().isoformat()),
            total=self.model.count_now,
            write=lambda path, progress: audit.export_entries(
                self.actor, filt, path, progress=progress
            ),
        )
        if done is None:
            return
        path, written = done
        self._load_choices()
        self.refresh()
        self.bar.show_message(
            self.tr("Exported %n entries to {path}", "", written).format(path=str(path)), "info"
        )
