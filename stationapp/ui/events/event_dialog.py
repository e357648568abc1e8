"""Set up or change an event: schedule, places, who may come, the waitlist, the minimum and the
quotas; and name a new series on the way."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.events import Event, EventQuota
from stationapp.models.people import Organization
from stationapp.services import events, people, rooms
from stationapp.services.accounts import has_permission
from stationapp.ui.forms import (
    BarDialog,
    FieldErrors,
    FormDialog,
    choice_box,
    dialog_buttons,
    shows_user_errors,
    spin_box,
)
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.people.person_dialog import parse_date
from stationapp.ui.rooms.room_check import room_problem

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
DATE_FORMAT = "yyyy-MM-dd"
NO_AGE = -1


class OptionalDateTime(QWidget):
    """A date and time that may be left out: the box says whether it is given."""

    def __init__(self, text: str, parent: QWidget | None = None, *, with_time: bool = True) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.given = QCheckBox(text)
        row.addWidget(self.given)
        self.edit: QDateTimeEdit = QDateTimeEdit() if with_time else QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATETIME_FORMAT if with_time else DATE_FORMAT)
        self.edit.setEnabled(False)
        row.addWidget(self.edit, 1)
        self.given.toggled.connect(self.edit.setEnabled)
        self.setFocusProxy(self.given)

    def set_value(self, value: datetime | date | None, *, fallback: datetime | date) -> None:
        shown = value if value is not None else fallback
        if isinstance(shown, datetime):
            self.edit.setDateTime(QDateTime(shown))
        else:
            self.edit.setDate(QDate(shown))
        self.given.setChecked(value is not None)

    def datetime_value(self) -> datetime | None:
        if not self.given.isChecked():
            return None
        return self.edit.dateTime().toPython().replace(second=0, microsecond=0)

    def date_value(self) -> date | None:
        return self.edit.date().toPython() if self.given.isChecked() else None


def age_spin(parent: QWidget | None = None, *, any_text: str) -> QSpinBox:
    """An age from 0 to 120, or "any" below that."""
    spin = QSpinBox(parent)
    spin.setRange(NO_AGE, 120)
    spin.setSpecialValueText(any_text)
    spin.setValue(NO_AGE)
    return spin


def age_value(spin: QSpinBox) -> int | None:
    return None if spin.value() == NO_AGE else spin.value()


class AgeRange(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.low = age_spin(any_text=self.tr("any"))
        self.high = age_spin(any_text=self.tr("any"))
        row.addWidget(QLabel(self.tr("from")))
        row.addWidget(self.low)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.high)
        row.addStretch(1)
        self.setFocusProxy(self.low)


class SeriesDialog(FormDialog):
    """Name a new series (活动系列), with an optional limit of events per person."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.series = None
        self.setWindowTitle(self.tr("New series"))
        self.name = self.fields.add_line(self.tr("&Name"), "series", 200)
        self.limit = spin_box(0, 100, 0)
        self.limit.setSpecialValueText(self.tr("No limit"))
        self.fields.add_row(self.tr("At most per &person"), "max_per_person", self.limit)
        dialog_buttons(self, self.column, self.submit)
        self.setMinimumWidth(360)

    @shows_user_errors
    def submit(self) -> None:
        self.series = events.save_series(
            self.actor, name=self.name.text(), max_per_person=self.limit.value() or None
        )
        self.accept()


(Q_NAME, Q_PLACES, Q_GENDER, Q_MIN_AGE, Q_MAX_AGE, Q_WORKPLACE, Q_RESERVED, Q_RELEASE) = range(8)


