"""The People and Today tabs as the administrator meets them on the office screen (1366x768):
the window never grows by itself after a selection, nothing asks for more than the screen,
access keys are unique among what is on screen at once, and Tab leaves every list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stationapp.db import now
from stationapp.models.visits import ServiceType
from stationapp.services import events, library, mediation, people, visits
from stationapp.ui.main_window import MainWindow
from tests.helpers.ids import make_ric
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large

OFFICE = (1366, 768)


def _luhn(body: str) -> str:
    """``body`` with its Luhn check digit (a bank card number as the 京卡 carries)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


@pytest.fixture
def busy_person(admin):
    """A person with a long history of every kind, and a long workplace name and notes."""
    employer = people.create_organization(
        admin,
        people.OrganizationInput(name="北京市东城区建国门外大街某某科技发展有限公司第二分公司"),
    )
    person = people.create_person(
        admin,
        people.PersonInput(
            name="欧阳明",
            phone="13812345678",
            id_number=make_ric(seq=321),
            workplace_id=employer.id,
            is_member=True,
            member_card=_luhn("621488012345678"),
            notes="长期在外地出差，电话联系前请先发短信。" * 6,
        ),
    )
    services = [s.id for s in ServiceType.select().limit(3)]
    for _ in range(12):
        visits.record_visit(
            admin,
            visits.VisitInput(
                person_id=person.id,
                channel="walk_in",
                purposes=[visits.PurposeInput(service) for service in services],
            ),
        )
    for _ in range(2):
        mediation.file_case(
            admin,
            mediation.CaseInput(
                applicant_ids=[person.id],
                respondent_id=employer.id,
                claims=[mediation.ClaimInput("wages", "1000")],
            ),
        )
    title = library.create_title(
        admin, library.TitleInput(title="中华人民共和国劳动合同法释义与案例精解", author="某某")
    )
    for i in range(3):
        copy = library.add_copy(admin, title.id, library.CopyInput(barcode=f"B{i:04d}"))
        library.lend(admin, copy.id, person.id)
    for i in range(3):
        event = events.create_event(
            admin,
            events.EventInput(
                title=f"职工羽毛球友谊赛第{i + 1}场",
                starts_at=now() + timedelta(days=3 + i),
                ends_at=now() + timedelta(days=3 + i, hours=2),
                capacity=10,
            ),
        )
        events.register(admin, event.id, person.id)
    for i, given in enumerate("伟芳敏静丽"):
        people.create_person(admin, people.PersonInput(name=f"张{given}", phone=f"1391234{i:04d}"))
    return person


def _office_window(qtbot, show_active, admin, db_url) -> MainWindow:
    window = show_active(MainWindow(admin, database_url=db_url))
    window.resize(*OFFICE)
    qtbot.waitUntil(lambda: window.size().height() == OFFICE[1])
    return window


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_selecting_a_person_does_not_grow_the_window(
    qtbot, show_active, admin, db_url, busy_person
):
    window = _office_window(qtbot, show_active, admin, db_url)
    window.show_tab("people")
    tab = window.people_tab
    _settle()
    before = window.size()
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    _settle()
    assert tab.page.person_id is not None
    tab.select_person(busy_person.id)
    _settle()
    assert tab.page.title.text() == "欧阳明"
    assert window.size().height() <= before.height()
    assert window.size().width() <= before.width()
    assert too_large(window) == (0, 0)
    # Other tabs do not inherit a larger window either.
    window.show_tab("today")
    _settle()
    assert window.size().height() <= before.height()
    assert too_large(window) == (0, 0)


def test_the_people_and_today_tabs_fit_and_keep_their_keys_apart(
    qtbot, show_active, admin, db_url, busy_person
):
    window = _office_window(qtbot, show_active, admin, db_url)
    window.show_tab("today")
    qtbot.waitUntil(lambda: bool(window.today_tab.boxes))
    _settle()
    assert mnemonic_clashes(window) == {}
    assert lists_keeping_tab(window) == []
    assert too_large(window) == (0, 0)

    window.show_tab("people")
    tab = window.people_tab
    tab.select_person(busy_person.id)
    _settle()
    assert tab.page.body.isVisible()
    assert mnemonic_clashes(window) == {}
    assert lists_keeping_tab(window) == []
    assert too_large(window) == (0, 0)
    assert window.size().height() <= OFFICE[1] and window.size().width() <= OFFICE[0]


def test_reserved_letters_are_left_to_the_menus_and_main_tabs(qtbot, show_active, admin, db_url):
    from tests.helpers.screen import on_screen_mnemonics

    reserved = set("FRAHTVPBEM")
    window = _office_window(qtbot, show_active, admin, db_url)
    person = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    window.show_tab("people")
    window.people_tab.select_person(person.id)
    _settle()
    for key in ("people", "today"):
        window.show_tab(key)
        _settle()
        page = window.current_tab()
        used = [(letter, where) for letter, where in on_screen_mnemonics(page)]
        assert used, key
        assert [u for u in used if u[0] in reserved] == [], key


def test_down_from_the_search_box_still_enters_the_list(qtbot, show_active, admin, db_url):
    people.create_person(admin, people.PersonInput(name="张伟", phone="13812345678"))
    window = _office_window(qtbot, show_active, admin, db_url)
    window.show_tab("people")
    tab = window.people_tab
    tab.focus_search()
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus()
    assert tab.page.title.text() == "张伟"


def test_the_window_opens_within_the_screen(qtbot, admin, db_url):
    """The default size and a size remembered from a larger screen (946 px tall) both fit the
    office screen's free area, title bar included."""
    from PySide6.QtCore import QSettings

    from stationapp.config import Keys

    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.height() <= room.height() - 40 and window.width() <= room.width()
    window.resize(1366, 946)
    QSettings().setValue(Keys.MAIN_GEOMETRY.name, window.saveGeometry())
    window.close()
    again = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(again)
    assert again.height() <= room.height() - 40 and again.width() <= room.width()
