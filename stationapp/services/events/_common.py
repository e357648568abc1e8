"""What the events modules share: state and size labels, the locked event, a required reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stationapp.errors import ValidationError
from stationapp.models.events import Event
from stationapp.services import history
from stationapp.services.validation import normalize_text

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
    return history.locked(Event, event_id, translate("Events", "This event no longer exists."))


def _required_reason(raw: str, missing: str) -> str:
    """The reason a step must record; ``missing`` is said at the reason field when there is none
    (or it is not text that can be kept)."""
    try:
        return normalize_text(raw, field="reason", max_length=500, required=True)
    except ValidationError as exc:
        raise ValidationError(missing, field="reason") from exc
