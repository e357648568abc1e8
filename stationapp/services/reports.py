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
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite, now
from stationapp.errors import ValidationError
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.events import Event, Registration
from stationapp.models.library import BoxLoan, Loan
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseEvent,
    MediationCase,
    Obligation,
)
from stationapp.models.people import HardshipAssistance, Organization
from stationapp.models.visits import (
    CHANNELS,
    RATINGS,
    OutreachSession,
    ServiceType,
    Visit,
    VisitPurpose,
)
from stationapp.models.visits import OUTCOMES as PURPOSE_OUTCOMES
from stationapp.services.accounts import has_permission, require, station_settings
from stationapp.services.private_files import private_output
from stationapp.services.rooms import RoomUsage, usage_figures

translate = QCoreApplication.translate

MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*\Z", re.ASCII)
YEAR_RE = re.compile(r"^\s*(\d{4})\s*\Z", re.ASCII)
MIN_YEAR, MAX_YEAR = 1900, 9998
SERIES_MONTHS = 12

# A case concludes in exactly one of these; the first is mediation's success (调解成功).
SUCCESS = "agreement_effective"
CONCLUSIONS: tuple[str, ...] = (
    SUCCESS,
    "failed",
    "withdrawn",
    "not_accepted",
    "respondent_declined",
)
# What happened to cases in the period: their conclusions and the later steps.
OUTCOMES: tuple[str, ...] = (*CONCLUSIONS, "referred_to_arbitration", "performed", "defaulted")
SATISFIED = ("satisfied", "basically_satisfied")
# Registrations that hold (or held) a place; the others were withdrawn or refused.
NOT_REGISTERED = ("cancelled", "rejected", "expired")


# --- the period ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # exclusive
    label: str  # "2026-10" or "2026"
    kind: str  # "month", "year" or "range"


def _bad_period(text: str) -> ValidationError:
    return ValidationError(
        translate(
            "Reports", "“{text}” is not a month (such as 2026-10) or a year (such as 2026)."
        ).format(text=text.strip()[:40]),
        field="period",
    )


def month_period(text: str) -> Period:
    """A month written "2026-10" (or "2026-1")."""
    match = MONTH_RE.match(text or "")
    if not match:
        raise _bad_period(text or "")
    year, month = int(match.group(1)), int(match.group(2))
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise _bad_period(text)
    start = date(year, month, 1)
    return Period(start, _add_months(start, 1), f"{year:04d}-{month:02d}", "month")


def year_period(text: str) -> Period:
    """A year written "2026"."""
    match = YEAR_RE.match(text or "")
    if not match or not (MIN_YEAR <= int(match.group(1)) <= MAX_YEAR):
        raise _bad_period(text or "")
    year = int(match.group(1))
    return Period(date(year, 1, 1), date(year + 1, 1, 1), f"{year:04d}", "year")


def parse_period(text: str) -> Period:
    """A month ("2026-10") or a year ("2026")."""
    return year_period(text) if YEAR_RE.match(text or "") else month_period(text)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def series_months(end: date) -> list[date]:
    """The first days of the twelve months ending with the one that holds ``end``'s eve."""
    last = (end - timedelta(days=1)).replace(day=1)
    return [_add_months(last, k - SERIES_MONTHS + 1) for k in range(SERIES_MONTHS)]


# --- the figures --------------------------------------------------------------------------------


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class HardshipFigures:
    given: int
    people: int
    amount: Decimal
    by_kind: list[tuple[str, int, Decimal]]  # kind code, times, amount


@dataclass(frozen=True)
class VisitFigures:
    visits: int
    people: int  # distinct people registered by name
    anonymous: int  # visits of people who gave no details
    by_purpose: list[tuple[str, int]]  # service name, purposes asked for
    by_outcome: dict[str, int]  # purpose outcome code -> purposes
    by_channel: dict[str, int]
    by_rating: dict[str, int]
    new_members: int
    member_cards: int
    outreach_sessions: int
    outreach_people: int  # visitors met at those sessions (visits recorded there)
    hardship: HardshipFigures | None  # None: the actor may not see hardship files

    @property
    def rated(self) -> int:
        return sum(n for rating, n in self.by_rating.items() if rating != "unrated")

    @property
    def satisfied(self) -> int:
        return sum(self.by_rating.get(rating, 0) for rating in SATISFIED)

    @property
    def satisfaction_rate(self) -> float | None:
        """Satisfied and basically satisfied over the rated visits; unrated ones are left out."""
        return _rate(self.satisfied, self.rated)


