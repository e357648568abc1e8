"""Rooms and bookings (issue 24): slots, closed days, counsellors, confidentiality, usage."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from stationapp.errors import NotFound, PermissionDenied, ValidationError
from stationapp.models.accounts import ADMIN, COUNSELLOR, ROLES, AuditEntry, Staff
from stationapp.models.rooms import RoomBooking
from stationapp.services import accounts, consent, people, retention, rooms
from stationapp.services.people import PersonInput
from stationapp.services.rooms import BookingInput, RoomInput, SlotTaken
from tests.helpers.ids import make_ric

# A Tuesday with no holiday near it; the clock of the service is set to it.
DAY = date(2026, 12, 8)
MORNING = datetime(2026, 12, 8, 8, 0)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """The service's clock, movable by the test."""
    moment = [MORNING]
    monkeypatch.setattr(rooms.bookings, "now", lambda: moment[0])
    return moment


@pytest.fixture
def station(admin: Staff, clock):
    decompression = rooms.create_room(
        admin, RoomInput(name="职工心理减压室", kind="decompression", slot_minutes=60)
    )
    activity = rooms.create_room(
        admin, RoomInput(name="职工之家", kind="activity", capacity=40, slot_minutes=120)
    )
    worker = people.create_person(admin, PersonInput(name="李娜", id_number=make_ric(seq=11)))
    other = people.create_person(admin, PersonInput(name="王强", id_number=make_ric(seq=13)))
    return decompression, activity, worker, other


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def test_a_booking_fills_its_slot_and_a_second_one_is_refused(admin, station) -> None:
    _room, activity, worker, other = station
    booking = rooms.book(admin, BookingInput(activity.id, worker.id, at(9), channel="phone"))
    assert (booking.starts_at, booking.ends_at, booking.state) == (at(9), at(11), "booked")
    with pytest.raises(SlotTaken) as caught:
        rooms.book(admin, BookingInput(activity.id, other.id, at(9)))
    assert caught.value.field == "starts_at"
    week = rooms.week(admin, activity.id, DAY - timedelta(days=1))
    row = week.times.index(at(9).time())
    assert week.slot(row, 1).booking.person_name == "李娜"
    assert week.slot(row + 1, 1).free
    assert RoomBooking.select().count() == 1


def test_a_person_cannot_be_in_two_rooms_at_once(admin, station) -> None:
    room, activity, worker, _other = station
    rooms.book(admin, BookingInput(activity.id, worker.id, at(9)))
    with pytest.raises(ValidationError) as caught:
        rooms.book(admin, BookingInput(room.id, worker.id, at(10)))
    assert caught.value.field == "person"


@pytest.mark.parametrize(
    ("starts_at", "slots", "field"),
    [
        (at(9, 30), 1, "starts_at"),  # off the grid
        (at(7), 1, "starts_at"),  # before opening
        (at(16), 2, "slots"),  # past closing
        (at(9), 9, "slots"),  # too long
        (datetime(2026, 12, 12, 10), 1, "starts_at"),  # a Saturday
        (datetime(2026, 10, 1, 10), 1, "starts_at"),  # National Day (and past)
    ],
)
def test_times_the_room_is_closed_are_refused(admin, station, starts_at, slots, field) -> None:
    room, _activity, worker, _other = station
    with pytest.raises(ValidationError) as caught:
        rooms.book(admin, BookingInput(room.id, worker.id, starts_at, slots=slots))
    assert caught.value.field == field
    assert RoomBooking.select().count() == 0


def test_a_slot_that_has_ended_is_refused(admin, station, clock) -> None:
    room, _activity, worker, _other = station
    clock[0] = at(11, 5)
    with pytest.raises(ValidationError, match="passed"):
        rooms.book(admin, BookingInput(room.id, worker.id, at(10)))
    assert rooms.book(admin, BookingInput(room.id, worker.id, at(11))).state == "booked"


