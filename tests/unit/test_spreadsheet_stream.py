"""The streamed workbook of the table exports (services.spreadsheet.XlsxStream, issue #22) reads
back as the openpyxl-written workbook did: dates as dates with the same formats, numbers as
numbers, text as text, formula-like text as quoted text, nothing where a cell was empty."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from stationapp.services.spreadsheet import TableExport, xlsx_row

HEADER = ["到达时间", "姓名", "次数", "金额", "比例", "是否", "备注", "日期", "空", "空文本"]
ROWS: list[list[object]] = [
    [
        datetime(2026, 12, 7, 10, 5, 3, 120000),
        "张三",
        3,
        Decimal("1.50"),
        2.5,
        True,
        '=HYPERLINK("x")',
        date(2026, 1, 2),
        None,
        "",
    ],
    [
        datetime(1900, 2, 28, 12),
        " 前后有空格 ",
        -7,
        Decimal("0"),
        0.1,
        False,
        "+1",
        date(1900, 1, 5),
    ],
    [datetime(2026, 1, 1), "a&b<c>\"d'", 10**12, Decimal("123456.78"), -1e-5, None, "@SUM(A1)"],
    [None, "两行\n文字", 0, None, 1.0, None, "-2+3", None, None, "末尾"],
    [datetime(2099, 12, 31, 23, 59, 59), "\t=1", None, None, None, None, "甲\x01乙\x1f丙"],
]


def _reference(path: Path, rows: list[list[object]]) -> Path:
    """The workbook as openpyxl's write-only mode wrote it before issue #22."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("表")
    sheet.append(xlsx_row(sheet, HEADER))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    workbook.save(path)
    return path


def _streamed(path: Path, rows: list[list[object]]) -> Path:
    with TableExport(path, "表", HEADER) as table:
        for row in rows:
            table.append(row)
    return path


def _cells(path: Path) -> list[list[tuple[object, ...]]]:
    sheet = load_workbook(path).active
    return [
        [(c.value, c.data_type, c.number_format, bool(c.quotePrefix)) for c in row]
        for row in sheet.iter_rows()
    ]


def test_the_streamed_workbook_reads_back_as_openpyxls(tmp_path) -> None:
    expected = _cells(_reference(tmp_path / "openpyxl.xlsx", ROWS))
    got = _cells(_streamed(tmp_path / "stream.xlsx", ROWS))
    assert got == expected
    sheet = load_workbook(tmp_path / "stream.xlsx").active
    assert sheet.title == "表"
    assert sheet["A2"].value == datetime(2026, 12, 7, 10, 5, 3, 120000)
    assert sheet["A2"].number_format == "yyyy-mm-dd h:mm:ss"
    assert sheet["H2"].number_format == "yyyy-mm-dd"
    assert sheet["G2"].quotePrefix and sheet["G2"].data_type == "s"
    assert sheet["C4"].value == 10**12 and sheet["D4"].value == 123456.78
    assert sheet["I2"].value is None and sheet["J2"].value is None
    assert sheet["B3"].value == " 前后有空格 "
    assert sheet["G6"].value == "甲乙丙"  # what XML cannot carry is dropped, as before


def test_a_formula_never_survives_evaluation(tmp_path) -> None:
    path = _streamed(tmp_path / "stream.xlsx", ROWS)
    evaluated = load_workbook(path, data_only=True).active
    assert evaluated["G2"].value == '=HYPERLINK("x")'
    assert all(
        cell.data_type != "f" for row in load_workbook(path).active.iter_rows() for cell in row
    )


def test_calamine_reads_the_same_values(tmp_path) -> None:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(_streamed(tmp_path / "s.xlsx", ROWS))).get_sheet_by_index(
        0
    )
    values = rows.to_python()
    assert values[0] == HEADER
    assert values[1][:8] == [
        datetime(2026, 12, 7, 10, 5, 3, 120000),
        "张三",
        3,
        1.5,
        2.5,
        True,
        '=HYPERLINK("x")',
        date(2026, 1, 2),
    ]
    assert values[4][1] == "两行\n文字"


def test_a_carriage_return_stays_one(tmp_path) -> None:
    path = _streamed(tmp_path / "cr.xlsx", [["\r=1", "a\r\nb"]])
    sheet = load_workbook(path).active
    assert sheet["A2"].value == "\r=1" and sheet["A2"].quotePrefix
    assert sheet["B2"].value == "a\r\nb"


def test_wide_and_long_tables(tmp_path) -> None:
    wide = [[f"c{i}" for i in range(300)]]
    path = _streamed(tmp_path / "wide.xlsx", wide * 3 + [[index] for index in range(2000)])
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][299] == "c299"
    assert len(rows) == 1 + 3 + 2000 and rows[-1][0] == 1999


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_workbook_is_private(tmp_path) -> None:
    path = _streamed(tmp_path / "private.xlsx", ROWS)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=100))
def test_any_text_reads_back(text: str, tmp_path_factory) -> None:
    path = _streamed(tmp_path_factory.mktemp("t") / "t.xlsx", [[text]])
    cell = load_workbook(path).active.cell(row=2, column=1)
    kept = "".join(ch for ch in text if ch in "\t\n\r" or not (ch < " " or ch in "\ufffe\uffff"))
    assert cell.value == (kept or None)
    assert cell.data_type != "f"
