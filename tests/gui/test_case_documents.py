"""The printed documents of a mediation case: every one reads back with the case's number and
parties, the agreement carries every obligation, missing data shows, user text is escaped.

Reading the PDF's text needs pypdf, and drawing Chinese needs a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter

from stationapp.db import now, today
from stationapp.errors import NotFound
from stationapp.services import mediation, people
from stationapp.ui import printing
from stationapp.ui.mediation import documents
from stationapp.ui.printing import DocumentPreview
from tests.helpers.ids import make_ric

RESPONDENT = "北京宏达建筑工程有限公司"
APPLICANTS = ("张伟", "李秀英")
OBLIGATIONS = (
    ("支付申请人2025年10月至12月拖欠的工资", "12000", Decimal("12000")),
    ("为申请人补缴2025年度社会保险费", "3500.50", Decimal("3500.50")),
)


def pdf_text(path: Path) -> str:
    """The PDF's text without whitespace, so wrapped table cells still read as one word."""
    reader = pypdf.PdfReader(str(path))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def make_respondent(admin, *, name: str = RESPONDENT, address: str = "北京市东城区建国门内大街8号"):
    return people.create_organization(
        admin,
        people.OrganizationInput(
            name=name, address=address, contact_name="刘经理", contact_phone="010-65123456"
        ),
    )


def make_applicants(admin, respondent) -> list[int]:
    ids = []
    for number, name in enumerate(APPLICANTS):
        person = people.create_person(
            admin,
            people.PersonInput(
                name=name,
                id_number=make_ric(seq=121 + 2 * number),
                phone=f"1380013800{number}",
                workplace_id=respondent.id,
            ),
        )
        ids.append(person.id)
    return ids


def file(admin, respondent, *, facts: str = "申请人自2023年起在被申请人处从事钢筋工。"):
    return mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=make_applicants(admin, respondent),
            respondent_id=respondent.id,
            application_kind="oral",
            matters="拖欠工资及未缴社会保险",
            reasons="请求被申请人支付拖欠的工资并补缴社会保险",
            facts=facts,
            claims=[
                mediation.ClaimInput("wages", "12000", "2025年10月至12月工资"),
                mediation.ClaimInput("social_insurance", None, "补缴2025年度社会保险"),
            ],
            date_knew=today() - timedelta(days=30),
            employment_ended=today() - timedelta(days=20),
        ),
    )


def start_mediation(admin, mediator, case) -> None:
    mediation.transition(admin, case.id, "accepted")
    mediation.assign_mediator(admin, case.id, mediator.id)
    mediation.transition(admin, case.id, "in_mediation")
    mediation.add_session(
        admin,
        case.id,
        mediation.SessionInput(
            held_at=now() - timedelta(hours=2),
            place="服务站二层调解室",
            attendees="申请人张伟、李秀英；被申请人委托代理人刘经理",
            record="调解员告知双方权利义务。被申请人承认拖欠工资，同意分期支付。",
            signed_by_parties=True,
            signed_by_mediator=True,
        ),
    )


@pytest.fixture
def mediator(make_staff):
    return make_staff("mediator1", "mediator")


@pytest.fixture
def agreed_case(admin, mediator):
    case = file(admin, make_respondent(admin))
    start_mediation(admin, mediator, case)
    mediation.save_agreement(
        admin,
        case.id,
        mediation.AgreementInput(
            terms="一、被申请人分两期支付拖欠工资；\n二、申请人放弃其他请求。",
            obligations=[
                mediation.ObligationInput(description, amount, today() + timedelta(days=10))
                for description, amount, _value in OBLIGATIONS
            ],
            signed_applicant=True,
            signed_respondent=True,
            signed_mediator=True,
            sealed_organization=True,
        ),
    )
    mediation.transition(admin, case.id, "agreement_effective")
    return mediation.get_case(admin, case.id)


