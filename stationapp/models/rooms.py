"""The station's rooms (职工之家, 职工书屋, 劳动争议调解室, 职工心理减压室), their bookings, the
station's own closed days, and the volunteer counsellors' duty roster."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.events import Event
from stationapp.models.mediation import CaseSession
from stationapp.models.people import Person

ROOM_KINDS: tuple[str, ...] = ("decompression", "mediation", "activity", "reading", "other")
DECOMPRESSION = "decompression"
BOOKING_STATES: tuple[str, ...] = ("booked", "checked_in", "no_show", "cancelled")
# A booking in one of these states holds its slot (a no-show kept the room empty all the same).
HOLDING_STATES: tuple[str, ...] = ("booked", "checked_in", "no_show")
CHANNELS: tuple[str, ...] = ("desk", "phone")
WEEKDAYS = 7


class Room(BaseModel):
    name = peewee.CharField(max_length=100, unique=True)
    kind = peewee.CharField(max_length=20)
    capacity = peewee.IntegerField(default=1)
    # Opening hours per weekday, Monday first: "09:00-17:00" or "" (closed), joined by ";".
    hours = peewee.CharField(max_length=200)
    slot_minutes = peewee.IntegerField(default=60)
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField(default=now)


class ClosedDay(BaseModel):
    """A day the station itself is closed (beyond the public holidays): a move, an inspection."""

    day = peewee.DateField(unique=True)
    reason = peewee.CharField(max_length=200, default="")


class RoomBooking(BaseModel):
    """A room held for a worker, an event or a planned mediation session: exactly one of
    ``person``, ``event`` and ``case_session`` is set (a CHECK since version 17)."""

    room = peewee.ForeignKeyField(Room, backref="bookings", on_delete="RESTRICT")
    person = peewee.ForeignKeyField(
        Person, null=True, backref="room_bookings", on_delete="RESTRICT"
    )
    event = peewee.ForeignKeyField(Event, null=True, backref="room_bookings", on_delete="RESTRICT")
    case_session = peewee.ForeignKeyField(
        CaseSession, null=True, backref="room_bookings", on_delete="RESTRICT"
    )
    starts_at = peewee.DateTimeField()
    ends_at = peewee.DateTimeField()
    state = peewee.CharField(max_length=20, default="booked")
    channel = peewee.CharField(max_length=10, default="desk")
    note = peewee.TextField(default="")  # health data in the decompression room: needs consent
    wants_counsellor = peewee.BooleanField(default=False)
    counsellor = peewee.ForeignKeyField(
        Staff, null=True, backref="counselling_sessions", on_delete="RESTRICT"
    )
    staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)
    checked_in_at = peewee.DateTimeField(null=True)
    closed_at = peewee.DateTimeField(null=True)  # cancelled or marked a no-show
    closed_by = peewee.ForeignKeyField(Staff, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("room", "starts_at"), False), (("person", "starts_at"), False))
        constraints = (
            peewee.SQL(
                "CHECK ((CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) "
                "+ (CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) "
                "+ (CASE WHEN case_session_id IS NULL THEN 0 ELSE 1 END) = 1)"
            ),
        )


class CounsellorDuty(BaseModel):
    """A counsellor on duty at the station from ``starts_at`` to ``ends_at`` (one day)."""

    counsellor = peewee.ForeignKeyField(Staff, backref="duties", on_delete="RESTRICT")
    starts_at = peewee.DateTimeField(index=True)
    ends_at = peewee.DateTimeField()
