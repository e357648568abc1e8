"""Statutory retirement ages after the 2025 reform.

The NPC Standing Committee's decision of 13 September 2024 (全国人民代表大会常务委员会关于实施
渐进式延迟法定退休年龄的决定) raises the statutory retirement age from 1 January 2025 over fifteen
years, by the month the person would have retired under the old rule:

- men, from 60 to 63: one month later for every four months of old retirement dates
  (born January 1965 and later; 63 from those born in September 1976);
- women whose old age was 55 (cadres, office jobs), from 55 to 58: likewise one month every four
  months (born January 1970 and later; 58 from September 1981);
- women whose old age was 50 (workers), from 50 to 55: one month every two months (born
  January 1975 and later; 55 from November 1984).

So the first to be affected retire at 60 years and 1 month (men born January to April 1965),
and the table of the decision's annex follows from the rule. Early retirement for arduous jobs
and flexible early or late retirement by agreement are individual decisions the desk cannot
know: the date computed here is the statutory one, and the words say which rule gave it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

REFORM_STARTS = date(2025, 1, 1)
# Women's old retirement age: 55 for cadres and office jobs (the default for station members),
# 50 for workers.
FEMALE_CATEGORIES = (55, 50)
DEFAULT_FEMALE_CATEGORY = 55

# (old age in years, the most months added, old retirement months per month added)
_RULES = {"men": (60, 36, 4), "women_55": (55, 36, 4), "women_50": (50, 60, 2)}


@dataclass(frozen=True)
class Retirement:
    """A person's statutory retirement: the day, the age then, and the rule that gave it."""

    on: date
    years: int
    months: int
    rule: str  # "men", "women_55", "women_50"
    months_added: int  # by the 2025 reform; 0 for those who retired under the old rule

    def describe(self) -> str:
        """The rule and the age in words, for a hint at the desk."""
        age = translate("Retirement", "{years} years").format(years=self.years)
        if self.months:
            age = translate("Retirement", "{years} years {months} months").format(
                years=self.years, months=self.months
            )
        if not self.months_added:
            rule = {
                "men": translate("Retirement", "men, the age before the 2025 reform"),
                "women_55": translate(
                    "Retirement", "women in office jobs (55), the age before the 2025 reform"
                ),
                "women_50": translate(
                    "Retirement", "women workers (50), the age before the 2025 reform"
                ),
            }[self.rule]
        else:
            rule = {
                "men": translate("Retirement", "men, raised from 60 by the 2025 reform"),
                "women_55": translate(
                    "Retirement", "women in office jobs, raised from 55 by the 2025 reform"
                ),
                "women_50": translate(
                    "Retirement", "women workers, raised from 50 by the 2025 reform"
                ),
            }[self.rule]
        return translate("Retirement", "{age} ({rule})").format(age=age, rule=rule)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def statutory_retirement(
    birth: date, gender: str, *, female_category: int = DEFAULT_FEMALE_CATEGORY
) -> Retirement | None:
    """The statutory retirement of a person born on ``birth``; None without a gender ("M"/"F").

    ``female_category`` is a woman's old retirement age, 55 or 50."""
    if gender == "M":
        rule = "men"
    elif gender == "F":
        if female_category not in FEMALE_CATEGORIES:
            raise ValueError(f"a woman's old retirement age is 55 or 50, not {female_category}")
        rule = f"women_{female_category}"
    else:
        return None
    old_age, most, every = _RULES[rule]
    old_month = (birth.year + old_age) * 12 + birth.month - 1
    after_reform = old_month - (REFORM_STARTS.year * 12 + REFORM_STARTS.month - 1)
    added = 0 if after_reform < 0 else min(most, after_reform // every + 1)
    total = old_age * 12 + added
    return Retirement(
        on=_add_months(birth, total),
        years=total // 12,
        months=total % 12,
        rule=rule,
        months_added=added,
    )
