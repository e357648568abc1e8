"""From a QApplication to a signed-in main window: database, first run or sign-in, demo."""

from __future__ import annotations

import logging
from pathlib import Path

import peewee
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from stationapp.db import close_database, sqlite_path
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import accounts, backup
from stationapp.services.maintenance import open_station_database
from stationapp.ui.accounts import ChangePasswordDialog, FirstRunDialog, SignInDialog
from stationapp.ui.errors import install_excepthook
from stationapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def sign_in() -> Staff | None:
    """The first-run dialog on an empty database, else the sign-in dialog; None if cancelled."""
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


def offer_restore(url: str, *, damaged: str | None) -> Path | None:
    """The database file is missing or damaged: offer the newest backup; the backup restored,
    or None to go on without one. SystemExit when the user chose to stop."""
    path = sqlite_path(url)
    newest = backup.newest_backup()
    if path is None or newest is None:
        return None
    translate = QApplication.translate
    try:
        checked = backup.check_backup_file(newest.path)
    except UserError as exc:
        log.warning("newest backup %s unusable: %s", newest.path, exc.message)
        return None
    when = QLocale().toString(newest.made_at, QLocale.FormatType.LongFormat)
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
            "The newest backup is {name} of {when} (station: {station}). Restore it?",
        ).format(name=newest.path.name, when=when, station=checked.station_name or "–")
    )
    restore_button = box.addButton(
        translate("Startup", "Restore the backup"), QMessageBox.ButtonRole.AcceptRole
    )
    if damaged is None:
        box.addButton(translate("Startup", "Start a new database"), QMessageBox.ButtonRole.NoRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore_button:
        close_database()
        try:
            backup.restore(url, newest.path)
        except UserError as exc:
            QMessageBox.critical(
                None, translate("Startup", "Cannot restore the backup"), exc.message
            )
            raise SystemExit(2) from exc
        return newest.path
    if damaged is not None or box.buttonRole(clicked) != QMessageBox.ButtonRole.NoRole:
        raise SystemExit(0)
    return None


def run(app: QApplication, *, url: str, demo: bool, restored: Path | None = None) -> int:
    install_excepthook()
    path = sqlite_path(url)
    try:
        if path is not None and not path.exists() and not demo:
            restored = offer_restore(url, damaged=None)
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        open_station_database(url)
    except UserError as exc:
        log.error("cannot open %s: %s", url, exc.message)
        QMessageBox.critical(
            None,
            QApplication.translate("Startup", "Cannot open the database"),
            exc.message,
        )
        return 2
    except peewee.DatabaseError as exc:
        log.exception("cannot open %s", url)
        try:
            source = None if demo else offer_restore(url, damaged=str(exc))
            if source is not None:
                return run(app, url=url, demo=demo, restored=source)
        except SystemExit as stop:
            return int(stop.code or 0)
        QMessageBox.critical(
            None,
            QApplication.translate("Startup", "Cannot open the database"),
            QApplication.translate(
                "Startup", "The database cannot be read ({error}). Nothing was changed."
            ).format(error=exc),
        )
        return 2
    if demo:
        from stationapp.demo import ensure_demo_database

        actor: Staff | None = ensure_demo_database()
    else:
        actor = sign_in()
    if actor is None:
        return 0
    if restored is not None:
        backup.record_restore(actor.username, restored, None)
    window = MainWindow(actor, database_url=url, demo=demo)
    window.show()
    window.raise_()
    window.activateWindow()
    if not demo:
        # The backup check and the retention job start once the window is on screen.
        window.after_first_paint(window.run_daily_jobs)
    return app.exec()
