"""Masking in the services (issue 19, finding 2): a role without ``person.view_full_id`` is
never handed a whole ID number, a whole birth date or (in an export, without
``person.export_phone``) a whole phone, and what it is handed cannot rebuild the number.

The attack, as a hostile librarian or organiser would try it: take the masked number and every
birth fact the services hand out (the person, the register, the search, the record's history,
the personal-data export read back from its file, the week's birthday list) and count the ID
numbers that fit them all, over every Beijing address code. One candidate is a rebuilt number.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
import stdnum.numdb
from openpyxl import load_workbook
from stdnum.cn import ric

from stationapp.db import today
from stationapp.models.accounts import ADMIN, FRONT_DESK, LIBRARIAN, ORGANISER, AuditEntry
from stationapp.models.people import Person
from stationapp.services import people, retention
from stationapp.services import today as today_service
from stationapp.services.accounts import PERMISSIONS
from stationapp.services.people import PersonInput
from tests.helpers.ids import make_ric

MASKED = sorted(r for r in (LIBRARIAN, ORGANISER) if r not in PERMISSIONS["person.view_full_id"])


def _beijing_codes() -> list[str]:
    """Every Beijing address code python-stdnum knows (current and historical): what an attacker
    who assumes the worker is from Beijing would try."""
    db = stdnum.numdb.get("cn/loc")
    codes = []
    for n in range(10000):
        code = f"11{n:04d}"
        info = db.info(code)
        if len(info) > 1 and "county" in info[1][1]:
            codes.append(code)
    return codes


BEIJING = _beijing_codes()


def _register(admin, count: int = 40) -> list[Person]:
    """People with Beijing ID numbers; a quarter have their birthday this week (the birthday
    list gives the day), all are members (so they are on it)."""
    rng = random.Random(19)
    on = today()
    monday = on - timedelta(days=on.weekday())
    found = []
    for i in range(count):
        year = rng.randint(1962, 2004)
        if i % 4 == 0:
            day = monday + timedelta(days=rng.randint(0, 6))
            try:
                birth = day.replace(year=year)
            except ValueError:  # 29 February
                birth = date(year, 2, 28)
        else:
            birth = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
        number = make_ric(area=rng.choice(BEIJING[2:]), birth=birth, seq=100 + i)
        found.append(
            people.create_person(
                admin,
                PersonInput(
                    name="王" + "春夏秋冬东南西北"[i // 10] + "一二三四五六七八九十"[i % 10],
                    id_number=number,
                    phone=f"139{i:08d}",
                    is_member=True,
                ),
            )
        )
    return found


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _candidates(tail: str, year: int, days: set[date] | None, fits_age) -> list[str]:
    """The ID numbers that fit the last four characters and the birth facts known."""
    wanted = None if days is None else {(d.month, d.day) for d in days}
    dates = []
    day = date(year, 1, 1)
    while day.year == year:
        if (wanted is None or (day.month, day.day) in wanted) and fits_age(day):
            dates.append(day)
        day += timedelta(days=1)
    found = []
    for code in BEIJING:
        for birth in dates:
            number = f"{code}{birth:%Y%m%d}{tail}"
            if ric.calc_check_digit(number) == number[-1]:
                found.append(number)
    return found


def _exported(path: Path) -> dict[str, object]:
    workbook = load_workbook(path, read_only=True)
    sheet = workbook.worksheets[0]
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    workbook.close()
    return rows


@pytest.mark.parametrize("role", MASKED)
def test_what_a_masked_role_is_handed_rebuilds_no_id_number(
    role: str, admin, make_staff, tmp_path: Path
) -> None:
    registered = _register(admin)
    actor = make_staff(f"as-{role}", role)
    on = today()
    birthday_rows = today_service.birthday_list(actor, on)
    birthday_names = {b.name for b in birthday_rows}
    section = today_service.birthdays(actor, on, limit=None)
    listed = {p.id: p for p in people.list_people(actor, offset=0, limit=200)}
    rebuilt = []
    for truth in registered:
        whole, birth = truth.id_number, truth.birth_date
        shown = people.get_person(actor, truth.id)
        found = people.search_people(actor, whole[-4:], limit=50)
        history = people.person_history(actor, truth.id)
        path = tmp_path / f"{truth.id}.xlsx"
        retention.export_personal_data(actor, truth.id, path)
        exported = _exported(path)
        handed = [shown, listed[truth.id], *[p for p in found if p.id == truth.id]]
        assert [p.id for p in found if p.id == truth.id], "the last four still find the person"
        texts = [p.id_number for p in handed] + [e.details for e in history]
        texts += [str(v) for v in exported.values()] + [item.text for item in section.items]
        texts += [f"{b.day} {b.age}" for b in birthday_rows]
        for text in texts:
            assert whole not in text, f"{role} was handed the whole ID number"
            assert birth.isoformat() not in text, f"{role} was handed the birth date"
            assert f"{birth:%Y%m%d}" not in text, f"{role} was handed the birth date"
        for person in handed:
            assert person.birth_date is None and person.birth_year == birth.year
        # Everything known about the birth: the year (the record, the export), the age (which
        # says whether the birthday has passed), and the week's list (a birthday this week, and
        # the day itself if the list gave it).
        assert exported["Birth date"] == shown.birth_year
        days = None
        if truth.name in birthday_names:
            week = on - timedelta(days=on.weekday())
            days = {week + timedelta(days=i) for i in range(7)}
            days = {b.day for b in birthday_rows if b.name == truth.name and b.day} or days
        age = shown.age
        tail = shown.id_number[-4:]
        assert tail == whole[-4:] and set(shown.id_number[:-4]) == {"*"}
        assert str(exported["ID number"]).endswith(tail)
        fits = _candidates(tail, shown.birth_year, days, lambda d, a=age: _age(d, on) == a)
        assert whole in fits
        if len(fits) == 1:
            rebuilt.append(truth.name)
    assert not rebuilt, f"{role} rebuilt the ID numbers of {rebuilt}"
    assert not AuditEntry.select().where(AuditEntry.action == "view_full_id").exists()


@pytest.mark.parametrize("role", MASKED)
def test_the_personal_data_export_masks_the_phone_without_the_right(
    role: str, admin, make_staff, tmp_path: Path
) -> None:
    person = people.create_person(
        admin, PersonInput(name="李娜", id_number=make_ric(seq=301), phone="13912345678")
    )
    actor = make_staff(f"as-{role}", role)
    retention.export_personal_data(actor, person.id, tmp_path / "out.xlsx")
    phone = _exported(tmp_path / "out.xlsx")["Phone"]
    whole = role in PERMISSIONS["person.export_phone"]
    assert phone == ("13912345678" if whole else "139****5678")


@pytest.mark.parametrize("role", [FRONT_DESK, ADMIN])
def test_roles_with_the_right_still_get_the_whole_values(role: str, admin, make_staff) -> None:
    number = make_ric(birth=date(1985, 3, 21), seq=401)
    person = people.create_person(admin, PersonInput(name="李娜", id_number=number))
    actor = admin if role == ADMIN else make_staff("desk", role)
    shown = people.get_person(actor, person.id)
    assert shown.id_number == number and shown.birth_date == date(1985, 3, 21)
    assert not shown.masked
    assert people.search_people(actor, "李娜")[0].id_number == number
    assert people.reveal_id(actor, person.id) == number
    assert (
        AuditEntry.select()
        .where(AuditEntry.action == "view_full_id", AuditEntry.entity_id == person.id)
        .count()
        == 1
    )
    fields = dict(retention.personal_data(actor, person.id)[0].rows)
    assert fields["ID number"] == number and fields["Birth date"] == date(1985, 3, 21)


@pytest.mark.parametrize("role", MASKED)
def test_editing_as_a_masked_role_keeps_the_stored_number_and_birth_date(
    role: str, admin, make_staff
) -> None:
    number = make_ric(birth=date(1985, 3, 21), seq=501)
    with_id = people.create_person(admin, PersonInput(name="李娜", id_number=number))
    without_id = people.create_person(
        admin, PersonInput(name="张伟", id_type="ric", id_number="", birth_date=date(1990, 6, 1))
    )
    actor = make_staff(f"as-{role}", role)
    for stored in (with_id, without_id):
        shown = people.get_person(actor, stored.id)
        # What the edit dialog sends back: the masked number as it was shown, no birth date.
        people.update_person(
            actor,
            stored.id,
            PersonInput(
                name=shown.name,
                gender=shown.gender,
                birth_date=None,
                id_type=shown.id_type,
                id_number=shown.id_number,
                phone="13900000009",
                notes="改了电话",
            ),
        )
        after = Person.get_by_id(stored.id)
        assert after.id_number == stored.id_number
        assert after.birth_date == stored.birth_date
        assert after.phone == "13900000009"


@pytest.mark.parametrize("role", MASKED)
def test_a_masked_record_cannot_be_saved(role: str, admin, make_staff) -> None:
    person = people.create_person(admin, PersonInput(name="李娜", id_number=make_ric(seq=601)))
    shown = people.get_person(make_staff(f"as-{role}", role), person.id)
    with pytest.raises(TypeError):
        shown.save()
    with pytest.raises(TypeError):
        shown.delete_instance()
    assert Person.get_by_id(person.id).id_number == person.id_number


def test_age_rules_still_use_the_stored_birth_date(admin, make_staff) -> None:
    """The services' own rules read the birth date behind a masked record."""
    person = people.create_person(
        admin, PersonInput(name="李娜", id_number=make_ric(birth=date(1985, 3, 21), seq=701))
    )
    shown = people.get_person(make_staff("organiser", ORGANISER), person.id)
    assert shown.birth_date is None
    assert people.true_birth_date(shown) == date(1985, 3, 21)
