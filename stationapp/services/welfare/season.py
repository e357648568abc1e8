"""The seasons of the welfare rounds: 送清凉 in July and August, 送温暖 over the days before the
Spring Festival, whose date comes from the lunar calendar (lunar-python computes it for any year,
so the season never runs out as a table ending in some year would)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

# 送温暖: the festival visits run over the 30 days before Spring Festival (the festival itself
# included).
WARMTH_DAYS = 30


@dataclass(frozen=True)
class Season:
    kind: str  # "cooling" (送清凉, July-August) or "warmth" (送温暖, before Spring Festival)
    starts_on: date
    ends_on: date


@cache
def spring_festival(year: int) -> date:
    """The first day of the first lunar month that begins in ``year`` (正月初一)."""
    # Imported here: the Today tab is the only screen that needs it, after the window is up.
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def season_of(day: date) -> Season | None:
    """The welfare season ``day`` falls in, if any."""
    if day.month in (7, 8):
        return Season("cooling", date(day.year, 7, 1), date(day.year, 8, 31))
    for year in (day.year, day.year + 1):
        festival = spring_festival(year)
        if festival - timedelta(days=WARMTH_DAYS) <= day <= festival:
            return Season("warmth", festival - timedelta(days=WARMTH_DAYS), festival)
    return None
