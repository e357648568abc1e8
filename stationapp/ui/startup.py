"""From a QApplication to a signed-in main window: database, first run or sign-in, demo.

Whatever takes longer than a blink before the main window (building the demo database, a schema
upgrade, a restore) runs in a worker thread with a database connection of its own (peewee keeps
one connection per thread), while a progress window names what is being done and a line goes to
the terminal. ``--smoke-test`` starts the same way, then quits right after the main window's
first paint (exit 0), or says in one line on stderr why it could not start (exit 1).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import peewee
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from stationapp import config
from stationapp.db import (
    close_database,
    describe_url,
    is_postgresql_url,
    redact,
    server_of,
    sqlite_path,
)
from stationapp.errors import UserError
from stationapp.migrations import CURRENT_VERSION
from stationapp.models.accounts import Staff
from stationapp.services import accounts
from stationapp.services.maintenance import open_station_database, sqlite_schema_version
from stationapp.ui.errors import install_excepthook
from stationapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
T = TypeVar("T")
Progress = Callable[[int, int, str], None]

# A smoke test that has not seen the main window's first paint by then has failed.
SMOKE_TIMEOUT_MS = 180_000


def terminal(text: str) -> None:
    """One line to the terminal (stderr), if there is one."""
    stream = sys.stderr
    if stream is None:  # a windowed program on Windows
        return
    with contextlib.suppress(OSError, ValueError):
        print(f"stationapp: {redact(text)}", file=stream, flush=True)


# --- work in a thread, with a progress window ---------------------------------------------------


class Cancelled(Exception):
    """The person stopped the work in the progress window."""


class _Bridge(QObject):
    progressed = Signal(int, int, str)
    finished = Signal()


class StartupProgress(QProgressDialog):
    """The progress window: stays up until the work ends; Esc and the close button cancel only
    where cancelling is safe (``cancellable``)."""

    def __init__(self, title: str, label: str, *, cancellable: bool) -> None:
        super().__init__(label, "", 0, 0)
        self.setWindowTitle(title)
        self._made_modal = False
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.intro = label
        self.cancellable = cancellable
        self.finished_work = False
        if cancellable:
            self.setCancelButtonText(translate("Startup", "Cancel"))
        else:
            self.setCancelButton(None)

    def setVisible(self, visible: bool) -> None:
        # Modal from its first show: a window that never shows (a server that answers within
        # the second) leaves the Qt namespace's enums to be made after the first paint.
        if visible and not self._made_modal:
            self._made_modal = True
            self.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        super().setVisible(visible)

    def show_step(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
        self.setLabelText(f"{self.intro}\n{what}" if what else self.intro)

    def reject(self) -> None:
        if self.cancellable and not self.finished_work:
            self.canceled.emit()  # as the Cancel button does

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.finished_work:
            super().closeEvent(event)
            return
        event.ignore()
        if self.cancellable:
            self.canceled.emit()


def run_with_progress(
    title: str,
    label: str,
    work: Callable[[Progress], T],
    *,
    cancellable: bool = False,
    show_after_ms: int = 0,
    parent: QWidget | None = None,
) -> T:
    """Run ``work(progress)`` in a worker thread while a progress window (shown after
    ``show_after_ms``) follows its ``progress(done, total, what)`` calls and the window stays
    responsive; each step also goes to the terminal. Returns what ``work`` returned, or raises
    what it raised (Cancelled when the person cancelled, which ``progress`` raises in the worker
    at its next call). The worker's own database connection is closed when it ends."""
    dialog = StartupProgress(title, label, cancellable=cancellable)
    if parent is not None:
        dialog.setParent(parent, dialog.windowFlags())
    bridge = _Bridge()
    bridge.progressed.connect(dialog.show_step)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    outcome: dict[str, object] = {}
    last_line = [""]

    def progress(done: int, total: int, what: str) -> None:
        if stop.is_set():
            raise Cancelled
        bridge.progressed.emit(done, total, what)
        share = f"{done * 100 // total}% " if total else ""
        line = f"{title}: {share}{what}".rstrip()
        if line != last_line[0]:
            last_line[0] = line
            terminal(line)

    def target() -> None:
        try:
            outcome["value"] = work(progress)
        except BaseException as exc:  # handed to the window's thread
            outcome["error"] = exc
        finally:
            try:
                close_database()  # this thread's connection only
            except peewee.DatabaseError:
                log.warning("could not close the worker's connection", exc_info=True)
            bridge.finished.emit()

    loop = QEventLoop()
    bridge.finished.connect(loop.quit)
    ended = threading.Event()
    if show_after_ms <= 0:
        dialog.show()
    else:
        QTimer.singleShot(show_after_ms, dialog, lambda: None if ended.is_set() else dialog.show())
    worker = threading.Thread(target=target, name="stationapp-startup", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    ended.set()
    dialog.finished_work = True
    dialog.hide()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


# --- problems: a dialog, or one line for the smoke test -------------------------------------


class Start:
    """One start of the program: the URL, demo or not, smoke test or not."""

    def __init__(self, app: QApplication, *, url: str, demo: bool, smoke: bool) -> None:
        self.app = app
        self.url = url
        self.demo = demo
        self.smoke = smoke
        self.started = time.perf_counter()

    def fail(self, title: str, text: str, *, code: int = 2) -> int:
        """Say why the program cannot start: a dialog, or for the smoke test one line on stderr
        and exit status 1. Never a password, whatever the reason quotes."""
        text = redact(text)
        log.error("%s: %s", title, text)
        if self.smoke:
            one_line = " ".join(text.split())
            print(f"stationapp: smoke test failed: {one_line}", file=sys.stderr, flush=True)
            return 1
        QMessageBox.critical(None, title, text)
        return code


def sign_in() -> Staff | None:
    """The first-run dialog on an empty database, else the sign-in dialog; None if cancelled."""
    from stationapp.ui.accounts import ChangePasswordDialog, FirstRunDialog, SignInDialog

    if accounts.is_first_run():
        first = FirstRunDialog()
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        return first.staff
    dialog = SignInDialog(station_name=accounts.station_settings().station_name)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.staff is None:
        return None
    staff = dialog.staff
    if staff.must_change_password:
        forced = ChangePasswordDialog(staff, forced=True)
        if forced.exec() != QDialog.DialogCode.Accepted:
            return None
    return staff


def smoke_test_account() -> Staff | str:
    """The account a smoke test shows the window for: the active one named like the
    operating-system user (as the command line's report does); else why there is none."""
    if accounts.is_first_run():
        return translate(
            "Startup",
            "sign-in needed: the database has no staff account yet (the first start creates the "
            "administrator).",
        )
    username = config.os_user().strip().lower()
    staff = Staff.get_or_none((Staff.username == username) & Staff.active)
    if staff is None:
        return translate(
            "Startup",
            "sign-in needed: there is no active staff account named “{user}” like the "
            "operating-system user.",
        ).format(user=username)
    return staff


def offer_restore(url: str, *, damaged: str | None) -> Path | None:
    """The database file is missing or damaged: offer the newest backup OF THIS DATABASE (each
    backup records the file it was made from); the backup restored, or None to go on without
    one. SystemExit when the user chose to stop. Restore is never the default button."""
    from stationapp.services import backup
    from stationapp.ui.backups import backup_time_text

    path = sqlite_path(url)
    if path is None:
        return None
    held = ""
    for checked in backup.backups_of(path):
        try:  # the newest clean one: checked in full, and what it holds said before the choice
            summary = run_with_progress(
                translate("Startup", "Checking the backup"),
                translate("Startup", "Checking {name}…").format(name=checked.path.name),
                lambda _progress, source=checked.path: backup.backup_summary(source, url),
                show_after_ms=300,
            )
        except UserError as exc:
            log.warning("backup %s not offered: %s", checked.path, exc.message)
            continue
        held = "\n\n" + backup.describe_summary(summary)
        break
    else:
        return None
    when = backup_time_text(checked.made_at) if checked.made_at else checked.path.name
    if damaged is None:
        problem = translate(
            "Startup", "The database {path} does not exist (a new computer, or the file was lost)."
        ).format(path=path)
    else:
        problem = translate(
            "Startup", "The database {path} is damaged and cannot be opened ({reason})."
        ).format(path=path, reason=damaged)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Startup", "Restore a backup?"), "")
    box.setText(
        problem
        + "\n\n"
        + translate(
            "Startup",
            "The newest backup of this database is {name} of {when} (station: {station}). "
            "Restore it?",
        ).format(name=checked.path.name, when=when, station=checked.station_name or "–")
        + held
    )
    restore_button = box.addButton(
        translate("Startup", "Restore the backup"), QMessageBox.ButtonRole.AcceptRole
    )
    if damaged is None:
        box.addButton(translate("Startup", "Start a new database"), QMessageBox.ButtonRole.NoRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    # Replacing what is there cannot be undone from here: the safe button is the default.
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore_button:
        close_database()
        terminal(
            translate("Startup", "restoring {path} from {backup}").format(
                path=path, backup=checked.path
            )
        )
        try:
            run_with_progress(
                translate("Startup", "Restoring the backup"),
                translate("Startup", "Restoring {name}…").format(name=checked.path.name),
                lambda _progress: backup.restore(url, checked.path, via="start"),
            )
        except UserError as exc:
            QMessageBox.critical(
                None, translate("Startup", "Cannot restore the backup"), exc.message
            )
            raise SystemExit(2) from exc
        return checked.path
    if damaged is not None or box.buttonRole(clicked) != QMessageBox.ButtonRole.NoRole:
        raise SystemExit(0)
    return None


def _open(start: Start) -> None:
    """Open (and upgrade) the database; an upgrade of a SQLite file, and opening a server's
    database, run in a worker thread with a progress window. Raises what
    open_station_database raises."""
    path = sqlite_path(start.url)
    version = sqlite_schema_version(path) if path is not None else None
    if version is not None and 0 < version < CURRENT_VERSION:
        terminal(
            translate(
                "Startup", "upgrading the database {path} from schema {found} to {known}"
            ).format(path=path, found=version, known=CURRENT_VERSION)
        )
        run_with_progress(
            translate("Startup", "Upgrading the database"),
            translate(
                "Startup",
                "Upgrading the database to this version of stationapp (a backup comes first)…",
            ),
            lambda progress: open_station_database(start.url, progress=progress),
        )
    elif is_postgresql_url(start.url):
        # Reaching a server may take seconds (up to the connect time-out when it is down), and
        # another desk's upgrade may hold this one back: the window says so after a second.
        run_with_progress(
            translate("Startup", "Opening the database"),
            translate("Startup", "Connecting to the database server {server}…").format(
                server=server_of(start.url)
            ),
            lambda progress: open_station_database(start.url, progress=progress),
            show_after_ms=1000,
        )
    else:
        open_station_database(start.url)


def _build_demo(start: Start, *, create: bool = False) -> Staff:
    """Fill the empty demo database in a worker thread, with the progress window; ``create``:
    create the database file first there too (its schema takes a second of its own)."""
    from stationapp.demo import ensure_demo_database

    def work(progress: Progress) -> Staff:
        if create:
            open_station_database(start.url)
        return ensure_demo_database(progress)

    path = sqlite_path(start.url)
    terminal(
        translate(
            "Startup", "creating the demo database {path}; the first start takes a minute or two"
        ).format(path=path or describe_url(start.url))
    )
    return run_with_progress(
        translate("Startup", "First start of the demo"),
        translate("Startup", "Creating the demo database…"),
        work,
        cancellable=True,
    )


def run(
    app: QApplication,
    *,
    url: str,
    demo: bool,
    restored: Path | None = None,
    smoke: bool = False,
) -> int:
    start = Start(app, url=url, demo=demo, smoke=smoke)
    if smoke:
        try:
            return _run(start, restored)
        except Exception as exc:  # the smoke test says why in one line, never a dialog
            log.exception("smoke test failed")
            return start.fail("", f"{type(exc).__name__}: {exc}")
    install_excepthook()
    return _run(start, restored)


def _run(start: Start, restored: Path | None) -> int:
    url, demo, app = start.url, start.demo, start.app
    path = sqlite_path(url)
    cannot_open = translate("Startup", "Cannot open the database")
    if path is not None and not path.exists() and not demo:
        if start.smoke:
            return start.fail(
                cannot_open,
                translate("Startup", "the database {path} does not exist.").format(path=path),
            )
        try:
            restored = offer_restore(url, damaged=None) or restored
        except SystemExit as stop:
            return int(stop.code or 0)
    # The very first demo start: the window shows progress from the first second.
    new_demo = demo and path is not None and not path.exists()
    actor: Staff | None = None
    try:
        if new_demo:
            actor = _build_demo(start, create=True)
        else:
            _open(start)
    except Cancelled:
        terminal(translate("Startup", "the demo database was not created (cancelled)."))
        return 1 if start.smoke else 0
    except UserError as exc:
        log.error("cannot open %s: %s", describe_url(url), exc.message)
        return start.fail(cannot_open, exc.message)
    except peewee.DatabaseError as exc:
        log.exception("cannot open %s", describe_url(url))
        if not start.smoke:
            try:
                source = None if demo else offer_restore(url, damaged=str(exc))
                if source is not None:
                    return run(app, url=url, demo=demo, restored=source)
            except SystemExit as stop:
                return int(stop.code or 0)
        return start.fail(
            cannot_open,
            translate(
                "Startup", "The database cannot be read ({error}). Nothing was changed."
            ).format(error=exc),
        )
    if demo:
        from stationapp.demo import ensure_demo_database, needs_filling

        try:
            if actor is None:
                actor = _build_demo(start) if needs_filling() else ensure_demo_database()
        except Cancelled:
            terminal(translate("Startup", "the demo database was not created (cancelled)."))
            return 1 if start.smoke else 0
    elif start.smoke:
        found = smoke_test_account()
        if isinstance(found, str):
            return start.fail(translate("Startup", "Sign-in needed"), found)
        actor = found
    else:
        actor = sign_in()
    if actor is None:
        return 0
    if restored is not None:
        from stationapp.services import backup

        backup.record_restore(actor.username, restored, None, via="start")
    window = MainWindow(actor, database_url=url, demo=demo)
    window.show()
    window.raise_()
    window.activateWindow()
    if start.smoke:
        return _smoke_exec(start, window)
    if not demo:
        # The backup check and the retention job start once the window is on screen.
        window.after_first_paint(window.run_daily_jobs)
    return app.exec()


def _smoke_exec(start: Start, window: MainWindow) -> int:
    """Run until the main window's first paint, then quit with 0 (1 after the time-out)."""
    result = {"code": 1}

    def painted() -> None:
        result["code"] = 0
        print(
            translate(
                "Startup", "smoke test passed: the main window was shown after {seconds:.1f} s"
            ).format(seconds=time.perf_counter() - start.started),
            flush=True,
        )
        QCoreApplication.exit(0)

    def too_late() -> None:
        start.fail(
            "",
            translate("Startup", "the main window was not painted within {seconds} s.").format(
                seconds=SMOKE_TIMEOUT_MS // 1000
            ),
        )
        QCoreApplication.exit(1)

    window.after_first_paint(painted)
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(too_late)
    timer.start(SMOKE_TIMEOUT_MS)
    start.app.exec()
    timer.stop()
    window.close()
    window.deleteLater()
    return result["code"]
