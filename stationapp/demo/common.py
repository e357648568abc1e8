"""What the demo's areas share: the seed, the accounts, the clock of the office hours, bulk
writing helpers."""

from __future__ import annotations

import itertools
import json
import logging
import random
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import today
from stationapp.models.accounts import (
    COUNSELLOR,
    FRONT_DESK,
    LIBRARIAN,
    MEDIATION_HEAD,
    MEDIATOR,
    ORGANISER,
    UNION_ORGANISER,
)
from stationapp.models.base import INT64, IdField
from stationapp.models.people import Person

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

DEMO_SEED = 20261124
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "demo-admin-1"
DEMO_PASSWORD = "demo-pass-1"
STATION_NAME = "东城区建国门街道工会服务站"
CASE_PREFIX = "建工调"

# username, display name, roles
DEMO_STAFF: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("frontdesk", "李晓梅", (FRONT_DESK,)),
    ("mediator", "张建国", (MEDIATOR,)),
    ("mediationhead", "陈志强", (MEDIATION_HEAD, MEDIATOR)),
    ("librarian", "刘静", (LIBRARIAN,)),
    ("organiser", "赵丽娜", (ORGANISER,)),
    # The decompression room's volunteer counsellors (心理咨询师), on the roster by turns.
    ("counsellor", "孙慧", (COUNSELLOR,)),
    ("counsellor2", "周文静", (COUNSELLOR,)),
    ("unionorganiser", "王立新", (UNION_ORGANISER,)),
)

HISTORY_DAYS = 3 * 365