@pytest.fixture
def failed_case(admin, mediator):
    case = file(admin, make_respondent(admin, name="北京远洋物业管理有限公司"))
    start_mediation(admin, mediator, case)
    mediation.transition(
        admin, case.id, "failed", reason="被申请人不同意支付经济补偿，双方分歧较大"
    )
    return mediation.get_case(admin, case.id)


@pytest.mark.parametrize("code", documents.CODES)
def test_every_document_reads_back_with_the_case_and_its_parties(
    admin, agreed_case, code, tmp_path
):
    context = documents.case_context(admin, agreed_case.id)

    path = documents.write_pdf(code, context, tmp_path / f"{code}.pdf")

    text = pdf_text(path)
    assert agreed_case.number.startswith("(") and "建工调字第" in agreed_case.number
    assert agreed_case.number in text
    for name in (*APPLICANTS, RESPONDENT):
        assert name in text
    assert "建国门街道工会服务站" in text
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0]


def test_the_agreement_lists_every_obligation_and_the_legal_clauses(admin, agreed_case, tmp_path):
    context = documents.case_context(admin, agreed_case.id)

    text = pdf_text(documents.write_pdf("agreement", context, tmp_path / "agreement.pdf"))

    for description, _raw, value in OBLIGATIONS:
        assert description in text
        assert f"{value:,.2f}" in text
    assert "人民币壹万贰仟元整" in text and "人民币叁仟伍佰元伍角" in text
    assert "第十四条" in text and "第七十四条" in text
    assert "支付令" in text and "第十六条" in text
    assert "申请期限至" in text  # the 15-day joint review window of an effective agreement
    assert "【未填写" not in text


def test_applicant_ids_are_masked(admin, agreed_case):
    page = documents.render("application_record", documents.case_context(admin, agreed_case.id))

    full = make_ric(seq=121)
    assert full not in page
    assert people.mask_id(full) in page


def test_oral_application_has_its_own_title_and_a_recorder(admin, agreed_case):
    page = documents.render("application_record", documents.case_context(admin, agreed_case.id))

    assert "口头申请笔录" in page and "记录人" in page
    assert "劳动争议调解申请书" not in page


def test_the_failed_record_and_the_pack_carry_the_reason_and_limitation(
    admin, failed_case, tmp_path
):
    context = documents.case_context(admin, failed_case.id)

    failed = pdf_text(documents.write_pdf("failed_record", context, tmp_path / "failed.pdf"))
    pack_path = documents.write_pdf("arbitration_pack", context, tmp_path / "pack.pdf")

    deadline = mediation.limitation_for(failed_case, mediation.case_claims(admin, failed_case.id))
    assert deadline.deadline is not None
    expected = documents.format_date(deadline.deadline)
    assert "被申请人不同意支付经济补偿" in failed and expected in failed
    assert "【未填写" not in failed
    pack = pdf_text(pack_path)
    assert "劳动人事争议仲裁申请书" in pack and "证据清单" in pack and "调解终止书" in pack
    assert expected in pack
    # Three parts, each starting on its own page.
    pages = pypdf.PdfReader(str(pack_path)).pages
    assert len(pages) >= 3
    starts = ["".join(page.extract_text().split())[:20] for page in pages]
    assert any(s.startswith("证据清单") for s in starts)
    assert any(s.startswith("调解终止书") for s in starts)


def test_missing_data_shows_as_a_visible_placeholder(admin, mediator, tmp_path):
    case = file(admin, make_respondent(admin, address=""))
    context = documents.case_context(admin, case.id)

    page = documents.render("application_record", context)
    text = pdf_text(documents.write_pdf("application_record", context, tmp_path / "a.pdf"))

    assert '<span style="color:#b3261e">【未填写：被申请人地址】</span>' in page
    assert "【未填写：被申请人地址】" in text
    # Not yet accepted: the acceptance notice says so instead of leaving the date blank.
    assert "【未填写：受理日期】" in documents.render("acceptance_notice", context)
    for code in documents.CODES:  # every placeholder speaks Chinese, none shows a key
        assert not re.search(r"【未填写：[A-Za-z_]", documents.render(code, context)), code