@dataclass(frozen=True)
class CaseFigures:
    received: int
    by_category: dict[str, int]  # claim category -> cases received with such a claim
    outcomes: dict[str, int]  # state reached in the period -> cases
    closed: int
    average_days_to_close: float | None
    amount_agreed: Decimal  # obligations of agreements that took effect in the period
    amount_paid: Decimal  # performed in the period

    @property
    def concluded(self) -> int:
        return sum(self.outcomes.get(state, 0) for state in CONCLUSIONS)

    @property
    def succeeded(self) -> int:
        return self.outcomes.get(SUCCESS, 0)

    @property
    def success_rate(self) -> float | None:
        """Mediated successfully (an agreement took effect) over the cases concluded."""
        return _rate(self.succeeded, self.concluded)


@dataclass(frozen=True)
class LibraryFigures:
    loans: int
    returns: int
    active_readers: int
    box_loans: list[tuple[str, int]]  # workplace name, boxes lent there


@dataclass(frozen=True)
class EventFigures:
    by_size: dict[str, int]  # events held (not cancelled), "big" / "small"
    cancelled: int
    places: int  # capacity of the events held
    registrations: int
    attended: int  # person-times (人次)
    no_shows: int
    people: int  # distinct people who attended
    months_without_big: list[str]
    weeks_without_small: list[tuple[date, date]]

    @property
    def events(self) -> int:
        return sum(self.by_size.values())

    @property
    def attendance_rate(self) -> float | None:
        """Attended over attended plus no-shows (registrations still open are not decided)."""
        return _rate(self.attended, self.attended + self.no_shows)


@dataclass(frozen=True)
class RoomFigures:
    """The rooms' use (the report's 使用频率): counts only, never who."""

    rooms: list[RoomUsage]

    @property
    def hours_booked(self) -> float:
        return round(sum(r.hours_booked for r in self.rooms), 2)

    @property
    def decompression_sessions(self) -> int:
        return sum(r.sessions_held for r in self.rooms if r.kind == "decompression")


@dataclass(frozen=True)
class MonthlySeries:
    months: list[str]  # "2026-01"
    visits: list[int] | None = None
    loans: list[int] | None = None
    attended: list[int] | None = None
    no_shows: list[int] | None = None
    cases_succeeded: list[int] | None = None
    cases_other: list[int] | None = None  # concluded without an agreement


@dataclass(frozen=True)
class StationReport:
    station_name: str
    period: Period
    generated_at: datetime
    visits: VisitFigures | None = None
    cases: CaseFigures | None = None
    library: LibraryFigures | None = None
    events: EventFigures | None = None
    rooms: RoomFigures | None = None
    series: MonthlySeries = field(default_factory=lambda: MonthlySeries([]))


# --- the queries --------------------------------------------------------------------------------


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _between(column: peewee.Field, start: date, end: date) -> peewee.Expression:
    if isinstance(column, peewee.DateTimeField):
        return (column >= _moment(start)) & (column < _moment(end))
    return (column >= start) & (column < end)


def _money(total: object) -> Decimal:
    """A SUM as exact yuan and fen: SQLite sums decimals as floats."""
    return Decimal(str(total or 0)).quantize(Decimal("0.01"))


def _days_between(earlier: peewee.Field, later: peewee.Field) -> peewee.Node:
    """Days from one timestamp to another: the only expression here that differs per database."""
    if is_sqlite():
        return peewee.fn.julianday(later) - peewee.fn.julianday(earlier)
    return peewee.fn.date_part("epoch", later - earlier) / 86400.0


MONTH_INDEX = "month_index"


def _month_index(column: peewee.Field, months: list[date]) -> peewee.Node:
    """0..11: which of ``months`` the value falls in (the query keeps it within them)."""
    bounds = [_add_months(m, 1) for m in months[:-1]]
    return peewee.Case(
        None, [(column < _moment(b), i) for i, b in enumerate(bounds)], len(months) - 1
    ).alias(MONTH_INDEX)


def _per_month(
    query: peewee.ModelSelect, column: peewee.Field, months: list[date], *extra: peewee.Node
) -> list[tuple]:
    """Rows of (month index, *extra, count) for ``query`` grouped by month (and ``extra``)."""
    index = _month_index(column, months)
    rows = (
        query.select(index, *extra, peewee.fn.COUNT(peewee.SQL("*")))
        .where(_between(column, months[0], _add_months(months[-1], 1)))
        .group_by(peewee.SQL(MONTH_INDEX), *extra)
        .tuples()
    )
    return list(rows)


