"""Import of a people roster (会员花名册) from a spreadsheet or a CSV file (issue #21).

Stations keep their rosters in Excel (.xlsx, the old .xls), WPS or LibreOffice (.ods) or CSV, with
headers of their own making below a title row or two. The header row is found and its columns
recognised under the usual names; every row goes through the desk's own validation
(``people.validate_person``). A row whose ID number is on file is that person, else a row with the
name and phone of someone on file; such a person's empty fields are filled, nothing is overwritten
unless asked (``update``). By default a file with any bad row is refused whole and nothing is
written; with ``skip_bad`` the good rows are imported and the refused ones written, each with its
reason, to a spreadsheet beside the file. One transaction, one audit entry with the counts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import lock_kind, now, today, transaction
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services import changes, importing, members
from stationapp.services.accounts import audit, require
from stationapp.services.bulk import insert_rows
from stationapp.services.importing import (
    FileColumns,
    ImportProblem,
    ImportRefused,
    Progress,
    Report,
    cell_text,
    read_rows,
)
from stationapp.services.people import PersonInput, person_search_keys, validate_person
from stationapp.services.search_keys import display_pinyin, normalize_query, phrase_search_text
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

FIELDS: tuple[str, ...] = (
    "name",
    "gender",
    "id_number",
    "phone",
    "workplace",
    "joined_on",
    "member_card",
    "ethnicity",
    "birth_date",
    "notes",
)
# Header names per field as stations write them, compared after header_key(); the first found
# wins when a file has two columns for one field.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "职工姓名", "会员姓名", "名字", "name"),
    "gender": ("性别", "gender", "sex"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "证件号码",
        "身份证",
        "证件号",
        "idnumber",
    ),
    "phone": ("手机", "手机号码", "手机号", "联系电话", "电话", "电话号码", "联系方式", "phone"),
    "workplace": ("工作单位", "单位", "单位名称", "所在单位", "workplace"),
    "joined_on": ("入会时间", "入会日期", "入会年月", "joinedon", "joindate"),
    "member_card": ("会员卡号", "京卡号", "工会卡号", "京卡卡号", "会员卡", "membercard"),
    "ethnicity": ("民族", "ethnicity"),
    "birth_date": ("出生日期", "出生年月", "生日", "birthdate"),
    "notes": ("备注", "notes"),
}
# Recognised so that it is not reported as unknown, but not kept: the register has no such field
# and a roster import is no reason to start collecting it (PIPL: only what the work needs).
NOT_KEPT: frozenset[str] = frozenset({"ethnicity"})
GENDER_WORDS: dict[str, str] = {
    "男": "M",
    "男性": "M",
    "m": "M",
    "male": "M",
    "女": "F",
    "女性": "F",
    "f": "F",
    "female": "F",
}
HEADER_SEARCH_ROWS = 10  # title rows above the header ("……工会会员花名册（2024年）")
BATCH = 500  # rows per INSERT: 500 x 17 columns stays under SQLite's 32,766 variables
PROGRESS_EVERY = 200
MAX_ROWS = 200_000
EXCEL_EPOCH = date(1899, 12, 30)
# Excel serial numbers of 1900-01-01 .. 2100-12-31: a bare number in a date column is one.
EXCEL_SERIALS = (2, 73415)
_DATE_PARTS = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2}))?\s*[日号]?$")
_YEAR_MONTH_CN = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月?$")
_DIGITS_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_HEADER_NOISE = re.compile(r"[\s_()（）:：*/\\#№.。]")
_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")"})


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    filled: int = 0  # people on file who got values (empty fields, or all with ``update``)
    unchanged: int = 0  # people on file the file told nothing new
    refused: int = 0  # rows left out (``skip_bad``)
    workplaces_created: int = 0
    refused_file: Path | None = None
    ignored_columns: list[str] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class _Row:
    number: int
    record: list[Any]
    values: dict[str, Any]  # validate_person's clean values (workplace left out)
    workplace: str  # the name as written, "" for none
    person: Person | None = None  # the person on file this row is
    changes: dict[str, Any] = field(default_factory=dict)


# --- values as stations write them ----------------------------------------------------------------


def header_key(value: Any) -> str:
    """A header as compared with the aliases: half-width, lower case, no spaces or brackets."""
    text = unicodedata.normalize("NFKC", cell_text(value)).lower()
    return _HEADER_NOISE.sub("", text)


def alias_table(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Header names per field as a lookup from header_key() to the field."""
    return {header_key(alias): name for name, names in aliases.items() for alias in names}


