from __future__ import annotations

from PySide6.QtCore import Qt

from stationapp.db import now
from stationapp.models.people import Person
from stationapp.services import people
from stationapp.ui.bus import ChangeBus
from stationapp.ui.people.people_tab import PeopleTab
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.people.person_page import PersonPage
from stationapp.ui.people.person_table_model import PersonTableModel
from tests.helpers.ids import make_ric


def _add(admin, name: str, phone: str, **extra):
    return people.create_person(admin, people.PersonInput(name=name, phone=phone, **extra))


def test_table_model_passes_qt_model_tester(qtmodeltester, admin):
    for i in range(5):
        _add(admin, f"张三{chr(0x4E00 + i)}", f"1381234{i:04d}")
    model = PersonTableModel(admin)
    model.reload("")
    qtmodeltester.check(model)
    model.reload("zhang")
    qtmodeltester.check(model)


def test_table_pages_through_a_long_register(qtbot, admin):
    rows = [
        {
            "name": f"测试{i}",
            "phone": "",
            "pinyin": "",
            "created_at": now(),
            "updated_at": now(),
            "last_activity_at": now(),
        }
        for i in range(250)
    ]
    Person.insert_many(rows).execute()
    model = PersonTableModel(admin)
    model.reload("")
    assert model.rowCount() == 100
    qtbot.waitUntil(lambda: model.total == 250)  # counted after the first page shows
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore()


def test_search_as_you_type_and_empty_states(qtbot, admin):
    tab = PeopleTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    assert "No one is registered yet" in tab.empty.text()
    _add(admin, "单雄信", "13812345678", id_number=make_ric(seq=123))
    _add(admin, "欧阳修", "13987654321")
    tab.search.setText("shanx")
    tab.refresh()
    assert [p.name for p in tab.model.rows] == ["单雄信"]
    tab.search.setText("oyx")
    tab.refresh()
    assert [p.name for p in tab.model.rows] == ["欧阳修"]
    tab.search.setText("4321")
    tab.refresh()
    assert [p.name for p in tab.model.rows] == ["欧阳修"]
    tab.search.setText("李白")
    tab.refresh()
    assert tab.stack.currentWidget() is tab.empty
    assert "李白" in tab.empty.text()


def test_selecting_a_row_shows_the_person_page_with_masked_id(qtbot, admin, make_staff):
    ric = make_ric(seq=124)
    person = _add(admin, "解缙", "13812340000", id_number=ric)
    librarian = make_staff("lib", "librarian")
    tab = PeopleTab(librarian, ChangeBus())
    qtbot.addWidget(tab)
    tab.select_person(person.id)
    assert tab.page.title.text() == "解缙"
    assert tab.page.values["id"].text().endswith(people.mask_id_tail(ric))
    assert ric not in tab.page.values["id"].text()
    assert tab.page.history.count() == 1


def test_person_dialog_bad_input_is_shown_at_the_field_and_kept(qtbot, admin):
    dialog = PersonDialog(admin)
    qtbot.addWidget(dialog)
    bad_id = make_ric()[:-1] + ("1" if make_ric()[-1] != "1" else "2")
    dialog.name.setText("x" * 500)
    dialog.phone.setText("1381234567")
    dialog.id_number.setText(bad_id)
    dialog.submit()
    assert dialog.fields.error_label("name").text()
    assert dialog.fields.error_label("phone").text()
    assert dialog.fields.error_label("id_number").text()
    assert dialog.name.text() == "x" * 500
    assert dialog.phone.text() == "1381234567"
    assert dialog.id_number.text() == bad_id
    assert Person.select().count() == 0
    for bad_name in ("", "王😀", "Robert'); DROP TABLE person;--"):
        dialog.name.setText(bad_name)
        dialog.submit()
        assert dialog.fields.error_label("name").text(), bad_name
        assert dialog.name.text() == bad_name
    assert Person.select().count() == 0


def test_person_dialog_offers_gender_and_birth_from_id(qtbot, admin):
    dialog = PersonDialog(admin)
    qtbot.addWidget(dialog)
    dialog.id_number.setText(make_ric(seq=125).lower())
    dialog.id_number.editingFinished.emit()
    assert dialog.gender.currentData() == "M"
    assert dialog.birth_date.text() == "1985-03-21"


def test_new_person_from_search_text_and_duplicate_offer(qtbot, admin):
    existing = _add(admin, "王芳", "13812345678")
    tab = PeopleTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    dialog = PersonDialog(admin, tab, prefill="王芳")
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "王芳"
    dialog.phone.setText("138-1234-5678")
    dialog.submit()
    assert dialog.duplicate_row.isVisible() or not dialog.duplicate_row.isHidden()
    assert "王芳" in dialog.bar.label.text()
    dialog._open_existing()
    assert dialog.open_existing_id == existing.id
    assert Person.select().count() == 1
    phone_dialog = PersonDialog(admin, prefill="13900001111")
    qtbot.addWidget(phone_dialog)
    assert phone_dialog.phone.text() == "13900001111" and phone_dialog.name.text() == ""


