"""The Qt side of services.changes: one signal every list can listen to."""

from __future__ import annotations

import logging

import peewee
from PySide6.QtCore import QObject, QTimer, Signal

from stationapp.db import database, is_sqlite
from stationapp.services import changes

log = logging.getLogger(__name__)


class ChangeBus(QObject):
    """Re-emits ``services.changes.notify(entity)`` as ``changed(entity)``."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = changes.subscribe(self.changed.emit)
        self.destroyed.connect(self._unsubscribe)


class ExternalChangeWatcher(QObject):
    """Notices commits made by other connections to the same SQLite file (another window, or
    another desk sharing the file) and announces them, so open lists refresh.

    SQLite's ``PRAGMA data_version`` changes on this connection exactly when another connection
    has committed; reading it is cheap and takes no lock, so it is polled once a second.
    """

    changed_elsewhere = Signal()

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._last: int | None = None
        self._failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        if is_sqlite():
            self._last = self._read()
            self.timer.start()

    def _read(self) -> int | None:
        try:
            row = database.execute_sql("PRAGMA data_version").fetchone()
        except (peewee.DatabaseError, peewee.InterfaceError):
            if not self._failed:
                log.warning("cannot read data_version", exc_info=True)
            self._failed = True
            return None
        self._failed = False
        return int(row[0]) if row else None

    def poll(self) -> bool:
        """Announce a change if another connection committed since the last poll."""
        if database.obj is None or database.is_closed() or database.in_transaction():
            return False
        value = self._read()
        if value is None or value == self._last:
            return False
        first = self._last is None
        self._last = value
        if first:
            return False
        log.debug("another connection changed the database; refreshing lists")
        self.changed_elsewhere.emit()
        changes.notify_all()
        return True