def _weighted(table: str) -> dict[str, int]:
    """Parse "王72 欧阳2" or "110101:30" into {value: weight}."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"([^\s:\d]+|\d{6}):?(\d+)", table)}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _unique(used: set[str], make: Callable[[], str]) -> str:
    for _ in range(1000):
        value = make()
        if value not in used:
            used.add(value)
            return value
    raise RuntimeError("could not draw a unique demo value")


def _office_hours(rng: random.Random, moment: datetime) -> datetime:
    """A time on a working day between 8:30 and 17:30, when the station is open."""
    day = moment.date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    start = datetime(day.year, day.month, day.day, 8, 30)
    return start + timedelta(seconds=rng.randrange(0, 9 * 3600))


def _next_open_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at_desk(rng: random.Random, day: date, *, after: datetime | None = None) -> datetime:
    """A time on ``day`` while the desk is open (8:30 to 17:30), after ``after`` if given."""
    start = datetime(day.year, day.month, day.day, 8, 30)
    if after is not None and after.date() == day:
        start = max(start, after + timedelta(minutes=5))
    end = datetime(day.year, day.month, day.day, 17, 30)
    if start >= end:
        return start
    return start + timedelta(seconds=rng.randrange(0, int((end - start).total_seconds())))


BATCH = 500  # rows in one INSERT

# The fields whose db_value gives back a value of these types unchanged (peewee's adapt of a
# plain int, str, bool, datetime or date of the right kind), as it gives back None.
_PASS_THROUGH: tuple[tuple[type[peewee.Field], tuple[type, ...]], ...] = (
    (peewee.BooleanField, (bool,)),
    (peewee.IntegerField, (int,)),
    (peewee.CharField, (str,)),
    (peewee.TextField, (str,)),
    (peewee.DateTimeField, (datetime,)),
    (peewee.DateField, (date,)),
)


def _passing(field: peewee.Field) -> tuple[type, ...]:
    """The types whose values (and None) ``field.db_value`` gives back unchanged; none for a
    field of its own (JSON...), whose values always go through its db_value."""
    target = field.rel_field if isinstance(field, peewee.ForeignKeyField) else field
    if type(target).db_value not in (peewee.Field.db_value, IdField.db_value):
        return ()
    if isinstance(field, peewee.ForeignKeyField) and type(field).db_value is not (
        peewee.ForeignKeyField.db_value
    ):
        return ()
    return next(
        (
            types
            for kind, types in _PASS_THROUGH
            if isinstance(target, kind) and type(target).adapt is kind.adapt
        ),
        (),
    )


def _column(field: peewee.Field, values: list[Any]) -> list[Any]:
    """``field.db_value`` of each value; a column of plain values as it is, without a call for
    each (the demo writes hundreds of thousands of ints, texts and dates)."""
    kinds = _passing(field)
    types = set(map(type, values)) - {type(None)}
    if types and types <= set(kinds):
        present = [v for v in values if v is not None] if int in types else ()
        if not present or (INT64.start <= min(present) and max(present) < INT64.stop):
            return values
    elif not types:
        return values
    return [field.db_value(v) for v in values]


# The encoder json.dumps(details, ensure_ascii=False, default=str, sort_keys=True) builds for
# each call (services/accounts.py audit), built once: tens of thousands of entries.
_DETAILS = json.JSONEncoder(ensure_ascii=False, default=str, sort_keys=True)


def _audit_row(
    at: datetime, staff: int, action: str, entity: str, entity_id: int, details: dict[str, Any]
) -> dict[str, Any]:
    """The audit entry a service would have written (services/accounts.py audit), at ``at``."""
    return {
        "at": at,
        "staff": staff,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": _DETAILS.encode(details),
    }


def _insert(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts by field name, all with the same keys) as Model.insert_many would,
    the fields left out taking their defaults, through one prepared statement (thousands of
    rows: far quicker than building the SQL of each batch)."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.fields[name] for name in rows[0]]
    defaults = [(f, d) for f, d in meta.defaults.items() if f.name not in rows[0]]
    columns = [f.column_name for f in fields] + [f.column_name for f, _ in defaults]
    param = meta.database.param
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        meta.table_name, ", ".join(f'"{c}"' for c in columns), ", ".join([param] * len(columns))
    )
    cursor = meta.database.cursor()
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        if any(len(row) != len(fields) for row in batch):
            raise ValueError(f"demo rows of {meta.table_name} differ in their fields")
        data = [_column(f, [row[f.name] for row in batch]) for f in fields]
        data += [[f.db_value(d() if callable(d) else d) for _ in batch] for f, d in defaults]
        cursor.executemany(sql, list(zip(*data, strict=True)))


def _insert_runs(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    """_insert for rows whose fields differ (as Model.insert_many takes them, the fields left
    out at their defaults): each run of rows with the same fields at once, in their order."""
    for _fields, run in itertools.groupby(rows, key=frozenset):
        _insert(model, list(run))


def _update_many(model: type[peewee.Model], fields: tuple[peewee.Field, ...], rows: list) -> None:
    """UPDATE ``fields`` of many rows at once; each row is the fields' values, then the id
    (thousands of rows: far quicker than bulk_update's CASE expressions). SQLite and
    PostgreSQL both quote names in double quotes."""
    database = model._meta.database
    param = database.param
    names = ", ".join(f'"{f.column_name}" = {param}' for f in fields)
    key = model._meta.primary_key.column_name
    sql = f'UPDATE "{model._meta.table_name}" SET {names} WHERE "{key}" = {param}'
    values = [
        [f.db_value(v) for f, v in zip(fields, row[:-1], strict=True)] + [row[-1]] for row in rows
    ]
    if values:
        database.cursor().executemany(sql, values)


def _keep_latest_activity(
    latest: dict[int, datetime], before: dict[int, datetime] | None = None
) -> None:
    """Each person's last activity at least their ``latest`` here, over what it was ``before``
    (by default what is stored): a service stamps it "now", the demo when it happened."""
    if before is None:
        query = Person.select(Person.id, Person.last_activity_at).where(Person.id.in_(list(latest)))
        before = dict(query.tuples())
    rows = [(max(before[i], when) if before.get(i) else when, i) for i, when in latest.items()]
    _update_many(Person, (Person.last_activity_at,), rows)


def _history_ends() -> datetime:
    """Where the demo's made-up past ends: the start of today. What the build draws depends on
    the day only, never on the time of day it runs, so two builds on one day are alike (today's
    front-desk visits, drawn for the whole day apart from the rest, are kept up to the time)."""
    return datetime.combine(today(), dt_time())
