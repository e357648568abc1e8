"""Version 7: privacy (issue #8): consent records, the hardship file and its assistance, the
mixer's marital status, anonymisation, and the catalogue's sensitive (health-related) services.

Frozen copies of the version-7 tables, as in m0001.
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator, migrate

from stationapp.migrations.frozen import frozen_models

# Services whose visits reveal health or hardship (PIPL Art. 28): consent is asked before notes.
SENSITIVE_SERVICE_WORDS = ("医疗", "心理", "困难", "帮扶", "大病", "工伤")


def _migrator(db: peewee.Database) -> SchemaMigrator:
    if isinstance(db, peewee.SqliteDatabase):
        return SqliteMigrator(db)
    if isinstance(db, peewee.PostgresqlDatabase):
        return PostgresqlMigrator(db)
    return SchemaMigrator.from_database(db)


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Person = frozen_models(db, "staff", "person")

    m = _migrator(db)
    migrate(
        # deep (below 1x the local minimum income), relative (below 2x), sudden; "" = no file
        m.add_column("person", "hardship_category", peewee.CharField(max_length=20, default="")),
        m.add_column("person", "hardship_reasons", peewee.TextField(default="")),
        m.add_column("person", "marital_status", peewee.CharField(max_length=20, default="")),
        m.add_column("person", "anonymised_at", peewee.DateTimeField(null=True)),
        m.add_column("service_type", "sensitive", peewee.BooleanField(default=False)),
    )

    class Consent(Base):
        """Consent to keep one kind of sensitive data about a person (PIPL Art. 29)."""

        person = peewee.ForeignKeyField(Person, backref="consents", on_delete="RESTRICT")
        kind = peewee.CharField(max_length=20)  # hardship, health, marital_status
        method = peewee.CharField(max_length=20, default="written")  # written, oral
        given_at = peewee.DateTimeField(default=now)
        given_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        note = peewee.CharField(max_length=200, default="")
        withdrawn_at = peewee.DateTimeField(null=True)
        withdrawn_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")

        class Meta:
            indexes = ((("person", "kind"), False),)

    class HardshipAssistance(Base):
        """Help given to a worker on the hardship file (帮扶: living, medical, schooling...)."""

        person = peewee.ForeignKeyField(Person, backref="assistance", on_delete="RESTRICT")
        given_on = peewee.DateField(index=True)
        kind = peewee.CharField(max_length=20)
        amount = peewee.DecimalField(max_digits=10, decimal_places=2, null=True)
        staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        notes = peewee.TextField(default="")
        created_at = peewee.DateTimeField(default=now)

    db.create_tables([Consent, HardshipAssistance])
    p = db.param
    for word in SENSITIVE_SERVICE_WORDS:
        db.execute_sql(
            f"UPDATE service_type SET sensitive = {p} WHERE name LIKE {p}", (True, f"%{word}%")
        )
