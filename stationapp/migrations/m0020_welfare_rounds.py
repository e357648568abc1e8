"""Welfare rounds (issue 25): the rounds (送清凉, 送温暖, 生日送祝福, other) and their
recipients, one a person per round (a unique index).

Frozen copies of the tables as this step made them, as in m0001.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Person = frozen_models(db, "staff", "person")

    class WelfareRound(Base):
        name = peewee.CharField(max_length=100)
        kind = peewee.CharField(max_length=20)
        starts_on = peewee.DateField(index=True)
        ends_on = peewee.DateField()
        budget = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        items = peewee.CharField(max_length=200, default="")
        item_value = peewee.DecimalField(max_digits=10, decimal_places=2, default=0)
        amount = peewee.DecimalField(max_digits=10, decimal_places=2, default=0)
        notes = peewee.TextField(default="")
        created_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)

    class WelfareRecipient(Base):
        round = peewee.ForeignKeyField(WelfareRound, backref="recipients", on_delete="RESTRICT")
        person = peewee.ForeignKeyField(Person, backref="+", on_delete="RESTRICT")
        source = peewee.CharField(max_length=20)
        added_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        added_at = peewee.DateTimeField(default=now)
        delivered_at = peewee.DateTimeField(null=True, index=True)
        delivered_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
        collected_by = peewee.CharField(max_length=50, default="")
        collected_relation = peewee.CharField(max_length=30, default="")

        class Meta:
            indexes = ((("round", "person"), True), (("person", "round"), False))

    db.create_tables([WelfareRound, WelfareRecipient])
