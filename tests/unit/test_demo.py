"""The demo database: every role can sign in, the data is valid, tricky surnames are findable."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import count, pairwise
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin
from stdnum import isbn as stdnum_isbn

from stationapp import db, demo
from stationapp.db import close_database, now, today
from stationapp.models.accounts import ADMIN, ROLES, AuditEntry, Staff
from stationapp.models.events import SIZES, Event, EventQuota, EventSeries, Registration
from stationapp.models.library import Box, BoxLoan, Copy, Hold, Loan, Title
from stationapp.models.mediation import (
    STATES,
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseFollowUp,
    CaseSession,
    MediationCase,
    MediatorRelation,
    Obligation,
)
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.models.visits import (
    CHANNELS,
    OUTCOMES,
    OutreachSession,
    ServiceType,
    Visit,
    VisitPurpose,
)
from stationapp.services import accounts, events, library, mediation, people, visits
from stationapp.services.maintenance import open_station_database
from stationapp.services.search_keys import _NOT_ALNUM_RE, normalize_query
from stationapp.services.validation import check_id_number

# The readings people say, which differ from the usual reading of the character.
POLYPHONIC = {
    "单": "shan",
    "解": "xie",
    "曾": "zeng",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "乐": "yue",
    "覃": "qin",
    "翟": "zhai",
    "缪": "miao",
}
COMPOUND = {"欧阳": "ouyang", "司马": "sima", "诸葛": "zhuge", "上官": "shangguan"}
PEOPLE = 60  # tests/conftest.py SHARED_DEMO_PEOPLE: the shared demo's people


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    open_station_database(f"sqlite:///{tmp_path}/t.db")
    try:
        yield
    finally:
        close_database()


@pytest.fixture(scope="module")
def demo_file(shared_demo: tuple[Path, int]) -> tuple[Path, int]:
    """The demo station of PEOPLE people, built once for the session (it takes seconds; the GUI
    tests open it too: tests/conftest.py ``shared_demo``); each test gets a copy."""
    return shared_demo


@pytest.fixture
def demo_admin(demo_file: tuple[Path, int], tmp_path: Path) -> Iterator[Staff]:
    built, admin_id = demo_file
    copy = tmp_path / "t.db"
    for suffix in ("", "-wal"):  # closing the last connection checkpoints; copy a WAL if left
        if Path(f"{built}{suffix}").exists():
            shutil.copyfile(f"{built}{suffix}", f"{copy}{suffix}")
    open_station_database(f"sqlite:///{copy}")
    try:
        yield Staff.get_by_id(admin_id)
    finally:
        close_database()


def _counts() -> tuple[int, ...]:
    return tuple(
        model.select().count()
        for model in (
            Staff,
            Person,
            Organization,
            PersonSearchKey,
            AuditEntry,
            Visit,
            VisitPurpose,
            OutreachSession,
            MediationCase,
            CaseEvent,
            Title,
            Copy,
            Loan,
            Hold,
            BoxLoan,
            Event,
            Registration,
        )
    )


def test_every_role_has_a_demo_account(demo_admin: Staff) -> None:
    assert demo_admin.username == "admin"
    assert ADMIN in demo_admin.role_set
    staff = list(Staff.select())
    for role in ROLES:
        assert any(role in member.role_set for member in staff), role
    assert not any(member.must_change_password for member in staff)
    signed_in = accounts.authenticate("frontdesk", demo.DEMO_PASSWORD)
    assert signed_in.username == "frontdesk"
    assert accounts.authenticate("admin", demo.DEMO_ADMIN_PASSWORD).id == demo_admin.id


def test_people_and_their_id_numbers_are_valid(demo_admin: Staff) -> None:
    assert Person.select().count() == PEOPLE
    assert Organization.select().count() >= 30
    with_ric = list(Person.select().where(Person.id_type == "ric", Person.id_number != ""))
    assert len(with_ric) >= PEOPLE * 0.7
    for person in with_ric:
        check = check_id_number(person.id_number, id_type="ric")
        assert check.number == person.id_number
        assert check.warnings == ()
        assert check.gender == person.gender
        assert check.birth_date == person.birth_date
    cards = [p.member_card for p in Person.select().where(Person.member_card != "")]
    assert cards
    assert all(len(card) == 19 and card.startswith("622") for card in cards)
    assert all(p.is_member for p in Person.select().where(Person.member_card != ""))


def test_history_is_spread_over_the_past(demo_admin: Staff) -> None:
    rows = list(Person.select())
    assert all(p.created_at <= p.last_activity_at for p in rows)
    years = {p.created_at.year for p in rows}
    assert len(years) >= 2


@pytest.mark.parametrize(
    ("table", "kind"),
    [(COMPOUND, "compound"), (POLYPHONIC, "polyphonic")],
    ids=["compound", "polyphonic"],
)
def test_tricky_surnames_are_found_by_their_spoken_pinyin(
    demo_admin: Staff, table: dict[str, str], kind: str
) -> None:
    found = []
    for person in Person.select().order_by(Person.id):
        surname = next((s for s in table if person.name.startswith(s)), None)
        if surname is None:
            continue
        given = person.name[len(surname) :]
        query = table[surname] + "".join(lazy_pinyin(given, style=Style.NORMAL))
        results = people.search_people(demo_admin, query)
        assert person.id in [p.id for p in results], (person.name, query)
        found.append(person.name)
    assert found, f"no person with a {kind} surname"


def test_ensure_demo_database_fills_once(database: None) -> None:
    first = demo.ensure_demo_database()
    before = _counts()
    assert before[1] == 300
    again = demo.ensure_demo_database()
    assert again.id == first.id
    assert again.username == "admin"
    assert _counts() == before


def test_ensure_demo_database_on_a_filled_database(demo_admin: Staff) -> None:
    before = _counts()
    assert demo.ensure_demo_database().id == demo_admin.id
    assert _counts() == before


def test_populate_refuses_a_database_in_use(demo_admin: Staff) -> None:
    with pytest.raises(RuntimeError):
        demo.populate(people=1)


def test_two_years_of_visits(demo_admin: Staff) -> None:
    on = today()
    rows = list(Visit.select())
    assert 4000 <= len(rows) <= 9000  # 8 to 15 a working day for two years, give or take
    first = min(v.arrived_at for v in rows).date()
    last = max(v.arrived_at for v in rows).date()
    assert 700 <= (on - first).days <= 731
    assert (on - last).days <= 4
    assert all(v.arrived_at.weekday() < 5 for v in rows if v.channel != "outreach")
    assert all(time(8, 30) <= v.arrived_at.time() <= time(17, 30) for v in rows)

    channels = {c: sum(v.channel == c for v in rows) / len(rows) for c in CHANNELS}
    assert 0.7 <= channels["walk_in"] <= 0.8
    assert 0.15 <= channels["phone"] <= 0.25
    assert 0.03 <= channels["outreach"] <= 0.07
    assert 0.1 <= sum(v.person_id is None for v in rows) / len(rows) <= 0.2
    staff = {v.staff_id for v in rows}
    assert staff == {demo_admin.id, Staff.get(Staff.username == "frontdesk").id}

    # Outreach: ten sessions, each with its visits, all of channel outreach.
    sessions = list(OutreachSession.select())
    assert len(sessions) == 10
    linked = [v for v in rows if v.outreach_id is not None]
    assert {v.outreach_id for v in linked} == {s.id for s in sessions}
    assert all(v.channel == "outreach" for v in linked)
    assert all(v.outreach_id is not None for v in rows if v.channel == "outreach")
    for session in sessions:
        assert session.organization.kind in ("office_building", "community")

    # People visited only after they were on file, and their last activity follows.
    by_id = {p.id: p for p in Person.select()}
    for visit in rows:
        if visit.person_id is not None:
            person = by_id[visit.person_id]
            assert person.created_at <= visit.arrived_at <= person.last_activity_at


def test_visit_purposes_use_the_catalogue(demo_admin: Staff) -> None:
    services = {s.id: s for s in ServiceType.select()}
    purposes = list(VisitPurpose.select())
    visit_count = Visit.select().count()
    assert 1.1 <= len(purposes) / visit_count <= 1.5
    by_service: dict[str, int] = {}
    for p in purposes:
        by_service[services[p.service_id].name] = by_service.get(services[p.service_id].name, 0) + 1
        names = {str(m["name"]) for m in services[p.service_id].materials}
        assert set(p.materials_brought) <= names
        assert set(p.materials_missing) <= names
        assert not set(p.materials_brought) & set(p.materials_missing)
        if p.outcome == "referred":
            assert p.referred_to
        if p.outcome == "declined":
            assert p.decline_reason
        if p.outcome == "waiting":
            assert p.materials_missing and p.due_on is not None and p.completed_at is None
        if p.completed_at is not None:
            assert p.outcome == "done" and p.arrived_at <= p.completed_at
    ranked = sorted(by_service, key=by_service.__getitem__, reverse=True)
    assert set(ranked[:2]) == {"入会", "京卡·互助服务卡办理"}
    assert by_service["法律咨询"] > by_service["职工心理减压室预约"] * 5
    outcomes = {o: sum(p.outcome == o for p in purposes) for o in OUTCOMES}
    assert outcomes["done"] > 0.8 * len(purposes)
    assert outcomes["referred"] and outcomes["declined"]
    referred = {p.referred_to for p in purposes}
    assert "区总工会法律服务中心" in referred
    assert any(r.startswith("北京银行") for r in referred)


def test_open_follow_ups_and_satisfaction(demo_admin: Staff) -> None:
    on = today()
    open_ones = visits.follow_ups(demo_admin)
    assert len(open_ones) >= 3
    assert visits.is_overdue(open_ones[0])  # the overdue lead
    assert any(not visits.is_overdue(p) for p in open_ones)  # and some are still in time
    assert all(p.due_on <= on + timedelta(days=31) for p in open_ones)
    completed = VisitPurpose.select().where(VisitPurpose.completed_at.is_null(False)).count()
    assert completed > 100
    assert AuditEntry.select().where(AuditEntry.action == "complete_follow_up").count() == completed

    last_month = on.replace(day=1) - timedelta(days=1)
    for month in (last_month, last_month.replace(day=1) - timedelta(days=200)):
        result = visits.month_satisfaction(demo_admin, month=month)
        assert result.rated > 50
        assert 0.9 < result.rate < 1.0
    ratings = [v.rating for v in Visit.select(Visit.rating)]
    assert 0.8 <= ratings.count("satisfied") / len(ratings) <= 0.9
    assert ratings.count("dissatisfied")
    assert ratings.count("unrated")

    # Busy in March and September, quiet in August and at the Spring Festival.
    per_day: dict[object, int] = {}
    for visit in Visit.select(Visit.arrived_at).where(Visit.channel != "outreach"):
        day = visit.arrived_at.date()
        per_day[day] = per_day.get(day, 0) + 1

    def mean(months: set[int]) -> float:
        counts = [n for d, n in per_day.items() if d.month in months and d != on]  # type: ignore[attr-defined]
        return sum(counts) / len(counts)

    assert mean({3, 9}) > mean({4, 5, 6, 10, 11}) > mean({8})
    assert 8 <= mean({4, 5, 6, 10, 11}) <= 15


def test_visits_are_audited(demo_admin: Staff) -> None:
    created = AuditEntry.select().where(AuditEntry.action == "create", AuditEntry.entity == "visit")
    assert created.count() == Visit.select().count()
    entry = created.order_by(AuditEntry.id.desc()).first()
    visit = Visit.get_by_id(entry.entity_id)
    assert entry.at == visit.arrived_at
    assert entry.staff_id == visit.staff_id


# --- mediation cases ----------------------------------------------------------------------------


def test_cases_in_every_state(demo_admin: Staff) -> None:
    cases = list(MediationCase.select())
    assert 25 <= len(cases) <= 90
    states = Counter(c.state for c in cases)
    assert set(states) == set(STATES), set(STATES) - set(states)
    # Old cases are done with. An agreement paid in monthly instalments keeps its case open for
    # up to three months after it is signed; nothing else stays open past two months, and
    # nothing at all past six (the longest path, three instalments and the follow-up visit).
    age = {c.id: (today() - c.received_at.date()).days for c in cases}
    old = [c for c in cases if age[c.id] > 180]
    assert old
    assert not [c.number for c in old if c.state in mediation.OPEN_STATES]
    assert sum(c.state in ("closed", "archived") for c in old) >= 0.8 * len(old)
    paying = {"agreement_effective", "performing"}
    older = [c for c in cases if age[c.id] > 60 and c.state in mediation.OPEN_STATES]
    assert not [c.number for c in older if c.state not in paying]


def test_todays_deadline_list(demo_admin: Staff) -> None:
    on = today()
    found = mediation.deadlines(demo_admin)
    overdue = [d for d in found if d.overdue(on)]
    soon = [d for d in found if not d.overdue(on)]
    assert len(overdue) >= 2
    assert len(soon) >= 2
    assert {"acceptance", "mediation"} <= {d.kind for d in overdue}
    assert "obligation" in {d.kind for d in soon}
    assert all(on <= d.due <= on + timedelta(days=mediation.SOON_DAYS) for d in soon)


def test_collective_dispute_and_repeat_employers(demo_admin: Staff) -> None:
    collective = [c for c in MediationCase.select() if c.collective]
    assert len(collective) == 1
    assert collective[0].parties.count() >= 10
    by_employer = Counter(c.respondent_id for c in MediationCase.select())
    employer, count = by_employer.most_common(1)[0]
    assert count >= 3
    history = mediation.employer_history(demo_admin, employer)
    assert history.cases == count
    # Mostly companies: a building or a community is not an employer.
    kinds = Counter(c.respondent.kind for c in MediationCase.select())
    assert kinds["company"] >= 0.9 * sum(kinds.values())


def test_case_numbers_are_distinct_and_follow_receipt(demo_admin: Staff) -> None:
    cases = list(MediationCase.select().order_by(MediationCase.received_at))
    numbers = [c.number for c in cases]
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"\(\d{4}\)建工调字第\d{4}号", n) for n in numbers), numbers[:3]
    for year in {c.year for c in cases}:
        sequences = [c.sequence for c in cases if c.year == year]
        assert sequences == list(range(1, len(sequences) + 1))
    assert all(n.startswith(f"({c.received_at.year})") for n, c in zip(numbers, cases, strict=True))


def test_statistics_of_the_last_twelve_months(demo_admin: Staff) -> None:
    on = today()
    stats = mediation.statistics(demo_admin, date_from=on - timedelta(days=365), date_to=on)
    assert stats.total == MediationCase.select().count()
    assert stats.success_rate is not None
    assert 0.3 <= stats.success_rate <= 0.95
    assert stats.by_category["wages"] == max(stats.by_category.values())
    assert stats.amount_paid > 0
    assert stats.amount_claimed > stats.amount_agreed >= stats.amount_paid
    assert len(stats.by_month) >= 6


def test_case_content_is_complete(demo_admin: Staff) -> None:
    cases = list(MediationCase.select())
    assert all(c.facts and c.matters and c.reasons for c in cases)
    oral = [c for c in cases if c.application_kind == "oral"]
    assert oral
    amounts = [c.amount for c in CaseClaim.select() if c.amount is not None]
    assert all(Decimal(2000) <= a <= Decimal(80000) for a in amounts)
    categories = {c.category for c in CaseClaim.select()}
    assert {"wages", "dismissal", "overtime", "social_insurance", "work_injury"} <= categories
    assert any("拖欠工资" in c.facts and "多次催要未果" in c.facts for c in cases)
    # An extension both parties agreed to, and a mediator tied to a party.
    extended = [c for c in cases if c.extended_until is not None]
    assert extended and all(c.extension_note for c in extended)
    assert all(c.extended_until >= today() for c in extended if c.state == "in_mediation")
    related = [c for c in cases if c.mediator_reason]
    assert related
    assert (
        MediatorRelation.select()
        .where(
            MediatorRelation.staff == related[0].mediator_id,
            MediatorRelation.organization == related[0].respondent_id,
        )
        .exists()
    )
    # Agreements in effect carry all four signatures; paid obligations carry their proof.
    for agreement in Agreement.select().where(Agreement.effective_at.is_null(False)):
        assert mediation.missing_for_effect(agreement) == []
        assert 1 <= agreement.obligations.count() <= 3
    paid = list(Obligation.select().where(Obligation.performed_on.is_null(False)))
    assert paid and all(o.proof for o in paid)
    assert any(o.proof == "银行转账回单" for o in paid)
    mediators = {c.mediator.username for c in cases if c.mediator is not None}
    assert mediators == {"mediator", "mediationhead"}
    assert CaseSession.select().where(CaseSession.record.contains("调解员")).exists()


def test_case_history_is_dated_consistently(demo_admin: Staff) -> None:
    moment = now()
    created = {p.id: p.created_at for p in Person.select()}
    for case in MediationCase.select():
        received = case.received_at
        assert received.weekday() < 5
        assert time(8, 30) <= received.time() <= time(17, 30)
        assert case.created_at == received
        events = list(CaseEvent.select().where(CaseEvent.case == case.id).order_by(CaseEvent.id))
        times = [e.at for e in events]
        assert times == sorted(times), case.number
        assert times[0] == received and times[-1] <= moment
        assert case.updated_at == times[-1]
        reached = {e.to_state: e.at for e in events if e.kind == "transition"}
        assert case.closed_at == reached.get("closed")
        decisions = [
            e.at
            for e in events
            if e.to_state
            in ("accepted", "not_accepted", "respondent_declined", "failed", "withdrawn")
        ]
        assert case.decided_at == (decisions[-1] if decisions else None)
        for agreement in case.agreements:
            assert received < agreement.created_at <= moment
            if agreement.effective_at is not None:
                assert agreement.effective_at == reached["agreement_effective"]
                assert case.review_due == agreement.effective_at.date() + timedelta(days=15)
        for session in case.sessions.where(CaseSession.state == "held"):
            assert received < session.held_at <= session.created_at <= moment
        entries = AuditEntry.select().where(
            AuditEntry.entity == "case", AuditEntry.entity_id == case.id
        )
        assert all(received <= e.at <= moment for e in entries)
        for party in case.parties:
            assert created[party.person_id] < received
    assert not AuditEntry.select().where(AuditEntry.at > moment).exists()
    performed = Obligation.select().where(Obligation.performed_on.is_null(False))
    assert all(o.performed_on <= today() for o in performed)
    # Filing stamps the applicants' last activity "now"; the demo puts it back.
    assert all(p.created_at <= p.last_activity_at <= moment for p in Person.select())


def test_every_case_went_by_the_allowed_transitions(demo_admin: Staff) -> None:
    """The cases are built in memory (demo/case_book.py): each went by the services' rules."""
    counters = dict(CaseCounter.select(CaseCounter.year, CaseCounter.last).tuples())
    cases = list(MediationCase.select())
    assert cases
    for case in cases:
        steps = [
            (e.from_state, e.to_state)
            for e in case.events.order_by(CaseEvent.at, CaseEvent.id)
            if e.kind == "transition"
        ]
        assert steps[0] == ("", "registered"), case.number
        for (_, before), (after_from, after) in pairwise(steps):
            assert after_from == before, case.number
            assert after in mediation.TRANSITIONS[before], (case.number, before, after)
        assert steps[-1][1] == case.state, case.number
        assert case.mediation_due == mediation.mediation_due_for(case.received_at.date())
        # Each transition has its audit entry, at its moment, with its reason.
        entries = {
            (e.at, json.loads(e.details)["to"], json.loads(e.details)["reason"])
            for e in AuditEntry.select().where(
                AuditEntry.entity == "case",
                AuditEntry.entity_id == case.id,
                AuditEntry.action == "transition",
            )
        }
        audited = {
            (e.at, e.to_state, e.reason)
            for e in case.events.where(CaseEvent.kind == "transition", CaseEvent.from_state != "")
            if e.reason or e.to_state not in ("agreement_draft", "performing")
        }
        assert audited <= entries, case.number
        assert (
            AuditEntry.select()
            .where(
                AuditEntry.entity == "case",
                AuditEntry.entity_id == case.id,
                AuditEntry.action == "create",
                AuditEntry.at == case.received_at,
            )
            .exists()
        )
        for session in case.sessions.where(CaseSession.state == "held"):  # not those planned
            line = mediation.agreements.session_event(session.place)
            assert case.events.where(CaseEvent.reason == line).exists()
    for year in {c.year for c in cases}:
        sequences = sorted(c.sequence for c in cases if c.year == year)
        assert sequences == list(range(1, len(sequences) + 1))
        assert counters[year] == len(sequences)
    assert CaseFollowUp.select().count() and CaseSession.select().count()


