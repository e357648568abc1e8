"""Version 12: a woman's statutory retirement age before the 2025 reform (55 for cadres and
office jobs, 50 for workers), from which the reform's later retirement date is counted (issue
#27). Empty means the default, 55. Self-contained: one nullable column.
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate


def apply(db: peewee.Database) -> None:
    migrator = (
        SqliteMigrator(db) if isinstance(db, peewee.SqliteDatabase) else PostgresqlMigrator(db)
    )
    migrate(
        migrator.add_column("person", "old_retirement_age", peewee.SmallIntegerField(null=True))
    )