_ALIAS_FIELD: dict[str, str] = alias_table(HEADER_ALIASES)


def recognise_headers(record: list[Any], aliases: dict[str, str] | None = None) -> dict[str, int]:
    """The fields recognised in a header row, each with its (first) column; ``aliases`` is an
    alias_table() of another kind of file (the roster's by default)."""
    table = _ALIAS_FIELD if aliases is None else aliases
    found: dict[str, int] = {}
    for index, cell in enumerate(record):
        name = table.get(header_key(cell))
        if name is not None and name not in found:
            found[name] = index
    return found


class DateParse(NamedTuple):
    value: date
    month_only: bool  # "2019.05", "2019年5月": the day is not known (the 1st is kept)


def parse_date(value: Any) -> DateParse | None:
    """A date as stations write it, or None for an empty cell; raises ValueError otherwise.

    Excel dates (or their serial numbers), "2019-5-1", "2019/05/01", "2019.05", "2019年5月",
    "2019年5月1日", "20190501", "201905".
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return DateParse(value.date(), False)
    if isinstance(value, date):
        return DateParse(value, False)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]:
            return DateParse(EXCEL_EPOCH + timedelta(days=int(value)), False)
        value = cell_text(value)
    text = _TIME_TAIL.sub("", unicodedata.normalize("NFKC", str(value)).strip())
    if not text:
        return None
    match = _DATE_PARTS.match(text) or _YEAR_MONTH_CN.match(text) or _DIGITS_DATE.match(text)
    if not match:
        raise ValueError(text)
    year, month = int(match[1]), int(match[2])
    day = match[3] if match.re.groups >= 3 else None
    return DateParse(date(year, month, int(day) if day else 1), day is None)


def parse_gender(value: Any) -> str:
    """ "M", "F" or "" from 男/女/M/F...; raises ValueError otherwise."""
    text = normalize_query(cell_text(value))
    if not text:
        return ""
    try:
        return GENDER_WORDS[text]
    except KeyError:
        raise ValueError(text) from None


def number_text(value: Any) -> str:
    """A long number (ID, card) as written; raises ValueError when the spreadsheet stored it as a
    number and so kept only its first 15 digits."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else str(value)
        if len(digits) > 15:
            raise ValueError(digits)
        return digits
    return cell_text(value)


def workplace_key(name: str) -> str:
    """A workplace's name as compared: half-width brackets, no spaces, one spelling of 有限公司."""
    text = unicodedata.normalize("NFKC", name or "").translate(_BRACKETS)
    text = re.sub(r"\s+", "", text).lower()
    return text.replace("有限责任公司", "有限公司").replace("股份有限公司", "股份公司")


# --- reading the file -----------------------------------------------------------------------------


def field_label(name: str) -> str:
    labels = {
        "name": translate("PeopleImport", "Name"),
        "gender": translate("PeopleImport", "Gender"),
        "id_number": translate("PeopleImport", "ID number"),
        "id_type": translate("PeopleImport", "ID number"),
        "phone": translate("PeopleImport", "Phone"),
        "workplace": translate("PeopleImport", "Workplace"),
        "joined_on": translate("PeopleImport", "Join date"),
        "member_card": translate("PeopleImport", "Member card"),
        "ethnicity": translate("PeopleImport", "Ethnicity"),
        "birth_date": translate("PeopleImport", "Birth date"),
        "notes": translate("PeopleImport", "Notes"),
    }
    return labels.get(name, name)


