"""The Events tab: setting up an event, registering at the desk by keyboard, the waitlist,
refusals, attendance, closing, the sign-in sheet, the calendar's coverage check, and the models.

Reading the sign-in sheet's PDF needs pypdf, and drawing Chinese needs a CJK font.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from stationapp.db import now, today
from stationapp.models.events import Event, EventQuota, Registration
from stationapp.services import events, people
from stationapp.services.events import EventInput
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.events.calendar_page import CalendarPage
from stationapp.ui.events.event_dialog import EventDialog
from stationapp.ui.events.event_page import EventPage
from stationapp.ui.events.events_tab import COL_PLACES, COL_WAITLIST, EventsTab, EventTableModel
from stationapp.ui.events.roster_dialogs import AttendanceSheetDialog
from stationapp.ui.events.roster_model import RosterTableModel
from stationapp.ui.events.signin_sheet import mask_phone, signin_sheet_html, write_signin_sheet_pdf
from stationapp.ui.events.statistics_page import StatisticsPage
from tests.helpers.ids import make_ric

WORKPLACE = "国贸大厦物业公司"


def make_person(admin, name: str, *, seq: int, phone: str, born: date = date(1990, 5, 4), **kw):
    """Odd ``seq``: a man; even: a woman (the ID number decides gender and birth date)."""
    return people.create_person(
        admin,
        PersonInput(name=name, id_number=make_ric(birth=born, seq=seq), phone=phone, **kw),
    )


def make_event(admin, title: str = "羽毛球比赛", *, capacity: int = 10, days: int = 7, **kw):
    start = datetime.combine(today() + timedelta(days=days), time(14, 0))
    kw.setdefault("ends_at", start + timedelta(hours=2))
    return events.create_event(
        admin, EventInput(title=title, starts_at=start, capacity=capacity, **kw)
    )


@pytest.fixture
def workplace(admin):
    return people.create_organization(admin, OrganizationInput(name=WORKPLACE))


@pytest.fixture
def wang(admin, workplace):
    return make_person(admin, "王芳", seq=124, phone="13812345678", workplace_id=workplace.id)


@pytest.fixture
def li(admin):
    return make_person(admin, "李娜", seq=126, phone="13900001111")


@pytest.fixture
def zhang(admin):
    return make_person(admin, "张伟", seq=125, phone="13700002222")


def open_tab(show_active, admin, event: Event) -> EventsTab:
    tab = show_active(EventsTab(admin, ChangeBus()))
    tab.open_event(event.id)
    assert tab.page.shown.id == event.id
    return tab


def state_of(event: Event, person) -> str:
    return (
        Registration.select()
        .where(Registration.event == event.id, Registration.person == person.id)
        .order_by(Registration.id.desc())
        .get()
        .state
    )


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


# --- setting up ---------------------------------------------------------------------------------


def test_event_dialog_shows_errors_at_fields_and_keeps_input_then_creates(qtbot, admin) -> None:
    dialog = EventDialog(admin)
    qtbot.addWidget(dialog)
    start = datetime.combine(today() + timedelta(days=10), time(14, 0))
    dialog.title.setText("三八女职工T台秀")
    dialog.venue.setText("服务站二楼活动室")
    dialog.starts_at.setDateTime(QDateTime(start))
    dialog.ends_at.setDateTime(QDateTime(start - timedelta(hours=1)))
    dialog.min_participants.setValue(5)  # no decision date given
    dialog.submit()
    assert dialog.error_text("ends_at") == "The event must end after it starts."
    assert dialog.error_text("decision_on")
    assert dialog.title.text() == "三八女职工T台秀"
    assert dialog.venue.text() == "服务站二楼活动室"
    assert Event.select().count() == 0

    dialog.ends_at.setDateTime(QDateTime(start + timedelta(hours=2)))
    dialog.decision_on.given.setChecked(True)
    dialog.capacity.setValue(20)
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("big"))
    dialog.women_only.setChecked(True)
    row = dialog.quota_table.add_row()
    dialog.quota_table.cell(row, 0).setText("青年女职工")
    dialog.quota_table.cell(row, 1).setValue(8)
    dialog.quota_table.cell(row, 4).setValue(35)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    event = Event.get()
    assert (event.title, event.size, event.capacity, event.women_only) == (
        "三八女职工T台秀",
        "big",
        20,
        True,
    )
    assert event.min_participants == 5 and event.decision_on is not None
    quota = EventQuota.get()
    assert (quota.name, quota.capacity, quota.max_age, quota.min_age) == ("青年女职工", 8, 35, None)


def test_event_dialog_quota_error_keeps_the_rows(qtbot, admin) -> None:
    dialog = EventDialog(admin)
    qtbot.addWidget(dialog)
    dialog.title.setText("插花比赛")
    row = dialog.quota_table.add_row()
    dialog.quota_table.cell(row, 0).setText("单位预留")
    dialog.quota_table.cell(row, 6).setChecked(True)  # reserved, but for no workplace
    dialog.submit()
    assert "Quota 1" in dialog.error_text("quotas")
    assert dialog.quota_table.cell(row, 0).text() == "单位预留"
    assert Event.select().count() == 0


# --- registering --------------------------------------------------------------------------------


def test_register_by_keyboard_phone_tail_enter_enter(qtbot, show_active, admin, wang) -> None:
    event = make_event(admin)
    tab = open_tab(show_active, admin, event)
    page = tab.page
    page.picker.setFocus()
    qtbot.keyClicks(page.picker.edit, "5678")
    qtbot.keyClick(page.picker.edit, Qt.Key.Key_Return)
    assert page.candidate is not None and page.candidate.id == wang.id
    assert QApplication.focusWidget() is page.register_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert state_of(event, wang) == "confirmed"
    assert "王芳" in page.bar.text() and "Confirmed" in page.bar.text()
    assert page.roster_model.rowCount() == 1
    assert tab.model.data(tab.model.index(tab.model.row_of(event.id), COL_PLACES)) == "1/10"
    assert page.picker.edit.hasFocus()  # ready for the next person


def test_full_event_asks_and_waitlists(qtbot, show_active, admin, wang, li, monkeypatch) -> None:
    event = make_event(admin, capacity=1)
    events.register(admin, event.id, li.id)
    tab = open_tab(show_active, admin, event)
    asked = []

    def question(_parent, _title, text, _buttons, default):
        asked.append((text, default))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    tab.page.choose_person(wang.id)
    tab.page.register_button.click()
    assert len(asked) == 1
    assert "王芳" in asked[0][0]
    assert asked[0][1] == QMessageBox.StandardButton.Yes  # Enter answers yes
    assert state_of(event, wang) == "waitlisted"
    assert "waitlist, number 1" in tab.page.bar.text()


def test_refusal_shows_the_reason(qtbot, show_active, admin, zhang) -> None:
    event = make_event(admin, "女职工权益讲座", women_only=True)
    tab = open_tab(show_active, admin, event)
    tab.page.choose_person(zhang.id)
    assert "women only" in tab.page.chosen_label.text()
    tab.page.register_button.click()
    assert tab.page.bar.text() == "Not eligible: this event is for women only."
    assert Registration.select().count() == 0
    assert tab.page.candidate is not None  # still chosen: nothing lost


def test_cancel_promotes_and_says_who(qtbot, show_active, admin, wang, li) -> None:
    event = make_event(admin, capacity=1)
    first = events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id, waitlist_if_full=True)
    tab = open_tab(show_active, admin, event)
    page = tab.page
    assert page.roster_model.data(page.roster_model.index(1, 0)) == "W1"
    page.select_registration(first.id)
    page.ask_cancel_reason = lambda _name: "临时加班"
    page.cancel_registration()
    assert state_of(event, wang) == "cancelled"
    assert state_of(event, li) == "confirmed"
    assert "Moved up from the waitlist" in page.bar.text()
    assert "李娜" in page.bar.text()


def test_check_in_by_typing_the_single_match(qtbot, show_active, admin, wang, li) -> None:
    event = make_event(admin)
    events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id)
    tab = open_tab(show_active, admin, event)
    field = tab.page.check_in_field
    field.setFocus()
    qtbot.keyClicks(field, "5678")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert state_of(event, wang) == "attended"
    assert state_of(event, li) == "confirmed"
    assert field.text() == "" and field.hasFocus()
    qtbot.keyClicks(field, "5678")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "already checked in" in tab.page.bar.text()


# --- attendance and closing ---------------------------------------------------------------------


def test_mark_attendance_from_sheet_reports_unknown_names(qtbot, admin, wang, li) -> None:
    event = make_event(admin)
    events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id)
    dialog = AttendanceSheetDialog(admin, event)
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("王芳\n\n赵六\n")
    dialog.submit()
    assert state_of(event, wang) == "attended"
    assert state_of(event, li) == "confirmed"
    report = dialog.report_text()
    assert "Marked present: 1" in report and "王芳" in report
    assert "Not on the roster: 赵六" in report
    assert dialog.names.toPlainText() == "赵六"  # left to correct
    assert dialog.marked_total == 1


def test_closing_marks_the_rest_no_show(qtbot, show_active, admin, wang, li) -> None:
    event = make_event(admin)
    events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id)
    events.check_in(admin, event.id, li.id)
    tab = open_tab(show_active, admin, event)
    asked = []
    tab.page.confirm_close = lambda count: asked.append(count) or True
    tab.page.close_event()
    assert asked == [1]
    assert Event.get_by_id(event.id).state == "closed"
    assert state_of(event, wang) == "no_show"
    assert state_of(event, li) == "attended"
    assert "1 no-show" in tab.page.bar.text()
    assert not tab.page.register_box.isVisible()

    again = make_event(admin, "乒乓球比赛")
    tab.open_event(again.id)
    tab.page.choose_person(wang.id)
    assert "王芳 has not come 1 time(s) before." in tab.page.chosen_label.text()
    assert tab.page.no_show_note() == "王芳 has not come 1 time(s) before."


def test_cancel_event_lists_people_to_notify(qtbot, show_active, admin, wang, monkeypatch) -> None:
    event = make_event(admin)
    events.register(admin, event.id, wang.id)
    tab = open_tab(show_active, admin, event)
    shown = []
    tab.page.ask_cancel_event_reason = lambda: "场地维修"
    monkeypatch.setattr(tab.page, "show_notify", lambda people_: shown.append(people_))
    tab.page.cancel_event()
    assert Event.get_by_id(event.id).state == "cancelled"
    assert [p.name for p in shown[0]] == ["王芳"]
    assert "1 person(s) to notify" in tab.page.bar.text()


# --- printing -----------------------------------------------------------------------------------


def test_mask_phone_keeps_first_three_and_last_four() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-12345678") == "010*****5678"
    assert mask_phone("") == ""


def test_signin_sheet_html_lists_everyone_with_masked_phones(admin, wang, li) -> None:
    event = make_event(admin, "送清凉 插花比赛", venue="服务站活动室")
    events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id)
    rows = events.roster(admin, event.id)
    text = signin_sheet_html(event, rows, "建国门街道工会服务站")
    assert "送清凉 插花比赛" in text and "服务站活动室" in text and "建国门街道工会服务站" in text
    assert "王芳" in text and "李娜" in text and WORKPLACE in text
    assert "138****5678" in text and "139****1111" in text
    assert "13812345678" not in text and "13900001111" not in text
    assert "Signature" in text


def test_signin_sheet_pdf_reads_back(qtbot, admin, wang, tmp_path) -> None:
    event = make_event(admin, "趣味运动会")
    events.register(admin, event.id, wang.id)
    path = write_signin_sheet_pdf(
        event, events.roster(admin, event.id), "建国门街道工会服务站", tmp_path / "sheet.pdf"
    )
    text = pdf_text(path)
    assert "趣味运动会" in text
    assert "王芳" in text


# --- calendar, header, statistics ---------------------------------------------------------------


def test_calendar_shows_events_in_day_cells_and_coverage(qtbot, admin) -> None:
    month = (today().replace(day=1) + timedelta(days=100)).replace(day=1)
    day = month + timedelta(days=14)
    start = datetime.combine(day, time(9, 30))
    small = events.create_event(
        admin,
        EventInput(
            title="读书分享会", starts_at=start, ends_at=start + timedelta(hours=2), capacity=20
        ),
    )
    page = CalendarPage(admin)
    qtbot.addWidget(page)
    page.show_month(month)
    text = page.cell_text(day)
    assert "读书分享会" in text and f'href="{small.id}"' in text
    assert "<b>" not in text.split("<br>", 1)[1]  # a small event is not bold
    assert any("no big event" in line for line in page.warning_lines())
    assert "no big event" in page.warnings.text()
    monday = day - timedelta(days=day.weekday())
    assert not page.cell_for(monday).property("week_without_small")
    other_week = day + timedelta(days=7)
    if other_week.month == month.month:
        assert page.cell_for(other_week).property("week_without_small")

    big = events.create_event(
        admin,
        EventInput(
            title="职工运动会",
            starts_at=start + timedelta(days=1),
            ends_at=start + timedelta(days=1, hours=3),
            capacity=100,
            size="big",
        ),
    )
    events.cancel_event(admin, small.id, reason="场地维修")
    page.refresh()
    assert "<b>" in page.cell_text(day + timedelta(days=1))
    assert "<s>" in page.cell_text(day)
    assert not any("no big event" in line for line in page.warning_lines())
    opened = []
    page.event_activated.connect(opened.append)
    page.cell_for(day + timedelta(days=1)).linkActivated.emit(str(big.id))
    assert opened == [big.id]


def test_header_shows_decisions_due_and_coverage(qtbot, admin, wang) -> None:
    event = make_event(admin, "八分钟主题交友", min_participants=4, decision_on=today())
    events.register(admin, event.id, wang.id)
    tab = EventsTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    lines = tab.header_lines()
    assert any("八分钟主题交友" in line and "1 of at least 4" in line for line in lines)
    assert any("no big event" in line for line in lines)  # nothing big this month or next
    assert "八分钟主题交友" in tab.header.text()


def test_statistics_page_counts_people_and_person_times(qtbot, admin, wang, li) -> None:
    first = make_event(admin, "读书会一")
    second = make_event(admin, "读书会二", days=8)
    for event in (first, second):
        events.register(admin, event.id, wang.id)
        events.check_in(admin, event.id, wang.id)
    events.register(admin, second.id, li.id)
    page = StatisticsPage(admin)
    qtbot.addWidget(page)
    page.set_range(today(), today() + timedelta(days=30))
    assert "Registrations: 3" in page.summary.text()
    assert "Unique people: 1" in page.summary.text()
    model = page.models["workplace"]
    assert model.data(model.index(0, 0)) == WORKPLACE
    assert model.data(model.index(0, 1)) == "1"
    assert model.data(model.index(0, 2)) == "2"


def test_front_desk_registers_but_does_not_manage(qtbot, show_active, make_staff, admin) -> None:
    desk = make_staff("desk", "front_desk")
    event = make_event(admin)
    tab = open_tab(show_active, desk, event)
    assert not tab.new_button.isVisible() and not tab.edit_button.isVisible()
    assert not tab.page.close_action.isVisible()
    assert tab.page.register_box.isVisible()


# --- models -------------------------------------------------------------------------------------


def test_event_table_model(qtmodeltester, admin, wang, li) -> None:
    event = make_event(admin, capacity=1, size="big")
    make_event(admin, "小活动", days=9)
    events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id, waitlist_if_full=True)
    model = EventTableModel(admin)
    model.reload(upcoming=True)
    assert model.rowCount() == 2
    row = model.row_of(event.id)
    assert model.data(model.index(row, COL_PLACES)) == "1/1"
    assert model.data(model.index(row, COL_WAITLIST)) == "1"
    qtmodeltester.check(model)


def test_roster_table_model(qtmodeltester, admin, wang, li, zhang) -> None:
    event = make_event(admin, capacity=1)
    first = events.register(admin, event.id, wang.id)
    events.register(admin, event.id, li.id, waitlist_if_full=True)
    events.register(admin, event.id, zhang.id, waitlist_if_full=True)
    waiting = events.roster(admin, event.id)[2]
    events.set_priority(admin, waiting.id, priority=5, reason="上次未报上")
    events.cancel_registration(admin, first.id)
    model = RosterTableModel(admin)
    model.reload(event.id)
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert names == ["张伟", "李娜", "王芳"]  # the raised priority went first
    assert model.data(model.index(1, 0)) == "W1"
    qtmodeltester.check(model)


def test_breakdown_table_model(qtmodeltester, admin, wang) -> None:
    event = make_event(admin)
    events.register(admin, event.id, wang.id)
    events.check_in(admin, event.id, wang.id)
    page = StatisticsPage(admin)
    page.set_range(today(), today() + timedelta(days=30))
    for model in page.models.values():
        assert model.rowCount() == 1
        qtmodeltester.check(model)
    page.deleteLater()


def test_event_page_without_event(qtbot, admin) -> None:
    page = EventPage(admin)
    qtbot.addWidget(page)
    assert page.shown is None
    assert not page.register_box.isVisible()
    assert now() is not None


def test_new_event_from_the_tab_opens_it(qtbot, show_active, admin, monkeypatch) -> None:
    def fill_and_save(dialog):
        dialog.title.setText("送温暖慰问活动")
        dialog.capacity.setValue(15)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", fill_and_save)
    tab = show_active(EventsTab(admin, ChangeBus()))
    tab.new_event()
    event = Event.get()
    assert tab.page.shown.id == event.id
    assert "送温暖慰问活动" in tab.bar.text()
    assert tab.model.row_of(event.id) >= 0
    tab.save_state()
    tab.focus_search()
    assert tab.search.hasFocus()


def test_edit_dialog_keeps_quotas_and_series(qtbot, admin, workplace) -> None:
    series = events.save_series(admin, name="乒乓球比赛", max_per_person=2)
    event = make_event(
        admin,
        series_id=series.id,
        quotas=[
            events.QuotaInput(
                name="物业公司预留",
                capacity=3,
                workplace_id=workplace.id,
                reserved=True,
                release_on=today() + timedelta(days=2),
            )
        ],
    )
    dialog = EventDialog(admin, event=event)
    qtbot.addWidget(dialog)
    assert dialog.series_choice.currentData() == series.id
    assert dialog.quota_table.table.rowCount() == 1
    assert dialog.quota_table.cell(0, 5).currentData() == workplace.id
    dialog.capacity.setValue(12)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = Event.get_by_id(event.id)
    assert saved.capacity == 12 and saved.series_id == series.id
    quota = EventQuota.get()
    assert (quota.reserved, quota.workplace_id) == (True, workplace.id)
