"""The printed one-time notice: its PDF reads back in Chinese, user text is escaped, preview prints.

Reading the PDF's text needs pypdf, and drawing Chinese needs a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QLocale, QSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog

from stationapp import app as app_module
from stationapp.models.visits import ServiceType
from stationapp.ui.printing import PrintPreview, html_document, preview_document
from stationapp.ui.visits.notice_sheet import (
    NoticePreview,
    NoticeSheet,
    notice_html,
    write_pdf,
)

STATION = "建国门街道工会服务站"
STAFF = "王站长"


@pytest.fixture
def chinese(qapp):
    """The program's own zh_CN catalogue, as a Chinese user runs it."""
    locale = QLocale()
    installed = app_module.install_translators(qapp, "zh_CN")
    assert installed, "the compiled zh_CN catalogue must load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def material(name: str, kind: str = "original", copies: int = 1, issuer: str = "", note: str = ""):
    return {"name": name, "kind": kind, "copies": copies, "issuer": issuer, "note": note}


def services() -> list[ServiceType]:
    join = ServiceType(
        id=1,
        name="入会",
        basis="《中华人民共和国工会法》第三条",
        materials=[
            material("居民身份证", "original_and_copy", 1, "公安机关"),
            material("入会申请书", "original", 1, "本人填写", "服务站提供样表"),
            material("工会会员登记表", "original", 2, "本人填写"),
        ],
        steps="1. 填写入会申请书和会员登记表\n2. 联合工会审批\n3. 发放会员证",
        time_limit="5个工作日",
        fee="免费",
        place_contact="服务站一层接待台，电话010-65123456",
    )
    card = ServiceType(
        id=2,
        name="京卡·互助服务卡",
        basis="北京市总工会会员服务卡管理办法",
        materials=[material("身份证原件", "original", 1, "公安机关", "本人到场")],
        steps="会籍录入后，到北京银行任一网点办理",
        time_limit="当场办结",
        fee="免费",
        place_contact="北京银行各营业网点",
        eligibility_note="须先加入工会并完成会籍录入",
    )
    return [join, card]


def sheet(**changes) -> NoticeSheet:
    values = {
        "station_name": STATION,
        "staff_name": STAFF,
        "visitor_name": "李明",
        "issued_on": date(2024, 5, 6),
        "services": services(),
        "missing": {1: ["入会申请书"]},
        "contact": "010-65123456",
    }
    values.update(changes)
    return NoticeSheet(**values)


def pdf_text(path: Path) -> str:
    """The PDF's text without whitespace, so wrapped table cells still read as one word."""
    reader = pypdf.PdfReader(str(path))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_reads_back_in_chinese(chinese, tmp_path):
    path = write_pdf(sheet(), tmp_path / "notice.pdf")

    text = pdf_text(path)
    for expected in (STATION, STAFF, "李明", "入会", "京卡·互助服务卡", "2024年5月6日"):
        assert expected in text
    for service in services():
        for item in service.materials:
            assert item["name"] in text
    assert "一次性告知书" in text
    assert "所需材料" in text and "原件及复印件" in text
    assert "以上材料已一次性告知" in text
    assert "告知人签字" in text and "申请人签字" in text
    assert "缺" in text
    assert "010-65123456" in text
    # Radicals look like the ideographs but break search and copy (⼯会 is not 工会).
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0]


def test_only_the_missing_material_is_marked(chinese):
    page = notice_html(sheet())

    assert page.count(">缺<") == 1
    row = page[page.index("入会申请书") :]
    assert row.index("缺") < row.index("</tr>")


def test_user_text_is_escaped():
    services_ = services()
    services_[0].materials = [material("<script>alert(1)</script>", note="a & b")]
    page = notice_html(sheet(services=services_, visitor_name="<b>x</b>", missing={}))

    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "a &amp; b" in page


def test_no_visitor_line_without_a_name(chinese):
    assert "来访人" not in notice_html(sheet(visitor_name=""))
    assert "来访人" in notice_html(sheet())


def test_preview_prints_the_sheet(qtbot, chinese, tmp_path):
    dialog = NoticePreview(sheet())
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    dialog.paintRequested.emit(printer)

    assert len(pypdf.PdfReader(str(tmp_path / "printed.pdf")).pages) >= 1
    assert STATION in pdf_text(tmp_path / "printed.pdf")


def test_preview_keeps_its_document_and_printer_through_repaints(qtbot, chinese):
    """Defect 1 of issue 18: each repaint built a new document, and dropping it took the
    preview's printer with it: "QPrinter already deleted" in an internal-error dialog."""
    dialog = NoticePreview(sheet())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    widget = dialog.preview_widget()
    qtbot.waitUntil(lambda: widget.pageCount() >= 1)
    document = dialog.document()
    for _ in range(3):  # page setup, orientation, zoom: the preview paints again
        widget.updatePreview()
        QApplication.processEvents()
    gc.collect()
    assert dialog.document() is document
    assert dialog.printer().outputFileName() == ""  # the printer is still there
    dialog.reject()


def _shown_previews(monkeypatch) -> list[tuple[QSize, QSize, QPrintPreviewWidget.ZoomMode]]:
    """Record each preview as it opens (dialog size, screen area, zoom mode) and close it."""
    seen: list[tuple[QSize, QSize, QPrintPreviewWidget.ZoomMode]] = []

    def fake_exec(dialog: PrintPreview) -> int:
        dialog.show()
        QApplication.processEvents()
        area = dialog.screen().availableGeometry().size()
        seen.append((dialog.size(), area, dialog.preview_widget().zoomMode()))
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PrintPreview, "exec", fake_exec)
    return seen


def test_every_preview_opens_large_and_fitted_to_the_page_width(qtbot, chinese, monkeypatch):
    """Defect 9 of issue 18: previews opened at 692x515 and 38.8 %."""
    from stationapp.ui.library.labels import LabelsDialog
    from stationapp.ui.visits import notice_sheet

    seen = _shown_previews(monkeypatch)
    assert notice_sheet.preview(sheet()) is False
    assert preview_document(html_document("<p>签到表</p>"), title="签到表") is False
    labels = LabelsDialog([])
    qtbot.addWidget(labels)
    labels.preview()

    assert len(seen) == 3
    for size, area, zoom in seen:
        assert zoom == QPrintPreviewWidget.ZoomMode.FitToWidth
        assert size.width() >= 0.85 * area.width() and size.height() >= 0.85 * area.height()
        assert size.width() <= area.width() and size.height() <= area.height()
