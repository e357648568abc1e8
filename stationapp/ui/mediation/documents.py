"""The printed documents of a mediation case (domain/mediation.md, "Documents").

Each document is an HTML template under resources/templates/mediation in Qt's rich-text subset,
filled from a context that ``case_context`` collects through the services. The documents are
Chinese legal papers whatever the interface language, so their wording (and the Chinese words
for categories, genders and dates) lives in the templates and in this module's vocabulary, not
in the translation catalogue; only the titles the interface shows are translated.

The template language is deliberately tiny:

``{{name}}``
    the value, HTML-escaped, line breaks kept. A missing or empty value prints as a visible
    red placeholder (【未填写：申请人地址】), never as an empty gap.
``{{#name}}...{{/name}}``
    a list of dicts repeats its body once per item (an item's keys hide the outer ones); any
    other true value renders the body once.
``{{^name}}...{{/name}}``
    the body when the value is missing, false or empty.
``{{>name}}``
    the template ``name.html`` inserted here (shared parts start with an underscore).

Sections of the same name cannot nest inside each other.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from stationapp.config import resource_path
from stationapp.db import today
from stationapp.errors import NotFound
from stationapp.services import accounts, mediation, people
from stationapp.ui.printing import html_document, preview_document, write_pdf_document

translate = QCoreApplication.translate

# The service's order of a case file, so the page and the availability rule never differ.
CODES: tuple[str, ...] = mediation.DOCUMENT_CODES


def _titles() -> dict[str, str]:
    return {
        "application_record": translate("CaseDocuments", "Application record"),
        "acceptance_notice": translate("CaseDocuments", "Acceptance notice"),
        "not_acceptance_notice": translate("CaseDocuments", "Non-acceptance notice"),
        "mediation_record": translate("CaseDocuments", "Mediation session record"),
        "agreement": translate("CaseDocuments", "Mediation agreement"),
        "failed_record": translate("CaseDocuments", "Mediation-failed record"),
        "arbitration_pack": translate("CaseDocuments", "Arbitration handover pack"),
    }


class _Documents(Mapping[str, str]):
    """Document code -> title in the interface language, looked up when asked (not at import,
    before the translator is installed)."""

    def __getitem__(self, code: str) -> str:
        return _titles()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(CODES)

    def __len__(self) -> int:
        return len(CODES)


DOCUMENTS: Mapping[str, str] = _Documents()

# --- the Chinese vocabulary of the documents ---------------------------------------------------

FIELD_LABELS: dict[str, str] = {
    "case_number": "案件编号",
    "application_kind": "申请方式",
    "received_at": "收到申请时间",
    "received_date": "申请日期",
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "id_number": "身份证件号码",
    "phone": "联系电话",
    "workplace": "工作单位",
    "applicant_names": "申请人",
    "respondent_name": "被申请人名称",
    "respondent_address": "被申请人地址",
    "respondent_contact": "被申请人联系人",
    "respondent_phone": "被申请人联系电话",
    "matters": "争议事项",
    "reasons": "申请理由及请求",
    "facts": "事实经过",
    "claims": "请求事项",
    "obligations": "履行事项",
    "category": "请求类别",
    "amount": "金额",
    "description": "内容",
    "mediator": "调解员",
    "recorder": "记录人",
    "mediation_due": "调解期限",
    "accepted_on": "受理日期",
    "not_accepted_on": "不予受理日期",
    "not_accepted_reason": "不予受理理由",
    "failed_on": "调解终止日期",
    "failed_reason": "调解不成的原因",
    "session_time": "调解时间",
    "session_date": "调解日期",
    "session_place": "调解地点",
    "session_attendees": "参加人员",
    "session_record": "调解记录",
    "time": "时间",
    "place": "地点",
    "attendees": "参加人员",
    "proves": "证明内容",
    "terms": "协议内容",
    "due_on": "履行期限",
    "agreement_date": "协议日期",
    "effective_on": "生效日期",
    "review_due": "仲裁审查申请期限",
    "limitation_date": "仲裁时效参考截止日期",
    "limitation_explanation": "时效说明",
    "station_name": "调解组织名称",
    "today": "日期",
}

CATEGORY_NAMES: dict[str, str] = {
    "wages": "拖欠工资（劳动报酬）",
    "overtime": "加班费",
    "dismissal": "解除劳动合同经济补偿",
    "damages": "赔偿金",
    "social_insurance": "社会保险",
    "work_injury": "工伤待遇",
    "contract": "劳动合同",
    "employment_status": "确认劳动关系",
}

# Evidence an arbitration commission usually asks for, by claim category: (what, what it proves).
EVIDENCE: dict[str, tuple[str, str]] = {
    "wages": ("劳动合同、工资条、银行工资流水、考勤记录", "劳动关系、工资标准及拖欠工资的数额"),
    "overtime": ("考勤记录、加班审批单、工资条", "加班的事实及加班费的数额"),
    "dismissal": (
        "解除（终止）劳动合同通知书、劳动合同",
        "用人单位解除劳动合同的事实及经济补偿的数额",
    ),
    "damages": ("相关损失的凭证", "损失的事实及赔偿的数额"),
    "social_insurance": ("社会保险个人权益记录（缴费记录）", "用人单位未依法缴纳社会保险"),
    "work_injury": (
        "工伤认定决定书、劳动能力鉴定结论、医疗费票据",
        "工伤的事实及工伤待遇的数额",
    ),
    "contract": ("劳动合同文本", "劳动合同的订立及履行情况"),
    "employment_status": ("工作证、工牌、工资支付记录、同事证言", "双方存在劳动关系"),
}
BLANK_EVIDENCE_ROWS = 4

GENDERS = {"M": "男", "F": "女"}
KINDS = {"written": "书面申请", "oral": "口头申请"}
APPLICATION_TITLES = {"written": "劳动争议调解申请书", "oral": "口头申请笔录"}

PLACEHOLDER = '<span style="color:#b3261e">【未填写：{label}】</span>'


# --- the renderer ---------------------------------------------------------------------------------

_PARTIAL = re.compile(r"\{\{>\s*([\w-]+)\s*\}\}")
# One pass over sections and values, so that text coming from a value is never read as a tag.
_TOKEN = re.compile(
    r"\{\{([#^])\s*(\w+)\s*\}\}(.*?)\{\{/\s*\2\s*\}\}"  # {{#name}}...{{/name}}
    r"|\{\{\s*(\w+)\s*\}\}",  # {{name}}
    re.DOTALL,
)
_MISSING = object()


def template_path(name: str) -> Path:
    return resource_path("templates", "mediation", f"{name}.html")


@cache
def _template_source(name: str) -> str:
    return template_path(name).read_text(encoding="utf-8")


@cache
def _stylesheet() -> str:
    return resource_path("templates", "mediation", "document.css").read_text(encoding="utf-8")


def _with_partials(source: str, depth: int = 0) -> str:
    if depth > 5:
        raise ValueError("templates include each other in a loop")
    return _PARTIAL.sub(lambda m: _with_partials(_template_source(m.group(1)), depth + 1), source)


def _lookup(name: str, scopes: Sequence[Mapping[str, Any]]) -> Any:
    for scope in scopes:
        if name in scope:
            return scope[name]
    return _MISSING


def _is_empty(value: Any) -> bool:
    if value is _MISSING or value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return not value
    return False


def placeholder(name: str) -> str:
    return PLACEHOLDER.format(label=html.escape(FIELD_LABELS.get(name, name)))


def _value_html(name: str, value: Any) -> str:
    if _is_empty(value):
        return placeholder(name)
    if isinstance(value, datetime):
        text = format_datetime(value)
    elif isinstance(value, date):
        text = format_date(value)
    elif isinstance(value, Decimal):
        text = format_money(value)
    else:
        text = str(value).strip()
    return "<br/>".join(html.escape(line) for line in text.splitlines())


def _render(source: str, scopes: Sequence[Mapping[str, Any]]) -> str:
    def token(match: re.Match[str]) -> str:
        kind, name, body, tag = match.groups()
        if tag is not None:
            return _value_html(tag, _lookup(tag, scopes))
        value = _lookup(name, scopes)
        if kind == "^":
            return _render(body, scopes) if _is_empty(value) else ""
        if _is_empty(value):
            return ""
        if isinstance(value, (list, tuple)):
            return "".join(_render(body, [item, *scopes]) for item in value)
        if isinstance(value, Mapping):
            return _render(body, [value, *scopes])
        return _render(body, scopes)

    return _TOKEN.sub(token, source)


def render_template(source: str, context: Mapping[str, Any]) -> str:
    """Fill ``source`` (template text, partials allowed) from ``context``."""
    return _render(_with_partials(source), [context])


def render(code: str, context: Mapping[str, Any]) -> str:
    """The document ``code`` as a complete HTML page for QTextDocument."""
    if code not in CODES:
        raise KeyError(code)
    return html_page(render_template(_template_source(code), context))


def html_page(body: str) -> str:
    """``body`` as a complete HTML page in the documents' style."""
    return (
        '<html><head><meta charset="utf-8"/>'
        f"<style>{_stylesheet()}</style></head><body>{body}</body></html>"
    )


