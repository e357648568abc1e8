"""The start as a person meets it (issue 18, defects 12 to 14): a progress window while the demo
is built or the database upgraded, clear messages when the database cannot be opened, only
backups of the same database offered and never by default, local backup times, --smoke-test."""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from stationapp import demo
from stationapp.db import close_database, sqlite_path
from stationapp.migrations import CURRENT_VERSION, migrate
from stationapp.services import backup
from stationapp.services.maintenance import sqlite_schema_version
from stationapp.ui import startup
from stationapp.ui.backups import backup_time_text

REPO = Path(__file__).resolve().parents[2]
SMALL_DEMO = 12
# Offscreen Qt cannot raise a window; the start asks it to, as it does on a desktop.
RAISE = pytest.mark.qt_log_ignore("This plugin does not support raise")


class Watcher:
    """Looks at the progress window every 20 ms from the window's own thread: each look is
    also a proof that the thread answers while the work runs."""

    def __init__(self) -> None:
        self.looks: list[tuple[str, int, int]] = []
        self.ticks = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self.look)
        self.timer.start(20)

    def look(self) -> None:
        self.ticks += 1
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, startup.StartupProgress) and widget.isVisible():
                self.looks.append((widget.labelText(), widget.value(), widget.maximum()))

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture(scope="module")
def first_demo_start(qapp, tmp_path_factory: pytest.TempPathFactory):
    """``stationapp --demo --smoke-test`` in-process on a machine that never opened the demo
    (a small demo, built once for the module)."""
    home = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STATIONAPP_DATA_DIR", str(home))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setattr(demo, "DEMO_PEOPLE", SMALL_DEMO)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "qs"))
        watcher = Watcher()
        try:
            code = startup.run(
                qapp, url=f"sqlite:///{(home / 'demo.db').as_posix()}", demo=True, smoke=True
            )
        finally:
            watcher.stop()
            close_database()
    return code, watcher, home / "demo.db"


@RAISE
def test_the_first_demo_start_shows_its_progress(first_demo_start) -> None:
    code, watcher, path = first_demo_start
    assert code == 0
    assert path.exists()
    assert watcher.looks, "no progress window while the demo database was built"
    labels = [label for label, _, _ in watcher.looks]
    assert all("Creating the demo database" in label for label in labels)
    assert any("Mediation cases" in label for label in labels)
    values = [value for _, value, maximum in watcher.looks if maximum == 100]
    assert values == sorted(values) and len(set(values)) >= 3
    # The window's thread kept answering: many looks while the work ran.
    assert len(watcher.looks) >= 10


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STATIONAPP_DATA_DIR": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def _smoke(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args, "--smoke-test", "--lang", "en"],
        cwd=REPO,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_smoke_test_on_the_demo_exits_0_after_the_first_paint(first_demo_start, tmp_path):
    _code, _watcher, built = first_demo_start
    home = tmp_path / "home2"
    home.mkdir()
    shutil.copy(built, home / "demo.db")
    done = _smoke(home, "--demo")
    assert done.returncode == 0, done.stderr
    assert "smoke test passed" in done.stdout
    assert "Creating the demo database" not in done.stderr


def test_smoke_test_on_a_bad_address_or_a_missing_database_exits_1(tmp_path):
    bad = _smoke(tmp_path, "--database", "foo://bar")
    assert bad.returncode == 1
    [line] = [ln for ln in bad.stderr.splitlines() if "smoke test failed" in ln]
    assert "foo://bar" in line and "Traceback" not in bad.stderr
    missing = _smoke(tmp_path)
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr
    assert not (tmp_path / "stationapp.db").exists()


@RAISE
@pytest.mark.both_databases
def test_smoke_test_of_a_station_signs_in_only_the_operating_system_user(
    qapp, admin, db_url, make_staff, capsys
):
    close_database()
    assert startup.run(qapp, url=db_url, demo=False, smoke=True) == 1
    assert "sign-in needed" in capsys.readouterr().err
    username = getpass.getuser().strip().lower()
    if username != "admin":
        from stationapp.services.maintenance import open_station_database

        open_station_database(db_url)
        make_staff(username, "front_desk")
        close_database()
    assert startup.run(qapp, url=db_url, demo=False, smoke=True) == 0
    assert "smoke test passed" in capsys.readouterr().out


