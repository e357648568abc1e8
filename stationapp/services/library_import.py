"""Import of an existing catalogue from a spreadsheet (.xlsx) or a CSV file.

The whole file is checked before anything is written: every problem is reported with the row
number the librarian sees in the spreadsheet, and either every row is imported in one
transaction or none is. Each row is one title and the copies whose barcodes it lists; rows with
the same ISBN and title (or, without an ISBN, the same title and author) are one title, and a
title already in the catalogue under that key gets the new copies.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import now, transaction
from stationapp.errors import UserError, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.library import ITEM_TYPES, Box, Copy, Title
from stationapp.models.people import Person
from stationapp.services import bulk, changes, spreadsheet_read
from stationapp.services.accounts import audit, require
from stationapp.services.importing import ImportProblem, ImportRefused
from stationapp.services.importing import cell_text as _cell_text
from stationapp.services.library import (
    CopyInput,
    TitleInput,
    _title_search_text,
    _validate_copy,
    _validate_title,
    item_type_label,
)
from stationapp.services.search_keys import normalize_query

translate = QCoreApplication.translate

Progress = Callable[[int, int], bool]

FIELDS: tuple[str, ...] = (
    "title",
    "author",
    "isbn",
    "publisher",
    "year",
    "classification",
    "item_type",
    "barcode",
    "copies",
    "accession_number",
    "price",
    "location",
)
# Header names per field, the preferred first: when a file has two columns for one field (分类号
# and 索书号), the first name found wins and the other column is ignored.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("书名", "题名", "正题名", "title", "书刊名称", "名称"),
    "author": ("作者", "著者", "责任者", "author", "authors"),
    "isbn": ("isbn", "isbn号", "标准书号", "国际标准书号"),
    "publisher": ("出版社", "出版者", "出版单位", "publisher"),
    "year": ("出版年", "出版年份", "出版时间", "出版日期", "year", "publicationyear"),
    "classification": (
        "分类号",
        "中图分类号",
        "中图法分类号",
        "classification",
        "class",
        "索书号",
        "callnumber",
    ),
    "item_type": ("类型", "文献类型", "资料类型", "itemtype", "type"),
    "barcode": ("条码", "条码号", "条形码", "barcode", "barcodes"),
    "copies": ("册数", "复本数", "数量", "copies"),
    "accession_number": ("登录号", "财产号", "accession", "accessionnumber"),
    "price": ("价格", "定价", "单价", "price"),
    "location": ("馆藏地", "馆藏地点", "馆藏位置", "存放位置", "位置", "location"),
}
ITEM_TYPE_ALIASES: dict[str, str] = {
    "图书": "book",
    "书": "book",
    "普通图书": "book",
    "期刊": "magazine",
    "杂志": "magazine",
    "报刊": "magazine",
    "工具书": "reference",
    "参考书": "reference",
    "参考工具书": "reference",
    "音像": "audiovisual",
    "音像制品": "audiovisual",
    "视听资料": "audiovisual",
    "光盘": "audiovisual",
}
HEADER_SEARCH_ROWS = 10  # a title line above the header is common in exported spreadsheets
BATCH = 500  # rows checked, then written, at a time
PROGRESS_EVERY = 200
MAX_ROWS = 200_000
_SEPARATORS = re.compile(r"[;；,，、\r\n]+")
_YEAR = re.compile(r"^(\d{4})(?!\d)")
_CURRENCY = re.compile(r"[¥￥元]|cny|rmb", re.IGNORECASE)


@dataclass
class ImportResult:
    rows: int = 0
    titles_created: int = 0
    titles_existing: int = 0  # titles already in the catalogue that got new copies
    copies_created: int = 0
    cancelled: bool = False
    barcodes: list[str] = field(default_factory=list)  # of the new copies, for their labels


@dataclass
class _Row:
    number: int
    title: dict[str, Any]
    copies: list[dict[str, Any]]


class _Cancelled(Exception):
    pass


# --- reading ------------------------------------------------------------------------------------


def _header_key(text: Any) -> str:
    key = normalize_query(_cell_text(text))
    return re.sub(r"[\s_()（）:：*]", "", key).replace("/", "")


def _find_columns(record: list[Any]) -> dict[str, int]:
    keys = [_header_key(cell) for cell in record]
    columns: dict[str, int] = {}
    for name, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            if alias in keys:
                columns[name] = keys.index(alias)
                break
    return columns


# --- checking ------------------------------------------------------------------------------------


def _item_type(raw: str) -> str:
    text = normalize_query(raw)
    if not text:
        return "book"
    if text in ITEM_TYPES:
        return text
    if text in ITEM_TYPE_ALIASES:
        return ITEM_TYPE_ALIASES[text]
    for code in ITEM_TYPES:
        if normalize_query(item_type_label(code)) == text:
            return code
    return raw  # refused by the title's validation


def _year(value: Any) -> str | int | None:
    if isinstance(value, (datetime, date)):
        return value.year
    text = _cell_text(value)
    match = _YEAR.match(text)
    return int(match.group(1)) if match else (text or None)


def _isbn_text(value: Any) -> str:
    text = _cell_text(value)
    # A spreadsheet stores an ISBN typed as a number without its leading zero.
    if isinstance(value, (int, float)) and text.isdigit() and len(text) in (9, 12):
        text = "0" + text
    return text


def _price(value: Any) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return _CURRENCY.sub("", _cell_text(value)).strip()


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(_cell_text(value)) if part.strip()]


def _check_row(
    number: int, record: list[Any], columns: dict[str, int]
) -> tuple[_Row | None, list[ImportProblem], list[str]]:
    """The row's title and copies, or its problems; and its barcodes as they would be stored."""

    def cell(name: str) -> Any:
        index = columns.get(name)
        return record[index] if index is not None and index < len(record) else None

    problems: dict[tuple[str, str], None] = {}
    title_values: dict[str, Any] = {}
    try:
        title_values = _validate_title(
            TitleInput(
                title=_cell_text(cell("title")),
                author=_cell_text(cell("author")),
                isbn=_isbn_text(cell("isbn")),
                publisher=_cell_text(cell("publisher")),
                year=_year(cell("year")),
                classification=_cell_text(cell("classification")),
                item_type=_item_type(_cell_text(cell("item_type"))),
            )
        )
    except ValidationError as exc:
        for name, message in exc.errors.items():
            problems[(name, message)] = None

    barcodes = _split(cell("barcode"))
    if not barcodes:
        problems[
            (
                "barcode",
                translate(
                    "LibraryImport",
                    "Each row needs the barcode of its copy (several separated by ; or ，): "
                    "a copy without a barcode cannot be lent.",
                ),
            )
        ] = None
    for barcode in barcodes:
        if any(ch.isspace() for ch in barcode):
            problems[
                (
                    "barcode",
                    translate(
                        "LibraryImport",
                        "“{code}” has a space in it; separate several barcodes with ; or ，.",
                    ).format(code=barcode),
                )
            ] = None
    copies_raw = _cell_text(cell("copies"))
    if copies_raw and barcodes:
        if not copies_raw.isdigit():
            problems[
                ("copies", translate("LibraryImport", "The number of copies must be a number."))
            ] = None
        elif int(copies_raw) != len(barcodes):
            given = len(barcodes)  # a name: lupdate 6.11 drops a count expression
            problems[
                (
                    "copies",
                    translate(
                        "LibraryImport",
                        "The row says {count} copies but gives %n barcode(s).",
                        "",
                        given,
                    ).format(count=copies_raw),
                )
            ] = None
    accessions = _split(cell("accession_number"))
    if len(barcodes) > 1 and accessions and len(accessions) != len(barcodes):
        problems[
            (
                "accession_number",
                translate(
                    "LibraryImport",
                    "Give one accession number per barcode, in the same order, or none.",
                ),
            )
        ] = None
        accessions = []
    if len(barcodes) == 1:
        accessions = [_cell_text(cell("accession_number"))]

    copies: list[dict[str, Any]] = []
    price = _price(cell("price"))
    location = _cell_text(cell("location"))
    for index, barcode in enumerate(barcodes):
        try:
            copies.append(
                _validate_copy(
                    CopyInput(
                        barcode=barcode,
                        accession_number=accessions[index] if accessions else "",
                        price=price,
                        location=location,
                    )
                )
            )
        except ValidationError as exc:
            for name, message in exc.errors.items():
                problems[(name, message)] = None
    found = [ImportProblem(number, name, message) for name, message in problems]
    stored = [normalize_query(barcode).upper() for barcode in barcodes]
    if found:
        return None, found, stored
    return _Row(number, title_values, copies), [], stored