def test_edit_person_saves_and_refreshes_list(qtbot, admin):
    person = _add(admin, "曾国藩", "13812345678")
    tab = PeopleTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    dialog = PersonDialog(admin, tab, person=people.get_person(admin, person.id))
    qtbot.addWidget(dialog)
    dialog.phone.setText("010-65123456")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Person.get_by_id(person.id).phone == "010-65123456"
    tab.search.setText("65123456")
    tab.refresh()
    assert [p.name for p in tab.model.rows] == ["曾国藩"]


def test_keyboard_down_moves_into_list_and_enter_selects(qtbot, show_active, admin):
    _add(admin, "张伟", "13812345678")
    tab = show_active(PeopleTab(admin, ChangeBus()))
    tab.focus_search()
    qtbot.keyClicks(tab.search, "zhangwei")
    tab.refresh()
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.table.hasFocus()
    assert tab.page.title.text() == "张伟"


def test_person_page_shows_visits_cases_and_loans_by_role(qtbot, admin, make_staff):
    from stationapp.models.visits import ServiceType
    from stationapp.services import library, mediation, visits

    person = _add(admin, "王芳", "13812345678")
    employer = people.create_organization(admin, people.OrganizationInput(name="某某公司"))
    visits.record_visit(
        admin,
        visits.VisitInput(
            person_id=person.id,
            channel="walk_in",
            purposes=[visits.PurposeInput(ServiceType.get(ServiceType.name == "入会").id)],
        ),
    )
    mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=[person.id],
            respondent_id=employer.id,
            claims=[mediation.ClaimInput("wages", "1000")],
        ),
    )
    title = library.create_title(admin, library.TitleInput(title="平凡的世界", author="路遥"))
    copy = library.add_copy(admin, title.id, library.CopyInput(barcode="B0001"))
    library.lend(admin, copy.id, person.id)
    from datetime import timedelta

    from stationapp.db import now
    from stationapp.services import events

    event = events.create_event(
        admin,
        events.EventInput(
            title="羽毛球比赛",
            starts_at=now() + timedelta(days=3),
            ends_at=now() + timedelta(days=3, hours=2),
            capacity=10,
        ),
    )
    events.register(admin, event.id, person.id)
    page = PersonPage(admin)
    qtbot.addWidget(page)
    page.show_person(person.id)
    assert "羽毛球比赛" in page.events.item(0).text()
    assert "入会" in page.visits.item(0).text()
    assert "某某公司" in page.cases.item(0).text()
    assert "平凡的世界" in page.loans.item(0).text()
    # One history area, a tab per kind with its count.
    assert page.history_tab_titles() == [
        "V&isits (1)",
        "Case&s (1)",
        "&Loans (1)",
        "Re&gistrations (1)",
        "Room bookings (0)",
        "Membership and 京卡 (0)",
        "Mutual-aid cover (0)",
        "Welfare rounds (0)",
        "Histor&y (1)",
    ]
    assert page.history_tabs.currentWidget() is page.visits
    librarian = make_staff("lib", "librarian")
    limited = PersonPage(librarian)
    qtbot.addWidget(limited)
    limited.show_person(person.id)
    titles = limited.history_tab_titles()
    assert not any("Visits" in t or "Cases" in t for t in titles)
    assert "&Loans (1)" in titles
    assert limited.history_tabs.currentWidget() is not limited.visits


def test_person_page_is_a_header_and_one_history_area(qtbot, admin):
    """Defect 10: one history area instead of five lists with their own scroll bars; long
    lines wrap instead of scrolling sideways."""
    from PySide6.QtWidgets import QListWidget

    from stationapp.models.visits import ServiceType
    from stationapp.services import visits

    person = _add(admin, "王芳", "13812345678", notes="请先短信联系。" * 30)
    services = [s.id for s in ServiceType.select().limit(4)]
    for _ in range(12):
        visits.record_visit(
            admin,
            visits.VisitInput(
                person_id=person.id,
                channel="walk_in",
                purposes=[visits.PurposeInput(service) for service in services],
            ),
        )
    page = PersonPage(admin)
    qtbot.addWidget(page)
    page.resize(520, 600)
    page.show()
    qtbot.waitExposed(page)
    page.show_person(person.id)
    assert page.history_tab_titles()[0] == "V&isits (12)"
    lists = [view for view in page.findChildren(QListWidget) if view.isVisible()]
    assert lists == [page.visits]
    assert page.visits.count() == 12
    assert page.visits.horizontalScrollBar().maximum() == 0
    first = page.visits.visualItemRect(page.visits.item(0))
    assert first.width() <= page.visits.viewport().width()
    assert first.height() > page.visits.fontMetrics().height() * 1.5  # wrapped, not cut
    # The header keeps its height: long notes are cut to a few lines, the whole in the tooltip.
    assert page.values["notes"].toolTip() == "请先短信联系。" * 30
    assert page.values["notes"].height() < page.fontMetrics().lineSpacing() * 4
    assert page.minimumSizeHint().height() < 500
    page.show_history("history")
    assert page.history_tabs.currentWidget() is page.history


