"""The printed one-time notice (《一次性告知书》): HTML, a QTextDocument, PDF and print preview.

Everything the visitor must bring, for every service asked about, on one sheet, so nobody has to
come back twice for a missing paper (front-desk.md, "Service catalogue and one-time notices").
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from stationapp.models.visits import ServiceType

translate = QCoreApplication.translate

FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimSun",
    "sans-serif",
)
FONT_POINT_SIZE = 10.5
PDF_RESOLUTION = 300
PAGE_MARGIN_MM = 15.0

_BORDER = "#555555"


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


def _text(value: object) -> str:
    return html.escape(str(value or "").strip())


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
    head = "".join(
        f'<th width="{width}" bgcolor="#eeeeee" align="center">{label}</th>'
        for label, width in headers
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
            f"<td>{_text(name)}</td>"
            f'<td align="center">{_text(kind_label(str(material.get("kind", ""))))}</td>'
            f'<td align="center">{_text(copies)}</td>'
            f"<td>{_text(material.get('issuer'))}</td>"
            f"<td>{_text(material.get('note'))}</td>"
            f'<td align="center">{status}</td>'
            "</tr>"
        )
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="4" '
        f'style="border-collapse: collapse; border-color: {_BORDER};">'
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def _label(text: str) -> str:
    """A bold caption; a space after it only when it ends in a Latin colon (not in 办理依据：)."""
    return f"<b>{text}</b>" + (" " if text.isascii() else "")


def _service_section(number: int, service: ServiceType, missing: set[str]) -> str:
    heading = translate("NoticeSheet", "{number}. {service}").format(
        number=number, service=_text(service.name)
    )
    parts = [f"<h2>{heading}</h2>"]

    def line(label: str, value: object) -> None:
        if str(value or "").strip():
            parts.append(f"<p>{_label(label)}{_lines(value)}</p>")

    line(translate("NoticeSheet", "Basis:"), service.basis)
    parts.append("<p>{}</p>".format(_label(translate("NoticeSheet", "Required materials:"))))
    parts.append(_materials_table(service.materials or [], missing))
    if str(service.steps or "").strip():
        steps = _label(translate("NoticeSheet", "Steps:"))
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
            translate("NoticeSheet", "Visitor: {name}").format(name=_text(sheet.visitor_name))
        )
    header += [
        translate("NoticeSheet", "Date: {date}").format(date=issued),
        translate("NoticeSheet", "Handled by: {name}").format(name=_text(sheet.staff_name)),
    ]
    gap = "&nbsp;" * 6
    blank = "_" * 14
    parts = [
        '<h1 align="center">{}</h1>'.format(translate("NoticeSheet", "One-time notice")),
        f'<p align="center" style="font-size: 12pt;">{_text(sheet.station_name)}</p>',
        f"<p>{gap.join(header)}</p>",
        "<hr/>",
    ]
    for number, service in enumerate(sheet.services, start=1):
        missing = set(sheet.missing.get(getattr(service, "id", None), []))
        parts.append(_service_section(number, service, missing))
    signatures = [
        _label(translate("NoticeSheet", "Notified by (signature):")) + blank,
        _label(translate("NoticeSheet", "Applicant (signature):")) + blank,
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
    return (
        "<html><head><style>"
        "h1 { font-size: 18pt; font-weight: bold; margin-bottom: 4px; }"
        "h2 { font-size: 12.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px; }"
        "p { margin-top: 3px; margin-bottom: 3px; }"
        "th { font-weight: bold; }"
        "</style></head><body>" + "".join(parts) + "</body></html>"
    )


def notice_font() -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPointSizeF(FONT_POINT_SIZE)
    # Noto Sans CJK's 'locl' swaps digits after Latin text for glyphs its cmap does not reach,
    # and Qt's PDF writer can only name the characters of glyphs the cmap reaches: such digits
    # would print but vanish from the PDF's text (search, copy, screen readers).
    font.setFeature(QFont.Tag("locl"), 0)
    return font


def notice_document(sheet: NoticeSheet) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(notice_font())
    document.setHtml(notice_html(sheet))
    return document


def a4_layout() -> QPageLayout:
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def print_document(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay ``document`` out in the device's own units on its printable area, then print it.

    Without a page size QTextDocument.print_ adds its own 2 cm margins and page numbers on top of
    the device's; with one given in screen pixels the output would be scaled from screen DPI.
    """
    layout = device.pageLayout()
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(QSizeF(layout.paintRectPixels(device.logicalDpiX()).size()))
    document.print_(device)