def document(code: str, context: Mapping[str, Any]) -> QTextDocument:
    return html_document(render(code, context))


def write_pdf(code: str, context: Mapping[str, Any], path: Path) -> Path:
    return write_pdf_document(
        document(code, context),
        Path(path),
        title=f"{context.get('case_number', '')} {DOCUMENTS[code]}".strip(),
        creator=str(context.get("station_name") or ""),
    )


def preview(code: str, context: Mapping[str, Any], parent: QWidget | None = None) -> None:
    preview_document(document(code, context), parent, title=DOCUMENTS[code])


# --- formatting -----------------------------------------------------------------------------------


def format_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def format_datetime(moment: datetime | None) -> str:
    return f"{format_date(moment.date())} {moment:%H:%M}" if moment else ""


def format_money(amount: Decimal | None) -> str:
    return f"{amount:,.2f}元" if amount is not None else ""


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")


def _group_upper(group: int) -> str:
    """1 to 9999 in capital numerals, zeros inside the group read once (壹仟零伍)."""
    out = ""
    zero = False
    for power in (3, 2, 1, 0):
        digit = group // 10**power % 10
        if digit == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[digit] + _UNITS[power]
    return out


def money_upper(amount: Decimal) -> str:
    """The amount in capital numerals, as agreements write it: 人民币壹万贰仟元整."""
    cents = int((amount * 100).quantize(Decimal(1)))
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    text = ""
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            continue
        if text and (group < 1000 or groups[index + 1] == 0):
            text += "零"
        text += _group_upper(group) + _GROUPS[index]
    text = text + "元" if text else ""
    if jiao == 0 and fen == 0:
        return "人民币" + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    if fen:
        text += ("零" if text and not jiao else "") + _DIGITS[fen] + "分"
    return "人民币" + text


