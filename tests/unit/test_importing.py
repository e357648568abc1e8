"""The pieces the three spreadsheet imports share (services/importing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationapp.errors import UserError
from stationapp.services import case_import, importing, library_import, people_import
from stationapp.services.importing import ImportProblem


def test_the_three_imports_refuse_with_one_kind_of_refusal() -> None:
    assert people_import.ImportRefused is importing.ImportRefused
    assert case_import.ImportRefused is importing.ImportRefused
    assert library_import.ImportRefused is importing.ImportRefused
    assert library_import.ImportProblem is people_import.ImportProblem is ImportProblem


def _csv(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "file.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _header(number: int, record: list) -> int | None:
    return number if "姓名" in record else None


def test_rows_below_the_header_that_hold_anything(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["花名册", "", "姓名,电话", "张三,1", ",", "李四,2"])
    header, records = importing.read_records(
        path, lambda d, t: None, _header, header_rows=10, max_rows=5, too_many="{count}"
    )
    assert header == 3
    assert records == [(4, ["张三", "1"]), (6, ["李四", "2"])]


def test_no_header_in_the_first_rows(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["标题", "说明", "姓名,电话", "张三,1"])
    header, records = importing.read_records(
        path, lambda d, t: None, _header, header_rows=2, max_rows=5, too_many="{count}"
    )
    assert header is None and records == []


def test_too_many_rows_are_refused(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["姓名", "甲", "乙", "丙"])
    with pytest.raises(UserError, match="more than 2"):
        importing.read_records(
            path,
            lambda d, t: None,
            _header,
            header_rows=1,
            max_rows=2,
            too_many="more than {count}",
        )


def test_checking_tells_the_progress_and_keeps_every_problem() -> None:
    records = [(n, [str(n)]) for n in range(2, 7)]
    told: list[tuple[int, int]] = []

    def check(number: int, record: list) -> tuple[int | None, list[ImportProblem]]:
        if number % 2:
            return None, [ImportProblem(number, "name", "odd")]
        return number, []

    rows, problems = importing.check_records(
        records, check, lambda d, t: told.append((d, t)), every=2
    )
    assert rows == [2, 4, 6]
    assert [p.row for p in problems] == [3, 5]
    assert told == [(2, 10), (4, 10), (5, 10)]


def test_a_progress_that_says_stop_cancels() -> None:
    def work(report: importing.Report) -> str:
        report(1, 2)
        return "done"

    assert importing.cancellable(None, work, "cancelled") == "done"
    assert importing.cancellable(lambda d, t: True, work, "cancelled") == "done"
    assert importing.cancellable(lambda d, t: False, work, "cancelled") == "cancelled"


def test_problems_in_file_order_and_the_rows_they_touch() -> None:
    problems = [
        ImportProblem(5, "phone", "b"),
        ImportProblem(3, "unknown", "c"),
        ImportProblem(3, "name", "a"),
        ImportProblem(5, "name", "d"),
    ]
    ordered = importing.in_file_order(problems, ("name", "phone"))
    assert [(p.row, p.field) for p in ordered] == [
        (3, "name"),
        (3, "unknown"),
        (5, "name"),
        (5, "phone"),
    ]
    assert importing.rows_with_problems(problems) == 2
