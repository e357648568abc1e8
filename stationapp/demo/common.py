"""What the demo's areas share: the seed, the accounts, the clock of the office hours, bulk
writing helpers."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from stationapp.models.accounts import (
    FRONT_DESK,
    LIBRARIAN,
    MEDIATION_HEAD,
    MEDIATOR,
    ORGANISER,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

DEMO_SEED = 20261124
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "demo-admin-1"
DEMO_PASSWORD = "demo-pass-1"
STATION_NAME = "东城区建国门街道工会服务站"
CASE_PREFIX = "建工调"

# username, display name, roles
DEMO_STAFF: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("frontdesk", "李晓梅", (FRONT_DESK,)),
    ("mediator", "张建国", (MEDIATOR,)),
    ("mediationhead", "陈志强", (MEDIATION_HEAD, MEDIATOR)),
    ("librarian", "刘静", (LIBRARIAN,)),
    ("organiser", "赵丽娜", (ORGANISER,)),
)

HISTORY_DAYS = 3 * 365


def _weighted(table: str) -> dict[str, int]:
    """Parse "王72 欧阳2" or "110101:30" into {value: weight}."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"([^\s:\d]+|\d{6}):?(\d+)", table)}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _unique(used: set[str], make: Callable[[], str]) -> str:
    for _ in range(1000):
        value = make()
        if value not in used:
            used.add(value)
            return value
    raise RuntimeError("could not draw a unique demo value")


def _office_hours(rng: random.Random, moment: datetime) -> datetime:
    """A time on a working day between 8:30 and 17:30, when the station is open."""
    day = moment.date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    start = datetime(day.year, day.month, day.day, 8, 30)
    return start + timedelta(seconds=rng.randrange(0, 9 * 3600))


def _next_open_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at_desk(rng: random.Random, day: date, *, after: datetime | None = None) -> datetime:
    """A time on ``day`` while the desk is open (8:30 to 17:30), after ``after`` if given."""
    start = datetime(day.year, day.month, day.day, 8, 30)
    if after is not None and after.date() == day:
        start = max(start, after + timedelta(minutes=5))
    end = datetime(day.year, day.month, day.day, 17, 30)
    if start >= end:
        return start
    return start + timedelta(seconds=rng.randrange(0, int((end - start).total_seconds())))
