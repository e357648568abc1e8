"""The whole database as plain Python values, to prove that a refused call changed nothing."""

from __future__ import annotations

import peewee

from stationapp.db import database

Dump = dict[str, list[tuple[object, ...]]]
Snapshot = dict[str, object]


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


def snapshot(db: peewee.Database | None = None) -> Snapshot:
    """Every row of every table, for comparing two snapshots with ``==`` only (``dump`` is for
    looking at the values). On SQLite it is ``dump``. On PostgreSQL it is one statement instead of
    a query per table: each table's rows as the server's text for them, sorted, equal exactly
    when the rows are (a property test takes one or two before each of its hundred calls, and a
    round trip per table was most of its time)."""
    db = db or database
    real = db.obj if isinstance(db, peewee.DatabaseProxy) else db
    if not isinstance(real, peewee.PostgresqlDatabase):
        return dict(dump(db))
    parts = []
    for table in db.get_tables():
        quoted = table.replace('"', '""')
        literal = table.replace("'", "''")
        parts.append(
            f"SELECT '{literal}', (SELECT array_agg(\"dump_row\"::text ORDER BY "
            f'"dump_row"::text) FROM "{quoted}" AS "dump_row")'
        )
    if not parts:
        return {}
    cursor = db.execute_sql(" UNION ALL ".join(parts))
    return {name: rows or [] for name, rows in cursor.fetchall()}
