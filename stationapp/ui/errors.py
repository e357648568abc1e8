"""Unexpected errors: logged with a traceback and shown with copyable details; the app goes on."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stationapp import config
from stationapp.db import redact
from stationapp.ui.forms import dialog_buttons

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Something went wrong inside the program. What you were doing was not finished; "
                "your other work is safe and you can carry on. Please send the details below to "
                "whoever looks after this computer. They are also in the log file:\n{path}"
            ).format(path=config.log_dir() / "stationapp.log")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = dialog_buttons(self, layout, buttons=QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


_showing = False


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: log the bug and show it, without ending the program."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    # Details are copied and sent on: never a password a message may quote (a database URL).
    details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
    log.error("unexpected error:\n%s", details)
    app = QApplication.instance()
    if app is None or _showing:
        return
    _showing = True
    try:
        ErrorDialog(details, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
