"""The station report as translated tables (the Excel file, the PDF and the dialog show the
same) and its Excel file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from stationapp.models.visits import (
    CHANNELS,
    RATINGS,
)
from stationapp.models.visits import OUTCOMES as PURPOSE_OUTCOMES
from stationapp.services.mutual_aid import AidFigures
from stationapp.services.private_files import private_output
from stationapp.services.reports.figures import (
    OUTCOMES,
    CaseFigures,
    EventFigures,
    LibraryFigures,
    MemberFigures,
    MonthlySeries,
    Period,
    RoomFigures,
    StationReport,
    VisitFigures,
    WelfareFigures,
    WorkplaceFigures,
)
from stationapp.services.union_work.figures import UnionWorkFigures

translate = QCoreApplication.translate


# --- the report as tables (Excel, PDF and the dialog show the same) -----------------------------


class Rate(float):
    """A share between 0 and 1, shown as a percentage."""


Cell = int | float | Decimal | str | None


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Section:
    key: str  # "summary", "visits", "cases", "library", "events"
    title: str
    tables: list[Table]


# The sections shown together on one page (one sheet, one heading), each as a subsection.
GROUPS = {
    "members": "member_services",
    "aid": "member_services",
    "welfare": "member_services",
    "workplaces": "workplace_union_work",
    "union_work": "workplace_union_work",
}


@dataclass(frozen=True)
class Page:
    """One sheet of the Excel file, one heading of the PDF, one tab of the dialog: a section,
    or a group of sections (``grouped``) each under its own title."""

    key: str
    title: str
    sections: list[Section]

    @property
    def grouped(self) -> bool:
        return self.key in GROUPS.values()


def section_title(key: str) -> str:
    return {
        "summary": translate("Reports", "Summary"),
        "visits": translate("Reports", "Visits"),
        "cases": translate("Reports", "Cases"),
        "library": translate("Reports", "Library"),
        "events": translate("Reports", "Events"),
        "rooms": translate("Reports", "Rooms"),
        "member_services": translate("Reports", "Member services"),
        "members": translate("Reports", "Membership and 京卡"),
        "aid": translate("Reports", "Mutual-aid cover"),
        "welfare": translate("Reports", "Welfare rounds"),
        "workplace_union_work": translate("Reports", "Workplace union work"),
        "workplaces": translate("Reports", "Unions in workplaces"),
        "union_work": translate("Reports", "Collective contracts and workers' congresses"),
    }[key]


def period_title(period: Period) -> str:
    if period.kind == "month":
        return translate("Reports", "{year}-{month}").format(
            year=period.start.year, month=f"{period.start.month:02d}"
        )
    if period.kind == "year":
        return translate("Reports", "Year {year}").format(year=period.start.year)
    return translate("Reports", "{start} to {end}").format(
        start=period.start.isoformat(), end=(period.end - timedelta(days=1)).isoformat()
    )


def report_title(report: StationReport) -> str:
    return translate("Reports", "{station}: report for {period}").format(
        station=report.station_name, period=period_title(report.period)
    )


def _rate_cell(value: float | None) -> Cell:
    return Rate(value) if value is not None else None


def _figures(rows: Sequence[tuple[str, Cell]]) -> Table:
    return Table(
        translate("Reports", "Figures"),
        [translate("Reports", "Figure"), translate("Reports", "Value")],
        [[label, v] for label, v in rows],
    )


def _in_order(counts: dict[str, int], order: Sequence[str]) -> list[str]:
    """The keys of ``counts`` in the model's order, any unknown ones after."""
    return [k for k in order if k in counts] + sorted(set(counts) - set(order))