def test_public_holidays_adjusted_working_days_and_the_station_s_own(admin, station) -> None:
    room = station[0]
    assert rooms.day_hours(room, date(2026, 10, 1), {})[0] is None
    assert rooms.day_hours(room, date(2026, 10, 1), {})[1]  # says which holiday
    # Saturday 14 February 2026 is a working day (调休) before the Spring Festival.
    assert rooms.day_hours(room, date(2026, 2, 14), {})[0] is not None
    assert rooms.day_hours(room, date(2026, 2, 21), {})[0] is None  # an ordinary Saturday
    rooms.add_closed_day(admin, DAY, "消防检查")
    assert rooms.day_hours(room, DAY, rooms.hours._station_closed(DAY, DAY)) == (None, "消防检查")
    with pytest.raises(ValidationError):
        rooms.book(admin, BookingInput(room.id, station[2].id, at(10)))
    week = rooms.week(admin, room.id, DAY - timedelta(days=1))
    assert week.closed_days[1] == "消防检查"
    assert all(week.slot(r, 1).closed == "消防检查" for r in range(len(week.times)))
    rooms.remove_closed_day(admin, DAY)
    assert rooms.book(admin, BookingInput(room.id, station[2].id, at(10))).state == "booked"


def test_a_year_the_calendar_does_not_know_keeps_the_weekly_hours(station) -> None:
    room = station[0]
    assert rooms.day_hours(room, date(2099, 1, 5), {})[0] is not None  # a Monday
    assert rooms.day_hours(room, date(2099, 1, 3), {})[0] is None  # a Saturday


def test_a_decompression_note_needs_health_consent(admin, station) -> None:
    room, _activity, worker, _other = station
    with pytest.raises(ValidationError) as caught:
        rooms.book(admin, BookingInput(room.id, worker.id, at(10), note="失眠，工作压力大"))
    assert caught.value.field == "note"
    consent.record_consent(admin, worker.id, "health", "written")
    booking = rooms.book(admin, BookingInput(room.id, worker.id, at(10), note="失眠，工作压力大"))
    assert booking.note == "失眠，工作压力大"


def test_a_counsellor_must_be_on_duty_and_free(admin, make_staff, station) -> None:
    room, _activity, worker, other = station
    second = rooms.create_room(admin, RoomInput(name="减压室二", kind="decompression"))
    with pytest.raises(ValidationError) as caught:
        rooms.book(admin, BookingInput(room.id, worker.id, at(10), wants_counsellor=True))
    assert caught.value.field == "counsellor"
    zhao = make_staff("zhao", COUNSELLOR)
    rooms.add_duty(admin, zhao.id, at(9), at(12))
    booking = rooms.book(admin, BookingInput(room.id, worker.id, at(10), wants_counsellor=True))
    assert booking.counsellor_id == zhao.id
    with pytest.raises(ValidationError) as caught:
        rooms.book(admin, BookingInput(second.id, other.id, at(10), wants_counsellor=True))
    assert caught.value.field == "counsellor"
    assert [s.id for s in rooms.my_sessions(zhao, DAY)] == [booking.id]
    with pytest.raises(ValidationError):
        rooms.remove_duty(admin, rooms.roster(admin, DAY, DAY)[0].id)
    with pytest.raises(ValidationError):  # not a counsellor
        rooms.add_duty(admin, admin.id, at(9), at(12))


def test_move_keeps_the_old_times_in_the_audit(admin, station) -> None:
    room, _activity, worker, other = station
    booking = rooms.book(admin, BookingInput(room.id, worker.id, at(10)))
    blocker = rooms.book(admin, BookingInput(room.id, other.id, at(14)))
    with pytest.raises(SlotTaken):
        rooms.move_booking(admin, booking.id, at(14))
    moved = rooms.move_booking(admin, booking.id, at(15))
    assert (moved.starts_at, moved.ends_at) == (at(15), at(16))
    entry = AuditEntry.select().where(AuditEntry.action == "move").get()
    details = json.loads(entry.details)
    assert details["from"]["starts_at"].startswith("2026-12-08 10:00")
    assert details["to"]["starts_at"].startswith("2026-12-08 15:00")
    rooms.cancel_booking(admin, blocker.id)
    assert rooms.move_booking(admin, booking.id, at(14)).starts_at == at(14)
    with pytest.raises(ValidationError):
        rooms.move_booking(admin, blocker.id, at(9))  # cancelled


