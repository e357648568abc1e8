"""From a QApplication to a signed-in main window: database, first run or sign-in, demo."""

from __future__ import annotations

import logging

import peewee
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import accounts
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


def run(app: QApplication, *, url: str, demo: bool) -> int:
    install_excepthook()
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
    window = MainWindow(actor, database_url=url, demo=demo)
    window.show()
    window.raise_()
    window.activateWindow()
    return app.exec()
