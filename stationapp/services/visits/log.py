"""The visits log: filtering, counting, the day's and month's figures, and the Excel export."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import today, transaction
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.models.visits import CHANNELS, OUTCOMES, RATINGS, ServiceType, Visit, VisitPurpose
from stationapp.services import bulk
from stationapp.services.accounts import audit, require
from stationapp.services.people import rows_view
from stationapp.services.spreadsheet import export_batches
from stationapp.services.visits.catalogue import channel_label, outcome_label, rating_label

translate = QCoreApplication.translate


@dataclass
class VisitFilter:
    date_from: date | None = None
    date_to: date | None = None
    service_id: int | None = None
    channel: str | None = None
    staff_id: int | None = None
    outcome: str | None = None
    person_id: int | None = None

    def __post_init__(self) -> None:
        # A channel or outcome comes from a list; one that is none of them matches no visit.
        # PostgreSQL cannot even be asked about a NUL, so such a value is replaced by one that
        # no visit holds either.
        for name in ("channel", "outcome"):
            value = getattr(self, name)
            if value and "\x00" in value:
                setattr(self, name, value.replace("\x00", "\ufffd"))


def _visit_conditions(filt: VisitFilter, arrived: peewee.Field) -> list[peewee.Expression]:
    conditions: list[peewee.Expression] = []
    if filt.date_from:
        conditions.append(arrived >= datetime.combine(filt.date_from, time.min))
    if filt.date_to and filt.date_to < date.max:  # the last day there is: no upper bound
        conditions.append(arrived < datetime.combine(filt.date_to + timedelta(days=1), time.min))
    if filt.channel:
        conditions.append(Visit.channel == filt.channel)
    if filt.staff_id:
        conditions.append(Visit.staff == filt.staff_id)
    if filt.person_id:
        conditions.append(Visit.person == filt.person_id)
    return conditions


def _purpose_conditions(filt: VisitFilter) -> list[peewee.Expression]:
    conditions: list[peewee.Expression] = []
    if filt.service_id:
        conditions.append(VisitPurpose.service == filt.service_id)
    if filt.outcome:
        conditions.append(VisitPurpose.outcome == filt.outcome)
    return conditions


def _by_service(filt: VisitFilter) -> bool:
    return bool(filt.service_id and not filt.person_id)


def _order_key(filt: VisitFilter) -> tuple[peewee.Field, peewee.Field]:
    """What the log is sorted by, newest first (see _visit_ids_query)."""
    if _by_service(filt):
        return VisitPurpose.arrived_at, VisitPurpose.visit
    return Visit.arrived_at, Visit.id


def _visit_ids_query(filt: VisitFilter, *, join_visit: bool = False) -> peewee.ModelSelect:
    """The ids of the visits ``filt`` selects, newest first (``_order_key`` descending).

    With a service filter (and no person) the purposes' (service, arrival) index leads, so a rare
    service is found without walking every visit; the visits are joined only when a filter needs
    them (or ``join_visit``). Otherwise the visits' own indexes lead and the purpose conditions
    become one EXISTS probe of the (visit, service) or (outcome, visit) index.
    """
    visit_side = bool(filt.channel or filt.staff_id or filt.person_id)
    order = [field.desc() for field in _order_key(filt)]
    if _by_service(filt):
        conditions = _purpose_conditions(filt) + _visit_conditions(filt, VisitPurpose.arrived_at)
        query = VisitPurpose.select(VisitPurpose.visit.alias("id"))
        if visit_side or join_visit:
            query = query.join(Visit)
        return query.where(*conditions).order_by(*order)
    conditions = _visit_conditions(filt, Visit.arrived_at)
    purpose = _purpose_conditions(filt)
    if purpose:
        conditions.append(
            peewee.fn.EXISTS(
                VisitPurpose.select(peewee.SQL("1")).where(VisitPurpose.visit == Visit.id, *purpose)
            )
        )
    query = Visit.select(Visit.id)
    if conditions:
        query = query.where(*conditions)
    return query.order_by(*order)


def list_visits(actor: Staff, filt: VisitFilter, *, offset: int, limit: int) -> list[Visit]:
    """One page of the log, newest first, with person and staff joined."""
    require(actor, "visit.read")
    ids = [row.id for row in _visit_ids_query(filt).offset(offset).limit(limit).objects()]
    if not ids:
        return []
    order = {visit_id: i for i, visit_id in enumerate(ids)}
    visits = list(
        Visit.select(Visit, Person, Staff)
        .join(Person, peewee.JOIN.LEFT_OUTER)
        .switch(Visit)
        .join(Staff)
        .where(Visit.id.in_(ids))
    )
    visits.sort(key=lambda v: order[v.id])
    return rows_view(actor, visits)


# Outcomes other than "done" are the exceptions: few purposes carry them.
RARE_OUTCOMES = frozenset({"referred", "waiting", "declined"})


def count_visits(actor: Staff, filt: VisitFilter) -> int:
    require(actor, "visit.read")
    only_outcome = filt.outcome and not (
        filt.service_id or filt.person_id or filt.date_from or filt.date_to
    )
    if only_outcome and (not (filt.channel or filt.staff_id) or filt.outcome in RARE_OUTCOMES):
        # Counted from the purposes with that outcome: the covering (outcome, visit) index, in
        # visit order, so DISTINCT needs no temporary table.
        query = VisitPurpose.select(peewee.fn.COUNT(VisitPurpose.visit.distinct())).where(
            VisitPurpose.outcome == filt.outcome
        )
        if filt.channel or filt.staff_id:
            query = query.join(Visit).where(*_visit_conditions(filt, Visit.arrived_at))
        return query.scalar() or 0
    return _visit_ids_query(filt).order_by().count()


def person_visits(actor: Staff, person_id: int, *, limit: int = 50) -> list[Visit]:
    return list_visits(actor, VisitFilter(person_id=person_id), offset=0, limit=limit)


@dataclass(frozen=True)
class DayCount:
    service_name: str
    count: int


def day_counts(actor: Staff, *, day: date | None = None) -> list[DayCount]:
    """Purposes asked for on ``day`` (today by default), most asked first."""
    require(actor, "visit.read")
    day = day or today()
    start = datetime.combine(day, time.min)
    end = start + timedelta(days=1)
    rows = (
        VisitPurpose.select(ServiceType.name, peewee.fn.COUNT(VisitPurpose.id).alias("n"))
        .join(ServiceType)
        .where(VisitPurpose.arrived_at >= start, VisitPurpose.arrived_at < end)
        .group_by(ServiceType.name)
        .order_by(peewee.fn.COUNT(VisitPurpose.id).desc(), ServiceType.name)
        .tuples()
    )
    return [DayCount(name, count) for name, count in rows]


def visits_on(actor: Staff, *, day: date | None = None) -> int:
    require(actor, "visit.read")
    start = datetime.combine(day or today(), time.min)
    return (
        Visit.select()
        .where(Visit.arrived_at >= start, Visit.arrived_at < start + timedelta(days=1))
        .count()
    )


@dataclass(frozen=True)
class Satisfaction:
    rated: int
    satisfied: int

    @property
    def rate(self) -> float | None:
        """Satisfied plus basically satisfied, over the rated visits (None if none was rated)."""
        return self.satisfied / self.rated if self.rated else None


def month_satisfaction(actor: Staff, *, month: date | None = None) -> Satisfaction:
    require(actor, "visit.read")
    first = (month or today()).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    rows = dict(
        Visit.select(Visit.rating, peewee.fn.COUNT(Visit.id))
        .where(
            Visit.arrived_at >= datetime.combine(first, time.min),
            Visit.arrived_at < datetime.combine(following, time.min),
            Visit.rating != "unrated",
        )
        .group_by(Visit.rating)
        .tuples()
    )
    rated = sum(rows.values())
    return Satisfaction(
        rated=rated,
        satisfied=rows.get("satisfied", 0) + rows.get("basically_satisfied", 0),
    )


# --- export ---------------------------------------------------------------------------------


def export_visits(
    actor: Staff,
    filt: VisitFilter,
    path: Path,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write the filtered log to an Excel (.xlsx) or CSV file; returns the rows written.

    ``progress(done, total)`` is called every few hundred rows; returning False cancels, and
    nothing is written (a file the user chose to replace survives). Formula-like text is
    neutralised (services.spreadsheet). The rows are read as plain values, not as records, in
    one ordered stream of the visits joined with their people and purposes (a server-side
    cursor on PostgreSQL), not asked again by id (issue #22).
    """
    require(actor, "visit.export")
    total = count_visits(actor, filt)
    header = [
        translate("Visits", "Arrived"),
        translate("Visits", "Visitor"),
        translate("Visits", "Phone"),
        translate("Visits", "Channel"),
        translate("Visits", "Purposes and outcomes"),
        translate("Visits", "Missing materials"),
        translate("Visits", "Received by"),
        translate("Visits", "Rating"),
        translate("Visits", "Notes"),
    ]
    anonymous = translate("Visits", "Anonymous")
    channels = {code: channel_label(code) for code in CHANNELS}
    outcomes = {code: outcome_label(code) for code in OUTCOMES}
    ratings = {code: rating_label(code) for code in RATINGS}
    services = dict(ServiceType.select(ServiceType.id, ServiceType.name).tuples())
    staff = dict(Staff.select(Staff.id, Staff.display_name).tuples())

    labels: dict[tuple[int, str], str] = {}  # "service：outcome" by (service id, outcome)

    def row(visit: tuple, own: list[tuple]) -> list[object]:
        arrived, person_id, channel, staff_id, rating, notes, name, phone = visit
        if not isinstance(arrived, datetime):  # SQLite's text, as peewee writes it
            arrived = datetime.fromisoformat(arrived)
        if person_id is None:
            name, phone = anonymous, ""
        shown, missing = [], []
        for service_id, outcome, materials in own:
            label = labels.get((service_id, outcome))
            if label is None:
                label = f"{services.get(service_id, '')}：{outcomes.get(outcome, outcome)}"
                labels[service_id, outcome] = label
            shown.append(label)
            # JSON text on both databases; almost always an empty list.
            if materials and materials != "[]" and (names := json.loads(materials)):
                missing.append("、".join(names))
        return [
            arrived,
            name,
            phone,
            channels.get(channel, channel),
            "；".join(shown),
            "；".join(missing),
            staff.get(staff_id, ""),
            ratings.get(rating, rating),
            notes,
        ]

    title = translate("Visits", "Visits")
    with bulk.snapshot(), closing(_export_rows(filt)) as rows:
        batches = ([row(*item) for item in batch] for batch in _chunks(rows, EXPORT_BATCH))
        written, finished = export_batches(
            path, title, header, batches, total=total, progress=progress
        )
    if not finished:
        return written
    with transaction():
        audit(actor, "export", "visit", None, {"rows": written, "file": path.name})
    return written


