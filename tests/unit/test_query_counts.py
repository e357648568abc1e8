"""No N+1 queries: every list page costs the same number of queries whatever its number of rows.

Each test seeds a few rows, counts the queries of the list page (and of reading, row by row,
every attribute its Qt table model shows, so lazy foreign-key loads are counted too), then seeds
many more rows and counts again: the two counts must be equal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from playhouse.test_utils import count_queries

from stationapp.db import now, today
from stationapp.models.accounts import FRONT_DESK, AuditEntry, Staff
from stationapp.models.events import Event, EventSeries, Registration
from stationapp.models.library import Box, BoxLoan, Copy, Hold, Loan, Title
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import (
    accounts,
    audit,
    events,
    library,
    library_boxes,
    mediation,
    people,
    visits,
)

FEW, MANY = 3, 30


def read(*values: object) -> None:
    """Values a table model shows: reading them may run a (lazy foreign-key) query."""


def queries(page: Callable[[], Any]) -> int:
    with count_queries() as counter:
        page()
    return counter.count


def assert_flat(seed: Callable[[int], None], page: Callable[[], Any]) -> tuple[int, int]:
    """Seed FEW rows, count; seed up to MANY rows, count again: the counts must be equal."""
    seed(FEW)
    few = queries(page)
    seed(MANY - FEW)
    many = queries(page)
    assert few == many, f"{few} queries with {FEW} rows but {many} with {MANY}: an N+1 query"
    return few, many


class Counter:
    """Unique suffixes across the seeding rounds of one test."""

    def __init__(self) -> None:
        self.n = 0

    def take(self, count: int) -> range:
        start = self.n
        self.n += count
        return range(start, start + count)


def _orgs(numbers: range, prefix: str = "单位") -> list[int]:
    return [Organization.create(name=f"{prefix}{i}").id for i in numbers]


def _people(numbers: range, *, key: str = "") -> list[int]:
    """One person per number, each with a workplace of their own (and a search key ``key``)."""
    orgs = _orgs(numbers)
    ids = []
    for i, org in zip(numbers, orgs, strict=True):
        person = Person.create(
            name=f"张{i}",
            pinyin=f"zhang {i}",
            gender="f" if i % 2 else "m",
            birth_date=date(1980, 1, 1) + timedelta(days=i),
            phone=f"1380000{i:04d}",
            id_number=f"11010119800101{i:04d}",
            workplace=org,
            is_member=bool(i % 2),
        )
        ids.append(person.id)
        if key:
            PersonSearchKey.create(person=person, key=key, kind="name")
    return ids


# --- people -------------------------------------------------------------------------------------


def _touch_person(person: Person) -> None:
    read(person.name, person.pinyin, person.gender, person.birth_date, person.phone)
    people.mask_id(person.id_number)
    _ = person.workplace.name if person.workplace_id else ""
    read(person.is_member, person.active, person.last_activity_at)


def test_people_list_page(admin) -> None:
    numbers = Counter()

    def page() -> None:
        people.count_people(admin)
        for person in people.list_people(admin, offset=0, limit=100):
            _touch_person(person)

    assert_flat(lambda n: _people(numbers.take(n)), page)


def test_people_search(admin) -> None:
    numbers = Counter()

    def page() -> None:
        found = people.search_people(admin, "zhang", limit=100)
        assert found
        for person in found:
            _touch_person(person)

    assert_flat(lambda n: _people(numbers.take(n), key="zhang"), page)


def test_organization_search(admin) -> None:
    numbers = Counter()

    def page() -> None:
        for org in people.search_organizations(admin, "", limit=5000):
            read(org.name, org.active)

    assert_flat(lambda n: _orgs(numbers.take(n), prefix="公司"), page)


# --- visits -------------------------------------------------------------------------------------


def _service(name: str) -> ServiceType:
    return ServiceType.create(name=name)


def _visits(admin, numbers: range, *, waiting: bool = False) -> list[int]:
    person_ids = _people(numbers)
    ids = []
    for i, person_id in zip(numbers, person_ids, strict=True):
        arrived = now() - timedelta(minutes=i + 1)
        visit = Visit.create(person=person_id, channel="walk_in", staff=admin, arrived_at=arrived)
        ids.append(visit.id)
        for service in (_service(f"服务{i}a"), _service(f"服务{i}b")):
            VisitPurpose.create(
                visit=visit,
                service=service,
                arrived_at=arrived,
                outcome="waiting" if waiting else "done",
                materials_missing=["身份证"] if waiting else [],
                due_on=today() + timedelta(days=i - 5) if waiting else None,
            )
    return ids


def _touch_visit(visit: Visit, purposes: dict[int, list[VisitPurpose]]) -> None:
    read(visit.arrived_at)
    _ = visit.person.name if visit.person_id else ""
    _ = visit.person.phone if visit.person_id else ""
    read(visit.channel, visit.rating, visit.notes)
    read(visit.staff.display_name)
    for purpose in purposes.get(visit.id, []):
        read(purpose.service.name, purpose.outcome, purpose.referred_to, purpose.materials_missing)


def test_visits_log_page(admin) -> None:
    """The log's page: the visits, then their purposes in one more query (purposes_of)."""
    numbers = Counter()

    def page() -> None:
        filt = visits.VisitFilter()
        visits.count_visits(admin, filt)
        rows = visits.list_visits(admin, filt, offset=0, limit=100)
        purposes = visits.purposes_of(rows)
        for visit in rows:
            _touch_visit(visit, purposes)

    assert_flat(lambda n: _visits(admin, numbers.take(n)), page)