# --- the context ----------------------------------------------------------------------------------


def _last_transition(events: list[Any], *states: str) -> Any | None:
    found = [e for e in events if e.kind == "transition" and e.to_state in states]
    return found[-1] if found else None


def _wage_arrears_open(case: Any, claims: list[Any]) -> bool:
    return case.employment_ended is None and any(
        c.category in ("wages", "overtime") for c in claims
    )


def _limitation_text(case: Any, claims: list[Any], deadline: date | None) -> str:
    """limitation_for's reasoning in the words of a Chinese notice (LDMAL Art. 27)."""
    law = "（《中华人民共和国劳动争议调解仲裁法》第二十七条）"
    if deadline is None and _wage_arrears_open(case, claims):
        return (
            "劳动关系存续期间因拖欠劳动报酬发生争议的，申请仲裁不受一年仲裁时效期间的限制；"
            "但劳动关系终止的，应当自劳动关系终止之日起一年内提出" + law + "。"
        )
    if deadline is None:
        return (
            "未记录申请人知道或者应当知道其权利被侵害的日期，无法推算仲裁时效，请补录后重新打印。"
        )
    received = format_date(case.received_at.date())
    ended = case.closed_at.date() if case.closed_at else None
    if case.state in ("failed", "referred_to_arbitration", "withdrawn") and case.decided_at:
        ended = case.decided_at.date()
    note = "以上日期仅供参考，以劳动人事争议仲裁委员会的认定为准。"
    if ended is not None:
        return (
            f"申请仲裁的时效期间为一年。申请人于{received}申请调解，仲裁时效中断；"
            f"调解于{format_date(ended)}结束，时效期间自该日起重新计算{law}。{note}"
        )
    wage_claim = any(c.category in ("wages", "overtime") for c in claims)
    start = "劳动关系终止之日" if wage_claim else "知道或者应当知道其权利被侵害之日"
    return (
        f"申请仲裁的时效期间为一年，自{start}起计算；申请人于{received}申请调解，"
        f"仲裁时效中断，调解结束后重新计算{law}。{note}"
    )


