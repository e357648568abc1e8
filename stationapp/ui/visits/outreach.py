"""Outreach (下社区、进楼宇、送服务): sessions at a workplace or community, and their visitors.

The desk enters a session's visitors in one batch when back at the station, from a sign-in sheet:
pick each known person, count the anonymous ones, save once.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.visits import RATINGS, OutreachSession, ServiceType, Visit
from stationapp.services import accounts, people
from stationapp.services.visits import (
    OutreachEntry,
    create_outreach,
    list_outreach,
    list_services,
    rating_label,
    record_outreach_visits,
)
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import EARLIEST_DATE, date_edit, short_text
from stationapp.ui.forms import (
    FormDialog,
    dialog_buttons,
    label_row,
    layout_with_bar,
    reports_user_errors,
    show_user_error,
    text_box,
    tickable,
)
from stationapp.ui.layout_state import leave_on_tab, restore_columns, save_columns
from stationapp.ui.people.person_dialog import PersonDialog, WorkplaceChooser
from stationapp.ui.people.picker import PersonPicker

COL_DATE, COL_ORGANIZATION, COL_SERVICES, COL_NOTES = range(4)
ANONYMOUS = 0  # the person id stored for a visitor who gave no details (real ids start at 1)
ANONYMOUS_KEYS = QKeySequence("Ctrl+Shift+A")


def _short_date(day) -> str:
    return short_text(QDate(day.year, day.month, day.day))


class OutreachSessionDialog(FormDialog):
    """Record an outreach session. After acceptance ``session`` is the saved session."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.session: OutreachSession | None = None
        self.setWindowTitle(self.tr("New outreach session"))
        self.organization = WorkplaceChooser(actor)
        self.organization.combo.lineEdit().setPlaceholderText(self.tr("Type to search"))
        self.fields.add_row(self.tr("&Workplace or community"), "organization", self.organization)
        day = today()
        self.held_on = date_edit(day, earliest=EARLIEST_DATE, latest=day)
        self.fields.add_row(self.tr("&Date"), "held_on", self.held_on)
        self.services = QListWidget()
        self.services.setToolTip(self.tr("Space ticks or unticks the highlighted service"))
        try:
            offered = list_services(actor)
        except UserError as exc:
            offered = []
            self.bar.show_message(exc.message)
        for service in offered:
            item = tickable(QListWidgetItem(service.name))
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            self.services.addItem(item)
        self.services.setMinimumHeight(160)
        self.fields.add_row(self.tr("Services &offered"), "services", self.services)
        self.notes = text_box(70)
        self.notes.setPlaceholderText(self.tr("Where exactly, with whom, what was handed out"))
        self.fields.add_row(self.tr("&Notes"), "notes", self.notes)
        dialog_buttons(self, self.column, self.submit)
        self.setMinimumWidth(480)
        self.organization.combo.setFocus()

    def set_services(self, service_ids: list[int]) -> None:
        wanted = set(service_ids)
        for row in range(self.services.count()):
            item = self.services.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def service_ids(self) -> list[int]:
        return [
            self.services.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.services.count())
            if self.services.item(row).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        self.bar.hide()
        self.fields.clear()
        organization_id = self.organization.workplace_id()
        try:
            self.session = create_outreach(
                self.actor,
                organization_id=organization_id if organization_id and organization_id > 0 else 0,
                held_on=self.held_on.date().toPython(),
                service_ids=self.service_ids(),
                notes=self.notes.toPlainText(),
            )
        except UserError as exc:
            if (
                organization_id == -1
                and isinstance(exc, ValidationError)
                and "organization" in exc.errors
            ):
                exc.errors["organization"] = self.tr(
                    "No workplace or community has this name. Choose one from the list or "
                    "create it with New…."
                )
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


