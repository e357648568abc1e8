"""The Today tab's figures: what needs doing now, for the signed-in staff member's roles.

Every section is computed with bounded SQL (counts from aggregates, lists limited to
``LIMIT`` items with the count of the rest) and is present only for roles that may see it:
the permission checks are here, not only in the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite, today
from stationapp.models.accounts import Staff
from stationapp.models.events import Event
from stationapp.models.library import Box, BoxLoan, Copy, Loan, Title
from stationapp.models.people import HardshipAssistance, Organization, Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import case_file, events, mediation, visits, workplaces
from stationapp.services.accounts import has_permission, require
from stationapp.services.people import mask_phone, may_see_full_id
from stationapp.services.welfare.season import Season, season_of

LIMIT = 8

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Item:
    """One line of a section: ``kind`` and ``record_id`` say which record it opens."""

    kind: str  # "person", "case", "event", "loan", "box_loan", "follow_up", "visits",
    # "event_decision" (an event short of its minimum, to decide on), "coverage_month",
    # "coverage_week", "workplace"
    record_id: int
    text: str
    overdue: bool = False
    # Where the item opens when its own record has no page: a loan's borrower, a box loan's
    # box, a follow-up's visit.
    related_id: int = 0


@dataclass
class Section:
    key: str
    total: int
    items: list[Item] = field(default_factory=list)
    summary: str = ""
    # How many lines the section has in all, when its count is of something else (today's
    # visits count visits; its lines are services). None: one line per counted record.
    lines: int | None = None
    # The in-season hardship list: those a welfare round of the season has already reached.
    covered: int = 0

    @property
    def more(self) -> int:
        """The lines not shown."""
        lines = self.total if self.lines is None else self.lines
        return max(0, lines - len(self.items))


def day_text(day: date, on: date) -> str:
    """``12-07`` within the year of ``on``, ``2025-08-29`` otherwise (never a date without a
    year that could be last year's or next year's)."""
    return f"{day:%m-%d}" if day.year == on.year else f"{day:%Y-%m-%d}"


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def welfare_round(day: date) -> Season | None:
    """The welfare season ``day`` falls in (送清凉 or 送温暖), if any."""
    return season_of(day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def birthday_keys(monday: date) -> list[str]:
    """The "MM-DD" of the week's seven days; Feb 29 birthdays count on Feb 28 in other years."""
    keys = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        keys.append(day.strftime("%m-%d"))
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            keys.append("02-29")
    return keys


def birthday_in_week(birth: date, monday: date) -> date:
    """The day of the week starting ``monday`` on which ``birth``'s birthday falls."""
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if (day.month, day.day) == (birth.month, birth.day):
            return day
        leap_day = (birth.month, birth.day) == (2, 29)
        if leap_day and (day.month, day.day) == (2, 28) and not _is_leap(day.year):
            return day
    raise ValueError("not in this week")


def _birthday_in(keys: list[str]) -> peewee.Expression:
    """People whose birthday ("MM-DD") is one of ``keys``: through the index of migration 9, whose
    expression this repeats exactly (literals, not parameters, so the planner can match it)."""
    column = Person.birth_date
    if is_sqlite():
        return peewee.fn.strftime(peewee.SQL("'%m-%d'"), column).in_(keys)
    month_day = peewee.fn.date_part(peewee.SQL("'month'"), column) * peewee.SQL(
        "100"
    ) + peewee.fn.date_part(peewee.SQL("'day'"), column)
    return month_day.in_([int(key[:2]) * 100 + int(key[3:]) for key in keys])


def _section(
    key: str, query: peewee.ModelSelect, make, count: peewee.ModelSelect | None = None
) -> Section:
    """``count``: the same rows without the joins the lines need, so counting reads one index
    (a count through the joins visits every matching row's joined rows)."""
    total = (count if count is not None else query).count()
    rows = list(query.limit(LIMIT)) if total else []
    return Section(key, total, [make(row) for row in rows])


def _due_item(kind: str, record_id: int, due: date, on: date, what: str, related_id: int) -> Item:
    """A line of something due back or to be done by ``due``: the day first, overdue once past;
    ``related_id`` is where it opens (see Item)."""
    return Item(kind, record_id, f"{day_text(due, on)} {what}", due < on, related_id=related_id)


def visits_today(actor: Staff, on: date) -> Section:
    require(actor, "visit.read")
    counts = visits.day_counts(actor, day=on)
    satisfaction = visits.month_satisfaction(actor, month=on)
    total = visits.visits_on(actor, day=on)
    items = [Item("visits", 0, f"{c.service_name}: {c.count}") for c in counts[:LIMIT]]
    rate = "—" if satisfaction.rate is None else f"{satisfaction.rate:.0%}"
    return Section("visits", total, items, summary=rate, lines=len(counts))


