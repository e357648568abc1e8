"""The register out (issue #21, part 8): People > Export… and ``stationapp export-people``.

The file holds the people the list shows, masked as the exporting role sees them, with
formula-like text made inert; it is private (0600) and its writing is in the audit trail.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationapp.errors import PermissionDenied
from stationapp.models.accounts import AuditEntry
from stationapp.models.people import Person
from stationapp.services import people
from stationapp.services.accounts import PERMISSIONS, has_permission
from stationapp.services.people import PersonInput
from tests.helpers.ids import make_ric

EVIL = '=HYPERLINK("http://evil.example","点我")'
BORN = date(1985, 3, 14)


@pytest.fixture
def register(admin) -> dict[str, Person]:
    """Three active workers (one with a hardship file) and a deactivated one."""
    org = people.create_organization(admin, people.OrganizationInput(name="建国门大厦物业公司"))
    made = {
        "wang": people.create_person(
            admin,
            PersonInput(
                name="王芳",
                gender="F",
                birth_date=BORN,
                id_number=make_ric(birth=BORN, seq=22),
                phone="13812345678",
                workplace_id=org.id,
                is_member=True,
                member_card="6222080000000000015",
                notes="京卡已办",
            ),
        ),
        "li": people.create_person(
            admin, PersonInput(name="李强", gender="M", phone="13912345678")
        ),
        "zhao": people.create_person(
            admin, PersonInput(name="赵敏", id_number=make_ric(birth=date(1990, 1, 2), seq=5))
        ),
        "gone": people.create_person(admin, PersonInput(name="钱多多", phone="13700000000")),
    }
    people.deactivate_person(admin, made["gone"].id)
    Person.update(hardship_category="deep", hardship_reasons="因病致困").where(
        Person.id == made["zhao"].id
    ).execute()
    return {key: Person.get_by_id(person.id) for key, person in made.items()}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder that holds only what the export writes."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _xlsx(path: Path) -> list[dict[str, object]]:
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _by_name(rows: list[dict]) -> dict[str, dict]:
    return {row["Name"]: row for row in rows}


def _export_entries() -> list[dict]:
    query = AuditEntry.select().where(AuditEntry.action == "export", AuditEntry.entity == "person")
    return [json.loads(entry.details) for entry in query]


def test_the_register_as_excel(admin, register, tmp_path) -> None:
    path = tmp_path / "people.xlsx"
    assert people.export_people(admin, path) == 3
    rows = _by_name(_xlsx(path))
    assert set(rows) == {"王芳", "李强", "赵敏"}  # the deactivated one is not listed
    wang = rows["王芳"]
    assert wang["Gender"] == "Female"
    assert wang["Birth date"] == datetime(1985, 3, 14)
    assert wang["ID type"] == "Resident ID card"
    # As the list shows it, even to the administrator: the whole number only on purpose, one
    # person at a time (reveal_id), never in bulk.
    assert wang["ID number"] == people.mask_id(register["wang"].id_number)
    assert wang["Phone"] == "13812345678"
    assert wang["Workplace"] == "建国门大厦物业公司"
    assert wang["Union member"] == "Yes"
    assert wang["Member card (京卡) number"] == "6222080000000000015"
    assert wang["Notes"] == "京卡已办"
    assert isinstance(wang["Registered on"], datetime)
    assert rows["李强"]["Union member"] == "No"
    assert rows["赵敏"]["Hardship category"] == "Deep hardship"
    assert rows["赵敏"]["Hardship reasons"] == "因病致困"
    assert "Deactivated" not in wang


def test_the_register_as_csv_is_utf8_with_a_bom(admin, register, tmp_path) -> None:
    path = tmp_path / "people.csv"
    assert people.export_people(admin, path, include_inactive=True) == 4
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    rows = _by_name(_csv(path))
    assert set(rows) == {"王芳", "李强", "赵敏", "钱多多"}
    assert rows["王芳"]["Birth date"] == "1985-03-14"
    assert rows["钱多多"]["Deactivated"] == "Yes"
    assert rows["王芳"]["Deactivated"] == ""


def test_a_search_exports_what_it_finds(admin, register, tmp_path) -> None:
    path = tmp_path / "found.xlsx"
    assert people.export_people(admin, path, search="王芳") == 1
    assert [row["Name"] for row in _xlsx(path)] == ["王芳"]
    assert people.export_people(admin, path, search="1381234") == 1
    assert people.export_people(admin, path, search="钱多多") == 0
    assert people.export_people(admin, path, search="钱多多", include_inactive=True) == 1


@pytest.mark.parametrize("role", sorted(PERMISSIONS["person.export"]))
def test_each_role_gets_the_masking_it_is_owed(admin, make_staff, register, tmp_path, role) -> None:
    actor = admin if role == "admin" else make_staff("exporter", role)
    path = tmp_path / "people.csv"
    assert people.export_people(actor, path) == 3
    rows = _by_name(_csv(path))
    wang, whole_id = rows["王芳"], register["wang"].id_number
    text = path.read_text(encoding="utf-8-sig")
    assert whole_id not in text and register["zhao"].id_number not in text
    if people.may_see_full_id(actor):
        assert wang["Birth date"] == "1985-03-14"
        assert wang["ID number"] == people.mask_id(whole_id)
    else:
        assert "Birth date" not in wang and wang["Birth year"] == "1985"
        assert "1985-03-14" not in text
        assert wang["ID number"] == people.mask_id_tail(whole_id)
    whole_phone = has_permission(actor, "person.export_phone")
    assert wang["Phone"] == ("13812345678" if whole_phone else people.mask_phone("13812345678"))
    if has_permission(actor, "hardship.read"):
        assert rows["赵敏"]["Hardship reasons"] == "因病致困"
    else:
        assert "Hardship reasons" not in rows["赵敏"] and "因病致困" not in text


def test_an_organiser_gets_the_id_tail_and_no_hardship(admin, make_staff, register, tmp_path):
    """The masked role the matrix allows to export, spelled out."""
    organiser = make_staff("organiser", "organiser")
    path = tmp_path / "people.xlsx"
    people.export_people(organiser, path)
    zhao = _by_name(_xlsx(path))["赵敏"]
    assert zhao["ID number"] == "*" * 14 + register["zhao"].id_number[-4:]
    assert zhao["Birth year"] == 1990  # the date itself stays out
    assert "Hardship category" not in zhao


@pytest.mark.parametrize("role", ["librarian", "mediator", "mediation_head"])
def test_other_roles_are_refused(admin, make_staff, register, out, role) -> None:
    path = out / "people.xlsx"
    with pytest.raises(PermissionDenied):
        people.export_people(make_staff("someone", role), path)
    assert not list(out.iterdir())
    assert _export_entries() == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_formula_like_text_comes_out_inert(admin, tmp_path, suffix) -> None:
    person = people.create_person(
        admin, PersonInput(name="张三", phone="13900000001", notes="+86 139 0000 0001")
    )
    # Such a name cannot be typed at the desk but may come from old or imported data.
    Person.update(name=EVIL, member_card="-1+1").where(Person.id == person.id).execute()
    path = tmp_path / f"people{suffix}"
    assert people.export_people(admin, path) == 1
    if suffix == ".csv":
        row = _csv(path)[0]
        assert row["Name"] == "'" + EVIL
        assert row["Notes"] == "'+86 139 0000 0001"
        assert row["Member card (京卡) number"] == "'-1+1"
        return
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    for column, value in (("Name", EVIL), ("Notes", "+86 139 0000 0001")):
        cell = sheet.cell(row=2, column=header.index(column) + 1)
        assert cell.value == value
        assert cell.data_type == "s" and cell.quotePrefix
    evaluated = load_workbook(path, data_only=True).active
    assert evaluated.cell(row=2, column=header.index("Name") + 1).value == EVIL


@pytest.mark.skipif(sys.platform == "win32", reason="no POSIX modes on Windows")
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_file_is_private_and_the_export_audited(admin, register, out, suffix) -> None:
    old = os.umask(0o022)
    try:
        path = out / f"people{suffix}"
        people.export_people(admin, path, search="王芳")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in out.iterdir()] == [path.name]  # no partial left behind
    (entry,) = _export_entries()
    assert entry == {"rows": 1, "file": path.name, "searched": True, "include_inactive": False}
    assert "王芳" not in json.dumps(entry, ensure_ascii=False)  # the search text stays out


def test_a_cancelled_export_leaves_no_file_and_no_entry(admin, register, out) -> None:
    path = out / "people.xlsx"
    people.export_people(admin, path, progress=lambda done, total: False)
    assert not list(out.iterdir())
    assert _export_entries() == []


def test_the_register_is_read_in_pages(admin, tmp_path, monkeypatch) -> None:
    for i in range(7):
        people.create_person(admin, PersonInput(name=f"测试{'甲乙丙丁戊己庚'[i]}"))
    monkeypatch.setattr(people.export, "EXPORT_PAGE", 3)
    seen: list[tuple[int, int]] = []
    path = tmp_path / "people.csv"
    assert people.export_people(admin, path, progress=lambda d, t: seen.append((d, t)) or True)
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert len({row["Name"] for row in _csv(path)}) == 7


# --- the command line -----------------------------------------------------------------------------


def _args(**values: object) -> argparse.Namespace:
    defaults: dict[str, object] = {
        "command": "export-people",
        "user": "admin",
        "search": None,
        "include_inactive": False,
    }
    defaults.update(values)
    return argparse.Namespace(**defaults)


def test_the_command_line_writes_the_register(admin, register, db_url, tmp_path, capsys) -> None:
    from stationapp.cli import run_command

    out = tmp_path / "register.xlsx"
    assert run_command(_args(out=str(out)), db_url) == 0
    assert {row["Name"] for row in _xlsx(out)} == {"王芳", "李强", "赵敏"}
    assert str(out) in capsys.readouterr().out
    found = tmp_path / "found.csv"
    assert run_command(_args(out=str(found), search="钱多多", include_inactive=True), db_url) == 0
    assert [row["Name"] for row in _csv(found)] == ["钱多多"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"out": "r.docx"}, ".docx"),
        ({"out": "missing/folder/r.xlsx"}, "missing"),
        ({"out": "r.xlsx", "user": "nobody"}, "nobody"),
        ({"out": "r.xlsx", "user": "lib"}, "not allowed"),
    ],
)
def test_the_command_line_refuses(admin, make_staff, db_url, tmp_path, capsys, values, message):
    from stationapp.cli import run_command

    make_staff("lib", "librarian")
    values = dict(values)
    values["out"] = str(tmp_path / values["out"])
    assert run_command(_args(**values), db_url) == 1
    assert message in capsys.readouterr().err
    assert not list(tmp_path.rglob("r.*"))


def test_the_parser_knows_the_command() -> None:
    from stationapp.app import build_parser

    args = build_parser().parse_args(
        ["export-people", "--out", "x.csv", "--search", "王", "--include-inactive"]
    )
    assert (args.command, args.out, args.search, args.include_inactive) == (
        "export-people",
        "x.csv",
        "王",
        True,
    )
