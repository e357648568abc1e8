"""Tells whoever listens which kind of record a service just changed (STYLE.md rule 4).

Services call :func:`notify` after their transaction commits; the UI bridges this to a Qt signal
so every open list refreshes. No Qt here, so services stay testable without an application.

On PostgreSQL :func:`notify` also tells the other desks: ``NOTIFY stationapp_changes,
'<entity>'``. Each desk LISTENs on a connection of its own (:class:`RemoteChanges`) and
re-announces what other desks changed with :func:`announce`, which stays in this process (a
desk re-sending what it heard would echo for ever).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee

from stationapp.db import backend_pid, database, is_postgresql, new_driver_connection

log = logging.getLogger(__name__)

CHANNEL = "stationapp_changes"

# Every kind of record a service announces; a change made elsewhere (another desk, another
# window on the same file) is announced as all of them, since it cannot say which it was.
ENTITIES: tuple[str, ...] = (
    "person",
    "organization",
    "visit",
    "outreach",
    "service",
    "case",
    "title",
    "copy",
    "loan",
    "hold",
    "rule",
    "box",
    "stocktake",
    "event",
    "registration",
    "staff",
    "settings",
    "welfare",
)

Listener = Callable[[str], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> Callable[[], None]:
    """Register ``listener(entity)``; returns a function that unsubscribes it."""
    _listeners.append(listener)

    def unsubscribe() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return unsubscribe


def notify(entity: str) -> None:
    """A service changed ``entity`` records: this process's lists and the other desks'."""
    announce(entity)
    _tell_other_desks(entity)


def announce(entity: str) -> None:
    """Tell this process's listeners only."""
    for listener in list(_listeners):
        listener(entity)


def notify_all() -> None:
    """Announce a change of unknown kind in this process: every list refreshes."""
    for entity in ENTITIES:
        announce(entity)


def _tell_other_desks(entity: str) -> None:
    if not is_postgresql() or database.is_closed():
        return
    try:
        # Outside a transaction it is sent at once; inside one, when (and if) it commits.
        database.execute_sql("SELECT pg_notify(%s, %s)", (CHANNEL, entity))
    except (peewee.DatabaseError, peewee.InterfaceError):
        # The change itself is committed; other desks catch up when they reconnect.
        log.warning("could not tell the other desks about a %s change", entity, exc_info=True)


def server_snapshot() -> str | None:
    """The PostgreSQL server's transaction snapshot (the transactions running, the next to
    start): it differs between two reads exactly when a transaction that writes started or
    ended in between, on this desk or another (or in another database of the server)."""
    if not is_postgresql():
        return None
    row = database.execute_sql("SELECT txid_current_snapshot()::text").fetchone()
    return str(row[0]) if row else None


class RemoteChanges:
    """A connection of its own LISTENing to what other desks change (PostgreSQL).

    Non-blocking: :meth:`fileno` becomes readable when something arrived, :meth:`take` reads
    what did. A lost connection raises from :meth:`take`; make a new one to carry on.
    """

    def __init__(self) -> None:
        self.conn = new_driver_connection()
        with self.conn.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        self.pid = self.conn.info.backend_pid

    def fileno(self) -> int:
        return self.conn.fileno()

    def take(self) -> list[str]:
        """The kinds of record other connections changed since the last call, each once, in
        the order first heard; this process's own changes (its connection's pid) left out,
        since they were announced here already."""
        self.conn.poll()
        own = backend_pid()
        entities: dict[str, None] = {}
        while self.conn.notifies:
            message = self.conn.notifies.pop(0)
            if message.channel == CHANNEL and message.pid != own:
                entities.setdefault(message.payload, None)
        return [e for e in entities if e in ENTITIES]

    def close(self) -> None:
        self.conn.close()
