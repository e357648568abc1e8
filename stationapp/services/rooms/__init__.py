"""Rooms and their bookings (issue 24): the week view of a room, bookings at the desk or by
phone, the counsellors' duty roster, and the confidentiality of the decompression room.

Who booked the decompression room (职工心理减压室), and the booking's note, is shown only to the
roles with ``room.confidential`` (the counsellors and the station head); everyone else sees the
slot as booked. A note on such a booking is health data (PIPL Art. 28): it needs the worker's
health consent on record.

A slot is scarce: a booking locks the room (SQLite: the IMMEDIATE transaction; PostgreSQL: the
room's row FOR UPDATE and an advisory lock for the counsellors), then counts what holds the slot,
then writes (DESIGN.md rule 3); a partial unique index is the backstop.

Closed days: China's public holidays and adjusted working days (调休) from ``chinese-calendar``,
plus the station's own. An adjusted working day on a weekend opens with the room's Monday hours.
For a year the library does not know yet (the State Council publishes each year's holidays in
November) only the weekly hours and the station's own closed days apply.
"""

from __future__ import annotations

from stationapp.services.rooms.bookings import (
    BookingInput,
    BookingView,
    Slot,
    SlotTaken,
    Week,
    book,
    bookings_of_person,
    bookings_on,
    cancel_booking,
    check_in,
    get_booking,
    mark_no_show,
    monday_of,
    move_booking,
    my_sessions,
    room_transaction,
    week,
)
from stationapp.services.rooms.hours import (
    BOOKABLE_DAYS_AHEAD,
    MAX_CAPACITY,
    MAX_NOTE,
    MAX_REASON,
    MAX_ROOM_NAME,
    MAX_SLOTS,
    SLOT_LENGTHS,
    booking_state_label,
    channel_label,
    day_hours,
    parse_span,
    public_day,
    room_kind_label,
    slot_starts,
    weekly_hours,
)
from stationapp.services.rooms.links import (
    RoomCheck,
    check_room,
    rooms_of_kind,
)
from stationapp.services.rooms.setup import (
    RoomInput,
    add_closed_day,
    add_duty,
    closed_days,
    counsellors,
    create_room,
    list_rooms,
    remove_closed_day,
    remove_duty,
    roster,
    update_room,
)
from stationapp.services.rooms.usage import (
    RoomUsage,
    usage,
    usage_figures,
)

__all__ = [
    "BOOKABLE_DAYS_AHEAD",
    "MAX_CAPACITY",
    "MAX_NOTE",
    "MAX_REASON",
    "MAX_ROOM_NAME",
    "MAX_SLOTS",
    "SLOT_LENGTHS",
    "BookingInput",
    "BookingView",
    "RoomCheck",
    "RoomInput",
    "RoomUsage",
    "Slot",
    "SlotTaken",
    "Week",
    "add_closed_day",
    "add_duty",
    "book",
    "booking_state_label",
    "bookings_of_person",
    "bookings_on",
    "cancel_booking",
    "channel_label",
    "check_in",
    "check_room",
    "closed_days",
    "counsellors",
    "create_room",
    "day_hours",
    "get_booking",
    "list_rooms",
    "mark_no_show",
    "monday_of",
    "move_booking",
    "my_sessions",
    "parse_span",
    "public_day",
    "remove_closed_day",
    "remove_duty",
    "room_kind_label",
    "room_transaction",
    "rooms_of_kind",
    "roster",
    "slot_starts",
    "update_room",
    "usage",
    "usage_figures",
    "week",
    "weekly_hours",
]