# --- the workers' library -----------------------------------------------------------------------


def test_library_catalogue(demo_admin: Staff) -> None:
    titles = list(Title.select())
    assert len(titles) >= demo.MIN_LIBRARY_TITLES
    with_isbn = [t for t in titles if t.isbn]
    assert 0.6 <= len(with_isbn) / len(titles) <= 0.8
    for title in with_isbn:
        assert len(title.isbn) == 13
        assert stdnum_isbn.validate(title.isbn) == title.isbn, title.title
        assert library.normalize_isbn(title.isbn) == title.isbn
    # Several volumes under one ISBN, as real sets have.
    volumes = [t for t in titles if t.title.startswith("平凡的世界")]
    assert len(volumes) == 3 and len({t.isbn for t in volumes}) == 1
    by_name = {(t.title, t.author) for t in titles}
    assert {("活着", "余华"), ("三体", "刘慈欣"), ("围城", "钱锺书"), ("人生", "路遥")} <= by_name
    assert any("劳动合同法" in t.title for t in titles)
    assert {t.item_type for t in titles} == {"book", "magazine", "reference"}
    assert all(not t.isbn for t in titles if t.item_type == "magazine")
    assert all(re.fullmatch(r"[A-Z]{1,2}[\d.]*", t.classification) for t in titles)
    assert all(1990 <= t.year <= t.created_at.year for t in titles)

    # The search text is what the catalogue service stores: text, pinyin and initials of the
    # title and the author, as pypinyin reads each whole text.
    def phrase(text: str) -> str:
        syllables = "".join(lazy_pinyin(text, style=Style.NORMAL)).lower()
        initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()
        plain = [_NOT_ALNUM_RE.sub("", syllables), _NOT_ALNUM_RE.sub("", initials)]
        return " ".join([normalize_query(text), *plain])

    for title in titles:
        parts = [phrase(text) for text in (title.title, title.author) if text]
        assert title.search_text == " ".join(parts), title.title
    # Found the way the desk searches: pinyin initials, the author, the ISBN.
    huozhe = Title.get(Title.title == "活着")
    assert huozhe.id in [t.id for t in library.search_titles(demo_admin, "hz", limit=500)]
    assert huozhe.id in [t.id for t in library.search_titles(demo_admin, "yuhua")]
    assert huozhe.id in [t.id for t in library.search_titles(demo_admin, huozhe.isbn)]

    copies = list(Copy.select())
    on_shelves = Counter(c.title_id for c in copies if c.location != "流动书屋")
    assert set(on_shelves) == {t.id for t in titles}
    assert set(on_shelves.values()) == {1, 2, 3}
    assert all(re.fullmatch(r"TS\d{7}", c.barcode) for c in copies)
    assert {c.location for c in copies} <= {*demo.SHELVES, "流动书屋"}
    assert all(c.price is not None and c.price > 0 for c in copies)
    title_created = {t.id: t.created_at for t in titles}
    assert all(c.created_at >= title_created[c.title_id] for c in copies)
    assert not Loan.select().join(Copy).join(Title).where(Title.item_type == "reference").exists()


