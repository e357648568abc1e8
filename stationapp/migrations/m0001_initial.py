"""Version 1: staff, settings, audit trail, workplaces and people.

The models here are frozen copies of the schema as it was at version 1, so this step keeps
building the same tables however the live models change later.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import base_model


def apply(db: peewee.Database) -> None:
    Base = base_model(db)

    class Staff(Base):
        username = peewee.CharField(max_length=32, unique=True)
        display_name = peewee.CharField(max_length=50)
        roles = peewee.CharField(max_length=200, default="")
        password_hash = peewee.CharField(max_length=200)
        active = peewee.BooleanField(default=True)
        failed_logins = peewee.IntegerField(default=0)
        locked_until = peewee.DateTimeField(null=True)
        must_change_password = peewee.BooleanField(default=False)
        created_at = peewee.DateTimeField()
        last_login_at = peewee.DateTimeField(null=True)

    class AuditEntry(Base):
        at = peewee.DateTimeField(index=True)
        staff = peewee.ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
        action = peewee.CharField(max_length=40)
        entity = peewee.CharField(max_length=40)
        entity_id = peewee.IntegerField(null=True)
        details = peewee.TextField(default="")

        class Meta:
            indexes = ((("entity", "entity_id"), False),)

    class Setting(Base):
        key = peewee.CharField(max_length=64, primary_key=True)
        value = peewee.TextField(default="")

    class Organization(Base):
        name = peewee.CharField(max_length=100, unique=True)
        kind = peewee.CharField(max_length=30, default="company")
        address = peewee.CharField(max_length=200, default="")
        contact_name = peewee.CharField(max_length=50, default="")
        contact_phone = peewee.CharField(max_length=30, default="")
        union_status = peewee.CharField(max_length=30, default="none")
        search_text = peewee.TextField(default="")
        active = peewee.BooleanField(default=True)
        created_at = peewee.DateTimeField()
        updated_at = peewee.DateTimeField()

    class Person(Base):
        name = peewee.CharField(max_length=50, index=True)
        pinyin = peewee.CharField(max_length=200, default="")
        gender = peewee.CharField(max_length=1, default="")
        birth_date = peewee.DateField(null=True)
        id_type = peewee.CharField(max_length=20, default="ric")
        id_number = peewee.CharField(max_length=32, default="", index=True)
        phone = peewee.CharField(max_length=30, default="", index=True)
        workplace = peewee.ForeignKeyField(Organization, null=True, on_delete="RESTRICT")
        is_member = peewee.BooleanField(default=False)
        member_card = peewee.CharField(max_length=19, default="")
        notes = peewee.TextField(default="")
        active = peewee.BooleanField(default=True)
        created_at = peewee.DateTimeField()
        updated_at = peewee.DateTimeField()
        last_activity_at = peewee.DateTimeField(index=True)

    db.create_tables([Staff, AuditEntry, Setting, Organization, Person])
