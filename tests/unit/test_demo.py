"""The demo database: every role can sign in, the data is valid, tricky surnames are findable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from stationapp import demo
from stationapp.db import close_database
from stationapp.models.accounts import ADMIN, ROLES, AuditEntry, Staff
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services import accounts, people
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
        for model in (Staff, Person, Organization, PersonSearchKey, AuditEntry)
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
