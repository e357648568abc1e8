"""Version 13: a person merged into another (issue #21, part 7) keeps their row, inactive, with
``merged_into`` pointing at the record kept. Self-contained: one nullable column (the migrator
indexes a foreign key it adds).
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

from stationapp.migrations.frozen import base_model, existing_table


def apply(db: peewee.Database) -> None:
    migrator = (
        SqliteMigrator(db) if isinstance(db, peewee.SqliteDatabase) else PostgresqlMigrator(db)
    )
    person = existing_table(base_model(db), "person")
    migrate(
        migrator.add_column(
            "person",
            "merged_into_id",
            peewee.ForeignKeyField(person, field=person.id, null=True, on_delete="RESTRICT"),
        ),
    )