def _visit_tables(v: VisitFigures) -> list[Table]:
    from stationapp.services.consent import assistance_kind_label
    from stationapp.services.visits import channel_label, outcome_label, rating_label

    figures = [
        (translate("Reports", "Visits"), v.visits),
        (translate("Reports", "People (distinct)"), v.people),
        (translate("Reports", "Visitors who gave no details"), v.anonymous),
        (translate("Reports", "Rated visits"), v.rated),
        (translate("Reports", "Satisfied or basically satisfied"), v.satisfied),
        (translate("Reports", "Satisfaction rate"), _rate_cell(v.satisfaction_rate)),
        (translate("Reports", "New members"), v.new_members),
        (translate("Reports", "Member cards (京卡) issued"), v.member_cards),
        (translate("Reports", "Outreach sessions"), v.outreach_sessions),
        (translate("Reports", "People reached by outreach"), v.outreach_people),
    ]
    if v.hardship is not None:
        figures += [
            (translate("Reports", "Hardship assistance given"), v.hardship.given),
            (translate("Reports", "People assisted"), v.hardship.people),
            (translate("Reports", "Assistance amount (yuan)"), v.hardship.amount),
        ]
    tables = [
        _figures(figures),
        Table(
            translate("Reports", "Visits by purpose"),
            [translate("Reports", "Service"), translate("Reports", "Times asked for")],
            [[name, n] for name, n in v.by_purpose],
        ),
        Table(
            translate("Reports", "Visits by channel"),
            [translate("Reports", "Channel"), translate("Reports", "Visits")],
            [[channel_label(c), v.by_channel[c]] for c in _in_order(v.by_channel, CHANNELS)],
        ),
        Table(
            translate("Reports", "Purposes by outcome"),
            [translate("Reports", "Outcome"), translate("Reports", "Purposes")],
            [
                [outcome_label(o), v.by_outcome[o]]
                for o in _in_order(v.by_outcome, PURPOSE_OUTCOMES)
            ],
        ),
        Table(
            translate("Reports", "Satisfaction"),
            [translate("Reports", "Rating"), translate("Reports", "Visits")],
            [[rating_label(r), v.by_rating[r]] for r in _in_order(v.by_rating, RATINGS)],
        ),
    ]
    if v.hardship is not None and v.hardship.by_kind:
        tables.append(
            Table(
                translate("Reports", "Hardship assistance by kind"),
                [
                    translate("Reports", "Kind"),
                    translate("Reports", "Times"),
                    translate("Reports", "Amount (yuan)"),
                ],
                [[assistance_kind_label(k), n, a] for k, n, a in v.hardship.by_kind],
            )
        )
    return tables


def _case_tables(c: CaseFigures) -> list[Table]:
    from stationapp.services.mediation import category_label, state_label

    return [
        _figures(
            [
                (translate("Reports", "Cases received"), c.received),
                (translate("Reports", "Cases concluded"), c.concluded),
                (translate("Reports", "Mediated successfully"), c.succeeded),
                (translate("Reports", "Success rate"), _rate_cell(c.success_rate)),
                (translate("Reports", "Cases closed"), c.closed),
                (
                    translate("Reports", "Average days to close"),
                    round(c.average_days_to_close, 1)
                    if c.average_days_to_close is not None
                    else None,
                ),
                (translate("Reports", "Amount agreed (yuan)"), c.amount_agreed),
                (translate("Reports", "Amount paid (yuan)"), c.amount_paid),
            ]
        ),
        Table(
            translate("Reports", "Cases received by category"),
            [translate("Reports", "Category"), translate("Reports", "Number of cases")],
            [[category_label(k), n] for k, n in sorted(c.by_category.items(), key=lambda i: -i[1])],
        ),
        Table(
            translate("Reports", "Case outcomes"),
            [translate("Reports", "Outcome"), translate("Reports", "Number of cases")],
            [[state_label(s), c.outcomes[s]] for s in OUTCOMES if s in c.outcomes],
        ),
    ]


def _library_tables(lib: LibraryFigures) -> list[Table]:
    return [
        _figures(
            [
                (translate("Reports", "Loans"), lib.loans),
                (translate("Reports", "Returns"), lib.returns),
                (translate("Reports", "Active readers"), lib.active_readers),
                (
                    translate("Reports", "Boxes lent to workplaces"),
                    sum(n for _name, n in lib.box_loans),
                ),
            ]
        ),
        Table(
            translate("Reports", "Box loans per site"),
            [translate("Reports", "Workplace"), translate("Reports", "Boxes lent")],
            [[name, n] for name, n in lib.box_loans],
        ),
    ]


