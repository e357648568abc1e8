"""What a form that books a room (an event, a planned mediation session) says as the time is
typed, before anything is saved."""

from __future__ import annotations

from datetime import datetime

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import rooms


def room_problem(
    actor: Staff,
    room_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    kind: str,
    skip_booking: int | None,
) -> tuple[str, list[datetime]]:
    """Why the room would not take the slots from ``starts_at`` to ``ends_at`` ("" when it
    would), and the free start times near them."""
    try:
        found = rooms.check_room(
            actor, room_id, starts_at, ends_at, kind=kind, skip_booking=skip_booking
        )
    except UserError as exc:
        return exc.message, []
    return found.problem, list(found.nearby)
