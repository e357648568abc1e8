"""The idle lock (issue #8): after a time without use every window hides its content and the
signed-in staff member's password is asked for; another staff member may sign in instead.

Wrong passwords count toward the account lock like any sign-in (services.accounts.authenticate).
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.services import accounts
from stationapp.ui.forms import FieldErrors, MessageBar

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without a key press, click, wheel or mouse move
    anywhere in the application."""

    idle = Signal()

    def __init__(
        self, parent: QObject | None = None, *, timeout_ms: int = 600_000, watch: bool = True
    ) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_timeout_ms(timeout_ms)
        self._watching = False
        if watch:
            self.watch_input()

    def watch_input(self) -> None:
        """Restart the idle time at every key press, click and move in the application, from
        now on (once). The main window starts this after its first paint: an application-wide
        event filter in Python makes PySide wrap each object an event goes to, and the first
        unknown one (a scroll area's inner widgets) builds a few hundred enum classes."""
        app = QApplication.instance()
        if app is not None and not self._watching:
            self._watching = True
            app.installEventFilter(self)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self.timer.setInterval(max(1, timeout_ms))
        self.timer.start()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class ContentCover(QWidget):
    """An opaque sheet over a window's content while the application is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("content_cover")
        self.setAutoFillBackground(True)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#content_cover { background: palette(window); }")
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Locked"))
        label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSize(font.pointSize() + 4)
        label.setFont(font)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()
        return False


class LockDialog(QDialog):
    """Asks for the password of the signed-in staff member, or lets another one sign in.

    It cannot be closed without a password; "Quit" ends the program instead (exec returns QUIT).
    """

    QUIT = 2

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.staff: Staff | None = None
        self.setWindowTitle(self.tr("Locked"))
        self.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        station = accounts.station_settings().station_name
        # not needed before the first lock
        from stationapp.ui.accounts import password_edit, station_title

        layout.addWidget(station_title(station or "stationapp"))
        self.note = QLabel(
            self.tr(
                "The window was locked because it was not used for a while. {name}, enter your "
                "password to go on where you left off."
            ).format(name=actor.display_name)
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.username = QLineEdit(actor.username)
        self.username.setMaxLength(32)
        self.username.setReadOnly(True)
        self.fields.add_row(self.tr("User name"), "username", self.username)
        self.password = password_edit()
        self.fields.add_row(self.tr("Password"), "password", self.password)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.other_button = QPushButton(self.tr("Sign in as &someone else"))
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self.someone_else)
        buttons.addWidget(self.other_button)
        quit_button = QPushButton(self.tr("&Quit stationapp"))
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(lambda: self.done(self.QUIT))
        buttons.addWidget(quit_button)
        buttons.addStretch(1)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.password.setFocus()

    def someone_else(self) -> None:
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.note.setText(self.tr("Sign in as another staff member. Unsaved work is discarded."))
        self.other_button.setEnabled(False)
        self.username.setFocus()

    def submit(self) -> None:
        from stationapp.ui.accounts import signed_in

        self.fields.clear()
        staff = signed_in(self)
        if staff is None:
            return
        self.staff = staff
        self.accept()

    def reject(self) -> None:
        """Escape does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.staff is None:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)