def test_library_loans_follow_the_rules(demo_admin: Staff) -> None:
    moment = now()
    loans = list(Loan.select().order_by(Loan.lent_at))
    assert 15 * PEOPLE <= len(loans) <= 35 * PEOPLE  # about 8,000 for 300 people
    assert 700 <= (today() - loans[0].lent_at.date()).days <= 731
    item_type = {c.id: c.title.item_type for c in Copy.select(Copy, Title).join(Title)}
    created = {p.id: p.created_at for p in Person.select()}
    for loan in loans:
        assert created[loan.person_id] <= loan.lent_at <= moment
        assert loan.lent_at.weekday() < 5
        days = demo.MAGAZINE_LOAN_DAYS if item_type[loan.copy_id] == "magazine" else 30
        assert loan.due_on == loan.lent_at.date() + timedelta(days=days * (1 + loan.renewals))
        if loan.returned_at is not None:
            assert loan.lent_at < loan.returned_at <= moment
    assert any(loan.renewals for loan in loans)
    assert all(item_type[loan.copy_id] != "magazine" for loan in loans if loan.renewals)

    # A copy is never on two loans at once; a borrower never has more than three books, nor
    # borrows while one is overdue.
    by_copy: dict[int, list[Loan]] = {}
    for loan in loans:
        by_copy.setdefault(loan.copy_id, []).append(loan)
    for history in by_copy.values():
        for before, after in pairwise(history):
            assert before.returned_at is not None and before.returned_at <= after.lent_at
    out: dict[int, list[Loan]] = {}
    for loan in loans:
        active = [
            o
            for o in out.get(loan.person_id, [])
            if o.returned_at is None or o.returned_at > loan.lent_at
        ]
        assert len(active) < 3
        assert all(o.due_on >= loan.lent_at.date() for o in active)
        out[loan.person_id] = [*active, loan]

    open_loans = [loan for loan in loans if loan.returned_at is None]
    assert 0.4 * PEOPLE <= len(open_loans) <= PEOPLE  # about 200 for 300 people
    on_loan = {c.id for c in Copy.select().where(Copy.status == "on_loan")}
    assert on_loan == {loan.copy_id for loan in open_loans}

    # Audited at their dates, as the library service would have.
    entries = AuditEntry.select().where(AuditEntry.entity == "loan")
    actions = Counter(e.action for e in entries)
    assert actions["lend"] == len(loans)
    assert actions["return"] == len(loans) - len(open_loans)
    assert actions["renew"] == sum(loan.renewals for loan in loans)
    lent = {e.entity_id: e.at for e in entries if e.action == "lend"}
    assert all(lent[loan.id] == loan.lent_at for loan in loans)
    last = {p.id: p.last_activity_at for p in Person.select()}
    assert all(last[loan.person_id] >= loan.lent_at for loan in loans)


