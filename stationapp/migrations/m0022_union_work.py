"""Version 22: workplace union work (issue #26): workers' congresses, collective contracts (with
the workplaces a building federation's regional contract covers) and open-affairs checks.

Frozen copies of the tables, as in m0001: nothing here imports a live model.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Organization, Building = frozen_models(db, "staff", "organization", "building")

    class CongressMeeting(Base):
        organization = peewee.ForeignKeyField(Organization, backref="+", on_delete="RESTRICT")
        held_on = peewee.DateField()
        kind = peewee.CharField(max_length=20, default="delegates")
        delegates = peewee.IntegerField(null=True)
        matters = peewee.TextField(default="")
        handbook_revised = peewee.BooleanField(default=False)
        station_part = peewee.CharField(max_length=500, default="")
        staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("organization", "held_on"), False),)

    class CollectiveContract(Base):
        kind = peewee.CharField(max_length=20)
        organization = peewee.ForeignKeyField(
            Organization, null=True, backref="+", on_delete="RESTRICT"
        )
        building = peewee.ForeignKeyField(Building, null=True, backref="+", on_delete="RESTRICT")
        signed_on = peewee.DateField()
        registered_on = peewee.DateField(null=True)
        starts_on = peewee.DateField()
        ends_on = peewee.DateField(index=True)
        wage_increase = peewee.DecimalField(max_digits=5, decimal_places=2, null=True)
        minimum_wage_clause = peewee.BooleanField(default=False)
        minimum_wage_text = peewee.CharField(max_length=200, default="")
        employees_covered = peewee.IntegerField(null=True)
        renews = peewee.ForeignKeyField(
            "self", null=True, unique=True, backref="+", on_delete="RESTRICT"
        )
        notes = peewee.TextField(default="")
        staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)

    class ContractWorkplace(Base):
        contract = peewee.ForeignKeyField(CollectiveContract, backref="+", on_delete="RESTRICT")
        organization = peewee.ForeignKeyField(Organization, backref="+", on_delete="RESTRICT")

        class Meta:
            indexes = ((("contract", "organization"), True), (("organization",), False))

    class OpenAffairsCheck(Base):
        organization = peewee.ForeignKeyField(Organization, backref="+", on_delete="RESTRICT")
        checked_on = peewee.DateField()
        findings = peewee.TextField(default="")
        rating = peewee.CharField(max_length=20)
        follow_up = peewee.TextField(default="")
        staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("organization", "checked_on"), False),)

    db.create_tables([CongressMeeting, CollectiveContract, ContractWorkplace, OpenAffairsCheck])
