from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services import accounts
from stationapp.ui import startup
from stationapp.ui.accounts import FirstRunDialog, SignInDialog, StaffDialog
from stationapp.ui.main_window import MainWindow


def _when_modal(callback):
    """Run ``callback(dialog)`` once the next modal dialog is up."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        callback(dialog)

    QTimer.singleShot(0, poll)


def test_empty_database_opens_first_run_then_sign_in(qtbot, db):
    def fill_first_run(dialog):
        assert isinstance(dialog, FirstRunDialog)
        dialog.station_name.setText("建国门街道工会服务站")
        dialog.case_prefix.setText("建工调")
        dialog.display_name.setText("王站长")
        dialog.username.setText("admin")
        dialog.password.setText("secret-pass-1")
        dialog.repeat.setText("secret-pass-1")
        dialog.submit()

    _when_modal(fill_first_run)
    staff = startup.sign_in()
    assert staff is not None and staff.username == "admin"
    assert accounts.station_settings().case_prefix == "建工调"

    def fill_sign_in(dialog):
        assert isinstance(dialog, SignInDialog)
        dialog.username.setText("admin")
        dialog.password.setText("secret-pass-1")
        dialog.submit()

    _when_modal(fill_sign_in)
    again = startup.sign_in()
    assert again is not None and again.id == staff.id


def test_first_run_shows_every_error_and_keeps_input(qtbot, db):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.station_name.setText("")
    dialog.case_prefix.setText("12;")
    dialog.display_name.setText("王站长😀")
    dialog.username.setText("a")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.submit()
    assert dialog.result() == 0
    for name in ("station_name", "case_prefix"):
        assert dialog.fields.error_label(name).text()
    for name in ("display_name", "username", "password"):
        assert dialog.admin_fields.error_label(name).text()
    assert dialog.display_name.text() == "王站长😀"
    assert dialog.password.text() == "short"
    assert Staff.select().count() == 0


def test_five_wrong_passwords_lock_with_time_left(qtbot, admin):
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    for _ in range(5):
        dialog.password.setText("wrong-password")
        dialog.submit()
    message = dialog.fields.error_label("password").text()
    assert "5" in message
    dialog.password.setText("correct-horse-1")
    dialog.submit()
    assert dialog.staff is None
    assert "locked" in dialog.fields.error_label("password").text()


def test_admin_creates_and_deactivates_staff(qtbot, admin):
    dialog = StaffDialog(admin)
    qtbot.addWidget(dialog)
    dialog.username.setText("zhangli")
    dialog.display_name.setText("张丽")
    dialog.role_checks["front_desk"].setChecked(True)
    dialog.password.setText("initial-pass-1")
    dialog.save()
    created = Staff.get(Staff.username == "zhangli")
    assert created.roles == "front_desk" and created.must_change_password
    assert dialog.current_id == created.id
    dialog.active.setChecked(False)
    dialog.save()
    assert not Staff.get_by_id(created.id).active
    assert (
        AuditEntry.select()
        .where(AuditEntry.entity == "staff", AuditEntry.entity_id == created.id)
        .count()
        == 2
    )


def test_staff_dialog_keeps_input_on_error(qtbot, admin):
    dialog = StaffDialog(admin)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.display_name.setText("李四")
    dialog.role_checks["librarian"].setChecked(True)
    dialog.password.setText("initial-pass-1")
    dialog.save()
    assert dialog.fields.error_label("username").text()
    assert dialog.display_name.text() == "李四"
    assert Staff.select().count() == 1


def test_librarian_sees_no_administration_menu(qtbot, make_staff, db_url):
    librarian = make_staff("lib", "librarian")
    window = MainWindow(librarian, database_url=db_url)
    qtbot.addWidget(window)
    assert not window.admin_menu.menuAction().isVisible()


def test_station_contact_is_saved_and_printed_on_notices(qtbot, admin, monkeypatch):
    from stationapp.models.visits import ServiceType
    from stationapp.ui.accounts import StationSettingsDialog
    from stationapp.ui.visits import register

    dialog = StationSettingsDialog(admin)
    qtbot.addWidget(dialog)
    dialog.contact.setText("010-65120000，建国门内大街 1 号")
    dialog.submit()
    assert accounts.station_settings().contact == "010-65120000，建国门内大街 1 号"
    form = register.VisitForm(admin)
    qtbot.addWidget(form)
    form.anonymous.setChecked(True)
    form.add_purpose(ServiceType.get(ServiceType.name == "入会").id)
    assert form.notice().contact == "010-65120000，建国门内大街 1 号"
