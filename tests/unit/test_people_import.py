"""People import (issue #21): headers and values as stations write them; all or nothing."""

from __future__ import annotations

import csv
import json
import os
import stat
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from stdnum import luhn

from stationapp.db import open_database
from stationapp.errors import PermissionDenied
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, AuditEntry
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services import people, people_import
from stationapp.services.people_import import (
    ImportRefused,
    import_people,
    number_text,
    parse_date,
    parse_gender,
    read_columns,
    recognise_headers,
    workplace_key,
)
from stationapp.services.validation import normalize_phone
from tests.helpers.ids import make_ric

HEADER = ["姓名", "性别", "身份证号", "手机", "工作单位", "入会时间", "会员卡号", "民族", "备注"]
TITLE = "建国门街道工会会员花名册（2024年）"


SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅"


def name(n: int) -> str:
    return SURNAMES[n % 10] + GIVEN[n // 10 % 30] + GIVEN[n // 300 % 30]


def ric(n: int) -> str:
    return make_ric(birth=date(1970, 1, 1) + timedelta(days=n // 500), seq=n % 500 * 2 + 1)


def card(n: int) -> str:
    body = f"622208{n:012d}"
    return body + luhn.calc_check_digit(body)


def roster(count: int, *, start: int = 0) -> list[list[object]]:
    return [
        [
            name(n),
            "男",
            ric(n),
            f"139 {n:04d} {n % 10000:04d}",
            f"北京建国{n % 7}有限公司",
            "2019.05",
            card(n),
            "汉族",
            "",
        ]
        for n in range(start, start + count)
    ]


def write_csv(path: Path, rows: list[list[object]], *, encoding="utf-8", delimiter=",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def desk(make_staff):
    return make_staff("desk", FRONT_DESK)


def count() -> int:
    return Person.select().count()


def imports() -> list[dict]:
    query = AuditEntry.select().where(AuditEntry.action == "import", AuditEntry.entity == "person")
    return [json.loads(entry.details) for entry in query]


# --- the acceptance -------------------------------------------------------------------------------


def test_roster_with_three_bad_rows_is_refused_whole_then_imported_with_skip_bad(desk, tmp_path):
    rows = roster(1000)
    rows[9][2] = rows[9][2][:-1] + ("0" if rows[9][2][-1] != "0" else "1")  # a bad check digit
    rows[499][3] = "138-1234"  # too short
    rows[899][5] = "去年春天"  # not a date
    path = write_csv(tmp_path / "花名册.csv", [[TITLE], HEADER, *rows])
    before = count(), Organization.select().count(), PersonSearchKey.select().count()
    with pytest.raises(ImportRefused) as caught:
        import_people(desk, path)
    named = {(p.row, p.field) for p in caught.value.problems}
    # Title row 1, header row 2: the n-th person is on sheet row n + 3.
    assert named == {(12, "id_number"), (502, "phone"), (902, "joined_on")}
    lines = caught.value.lines()
    assert any("Row 502" in line and "手机" in line for line in lines)
    assert (count(), Organization.select().count(), PersonSearchKey.select().count()) == before
    assert imports() == []

    result = import_people(desk, path, skip_bad=True)
    assert (result.rows, result.created, result.refused) == (1000, 997, 3)
    assert count() == before[0] + 997
    assert result.refused_file == tmp_path / "花名册-refused.xlsx"
    if os.name == "posix":
        assert stat.S_IMODE(result.refused_file.stat().st_mode) == 0o600
    sheet = load_workbook(result.refused_file).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][0] == "Row" and table[0][-1] == "Reason" and table[0][1:-1] == HEADER
    assert [row[0] for row in table[1:]] == [12, 502, 902]
    assert "入会时间" in table[3][-1]
    assert table[1][1] == name(9)
    [entry] = imports()
    assert entry["created"] == 997 and entry["refused"] == 3 and entry["rows"] == 1000
    assert entry["workplaces_created"] == 7

    again = import_people(desk, path, skip_bad=True)
    assert again.created == 0 and again.unchanged == 997
    assert count() == before[0] + 997


def test_gbk_csv_keeps_its_names(desk, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", [HEADER, *roster(3)], encoding="gbk")
    result = import_people(desk, path)
    assert result.created == 3
    assert sorted(p.name for p in Person.select()) == sorted(name(n) for n in range(3))
    assert Organization.select().where(Organization.name == "北京建国1有限公司").exists()


def test_utf8_bom_csv_and_tab_separated(desk, tmp_path):
    bom = write_csv(tmp_path / "bom.csv", [HEADER, *roster(2)], encoding="utf-8-sig")
    tabs = write_csv(tmp_path / "tabs.csv", [HEADER, *roster(2, start=2)], delimiter="\t")
    assert import_people(desk, bom).created == 2
    assert import_people(desk, tabs).created == 2
    assert Person.get(Person.name == name(3)).id_number == ric(3)


def test_xlsx_header_below_two_title_rows_and_ignored_columns(desk, tmp_path):
    header = ["序号", "姓名", "证件号码", "联系电话", "单位名称", "入会日期", "京卡号", "政治面貌"]
    rows = [[TITLE], ["填报日期：2024年3月"], header]
    rows.append(
        [1, "李四", ric(7).lower(), "+86 139 0000 0007", "甲公司", date(2018, 3, 1), "", "群众"]
    )
    path = write_xlsx(tmp_path / "roster.xlsx", rows)
    layout = read_columns(desk, path)
    assert layout.header_row == 3
    assert layout.ignored == ["序号", "政治面貌"]
    assert layout.headers["id_number"] == "证件号码"
    result = import_people(desk, path)
    assert result.created == 1 and result.ignored_columns == ["序号", "政治面貌"]
    person = Person.get(Person.name == "李四")
    assert person.id_number == ric(7).upper()
    assert person.phone == "13900000007"
    assert person.joined_on == date(2018, 3, 1) and person.is_member
    assert person.workplace.name == "甲公司"


def test_ethnicity_is_recognised_but_not_kept(desk, tmp_path):
    path = write_csv(tmp_path / "r.csv", [HEADER, *roster(1)])
    layout = read_columns(desk, path)
    assert "民族" in layout.ignored and "ethnicity" not in layout.columns


def test_explicit_mapping_overrides_recognition(desk, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [["姓名", "电话", "手机号码"], ["王五", "010-65123456", "13900000001"]],
    )
    assert read_columns(desk, path).headers["phone"] == "电话"
    import_people(desk, path, mapping={"phone": "手机号码"})
    assert Person.get(Person.name == "王五").phone == "13900000001"


def test_old_xls(desk, tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls file read here")
    book = xlwt.Workbook()
    sheet = book.add_sheet("花名册", cell_overwrite_ok=True)
    sheet.write(0, 0, TITLE)
    for c, text in enumerate(HEADER):
        sheet.write(1, c, text)
    for r, row in enumerate(roster(2), 2):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write(2, 5, date(2019, 5, 1), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    path = tmp_path / "old.xls"
    book.save(str(path))
    assert import_people(desk, path).created == 2
    assert Person.get(Person.name == name(0)).joined_on == date(2019, 5, 1)
    assert Person.get(Person.name == name(1)).joined_on == date(2019, 5, 1)


def _ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet written by hand (calamine reads, nothing here writes)."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{cell}</text:p>'
            "</table:table-cell>"
            for cell in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        f'xmlns:table="{table}" xmlns:text="{text}" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Sheet1">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_ods(desk, tmp_path):
    rows = [[str(cell) for cell in row] for row in roster(2)]
    path = _ods(tmp_path / "roster.ods", [[TITLE], HEADER, *rows])
    assert import_people(desk, path).created == 2
    assert Person.get(Person.name == name(1)).member_card == card(1)


def test_an_import_writes_the_membership_history_and_the_cards(desk, tmp_path):
    """Issue 25: the members it brings joined on their join date; their numbers are cards."""
    from stationapp.models.members import MemberCard, MembershipEvent

    path = write_csv(tmp_path / "r.csv", [HEADER, *roster(3)])
    import_people(desk, path)
    for person in Person.select().where(Person.is_member == True):  # noqa: E712
        [entry] = MembershipEvent.select().where(MembershipEvent.person == person.id)
        assert (entry.kind, entry.on) == ("joined", person.joined_on)
    carded = Person.select().where(Person.member_card != "")
    assert carded.count() > 0
    for person in carded:
        [issued] = MemberCard.select().where(MemberCard.person == person.id)
        assert (issued.state, issued.number) == ("issued", person.member_card)
    import_people(desk, path, update=True)  # again: nothing new
    assert MembershipEvent.select().count() == Person.select().where(Person.is_member).count()


# --- matching -------------------------------------------------------------------------------------


def test_matching_by_id_number_whatever_the_case_of_x_fills_empty_fields(desk, tmp_path):
    number = next(ric(n) for n in range(5000) if ric(n).endswith("X"))
    on_file = people.create_person(desk, people.PersonInput(name="赵六", id_number=number))
    path = write_csv(
        tmp_path / "r.csv",
        [HEADER, ["赵六", "", number.lower(), "13900000006", "乙公司", "2020年3月", "", "", "新"]],
    )
    result = import_people(desk, path)
    assert (result.created, result.filled) == (0, 1)
    person = Person.get_by_id(on_file.id)
    assert person.phone == "13900000006" and person.notes == "新"
    assert person.joined_on == date(2020, 3, 1) and person.is_member
    assert person.workplace.name == "乙公司"
    assert PersonSearchKey.select().where(PersonSearchKey.key == "0006").exists()


def test_name_and_phone_match_and_nothing_overwritten_unless_update(desk, tmp_path):
    on_file = people.create_person(
        desk, people.PersonInput(name="钱七", phone="13900000007", notes="旧备注")
    )
    path = write_csv(
        tmp_path / "r.csv", [HEADER, ["钱七", "", "", "139-0000-0007", "", "", "", "", "新备注"]]
    )
    result = import_people(desk, path)
    assert (result.created, result.filled, result.unchanged) == (0, 0, 1)
    assert Person.get_by_id(on_file.id).notes == "旧备注"
    result = import_people(desk, path, update=True)
    assert result.filled == 1
    assert Person.get_by_id(on_file.id).notes == "新备注"
    assert count() == 1


def test_two_rows_for_one_person_are_a_problem_of_the_second(desk, tmp_path):
    rows = roster(2)
    rows.append(list(rows[0]))
    rows[2][2] = rows[2][2].lower()
    path = write_csv(tmp_path / "r.csv", [HEADER, *rows])
    with pytest.raises(ImportRefused) as caught:
        import_people(desk, path)
    [problem] = caught.value.problems
    assert problem.row == 4 and "row 2" in problem.message
    assert count() == 0
    assert import_people(desk, path, skip_bad=True).created == 2


def test_workplaces_matched_by_normalised_name(desk, tmp_path):
    people.create_organization(
        desk, people.OrganizationInput(name="北京某某科技有限责任公司（东城）")
    )
    rows = roster(3)
    rows[0][4] = "北京某某科技有限公司(东城)"
    rows[1][4] = "北京 某某科技 有限责任公司（东城）"
    rows[2][4] = "北京某某科技有限公司（东城）"
    path = write_csv(tmp_path / "r.csv", [HEADER, *rows])
    result = import_people(desk, path)
    assert result.workplaces_created == 0
    assert Organization.select().count() == 1
    assert {p.workplace_id for p in Person.select()} == {Organization.get().id}


def test_gender_and_birth_date_checked_against_the_id_number(desk, tmp_path):
    number = make_ric(birth=date(1980, 1, 15), seq=123)  # odd: a man
    header = [*HEADER, "出生日期"]
    rows = [
        ["甲", "女", number, "", "", "", "", "", "", ""],
        [
            "乙",
            "男",
            make_ric(birth=date(1980, 1, 15), seq=125),
            "",
            "",
            "",
            "",
            "",
            "",
            "1981-01-15",
        ],
        ["丙", "男", make_ric(birth=date(1980, 1, 15), seq=127), "", "", "", "", "", "", "1980.01"],
    ]
    path = write_csv(tmp_path / "r.csv", [header, *rows])
    with pytest.raises(ImportRefused) as caught:
        import_people(desk, path)
    assert {(p.row, p.field) for p in caught.value.problems} == {(2, "gender"), (3, "birth_date")}
    import_people(desk, path, skip_bad=True)
    assert Person.get(Person.name == "丙").birth_date == date(1980, 1, 15)


def test_permission_refused(make_staff, tmp_path):
    librarian = make_staff("lib", LIBRARIAN)
    path = write_csv(tmp_path / "r.csv", [HEADER, *roster(1)])
    with pytest.raises(PermissionDenied):
        import_people(librarian, path)
    assert count() == 0 and imports() == []


def test_cancel_writes_nothing(desk, tmp_path):
    path = write_csv(tmp_path / "r.csv", [HEADER, *roster(300)])
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 350  # cancel in the write pass

    assert import_people(desk, path, progress=progress).cancelled
    assert count() == 0 and imports() == [] and Organization.select().count() == 0


def test_no_header_row(desk, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["a", "b"], ["c", "d"]])
    with pytest.raises(ImportRefused) as caught:
        import_people(desk, path)
    assert "姓名" in caught.value.problems[0].message


# --- the value parsers ----------------------------------------------------------------------------


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_as_stations_write_them(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for text in (f"{y}-{m}-{d}", f"{y}/{m:02d}/{d:02d}", f"{y}年{m}月{d}日", f"{y}{m:02d}{d:02d}"):
        assert parse_date(text) == (day, False), text
    for text in (f"{y}.{m:02d}", f"{y}年{m}月", f"{y}{m:02d}"):
        assert parse_date(text) == (day.replace(day=1), True), text
    serial = (day - date(1899, 12, 30)).days
    assert parse_date(float(serial)) == (day, False)
    assert parse_date(day) == (day, False)


@given(st.text(alphabet="春夏秋冬abc!?", min_size=1))
def test_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", "+86 ", "+86-"]))
def test_phones_with_spaces_dashes_and_country_code(digits: str, prefix: str) -> None:
    written = f"{prefix}{digits[:3]} {digits[3:7]}-{digits[7:]}"
    assert normalize_phone(written) == digits
    assert normalize_phone(people_import.cell_text(float(digits))) == digits


@given(st.integers(min_value=0, max_value=99999))
def test_id_numbers_with_lower_case_x_and_spaces(n: int) -> None:
    number = make_ric(birth=date(1960, 1, 1) + timedelta(days=n % 20000), seq=n % 1000)
    written = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    assert (
        people.validate_person(people.PersonInput(name="测", id_number=written)).values["id_number"]
        == number
    )


def test_long_numbers_stored_as_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        number_text(1.10101198503211e17)
    assert number_text(12345.0) == "12345"
    assert number_text(" 11010119850321123X ") == "11010119850321123X"


@given(
    st.permutations(list(people_import.HEADER_ALIASES)),
    st.data(),
)
def test_headers_recognised_in_any_order_and_spelling(fields: list[str], data) -> None:
    header = [data.draw(st.sampled_from(people_import.HEADER_ALIASES[name])) for name in fields]
    header = [f" {text}：" if i % 3 == 0 else text for i, text in enumerate(header)]
    assert recognise_headers(header) == {name: index for index, name in enumerate(fields)}


def test_gender_words() -> None:
    assert [parse_gender(x) for x in ("男", "女", "M", "f", "", None)] == [
        "M",
        "F",
        "M",
        "F",
        "",
        "",
    ]
    with pytest.raises(ValueError):
        parse_gender("未知")


@given(st.text(alphabet="北京某科技公司 （）()", min_size=1, max_size=12))
def test_workplace_key_ignores_brackets_spaces_and_company_form(name: str) -> None:
    assert workplace_key(name.replace("(", "（").replace(")", "）")) == workplace_key(name)
    assert workplace_key(name + "有限责任公司") == workplace_key(name + " 有限公司")


# --- the command line -----------------------------------------------------------------------------


def _cli(db_url: str, *argv: str) -> int:
    from stationapp.app import build_parser
    from stationapp.cli import run_command

    code = run_command(build_parser().parse_args(["import-people", *argv]), db_url)
    open_database(db_url)  # the command closes it; the test reads on
    return code


def test_command_line_refuses_then_skips_bad_then_adds_nobody(admin, db_url, tmp_path, capsys):
    rows = roster(1000)
    rows[0][1] = "未知"
    rows[1][2] = "123"
    rows[2][6] = "1234"
    path = write_csv(tmp_path / "roster.csv", [[TITLE], HEADER, *rows], encoding="gb18030")
    assert _cli(db_url, str(path), "--user", "admin") == 1
    err = capsys.readouterr().err
    assert "Row 3, 性别" in err and "Row 4, 身份证号" in err and "Row 5, 会员卡号" in err
    assert "Nothing was imported: 3 row(s)" in err
    assert count() == 0 and imports() == []

    assert _cli(db_url, str(path), "--skip-bad", "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "997 people added" in out and "roster-refused.xlsx" in out and "民族" in out
    assert count() == 997
    assert Person.get(Person.name == name(999)).name == name(999)  # GB18030 names intact
    assert (tmp_path / "roster-refused.xlsx").is_file()

    assert _cli(db_url, str(path), "--skip-bad", "--user", "admin") == 0
    assert "0 people added" in capsys.readouterr().out
    assert count() == 997 and len(imports()) == 2


def test_command_line_column_mapping_and_unknown_user(admin, db_url, tmp_path, capsys):
    path = write_csv(
        tmp_path / "r.csv", [["姓名", "电话", "手机号码"], ["王五", "", "13900000001"]]
    )
    assert _cli(db_url, str(path), "--user", "nobody") == 1
    assert "nobody" in capsys.readouterr().err
    assert _cli(db_url, str(path), "--user", "admin", "--column", "phone=手机号码") == 0
    assert Person.get(Person.name == "王五").phone == "13900000001"
    assert _cli(db_url, str(path), "--user", "admin", "--column", "phone") == 1


def test_join_date_is_checked_and_kept_by_the_desk(desk) -> None:
    from stationapp.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        people.validate_person(
            people.PersonInput(name="周九", joined_on=date.today() + timedelta(days=2))
        )
    assert "joined_on" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        people.validate_person(
            people.PersonInput(name="周九", birth_date=date(1990, 1, 1), joined_on=date(1989, 5, 1))
        )
    assert "joined_on" in caught.value.errors
    person = people.create_person(
        desk, people.PersonInput(name="周九", is_member=True, joined_on=date(2019, 5, 1))
    )
    assert Person.get_by_id(person.id).joined_on == date(2019, 5, 1)


def test_an_ods_whose_repeats_claim_a_huge_sheet_is_refused_unread(tmp_path) -> None:
    from stationapp.services import spreadsheet_read

    path = _ods(tmp_path / "bomb.ods", [["姓名"]])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["content.xml"] = (
        parts["content.xml"]
        .replace(
            b"<table:table-row>",
            b'<table:table-row table:number-rows-repeated="100000">',
        )
        .replace(b"<table:table-cell ", b'<table:table-cell table:number-columns-repeated="1000" ')
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(spreadsheet_read.SpreadsheetRefused) as caught:
        list(spreadsheet_read.rows(path))
    assert caught.value.limit == "cells"
