"""The house's shape of a service call that writes (DESIGN.md rules 2 and 3), said once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from stationapp.db import transaction
from stationapp.models.accounts import Staff
from stationapp.services import changes
from stationapp.services.accounts import require


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
