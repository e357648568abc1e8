"""The ledger's columns and how its values are read: fields and header aliases, case numbers,
outcomes, categories, amounts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication

from stationapp.models.mediation import CLAIM_CATEGORIES
from stationapp.services.importing import cell_text
from stationapp.services.mediation import category_label, parse_amount, state_label
from stationapp.services.people_import import HEADER_ALIASES as PEOPLE_HEADERS
from stationapp.services.people_import import alias_table

translate = QCoreApplication.translate


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
