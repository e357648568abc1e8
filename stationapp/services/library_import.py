"""Import of an existing catalogue from a spreadsheet (.xlsx) or a CSV file.

The whole file is checked before anything is written: every problem is reported with the row
number the librarian sees in the spreadsheet, and either every row is imported in one
transaction or none is. Each row is one title and the copies whose barcodes it lists; rows with
the same ISBN and title (or, without an ISBN, the same title and author) are one title, and a
title already in the catalogue under that key gets the new copies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import now, transaction
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import ITEM_TYPES, Box, Copy, Title
from stationapp.models.people import Person
from stationapp.services import changes, importing
from stationapp.services.accounts import audit, require
from stationapp.services.importing import ImportProblem, ImportRefused, Progress, Report, cell_text
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
BATCH = 500  # rows per INSERT: 500 x 11 columns stays under SQLite's 32,766 variables (3.32+)
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


# --- reading ------------------------------------------------------------------------------------


def _header_key(text: Any) -> str:
    key = normalize_query(cell_text(text))
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
    text = cell_text(value)
    match = _YEAR.match(text)
    return int(match.group(1)) if match else (text or None)


def _isbn_text(value: Any) -> str:
    text = cell_text(value)
    # A spreadsheet stores an ISBN typed as a number without its leading zero.
    if isinstance(value, (int, float)) and text.isdigit() and len(text) in (9, 12):
        text = "0" + text
    return text


def _price(value: Any) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return _CURRENCY.sub("", cell_text(value)).strip()


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(cell_text(value)) if part.strip()]


def _check_row(
    number: int, record: list[Any], columns: dict[str, int]
) -> tuple[_Row | None, list[ImportProblem], list[str]]:
    """The row's title and copies, or its problems; and its barcodes as they would be stored."""

    cell = importing.cell_reader(record, columns)

    problems = importing.RowProblems()
    title_values: dict[str, Any] = {}
    try:
        title_values = _validate_title(
            TitleInput(
                title=cell_text(cell("title")),
                author=cell_text(cell("author")),
                isbn=_isbn_text(cell("isbn")),
                publisher=cell_text(cell("publisher")),
                year=_year(cell("year")),
                classification=cell_text(cell("classification")),
                item_type=_item_type(cell_text(cell("item_type"))),
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
    copies_raw = cell_text(cell("copies"))
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
        accessions = [cell_text(cell("accession_number"))]

    copies: list[dict[str, Any]] = []
    price = _price(cell("price"))
    location = cell_text(cell("location"))
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
    found = problems.of_row(number)
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
    for batch in importing.batches(wanted, BATCH):
        for model in (Copy, Box):
            query = model.select(model.barcode).where(model.barcode.in_(batch))
            taken.update(barcode for (barcode,) in query.tuples())
        people = Person.select(Person.member_card, Person.id_number).where(
            Person.member_card.in_(batch) | Person.id_number.in_(batch)
        )
        asked = set(batch)
        taken.update(number for row in people.tuples() for number in row if number in asked)
    return taken


def _existing_titles(keys: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
    """Active titles already in the catalogue under these keys (the oldest when several)."""
    keys = set(keys)
    found: dict[tuple[str, str, str], int] = {}
    with_isbn = sorted({k[0] for k in keys if k[0]})
    without = sorted({k[1] for k in keys if not k[0]})
    queries = [
        Title.select(Title.id, Title.isbn, Title.title, Title.author).where(
            Title.active, Title.isbn.in_(batch)
        )
        for batch in importing.batches(with_isbn, BATCH)
    ] + [
        Title.select(Title.id, Title.isbn, Title.title, Title.author).where(
            Title.active, Title.isbn == "", Title.title.in_(batch)
        )
        for batch in importing.batches(without, BATCH)
    ]
    for query in queries:
        for title_id, isbn, title, author in query.order_by(Title.id).tuples():
            key = (isbn, title, "" if isbn else author)
            if key in keys:
                found.setdefault(key, title_id)
    return found


# --- import --------------------------------------------------------------------------------------


def import_catalogue(actor: Staff, path: Path, *, progress: Progress | None = None) -> ImportResult:
    """Check the whole file, then import it in one transaction, or refuse it with every problem.

    ``progress(done, total)`` is called while the file is read (total 0: not known yet), checked
    and written; returning False cancels and nothing is written.
    """
    require(actor, "library.catalogue")
    path = Path(path)

    return importing.cancellable(
        progress, lambda report: _import(actor, path, report), ImportResult(cancelled=True)
    )


def _header(number: int, record: list[Any]) -> tuple[int, list[Any], dict[str, int]] | None:
    """The header row: its number, its cells and the columns found, when it has the titles."""
    found = _find_columns(record)
    return (number, record, found) if "title" in found else None


def _import(actor: Staff, path: Path, report: Report) -> ImportResult:
    # Only the rows the file holds are read, within spreadsheet_read's limits; every
    # TICK_EVERY rows read (empty ones too) the progress is told, so Cancel works.
    found, records = importing.read_records(
        path,
        report,
        _header,
        header_rows=HEADER_SEARCH_ROWS,
        max_rows=MAX_ROWS,
        too_many=translate("LibraryImport", "The file has more than {count} rows; split it."),
        unreadable=translate("LibraryImport", "The file cannot be read: {reason}"),
    )
    header_number, header, columns = found or (0, [], {})

    column_names = {name: cell_text(header[index]) for name, index in columns.items()}
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
    if not records:
        raise UserError(translate("LibraryImport", "The file has no rows to import."))

    total = 2 * len(records)
    first_row_of: dict[str, int] = {}

    def check(number: int, record: list[Any]) -> tuple[_Row | None, list[ImportProblem]]:
        row, found, barcodes = _check_row(number, record, columns)
        for barcode in dict.fromkeys(barcodes):
            first = first_row_of.setdefault(barcode, number)
            if first == number and barcodes.count(barcode) > 1:
                message = translate(
                    "LibraryImport", "The barcode {code} is given twice in this row."
                ).format(code=barcode)
            elif first != number:
                message = translate(
                    "LibraryImport", "The barcode {code} is also on row {row}."
                ).format(code=barcode, row=first)
            else:
                continue
            found.append(ImportProblem(number, "barcode", message))
        return row, found

    rows, problems = importing.check_records(records, check, report, every=PROGRESS_EVERY)
    problems.extend(_taken_problems(first_row_of))
    if problems:
        _refuse(problems, column_names)

    try:
        with transaction(lock=True):
            # Checked again under the lock: a copy may have been added while the file was checked.
            late = _taken_problems(first_row_of)
            if late:
                _refuse(late, column_names)
            result = _write(rows, report, done=len(records), total=total)
            result.rows = len(records)
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


def _taken_problems(first_row_of: dict[str, int]) -> list[ImportProblem]:
    return [
        ImportProblem(
            first_row_of[barcode],
            "barcode",
            translate("Library", "The barcode {code} is already in use.").format(code=barcode),
        )
        for barcode in sorted(taken_barcodes(first_row_of), key=first_row_of.__getitem__)
    ]


def _refuse(problems: list[ImportProblem], columns: dict[str, str]) -> None:
    raise ImportRefused(
        translate(
            "LibraryImport",
            "Nothing was imported: %n row(s) have problems. Correct the file and import it again.",
            "",
            importing.rows_with_problems(problems),
        ),
        problems=importing.in_file_order(problems, FIELDS),
        columns=columns,
    )


def _write(
    rows: list[_Row], report: Callable[[int, int], None], *, done: int, total: int
) -> ImportResult:
    """Insert the new titles, then every copy, in batches; the second half of the progress."""
    result = ImportResult()
    groups: dict[tuple[str, str, str], list[_Row]] = {}
    for row in rows:
        groups.setdefault(_title_key(row.title), []).append(row)
    title_ids = _existing_titles(groups)
    result.titles_existing = len(title_ids)
    new_keys = [key for key in groups if key not in title_ids]
    copy_count = sum(len(row.copies) for row in rows)
    units, units_done = max(1, len(new_keys) + copy_count), 0

    def advance(count: int) -> None:
        nonlocal units_done
        units_done += count
        report(done + (total - done) * units_done // units, total)

    moment = now()
    max_before = Title.select(peewee.fn.MAX(Title.id)).scalar() or 0
    for batch in importing.batches(new_keys, BATCH):
        Title.insert_many(
            [
                {
                    **groups[key][0].title,
                    "search_text": _title_search_text(groups[key][0].title),
                    "created_at": moment,
                    "updated_at": moment,
                }
                for key in batch
            ]
        ).execute()
        advance(len(batch))
    if new_keys:
        # The ids of the new titles, by their keys (unique in this import): portable, unlike
        # RETURNING on a multi-row insert.
        inserted = Title.select(Title.id, Title.isbn, Title.title, Title.author).where(
            Title.id > max_before, Title.created_at == moment
        )
        for title_id, isbn, title, author in inserted.tuples():
            title_ids.setdefault((isbn, title, "" if isbn else author), title_id)
    result.titles_created = len(new_keys)

    copies = [
        {"title": title_ids[key], "created_at": moment, **copy}
        for key, group in groups.items()
        for row in group
        for copy in row.copies
    ]
    for batch in importing.batches(copies, BATCH):
        Copy.insert_many(batch).execute()
        advance(len(batch))
    result.copies_created = len(copies)
    result.barcodes = [copy["barcode"] for copy in copies]
    return result


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
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
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
    for batch in importing.batches(list(dict.fromkeys(barcodes)), BATCH):
        for copy in Copy.select(Copy, Title).join(Title).where(Copy.barcode.in_(batch)):
            found[copy.barcode] = copy
    return [found[barcode] for barcode in barcodes if barcode in found]
