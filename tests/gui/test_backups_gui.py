"""Administration > Backups, restoring from the window, a lost or damaged database at start, and
lists that follow changes made by another process on the same file (issue #7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from stationapp import config
from stationapp.db import close_database, sqlite_path
from stationapp.models.accounts import AuditEntry
from stationapp.models.people import Person
from stationapp.services import backup, people
from stationapp.services.maintenance import open_station_database
from stationapp.ui.backups import BackupsDialog
from stationapp.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def _add(actor, name="张三", phone="13900000001"):
    return people.create_person(actor, people.PersonInput(name=name, phone=phone))


def test_back_up_now_from_the_dialog(qtbot, admin, db_url):
    _add(admin)
    dialog = BackupsDialog(admin, db_url)
    qtbot.addWidget(dialog)
    assert dialog.empty_label.isVisibleTo(dialog) and not dialog.table.isVisibleTo(dialog)
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20_000)
    assert dialog.table.rowCount() == 1
    assert "verified" in dialog.bar.label.text()
    [made] = backup.list_backups(config.backup_dir())
    assert dialog.table.item(0, 3).text() == made.path.name
    assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 1


def test_settings_errors_show_at_the_field_and_keep_the_text(qtbot, admin, db_url, tmp_path):
    dialog = BackupsDialog(admin, db_url)
    qtbot.addWidget(dialog)
    dialog.folder.setText("relative/path")
    assert not dialog.save_settings()
    assert dialog.folder.text() == "relative/path"
    assert dialog.fields.error_label("folder").text()
    dialog.folder.setText(str(tmp_path / "usb"))
    dialog.keep_daily.setValue(7)
    assert dialog.save_settings()
    assert backup.backup_settings().folder == tmp_path / "usb"
    assert backup.backup_settings().keep_daily == 7


def test_a_bad_file_is_refused_in_the_dialog(qtbot, admin, db_url, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a))
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    dialog = BackupsDialog(admin, db_url)
    qtbot.addWidget(dialog)
    assert not dialog.restore_path(bad)
    assert "not a database file" in dialog.bar.label.text()
    assert asked == []  # refused before any question


def test_restore_from_the_window_signs_in_again(qtbot, admin, db_url, monkeypatch):
    _add(admin)
    backup.backup_now(admin, db_url)
    _add(admin, "李四", "13900000002")
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert window.backups_action.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)

    class Accepting:
        def __init__(self, *_a, **_k):
            from stationapp.models.accounts import Staff

            self.staff = Staff.get(Staff.username == "admin")

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr("stationapp.ui.accounts.SignInDialog", Accepting)
    dialog = BackupsDialog(admin, db_url, window)
    qtbot.addWidget(dialog)
    dialog.restored.connect(window._after_restore)
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.restore_selected()
    assert [p.name for p in Person.select()] == ["张三"]
    assert AuditEntry.select().where(AuditEntry.action == "restore").count() == 1
    kinds = {b.kind for b in backup.list_backups(config.backup_dir())}
    assert kinds == {backup.MANUAL, backup.BEFORE_RESTORE}
    assert window.people_tab.model.rowCount() == 1


def test_backups_menu_hidden_from_other_roles(qtbot, make_staff, db_url):
    clerk = make_staff("clerk", "front_desk")
    window = MainWindow(clerk, database_url=db_url)
    qtbot.addWidget(window)
    assert not window.backups_action.isVisible()


def test_daily_backup_runs_once_in_the_background(qtbot, admin, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert window.start_daily_backup()
    qtbot.waitUntil(lambda: not window.backup_worker.isRunning(), timeout=20_000)
    assert [b.kind for b in backup.list_backups(config.backup_dir())] == [backup.DAILY]
    assert not window.start_daily_backup()


def _click_in_message_box(monkeypatch, text_of_button: str | None):
    """Make QMessageBox.exec press the button with this text (None: Cancel)."""
    seen = []

    def fake_exec(box):
        seen.append(box.text())
        for button in box.buttons():
            wanted = text_of_button or "Cancel"
            if button.text().replace("&", "") == wanted:
                button.click()
                return 0
        raise AssertionError(f"no button {text_of_button!r}")

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


@pytest.mark.parametrize("damaged", [False, True])
def test_lost_or_damaged_database_offers_the_newest_backup(
    qtbot, admin, db_url, monkeypatch, damaged
):
    from stationapp.ui import startup

    _add(admin)
    backup.backup_now(admin, db_url)
    close_database()
    current = sqlite_path(db_url)
    for suffix in ("", "-wal", "-shm"):
        current.with_name(current.name + suffix).unlink(missing_ok=True)
    reason = None
    if damaged:
        current.write_bytes(b"garbage" * 1000)
        reason = "file is not a database"
    seen = _click_in_message_box(monkeypatch, "Restore the backup")
    restored = startup.offer_restore(db_url, damaged=reason)
    assert restored is not None
    assert ("damaged" if damaged else "does not exist") in seen[0]
    # What the file holds is said before the choice (issue 19).
    assert "People: 1; visits: 0" in seen[0] and "admin (王站长)" in seen[0]
    open_station_database(db_url)
    assert [p.name for p in Person.select()] == ["张三"]


def test_lost_database_can_start_new_or_cancel(qtbot, admin, db_url, monkeypatch):
    from stationapp.ui import startup

    backup.backup_now(admin, db_url)
    close_database()
    current = sqlite_path(db_url)
    for suffix in ("", "-wal", "-shm"):
        current.with_name(current.name + suffix).unlink(missing_ok=True)
    _click_in_message_box(monkeypatch, "Start a new database")
    assert startup.offer_restore(db_url, damaged=None) is None
    assert not current.exists()
    _click_in_message_box(monkeypatch, None)
    with pytest.raises(SystemExit):
        startup.offer_restore(db_url, damaged=None)
    assert not current.exists()


def test_lists_follow_changes_from_another_process(qtbot, admin, db_url, private_dirs):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.people_tab.refresh()
    assert window.people_tab.model.rowCount() == 0
    script = (
        "import sys; from stationapp.services.maintenance import open_station_database;"
        "from stationapp.models.accounts import Staff; from stationapp.services import people;"
        "open_station_database(sys.argv[1]); s = Staff.get(Staff.username == 'admin');"
        "people.create_person(s, people.PersonInput(name='王五', phone='13900000009'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, db_url],
        cwd=REPO,
        env={**__import__("os").environ, "STATIONAPP_DATA_DIR": str(private_dirs)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.people_tab.model.rowCount() == 1, timeout=3000)


def test_restore_question_shows_what_the_file_holds(qtbot, admin, make_staff, db_url, monkeypatch):
    """Issue 19: before the question the file is checked and summarised: station, newest record,
    counts and its administrators against today's, a new one marked and warned of."""
    _add(admin)
    make_staff("mallory", "admin")
    saved = backup.backup_now(admin, db_url)
    from stationapp.models.accounts import Staff

    Staff.update(roles="front_desk").where(Staff.username == "mallory").execute()
    asked = []

    def answer(*args, **_kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = BackupsDialog(admin, db_url)
    qtbot.addWidget(dialog)
    assert not dialog.restore_path(saved)
    [text] = asked
    assert "建国门街道工会服务站" in text
    assert "Newest record: 20" in text
    assert "People: 1; visits: 0; cases: 0; loans: 0; events: 0" in text
    assert "mallory (" in text and "[NEW" in text and "not administrators today: mallory" in text
    assert "Administrators today: admin" in text


def test_a_tampered_file_is_refused_in_the_dialog_with_the_reason(
    qtbot, admin, db_url, tmp_path, monkeypatch
):
    import shutil
    import sqlite3

    _add(admin)
    saved = backup.backup_now(admin, db_url)
    hostile = tmp_path / "hostile.db"
    shutil.copyfile(saved, hostile)
    conn = sqlite3.connect(hostile)
    conn.execute("CREATE TRIGGER spy AFTER INSERT ON person BEGIN DELETE FROM setting; END")
    conn.commit()
    conn.close()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a))
    dialog = BackupsDialog(admin, db_url)
    qtbot.addWidget(dialog)
    assert not dialog.restore_path(hostile)
    assert "trigger “spy” on person" in dialog.bar.label.text()
    assert asked == []