def test_person_page_rare_actions_are_in_the_more_menu(qtbot, admin, make_staff):
    person = _add(admin, "王芳", "13812345678")
    page = PersonPage(admin)
    qtbot.addWidget(page)
    requested: list[int] = []
    page.deactivate_requested.connect(requested.append)
    page.delete_requested.connect(lambda pid: requested.append(-pid))
    page.show_person(person.id)
    menu = [a.text() for a in page.more_button.menu().actions() if a.isVisible()]
    assert menu == [
        "&Deactivate",
        "De&lete…",
        "&Merge a duplicate into this…",
        "",
        "&Personal data…",
        "E&rase on request…",
    ]
    page.deactivate_action.trigger()
    page.delete_action.trigger()
    assert requested == [person.id, -person.id]
    librarian = PersonPage(make_staff("lib", "librarian"))
    qtbot.addWidget(librarian)
    librarian.show_person(person.id)
    shown = [a.text() for a in librarian.more_menu.actions() if a.isVisible()]
    assert shown == ["&Merge a duplicate into this…", ""]


def test_person_page_history_tabs_answer_ctrl_page_down(qtbot, show_active, admin):
    person = _add(admin, "王芳", "13812345678")
    page = show_active(PersonPage(admin))
    page.show_person(person.id)
    page.visits.setFocus()
    assert page.history_tabs.currentWidget() is page.visits
    qtbot.keyClick(page.visits, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.history_tabs.currentWidget() is page.cases
    qtbot.keyClick(
        page.history_tabs.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier
    )
    assert page.history_tabs.currentWidget() is page.visits


def test_a_librarian_sees_no_whole_birth_date_and_an_edit_keeps_it(qtbot, admin, make_staff):
    """Issue 19, finding 2: the page, the register and the edit dialog give a role without the
    whole ID number the birth year and age only; saving the dialog keeps what is stored."""
    from datetime import date

    from stationapp.db import today
    from stationapp.services.visits import age_on

    ric = make_ric(birth=date(1985, 3, 21), seq=126)
    person = _add(admin, "解缙", "13812340001", id_number=ric)
    no_id = _add(admin, "于谦", "13812340002", birth_date=date(1990, 6, 1))
    librarian = make_staff("lib", "librarian")
    tab = PeopleTab(librarian, ChangeBus())
    qtbot.addWidget(tab)
    tab.select_person(person.id)
    age = age_on(date(1985, 3, 21), today())
    shown = tab.page.values["birth"].text()
    assert "1985" in shown and str(age) in shown
    assert "03-21" not in shown and "3-21" not in shown and "3月21" not in shown
    assert (
        ric not in tab.page.values["id"].text() and "19850321" not in tab.page.values["id"].text()
    )
    assert tab.page.values["id"].text().endswith("*" * 14 + ric[-4:])
    assert not tab.page.reveal_button.isVisible()
    for stored in (person, no_id):
        dialog = PersonDialog(librarian, tab, person=people.get_person(librarian, stored.id))
        qtbot.addWidget(dialog)
        assert dialog.birth_date.text() == str(stored.birth_date.year)
        assert dialog.birth_date.isReadOnly()
        assert stored.birth_date.isoformat() not in dialog.id_number.text()
        dialog.phone.setText("010-65123457")
        dialog.submit()
        assert dialog.result() == dialog.DialogCode.Accepted
        after = Person.get_by_id(stored.id)
        assert after.phone == "010-65123457"
        assert (after.id_number, after.birth_date) == (stored.id_number, stored.birth_date)
    ages = {row.name: row.age for row in tab.model.rows}
    assert ages.get("解缙") == age


def test_retirement_age_before_2025_is_asked_for_women_and_kept(qtbot, admin):
    dialog = PersonDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("钱芳")
    dialog.birth_date.setText("1976-03-01")
    assert not dialog.old_retirement_age.isVisible()  # no gender given
    dialog.gender.setCurrentIndex(dialog.gender.findData("F"))
    assert dialog.old_retirement_age.isVisible()
    assert dialog.old_retirement_age.currentData() == 55  # the default
    dialog.old_retirement_age.setCurrentIndex(dialog.old_retirement_age.findData(50))
    dialog.submit()
    person = Person.get(Person.name == "钱芳")
    assert person.old_retirement_age == 50

    again = PersonDialog(admin, person=people.get_person(admin, person.id))
    qtbot.addWidget(again)
    again.show()
    assert again.old_retirement_age.currentData() == 50
    again.gender.setCurrentIndex(again.gender.findData("M"))
    assert not again.old_retirement_age.isVisible()
    again.submit()
    assert Person.get_by_id(person.id).old_retirement_age is None  # kept for women only
