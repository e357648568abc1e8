"""Rooms booked by other work (issue 24, point 6): a planned mediation session holds the mediation
room, an event the activity room; clashes are said before saving, moves and cancellations follow,
the grid shows what holds the slot as far as the role may know; the person's history does not
reveal the decompression room; the schema upgrade keeps the bookings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import peewee
import pytest

from stationapp.db import close_database, database, open_database, today
from stationapp.errors import HasHistory, ValidationError
from stationapp.migrations import CURRENT_VERSION, migrate, schema_version
from stationapp.models.accounts import FRONT_DESK, MEDIATOR, Staff
from stationapp.models.mediation import CaseSession
from stationapp.models.people import Person
from stationapp.models.rooms import Room, RoomBooking
from stationapp.services import events, history, mediation, people, people_merge, rooms
from stationapp.services.events import EventInput
from stationapp.services.maintenance import open_station_database
from stationapp.services.mediation import PlanInput, SessionInput
from stationapp.services.people import PersonInput
from stationapp.services.rooms import BookingInput, RoomInput, SlotTaken
from stationapp.services.today import today_sections
from tests.helpers.desks import run_desks
from tests.helpers.ids import make_ric
from tests.helpers.room_worker import book_or_plan
from tests.helpers.service_inputs import file_case

DAY17 = date(2026, 12, 8)


def _open_day(room, start: date | None = None) -> date:
    """The first day, a week or more from now, that the room is open."""
    day = start or today() + timedelta(days=7)
    while rooms.day_hours(room, day, {})[0] is None:
        day += timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


@pytest.fixture
def station(admin: Staff):
    mediation_room = rooms.create_room(
        admin, RoomInput(name="劳动争议调解室", kind="mediation", slot_minutes=60)
    )
    activity = rooms.create_room(
        admin, RoomInput(name="职工之家活动室", kind="activity", capacity=40, slot_minutes=60)
    )
    worker = people.create_person(admin, PersonInput(name="李娜", id_number=make_ric(seq=31)))
    org = people.create_organization(admin, people.OrganizationInput(name="某某物流有限公司"))
    case = file_case(admin, worker, org, "accepted")
    return mediation_room, activity, worker, case


def test_planning_a_session_books_the_mediation_room(admin, station) -> None:
    room, _activity, worker, case = station
    day = _open_day(room)
    planned = mediation.plan_session(admin, case.id, PlanInput(at(day, 14), 90, room.id))
    booking = RoomBooking.get(RoomBooking.case_session == planned.id)
    # 14:00-15:30 covers the slots 14:00 and 15:00
    assert (booking.starts_at, booking.ends_at, booking.state) == (
        at(day, 14),
        at(day, 16),
        "booked",
    )
    assert booking.person_id is None and booking.event_id is None
    assert (planned.place, planned.room_id, planned.booking_id) == (room.name, room.id, booking.id)
    assert mediation.planned_sessions(admin, case.id) == [planned]
    assert mediation.case_sessions(admin, case.id) == []  # not held yet
    # the slot is taken for a worker now
    with pytest.raises(SlotTaken):
        rooms.book(admin, BookingInput(room.id, worker.id, at(day, 15)))


def test_a_clash_is_said_before_saving_with_free_times_near_it(admin, station) -> None:
    room, _activity, worker, case = station
    day = _open_day(room)
    rooms.book(admin, BookingInput(room.id, worker.id, at(day, 10)))
    check = rooms.check_room(admin, room.id, at(day, 10), at(day, 11), kind="mediation")
    assert check.problem and check.field == "starts_at"
    assert check.nearby and at(day, 10) not in check.nearby
    assert at(day, 9) in check.nearby and at(day, 11) in check.nearby
    free = rooms.check_room(admin, room.id, at(day, 11), at(day, 12), kind="mediation")
    assert (free.problem, free.starts_at, free.ends_at) == ("", at(day, 11), at(day, 12))
    # outside the hours, and on a closed day
    late = rooms.check_room(admin, room.id, at(day, 16, 30), at(day, 18), kind="mediation")
    assert late.problem and late.field == "starts_at"
    rooms.add_closed_day(admin, day + timedelta(days=1), "消防检查")
    closed = rooms.check_room(
        admin,
        room.id,
        at(day + timedelta(days=1), 9),
        at(day + timedelta(days=1), 10),
        kind="mediation",
    )
    assert "消防检查" in closed.problem
    # saving is refused at the same field, and nothing is written
    before = (CaseSession.select().count(), RoomBooking.select().count())
    with pytest.raises(SlotTaken) as caught:
        mediation.plan_session(admin, case.id, PlanInput(at(day, 10), 60, room.id))
    assert caught.value.field == "starts_at"
    assert (CaseSession.select().count(), RoomBooking.select().count()) == before


def test_moving_and_cancelling_the_plan_moves_and_cancels_the_booking(admin, station) -> None:
    room, _activity, _worker, case = station
    day = _open_day(room)
    planned = mediation.plan_session(admin, case.id, PlanInput(at(day, 9), 60, room.id))
    moved = mediation.move_planned_session(admin, planned.id, PlanInput(at(day, 13), 120, room.id))
    booking = RoomBooking.get_by_id(planned.booking_id)
    assert moved.booking_id == booking.id  # the same booking, moved
    assert (booking.starts_at, booking.ends_at) == (at(day, 13), at(day, 15))
    # elsewhere: the booking goes
    elsewhere = mediation.move_planned_session(
        admin, planned.id, PlanInput(at(day, 13), 60, None, "街道办会议室")
    )
    assert (elsewhere.place, elsewhere.booking_id) == ("街道办会议室", None)
    assert RoomBooking.get_by_id(booking.id).state == "cancelled"
    # back in the room, then called off
    back = mediation.move_planned_session(admin, planned.id, PlanInput(at(day, 10), 60, room.id))
    assert back.booking_id not in (None, booking.id)
    mediation.cancel_planned_session(admin, planned.id)
    assert RoomBooking.get_by_id(back.booking_id).state == "cancelled"
    assert CaseSession.get_by_id(planned.id).state == "cancelled"
    assert mediation.planned_sessions(admin, case.id) == []
    # the Rooms tab may not move or cancel a booking the case holds
    again = mediation.plan_session(admin, case.id, PlanInput(at(day, 11), 60, room.id))
    with pytest.raises(ValidationError):
        rooms.cancel_booking(admin, again.booking_id)
    with pytest.raises(ValidationError):
        rooms.move_booking(admin, again.booking_id, at(day, 12))
    # a case withdrawn holds no planned session nor its room
    mediation.transition(admin, case.id, "withdrawn", reason="申请人撤回")
    assert RoomBooking.get_by_id(again.booking_id).state == "cancelled"
    assert CaseSession.get_by_id(again.id).state == "cancelled"


def test_recording_the_planned_session_makes_no_second_row(admin, station, monkeypatch) -> None:
    room, _activity, _worker, case = station
    day = _open_day(room)
    planned = mediation.plan_session(admin, case.id, PlanInput(at(day, 9), 60, room.id))
    count = CaseSession.select().count()
    monkeypatch.setattr(mediation.agreements, "now", lambda: at(day, 10, 30))
    held = mediation.add_session(
        admin,
        case.id,
        SessionInput(at(day, 9, 5), record="双方陈述", planned_id=planned.id),
    )
    assert held.id == planned.id and CaseSession.select().count() == count
    assert (held.state, held.place) == ("held", room.name)
    assert [s.id for s in mediation.case_sessions(admin, case.id)] == [planned.id]
    assert RoomBooking.get_by_id(planned.booking_id).state == "checked_in"
    assert mediation.planned_sessions(admin, case.id) == []


def test_the_grid_shows_the_case_number_only_to_those_who_may_see_the_case(
    admin, station, make_staff
) -> None:
    room, _activity, _worker, case = station
    day = _open_day(room)
    mediation.plan_session(admin, case.id, PlanInput(at(day, 9), 60, room.id))
    mediator = make_staff("med", MEDIATOR)
    desk = make_staff("desk", FRONT_DESK)
    monday = day - timedelta(days=day.weekday())
    row = rooms.week(admin, room.id, monday).times.index(time(9))
    shown = rooms.week(mediator, room.id, monday).slot(row, day.weekday()).booking
    assert case.number in shown.who and not shown.hidden
    hidden = rooms.week(desk, room.id, monday).slot(row, day.weekday()).booking
    assert hidden.hidden and case.number not in hidden.who and hidden.title == ""
    assert mediation.sessions_planned_on(mediator, day)[0].case_number == case.number
    [section] = [s for s in today_sections(mediator, on=day) if s.key == "sessions"]
    assert section.total == 1 and section.items[0].record_id == case.id
    assert case.number in section.items[0].text and room.name in section.items[0].text
    assert "sessions" not in [s.key for s in today_sections(mediator, on=day + timedelta(1))]


def test_an_event_books_the_activity_room_and_its_changes_follow(admin, station) -> None:
    _room, activity, worker, _case = station
    day = _open_day(activity)
    data = EventInput(
        title="插花比赛",
        starts_at=at(day, 9, 30),
        ends_at=at(day, 11),
        capacity=30,
        room_id=activity.id,
    )
    event = events.create_event(admin, data)
    assert event.venue == activity.name
    booking = RoomBooking.get(RoomBooking.event == event.id)
    assert (booking.starts_at, booking.ends_at) == (at(day, 9), at(day, 11))
    assert events.event_booking(event.id).room_id == activity.id
    monday = day - timedelta(days=day.weekday())
    week = rooms.week(admin, activity.id, monday)
    assert week.slot(week.times.index(time(10)), day.weekday()).booking.who == "插花比赛"
    # a clash with a worker's booking is refused at the room field
    rooms.book(admin, BookingInput(activity.id, worker.id, at(day, 14)))
    data.starts_at, data.ends_at = at(day, 13), at(day, 15)
    with pytest.raises(SlotTaken) as caught:
        events.update_event(admin, event.id, data)
    assert caught.value.field == "room"
    assert RoomBooking.get_by_id(booking.id).starts_at == at(day, 9)
    # a free time: the same booking moves
    data.starts_at, data.ends_at = at(day, 15), at(day, 17)
    events.update_event(admin, event.id, data)
    booking = RoomBooking.get_by_id(booking.id)
    assert (booking.starts_at, booking.ends_at, booking.state) == (
        at(day, 15),
        at(day, 17),
        "booked",
    )
    # cancelling the event cancels the booking
    events.cancel_event(admin, event.id, reason="场地维修")
    assert RoomBooking.get_by_id(booking.id).state == "cancelled"


def test_an_event_outside_the_rooms_hours_is_refused(admin, station) -> None:
    _room, activity, _worker, _case = station
    day = _open_day(activity)
    data = EventInput(
        title="周末运动会",
        starts_at=at(day, 8),
        ends_at=at(day, 18),
        capacity=100,
        room_id=activity.id,
    )
    with pytest.raises(ValidationError) as caught:
        events.create_event(admin, data)
    assert caught.value.field == "room"
    assert not RoomBooking.select().exists()


def test_a_booking_holds_exactly_one_of_person_event_session(admin, station) -> None:
    room, _activity, worker, _case = station
    day = _open_day(room)
    with pytest.raises(peewee.IntegrityError), database.atomic():
        RoomBooking.create(room=room.id, starts_at=at(day, 9), ends_at=at(day, 10), staff=admin.id)
    event = events.create_event(
        admin, EventInput(title="讲座", starts_at=at(day, 9), ends_at=at(day, 10), capacity=5)
    )
    with pytest.raises(peewee.IntegrityError), database.atomic():
        RoomBooking.create(
            room=room.id,
            person=worker.id,
            event=event.id,
            starts_at=at(day, 9),
            ends_at=at(day, 10),
            staff=admin.id,
        )


def test_history_counts_do_not_reveal_the_decompression_room(admin, make_staff) -> None:
    room = rooms.create_room(admin, RoomInput(name="职工心理减压室", kind="decompression"))
    worker = people.create_person(admin, PersonInput(name="赵敏", id_number=make_ric(seq=41)))
    keep = people.create_person(admin, PersonInput(name="赵敏", phone="13800001111"))
    rooms.book(admin, BookingInput(room.id, worker.id, at(_open_day(room), 10)))
    desk = make_staff("desk2", FRONT_DESK)
    # the front desk may merge people, and is told what would move, but not the room
    told = people_merge.merge_plan(desk, keep.id, worker.id).moves
    assert "room_booking" not in told and told["other"] == 1
    assert "room" not in history.describe(told)
    assert people_merge.merge_plan(admin, keep.id, worker.id).moves["room_booking"] == 1
    with pytest.raises(HasHistory) as caught:  # the administrator may know
        people.delete_person(admin, worker.id)
    assert "room booking" in caught.value.message


def test_a_session_and_a_worker_racing_for_one_slot_make_one_booking(
    admin, station, make_staff, db_url: str, tmp_path: Path
) -> None:
    room, _activity, worker, case = station
    starts_at = at(_open_day(room), 10)
    desks = [make_staff("raced0", FRONT_DESK), make_staff("raced1", MEDIATOR)]
    run = run_desks(
        tmp_path,
        2,
        book_or_plan,
        db_url,
        timeout=60,
        kwargs={"room_id": room.id, "starts_at": starts_at},
        kwargs_of=lambda index: {
            "username": desks[index].username,
            "person_id": worker.id if index == 0 else None,
            "case_id": case.id if index == 1 else None,
        },
    )
    run.check(2, ok=("ok",))
    outcomes = sorted(report[2] for report in run.reports)
    assert outcomes == ["SlotTaken", "booked"], run.reports
    holding = list(
        RoomBooking.select().where(
            RoomBooking.room == room.id, RoomBooking.state.in_(["booked", "checked_in"])
        )
    )
    assert len(holding) == 1 and holding[0].starts_at == starts_at
    planned = CaseSession.select().where(CaseSession.state == "planned").count()
    assert planned == (1 if holding[0].case_session_id else 0)


def test_the_upgrade_to_version_17_keeps_the_bookings(db_url: str) -> None:
    """A version-16 database with a worker's booking: the rebuilt table keeps it, and holds the
    new rules (one holder of the three kinds; one holding booking per room and start)."""
    db = open_database(db_url)
    migrate(db, target=16)
    p = db.param
    stamp = datetime(2026, 12, 1, 9, 0)
    # staff, person and room are as version 16 had them; the booking table is not
    Staff.create(username="admin", display_name="王站长", roles="admin", password_hash="-")
    Person.create(name="李娜", gender="F", id_type="ric", id_number="")
    Room.create(name="劳动争议调解室", kind="mediation", capacity=8, hours="09:00-17:00")
    db.execute_sql(
        "INSERT INTO room_booking (room_id, person_id, starts_at, ends_at, state, channel, note,"
        " wants_counsellor, staff_id, created_at)"
        f" VALUES (1, 1, {p}, {p}, 'booked', 'phone', '', {p}, 1, {p})",
        (at(DAY17, 10), at(DAY17, 11), False, stamp),
    )
    close_database()
    db = open_station_database(db_url)
    try:
        assert schema_version(db) == CURRENT_VERSION
        [kept] = list(RoomBooking.select())
        assert (kept.person_id, kept.starts_at, kept.channel, kept.state) == (
            1,
            at(DAY17, 10),
            "phone",
            "booked",
        )
        assert kept.event_id is None and kept.case_session_id is None
        with pytest.raises(peewee.IntegrityError), database.atomic():  # no holder
            RoomBooking.create(room=1, starts_at=at(DAY17, 12), ends_at=at(DAY17, 13), staff=1)
        with pytest.raises(peewee.IntegrityError), database.atomic():  # the slot is held
            RoomBooking.create(
                room=1, person=1, starts_at=at(DAY17, 10), ends_at=at(DAY17, 11), staff=1
            )
        assert CaseSession._meta.fields["state"].default == "held"
    finally:
        close_database()