def test_overdue_loans_and_a_suspended_borrower(demo_admin: Staff) -> None:
    overdue = library.overdue_loans(demo_admin)
    assert overdue
    assert [r.loan.due_on for r in overdue] == sorted(r.loan.due_on for r in overdue)
    assert all(r.loan.due_on < today() and r.loan.returned_at is None for r in overdue)
    borrower = overdue[0].person
    assert library.borrower_status(demo_admin, borrower).suspended
    shelf = Copy.select().where(Copy.status == "available").first()
    with pytest.raises(library.LendRefused):
        library.lend(demo_admin, shelf.id, borrower.id)
    # Scanning a member card selects the borrower.
    member = (
        Person.select()
        .where(Person.member_card != "", Person.id != borrower.id)
        .order_by(Person.id)
        .first()
    )
    assert library.find_borrower(demo_admin, member.member_card).id == member.id
    result = library.scan(demo_admin, member.member_card, borrower_id=None)
    assert result.kind == "borrower" and result.person.id == member.id
    # Scanning a book that is out takes it back.
    back = library.scan(demo_admin, overdue[-1].barcode, borrower_id=None)
    assert back.kind == "returned"
    stats = library.statistics(demo_admin, date_from=today() - timedelta(days=365), date_to=today())
    assert len(stats.loans_by_month) >= 12
    assert stats.top_titles and stats.active_readers > 0.3 * PEOPLE
    assert stats.readers_by_workplace


