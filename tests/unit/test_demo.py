"""The demo database: every role can sign in, the data is valid, tricky surnames are findable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time, timedelta
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from stationapp import demo
from stationapp.db import close_database, today
from stationapp.models.accounts import ADMIN, ROLES, AuditEntry, Staff
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import accounts, people, visits
from stationapp.services.maintenance import open_station_database
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
PEOPLE = 60


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    open_station_database(f"sqlite:///{tmp_path}/t.db")
    try:
        yield
    finally:
        close_database()


@pytest.fixture
def demo_admin(database: None) -> Staff:
    return demo.populate(people=PEOPLE)


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

    channels = {c: sum(v.channel == c for v in rows) / len(rows) for c in visits.CHANNELS}
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
    outcomes = {o: sum(p.outcome == o for p in purposes) for o in visits.OUTCOMES}
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
