"""The Today tab (issue #11): its sections follow the roles, each line opens its record, it
refreshes on changes and at midnight, and the week's birthdays print as a greeting list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from stationapp.db import now, today
from stationapp.models.accounts import LIBRARIAN
from stationapp.models.events import Event, EventSeries
from stationapp.models.library import Copy, Loan, Title
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.people import Organization, Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import changes
from stationapp.services import today as today_service
from stationapp.ui.bus import ChangeBus
from stationapp.ui.main_window import MainWindow
from stationapp.ui.today import SECTION_PREFIX, TodayTab


def _birthday_this_week() -> date:
    monday, _ = today_service.week_of(today())
    day = monday + timedelta(days=2)
    return date(1980, day.month, min(day.day, 28))


@pytest.fixture
def station(admin):
    """One of each thing the Today tab lists, due now."""
    org = Organization.create(name="北京建国门商场")
    service = ServiceType.create(name="困难帮扶申请")
    moment = now()
    birth = _birthday_this_week()
    reader = Person.create(
        name="李读者",
        phone="13912345678",
        workplace=org,
        is_member=True,
        birth_date=birth,
    )
    visit = Visit.create(person=reader, channel="walk_in", staff=admin, arrived_at=moment)
    VisitPurpose.create(
        visit=visit,
        service=service,
        arrived_at=moment,
        outcome="waiting",
        materials_missing=["收入证明"],
        due_on=today() - timedelta(days=1),
    )
    title = Title.create(title="劳动合同法释义", search_text="laodong")
    copy = Copy.create(title=title, barcode="B0001", status="on_loan")
    loan = Loan.create(
        copy=copy,
        person=reader,
        staff=admin,
        lent_at=moment - timedelta(days=40),
        due_on=today() - timedelta(days=3),
    )
    case = MediationCase.create(
        year=today().year,
        sequence=1,
        number=f"建工调〔{today().year}〕1号",
        received_at=moment,
        respondent=org,
        state="in_mediation",
        mediation_due=today() + timedelta(days=1),
        created_by=admin,
    )
    CaseParty.create(case=case, person=reader)
    begins = datetime.combine(today(), datetime.min.time()).replace(hour=23)
    event = Event.create(
        title="职工健步走",
        series=EventSeries.create(name="健身"),
        starts_at=begins,
        ends_at=begins + timedelta(minutes=30),
        capacity=20,
        created_by=admin,
    )
    return {"reader": reader, "loan": loan, "case": case, "event": event, "visit": visit}


def _lines(tab: TodayTab, key: str) -> list[str]:
    box = tab.boxes[key]
    return [box.list.item(i).text() for i in range(box.list.count())]


def _activate(qtbot, tab: TodayTab, key: str, row: int = 0) -> None:
    box = tab.boxes[key]
    box.list.setCurrentRow(row)
    box.list.setFocus()
    qtbot.keyClick(box.list, Qt.Key.Key_Return)


def test_sections_show_what_is_due_with_counts(qtbot, admin, station) -> None:
    tab = TodayTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    assert list(tab.boxes) == [
        "visits",
        "follow_ups",
        "cases",
        "loans",
        "boxes",
        "events",
        "coverage",
        "rooms",
        "birthdays",
    ] + (["hardship"] if today_service.welfare_round(today()) else []) + ["contracts", "congresses"]
    assert "(1)" in tab.boxes["follow_ups"].title()
    assert any("困难帮扶申请" in line and "李读者" in line for line in _lines(tab, "follow_ups"))
    assert any("劳动合同法释义" in line for line in _lines(tab, "loans"))
    assert any(station["case"].number in line for line in _lines(tab, "cases"))
    assert any("职工健步走" in line for line in _lines(tab, "events"))
    # The birthday line masks the phone number.
    birthday = _lines(tab, "birthdays")
    assert any("李读者" in line and "139****5678" in line for line in birthday)
    # An overdue loan is in red; an empty section says so instead of showing nothing.
    loan_line = tab.boxes["loans"].list.item(0)
    assert loan_line.foreground().color().name() == "#b3261e"
    assert _lines(tab, "boxes") == [tab.empty_text("boxes")]
    assert tab.boxes["visits"].summary.text()


def test_a_librarian_sees_no_cases_and_no_visits(qtbot, make_staff, station) -> None:
    librarian = make_staff("lib", LIBRARIAN)
    tab = TodayTab(librarian, ChangeBus())
    qtbot.addWidget(tab)
    assert "cases" not in tab.boxes and "visits" not in tab.boxes
    assert "follow_ups" not in tab.boxes and "hardship" not in tab.boxes
    assert "loans" in tab.boxes
    shown = " ".join(box.title() + " ".join(_lines(tab, k)) for k, box in tab.boxes.items())
    assert station["case"].number not in shown


def test_each_line_opens_its_record_on_its_tab(qtbot, show_active, admin, station) -> None:
    window = show_active(MainWindow(admin, database_url="sqlite:///unused"))
    assert window.current_tab() is window.today_tab
    today_tab = window.today_tab
    # The window opens on Today: its sections are filled just after the first paint.
    qtbot.waitUntil(lambda: "cases" in today_tab.boxes)

    _activate(qtbot, today_tab, "cases")
    assert window.current_tab() is window.cases_tab
    assert window.cases_tab.page.case.id == station["case"].id

    window.show_tab("today")
    _activate(qtbot, today_tab, "loans")
    assert window.current_tab() is window.library_tab
    assert window.library_tab.pages.currentWidget() is window.library_tab.circulation
    assert window.library_tab.circulation._borrower.id == station["reader"].id

    window.show_tab("today")
    _activate(qtbot, today_tab, "birthdays")
    assert window.current_tab() is window.people_tab
    assert window.people_tab.page.person_id == station["reader"].id

    window.show_tab("today")
    _activate(qtbot, today_tab, "events")
    assert window.current_tab() is window.events_tab
    assert window.events_tab.page.event_id == station["event"].id

    window.show_tab("today")
    _activate(qtbot, today_tab, "follow_ups")
    assert window.visits_tab.pages.currentWidget().content is window.visits_tab.follow_ups


def test_a_long_section_ends_with_a_line_to_the_whole_list(qtbot, admin, station) -> None:
    title = Title.get()
    for i in range(today_service.LIMIT + 2):
        copy = Copy.create(title=title, barcode=f"C{i:04d}", status="on_loan")
        Loan.create(
            copy=copy,
            person=station["reader"],
            staff=admin,
            lent_at=now() - timedelta(days=40),
            due_on=today(),
        )
    tab = TodayTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    box = tab.boxes["loans"]
    assert box.list.count() == today_service.LIMIT + 1
    last = box.list.item(box.list.count() - 1)
    assert last.data(Qt.ItemDataRole.UserRole) == SECTION_PREFIX + "loans"
    assert "3" in last.text()  # 11 loans, 8 shown
    opened: list[tuple[str, int, int]] = []
    tab.open_requested.connect(lambda *args: opened.append(args))
    _activate(qtbot, tab, "loans", box.list.count() - 1)
    assert opened == [(SECTION_PREFIX + "loans", 0, 0)]


def test_refreshes_after_a_change_and_at_midnight(qtbot, admin, station, monkeypatch) -> None:
    bus = ChangeBus()
    tab = TodayTab(admin, bus)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    assert "(1)" in tab.boxes["loans"].title()
    Loan.update(due_on=today() + timedelta(days=5)).execute()
    changes.notify("loan")
    qtbot.waitUntil(lambda: "(0)" in tab.boxes["loans"].title(), timeout=3000)

    tomorrow = today() + timedelta(days=1)
    before = tab.date_label.text()
    monkeypatch.setattr("stationapp.ui.today.today", lambda: tomorrow)
    tab.check_day()
    assert tab.day == tomorrow
    assert tab.date_label.text() != before


def test_a_hidden_tab_refreshes_when_shown_again(qtbot, admin, station) -> None:
    bus = ChangeBus()
    tab = TodayTab(admin, bus)
    qtbot.addWidget(tab)
    Loan.update(due_on=today() + timedelta(days=5)).execute()
    changes.notify("loan")
    assert "(1)" in tab.boxes["loans"].title()  # hidden: not yet
    tab.show()
    qtbot.waitExposed(tab)
    assert "(0)" in tab.boxes["loans"].title()


def test_the_greeting_list_prints_the_whole_week(qtbot, admin, station) -> None:
    for i in range(today_service.LIMIT + 1):
        Person.create(
            name=f"会员{i:02d}", is_member=True, birth_date=_birthday_this_week(), phone=""
        )
    tab = TodayTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    assert tab.print_birthdays_button.isEnabled()
    text = tab.birthday_document().toPlainText()
    assert "建国门街道工会服务站" in text
    assert "李读者" in text and "139****5678" in text and "北京建国门商场" in text
    assert "13912345678" not in text
    assert "None" not in text  # members without a workplace have an empty cell
    assert all(f"会员{i:02d}" in text for i in range(today_service.LIMIT + 1))


def test_nothing_to_show_says_so(qtbot, make_staff, monkeypatch) -> None:
    monkeypatch.setattr(today_service, "today_sections", lambda actor, on=None: [])
    tab = TodayTab(make_staff("lib", LIBRARIAN), ChangeBus())
    qtbot.addWidget(tab)
    assert not tab.boxes
    assert not tab.empty_label.isHidden()
    assert tab.scroll.isHidden()


def test_the_first_fill_can_wait_for_the_first_paint(qtbot, admin, station) -> None:
    tab = TodayTab(admin, ChangeBus(), fill_after_paint=True)
    qtbot.addWidget(tab)
    assert not tab.boxes
    assert tab.date_label.text()  # the frame is there at once
    tab.show()
    qtbot.waitUntil(lambda: "loans" in tab.boxes)


def test_todays_visits_end_without_a_more_line_when_every_service_is_shown(
    qtbot, admin, station
) -> None:
    """Issue 18, defect 6: "Today's visits (3)" listed every service and still ended with
    "… and 1 more"."""
    from stationapp.services import visits

    reader = station["reader"]
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
    tab = TodayTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    box = tab.boxes["visits"]
    assert "(4)" in box.title()  # the station's own visit and these three
    kinds = [box.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.list.count())]
    assert SECTION_PREFIX + "visits" not in kinds
    assert len(kinds) == 3  # 入会, 京卡, the station's 困难帮扶申请


def test_a_follow_up_of_last_year_and_an_anonymous_one(qtbot, admin, station) -> None:
    """Issue 18, defect 6: the year when it is not this year; 匿名来访 instead of a blank."""
    purpose = VisitPurpose.get()
    last_year = date(today().year - 1, 8, 29)
    VisitPurpose.update(due_on=last_year).where(VisitPurpose.id == purpose.id).execute()
    service = ServiceType.get(ServiceType.name == "困难帮扶申请")
    anonymous = Visit.create(person=None, channel="phone", staff=admin, arrived_at=now())
    VisitPurpose.create(
        visit=anonymous,
        service=service,
        arrived_at=now(),
        outcome="waiting",
        materials_missing=["收入证明"],
        due_on=today(),
    )
    tab = TodayTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    lines = _lines(tab, "follow_ups")
    assert lines[0].startswith(f"{last_year:%Y-%m-%d} 李读者 ")
    assert lines[1] == f"{today():%m-%d} Anonymous visitor 困难帮扶申请"
