"""The signature list of a welfare round (签领单): one line per recipient, by workplace, with
what each gets and a column to sign on receipt; A4 through ui/printing.py."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from stationapp.models.welfare import WelfareRound
from stationapp.services import welfare
from stationapp.services.welfare import RecipientView
from stationapp.ui.printing import html_document
from stationapp.ui.sheet_html import html_caption, html_cells, html_page, html_table, html_text
from stationapp.ui.welfare.texts import money, what_each_gets

translate = QCoreApplication.translate


def sign_sheet_html(r: WelfareRound, rows: Sequence[RecipientView], station: str) -> str:
    gets = what_each_gets(r.items, Decimal(r.amount or 0))
    count = len(rows)  # a name: lupdate drops a count expression
    title = translate("WelfareSheet", "{round}: sign-off list").format(round=r.name)
    parts = [
        f'<h1 align="center">{html_text(title)}</h1>',
        f'<p align="center" style="font-size: 12pt;">{html_text(station)}</p>',
        "<hr/>",
        "<p>{}{}　{}{} – {}</p>".format(
            html_caption(translate("WelfareSheet", "Kind:")),
            html_text(welfare.round_kind_label(r.kind)),
            html_caption(translate("WelfareSheet", "Dates:")),
            html_text(r.starts_on.isoformat()),  # on paper, always with the year
            html_text(r.ends_on.isoformat()),
        ),
        "<p>{}{}　{}{}</p>".format(
            html_caption(translate("WelfareSheet", "Each recipient gets:")),
            html_text(gets),
            html_caption(translate("WelfareSheet", "Recipients:")),
            html_text(translate("WelfareSheet", "%n person(s)", "", count)),
        ),
    ]
    headers = (
        (translate("WelfareSheet", "No."), "7%"),
        (translate("WelfareSheet", "Name"), "14%"),
        (translate("WelfareSheet", "Workplace"), "27%"),
        (translate("WelfareSheet", "Receives"), "22%"),
        (translate("WelfareSheet", "Signature"), "18%"),
        (translate("WelfareSheet", "Date"), "12%"),
    )
    lines = [
        (str(number), html_text(v.name), html_text(v.workplace), html_text(gets), "", "")
        for number, v in enumerate(rows, start=1)
    ]
    parts.append(html_table(headers, html_cells(lines), padding=8))
    total = (Decimal(r.amount or 0) + Decimal(r.item_value or 0)) * count
    parts.append(
        "<p>{}{}</p>".format(
            html_caption(translate("WelfareSheet", "Total value:")), html_text(money(total))
        )
    )
    parts.append(
        "<p>{}</p>".format(
            html_text(
                translate(
                    "WelfareSheet",
                    "Collected for someone else: sign with your own name and write your relation "
                    "to the recipient.",
                )
            )
        )
    )
    parts.append(
        "<p>{}</p>".format(
            html_text(
                translate("WelfareSheet", "Handed out by: ____________   Checked by: ____________")
            )
        )
    )
    return html_page(parts)


def sign_sheet_document(
    r: WelfareRound, rows: Sequence[RecipientView], station: str
) -> QTextDocument:
    return html_document(sign_sheet_html(r, rows, station))