def test_person_visits(admin) -> None:
    person_id = _people(range(900, 901))[0]

    def seed(n: int) -> None:
        for _ in range(n):
            visit = Visit.create(person=person_id, channel="walk_in", staff=admin, arrived_at=now())
            VisitPurpose.create(
                visit=visit, service=_service(f"个人服务{visit.id}"), arrived_at=visit.arrived_at
            )

    def page() -> None:
        rows = visits.person_visits(admin, person_id)
        purposes = visits.purposes_of(rows)
        for visit in rows:
            _touch_visit(visit, purposes)

    assert_flat(seed, page)


def test_follow_ups_list(admin) -> None:
    numbers = Counter()

    def page() -> None:
        rows = visits.follow_ups(admin)
        assert rows
        for purpose in rows:
            visit = purpose.visit
            read(purpose.due_on, visits.is_overdue(purpose), purpose.materials_missing)
            _ = visit.person.name if visit.person_id else ""
            _ = visit.person.phone if visit.person_id else ""
            read(purpose.service.name)
            read(visit.arrived_at)

    assert_flat(lambda n: _visits(admin, numbers.take(n), waiting=True), page)


def test_outreach_list(admin) -> None:
    numbers = Counter()

    def seed(n: int) -> None:
        for org in _orgs(numbers.take(n), prefix="走访"):
            OutreachSession.create(organization=org, held_on=today(), staff=admin)

    def page() -> None:
        for session in visits.list_outreach(admin):
            read(session.held_on, session.organization.name, session.services, session.notes)

    assert_flat(seed, page)


# --- mediation ----------------------------------------------------------------------------------


def _cases(admin, numbers: range) -> None:
    for i, org in zip(numbers, _orgs(numbers, prefix="被申请人"), strict=True):
        received = now() - timedelta(days=i % 10)
        case = MediationCase.create(
            year=2026,
            sequence=i + 1,
            number=f"建工调〔2026〕{i + 1}号",
            received_at=received,
            state=("registered", "accepted", "in_mediation")[i % 3],
            respondent=org,
            mediation_due=today() + timedelta(days=i % 5),
            created_by=admin,
        )
        for person_id in _people(range(1000 + 2 * i, 1000 + 2 * i + 2)):
            CaseParty.create(case=case, person=person_id)


def test_cases_list_page(admin) -> None:
    numbers = Counter()

    def page() -> None:
        filt = mediation.CaseFilter()
        mediation.count_cases(admin, filt)
        rows = mediation.list_cases(admin, filt, offset=0, limit=100)
        applicants = mediation.applicants_of(rows)
        for case in rows:
            read(case.number, case.received_at, case.state, mediation.current_due(case))
            _ = [p.name for p in applicants.get(case.id, [])]
            read(case.respondent.name)

    assert_flat(lambda n: _cases(admin, numbers.take(n)), page)


