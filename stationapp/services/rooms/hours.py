"""Labels, opening hours and closed days: China's public holidays and adjusted working days
(``chinese-calendar``) and the station's own."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication

from stationapp.models.rooms import (
    WEEKDAYS,
    ClosedDay,
    Room,
)

translate = QCoreApplication.translate


MAX_ROOM_NAME = 100
MAX_NOTE = 1000
MAX_REASON = 200
MAX_CAPACITY = 1000
SLOT_LENGTHS: tuple[int, ...] = (15, 20, 30, 45, 60, 90, 120, 180, 240)
MAX_SLOTS = 8  # one booking: at most this many slots in a row
BOOKABLE_DAYS_AHEAD = 366


# --- labels -------------------------------------------------------------------------------------


def room_kind_label(kind: str) -> str:
    return {
        "decompression": translate("Rooms", "Psychological decompression room"),
        "mediation": translate("Rooms", "Mediation room"),
        "activity": translate("Rooms", "Activity room"),
        "reading": translate("Rooms", "Reading room"),
        "other": translate("Rooms", "Other room"),
    }.get(kind, kind)


def booking_state_label(state: str) -> str:
    return {
        "booked": translate("Rooms", "Booked"),
        "checked_in": translate("Rooms", "Checked in"),
        "no_show": translate("Rooms", "No-show"),
        "cancelled": translate("Rooms", "Cancelled"),
    }.get(state, state)


def channel_label(channel: str) -> str:
    return {
        "desk": translate("Rooms", "At the desk"),
        "phone": translate("Rooms", "By phone"),
    }.get(channel, channel)


# --- opening hours and closed days ---------------------------------------------------------------


def parse_span(text: str) -> tuple[time, time] | None:
    """ "09:00-17:00" as its two times; "" as None (closed). Raises ValueError for anything else."""
    text = text.strip().replace("–", "-").replace("：", ":")
    if not text:
        return None
    start_text, sep, end_text = text.partition("-")
    if not sep:
        raise ValueError(text)
    start = time.fromisoformat(start_text.strip().zfill(5))
    end = time.fromisoformat(end_text.strip().zfill(5))
    if end <= start:
        raise ValueError(text)
    return start, end


def weekly_hours(room: Room) -> list[tuple[time, time] | None]:
    parts = (room.hours or "").split(";")
    parts += [""] * (WEEKDAYS - len(parts))
    spans: list[tuple[time, time] | None] = []
    for part in parts[:WEEKDAYS]:
        try:
            spans.append(parse_span(part))
        except ValueError:
            spans.append(None)
    return spans


def public_day(day: date) -> tuple[bool | None, str]:
    """(True, name) on a public holiday, (False, "") on an adjusted working day that falls on a
    weekend, (None, "") on an ordinary day or in a year the calendar does not know yet."""
    import chinese_calendar

    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None, ""
    if holiday and name:
        return True, _holiday_name(name)
    if not holiday and day.weekday() >= 5:
        return False, ""
    return None, ""


def _holiday_name(name: str) -> str:
    return {
        "New Year's Day": translate("Rooms", "New Year's Day"),
        "Spring Festival": translate("Rooms", "Spring Festival"),
        "Tomb-sweeping Day": translate("Rooms", "Qingming Festival"),
        "Labour Day": translate("Rooms", "Labour Day"),
        "Dragon Boat Festival": translate("Rooms", "Dragon Boat Festival"),
        "National Day": translate("Rooms", "National Day"),
        "Mid-autumn Festival": translate("Rooms", "Mid-Autumn Festival"),
    }.get(name, name)


def _station_closed(date_from: date, date_to: date) -> dict[date, str]:
    rows = ClosedDay.select().where(ClosedDay.day.between(date_from, date_to))
    return {row.day: row.reason or translate("Rooms", "Station closed") for row in rows}


def day_hours(
    room: Room, day: date, station_closed: dict[date, str]
) -> tuple[tuple[time, time] | None, str]:
    """The room's opening hours on ``day`` and, when it is closed, why."""
    if day in station_closed:
        return None, station_closed[day]
    holiday, name = public_day(day)
    hours = weekly_hours(room)
    if holiday:
        return None, name
    span = hours[0] if holiday is False else hours[day.weekday()]
    if span is None:
        return None, translate("Rooms", "Closed")
    return span, ""


def slot_starts(room: Room, span: tuple[time, time], day: date) -> list[datetime]:
    start = datetime.combine(day, span[0])
    end = datetime.combine(day, span[1])
    step = timedelta(minutes=room.slot_minutes)
    starts = []
    moment = start
    while moment + step <= end:
        starts.append(moment)
        moment += step
    return starts
