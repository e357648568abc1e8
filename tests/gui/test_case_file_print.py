"""The file (卷宗) of a closed case (issue #27, point 4): one PDF with the index, every document
from a new page and page numbers across the file; the index's page numbers are where the
documents really start, read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from stationapp.db import today
from stationapp.models.accounts import AuditEntry
from stationapp.services import case_file as case_file_service
from stationapp.services import mediation, people
from stationapp.ui.mediation import case_file
from tests.gui.test_case_documents import file, make_respondent, start_mediation
from tests.helpers.ids import make_ric


def page_texts(path: Path) -> list[str]:
    """Each page's text without whitespace."""
    return ["".join(p.extract_text().split()) for p in pypdf.PdfReader(str(path)).pages]


def _close(admin, case_id: int, *steps: str) -> None:
    for step in steps:
        mediation.transition(admin, case_id, step, reason="依法办理")


@pytest.fixture
def mediator(make_staff):
    return make_staff("mediator1", "mediator")


@pytest.fixture
def closed_agreed(admin, mediator):
    """A case closed after its agreement was performed."""
    case = file(admin, make_respondent(admin))
    start_mediation(admin, mediator, case)
    mediation.save_agreement(
        admin,
        case.id,
        mediation.AgreementInput(
            terms="被申请人一次性支付拖欠工资。",
            obligations=[mediation.ObligationInput("支付拖欠工资", "12000", today())],
            signed_applicant=True,
            signed_respondent=True,
            signed_mediator=True,
            sealed_organization=True,
        ),
    )
    _close(admin, case.id, "agreement_effective", "performed", "closed")
    return mediation.get_case(admin, case.id)


def _index_rows(path: Path, titles: list[str]) -> dict[str, int]:
    """Title -> the first page the index (page 1) gives for it: each row reads 序号, 文书名称,
    日期, 页号 (a page or a range, 5-6) line by line."""
    lines = [
        line.strip() for line in pypdf.PdfReader(str(path)).pages[0].extract_text().split("\n")
    ]
    found = {}
    for title in titles:
        at = lines.index(title)
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", lines[at + 1]), lines[at : at + 3]
        match = re.fullmatch(r"(\d+)(-\d+)?", lines[at + 2])
        assert match, lines[at : at + 3]
        found[title] = int(match.group(1))
    return found


def test_the_case_file_pdf_has_the_index_and_numbered_pages(admin, closed_agreed, tmp_path):
    book = case_file.build(admin, closed_agreed.id)
    path = case_file.write_book_pdf(book, tmp_path / "file.pdf")

    pages = page_texts(path)
    total = len(pages)
    assert total >= 5
    assert pages[0].startswith(case_file.INDEX_TITLE)
    assert closed_agreed.number in pages[0]
    assert "保管期限至" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert text.endswith(f"第{number}页/共{total}页"), (number, text[-20:])
    titles = [part.title for part in book.parts]
    assert titles == ["口头申请笔录", "受理通知书", "调解笔录", "劳动争议调解协议书"]
    starts = _index_rows(path, titles)
    for title, start in starts.items():
        # Each document starts on a new page, under its title, where the index says.
        assert pages[start - 1].startswith(title), (title, start)
        assert not any(p.startswith(title) for p in pages[1 : start - 1])
    # The documents' pages follow one another to the end of the file.
    spans = sorted(starts.values())
    assert spans[0] == 2 and spans == sorted(set(spans))


def test_the_case_file_index_follows_long_documents(admin, mediator, tmp_path):
    long_facts = "\n".join(f"第{n}段：申请人陈述的事实经过。" * 3 for n in range(90))
    case = file(admin, make_respondent(admin), facts=long_facts)
    start_mediation(admin, mediator, case)
    for reason in ("被申请人拒绝支付",):
        mediation.transition(admin, case.id, "failed", reason=reason)
    _close(admin, case.id, "closed")
    book = case_file.build(admin, case.id)

    path = case_file.write_book_pdf(book, tmp_path / "long.pdf")
    pages = page_texts(path)

    titles = [part.title for part in book.parts]
    assert titles == ["口头申请笔录", "受理通知书", "调解笔录", "调解终止书"]
    starts = _index_rows(path, titles)
    assert starts["受理通知书"] - starts["口头申请笔录"] >= 3  # the long application
    for title, start in starts.items():
        assert pages[start - 1].startswith(title), (title, start)
    assert pages[-1].endswith(f"第{len(pages)}页/共{len(pages)}页")


def test_the_case_file_carries_full_ids_audited_once(admin, closed_agreed, tmp_path):
    book = case_file.build(admin, closed_agreed.id)
    text = "".join(page_texts(case_file.write_book_pdf(book, tmp_path / "ids.pdf")))

    assert make_ric(seq=121) in text  # on the signed documents
    entries = AuditEntry.select().where(
        AuditEntry.action == "print_full_id", AuditEntry.entity_id == closed_agreed.id
    )
    assert entries.count() == 1
    assert '"case_file"' in entries.get().details
    assert '"agreement"' in entries.get().details