def _event_tables(e: EventFigures) -> list[Table]:
    from stationapp.services.events import size_label

    return [
        _figures(
            [
                (translate("Reports", "Events held"), e.events),
                (translate("Reports", "Events cancelled"), e.cancelled),
                (translate("Reports", "Places offered"), e.places),
                (translate("Reports", "Registrations"), e.registrations),
                (translate("Reports", "Attended (person-times)"), e.attended),
                (translate("Reports", "No-shows"), e.no_shows),
                (translate("Reports", "Attendance rate"), _rate_cell(e.attendance_rate)),
                (translate("Reports", "People who attended (distinct)"), e.people),
            ]
        ),
        Table(
            translate("Reports", "Events by kind"),
            [translate("Reports", "Kind"), translate("Reports", "Number of events")],
            [[size_label(s), e.by_size[s]] for s in ("big", "small") if s in e.by_size],
        ),
        Table(
            translate("Reports", "Coverage: a big event every month, a small one every week"),
            [translate("Reports", "Gap"), translate("Reports", "When")],
            [[translate("Reports", "Month without a big event"), m] for m in e.months_without_big]
            + [
                [
                    translate("Reports", "Week without a small event"),
                    f"{a.isoformat()} – {b.isoformat()}",
                ]
                for a, b in e.weeks_without_small
            ],
        ),
    ]


def _series_table(s: MonthlySeries) -> Table:
    columns: list[tuple[str, list[int] | None]] = [
        (translate("Reports", "Visits"), s.visits),
        (translate("Reports", "Loans"), s.loans),
        (translate("Reports", "Attended"), s.attended),
        (translate("Reports", "No-shows"), s.no_shows),
        (translate("Reports", "Mediated successfully"), s.cases_succeeded),
        (translate("Reports", "Concluded otherwise"), s.cases_other),
    ]
    shown = [(name, values) for name, values in columns if values is not None]
    return Table(
        translate("Reports", "Month by month"),
        [translate("Reports", "Month"), *(name for name, _v in shown)],
        [[month, *(values[i] for _n, values in shown)] for i, month in enumerate(s.months)],
    )


def _room_tables(figures: RoomFigures) -> list[Table]:
    from stationapp.services.rooms import room_kind_label

    return [
        _figures(
            [
                (translate("Reports", "Room hours booked"), figures.hours_booked),
                (
                    translate("Reports", "Decompression sessions held"),
                    figures.decompression_sessions,
                ),
            ]
        ),
        Table(
            translate("Reports", "Use of each room"),
            [
                translate("Reports", "Room"),
                translate("Reports", "Kind"),
                translate("Reports", "Bookings"),
                translate("Reports", "Hours booked"),
                translate("Reports", "Hours open"),
                translate("Reports", "Occupancy"),
                translate("Reports", "Sessions held"),
            ],
            [
                [
                    r.room,
                    room_kind_label(r.kind),
                    r.bookings,
                    r.hours_booked,
                    r.hours_open,
                    Rate(r.occupancy),
                    r.sessions_held,
                ]
                for r in figures.rooms
            ],
        ),
    ]


def _member_tables(figures: MemberFigures) -> list[Table]:
    from stationapp.services.members import member_table_rows

    return [_figures(member_table_rows(figures))]


def _aid_tables(figures: AidFigures) -> list[Table]:
    claims = translate("Reports", "Claims")
    amount = translate("Reports", "Amount (yuan)")
    return [
        _figures([(translate("Reports", "Workers enrolled"), figures.enrolled_people)]),
        Table(
            translate("Reports", "Enrolments by plan"),
            [
                translate("Reports", "Year"),
                translate("Reports", "Plan"),
                translate("Reports", "Workers"),
                translate("Reports", "Premiums (yuan)"),
            ],
            [[p.year, p.plan, p.people, p.premiums] for p in figures.by_plan],
        ),
        Table(
            claims,
            [claims, translate("Reports", "Number"), amount],
            [
                [label, figure.count, figure.amount]
                for label, figure in (
                    (translate("Reports", "Submitted (amount claimed)"), figures.submitted),
                    (translate("Reports", "Approved"), figures.approved),
                    (translate("Reports", "Paid"), figures.paid),
                )
            ],
        ),
    ]


