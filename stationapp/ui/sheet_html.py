"""The HTML of the printed sheets (handover, reconciliation, stocktake, sign-in, notice): escaped
text, bold captions, ruled tables and the page with the house's sizes."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

TABLE_BORDER = "#555555"


def html_text(value: object) -> str:
    """A value as escaped text, trimmed."""
    return html.escape(str(value or "").strip())


def html_caption(text: str) -> str:
    """A bold caption; a space after it only when it ends in a Latin colon (not in 办理依据：)."""
    return f"<b>{text}</b>" + (" " if text.isascii() else "")


def html_line(caption: str, value: str) -> str:
    """A paragraph of a caption (as ``html_caption`` shows it) and its value (already HTML)."""
    return f"<p>{html_caption(caption)}{value}</p>"


def html_cells(rows: Sequence[Sequence[str]]) -> str:
    """Table rows of ready HTML cells, the first (a number) centred."""
    return "".join(
        "<tr>"
        + "".join(
            f'<td align="center">{cell}</td>' if i == 0 else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )


def html_table(
    headers: Sequence[tuple[str, str]], body: str, *, padding: int = 4, border: str = TABLE_BORDER
) -> str:
    """A full-width ruled table: ``headers`` as (label, width) on a grey row, then ``body``."""
    head = "".join(
        f'<th width="{width}" bgcolor="#eeeeee" align="center">{label}</th>'
        for label, width in headers
    )
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="{padding}" '
        f'style="border-collapse: collapse; border-color: {border};">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def html_page(parts: Sequence[str]) -> str:
    """A printed sheet's HTML: a heading, sections and paragraphs in the house's sizes."""
    return (
        "<html><head><style>"
        "h1 { font-size: 18pt; font-weight: bold; margin-bottom: 4px; }"
        "h2 { font-size: 12.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px; }"
        "p { margin-top: 3px; margin-bottom: 3px; }"
        "th { font-weight: bold; }"
        "</style></head><body>" + "".join(parts) + "</body></html>"
    )


def html_numbered_table(
    number: tuple[str, str],
    headers: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[str]],
    **options: Any,
) -> str:
    """``html_table`` whose first column numbers ``rows`` (ready HTML cells) from 1, under the
    header ``number`` (label, width); ``options`` as ``html_table`` takes them."""
    numbered = [(str(n), *row) for n, row in enumerate(rows, start=1)]
    return html_table((number, *headers), html_cells(numbered), **options)
