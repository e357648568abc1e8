"""Import of the mediation ledger (调解案件台账) of earlier years as closed cases (issue #21).

Each ledger row becomes a closed case with its own number, so an employer's history and the
yearly statistics include the years before the application. The file is read as the roster is
(``people_import``: the header row below title rows, dates and numbers as stations write them,
all or nothing, ``skip_bad`` with the refused rows beside the file). A case is written directly
in its final state, not walked through the transitions: a registration event on the day it was
received, the outcome and the closing on the day it was closed, each marked as imported. An
agreement outcome gets an effective agreement with the agreed amount, which is what the
statistics count as a success. The counter of each year moves past the largest number imported,
so the next case filed continues after it. One transaction, one audit entry with the counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite, lock_kind, now, today, transaction
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    CLAIM_CATEGORIES,
    COLLECTIVE_THRESHOLD,
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseParty,
    MediationCase,
    Obligation,
)
from stationapp.models.people import Person, PersonSearchKey
from stationapp.services import changes
from stationapp.services.accounts import audit, require, station_settings
from stationapp.services.mediation import (
    REVIEW_DAYS,
    category_label,
    format_number,
    mediation_due_for,
    parse_amount,
    state_label,
)
from stationapp.services.people import PersonInput, person_search_keys, validate_person
from stationapp.services.people_import import (
    HEADER_ALIASES as PEOPLE_HEADERS,
)
from stationapp.services.people_import import (
    FileColumns,
    ImportProblem,
    ImportRefused,
    alias_table,
    cell_text,
    number_text,
    organizations_by_name,
    parse_date,
    read_rows,
    recognise_headers,
    workplace_key,
    write_refused,
)
from stationapp.services.search_keys import display_pinyin
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

Progress = Callable[[int, int], bool]

FIELDS: tuple[str, ...] = (
    "number",
    "received",
    "closed",
    "applicants",
    "id_number",
    "phone",
    "respondent",
    "category",
    "claims",
    "amount_claimed",
    "outcome",
    "amount_agreed",
    "amount_paid",
    "mediator",
    "notes",
    "mediation_due",
)
# Header names per field, compared after header_key(). The ledger export's own headers (English
# and Chinese) are among them, so an exported ledger reads back.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("案号", "案件编号", "调解案号", "案件号", "编号", "casenumber", "number"),
    "received": (
        "申请日期",
        "受理日期",
        "收案日期",
        "登记日期",
        "申请时间",
        "受理时间",
        "收案时间",
        "received",
        "receivedon",
    ),
    "closed": ("结案日期", "结案时间", "办结日期", "办结时间", "closedon", "closed"),
    "applicants": ("申请人", "申请人姓名", "当事人", "applicants", "applicant"),
    "id_number": (*PEOPLE_HEADERS["id_number"], "申请人身份证号", "申请人身份证号码"),
    "phone": (*PEOPLE_HEADERS["phone"], "申请人电话", "申请人联系电话"),
    "respondent": (
        "被申请人",
        "被申请单位",
        "用人单位",
        "被申请人单位",
        "respondent",
        "employer",
    ),
    "category": ("争议类型", "争议类别", "纠纷类型", "案件类型", "案由", "类别", "category"),
    "claims": ("请求事项", "申请事项", "争议事项", "诉求", "请求", "claims", "matters"),
    "amount_claimed": (
        "请求金额",
        "申请金额",
        "涉案金额",
        "标的额",
        "争议金额",
        "amountclaimed",
    ),
    "outcome": (
        "调解结果",
        "结案方式",
        "处理结果",
        "结果",
        "状态",
        "案件状态",
        "outcome",
        "result",
        "state",
    ),
    "amount_agreed": ("协议金额", "调解金额", "达成金额", "调解协议金额", "amountagreed"),
    "amount_paid": ("履行金额", "已付金额", "实际支付金额", "到位金额", "amountpaid"),
    "mediator": ("调解员", "承办人", "mediator"),
    "notes": ("备注", "notes"),
    "mediation_due": ("调解期限", "mediationdue"),
}
REQUIRED: tuple[str, ...] = ("received", "closed", "applicants", "respondent", "outcome")
# Recognised so that it is not reported as unknown, but not kept: computed from the received date.
NOT_KEPT: frozenset[str] = frozenset({"mediation_due"})
_ALIASES = alias_table(HEADER_ALIASES)

# How a ledger says a case ended, compared after _word(); each maps to the terminal state the
# case reached before it was closed, which is what the statistics and the employer history count.
OUTCOME_WORDS: dict[str, tuple[str, ...]] = {
    "performed": (
        "已履行",
        "履行完毕",
        "协议已履行",
        "调解成功",
        "成功",
        "达成协议",
        "达成调解协议",
        "调解结案",
        "performed",
        "agreementperformed",
        "success",
    ),
    "defaulted": ("未履行", "协议未履行", "不履行", "notperformed", "defaulted"),
    "failed": (
        "调解不成",
        "调解失败",
        "未达成协议",
        "调解终止",
        "终止调解",
        "mediationfailed",
        "failed",
    ),
    "referred_to_arbitration": (
        "已转仲裁",
        "转仲裁",
        "移送仲裁",
        "告知仲裁",
        "referredtoarbitration",
    ),
    "withdrawn": ("已撤回", "撤回", "申请人撤回", "撤回申请", "撤诉", "withdrawn"),
    "not_accepted": ("不予受理", "不受理", "notaccepted"),
    "respondent_declined": (
        "被申请人拒绝调解",
        "对方拒绝调解",
        "拒绝调解",
        "被申请人不同意调解",
        "respondentdeclined",
    ),
}
AGREEMENT_OUTCOMES: frozenset[str] = frozenset({"performed", "defaulted"})
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "wages": ("拖欠工资", "工资", "欠薪", "劳动报酬", "wages", "unpaidwages"),
    "overtime": ("加班费", "加班工资", "overtime", "overtimepay"),
    "dismissal": (
        "解除劳动合同/经济补偿",
        "经济补偿",
        "经济补偿金",
        "解除劳动合同",
        "辞退",
        "dismissal",
        "dismissal/economiccompensation",
    ),
    "damages": ("赔偿金", "赔偿", "damages"),
    "social_insurance": ("社会保险", "社保", "socialinsurance"),
    "work_injury": ("工伤待遇", "工伤", "workinjury"),
    "contract": ("劳动合同", "合同", "contract", "labourcontract"),
    "employment_status": ("确认劳动关系", "劳动关系", "employmentstatus"),
}
HEADER_SEARCH_ROWS = 10
MAX_ROWS = 50_000
PROGRESS_EVERY = 100
FIRST_YEAR = 1990
_SEPARATORS = re.compile(r"[、,，;；/\n]+")
_WORD_NOISE = re.compile(r"[\s_()（）:：*#.。\-]")
# (2024)建工调字第0012号, 〔2024〕建工调字第12号, 2024年第12号, 2024-0012
_NUMBER = re.compile(r"^[(\[〔【]\s*(\d{4})\s*[)\]〕】]\s*(.*?)\s*第\s*(\d{1,5})\s*号?$")
_NUMBER_PLAIN = re.compile(r"^(\d{4})\s*(?:年\s*第?|[-/.]|第)\s*(\d{1,5})\s*号?$")


def _word(value: Any) -> str:
    text = unicodedata.normalize("NFKC", cell_text(value)).lower()
    return _WORD_NOISE.sub("", text)


_OUTCOMES: dict[str, str] = {
    _word(word): state for state, words in OUTCOME_WORDS.items() for word in words
}
_CATEGORIES: dict[str, str] = {
    _word(word): category for category, words in CATEGORY_WORDS.items() for word in words
}


class CaseNumber(NamedTuple):
    year: int
    prefix: str  # "" when the number has none (the station's is used)
    sequence: int


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    numbered: int = 0  # rows without a number that were given the next free one of their year
    people_created: int = 0
    organizations_created: int = 0
    refused: int = 0
    refused_file: Path | None = None
    ignored_columns: list[str] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class _Applicant:
    values: dict[str, Any]  # validate_person's clean values
    person_id: int | None = None


@dataclass
class _Row:
    number: int
    case_number: CaseNumber | None
    received: date
    closed: date
    applicants: list[_Applicant]
    respondent: str
    categories: list[str]
    amounts: list[Decimal | None]
    matters: str
    outcome: str
    agreed: Decimal | None
    paid: Decimal | None
    mediator: str
    notes: str


class _Cancelled(Exception):
    pass


# --- values -----------------------------------------------------------------------------------


def parse_case_number(value: Any) -> CaseNumber | None:
    """A case number as ledgers write it, or None for an empty cell; raises ValueError otherwise.

    "(2024)建工调字第0012号" (any brackets, full- or half-width), "2024年第12号", "2024-0012".
    """
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(value)))
    if not text:
        return None
    match = _NUMBER.match(text)
    if match:
        prefix = match[2]
        prefix = prefix[:-1] if prefix.endswith("字") else prefix
        year, sequence = int(match[1]), int(match[3])
    else:
        match = _NUMBER_PLAIN.match(text)
        if not match:
            raise ValueError(text)
        prefix, year, sequence = "", int(match[1]), int(match[2])
    if sequence < 1 or not FIRST_YEAR <= year <= 9999:
        raise ValueError(text)
    return CaseNumber(year, prefix, sequence)


def parse_outcome(value: Any) -> str | None:
    """The terminal state a ledger's outcome word names, None for an empty cell; raises
    ValueError for a word it does not know (an open state included: only closed cases are
    imported)."""
    word = _word(value)
    if not word:
        return None
    for state, label in _state_labels().items():
        if word == _word(label):
            return state
    try:
        return _OUTCOMES[word]
    except KeyError:
        raise ValueError(word) from None


def _state_labels() -> dict[str, str]:
    # The labels the ledger export writes, in the language it was written in.
    return {state: state_label(state) for state in OUTCOME_WORDS}


def parse_categories(value: Any) -> list[str] | None:
    """The claim categories a cell lists (拖欠工资、加班费), [] for an empty cell, None when a
    part is not a category (the cell is then a description of the claims)."""
    found: list[str] = []
    labels = {_word(category_label(c)): c for c in CLAIM_CATEGORIES}
    for part in _SEPARATORS.split(cell_text(value)):
        word = _word(part)
        if not word:
            continue
        category = (
            _CATEGORIES.get(word)
            or labels.get(word)
            or (word if word in CLAIM_CATEGORIES else None)
        )
        if category is None:
            return None
        if category not in found:
            found.append(category)
    return found


def _money(value: Any) -> Decimal | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = f"{value:.2f}" if isinstance(value, float) else str(value)
    text = unicodedata.normalize("NFKC", cell_text(value))
    text = re.sub(r"[\s元¥￥]", "", text)
    return parse_amount(text)


def field_label(name: str) -> str:
    return {
        "number": translate("CaseImport", "Case number"),
        "received": translate("CaseImport", "Received"),
        "closed": translate("CaseImport", "Closed on"),
        "applicants": translate("CaseImport", "Applicants"),
        "id_number": translate("CaseImport", "ID number"),
        "phone": translate("CaseImport", "Phone"),
        "respondent": translate("CaseImport", "Respondent"),
        "category": translate("CaseImport", "Category"),
        "claims": translate("CaseImport", "Claims"),
        "amount_claimed": translate("CaseImport", "Amount claimed"),
        "outcome": translate("CaseImport", "Outcome"),
        "amount_agreed": translate("CaseImport", "Amount agreed"),
        "amount_paid": translate("CaseImport", "Amount paid"),
        "mediator": translate("CaseImport", "Mediator"),
        "notes": translate("CaseImport", "Notes"),
    }.get(name, name)


def imported_mark(file_name: str, row: int) -> str:
    """The reason written on an imported case's events, so staff can tell it was imported."""
    return translate("CaseImport", "Imported from the case ledger {file}, row {row}.").format(
        file=file_name, row=row
    )