def _columns(
    number: int, record: list[Any], mapping: dict[str, str | None] | None
) -> FileColumns | None:
    """The columns of ``record`` read as a header row, or None when it is not the header row."""
    found = recognise_headers(record)
    texts = [cell_text(cell) for cell in record]
    for name, header in (mapping or {}).items():
        found.pop(name, None)
        if not header:
            continue
        wanted = header_key(header)
        index = next((i for i, text in enumerate(texts) if header_key(text) == wanted), None)
        if index is None:
            continue
        for other in [k for k, v in found.items() if v == index]:
            found.pop(other)
        found[name] = index
    if "name" not in found:
        return None
    used = {index for name, index in found.items() if name not in NOT_KEPT}
    ignored = [text for index, text in enumerate(texts) if text and index not in used]
    return FileColumns(
        header_row=number,
        columns={k: v for k, v in found.items() if k not in NOT_KEPT},
        headers={name: texts[index] for name, index in found.items()},
        ignored=ignored,
        header=record,
    )


def _check_mapping(mapping: dict[str, str | None] | None) -> None:
    unknown = sorted(set(mapping or {}) - set(FIELDS))
    if unknown:
        raise UserError(
            translate("PeopleImport", "Unknown field(s) in the column mapping: {names}.").format(
                names=", ".join(unknown)
            )
        )


def _no_header() -> ImportRefused:
    return ImportRefused(
        translate("PeopleImport", "The file has no column for the names."),
        problems=[
            ImportProblem(
                1,
                "name",
                translate(
                    "PeopleImport",
                    "No header row with a 姓名 (name) column was found in the first {count} rows.",
                ).format(count=HEADER_SEARCH_ROWS),
            )
        ],
        columns={},
        labels=field_label,
    )


def read_columns(
    actor: Staff, path: Path, *, mapping: dict[str, str | None] | None = None
) -> FileColumns:
    """How ``path`` would be read: for showing the mapping before importing, and fixing it
    (``mapping`` maps a field to the header of the column to read it from, or None to leave it
    out)."""
    require(actor, "person.create")
    _check_mapping(mapping)
    for number, record in read_rows(Path(path), lambda _done, _total: None):
        if number > HEADER_SEARCH_ROWS:
            break
        found = _columns(number, record, mapping)
        if found is not None:
            return found
    raise _no_header()


# --- checking one row -----------------------------------------------------------------------------


def _check_row(
    number: int, record: list[Any], columns: dict[str, int], on: date
) -> tuple[_Row | None, list[ImportProblem]]:
    cell = importing.cell_reader(record, columns)

    problems = importing.RowProblems()
    problem = problems.add

    try:
        gender = parse_gender(cell("gender"))
    except ValueError:
        gender = ""
        problem("gender", translate("PeopleImport", "Write the gender as 男 or 女."))
    id_number = ""
    for name in ("id_number", "member_card"):
        try:
            text = number_text(cell(name))
        except ValueError:
            text = ""
            problem(
                name,
                translate(
                    "PeopleImport",
                    "The spreadsheet stored this number as a number and kept only its first 15 "
                    "digits; format the column as text and type the number again.",
                ),
            )
        if name == "id_number":
            id_number = text
        else:
            card = text
    dates: dict[str, DateParse | None] = {}
    for name in ("birth_date", "joined_on"):
        try:
            dates[name] = parse_date(cell(name))
        except ValueError:
            dates[name] = None
            problem(
                name,
                translate(
                    "PeopleImport",
                    "“{text}” is not a date; write it as 2019-05-01, 2019.05 or 2019年5月.",
                ).format(text=cell_text(cell(name))),
            )
    birth = dates["birth_date"]
    joined = dates["joined_on"]
    data = PersonInput(
        name=cell_text(cell("name")),
        gender=gender,
        birth_date=birth.value if birth else None,
        id_number=id_number,
        phone=cell_text(cell("phone")),
        is_member=bool(joined or card),
        member_card=card,
        notes=cell_text(cell("notes")),
        joined_on=joined.value if joined else None,
    )
    values: dict[str, Any] = {}
    try:
        values = validate_person(data, on=on).values
    except ValidationError as exc:
        errors = dict(exc.errors or {exc.field or "name": exc.message})
        if birth is not None and birth.month_only and set(errors) == {"birth_date"}:
            # "1980.01" beside an ID number of 1980-01-15: the month agrees, the ID says the day.
            try:
                values = validate_person(replace(data, birth_date=None), on=on).values
                derived = values["birth_date"]
                if derived is None or (derived.year, derived.month) != (
                    birth.value.year,
                    birth.value.month,
                ):
                    values = {}
                else:
                    errors = {}
            except ValidationError:
                values = {}
        for name, message in errors.items():
            problem(name, message)
    workplace = ""
    try:
        workplace = normalize_text(cell_text(cell("workplace")), field="workplace", max_length=100)
    except ValidationError as exc:
        problem("workplace", exc.message)
    found = problems.of_row(number)
    if found:
        return None, found
    values.pop("workplace", None)
    return _Row(number, record, values, workplace), []