def _critical(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text)
    )
    return shown


def test_a_bad_address_is_a_clear_dialog(qapp, monkeypatch):
    shown = _critical(monkeypatch)
    assert startup.run(qapp, url="foo://bar", demo=False) == 2
    assert len(shown) == 1 and "foo://bar" in shown[0] and "sqlite:///" in shown[0]


def test_an_unreachable_server_is_named_without_its_password(qapp, monkeypatch):
    shown = _critical(monkeypatch)
    url = "postgresql://clerk:s3cret-pw@127.0.0.1:1/station"
    assert startup.run(qapp, url=url, demo=False) == 2
    assert "127.0.0.1:1" in shown[0] and "s3cret-pw" not in shown[0]


@pytest.mark.sqlite_only("restores a SQLite file")
def test_a_missing_database_is_offered_only_its_own_backups_never_by_default(
    qtbot, admin, db_url, monkeypatch, tmp_path
):
    made = backup.backup_now(admin, db_url)
    close_database()
    boxes: list[QMessageBox] = []

    def fake_exec(box):
        boxes.append(box)
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    # A brand-new path (or the demo's) is not offered this station's backup.
    other = f"sqlite:///{(tmp_path / 'brand-new.db').as_posix()}"
    assert startup.offer_restore(other, damaged=None) is None
    assert boxes == []
    current = sqlite_path(db_url)
    for suffix in ("", "-wal", "-shm"):
        current.with_name(current.name + suffix).unlink(missing_ok=True)
    with pytest.raises(SystemExit):  # the default button is Cancel
        startup.offer_restore(db_url, damaged=None)
    [box] = boxes
    assert made.name in box.text()
    assert box.defaultButton().text().replace("&", "") == "Cancel"
    assert not current.exists()


def test_backup_times_are_shown_in_the_local_zone():
    made_at = datetime(2026, 12, 7, 12, 0, 0)  # Beijing time, as the backup's name says
    local = made_at.replace(tzinfo=timezone(timedelta(hours=8))).astimezone()
    text = backup_time_text(made_at)
    assert local.strftime("%H:%M") in text or local.strftime("%-I:%M") in text
    if local.utcoffset() != timedelta(hours=8):
        assert "12:00" not in text


def test_cancelling_the_progress_window_stops_the_work(qapp):
    calls = []

    def work(progress):
        for n in range(500):
            progress(n, 500, f"step {n}")
            calls.append(n)
            time.sleep(0.01)
        return "finished"

    def cancel():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, startup.StartupProgress) and widget.isVisible():
                [button] = widget.findChildren(QPushButton)
                button.click()

    QTimer.singleShot(300, cancel)
    with pytest.raises(startup.Cancelled):
        startup.run_with_progress("Title", "Working…", work, cancellable=True)
    assert 0 < len(calls) < 500
    assert not [t for t in threading.enumerate() if t.name == "stationapp-startup"]


def test_a_progress_window_without_cancel_ignores_esc(qapp, qtbot):
    def work(progress):
        for n in range(20):
            progress(n, 20, "")
            time.sleep(0.01)
        return n

    def press_esc():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, startup.StartupProgress) and widget.isVisible():
                widget.reject()
                widget.close()

    QTimer.singleShot(50, press_esc)
    assert startup.run_with_progress("Title", "Working…", work) == 19


@pytest.mark.sqlite_only("an older SQLite file is upgraded with a progress window")
def test_an_upgrade_at_the_start_shows_its_progress(qapp, tmp_path):
    from stationapp.db import open_database

    url = f"sqlite:///{(tmp_path / 'old.db').as_posix()}"
    migrate(open_database(url), target=CURRENT_VERSION - 1)
    close_database()
    watcher = Watcher()
    try:
        startup._open(startup.Start(qapp, url=url, demo=False, smoke=False))
    finally:
        watcher.stop()
        close_database()
    assert sqlite_schema_version(sqlite_path(url)) == CURRENT_VERSION
    assert any("Upgrading the database" in label for label, _, _ in watcher.looks)