def _title_key(values: dict[str, Any]) -> tuple[str, str, str]:
    """Rows of one title: the same ISBN and title; without an ISBN, the same title and author."""
    isbn = str(values["isbn"])
    return (isbn, str(values["title"]), "" if isbn else str(values["author"]))


def taken_barcodes(barcodes: Iterable[str]) -> set[str]:
    """The barcodes already used by a copy, a box, or as a whole member card or ID number (what
    library._barcode_taken checks for one barcode), in a few queries for many."""
    wanted = list(dict.fromkeys(barcodes))
    taken: set[str] = set()
    for column in (Copy.barcode, Box.barcode, Person.member_card, Person.id_number):
        taken |= bulk.values_present(column, wanted)
    return taken


def _existing_titles(keys: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
    """Active titles already in the catalogue under these keys (the oldest when several)."""
    keys = set(keys)
    found: dict[tuple[str, str, str], int] = {}
    columns = (Title.id, Title.isbn, Title.title, Title.author)
    rows = bulk.rows_with(
        columns, Title.isbn, sorted({k[0] for k in keys if k[0]}), equal=[(Title.active, True)]
    ) + bulk.rows_with(
        columns,
        Title.title,
        sorted({k[1] for k in keys if not k[0]}),
        equal=[(Title.active, True), (Title.isbn, "")],
    )
    for title_id, isbn, title, author in sorted(rows):
        key = (isbn, title, "" if isbn else author)
        if key in keys:
            found.setdefault(key, title_id)
    return found


# --- import --------------------------------------------------------------------------------------


def import_catalogue(actor: Staff, path: Path, *, progress: Progress | None = None) -> ImportResult:
    """Check the whole file and import it in one transaction, or refuse it with every problem.

    The rows are read, checked and written a batch at a time inside the one transaction (so a
    large file is never held whole in memory, issue #22); a problem anywhere stops the writing,
    the rest of the file is still checked so that every problem is listed, and nothing is kept.
    ``progress(done, total)`` is called as the rows go (total 0: not known yet) and once at the
    end with the total; returning False cancels and nothing is written.
    """
    require(actor, "library.catalogue")
    path = Path(path)

    def report(done: int, total: int) -> None:
        if progress is not None and not progress(done, total):
            raise _Cancelled

    try:
        with transaction(lock=True):
            importer = _Importer(report)
            result = importer.run(path)
            audit(
                actor,
                "import",
                "title",
                None,
                {
                    "file": path.name,
                    "rows": result.rows,
                    "titles_created": result.titles_created,
                    "titles_existing": result.titles_existing,
                    "copies": result.copies_created,
                },
            )
    except _Cancelled:
        return ImportResult(cancelled=True)
    except peewee.IntegrityError as exc:
        # The unique index is the backstop where the lock is not exclusive (PostgreSQL).
        raise UserError(
            translate(
                "LibraryImport",
                "Another desk added a copy with one of these barcodes meanwhile; nothing was "
                "imported. Import the file again to see which.",
            )
        ) from exc
    changes.notify("title")
    changes.notify("copy")
    return result


class _Importer:
    """One pass over the file: each row checked as it is read, the good rows written a batch at
    a time until the first problem, every problem collected."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self.report = report
        self.problems: list[ImportProblem] = []
        self.first_row_of: dict[str, int] = {}  # each barcode of the file: its first row
        self.unchecked: list[str] = []  # barcodes new in the file, not yet looked up
        self.pending: list[_Row] = []  # checked rows waiting to be written
        self.orders: dict[bytes, int] = {}  # each title of the file: its number (see title())
        self.ids: list[int] = []  # by that number: the title's id, 0 while not known
        self.written: list[str] = []  # the barcodes of the new copies
        self.written_order: array[int] = array("l")  # and the number of each one's title
        self.result = ImportResult()
        self.moment = now()
        self.max_title_id = Title.select(peewee.fn.MAX(Title.id)).scalar() or 0

    def run(self, path: Path) -> ImportResult:
        columns, column_names, header_number = {}, {}, 0
        try:
            # Only the rows the file holds are read, within spreadsheet_read's limits; every
            # TICK_EVERY rows read (empty ones too) the progress is told, so Cancel works.
            for number, record in spreadsheet_read.rows(path, tick=self.tick):
                if not columns:
                    if number > HEADER_SEARCH_ROWS:
                        break
                    columns = _find_columns(record)
                    if "title" not in columns:
                        columns = {}
                        continue
                    header_number = number
                    column_names = {n: _cell_text(record[i]) for n, i in columns.items()}
                    if "barcode" not in columns:
                        break
                    continue
                if not any(_cell_text(value) for value in record):
                    continue
                self.result.rows += 1
                if self.result.rows > MAX_ROWS:
                    raise UserError(
                        translate(
                            "LibraryImport",
                            "The file has more than {count} rows; split it.",
                        ).format(count=f"{MAX_ROWS:,}")
                    )
                self.check(number, record, columns)
                if len(self.pending) >= BATCH or len(self.unchecked) >= BATCH:
                    self.flush()
                if self.result.rows % PROGRESS_EVERY == 0:
                    self.report(self.result.rows, 0)
        except OSError as exc:
            raise UserError(
                translate("LibraryImport", "The file cannot be read: {reason}").format(
                    reason=exc.strerror or str(exc)
                )
            ) from exc
        if not columns:
            raise ImportRefused(
                translate("LibraryImport", "The file has no column for the titles."),
                problems=[
                    ImportProblem(
                        1,
                        "title",
                        translate(
                            "LibraryImport",
                            "No header row with a 书名 (title) column was found in the first rows.",
                        ),
                    )
                ],
                columns={},
            )
        if "barcode" not in columns:
            raise ImportRefused(
                translate("LibraryImport", "The file has no column for the barcodes."),
                problems=[
                    ImportProblem(
                        header_number,
                        "barcode",
                        translate(
                            "LibraryImport",
                            "The header row has no 条码 (barcode) column: every copy needs its "
                            "barcode.",
                        ),
                    )
                ],
                columns=column_names,
            )
        if not self.result.rows:
            raise UserError(translate("LibraryImport", "The file has no rows to import."))
        self.flush()
        if self.problems:
            _refuse(self.problems, column_names)
        # The two halves of the earlier progress (check, then write) end together here.
        self.report(2 * self.result.rows, 2 * self.result.rows)
        # The labels title by title (as the titles first appear), in file order within one.
        order = sorted(range(len(self.written)), key=self.written_order.__getitem__)
        self.result.barcodes = [self.written[index] for index in order]
        return self.result

    def tick(self, _visited: int) -> None:
        self.report(0, 0)  # while the reader walks rows that hold nothing, as before

    def check(self, number: int, record: list[Any], columns: dict[str, int]) -> None:
        row, found, barcodes = _check_row(number, record, columns)
        self.problems.extend(found)
        for barcode in dict.fromkeys(barcodes):
            first = self.first_row_of.setdefault(barcode, number)
            if first == number and barcodes.count(barcode) > 1:
                message = translate(
                    "LibraryImport", "The barcode {code} is given twice in this row."
                ).format(code=barcode)
            elif first != number:
                message = translate(
                    "LibraryImport", "The barcode {code} is also on row {row}."
                ).format(code=barcode, row=first)
            else:
                self.unchecked.append(barcode)
                continue
            self.problems.append(ImportProblem(number, "barcode", message))
        if row is not None and not self.problems:
            self.pending.append(row)

    def flush(self) -> None:
        """Look the new barcodes up, then write the checked rows while there is no problem."""
        taken = taken_barcodes(self.unchecked)
        self.problems.extend(
            ImportProblem(
                self.first_row_of[barcode],
                "barcode",
                translate("Library", "The barcode {code} is already in use.").format(code=barcode),
            )
            for barcode in self.unchecked
            if barcode in taken
        )
        self.unchecked = []
        rows, self.pending = self.pending, []
        if self.problems or not rows:
            return
        keys = [_title_key(row.title) for row in rows]
        orders = [self.title(key) for key in keys]
        unknown = {
            key: order for key, order in zip(keys, orders, strict=True) if not self.ids[order]
        }
        for key, title_id in _existing_titles(unknown).items():
            self.ids[unknown.pop(key)] = title_id
            self.result.titles_existing += 1
        new = {}  # the first row of each new title
        for key, row in zip(keys, rows, strict=True):
            if key in unknown:
                new.setdefault(key, row.title)
        if new:
            bulk.insert_rows(
                Title,
                [
                    {
                        **values,
                        "search_text": _title_search_text(values),
                        "created_at": self.moment,
                        "updated_at": self.moment,
                    }
                    for values in new.values()
                ],
            )
            # The ids of the new titles, by their keys (unique in this import): portable,
            # unlike RETURNING on a multi-row insert.
            inserted = (
                Title.select(Title.id, Title.isbn, Title.title, Title.author)
                .where(Title.id > self.max_title_id, Title.created_at == self.moment)
                .order_by(Title.id)
            )
            for title_id, isbn, title, author in inserted.tuples():
                key = (isbn, title, "" if isbn else author)
                if key in new and not self.ids[unknown[key]]:
                    self.ids[unknown[key]] = title_id
                self.max_title_id = max(self.max_title_id, title_id)
            self.result.titles_created += len(new)
        copies = [
            {"title": self.ids[order], "created_at": self.moment, **copy}
            for order, row in zip(orders, rows, strict=True)
            for copy in row.copies
        ]
        bulk.insert_rows(Copy, copies)
        self.result.copies_created += len(copies)
        for order, row in zip(orders, rows, strict=True):
            for copy in row.copies:
                self.written_order.append(order)
                self.written.append(copy["barcode"])

    def title(self, key: tuple[str, str, str]) -> int:
        """The title's number in the order the file first names it. Titles are kept by a
        digest of their key, not the key's text: 16 bytes instead of the title's words."""
        digest = hashlib.blake2b("\x1f".join(key).encode(), digest_size=16).digest()
        order = self.orders.get(digest)
        if order is None:
            order = self.orders[digest] = len(self.ids)
            self.ids.append(0)  # its id, once known
        return order


def _refuse(problems: list[ImportProblem], columns: dict[str, str]) -> None:
    order = {name: index for index, name in enumerate(FIELDS)}
    problems = sorted(problems, key=lambda p: (p.row, order.get(p.field, len(order))))
    rows = len({p.row for p in problems})
    raise ImportRefused(
        translate(
            "LibraryImport",
            "Nothing was imported: %n row(s) have problems. Correct the file and import it again.",
            "",
            rows,
        ),
        problems=problems,
        columns=columns,
    )


# --- one title with its first copy ----------------------------------------------------------------


def create_title_with_copy(actor: Staff, data: TitleInput, copy: CopyInput | None) -> Title:
    """A new title and, when ``copy`` is given, its first copy, in one transaction.

    The quick-add form creates both at once; two service calls would leave a title without its
    copy when the barcode turns out to be taken. (This belongs beside create_title in
    services/library.py.)
    """
    require(actor, "library.catalogue")
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    copy_values: dict[str, Any] = {}
    try:
        values = _validate_title(data)
    except ValidationError as exc:
        errors.update(exc.errors)
    if copy is not None:
        try:
            copy_values = _validate_copy(copy)
        except ValidationError as exc:
            errors.update(exc.errors)
    raise_field_errors(errors)
    with transaction(lock=True):
        if copy_values and taken_barcodes([copy_values["barcode"]]):
            raise ValidationError(
                translate("Library", "The barcode {code} is already in use.").format(
                    code=copy_values["barcode"]
                ),
                field="barcode",
            )
        moment = now()
        title = Title.create(
            **values, search_text=_title_search_text(values), created_at=moment, updated_at=moment
        )
        audit(actor, "create", "title", title.id, {"title": values["title"]})
        if copy_values:
            created = Copy.create(title=title.id, created_at=moment, **copy_values)
            audit(actor, "create", "copy", created.id, {"barcode": copy_values["barcode"]})
    changes.notify("title")
    if copy_values:
        changes.notify("copy")
    return title


def copies_by_barcode(actor: Staff, barcodes: list[str]) -> list[Copy]:
    """Copies with their titles, in the order of ``barcodes`` (the labels of an import)."""
    require(actor, "library.read")
    found: dict[str, Copy] = {}
    for batch in bulk.batches(list(dict.fromkeys(barcodes))):
        for copy in Copy.select(Copy, Title).join(Title).where(Copy.barcode.in_(batch)):
            found[copy.barcode] = copy
    return [found[barcode] for barcode in barcodes if barcode in found]
