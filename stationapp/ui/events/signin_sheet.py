"""Printed lists of an event: the sign-in sheet (签到表) and the list of people to notify when an
event is called off."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from stationapp.models.events import Event, Registration
from stationapp.models.people import Person
from stationapp.services.accounts import StationSettings
from stationapp.ui.printing import html_document, preview_document, write_pdf_document
from stationapp.ui.sheet_html import html_line, html_numbered_table, html_page, html_text

translate = QCoreApplication.translate

WALK_IN_ROWS = 6
_BORDER = "#444444"


def mask_phone(phone: str) -> str:
    """138****5678: the first three and the last four digits stay."""
    phone = (phone or "").strip()
    if len(phone) > 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) > 4:
        return "*" * (len(phone) - 4) + phone[-4:]
    return phone


def event_when(event: Event) -> str:
    """The event's date and times in the locale's format: one day, or from ... to ..."""
    locale = QLocale()
    short = QLocale.FormatType.ShortFormat
    start, end = event.starts_at, event.ends_at
    if start.date() == end.date():
        day = locale.toString(start.date(), QLocale.FormatType.LongFormat)
        return f"{day} {locale.toString(start.time(), short)}–{locale.toString(end.time(), short)}"
    return f"{locale.toString(start, short)} – {locale.toString(end, short)}"


def _station_name(station: StationSettings | str) -> str:
    return station if isinstance(station, str) else station.station_name


def _header(title: str, event: Event, station: StationSettings | str) -> list[str]:
    lines = [
        (translate("SigninSheet", "Event:"), html_text(event.title)),
        (translate("SigninSheet", "Date:"), html_text(event_when(event))),
        (translate("SigninSheet", "Venue:"), html_text(event.venue)),
    ]
    return [
        f'<h1 align="center">{title}</h1>',
        f'<p align="center" style="font-size: 12pt;">{html_text(_station_name(station))}</p>',
        "<hr/>",
        *(html_line(label, value) for label, value in lines),
    ]


def signin_sheet_html(
    event: Event, rows: Sequence[Registration], station: StationSettings | str
) -> str:
    """The sign-in sheet (签到表): one numbered line per registration in ``rows`` (each with its
    person and workplace), phones partly masked, an empty column to sign, and blank lines for
    people who come without registering."""
    parts = _header(translate("SigninSheet", "Sign-in sheet"), event, station)
    registered = len(rows)  # a name: lupdate 6.11 drops a count expression
    parts.append(
        html_line(
            translate("SigninSheet", "Registered:"),
            translate("SigninSheet", "%n person(s)", "", registered),
        )
    )
    headers = (
        (translate("SigninSheet", "Name"), "17%"),
        (translate("SigninSheet", "Workplace"), "33%"),
        (translate("SigninSheet", "Phone"), "17%"),
        (translate("SigninSheet", "Signature"), "25%"),
    )
    lines: list[tuple[str, ...]] = []
    for row in rows:
        person: Person = row.person
        workplace = person.workplace.name if person.workplace_id else ""
        lines.append(
            (html_text(person.name), html_text(workplace), html_text(mask_phone(person.phone)), "")
        )
    lines.extend([("&nbsp;", "", "", "")] * WALK_IN_ROWS)
    parts.append(_numbered(headers, lines))
    return html_page(parts)


def _numbered(headers: Sequence[tuple[str, str]], lines: Sequence[Sequence[str]]) -> str:
    """A sheet's table of people, numbered, with room to write in each line."""
    number = (translate("SigninSheet", "No."), "8%")
    return html_numbered_table(number, headers, lines, padding=8, border=_BORDER)


def signin_sheet_document(
    event: Event, rows: Sequence[Registration], station: StationSettings | str
) -> QTextDocument:
    return html_document(signin_sheet_html(event, rows, station))


def write_signin_sheet_pdf(
    event: Event, rows: Sequence[Registration], station: StationSettings | str, path: Path
) -> Path:
    return write_pdf_document(
        signin_sheet_document(event, rows, station),
        path,
        title=translate("SigninSheet", "Sign-in sheet") + " " + event.title,
        creator=_station_name(station),
    )


def preview_signin_sheet(
    event: Event,
    rows: Sequence[Registration],
    station: StationSettings | str,
    parent: QWidget | None,
) -> None:
    preview_document(
        signin_sheet_document(event, rows, station),
        parent,
        title=translate("SigninSheet", "Sign-in sheet"),
    )


def notify_list_html(event: Event, people: Sequence[Person], station: StationSettings | str) -> str:
    """Whom to tell that the event is called off, with full phone numbers to call them."""
    parts = _header(translate("SigninSheet", "Event cancelled: people to notify"), event, station)
    if event.cancel_reason:
        parts.append(html_line(translate("SigninSheet", "Reason:"), html_text(event.cancel_reason)))
    headers = (
        (translate("SigninSheet", "Name"), "20%"),
        (translate("SigninSheet", "Phone"), "22%"),
        (translate("SigninSheet", "Workplace"), "30%"),
        (translate("SigninSheet", "Notified"), "20%"),
    )
    lines = [
        (
            html_text(person.name),
            html_text(person.phone),
            html_text(person.workplace.name if person.workplace_id else ""),
            "",
        )
        for person in people
    ]
    parts.append(_numbered(headers, lines))
    return html_page(parts)