# --- reading the file -------------------------------------------------------------------------


def _layout(number: int, record: list[Any]) -> FileColumns | None:
    found = recognise_headers(record, _ALIASES)
    if "applicants" not in found:
        return None
    texts = [cell_text(cell) for cell in record]
    used = set(found.values())
    return FileColumns(
        header_row=number,
        columns={k: v for k, v in found.items() if k not in NOT_KEPT},
        headers={name: texts[index] for name, index in found.items()},
        ignored=[text for index, text in enumerate(texts) if text and index not in used],
        header=record,
    )


def _refuse(problems: list[ImportProblem], columns: dict[str, str]) -> None:
    order = {name: index for index, name in enumerate(FIELDS)}
    problems = sorted(problems, key=lambda p: (p.row, order.get(p.field, len(order))))
    rows = len({p.row for p in problems})
    raise ImportRefused(
        translate(
            "CaseImport",
            "Nothing was imported: %n row(s) have problems. Correct the file and import it again.",
            "",
            rows,
        ),
        problems=problems,
        columns=columns,
        labels=field_label,
    )


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(cell_text(value)) if part.strip()]


def _positional(text: str) -> list[str]:
    """One value per applicant, an empty one kept in its place ("110…、" for two applicants)."""
    parts = [part.strip() for part in _SEPARATORS.split(text)]
    return parts if any(parts) else []


