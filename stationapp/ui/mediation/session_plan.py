"""The case's next session, planned (issue 24, point 6): shown on the case page's Sessions tab,
booked, moved or called off in a small dialog. With the mediation room, a clash (the slot taken,
the room closed, outside its hours) is said at the Start field as the time is typed, before
anything is saved, with the free times near it offered: Enter on one takes it."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import MediationCase
from stationapp.services import mediation, rooms
from stationapp.services.accounts import has_permission
from stationapp.ui.dates import date_edit
from stationapp.ui.forms import (
    FieldErrors,
    dialog_buttons,
    label_row,
    layout_with_bar,
    push_button,
    show_user_error,
)
from stationapp.ui.rooms.room_check import room_problem

ELSEWHERE = -1  # the Room choice for a session held outside the station's rooms
MOMENT_ROLE = Qt.ItemDataRole.UserRole


class PlanSessionDialog(QDialog):
    """Book the next session, or change or call off the one planned."""

    def __init__(
        self,
        actor: Staff,
        case: MediationCase,
        planned: mediation.PlannedSession | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor, self.case, self.planned = actor, case, planned
        self.setWindowTitle(
            self.tr("Change the planned session") if planned else self.tr("Book the next session")
        )
        layout, self.bar = layout_with_bar(self)
        self.form = QFormLayout()
        self.fields = FieldErrors(self.form)
        layout.addLayout(self.form)
        start = (
            planned.starts_at
            if planned
            else datetime.combine(today() + timedelta(days=1), datetime.min.time()).replace(hour=9)
        )
        self.day = date_edit(start.date(), display="yyyy-MM-dd")
        self.fields.add_row(self.tr("&Date"), "day", self.day)
        self.start = QTimeEdit(QTime(start.hour, start.minute))
        self.start.setDisplayFormat("HH:mm")
        self.fields.add_row(self.tr("S&tart"), "starts_at", self.start)
        self.length = QComboBox()
        for minutes in mediation.SESSION_MINUTES:
            self.length.addItem(self.length_text(minutes), minutes)
        self.length.setCurrentIndex(
            max(0, self.length.findData(planned.minutes if planned else 60))
        )
        self.fields.add_row(self.tr("&Length"), "minutes", self.length)
        self.room = QComboBox()
        self.may_book = has_permission(actor, "room.book")
        if self.may_book:
            for room in rooms.rooms_of_kind(actor, "mediation"):
                self.room.addItem(room.name, room.id)
        self.room.addItem(self.tr("Elsewhere (say where)"), ELSEWHERE)
        if planned is not None:
            self.room.setCurrentIndex(max(0, self.room.findData(planned.room_id or ELSEWHERE)))
        self.fields.add_row(self.tr("&Room"), "room", self.room)
        self.place = QLineEdit(planned.place if planned and planned.room_id is None else "")
        self.place.setMaxLength(200)
        self.place.setPlaceholderText(self.tr("e.g. the workplace's meeting room"))
        self.fields.add_row(self.tr("&Place"), "place", self.place)
        self.nearby = QListWidget()
        self.nearby.setTabKeyNavigation(False)
        self.nearby.setMaximumHeight(110)
        self.nearby.itemActivated.connect(self._take_nearby)
        self.fields.add_row(self.tr("&Free times"), "nearby", self.nearby)
        buttons = dialog_buttons(self, layout, self.submit)
        self.call_off = push_button(self.tr("Call &off the session"), self.cancel_plan)
        self.call_off.setAutoDefault(False)
        buttons.addButton(self.call_off, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.call_off.setVisible(planned is not None)
        for signal in (
            self.day.dateChanged,
            self.start.timeChanged,
            self.length.currentIndexChanged,
            self.room.currentIndexChanged,
        ):
            signal.connect(self.check)
        self.check()

    def length_text(self, minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self.tr("{m} min").format(m=rest)
        if not rest:
            return self.tr("{h} h").format(h=hours)
        return self.tr("{h} h {m} min").format(h=hours, m=rest)

    # --- what the form says ---------------------------------------------------------------------

    def room_id(self) -> int | None:
        data = self.room.currentData()
        return None if data in (None, ELSEWHERE) else int(data)

    def starts_at(self) -> datetime:
        return datetime.combine(self.day.date().toPython(), self.start.time().toPython())

    def data(self) -> mediation.PlanInput:
        return mediation.PlanInput(
            self.starts_at(), int(self.length.currentData()), self.room_id(), self.place.text()
        )

    def check(self) -> None:
        """Say at the Start field whether the room takes the session, before saving; offer the
        free times near a refused one."""
        room_id = self.room_id()
        self.place.setEnabled(room_id is None)
        self.nearby.clear()
        problem = ""
        if room_id is not None:
            data = self.data()
            problem, nearby = room_problem(
                self.actor,
                room_id,
                data.starts_at,
                data.starts_at + timedelta(minutes=data.minutes),
                kind="mediation",
                skip_booking=self.planned.booking_id if self.planned else None,
            )
            for moment in nearby:
                item = QListWidgetItem(f"{moment:%Y-%m-%d %H:%M}")
                item.setData(MOMENT_ROLE, moment)
                self.nearby.addItem(item)
        self.fields.note("starts_at", problem)
        shown = bool(self.nearby.count())
        self.form.setRowVisible(self.nearby, shown)

    def _take_nearby(self, item: QListWidgetItem) -> None:
        moment: datetime = item.data(MOMENT_ROLE)
        self.day.setDate(QDate(moment.date()))
        self.start.setTime(QTime(moment.hour, moment.minute))
        self.start.setFocus()

    # --- saving ---------------------------------------------------------------------------------

    def submit(self) -> None:
        try:
            if self.planned is None:
                mediation.plan_session(self.actor, self.case.id, self.data())
            else:
                mediation.move_planned_session(self.actor, self.planned.id, self.data())
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()

    def cancel_plan(self) -> None:
        try:
            mediation.cancel_planned_session(self.actor, self.planned.id)
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


class PlannedPanel(QWidget):
    """The line above the sessions held: the planned session, and the button that books or
    changes it. ``changed`` after a plan was saved or called off."""

    changed = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.case: MediationCase | None = None
        self.planned: mediation.PlannedSession | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.label, [self.button] = label_row(column, ("", self.open_plan))
        self.label.setWordWrap(True)

    def load(self, case: MediationCase, *, working: bool) -> None:
        self.case = case
        found = mediation.planned_sessions(self.actor, case.id)
        self.planned = found[0] if found else None
        if self.planned is None:
            self.label.setText(self.tr("No session planned."))
        else:
            p = self.planned
            self.label.setText(
                self.tr("Planned: {day} {start}-{end}, {place}").format(
                    day=p.starts_at.date().isoformat(),
                    start=f"{p.starts_at:%H:%M}",
                    end=f"{p.ends_at:%H:%M}",
                    place=p.place,
                )
            )
        self.button.setEnabled(working and has_permission(self.actor, "case.manage"))
        text = (
            self.tr("Change the boo&ked session…")
            if self.planned
            else self.tr("Boo&k the next session…")
        )
        self.button.setText(text if self.button.isEnabled() else text.replace("&", ""))

    def open_plan(self) -> None:
        if self.case is None:
            return
        if PlanSessionDialog(self.actor, self.case, self.planned, self).exec():
            self.changed.emit()