def follow_ups_due(actor: Staff, on: date) -> Section:
    """Visits waiting for materials whose follow-up date has come (services/visits.py)."""
    require(actor, "visit.read")
    # A completed follow-up is "done" (visits.complete_follow_up), so "waiting" alone selects the
    # open ones, and the count reads only the (outcome, due_on) index.
    waiting = (VisitPurpose.outcome == "waiting", VisitPurpose.due_on <= on)
    query = (
        VisitPurpose.select(
            VisitPurpose, ServiceType.name, Visit.id, Visit.person, Person.id, Person.name
        )
        .join(ServiceType)
        .switch(VisitPurpose)
        .join(Visit)
        .join(Person, peewee.JOIN.LEFT_OUTER)
        .where(*waiting)
        .order_by(VisitPurpose.due_on, VisitPurpose.id)
    )

    def make(p: VisitPurpose) -> Item:
        if p.visit.person is not None:
            who = p.visit.person.name
        else:
            who = translate("Today", "Anonymous visitor")
        return _due_item("follow_up", p.id, p.due_on, on, f"{who} {p.service.name}", p.visit_id)

    return _section("follow_ups", query, make, VisitPurpose.select().where(*waiting))


def case_deadlines(actor: Staff, on: date) -> Section:
    """Cases overdue and due within 3 days: the mediation service's own deadline list."""
    require(actor, "case.read")
    found = mediation.deadlines(actor, on=on, horizon_days=3)
    items = [
        Item(
            "case",
            d.case_id,
            f"{d.number} {d.respondent} {d.label()} {day_text(d.due, on)}",
            d.overdue(on),
        )
        for d in found[:LIMIT]
    ]
    return Section("cases", len(found), items)


def sessions_today(actor: Staff, on: date) -> Section | None:
    """The mediation sessions planned for the day (the mediator's own cases first); None when
    there are none, so the tab says nothing."""
    require(actor, "case.read")
    found = mediation.sessions_planned_on(actor, on)
    if not found:
        return None
    items = [
        Item("case", s.case_id, f"{s.starts_at:%H:%M}-{s.ends_at:%H:%M} {s.case_number} {s.place}")
        for s in found[:LIMIT]
    ]
    return Section("sessions", len(found), items)


def case_files_past_retention(actor: Staff, on: date) -> Section | None:
    """Closed cases whose file has been kept as long as the retention setting asks, for a
    decision (services/case_file.py); None when there are none, so the tab says nothing."""
    require(actor, "case.read")
    found = case_file.case_files_due(actor, on)
    if not found:
        return None
    items = [
        Item(
            "case",
            f.case_id,
            translate("Today", "{number} closed {closed}, retention ended {until}").format(
                number=f.number, closed=day_text(f.closed_on, on), until=day_text(f.kept_until, on)
            ),
            True,
        )
        for f in found[:LIMIT]
    ]
    return Section("case_files", len(found), items)


def loans_due(actor: Staff, on: date) -> Section:
    require(actor, "library.read")
    due = (Loan.returned_at.is_null(), Loan.due_on <= on)
    query = (
        Loan.select(Loan, Copy.barcode, Title.title, Person.id, Person.name)
        .join(Copy)
        .join(Title)
        .switch(Loan)
        .join(Person)
        .where(*due)
        .order_by(Loan.due_on, Loan.id)
    )
    return _section(
        "loans",
        query,
        lambda loan: _due_item(
            "loan",
            loan.id,
            loan.due_on,
            on,
            f"{loan.person.name} 《{loan.copy.title.title}》",
            loan.person_id,
        ),
        Loan.select().where(*due),
    )


def boxes_due(actor: Staff, on: date) -> Section:
    require(actor, "library.read")
    query = (
        BoxLoan.select(BoxLoan, Box.id, Box.name, Organization.name)
        .join(Box)
        .switch(BoxLoan)
        .join(Organization)
        .where(BoxLoan.returned_at.is_null(), BoxLoan.due_on <= on + timedelta(days=7))
        .order_by(BoxLoan.due_on, BoxLoan.id)
    )
    return _section(
        "boxes",
        query,
        lambda b: _due_item(
            "box_loan", b.id, b.due_on, on, f"{b.box.name} → {b.organization.name}", b.box_id
        ),
    )


