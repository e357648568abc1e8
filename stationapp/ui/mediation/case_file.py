"""A closed case's file (卷宗) printed as one job or one PDF: the index (卷宗目录), then each
document from a new page, every page numbered 第N页 / 共M页 across the whole file.

The index gives the page each document starts on, so the documents are laid out on the very
printer (or PDF writer) first to count their pages: the numbers follow the page size chosen in
the preview's page setup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPagedPaintDevice, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from stationapp.services import case_file as case_file_service
from stationapp.services import mediation
from stationapp.services.accounts import has_permission
from stationapp.ui.mediation import documents
from stationapp.ui.printing import (
    PrintPreview,
    finish_printer_output,
    html_document,
    lay_out_pages,
    print_numbered,
    private_printer_output,
    show_preview,
    write_pdf,
)

translate = QCoreApplication.translate

INDEX_TITLE = "卷宗目录"
# The names the file's index gives its documents: their printed titles.
FILE_TITLES: dict[str, str] = {
    "acceptance_notice": "受理通知书",
    "not_acceptance_notice": "不予受理通知书",
    "mediation_record": "调解笔录",
    "agreement": "劳动争议调解协议书",
    "failed_record": "调解终止书",
}
# Laying the index out again with its page numbers could in theory change its own length.
MAX_INDEX_ROUNDS = 3


def title() -> str:
    return translate("CaseFile", "Case file")


@dataclass
class FiledDocument:
    title: str  # as the index prints it
    on: str  # the date, as the documents print dates
    document: QTextDocument


class CaseFileBook:
    """The printable file of one case: its documents (built once, laid out at each print) and
    the index, rewritten at each print with the pages they take on that device."""

    def __init__(
        self, contents: case_file_service.CaseFile, context: dict[str, Any], parts: list
    ) -> None:
        self.contents = contents
        self.context = context
        self.parts: list[FiledDocument] = parts
        # One index document for the book's life (the preview's printer is tied to it).
        self.index = html_document("")

    @property
    def pdf_title(self) -> str:
        return f"{self.contents.number} 卷宗"

    def index_html(self, starts: list[tuple[int, int]]) -> str:
        """The index; ``starts`` gives each document's first and last page."""
        c = self.context
        esc = html.escape

        def pages(first: int, last: int) -> str:
            return str(first) if first == last else f"{first}-{last}"

        rows = "".join(
            f"<tr><td align='center'>{number}</td><td>{esc(part.title)}</td>"
            f"<td>{esc(part.on)}</td><td align='center'>{pages(*span)}</td></tr>"
            for number, (part, span) in enumerate(zip(self.parts, starts, strict=True), start=1)
        )
        fmt = documents.format_date
        facts = (
            ("案件编号", self.contents.number),
            ("申请人", c.get("applicant_names", "")),
            ("被申请人", c.get("respondent_name", "")),
            ("争议事项", c.get("matters", "")),
            ("收案日期", fmt(self.contents.received_on)),
            ("结案日期", fmt(self.contents.closed_on)),
            ("保管期限至", fmt(self.contents.kept_until)),
            ("调解组织", c.get("station_name", "")),
        )
        table = "".join(
            f"<tr><td width='22%' bgcolor='#eeeeee'>{esc(label)}</td>"
            f"<td>{esc(str(value)) or documents.placeholder(label)}</td></tr>"
            for label, value in facts
        )
        grid = "border='1' cellspacing='0' cellpadding='4' width='100%'"
        style = "border-collapse: collapse; border-color: #555555;"
        return documents.html_page(
            f"<h1 align='center'>{INDEX_TITLE}</h1>"
            f"<table {grid} style='{style}'>{table}</table>"
            f"<p class='lead'></p><table {grid} style='{style}'>"
            "<tr><th width='10%'>序号</th><th>文书名称</th><th width='24%'>日期</th>"
            f"<th width='14%'>页号</th></tr>{rows}</table>"
            f"<p class='note'>本卷共{len(self.parts)}份文书。</p>"
        )

    def print_to(self, device: QPagedPaintDevice) -> None:
        counts = [lay_out_pages(part.document, device) for part in self.parts]
        index_pages = 1
        for _round in range(MAX_INDEX_ROUNDS):
            spans = []
            first = index_pages + 1
            for count in counts:
                spans.append((first, first + count - 1))
                first += count
            self.index.setHtml(self.index_html(spans))
            laid_out = lay_out_pages(self.index, device)
            if laid_out == index_pages:
                break
            index_pages = laid_out
        print_numbered(
            [self.index, *(part.document for part in self.parts)],
            device,
            counts=[index_pages, *counts],
        )


def build(actor: Any, case_id: int) -> CaseFileBook:
    """The file of a closed case read through the services (ValidationError while it is open).

    For a role that may see whole ID numbers, the signed documents in it carry them, and the
    output is audited once (case_file.case_file_party_ids).
    """
    contents = case_file_service.case_file(actor, case_id)
    full_ids = None
    if contents.signed_codes and has_permission(actor, "person.view_full_id"):
        full_ids = case_file_service.case_file_party_ids(actor, case_id)
    masked = documents.case_context(actor, case_id)
    parts = []
    several = sum(1 for e in contents.entries if e.code == "mediation_record") > 1
    for entry in contents.entries:
        signed = entry.code in mediation.SIGNED_DOCUMENTS
        if entry.session_id is not None or (signed and full_ids):
            context = documents.case_context(
                actor,
                case_id,
                session_id=entry.session_id,
                full_ids=full_ids if signed else None,
            )
        else:
            context = masked
        if entry.code == "application_record":
            name = context["application_title"]
        else:
            name = FILE_TITLES[entry.code]
        if several and entry.session_no:
            name = f"{name}（第{entry.session_no}次）"
        parts.append(
            FiledDocument(
                name, documents.format_date(entry.on), documents.document(entry.code, context)
            )
        )
    return CaseFileBook(contents, masked, parts)


def write_book_pdf(book: CaseFileBook, path: Path) -> Path:
    return write_pdf(
        book.print_to,
        Path(path),
        title=book.pdf_title,
        creator=str(book.context.get("station_name") or ""),
    )


class CaseFilePreview(PrintPreview):
    """The print preview of a case file; its toolbar prints or, with a PDF printer, saves."""

    def __init__(self, book: CaseFileBook, parent: QWidget | None = None) -> None:
        super().__init__(parent, title=f"{book.contents.number} {title()}")
        self.book = book
        self.paintRequested.connect(self.print_to)

    def print_to(self, printer: QPrinter) -> None:
        output = private_printer_output(printer)
        self.book.print_to(printer)
        if output is not None:
            finish_printer_output(printer, output)


def preview(book: CaseFileBook, parent: QWidget | None = None) -> bool:
    """Show the file in a print preview; True when it was printed or saved as a PDF."""
    return show_preview(CaseFilePreview(book, parent))