def test_cases_deadlines(admin) -> None:
    numbers = Counter()

    def page() -> None:
        found = mediation.deadlines(admin, horizon_days=60)
        assert found
        for deadline in found:
            str(deadline)

    assert_flat(lambda n: _cases(admin, numbers.take(n)), page)


# --- library ------------------------------------------------------------------------------------


def _titles(numbers: range, *, copies: int = 2) -> list[int]:
    ids = []
    for i in numbers:
        title = Title.create(title=f"书名{i}", author=f"作者{i}", search_text=f"shu{i} 书名{i}")
        ids.append(title.id)
        Copy.insert_many(
            [{"title": title.id, "barcode": f"C{i:05d}{c}"} for c in range(copies)]
        ).execute()
    return ids


def test_catalogue_page(admin) -> None:
    numbers = Counter()

    def page() -> None:
        library.count_titles(admin, "")
        rows = library.search_titles(admin, "", offset=0, limit=100)
        counts = library.availability([t.id for t in rows])
        for title in rows:
            read(title.title, title.author, title.isbn, title.publisher, title.year)
            read(title.classification, title.active, counts.get(title.id))

    assert_flat(lambda n: _titles(numbers.take(n)), page)


def _loans(admin, numbers: range, *, person_id: int | None = None, due: date) -> None:
    person_ids = [person_id] * len(numbers) if person_id else _people(numbers)
    for i, title_id, borrower in zip(numbers, _titles(numbers, copies=1), person_ids, strict=True):
        copy = Copy.get(Copy.title == title_id)
        copy.status = "on_loan"
        copy.save()
        Loan.create(
            copy=copy,
            person=borrower,
            staff=admin,
            lent_at=now() - timedelta(days=40),
            due_on=due + timedelta(days=i % 2),
        )
        if person_id:
            Hold.create(title=title_id, person=borrower)


def _touch_loan_row(row: library.LoanRow) -> None:
    read(row.person.id, row.person.name, row.person.phone, row.workplace, row.title, row.barcode)
    read(row.loan.due_on, row.loan.renewals, row.loan.returned_at)


@pytest.mark.parametrize("which", ["overdue", "due_soon"])
def test_loan_lists(admin, which: str) -> None:
    numbers = Counter()
    due = today() - timedelta(days=10) if which == "overdue" else today() + timedelta(days=1)

    def page() -> None:
        rows = library.overdue_loans(admin) if which == "overdue" else library.due_soon(admin)
        assert rows
        for row in rows:
            _touch_loan_row(row)

    assert_flat(lambda n: _loans(admin, numbers.take(n), due=due), page)


def test_person_loans_and_holds(admin) -> None:
    numbers = Counter()
    person_id = _people(range(5000, 5001))[0]

    def page() -> None:
        for hold in library.person_holds(admin, person_id):
            read(hold.state, hold.title.title)
        for row in library.person_loans(admin, person_id):
            _touch_loan_row(row)

    assert_flat(lambda n: _loans(admin, numbers.take(n), person_id=person_id, due=today()), page)


def test_boxes_list(admin) -> None:
    numbers = Counter()

    def seed(n: int) -> None:
        taken = numbers.take(n)
        for i, org in zip(taken, _orgs(taken, prefix="借箱单位"), strict=True):
            box = Box.create(barcode=f"BOX{i:04d}", name=f"书箱{i}", state="on_loan")
            Copy.insert_many(
                [
                    {
                        "title": _titles(range(7000 + 2 * i + c, 7001 + 2 * i + c), copies=0)[0],
                        "barcode": f"B{i:04d}{c}",
                        "box": box.id,
                        "status": "in_box",
                    }
                    for c in range(2)
                ]
            ).execute()
            BoxLoan.create(
                box=box, organization=org, starts_on=today(), due_on=today(), staff=admin
            )

    def page() -> None:
        for box in library_boxes.list_boxes(admin):
            loan = box.current_loan
            read(box.barcode, box.name, box.copy_count, box.state)
            if loan is not None:
                read(loan.organization.name, loan.due_on)

    assert_flat(seed, page)


# --- events -------------------------------------------------------------------------------------


