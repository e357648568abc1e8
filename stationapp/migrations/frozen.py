"""What every frozen migration step needs: a base model bound to the database being migrated, and
stand-ins for tables an earlier step created (only their names matter to a foreign key)."""

from __future__ import annotations

import peewee


def base_model(db: peewee.Database) -> type[peewee.Model]:
    class Base(peewee.Model):
        class Meta:
            database = db
            legacy_table_names = False

    return Base


def existing_table(base: type[peewee.Model], table_name: str) -> type[peewee.Model]:
    """A model for a table that is already there, to point foreign keys at."""
    meta = type("Meta", (), {"table_name": table_name})
    return type(
        table_name.title().replace("_", ""), (base,), {"Meta": meta, "__module__": __name__}
    )


def frozen_models(db: peewee.Database, *table_names: str) -> tuple[type[peewee.Model], ...]:
    """A step's prologue at once: the base model bound to ``db``, then a stand-in for each of
    ``table_names`` (tables an earlier step created), in that order."""
    base = base_model(db)
    return (base, *(existing_table(base, name) for name in table_names))
