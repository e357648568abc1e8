"""Version 14: the decision on a case file whose retention has ended (issue #27): kept longer
until a date, or disposed of (destroyed or handed over), with how. Self-contained: three
columns on mediation_case.
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate


def apply(db: peewee.Database) -> None:
    migrator = (
        SqliteMigrator(db) if isinstance(db, peewee.SqliteDatabase) else PostgresqlMigrator(db)
    )
    migrate(
        migrator.add_column("mediation_case", "file_kept_until", peewee.DateField(null=True)),
        migrator.add_column("mediation_case", "file_disposed_at", peewee.DateTimeField(null=True)),
        migrator.add_column("mediation_case", "file_decision_note", peewee.TextField(default="")),
    )