def test_a_case_file_for_a_role_without_whole_ids_is_masked(
    monkeypatch, admin, closed_agreed, tmp_path
):
    # Every role that reads cases sees whole ID numbers today; the rule holds if that changes.
    monkeypatch.setattr(
        case_file, "has_permission", lambda actor, action: action != "person.view_full_id"
    )
    book = case_file.build(admin, closed_agreed.id)
    text = "".join(page_texts(case_file.write_book_pdf(book, tmp_path / "m.pdf")))

    assert make_ric(seq=121) not in text
    assert people.mask_id(make_ric(seq=121)) in text
    assert not AuditEntry.select().where(AuditEntry.action == "print_full_id").exists()


def test_the_case_file_preview_paints_the_file(qtbot, admin, closed_agreed, tmp_path):
    book = case_file.build(admin, closed_agreed.id)
    dialog = case_file.CaseFilePreview(book)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    dialog.paintRequested.emit(printer)

    pages = page_texts(tmp_path / "printed.pdf")
    assert pages[0].startswith(case_file.INDEX_TITLE)
    assert pages[-1].endswith(f"第{len(pages)}页/共{len(pages)}页")
    assert (tmp_path / "printed.pdf").stat().st_mode & 0o777 == 0o600


def test_the_case_file_pdf_is_private(admin, closed_agreed, tmp_path):
    book = case_file.build(admin, closed_agreed.id)
    path = case_file.write_book_pdf(book, tmp_path / "private.pdf")
    assert path.stat().st_mode & 0o777 == 0o600
    assert case_file_service.case_file(admin, closed_agreed.id).entries


# --- on the case page and the Today tab ---------------------------------------------------------


def _page(qtbot, admin, case_id):
    from stationapp.ui.mediation.case_page import CasePage

    page = CasePage(admin)
    qtbot.addWidget(page)
    page.show_case(case_id)
    return page


def test_the_case_file_row_waits_for_the_case_to_close(qtbot, admin, mediator):
    case = file(admin, make_respondent(admin))
    page = _page(qtbot, admin, case.id)
    name, note, show, save = page.case_file_row
    assert not show.isEnabled() and not save.isEnabled() and not name.isEnabled()
    assert note.text() == "Only a closed case has a case file." == show.toolTip()
    assert name.buddy() is show and "&k" in name.text()

    _close(admin, case.id, "withdrawn", "closed")
    page.show_case(case.id)

    assert show.isEnabled() and save.isEnabled() and not show.toolTip()
    kept = case_file_service.kept_until(mediation.get_case(admin, case.id).closed_at)
    assert note.text() == f"Kept until {kept:%Y-%m-%d}"


def test_the_case_file_row_previews_the_file(qtbot, monkeypatch, admin, closed_agreed):
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication, QDialog

    from stationapp.ui.printing import PrintPreview

    opened: list[tuple[str, int]] = []

    def look_and_close(dialog) -> int:
        dialog.show()
        QApplication.processEvents()
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        QApplication.processEvents()
        opened.append((dialog.windowTitle(), widget.pageCount()))
        dialog.reject()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PrintPreview, "exec", look_and_close)
    page = _page(qtbot, admin, closed_agreed.id)

    page.case_file_row[2].click()

    assert len(opened) == 1
    title, pages = opened[0]
    assert closed_agreed.number in title and pages >= 5


def test_the_case_file_row_saves_a_pdf(qtbot, monkeypatch, admin, closed_agreed, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    page = _page(qtbot, admin, closed_agreed.id)

    page.case_file_row[3].click()

    assert page_texts(target)[0].startswith(case_file.INDEX_TITLE)
    assert str(target) in page.bar.label.text()


def _past_retention(admin, mediator):
    from datetime import timedelta

    from stationapp.models.mediation import MediationCase
    from stationapp.services import retention

    case = file(admin, make_respondent(admin))
    _close(admin, case.id, "withdrawn", "closed")
    retention.save_retention_settings(admin, retention.RetentionSettings(5, 5))
    long_ago = mediation.get_case(admin, case.id).closed_at - timedelta(days=6 * 366)
    MediationCase.update(closed_at=long_ago).where(MediationCase.id == case.id).execute()
    return mediation.get_case(admin, case.id)


def test_today_lists_case_files_past_retention_and_opens_them(qtbot, show_active, admin, mediator):
    from stationapp.ui.main_window import MainWindow

    case = _past_retention(admin, mediator)
    window = show_active(MainWindow(admin, database_url="sqlite:///unused"))
    today_tab = window.today_tab
    qtbot.waitUntil(lambda: "case_files" in today_tab.boxes)
    box = today_tab.boxes["case_files"]
    assert box.title() == "Case files past retention (1)"
    line = box.list.item(0).text()
    kept = case_file_service.kept_until(case.closed_at)
    assert case.number in line and f"{kept:%Y-%m-%d}" in line
    assert f"{case.closed_at:%Y-%m-%d}" in line

    box.list.setCurrentRow(0)
    box.list.setFocus()
    qtbot.keyClick(box.list, Qt.Key.Key_Return)

    assert window.current_tab() is window.cases_tab
    assert window.cases_tab.page.case.id == case.id


def test_today_says_nothing_of_case_files_while_none_is_due(qtbot, admin, closed_agreed):
    from stationapp.ui.bus import ChangeBus
    from stationapp.ui.today import TodayTab

    tab = TodayTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    assert "cases" in tab.boxes and "case_files" not in tab.boxes