def _check_row(
    number: int, record: list[Any], columns: dict[str, int], on: date
) -> tuple[_Row | None, list[ImportProblem]]:
    def cell(name: str) -> Any:
        index = columns.get(name)
        return record[index] if index is not None and index < len(record) else None

    problems: dict[tuple[str, str], None] = {}

    def problem(name: str, message: str) -> None:
        problems[(name, message)] = None

    case_number = None
    try:
        case_number = parse_case_number(cell("number"))
    except ValueError:
        problem(
            "number",
            translate(
                "CaseImport", "“{text}” is not a case number like (2024)建工调字第0012号."
            ).format(text=cell_text(cell("number"))),
        )
    if case_number is not None and case_number.year > on.year:
        problem("number", translate("CaseImport", "The year of the case number is to come."))
        case_number = None

    dates: dict[str, date | None] = {}
    for name in ("received", "closed"):
        try:
            parsed = parse_date(cell(name))
        except ValueError:
            parsed = None
            problem(
                name,
                translate(
                    "CaseImport", "“{text}” is not a date; write it as 2024-05-01 or 2024年5月1日."
                ).format(text=cell_text(cell(name))),
            )
            dates[name] = None
            continue
        value = parsed.value if parsed else None
        if parsed is None:
            problem(name, translate("CaseImport", "This date is required."))
        elif value > on:
            problem(name, translate("CaseImport", "This date is in the future."))
            value = None
        elif value.year < FIRST_YEAR:
            problem(name, translate("CaseImport", "This date is before 1990."))
            value = None
        dates[name] = value
    received, closed = dates["received"], dates["closed"]
    if received and closed and closed < received:
        problem("closed", translate("CaseImport", "The case was closed before it was received."))

    names = _split(cell("applicants"))
    numbers: list[str] = []
    try:
        numbers = _positional(number_text(cell("id_number")))
    except ValueError:
        problem(
            "id_number",
            translate(
                "CaseImport",
                "The spreadsheet stored this number as a number and kept only its first 15 "
                "digits; format the column as text and type the number again.",
            ),
        )
    phones = _positional(cell_text(cell("phone")))
    applicants: list[_Applicant] = []
    if not names:
        problem("applicants", translate("CaseImport", "Write the applicant's name."))
    for name, given in (("id_number", numbers), ("phone", phones)):
        if given and len(given) != len(names):
            problem(
                name,
                translate(
                    "CaseImport",
                    "Give one value per applicant, in the order of the names ({count}).",
                ).format(count=len(names)),
            )
    if not any(key[0] in ("id_number", "phone") for key in problems):
        for index, name in enumerate(names):
            data = PersonInput(
                name=name,
                id_number=numbers[index] if numbers else "",
                phone=phones[index] if phones else "",
            )
            try:
                values = validate_person(data, on=on).values
            except ValidationError as exc:
                for key, message in (exc.errors or {exc.field or "name": exc.message}).items():
                    problem("applicants" if key == "name" else key, f"{name}: {message}")
                continue
            values.pop("workplace", None)
            applicants.append(_Applicant(values))

    respondent = ""
    try:
        respondent = normalize_text(
            cell_text(cell("respondent")), field="respondent", max_length=100, required=True
        )
    except ValidationError:
        problem(
            "respondent",
            translate("CaseImport", "Write the employer (the respondent), ≤100 characters."),
        )

    categories = parse_categories(cell("category"))
    claims_text = cell_text(cell("claims"))
    from_claims = parse_categories(claims_text)
    if categories is None:
        problem(
            "category",
            translate("CaseImport", "Write the category as one of: {words}.").format(
                words="、".join(CATEGORY_WORDS[c][0] for c in CLAIM_CATEGORIES)
            ),
        )
        categories = []
    elif not categories and from_claims:
        categories = from_claims
    elif not categories:
        problem(
            "category" if "category" in columns or "claims" not in columns else "claims",
            translate("CaseImport", "Write what the dispute is about, e.g. 拖欠工资、加班费."),
        )
    matters = "" if from_claims else claims_text
    if len(matters) > 4000:
        problem("claims", translate("CaseImport", "At most 4000 characters."))

    amounts: list[Decimal | None] = []
    parts = _split(cell("amount_claimed")) if isinstance(cell("amount_claimed"), str) else []
    raw = parts if len(parts) > 1 else [cell("amount_claimed")]
    try:
        amounts = [_money(part) for part in raw]
    except ValueError:
        problem(
            "amount_claimed",
            translate("CaseImport", "Write the amount as a sum of money like 12000.50."),
        )
    if len(amounts) > 1 and len(amounts) != len(categories):
        problem(
            "amount_claimed",
            translate(
                "CaseImport", "Give one amount, or one per category in the order of the categories."
            ),
        )

    outcome = None
    try:
        outcome = parse_outcome(cell("outcome"))
        if outcome is None:
            problem("outcome", translate("CaseImport", "Write how the case ended."))
    except ValueError:
        problem(
            "outcome",
            translate(
                "CaseImport",
                "“{text}” is not an outcome the import knows; see docs/case-ledger.md.",
            ).format(text=cell_text(cell("outcome"))),
        )
    money: dict[str, Decimal | None] = {}
    for name in ("amount_agreed", "amount_paid"):
        try:
            money[name] = _money(cell(name))
        except ValueError:
            money[name] = None
            problem(
                name, translate("CaseImport", "Write the amount as a sum of money like 12000.50.")
            )
        if money[name] is not None and outcome is not None and outcome not in AGREEMENT_OUTCOMES:
            problem(
                name,
                translate(
                    "CaseImport", "Only a case that ended with an agreement has this amount."
                ),
            )
    notes = cell_text(cell("notes"))
    if len(notes) > 20000:
        problem("notes", translate("CaseImport", "At most 20000 characters."))
    found = [ImportProblem(number, name, message) for name, message in problems]
    if found:
        return None, found
    assert received is not None and closed is not None and outcome is not None
    agreed, paid = money["amount_agreed"], money["amount_paid"]
    if outcome == "performed" and paid is None:
        paid = agreed
    return (
        _Row(
            number=number,
            case_number=case_number,
            received=received,
            closed=closed,
            applicants=applicants,
            respondent=respondent,
            categories=categories,
            amounts=amounts,
            matters=matters,
            outcome=outcome,
            agreed=agreed,
            paid=paid,
            mediator=cell_text(cell("mediator")),
            notes=notes,
        ),
        [],
    )


