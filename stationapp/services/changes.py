"""Tells whoever listens which kind of record a service just changed (STYLE.md rule 4).

Services call :func:`notify` after their transaction commits; the UI bridges this to a Qt signal
so every open list refreshes. No Qt here, so services stay testable without an application.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

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