def _visit_figures(actor: Staff, start: date, end: date) -> VisitFigures:
    arrived = _between(Visit.arrived_at, start, end)
    pairs = list(
        Visit.select(Visit.channel, Visit.rating, peewee.fn.COUNT(Visit.id))
        .where(arrived)
        .group_by(Visit.channel, Visit.rating)
        .tuples()
    )
    by_channel: dict[str, int] = {}
    by_rating: dict[str, int] = {}
    for channel, rating, n in pairs:
        by_channel[channel] = by_channel.get(channel, 0) + int(n)
        by_rating[rating] = by_rating.get(rating, 0) + int(n)
    people, anonymous = (
        Visit.select(
            peewee.fn.COUNT(Visit.person.distinct()),
            peewee.fn.SUM(peewee.Case(None, [(Visit.person.is_null(), 1)], 0)),
        )
        .where(arrived)
        .tuples()
        .get()
    )
    count = peewee.fn.COUNT(VisitPurpose.id)
    by_purpose = [
        (name, int(n))
        for name, n in VisitPurpose.select(ServiceType.name, count)
        .join(ServiceType)
        .where(_between(VisitPurpose.arrived_at, start, end))
        .group_by(ServiceType.id, ServiceType.name)
        .order_by(count.desc(), ServiceType.name)
        .tuples()
    ]
    by_outcome = {
        outcome: int(n)
        for outcome, n in VisitPurpose.select(VisitPurpose.outcome, count)
        .where(_between(VisitPurpose.arrived_at, start, end))
        .group_by(VisitPurpose.outcome)
        .tuples()
    }
    new_members, member_cards = _membership(start, end)
    sessions, reached = (
        OutreachSession.select(
            peewee.fn.COUNT(OutreachSession.id.distinct()), peewee.fn.COUNT(Visit.id)
        )
        .join(Visit, peewee.JOIN.LEFT_OUTER, on=(Visit.outreach == OutreachSession.id))
        .where(_between(OutreachSession.held_on, start, end))
        .tuples()
        .get()
    )
    hardship = _hardship(start, end) if has_permission(actor, "hardship.read") else None
    return VisitFigures(
        visits=sum(by_channel.values()),
        people=int(people or 0),
        anonymous=int(anonymous or 0),
        by_purpose=by_purpose,
        by_outcome=by_outcome,
        by_channel=by_channel,
        by_rating=by_rating,
        new_members=new_members,
        member_cards=member_cards,
        outreach_sessions=int(sessions or 0),
        outreach_people=int(reached or 0),
        hardship=hardship,
    )


def _membership(start: date, end: date) -> tuple[int, int]:
    """New members and member cards, from the audit entries of people's records (their details
    are JSON written with sorted keys, so the patterns below are exact)."""
    details = AuditEntry.details
    created = AuditEntry.action == "create"
    updated = AuditEntry.action == "update"
    joined = (created & details.contains('"is_member": true')) | (
        updated & details.contains('"is_member": [false, true]')
    )
    carded = (
        created & details.contains('"member_card": "') & ~details.contains('"member_card": ""')
    ) | (updated & details.contains('"member_card": ["", "'))
    members, cards = (
        AuditEntry.select(
            peewee.fn.SUM(peewee.Case(None, [(joined, 1)], 0)),
            peewee.fn.SUM(peewee.Case(None, [(carded, 1)], 0)),
        )
        .where(
            AuditEntry.action.in_(["create", "update"]),
            _between(AuditEntry.at, start, end),
            AuditEntry.entity == "person",
        )
        .tuples()
        .get()
    )
    return int(members or 0), int(cards or 0)


def _hardship(start: date, end: date) -> HardshipFigures:
    given = _between(HardshipAssistance.given_on, start, end)
    count = peewee.fn.COUNT(HardshipAssistance.id)
    by_kind = [
        (kind, int(n), _money(total))
        for kind, n, total in HardshipAssistance.select(
            HardshipAssistance.kind, count, peewee.fn.SUM(HardshipAssistance.amount)
        )
        .where(given)
        .group_by(HardshipAssistance.kind)
        .order_by(count.desc(), HardshipAssistance.kind)
        .tuples()
    ]
    people = (
        HardshipAssistance.select(peewee.fn.COUNT(HardshipAssistance.person.distinct()))
        .where(given)
        .scalar()
    )
    return HardshipFigures(
        given=sum(n for _k, n, _a in by_kind),
        people=int(people or 0),
        amount=_money(sum((a for _k, _n, a in by_kind), Decimal(0))),
        by_kind=by_kind,
    )