def test_check_in_on_the_day_and_no_show_once_begun(admin, station, clock) -> None:
    room, _activity, worker, other = station
    later = rooms.book(admin, BookingInput(room.id, worker.id, at(10, day=DAY + timedelta(1))))
    with pytest.raises(ValidationError):
        rooms.check_in(admin, later.id)
    today_booking = rooms.book(admin, BookingInput(room.id, other.id, at(10)))
    with pytest.raises(ValidationError):
        rooms.mark_no_show(admin, today_booking.id)
    assert rooms.check_in(admin, today_booking.id).state == "checked_in"
    clock[0] = at(10, 30)
    late = rooms.book(admin, BookingInput(room.id, worker.id, at(11)))
    clock[0] = at(11, 20)
    assert rooms.mark_no_show(admin, late.id).state == "no_show"
    with pytest.raises(ValidationError):
        rooms.cancel_booking(admin, late.id)


@pytest.mark.parametrize("role", ROLES)
def test_who_booked_the_decompression_room_is_seen_only_by_counsellors_and_the_head(
    admin, make_staff, station, role
) -> None:
    room, activity, worker, other = station
    consent.record_consent(admin, worker.id, "health", "oral")
    secret = rooms.book(admin, BookingInput(room.id, worker.id, at(10), note="睡眠不好"))
    rooms.book(admin, BookingInput(activity.id, other.id, at(13)))
    actor = make_staff(f"as{role}", role)
    sees = role in (COUNSELLOR, ADMIN)
    if not accounts.has_permission(actor, "room.read"):
        with pytest.raises(PermissionDenied):
            rooms.week(actor, room.id, DAY)
        with pytest.raises(PermissionDenied):
            rooms.bookings_on(actor, DAY)
        return
    views = [
        rooms.get_booking(actor, secret.id),
        rooms.week(actor, room.id, DAY - timedelta(days=1)).slot(1, 1).booking,
        next(b for b in rooms.bookings_on(actor, DAY) if b.id == secret.id),
    ]
    for view in views:
        assert view.hidden is not sees
        assert view.person_name == ("李娜" if sees else "")
        assert view.person_id == (worker.id if sees else None)
        assert view.note == ("睡眠不好" if sees else "")
        assert view.who == ("李娜" if sees else "Booked")
    shown = [b.id for b in rooms.bookings_of_person(actor, worker.id)]
    assert shown == ([secret.id] if sees else [])
    activity_view = rooms.bookings_on(actor, DAY)[-1]
    assert activity_view.person_name == "王强" and not activity_view.hidden


def test_usage_counts_hours_occupancy_and_sessions(admin, station, clock) -> None:
    room, activity, worker, other = station
    rooms.book(admin, BookingInput(activity.id, worker.id, at(9), slots=2))  # 4 hours
    held = rooms.book(admin, BookingInput(room.id, other.id, at(10)))
    rooms.check_in(admin, held.id)
    cancelled = rooms.book(admin, BookingInput(room.id, worker.id, at(14)))
    rooms.cancel_booking(admin, cancelled.id)
    found = {u.room: u for u in rooms.usage(admin, DAY, DAY)}
    assert (found["职工之家"].bookings, found["职工之家"].hours_booked) == (1, 4.0)
    assert found["职工之家"].hours_open == 8.0
    assert found["职工之家"].occupancy == 0.5
    assert (found["职工心理减压室"].sessions_held, found["职工心理减压室"].hours_booked) == (1, 1.0)


def test_rooms_are_validated_and_names_unique(admin, station) -> None:
    with pytest.raises(ValidationError) as caught:
        rooms.create_room(admin, RoomInput(name="职工之家", kind="activity"))
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        rooms.create_room(
            admin, RoomInput(name="新室", kind="activity", hours=("9-17",) + ("",) * 6)
        )
    assert set(caught.value.errors) == {"hours"}
    room = rooms.update_room(
        admin,
        station[1].id,
        RoomInput(name="职工之家", kind="activity", capacity=30, slot_minutes=60, active=False),
    )
    assert (room.capacity, room.active) == (30, False)
    assert [r.name for r in rooms.list_rooms(admin)] == ["职工心理减压室"]
    with pytest.raises(ValidationError):
        rooms.book(admin, BookingInput(room.id, station[2].id, at(10)))
    with pytest.raises(NotFound):
        rooms.week(admin, 10**6, DAY)