def test_user_text_is_escaped(admin, mediator):
    case = file(admin, make_respondent(admin), facts="工资条上写着<b>已付</b> & 未签收")

    page = documents.render("application_record", documents.case_context(admin, case.id))

    assert "<b>已付</b>" not in page
    assert "&lt;b&gt;已付&lt;/b&gt; &amp; 未签收" in page


def test_repeated_sections_render_each_item():
    template = "<ul>{{#items}}<li>{{no}}. {{name}}（{{station_name}}）</li>{{/items}}</ul>"
    context = {
        "station_name": "服务站",
        "items": [{"no": 1, "name": "甲"}, {"no": 2, "name": "<乙>"}, {"no": 3, "name": ""}],
    }

    page = documents.render_template(template, context)

    assert page == (
        "<ul><li>1. 甲（服务站）</li><li>2. &lt;乙&gt;（服务站）</li>"
        '<li>3. <span style="color:#b3261e">【未填写：姓名】</span>（服务站）</li></ul>'
    )


def test_sections_are_conditions_too():
    template = (
        "{{#flag}}有{{/flag}}{{^flag}}无{{/flag}}|"
        "{{^items}}空{{/items}}|{{#text}}[{{text}}]{{/text}}"
    )

    assert documents.render_template(template, {"flag": True, "items": [], "text": "a\nb"}) == (
        "有|空|[a<br/>b]"
    )
    assert documents.render_template(template, {"flag": False, "items": [{}]}) == "无||"


def test_text_from_a_value_is_never_read_as_a_tag():
    template = "{{#items}}{{name}}{{/items}}|{{facts}}"
    context = {"items": [{"name": "{{secret}}"}], "facts": "{{#items}}x{{/items}}", "secret": "s"}

    assert documents.render_template(template, context) == "{{secret}}|{{#items}}x{{/items}}"


