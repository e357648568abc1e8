"""Worker visits (来访登记): the service catalogue, visits and their purposes, outreach."""

from __future__ import annotations

import json

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Organization, Person

CHANNELS: tuple[str, ...] = ("walk_in", "phone", "outreach")
OUTCOMES: tuple[str, ...] = ("done", "referred", "waiting", "declined")
RATINGS: tuple[str, ...] = ("satisfied", "basically_satisfied", "dissatisfied", "unrated")
MATERIAL_KINDS: tuple[str, ...] = ("original", "copy", "original_and_copy")
# Pre-checks the desk can make from the person's record (front-desk.md, "Eligibility").
ELIGIBILITY_CHECKS: tuple[str, ...] = ("member", "member_card", "working_age")


class JSONField(peewee.TextField):
    """A list or dict stored as JSON text, the same on SQLite and PostgreSQL."""

    def db_value(self, value: object) -> str:
        return json.dumps(value if value is not None else [], ensure_ascii=False)

    def python_value(self, value: str | None) -> object:
        return json.loads(value) if value else []


class ServiceType(BaseModel):
    """One service of the catalogue with its one-time notice (一次性告知) content."""

    name = peewee.CharField(max_length=100, unique=True)
    category = peewee.CharField(max_length=50, default="")
    basis = peewee.TextField(default="")
    # [{"name": ..., "kind": one of MATERIAL_KINDS, "copies": int, "issuer": str, "note": str}]
    materials = JSONField(default=list)
    steps = peewee.TextField(default="")
    time_limit = peewee.CharField(max_length=200, default="")
    fee = peewee.CharField(max_length=100, default="")
    place_contact = peewee.TextField(default="")
    eligibility = JSONField(default=list)  # codes from ELIGIBILITY_CHECKS
    eligibility_note = peewee.TextField(default="")
    active = peewee.BooleanField(default=True)
    # Health- or hardship-related (PIPL Art. 28): notes on such a visit need the health consent.
    sensitive = peewee.BooleanField(default=False)
    position = peewee.IntegerField(default=0)
    search_text = peewee.TextField(default="")
    updated_at = peewee.DateTimeField(default=now)


class OutreachSession(BaseModel):
    """Staff going out to a workplace or community (下社区、进楼宇、送服务)."""

    organization = peewee.ForeignKeyField(Organization, backref="outreach_sessions")
    held_on = peewee.DateField(index=True)
    staff = peewee.ForeignKeyField(Staff, backref="outreach_sessions")
    services = JSONField(default=list)  # ServiceType ids offered
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=now)


class Visit(BaseModel):
    person = peewee.ForeignKeyField(Person, null=True, backref="visits", on_delete="RESTRICT")
    channel = peewee.CharField(max_length=20)
    staff = peewee.ForeignKeyField(Staff, backref="visits")
    arrived_at = peewee.DateTimeField(index=True)
    finished_at = peewee.DateTimeField(null=True)
    rating = peewee.CharField(max_length=30, default="unrated")
    notes = peewee.TextField(default="")
    outreach = peewee.ForeignKeyField(OutreachSession, null=True, backref="visits")
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)

    class Meta:
        indexes = (
            (("channel", "arrived_at"), False),
            (("staff", "arrived_at"), False),
            (("person", "arrived_at"), False),
        )


class VisitPurpose(BaseModel):
    """One service asked for in a visit, what the visitor was told, and how it ended."""

    visit = peewee.ForeignKeyField(Visit, backref="purposes", on_delete="CASCADE", index=False)
    service = peewee.ForeignKeyField(ServiceType, backref="visit_purposes", index=False)
    outcome = peewee.CharField(max_length=20, default="done")
    referred_to = peewee.CharField(max_length=200, default="")
    decline_reason = peewee.TextField(default="")
    # Material names from the notice: what the visitor brought, and what is still missing.
    materials_brought = JSONField(default=list)
    materials_missing = JSONField(default=list)
    due_on = peewee.DateField(null=True)
    notice_given = peewee.BooleanField(default=False)
    notice_printed = peewee.BooleanField(default=False)
    completed_at = peewee.DateTimeField(null=True)
    # Copied from the visit so the log filters on one table with one index.
    arrived_at = peewee.DateTimeField()

    class Meta:
        indexes = (
            (("visit", "service"), True),
            (("service", "arrived_at"), False),
            (("service", "outcome", "arrived_at"), False),
            (("outcome", "visit"), False),
            (("outcome", "due_on"), False),
            (("arrived_at",), False),
        )
