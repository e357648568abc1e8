"""The loan lists (overdue, due soon, a person's loans) and the library statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

import peewee

from stationapp.db import is_sqlite, today
from stationapp.models.accounts import Staff
from stationapp.models.base import IdField
from stationapp.models.library import Copy, Loan, Title
from stationapp.models.people import Organization, Person
from stationapp.services.accounts import require
from stationapp.services.people import hands_people
from stationapp.services.periods import count_by_month, in_period

M = TypeVar("M", bound=peewee.Model)


@dataclass(frozen=True)
class LoanRow:
    loan: Loan
    title: str
    barcode: str
    person: Person
    workplace: str


def _loan_rows(query: peewee.ModelSelect) -> list[LoanRow]:
    """Whole loans and borrowers, but only the barcode, title and workplace name of the rest.

    Read as the driver's tuples: building five joined models per row cost three times the
    query on a call list of 1,000 loans (issue #9), and peewee's conversion of each value (most
    of them already what Python has) a third of what was left; only the values the driver does
    not hand over as Python has them are converted here. ``loan.copy`` and ``person.workplace``
    load on use.
    """
    loan_fields = Loan._meta.sorted_fields
    person_fields = Person._meta.sorted_fields
    columns = [*loan_fields, Copy.barcode, Title.title, *person_fields, Organization.name]
    query = (
        query.select(*columns)
        .join(Copy)
        .join(Title)
        .switch(Loan)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
    )
    as_is = _read_as_is()
    converters = [
        (i, column.python_value) for i, column in enumerate(columns) if type(column) not in as_is
    ]
    loan_names = [f.name for f in loan_fields]
    person_names = [f.name for f in person_fields]
    first_person = len(loan_names) + 2
    result: list[LoanRow] = []
    for row in Loan._meta.database.execute(query).fetchall():
        values = list(row)
        for i, convert in converters:
            values[i] = convert(values[i])
        loan = _read_model(Loan, loan_names, values[: len(loan_names)])
        person = _read_model(Person, person_names, values[first_person:-1])
        loan.person = person  # the joined borrower, as a joined select leaves it
        loan._dirty.clear()
        result.append(
            LoanRow(
                loan=loan,
                title=values[first_person - 1],
                barcode=values[first_person - 2],
                person=person,
                workplace=values[-1] if person.workplace_id else "",
            )
        )
    return result


# Both drivers hand text and integers over as Python has them; psycopg2 dates, times and
# booleans too (SQLite's are text and 0/1, which the fields convert).
_READ_AS_IS = (
    peewee.CharField,
    peewee.TextField,
    peewee.IntegerField,
    peewee.SmallIntegerField,
    peewee.ForeignKeyField,
    IdField,
)
_READ_AS_IS_POSTGRESQL = (peewee.DateField, peewee.DateTimeField, peewee.BooleanField)


def _read_as_is() -> tuple[type[peewee.Field], ...]:
    return _READ_AS_IS if is_sqlite() else _READ_AS_IS + _READ_AS_IS_POSTGRESQL


def _read_model(model: type[M], names: list[str], values: tuple[object, ...]) -> M:
    """A model read from the database, as peewee's own cursor leaves it (nothing dirty)."""
    instance = model(__no_default__=1)
    instance.__data__ = dict(zip(names, values, strict=True))
    return instance


@hands_people
def overdue_loans(actor: Staff, *, on: date | None = None, limit: int = 1000) -> list[LoanRow]:
    """Open loans past their due date, the longest overdue first (with phones for the call list)."""
    require(actor, "library.read")
    on = on or today()
    return _loan_rows(
        Loan.select()
        .where(Loan.returned_at.is_null(), Loan.due_on < on)
        .order_by(Loan.due_on, Loan.id)
        .limit(limit)
    )


@hands_people
def due_soon(
    actor: Staff, *, days: int = 3, on: date | None = None, limit: int = 1000
) -> list[LoanRow]:
    require(actor, "library.read")
    on = on or today()
    return _loan_rows(
        Loan.select()
        .where(Loan.returned_at.is_null(), Loan.due_on >= on, Loan.due_on <= on + timedelta(days))
        .order_by(Loan.due_on, Loan.id)
        .limit(limit)
    )


@hands_people
def person_loans(actor: Staff, person_id: int, *, limit: int = 100) -> list[LoanRow]:
    """Current loans first, then the history, newest first."""
    require(actor, "library.read")
    return _loan_rows(
        Loan.select()
        .where(Loan.person == person_id)
        .order_by(Loan.returned_at.is_null(False), Loan.lent_at.desc())
        .limit(limit)
    )


@dataclass(frozen=True)
class LibraryStatistics:
    loans_by_month: dict[str, int]
    top_titles: list[tuple[str, int]]
    active_readers: int
    readers_by_workplace: list[tuple[str, int]]


def statistics(actor: Staff, *, date_from: date, date_to: date, top: int = 10) -> LibraryStatistics:
    """Loans per month, most borrowed titles, active readers and readers per workplace, from SQL
    aggregates over loans made between the two dates."""
    require(actor, "library.read")
    in_range = in_period(Loan.lent_at, date_from, date_to)
    by_month = count_by_month(Loan.lent_at, in_range)
    count = peewee.fn.COUNT(Loan.id)
    top_titles = list(
        Loan.select(Title.title, count)
        .join(Copy)
        .join(Title)
        .where(in_range)
        .group_by(Title.id, Title.title)
        .order_by(count.desc(), Title.title)
        .limit(top)
        .tuples()
    )
    readers = Loan.select(peewee.fn.COUNT(Loan.person.distinct())).where(in_range).scalar() or 0
    distinct_readers = peewee.fn.COUNT(Loan.person.distinct())
    by_workplace = list(
        Loan.select(Organization.name, distinct_readers)
        .join(Person)
        .join(Organization)
        .where(in_range)
        .group_by(Organization.id, Organization.name)
        .order_by(distinct_readers.desc(), Organization.name)
        .tuples()
    )
    return LibraryStatistics(
        loans_by_month=by_month,
        top_titles=[(name, int(n)) for name, n in top_titles],
        active_readers=int(readers),
        readers_by_workplace=[(name, int(n)) for name, n in by_workplace],
    )
