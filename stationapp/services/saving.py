"""The steps the services' saves share (issue #23): the write that holds its kind's lock and
announces the change once committed, the check that a name is not taken yet, and the update of a
record found by its name.

The permission check and the audit entry stay in each service function, where a reader looks for
them; these helpers only do the plumbing between.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import peewee

from stationapp.db import excluding, lock_kind, now, transaction
from stationapp.services import changes


@contextmanager
def locked_write(kind: str) -> Iterator[None]:
    """One service call's write of a ``kind`` of record: a transaction holding the write lock
    and, on PostgreSQL, the kind's own lock, so a check of names or duplicates made inside holds
    until the commit. The change is announced after the commit, not when the write fails; a body
    that may leave early without writing keeps its own transaction."""
    with transaction(lock=True):
        lock_kind(kind)
        yield
    changes.notify(kind)


def taken(field: peewee.Field, value: object, *, exclude_id: int | None = None) -> list[Any]:
    """The records (other than ``exclude_id``) whose ``field`` already holds ``value``: empty
    while a name that must be unique is free."""
    return list(excluding(field.model.select().where(field == value), exclude_id))


def update_named(record: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set ``values`` on a record found by its name (a workplace, a service), renew its search
    text and time of change, and save it; returns what changed, for the audit."""
    # accounts imports this module; the search keys are not needed at start
    from stationapp.services.accounts import assign
    from stationapp.services.search_keys import phrase_search_text

    changed = assign(record, values)
    record.search_text = phrase_search_text(record.name)
    record.updated_at = now()
    record.save()
    return changed