def test_holds_waiting_and_one_set_aside(demo_admin: Staff) -> None:
    waiting = list(Hold.select().where(Hold.state == "waiting"))
    assert 3 <= len(waiting) <= 15
    for hold in waiting:
        statuses = {c.status for c in Copy.select().where(Copy.title == hold.title_id)}
        assert "available" not in statuses  # a reservation waits for a copy that is out
        assert hold.placed_at <= now()
    ready = list(Hold.select().where(Hold.state == "ready"))
    assert len(ready) == 1
    copy = Copy.get_by_id(ready[0].copy_id)
    assert copy.status == "on_hold_shelf" and copy.title_id == ready[0].title_id
    assert library.lend(demo_admin, copy.id, ready[0].person_id).copy_id == copy.id
    holds = AuditEntry.select().where(AuditEntry.entity == "hold", AuditEntry.action == "create")
    assert holds.count() == len(waiting) + 1


def test_boxes_out_at_office_buildings(demo_admin: Staff) -> None:
    boxes = list(Box.select().order_by(Box.barcode))
    assert [b.state for b in boxes].count("lent") == 3
    assert [b.state for b in boxes].count("at_station") == 1
    open_loans = list(BoxLoan.select().where(BoxLoan.returned_at.is_null()))
    assert len(open_loans) == 3
    assert {loan.organization.kind for loan in open_loans} == {"office_building"}
    assert sum(loan.due_on < today() for loan in open_loans) == 1
    for loan in open_loans:
        ids = json.loads(loan.manifest)
        assert 15 <= len(ids) <= 25
        inside = Copy.select().where(Copy.box == loan.box_id, Copy.status == "in_box")
        assert sorted(c.id for c in inside) == sorted(ids)
        assert loan.starts_on < loan.due_on and loan.contact_name
        assert not Loan.select().where(Loan.copy.in_(ids)).exists()
    at_station = next(b for b in boxes if b.state == "at_station")
    assert Copy.select().where(Copy.box == at_station.id, Copy.status == "in_box").count() >= 10
    returned = list(BoxLoan.select().where(BoxLoan.returned_at.is_null(False)))
    assert returned and all(json.loads(r.reconciliation)["returned"] > 0 for r in returned)
    assert AuditEntry.select().where(AuditEntry.entity == "box_loan").count() == (
        len(open_loans) + 2 * len(returned)
    )
    result = library.scan(demo_admin, boxes[0].barcode.lower(), borrower_id=None)
    assert result.kind == "box"


