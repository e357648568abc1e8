"""The administrator's side of the rooms: the rooms themselves, the station's closed days and the
counsellors' duty roster (Administration menu)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.rooms import ROOM_KINDS, WEEKDAYS
from stationapp.services import rooms
from stationapp.services.rooms import SLOT_LENGTHS, RoomInput
from stationapp.ui.choices import current_data, fill_list
from stationapp.ui.dates import date_edit
from stationapp.ui.forms import (
    BarDialog,
    FieldErrors,
    add_button,
    choice_box,
    reports_user_errors,
    show_user_error,
    spin_box,
)
from stationapp.ui.layout_state import leave_on_tab

ROSTER_DAYS = 60


def weekday_names() -> tuple[str, ...]:
    """Monday to Sunday, short, as the opening hours and the week grid head them."""
    return (
        QCoreApplication.translate("RoomSetupDialog", "Mon"),
        QCoreApplication.translate("RoomSetupDialog", "Tue"),
        QCoreApplication.translate("RoomSetupDialog", "Wed"),
        QCoreApplication.translate("RoomSetupDialog", "Thu"),
        QCoreApplication.translate("RoomSetupDialog", "Fri"),
        QCoreApplication.translate("RoomSetupDialog", "Sat"),
        QCoreApplication.translate("RoomSetupDialog", "Sun"),
    )


class RoomSetupDialog(BarDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Rooms, closed days and counsellors on duty"), parent)
        self.room_id: int | None = None
        layout = self.column
        self.pages = QTabWidget()
        self.pages.addTab(self._rooms_page(), self.tr("&Rooms"))
        self.pages.addTab(self._closed_page(), self.tr("&Closed days"))
        self.pages.addTab(self._roster_page(), self.tr("Counsellors on &duty"))
        layout.addWidget(self.pages, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill_rooms()
        self.fill_closed()
        self.fill_roster()

    # --- rooms ----------------------------------------------------------------------------

    def _rooms_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        self.room_list = leave_on_tab(QListWidget())
        self.room_list.currentItemChanged.connect(lambda *_a: self.load_room())
        row.addWidget(self.room_list, 1)
        form = QFormLayout()
        self.room_fields = FieldErrors(form)
        self.name = QLineEdit()
        self.name.setMaxLength(rooms.MAX_ROOM_NAME)
        self.room_fields.add_row(self.tr("&Name:"), "name", self.name)
        self.kind = choice_box(ROOM_KINDS, rooms.room_kind_label)
        self.room_fields.add_row(self.tr("&Kind:"), "kind", self.kind)
        self.capacity = spin_box(1, rooms.MAX_CAPACITY, 1)
        self.room_fields.add_row(self.tr("Ca&pacity:"), "capacity", self.capacity)
        self.slot = choice_box(
            SLOT_LENGTHS, lambda minutes: self.tr("{minutes} min").format(minutes=minutes)
        )
        self.room_fields.add_row(self.tr("S&lot length:"), "slot_minutes", self.slot)
        hours = QWidget()
        grid = QGridLayout(hours)
        grid.setContentsMargins(0, 0, 0, 0)
        names = weekday_names()
        self.hours: list[QLineEdit] = []
        for i, name in enumerate(names):
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("closed"))
            edit.setMaxLength(11)
            grid.addWidget(QLabel(name), i // 4 * 2, i % 4)
            grid.addWidget(edit, i // 4 * 2 + 1, i % 4)
            self.hours.append(edit)
        self.room_fields.add_row(self.tr("&Hours:"), "hours", hours)
        self.active = QCheckBox(self.tr("In &use"))
        self.room_fields.add_row("", "active", self.active)
        buttons = QHBoxLayout()
        self.new_button = add_button(buttons, self.tr("Ne&w room"), self.new_room)
        self.save_button = add_button(buttons, self.tr("&Save room"), self.save_room)
        form.addRow(buttons)
        row.addLayout(form, 2)
        self.new_room()
        return page

    def fill_rooms(self, select: int | None = None) -> None:
        fill_list(
            self.room_list,
            (
                (room.name if room.active else f"{room.name}（{self.tr('not in use')}）", room)
                for room in rooms.list_rooms(self.actor, include_inactive=True)
            ),
            lambda room: room.id == select,
        )

    def new_room(self) -> None:
        self.room_id = None
        self.room_list.clearSelection()
        self.name.clear()
        self.kind.setCurrentIndex(0)
        self.capacity.setValue(1)
        self.slot.setCurrentIndex(self.slot.findData(60))
        for i, edit in enumerate(self.hours):
            edit.setText("09:00-17:00" if i < 5 else "")
        self.active.setChecked(True)
        self.room_fields.clear()
        self.name.setFocus()

    def load_room(self) -> None:
        room = current_data(self.room_list)
        if room is None:
            return
        self.room_id = room.id
        self.name.setText(room.name)
        self.kind.setCurrentIndex(self.kind.findData(room.kind))
        self.capacity.setValue(room.capacity)
        self.slot.setCurrentIndex(self.slot.findData(room.slot_minutes))
        parts = (room.hours.split(";") + [""] * WEEKDAYS)[:WEEKDAYS]
        for edit, text in zip(self.hours, parts, strict=True):
            edit.setText(text)
        self.active.setChecked(room.active)
        self.room_fields.clear()

    def save_room(self) -> None:
        data = RoomInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            capacity=self.capacity.value(),
            hours=tuple(edit.text() for edit in self.hours),
            slot_minutes=self.slot.currentData(),
            active=self.active.isChecked(),
        )
        try:
            if self.room_id is None:
                room = rooms.create_room(self.actor, data)
            else:
                room = rooms.update_room(self.actor, self.room_id, data)
        except UserError as exc:
            show_user_error(exc, self.room_fields, self.bar)
            return
        self.room_id = room.id
        self.bar.show_message(self.tr("Saved: {name}.").format(name=room.name), "info")
        self.fill_rooms(select=room.id)

    # --- closed days ----------------------------------------------------------------------

    def _closed_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Public holidays and adjusted working days come from the Chinese calendar; "
                    "add here only the days the station itself is closed."
                )
            )
        )
        row = QHBoxLayout()
        self.closed_date = date_edit(today(), display="yyyy-MM-dd")
        self.closed_reason = QLineEdit()
        self.closed_reason.setMaxLength(rooms.MAX_REASON)
        self.closed_reason.setPlaceholderText(self.tr("Why (shown in the week view)"))
        row.addWidget(self.closed_date)
        row.addWidget(self.closed_reason, 1)
        add_button(row, self.tr("Close the station on this d&ay"), self.add_closed)
        layout.addLayout(row)
        self.closed_list = self._list_with_remove(
            layout, self.tr("&Open again"), self.remove_closed
        )
        return page

    def _list_with_remove(
        self, layout: QVBoxLayout, remove_text: str, remove: Callable[[], object]
    ) -> QListWidget:
        """A list filling the page, and under it on the left the button that takes its current
        line away (``remove``)."""
        entries = leave_on_tab(QListWidget())
        layout.addWidget(entries, 1)
        button = add_button(layout, remove_text, remove)
        layout.setAlignment(button, Qt.AlignmentFlag.AlignLeft)
        return entries

    def _remove_current(
        self, entries: QListWidget, remove: Callable[[Staff, Any], object], refill: Callable
    ) -> None:
        """Take away the current line of ``entries`` (``remove`` with its data), then list
        them again; nothing when no line is current."""
        data = current_data(entries)
        if data is None:
            return
        remove(self.actor, data)
        refill()

    def fill_closed(self) -> None:
        start = today() - timedelta(days=30)
        fill_list(
            self.closed_list,
            (
                (f"{row.day.isoformat()}  {row.reason}", row.day)
                for row in rooms.closed_days(self.actor, start, start + timedelta(days=400))
            ),
        )

    @reports_user_errors
    def add_closed(self) -> None:
        rooms.add_closed_day(
            self.actor, self.closed_date.date().toPython(), self.closed_reason.text()
        )
        self.closed_reason.clear()
        self.bar.hide()
        self.fill_closed()

    @reports_user_errors
    def remove_closed(self) -> None:
        self._remove_current(self.closed_list, rooms.remove_closed_day, self.fill_closed)

    # --- the roster -----------------------------------------------------------------------

    def _roster_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.counsellor = QComboBox()
        for staff in rooms.counsellors(self.actor):
            self.counsellor.addItem(staff.display_name, staff.id)
        self.duty_date = date_edit(today(), display="yyyy-MM-dd")
        self.duty_from = QTimeEdit(QTime(9, 0))
        self.duty_from.setDisplayFormat("HH:mm")
        self.duty_to = QTimeEdit(QTime(12, 0))
        self.duty_to.setDisplayFormat("HH:mm")
        add = QPushButton(self.tr("Add to the ros&ter"))
        add.clicked.connect(self.add_duty)
        for widget in (self.counsellor, self.duty_date, self.duty_from, self.duty_to, add):
            row.addWidget(widget)
        layout.addLayout(row)
        if not self.counsellor.count():
            layout.addWidget(
                QLabel(self.tr("No staff account has the counsellor role yet (Staff accounts)."))
            )
        self.roster_list = self._list_with_remove(
            layout, self.tr("Take o&ff the roster"), self.remove_duty
        )
        return page

    def fill_roster(self) -> None:
        fill_list(
            self.roster_list,
            (
                (
                    f"{duty.starts_at:%Y-%m-%d %H:%M}-{duty.ends_at:%H:%M}  "
                    f"{duty.counsellor.display_name}",
                    duty.id,
                )
                for duty in rooms.roster(self.actor, today(), today() + timedelta(days=ROSTER_DAYS))
            ),
        )

    @reports_user_errors
    def add_duty(self) -> None:
        if self.counsellor.currentData() is None:
            return
        day = self.duty_date.date().toPython()
        starts_at = datetime.combine(day, self.duty_from.time().toPython())
        ends_at = datetime.combine(day, self.duty_to.time().toPython())
        rooms.add_duty(self.actor, self.counsellor.currentData(), starts_at, ends_at)
        self.bar.hide()
        self.fill_roster()

    @reports_user_errors
    def remove_duty(self) -> None:
        self._remove_current(self.roster_list, rooms.remove_duty, self.fill_roster)
