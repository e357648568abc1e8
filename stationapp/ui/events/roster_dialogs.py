"""The roster's small dialogs: a waitlist priority, the attendance from the paper sheet, the
people to notify when an event is called off."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.models.events import Event, Registration
from stationapp.models.people import Person
from stationapp.services import accounts, events
from stationapp.ui.events.signin_sheet import notify_list_html
from stationapp.ui.forms import (
    BarDialog,
    FormDialog,
    dialog_buttons,
    reports_user_errors,
    shows_user_errors,
    spin_box,
)
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.printing import html_document, preview_document


class PriorityDialog(FormDialog):
    """Move someone on the waitlist up or down; the reason is recorded."""

    def __init__(
        self, actor: Staff, registration: Registration, parent: QWidget | None = None
    ) -> None:
        super().__init__(actor, parent)
        self.registration = registration
        self.setWindowTitle(self.tr("Change priority"))
        self.column.insertWidget(  # under the message bar, above the form
            1,
            QLabel(
                self.tr(
                    "A higher priority comes first on the waitlist; equal priorities keep the "
                    "order of joining. {name} has {priority} now."
                ).format(name=registration.person.name, priority=registration.priority)
            ),
        )
        self.priority = spin_box(-100, 100, registration.priority)
        self.fields.add_row(self.tr("&Priority"), "priority", self.priority)
        self.reason = self.fields.add_line(
            self.tr("&Reason"), "reason", 500, self.tr("Why the order changes (recorded)")
        )
        dialog_buttons(self, self.column, self.submit)
        self.priority.setFocus()
        self.priority.selectAll()
        self.setMinimumWidth(420)

    @shows_user_errors
    def submit(self) -> None:
        events.set_priority(
            self.actor,
            self.registration.id,
            priority=self.priority.value(),
            reason=self.reason.text(),
        )
        self.accept()


class AttendanceSheetDialog(BarDialog):
    """Mark attendance from the paper sign-in sheet: one name per line. The names that could not
    be marked stay in the box to be corrected and marked again."""

    def __init__(self, actor: Staff, event: Event, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Mark attendance from the sign-in sheet"), parent)
        self.event_id = event.id
        self.result_value: events.BulkAttendance | None = None
        self.marked_total = 0
        layout = self.column
        layout.addWidget(
            QLabel(
                self.tr("Type the names signed on the sheet of {title}, one per line:").format(
                    title=event.title
                )
            )
        )
        self.names = QPlainTextEdit()
        self.names.setTabChangesFocus(True)
        layout.addWidget(self.names, 1)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.mark_button = buttons.addButton(
            self.tr("&Mark attendance"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.mark_button.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.names.setFocus()
        self.resize(460, 420)

    @reports_user_errors
    def submit(self) -> None:
        names = self.names.toPlainText().splitlines()
        if not any(n.strip() for n in names):
            self.bar.show_message(self.tr("Type at least one name."))
            return
        result = events.mark_attendance(self.actor, self.event_id, names)
        self.bar.hide()
        self.result_value = result
        self.marked_total += len(result.marked)
        lines = [self.tr("Marked present: %n", "", len(result.marked))]
        if result.marked:
            lines[0] += "（" + "、".join(result.marked) + "）"
        if result.unknown:
            lines.append(
                self.tr("Not on the roster: {names}").format(names="、".join(result.unknown))
            )
        if result.ambiguous:
            lines.append(
                self.tr(
                    "Several registered people have this name; check them in one by one: {names}"
                ).format(names="、".join(result.ambiguous))
            )
        self.report.setText("\n".join(lines))
        self.names.setPlainText("\n".join([*result.unknown, *result.ambiguous]))

    def report_text(self) -> str:
        return self.report.text()


class NotifyDialog(QDialog):
    """After calling an event off: whom to tell, with their phones; printable."""

    def __init__(
        self,
        event: Event,
        to_notify: Sequence[Person],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shown = event
        self.people = list(to_notify)
        self.setWindowTitle(self.tr("People to notify"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("{title} is cancelled. Tell these %n people:", "", len(self.people)).format(
                    title=event.title
                )
            )
        )
        self.table = leave_on_tab(QTableWidget(len(self.people), 3))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Phone"), self.tr("Workplace")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, person in enumerate(self.people):
            workplace = person.workplace.name if person.workplace_id else ""
            for column, text in enumerate((person.name, person.phone, workplace)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = buttons.addButton(
            self.tr("&Print list…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        print_button.clicked.connect(self.print_list)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 400)

    def html(self) -> str:
        return notify_list_html(self.shown, self.people, accounts.station_settings())

    def print_list(self) -> None:
        preview_document(html_document(self.html()), self, title=self.tr("People to notify"))