# --- union events -------------------------------------------------------------------------------


def _registrations() -> list[Registration]:
    return list(
        Registration.select(Registration, Event, Person)
        .join(Event)
        .switch(Registration)
        .join(Person)
        .order_by(Registration.id)
    )


def test_two_years_of_events_of_every_kind(demo_admin: Staff) -> None:
    on = today()
    rows = list(Event.select())
    first = min(e.starts_at for e in rows).date()
    assert 700 <= (on - first).days <= 740
    assert any(e.starts_at.date() > on for e in rows)
    assert {e.size for e in rows} == set(SIZES)
    assert all(10 <= e.capacity <= 200 for e in rows)
    assert all(e.created_at <= e.opens_at < e.closes_at <= e.starts_at < e.ends_at for e in rows)
    series = {s.name: s for s in EventSeries.select()}
    used = Counter(e.series_id for e in rows if e.series_id is not None)
    assert len(used) >= 8
    lectures = series["女职工维权讲座系列"]
    assert lectures.max_per_person == 3
    assert used[lectures.id] >= 5
    assert all(e.women_only for e in rows if e.series_id == lectures.id)
    youth = [e for e in rows if e.series_id == series["青年职工拓展培训"].id]
    assert youth and all((e.min_age, e.max_age) == (18, 35) for e in youth)
    assert any(e.balanced for e in rows)
    assert any(e.women_only and e.series_id == series["三八节女职工T台秀"].id for e in rows)
    gifts = [e for e in rows if e.series_id == series["送温暖"].id]
    assert gifts and all(e.members_only and e.starts_at.month in (1, 2) for e in gifts)
    cooling = [e for e in rows if e.series_id == series["送清凉"].id]
    assert cooling and all(e.starts_at.month in (7, 8) for e in cooling)
    # Everyone registered met the event's rules, and nobody holds or used more than three
    # lectures (the service's count: a no-show does not use one up).
    taken: Counter[int] = Counter()
    for row in _registrations():
        assert events.eligibility_problem(row.event, row.person) is None, row.event.title
        if row.event.series_id == lectures.id and row.state in (*events.ACTIVE_STATES, "attended"):
            taken[row.person_id] += 1
    assert taken and max(taken.values()) <= 3


