"""Version 21: workplace union work (issue #26). Buildings (楼宇) and their federations; a
workplace's building, sector, size, union founding dates, chair, reported members and mediation
committee; the founding steps (建会) done per workplace.

Frozen copies of the tables, as in m0001: nothing here imports a live model.
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

from stationapp.migrations.frozen import frozen_models


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Organization = frozen_models(db, "staff", "organization")

    class Building(Base):
        name = peewee.CharField(max_length=100, unique=True)
        address = peewee.CharField(max_length=200, default="")
        federation_name = peewee.CharField(max_length=100, default="")
        federation_founded_on = peewee.DateField(null=True)
        federation_chair = peewee.CharField(max_length=50, default="")
        federation_contact = peewee.CharField(max_length=30, default="")
        search_text = peewee.TextField(default="")
        active = peewee.BooleanField(default=True)
        created_at = peewee.DateTimeField(default=now)
        updated_at = peewee.DateTimeField(default=now)

    class FoundingStep(Base):
        organization = peewee.ForeignKeyField(Organization, backref="+", on_delete="RESTRICT")
        step = peewee.CharField(max_length=30)
        done_on = peewee.DateField()
        note = peewee.CharField(max_length=200, default="")
        staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("organization", "step"), True),)

    db.create_tables([Building, FoundingStep])
    migrator = (
        SqliteMigrator(db) if isinstance(db, peewee.SqliteDatabase) else PostgresqlMigrator(db)
    )
    building = peewee.ForeignKeyField(
        Building, field=Building.id, null=True, on_delete="RESTRICT", index=True
    )
    migrate(
        migrator.add_column("organization", "building_id", building),
        migrator.add_column("organization", "sector", peewee.CharField(max_length=50, default="")),
        migrator.add_column("organization", "employees", peewee.IntegerField(null=True)),
        migrator.add_column("organization", "union_preparing_since", peewee.DateField(null=True)),
        migrator.add_column("organization", "union_founded_on", peewee.DateField(null=True)),
        migrator.add_column(
            "organization", "union_chair", peewee.CharField(max_length=50, default="")
        ),
        migrator.add_column(
            "organization", "union_contact", peewee.CharField(max_length=30, default="")
        ),
        migrator.add_column("organization", "members_reported", peewee.IntegerField(null=True)),
        migrator.add_column(
            "organization", "mediation_committee_since", peewee.DateField(null=True)
        ),
    )