class QuotaTable(QWidget):
    """The quotas (名额分配) of an event, one editable row each."""

    def __init__(self, organizations: list[Organization], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organizations = organizations
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = leave_on_tab(QTableWidget(0, 8))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Places"),
                self.tr("Gender"),
                self.tr("Youngest"),
                self.tr("Oldest"),
                self.tr("Workplace"),
                self.tr("Reserved"),
                self.tr("Release date"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            Q_WORKPLACE, QHeaderView.ResizeMode.Stretch
        )
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add quota"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove quota"))
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(
            QLabel(
                self.tr(
                    "A quota caps the places of the people it matches; reserved places wait for "
                    "one workplace until the release date."
                )
            ),
            1,
        )
        layout.addLayout(buttons)

    def add_row(self, quota: EventQuota | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QLineEdit(quota.name if quota else "")
        name.setMaxLength(100)
        self.table.setCellWidget(row, Q_NAME, name)
        places = QSpinBox()
        places.setRange(1, events.MAX_CAPACITY)
        places.setValue(quota.capacity if quota else 10)
        self.table.setCellWidget(row, Q_PLACES, places)
        gender = QComboBox()
        gender.addItem(self.tr("Any"), "")
        gender.addItem(people.gender_label("M"), "M")
        gender.addItem(people.gender_label("F"), "F")
        gender.setCurrentIndex(max(gender.findData(quota.gender if quota else ""), 0))
        self.table.setCellWidget(row, Q_GENDER, gender)
        for column, value in (
            (Q_MIN_AGE, quota.min_age if quota else None),
            (Q_MAX_AGE, quota.max_age if quota else None),
        ):
            spin = age_spin(any_text=self.tr("any"))
            spin.setValue(NO_AGE if value is None else value)
            self.table.setCellWidget(row, column, spin)
        workplace = QComboBox()
        workplace.addItem(self.tr("Any workplace"), None)
        for org in self.organizations:
            workplace.addItem(org.name, org.id)
        if quota is not None and quota.workplace_id is not None:
            index = workplace.findData(quota.workplace_id)
            if index < 0:  # an organisation no longer active keeps its quota
                workplace.addItem(quota.workplace.name, quota.workplace_id)
                index = workplace.count() - 1
            workplace.setCurrentIndex(index)
        self.table.setCellWidget(row, Q_WORKPLACE, workplace)
        reserved = QCheckBox()
        reserved.setChecked(bool(quota and quota.reserved))
        self.table.setCellWidget(row, Q_RESERVED, reserved)
        release = QLineEdit(
            quota.release_on.isoformat() if quota is not None and quota.release_on else ""
        )
        release.setPlaceholderText(self.tr("YYYY-MM-DD"))
        release.setMaxLength(20)
        self.table.setCellWidget(row, Q_RELEASE, release)
        name.setFocus()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def cell(self, row: int, column: int) -> QWidget:
        return self.table.cellWidget(row, column)

    def quotas(self) -> list[events.QuotaInput]:
        """The rows as the service takes them; an unreadable release date raises ValueError
        carrying the row's number."""
        result = []
        for row in range(self.table.rowCount()):
            try:
                release = parse_date(self.cell(row, Q_RELEASE).text())
            except ValueError as exc:
                raise ValueError(row + 1) from exc
            result.append(
                events.QuotaInput(
                    name=self.cell(row, Q_NAME).text(),
                    capacity=self.cell(row, Q_PLACES).value(),
                    gender=self.cell(row, Q_GENDER).currentData(),
                    min_age=age_value(self.cell(row, Q_MIN_AGE)),
                    max_age=age_value(self.cell(row, Q_MAX_AGE)),
                    workplace_id=self.cell(row, Q_WORKPLACE).currentData(),
                    reserved=self.cell(row, Q_RESERVED).isChecked(),
                    release_on=release,
                )
            )
        return result


class EventDialog(BarDialog):
    """Create an event (``event=None``) or change one; after acceptance ``event`` is the saved
    record. A refused form stays open with each message at its field."""

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, event: Event | None = None
    ) -> None:
        super().__init__(actor, self.tr("Edit event") if event else self.tr("New event"), parent)
        self.editing = event
        self.saved: Event | None = None
        layout = self.column
        columns = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        self.left_fields = FieldErrors(left)
        self.right_fields = FieldErrors(right)
        self._owner: dict[str, FieldErrors] = {}
        self._widgets: dict[str, QWidget] = {}

        self.title = QLineEdit()
        self.title.setMaxLength(400)
        self._add_row(self.left_fields, self.tr("&Title"), "title", self.title)
        series_row = QWidget()
        series_layout = QHBoxLayout(series_row)
        series_layout.setContentsMargins(0, 0, 0, 0)
        self.series_choice = QComboBox()
        series_layout.addWidget(self.series_choice, 1)
        self.new_series_button = QPushButton(self.tr("New series…"))
        self.new_series_button.clicked.connect(self.new_series)
        series_layout.addWidget(self.new_series_button)
        series_row.setFocusProxy(self.series_choice)
        self._add_row(self.left_fields, self.tr("&Series"), "series", series_row)
        self.size_choice = choice_box(("small", "big"), events.size_label)
        self.size_choice.setToolTip(
            self.tr("The station's standard: a big event every month, a small one every week.")
        )
        self._add_row(self.left_fields, self.tr("Si&ze"), "size", self.size_choice)
        self.starts_at = QDateTimeEdit()
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat(DATETIME_FORMAT)
        self._add_row(self.left_fields, self.tr("&Starts"), "starts_at", self.starts_at)
        self.ends_at = QDateTimeEdit()
        self.ends_at.setCalendarPopup(True)
        self.ends_at.setDisplayFormat(DATETIME_FORMAT)
        self._add_row(self.left_fields, self.tr("&Ends"), "ends_at", self.ends_at)
        self.venue = QLineEdit()
        self.venue.setMaxLength(400)
        self._add_row(self.left_fields, self.tr("&Venue"), "venue", self.venue)
        self.booking = events.event_booking(event.id) if event is not None else None
        self.room = QComboBox()
        self.room.addItem(self.tr("None: the venue above"), None)
        if has_permission(actor, "room.book"):
            for room in rooms.rooms_of_kind(actor, "activity"):
                self.room.addItem(room.name, room.id)
        self._add_row(self.left_fields, self.tr("R&oom"), "room", self.room)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, events.MAX_CAPACITY)
        self._add_row(self.left_fields, self.tr("&Capacity (places)"), "capacity", self.capacity)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
        self._add_row(self.left_fields, self.tr("&Description"), "description", self.description)

        self.opens_at = OptionalDateTime(self.tr("from"))
        self._add_row(self.right_fields, self.tr("Registration opens"), "opens_at", self.opens_at)
        self.closes_at = OptionalDateTime(self.tr("until"))
        self._add_row(
            self.right_fields, self.tr("Registration closes"), "closes_at", self.closes_at
        )
        self.cancel_deadline = OptionalDateTime(self.tr("by"))
        self._add_row(
            self.right_fields,
            self.tr("Cancellation deadline"),
            "cancel_deadline",
            self.cancel_deadline,
        )
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Confirm the next person at once"), "auto")
        self.mode.addItem(self.tr("Offer the place for a time"), "offer")
        self._add_row(self.right_fields, self.tr("&Waitlist"), "mode", self.mode)
        self.offer_hours = QSpinBox()
        self.offer_hours.setRange(1, 24 * 14)
        self.offer_hours.setSuffix(self.tr(" hours"))
        self._add_row(self.right_fields, self.tr("An offer lasts"), "offer_hours", self.offer_hours)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.women_only = QCheckBox(self.tr("Women only"))
        self._add_row(self.right_fields, "", "women_only", self.women_only)
        self.members_only = QCheckBox(self.tr("Union members only"))
        self._add_row(self.right_fields, "", "members_only", self.members_only)
        self.ages = AgeRange()
        self._add_row(self.right_fields, self.tr("&Ages"), "min_age", self.ages)
        self.balanced = QCheckBox(self.tr("Gender-balanced (as many men as women)"))
        self._add_row(self.right_fields, "", "balanced", self.balanced)
        self.min_participants = QSpinBox()
        self.min_participants.setRange(0, events.MAX_CAPACITY)
        self.min_participants.setSpecialValueText(self.tr("None"))
        self._add_row(
            self.right_fields,
            self.tr("&Minimum participants"),
            "min_participants",
            self.min_participants,
        )
        self.decision_on = OptionalDateTime(self.tr("on"), with_time=False)
        self._add_row(self.right_fields, self.tr("Decision date"), "decision_on", self.decision_on)

        quota_form = QFormLayout()
        self.quota_fields = FieldErrors(quota_form)
        self.quota_table = QuotaTable(people.search_organizations(actor, "", limit=5000))
        self._add_row(self.quota_fields, self.tr("&Quotas"), "quotas", self.quota_table)
        layout.addLayout(quota_form)

        dialog_buttons(self, layout, self.submit)
        self.setMinimumWidth(980)

        self.reload_series(event.series_id if event else None)
        if event is not None:
            self._fill(event)
        else:
            self._defaults()
        self._mode_changed()
        self._last_start = self.starts_at.dateTime()
        self.starts_at.dateTimeChanged.connect(self._start_moved)
        for signal in (
            self.starts_at.dateTimeChanged,
            self.ends_at.dateTimeChanged,
            self.room.currentIndexChanged,
        ):
            signal.connect(self.check_room)
        self.check_room()
        self.title.setFocus()

    def _add_row(self, fields: FieldErrors, label: str, name: str, widget: QWidget) -> None:
        fields.add_row(label, name, widget)
        self._owner[name] = fields
        self._widgets[name] = widget

    def error_text(self, name: str) -> str:
        """The message shown at a field (empty when none)."""
        fields = self._owner[name]
        return fields.error_label(name).text()

    def reload_series(self, select_id: int | None = None) -> None:
        self.series_choice.clear()
        self.series_choice.addItem(self.tr("(No series)"), None)
        for series in events.list_series(self.actor):
            self.series_choice.addItem(series.name, series.id)
        self.series_choice.setCurrentIndex(max(self.series_choice.findData(select_id), 0))

    def new_series(self) -> None:
        dialog = SeriesDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.series is not None:
            self.reload_series(dialog.series.id)
        dialog.deleteLater()

    def _defaults(self) -> None:
        start = datetime.combine(today() + timedelta(days=7), time(14, 0))
        self.starts_at.setDateTime(QDateTime(start))
        self.ends_at.setDateTime(QDateTime(start + timedelta(hours=2)))
        self.capacity.setValue(30)
        self.offer_hours.setValue(24)
        for widget in (self.opens_at, self.closes_at, self.cancel_deadline):
            widget.set_value(None, fallback=start - timedelta(days=1))
        self.decision_on.set_value(None, fallback=start.date() - timedelta(days=3))

    def _fill(self, event: Event) -> None:
        self.title.setText(event.title)
        self.size_choice.setCurrentIndex(max(self.size_choice.findData(event.size), 0))
        self.starts_at.setDateTime(QDateTime(event.starts_at))
        self.ends_at.setDateTime(QDateTime(event.ends_at))
        self.venue.setText(event.venue)
        if self.booking is not None:
            self.room.setCurrentIndex(max(self.room.findData(self.booking.room_id), 0))
        self.capacity.setValue(event.capacity)
        self.description.setPlainText(event.description)
        fallback = event.starts_at - timedelta(days=1)
        self.opens_at.set_value(event.opens_at, fallback=fallback)
        self.closes_at.set_value(event.closes_at, fallback=fallback)
        self.cancel_deadline.set_value(event.cancel_deadline, fallback=fallback)
        self.mode.setCurrentIndex(max(self.mode.findData(event.mode), 0))
        self.offer_hours.setValue(event.offer_hours)
        self.women_only.setChecked(event.women_only)
        self.members_only.setChecked(event.members_only)
        self.ages.low.setValue(NO_AGE if event.min_age is None else event.min_age)
        self.ages.high.setValue(NO_AGE if event.max_age is None else event.max_age)
        self.balanced.setChecked(event.balanced)
        self.min_participants.setValue(event.min_participants or 0)
        self.decision_on.set_value(
            event.decision_on, fallback=event.starts_at.date() - timedelta(days=3)
        )
        for quota in events.event_quotas(self.actor, event.id):
            if event.balanced and quota.gender and quota.workplace_id is None:
                continue  # the men's and women's halves: the service makes them anew
            self.quota_table.add_row(quota)

    def check_room(self) -> None:
        """Say at the Room field, before saving, whether the room takes the event (the slots
        from its start to its end), and which free times near it would."""
        room_id = self.room.currentData()
        self.venue.setEnabled(room_id is None)
        text = ""
        if room_id is not None:
            self.venue.setText(self.room.currentText())
            starts_at = self.starts_at.dateTime().toPython().replace(second=0, microsecond=0)
            ends_at = self.ends_at.dateTime().toPython().replace(second=0, microsecond=0)
            text, nearby = room_problem(
                self.actor,
                room_id,
                starts_at,
                ends_at,
                kind="activity",
                skip_booking=self.booking.id if self.booking else None,
            )
            if text and nearby:
                text += "\n" + self.tr("Free from: {times}").format(
                    times=", ".join(f"{m:%m-%d %H:%M}" for m in nearby)
                )
        self.left_fields.note("room", text)

    def _mode_changed(self) -> None:
        self.offer_hours.setEnabled(self.mode.currentData() == "offer")

    def _start_moved(self, moved: QDateTime) -> None:
        """Moving the start moves the end with it, keeping the length."""
        length = self._last_start.secsTo(self.ends_at.dateTime())
        self._last_start = moved
        if length > 0:
            self.ends_at.setDateTime(moved.addSecs(length))

    def collect(self) -> events.EventInput | None:
        try:
            quotas = self.quota_table.quotas()
        except ValueError as exc:
            self._show_errors(
                {
                    "quotas": self.tr(
                        "Quota {n}: write the release date as YYYY-MM-DD, e.g. 2026-07-01."
                    ).format(n=exc.args[0])
                }
            )
            return None
        return events.EventInput(
            title=self.title.text(),
            starts_at=self.starts_at.dateTime().toPython().replace(second=0, microsecond=0),
            ends_at=self.ends_at.dateTime().toPython().replace(second=0, microsecond=0),
            capacity=self.capacity.value(),
            size=self.size_choice.currentData(),
            series_id=self.series_choice.currentData(),
            venue=self.venue.text(),
            description=self.description.toPlainText(),
            opens_at=self.opens_at.datetime_value(),
            closes_at=self.closes_at.datetime_value(),
            cancel_deadline=self.cancel_deadline.datetime_value(),
            mode=self.mode.currentData(),
            offer_hours=self.offer_hours.value(),
            women_only=self.women_only.isChecked(),
            members_only=self.members_only.isChecked(),
            min_age=age_value(self.ages.low),
            max_age=age_value(self.ages.high),
            balanced=self.balanced.isChecked(),
            min_participants=self.min_participants.value() or None,
            decision_on=self.decision_on.date_value(),
            quotas=quotas,
            room_id=self.room.currentData(),
        )

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Each message at its field, whichever part of the form it is in; the rest in the bar."""
        shown = dict(errors)
        if "max_age" in shown:
            shown.setdefault("min_age", shown.pop("max_age"))
        for fields in (self.left_fields, self.right_fields, self.quota_fields):
            fields.show({k: v for k, v in shown.items() if self._owner.get(k) is fields})
        placed = [name for name in shown if name in self._owner]
        if placed:
            self._widgets[placed[0]].setFocus()
        leftover = [message for name, message in shown.items() if name not in self._owner]
        if leftover:
            self.bar.show_message("\n".join(leftover))
        else:
            self.bar.hide()

    def submit(self) -> None:
        self.bar.hide()
        data = self.collect()
        if data is None:
            return
        try:
            if self.editing is None:
                self.saved = events.create_event(self.actor, data)
            else:
                self.saved = events.update_event(self.actor, self.editing.id, data)
        except UserError as exc:
            errors = exc.errors if isinstance(exc, ValidationError) else {}
            if not errors and exc.field:
                errors = {exc.field: exc.message}
            if errors:
                self._show_errors(errors)
            else:
                self.bar.show_message(exc.message)
            return
        self.accept()
