"""Catalogue import: the whole file is checked, then imported in one transaction or refused."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from stdnum import ean, luhn

from stationapp.errors import PermissionDenied, UserError, ValidationError
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, AuditEntry
from stationapp.models.library import Copy, Title
from stationapp.services import library, people
from stationapp.services.library_import import (
    ImportProblem,
    ImportRefused,
    create_title_with_copy,
    import_catalogue,
)
from tests.helpers.ids import make_ric

HEADER_ZH = ["书名", "作者", "ISBN", "出版社", "出版年", "分类号", "条码", "价格", "馆藏地"]
HUOZHE = "9787506365437"  # 活着, 作家出版社
WEICHENG = "9787020090006"  # 围城, 人民文学出版社


def isbn13(number: int) -> str:
    body = f"9787{number:08d}"
    return body + ean.calc_check_digit(body)


def write_csv(path: Path, rows: list[list[object]], *, encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def librarian(make_staff):
    return make_staff("librarian", LIBRARIAN)


def counts() -> tuple[int, int]:
    return Title.select().count(), Copy.select().count()


def test_one_bad_isbn_imports_nothing_and_names_row_and_field(librarian, tmp_path):
    path = write_csv(
        tmp_path / "catalogue.csv",
        [
            HEADER_ZH,
            ["活着", "余华", HUOZHE, "作家出版社", "2012", "I247.57", "TS0001", "20.00", "一楼"],
            [
                "围城",
                "钱钟书",
                "9787020090007",
                "人民文学出版社",
                "1991",
                "I246.5",
                "TS0002",
                "",
                "",
            ],
            ["边城", "沈从文", "", "", "", "", "TS0003", "", ""],
        ],
    )
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, path)
    [problem] = caught.value.problems
    assert isinstance(problem, ImportProblem)
    row, field, message = problem
    assert (row, field) == (3, "isbn") and "ISBN" in message
    assert caught.value.columns["isbn"] == "ISBN"
    assert counts() == (0, 0)
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()


def test_csv_with_chinese_headers_merges_rows_of_one_title(librarian, tmp_path):
    path = write_csv(
        tmp_path / "书目.csv",
        [
            ["类型", "书名", "作者", "ISBN", "条码", "册数", "登录号", "价格", "馆藏地"],
            [
                "图书",
                "活着",
                "余华",
                "978-7-5063-6543-7",
                "TS0001；ts0002",
                "2",
                "D1;D2",
                "¥20",
                "",
            ],
            ["", "活着", "余华", HUOZHE, "TS0003", "", "D3", "20.00元", "二楼"],
            ["期刊", "读者", "", "", "QK0001", "1", "", "", ""],
            ["", "", "", "", "", "", "", "", ""],  # blank rows are skipped
            ["", "读者", "", "", "QK0002", "", "", "", ""],
        ],
        encoding="gb18030",
    )
    result = import_catalogue(librarian, path)
    assert (result.rows, result.titles_created, result.copies_created) == (4, 2, 5)
    assert not result.cancelled
    huozhe = Title.get(Title.title == "活着")
    assert huozhe.isbn == HUOZHE and huozhe.author == "余华" and huozhe.item_type == "book"
    assert [(c.barcode, c.accession_number, c.price) for c in huozhe.copies.order_by(Copy.id)] == [
        ("TS0001", "D1", Decimal("20.00")),
        ("TS0002", "D2", Decimal("20.00")),
        ("TS0003", "D3", Decimal("20.00")),
    ]
    duzhe = Title.get(Title.title == "读者")
    assert duzhe.item_type == "magazine" and duzhe.copies.count() == 2
    # Searchable like a title typed in by hand.
    assert [t.id for t in library.search_titles(librarian, "hz")] == [huozhe.id]
    assert library.availability([huozhe.id]) == {huozhe.id: (3, 3)}
    entry = AuditEntry.get(AuditEntry.action == "import")
    assert '"copies": 5' in entry.details and "书目.csv" in entry.details


def test_xlsx_with_english_headers_and_number_cells(librarian, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Station library, exported 2024"])  # a title line above the header
    sheet.append(["Title", "Author", "ISBN", "Publisher", "Year", "Class", "Barcode", "Price"])
    sheet.append(["Weicheng", "Qian Zhongshu", int(WEICHENG), "PPH", 1991, "I246.5", 100001, 19.5])
    sheet.append(["Weicheng", "Qian Zhongshu", WEICHENG, "PPH", 1991, "I246.5", 100002, 19.5])
    sheet.append(["Classic", "", 306406152, "", None, "", "C-1", None])  # ISBN-10 lost its 0
    path = tmp_path / "catalogue.xlsx"
    workbook.save(path)
    result = import_catalogue(librarian, path)
    assert (result.titles_created, result.copies_created) == (2, 3)
    weicheng = Title.get(Title.isbn == WEICHENG)
    assert weicheng.year == 1991 and weicheng.classification == "I246.5"
    assert sorted(c.barcode for c in weicheng.copies) == ["100001", "100002"]
    assert Title.get(Title.title == "Classic").isbn == "9780306406157"
    assert Copy.get(Copy.barcode == "C1").price is None  # stored as the desk would scan it


def test_rows_for_a_title_already_in_the_catalogue_add_copies(librarian, tmp_path):
    existing = library.create_title(
        librarian, library.TitleInput(title="活着", author="余华", isbn=HUOZHE)
    )
    library.add_copy(librarian, existing.id, library.CopyInput(barcode="OLD1"))
    path = write_csv(
        tmp_path / "more.csv",
        [["书名", "ISBN", "条码"], ["活着", HUOZHE, "NEW1"], ["活着", HUOZHE, "NEW2"]],
    )
    result = import_catalogue(librarian, path)
    assert (result.titles_created, result.titles_existing, result.copies_created) == (0, 1, 2)
    assert existing.copies.count() == 3
    assert Title.select().count() == 1


def test_duplicate_barcodes_in_the_file_are_refused(librarian, tmp_path):
    path = write_csv(
        tmp_path / "dups.csv",
        [
            ["书名", "条码"],
            ["活着", "TS0001"],
            ["围城", "TS0002;TS0002"],
            ["边城", "ts0001"],
        ],
    )
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, path)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "barcode"), (4, "barcode")]
    assert "2" in caught.value.problems[1].message  # names the row it repeats
    assert counts() == (0, 0)


def test_barcodes_already_in_use_are_refused(librarian, admin, tmp_path):
    title = library.create_title(librarian, library.TitleInput(title="茶馆"))
    library.add_copy(librarian, title.id, library.CopyInput(barcode="TS0001"))
    card = "622202000012345" + luhn.calc_check_digit("622202000012345")
    people.create_person(admin, people.PersonInput(name="张伟", is_member=True, member_card=card))
    ric = make_ric(seq=124)
    people.create_person(admin, people.PersonInput(name="李娜", id_number=ric))
    path = write_csv(
        tmp_path / "taken.csv",
        [
            ["书名", "条码"],
            ["活着", "TS0001"],
            ["围城", "TS0009"],
            ["雷雨", card],
            ["日出", ric],
            ["茶馆", ric[-4:]],  # the tail of an ID number is no card: the desk may use it
        ],
    )
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, path)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (2, "barcode"),
        (4, "barcode"),
        (5, "barcode"),
    ]
    assert counts() == (1, 1)


def test_every_problem_of_the_file_is_listed_in_row_order(librarian, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["书名", "出版年", "条码", "册数", "价格", "类型"],
            ["", "1200", "", "", "", ""],
            ["活着", "2012", "TS1", "2", "二十元", "小说"],
            ["围城", "", "TS 2", "", "", ""],
        ],
    )
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, path)
    found = [(p.row, p.field) for p in caught.value.problems]
    assert found == [
        (2, "title"),
        (2, "year"),
        (2, "barcode"),
        (3, "item_type"),
        (3, "copies"),
        (3, "price"),
        (4, "barcode"),
    ]
    assert "3" in caught.value.message  # rows with problems


def test_missing_columns_are_named(librarian, tmp_path):
    no_title = write_csv(tmp_path / "a.csv", [["作者", "条码"], ["余华", "TS1"]])
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, no_title)
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "title")]
    no_barcode = write_csv(tmp_path / "b.csv", [["书名", "册数"], ["活着", "3"]])
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, no_barcode)
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "barcode")]


def test_files_that_cannot_be_read(librarian, tmp_path):
    old_excel = tmp_path / "old.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UserError):
        import_catalogue(librarian, old_excel)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UserError):
        import_catalogue(librarian, broken)
    with pytest.raises(UserError):
        import_catalogue(librarian, tmp_path / "missing.csv")
    header_only = write_csv(tmp_path / "empty.csv", [["书名", "条码"]])
    with pytest.raises(UserError):
        import_catalogue(librarian, header_only)


def test_front_desk_may_not_import(make_staff, tmp_path):
    desk = make_staff("desk", FRONT_DESK)
    path = write_csv(tmp_path / "a.csv", [["书名", "条码"], ["活着", "TS1"]])
    with pytest.raises(PermissionDenied):
        import_catalogue(desk, path)


def _rows(count: int) -> list[list[object]]:
    rows: list[list[object]] = [["书名", "作者", "ISBN", "条码", "价格"]]
    for index in range(count):
        title = index - index % 4 if index % 8 < 4 else index  # four copies of every other title
        rows.append([f"职工读物{title}", "工会", isbn13(title), f"TS{index:06d}", "12.50"])
    return rows


@pytest.mark.parametrize("stop_in", ["check", "write"])
def test_cancel_through_progress_writes_nothing(librarian, tmp_path, stop_in):
    path = write_csv(tmp_path / "big.csv", _rows(1000))
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return not (total and (done > total // 2 if stop_in == "write" else done > 0))

    result = import_catalogue(librarian, path, progress=progress)
    assert result.cancelled
    assert (result.titles_created, result.copies_created) == (0, 0)
    assert counts() == (0, 0)
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()
    assert calls[-1][1] == 2000


def test_ten_thousand_rows_import(librarian, tmp_path):
    path = write_csv(tmp_path / "big.csv", _rows(10_000))
    seen: list[tuple[int, int]] = []
    result = import_catalogue(librarian, path, progress=lambda d, t: seen.append((d, t)) or True)
    assert (result.rows, result.copies_created) == (10_000, 10_000)
    assert result.titles_created == 6_250 == Title.select().count()
    assert Copy.select().count() == 10_000
    assert Copy.select().where(Copy.title.is_null()).count() == 0
    assert Title.get(Title.title == "职工读物0").copies.count() == 4
    done = [d for d, t in seen if t]
    assert done == sorted(done) and seen[-1] == (20_000, 20_000)
    assert AuditEntry.select().where(AuditEntry.action == "import").count() == 1


def test_title_with_first_copy_is_one_transaction(librarian):
    title = library.create_title(librarian, library.TitleInput(title="茶馆"))
    library.add_copy(librarian, title.id, library.CopyInput(barcode="TS0001"))
    with pytest.raises(ValidationError) as caught:
        create_title_with_copy(
            librarian, library.TitleInput(title="活着"), library.CopyInput(barcode="TS0001")
        )
    assert caught.value.field == "barcode"
    assert counts() == (1, 1)
    with pytest.raises(ValidationError) as caught:
        create_title_with_copy(
            librarian,
            library.TitleInput(title="", isbn="123"),
            library.CopyInput(barcode="TS2", price="abc"),
        )
    assert set(caught.value.errors) == {"title", "isbn", "price"}
    created = create_title_with_copy(
        librarian, library.TitleInput(title="活着", isbn="750636543X"), library.CopyInput("TS2")
    )
    assert created.isbn == HUOZHE and [c.barcode for c in created.copies] == ["TS2"]
    alone = create_title_with_copy(librarian, library.TitleInput(title="雷雨"), None)
    assert alone.copies.count() == 0
