"""What the spreadsheet imports share (the roster ``people_import``, the case ledger
``case_import``, the library catalogue ``library_import``): reading the rows below a header found
in the first rows, checking each row with progress and cancelling, the problems found (each with
its row and field) and the refusal that carries them, all or nothing.

Each import keeps its own messages (their translation contexts are the import's) and passes them
in; the messages written here are the roster's, where they were first written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from PySide6.QtCore import QCoreApplication

from stationapp.errors import UserError
from stationapp.services import spreadsheet_read

translate = QCoreApplication.translate

Progress = Callable[[int, int], bool]
Report = Callable[[int, int], None]
Record = tuple[int, list[Any]]
H = TypeVar("H")
R = TypeVar("R")


class ImportProblem(NamedTuple):
    """What is wrong where: the row as the spreadsheet numbers it, and the field (its column)."""

    row: int
    field: str
    message: str


class RowProblems(dict[tuple[str, str], None]):
    """A row's problems in the order found, each (field, message) once."""

    def add(self, name: str, message: str) -> None:
        self[(name, message)] = None

    def of_row(self, number: int) -> list[ImportProblem]:
        return [ImportProblem(number, name, message) for name, message in self]


class ImportRefused(UserError):
    """Nothing was imported; ``problems`` lists every problem, ``columns`` maps each field to
    its column's header in the file, so a problem can be shown under the name the person knows;
    ``rows`` is how many rows the file has to import (0 when it was not read that far)."""

    def __init__(
        self,
        message: str,
        *,
        problems: list[ImportProblem],
        columns: dict[str, str],
        rows: int = 0,
        labels: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(message)
        self.problems = problems
        self.columns = columns
        self.labels = labels  # a field's name when the file has no column for it
        self.rows = rows

    @property
    def good_rows(self) -> int:
        """The rows that ``skip_bad`` would import."""
        return max(0, self.rows - len({p.row for p in self.problems}))

    def lines(self) -> list[str]:
        """One line per problem: row, column, reason."""
        return [describe_problem(p, self.columns, self.labels) for p in self.problems]


def describe_problem(
    problem: ImportProblem,
    columns: dict[str, str],
    labels: Callable[[str], str] | None = None,
) -> str:
    column = columns.get(problem.field) or (labels or str)(problem.field)
    return translate("PeopleImport", "Row {row}, {column}: {reason}").format(
        row=problem.row, column=column, reason=problem.message
    )


@dataclass
class FileColumns:
    """How a file's columns are read: the header row, each field's column (0-based) and header,
    and the headers of the columns that are not imported."""

    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    ignored: list[str]
    header: list[Any] = field(default_factory=list, repr=False)


class ImportCancelled(Exception):
    """The progress callback said stop: nothing is written."""


def cancellable(progress: Progress | None, work: Callable[[Report], R], cancelled: R) -> R:
    """``work(report)``, whose ``report(done, total)`` tells ``progress``; when that returns
    False the work stops and ``cancelled`` is returned instead."""

    def report(done: int, total: int) -> None:
        if progress is not None and not progress(done, total):
            raise ImportCancelled

    try:
        return work(report)
    except ImportCancelled:
        return cancelled


def cell_text(value: Any) -> str:
    """A cell as text; whole numbers from a spreadsheet lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def cell_reader(record: list[Any], columns: dict[str, int]) -> Callable[[str], Any]:
    """A row's value of a field: the cell of the field's column, None when the file has no
    such column or the row stops short of it."""

    def cell(name: str) -> Any:
        index = columns.get(name)
        return record[index] if index is not None and index < len(record) else None

    return cell


def read_rows(path: Path, report: Report, *, unreadable: str | None = None) -> Iterator[Record]:
    """The file's rows, numbered as the spreadsheet numbers them; ``report`` is called now and
    then while reading (to show life and to cancel). ``unreadable`` is the message (with
    ``{reason}``) when the file cannot be read."""
    try:
        yield from spreadsheet_read.rows(path, tick=lambda _visited: report(0, 0))
    except OSError as exc:
        message = unreadable or translate("PeopleImport", "The file cannot be read: {reason}")
        raise UserError(message.format(reason=exc.strerror or str(exc))) from exc


def read_records(
    path: Path,
    report: Report,
    find_header: Callable[[int, list[Any]], H | None],
    *,
    header_rows: int,
    max_rows: int,
    too_many: str,
    unreadable: str | None = None,
) -> tuple[H | None, list[Record]]:
    """The header ``find_header(number, record)`` finds in the first ``header_rows`` rows (None
    when it finds none there), and the rows below it that hold anything; more than ``max_rows``
    of them is refused with ``too_many`` (with ``{count}``)."""
    header: H | None = None
    records: list[Record] = []
    for number, record in read_rows(path, report, unreadable=unreadable):
        if header is None:
            if number > header_rows:
                break
            header = find_header(number, record)
            continue
        if any(cell_text(value) for value in record):
            records.append((number, record))
            if len(records) > max_rows:
                raise UserError(too_many.format(count=f"{max_rows:,}"))
    return header, records


def check_records(
    records: list[Record],
    check: Callable[[int, list[Any]], tuple[R | None, list[ImportProblem]]],
    report: Report,
    *,
    every: int,
) -> tuple[list[R], list[ImportProblem]]:
    """Each record checked by ``check(number, record)``: the rows it made and every problem,
    with the progress told every ``every`` rows as the first half of twice the rows."""
    total = 2 * len(records)
    rows: list[R] = []
    problems: list[ImportProblem] = []
    for done, (number, record) in enumerate(records, 1):
        row, found = check(number, record)
        problems.extend(found)
        if row is not None:
            rows.append(row)
        if done % every == 0:
            report(done, total)
    report(len(records), total)
    return rows, problems


def in_file_order(problems: list[ImportProblem], fields: tuple[str, ...]) -> list[ImportProblem]:
    """The problems by row, and within a row in the order of the import's fields."""
    order = {name: index for index, name in enumerate(fields)}
    return sorted(problems, key=lambda p: (p.row, order.get(p.field, len(order))))


def rows_with_problems(problems: list[ImportProblem]) -> int:
    return len({p.row for p in problems})


def batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