def test_daily_retention_cannot_be_set_below_seven(qtbot, admin, db_url):
    dialog = BackupsDialog(admin, db_url)
    qtbot.addWidget(dialog)
    dialog.keep_daily.setValue(0)
    assert dialog.keep_daily.value() == backup.MIN_KEEP_DAILY


def test_start_never_offers_a_tampered_backup(qtbot, admin, db_url, monkeypatch):
    """Issue 19: a newer backup of this database edited to hold an extra table is passed over at
    start; the newest clean one is offered and restored."""
    import shutil
    import sqlite3
    from datetime import datetime

    from stationapp.ui import startup

    _add(admin)
    clean = backup.backup_now(admin, db_url)
    hostile = clean.with_name(backup.backup_file_name(backup.MANUAL, datetime(2099, 1, 1)))
    shutil.copyfile(clean, hostile)
    conn = sqlite3.connect(hostile)
    conn.execute("CREATE TABLE harvest (id_number TEXT)")
    conn.commit()
    conn.close()
    close_database()
    current = sqlite_path(db_url)
    for suffix in ("", "-wal", "-shm"):
        current.with_name(current.name + suffix).unlink(missing_ok=True)
    seen = _click_in_message_box(monkeypatch, "Restore the backup")
    assert startup.offer_restore(db_url, damaged=None) == clean
    assert clean.name in seen[0] and hostile.name not in seen[0]
    opened = open_station_database(db_url)
    assert [p.name for p in Person.select()] == ["张三"]
    assert "harvest" not in opened.get_tables()
