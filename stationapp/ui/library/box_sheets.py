"""The mobile book house's two printed sheets: the handover (交接单) and the reconciliation
(清点结果), as HTML, PDF and print preview."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from stationapp.models.accounts import Staff
from stationapp.models.library import Box, BoxLoan, Copy
from stationapp.services import accounts, library_boxes
from stationapp.services.accounts import StationSettings
from stationapp.services.library_boxes import CopyLine, Reconciliation
from stationapp.ui.printing import html_document, preview_document, write_pdf_document
from stationapp.ui.sheet_html import (
    html_caption,
    html_line,
    html_numbered_table,
    html_page,
    html_text,
)

translate = QCoreApplication.translate


def format_date(day: date | None) -> str:
    if day is None:
        return ""
    return translate("LibraryBoxes", "{month}/{day}/{year}").format(
        year=day.year, month=day.month, day=day.day
    )


def _station(station: StationSettings | str) -> tuple[str, str]:
    if isinstance(station, str):
        return station, ""
    return station.station_name, station.contact


def _header(title: str, box: Box, loan: BoxLoan, station: StationSettings | str) -> list[str]:
    name, _contact = _station(station)
    contact = " ".join(part for part in (loan.contact_name, loan.contact_phone) if part)
    lines = [
        (translate("LibraryBoxes", "Box:"), f"{html_text(box.name)} ({html_text(box.barcode)})"),
        (translate("LibraryBoxes", "Workplace:"), html_text(loan.organization.name)),
        (translate("LibraryBoxes", "Contact:"), html_text(contact)),
        (translate("LibraryBoxes", "Handed over on:"), format_date(loan.starts_on)),
        (translate("LibraryBoxes", "Due back on:"), format_date(loan.due_on)),
    ]
    return [
        f'<h1 align="center">{title}</h1>',
        f'<p align="center" style="font-size: 12pt;">{html_text(name)}</p>',
        "<hr/>",
        *(html_line(label, value) for label, value in lines),
    ]


def _signatures(first: str, second: str) -> str:
    blank = "_" * 14
    gap = "&nbsp;" * 6
    date_label = html_caption(translate("LibraryBoxes", "Date:")) + blank
    return (
        f'<p style="margin-top: 24px;"><a name="keep-together"></a>'
        f"{html_caption(first)}{blank}{gap}{html_caption(second)}{blank}{gap}{date_label}</p>"
    )


def handover_html(
    box: Box, loan: BoxLoan, copies: Sequence[Copy], station: StationSettings | str
) -> str:
    """The handover sheet (交接单) signed when the box is delivered; ``loan`` comes with its
    organization, ``copies`` with their titles."""
    parts = _header(
        translate("LibraryBoxes", "Mobile book house handover sheet"), box, loan, station
    )
    books = len(copies)  # a name: lupdate 6.11 drops a count expression
    parts.append(
        html_line(
            translate("LibraryBoxes", "Books:"),
            translate("LibraryBoxes", "%n book(s)", "", books),
        )
    )
    headers = (
        (translate("LibraryBoxes", "Barcode"), "20%"),
        (translate("LibraryBoxes", "Title"), "47%"),
        (translate("LibraryBoxes", "Author"), "25%"),
    )
    rows = [
        (html_text(c.barcode), html_text(c.title.title), html_text(c.title.author)) for c in copies
    ]
    parts.append(html_numbered_table(_number(), headers, rows))
    parts.append(
        "<p>{}</p>".format(
            translate(
                "LibraryBoxes",
                "The receiving workplace looks after the books, lends them to its staff and "
                "returns them all by the due date.",
            )
        )
    )
    parts.append(
        _signatures(
            translate("LibraryBoxes", "Handed over by (signature):"),
            translate("LibraryBoxes", "Received by (signature):"),
        )
    )
    return html_page(parts)


def _number() -> tuple[str, str]:
    return (translate("LibraryBoxes", "No."), "8%")


def _line_rows(lines: Sequence[CopyLine | str]) -> list[tuple[str, ...]]:
    rows = []
    for line in lines:
        if isinstance(line, str):
            unknown = translate("LibraryBoxes", "(not a book of this station)")
            rows.append((html_text(line), unknown, ""))
        else:
            rows.append((html_text(line.barcode), html_text(line.title), html_text(line.location)))
    return rows


def reconciliation_html(
    box: Box, loan: BoxLoan, reconciliation: Reconciliation, station: StationSettings | str
) -> str:
    """The reconciliation (清点结果) of a returned box: what is missing, extra and damaged."""
    parts = _header(
        translate("LibraryBoxes", "Mobile book house reconciliation"), box, loan, station
    )
    returned_on = loan.returned_at.date() if loan.returned_at else None
    if returned_on is not None:
        parts.append(html_line(translate("LibraryBoxes", "Returned on:"), format_date(returned_on)))
    handed = len(library_boxes.manifest_ids(loan))
    parts.append(
        "<p>{}</p>".format(
            translate(
                "LibraryBoxes",
                "Handed over: {handed}; back in the box: {returned}; missing: {missing}; "
                "damaged: {damaged}; extra: {extra}.",
            ).format(
                handed=handed,
                returned=reconciliation.returned,
                missing=len(reconciliation.missing),
                damaged=len(reconciliation.damaged),
                extra=len(reconciliation.extra),
            )
        )
    )
    headers = (
        (translate("LibraryBoxes", "Barcode"), "20%"),
        (translate("LibraryBoxes", "Title"), "52%"),
        (translate("LibraryBoxes", "Location"), "20%"),
    )
    none = "<p>{}</p>".format(translate("LibraryBoxes", "None."))
    for heading, lines in (
        (translate("LibraryBoxes", "Missing"), reconciliation.missing),
        (translate("LibraryBoxes", "Damaged"), reconciliation.damaged),
        (translate("LibraryBoxes", "Extra"), reconciliation.extra),
    ):
        parts.append(f"<h2>{heading} ({len(lines)})</h2>")
        parts.append(html_numbered_table(_number(), headers, _line_rows(lines)) if lines else none)
    parts.append(
        _signatures(
            translate("LibraryBoxes", "Returned by (signature):"),
            translate("LibraryBoxes", "Checked by (signature):"),
        )
    )
    return html_page(parts)


def handover_document(
    box: Box, loan: BoxLoan, copies: Sequence[Copy], station: StationSettings | str
) -> QTextDocument:
    return html_document(handover_html(box, loan, copies, station))


def write_handover_pdf(
    box: Box, loan: BoxLoan, copies: Sequence[Copy], station: StationSettings | str, path: Path
) -> Path:
    return write_pdf_document(
        handover_document(box, loan, copies, station),
        path,
        title=translate("LibraryBoxes", "Mobile book house handover sheet"),
        creator=_station(station)[0],
    )


def write_reconciliation_pdf(
    box: Box,
    loan: BoxLoan,
    reconciliation: Reconciliation,
    station: StationSettings | str,
    path: Path,
) -> Path:
    return write_pdf_document(
        html_document(reconciliation_html(box, loan, reconciliation, station)),
        path,
        title=translate("LibraryBoxes", "Mobile book house reconciliation"),
        creator=_station(station)[0],
    )


def preview_handover(actor: Staff, box: Box, loan: BoxLoan, parent: QWidget | None) -> None:
    copies = library_boxes.box_loan_copies(actor, loan.id)
    document = handover_document(box, loan, copies, accounts.station_settings())
    preview_document(
        document, parent, title=translate("LibraryBoxes", "Mobile book house handover sheet")
    )


def preview_reconciliation(
    box: Box, loan: BoxLoan, reconciliation: Reconciliation, parent: QWidget | None
) -> None:
    document = html_document(
        reconciliation_html(box, loan, reconciliation, accounts.station_settings())
    )
    preview_document(
        document, parent, title=translate("LibraryBoxes", "Mobile book house reconciliation")
    )