def _case_figures(start: date, end: date) -> CaseFigures:
    received_in = _between(MediationCase.received_at, start, end)
    received = MediationCase.select().where(received_in).count()
    by_category = {
        category: int(n)
        for category, n in CaseClaim.select(
            CaseClaim.category, peewee.fn.COUNT(CaseClaim.case.distinct())
        )
        .join(MediationCase)
        .where(received_in)
        .group_by(CaseClaim.category)
        .tuples()
    }
    outcomes = {
        state: int(n)
        for state, n in CaseEvent.select(
            CaseEvent.to_state, peewee.fn.COUNT(CaseEvent.case.distinct())
        )
        .where(
            CaseEvent.kind == "transition",
            CaseEvent.to_state.in_(OUTCOMES),
            _between(CaseEvent.at, start, end),
        )
        .group_by(CaseEvent.to_state)
        .tuples()
    }
    closed, average = (
        MediationCase.select(
            peewee.fn.COUNT(MediationCase.id),
            peewee.fn.AVG(_days_between(MediationCase.received_at, MediationCase.closed_at)),
        )
        .where(_between(MediationCase.closed_at, start, end))
        .tuples()
        .get()
    )
    agreed = (
        Obligation.select(peewee.fn.SUM(Obligation.amount))
        .join(Agreement)
        .where(_between(Agreement.effective_at, start, end))
        .scalar()
    )
    paid = (
        Obligation.select(peewee.fn.SUM(Obligation.performed_amount))
        .where(_between(Obligation.performed_on, start, end))
        .scalar()
    )
    return CaseFigures(
        received=received,
        by_category=by_category,
        outcomes=outcomes,
        closed=int(closed or 0),
        average_days_to_close=float(average) if average is not None else None,
        amount_agreed=_money(agreed),
        amount_paid=_money(paid),
    )


def _library_figures(start: date, end: date) -> LibraryFigures:
    loans, readers = (
        Loan.select(peewee.fn.COUNT(Loan.id), peewee.fn.COUNT(Loan.person.distinct()))
        .where(_between(Loan.lent_at, start, end))
        .tuples()
        .get()
    )
    returns = Loan.select().where(_between(Loan.returned_at, start, end)).count()
    count = peewee.fn.COUNT(BoxLoan.id)
    boxes = [
        (name, int(n))
        for name, n in BoxLoan.select(Organization.name, count)
        .join(Organization)
        .where(_between(BoxLoan.starts_on, start, end))
        .group_by(Organization.id, Organization.name)
        .order_by(count.desc(), Organization.name)
        .tuples()
    ]
    return LibraryFigures(
        loans=int(loans or 0), returns=returns, active_readers=int(readers or 0), box_loans=boxes
    )


def _event_figures(actor: Staff, start: date, end: date) -> EventFigures:
    from stationapp.services import events

    held = _between(Event.starts_at, start, end)
    by_size: dict[str, int] = {}
    cancelled = places = 0
    for size, state, n, capacity in (
        Event.select(
            Event.size, Event.state, peewee.fn.COUNT(Event.id), peewee.fn.SUM(Event.capacity)
        )
        .where(held)
        .group_by(Event.size, Event.state)
        .tuples()
    ):
        if state == "cancelled":
            cancelled += int(n)
        else:
            by_size[size] = by_size.get(size, 0) + int(n)
            places += int(capacity or 0)
    states = {
        state: int(n)
        for state, n in Registration.select(Registration.state, peewee.fn.COUNT(Registration.id))
        .join(Event)
        .where(held)
        .group_by(Registration.state)
        .tuples()
    }
    people = (
        Registration.select(peewee.fn.COUNT(Registration.person.distinct()))
        .join(Event)
        .where(held, Registration.state == "attended")
        .scalar()
    )
    coverage = events.coverage(actor, date_from=start, date_to=end - timedelta(days=1))
    return EventFigures(
        by_size=by_size,
        cancelled=cancelled,
        places=places,
        registrations=sum(n for s, n in states.items() if s not in NOT_REGISTERED),
        attended=states.get("attended", 0),
        no_shows=states.get("no_show", 0),
        people=int(people or 0),
        months_without_big=coverage.months_without_big,
        weeks_without_small=coverage.weeks_without_small,
    )


