"""Administration > Retention and the erase-on-request dialog (issue #8)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox

from stationapp.db import now
from stationapp.models.people import Person
from stationapp.services import people, retention
from stationapp.ui.main_window import MainWindow
from stationapp.ui.retention import EraseDialog, RetentionDialog


def _inactive(admin, name: str, phone: str) -> Person:
    person = people.create_person(admin, people.PersonInput(name=name, phone=phone))
    Person.update(last_activity_at=now() - timedelta(days=365 * 8)).where(
        Person.id == person.id
    ).execute()
    return person


def test_preview_settings_and_run(qtbot, admin, monkeypatch):
    _inactive(admin, "张三", "13900000001")
    dialog = RetentionDialog(admin)
    qtbot.addWidget(dialog)
    assert "1" in dialog.preview_label.text() and dialog.run_button.isEnabled()
    dialog.people_years.setValue(10)
    assert dialog.save()
    assert retention.retention_settings().people_years == 10
    assert not dialog.run_button.isEnabled()
    dialog.people_years.setValue(5)
    dialog.save()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert dialog.run_now() == 1
    assert Person.get(Person.phone == "").name == retention.ANONYMOUS_NAME


def test_erase_dialog_needs_the_request_and_erases(qtbot, admin):
    person = people.create_person(admin, people.PersonInput(name="李四", phone="13900000002"))
    dialog = EraseDialog(admin, person.id, person.name)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.fields.error_label("reason").text()
    assert Person.get_by_id(person.id).name == "李四"
    dialog.reason.setText("2026-11-20 本人书面申请")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Person.get_by_id(person.id).name == retention.ANONYMOUS_NAME


def test_menu_entry_only_for_administrators(qtbot, admin, make_staff, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert window.retention_action.isVisible()
    window.set_actor(make_staff("desk", "front_desk"))
    assert not window.retention_action.isVisible()


def test_person_page_exports_and_erases(qtbot, admin, make_staff, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from stationapp.ui.people.person_page import PersonPage
    from stationapp.ui.retention import EraseDialog

    person = people.create_person(admin, people.PersonInput(name="王五", phone="13900000003"))
    page = PersonPage(admin)
    qtbot.addWidget(page)
    page.show_person(person.id)
    assert page.export_data_action.isVisible() and page.erase_action.isVisible()
    assert page.more_button.isVisibleTo(page)
    target = tmp_path / "data.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    page.export_personal_data()
    assert target.exists() and str(target) in shown[0]

    def accept(dialog):
        dialog.reason.setText("本人电话申请")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(EraseDialog, "exec", accept)
    page.erase_on_request()
    assert page.title.text() == retention.ANONYMOUS_NAME
    desk = PersonPage(make_staff("desk", "front_desk"))
    qtbot.addWidget(desk)
    assert not desk.export_data_action.isVisible()
