"""The Today tab's sections (issue #11): what is due appears, what is not does not; roles."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from stationapp.db import today
from stationapp.errors import PermissionDenied
from stationapp.models.accounts import ADMIN, FRONT_DESK, LIBRARIAN
from stationapp.models.people import HardshipAssistance, Person
from stationapp.services import today as today_service
from stationapp.services.today import (
    birthday_keys,
    birthdays,
    hardship_due,
    today_sections,
    welfare_round,
)


def _person(name: str, birth: date | None = None, **extra) -> Person:
    return Person.create(name=name, birth_date=birth, is_member=True, **extra)


def test_welfare_rounds_follow_the_season() -> None:
    assert welfare_round(date(2026, 7, 15)).kind == "cooling"
    assert welfare_round(date(2026, 8, 31)).kind == "cooling"
    assert welfare_round(date(2026, 9, 1)) is None
    # Spring Festival 2026 is 17 February: the 30 days before are the festival visits.
    assert welfare_round(date(2026, 2, 1)).kind == "warmth"
    assert welfare_round(date(2026, 1, 18)).kind == "warmth"
    assert welfare_round(date(2026, 1, 17)) is None
    assert welfare_round(date(2026, 2, 18)) is None
    # Spring Festival 2027 is 6 February: late December 2026 is not yet the round, mid-January is.
    assert welfare_round(date(2026, 12, 20)) is None
    assert welfare_round(date(2027, 1, 10)).kind == "warmth"


def test_birthday_keys_span_new_year_and_leap_day() -> None:
    # The week of Monday 29 December 2025 runs into January 2026.
    assert birthday_keys(date(2025, 12, 29)) == [
        "12-29",
        "12-30",
        "12-31",
        "01-01",
        "01-02",
        "01-03",
        "01-04",
    ]
    # 2027 is not a leap year: 29 February birthdays count on the 28th.
    assert "02-29" in birthday_keys(date(2027, 2, 22))
    # 2028 is: no doubling.
    assert birthday_keys(date(2028, 2, 28)).count("02-29") == 1


def test_birthdays_of_this_week_only(db, make_staff) -> None:
    desk = make_staff("desk", FRONT_DESK)
    jan = _person("元旦生", date(1980, 1, 2))
    dec = _person("年末生", date(1975, 12, 30))
    _person("下周生", date(1990, 1, 6))
    Person.create(name="非会员", birth_date=date(1990, 1, 1), is_member=False)
    leap = _person("闰日生", date(1988, 2, 29))
    section = birthdays(desk, date(2025, 12, 31))
    assert [i.record_id for i in section.items] == [dec.id, jan.id]
    assert section.total == 2
    # 2027 has no 29 February: the leap-day birthday shows in the week of the 28th.
    assert [i.record_id for i in birthdays(desk, date(2027, 2, 24)).items] == [leap.id]


def test_hardship_people_due_a_visit_in_season(db, admin, make_staff) -> None:
    desk = make_staff("desk", FRONT_DESK)
    due = _person("困难甲", hardship_category="illness")
    helped = _person("困难乙", hardship_category="illness")
    _person("普通丙")
    HardshipAssistance.create(person=helped, given_on=date(2026, 7, 3), kind="living", staff=admin)
    section = hardship_due(desk, date(2026, 7, 20))
    assert [i.record_id for i in section.items] == [due.id]
    assert section.summary == "cooling"
    assert hardship_due(desk, date(2026, 10, 1)) is None


def test_a_librarian_sees_no_cases_and_no_hardship_file(db, make_staff) -> None:
    librarian = make_staff("lib", LIBRARIAN)
    keys = {s.key for s in today_sections(librarian, on=date(2026, 7, 20))}
    assert "cases" not in keys and "hardship" not in keys and "visits" not in keys
    assert {"loans", "boxes", "birthdays", "events"} <= keys
    with pytest.raises(PermissionDenied):
        today_service.case_deadlines(librarian, date(2026, 7, 20))
    with pytest.raises(PermissionDenied):
        hardship_due(librarian, date(2026, 7, 20))


def test_an_administrator_sees_every_section(db, admin) -> None:
    keys = [s.key for s in today_sections(admin, on=date(2026, 7, 20))]
    assert keys == [
        "visits",
        "follow_ups",
        "cases",
        "loans",
        "boxes",
        "events",
        "coverage",
        "rooms",
        "birthdays",
        "hardship",
        "contracts",
        "congresses",
    ]
    assert ADMIN in admin.role_set


def test_loans_overdue_and_due_today_only(db, admin, make_staff) -> None:
    from stationapp.models.library import Copy, Loan, Title

    librarian = make_staff("lib", LIBRARIAN)
    reader = _person("读者")
    title = Title.create(title="工会法")
    on = date(2026, 7, 20)

    def loan(barcode: str, due: date, returned: bool = False) -> Loan:
        copy = Copy.create(title=title, barcode=barcode)
        return Loan.create(
            copy=copy,
            person=reader,
            staff=admin,
            lent_at=datetime(2026, 6, 1, 10),
            due_on=due,
            returned_at=datetime(2026, 7, 1, 10) if returned else None,
        )

    late = loan("B1", date(2026, 7, 10))
    due_today = loan("B2", on)
    loan("B3", date(2026, 7, 21))  # not yet due
    loan("B4", date(2026, 7, 5), returned=True)  # returned
    section = today_service.loans_due(librarian, on)
    assert [(i.record_id, i.overdue) for i in section.items] == [
        (late.id, True),
        (due_today.id, False),
    ]
    assert section.total == 2


def test_birthday_list_has_the_whole_week_by_day_with_masked_phones(db, make_staff) -> None:
    desk = make_staff("desk", FRONT_DESK)
    monday = date(2026, 11, 30)
    for i in range(today_service.LIMIT + 3):  # more than the tab shows
        _person(f"周{i:02d}", date(1980, 12, 6 - i % 6), phone=f"1390000{i:04d}")
    _person("非会员", date(1980, 12, 1)).__class__.update(is_member=False).where(
        Person.name == "非会员"
    ).execute()
    _person("下周生", date(1990, 12, 7))
    found = today_service.birthday_list(desk, monday)
    assert len(found) == today_service.LIMIT + 3
    assert [b.day for b in found] == sorted(b.day for b in found)
    assert all(monday <= b.day <= date(2026, 12, 6) for b in found)
    assert {b.name for b in found}.isdisjoint({"非会员", "下周生"})
    first = next(b for b in found if b.name == "周00")
    assert first.day == date(2026, 12, 6) and first.age == 46
    assert first.phone == "139****0000"


def test_birthdays_are_read_through_the_birthday_index(db) -> None:
    """The week's birthdays come from migration 9's index, not from every person's row."""
    from stationapp.db import database, is_sqlite

    query = Person.select(Person.id).where(
        today_service._birthday_in(birthday_keys(date(2026, 11, 30)))
    )
    sql, params = query.sql()
    if is_sqlite():
        plan = database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    else:
        # A tiny table is cheaper to scan: ask whether the index can serve the query at all.
        database.execute_sql("SET enable_seqscan = off")
        plan = database.execute_sql(f"EXPLAIN {sql}", params).fetchall()
        database.execute_sql("SET enable_seqscan = on")
    assert "person_birthday" in " ".join(str(row) for row in plan)