def _claim_item(number: int, claim: Any) -> dict[str, Any]:
    category = CATEGORY_NAMES.get(claim.category, mediation.category_label(claim.category))
    return {
        "no": number,
        "category": category,
        "amount": format_money(claim.amount) if claim.amount is not None else "未列明",
        "description": claim.description or category,
        "payment_order": mediation.payment_order_eligible(claim),
    }


def _evidence(case_number: str, claims: list[Any]) -> tuple[list[dict], list[dict]]:
    rows: list[tuple[str, str]] = [("申请人身份证件复印件", "申请人的主体资格")]
    seen: set[str] = set()
    for claim in claims:
        if claim.category in EVIDENCE and claim.category not in seen:
            seen.add(claim.category)
            rows.append(EVIDENCE[claim.category])
    rows.append(
        (
            f"调解终止书（{case_number}）",
            "已申请调解、调解不成，仲裁时效因申请调解而中断",
        )
    )
    filled = [{"no": n, "name": a, "proves": b} for n, (a, b) in enumerate(rows, start=1)]
    blank = [{"no": n} for n in range(len(rows) + 1, len(rows) + 1 + BLANK_EVIDENCE_ROWS)]
    return filled, blank


def case_context(
    actor: Any,
    case_id: int,
    *,
    session_id: int | None = None,
    full_ids: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """Everything the documents of one case print, read through the services.

    ``session_id`` picks the session of the mediation record; the latest one by default.
    ``full_ids`` (``mediation.party_ids_for_document``) prints the applicants' whole ID numbers
    on a document they sign; otherwise the numbers are masked.
    """
    case = mediation.get_case(actor, case_id)
    claims = mediation.case_claims(actor, case_id)
    applicants = mediation.applicants_of([case])[case.id]
    sessions = mediation.case_sessions(actor, case_id)
    events = mediation.case_events(actor, case_id)
    agreement = mediation.current_agreement(actor, case_id)
    obligations = mediation.agreement_obligations(actor, agreement.id) if agreement else []
    limitation = mediation.limitation_for(case, claims)
    station = accounts.station_settings()
    respondent = case.respondent
    workplaces: dict[int, str] = {}

    def workplace(person: Any) -> str:
        if person.workplace_id is None:
            return ""
        if person.workplace_id not in workplaces:
            try:
                org = people.get_organization(actor, person.workplace_id)
                workplaces[person.workplace_id] = org.name
            except NotFound:
                workplaces[person.workplace_id] = ""
        return workplaces[person.workplace_id]

    session = None
    if session_id is not None:
        session = next((s for s in sessions if s.id == session_id), None)
        if session is None:
            raise NotFound(translate("CaseDocuments", "This session does not exist."))
    elif sessions:
        session = sessions[-1]

    accepted = _last_transition(events, "accepted")
    refused = _last_transition(events, "not_accepted", "respondent_declined")
    failed = _last_transition(events, "failed")
    claim_items = [_claim_item(n, c) for n, c in enumerate(claims, start=1)]
    claimed = [c.amount for c in claims if c.amount is not None]
    owed = [o.amount for o in obligations if o.amount is not None]
    evidence, evidence_blank = _evidence(case.number, claims)
    effective_on = agreement.effective_at.date() if agreement and agreement.effective_at else None
    mediator = case.mediator.display_name if case.mediator_id else ""

    return {
        "case_number": case.number,
        "state": mediation.state_label(case.state),
        "application_kind": KINDS.get(case.application_kind, case.application_kind),
        "application_title": APPLICATION_TITLES.get(
            case.application_kind, APPLICATION_TITLES["written"]
        ),
        "oral": case.application_kind == "oral",
        "received_at": format_datetime(case.received_at),
        "received_date": format_date(case.received_at.date()),
        "matters": case.matters,
        "reasons": case.reasons,
        "facts": case.facts,
        "collective": case.collective,
        "applicant_count": len(applicants),
        "ids_masked": not full_ids,
        "applicant_names": "、".join(p.name for p in applicants),
        "applicants": [
            {
                "no": number,
                "name": person.name,
                "gender": GENDERS.get(person.gender, ""),
                "birth_date": format_date(person.birth_date),
                "id_number": full_ids[person.id]
                if full_ids and person.id in full_ids
                else people.mask_id(person.id_number),
                "phone": person.phone,
                "workplace": workplace(person),
            }
            for number, person in enumerate(applicants, start=1)
        ],
        "respondent_name": respondent.name,
        "respondent_address": respondent.address,
        "respondent_contact": respondent.contact_name,
        "respondent_phone": respondent.contact_phone,
        "claims": claim_items,
        "claims_total": format_money(sum(claimed, Decimal(0))) if claimed else "",
        "payment_order_claims": [c for c in claim_items if c["payment_order"]],
        "payment_order_names": "、".join(c["category"] for c in claim_items if c["payment_order"]),
        "mediator": mediator,
        "recorder": case.created_by.display_name,
        "mediation_due": format_date(mediation.current_due(case)),
        "extended": bool(case.extended_until),
        "extension_note": case.extension_note,
        "accepted_on": format_date(accepted.at.date()) if accepted else "",
        "not_accepted_on": format_date(refused.at.date()) if refused else "",
        "not_accepted_reason": refused.reason if refused else "",
        "respondent_declined": bool(refused and refused.to_state == "respondent_declined"),
        "failed_on": format_date(failed.at.date()) if failed else "",
        "failed_reason": failed.reason if failed else "",
        "sessions": [
            {
                "no": number,
                "time": format_datetime(s.held_at),
                "place": s.place,
                "attendees": s.attendees,
            }
            for number, s in enumerate(sessions, start=1)
        ],
        "session_time": format_datetime(session.held_at) if session else "",
        "session_date": format_date(session.held_at.date()) if session else "",
        "session_place": session.place if session else "",
        "session_attendees": session.attendees if session else "",
        "session_record": session.record if session else "",
        "terms": agreement.terms if agreement else "",
        "obligations": [
            {
                "no": number,
                "description": o.description,
                "amount": format_money(o.amount) if o.amount is not None else "非金钱给付",
                "amount_upper": money_upper(o.amount) if o.amount is not None else "",
                "due_on": format_date(o.due_on),
            }
            for number, o in enumerate(obligations, start=1)
        ],
        "obligations_total": format_money(sum(owed, Decimal(0))) if owed else "",
        "obligations_total_upper": money_upper(sum(owed, Decimal(0))) if owed else "",
        "effective": effective_on is not None,
        "effective_on": format_date(effective_on),
        "agreement_date": format_date(effective_on or today()),
        "review_due": format_date(case.review_due),
        "limitation_date": format_date(limitation.deadline)
        if limitation.deadline
        else ("不受一年时效期间限制" if _wage_arrears_open(case, claims) else ""),
        "limitation_explanation": _limitation_text(case, claims, limitation.deadline),
        "evidence": evidence,
        "evidence_blank": evidence_blank,
        "station_name": station.station_name,
        "today": format_date(today()),
    }
