"""A person's last activity at the station, from which the retention period counts
(services/retention.py): a visit, a case, a loan, a registration starts it again."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from stationapp.models.people import Person


def mark_active(person_ids: Iterable[int], moment: datetime) -> None:
    """The people did something at the station at ``moment`` (inside the caller's transaction)."""
    Person.update(last_activity_at=moment).where(Person.id.in_(list(person_ids))).execute()
