"""People import (issue #21): a generated 20,000-row roster through ``import_people``.

    python tests/benchmarks/bench_people_import.py [--rows 20000] [--format csv|xlsx|xls] [--runs 3]

Target: 20,000 rows in at most 30 s. Each run imports the file into a fresh SQLite database with
200 workplaces and 2,000 people already on file, 1,000 of whom are in the roster (their empty
fields are filled); the roster sits below a title row, as stations write it. The time of the
read-and-check pass and of the match-and-write pass are split at the moment the progress
callback first reports a row of the second half.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stdnum import luhn

from stationapp.db import close_database, now
from stationapp.models.people import Organization, Person
from stationapp.services import accounts
from stationapp.services.maintenance import open_station_database
from stationapp.services.people_import import import_people
from stationapp.services.search_keys import phrase_search_text
from tests.benchmarks.bench_library_import import machine
from tests.helpers.ids import make_ric

SEED = 20261207
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志"
TITLE = "建国门街道工会会员花名册（2024年）"
HEADER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "手机号码",
    "工作单位",
    "入会时间",
    "会员卡号",
    "民族",
    "备注",
]
ON_FILE = 2_000
WORKPLACES = 200


def ric(n: int) -> str:
    return make_ric(birth=date(1960, 1, 1) + timedelta(days=n // 500), seq=n % 500 * 2 + 1)


def name(n: int) -> str:
    return SURNAMES[n % 20] + GIVEN[n // 20 % 31] + GIVEN[n // 620 % 31]


def card(n: int) -> str:
    body = f"622208{n:012d}"
    return body + luhn.calc_check_digit(body)


def workplace(n: int, rng: random.Random) -> str:
    spelling = rng.choice(("北京{}科技有限公司", "北京{}科技有限责任公司", "北京 {} 科技有限公司"))
    return spelling.format(f"建国{n % WORKPLACES}")


def generate_rows(count: int, *, seed: int = SEED) -> list[list[object]]:
    """``count`` rows; the first 1,000 are people already on file (by ID number)."""
    rng = random.Random(seed)
    rows: list[list[object]] = []
    for index in range(count):
        n = index + ON_FILE - 1_000
        rows.append(
            [
                index + 1,
                name(n),
                "男",
                ric(n) if rng.random() < 0.9 else ric(n).lower(),
                f"139 {n // 10000:04d} {n % 10000:04d}"
                if rng.random() < 0.5
                else f"+86-139{n:08d}",
                workplace(n, rng),
                rng.choice(("2019.05", "2019年5月", "2018-3-1", "20170301")),
                card(n) if rng.random() < 0.5 else "",
                "汉族",
                "",
            ]
        )
    return rows


def write(path: Path, rows: list[list[object]]) -> Path:
    table = [[TITLE], HEADER, *rows]
    if path.suffix == ".csv":
        with path.open("w", encoding="gb18030", newline="") as handle:
            csv.writer(handle).writerows(table)
    elif path.suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("花名册")
        for row in table:
            sheet.append(row)
        workbook.save(path)
    else:
        import xlwt

        book = xlwt.Workbook()
        sheet = book.add_sheet("花名册")
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        book.save(str(path))
    return path


def seed_register() -> None:
    moment = now()
    Organization.insert_many(
        [
            {"name": f"北京建国{n}科技有限公司", "search_text": phrase_search_text(f"建国{n}")}
            for n in range(WORKPLACES)
        ]
    ).execute()
    Person.insert_many(
        [
            {
                "name": name(n),
                "id_number": ric(n),
                "created_at": moment,
                "updated_at": moment,
                "last_activity_at": moment,
            }
            for n in range(ON_FILE)
        ]
    ).execute()


def run_once(folder: Path, source: Path, run: int) -> tuple[float, float, str]:
    url = f"sqlite:///{(folder / f'bench-{run}.db').as_posix()}"
    os.environ["STATIONAPP_DATA_DIR"] = str(folder / "data")
    open_station_database(url)
    try:
        admin = accounts.create_first_admin(
            username="admin",
            display_name="王站长",
            password="correct-horse-1",
            station_name="建国门街道工会服务站",
            case_prefix="建工调",
        )
        seed_register()
        marks: dict[str, float] = {}

        def progress(done: int, total: int) -> bool:
            if total and done > total // 2 and "write" not in marks:
                marks["write"] = time.perf_counter()
            return True

        start = time.perf_counter()
        result = import_people(admin, source, progress=progress)
        end = time.perf_counter()
        assert not result.cancelled and result.refused == 0
        split = marks.get("write", end)
        counts = (
            f"{result.created:,} added, {result.filled:,} on file completed, "
            f"{result.workplaces_created} workplaces added"
        )
        return split - start, end - split, counts
    finally:
        close_database()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=("csv", "xlsx", "xls"), default="xlsx")
    args = parser.parse_args(argv)
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        source = write(folder / f"花名册.{args.format}", generate_rows(args.rows))
        print(
            f"{source.suffix} roster of {args.rows:,} rows "
            f"({source.stat().st_size / 1e6:.1f} MB) written in "
            f"{time.perf_counter() - start:.2f} s"
        )
        totals = []
        for run in range(args.runs):
            check, write_time, counts = run_once(folder, source, run)
            totals.append(check + write_time)
            print(
                f"run {run + 1}: read and check {check:.2f} s, match and write "
                f"{write_time:.2f} s, total {check + write_time:.2f} s; {counts}"
            )
        median = statistics.median(totals)
        print(f"median total {median:.2f} s ({args.rows / median:,.0f} rows/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