def events_this_week(actor: Staff, on: date) -> Section:
    """This week's events with places taken and the waitlist, and minimum decisions due."""
    require(actor, "event.read")
    monday, sunday = week_of(on)
    query = (
        Event.select()
        .where(
            Event.state != "cancelled",
            Event.starts_at >= datetime.combine(monday, time.min),
            Event.starts_at < datetime.combine(sunday + timedelta(days=1), time.min),
        )
        .order_by(Event.starts_at, Event.id)
    )
    total = query.count()
    rows = list(query.limit(LIMIT)) if total else []
    taken = events.counts([e.id for e in rows]) if rows else {}
    items = []
    for e in rows:
        c = taken[e.id]
        items.append(
            Item(
                "event",
                e.id,
                f"{day_text(e.starts_at.date(), on)} {e.starts_at:%H:%M} "
                f"{e.title} {c.taken}/{e.capacity}" + (f" +{c.waitlisted}" if c.waitlisted else ""),
            )
        )
    for d in events.decisions_due(actor, on=on)[:LIMIT]:
        items.append(
            Item("event_decision", d.event.id, f"{d.event.title} {d.taken}/{d.minimum}", True)
        )
        total += 1
    return Section("events", total, items)


def coverage_warnings(actor: Staff, on: date) -> Section:
    require(actor, "event.read")
    first = on.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    found = events.coverage(actor, date_from=first, date_to=last)
    items = [Item("coverage_month", 0, m) for m in found.months_without_big]
    items += [
        Item("coverage_week", 0, f"{day_text(a, on)}–{day_text(b, on)}")
        for a, b in found.weeks_without_small
    ]
    return Section("coverage", len(items), items)


def birthdays(actor: Staff, on: date, *, limit: int | None = LIMIT) -> Section:
    """Members whose birthday falls this week (生日送祝福); names only, phones masked."""
    require(actor, "person.read")
    monday, _ = week_of(on)
    query = Person.select(Person.id, Person.name, Person.birth_date, Person.phone).where(
        Person.active == True,  # noqa: E712
        Person.is_member == True,  # noqa: E712
        Person.birth_date.is_null(False),
        _birthday_in(birthday_keys(monday)),
    )
    total = query.count()
    rows = list(query.order_by(Person.name, Person.id).limit(limit)) if total else []
    if not may_see_full_id(actor):
        # The day and an age or birth year shown elsewhere would make the whole birth date,
        # which with the ID number's last four digits rebuilds it: the week only, by name.
        items = [Item("person", p.id, f"{p.name} {mask_phone(p.phone)}") for p in rows]
        return Section("birthdays", total, _mark_greeted(actor, items, on))
    rows.sort(key=lambda p: (birthday_in_week(p.birth_date, monday), p.name))
    items = [
        Item(
            "person",
            p.id,
            f"{day_text(birthday_in_week(p.birth_date, monday), on)} {p.name} "
            f"{mask_phone(p.phone)}",
        )
        for p in rows
    ]
    return Section("birthdays", total, _mark_greeted(actor, items, on))


def _mark_greeted(actor: Staff, items: list[Item], on: date) -> list[Item]:
    """The lines of those whose greeting this month's birthday round records as sent, marked
    (生日送祝福; services/welfare)."""
    if not items or not has_permission(actor, "welfare.read"):
        return items
    from stationapp.services import welfare

    sent = welfare.greeted(actor, [i.record_id for i in items], on=on)
    mark = translate("Today", "{line} ✓ greeting sent")
    return [
        Item(i.kind, i.record_id, mark.format(line=i.text)) if i.record_id in sent else i
        for i in items
    ]


@dataclass(frozen=True)
class Birthday:
    """A line of the printed birthday greeting list."""

    day: date | None  # None (with no age) for a role without person.view_full_id
    name: str
    age: int | None
    workplace: str
    phone: str  # masked


def birthday_list(actor: Staff, on: date | None = None) -> list[Birthday]:
    """Every member whose birthday falls in the week of ``on``, by day: the greeting list."""
    require(actor, "person.read")
    on = on or today()
    monday, _ = week_of(on)
    query = (
        Person.select(
            Person.name, Person.birth_date, Person.phone, Organization.id, Organization.name
        )
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(
            Person.active == True,  # noqa: E712
            Person.is_member == True,  # noqa: E712
            Person.birth_date.is_null(False),
            _birthday_in(birthday_keys(monday)),
        )
    )
    whole = may_see_full_id(actor)
    found = []
    for p in query:
        day = birthday_in_week(p.birth_date, monday)
        workplace = p.workplace.name if p.workplace is not None else ""
        if whole:
            found.append(
                Birthday(day, p.name, day.year - p.birth_date.year, workplace, mask_phone(p.phone))
            )
        else:
            # The day with an age is the whole birth date: the week and the name only.
            found.append(Birthday(None, p.name, None, workplace, mask_phone(p.phone)))
    found.sort(key=lambda b: (b.day or monday, b.name))
    return found