def _series(sections: set[str], end: date) -> MonthlySeries:
    months = series_months(end)

    def counts(rows: list[tuple]) -> list[int]:
        values = [0] * len(months)
        for index, n in rows:
            values[int(index)] += int(n)
        return values

    def split(rows: list[tuple], key: str) -> tuple[list[int], list[int]]:
        chosen, others = [0] * len(months), [0] * len(months)
        for index, value, n in rows:
            (chosen if value == key else others)[int(index)] += int(n)
        return chosen, others

    found: dict[str, list[int] | None] = {}
    if "visits" in sections:
        found["visits"] = counts(_per_month(Visit.select(), Visit.arrived_at, months))
    if "library" in sections:
        found["loans"] = counts(_per_month(Loan.select(), Loan.lent_at, months))
    if "events" in sections:
        rows = _per_month(
            Registration.select()
            .join(Event)
            .where(Registration.state.in_(["attended", "no_show"])),
            Event.starts_at,
            months,
            Registration.state,
        )
        found["attended"], found["no_shows"] = split(rows, "attended")
    if "cases" in sections:
        rows = _per_month(
            CaseEvent.select().where(
                CaseEvent.kind == "transition", CaseEvent.to_state.in_(CONCLUSIONS)
            ),
            CaseEvent.at,
            months,
            CaseEvent.to_state,
        )
        found["cases_succeeded"], found["cases_other"] = split(rows, SUCCESS)
    return MonthlySeries(months=[m.strftime("%Y-%m") for m in months], **found)


def _visible_sections(actor: Staff) -> set[str]:
    """The report's areas the actor's roles may read."""
    readable = {
        "visits": "visit.read",
        "cases": "case.read",
        "library": "library.read",
        "events": "event.read",
        "rooms": "room.read",
    }
    return {name for name, action in readable.items() if has_permission(actor, action)}


def _room_figures(start: date, end: date) -> RoomFigures:
    return RoomFigures(usage_figures(start, end - timedelta(days=1)))


def station_report(actor: Staff, start: date, end: date, *, label: str = "") -> StationReport:
    """The figures from ``start`` to ``end`` (exclusive) the actor may see; the monthly series
    cover the twelve months up to ``end``."""
    require(actor, "report.view")
    if end <= start:
        raise ValidationError(
            translate("Reports", "The period ends before it starts."), field="period"
        )
    sections = _visible_sections(actor)
    period = Period(start, end, label or f"{start.isoformat()} – {end.isoformat()}", "range")
    return StationReport(
        station_name=station_settings().station_name,
        period=period,
        generated_at=now(),
        visits=_visit_figures(actor, start, end) if "visits" in sections else None,
        cases=_case_figures(start, end) if "cases" in sections else None,
        library=_library_figures(start, end) if "library" in sections else None,
        events=_event_figures(actor, start, end) if "events" in sections else None,
        rooms=_room_figures(start, end) if "rooms" in sections else None,
        series=_series(sections, end),
    )


def period_report(actor: Staff, period: Period) -> StationReport:
    """The report of a month or a year from ``month_period`` / ``year_period``."""
    report = station_report(actor, period.start, period.end, label=period.label)
    return dataclasses.replace(report, period=period)


def month_report(actor: Staff, month: str) -> StationReport:
    return period_report(actor, month_period(month))


def year_report(actor: Staff, year: str) -> StationReport:
    return period_report(actor, year_period(year))


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


def section_title(key: str) -> str:
    return {
        "summary": translate("Reports", "Summary"),
        "visits": translate("Reports", "Visits"),
        "cases": translate("Reports", "Cases"),
        "library": translate("Reports", "Library"),
        "events": translate("Reports", "Events"),
        "rooms": translate("Reports", "Rooms"),
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
    sections = [Section("summary", section_title("summary"), [_figures(summary)])]
    if report.series.months and len(_series_table(report.series).header) > 1:
        sections[0].tables.append(_series_table(report.series))
    for key, figures, tables in (
        ("visits", report.visits, _visit_tables),
        ("cases", report.cases, _case_tables),
        ("library", report.library, _library_tables),
        ("events", report.events, _event_tables),
        ("rooms", report.rooms, _room_tables),
    ):
        if figures is not None:
            sections.append(Section(key, section_title(key), tables(figures)))  # type: ignore[operator]
    return sections


# --- Excel ----------------------------------------------------------------------------------------


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
    for section in report_tables(report):
        sheet = workbook.create_sheet(section.title[:31])
        sheet.append(xlsx_row(sheet, [report_title(report)]))
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        for table in section.tables:
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
        sheet.column_dimensions["A"].width = 36
        for column in "BCDEFG":
            sheet.column_dimensions[column].width = 16
    with private_output(path) as partial:
        workbook.save(partial)
    return path