# --- import -----------------------------------------------------------------------------------


def import_cases(
    actor: Staff, path: Path, *, skip_bad: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Check the whole ledger, then import it as closed cases in one transaction; or refuse it
    with every problem. ``progress(done, total)`` as for the roster: False cancels, nothing is
    written.

    Importing history is the head's or the administrator's job (``case.assign``); it also
    files (``case.manage``) and adds people and employers (``person.create``,
    ``organization.manage``)."""
    require(actor, "case.assign")
    require(actor, "case.manage")
    require(actor, "person.create")
    require(actor, "organization.manage")
    path = Path(path)

    def report(done: int, total: int) -> None:
        if progress is not None and not progress(done, total):
            raise _Cancelled

    try:
        return _import(actor, path, report, skip_bad=skip_bad)
    except _Cancelled:
        return ImportResult(cancelled=True)


def _import(
    actor: Staff, path: Path, report: Callable[[int, int], None], *, skip_bad: bool
) -> ImportResult:
    layout: FileColumns | None = None
    records: list[tuple[int, list[Any]]] = []
    for number, record in read_rows(path, report):
        if layout is None:
            if number > HEADER_SEARCH_ROWS:
                break
            layout = _layout(number, record)
            continue
        if any(cell_text(value) for value in record):
            records.append((number, record))
            if len(records) > MAX_ROWS:
                raise UserError(
                    translate(
                        "CaseImport", "The file has more than {count} rows; split it."
                    ).format(count=f"{MAX_ROWS:,}")
                )
    if layout is None:
        raise ImportRefused(
            translate("CaseImport", "The file has no column for the applicants."),
            problems=[
                ImportProblem(
                    1,
                    "applicants",
                    translate(
                        "CaseImport",
                        "No header row with a 申请人 (applicants) column was found in the first "
                        "{count} rows.",
                    ).format(count=HEADER_SEARCH_ROWS),
                )
            ],
            columns={},
            labels=field_label,
        )
    missing = [name for name in REQUIRED if name not in layout.columns]
    if missing:
        _refuse(
            [
                ImportProblem(
                    layout.header_row,
                    name,
                    translate("CaseImport", "The ledger has no column for this."),
                )
                for name in missing
            ],
            layout.headers,
        )
    if not records:
        raise UserError(translate("CaseImport", "The file has no rows to import."))

    on = today()
    total = 2 * len(records)
    problems: list[ImportProblem] = []
    rows: list[_Row] = []
    for done, (number, record) in enumerate(records, 1):
        row, found = _check_row(number, record, layout.columns, on)
        problems.extend(found)
        if row is not None:
            rows.append(row)
        if done % PROGRESS_EVERY == 0:
            report(done, total)
    report(len(records), total)
    if problems and not skip_bad:
        _refuse(problems + _match(rows, path.name), layout.headers)

    with transaction(lock=True):
        lock_kind("person")
        lock_kind("organization")
        late = _match(rows, path.name)
        problems.extend(late)
        if problems and not skip_bad:
            _refuse(problems, layout.headers)
        bad = {p.row for p in late}
        rows = [row for row in rows if row.number not in bad]
        result = _write(actor, rows, path.name)
        result.rows = len(records)
        result.refused = len({p.row for p in problems})
        result.ignored_columns = list(layout.ignored)
        if problems:
            result.refused_file = write_refused(path, layout, records, problems, field_label)
        audit(
            actor,
            "import",
            "case",
            None,
            {
                "file": path.name,
                "rows": result.rows,
                "imported": result.imported,
                "numbered": result.numbered,
                "people_created": result.people_created,
                "organizations_created": result.organizations_created,
                "refused": result.refused,
                "skip_bad": skip_bad,
            },
        )
        report(total, total)
    changes.notify("case")
    if result.people_created:
        changes.notify("person")
    if result.organizations_created:
        changes.notify("organization")
    return result


def _person_key(values: dict[str, Any]) -> tuple[str, ...] | None:
    if values.get("id_number"):
        return ("id", str(values["id_number"]).upper())
    if values.get("phone"):
        return ("name", values["name"], values["phone"])
    return None


def _match(rows: list[_Row], file_name: str) -> list[ImportProblem]:
    """Match applicants in the register (setting ``person_id``), and the problems the register
    or the file's other rows make: a number on file or given twice, a deactivated person, a
    case without a number that is already on file."""
    problems: list[ImportProblem] = []
    seen: dict[tuple[int, int], int] = {}
    wanted = {(r.case_number.year, r.case_number.sequence) for r in rows if r.case_number}
    on_file: dict[tuple[int, int], str] = {}
    for year in sorted({year for year, _seq in wanted}):
        query = MediationCase.select(
            MediationCase.year, MediationCase.sequence, MediationCase.number
        ).where(MediationCase.year == year)
        for y, seq, number in query.tuples():
            on_file[(y, seq)] = number
    numbers_on_file = set(on_file.values())
    prefix = station_settings().case_prefix
    ids = sorted(
        {a.values["id_number"] for r in rows for a in r.applicants if a.values["id_number"]}
    )
    phones = sorted({a.values["phone"] for r in rows for a in r.applicants if a.values["phone"]})
    by_id: dict[str, Person] = {}
    for person in (
        Person.select()
        .where(Person.id_number.in_(ids + [n.lower() for n in ids]))
        .order_by(Person.id)
    ):
        current = by_id.get(person.id_number.upper())
        if current is None or (person.active and not current.active):
            by_id[person.id_number.upper()] = person
    by_name: dict[tuple[str, str], Person] = {}
    for person in (
        Person.select().where(Person.phone.in_(phones), Person.active).order_by(Person.id)
    ):
        by_name.setdefault((person.name, person.phone), person)
    for row in rows:
        key = row.case_number
        if key is not None:
            pair = (key.year, key.sequence)
            text = format_number(key.year, key.prefix or prefix, key.sequence)
            if pair in on_file or text in numbers_on_file:
                problems.append(
                    ImportProblem(
                        row.number,
                        "number",
                        translate(
                            "CaseImport", "This case number is already on file ({number})."
                        ).format(number=on_file.get(pair, text)),
                    )
                )
                continue
            if pair in seen:
                problems.append(
                    ImportProblem(
                        row.number,
                        "number",
                        translate("CaseImport", "The same case number as row {row}.").format(
                            row=seen[pair]
                        ),
                    )
                )
                continue
            seen[pair] = row.number
        refused = False
        for applicant in row.applicants:
            number = applicant.values.get("id_number") or ""
            person = by_id.get(number.upper()) if number else None
            if person is not None and not person.active:
                problems.append(
                    ImportProblem(
                        row.number,
                        "id_number",
                        translate(
                            "CaseImport",
                            "This ID number belongs to a deactivated record; reactivate it first.",
                        ),
                    )
                )
                refused = True
                break
            if person is None and applicant.values.get("phone"):
                person = by_name.get((applicant.values["name"], applicant.values["phone"]))
            applicant.person_id = person.id if person is not None else None
        if refused:
            continue
        if key is None:
            twin = _same_case_on_file(row)
            if twin is not None:
                problems.append(
                    ImportProblem(
                        row.number,
                        "number",
                        translate(
                            "CaseImport",
                            "This case seems to be on file already as {number}; give its number.",
                        ).format(number=twin),
                    )
                )
    return problems


def _same_case_on_file(row: _Row) -> str | None:
    """A case with no number in the ledger is the one on file received the same day against the
    same employer by one of the same applicants (a ledger imported twice)."""
    people = [a.person_id for a in row.applicants if a.person_id is not None]
    if not people:
        return None
    start = datetime.combine(row.received, time.min)
    query = (
        MediationCase.select(MediationCase.number, MediationCase.respondent)
        .join(CaseParty)
        .where(
            CaseParty.person.in_(people),
            MediationCase.received_at >= start,
            MediationCase.received_at < start + timedelta(days=1),
        )
    )
    key = workplace_key(row.respondent)
    for case in query:
        if workplace_key(case.respondent.name) == key:
            return case.number
    return None


def _write(actor: Staff, rows: list[_Row], file_name: str) -> ImportResult:
    result = ImportResult()
    organizations, result.organizations_created = organizations_by_name(
        row.respondent for row in rows
    )
    prefix = station_settings().case_prefix
    moment = now()
    staff = {}
    for member in Staff.select():
        staff.setdefault(member.display_name, member.id)
        staff.setdefault(member.username, member.id)

    # Numbers: the given ones kept; the missing ones after the largest of the year so far.
    last: dict[int, int] = {}
    years = sorted({r.case_number.year if r.case_number else r.received.year for r in rows})
    for year in years:
        CaseCounter.insert(year=year, last=0).on_conflict_ignore().execute()
        query = CaseCounter.select().where(CaseCounter.year == year)
        if not is_sqlite():
            query = query.for_update()
        largest = (
            MediationCase.select(peewee.fn.MAX(MediationCase.sequence))
            .where(MediationCase.year == year)
            .scalar()
            or 0
        )
        last[year] = max(query.get().last, largest)
    for row in rows:
        if row.case_number is not None:
            year = row.case_number.year
            last[year] = max(last[year], row.case_number.sequence)

    created: dict[tuple[str, ...], int] = {}
    for row in rows:
        if row.case_number is not None:
            year, sequence = row.case_number.year, row.case_number.sequence
            number = format_number(year, row.case_number.prefix or prefix, sequence)
        else:
            year = row.received.year
            last[year] += 1
            sequence = last[year]
            number = format_number(year, prefix, sequence)
            result.numbered += 1
        people: list[int] = []
        for applicant in row.applicants:
            if applicant.person_id is None:
                key = _person_key(applicant.values)
                if key is not None and key in created:
                    applicant.person_id = created[key]
                else:
                    applicant.person_id = _create_person(applicant.values, moment)
                    result.people_created += 1
                    if key is not None:
                        created[key] = applicant.person_id
            people.append(applicant.person_id)
        people = list(dict.fromkeys(people))
        mark = imported_mark(file_name, row.number)
        received = datetime.combine(row.received, time.min)
        closed = datetime.combine(row.closed, time.min)
        case = MediationCase.create(
            year=year,
            sequence=sequence,
            number=number,
            application_kind="written",
            received_at=received,
            state="closed",
            respondent=organizations[workplace_key(row.respondent)],
            matters=row.matters,
            facts=row.notes,
            collective=len(people) >= COLLECTIVE_THRESHOLD,
            mediator=staff.get(row.mediator),
            mediation_due=mediation_due_for(row.received),
            decided_at=closed,
            decision_reason=mark,
            review_due=(
                row.closed + timedelta(days=REVIEW_DAYS)
                if row.outcome in AGREEMENT_OUTCOMES
                else None
            ),
            closed_at=closed,
            created_by=actor,
            created_at=moment,
            updated_at=moment,
        )
        CaseParty.insert_many([{"case": case.id, "person": pid} for pid in people]).execute()
        claims = [
            {
                "case": case.id,
                "category": category,
                "amount": (
                    row.amounts[index]
                    if len(row.amounts) > 1
                    else (row.amounts[0] if row.amounts and index == 0 else None)
                ),
            }
            for index, category in enumerate(row.categories)
        ]
        CaseClaim.insert_many(claims).execute()
        if row.outcome in AGREEMENT_OUTCOMES:
            agreement = Agreement.create(
                case=case,
                terms=mark,
                signed_applicant=True,
                signed_respondent=True,
                signed_mediator=True,
                sealed_organization=True,
                effective_at=closed,
                created_at=moment,
            )
            if row.agreed is not None or row.paid is not None:
                Obligation.create(
                    agreement=agreement,
                    description=mark,
                    amount=row.agreed,
                    performed_on=row.closed if row.paid is not None else None,
                    performed_amount=row.paid,
                )
        CaseEvent.insert_many(
            [
                {
                    "case": case.id,
                    "at": received,
                    "staff": actor.id,
                    "kind": "transition",
                    "from_state": "",
                    "to_state": "registered",
                    "reason": mark,
                },
                {
                    "case": case.id,
                    "at": closed,
                    "staff": actor.id,
                    "kind": "transition",
                    "from_state": "registered",
                    "to_state": row.outcome,
                    "reason": mark,
                },
                {
                    "case": case.id,
                    "at": closed,
                    "staff": actor.id,
                    "kind": "transition",
                    "from_state": row.outcome,
                    "to_state": "closed",
                    "reason": mark,
                },
            ]
        ).execute()
        result.imported += 1
    for year, sequence in last.items():
        CaseCounter.update(last=sequence).where(
            CaseCounter.year == year, CaseCounter.last < sequence
        ).execute()
    return result


def _create_person(values: dict[str, Any], moment: datetime) -> int:
    person = Person.create(
        **values,
        pinyin=display_pinyin(values["name"]),
        created_at=moment,
        updated_at=moment,
        last_activity_at=moment,
    )
    keys = person_search_keys(
        name=person.name,
        phone=person.phone,
        id_number=person.id_number or "",
        member_card=person.member_card or "",
    )
    if keys:
        PersonSearchKey.insert_many(
            [{"person": person.id, "key": key, "kind": kind} for key, kind in keys.items()]
        ).execute()
    return person.id
