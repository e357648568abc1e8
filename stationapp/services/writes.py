"""The house's shape of a service call that writes (DESIGN.md rules 2 and 3), said once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import peewee

from stationapp.db import transaction
from stationapp.models.accounts import Staff
from stationapp.services import changes
from stationapp.services.accounts import require, save_active

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
