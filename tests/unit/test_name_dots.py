"""One name, one spelling of the dot (issue #21): 买买提·艾力 typed with any of the dots people use
for the 间隔号 is one name, stored with U+00B7, at the desk, in searches, on sign-in sheets, and
in registers saved before (migration 10)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stationapp.db import close_database, open_database
from stationapp.errors import DuplicateFound
from stationapp.migrations import migrate, schema_version
from stationapp.models.events import Registration
from stationapp.models.people import Person, PersonSearchKey
from stationapp.services import events, people
from stationapp.services.maintenance import open_station_database
from stationapp.services.people import PersonInput, normalize_name, person_search_keys
from stationapp.services.search_keys import display_pinyin
from stationapp.services.validation import NAME_DOT, NAME_DOT_VARIANTS, NAME_SEPARATORS
from stationapp.services.validation import normalize_name as checked_name
from tests.helpers.service_inputs import event_input

NAME = "买买提·艾力"
PHONE = "13912345678"
DOTS = sorted(NAME_DOT_VARIANTS)

# Parts of minority and foreign names as written in characters.
parts = st.text(alphabet="买提艾力阿不都热合曼尼格古丽娜尔约翰史密斯", min_size=1, max_size=5)
spaces = st.text(alphabet=" \u3000\t", max_size=2)


@st.composite
def dot(draw: st.DrawFn) -> str:
    """A separator as typed: one or more dots of any kind, maybe spaced, or a "." (ASCII or
    full-width), which is a name dot between characters."""
    marks = draw(st.lists(st.sampled_from([*DOTS, ".", "\uff0e"]), min_size=1, max_size=3))
    if all(mark in ".\uff0e" for mark in marks):
        marks = marks[:1]
    return draw(spaces) + "".join(mark + draw(spaces) for mark in marks)


@settings(deadline=None)  # the first call loads pypinyin's dictionary
@given(
    words=st.lists(parts, min_size=2, max_size=4),
    data=st.data(),
    before=spaces,
    after=spaces,
)
def test_every_dot_spelling_is_one_stored_name(
    words: list[str], data: st.DataObject, before: str, after: str
) -> None:
    typed = before + words[0]
    for word in words[1:]:
        typed += data.draw(dot()) + word
    typed += after
    stored = NAME_DOT.join(words)
    assert normalize_name(typed) == stored
    assert checked_name(typed) == stored
    assert normalize_name(stored) == stored
    assert people.person_search_keys(
        name=typed, phone="", id_number="", member_card=""
    ) == people.person_search_keys(name=stored, phone="", id_number="", member_card="")


@given(st.text(max_size=30))
def test_spelling_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert not set(once) & (NAME_DOT_VARIANTS - {NAME_DOT})


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("买买提•艾力", NAME),
        ("买买提・艾力", NAME),
        ("买买提‧艾力", NAME),
        ("买买提．艾力", NAME),
        ("买买提 . 艾力", NAME),
        ("买买提 · 艾力", NAME),
        ("买买提∙艾力", NAME),
        ("买买提⋅艾力", NAME),
        ("买买提\u0387艾力", NAME),
        ("买买提\uff65艾力", NAME),
        ("爱新觉罗 ·· 溥仪", "爱新觉罗·溥仪"),
        # An ASCII dot in a Latin name is not a 间隔号.
        ("J. K. Rowling", "J. K. Rowling"),
        ("Mary.Jane", "Mary.Jane"),
        ("Ｊ．Ｋ．", "J.K."),
        ("买买提.Ali", "买买提.Ali"),
        ("John • Smith", "John·Smith"),
    ],
)
def test_examples(typed: str, stored: str) -> None:
    assert normalize_name(typed) == stored


def test_look_alikes_nobody_types_stay_refused() -> None:
    """The runic and the old word-separator dots come from no input method or Chinese
    encoding: a name with one is refused (and can be fixed) rather than silently respelt."""
    for mark in ("\u16eb", "\u2e31"):
        assert mark not in NAME_SEPARATORS
        with pytest.raises(Exception, match="cannot contain"):
            checked_name(f"买买提{mark}艾力")


def test_same_name_and_phone_with_another_dot_is_a_duplicate(admin) -> None:
    first = people.create_person(admin, PersonInput(name="买买提•艾力", phone=PHONE))
    assert first.name == NAME
    with pytest.raises(DuplicateFound) as found:
        people.create_person(admin, PersonInput(name="买买提・艾力", phone=PHONE))
    assert [p.id for p in found.value.existing] == [first.id]
    assert Person.select().count() == 1
    assert [
        p.id for p in people.find_duplicates(name="买买提‧艾力", phone=PHONE, id_number="")
    ] == [first.id]


def test_update_stores_the_one_spelling(admin) -> None:
    person = people.create_person(admin, PersonInput(name="阿不都·热合曼", phone=PHONE))
    people.update_person(admin, person.id, PersonInput(name="阿不都 ・ 热合曼", phone=PHONE))
    assert Person.get_by_id(person.id).name == "阿不都·热合曼"


@pytest.mark.parametrize(
    "query",
    ["买买提·艾力", "买买提•艾力", "买买提・艾力", "买买提‧艾力", "买买提．艾力", "买买提.艾力"],
)
def test_search_with_any_dot_finds_the_person(admin, query: str) -> None:
    person = people.create_person(admin, PersonInput(name="买买提∙艾力", phone=PHONE))
    assert [p.id for p in people.search_people(admin, query)] == [person.id]


def test_sign_in_sheet_matches_any_dot(admin) -> None:
    event = events.create_event(admin, event_input())
    person = people.create_person(admin, PersonInput(name=NAME, phone=PHONE))
    registration = events.register(admin, event.id, person.id)
    result = events.mark_attendance(admin, event.id, ["买买提 • 艾力"])
    assert result.marked == [NAME] and not result.unknown
    assert Registration.get_by_id(registration.id).state == "attended"


# --- migration 10 --------------------------------------------------------------------------------


def test_migration_respells_old_names_and_their_keys(db_url: str) -> None:
    """A register saved before version 10 holds the dots as typed (and two records for one
    person); after the upgrade every name has U+00B7 and keys computed from it."""
    db = open_database(db_url)
    migrate(db, target=9)
    assert schema_version(db) == 9
    old = {
        "bullet": ("买买提•艾力", PHONE),
        "katakana": ("买买提・艾力", PHONE),
        "spaced": ("阿不都 . 热合曼", "13800000001"),
        "hyphenation": ("古丽‧娜尔", "13800000002"),
        "plain": ("张三", "13800000003"),
        "latin": ("J. K. Rowling", "13800000004"),
    }
    ids = {}
    for label, (name, phone) in old.items():
        person = Person.create(name=name, pinyin="old", phone=phone)
        ids[label] = person.id
        rows = [{"person": person.id, "key": "stale", "kind": "name"}]
        PersonSearchKey.insert_many(rows).execute()
    close_database()

    open_station_database(db_url)
    try:
        expected = {
            "bullet": NAME,
            "katakana": NAME,
            "spaced": "阿不都·热合曼",
            "hyphenation": "古丽·娜尔",
            "plain": "张三",
            "latin": "J. K. Rowling",
        }
        for label, name in expected.items():
            person = Person.get_by_id(ids[label])
            assert person.name == name, label
            keys = {
                k.key: k.kind
                for k in PersonSearchKey.select().where(PersonSearchKey.person == person.id)
            }
            if label in ("plain", "latin"):
                # Untouched: the step rewrites only what it respells.
                assert keys == {"stale": "name"} and person.pinyin == "old"
                continue
            assert person.pinyin == display_pinyin(name)
            assert keys == person_search_keys(
                name=name, phone=person.phone, id_number="", member_card=""
            )
        twins = people.find_duplicates(name="买买提・艾力", phone=PHONE, id_number="")
        assert sorted(p.id for p in twins) == sorted([ids["bullet"], ids["katakana"]])
    finally:
        close_database()


def test_migration_reads_names_in_batches(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from stationapp.migrations import m0010_name_dots

    monkeypatch.setattr(m0010_name_dots, "BATCH", 2)
    db = open_database(db_url)
    migrate(db, target=9)
    made = [
        Person.create(name=f"买买提{mark}艾{'力' * (i + 1)}", phone=f"139000000{i:02d}").id
        for i, mark in enumerate(DOTS)
    ]
    migrate(db)
    names = [Person.get_by_id(i).name for i in made]
    assert names == [f"买买提·艾{'力' * (i + 1)}" for i in range(len(DOTS))]
    close_database()
