"""What the events modules share: the labels of states and sizes, the locked read of an event."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite
from stationapp.errors import NotFound
from stationapp.models.events import (
    Event,
)

translate = QCoreApplication.translate


def state_label(state: str) -> str:
    return {
        "pending": translate("Events", "Awaiting approval"),
        "waitlisted": translate("Events", "Waitlisted"),
        "offered": translate("Events", "Place offered"),
        "confirmed": translate("Events", "Confirmed"),
        "attended": translate("Events", "Attended"),
        "no_show": translate("Events", "No-show"),
        "cancelled": translate("Events", "Cancelled"),
        "rejected": translate("Events", "Rejected"),
        "expired": translate("Events", "Offer expired"),
    }.get(state, state)


def event_state_label(state: str) -> str:
    return {
        "open": translate("Events", "Open"),
        "cancelled": translate("Events", "Cancelled"),
        "closed": translate("Events", "Closed"),
    }.get(state, state)


def size_label(size: str) -> str:
    return {
        "big": translate("Events", "Big event"),
        "small": translate("Events", "Small event"),
    }.get(size, size)


def _locked_event(event_id: int) -> Event:
    query = Event.select().where(Event.id == event_id)
    if not is_sqlite():
        query = query.for_update()
    event = query.first()
    if event is None:
        raise NotFound(translate("Events", "This event no longer exists."))
    return event
