"""Reading spreadsheets brought in from elsewhere (.xlsx, .xls, .ods, CSV), within bounds.

A file from a USB stick may be built to hurt: an .xlsx is a zip archive whose members can
claim a thousand times their size (1 GB of shared strings in a 13 MB file), and whose sheet can
claim ``A1:XFD1048576`` while holding five rows. Every import reads through this module, so the
checks are made once:

- the archive's directory is checked before anything is unpacked: the number of members, the
  total uncompressed size, the shared strings' size, and the compression ratio of every large
  member; a file over a limit is refused with a message naming the limit;
- only the rows that exist in the sheet are read (its claimed dimension is ignored), and only
  the first ``MAX_COLUMNS`` columns of each;
- a CSV file is read as a stream, never whole, with a bounded size;
- an old Excel workbook (.xls) or an OpenDocument spreadsheet (.ods) is read by python-calamine
  (openpyxl reads neither): the file's size is bounded, an .ods archive gets the same checks as
  an .xlsx, and a sheet claiming more rows than Excel allows is refused.

Rows come as ``(number, values)``: ``number`` is the row as the spreadsheet numbers it (empty
rows in between are skipped, not produced), so a problem can name the row the person sees.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from stationapp.errors import UserError

translate = QCoreApplication.translate

MB = 1024 * 1024
MAX_MEMBERS = 1_000  # a plain workbook has a dozen; Excel's own files stay far below this
MAX_DIRECTORY_BYTES = 4 * MB  # the zip's central directory, read before any member
MAX_UNCOMPRESSED = 200 * MB  # all members together, as the archive declares them
# A part openpyxl loads whole (shared strings, styles, anything but a sheet): what decides the
# memory an import takes.
MAX_PART = 64 * MB
MAX_CONTENT_TYPES = 1 * MB  # [Content_Types].xml, read to know which parts are sheets
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAX_RATIO = 100  # deflated XML of real data compresses 5-20 times; a bomb 1,000 times
RATIO_FLOOR = 1 * MB  # small members may compress well (an empty sheet): only larger ones count
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit; a row number beyond it is not a real sheet
MAX_COLUMNS = 256  # columns read per row; cells further right are ignored
MAX_CSV_BYTES = 100 * MB
# An .xls holds at most 65,536 x 256 cells; 50 MB is far beyond any station's roster.
MAX_CALAMINE_BYTES = 50 * MB
# calamine holds a sheet as one rectangle from A1 to its last used cell, in memory: an .ods row
# repeated 100,000 times over 1,000 columns asks for 100 million cells from a 1 KB file (a
# crash, measured). 5 million cells is 20,000 rows of 250 columns.
MAX_CELLS = 5_000_000
_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_VALUE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"
CSV_FIELD_LIMIT = 128 * 1024  # the csv module's own default, said out loud

TICK_EVERY = 200  # rows read between two calls of a caller's tick (its progress and Cancel)

Tick = Callable[[int], None]

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22


class SpreadsheetRefused(UserError):
    """The file was not read: it is over one of the limits above (``limit`` names which)."""

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB"


def _refuse_larger(path: Path, most: int, message: str, *, limit: str) -> None:
    """Refuse a file of more than ``most`` bytes with ``message`` (translated, naming {size} and
    {limit})."""
    size = path.stat().st_size
    if size > most:
        raise SpreadsheetRefused(message.format(size=_mb(size), limit=_mb(most)), limit=limit)


def _unreadable(reason: str) -> UserError:
    return UserError(
        translate(
            "Spreadsheets", "The file cannot be read as an Excel workbook (.xlsx): {reason}"
        ).format(reason=reason)
    )


# --- the archive ---------------------------------------------------------------------------------


def _directory_size(path: Path) -> tuple[int, int]:
    """(members, bytes) of the zip's central directory, from its end record, before zipfile
    reads the directory (a directory of millions of entries would take gigabytes as ZipInfo)."""
    with path.open("rb") as handle:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        tail_size = min(size, _EOCD_SIZE + 65_535)  # the end record, then a comment
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        raise _unreadable(translate("Spreadsheets", "it is not a zip archive"))
    _disk, _start, _here, members, directory, _offset, _comment = struct.unpack(
        "<HHHHIIH", tail[at + 4 : at + _EOCD_SIZE]
    )
    return members, directory


def _too_many_members() -> SpreadsheetRefused:
    return SpreadsheetRefused(
        translate(
            "Spreadsheets",
            "The workbook has more than {limit} parts; a spreadsheet has a few dozen. It "
            "was not read.",
        ).format(limit=f"{MAX_MEMBERS:,}"),
        limit="members",
    )


def _contents_too_large(limit: int) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        translate(
            "Spreadsheets",
            "The workbook's table of contents is larger than {limit}; it was not read.",
        ).format(limit=_mb(limit)),
        limit="directory",
    )


def _check_parts(infos: list[zipfile.ZipInfo], *, streamed: Collection[str]) -> None:
    """Refuse a workbook with a part over the size limit (except the ``streamed`` ones, read
    a little at a time), a part packed too tightly, or too much in all."""
    total = 0
    for info in infos:
        total += info.file_size
        # openpyxl streams the sheets but loads every other part whole (the shared strings,
        # wherever the content types put them, the styles, the workbook): those are capped.
        if info.filename not in streamed and info.file_size > MAX_PART:
            raise SpreadsheetRefused(
                translate(
                    "Spreadsheets",
                    "A part of the workbook ({name}) unpacks to {size}, over the limit of "
                    "{limit}. It was not read; save the data in a new workbook, or as CSV, and "
                    "import that.",
                ).format(name=info.filename, size=_mb(info.file_size), limit=_mb(MAX_PART)),
                limit="part",
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SpreadsheetRefused(
                translate(
                    "Spreadsheets",
                    "A part of the workbook ({name}) unpacks to {ratio:,} times its size, over "
                    "the limit of {limit} times: it is not an ordinary spreadsheet and was not "
                    "read.",
                ).format(
                    name=info.filename,
                    ratio=info.file_size // max(info.compress_size, 1),
                    limit=MAX_RATIO,
                ),
                limit="ratio",
            )
    if total > MAX_UNCOMPRESSED:
        raise SpreadsheetRefused(
            translate(
                "Spreadsheets",
                "The workbook unpacks to {size}, over the limit of {limit}. It was not read; "
                "split it into smaller files.",
            ).format(size=_mb(total), limit=_mb(MAX_UNCOMPRESSED)),
            limit="uncompressed",
        )


def _check_directory(path: Path) -> None:
    """Refuse an archive whose directory lists too many members or is too large itself."""
    members, directory = _directory_size(path)
    if members > MAX_MEMBERS or members == 0xFFFF:
        raise _too_many_members()
    if directory > MAX_DIRECTORY_BYTES:
        raise _contents_too_large(MAX_DIRECTORY_BYTES)


def check_xlsx(path: Path) -> None:
    """Refuse an .xlsx archive over the limits, from its directory only (nothing is unpacked).

    The sizes checked are the ones the archive declares: zipfile never unpacks more than a
    member declares (it stops there and fails the member's checksum).
    """
    _check_directory(path)
    sheets: set[str] = set()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) <= MAX_MEMBERS:
                sheets = _worksheet_parts(archive)
    except UserError:
        raise
    except Exception as exc:  # BadZipFile, and what a damaged directory makes zipfile raise
        raise _unreadable(str(exc) or type(exc).__name__) from exc
    if len(infos) > MAX_MEMBERS:  # the end record may understate them
        raise _too_many_members()
    _check_parts(infos, streamed=sheets)


def _worksheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """The members [Content_Types].xml declares as worksheets (the parts read as a stream)."""
    from xml.etree import ElementTree

    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return set()  # openpyxl refuses such a file itself
    if info.file_size > MAX_CONTENT_TYPES:
        raise _contents_too_large(MAX_CONTENT_TYPES)
    root = ElementTree.fromstring(archive.read(info))
    return {
        element.get("PartName", "").lstrip("/")
        for element in root
        if element.tag.endswith("}Override") and element.get("ContentType") == WORKSHEET_TYPE
    }


# --- rows ---------------------------------------------------------------------------------------


def xlsx_rows(
    path: Path, *, tick: Tick | None = None, max_columns: int = MAX_COLUMNS
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of the workbook's active sheet that hold something, after ``check_xlsx``.

    The sheet's claimed dimension is not trusted: the sheet's XML is streamed and only the rows
    it contains are produced (openpyxl's read-only sheet would pad up to the claimed size, a
    million empty rows of 16,384 cells for ``A1:XFD1048576``). ``tick(visited)`` is called every
    ``TICK_EVERY`` rows read from the sheet, empty ones included: it may raise to stop.
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import WorkSheetParser

    path = Path(path)
    check_xlsx(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise _unreadable(str(exc) or type(exc).__name__) from exc
    try:
        sheet = workbook.active
        if not isinstance(sheet, ReadOnlyWorksheet):  # a chartsheet, or no sheet at all
            raise _unreadable(translate("Spreadsheets", "its first sheet holds no table"))
        # As ReadOnlyWorksheet._cells_by_row reads it, without its padding to the dimension.
        with _guarded(sheet._get_source) as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            parsed = _guarded(lambda: parser.parse())
            for visited, (number, cells) in enumerate(_guarded_iter(parsed), 1):
                if tick is not None and visited % TICK_EVERY == 0:
                    tick(visited)
                if number > MAX_SHEET_ROWS or number < 1:
                    raise _unreadable(
                        translate("Spreadsheets", "it has a row numbered {number}").format(
                            number=f"{number:,}"
                        )
                    )
                values: list[Any] = []
                for cell in cells:
                    column, value = cell["column"], cell["value"]
                    if value is None or column > max_columns or column < 1:
                        continue
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = value
                if values:
                    yield number, values
    finally:
        workbook.close()


def _guarded(call: Callable[[], Any]) -> Any:
    """``call()``, with what openpyxl or zipfile raise for a damaged file made a UserError."""
    try:
        return call()
    except UserError:
        raise
    except Exception as exc:  # damaged XML inside the sheet, a cell openpyxl cannot convert
        raise _unreadable(str(exc) or type(exc).__name__) from exc


def _guarded_iter(iterator: Iterator[Any]) -> Iterator[Any]:
    """The items of ``iterator``; a failure while producing one becomes a UserError (and only
    then: what the consumer raises between items is its own)."""
    done = object()
    while (item := _guarded(lambda: next(iterator, done))) is not done:
        yield item


def _decodes_as(path: Path, encoding: str) -> bool:
    """Whether the whole file is text in ``encoding``, read in pieces (never whole)."""
    with path.open("rb") as handle, io.TextIOWrapper(handle, encoding=encoding) as text:
        try:
            while text.read(1024 * 1024):
                pass
        except UnicodeDecodeError:
            return False
    return True


def csv_rows(path: Path, *, tick: Tick | None = None) -> Iterator[tuple[int, list[str]]]:
    """The rows of a CSV file that hold something (UTF-8, else GB18030; comma, tab or
    semicolon), streamed: memory stays bounded whatever the file's size."""
    path = Path(path)
    _refuse_larger(
        path,
        MAX_CSV_BYTES,
        translate(
            "Spreadsheets",
            "The file is {size}, over the limit of {limit} for a CSV file; split it.",
        ),
        limit="csv_size",
    )
    encoding = next((e for e in ("utf-8-sig", "gb18030") if _decodes_as(path, e)), None)
    if encoding is None:
        raise UserError(
            translate(
                "Spreadsheets",
                "The file is neither UTF-8 nor GB18030 text. Save it again as CSV (UTF-8).",
            )
        )
    with path.open("rb") as handle, io.TextIOWrapper(handle, encoding=encoding, newline="") as text:
        first_line = text.readline(64 * 1024)
        delimiter = max(",\t;", key=first_line.count)
        if not first_line.count(delimiter):
            delimiter = ","
        text.seek(0)
        try:
            for number, row in enumerate(csv.reader(text, delimiter=delimiter), 1):
                if tick is not None and number % TICK_EVERY == 0:
                    tick(number)
                if any(row):
                    yield number, row
        except csv.Error as exc:
            raise UserError(
                translate("Spreadsheets", "The file is not a valid CSV file: {reason}").format(
                    reason=str(exc)
                )
            ) from exc


def _check_ods(path: Path) -> None:
    """An .ods is a zip archive like an .xlsx: the same limits on its directory and members.

    calamine loads the sheet's part (content.xml) whole, so it counts as a part here."""
    _check_directory(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, and what a damaged directory makes zipfile raise
        raise _unreadable_other(str(exc) or type(exc).__name__) from exc
    if len(infos) > MAX_MEMBERS:
        raise _too_many_members()
    _check_parts(infos, streamed=frozenset())


def _ods_cells(path: Path) -> int:
    """The cells of the rectangle calamine would build for the first sheet of an .ods: from A1
    to the last row and the last column holding something, repeated rows and cells counted.
    The sheet's XML is streamed (its size is already bounded by ``_check_ods``)."""
    from xml.etree import ElementTree

    rows = width = number = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for _event, element in ElementTree.iterparse(content):
            if element.tag == _ODS_TABLE + "table":
                break  # the first sheet ends
            if element.tag != _ODS_TABLE + "table-row":
                continue
            column = last = 0
            for cell in element:
                if cell.tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                    column += int(cell.get(_ODS_TABLE + "number-columns-repeated", "1"))
                    if len(cell) or cell.get(_ODS_VALUE_TYPE):
                        last = column
            number += int(element.get(_ODS_TABLE + "number-rows-repeated", "1"))
            if last:
                rows, width = number, max(width, last)
            element.clear()
    return rows * width


def _too_many_cells(cells: int) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        translate(
            "Spreadsheets",
            "The sheet spans {cells} cells, over the limit of {limit}. It was not read; delete "
            "the empty rows and columns around the table, or save it as CSV, and import that.",
        ).format(cells=f"{cells:,}", limit=f"{MAX_CELLS:,}"),
        limit="cells",
    )


def _unreadable_other(reason: str) -> UserError:
    return UserError(
        translate("Spreadsheets", "The file cannot be read as a spreadsheet: {reason}").format(
            reason=reason
        )
    )


def calamine_rows(
    path: Path, *, tick: Tick | None = None, max_columns: int = MAX_COLUMNS
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of the first sheet of an .xls or .ods file that hold something, numbered as the
    spreadsheet numbers them. Dates come as ``date``/``datetime``, numbers as ``int``/``float``."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    _refuse_larger(
        path,
        MAX_CALAMINE_BYTES,
        translate(
            "Spreadsheets",
            "The file is {size}, over the limit of {limit} for a spreadsheet; split it.",
        ),
        limit="size",
    )
    try:
        if path.suffix.lower() == ".ods":
            _check_ods(path)
            cells = _ods_cells(path)
            if cells > MAX_CELLS:
                raise _too_many_cells(cells)
        workbook = CalamineWorkbook.from_path(str(path))
        if not workbook.sheet_names:
            raise _unreadable_other(translate("Spreadsheets", "it has no sheet"))
        # An .xls cannot span more than 65,536 x 256 cells: its rectangle is bounded by the
        # format, and checked here before it is turned into Python values.
        sheet = workbook.get_sheet_by_index(0)
        start = sheet.start or (0, 0)
        cells = (start[0] + sheet.height) * (start[1] + sheet.width)
        if start[0] + sheet.height > MAX_SHEET_ROWS:
            raise _unreadable_other(
                translate("Spreadsheets", "it has a row numbered {number}").format(
                    number=f"{start[0] + sheet.height:,}"
                )
            )
        if cells > MAX_CELLS:
            raise _too_many_cells(cells)
        data = sheet.iter_rows()
    except UserError:
        raise
    except Exception as exc:  # calamine raises its own kinds for a damaged or foreign file
        raise _unreadable_other(str(exc) or type(exc).__name__) from exc
    # iter_rows starts at row 1 whatever the first used row, but at the first used column.
    padding: list[Any] = [None] * start[1]
    for number, record in enumerate(_guarded_rows(data), 1):
        if tick is not None and number % TICK_EVERY == 0:
            tick(number)
        row = padding + [None if value == "" else value for value in record]
        values = row[:max_columns]
        while values and values[-1] is None:
            values.pop()
        if values:
            yield number, values


def _guarded_rows(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    """calamine's rows; a failure while producing one becomes a UserError."""
    done = object()
    while True:
        try:
            item = next(rows, done)
        except Exception as exc:  # a value calamine cannot convert
            raise _unreadable_other(str(exc) or type(exc).__name__) from exc
        if item is done:
            return
        yield item


def rows(path: Path, *, tick: Tick | None = None) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a workbook (.xlsx, .xls, .ods) or a CSV file, by the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from csv_rows(path, tick=tick)
    elif suffix in (".xlsx", ".xlsm"):
        yield from xlsx_rows(path, tick=tick)
    elif suffix in (".xls", ".ods"):
        yield from calamine_rows(path, tick=tick)
    else:
        raise UserError(
            translate(
                "Spreadsheets",
                "Only Excel workbooks (.xlsx, .xls), OpenDocument spreadsheets (.ods) and CSV "
                "files can be imported; save the file in one of these formats.",
            )
        )
