"""The station's report as a printed document: A4, the figures as tables, the four charts
(visits, case outcomes, loans, attendance per month) painted into the document as images.

Used by the report dialog and by ``stationapp report --out FILE.pdf`` (which runs with a
QGuiApplication and no window).
"""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSize, QUrl
from PySide6.QtGui import QTextDocument

from stationapp.services.reports import Cell, Rate, StationReport, report_pages, report_title
from stationapp.ui.charts import BAR, LINE, Chart, Series, chart_image
from stationapp.ui.printing import a4_layout, document_font, write_pdf_document

translate = QCoreApplication.translate

CHART_DPI = 300
CHART_HEIGHT_MM = 80


def format_cell(value: Cell, locale: QLocale | None = None) -> str:
    """A figure as the locale writes it: 93.5%, 1,234, 11,500.50; a missing rate is a dash."""
    locale = locale or QLocale()
    if value is None:
        return "—"
    if isinstance(value, Rate):
        return locale.toString(float(value) * 100, "f", 1) + locale.percent()
    if isinstance(value, Decimal):
        return locale.toString(float(value), "f", 2)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return locale.toString(value)
    if isinstance(value, float):
        return locale.toString(value, "f", 1)
    return str(value)


def report_charts(report: StationReport) -> list[tuple[str, Chart]]:
    """(section key, chart) for each chart the report's areas allow."""
    s = report.series
    months = list(s.months)
    charts: list[tuple[str, Chart]] = []
    caption = translate("Reports", "The twelve months up to the end of the period")
    if s.visits is not None:
        charts.append(
            (
                "visits",
                Chart(
                    translate("Reports", "Visits per month"),
                    months,
                    [Series(translate("Reports", "Visits"), s.visits)],
                    BAR,
                    caption,
                ),
            )
        )
    if s.cases_succeeded is not None and s.cases_other is not None:
        charts.append(
            (
                "cases",
                Chart(
                    translate("Reports", "Case outcomes per month"),
                    months,
                    [
                        Series(
                            translate("Reports", "Mediated successfully"),
                            s.cases_succeeded,
                            "#009E73",
                        ),
                        Series(
                            translate("Reports", "Concluded otherwise"), s.cases_other, "#D55E00"
                        ),
                    ],
                    BAR,
                    caption,
                ),
            )
        )
    if s.loans is not None:
        charts.append(
            (
                "library",
                Chart(
                    translate("Reports", "Loans per month"),
                    months,
                    [Series(translate("Reports", "Loans"), s.loans, "#E69F00")],
                    BAR,
                    caption,
                ),
            )
        )
    if s.attended is not None and s.no_shows is not None:
        charts.append(
            (
                "events",
                Chart(
                    translate("Reports", "Attendance per month"),
                    months,
                    [
                        Series(
                            translate("Reports", "Attended (person-times)"), s.attended, "#0072B2"
                        ),
                        Series(translate("Reports", "No-shows"), s.no_shows, "#CC79A7"),
                    ],
                    LINE,
                    caption,
                ),
            )
        )
    return charts


def _table_html(title: str, header: list[str], rows: list[list[Cell]], locale: QLocale) -> str:
    head = "".join(f'<th align="left">{html.escape(h)}</th>' for h in header)
    if not rows:
        none = html.escape(translate("Reports", "None in this period"))
        body = f'<tr><td colspan="{len(header)}"><i>{none}</i></td></tr>'
    else:
        body = "".join(
            "<tr>"
            + "".join(
                f'<td align="{"left" if i == 0 else "right"}">'
                f"{html.escape(format_cell(v, locale))}</td>"
                for i, v in enumerate(row)
            )
            + "</tr>"
            for row in rows
        )
    return (
        f"<h3>{html.escape(title)}</h3>"
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
        'style="border-collapse: collapse; border-color: #999999;">'
        f'<thead><tr style="background-color: #eeeeee;">{head}</tr></thead>{body}</table>'
    )


def chart_width_px(dpi: float = CHART_DPI) -> int:
    return int(a4_layout().paintRectPixels(int(dpi)).width())


def report_document(report: StationReport) -> QTextDocument:
    """The report as a document: title, each area's tables followed by its chart."""
    locale = QLocale()
    charts = report_charts(report)
    width = chart_width_px()
    height = round(CHART_HEIGHT_MM / 25.4 * CHART_DPI)
    # <img width> is in 96-dpi pixels: Qt scales it to the printing device.
    shown_width = chart_width_px(96)
    shown_height = round(shown_width * height / width)
    made = report.generated_at.strftime("%Y-%m-%d %H:%M")
    made_on = translate("Reports", "Made on {when}").format(when=made)
    parts = [
        f'<h1 align="center">{html.escape(report_title(report))}</h1>',
        f'<p align="center">{html.escape(made_on)}</p>',
    ]
    resources: list[tuple[str, object]] = []
    for page in report_pages(report):
        parts.append(f"<h2>{html.escape(page.title)}</h2>")
        for section in page.sections:
            if page.grouped:
                parts.append(f"<h3>{html.escape(section.title)}</h3>")
            for table in section.tables:
                parts.append(_table_html(table.title, table.header, table.rows, locale))
            for n, (key, chart) in enumerate(charts):
                if key != section.key:
                    continue
                name = f"chart-{n}.png"
                resources.append(
                    (
                        name,
                        chart_image(
                            chart, QSize(width, height), dpi=CHART_DPI, font=document_font()
                        ),
                    )
                )
                parts.append(
                    f'<p><img src="{name}" width="{shown_width}" height="{shown_height}"></p>'
                )
    document = QTextDocument()
    document.setDefaultFont(document_font())
    for name, image in resources:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml("".join(parts))
    return document


def write_report_pdf(report: StationReport, path: Path) -> Path:
    """The report as an A4 PDF, readable by its owner only, written whole or not at all."""
    return write_pdf_document(
        report_document(report), Path(path), title=report_title(report), creator="stationapp"
    )
