"""Union membership as a history (入会, 转入, 转出, 退会) and the 京卡·互助服务卡 (Beijing union
member card) from application to cancellation (issue #25). ``Person.is_member``,
``Person.joined_on`` and ``Person.member_card`` are kept in step with these records by
``services/members``."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Organization, Person
from stationapp.models.visits import Visit

# What happened to a person's membership; the first two make a member, the last two end it.
MEMBERSHIP_KINDS: tuple[str, ...] = ("joined", "transferred_in", "transferred_out", "left")
MEMBERSHIP_STARTS: tuple[str, ...] = ("joined", "transferred_in")
MEMBERSHIP_ENDS: tuple[str, ...] = ("transferred_out", "left")

CARD_STATES: tuple[str, ...] = ("applied", "issued", "lost", "replaced", "cancelled")
# A card in one of these states is the person's one current card (unique index card_one_live).
LIVE_CARD_STATES: tuple[str, ...] = ("applied", "issued", "lost")


class MembershipEvent(BaseModel):
    """One step of a person's membership. ``organization`` is the workplace union (none: the
    station's joint union 联合工会); ``union_name`` names a union outside the register (the one
    transferred from or to)."""

    person = peewee.ForeignKeyField(Person, backref="membership_events", on_delete="RESTRICT")
    kind = peewee.CharField(max_length=20)  # MEMBERSHIP_KINDS
    on = peewee.DateField(null=True)  # None: not known (records older than the history)
    organization = peewee.ForeignKeyField(
        Organization, null=True, backref="membership_events", on_delete="RESTRICT"
    )
    union_name = peewee.CharField(max_length=100, default="")
    reason = peewee.CharField(max_length=200, default="")
    staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    recorded_at = peewee.DateTimeField(default=now, index=True)

    class Meta:
        indexes = ((("person", "recorded_at"), False), (("kind", "on"), False))


class MemberCard(BaseModel):
    """One 京卡: applied for, then issued with its number, perhaps reported lost, and in the end
    replaced by a new card (``replaced_by``) or cancelled."""

    person = peewee.ForeignKeyField(Person, backref="member_cards", on_delete="RESTRICT")
    state = peewee.CharField(max_length=20)  # CARD_STATES
    number = peewee.CharField(max_length=19, default="")  # "" until issued
    applied_on = peewee.DateField(null=True)  # None: issued with no application on file
    materials = peewee.TextField(default="")  # the checklist's materials brought, one a line
    visit = peewee.ForeignKeyField(Visit, null=True, backref="member_cards", on_delete="RESTRICT")
    issued_on = peewee.DateField(null=True, index=True)
    lost_on = peewee.DateField(null=True)
    ended_on = peewee.DateField(null=True)  # replaced or cancelled
    replaces = peewee.ForeignKeyField(
        "self", null=True, backref="replaced_by", on_delete="RESTRICT"
    )
    reason = peewee.CharField(max_length=200, default="")  # why cancelled
    staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("state", "applied_on"), False), (("person", "state"), False))
