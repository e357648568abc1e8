"""The station's monthly and yearly report to the district union (区总工会), issue #11.

``station_report`` gathers the figures the district asks for (visits, cases, library, events)
for a period from SQL aggregates: a fixed number of grouped queries whatever the size of the
database, no loop over records in Python. The SQL is the same on SQLite and PostgreSQL; the one
exception is the number of days between two timestamps (``_days_between``), for which the two
databases share no function.

A section the acting staff member may not see (mediation cases for a librarian, hardship
assistance for an organiser) is left out, not shown as zero. ``report_tables`` turns a report
into translated tables, which the Excel file, the PDF and the dialog all show.

Where a figure comes from, when the schema records no date for it:
- new members and member cards (京卡) issued: the audit trail, a person registered as a member
  (or with a card) in the period, or changed from non-member to member (from no card to a card);
- case outcomes: the state transitions recorded in the case timeline during the period (a case
  concludes once: an agreement takes effect, mediation fails, or it is withdrawn, not accepted or
  declined by the respondent).

The package: ``figures`` gathers the figures of a period, ``tables`` turns them into tables
and the Excel file.
"""

from stationapp.services.reports.figures import (
    CONCLUSIONS,
    MAX_YEAR,
    MIN_YEAR,
    MONTH_INDEX,
    MONTH_RE,
    NOT_REGISTERED,
    OUTCOMES,
    SATISFIED,
    SERIES_MONTHS,
    SUCCESS,
    YEAR_RE,
    CaseFigures,
    EventFigures,
    HardshipFigures,
    LibraryFigures,
    MonthlySeries,
    Period,
    RoomFigures,
    StationReport,
    VisitFigures,
    month_period,
    month_report,
    parse_period,
    period_report,
    series_months,
    station_report,
    year_period,
    year_report,
)
from stationapp.services.reports.tables import (
    Cell,
    Page,
    Rate,
    Section,
    Table,
    period_title,
    report_pages,
    report_tables,
    report_title,
    section_title,
    write_excel,
)

__all__ = [
    "CONCLUSIONS",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_INDEX",
    "MONTH_RE",
    "NOT_REGISTERED",
    "OUTCOMES",
    "SATISFIED",
    "SERIES_MONTHS",
    "SUCCESS",
    "YEAR_RE",
    "CaseFigures",
    "Cell",
    "EventFigures",
    "HardshipFigures",
    "LibraryFigures",
    "MonthlySeries",
    "Page",
    "Period",
    "Rate",
    "RoomFigures",
    "Section",
    "StationReport",
    "Table",
    "VisitFigures",
    "month_period",
    "month_report",
    "parse_period",
    "period_report",
    "period_title",
    "report_pages",
    "report_tables",
    "report_title",
    "section_title",
    "series_months",
    "station_report",
    "write_excel",
    "year_period",
    "year_report",
]
