"""The Qt side of services.changes: one signal every list can listen to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from stationapp.services import changes


class ChangeBus(QObject):
    """Re-emits ``services.changes.notify(entity)`` as ``changed(entity)``."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = changes.subscribe(self.changed.emit)
        self.destroyed.connect(self._unsubscribe)
