"""Writing exports safely: Excel (.xlsx) or CSV, with formula injection neutralised.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run
as a formula by a spreadsheet program (a worker's name ``=HYPERLINK(...)`` typed at the desk or
imported from elsewhere). In Excel files such text is written as a string cell with Excel's
"quote prefix" (the text shows unchanged and is never evaluated); in CSV files it gets a leading
apostrophe, the usual guard. Characters XML cannot carry are dropped from Excel cells.

Files are written through services.private_files: 0600 beside the target and renamed at the end,
so a cancelled or failed export never leaves a half-written file or destroys the file it was to
replace.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from stationapp.services.private_files import commit, new_partial

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def needs_guard(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_value(value: object) -> str:
    """The text of one CSV cell; formula-like text is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal | float | int):
        return str(value)
    text = str(value)
    return "'" + text if needs_guard(text) else text


def xlsx_row(sheet: Any, values: Iterable[object]) -> list[object]:
    """The cells of one row for ``sheet.append``: text that could run as a formula becomes an
    explicit string cell with the quote prefix."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    cells: list[object] = []
    for value in values:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if needs_guard(value):
                if isinstance(sheet, WriteOnlyWorksheet):
                    cell = WriteOnlyCell(sheet)
                else:
                    cell = Cell(sheet)
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
                cells.append(cell)
                continue
        cells.append(value)
    return cells


class Cancelled(Exception):
    """Raised by a progress callback's caller to stop an export; nothing is left behind."""


class TableExport:
    """One table to ``path``: Excel when it ends in .xlsx, else CSV (UTF-8 with a byte-order
    mark, so Excel opens the Chinese text correctly).

    Use as a context manager; ``append`` rows; the file appears only when the block ends without
    an exception.
    """

    def __init__(self, path: Path, title: str, header: Sequence[str]) -> None:
        self.path = path
        self.partial = new_partial(path)
        self.is_excel = path.suffix.lower() == ".xlsx"
        self.rows = 0
        self._handle: Any = None
        if self.is_excel:
            from openpyxl import Workbook

            self._workbook = Workbook(write_only=True)
            self._sheet = self._workbook.create_sheet(title[:31])
            self._sheet.append(list(header))
        else:
            self._handle = open(self.partial, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._handle)
            self._csv.writerow([csv_value(h) for h in header])

    def append(self, values: Sequence[object]) -> None:
        if self.is_excel:
            self._sheet.append(xlsx_row(self._sheet, values))
        else:
            self._csv.writerow([csv_value(v) for v in values])
        self.rows += 1

    def __enter__(self) -> TableExport:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                if self.is_excel:
                    self._workbook.save(self.partial)
                else:
                    self._handle.close()
                commit(self.partial, self.path)
            elif self.is_excel:
                self._sheet.close()
                writer = getattr(self._sheet, "_writer", None)
                if writer is not None:
                    writer.cleanup()  # the streamed sheet's temporary file
        finally:
            if self._handle is not None and not self._handle.closed:
                self._handle.close()
            self.partial.unlink(missing_ok=True)
