"""Version 11: the date a person joined the union (入会时间), kept on the person (issue #21).

Rosters brought in by ``stationapp import-people`` carry it; the member card number was already
kept (``member_card``). Self-contained: it adds one nullable column and needs no other step.
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate


def apply(db: peewee.Database) -> None:
    migrator = (
        SqliteMigrator(db) if isinstance(db, peewee.SqliteDatabase) else PostgresqlMigrator(db)
    )
    migrate(migrator.add_column("person", "joined_on", peewee.DateField(null=True)))
