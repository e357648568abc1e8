"""Version 6: union events: series, events, quotas, registrations.

Frozen copies of the version-6 tables, as in m0001.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Organization, Person = frozen_models(db, "staff", "organization", "person")

    class EventSeries(Base):
        """A brand of events (the women's rights lecture series, the badminton competition)."""

        name = peewee.CharField(max_length=100, unique=True)
        max_per_person = peewee.IntegerField(null=True)  # at most N events of the series each
        created_at = peewee.DateTimeField(default=now)

    class Event(Base):
        title = peewee.CharField(max_length=200)
        series = peewee.ForeignKeyField(
            EventSeries, null=True, backref="events", on_delete="SET NULL"
        )
        size = peewee.CharField(max_length=10, default="small")  # 月有大活动，周有小活动
        starts_at = peewee.DateTimeField(index=True)
        ends_at = peewee.DateTimeField()
        venue = peewee.CharField(max_length=200, default="")
        description = peewee.TextField(default="")
        capacity = peewee.IntegerField()
        opens_at = peewee.DateTimeField(null=True)  # registration opens
        closes_at = peewee.DateTimeField(null=True)  # registration closes
        cancel_deadline = peewee.DateTimeField(null=True)
        mode = peewee.CharField(max_length=10, default="auto")
        offer_hours = peewee.IntegerField(default=24)
        women_only = peewee.BooleanField(default=False)
        members_only = peewee.BooleanField(default=False)
        min_age = peewee.IntegerField(null=True)
        max_age = peewee.IntegerField(null=True)
        balanced = peewee.BooleanField(default=False)  # equal places for men and women (the mixer)
        min_participants = peewee.IntegerField(null=True)
        decision_on = peewee.DateField(null=True)
        state = peewee.CharField(max_length=20, default="open", index=True)
        cancel_reason = peewee.TextField(default="")
        created_by = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)
        updated_at = peewee.DateTimeField(default=now)

    class EventQuota(Base):
        """Places for people who match a filter.

        A limiting quota caps how many matching people take places. A reserved quota keeps places
        for one workplace until ``release_on``; after that its unused places are open to everyone.
        """

        event = peewee.ForeignKeyField(Event, backref="quotas", on_delete="CASCADE")
        name = peewee.CharField(max_length=100)
        capacity = peewee.IntegerField()
        gender = peewee.CharField(max_length=1, default="")
        min_age = peewee.IntegerField(null=True)
        max_age = peewee.IntegerField(null=True)
        workplace = peewee.ForeignKeyField(Organization, null=True, on_delete="RESTRICT")
        reserved = peewee.BooleanField(default=False)
        release_on = peewee.DateField(null=True)

    class Registration(Base):
        event = peewee.ForeignKeyField(Event, backref="registrations", on_delete="RESTRICT")
        person = peewee.ForeignKeyField(Person, backref="registrations", on_delete="RESTRICT")
        state = peewee.CharField(max_length=20)
        created_at = peewee.DateTimeField(default=now)
        staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
        waitlisted_at = peewee.DateTimeField(null=True)  # the waitlist's order
        priority = peewee.IntegerField(default=0)  # raised by hand, with a recorded reason
        offered_until = peewee.DateTimeField(null=True)
        confirmed_at = peewee.DateTimeField(null=True)
        checked_in_at = peewee.DateTimeField(null=True)
        closed_at = peewee.DateTimeField(null=True)
        closed_by = peewee.ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
        reason = peewee.TextField(default="")

        class Meta:
            indexes = ((("event", "state"), False), (("person", "state"), False))

    db.create_tables([EventSeries, Event, EventQuota, Registration])
    # The backstop of rule 3: one active registration per person and event.
    db.execute_sql(
        "CREATE UNIQUE INDEX registration_one_active ON registration (event_id, person_id) "
        "WHERE state IN ('pending', 'waitlisted', 'offered', 'confirmed', 'attended', 'no_show')"
    )
