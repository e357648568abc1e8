"""Tells whoever listens which kind of record a service just changed (STYLE.md rule 4).

Services call :func:`notify` after their transaction commits; the UI bridges this to a Qt signal
so every open list refreshes. No Qt here, so services stay testable without an application.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

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
    for listener in list(_listeners):
        listener(entity)


def notify_all() -> None:
    """Announce a change of unknown kind: every list refreshes."""
    for entity in ENTITIES:
        notify(entity)
