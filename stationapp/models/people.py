"""The people register (职工档案) shared by every tab, and their workplaces."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel

ORG_KINDS: tuple[str, ...] = ("company", "office_building", "community", "public_institution")
# A workplace's union: its own, a joint union (联合工会: a building's or the station's), one being
# founded (筹建中), or none. The first two count as founded (建会).
UNION_STATUSES: tuple[str, ...] = ("own_union", "joint_union", "preparing", "none")
UNION_FOUNDED: tuple[str, ...] = ("own_union", "joint_union")
GENDERS: tuple[str, ...] = ("M", "F")
HARDSHIP_CATEGORIES: tuple[str, ...] = ("deep", "relative", "sudden")
MARITAL_STATUSES: tuple[str, ...] = ("single", "divorced", "widowed")  # who may join a mixer
CONSENT_KINDS: tuple[str, ...] = ("hardship", "health", "marital_status")
CONSENT_METHODS: tuple[str, ...] = ("written", "oral")
ASSISTANCE_KINDS: tuple[str, ...] = (
    "living",
    "medical",
    "schooling",
    "training",
    "festival",
    "cooling",
    "other",
)


class Building(BaseModel):
    """An office building (楼宇) and its building union federation (楼宇联合会), which may found a
    joint union for its small firms and sign a regional collective contract for them."""

    name = peewee.CharField(max_length=100, unique=True)
    address = peewee.CharField(max_length=200, default="")
    federation_name = peewee.CharField(max_length=100, default="")  # "": no federation yet
    federation_founded_on = peewee.DateField(null=True)
    federation_chair = peewee.CharField(max_length=50, default="")
    federation_contact = peewee.CharField(max_length=30, default="")
    search_text = peewee.TextField(default="")
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)


class Organization(BaseModel):
    name = peewee.CharField(max_length=100, unique=True)
    kind = peewee.CharField(max_length=30, default="company")
    address = peewee.CharField(max_length=200, default="")
    contact_name = peewee.CharField(max_length=50, default="")
    contact_phone = peewee.CharField(max_length=30, default="")
    union_status = peewee.CharField(max_length=30, default="none")  # UNION_STATUSES
    # Where it is and how big (issue #26): the building, the sector (行业) in words, employees.
    building = peewee.ForeignKeyField(
        Building, null=True, backref="workplaces", on_delete="RESTRICT"
    )
    sector = peewee.CharField(max_length=50, default="")
    employees = peewee.IntegerField(null=True)  # None: not known
    # The union (建会): since when it is being founded, founded on, its chair, members as the
    # union reports them (the register counts its own), the labour-dispute mediation committee.
    union_preparing_since = peewee.DateField(null=True)
    union_founded_on = peewee.DateField(null=True)
    union_chair = peewee.CharField(max_length=50, default="")
    union_contact = peewee.CharField(max_length=30, default="")
    members_reported = peewee.IntegerField(null=True)
    mediation_committee_since = peewee.DateField(null=True)  # None: no committee
    # Name, full pinyin and initials joined with spaces: workplaces are few, a LIKE is enough.
    search_text = peewee.TextField(default="")
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)


class Person(BaseModel):
    name = peewee.CharField(max_length=50, index=True)
    pinyin = peewee.CharField(max_length=200, default="")
    gender = peewee.CharField(max_length=1, default="")
    birth_date = peewee.DateField(null=True)
    id_type = peewee.CharField(max_length=20, default="ric")
    id_number = peewee.CharField(max_length=32, default="", index=True)
    phone = peewee.CharField(max_length=30, default="", index=True)
    workplace = peewee.ForeignKeyField(
        Organization, null=True, backref="people", on_delete="RESTRICT"
    )
    is_member = peewee.BooleanField(default=False)
    member_card = peewee.CharField(max_length=19, default="")  # indexed by migration 5
    joined_on = peewee.DateField(null=True)  # 入会时间; migration 11
    # A woman's retirement age before the 2025 reform, 55 or 50 (None: 55); migration 12.
    old_retirement_age = peewee.SmallIntegerField(null=True)
    notes = peewee.TextField(default="")
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)
    last_activity_at = peewee.DateTimeField(default=now, index=True)
    # Sensitive (PIPL Art. 28): kept only while the matching Consent is in force.
    hardship_category = peewee.CharField(max_length=20, default="")  # HARDSHIP_CATEGORIES or ""
    hardship_reasons = peewee.TextField(default="")
    marital_status = peewee.CharField(max_length=20, default="")  # MARITAL_STATUSES or ""
    anonymised_at = peewee.DateTimeField(null=True)  # personal fields replaced (retention, erasure)
    # Merged into another record (issue #21): kept, inactive, its history moved; migration 13.
    merged_into = peewee.ForeignKeyField(
        "self", null=True, backref="merged_from", on_delete="RESTRICT", index=True
    )


class PersonSearchKey(BaseModel):
    """One way to find a person (a pinyin reading, initials, phone tail...), written on save."""

    person = peewee.ForeignKeyField(Person, backref="search_keys", on_delete="CASCADE")
    key = peewee.CharField(max_length=64)
    kind = peewee.CharField(max_length=12)

    class Meta:
        indexes = ((("key", "person"), True),)


class Consent(BaseModel):
    """Consent to keep one kind of sensitive data about a person (PIPL Art. 29). Withdrawing
    it empties the fields it covered."""

    person = peewee.ForeignKeyField(Person, backref="consents", on_delete="RESTRICT")
    kind = peewee.CharField(max_length=20)  # CONSENT_KINDS
    method = peewee.CharField(max_length=20, default="written")  # CONSENT_METHODS
    given_at = peewee.DateTimeField(default=now)
    given_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    note = peewee.CharField(max_length=200, default="")
    withdrawn_at = peewee.DateTimeField(null=True)
    withdrawn_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("person", "kind"), False),)


class HardshipAssistance(BaseModel):
    """Help given to a worker on the hardship file (帮扶: living, medical, schooling...)."""

    person = peewee.ForeignKeyField(Person, backref="assistance", on_delete="RESTRICT")
    given_on = peewee.DateField(index=True)
    kind = peewee.CharField(max_length=20)  # ASSISTANCE_KINDS
    amount = peewee.DecimalField(max_digits=10, decimal_places=2, null=True)
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=now)
