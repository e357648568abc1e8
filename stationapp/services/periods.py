"""Periods in SQL, shared by the statistics of the areas: the days of a report, its months."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import peewee

from stationapp.db import is_sqlite


def in_period(moment: peewee.Field, date_from: date, date_to: date) -> peewee.Expression:
    """``moment`` (a date and time) falls on one of the days from ``date_from`` to ``date_to``,
    both included."""
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to + timedelta(days=1), time.min)
    return (moment >= start) & (moment < end)


def count_by_month(moment: peewee.Field, where: peewee.Expression) -> dict[str, int]:
    """How many rows of ``moment``'s table match ``where``, by the month of ``moment``
    ('YYYY-MM'), in month order."""
    model = moment.model
    month = (
        peewee.fn.strftime("%Y-%m", moment) if is_sqlite() else peewee.fn.to_char(moment, "YYYY-MM")
    )
    return dict(
        model.select(month, peewee.fn.COUNT(model.id))
        .where(where)
        .group_by(month)
        .order_by(month)
        .tuples()
    )
