"""The Qt side of services.changes: one signal every list can listen to."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import peewee
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from stationapp.db import database, is_postgresql, is_sqlite
from stationapp.services import changes

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)


class ChangeBus(QObject):
    """Re-emits ``services.changes.notify(entity)`` as ``changed(entity)``."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = changes.subscribe(self.changed.emit)
        self.destroyed.connect(self._unsubscribe)


class ExternalChangeWatcher(QObject):
    """Notices commits made by other connections (another window, or another desk) and
    announces them, so open lists refresh.

    SQLite: ``PRAGMA data_version`` changes on this connection exactly when another connection
    has committed; reading it is cheap and takes no lock, so it is polled once a second.

    PostgreSQL: the services NOTIFY every change (services.changes); this LISTENs on a
    connection of its own, woken by a QSocketNotifier on its socket, and re-announces what
    other connections changed. A lost listening connection is replaced by the timer; what was
    missed meanwhile is caught up by refreshing everything. Losing it is also the first sign
    that the server is gone: ``server_lost(message)`` then, ``server_back()`` when it answers
    again (for the window's status bar).
    """

    changed_elsewhere = Signal()
    server_lost = Signal(str)
    server_back = Signal()

    def __init__(
        self, parent: QObject | None = None, *, interval_ms: int = 1000, listen_now: bool = True
    ) -> None:
        """``listen_now=False`` (PostgreSQL): the listening connection is opened by
        :meth:`start_listening`, after the window's first paint; what other desks change in
        between is caught up then."""
        super().__init__(parent)
        self._last: int | None = None
        self._failed = False
        self._remote: changes.RemoteChanges | None = None
        self._connecting: Future[changes.RemoteChanges] | None = None
        self._held: list[changes.RemoteChanges] = []  # the open one, closed with this object
        self._notifier: QSocketNotifier | None = None
        self._snapshot: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        if is_sqlite():
            self._last = self._read()
            self.timer.start()
        elif is_postgresql() and listen_now:
            # At start the server has just answered: connect here, so nothing is missed.
            self._adopt(self._connect_now)
            self.timer.start()
        elif is_postgresql():
            # Every transaction that writes, here or at another desk, changes the server's
            # snapshot: the same snapshot when listening starts means nothing was missed.
            with contextlib.suppress(peewee.DatabaseError, peewee.InterfaceError):
                self._snapshot = changes.server_snapshot()  # else: refresh once listening
        # A plain function, not a method: it runs while the object is being destroyed.
        self.destroyed.connect(lambda *_args, held=self._held: [r.close() for r in held])

    # --- SQLite -----------------------------------------------------------------------------

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
        if is_postgresql():
            return self._poll_remote()
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

    # --- PostgreSQL -------------------------------------------------------------------------

    @property
    def listening(self) -> bool:
        return self._remote is not None

    @staticmethod
    def _connect_now() -> changes.RemoteChanges:
        return changes.RemoteChanges()

    def start_listening(self) -> None:
        """Open the listening connection held back by ``listen_now=False``; if anything was
        committed since the watcher was made (the window's tabs read their rows after that),
        every list refreshes once, as after a reconnection."""
        if not is_postgresql() or self._remote is not None or self.timer.isActive():
            return
        self.timer.start()
        if not self._adopt(self._connect_now):
            return  # the timer tries again; a reconnection refreshes everything
        try:
            same = changes.server_snapshot() == self._snapshot
        except (peewee.DatabaseError, peewee.InterfaceError):
            same = False
        if not same:
            log.debug("something was committed before listening started; refreshing lists")
            self.changed_elsewhere.emit()
            changes.notify_all()

    def _listen(self) -> None:
        """Connect again in a background thread (an unreachable server can take the connect
        timeout to say so, and the window must not freeze meanwhile); adopt it when done."""
        if self._connecting is None:
            self._connecting = _connector().submit(changes.RemoteChanges)
            return
        if not self._connecting.done():
            return
        finished, self._connecting = self._connecting, None
        self._adopt(finished.result)

    def _adopt(self, result: Callable[[], changes.RemoteChanges]) -> bool:
        try:
            self._remote = result()
        except (peewee.DatabaseError, peewee.InterfaceError, *psycopg2_errors()) as exc:
            if not self._failed:
                log.warning("cannot listen for other desks' changes: %s", exc)
                self._failed = True
                self.server_lost.emit(self.lost_message())
            return False
        self._held[:] = [self._remote]
        self._notifier = QSocketNotifier(self._remote.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._poll_remote)
        if self._failed:
            # Back after a loss: whatever other desks did meanwhile was not heard.
            self._failed = False
            log.info("listening for other desks' changes again")
            self.server_back.emit()
            self.changed_elsewhere.emit()
            changes.notify_all()
        return True

    def lost_message(self) -> str:
        return self.tr(
            "The database server cannot be reached. Trying again in the background; what you "
            "type stays in the forms, save it once the server is back."
        )

    def _stop_listening(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._remote is not None:
            self._remote.close()
            self._remote = None
            self._held.clear()

    def _poll_remote(self) -> bool:
        if self._remote is None:
            self._listen()
            return False
        try:
            entities = self._remote.take()
        except psycopg2_errors() as exc:
            log.warning("lost the connection that listens for other desks' changes: %s", exc)
            self._stop_listening()
            self._failed = True
            self.server_lost.emit(self.lost_message())
            return False
        if not entities:
            return False
        log.debug("other desks changed %s; refreshing lists", ", ".join(entities))
        self.changed_elsewhere.emit()
        for entity in entities:
            changes.announce(entity)
        return True


_executor: ThreadPoolExecutor | None = None


def _connector() -> ThreadPoolExecutor:
    """One thread for every watcher's reconnection attempts: they only open a connection and
    LISTEN, touching no widget and no peewee state."""
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor  # only once a reconnection is due

        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stationapp-listen")
    return _executor


def psycopg2_errors() -> tuple[type[BaseException], ...]:
    """The driver's errors of a lost or refused connection (psycopg2 is an optional extra)."""
    import psycopg2

    return (psycopg2.OperationalError, psycopg2.InterfaceError)
