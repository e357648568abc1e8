"""Book a slot: find the person as everywhere else (the person picker), Enter, Enter."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.rooms import CHANNELS, DECOMPRESSION, Room
from stationapp.services import people, rooms
from stationapp.services.rooms import MAX_SLOTS, BookingInput, BookingView
from stationapp.ui.forms import (
    FieldErrors,
    choice_box,
    layout_with_bar,
    reports_user_errors,
    show_user_error,
)
from stationapp.ui.people.picker import PersonPicker, register_from_picker


class BookingDialog(QDialog):
    """The slot is chosen in the week view; the dialog asks who, how long, how, and a note."""

    def __init__(
        self, actor: Staff, room: Room, starts_at: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.room = room
        self.starts_at = starts_at
        self.person_id: int | None = None
        self.booking: BookingView | None = None
        self.setWindowTitle(self.tr("Book {room}").format(room=room.name))
        # Wide enough for the picker's lines (name, gender, phone, masked ID, workplace).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout, self.bar = layout_with_bar(self)
        when = QLabel(
            self.tr("{room}, {day} from {time}").format(
                room=room.name, day=starts_at.strftime("%Y-%m-%d"), time=f"{starts_at:%H:%M}"
            )
        )
        layout.addWidget(when)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.picker = PersonPicker(actor, limit=6)
        self.picker.person_chosen.connect(self.choose_person)
        self.picker.new_person_requested.connect(self.new_person)
        self.fields.add_row(self.tr("&Who:"), "person", self.picker)
        self.chosen_label = QLabel(self.tr("Nobody chosen yet: type and press Enter."))
        self.chosen_label.setWordWrap(True)
        form.addRow("", self.chosen_label)
        self.slots = QSpinBox()
        self.slots.setRange(1, MAX_SLOTS)
        self.slots.setSuffix(self.tr(" × {minutes} min").format(minutes=room.slot_minutes))
        self.fields.add_row(self.tr("&Length:"), "slots", self.slots)
        self.channel = choice_box(CHANNELS, rooms.channel_label)
        self.fields.add_row(self.tr("&Channel:"), "channel", self.channel)
        self.counsellor = QCheckBox(self.tr("With a co&unsellor on duty"))
        self.fields.add_row("", "counsellor", self.counsellor)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.note.setPlaceholderText(
            self.tr("Only the counsellors and the station head see it; needs health consent.")
            if room.kind == DECOMPRESSION
            else ""
        )
        self.fields.add_row(self.tr("&Note:"), "note", self.note)
        self.fields.set_row_visible("counsellor", room.kind == DECOMPRESSION)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.book_button = QPushButton(self.tr("Boo&k"))
        self.book_button.setEnabled(False)
        buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.picker.setFocus()

    @reports_user_errors
    def choose_person(self, person_id: int) -> None:
        person = people.get_person(self.actor, person_id)
        self.person_id = person.id
        self.chosen_label.setText(self.tr("Booking for: {name}").format(name=person.name))
        self.book_button.setEnabled(True)
        self.book_button.setDefault(True)
        self.book_button.setFocus()

    def new_person(self, text: str) -> None:
        chosen = register_from_picker(self.actor, self, text)
        if chosen is not None:
            self.choose_person(chosen)

    def save(self) -> None:
        if self.person_id is None:
            self.fields.show({"person": self.tr("Find the person first.")})
            return
        data = BookingInput(
            room_id=self.room.id,
            person_id=self.person_id,
            starts_at=self.starts_at,
            slots=self.slots.value(),
            channel=self.channel.currentData(),
            note=self.note.toPlainText(),
            wants_counsellor=self.counsellor.isChecked() and self.room.kind == DECOMPRESSION,
        )
        try:
            self.booking = rooms.book(self.actor, data)
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()
