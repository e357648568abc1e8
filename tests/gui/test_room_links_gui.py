"""Rooms booked by other work (issue 24, point 6), on screen: the next session of a case booked
by keyboard in the mediation room, a clash said at the field before saving with the free times
near it, the event dialog's Room choice, and the Rooms grid showing the session."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK
from stationapp.models.mediation import CaseSession
from stationapp.models.rooms import RoomBooking
from stationapp.services import events, mediation, people, rooms
from stationapp.services.people import PersonInput
from stationapp.services.rooms import BookingInput, RoomInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.events.event_dialog import EventDialog
from stationapp.ui.mediation.cases_tab import CasesTab
from stationapp.ui.mediation.session_plan import PlanSessionDialog
from stationapp.ui.rooms.rooms_tab import RoomsTab
from tests.helpers.ids import make_ric
from tests.helpers.service_inputs import file_case


def _open_day(room) -> date:
    day = today() + timedelta(days=7)
    while rooms.day_hours(room, day, {})[0] is None:
        day += timedelta(days=1)
    return day


@pytest.fixture
def station(admin):
    room = rooms.create_room(admin, RoomInput(name="劳动争议调解室", kind="mediation"))
    worker = people.create_person(admin, PersonInput(name="李娜", id_number=make_ric(seq=51)))
    org = people.create_organization(admin, people.OrganizationInput(name="某某餐饮公司"))
    case = file_case(admin, worker, org, "accepted")
    return room, worker, case


def test_plan_the_next_session_by_keyboard(qtbot, show_active, admin, station) -> None:
    room, _worker, case = station
    day = _open_day(room)
    tab = show_active(CasesTab(admin, ChangeBus()))
    tab.open_case(case.id)
    page = tab.page
    page.tabs.setCurrentIndex(2)  # Sessions
    assert page.planned.label.text() == "No session planned."
    assert page.planned.button.isEnabled() and "&" in page.planned.button.text()

    dialog = show_active(PlanSessionDialog(admin, case, None))
    assert dialog.focusWidget() is dialog.day  # the first field
    qtbot.keyClick(dialog.day, Qt.Key.Key_Home)  # the year
    qtbot.keyClicks(dialog.day, day.isoformat())
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.start
    qtbot.keyClicks(dialog.start, "14:00")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.length
    qtbot.keyClick(dialog.length, Qt.Key.Key_Down)  # 1 h -> 1 h 30 min
    qtbot.keyClick(dialog.length, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.room and dialog.room.currentData() == room.id
    assert not dialog.fields.error_label("starts_at").text()
    qtbot.keyClick(dialog.room, Qt.Key.Key_Return)  # saves
    assert dialog.result() == 1
    booking = RoomBooking.get()
    start = datetime.combine(day, time(14))
    assert (booking.starts_at, booking.ends_at) == (start, start + timedelta(hours=2))
    assert booking.case_session_id == CaseSession.get().id

    page._after_change()  # what the button does after the dialog
    assert f"{day.isoformat()} 14:00-15:30" in page.planned.label.text()
    assert room.name in page.planned.label.text()
    assert "Change" in page.planned.button.text()


def test_a_clash_is_said_at_the_field_before_saving(qtbot, show_active, admin, station) -> None:
    room, worker, case = station
    day = _open_day(room)
    rooms.book(admin, BookingInput(room.id, worker.id, datetime.combine(day, time(10))))
    dialog = show_active(PlanSessionDialog(admin, case, None))
    dialog.day.setDate(day)
    dialog.start.setTime(time(10))
    error = dialog.fields.error_label("starts_at")
    assert error.isVisibleTo(dialog) and room.name in error.text()  # before any saving
    assert dialog.nearby.isVisibleTo(dialog) and dialog.nearby.count()
    assert CaseSession.select().count() == 0
    dialog.nearby.setFocus()
    dialog.nearby.setCurrentRow(0)
    taken = dialog.nearby.currentItem().text()
    qtbot.keyClick(dialog.nearby, Qt.Key.Key_Return)  # takes the free time
    assert f"{dialog.starts_at():%Y-%m-%d %H:%M}" == taken
    assert not error.isVisibleTo(dialog)
    dialog.submit()
    assert RoomBooking.select().where(RoomBooking.case_session.is_null(False)).count() == 1


def test_the_event_dialog_books_the_activity_room(qtbot, show_active, admin) -> None:
    hall = rooms.create_room(
        admin, RoomInput(name="职工之家活动室", kind="activity", capacity=40, slot_minutes=60)
    )
    worker = people.create_person(admin, PersonInput(name="王芳", id_number=make_ric(seq=52)))
    day = _open_day(hall)
    rooms.book(admin, BookingInput(hall.id, worker.id, datetime.combine(day, time(15))))
    dialog = show_active(EventDialog(admin))
    dialog.title.setText("插花比赛")
    dialog.starts_at.setDateTime(datetime.combine(day, time(14)))
    dialog.ends_at.setDateTime(datetime.combine(day, time(16)))
    dialog.room.setFocus()
    qtbot.keyClick(dialog.room, Qt.Key.Key_Down)  # None -> the activity room
    assert dialog.room.currentData() == hall.id
    assert dialog.venue.text() == hall.name and not dialog.venue.isEnabled()
    assert dialog.error_text("room")  # the 15:00 slot is taken: said before saving
    dialog.ends_at.setDateTime(datetime.combine(day, time(15)))
    assert not dialog.error_text("room")
    dialog.submit()
    assert dialog.saved is not None
    booking = events.event_booking(dialog.saved.id)
    assert (booking.room_id, booking.starts_at) == (hall.id, datetime.combine(day, time(14)))


def test_the_grid_shows_the_session_as_far_as_the_role_may_know(
    qtbot, show_active, admin, make_staff, station
) -> None:
    room, _worker, case = station
    day = _open_day(room)
    mediation.plan_session(
        admin, case.id, mediation.PlanInput(datetime.combine(day, time(10)), 60, room.id)
    )
    for actor, shown in ((admin, True), (make_staff("desk", FRONT_DESK), False)):
        tab = show_active(RoomsTab(actor, ChangeBus()))
        tab.resize(1300, 700)
        while day not in tab.week_view.days:
            tab.next_button.click()
        row = [t.hour for t in tab.week_view.times].index(10)
        column = tab.week_view.days.index(day)
        text = tab.grid.item(row, column).text()
        assert (case.number in text) is shown
        assert text == "Booked" or shown
        tab.grid.setCurrentCell(row, column)
        assert not tab.cancel_button.isEnabled() and not tab.move_button.isEnabled()
