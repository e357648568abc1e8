"""Version 17: mediation sessions and events book rooms (issue 24, point 6).

A case session may be planned before it is held (``state`` planned, held or cancelled, and the
planned end); a room booking is for a worker, an event or a planned case session, exactly one of
them (``person`` becomes nullable). SQLite cannot change a column's nullability or add a CHECK, so
the booking table is rebuilt there (renamed aside, created anew from a frozen copy, rows copied,
the old one dropped); PostgreSQL alters it in place.
"""

from __future__ import annotations

import peewee
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

from stationapp.migrations.frozen import frozen_models

ONE_HOLDER = (
    "(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) "
    "+ (CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) "
    "+ (CASE WHEN case_session_id IS NULL THEN 0 ELSE 1 END) = 1"
)
HOLDING_INDEX = (
    "CREATE UNIQUE INDEX room_booking_one_holder ON room_booking (room_id, starts_at) "
    "WHERE state IN ('booked', 'checked_in', 'no_show')"
)
COLUMNS = (
    "id, room_id, person_id, starts_at, ends_at, state, channel, note, wants_counsellor, "
    "counsellor_id, staff_id, created_at, checked_in_at, closed_at, closed_by_id"
)


def apply(db: peewee.Database) -> None:
    sqlite = isinstance(db, peewee.SqliteDatabase)
    migrator = SqliteMigrator(db) if sqlite else PostgresqlMigrator(db)
    migrate(
        migrator.add_column(
            "case_session", "state", peewee.CharField(max_length=20, default="held")
        ),
        migrator.add_column("case_session", "ends_at", peewee.DateTimeField(null=True)),
    )
    if sqlite:
        _rebuild_sqlite(db)
    else:
        for sql in (
            "ALTER TABLE room_booking ALTER COLUMN person_id DROP NOT NULL",
            "ALTER TABLE room_booking ADD COLUMN event_id INTEGER NULL "
            "REFERENCES event (id) ON DELETE RESTRICT",
            "ALTER TABLE room_booking ADD COLUMN case_session_id INTEGER NULL "
            "REFERENCES case_session (id) ON DELETE RESTRICT",
            "ALTER TABLE room_booking ADD CONSTRAINT room_booking_one_holder_kind "
            f"CHECK ({ONE_HOLDER})",
            "CREATE INDEX room_booking_event_id ON room_booking (event_id)",
            "CREATE INDEX room_booking_case_session_id ON room_booking (case_session_id)",
        ):
            db.execute_sql(sql)


def _rebuild_sqlite(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Person, Room, Event, CaseSession = frozen_models(
        db, "staff", "person", "room", "event", "case_session"
    )

    class RoomBooking(Base):
        room = peewee.ForeignKeyField(Room, backref="bookings", on_delete="RESTRICT")
        person = peewee.ForeignKeyField(
            Person, null=True, backref="room_bookings", on_delete="RESTRICT"
        )
        event = peewee.ForeignKeyField(
            Event, null=True, backref="room_bookings", on_delete="RESTRICT"
        )
        case_session = peewee.ForeignKeyField(
            CaseSession, null=True, backref="room_bookings", on_delete="RESTRICT"
        )
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
            table_name = "room_booking"
            indexes = ((("room", "starts_at"), False), (("person", "starts_at"), False))
            constraints = (peewee.SQL(f"CHECK ({ONE_HOLDER})"),)

    db.execute_sql("ALTER TABLE room_booking RENAME TO room_booking_old")
    old_indexes = db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'room_booking_old' "
        "AND sql IS NOT NULL"
    ).fetchall()
    for (name,) in old_indexes:
        db.execute_sql(f'DROP INDEX "{name}"')
    db.create_tables([RoomBooking])
    db.execute_sql(f"INSERT INTO room_booking ({COLUMNS}) SELECT {COLUMNS} FROM room_booking_old")
    db.execute_sql("DROP TABLE room_booking_old")
    db.execute_sql(HOLDING_INDEX)
