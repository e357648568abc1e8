"""Staff accounts, station settings, and the append-only audit trail."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.base import BaseModel

FRONT_DESK = "front_desk"
MEDIATOR = "mediator"
MEDIATION_HEAD = "mediation_head"
LIBRARIAN = "librarian"
ORGANISER = "organiser"
ADMIN = "admin"
# A volunteer psychological counsellor (心理咨询师) of the decompression room (issue 24).
COUNSELLOR = "counsellor"
# The officer for union work with employers (工会组建专干, issue 26): founding unions,
# workers' congresses, collective contracts, open affairs.
UNION_ORGANISER = "union_organiser"
ROLES: tuple[str, ...] = (
    FRONT_DESK,
    MEDIATOR,
    MEDIATION_HEAD,
    LIBRARIAN,
    ORGANISER,
    COUNSELLOR,
    UNION_ORGANISER,
    ADMIN,
)


class Staff(BaseModel):
    username = peewee.CharField(max_length=32, unique=True)
    display_name = peewee.CharField(max_length=50)
    # Comma-separated role codes from ROLES; a staff member usually has one or two.
    roles = peewee.CharField(max_length=200, default="")
    password_hash = peewee.CharField(max_length=200)
    active = peewee.BooleanField(default=True)
    failed_logins = peewee.IntegerField(default=0)
    locked_until = peewee.DateTimeField(null=True)
    must_change_password = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField(default=now)
    last_login_at = peewee.DateTimeField(null=True)

    @property
    def role_set(self) -> frozenset[str]:
        return frozenset(r for r in self.roles.split(",") if r)


class AuditEntry(BaseModel):
    """Who did what to which record, and what changed. Services only ever insert."""

    at = peewee.DateTimeField(default=now, index=True)
    staff = peewee.ForeignKeyField(Staff, null=True, backref="audit_entries", on_delete="RESTRICT")
    action = peewee.CharField(max_length=40)
    entity = peewee.CharField(max_length=40)
    entity_id = peewee.IntegerField(null=True)
    details = peewee.TextField(default="")

    class Meta:
        indexes = (
            (("entity", "entity_id"), False),
            (("action", "at"), False),  # migration 8
            (("staff", "at"), False),  # migration 8
        )


class Setting(BaseModel):
    """Station-wide settings kept in the database (the station's name, the case-number prefix)."""

    key = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.TextField(default="")


STATION_NAME = "station_name"
CASE_PREFIX = "case_prefix"
STATION_CONTACT = "station_contact"
IDLE_LOCK_MINUTES = "idle_lock_minutes"
BORROWER_IDLE_MINUTES = "library_borrower_idle_minutes"
