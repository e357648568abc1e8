from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from stationapp.db import today
from stationapp.models.visits import OutreachSession, Visit, VisitPurpose
from stationapp.services import people
from stationapp.services.visits import create_outreach, list_services
from stationapp.ui.bus import ChangeBus
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.visits.outreach import (
    COL_ORGANIZATION,
    COL_SERVICES,
    OutreachSessionDialog,
    OutreachVisitorsDialog,
    OutreachWidget,
)


@pytest.fixture(autouse=True)
def _discard_without_asking(monkeypatch):
    """A dialog left with unsaved visitors must not block the teardown on a question."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    )


@pytest.fixture
def services(admin):
    catalogue = list_services(admin)
    assert len(catalogue) >= 3, "the seeded service catalogue is missing"
    return catalogue


@pytest.fixture
def building(admin):
    return people.create_organization(admin, people.OrganizationInput(name="国贸大厦"))


@pytest.fixture
def session(admin, building, services):
    return create_outreach(
        admin,
        organization_id=building.id,
        held_on=today() - timedelta(days=2),
        service_ids=[services[0].id, services[1].id],
        notes="一楼大堂",
    )


def _person(admin, name: str, phone: str):
    return people.create_person(admin, people.PersonInput(name=name, phone=phone))


def test_session_dialog_creates_a_session(qtbot, admin, building, services):
    dialog = OutreachSessionDialog(admin)
    qtbot.addWidget(dialog)
    assert dialog.held_on.date() == QDate(today().year, today().month, today().day)
    dialog.organization.set_workplace(building.id)
    dialog.set_services([services[0].id, services[2].id])
    dialog.notes.setPlainText("送法律咨询进楼宇")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = OutreachSession.get_by_id(dialog.session.id)
    assert saved.organization_id == building.id
    assert saved.services == [services[0].id, services[2].id]
    assert saved.notes == "送法律咨询进楼宇"
    assert saved.held_on == today()
    assert saved.staff_id == admin.id


def test_session_dialog_errors_keep_what_was_typed(qtbot, admin, building):
    dialog = OutreachSessionDialog(admin)
    qtbot.addWidget(dialog)
    dialog.organization.set_workplace(building.id)
    dialog.notes.setPlainText("社区广场，与社区工会一起")
    dialog.submit()
    assert dialog.session is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    error = dialog.fields.error_label("services")
    assert error.text() == "Choose the services offered."
    assert not error.isHidden()
    assert dialog.notes.toPlainText() == "社区广场，与社区工会一起"
    assert dialog.organization.workplace_id() == building.id
    assert not OutreachSession.select().exists()


def test_session_dialog_shows_every_missing_field(qtbot, admin):
    dialog = OutreachSessionDialog(admin)
    qtbot.addWidget(dialog)
    dialog.organization.combo.setEditText("没有这个单位")
    dialog.submit()
    assert "No workplace or community has this name" in (
        dialog.fields.error_label("organization").text()
    )
    assert dialog.fields.error_label("services").text()
    assert dialog.organization.combo.currentText() == "没有这个单位"


def test_visitors_dialog_records_known_and_anonymous_visitors(
    qtbot, show_active, admin, session, services
):
    wang = _person(admin, "王芳", "13812345678")
    li = _person(admin, "李四", "13900001111")
    dialog = show_active(OutreachVisitorsDialog(admin, session))
    assert dialog.picker.edit.hasFocus()
    assert [s.id for s in dialog.services] == [services[0].id, services[1].id]

    qtbot.keyClicks(dialog.picker.edit, "5678")
    qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
    assert dialog.person_ids() == [wang.id]
    assert dialog.picker.edit.text() == ""
    dialog.picker.person_chosen.emit(li.id)
    qtbot.keyClick(
        dialog.picker.edit,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: dialog.row_count() == 3)  # a button's shortcut clicks after a blink
    assert dialog.person_ids() == [wang.id, li.id, None]
    assert dialog.table.item(2, 0).text() == "Anonymous"
    assert dialog.count_label.text() == "3 visitors in the list"
    dialog.set_service_checked(1, services[1].id, False)
    dialog.set_rating(0, "satisfied")

    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(dialog.visits) == 3
    visits = list(Visit.select().where(Visit.outreach == session.id).order_by(Visit.id))
    assert len(visits) == 3
    assert {v.channel for v in visits} == {"outreach"}
    assert [v.person_id for v in visits] == [wang.id, li.id, None]
    assert [v.rating for v in visits] == ["satisfied", "unrated", "unrated"]
    assert all(v.arrived_at.date() == session.held_on for v in visits)
    purposes = {
        v.id: sorted(p.service_id for p in VisitPurpose.select().where(VisitPurpose.visit == v.id))
        for v in visits
    }
    both = sorted([services[0].id, services[1].id])
    assert [purposes[v.id] for v in visits] == [both, [services[0].id], both]


def test_visitors_dialog_delete_and_duplicates(qtbot, show_active, admin, session):
    wang = _person(admin, "王芳", "13812345678")
    dialog = show_active(OutreachVisitorsDialog(admin, session))
    dialog.add_person(wang.id)
    dialog.add_anonymous()
    dialog.add_person(wang.id)
    assert dialog.person_ids() == [wang.id, None]
    assert "王芳 is already in the list." in dialog.bar.text()
    dialog.table.setFocus()
    dialog.table.selectRow(1)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.person_ids() == [wang.id]
    dialog.remove_button.click()
    assert dialog.person_ids() == []
    assert not dialog.save_button.isEnabled()


def test_no_button_of_the_visitors_dialog_takes_a_stray_enter(qtbot, admin, session):
    dialog = OutreachVisitorsDialog(admin, session)
    qtbot.addWidget(dialog)
    buttons = [
        dialog.anonymous_button,
        dialog.remove_button,
        dialog.save_button,
        dialog.cancel_button,
    ]
    assert not any(button.autoDefault() for button in buttons)


def test_visitors_dialog_error_keeps_the_rows(qtbot, show_active, admin, session, services):
    wang = _person(admin, "王芳", "13812345678")
    dialog = show_active(OutreachVisitorsDialog(admin, session))
    dialog.add_person(wang.id)
    dialog.add_anonymous()
    for service in services[:2]:
        dialog.set_service_checked(1, service.id, False)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.bar.text().startswith("Visitor 2:")
    assert dialog.person_ids() == [wang.id, None]
    assert not Visit.select().exists()

    # Closing with unsaved visitors asks first.
    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.setattr(
            QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel)
        )
        dialog.reject()
        assert dialog.isVisible()
        monkeypatch.setattr(
            QMessageBox,
            "question",
            staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard),
        )
        dialog.reject()
        assert not dialog.isVisible()
        assert dialog.result() == QDialog.DialogCode.Rejected
    finally:
        monkeypatch.undo()


def test_new_person_from_the_picker_is_added(qtbot, admin, session, monkeypatch):
    def submit_at_once(self):
        self.submit()
        return self.result()

    monkeypatch.setattr(PersonDialog, "exec", submit_at_once)
    dialog = OutreachVisitorsDialog(admin, session)
    qtbot.addWidget(dialog)
    dialog.picker.edit.setText("李白")
    dialog.picker.search_now()
    dialog.picker.new_person_requested.emit("李白")
    [person_id] = dialog.person_ids()
    assert people.get_person(admin, person_id).name == "李白"
    assert dialog.table.item(0, 0).text() == "李白"
    dialog.remove_selected()


def test_widget_lists_sessions_and_refreshes(qtbot, admin, building, session, services):
    widget = OutreachWidget(admin, ChangeBus())
    qtbot.addWidget(widget)
    assert widget.table.rowCount() == 1
    assert widget.table.item(0, COL_ORGANIZATION).text() == "国贸大厦"
    assert widget.table.item(0, COL_SERVICES).text() == f"{services[0].name}、{services[1].name}"
    assert not widget.visitors_button.isEnabled()
    widget.table.selectRow(0)
    assert widget.visitors_button.isEnabled()
    assert widget.selected_session().id == session.id
    create_outreach(
        admin, organization_id=building.id, held_on=today(), service_ids=[services[2].id]
    )
    assert widget.table.rowCount() == 2
    assert widget.count_label.text() == "2 recent sessions"
    assert widget.selected_session().id == session.id


def test_new_session_goes_on_to_its_visitors(qtbot, admin, building, services, monkeypatch):
    opened: list[OutreachVisitorsDialog] = []

    def fill_and_save(self):
        self.organization.set_workplace(building.id)
        self.set_services([services[0].id])
        self.submit()
        return self.result()

    def record_opened(self):
        opened.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(OutreachSessionDialog, "exec", fill_and_save)
    monkeypatch.setattr(OutreachVisitorsDialog, "exec", record_opened)
    widget = OutreachWidget(admin, ChangeBus())
    qtbot.addWidget(widget)
    widget.new_button.click()
    [new] = OutreachSession.select()
    assert [d.session.id for d in opened] == [new.id]
    assert widget.selected_session().id == new.id
    assert widget.table.rowCount() == 1


def test_librarian_sees_no_sessions(qtbot, admin, make_staff, session):
    librarian = make_staff("lib", "librarian")
    widget = OutreachWidget(librarian, ChangeBus())
    qtbot.addWidget(widget)
    assert widget.table.rowCount() == 0
    assert widget.new_button.isHidden() and widget.visitors_button.isHidden()
    assert "not allowed" in widget.bar.label.text()


def test_the_services_offered_take_the_spare_width(qtbot, admin):
    from PySide6.QtWidgets import QHeaderView

    from stationapp.ui.visits.outreach import OutreachWidget

    widget = OutreachWidget(admin, ChangeBus())
    qtbot.addWidget(widget)
    header = widget.table.horizontalHeader()
    assert not header.stretchLastSection()
    assert header.sectionResizeMode(OutreachWidget.SERVICES_COLUMN) == (
        QHeaderView.ResizeMode.Stretch
    )