def _welfare_tables(figures: WelfareFigures) -> list[Table]:
    """The rounds that started in the period: recipients, deliveries and amounts, per kind."""
    from stationapp.services.welfare import round_kind_label

    total = figures.total
    return [
        _figures(
            [
                (translate("Reports", "Welfare rounds"), total.rounds),
                (translate("Reports", "Recipients"), total.recipients),
                (translate("Reports", "Delivered"), total.delivered),
                (translate("Reports", "Planned (yuan)"), total.planned),
                (translate("Reports", "Delivered (yuan)"), total.spent),
            ]
        ),
        Table(
            translate("Reports", "Welfare rounds by kind"),
            [
                translate("Reports", "Kind"),
                translate("Reports", "Rounds"),
                translate("Reports", "Recipients"),
                translate("Reports", "Delivered"),
                translate("Reports", "Planned (yuan)"),
                translate("Reports", "Delivered (yuan)"),
                translate("Reports", "Budget (yuan)"),
            ],
            [
                [
                    round_kind_label(k.kind),
                    k.rounds,
                    k.recipients,
                    k.delivered,
                    k.planned,
                    k.spent,
                    k.budget,
                ]
                for k in figures.kinds
            ],
        ),
    ]


def _workplace_tables(figures: WorkplaceFigures) -> list[Table]:
    """Unions in workplaces at the end of the period, those founded in it, the members."""
    return [
        _figures(
            [
                (translate("Reports", "Workplaces with their own union"), figures.own_union),
                (translate("Reports", "Workplaces in a joint union"), figures.joint_union),
                (translate("Reports", "Unions founded in the period"), figures.founded),
                (translate("Reports", "Unions being founded"), figures.preparing),
                (
                    translate("Reports", "Members on the register (workplaces with a union)"),
                    figures.members_register,
                ),
                (translate("Reports", "Members reported by the unions"), figures.members_reported),
                (
                    translate("Reports", "Workplaces with a mediation committee"),
                    figures.mediation_committees,
                ),
                (
                    translate("Reports", "25 or more employees without a union (today)"),
                    figures.large_without_union,
                ),
            ]
        )
    ]


def _union_work_tables(figures: UnionWorkFigures) -> list[Table]:
    """Cover on the period's last day (each workplace once), contracts signed and renewed,
    congresses held, handbooks revised and open-affairs checks in the period."""
    return [
        _figures(
            [
                (
                    translate("Reports", "Workplaces covered by a collective contract"),
                    figures.workplaces_covered,
                ),
                (
                    translate("Reports", "Employees covered by a collective contract"),
                    figures.employees_covered,
                ),
                (translate("Reports", "Collective contracts signed"), figures.contracts_signed),
                (translate("Reports", "Collective contracts renewed"), figures.contracts_renewed),
                (
                    translate("Reports", "Of these, regional (building federations)"),
                    figures.regional_signed,
                ),
                (translate("Reports", "Workers' congresses held"), figures.congresses),
                (translate("Reports", "Staff handbooks revised"), figures.handbooks_revised),
                (translate("Reports", "Open-affairs checks"), figures.checks),
                (translate("Reports", "Of these, rated good"), figures.checks_good),
            ]
        )
    ]


