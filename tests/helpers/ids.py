"""Valid test identity numbers, built the way the standard builds them."""

from __future__ import annotations

from datetime import date

from stdnum.cn import ric


def make_ric(*, area: str = "110101", birth: date = date(1985, 3, 21), seq: int = 123) -> str:
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # it ignores the last character
