"""Many rows at once, for the imports: one prepared INSERT run with ``executemany``, and the values
of a column that are already taken, asked with one prepared IN list per batch; for the exports,
the rows of queries read as a stream in one snapshot (``snapshot``, ``streamed``).

peewee builds the SQL of every value in Python (about 10 µs each): for the 100,000 rows of a
catalogue that was more time than the database took (issue #22). Both helpers go through the
station's database connection, so its error mapping and its NUL handling apply.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import peewee

from stationapp.db import database, is_postgresql

# Values per statement: far under SQLite's 32,766 variables (3.32+) and PostgreSQL's 65,535.
BATCH = 500
ARRAY_BATCH = 5000  # values per PostgreSQL array (rows_with)
STREAM_ROWS = 2000  # rows fetched at a time (streamed)
_cursor_names = itertools.count(1)


def batches(items: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    """One prepared INSERT run for many rows (executemany), every column not given at its
    default: peewee's insert_many builds the SQL of every value in Python, which took more time
    than the database for a roster."""
    if not rows:
        return
    database = model._meta.database
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, peewee.AutoField)]
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}
    sql = 'INSERT INTO "{table}" ({names}) VALUES ({params})'.format(
        table=model._meta.table_name,
        names=", ".join(f'"{field.column_name}"' for field in fields),
        params=", ".join([database.param] * len(fields)),
    )
    converted = [[f.db_value(row.get(f.name, defaults[f.name])) for f in fields] for row in rows]
    with peewee.__exception_wrapper__:  # driver errors as peewee's, as execute_sql gives them
        database.cursor().executemany(sql, converted)


def rows_with(
    fields: Sequence[peewee.Field],
    key: peewee.Field,
    values: Iterable[Any],
    *,
    equal: Sequence[tuple[peewee.Field, Any]] = (),
    convert: bool = True,
) -> list[tuple[Any, ...]]:
    """The ``fields`` of the rows whose ``key`` is one of ``values`` (and whose ``equal`` columns
    hold the values given), in the order of their ids.

    ``convert=False``: ``values`` are given as the database holds them and the rows come back as
    the driver gives them (text for a date and time on SQLite, JSON as text), for a caller that
    converts only what it needs (the exports: peewee's conversions cost more than the query)."""
    wanted = list(dict.fromkeys(values))
    model = key.model
    database = model._meta.database
    names = ", ".join(f'"{field.column_name}"' for field in fields)
    fixed = "".join(f' AND "{field.column_name}" = {database.param}' for field, _ in equal)
    fixed_params = [field.db_value(value) for field, value in equal]
    # PostgreSQL takes ids as one array: it parses and plans an IN list of 500 parameters at
    # every statement, a third of the export's reading time (issue #22). Text stays in lists,
    # where the connection's guard against a NUL sees each value.
    array = is_postgresql() and all(type(value) is int for value in wanted)
    found: list[tuple[Any, ...]] = []
    for batch in batches(wanted, ARRAY_BATCH if array else BATCH):
        sql = 'SELECT {names} FROM "{table}" WHERE "{key}" {match}{fixed} ORDER BY "{id}"'
        sql = sql.format(
            names=names,
            table=model._meta.table_name,
            key=key.column_name,
            match=(
                f"= ANY({database.param})"
                if array
                else f"IN ({', '.join([database.param] * len(batch))})"
            ),
            fixed=fixed,
            id=model._meta.primary_key.column_name,
        )
        params = [key.db_value(value) for value in batch] if convert else list(batch)
        cursor = database.execute_sql(sql, ([params] if array else params) + fixed_params)
        if not convert:
            found.extend(cursor.fetchall())
            continue
        found.extend(
            tuple(field.python_value(value) for field, value in zip(fields, row, strict=True))
            for row in cursor.fetchall()
        )
    return found


def values_present(field: peewee.Field, values: Iterable[Any]) -> set[Any]:
    """Which of ``values`` the column ``field`` holds (in any row)."""
    return {value for (value,) in rows_with([field], field, values)}


@contextmanager
def snapshot() -> Iterator[None]:
    """A read-only transaction in which every query sees the database as it was when the first
    one began: SQLite's (deferred) transaction does that; PostgreSQL's needs REPEATABLE READ
    (each statement has its own snapshot under its default READ COMMITTED). Inside a transaction
    already, a savepoint of it."""
    db = database.obj
    if is_postgresql() and db.transaction_depth() == 0:
        context = db.atomic(isolation_level="REPEATABLE READ")
    else:
        context = db.atomic()
    with context:
        yield


def streamed(query: peewee.Query, size: int = STREAM_ROWS) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query`` as the driver gives them (tuples; text for a date and time on
    SQLite), read ``size`` at a time rather than all at once, in a transaction (``snapshot``).

    PostgreSQL: through a server-side cursor (DECLARE ... FETCH), so the rows are neither held
    by the driver all together nor asked again by id (issue #22); SQLite steps its statement as
    the rows are taken. Close the generator (``contextlib.closing``) when stopping early."""
    db = database.obj
    if db.transaction_depth() == 0:
        raise RuntimeError("bulk.streamed reads inside a transaction (bulk.snapshot)")
    sql, params = query.sql()
    if not is_postgresql():
        cursor = db.execute_sql(sql, params)
        try:
            while rows := cursor.fetchmany(size):
                yield from rows
        finally:
            cursor.close()
        return
    name = f"stationapp_stream_{next(_cursor_names)}"
    db.execute_sql(f"DECLARE {name} NO SCROLL CURSOR FOR {sql}", params)
    try:
        while rows := db.execute_sql(f"FETCH FORWARD {size} FROM {name}").fetchall():
            yield from rows
    except GeneratorExit:  # stopped early: the transaction goes on (a failed one ends it)
        db.execute_sql(f"CLOSE {name}")
        raise
    db.execute_sql(f"CLOSE {name}")