def _events(admin, numbers: range) -> list[int]:
    ids = []
    for i in numbers:
        series = EventSeries.create(name=f"系列{i}")
        start = datetime.combine(today() + timedelta(days=i + 1), datetime.min.time())
        event = Event.create(
            title=f"活动{i}",
            series=series,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=50,
            created_by=admin,
        )
        ids.append(event.id)
    return ids


def test_events_list(admin) -> None:
    numbers = Counter()

    def page() -> None:
        rows = events.list_events(admin, limit=501)
        event_counts = events.counts([e.id for e in rows])
        names = {s.id: s.name for s in events.list_series(admin)}
        for event in rows:
            read(event.starts_at, event.ends_at, event.title, event.size, event.venue)
            read(event.capacity, event.state, event_counts.get(event.id))
            _ = names.get(event.series_id, "") if event.series_id else ""

    assert_flat(lambda n: _events(admin, numbers.take(n)), page)


def test_event_roster(admin) -> None:
    numbers = Counter()
    event_id = _events(admin, range(9000, 9001))[0]

    def seed(n: int) -> None:
        for i, person_id in enumerate(_people(numbers.take(n))):
            Registration.create(
                event=event_id,
                person=person_id,
                staff=admin,
                state=("confirmed", "waitlisted", "no_show")[i % 3],
                waitlisted_at=now() if i % 3 == 1 else None,
            )

    def page() -> None:
        rows = events.roster(admin, event_id)
        no_shows = events.no_show_counts(sorted({r.person_id for r in rows}))
        for row in rows:
            person = row.person
            read(person.name, person.phone, row.state, row.priority, row.reason)
            _ = person.workplace.name if person.workplace_id else ""
            no_shows.get(row.person_id, 0)

    assert_flat(seed, page)


def test_person_registrations(admin) -> None:
    numbers = Counter()
    person_id = _people(range(9500, 9501))[0]

    def seed(n: int) -> None:
        for event_id in _events(admin, numbers.take(n)):
            Registration.create(event=event_id, person=person_id, staff=admin, state="confirmed")

    def page() -> None:
        for registration in events.person_registrations(admin, person_id):
            read(registration.event.starts_at, registration.event.title, registration.state)

    assert_flat(seed, page)


# --- staff and the audit trail ------------------------------------------------------------------


def _staff(username: str) -> Staff:
    return Staff.create(
        username=username, display_name=f"职员{username}", roles=FRONT_DESK, password_hash="x"
    )


def test_audit_list_page(admin) -> None:
    numbers = Counter()

    def seed(n: int) -> None:
        for i in numbers.take(n):
            staff = _staff(f"clerk{i}")
            AuditEntry.insert_many(
                [
                    {
                        "staff": staff.id,
                        "action": "update",
                        "entity": "person",
                        "entity_id": i,
                        "details": '{"name": ["a", "b"]}',
                    },
                    {"staff": None, "action": "delete", "entity": "visit", "entity_id": i},
                ]
            ).execute()

    def page() -> None:
        filt = audit.AuditFilter()
        audit.count_entries(admin, filt)
        for entry in audit.list_entries(admin, filt, offset=0, limit=200):
            read(audit.staff_name(entry), audit.action_label(entry.action), entry.entity_id)
            read(audit.entity_label(entry.entity), audit.details_summary(entry.details))

    assert_flat(seed, page)


def test_person_history(admin) -> None:
    person_id = _people(range(9900, 9901))[0]

    def seed(n: int) -> None:
        AuditEntry.insert_many(
            [
                {"staff": admin.id, "action": "update", "entity": "person", "entity_id": person_id}
                for _ in range(n)
            ]
        ).execute()

    def page() -> None:
        for entry in people.person_history(admin, person_id):
            read(audit.staff_name(entry), entry.at, entry.action)

    assert_flat(seed, page)


def test_staff_list(admin) -> None:
    numbers = Counter()

    def seed(n: int) -> None:
        for i in numbers.take(n):
            _staff(f"desk{i}")

    def page() -> None:
        for staff in accounts.list_staff(admin):
            roles = "、".join(accounts.role_label(r) for r in staff.role_set)
            read(staff.display_name, staff.username, staff.active, roles)

    assert_flat(seed, page)


