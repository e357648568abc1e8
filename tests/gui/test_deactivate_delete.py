"""Deactivate, reactivate and delete where each record is edited: the people tab, the workplaces
list, the catalogue, the events tab and the staff accounts. Deleting asks first; a record with
history is offered deactivation (or withdrawal, cancellation) instead."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from stationapp.db import now, today
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, ORGANISER, AuditEntry, Staff
from stationapp.models.events import Event, Registration
from stationapp.models.library import Copy, Title
from stationapp.models.people import Organization, Person
from stationapp.models.visits import Visit
from stationapp.services import accounts, events, library, people
from stationapp.services.events import EventInput
from stationapp.services.library import CopyInput, TitleInput
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.ui.accounts import StaffDialog
from stationapp.ui.bus import ChangeBus
from stationapp.ui.events.events_tab import EventsTab
from stationapp.ui.library.catalogue import CatalogueWidget
from stationapp.ui.people.people_tab import PeopleTab
from stationapp.ui.people.person_table_model import COL_NAME
from stationapp.ui.workplaces.workplaces_tab import WorkplacesTab


@pytest.fixture
def answers(monkeypatch):
    """QMessageBox.question answers Yes (or what the test puts in ``replies``); the questions
    asked are kept in ``asked``."""

    class Answers:
        asked: ClassVar[list[str]] = []
        replies: ClassVar[list[QMessageBox.StandardButton]] = []

    def question(_parent, _title, text, *_args, **_kw):
        Answers.asked.append(text)
        return Answers.replies.pop(0) if Answers.replies else QMessageBox.StandardButton.Yes

    Answers.asked, Answers.replies = [], []
    monkeypatch.setattr(QMessageBox, "question", question)
    return Answers


def _person(admin, name: str, phone: str, **fields) -> Person:
    return people.create_person(admin, PersonInput(name=name, phone=phone, **fields))


def _deleted(entity: str, entity_id: int) -> bool:
    return (
        AuditEntry.select()
        .where(
            AuditEntry.action == "delete",
            AuditEntry.entity == entity,
            AuditEntry.entity_id == entity_id,
        )
        .exists()
    )


# --- people -------------------------------------------------------------------------------------


def test_people_tab_deactivates_shows_and_reactivates(qtbot, admin):
    bus = ChangeBus()
    person = _person(admin, "欧阳修", "13812345678")
    _person(admin, "欧阳锋", "13912345678")
    tab = PeopleTab(admin, bus)
    qtbot.addWidget(tab)
    tab.select_person(person.id)
    assert tab.page.deactivate_action.isVisible() and not tab.page.reactivate_action.isVisible()

    tab.page.deactivate_action.trigger()

    assert not Person.get_by_id(person.id).active
    assert [p.name for p in tab.model.rows] == ["欧阳锋"]
    assert "Show deactivated" in tab.bar.label.text()
    assert tab.page.person_id == person.id  # the record stays open, marked
    assert not tab.page.inactive_note.isHidden() and tab.page.reactivate_action.isVisible()

    tab.show_inactive.setChecked(True)
    row = tab.model.row_of(person.id)
    assert row >= 0 and tab.model.total == 2
    assert tab.model.data(tab.model.index(row, COL_NAME), Qt.ItemDataRole.ForegroundRole)
    tab.search.setText("ouyang")
    tab.refresh()
    assert {p.name for p in tab.model.rows} == {"欧阳修", "欧阳锋"}

    tab.select_person(person.id)
    tab.page.reactivate_action.trigger()
    assert Person.get_by_id(person.id).active
    assert tab.page.inactive_note.isHidden()


def test_people_tab_deletes_a_mistake_and_deactivates_a_person_with_history(qtbot, admin, answers):
    bus = ChangeBus()
    mistake = _person(admin, "李白", "13812340001")
    regular = _person(admin, "杜甫", "13812340002")
    Visit.create(person=regular, channel="walk_in", staff=admin, arrived_at=now())
    tab = PeopleTab(admin, bus)
    qtbot.addWidget(tab)

    tab.select_person(mistake.id)
    answers.replies = [QMessageBox.StandardButton.No]
    tab.page.delete_action.trigger()
    assert Person.select().where(Person.id == mistake.id).exists()

    tab.page.delete_action.trigger()
    assert "李白" in answers.asked[-1]
    assert not Person.select().where(Person.id == mistake.id).exists()
    assert _deleted("person", mistake.id)
    assert [p.name for p in tab.model.rows] == ["杜甫"]
    assert tab.page.person_id is None

    tab.select_person(regular.id)
    tab.page.delete_action.trigger()
    assert "1 visit" in answers.asked[-1] and "Deactivate 杜甫 instead?" in answers.asked[-1]
    assert Person.get_by_id(regular.id).active is False
    assert not _deleted("person", regular.id)
    assert "deactivated" in tab.bar.label.text()


def test_people_actions_follow_the_roles(qtbot, admin, make_staff):
    person = _person(admin, "王芳", "13812345678")
    desk = make_staff("desk", FRONT_DESK)
    librarian = make_staff("books", LIBRARIAN)
    for actor, deactivate, delete in ((admin, True, True), (desk, True, False)):
        tab = PeopleTab(actor, ChangeBus())
        qtbot.addWidget(tab)
        tab.select_person(person.id)
        assert tab.page.deactivate_action.isVisible() is deactivate
        assert tab.page.delete_action.isVisible() is delete
    tab = PeopleTab(librarian, ChangeBus())
    qtbot.addWidget(tab)
    tab.select_person(person.id)
    assert not tab.page.deactivate_action.isVisible() and not tab.page.delete_action.isVisible()
    assert not tab.page.reactivate_action.isVisible()


# --- workplaces ---------------------------------------------------------------------------------


def _search(tab: WorkplacesTab, text: str) -> None:
    tab.search.setText(text)
    tab.refresh()


def test_workplaces_delete_deactivate_and_show_again(qtbot, admin, answers):
    unused = people.create_organization(admin, OrganizationInput(name="错录单位"))
    employer = people.create_organization(admin, OrganizationInput(name="华润大厦"))
    _person(admin, "王芳", "13812345678", workplace_id=employer.id)
    tab = WorkplacesTab(admin, ChangeBus())
    qtbot.addWidget(tab)

    _search(tab, "错录")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert not Organization.select().where(Organization.id == unused.id).exists()
    assert _deleted("organization", unused.id)

    _search(tab, "华润")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "1 worker" in answers.asked[-1]
    assert Organization.get_by_id(employer.id).active is False
    assert tab.model.rowCount() == 0

    tab.show_inactive.setChecked(True)
    assert tab.model.rowCount() == 1
    assert "deactivated" in tab.model.index(0, 0).data()
    assert tab.deactivate_button.isHidden() and not tab.reactivate_button.isHidden()
    qtbot.mouseClick(tab.reactivate_button, Qt.MouseButton.LeftButton)
    assert Organization.get_by_id(employer.id).active
    assert "deactivated" not in tab.model.index(0, 0).data()


def test_workplace_deletion_is_for_administrators(qtbot, make_staff, admin):
    people.create_organization(admin, OrganizationInput(name="华润大厦"))
    tab = WorkplacesTab(make_staff("desk", FRONT_DESK), ChangeBus())
    qtbot.addWidget(tab)
    assert tab.delete_button.isHidden() and not tab.deactivate_button.isHidden()


# --- titles and copies --------------------------------------------------------------------------


def _title(admin, name: str, *barcodes: str) -> Title:
    title = library.create_title(admin, TitleInput(title=name, author="余华"))
    for barcode in barcodes:
        library.add_copy(admin, title.id, CopyInput(barcode=barcode))
    return title


def test_catalogue_deletes_a_title_entered_by_mistake(qtbot, admin, answers):
    bus = ChangeBus()
    title = _title(admin, "错误书名", "TS0001", "TS0002")
    widget = CatalogueWidget(admin, bus)
    qtbot.addWidget(widget)
    widget.select_title(title.id)
    widget.delete_title_action.trigger()
    assert "2 copy" in answers.asked[-1]
    assert not Title.select().where(Title.id == title.id).exists()
    assert Copy.select().count() == 0
    assert widget.model.rowCount() == 0


def test_catalogue_deactivates_a_title_with_loans_and_finds_it_again(qtbot, admin, answers):
    bus = ChangeBus()
    title = _title(admin, "活着", "TS0001")
    reader = _person(admin, "王芳", "13812345678")
    copy = Copy.get(Copy.barcode == "TS0001")
    library.return_copy(admin, library.lend(admin, copy.id, reader.id).copy_id)
    widget = CatalogueWidget(admin, bus)
    qtbot.addWidget(widget)
    widget.select_title(title.id)

    widget.delete_title_action.trigger()

    assert "1 loan" in answers.asked[-1]
    assert Title.get_by_id(title.id).active is False
    assert Copy.get_by_id(copy.id).status == "withdrawn"
    assert widget.model.rowCount() == 0
    widget.show_inactive.setChecked(True)
    assert widget.model.row_of(title.id) == 0
    widget.select_title(title.id)
    assert "(deactivated)" in widget.heading.text()
    assert widget.reactivate_title_action.isVisible()
    widget.reactivate_title_action.trigger()
    assert Title.get_by_id(title.id).active


def test_catalogue_deletes_a_copy_or_offers_to_withdraw_it(qtbot, admin, answers):
    bus = ChangeBus()
    title = _title(admin, "活着", "TS0001", "TS0002")
    reader = _person(admin, "王芳", "13812345678")
    lent = Copy.get(Copy.barcode == "TS0002")
    library.return_copy(admin, library.lend(admin, lent.id, reader.id).copy_id)
    widget = CatalogueWidget(admin, bus)
    qtbot.addWidget(widget)
    widget.select_title(title.id)
    assert not widget.delete_copy_action.isEnabled()

    widget.copies_table.selectRow(0)
    widget.delete_copy_action.trigger()
    assert not Copy.select().where(Copy.barcode == "TS0001").exists()

    widget.copies_table.selectRow(0)
    widget.delete_copy_action.trigger()
    assert "Withdraw copy TS0002 instead?" in answers.asked[-1]
    assert Copy.get_by_id(lent.id).status == "withdrawn"
    assert "withdrawn" in widget.bar.label.text()


def test_catalogue_actions_follow_the_roles(qtbot, make_staff):
    widget = CatalogueWidget(make_staff("books", LIBRARIAN), ChangeBus())
    qtbot.addWidget(widget)
    assert widget.deactivate_title_action.isVisible()
    assert not widget.delete_title_action.isVisible() and not widget.delete_copy_action.isVisible()


# --- events -------------------------------------------------------------------------------------


def _event(admin, title: str) -> Event:
    start = datetime.combine(today() + timedelta(days=7), time(14, 0))
    return events.create_event(
        admin,
        EventInput(title=title, starts_at=start, ends_at=start + timedelta(hours=2), capacity=10),
    )


def test_events_tab_deletes_an_empty_event_and_cancels_one_with_registrations(
    qtbot, admin, answers, monkeypatch
):
    bus = ChangeBus()
    empty = _event(admin, "误建活动")
    booked = _event(admin, "羽毛球比赛")
    Registration.create(
        event=booked, person=_person(admin, "王芳", "13812345678"), state="confirmed", staff=admin
    )
    tab = EventsTab(admin, bus)
    qtbot.addWidget(tab)

    tab.open_event(empty.id)
    assert tab.delete_action.isEnabled()
    tab.delete_action.trigger()
    assert not Event.select().where(Event.id == empty.id).exists()
    assert _deleted("event", empty.id)
    assert tab.page.shown is None and not tab.delete_action.isEnabled()

    tab.open_event(booked.id)
    monkeypatch.setattr(tab.page, "ask_cancel_event_reason", lambda: "场地维修")
    told = []
    monkeypatch.setattr(tab.page, "show_notify", told.extend)
    tab.delete_action.trigger()
    assert "Cancel “羽毛球比赛” instead?" in answers.asked[-1]
    assert Event.get_by_id(booked.id).state == "cancelled"
    assert [p.name for p in told] == ["王芳"]


def test_event_deletion_is_for_administrators(qtbot, make_staff):
    tab = EventsTab(make_staff("organiser", ORGANISER), ChangeBus())
    qtbot.addWidget(tab)
    assert not tab.delete_action.isVisible() and not tab.edit_button.isHidden()


# --- staff --------------------------------------------------------------------------------------


def _choose(dialog: StaffDialog, staff_id: int) -> None:
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == staff_id:
            dialog.list.setCurrentRow(row)
            return
    raise AssertionError(staff_id)


def test_staff_dialog_deletes_an_unused_account_and_deactivates_a_used_one(
    qtbot, admin, make_staff, answers
):
    mistake = make_staff("typo", FRONT_DESK)
    used = make_staff("desk", FRONT_DESK)
    accounts.authenticate("desk", "password-123")
    dialog = StaffDialog(admin)
    qtbot.addWidget(dialog)

    _choose(dialog, admin.id)
    assert not dialog.delete_button.isEnabled()

    _choose(dialog, mistake.id)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "typo" in answers.asked[-1]
    assert not Staff.select().where(Staff.id == mistake.id).exists()
    assert _deleted("staff", mistake.id)
    assert dialog.list.count() == 2

    _choose(dialog, used.id)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "Deactivate the account desk instead?" in answers.asked[-1]
    assert Staff.get_by_id(used.id).active is False
    assert not dialog.active.isChecked()
    assert "deactivated" in dialog.bar.label.text()
