"""The Rooms tab (issue 24): the week grid, booking by keyboard, move, cancel, check in, the
confidentiality of the decompression room, and the tab in the main window (access keys, size)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from stationapp.models.accounts import COUNSELLOR, FRONT_DESK
from stationapp.models.rooms import RoomBooking
from stationapp.services import people, rooms
from stationapp.services.people import PersonInput
from stationapp.services.rooms import BookingInput, RoomInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.main_window import MainWindow
from stationapp.ui.rooms.booking_dialog import BookingDialog
from stationapp.ui.rooms.rooms_tab import RoomsTab
from tests.helpers.ids import make_ric
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large


@pytest.fixture
def room(admin):
    return rooms.create_room(admin, RoomInput(name="职工心理减压室", kind="decompression"))


@pytest.fixture
def li(admin):
    return people.create_person(
        admin, PersonInput(name="李娜", id_number=make_ric(seq=126), phone="13900001111")
    )


def next_week_tab(show_active, actor) -> RoomsTab:
    tab = show_active(RoomsTab(actor, ChangeBus()))
    tab.resize(1300, 700)
    tab.next_button.click()
    return tab


def free_cell(tab: RoomsTab, hour: int = 10) -> tuple[int, int]:
    """The first open day of the shown week, at ``hour``."""
    week = tab.week_view
    row = [t.hour for t in week.times].index(hour)
    column = next(c for c in range(7) if week.slot(row, c).free)
    return row, column


def test_book_a_slot_by_keyboard(qtbot, show_active, admin, room, li) -> None:
    tab = next_week_tab(show_active, admin)
    row, column = free_cell(tab)
    tab.grid.setFocus()
    tab.grid.setCurrentCell(row, column)
    assert tab.grid.item(row, column).text() == "Free"

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BookingDialog)
        qtbot.keyClicks(dialog.picker.edit, "1111")  # the phone tail
        qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)  # picks
        assert dialog.person_id == li.id
        assert dialog.focusWidget() is dialog.book_button
        qtbot.keyClick(dialog.book_button, Qt.Key.Key_Return)  # books

    QTimer.singleShot(0, drive)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    booking = RoomBooking.get()
    assert (booking.person_id, booking.starts_at) == (
        li.id,
        tab.week_view.slot(row, column).starts_at,
    )
    assert tab.grid.item(row, column).text() == "李娜"
    assert tab.focusWidget() is tab.grid  # back in the grid for the next booking
    qtbot.keyClick(tab.grid, Qt.Key.Key_Tab)
    assert tab.focusWidget() is not tab.grid  # Tab leaves the grid


def test_a_note_without_health_consent_is_refused_at_the_field(
    qtbot, show_active, admin, room, li
) -> None:
    starts_at = rooms.week(admin, room.id, rooms.monday_of(li.created_at.date()) + timedelta(7))
    row = [t.hour for t in starts_at.times].index(10)
    slot = next(starts_at.slot(row, c) for c in range(7) if starts_at.slot(row, c).free)
    dialog = show_active(BookingDialog(admin, room, slot.starts_at))
    dialog.choose_person(li.id)
    dialog.note.setPlainText("失眠")
    dialog.book_button.click()
    assert dialog.fields.error_label("note").isVisibleTo(dialog)
    assert dialog.note.toPlainText() == "失眠"  # what was typed stays
    assert RoomBooking.select().count() == 0


def test_front_desk_sees_booked_and_counsellor_sees_who(
    qtbot, show_active, admin, make_staff, room, li
) -> None:
    desk = make_staff("desk", FRONT_DESK)
    zhao = make_staff("zhao", COUNSELLOR)
    tab = next_week_tab(show_active, desk)
    row, column = free_cell(tab)
    rooms.book(admin, BookingInput(room.id, li.id, tab.week_view.slot(row, column).starts_at))
    tab.refresh()
    assert tab.grid.item(row, column).text() == "Booked"
    tab.grid.setCurrentCell(row, column)
    assert "李娜" not in tab.details.text()
    other = next_week_tab(show_active, zhao)
    assert other.grid.item(row, column).text() == "李娜"
    assert other.sessions_label.isVisible() and not tab.sessions_label.isVisible()


def test_move_cancel_check_in(qtbot, show_active, admin, room, li, monkeypatch) -> None:
    tab = next_week_tab(show_active, admin)
    row, column = free_cell(tab)
    booking = rooms.book(
        admin, BookingInput(room.id, li.id, tab.week_view.slot(row, column).starts_at)
    )
    tab.refresh()
    tab.grid.setCurrentCell(row, column)
    assert tab.move_button.isEnabled() and not tab.book_button.isEnabled()
    tab.move_button.click()
    assert "Esc" in tab.bar.text()
    tab.grid.setCurrentCell(row + 1, column)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    moved = RoomBooking.get_by_id(booking.id)
    assert moved.starts_at == booking.starts_at + timedelta(hours=1)
    assert tab.grid.item(row + 1, column).text() == "李娜"
    assert tab.grid.item(row, column).text() == "Free"
    # Check in refuses a day that is not today, at the message bar.
    tab.check_in_button.click()
    assert "day of the booking" in tab.bar.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.cancel_button.click()
    assert RoomBooking.get_by_id(booking.id).state == "cancelled"
    assert tab.grid.item(row + 1, column).text() == "Free"


def test_the_main_window_has_the_rooms_tab_with_free_access_keys(
    qtbot, show_active, admin, room, db_url
) -> None:
    window = show_active(MainWindow(admin, database_url=db_url))
    window.resize(1366, 720)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Rooms (&Z)" in titles
    tab = window.show_tab("rooms")
    assert isinstance(tab, RoomsTab)
    QApplication.processEvents()
    assert mnemonic_clashes(window) == {}
    assert lists_keeping_tab(window) == []
    assert too_large(window) == (0, 0)


def test_roles_without_rooms_do_not_get_the_tab(qtbot, show_active, make_staff, db_url) -> None:
    librarian = make_staff("books", "librarian")
    window = show_active(MainWindow(librarian, database_url=db_url))
    assert window.tab("rooms") is None


def test_today_lists_the_bookings_and_opens_one_on_the_rooms_tab(
    qtbot, show_active, admin, room, li, db_url
) -> None:
    from datetime import datetime

    from stationapp.db import today

    moment = datetime.combine(today(), datetime.min.time()).replace(hour=10)
    booking = RoomBooking.create(
        room=room.id,
        person=li.id,
        starts_at=moment,
        ends_at=moment + timedelta(hours=1),
        state="booked",
        staff=admin.id,
    )
    window = show_active(MainWindow(admin, database_url=db_url))
    window.show_tab("today")
    window.today_tab.refresh()
    section = window.today_tab.sections["rooms"]
    assert [i.text for i in section.items] == ["10:00-11:00 职工心理减压室 李娜"]
    window.open_record("room_booking", booking.id, 0)
    tab = window.current_tab()
    assert isinstance(tab, RoomsTab)
    slot = tab.selected_slot()
    assert slot is not None and slot.booking is not None and slot.booking.id == booking.id


def test_the_administrator_sets_up_a_room_a_closed_day_and_a_duty(
    qtbot, show_active, admin, make_staff
) -> None:
    from stationapp.db import today
    from stationapp.models.rooms import ClosedDay, CounsellorDuty, Room
    from stationapp.ui.rooms.setup_dialog import RoomSetupDialog

    zhao = make_staff("zhao", COUNSELLOR)
    dialog = show_active(RoomSetupDialog(admin))
    assert mnemonic_clashes(dialog) == {}
    dialog.name.setText("劳动争议调解室")
    dialog.kind.setCurrentIndex(dialog.kind.findData("mediation"))
    dialog.hours[0].setText("9-17")
    dialog.save_button.click()
    assert dialog.room_fields.error_label("hours").isVisibleTo(dialog)
    assert Room.select().count() == 0
    dialog.hours[0].setText("09:00-17:00")
    dialog.save_button.click()
    room = Room.get()
    assert (room.name, room.kind, room.hours.split(";")[5]) == ("劳动争议调解室", "mediation", "")
    dialog.closed_reason.setText("消防检查")
    dialog.add_closed()
    assert ClosedDay.get().reason == "消防检查"
    assert dialog.closed_list.count() == 1
    dialog.counsellor.setCurrentIndex(dialog.counsellor.findData(zhao.id))
    dialog.add_duty()
    duty = CounsellorDuty.get()
    assert (duty.counsellor_id, duty.starts_at.date()) == (zhao.id, today())
    assert dialog.roster_list.count() == 1


def test_the_person_page_lists_bookings_as_far_as_the_role_may_see(
    qtbot, admin, make_staff, room, li
) -> None:
    from stationapp.ui.people.person_page import PersonPage

    activity = rooms.create_room(admin, RoomInput(name="职工之家", kind="activity"))
    week = rooms.week(admin, room.id, rooms.monday_of(li.created_at.date()) + timedelta(7))
    row = [t.hour for t in week.times].index(10)
    slot = next(week.slot(row, c) for c in range(7) if week.slot(row, c).free)
    rooms.book(admin, BookingInput(room.id, li.id, slot.starts_at))
    rooms.book(admin, BookingInput(activity.id, li.id, slot.starts_at + timedelta(hours=3)))
    shown = {}
    for actor in (admin, make_staff("desk", FRONT_DESK)):
        page = PersonPage(actor)
        qtbot.addWidget(page)
        page.show_person(li.id)
        shown[actor.username] = [page.rooms.item(i).text() for i in range(page.rooms.count())]
    assert len(shown["admin"]) == 2 and any("职工心理减压室" in t for t in shown["admin"])
    assert len(shown["desk"]) == 1 and "职工之家" in shown["desk"][0]