def test_a_person_with_bookings_is_not_deleted(admin, station) -> None:
    from stationapp.errors import HasHistory

    room, _activity, worker, _other = station
    rooms.book(admin, BookingInput(room.id, worker.id, at(10)))
    with pytest.raises(HasHistory, match="room booking"):
        people.delete_person(admin, worker.id)


def test_the_unique_index_is_the_backstop(admin, station) -> None:
    import peewee

    room, _activity, worker, other = station
    rooms.book(admin, BookingInput(room.id, worker.id, at(10)))
    with pytest.raises(peewee.IntegrityError):
        RoomBooking.create(
            room=room.id,
            person=other.id,
            starts_at=at(10),
            ends_at=at(11),
            state="booked",
            staff=admin.id,
        )


def test_the_monthly_report_carries_room_usage_without_names(admin, make_staff, station) -> None:
    from stationapp.models.accounts import LIBRARIAN
    from stationapp.services import reports

    room, activity, worker, other = station
    rooms.book(admin, BookingInput(activity.id, worker.id, at(9), slots=2))
    held = rooms.book(admin, BookingInput(room.id, other.id, at(10)))
    rooms.check_in(admin, held.id)
    report = reports.month_report(admin, "2026-12")
    assert report.rooms is not None
    assert (report.rooms.hours_booked, report.rooms.decompression_sessions) == (5.0, 1)
    section = next(s for s in reports.report_tables(report) if s.key == "rooms")
    usage_rows = {row[0]: row for row in section.tables[1].rows}
    assert usage_rows["职工之家"][2:5] == [1, 4.0, 184.0]  # 23 working days of 8 hours
    text = repr(reports.report_tables(report))
    assert "李娜" not in text and "王强" not in text
    librarian = make_staff("books", LIBRARIAN)
    assert reports.month_report(librarian, "2026-12").rooms is None


def test_withdrawing_health_consent_empties_the_booking_notes(admin, station) -> None:
    room, _activity, worker, _other = station
    consent.record_consent(admin, worker.id, "health", "written")
    booking = rooms.book(admin, BookingInput(room.id, worker.id, at(10), note="焦虑"))
    consent.withdraw_consent(admin, worker.id, "health")
    assert rooms.get_booking(admin, booking.id).note == ""
    entry = AuditEntry.select().where(AuditEntry.action == "withdraw").get()
    assert "room_booking_notes" in json.loads(entry.details)["emptied"]


def test_erasing_or_anonymising_a_person_empties_their_booking_notes(admin, station) -> None:
    room, _activity, worker, other = station
    for person in (worker, other):
        consent.record_consent(admin, person.id, "health", "written")
    erased = rooms.book(admin, BookingInput(room.id, worker.id, at(10), note="焦虑 李娜"))
    kept = rooms.book(admin, BookingInput(room.id, other.id, at(11), note="失眠"))
    retention.erase_on_request(admin, worker.id, reason="书面申请 2026-12-08")
    assert rooms.get_booking(admin, erased.id).note == ""
    assert rooms.get_booking(admin, kept.id).note == "失眠"


def test_the_personal_data_export_lists_the_bookings_the_role_may_see(
    admin, make_staff, station
) -> None:
    room, activity, worker, _other = station
    consent.record_consent(admin, worker.id, "health", "written")
    rooms.book(admin, BookingInput(room.id, worker.id, at(10), note="焦虑"))
    rooms.book(admin, BookingInput(activity.id, worker.id, at(13)))

    def bookings(actor) -> list[list[object]]:
        sections = {s.title: s for s in retention.personal_data(actor, worker.id)}
        return sections["Room bookings"].rows

    rows = bookings(admin)
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("职工之家", at(13), ""),
        ("职工心理减压室", at(10), "焦虑"),
    ]
    # A front desk sees the activity room's booking but not that the person used the
    # decompression room.
    front = make_staff("desk", "front_desk")
    assert [r[0] for r in bookings(front)] == ["职工之家"]
