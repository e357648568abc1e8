"""Version 9: an index on people's birthdays within the year (month and day), so the Today tab's
"birthdays this week" reads the week's seven days from it instead of every person's row.

The indexed expression is services/today.py's ``month_day``, written identically: SQLite uses an
index on an expression only for the same expression. PostgreSQL cannot index ``to_char`` (it is
not immutable), so there the expression is month * 100 + day.
"""

from __future__ import annotations

import peewee

SQLITE_EXPRESSION = "strftime('%m-%d', birth_date)"
POSTGRESQL_EXPRESSION = "(date_part('month', birth_date) * 100 + date_part('day', birth_date))"


def apply(db: peewee.Database) -> None:
    expression = (
        SQLITE_EXPRESSION if isinstance(db, peewee.SqliteDatabase) else POSTGRESQL_EXPRESSION
    )
    db.execute_sql(f"CREATE INDEX person_birthday ON person ({expression})")