EXPORT_BATCH = 1000  # rows between two progress reports


def _chunks(items: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _export_rows(filt: VisitFilter) -> Iterator[tuple[tuple, list[tuple]]]:
    """The visits ``filt`` selects in the log's order, each as (arrived, person id, channel,
    staff id, rating, notes, the person's name and phone) with its purposes in the order they
    were recorded, each as (service id, outcome, missing materials as JSON text): one ordered
    stream (bulk.streamed) of the visits joined with their people and purposes, a visit's rows
    one after the other. Read it in a bulk.snapshot."""
    key = _order_key(filt)  # its second part is the visit's id
    own = VisitPurpose.alias("own")
    query = (
        _visit_ids_query(filt, join_visit=True)
        .select(
            *key,
            Visit.arrived_at,
            Visit.person,
            Visit.channel,
            Visit.staff,
            Visit.rating,
            Visit.notes,
            Person.name,
            Person.phone,
            own.service,
            own.outcome,
            own.materials_missing,
        )
        .switch(Visit)
        .join(Person, peewee.JOIN.LEFT_OUTER, on=(Visit.person == Person.id))
        .switch(Visit)
        .join(own, peewee.JOIN.LEFT_OUTER, on=(own.visit == Visit.id))
        .order_by_extend(own.id)
    )
    visit: tuple | None = None
    mine: list[tuple] = []
    with closing(bulk.streamed(query)) as rows:
        for found in rows:
            if visit is None or found[1] != visit[1]:
                if visit is not None:
                    yield visit[2:10], mine
                visit, mine = found, []
            if found[10] is not None:  # a visit without purposes has one row, without one
                mine.append(found[10:])
    if visit is not None:
        yield visit[2:10], mine
