"""The house's shape of a service call that writes (DESIGN.md rules 2 and 3), said once: the
permission, one transaction and the change told after the commit (``writing``); the write that
holds its kind's lock (``locked_write``); deactivating and reactivating (``switch_active``); the
check that a name is not taken yet and the update of a record found by its name.

The audit entry stays in each service function, where a reader looks for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import peewee

from stationapp.db import excluding, lock_kind, now, transaction
from stationapp.models.accounts import Staff
from stationapp.services import changes
from stationapp.services.accounts import assign, require, save_active

M = TypeVar("M", bound=peewee.Model)


@contextmanager
def writing(actor: Staff, permission: str, *, notify: str, lock: bool = False) -> Iterator[None]:
    """``actor``'s ``permission`` checked, then one transaction around the body (``lock``: the
    write lock taken before anything is read); once it has committed, the lists of this desk and
    the others are told that ``notify`` records changed. The body validates, writes and audits;
    an error it raises leaves nothing written and nothing told.

    A body that may find nothing to do keeps the plain form: a ``return`` inside would still tell
    the lists."""
    require(actor, permission)
    with transaction(lock=lock):
        yield
    changes.notify(notify)


def switch_active(
    actor: Staff,
    permission: str,
    model: type[M],
    record_id: int,
    active: bool,
    gone: str,
    entity: str,
    *,
    named: str = "name",
    check: Callable[[M], None] | None = None,
) -> M:
    """Deactivate (``active`` False) or reactivate one record: ``permission`` checked, the record
    locked (``gone`` said when it no longer exists), nothing done when it is so already; else
    ``check(record)`` (it may refuse), the change saved with its audit entry on ``entity`` (which
    names the record by its field ``named``) and, once committed, the lists of ``entity`` told.
    Returns the record."""
    from stationapp.services import history  # every model: not needed to sign in

    require(actor, permission)
    with transaction(lock=True):
        record = history.locked(model, record_id, gone)
        if record.active == active:
            return record
        if check is not None:
            check(record)
        save_active(actor, record, entity, active, {named: getattr(record, named)})
    changes.notify(entity)
    return record


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
    from stationapp.services.search_keys import phrase_search_text  # not needed at start

    changed = assign(record, values)
    record.search_text = phrase_search_text(record.name)
    record.updated_at = now()
    record.save()
    return changed
