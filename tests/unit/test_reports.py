"""The station's monthly and yearly report (issue #11): figures equal independent counts of what
the test put in the database, a record just outside the period stays out, a role sees only its
areas, the Excel file has a sheet per area, the period parser refuses what is not a month or a
year, and the command line writes the workbook and refuses bad input."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import ADMIN, LIBRARIAN, ORGANISER, AuditEntry, Staff
from stationapp.models.events import Event, Registration
from stationapp.models.library import Box, BoxLoan, Copy, Loan, Title
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseEvent,
    MediationCase,
    Obligation,
)
from stationapp.models.members import MemberCard
from stationapp.models.people import HardshipAssistance, Organization, Person
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import people, reports
from stationapp.services.people import PersonInput
from stationapp.services.reports import month_period, parse_period, year_period
from tests.helpers.service_inputs import fresh_card, fresh_name, fresh_ric

OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)
JUST_BEFORE = datetime(2026, 9, 30, 23, 59, 59)
JUST_AFTER = datetime(2026, 11, 1, 0, 0, 0)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 10, day, hour, 0)


@dataclass
class Expected:
    """What the test put in, counted here rather than by SQL."""

    purposes: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)
    ratings: Counter = field(default_factory=Counter)
    people: set = field(default_factory=set)
    anonymous: int = 0
    outcomes: Counter = field(default_factory=Counter)
    received: int = 0
    loans: int = 0
    readers: set = field(default_factory=set)
    returns: int = 0
    attended: int = 0
    no_shows: int = 0
    registrations: int = 0


def _person(**fields: object) -> Person:
    return Person.create(name=fresh_name(), **fields)


def _case(admin: Staff, org: Organization, received: datetime, number: int) -> MediationCase:
    return MediationCase.create(
        year=received.year,
        sequence=number,
        number=f"(2026)测字第{number:04d}号",
        received_at=received,
        respondent=org,
        mediation_due=received.date() + timedelta(days=15),
        created_by=admin,
    )


def _transition(case: MediationCase, admin: Staff, to_state: str, moment: datetime) -> None:
    CaseEvent.create(case=case, at=moment, staff=admin, kind="transition", to_state=to_state)
    case.state = to_state
    case.save()


@pytest.fixture
def station(admin: Staff) -> Expected:
    """A month of October 2026 with a record of each kind on either side of it."""
    expected = Expected()
    org = Organization.create(name="国贸大厦")
    other_org = Organization.create(name="建外SOHO")
    services = [
        ServiceType.create(name="测试·入会"),
        ServiceType.create(name="测试·京卡"),
        ServiceType.create(name="测试·法律咨询"),
    ]
    visitors = [_person() for _ in range(4)]

    def visit(moment: datetime, person, channel, rating, chosen, counted=True, outreach=None):
        v = Visit.create(
            person=person,
            channel=channel,
            staff=admin,
            arrived_at=moment,
            rating=rating,
            outreach=outreach,
        )
        for s in chosen:
            VisitPurpose.create(visit=v, service=s, arrived_at=moment)
        if counted:
            expected.channels[channel] += 1
            expected.ratings[rating] += 1
            for s in chosen:
                expected.purposes[s.name] += 1
            if person is None:
                expected.anonymous += 1
            else:
                expected.people.add(person.id)

    visit(at(1), visitors[0], "walk_in", "satisfied", services[:2])
    visit(at(2), visitors[0], "walk_in", "basically_satisfied", services[2:])
    visit(at(3), visitors[1], "phone", "dissatisfied", services[2:])
    visit(at(4), None, "walk_in", "unrated", services[:1])
    visit(at(31, 23), visitors[2], "phone", "satisfied", services[1:2])
    session = OutreachSession.create(organization=org, held_on=date(2026, 10, 15), staff=admin)
    visit(at(15), visitors[3], "outreach", "satisfied", services[2:], outreach=session)
    visit(at(15), None, "outreach", "unrated", services[2:], outreach=session)
    OutreachSession.create(organization=org, held_on=date(2026, 9, 30), staff=admin)
    visit(JUST_BEFORE, visitors[1], "walk_in", "dissatisfied", services, counted=False)
    visit(JUST_AFTER, visitors[1], "phone", "satisfied", services, counted=False)

    # Members: two joined in October with a card, one made a member, one outside (from the
    # membership and card records, whatever the audit trail says).
    for joined in (at(5), at(6), JUST_AFTER):
        person = people.create_person(
            admin,
            PersonInput(
                name=fresh_name(),
                id_number=fresh_ric(),
                is_member=True,
                member_card=fresh_card(),
                joined_on=joined.date(),
            ),
        )
        MemberCard.update(issued_on=joined.date()).where(MemberCard.person == person.id).execute()
    plain = people.create_person(admin, PersonInput(name=fresh_name(), id_number=fresh_ric()))
    people.update_person(
        admin,
        plain.id,
        PersonInput(name=plain.name, id_number=None, is_member=True, joined_on=at(7).date()),
    )
    AuditEntry.update(at=at(7)).where(
        AuditEntry.entity == "person", AuditEntry.entity_id == plain.id
    ).execute()
    for day, amount in ((at(8).date(), "500.00"), (at(9).date(), "300.50"), (NOVEMBER, "99")):
        HardshipAssistance.create(
            person=visitors[0], given_on=day, kind="living", amount=Decimal(amount), staff=admin
        )

    # Cases: three received in October, one the day before; outcomes in October.
    cases = [_case(admin, org, moment, n) for n, moment in enumerate((at(2), at(5), at(9)), 1)]
    early = _case(admin, org, JUST_BEFORE, 9)
    expected.received = 3
    CaseClaim.create(case=cases[0], category="wages", amount=Decimal("12000"))
    CaseClaim.create(case=cases[0], category="overtime", amount=Decimal("3000"))
    CaseClaim.create(case=cases[1], category="wages", amount=Decimal("8000"))
    CaseClaim.create(case=early, category="dismissal", amount=Decimal("50000"))
    for case, state, moment in (
        (cases[0], "agreement_effective", at(12)),
        (cases[1], "failed", at(20)),
        (early, "agreement_effective", at(3)),
        (cases[2], "withdrawn", JUST_AFTER),
    ):
        _transition(case, admin, state, moment)
        if moment < JUST_AFTER:
            expected.outcomes[state] += 1
    agreement = Agreement.create(case=cases[0], effective_at=at(12))
    Obligation.create(
        agreement=agreement,
        description="支付工资",
        amount=Decimal("10000"),
        performed_on=date(2026, 10, 20),
        performed_amount=Decimal("10000"),
    )
    Obligation.create(agreement=agreement, description="加班费", amount=Decimal("1500.5"))
    _transition(cases[1], admin, "closed", at(22))
    cases[1].closed_at = at(22)
    cases[1].save()

    # Library.
    title = Title.create(title="活着")
    readers = [_person() for _ in range(3)]
    for n, (reader, lent, returned) in enumerate(
        (
            (readers[0], at(1), at(10)),
            (readers[0], at(3), None),
            (readers[1], at(20), None),
            (readers[2], JUST_BEFORE, at(2)),
            (readers[2], JUST_AFTER, None),
        )
    ):
        copy = Copy.create(title=title, barcode=f"R{n:05d}")
        Loan.create(
            copy=copy,
            person=reader,
            staff=admin,
            lent_at=lent,
            due_on=lent.date() + timedelta(days=30),
            returned_at=returned,
        )
        if OCTOBER <= lent.date() < NOVEMBER:
            expected.loans += 1
            expected.readers.add(reader.id)
        if returned is not None and OCTOBER <= returned.date() < NOVEMBER:
            expected.returns += 1
    box = Box.create(barcode="BX1", name="一号书箱")
    for where, starts in ((org, at(5)), (org, at(25)), (other_org, at(6)), (other_org, JUST_AFTER)):
        BoxLoan.create(
            box=box,
            organization=where,
            starts_on=starts.date(),
            due_on=starts.date() + timedelta(days=60),
            staff=admin,
        )

    # Events: a big one and two small ones in October, a cancelled one, one in November.
    guests = [_person() for _ in range(5)]

    def event(moment: datetime, size: str, states: list[str], state="open", counted=True):
        e = Event.create(
            title="活动",
            size=size,
            starts_at=moment,
            ends_at=moment + timedelta(hours=2),
            capacity=20,
            created_by=admin,
            state=state,
        )
        for guest, reg_state in zip(guests, states, strict=False):
            Registration.create(event=e, person=guest, state=reg_state, staff=admin)
            if counted:
                expected.attended += reg_state == "attended"
                expected.no_shows += reg_state == "no_show"
                expected.registrations += reg_state not in ("cancelled", "rejected", "expired")

    event(at(10, 14), "big", ["attended", "attended", "no_show", "cancelled"])
    event(at(17, 14), "small", ["attended", "attended", "attended"])
    event(at(24, 14), "small", ["confirmed", "no_show"])
    event(at(25, 14), "small", ["cancelled"], state="cancelled")
    event(JUST_AFTER, "big", ["attended", "attended"], counted=False)
    return expected


def test_october_figures_equal_what_was_put_in(admin: Staff, station: Expected) -> None:
    report = reports.month_report(admin, "2026-10")
    v = report.visits
    assert v is not None
    assert dict(v.by_purpose) == dict(station.purposes)
    assert v.by_channel == dict(station.channels)
    assert v.by_rating == dict(station.ratings)
    assert v.visits == sum(station.channels.values())
    assert v.people == len(station.people)
    assert v.anonymous == station.anonymous
    rated = sum(n for r, n in station.ratings.items() if r != "unrated")
    satisfied = station.ratings["satisfied"] + station.ratings["basically_satisfied"]
    assert v.satisfaction_rate == pytest.approx(satisfied / rated)
    assert (v.new_members, v.member_cards) == (3, 2)
    assert (v.outreach_sessions, v.outreach_people) == (1, 2)
    assert v.hardship is not None
    assert (v.hardship.given, v.hardship.people, v.hardship.amount) == (2, 1, Decimal("800.50"))

    c = report.cases
    assert c is not None
    assert c.received == station.received
    assert c.by_category == {"wages": 2, "overtime": 1}
    assert c.outcomes == dict(station.outcomes)
    assert (c.succeeded, c.concluded) == (2, 3)
    assert c.success_rate == pytest.approx(2 / 3)
    assert c.closed == 1
    assert c.average_days_to_close == pytest.approx(17.0)
    assert c.amount_agreed == Decimal("11500.50")
    assert c.amount_paid == Decimal("10000.00")

    lib = report.library
    assert lib is not None
    assert lib.loans == station.loans
    assert lib.returns == station.returns
    assert lib.active_readers == len(station.readers)
    assert lib.box_loans == [("国贸大厦", 2), ("建外SOHO", 1)]

    e = report.events
    assert e is not None
    assert e.by_size == {"big": 1, "small": 2}
    assert e.cancelled == 1
    assert e.places == 60
    assert e.attended == station.attended
    assert e.no_shows == station.no_shows
    assert e.registrations == station.registrations
    assert e.attendance_rate == pytest.approx(station.attended / (station.attended + 2))
    assert e.people == 3
    assert e.months_without_big == []


def test_the_series_cover_twelve_months_up_to_the_period(admin: Staff, station: Expected):
    series = reports.month_report(admin, "2026-10").series
    assert series.months[0] == "2025-11" and series.months[-1] == "2026-10"
    assert series.visits is not None and series.loans is not None
    assert series.visits[-1] == sum(station.channels.values())
    assert series.visits[-2] == 1  # the visit just before October
    assert series.loans[-2:] == [1, station.loans]
    assert series.attended is not None and series.attended[-1] == station.attended
    assert series.no_shows is not None and series.no_shows[-1] == station.no_shows
    assert series.cases_succeeded is not None and series.cases_other is not None
    assert series.cases_succeeded[-1] == 2 and series.cases_other[-1] == 1
    year = reports.year_report(admin, "2026").series
    assert year.months == [f"2026-{m:02d}" for m in range(1, 13)]
    assert year.visits is not None and year.visits[9:11] == [sum(station.channels.values()), 1]


def test_the_report_costs_the_same_queries_whatever_the_rows(
    admin: Staff, station: Expected
) -> None:
    from playhouse.test_utils import count_queries

    def counted() -> int:
        with count_queries() as counter:
            reports.month_report(admin, "2026-10")
        return counter.count

    before = counted()
    service = ServiceType.get(ServiceType.name == "测试·入会")
    title = Title.get()
    for n in range(20):
        person = _person()
        visit = Visit.create(person=person, channel="phone", staff=admin, arrived_at=at(n + 1))
        VisitPurpose.create(visit=visit, service=service, arrived_at=visit.arrived_at)
        copy = Copy.create(title=title, barcode=f"Q{n:05d}")
        Loan.create(copy=copy, person=person, staff=admin, lent_at=at(n + 1), due_on=NOVEMBER)
        event = Event.get()
        Registration.create(event=event, person=person, state="attended", staff=admin)
    # 30, the membership and 京卡 records' one, mutual aid's three, the workplaces' six and
    # the contracts and congresses' six
    assert counted() == before <= 46


def test_a_year_holds_its_months(admin: Staff, station: Expected) -> None:
    year = reports.year_report(admin, "2026")
    assert year.visits is not None and year.library is not None
    assert year.visits.visits == sum(station.channels.values()) + 2
    assert year.library.loans == station.loans + 2


def test_a_librarian_gets_no_case_section(admin: Staff, station: Expected, make_staff) -> None:
    librarian = make_staff("books", LIBRARIAN)
    report = reports.month_report(librarian, "2026-10")
    assert report.cases is None and report.visits is None and report.events is not None
    assert report.library is not None and report.library.loans == station.loans
    assert report.series.cases_succeeded is None and report.series.visits is None
    keys = [s.key for s in reports.report_tables(report)]
    assert keys == ["summary", "library", "events", "workplaces", "union_work"]
    organiser = make_staff("events", ORGANISER)
    visits = reports.month_report(organiser, "2026-10").visits
    assert visits is not None and visits.hardship is None  # hardship files are not theirs


def test_a_deactivated_account_gets_nothing(admin: Staff, make_staff) -> None:
    from stationapp.services import accounts

    gone = make_staff("gone", ADMIN)
    accounts.deactivate_staff(admin, gone.id)
    with pytest.raises(PermissionDenied):
        reports.month_report(Staff.get_by_id(gone.id), "2026-10")


def test_an_empty_month_has_no_rates(admin: Staff) -> None:
    report = reports.month_report(admin, "2026-10")
    assert report.visits is not None and report.visits.satisfaction_rate is None
    assert report.cases is not None and report.cases.success_rate is None
    assert report.cases.average_days_to_close is None
    assert report.events is not None and report.events.months_without_big == ["2026-10"]


def test_excel_has_a_sheet_per_area(admin: Staff, station: Expected, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = reports.write_excel(reports.month_report(admin, "2026-10"), tmp_path / "r.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Summary",
        "Visits",
        "Cases",
        "Library",
        "Events",
        "Rooms",
        "Member services",
        "Workplace union work",
    ]
    values = [row for row in workbook["Visits"].iter_rows(values_only=True)]
    assert ("测试·法律咨询", station.purposes["测试·法律咨询"]) in [r[:2] for r in values]
    assert (path.stat().st_mode & 0o777) == 0o600
    assert not list(tmp_path.glob("*.part"))


def test_member_services_are_one_sheet_of_three_sections(
    admin: Staff, station: Expected, make_staff, tmp_path: Path
) -> None:
    """Membership and cards, cover and claims, rounds: one sheet "Member services", each
    section under its title, one under the other; a role that may not read the cover and its
    claims gets the sheet without them."""
    from openpyxl import load_workbook

    report = reports.month_report(admin, "2026-10")
    [page] = [p for p in reports.report_pages(report) if p.key == "member_services"]
    assert page.title == "Member services"
    assert [s.key for s in page.sections] == ["members", "aid", "welfare"]
    path = reports.write_excel(report, tmp_path / "r.xlsx")
    first_column = [
        r[0] for r in load_workbook(path)["Member services"].iter_rows(values_only=True)
    ]
    places = [
        first_column.index(title)
        for title in ("Membership and 京卡", "Mutual-aid cover", "Welfare rounds")
    ]
    assert places == sorted(places)
    assert "Claims" in first_column
    assert "New members (joined or transferred in)" in first_column

    organiser = make_staff("org", "organiser")
    limited = reports.month_report(organiser, "2026-10")
    [page] = [p for p in reports.report_pages(limited) if p.key == "member_services"]
    assert [s.key for s in page.sections] == ["members", "welfare"]
    path = reports.write_excel(limited, tmp_path / "o.xlsx")
    first_column = [
        r[0] for r in load_workbook(path)["Member services"].iter_rows(values_only=True)
    ]
    assert "Mutual-aid cover" not in first_column and "Claims" not in first_column


def test_excel_text_cannot_run_as_a_formula(admin: Staff, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    service = ServiceType.create(name="=HYPERLINK(1)")
    visit = Visit.create(channel="walk_in", staff=admin, arrived_at=at(3))
    VisitPurpose.create(visit=visit, service=service, arrived_at=at(3))
    path = reports.write_excel(reports.month_report(admin, "2026-10"), tmp_path / "r.xlsx")
    cells = [c for row in load_workbook(path)["Visits"].iter_rows() for c in row]
    cell = next(c for c in cells if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s" and cell.quotePrefix


# --- the period parser ----------------------------------------------------------------------------


def test_months_and_years() -> None:
    assert month_period("2026-10") == reports.Period(OCTOBER, NOVEMBER, "2026-10", "month")
    assert month_period("2026-12").end == date(2027, 1, 1)
    assert month_period(" 2026-1 ").label == "2026-01"
    assert year_period("2026") == reports.Period(date(2026, 1, 1), date(2027, 1, 1), "2026", "year")
    assert parse_period("2026").kind == "year" and parse_period("2026-02").kind == "month"
    for bad in ("2026-13", "2026-00", "26-10", "2026/10", "", "十月", "0999", "2026-10-01"):
        with pytest.raises(ValidationError):
            parse_period(bad)


@given(st.integers(reports.MIN_YEAR, reports.MAX_YEAR), st.integers(1, 12))
def test_every_month_round_trips(year: int, month: int) -> None:
    period = month_period(f"{year}-{month:02d}")
    assert period.start == date(year, month, 1)
    assert period.end > period.start and period.end.day == 1
    assert (period.end - timedelta(days=1)).month == month
    assert parse_period(period.label) == period
    assert year_period(str(year)).start == date(year, 1, 1)


@given(st.text(max_size=12))
def test_any_text_is_a_period_or_a_validation_error(text: str) -> None:
    try:
        period = parse_period(text)
    except ValidationError as exc:
        assert exc.field == "period"
        return
    assert period.start < period.end
    assert period.label in (text.strip(), f"{text.strip()[:5]}0{text.strip()[5:]}")


def test_series_months_wrap_around_the_year() -> None:
    months = reports.series_months(date(2026, 3, 1))
    assert months[0] == date(2025, 3, 1) and months[-1] == date(2026, 2, 1)
    assert len(set(months)) == 12


# --- the command line -----------------------------------------------------------------------------


def _args(**values: object) -> argparse.Namespace:
    defaults: dict[str, object] = {
        "command": "report",
        "month": None,
        "year": None,
        "user": "admin",
    }
    defaults.update(values)
    return argparse.Namespace(**defaults)


def test_the_command_line_writes_excel(
    admin: Staff, station: Expected, db_url: str, tmp_path: Path, capsys
) -> None:
    from openpyxl import load_workbook

    from stationapp.cli import run_command

    out = tmp_path / "october.xlsx"
    assert run_command(_args(month="2026-10", out=str(out)), db_url) == 0
    assert load_workbook(out).sheetnames == [
        "Summary",
        "Visits",
        "Cases",
        "Library",
        "Events",
        "Rooms",
        "Member services",
        "Workplace union work",
    ]
    assert str(out) in capsys.readouterr().out
    year = tmp_path / "2026.xlsx"
    assert run_command(_args(year="2026", out=str(year)), db_url) == 0
    assert year.is_file()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"month": "2026-13", "out": "r.xlsx"}, "2026-13"),
        ({"year": "20x6", "out": "r.xlsx"}, "20x6"),
        ({"month": "2026-10", "out": "r.docx"}, ".docx"),
        ({"month": "2026-10", "out": "missing/folder/r.xlsx"}, "missing"),
        ({"month": "2026-10", "out": "r.xlsx", "user": "nobody"}, "nobody"),
    ],
)
def test_the_command_line_refuses_bad_input(
    admin: Staff, db_url: str, tmp_path: Path, capsys, values: dict, message: str
) -> None:
    from stationapp.cli import run_command

    values = dict(values)
    values["out"] = str(tmp_path / values["out"])
    assert run_command(_args(**values), db_url) == 1
    error = capsys.readouterr().err
    assert message in error
    assert not list(tmp_path.rglob("r.*"))