def test_a_missing_key_is_a_placeholder_too():
    assert "【未填写：respondent_fax】" in documents.render_template("{{respondent_fax}}", {})


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("12000", "人民币壹万贰仟元整"),
        ("3500.50", "人民币叁仟伍佰元伍角"),
        ("100000001", "人民币壹亿零壹元整"),
        ("10010.05", "人民币壹万零壹拾元零伍分"),
        ("0.30", "人民币叁角"),
        ("0", "人民币零元整"),
        ("99999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_money_in_capital_numerals(amount, words):
    assert documents.money_upper(Decimal(amount)) == words


def test_titles_are_listed_in_order():
    assert list(documents.DOCUMENTS) == list(documents.CODES)
    assert documents.DOCUMENTS["agreement"] == "Mediation agreement"


def test_preview_prints_the_document(qtbot, admin, agreed_case, tmp_path):
    context = documents.case_context(admin, agreed_case.id)
    dialog = DocumentPreview(documents.document("agreement", context))
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    dialog.paintRequested.emit(printer)

    assert agreed_case.number in pdf_text(tmp_path / "printed.pdf")


def test_the_session_can_be_chosen(admin, agreed_case):
    sessions = mediation.case_sessions(admin, agreed_case.id)

    context = documents.case_context(admin, agreed_case.id, session_id=sessions[0].id)

    assert context["session_place"] == "服务站二层调解室"
    with pytest.raises(NotFound):
        documents.case_context(admin, agreed_case.id, session_id=sessions[0].id + 100)


def test_a_keep_together_part_moves_to_a_new_page_rather_than_split(qapp, tmp_path):
    closing = (
        f'<p><a name="{printing.KEEP_TOGETHER}"></a>结尾段落。</p><table width="100%">'
        + "".join(f"<tr><td>申请人{n}</td><td>签名：____</td></tr>" for n in range(4))
        + '</table><p align="right">某服务站<br/>落款日期</p>'
    )
    for lines in range(20, 36, 2):  # the part starts at every height near the end of page 1
        filler = "".join(f"<p>第{n}行</p>" for n in range(lines))
        document = printing.html_document(f"<html><body>{filler}{closing}</body></html>")

        path = printing.write_pdf_document(document, tmp_path / f"{lines}.pdf")

        pages = ["".join(p.extract_text().split()) for p in pypdf.PdfReader(str(path)).pages]
        holding = [page for page in pages if "结尾段落" in page]
        assert len(holding) == 1 and "落款日期" in holding[0], lines
        assert f"第{lines - 1}行" in "".join(pages)


@pytest.mark.parametrize(
    ("state", "wording"),
    [("not_accepted", "决定不予受理"), ("respondent_declined", "因被申请人不同意调解")],
)
def test_the_non_acceptance_notice_gives_the_reason_and_the_way_to_arbitration(
    admin, state, wording
):
    case = file(admin, make_respondent(admin))
    mediation.transition(admin, case.id, state, reason="争议已由仲裁委员会立案<处理>")

    page = documents.render("not_acceptance_notice", documents.case_context(admin, case.id))

    assert wording in page
    assert "争议已由仲裁委员会立案&lt;处理&gt;" in page
    assert "直接向有管辖权的劳动人事争议仲裁委员会申请仲裁" in page
    assert documents.format_date(today()) in page
    assert "【未填写" not in page


def test_a_heading_never_ends_a_page_alone(qapp, tmp_path):
    for lines in range(26, 34):
        filler = "".join(f"<p>第{n}行</p>" for n in range(lines))
        closing = "<h2>协议效力</h2><p>本协议书经双方当事人签名。</p>"
        page = f"<html><body>{filler}{closing}</body></html>"

        path = printing.write_pdf_document(printing.html_document(page), tmp_path / f"{lines}.pdf")

        pages = ["".join(p.extract_text().split()) for p in pypdf.PdfReader(str(path)).pages]
        assert any("协议效力本协议书" in p for p in pages), lines


# --- the 文书 page offers what the case's state allows (issue 18, defect 9) -------------------


def _documents_page(qtbot, admin, case_id):
    from stationapp.ui.mediation.case_page import CasePage

    page = CasePage(admin)
    qtbot.addWidget(page)
    page.show_case(case_id)
    return page


def _offered_on_page(page) -> set[str]:
    offered = set()
    for code, (name, note, show, save) in page.document_rows.items():
        assert show.isEnabled() == save.isEnabled() == name.isEnabled()
        if show.isEnabled():
            offered.add(code)
            assert not show.toolTip()
        else:
            # The reason is said next to the document and on its buttons.
            assert note.text() and show.toolTip() == note.text() == save.toolTip()
    return offered


def test_a_registered_case_offers_only_its_application_record(qtbot, admin):
    case = file(admin, make_respondent(admin))
    page = _documents_page(qtbot, admin, case.id)
    assert _offered_on_page(page) == {"application_record"}
    _name, note, _show, _save = page.document_rows["acceptance_notice"]
    assert note.text() == "The case has not been accepted yet."
    _name, note, _show, _save = page.document_rows["application_record"]
    assert note.text() == f"{today():%m-%d}"  # this year's date without the year
    # Accepting offers the notice, with the date of the decision.
    mediation.transition(admin, case.id, "accepted")
    page.show_case(case.id)
    assert _offered_on_page(page) == {"application_record", "acceptance_notice"}


def test_a_failed_case_offers_the_failed_record_and_the_pack(qtbot, admin, failed_case):
    page = _documents_page(qtbot, admin, failed_case.id)
    assert _offered_on_page(page) == {
        "application_record",
        "acceptance_notice",
        "mediation_record",
        "failed_record",
        "arbitration_pack",
    }
    _name, note, _show, _save = page.document_rows["mediation_record"]
    assert re.fullmatch(r"\d\d-\d\d \d\d:\d\d", note.text())


def test_an_effective_agreement_is_offered_and_previews(qtbot, monkeypatch, admin, agreed_case):
    shown: list[str] = []
    monkeypatch.setattr(documents, "preview", lambda code, context, parent=None: shown.append(code))
    page = _documents_page(qtbot, admin, agreed_case.id)
    assert "agreement" in _offered_on_page(page)
    assert "failed_record" not in _offered_on_page(page)
    page.document_rows["agreement"][2].click()
    assert shown == ["agreement"]


def test_a_document_the_case_no_longer_allows_is_refused_with_the_reason(
    qtbot, monkeypatch, admin, mediator
):
    shown: list[str] = []
    monkeypatch.setattr(documents, "preview", lambda code, context, parent=None: shown.append(code))
    case = file(admin, make_respondent(admin))
    mediation.transition(admin, case.id, "accepted")
    page = _documents_page(qtbot, admin, case.id)
    assert page.document_rows["acceptance_notice"][2].isEnabled()
    # Asked for anyway (a page drawn before another desk changed the case), a document the case
    # does not allow is refused with the reason, and the page is drawn again.
    page.preview_document("mediation_record")
    assert shown == []
    assert page.bar.label.text() == "No mediation session has been recorded."
    page.preview_document("acceptance_notice")
    assert shown == ["acceptance_notice"]


# --- whole ID numbers on the documents the parties sign (issue 27, point 2) ----------------------


def _full_id_outputs(case_id: int) -> list[dict]:
    import json

    from stationapp.models.accounts import AuditEntry

    entries = AuditEntry.select().where(
        AuditEntry.action == "print_full_id", AuditEntry.entity_id == case_id
    )
    return [json.loads(e.details) for e in entries.order_by(AuditEntry.id)]


@pytest.mark.parametrize("code", sorted(mediation.SIGNED_DOCUMENTS))
def test_signed_documents_print_full_id_numbers_and_audit_each_output(
    admin, request, code, tmp_path
):
    failed = code in ("failed_record", "arbitration_pack")
    case = request.getfixturevalue("failed_case" if failed else "agreed_case")
    full = mediation.party_ids_for_document(admin, case.id, code)
    context = documents.case_context(admin, case.id, full_ids=full)

    text = pdf_text(documents.write_pdf(code, context, tmp_path / f"{code}.pdf"))

    numbers = sorted(full.values())
    assert len(numbers) == 2 and all(len(n) == 18 for n in numbers)
    for number in numbers:
        assert number in text
        assert people.mask_id(number) not in text
    if code == "arbitration_pack":
        assert "隐去部分数字" not in text  # no note asking to complete the numbers by hand
    assert _full_id_outputs(case.id) == [{"document": code, "people": sorted(full)}]


def test_full_id_numbers_only_for_signed_documents_and_masked_otherwise(admin, agreed_case):
    with pytest.raises(ValueError):
        mediation.party_ids_for_document(admin, agreed_case.id, "acceptance_notice")
    page = documents.render("acceptance_notice", documents.case_context(admin, agreed_case.id))
    assert make_ric(seq=121) not in page
    masked = documents.render("agreement", documents.case_context(admin, agreed_case.id))
    assert make_ric(seq=121) not in masked and people.mask_id(make_ric(seq=121)) in masked
    assert _full_id_outputs(agreed_case.id) == []


def test_the_case_page_prints_a_signed_document_with_full_id_numbers(
    qtbot, admin, agreed_case, monkeypatch
):
    shown: dict[str, dict] = {}
    monkeypatch.setattr(
        documents, "preview", lambda code, context, parent=None: shown.__setitem__(code, context)
    )
    page = _documents_page(qtbot, admin, agreed_case.id)

    page.preview_document("agreement")
    page.preview_document("acceptance_notice")

    ids = {a["id_number"] for a in shown["agreement"]["applicants"]}
    assert make_ric(seq=121) in ids and make_ric(seq=123) in ids
    notice_ids = {a["id_number"] for a in shown["acceptance_notice"]["applicants"]}
    assert make_ric(seq=121) not in notice_ids
    assert [o["document"] for o in _full_id_outputs(agreed_case.id)] == ["agreement"]