@cache
def _preferred_characters() -> dict[int, int]:
    """Radical code point -> the ideograph the font draws with the same glyph.

    CJK fonts share one glyph between an ideograph (工 U+5DE5) and its radical (⼯ U+2F2F). Qt
    names each glyph of a PDF after the lowest code point that reaches it, which is the radical,
    so the PDF's text would read 建国⻔街道⼯会 and a search for 工会 would find nothing.
    """
    raw = QRawFont.fromFont(notice_font())
    ideographs = "".join(chr(c) for c in (*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0)))
    radicals = "".join(chr(c) for c in range(0x2E80, 0x2FE0))
    by_glyph: dict[int, int] = {}
    radical_glyphs = [0] * len(radicals)
    if raw.isValid():
        for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=False):
            if glyph:
                by_glyph.setdefault(glyph, ord(char))
        radical_glyphs = raw.glyphIndexesForString(radicals)
    preferred = {0x09: 0x20}  # the space glyph is reached from the tab first
    for char, glyph in zip(radicals, radical_glyphs, strict=False):
        if glyph in by_glyph:
            preferred[ord(char)] = by_glyph[glyph]
        elif unicodedata.normalize("NFKC", char) != char:
            preferred[ord(char)] = ord(unicodedata.normalize("NFKC", char))
    return preferred


_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
_BF_LINE = re.compile(rb"^(<[0-9A-Fa-f]+>)(\s+<[0-9A-Fa-f]+>)?(\s+)(.*)$")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _fix_cmap(match: re.Match[bytes]) -> bytes:
    preferred = _preferred_characters()

    def swap(token: re.Match[bytes]) -> bytes:
        code = int(token.group(1), 16)
        return b"<%04X>" % preferred.get(code, code)

    lines = []
    for line in match.group(0).split(b"\n"):
        parts = _BF_LINE.match(line)
        if parts:
            first, second, space, targets = parts.groups()
            # <a> <b> <u> with a < b means u, u+1, ...: changing u would shift the rest.
            if not (second and targets.startswith(b"<") and first != second.strip()):
                line = first + (second or b"") + space + _HEX4.sub(swap, targets)
        lines.append(line)
    return b"\n".join(lines)


def fix_pdf_text(path: Path) -> None:
    """Make the PDF's text layer name ideographs, not look-alike radicals (see above).

    Qt writes its ToUnicode maps uncompressed and each edit keeps the length, so the file's
    cross-reference offsets stay valid.
    """
    data = path.read_bytes()
    fixed = _CMAP.sub(_fix_cmap, data)
    if fixed != data and len(fixed) == len(data):
        path.write_bytes(fixed)


def write_pdf(sheet: NoticeSheet, path: Path) -> Path:
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(a4_layout())
    writer.setTitle(translate("NoticeSheet", "One-time notice"))
    writer.setCreator(sheet.station_name)
    print_document(notice_document(sheet), writer)
    del writer  # the file is complete once the writer is gone
    fix_pdf_text(path)
    return path


class NoticePreview(QPrintPreviewDialog):
    """Qt's print preview of the sheet; its toolbar prints or, with a PDF printer, saves."""

    def __init__(self, sheet: NoticeSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.setWindowTitle(translate("NoticeSheet", "One-time notice"))
        self.printer().setPageLayout(a4_layout())
        self.paintRequested.connect(self.print_to)

    def print_to(self, printer: QPrinter) -> None:
        # A fresh document each time: the preview repaints after every page-setup change.
        print_document(notice_document(self.sheet), printer)
        output = printer.outputFileName()
        is_pdf = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        if is_pdf and output and Path(output).is_file():
            fix_pdf_text(Path(output))


def preview(sheet: NoticeSheet, parent: QWidget | None = None) -> None:
    dialog = NoticePreview(sheet, parent)
    dialog.exec()
    dialog.deleteLater()
