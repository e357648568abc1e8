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
- new members and member cards (京卡) issued: the membership history and the card records
  (``services/members``), an entry of unknown date by when it was recorded;
- case outcomes: the state transitions recorded in the case timeline during the period (a case
  concludes once: an agreement takes effect, mediation fails, or it is withdrawn, not accepted or
  declined by the respondent).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite, now
from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
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
    OutreachSession,
    ServiceType,
    Visit,
    VisitPurpose,
)
from stationapp.services.accounts import has_permission, require, station_settings
from stationapp.services.members import MemberFigures, member_figures
from stationapp.services.mutual_aid import AidFigures, aid_figures
from stationapp.services.rooms import RoomUsage, usage_figures
from stationapp.services.union_work.figures import UnionWorkFigures, union_work_figures
from stationapp.services.welfare import WelfareFigures, welfare_figures
from stationapp.services.workplaces.figures import WorkplaceFigures, workplace_figures

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
    members: MemberFigures | None = None
    aid: AidFigures | None = None
    welfare: WelfareFigures | None = None
    workplaces: WorkplaceFigures | None = None
    union_work: UnionWorkFigures | None = None
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


def _visit_figures(actor: Staff, start: date, end: date, members: MemberFigures) -> VisitFigures:
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
        new_members=members.new_members,  # from the membership and card records
        member_cards=members.issued,
        outreach_sessions=int(sessions or 0),
        outreach_people=int(reached or 0),
        hardship=hardship,
    )


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
        "members": "member.read",
        "aid": "aid.read",
        "welfare": "welfare.read",
        "workplaces": "workplace.read",
        "union_work": "workplace.read",
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
    members = member_figures(start, end) if {"visits", "members"} & sections else None
    period = Period(start, end, label or f"{start.isoformat()} – {end.isoformat()}", "range")
    return StationReport(
        station_name=station_settings().station_name,
        period=period,
        generated_at=now(),
        visits=_visit_figures(actor, start, end, members)
        if members and "visits" in sections
        else None,
        cases=_case_figures(start, end) if "cases" in sections else None,
        library=_library_figures(start, end) if "library" in sections else None,
        events=_event_figures(actor, start, end) if "events" in sections else None,
        rooms=_room_figures(start, end) if "rooms" in sections else None,
        members=members if "members" in sections else None,
        aid=aid_figures(actor, start, end - timedelta(days=1)) if "aid" in sections else None,
        welfare=welfare_figures(actor, start=start, end=end - timedelta(days=1))
        if "welfare" in sections
        else None,
        workplaces=workplace_figures(actor, start=start, end=end - timedelta(days=1))
        if "workplaces" in sections
        else None,
        union_work=union_work_figures(actor, start=start, end=end - timedelta(days=1))
        if "union_work" in sections
        else None,
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