def test_full_events_waitlists_and_the_balanced_mixer(demo_admin: Staff) -> None:
    moment = now()
    rows = list(Event.select())
    counted = events.counts([e.id for e in rows])
    assert all(counted[e.id].taken <= e.capacity for e in rows)  # never overbooked
    upcoming = [e for e in rows if e.starts_at > moment and e.state == "open"]
    full = [
        e for e in upcoming if counted[e.id].taken == e.capacity and counted[e.id].waitlisted >= 5
    ]
    assert full
    assert Registration.select().where(Registration.state == "offered").exists()

    def halves(event: Event, states: tuple[str, ...]) -> Counter[str]:
        return Counter(
            r.person.gender
            for r in Registration.select(Registration, Person)
            .join(Person)
            .where(Registration.event == event.id, Registration.state.in_(states))
        )

    mixers = [e for e in upcoming if e.balanced]
    assert any(
        halves(e, ("confirmed", "offered")) == {"M": e.capacity // 2, "F": e.capacity // 2}
        and halves(e, ("waitlisted",))
        for e in mixers
    )
    for event in rows:
        if event.balanced:
            held = halves(event, events.COUNTED_STATES)
            assert held["M"] <= event.capacity // 2 and held["F"] <= event.capacity // 2
    # Cancellations gave places to people waiting.
    promoted = AuditEntry.select().where(
        AuditEntry.entity == "event", AuditEntry.action == "promote"
    )
    assert promoted.exists()
    assert Registration.select().where(Registration.state == "cancelled").exists()


def test_attendance_and_no_shows(demo_admin: Staff) -> None:
    moment = now()
    states = Counter(r.state for r in Registration.select(Registration.state))
    assert states["attended"] > 0 and states["no_show"] > 0
    stats = events.statistics(demo_admin, date_from=today() - timedelta(days=760), date_to=today())
    assert stats.attendance_rate is not None
    assert 0.7 <= stats.attendance_rate <= 0.95
    assert stats.by_series and stats.by_gender and stats.unique_people > 0
    assert events.no_show_counts([p.id for p in Person.select()])
    # Events over for a few days are closed: their sign-in sheets are entered.
    for event in Event.select().where(Event.ends_at < moment - timedelta(days=4)):
        assert event.state in ("closed", "cancelled"), event.title
    left = (
        Registration.select()
        .join(Event)
        .where(Event.state == "closed", Registration.state.in_(events.ACTIVE_STATES))
    )
    assert not left.exists()


def test_calendar_coverage_and_minimum_decisions(demo_admin: Staff) -> None:
    on = today()
    found = events.coverage(demo_admin, date_from=on - timedelta(days=365), date_to=on)
    assert len(found.months_without_big) == 1
    assert found.weeks_without_small
    # The month without a big event is a recent one, whose big event was called off.
    cancelled = list(Event.select().where(Event.state == "cancelled"))
    assert len(cancelled) == 1
    assert cancelled[0].cancel_reason
    assert cancelled[0].starts_at.strftime("%Y-%m") == found.months_without_big[0]
    assert (on - cancelled[0].starts_at.date()).days <= 190
    states = {r.state for r in Registration.select().where(Registration.event == cancelled[0].id)}
    assert states == {"cancelled"}
    due = events.decisions_due(demo_admin)
    assert due
    assert all(d.taken < d.minimum and d.event.starts_at > now() for d in due)
    # Places kept for one workplace until a date still ahead.
    reserved = list(
        EventQuota.select(EventQuota, Event)
        .join(Event)
        .where(EventQuota.reserved, Event.starts_at > now())
    )
    assert reserved and all(q.workplace_id and q.release_on > on for q in reserved)


def test_event_history_is_dated_consistently(demo_admin: Staff) -> None:
    moment = now()
    created = {p.id: p.created_at for p in Person.select()}
    for row in _registrations():
        event = row.event
        assert created[row.person_id] <= row.created_at
        assert event.opens_at <= row.created_at <= event.closes_at
        for later in (row.confirmed_at, row.waitlisted_at, row.closed_at):
            assert later is None or row.created_at <= later <= moment
        if row.state == "waitlisted":
            assert row.waitlisted_at == row.created_at
        if row.checked_in_at is not None:
            assert event.ends_at <= row.checked_in_at <= moment
        if row.state in ("no_show", "expired"):
            assert event.ends_at <= row.closed_at == event.updated_at
        if row.state == "offered":
            assert moment < row.offered_until
    registered = AuditEntry.select().where(
        AuditEntry.entity == "event", AuditEntry.action == "register"
    )
    assert registered.count() == Registration.select().count()
    opened = {e.id: e.created_at for e in Event.select()}
    entries = AuditEntry.select().where(AuditEntry.entity == "event")
    assert all(opened[e.entity_id] <= e.at <= moment for e in entries)
    assert not AuditEntry.select().where(AuditEntry.at > moment).exists()
    # Registering stamps the person's last activity "now"; the demo puts it back.
    assert all(p.created_at <= p.last_activity_at <= moment for p in Person.select())


def test_the_demo_station_has_its_rooms_counsellors_and_bookings(demo_admin: Staff) -> None:
    """Issue 24: the four rooms of the report, two counsellors on the roster by turns, half a
    year of bookings with a few weeks ahead, and the decompression room kept confidential."""
    from stationapp.db import now as moment_now
    from stationapp.db import today
    from stationapp.models.accounts import FRONT_DESK
    from stationapp.models.rooms import CounsellorDuty, Room, RoomBooking
    from stationapp.services import rooms

    assert {r.kind for r in Room.select()} == {"activity", "reading", "mediation", "decompression"}
    counsellors = rooms.counsellors(demo_admin)
    assert len(counsellors) == 2
    assert {d.counsellor_id for d in CounsellorDuty.select()} == {c.id for c in counsellors}
    past = RoomBooking.select().where(RoomBooking.starts_at < today())
    ahead = RoomBooking.select().where(RoomBooking.starts_at > today())
    assert past.count() > 100 and ahead.where(RoomBooking.state == "booked").count() > 10
    assert past.where(RoomBooking.state == "checked_in").count() > past.count() // 2
    assert RoomBooking.select().where(RoomBooking.counsellor.is_null(False)).count() > 5
    # The Rooms tab lists them: a week ahead has bookings, named for the head of the station
    # and "booked" for the front desk in the decompression room.
    decompression = Room.get(Room.kind == "decompression")
    monday = rooms.monday_of(today()) + timedelta(days=7)
    booked = [
        s.booking
        for s in rooms.week(demo_admin, decompression.id, monday).slots.values()
        if s.booking
    ]
    assert booked and all(b.person_name and not b.hidden for b in booked)
    desk = Staff.get(Staff.username == "frontdesk")
    assert FRONT_DESK in desk.role_set
    hidden = [
        s.booking for s in rooms.week(desk, decompression.id, monday).slots.values() if s.booking
    ]
    assert len(hidden) == len(booked) and all(b.hidden and not b.person_name for b in hidden)
    # Point 6: events in the activity room and planned sessions in the mediation room hold
    # their slots, shown with the event's title and the case's number.
    activity = Room.get(Room.kind == "activity")
    by_event = RoomBooking.select().where(
        RoomBooking.room == activity.id, RoomBooking.event.is_null(False)
    )
    assert by_event.count() > 3
    planned = RoomBooking.select().where(
        RoomBooking.case_session.is_null(False), RoomBooking.state == "booked"
    )
    assert planned.count() > 3
    assert {b.room.kind for b in planned} == {"mediation"}
    session = CaseSession.get_by_id(planned.first().case_session_id)
    assert session.state == "planned" and session.held_at > moment_now()
    view = rooms.get_booking(demo_admin, planned.first().id)
    assert session.case.number in view.who


def test_the_demo_station_has_membership_history_and_cards(demo_admin: Staff) -> None:
    """Issue 25: every member joined (or transferred in) on a known day, the register's card
    numbers are issued cards, some replaced, and applications wait for their card."""
    from stationapp.db import today
    from stationapp.models.members import MemberCard, MembershipEvent
    from stationapp.services import members

    members_ = Person.select().where(Person.is_member == True)  # noqa: E712
    assert members_.where(Person.joined_on.is_null()).count() == 0
    starts = MembershipEvent.select().where(MembershipEvent.kind.in_(["joined", "transferred_in"]))
    assert starts.where(MembershipEvent.on.is_null()).count() == 0
    assert MembershipEvent.select().where(MembershipEvent.kind == "left").count() > 0
    for person in Person.select().where(Person.member_card != ""):
        assert members.current_card(demo_admin, person.id).number == person.member_card
    assert MemberCard.select().where(MemberCard.replaces.is_null(False)).count() > 0
    assert members.count_waiting(demo_admin) > 0
    start = today().replace(month=1, day=1)
    figures = members.member_figures(start, today() + timedelta(days=1))
    assert figures.new_members > 0 and figures.issued > 0


def test_the_demo_station_has_mutual_aid_cover_and_claims(demo_admin: Staff) -> None:
    """Issue 25: the four plans of last year and this, workplaces' lists enrolled, claims in
    every state, each claimant with the health consent, and the year's report figures."""
    from stationapp.db import today
    from stationapp.models.mutual_aid import CLAIM_STATES, AidClaim, AidEnrolment, AidPlan
    from stationapp.services import consent, mutual_aid

    year = today().year
    assert AidPlan.select().where(AidPlan.year == year).count() == 4
    assert AidEnrolment.select().where(AidEnrolment.organization.is_null(False)).count() > 100
    assert {c.state for c in AidClaim.select()} == set(CLAIM_STATES)
    assert all(consent.has_consent(c.person_id, "health") for c in AidClaim.select())
    paid = AidClaim.select().where(AidClaim.state == "paid")
    assert all(c.paid_on >= c.decided_on >= c.claimed_on for c in paid)
    figures = mutual_aid.aid_figures(demo_admin, date(year - 1, 1, 1), today())
    assert figures.enrolled_people > 20 and figures.paid.count > 5


def _built_at(moment: datetime, path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """What a small demo built with the clock at ``moment`` (running on from there) holds of
    the past: everything before the day it is built."""
    ticks = count(1)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            at = moment + timedelta(microseconds=next(ticks))
            return at.replace(tzinfo=tz) if tz else at

    monkeypatch.setattr(db, "datetime", Clock)
    open_station_database(f"sqlite:///{path}")
    try:
        demo.populate(people=12)
        start = datetime.combine(moment.date(), time())
        visits = Visit.select(Visit.arrived_at, Visit.person, Visit.channel, Visit.rating)
        cases = MediationCase.select(
            MediationCase.number, MediationCase.received_at, MediationCase.state
        )
        loans = Loan.select(Loan.copy, Loan.person, Loan.lent_at, Loan.due_on, Loan.returned_at)
        registrations = Registration.select(
            Registration.event, Registration.person, Registration.state, Registration.created_at
        )
        return {
            "people": list(Person.select(Person.name, Person.created_at).tuples()),
            "visits": list(visits.where(Visit.arrived_at < start).order_by(Visit.id).tuples()),
            "cases": list(cases.order_by(MediationCase.id).tuples()),
            "titles": list(Title.select(Title.title).order_by(Title.id).tuples()),
            "loans": list(loans.order_by(Loan.id).tuples()),
            "events": list(Event.select(Event.title, Event.starts_at, Event.state).tuples()),
            "registrations": list(registrations.order_by(Registration.id).tuples()),
        }
    finally:
        close_database()
        monkeypatch.undo()


def test_the_build_depends_on_the_day_not_on_the_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds on one day, in the morning and late in the afternoon, make the same past."""
    day = date(2026, 12, 2)
    morning = _built_at(datetime.combine(day, time(9, 10, 17)), tmp_path / "a.db", monkeypatch)
    late = _built_at(datetime.combine(day, time(16, 41, 52)), tmp_path / "b.db", monkeypatch)
    assert all(morning.values())
    assert morning == late


def test_the_demo_station_has_welfare_rounds_with_recipients(demo_admin: Staff) -> None:
    """Issue 25: summer and festival rounds with their deliveries, birthday rounds, and the
    yearly report carries them."""
    from stationapp.models.welfare import WelfareRecipient, WelfareRound
    from stationapp.services import reports, welfare

    kinds = {r.kind for r in WelfareRound.select()}
    assert {"cooling", "warmth", "birthday"} <= kinds
    delivered = WelfareRecipient.select().where(WelfareRecipient.delivered_at.is_null(False))
    assert delivered.count() > 20
    assert (
        delivered.where(WelfareRecipient.delivered_at >= datetime.combine(today(), time())).count()
        == 0
    )
    assert WelfareRecipient.select().where(WelfareRecipient.collected_by != "").count() >= 1
    for r in WelfareRound.select():
        totals = welfare.round_totals(demo_admin, r.id)
        assert totals.budget is None or totals.planned <= totals.budget
    report = reports.year_report(demo_admin, str(today().year))
    assert report.welfare is not None and report.welfare.total.recipients > 0


def test_the_demo_station_has_buildings_and_union_work(demo_admin: Staff) -> None:
    """Issue 26: five buildings (two with a federation), workplaces with a building, a size and
    their union's data, some being founded with steps done, some of 25+ without a union."""
    from stationapp.models.people import Building, Organization
    from stationapp.models.workplaces import FoundingStep
    from stationapp.services import workplaces

    assert Building.select().count() == 5
    assert Building.select().where(Building.federation_name != "").count() == 2
    placed = Organization.select().where(Organization.building.is_null(False))
    assert placed.count() >= 10 and all(o.employees and o.sector for o in placed)
    preparing = list(Organization.select().where(Organization.union_status == "preparing"))
    assert preparing and all(o.union_preparing_since for o in preparing)
    assert FoundingStep.select().count() >= 2 * len(preparing)
    founded = Organization.select().where(Organization.union_founded_on.is_null(False))
    assert all(o.union_status in ("own_union", "joint_union") for o in founded)
    assert all(o.union_chair for o in founded.where(Organization.kind == "company"))
    assert (
        workplaces.count_workplaces(
            demo_admin, workplaces.WorkplaceFilter(large_without_union=True)
        )
        >= 2
    )
    unionist = Staff.get(Staff.username == "unionorganiser")
    assert workplaces.large_without_union(unionist)[0] >= 2


def test_the_demo_station_has_union_work(demo_admin: Staff) -> None:
    """Issue 26: congresses (some overdue), a building federation's regional contract covering
    several workplaces and renewed, contracts near expiry, open-affairs checks; Today and the
    report carry them."""
    from stationapp.models.union_work import (
        CollectiveContract,
        CongressMeeting,
        ContractWorkplace,
        OpenAffairsCheck,
    )
    from stationapp.services import reports, union_work

    on = today()
    assert CongressMeeting.select().count() > 0 and OpenAffairsCheck.select().count() > 0
    regional = CollectiveContract.select().where(CollectiveContract.building.is_null(False))
    renewal = regional.where(CollectiveContract.renews.is_null(False)).get()
    assert ContractWorkplace.select().where(ContractWorkplace.contract == renewal.id).count() >= 2
    assert union_work.overdue_congress_org_ids(on)
    assert union_work.expiring_contract_org_ids(on)
    report = reports.year_report(demo_admin, str(on.year))
    assert report.union_work is not None and report.union_work.employees_covered > 0
