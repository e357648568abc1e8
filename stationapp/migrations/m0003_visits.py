"""Version 3: the service catalogue (seeded with its one-time notices), visits, outreach sessions.

Frozen copies of the version-3 tables, as in m0001; the catalogue's search text from the frozen
``phrase_search_text`` in ``frozen_keys.py``.
"""

from __future__ import annotations

import json

import peewee

from stationapp.config import resource_path
from stationapp.migrations.frozen import frozen_models


def seed_services() -> list[dict[str, object]]:
    path = resource_path("seed", "services.json")
    return json.loads(path.read_text(encoding="utf-8"))


def apply(db: peewee.Database) -> None:
    from stationapp.db import now
    from stationapp.migrations.frozen_keys import phrase_search_text

    Base, Staff, Organization, Person = frozen_models(db, "staff", "organization", "person")

    class ServiceType(Base):
        name = peewee.CharField(max_length=100, unique=True)
        category = peewee.CharField(max_length=50, default="")
        basis = peewee.TextField(default="")
        materials = peewee.TextField(default="[]")
        steps = peewee.TextField(default="")
        time_limit = peewee.CharField(max_length=200, default="")
        fee = peewee.CharField(max_length=100, default="")
        place_contact = peewee.TextField(default="")
        eligibility = peewee.TextField(default="[]")
        eligibility_note = peewee.TextField(default="")
        active = peewee.BooleanField(default=True)
        position = peewee.IntegerField(default=0)
        search_text = peewee.TextField(default="")
        updated_at = peewee.DateTimeField()

    class OutreachSession(Base):
        organization = peewee.ForeignKeyField(Organization)
        held_on = peewee.DateField(index=True)
        staff = peewee.ForeignKeyField(Staff)
        services = peewee.TextField(default="[]")
        notes = peewee.TextField(default="")
        created_at = peewee.DateTimeField()

    class Visit(Base):
        person = peewee.ForeignKeyField(Person, null=True, on_delete="RESTRICT")
        channel = peewee.CharField(max_length=20)
        staff = peewee.ForeignKeyField(Staff)
        arrived_at = peewee.DateTimeField(index=True)
        finished_at = peewee.DateTimeField(null=True)
        rating = peewee.CharField(max_length=30, default="unrated")
        notes = peewee.TextField(default="")
        outreach = peewee.ForeignKeyField(OutreachSession, null=True)
        created_at = peewee.DateTimeField()
        updated_at = peewee.DateTimeField()

        class Meta:
            indexes = (
                (("channel", "arrived_at"), False),
                (("staff", "arrived_at"), False),
                (("person", "arrived_at"), False),
            )

    class VisitPurpose(Base):
        visit = peewee.ForeignKeyField(Visit, on_delete="CASCADE", index=False)
        service = peewee.ForeignKeyField(ServiceType, index=False)
        outcome = peewee.CharField(max_length=20, default="done")
        referred_to = peewee.CharField(max_length=200, default="")
        decline_reason = peewee.TextField(default="")
        materials_brought = peewee.TextField(default="[]")
        materials_missing = peewee.TextField(default="[]")
        due_on = peewee.DateField(null=True)
        notice_given = peewee.BooleanField(default=False)
        notice_printed = peewee.BooleanField(default=False)
        completed_at = peewee.DateTimeField(null=True)
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

    db.create_tables([ServiceType, OutreachSession, Visit, VisitPurpose])
    moment = now()
    for position, item in enumerate(seed_services()):
        ServiceType.create(
            name=item["name"],
            category=item.get("category", ""),
            basis=item.get("basis", ""),
            materials=json.dumps(item.get("materials", []), ensure_ascii=False),
            steps=item.get("steps", ""),
            time_limit=item.get("time_limit", ""),
            fee=item.get("fee", ""),
            place_contact=item.get("place_contact", ""),
            eligibility=json.dumps(item.get("eligibility", []), ensure_ascii=False),
            eligibility_note=item.get("eligibility_note", ""),
            position=position,
            search_text=phrase_search_text(item["name"]),
            updated_at=moment,
        )
