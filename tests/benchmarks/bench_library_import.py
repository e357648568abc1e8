"""Catalogue import: a generated 10,000-row file through ``import_catalogue``.

    python tests/benchmarks/bench_library_import.py [--rows 10000] [--xlsx] [--runs 3]

Each run imports the file into a fresh SQLite database in a process of its own (the file is
read, checked and written a batch at a time in one transaction) and reports the import's time
(wall clock and the process's CPU time) and the largest memory the process held (its maximum
resident set: Python, Qt's core, pypinyin's dictionaries and the import together).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import peewee
from stdnum import ean

from stationapp.db import close_database
from stationapp.models.library import Copy, Title
from stationapp.services import accounts
from stationapp.services.library_import import import_catalogue
from stationapp.services.maintenance import open_station_database

SEED = 20261124
WORDS = (
    "平凡的世界红楼梦活着围城边城家春秋骆驼祥子呐喊彷徨朝花夕拾茶馆雷雨日出劳动法实务工会工作手册"
)
SURNAMES = "王李张刘陈杨赵黄周吴"
PUBLISHERS = ("人民文学出版社", "中国工人出版社", "法律出版社", "三联书店", "商务印书馆")
HEADER = (
    "书名",
    "作者",
    "ISBN",
    "出版社",
    "出版年",
    "分类号",
    "类型",
    "条码",
    "登录号",
    "价格",
    "馆藏地",
)


def isbn13(number: int) -> str:
    body = f"9787{number:08d}"
    return body + ean.calc_check_digit(body)


def generate_rows(count: int, *, seed: int = SEED) -> list[list[str]]:
    """``count`` rows: about one in four is another copy of an earlier title, one in ten has no
    ISBN; one barcode per row."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for index in range(count):
        if rows and rng.random() < 0.25:
            earlier = rows[rng.randrange(len(rows))]
            row = list(earlier)
        else:
            title = "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 10))) + f"{index}"
            row = [
                title,
                rng.choice(SURNAMES) + "".join(rng.choice(WORDS) for _ in range(2)),
                "" if rng.random() < 0.1 else isbn13(index),
                rng.choice(PUBLISHERS),
                str(rng.randint(1980, 2024)),
                f"I247.{rng.randint(1, 9)}",
                rng.choice(("图书", "图书", "图书", "期刊", "工具书")),
            ]
            row += ["", "", "", ""]
        row[7] = f"TS{index + 1:07d}"
        row[8] = f"DJ{index + 1:07d}"
        row[9] = f"{rng.randint(10, 120)}.{rng.randint(0, 99):02d}"
        row[10] = rng.choice(("一楼阅览室", "二楼书库", "流动书架"))
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("馆藏")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.platform()}; CPU {cpu}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
        f"peewee {peewee.__version__}"
    )


def run_once(folder: Path, source: Path, run: int) -> tuple[float, float, int, int]:
    """One import into a fresh database: (wall seconds, CPU seconds, titles, copies)."""
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
        start, cpu = time.perf_counter(), time.process_time()
        result = import_catalogue(admin, source, progress=lambda done, total: True)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert not result.cancelled
        assert Copy.select().count() == result.copies_created
        return wall, cpu, Title.select().count(), result.copies_created
    finally:
        close_database()


def child(folder: Path, source: Path, run: int) -> int:
    wall, cpu, titles, copies = run_once(folder, source, run)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{wall:.3f} {cpu:.3f} {peak:.1f} {titles} {copies}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="import an .xlsx instead of a CSV")
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "SOURCE", "RUN"), help="internal")
    args = parser.parse_args(argv)
    if args.child:
        return child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = generate_rows(args.rows)
        start = time.perf_counter()
        if args.xlsx:
            source = write_xlsx(folder / "catalogue.xlsx", rows)
        else:
            source = write_csv(folder / "catalogue.csv", rows)
        del rows
        print(
            f"{source.suffix} file of {args.rows:,} rows "
            f"({source.stat().st_size / 1e6:.1f} MB) written in "
            f"{time.perf_counter() - start:.2f} s"
        )
        walls, cpus, peaks = [], [], []
        for run in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), str(source), str(run)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            wall, cpu, peak = (float(value) for value in out[:3])
            titles, copies = int(out[3]), int(out[4])
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
            print(
                f"run {run + 1}: {wall:.2f} s (CPU {cpu:.2f} s), peak memory {peak:.0f} MB; "
                f"{titles:,} titles, {copies:,} copies; load average {os.getloadavg()[0]:.1f}"
            )
        print(
            f"median {statistics.median(walls):.2f} s (CPU {statistics.median(cpus):.2f} s, "
            f"{args.rows / statistics.median(walls):,.0f} rows/s); "
            f"peak memory {max(peaks):.0f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
