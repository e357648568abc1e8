"""The printed one-time notice (《一次性告知书》): HTML, a QTextDocument, PDF and print preview.

Everything the visitor must bring, for every service asked about, on one sheet, so nobody has to
come back twice for a missing paper (front-desk.md, "Service catalogue and one-time notices").
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from stationapp.models.visits import ServiceType
from stationapp.ui.printing import (
    DocumentPreview,
    html_document,
    show_preview,
    write_pdf_document,
)
from stationapp.ui.sheet_html import html_caption, html_page, html_table, html_text

translate = QCoreApplication.translate


@dataclass(frozen=True)
class NoticeSheet:
    """What goes on one sheet.

    ``services`` are ServiceType rows or any objects with the same attributes; ``missing`` maps a
    service id to the names of its materials the visitor has not brought yet.
    """

    station_name: str
    staff_name: str
    visitor_name: str
    issued_on: date
    services: list[ServiceType]
    missing: dict[int, list[str]] = field(default_factory=dict)
    contact: str = ""


def _lines(value: object) -> str:
    """Escaped multi-line text with its line breaks kept."""
    return "<br/>".join(html.escape(line) for line in str(value or "").strip().splitlines())


def format_date(day: date) -> str:
    return translate("NoticeSheet", "{month}/{day}/{year}").format(
        year=day.year, month=day.month, day=day.day
    )


def kind_label(kind: str) -> str:
    labels = {
        "original": translate("NoticeSheet", "Original"),
        "copy": translate("NoticeSheet", "Copy"),
        "original_and_copy": translate("NoticeSheet", "Original and copy"),
    }
    return labels.get(kind, kind)


def _materials_table(materials: Sequence[Mapping[str, Any]], missing: set[str]) -> str:
    if not materials:
        return "<p>{}</p>".format(translate("NoticeSheet", "No materials are needed."))
    headers = (
        (translate("NoticeSheet", "No."), "6%"),
        (translate("NoticeSheet", "Material"), "25%"),
        (translate("NoticeSheet", "Original/copy"), "17%"),
        (translate("NoticeSheet", "Copies"), "7%"),
        (translate("NoticeSheet", "Issued by"), "17%"),
        (translate("NoticeSheet", "Notes"), "20%"),
        (translate("NoticeSheet", "Status"), "8%"),
    )
    missing_mark = translate("NoticeSheet", "Missing")
    rows = []
    for number, material in enumerate(materials, start=1):
        name = str(material.get("name", "")).strip()
        copies = material.get("copies") or ""
        status = f"<b>{missing_mark}</b>" if name in missing else ""
        rows.append(
            "<tr>"
            f'<td align="center">{number}</td>'
            f"<td>{html_text(name)}</td>"
            f'<td align="center">{html_text(kind_label(str(material.get("kind", ""))))}</td>'
            f'<td align="center">{html_text(copies)}</td>'
            f"<td>{html_text(material.get('issuer'))}</td>"
            f"<td>{html_text(material.get('note'))}</td>"
            f'<td align="center">{status}</td>'
            "</tr>"
        )
    return html_table(headers, "".join(rows))


def _service_section(number: int, service: ServiceType, missing: set[str]) -> str:
    heading = translate("NoticeSheet", "{number}. {service}").format(
        number=number, service=html_text(service.name)
    )
    parts = [f"<h2>{heading}</h2>"]

    def line(label: str, value: object) -> None:
        if str(value or "").strip():
            parts.append(f"<p>{html_caption(label)}{_lines(value)}</p>")

    line(translate("NoticeSheet", "Basis:"), service.basis)
    parts.append("<p>{}</p>".format(html_caption(translate("NoticeSheet", "Required materials:"))))
    parts.append(_materials_table(service.materials or [], missing))
    if str(service.steps or "").strip():
        steps = html_caption(translate("NoticeSheet", "Steps:"))
        parts.append(f"<p>{steps}<br/>{_lines(service.steps)}</p>")
    line(translate("NoticeSheet", "Time limit:"), service.time_limit)
    line(translate("NoticeSheet", "Fee:"), service.fee)
    line(translate("NoticeSheet", "Place and contact:"), service.place_contact)
    line(translate("NoticeSheet", "Conditions:"), service.eligibility_note)
    return "".join(parts)


def notice_html(sheet: NoticeSheet) -> str:
    """The sheet as HTML in the rich-text subset QTextDocument understands."""
    issued = format_date(sheet.issued_on)
    header = []
    if sheet.visitor_name.strip():
        header.append(
            translate("NoticeSheet", "Visitor: {name}").format(name=html_text(sheet.visitor_name))
        )
    header += [
        translate("NoticeSheet", "Date: {date}").format(date=issued),
        translate("NoticeSheet", "Handled by: {name}").format(name=html_text(sheet.staff_name)),
    ]
    gap = "&nbsp;" * 6
    blank = "_" * 14
    parts = [
        '<h1 align="center">{}</h1>'.format(translate("NoticeSheet", "One-time notice")),
        f'<p align="center" style="font-size: 12pt;">{html_text(sheet.station_name)}</p>',
        f"<p>{gap.join(header)}</p>",
        "<hr/>",
    ]
    for number, service in enumerate(sheet.services, start=1):
        missing = set(sheet.missing.get(getattr(service, "id", None), []))
        parts.append(_service_section(number, service, missing))
    signatures = [
        html_caption(translate("NoticeSheet", "Notified by (signature):")) + blank,
        html_caption(translate("NoticeSheet", "Applicant (signature):")) + blank,
        translate("NoticeSheet", "Date: {date}").format(date=issued),
    ]
    parts += [
        "<hr/>",
        "<p>{}</p>".format(
            translate("NoticeSheet", "All the materials listed above have been stated at once.")
        ),
        f'<p style="margin-top: 18px;">{gap.join(signatures)}</p>',
    ]
    if sheet.contact.strip():
        contact = translate("NoticeSheet", "Station contact: {contact}").format(
            contact=_lines(sheet.contact)
        )
        parts.append(f'<p style="margin-top: 12px;">{contact}</p>')
    return html_page(parts)


def notice_document(sheet: NoticeSheet) -> QTextDocument:
    return html_document(notice_html(sheet))


def write_pdf(sheet: NoticeSheet, path: Path) -> Path:
    return write_pdf_document(
        notice_document(sheet),
        path,
        title=translate("NoticeSheet", "One-time notice"),
        creator=sheet.station_name,
    )


class NoticePreview(DocumentPreview):
    """Qt's print preview of the sheet; its toolbar prints or, with a PDF printer, saves."""

    def __init__(self, sheet: NoticeSheet, parent: QWidget | None = None) -> None:
        super().__init__(None, parent, title=translate("NoticeSheet", "One-time notice"))
        self.sheet = sheet

    def make_document(self) -> QTextDocument:
        # Built once, on the first repaint, and kept for the dialog's life (DocumentPreview).
        return notice_document(self.sheet)


def preview(sheet: NoticeSheet, parent: QWidget | None = None) -> bool:
    """Show the sheet in a print preview; True when it was printed or saved as a PDF."""
    return show_preview(NoticePreview(sheet, parent))
