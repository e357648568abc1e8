"""Version 15: rooms and their bookings (issue 24): rooms, the station's closed days, bookings,
the counsellors' duty roster.

Frozen copies of the version-15 tables, as in m0001.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Person = frozen_models(db, "staff", "person")

    class Room(Base):
        name = peewee.CharField(max_length=100, unique=True)
        kind = peewee.CharField(max_length=20)
        capacity = peewee.IntegerField(default=1)
        hours = peewee.CharField(max_length=200)
        slot_minutes = peewee.IntegerField(default=60)
        active = peewee.BooleanField(default=True)
        created_at = peewee.DateTimeField(default=now)

    class ClosedDay(Base):
        day = peewee.DateField(unique=True)
        reason = peewee.CharField(max_length=200, default="")

    class RoomBooking(Base):
        room = peewee.ForeignKeyField(Room, backref="bookings", on_delete="RESTRICT")
        person = peewee.ForeignKeyField(Person, backref="room_bookings", on_delete="RESTRICT")
        starts_at = peewee.DateTimeField()
        ends_at = peewee.DateTimeField()
        state = peewee.CharField(max_length=20, default="booked")
        channel = peewee.CharField(max_length=10, default="desk")
        note = peewee.TextField(default="")
        wants_counsellor = peewee.BooleanField(default=False)
        counsellor = peewee.ForeignKeyField(
            Staff, null=True, backref="counselling_sessions", on_delete="RESTRICT"
        )
        staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)
        checked_in_at = peewee.DateTimeField(null=True)
        closed_at = peewee.DateTimeField(null=True)
        closed_by = peewee.ForeignKeyField(Staff, null=True, on_delete="RESTRICT")

        class Meta:
            indexes = ((("room", "starts_at"), False), (("person", "starts_at"), False))

    class CounsellorDuty(Base):
        counsellor = peewee.ForeignKeyField(Staff, backref="duties", on_delete="RESTRICT")
        starts_at = peewee.DateTimeField(index=True)
        ends_at = peewee.DateTimeField()

    db.create_tables([Room, ClosedDay, RoomBooking, CounsellorDuty])
    # The backstop of rule 3: one booking holding a room at a given start.
    db.execute_sql(
        "CREATE UNIQUE INDEX room_booking_one_holder ON room_booking (room_id, starts_at) "
        "WHERE state IN ('booked', 'checked_in', 'no_show')"
    )
