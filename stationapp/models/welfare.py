"""Welfare rounds (issue 25): 暑期送清凉, 节日送温暖, 生日送祝福 and others, each with its
recipients, what each gets and the delivery to each."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Person

ROUND_KINDS: tuple[str, ...] = ("cooling", "warmth", "birthday", "other")
# How a recipient came onto a round's list.
SOURCES: tuple[str, ...] = ("hardship", "workplace", "birthday", "hand")


class WelfareRound(BaseModel):
    name = peewee.CharField(max_length=100)
    kind = peewee.CharField(max_length=20)  # ROUND_KINDS
    starts_on = peewee.DateField(index=True)
    ends_on = peewee.DateField()
    budget = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)  # None: no limit
    items = peewee.CharField(max_length=200, default="")  # what each recipient gets, in words
    item_value = peewee.DecimalField(max_digits=10, decimal_places=2, default=0)  # per person
    amount = peewee.DecimalField(max_digits=10, decimal_places=2, default=0)  # money per person
    notes = peewee.TextField(default="")
    created_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)


class WelfareRecipient(BaseModel):
    round = peewee.ForeignKeyField(WelfareRound, backref="recipients", on_delete="RESTRICT")
    person = peewee.ForeignKeyField(Person, backref="welfare_received", on_delete="RESTRICT")
    source = peewee.CharField(max_length=20)  # SOURCES
    added_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    added_at = peewee.DateTimeField(default=now)
    delivered_at = peewee.DateTimeField(null=True, index=True)
    delivered_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    # Collected by someone else for the recipient: who, and their relation to the recipient.
    collected_by = peewee.CharField(max_length=50, default="")
    collected_relation = peewee.CharField(max_length=30, default="")

    class Meta:
        indexes = ((("round", "person"), True), (("person", "round"), False))
