"""The statutory retirement date after the 2025 reform, against the decision's annex tables."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationapp.services.retirement import statutory_retirement


def _age(birth: date, gender: str, **kw: int) -> tuple[int, int]:
    retired = statutory_retirement(birth, gender, **kw)
    assert retired is not None
    return retired.years, retired.months


@pytest.mark.parametrize(
    ("birth", "age", "retires"),
    [
        (date(1964, 12, 10), (60, 0), date(2024, 12, 10)),  # the last under the old rule
        (date(1965, 1, 10), (60, 1), date(2025, 2, 10)),  # the first affected
        (date(1965, 4, 30), (60, 1), date(2025, 5, 30)),
        (date(1965, 5, 1), (60, 2), date(2025, 7, 1)),
        (date(1970, 1, 15), (61, 4), date(2031, 5, 15)),
        (date(1976, 8, 31), (62, 12 - 1), date(2039, 7, 31)),
        (date(1976, 9, 1), (63, 0), date(2039, 9, 1)),  # the end of the transition
        (date(1990, 6, 1), (63, 0), date(2053, 6, 1)),
    ],
)
def test_retirement_men(birth: date, age: tuple[int, int], retires: date) -> None:
    retired = statutory_retirement(birth, "M")
    assert (retired.years, retired.months) == age
    assert retired.on == retires
    assert retired.rule == "men"


@pytest.mark.parametrize(
    ("birth", "age"),
    [
        (date(1969, 12, 1), (55, 0)),
        (date(1970, 1, 1), (55, 1)),
        (date(1970, 4, 1), (55, 1)),
        (date(1970, 5, 1), (55, 2)),
        (date(1981, 8, 1), (57, 11)),
        (date(1981, 9, 1), (58, 0)),  # the end of the transition
        (date(1995, 1, 1), (58, 0)),
    ],
)
def test_retirement_women_in_office_jobs(birth: date, age: tuple[int, int]) -> None:
    assert _age(birth, "F") == age  # 55 is the default category
    assert _age(birth, "F", female_category=55) == age


@pytest.mark.parametrize(
    ("birth", "age"),
    [
        (date(1974, 12, 1), (50, 0)),
        (date(1975, 1, 1), (50, 1)),
        (date(1975, 2, 1), (50, 1)),
        (date(1975, 3, 1), (50, 2)),  # one month more every two months
        (date(1984, 10, 1), (54, 11)),
        (date(1984, 11, 1), (55, 0)),  # the end of the transition
        (date(2000, 1, 1), (55, 0)),
    ],
)
def test_retirement_women_workers(birth: date, age: tuple[int, int]) -> None:
    assert _age(birth, "F", female_category=50) == age


def test_retirement_day_at_the_end_of_a_shorter_month() -> None:
    # Born on the 31st: the day is the month's last when the month is shorter.
    retired = statutory_retirement(date(1965, 10, 31), "M")
    assert (retired.years, retired.months) == (60, 3)
    assert retired.on == date(2026, 1, 31)
    assert statutory_retirement(date(1966, 12, 31), "M").on == date(2027, 6, 30)  # 60y6m
    assert statutory_retirement(date(1975, 7, 31), "F", female_category=50).on == date(
        2025, 11, 30
    )  # 50y4m


def test_retirement_needs_a_gender_and_a_known_category() -> None:
    assert statutory_retirement(date(1970, 1, 1), "") is None
    with pytest.raises(ValueError):
        statutory_retirement(date(1970, 1, 1), "F", female_category=60)


def test_retirement_words_name_the_rule() -> None:
    assert "before the 2025 reform" in statutory_retirement(date(1960, 1, 1), "M").describe()
    words = statutory_retirement(date(1970, 5, 1), "F").describe()
    assert "55 years 2 months" in words and "raised from 55" in words


@given(st.dates(date(1940, 1, 1), date(2010, 12, 31)), st.sampled_from(["M", "F50", "F55"]))
def test_retirement_grows_with_birth_and_stays_in_the_bounds(birth: date, who: str) -> None:
    gender, category = who[0], int(who[1:] or 55)
    retired = statutory_retirement(birth, gender, female_category=category)
    old = {"M": 60, "F": category}[gender]
    most = {"M": 63, "F": category + (5 if category == 50 else 3)}[gender]
    assert old * 12 <= retired.years * 12 + retired.months <= most * 12
    later = statutory_retirement(
        date(birth.year + 1, birth.month, 1), gender, female_category=category
    )
    assert later.years * 12 + later.months >= retired.years * 12 + retired.months
