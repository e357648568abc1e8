"""Long lists read as the driver hands the rows over, into the models peewee itself would build.

peewee reads each row through its join graph and converts every value, though both drivers
hand text and integers over as Python has them, and psycopg2 dates, times and booleans too:
on a call list of 1,000 loans that cost a third of the query, on a page of 100 cases as much
as the query (issue #22). Here only the values the driver does not hand over as their field
reads them are converted (SQLite's dates, times and 0/1 flags, and any other field type).
"""

from __future__ import annotations

from typing import TypeVar

import peewee

from stationapp.db import is_sqlite
from stationapp.models.base import IdField

M = TypeVar("M", bound=peewee.Model)

AS_IS = (
    peewee.CharField,
    peewee.TextField,
    peewee.IntegerField,
    peewee.SmallIntegerField,
    peewee.ForeignKeyField,
    IdField,
)
AS_IS_POSTGRESQL = (peewee.DateField, peewee.DateTimeField, peewee.BooleanField)


def fetch(query: peewee.ModelSelect, columns: list[peewee.Field]) -> list[list[object]]:
    """The rows of ``query``, which selects ``columns`` in this order, each value as its
    field reads it."""
    as_is = AS_IS if is_sqlite() else AS_IS + AS_IS_POSTGRESQL
    converters = [(i, c.python_value) for i, c in enumerate(columns) if type(c) not in as_is]
    rows: list[list[object]] = []
    for row in query.model._meta.database.execute(query).fetchall():
        values = list(row)
        for i, convert in converters:
            values[i] = convert(values[i])
        rows.append(values)
    return rows


def field_names(model: type[peewee.Model]) -> list[str]:
    return [f.name for f in model._meta.sorted_fields]


def read_model(model: type[M], names: list[str], values: list[object]) -> M:
    """A model read from the database, as peewee's own cursor leaves it (nothing dirty)."""
    instance = model(__no_default__=1)
    instance.__data__ = dict(zip(names, values, strict=True))
    return instance
