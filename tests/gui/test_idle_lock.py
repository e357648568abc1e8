"""The idle lock (issue #8): after the idle time every window's content is covered and only the
right password (or another staff member's sign-in) opens it again."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services import accounts
from stationapp.ui.idle_lock import ContentCover, LockDialog
from stationapp.ui.main_window import MainWindow


def _window(qtbot, actor, db_url) -> MainWindow:
    window = MainWindow(actor, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _while_locked(qtbot, window, steps, *, after_ms=1300):
    """Run ``steps(dialog)`` inside the lock dialog's own event loop, then wait for the end."""
    seen = {}

    def run():
        dialog = window.lock_dialog
        if dialog is None or not dialog.isVisible():  # a loaded machine: not locked yet
            QTimer.singleShot(100, run)
            return
        seen["dialog"] = dialog
        seen["covers"] = window.findChildren(ContentCover)
        steps(dialog, seen)

    QTimer.singleShot(after_ms, run)
    qtbot.waitUntil(lambda: "done" in seen, timeout=8000)
    return seen


def test_the_window_locks_when_idle_and_opens_only_with_the_password(qtbot, admin, db_url):
    window = _window(qtbot, admin, db_url)
    window.idle.set_timeout_ms(1000)

    def steps(dialog, seen):
        seen["locked_visible"] = dialog.isVisible()
        dialog.password.setText("wrong-password")
        dialog.submit()
        seen["after_wrong"] = (dialog.isVisible(), dialog.fields.error_label("password").text())
        dialog.reject()  # Escape / Cancel do not unlock
        seen["after_escape"] = dialog.isVisible()
        dialog.password.setText("correct-horse-1")
        dialog.submit()
        seen["done"] = True

    seen = _while_locked(qtbot, window, steps)
    assert isinstance(seen["dialog"], LockDialog)
    assert seen["locked_visible"]
    assert len(seen["covers"]) == 1 and seen["covers"][0].isVisibleTo(window)
    visible, error = seen["after_wrong"]
    assert visible and error
    assert seen["after_escape"]
    qtbot.waitUntil(lambda: not window.findChildren(ContentCover))
    assert window.lock_dialog is None
    assert window.actor.id == admin.id
    # The wrong password counted toward the account lock.
    assert (
        AuditEntry.select()
        .where(AuditEntry.action == "login_failed", AuditEntry.staff == admin.id)
        .count()
        == 1
    )
    assert window.idle.timer.isActive()


def test_open_dialogs_are_covered_too_and_kept_for_the_same_person(qtbot, admin, db_url):
    window = _window(qtbot, admin, db_url)
    other = QDialog(window)
    other.setWindowTitle("a form")
    other.show()
    qtbot.waitExposed(other)
    window.idle.set_timeout_ms(1000)

    def steps(dialog, seen):
        seen["other_covered"] = bool(other.findChildren(ContentCover))
        dialog.password.setText("correct-horse-1")
        dialog.submit()
        seen["done"] = True

    seen = _while_locked(qtbot, window, steps)
    assert seen["other_covered"]
    assert other.isVisible()  # the same staff member goes on where they left off


def test_another_staff_member_can_sign_in_instead(qtbot, admin, make_staff, db_url):
    librarian = make_staff("lib", "librarian")
    Staff.update(must_change_password=False).where(Staff.id == librarian.id).execute()
    window = _window(qtbot, admin, db_url)
    form = QDialog(window)
    form.show()
    window.idle.set_timeout_ms(1000)

    def steps(dialog, seen):
        dialog.someone_else()
        dialog.username.setText("lib")
        dialog.password.setText("password-123")
        dialog.submit()
        seen["done"] = True

    _while_locked(qtbot, window, steps)
    assert window.actor.username == "lib"
    assert not form.isVisible()  # the administrator's open form is not the librarian's
    assert window.visits_tab is None  # tabs rebuilt for the librarian's roles


def test_five_wrong_passwords_lock_the_account(qtbot, admin, db_url):
    window = _window(qtbot, admin, db_url)
    window.idle.set_timeout_ms(1000)

    def steps(dialog, seen):
        for _ in range(5):
            dialog.password.setText("nope-nope")
            dialog.submit()
        seen["message"] = dialog.fields.error_label("password").text()
        dialog.done(LockDialog.QUIT)
        seen["done"] = True

    seen = _while_locked(qtbot, window, steps)
    assert "locked" in seen["message"]
    assert Staff.get_by_id(admin.id).locked_until is not None
    assert not window.isVisible()  # Quit closes the program's window


def test_idle_time_is_a_station_setting(qtbot, admin, db_url):
    window = _window(qtbot, admin, db_url)
    assert window.idle.timer.interval() == 10 * 60_000
    accounts.update_station_settings(
        admin, station_name="建国门街道工会服务站", case_prefix="建工调", idle_lock_minutes=3
    )
    assert window.idle.timer.interval() == 3 * 60_000
    assert accounts.station_settings().idle_lock_minutes == 3