# --- import ---------------------------------------------------------------------------------------


def import_people(
    actor: Staff,
    path: Path,
    *,
    skip_bad: bool = False,
    update: bool = False,
    mapping: dict[str, str | None] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check the whole file, then import it in one transaction; or refuse it with every problem.

    ``progress(done, total)`` is called while the file is read (total 0: not known yet), checked
    and written; returning False cancels and nothing is written. ``mapping`` overrides the
    recognised columns (see ``read_columns``).
    """
    require(actor, "person.create")
    require(actor, "person.update")
    require(actor, "organization.manage")
    _check_mapping(mapping)
    path = Path(path)

    return importing.cancellable(
        progress,
        lambda report: _import(
            actor, path, report, skip_bad=skip_bad, update=update, mapping=mapping
        ),
        ImportResult(cancelled=True),
    )


def _import(
    actor: Staff,
    path: Path,
    report: Report,
    *,
    skip_bad: bool,
    update: bool,
    mapping: dict[str, str | None] | None,
) -> ImportResult:
    layout, records = importing.read_records(
        path,
        report,
        lambda number, record: _columns(number, record, mapping),
        header_rows=HEADER_SEARCH_ROWS,
        max_rows=MAX_ROWS,
        too_many=translate("PeopleImport", "The file has more than {count} rows; split it."),
    )
    if layout is None:
        raise _no_header()
    if not records:
        raise UserError(translate("PeopleImport", "The file has no rows to import."))

    on = today()
    total = 2 * len(records)
    check = functools.partial(_check_row, columns=layout.columns, on=on)
    rows, problems = importing.check_records(records, check, report, every=PROGRESS_EVERY)
    if problems and not skip_bad:
        # Refused before any lock is taken, with the conflicts with the register too (read only).
        _rows, late = _match(rows, update=update, on=on)
        _refuse(problems + late, layout.headers, rows=len(records))

    with transaction(lock=True):
        lock_kind("person")
        lock_kind("organization")
        rows, late = _match(rows, update=update, on=on)
        problems.extend(late)
        if problems and not skip_bad:
            _refuse(problems, layout.headers, rows=len(records))
        started = now()
        result = _write(rows, report, done=len(records), total=total, update=update)
        members.follow_import(actor, started)
        result.rows = len(records)
        result.refused = len({p.row for p in problems})
        result.ignored_columns = list(layout.ignored)
        if problems:
            result.refused_file = write_refused(path, layout, records, problems)
        audit(
            actor,
            "import",
            "person",
            None,
            {
                "file": path.name,
                "rows": result.rows,
                "created": result.created,
                "filled": result.filled,
                "unchanged": result.unchanged,
                "refused": result.refused,
                "workplaces_created": result.workplaces_created,
                "update": update,
                "skip_bad": skip_bad,
            },
        )
    changes.notify("person")
    if result.workplaces_created:
        changes.notify("organization")
    return result


def _refuse(problems: list[ImportProblem], columns: dict[str, str], *, rows: int) -> None:
    raise ImportRefused(
        translate(
            "PeopleImport",
            "Nothing was imported: %n row(s) have problems. Correct the file and import it again.",
            "",
            importing.rows_with_problems(problems),
        ),
        problems=importing.in_file_order(problems, FIELDS),
        columns=columns,
        rows=rows,
        labels=field_label,
    )


def _same_as(number: int) -> str:
    return translate("PeopleImport", "The same person as row {row}.").format(row=number)


def _file_duplicates(rows: list[_Row]) -> list[ImportProblem]:
    """Rows of the file for a person an earlier row already gave: a problem of the later row."""
    problems: list[ImportProblem] = []
    first: dict[tuple[str, ...], int] = {}
    cards: dict[str, int] = {}
    for row in rows:
        v = row.values
        keys = []
        if v.get("id_number"):
            keys.append(("id", v["id_number"]))
        if v["phone"]:
            keys.append(("name", v["name"], v["phone"]))
        earlier = next((first[k] for k in keys if k in first), None)
        if earlier is not None:
            field_name = "id_number" if keys[0][0] == "id" and keys[0] in first else "name"
            problems.append(ImportProblem(row.number, field_name, _same_as(earlier)))
            continue
        card = v.get("member_card")
        if card and card in cards:
            problems.append(
                ImportProblem(
                    row.number,
                    "member_card",
                    translate("PeopleImport", "The card number is also on row {row}.").format(
                        row=cards[card]
                    ),
                )
            )
            continue
        for key in keys:
            first[key] = row.number
        if card:
            cards[card] = row.number
    return problems


def _on_file(rows: list[_Row]) -> tuple[dict[str, Person], dict[tuple[str, str], Person]]:
    """People on file by ID number (upper case: an X typed lower-case is the same number) and,
    among the active ones, by name and phone."""
    numbers: set[str] = set()
    for row in rows:
        number = row.values.get("id_number")
        if number:
            numbers.update({number, number.lower()})
    by_id: dict[str, Person] = {}
    for batch in importing.batches(sorted(numbers), BATCH):
        for person in Person.select().where(Person.id_number.in_(batch)).order_by(Person.id):
            current = by_id.get(person.id_number.upper())
            if current is None or (person.active and not current.active):
                by_id[person.id_number.upper()] = person
    phones = sorted({row.values["phone"] for row in rows if row.values["phone"]})
    by_name: dict[tuple[str, str], Person] = {}
    for batch in importing.batches(phones, BATCH):
        query = Person.select().where(Person.phone.in_(batch), Person.active).order_by(Person.id)
        for person in query:
            by_name.setdefault((person.name, person.phone), person)
    return by_id, by_name


FILLED: tuple[str, ...] = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "joined_on",
    "member_card",
    "notes",
)


def _match(rows: list[_Row], *, update: bool, on: date) -> tuple[list[_Row], list[ImportProblem]]:
    """The rows that can be written, each with the person on file it is (or None); and the
    problems of the others: duplicates within the file, conflicts with the register."""
    problems = _file_duplicates(rows)
    bad = {p.row for p in problems}
    rows = [row for row in rows if row.number not in bad]
    by_id, by_name = _on_file(rows)
    cards = sorted({row.values["member_card"] for row in rows if row.values["member_card"]})
    card_holder: dict[str, int] = {}
    for batch in importing.batches(cards, BATCH):
        query = Person.select(Person.id, Person.member_card).where(Person.member_card.in_(batch))
        card_holder.update({card: person_id for person_id, card in query.tuples()})
    taken: dict[int, int] = {}  # person id -> the row that is them
    good: list[_Row] = []
    for row in rows:
        v = row.values

        def refuse(name: str, message: str, row: _Row = row) -> None:
            problems.append(ImportProblem(row.number, name, message))

        number = v.get("id_number") or ""
        person = by_id.get(number.upper()) if number else None
        if person is not None and not person.active:
            refuse(
                "id_number",
                translate(
                    "PeopleImport",
                    "This ID number belongs to a deactivated record; reactivate it first.",
                ),
            )
            continue
        if person is None and v["phone"]:
            person = by_name.get((v["name"], v["phone"]))
            if person is not None and number and person.id_number:
                refuse(
                    "id_number",
                    translate(
                        "PeopleImport",
                        "Someone with this name and phone is on file with another ID number.",
                    ),
                )
                continue
        if person is not None and person.id in taken:
            refuse("name", _same_as(taken[person.id]))
            continue
        holder = card_holder.get(v["member_card"])
        if holder is not None and (person is None or holder != person.id):
            refuse(
                "member_card",
                translate("PeopleImport", "This card number is on file for someone else."),
            )
            continue
        if person is not None:
            taken[person.id] = row.number
            row.person = person
            try:
                row.changes = _changes(person, row, update=update, on=on)
            except ValidationError as exc:
                for name, message in (exc.errors or {exc.field or "name": exc.message}).items():
                    refuse(name, message)
                continue
        good.append(row)
    return good, problems


def _changes(person: Person, row: _Row, *, update: bool, on: date) -> dict[str, Any]:
    """What the row adds to the person on file: their empty fields, or with ``update`` every
    field the row gives. The result is checked as the desk checks a person."""
    v = row.values
    merged: dict[str, Any] = {}
    for name in FILLED:
        stored = getattr(person, name)
        given = v.get(name)
        if given in (None, "") or given == stored:
            continue
        if update or stored in (None, ""):
            merged[name] = given
    if v["is_member"] and not person.is_member:
        merged["is_member"] = True
    if not merged and not row.workplace:
        return {}
    after = {name: merged.get(name, getattr(person, name)) for name in (*FILLED, "is_member")}
    checked = validate_person(
        PersonInput(
            name=after["name"],
            gender=after["gender"],
            birth_date=after["birth_date"],
            id_type=person.id_type if person.id_number else "ric",
            id_number=after["id_number"],
            phone=after["phone"],
            is_member=after["is_member"],
            member_card=after["member_card"],
            notes=after["notes"],
            joined_on=after["joined_on"],
        ),
        on=on,
    ).values
    # The ID number decides gender and birth date: filled from it when they were empty.
    for name in ("gender", "birth_date"):
        if checked[name] != getattr(person, name) and getattr(person, name) in (None, ""):
            merged[name] = checked[name]
    return merged


def _workplaces(rows: list[_Row]) -> tuple[dict[str, int], int]:
    """The workplace of each name the rows give, by workplace_key; the missing ones created."""
    return organizations_by_name(row.workplace for row in rows if row.workplace)


def organizations_by_name(names: Iterable[str]) -> tuple[dict[str, int], int]:
    """The organisation of each name, by workplace_key (an active one first), the missing ones
    created; and how many were created. The caller holds lock_kind("organization")."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(workplace_key(name), name)
    if not wanted:
        return {}, 0
    ids: dict[str, int] = {}
    query = Organization.select(Organization.id, Organization.name, Organization.active)
    for org_id, name, _active in query.order_by(
        Organization.active.desc(), Organization.id
    ).tuples():
        ids.setdefault(workplace_key(name), org_id)
    missing = [key for key in wanted if key not in ids]
    moment = now()
    for key in missing:
        name = wanted[key]
        org = Organization.create(
            name=name, search_text=phrase_search_text(name), created_at=moment, updated_at=moment
        )
        ids[key] = org.id
    return ids, len(missing)


def _write(
    rows: list[_Row], report: Callable[[int, int], None], *, done: int, total: int, update: bool
) -> ImportResult:
    result = ImportResult()
    workplaces, result.workplaces_created = _workplaces(rows)
    units, units_done = max(1, len(rows)), 0

    def advance(count: int) -> None:
        nonlocal units_done
        units_done += count
        report(done + (total - done) * units_done // units, total)

    moment = now()
    new_rows = [row for row in rows if row.person is None]
    max_before = Person.select(peewee.fn.MAX(Person.id)).scalar() or 0
    for batch in importing.batches(new_rows, BATCH):
        insert_rows(
            Person,
            [
                {
                    **row.values,
                    "workplace": workplaces.get(workplace_key(row.workplace)),
                    "pinyin": display_pinyin(row.values["name"]),
                    "created_at": moment,
                    "updated_at": moment,
                    "last_activity_at": moment,
                }
                for row in batch
            ],
        )
        advance(len(batch))
    result.created = len(new_rows)
    if new_rows:
        inserted = Person.select(
            Person.id, Person.name, Person.phone, Person.id_number, Person.member_card
        ).where(Person.id > max_before, Person.created_at == moment)
        keys = [
            {"person": person_id, "key": key, "kind": kind}
            for person_id, name, phone, id_number, card in inserted.tuples()
            for key, kind in person_search_keys(
                name=name, phone=phone, id_number=id_number, member_card=card
            ).items()
        ]
        for batch in importing.batches(keys, 5000):
            insert_rows(PersonSearchKey, batch)

    for row in rows:
        if row.person is None:
            continue
        person, merged = row.person, dict(row.changes)
        workplace = workplaces.get(workplace_key(row.workplace)) if row.workplace else None
        if (
            workplace is not None
            and workplace != person.workplace_id
            and (person.workplace_id is None or update)
        ):
            merged["workplace"] = workplace
        if not merged:
            result.unchanged += 1
            continue
        merged["updated_at"] = moment
        if "name" in merged:
            merged["pinyin"] = display_pinyin(merged["name"])
        Person.update(**merged).where(Person.id == person.id).execute()
        if {"name", "phone", "id_number", "member_card"} & set(merged):
            PersonSearchKey.delete().where(PersonSearchKey.person == person.id).execute()
            keys = person_search_keys(
                name=merged.get("name", person.name),
                phone=merged.get("phone", person.phone),
                id_number=merged.get("id_number", person.id_number),
                member_card=merged.get("member_card", person.member_card),
            )
            if keys:
                PersonSearchKey.insert_many(
                    [{"person": person.id, "key": k, "kind": kind} for k, kind in keys.items()]
                ).execute()
        result.filled += 1
    advance(len(rows) - len(new_rows))
    return result


def refused_file_path(path: Path) -> Path:
    """Where the refused rows of ``path`` are written: beside it, as a workbook."""
    path = Path(path)
    stem = translate("PeopleImport", "{name}-refused").format(name=path.stem)
    return path.with_name(f"{stem}.xlsx")


def write_refused(
    path: Path,
    layout: FileColumns,
    records: list[tuple[int, list[Any]]],
    problems: list[ImportProblem],
    labels: Callable[[str], str] = field_label,
) -> Path:
    """The refused rows as they were in the file, with the row number and the reasons, written
    privately (0600) beside the file."""
    from openpyxl import Workbook

    from stationapp.services.private_files import private_output
    from stationapp.services.spreadsheet import xlsx_row

    reasons: dict[int, list[str]] = {}
    for problem in problems:
        column = layout.headers.get(problem.field) or labels(problem.field)
        reasons.setdefault(problem.row, []).append(f"{column}: {problem.message}")
    width = max([len(layout.header)] + [len(record) for _n, record in records])
    header = [cell_text(cell) for cell in layout.header] + [""] * (width - len(layout.header))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(
        xlsx_row(
            sheet,
            [
                translate("PeopleImport", "Row"),
                *header,
                translate("PeopleImport", "Reason"),
            ],
        )
    )
    for number, record in records:
        if number in reasons:
            cells = list(record) + [None] * (width - len(record))
            sheet.append(xlsx_row(sheet, [number, *cells, "；".join(reasons[number])]))
    target = refused_file_path(path)
    with private_output(target) as partial:
        workbook.save(partial)
    return target