class OutreachVisitorsDialog(QDialog):
    """Enter the visitors of one outreach session in a batch, saved all at once.

    Each row is a visitor: a person picked from the register, or an anonymous one; the ticked
    service columns are the purposes of that visitor's visit (all of the session's by default).
    After acceptance ``visits`` holds the visits recorded.
    """

    def __init__(
        self, actor: Staff, session: OutreachSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.session = session
        self.visits: list[Visit] = []
        self.setWindowTitle(self.tr("Outreach visitors"))
        layout, self.bar = layout_with_bar(self)

        try:
            catalogue = {s.id: s for s in list_services(actor, include_inactive=True)}
        except UserError as exc:
            catalogue = {}
            self.bar.show_message(exc.message)
        offered = [catalogue[sid] for sid in session.services if sid in catalogue]
        # A service withdrawn since the session cannot be recorded any more.
        self.services: list[ServiceType] = [s for s in offered if s.active]
        withdrawn = [s.name for s in offered if not s.active]

        title = QLabel(
            self.tr("{organization}, {date}").format(
                organization=session.organization.name, date=_short_date(session.held_on)
            )
        )
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        if withdrawn:
            note = QLabel(
                self.tr("No longer offered, so not recorded: {services}").format(
                    services="、".join(withdrawn)
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)

        pick_row = QHBoxLayout()
        self.picker = PersonPicker(actor, on_chosen=self.add_person, on_new=self.new_person)
        self.picker.edit.installEventFilter(self)
        pick_label = QLabel(self.tr("&Visitor"))
        pick_label.setBuddy(self.picker.edit)
        pick_row.addWidget(pick_label, 0, Qt.AlignmentFlag.AlignTop)
        pick_row.addWidget(self.picker, 1)
        self.anonymous_button = QPushButton(self.tr("Anonymous visitor +1"))
        self.anonymous_button.setShortcut(ANONYMOUS_KEYS)
        self.anonymous_button.setToolTip(self.tr("A visitor who gave no details (Ctrl+Shift+A)"))
        self.anonymous_button.clicked.connect(self.add_anonymous)
        pick_row.addWidget(self.anonymous_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(pick_row)

        headers = [self.tr("Visitor")] + [s.name for s in self.services] + [self.tr("Rating")]
        self.rating_column = len(headers) - 1
        self.table = leave_on_tab(QTableWidget(0, len(headers)))
        self.table.setHorizontalHeaderLabels(headers)
        for column, service in enumerate(self.services, start=1):
            self.table.horizontalHeaderItem(column).setToolTip(service.name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip(
            self.tr("Space ticks or unticks a service; Delete removes the visitor")
        )
        layout.addWidget(self.table, 1)
        # Kept: PySide6 lets a QShortcut made with a callable be collected with its wrapper.
        self.shortcuts = [
            QShortcut(
                QKeySequence(Qt.Key.Key_Delete),
                self.table,
                self.remove_selected,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        ]

        self.count_label, (self.remove_button, self.save_button, self.cancel_button) = label_row(
            layout,
            (
                self.tr("&Remove"),
                self.remove_selected,
                self.tr("Remove the selected visitor (Delete)"),
            ),
            (
                self.tr("&Save all"),
                self.save,
                self.tr("Record every visitor in the list (Ctrl+Enter)"),
            ),
            (self.tr("Cancel"), self.reject),
        )
        # Enter belongs to the picker; saving is Ctrl+Enter: no button of the dialog takes a
        # stray Enter.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self.shortcuts.append(QShortcut(QKeySequence(keys), self, self.save))

        self.setMinimumSize(640, 480)
        self._update_count()
        self.picker.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Shift+A is "deselect" to a line edit on Linux; here it adds an anonymous visitor."""
        if (
            watched is self.picker.edit
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination() == ANONYMOUS_KEYS[0]
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    # --- rows -----------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.table.rowCount()

    def person_ids(self) -> list[int | None]:
        """The visitors in the list, in order (None: anonymous)."""
        ids: list[int | None] = []
        for row in range(self.table.rowCount()):
            value = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            ids.append(None if value == ANONYMOUS else int(value))
        return ids

    @reports_user_errors
    def add_person(self, person_id: int) -> None:
        if person_id in self.person_ids():
            row = self.person_ids().index(person_id)
            self.table.selectRow(row)
            self.bar.show_message(
                self.tr("{name} is already in the list.").format(
                    name=self.table.item(row, 0).text()
                ),
                "warning",
            )
            self._back_to_picker()
            return
        person = people.get_person(self.actor, person_id)
        self.bar.hide()
        self._add_row(person.id, person.name)

    def add_anonymous(self) -> None:
        self.bar.hide()
        self._add_row(ANONYMOUS, self.tr("Anonymous"))

    def new_person(self, text: str) -> None:
        """Register someone who is not on file yet, then add them."""
        if not accounts.has_permission(self.actor, "person.create"):
            return
        dialog = PersonDialog(self.actor, self, prefill=text)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._back_to_picker(clear=False)
            return
        target = dialog.person.id if dialog.person is not None else dialog.open_existing_id
        if target is not None:
            self.add_person(target)

    def _add_row(self, person_id: int, name: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        visitor = QTableWidgetItem(name)
        visitor.setData(Qt.ItemDataRole.UserRole, person_id)
        visitor.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, 0, visitor)
        for column in range(1, len(self.services) + 1):
            self.table.setItem(row, column, tickable(QTableWidgetItem(), ticked=True))
        rating = QComboBox()
        for code in RATINGS:
            rating.addItem(rating_label(code), code)
        rating.setCurrentIndex(rating.findData("unrated"))
        self.table.setCellWidget(row, self.rating_column, rating)
        self.table.selectRow(row)
        self.table.scrollToItem(visitor)
        self._update_count()
        self._back_to_picker()

    def set_service_checked(self, row: int, service_id: int, checked: bool) -> None:
        column = 1 + [s.id for s in self.services].index(service_id)
        self.table.item(row, column).setCheckState(
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        )

    def set_rating(self, row: int, rating: str) -> None:
        combo = self.table.cellWidget(row, self.rating_column)
        combo.setCurrentIndex(combo.findData(rating))

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.selectRow(min(row, self.table.rowCount() - 1))
        self._update_count()

    def entries(self) -> list[OutreachEntry]:
        result = []
        for row, person_id in enumerate(self.person_ids()):
            service_ids = [
                service.id
                for column, service in enumerate(self.services, start=1)
                if self.table.item(row, column).checkState() == Qt.CheckState.Checked
            ]
            rating = self.table.cellWidget(row, self.rating_column).currentData()
            result.append(
                OutreachEntry(person_id=person_id, service_ids=service_ids, rating=rating)
            )
        return result

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n visitors in the list", "", self.table.rowCount()))
        self.save_button.setEnabled(self.table.rowCount() > 0)
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def _back_to_picker(self, *, clear: bool = True) -> None:
        if clear:
            self.picker.clear()
        self.picker.setFocus()

    # --- saving -----------------------------------------------------------------------------

    @reports_user_errors
    def save(self) -> None:
        self.visits = record_outreach_visits(self.actor, self.session.id, self.entries())
        self.accept()

    def reject(self) -> None:
        """Closing with visitors still unsaved asks first: Escape is easily pressed twice."""
        if self.table.rowCount() and not self.visits:
            answer = QMessageBox.question(
                self,
                self.tr("Discard visitors"),
                self.tr(
                    "Discard the %n visitors in the list? They have not been saved.",
                    "",
                    self.table.rowCount(),
                ),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


class OutreachWidget(QWidget):
    """Recent outreach sessions; record a new one and enter its visitors."""

    TABLE_NAME = "outreach_sessions"
    SERVICES_COLUMN = 2

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.bus = bus
        self.sessions: list[OutreachSession] = []
        layout, self.bar = layout_with_bar(self)

        top = QHBoxLayout()
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        top.addStretch(1)
        can_create = accounts.has_permission(actor, "visit.create")
        self.new_button = QPushButton(self.tr("&New outreach session…"))
        self.new_button.clicked.connect(self.new_session)
        if not can_create:  # not setVisible(True): see VisitForm
            self.new_button.hide()
        top.addWidget(self.new_button)
        self.visitors_button = QPushButton(self.tr("Enter v&isitors…"))
        self.visitors_button.setToolTip(self.tr("Enter the visitors of the selected session"))
        self.visitors_button.clicked.connect(lambda: self.enter_visitors())
        if not can_create:
            self.visitors_button.hide()
        top.addWidget(self.visitors_button)
        layout.addLayout(top)

        self.table = leave_on_tab(QTableWidget(0, 4))
        self.table.setObjectName("outreach_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Workplace or community"),
                self.tr("Services offered"),
                self.tr("Notes"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._activated)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        bus.changed.connect(self._on_changed)
        self._restore_state()
        self.refresh()

    # --- state ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        # The services offered carry the most text: they take the spare width.
        restore_columns(self.table, self.TABLE_NAME, (90, 200, 300), stretch=self.SERVICES_COLUMN)

    def save_state(self) -> None:
        save_columns(self.table, self.TABLE_NAME)

    # --- list ------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_session()
        try:
            self.sessions = list_outreach(self.actor)
            names = {s.id: s.name for s in list_services(self.actor, include_inactive=True)}
        except UserError as exc:
            self.sessions = []
            names = {}
            self.bar.show_message(exc.message)
        self.table.setRowCount(len(self.sessions))
        for row, session in enumerate(self.sessions):
            values = {
                COL_DATE: _short_date(session.held_on),
                COL_ORGANIZATION: session.organization.name,
                COL_SERVICES: "、".join(names[s] for s in session.services if s in names),
                COL_NOTES: session.notes.replace("\n", " "),
            }
            for column, text in values.items():
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, session.id)
                if column in (COL_SERVICES, COL_NOTES):
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.count_label.setText(self.tr("%n recent sessions", "", len(self.sessions)))
        if selected is not None:
            self.select_session(selected.id)
        self._update_buttons()

    def _on_changed(self, entity: str) -> None:
        if entity in ("outreach", "service", "organization"):
            self.refresh()

    def selected_session(self) -> OutreachSession | None:
        row = self.table.currentRow()
        if not self.table.selectionModel().hasSelection():
            return None
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    def select_session(self, session_id: int) -> bool:
        for row, session in enumerate(self.sessions):
            if session.id == session_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        self.visitors_button.setEnabled(self.selected_session() is not None)

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.sessions):
            self.enter_visitors(self.sessions[index.row()])

    # --- actions ---------------------------------------------------------------------

    def new_session(self) -> None:
        if not accounts.has_permission(self.actor, "visit.create"):
            return
        dialog = OutreachSessionDialog(self.actor, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
            return
        self.refresh()
        # The listed session has its organisation loaded; the new one would fetch it again.
        session = dialog.session
        if self.select_session(session.id):
            session = self.selected_session() or session
        self.enter_visitors(session)

    def enter_visitors(self, session: OutreachSession | None = None) -> None:
        if not accounts.has_permission(self.actor, "visit.create"):
            return
        session = session or self.selected_session()
        if session is None:
            return
        dialog = OutreachVisitorsDialog(self.actor, session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bar.show_message(
                self.tr("Recorded %n visits of the outreach session.", "", len(dialog.visits)),
                "info",
            )
