"""The line a USB scanner types into, for the pages that take books by their barcodes."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanField(QLineEdit):
    """A line a USB scanner types into: Enter (or a Tab suffix) submits the code.

    The same code again within a second is the scanner's double read, not a second book, so it
    is dropped. Enter is consumed here, so it never presses a dialog's default button.
    """

    scanned = Signal(str)
    REPEAT_MS = 1000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(60)
        self._last = ""
        self._clock = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and self.text().strip()
        ):
            event.accept()
            self.submit()
            return True
        return super().event(event)

    def submit(self) -> None:
        code = self.text().strip()
        self.clear()
        if not code:
            return
        if code == self._last and self._clock.isValid() and self._clock.elapsed() < self.REPEAT_MS:
            return
        self._last = code
        self._clock.start()
        self.scanned.emit(code)