# --- more pages: the calendar, a case's page, a box, a person's consents -------------------------


def test_events_calendar_month(admin) -> None:
    """The calendar's month: the events in its weeks and the coverage check."""
    numbers = Counter()
    first = today().replace(day=1)
    start = first - timedelta(days=first.weekday())
    end = start + timedelta(days=41)

    def seed(n: int) -> None:
        for i in numbers.take(n):
            day = datetime.combine(start + timedelta(days=i % 40), datetime.min.time())
            Event.create(
                title=f"月历活动{i}",
                size=("small", "big")[i % 2],
                starts_at=day,
                ends_at=day + timedelta(hours=1),
                capacity=10,
                created_by=admin,
                min_participants=5 if i % 2 else None,
                decision_on=today() if i % 2 else None,
            )

    def page() -> None:
        found = events.list_events(admin, date_from=start, date_to=end, limit=1000)
        assert found
        for event in found:
            read(event.title, event.starts_at, event.size, event.state, event.id)
        events.coverage(admin, date_from=start, date_to=end)
        for due in events.decisions_due(admin):
            read(due.event.title, due.taken, due.minimum)

    assert_flat(seed, page)


def test_case_page_lists(admin) -> None:
    """A case's timeline, sessions and follow-ups."""
    from stationapp.models.mediation import CaseEvent, CaseFollowUp, CaseSession

    _cases(admin, range(0, 1))
    case = MediationCase.get()

    def seed(n: int) -> None:
        for i in range(n):
            staff = _staff(f"mediator{CaseEvent.select().count()}")
            CaseEvent.create(case=case, staff=staff, kind="transition", to_state="accepted")
            CaseSession.create(case=case, held_at=now(), place=f"调解室{i}", record="……")
            CaseFollowUp.create(case=case, held_on=today(), staff=staff, notes="回访")

    def page() -> None:
        for event in mediation.case_events(admin, case.id):
            read(event.at, event.kind, event.to_state, event.reason, event.staff.display_name)
        for session in mediation.case_sessions(admin, case.id):
            read(session.held_at, session.place, session.signed_by_parties, session.record)
        for follow in mediation.case_follow_ups(admin, case.id):
            read(follow.held_on, follow.notes)

    assert_flat(seed, page)


def test_box_contents_and_loans(admin) -> None:
    box = Box.create(barcode="BOXC", name="书箱")
    numbers = Counter()

    def seed(n: int) -> None:
        taken = numbers.take(n)
        for title_id, i in zip(_titles(taken, copies=0), taken, strict=True):
            Copy.create(title=title_id, barcode=f"BC{i:04d}", box=box, status="in_box")
        for org in _orgs(taken, prefix="借箱处"):
            BoxLoan.create(
                box=box,
                organization=org,
                starts_on=today(),
                due_on=today(),
                staff=admin,
                returned_at=now(),
            )

    def page() -> None:
        for copy in library_boxes.box_contents(admin, box.id):
            read(copy.barcode, copy.title.title)
        for loan in library_boxes.box_loans(admin):
            read(loan.box.name, loan.organization.name, loan.due_on, loan.returned_at)

    assert_flat(seed, page)


def test_person_consents_and_assistance(admin) -> None:
    from stationapp.models.people import Consent, HardshipAssistance
    from stationapp.services import consent

    person_id = _people(range(9800, 9801))[0]
    numbers = Counter()

    def seed(n: int) -> None:
        for i in numbers.take(n):
            staff = _staff(f"social{i}")
            Consent.create(
                person=person_id,
                kind="contact",
                given_by=staff,
                withdrawn_at=now() if i % 2 else None,
                withdrawn_by=staff if i % 2 else None,
            )
            HardshipAssistance.create(person=person_id, given_on=today(), kind="cash", staff=staff)

    def page() -> None:
        for record in consent.consents_of(admin, person_id):
            read(record.kind, record.given_at, record.given_by.display_name)
            _ = record.withdrawn_by.display_name if record.withdrawn_by_id else ""
        for help_given in consent.assistance_of(admin, person_id):
            read(help_given.given_on, help_given.kind, help_given.staff.display_name)

    assert_flat(seed, page)
