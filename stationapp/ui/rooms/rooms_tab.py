"""The Rooms tab (场地预约): a room's week, a slot per row and day, free, booked or closed.

Arrows move through the slots; Enter (or F8) books a free one; the buttons cancel, move, check in
and mark a no-show. Moving picks the new slot in the same grid: Enter there, Esc to give up.
Tab leaves the grid. Who booked the decompression room is shown only to the roles that may know
it (the services decide; the grid shows what it is given).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import COUNSELLOR, Staff
from stationapp.services import accounts, rooms
from stationapp.services.rooms import BookingView, Slot, Week
from stationapp.ui.bus import ChangeBus
from stationapp.ui.forms import MessageBar, add_button, reports_user_errors, selectable_label
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.rooms.setup_dialog import weekday_names

FREE = QColor("#eef7ee")
BOOKED = QColor("#dce9f8")
DONE = QColor("#e3f1d4")
MISSED = QColor("#fbe3cf")
CLOSED = QColor("#e6e6e6")


class RoomsTab(QWidget):
    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.monday = rooms.monday_of(today())
        self.week_view: Week | None = None
        self.moving: BookingView | None = None
        self.may_book = accounts.has_permission(actor, "room.book")
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        room_label = QLabel(self.tr("&Location:"))
        self.room_combo = QComboBox()
        self.room_combo.setMinimumContentsLength(16)
        room_label.setBuddy(self.room_combo)
        self.room_combo.currentIndexChanged.connect(self.refresh)
        top.addWidget(room_label)
        top.addWidget(self.room_combo)
        self.previous_button = QPushButton(self.tr("Previo&us week"))
        self.previous_button.clicked.connect(lambda: self.step_week(-1))
        self.this_week_button = QPushButton(self.tr("This week (&J)"))
        self.this_week_button.clicked.connect(self.go_this_week)
        self.next_button = QPushButton(self.tr("Ne&xt week"))
        self.next_button.clicked.connect(lambda: self.step_week(1))
        for button in (self.previous_button, self.this_week_button, self.next_button):
            top.addWidget(button)
        self.week_label = QLabel()
        top.addWidget(self.week_label, 1)
        layout.addLayout(top)

        self.bar = MessageBar()
        layout.addWidget(self.bar)
        self.grid = leave_on_tab(QTableWidget())
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.activated.connect(lambda _index: self.enter_slot())
        self.grid.currentCellChanged.connect(lambda *_args: self.show_details())
        layout.addWidget(self.grid, 1)
        self.details = selectable_label()
        layout.addWidget(self.details)
        self.sessions_label = QLabel()
        self.sessions_label.setWordWrap(True)
        layout.addWidget(self.sessions_label)
        # A counsellor's own sessions of the day (the station head has none of their own).
        self.sessions_label.setVisible(
            COUNSELLOR in actor.role_set and accounts.has_permission(actor, "room.confidential")
        )

        actions = QHBoxLayout()
        self.book_button = add_button(actions, self.tr("Boo&k… (F8)"), self.book_selected)
        self.cancel_button = add_button(actions, self.tr("&Cancel booking…"), self.cancel_selected)
        self.move_button = add_button(actions, self.tr("Move to another &slot"), self.start_move)
        self.check_in_button = add_button(
            actions, self.tr("Check &in (F9)"), self.check_in_selected
        )
        self.no_show_button = add_button(actions, self.tr("&No-show"), self.no_show_selected)
        for button in (
            self.book_button,
            self.cancel_button,
            self.move_button,
            self.check_in_button,
            self.no_show_button,
        ):
            button.setVisible(self.may_book)
        actions.addStretch(1)
        layout.addLayout(actions)

        for key, slot in (
            ("F8", self.book_selected),
            ("F9", self.check_in_selected),
            ("Esc", self.stop_move),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        bus.changed.connect(self._on_changed)
        self.fill_rooms()

    # --- filling --------------------------------------------------------------------------

    def _on_changed(self, entity: str) -> None:
        if entity == "room":
            self.fill_rooms()
        elif entity in ("room_booking", "person", "*"):
            self.refresh()

    def fill_rooms(self) -> None:
        current = self.room_combo.currentData()
        self.room_combo.blockSignals(True)
        self.room_combo.clear()
        try:
            found = rooms.list_rooms(self.actor)
        except UserError as exc:
            found = []
            self.bar.show_message(exc.message)
        for room in found:
            self.room_combo.addItem(room.name, room.id)
        index = self.room_combo.findData(current)
        self.room_combo.setCurrentIndex(max(index, 0))
        self.room_combo.blockSignals(False)
        self.refresh()

    def step_week(self, step: int) -> None:
        self.monday += timedelta(days=7 * step)
        self.refresh()

    def go_this_week(self) -> None:
        self.monday = rooms.monday_of(today())
        self.refresh()

    def _day_title(self, day: date) -> str:
        names = weekday_names()
        shown = day.strftime("%m-%d") if day.year == today().year else day.isoformat()
        return f"{names[day.weekday()]} {shown}"

    @reports_user_errors
    def refresh(self, *_args: object) -> None:
        room_id = self.room_combo.currentData()
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        self.grid.clear()
        self.week_view = None
        if room_id is None:
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            self.week_label.setText(self.tr("No room is set up yet: the administrator adds them."))
            self._update_buttons()
            return
        week = rooms.week(self.actor, room_id, self.monday)
        self.week_view = week
        self.week_label.setText(
            self.tr("Week of {first} to {last}").format(
                first=week.days[0].isoformat(), last=week.days[-1].isoformat()
            )
        )
        self.grid.setColumnCount(len(week.days))
        self.grid.setRowCount(len(week.times))
        self.grid.setHorizontalHeaderLabels([self._day_title(day) for day in week.days])
        self.grid.setVerticalHeaderLabels([f"{t:%H:%M}" for t in week.times])
        for (r, c), slot in week.slots.items():
            self.grid.setItem(r, c, self._item(slot))
        if not week.times:
            self.week_label.setText(self.tr("The room is closed all this week."))
        if 0 <= row < len(week.times) and 0 <= column < len(week.days):
            self.grid.setCurrentCell(row, column)
        elif week.times:
            self.grid.setCurrentCell(0, min(today().weekday(), 6) if self._this_week() else 0)
        self._fill_sessions()
        self.show_details()

    def _this_week(self) -> bool:
        return self.monday == rooms.monday_of(today())

    def _item(self, slot: Slot) -> QTableWidgetItem:
        booking = slot.booking
        if booking is not None:
            parts = [booking.who]
            if booking.state != "booked":
                parts.append(rooms.booking_state_label(booking.state))
            if booking.counsellor_name:
                parts.append(booking.counsellor_name)
            text = " · ".join(parts)
            colour = {"checked_in": DONE, "no_show": MISSED}.get(booking.state, BOOKED)
        elif slot.closed:
            text, colour = slot.closed, CLOSED
        else:
            text, colour = self.tr("Free"), FREE
        item = QTableWidgetItem(text)
        item.setBackground(QBrush(colour))
        item.setForeground(QBrush(QColor("#1b1b1b")))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def _fill_sessions(self) -> None:
        if not self.sessions_label.isVisible() and self.sessions_label.isHidden():
            return
        try:
            sessions = rooms.my_sessions(self.actor)
        except UserError:
            sessions = []
        if not sessions:
            self.sessions_label.setText(self.tr("No counselling sessions of yours today."))
            return
        lines = [
            f"{s.starts_at:%H:%M}-{s.ends_at:%H:%M} {s.room_name} {s.person_name}" for s in sessions
        ]
        self.sessions_label.setText(self.tr("Your sessions today: ") + "；".join(lines))

    # --- the selected slot ----------------------------------------------------------------

    def selected_slot(self) -> Slot | None:
        if self.week_view is None:
            return None
        return self.week_view.slot(self.grid.currentRow(), self.grid.currentColumn())

    def show_details(self) -> None:
        slot = self.selected_slot()
        self._update_buttons()
        if slot is None:
            self.details.clear()
            return
        when = f"{slot.starts_at:%Y-%m-%d %H:%M}-{slot.ends_at:%H:%M}"
        booking = slot.booking
        if booking is None:
            state = slot.closed or self.tr("Free: Enter books it.")
            self.details.setText(f"{when}  {state}")
            return
        parts = [f"{booking.starts_at:%Y-%m-%d %H:%M}-{booking.ends_at:%H:%M}"]
        if not booking.hidden:  # else "booked" twice
            parts.append(booking.who)
        parts += [rooms.booking_state_label(booking.state), rooms.channel_label(booking.channel)]
        if booking.counsellor_name:
            parts.append(self.tr("Counsellor: {name}").format(name=booking.counsellor_name))
        elif booking.wants_counsellor:
            parts.append(self.tr("Counsellor wanted"))
        if booking.note:
            parts.append(self.tr("Note: {note}").format(note=booking.note))
        self.details.setText("  ·  ".join(parts))

    def _update_buttons(self) -> None:
        slot = self.selected_slot()
        booking = slot.booking if slot is not None else None
        # an event's or a planned session's booking is changed there, not here
        booked = booking is not None and booking.state == "booked" and not booking.linked
        self.book_button.setEnabled(slot is not None and slot.free)
        for button in (self.cancel_button, self.move_button, self.check_in_button):
            button.setEnabled(booked)
        self.no_show_button.setEnabled(booked)

    def enter_slot(self) -> None:
        if self.moving is not None:
            self.finish_move()
        else:
            self.book_selected()

    # --- actions --------------------------------------------------------------------------

    def book_selected(self) -> None:
        from stationapp.ui.rooms.booking_dialog import BookingDialog

        slot = self.selected_slot()
        if not self.may_book or slot is None or self.week_view is None:
            return
        if not slot.free:
            self.bar.show_message(
                slot.closed or self.tr("This slot is booked: choose a free one."), "warning"
            )
            return
        dialog = BookingDialog(self.actor, self.week_view.room, slot.starts_at, self)
        if dialog.exec() and dialog.booking is not None:
            self.bar.show_message(
                self.tr("Booked: {room}, {when}.").format(
                    room=dialog.booking.room_name,
                    when=f"{dialog.booking.starts_at:%Y-%m-%d %H:%M}",
                ),
                "info",
            )
        dialog.deleteLater()
        self.refresh()
        self.grid.setFocus()

    def _booking(self) -> BookingView | None:
        slot = self.selected_slot()
        return slot.booking if slot is not None else None

    def _run(self, action, booking: BookingView, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            action(self.actor, booking.id)
        except UserError as exc:
            self.bar.show_message(exc.message)
        else:
            self.bar.show_message(done, "info")
        self.refresh()

    def cancel_selected(self) -> None:
        booking = self._booking()
        if booking is None or booking.state != "booked":
            return
        answer = QMessageBox.question(
            self,
            self.tr("Cancel booking"),
            self.tr("Cancel the booking of {when}?").format(
                when=f"{booking.starts_at:%Y-%m-%d %H:%M}"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(rooms.cancel_booking, booking, self.tr("The booking is cancelled."))

    def check_in_selected(self) -> None:
        booking = self._booking()
        if booking is not None and booking.state == "booked" and self.may_book:
            self._run(rooms.check_in, booking, self.tr("Checked in."))

    def no_show_selected(self) -> None:
        booking = self._booking()
        if booking is not None and booking.state == "booked":
            self._run(rooms.mark_no_show, booking, self.tr("Marked as a no-show."))

    def start_move(self) -> None:
        booking = self._booking()
        if booking is None or booking.state != "booked":
            return
        self.moving = booking
        self.bar.show_message(
            self.tr(
                "Moving the booking of {when}: choose the new slot and press Enter (Esc gives up)."
            ).format(when=f"{booking.starts_at:%Y-%m-%d %H:%M}"),
            "warning",
        )
        self.grid.setFocus()

    def stop_move(self) -> None:
        if self.moving is not None:
            self.moving = None
            self.bar.hide()

    @reports_user_errors
    def finish_move(self) -> None:
        booking, slot = self.moving, self.selected_slot()
        if booking is None or slot is None:
            return
        moved = rooms.move_booking(self.actor, booking.id, slot.starts_at)
        self.moving = None
        self.bar.show_message(
            self.tr("Moved to {when}.").format(when=f"{moved.starts_at:%Y-%m-%d %H:%M}"), "info"
        )
        self.refresh()

    @reports_user_errors
    def show_booking(self, booking_id: int) -> None:
        """Bring the booking's room and week on screen with its slot selected (from Today)."""
        booking = rooms.get_booking(self.actor, booking_id)
        self.monday = rooms.monday_of(booking.starts_at.date())
        index = self.room_combo.findData(booking.room_id)
        if index >= 0 and index != self.room_combo.currentIndex():
            self.room_combo.setCurrentIndex(index)  # refreshes
        else:
            self.refresh()
        week = self.week_view
        if week is not None and booking.starts_at.time() in week.times:
            row = week.times.index(booking.starts_at.time())
            self.grid.setCurrentCell(row, booking.starts_at.weekday())
        self.grid.setFocus()

    def focus_search(self) -> None:
        self.grid.setFocus()