def hardship_due(actor: Staff, on: date) -> Section | None:
    """In a welfare season, hardship-file people not yet assisted in it (None out of season).
    Those a welfare round of the season delivered to are counted (``covered``), not listed;
    those on a round's list still waiting are marked."""
    require(actor, "hardship.read")
    current = welfare_round(on)
    if current is None:
        return None
    assisted = HardshipAssistance.select(HardshipAssistance.person).where(
        HardshipAssistance.given_on >= current.starts_on,
        HardshipAssistance.given_on <= current.ends_on,
    )
    hardship = (Person.active == True, Person.hardship_category != "")  # noqa: E712
    listed: set[int] = set()
    covered = 0
    if has_permission(actor, "welfare.read"):
        from stationapp.services import welfare

        season = (actor, current.kind, current.starts_on, current.ends_on)
        delivered = welfare.covered(*season, delivered=True)
        covered = (
            Person.select()
            .where(*hardship, Person.id.in_(delivered), Person.id.not_in(assisted))
            .count()
        )
        assisted = assisted | delivered
        listed = {row.person_id for row in welfare.covered(*season, delivered=False)}
    query = (
        Person.select(Person.id, Person.name, Person.hardship_category)
        .where(*hardship, Person.id.not_in(assisted))
        .order_by(Person.name, Person.id)
    )
    on_list = translate("Today", "{name} (on a round's list)")

    def make(p: Person) -> Item:
        return Item("person", p.id, on_list.format(name=p.name) if p.id in listed else p.name)

    section = _section("hardship", query, make)
    section.summary = current.kind
    section.covered = covered
    return section


def room_bookings_today(actor: Staff, on: date) -> Section:
    """Today's room bookings in time order; who booked the decompression room only for the
    roles that may know it (the rooms service decides)."""
    require(actor, "room.read")
    from stationapp.services import rooms

    found = rooms.bookings_on(actor, on)
    items = [
        Item(
            "room_booking",
            b.id,
            f"{b.starts_at:%H:%M}-{b.ends_at:%H:%M} {b.room_name} {b.who}"
            + ("" if b.state == "booked" else f" ({rooms.booking_state_label(b.state)})"),
        )
        for b in found[:LIMIT]
    ]
    return Section("rooms", len(found), items)


def workplaces_without_union(actor: Staff, on: date) -> Section | None:
    """Workplaces of 25 or more employees without a union (工会法 art. 11), the largest first;
    None when there are none, so the tab says nothing."""
    require(actor, "workplace.read")
    total, found = workplaces.large_without_union(actor, limit=LIMIT)
    if not total:
        return None
    items = [
        Item(
            "workplace",
            org.id,
            translate("Today", "{name}: {employees} employees").format(
                name=org.name, employees=org.employees
            ),
        )
        for org in found
    ]
    return Section("workplaces", total, items)


def contracts_expiring(actor: Staff, on: date) -> Section:
    """Workplaces whose collective-contract cover ends within 60 days (services/union_work)."""
    require(actor, "workplace.read")
    from stationapp.services.union_work.today import expiring_lines

    total, lines = expiring_lines(on, LIMIT)
    items = [Item("workplace", i, f"{day_text(d, on)} {name}") for i, name, d in lines]
    return Section("contracts", total, items)


def congresses_overdue(actor: Staff, on: date) -> Section:
    """Workplaces whose workers' congress is overdue (services/union_work)."""
    require(actor, "workplace.read")
    from stationapp.services.union_work.today import overdue_lines

    total, lines = overdue_lines(on, LIMIT)
    items = [Item("workplace", i, f"{day_text(d, on)} {name}", True) for i, name, d in lines]
    return Section("congresses", total, items)


SECTIONS = (
    ("visits", "visit.read", visits_today),
    ("follow_ups", "visit.read", follow_ups_due),
    ("cases", "case.read", case_deadlines),
    ("sessions", "case.read", sessions_today),
    ("case_files", "case.read", case_files_past_retention),
    ("loans", "library.read", loans_due),
    ("boxes", "library.read", boxes_due),
    ("events", "event.read", events_this_week),
    ("coverage", "event.read", coverage_warnings),
    ("rooms", "room.read", room_bookings_today),
    ("birthdays", "person.read", birthdays),
    ("hardship", "hardship.read", hardship_due),
    ("workplaces", "workplace.read", workplaces_without_union),
    ("contracts", "workplace.read", contracts_expiring),
    ("congresses", "workplace.read", congresses_overdue),
)


def today_sections(actor: Staff, *, on: date | None = None) -> list[Section]:
    """The sections the actor's roles may see, in the tab's order."""
    on = on or today()
    found = []
    for _key, action, compute in SECTIONS:
        if has_permission(actor, action):
            section = compute(actor, on)
            if section is not None:
                found.append(section)
    return found
