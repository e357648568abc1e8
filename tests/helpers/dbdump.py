"""The whole database as plain Python values, to prove that a refused call changed nothing."""

from __future__ import annotations

import peewee

from stationapp.db import database

Dump = dict[str, list[tuple[object, ...]]]


def dump(db: peewee.Database | None = None) -> Dump:
    """Every row of every table (audit entries and counters included), ordered by the first
    column so that two dumps compare with ``==``."""
    db = db or database
    tables: Dump = {}
    for table in db.get_tables():
        quoted = table.replace('"', '""')
        cursor = db.execute_sql(f'SELECT * FROM "{quoted}" ORDER BY 1')
        tables[table] = [tuple(row) for row in cursor.fetchall()]
    return tables


def changed_tables(before: Dump, after: Dump) -> list[str]:
    """The tables whose rows differ (for a readable assertion message)."""
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