def report_tables(report: StationReport) -> list[Section]:
    """The summary and one section per area the report holds, as translated tables."""
    summary: list[tuple[str, Cell]] = [
        (translate("Reports", "Station"), report.station_name),
        (translate("Reports", "Period"), period_title(report.period)),
        (translate("Reports", "From"), report.period.start.isoformat()),
        (translate("Reports", "To"), (report.period.end - timedelta(days=1)).isoformat()),
        (translate("Reports", "Made at"), report.generated_at.strftime("%Y-%m-%d %H:%M")),
    ]
    if report.visits is not None:
        summary += [
            (translate("Reports", "Visits"), report.visits.visits),
            (
                translate("Reports", "Satisfaction rate"),
                _rate_cell(report.visits.satisfaction_rate),
            ),
        ]
    if report.cases is not None:
        summary += [
            (translate("Reports", "Cases received"), report.cases.received),
            (translate("Reports", "Success rate"), _rate_cell(report.cases.success_rate)),
        ]
    if report.library is not None:
        summary += [
            (translate("Reports", "Loans"), report.library.loans),
            (translate("Reports", "Active readers"), report.library.active_readers),
        ]
    if report.events is not None:
        summary += [
            (translate("Reports", "Events held"), report.events.events),
            (translate("Reports", "Attended (person-times)"), report.events.attended),
        ]
    if report.rooms is not None:
        summary += [
            (translate("Reports", "Room hours booked"), report.rooms.hours_booked),
            (
                translate("Reports", "Decompression sessions held"),
                report.rooms.decompression_sessions,
            ),
        ]
    if report.welfare is not None:
        summary += [
            (translate("Reports", "Welfare round recipients"), report.welfare.total.recipients),
            (translate("Reports", "Welfare deliveries"), report.welfare.total.delivered),
        ]
    sections = [Section("summary", section_title("summary"), [_figures(summary)])]
    if report.series.months and len(_series_table(report.series).header) > 1:
        sections[0].tables.append(_series_table(report.series))
    for key, figures, tables in (
        ("visits", report.visits, _visit_tables),
        ("cases", report.cases, _case_tables),
        ("library", report.library, _library_tables),
        ("events", report.events, _event_tables),
        ("rooms", report.rooms, _room_tables),
        ("members", report.members, _member_tables),
        ("aid", report.aid, _aid_tables),
        ("welfare", report.welfare, _welfare_tables),
        ("workplaces", report.workplaces, _workplace_tables),
        ("union_work", report.union_work, _union_work_tables),
    ):
        if figures is not None:
            sections.append(Section(key, section_title(key), tables(figures)))  # type: ignore[operator]
    return sections


def report_pages(report: StationReport) -> list[Page]:
    """The sections as they are shown: member services (membership and cards, mutual-aid
    cover, welfare rounds) together on one page; each section keeps its own permission (a
    section the role may not read is not in the report at all)."""
    pages: list[Page] = []
    for section in report_tables(report):
        group = GROUPS.get(section.key)
        if group is None:
            pages.append(Page(section.key, section.title, [section]))
        elif pages and pages[-1].key == group:
            pages[-1].sections.append(section)
        else:
            pages.append(Page(group, section_title(group), [section]))
    return pages


# --- Excel ----------------------------------------------------------------------------------------


def _sheet_name(title: str) -> str:
    """A section's title as Excel takes a sheet's name: none of []:*?/\\, 31 characters."""
    return " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split())[:31].strip()


def write_excel(report: StationReport, path: Path) -> Path:
    """The report as an Excel workbook, a sheet per section, written privately and whole (a
    failed write leaves nothing behind)."""

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from stationapp.services.spreadsheet import xlsx_row

    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for page in report_pages(report):
        sheet = workbook.create_sheet(_sheet_name(page.title))
        sheet.append(xlsx_row(sheet, [report_title(report)]))
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        for section in page.sections:
            if page.grouped:
                sheet.append([])
                sheet.append(xlsx_row(sheet, [section.title]))
                sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
            for table in section.tables:
                _write_table(sheet, table, bold)
        sheet.column_dimensions["A"].width = 36
        for column in "BCDEFG":
            sheet.column_dimensions[column].width = 16
    with private_output(path) as partial:
        workbook.save(partial)
    return path


def _write_table(sheet, table: Table, bold) -> None:  # type: ignore[no-untyped-def]
    """A table under its title, header in bold, money and rates in their formats."""
    from stationapp.services.spreadsheet import xlsx_row

    sheet.append([])
    sheet.append(xlsx_row(sheet, [table.title]))
    sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append(xlsx_row(sheet, table.header))
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for values in table.rows:
        sheet.append(xlsx_row(sheet, ["" if v is None else v for v in values]))
        for cell, value in zip(sheet[sheet.max_row], values, strict=False):
            if isinstance(value, Rate):
                cell.number_format = "0.0%"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