def _waiting_visit(admin, person: Person | None, due: date, arrived: datetime):
    from stationapp.models.visits import ServiceType, Visit, VisitPurpose

    service = ServiceType.select().first()
    visit = Visit.create(person=person, channel="walk_in", staff=admin, arrived_at=arrived)
    return VisitPurpose.create(
        visit=visit,
        service=service,
        arrived_at=arrived,
        outcome="waiting",
        materials_missing=["收入证明"],
        due_on=due,
    )


def test_follow_ups_of_another_year_carry_the_year(db, admin) -> None:
    """Issue 18, defect 6: 2025-08-29 must not read as this year's 08-29."""
    on = date(2026, 7, 20)
    reader = _person("读者")
    _waiting_visit(admin, reader, date(2025, 8, 29), datetime(2025, 8, 1, 10))
    _waiting_visit(admin, reader, date(2026, 7, 18), datetime(2026, 7, 1, 10))
    lines = [i.text for i in today_service.follow_ups_due(admin, on).items]
    assert lines[0].startswith("2025-08-29 读者 ")
    assert lines[1].startswith("07-18 读者 ")
    assert today_service.day_text(date(2027, 1, 3), on) == "2027-01-03"
    assert today_service.day_text(date(2026, 12, 7), on) == "12-07"


def test_an_anonymous_visitors_follow_up_says_anonymous(db, admin) -> None:
    on = date(2026, 7, 20)
    _waiting_visit(admin, None, date(2026, 7, 19), datetime(2026, 7, 1, 10))
    (item,) = today_service.follow_ups_due(admin, on).items
    assert item.text.startswith("07-19 Anonymous visitor ")


def test_todays_visits_have_no_more_lines_than_services(db, admin) -> None:
    """Issue 18, defect 6: three visits for two services are two lines, none left over."""
    from stationapp.models.visits import ServiceType
    from stationapp.services import visits

    reader = _person("读者")
    join, card = [s.id for s in ServiceType.select().order_by(ServiceType.id).limit(2)]
    for services in ([join], [join, card], [card]):
        visits.record_visit(
            admin,
            visits.VisitInput(
                person_id=reader.id,
                channel="walk_in",
                purposes=[visits.PurposeInput(s) for s in services],
            ),
        )
    section = today_service.visits_today(admin, today())
    assert section.total == 3
    assert len(section.items) == 2
    assert section.more == 0
