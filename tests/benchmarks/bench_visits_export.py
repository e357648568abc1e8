"""The visit log's export: about 100,000 visits to Excel and to CSV through ``export_visits``.

    python tests/benchmarks/bench_visits_export.py --db /tmp/large.db [--runs 3] [--rows 100000]

The database is copied first (the original is never written to). The filter is run.py's: from
the day after the 100,000th newest visit arrived. Each export reports its wall-clock time and
the process's CPU time, with rows per second of each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stationapp.db import close_database
from stationapp.models.accounts import Staff
from stationapp.models.visits import Visit
from stationapp.services import visits
from stationapp.services.maintenance import open_station_database
from tests.benchmarks.bench_library_import import machine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = folder / "bench.db"
        shutil.copyfile(args.db, copy)
        os.environ["STATIONAPP_DATA_DIR"] = str(folder / "data")
        open_station_database(f"sqlite:///{copy.as_posix()}")
        try:
            actor = Staff.select().where(Staff.roles.contains("admin")).first()
            newest = (
                Visit.select(Visit.arrived_at)
                .order_by(Visit.arrived_at.desc(), Visit.id.desc())
                .offset(args.rows - 1)
                .first()
            )
            start = newest.arrived_at.date() + timedelta(days=1) if newest else None
            filt = visits.VisitFilter(date_from=start)
            for suffix in (".xlsx", ".csv"):
                walls, cpus, rows, size = [], [], 0, 0
                for run in range(args.runs):
                    path = folder / f"export-{run}{suffix}"
                    wall, cpu = time.perf_counter(), time.process_time()
                    rows = visits.export_visits(actor, filt, path)
                    walls.append(time.perf_counter() - wall)
                    cpus.append(time.process_time() - cpu)
                    size = path.stat().st_size
                    path.unlink()
                    print(
                        f"{suffix} run {run + 1}: {walls[-1]:.2f} s (CPU {cpus[-1]:.2f} s); "
                        f"load average {os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
                wall, cpu = statistics.median(walls), statistics.median(cpus)
                print(
                    f"{suffix}: {rows:,} rows, {size / 2**20:.1f} MiB; median {wall:.2f} s "
                    f"({rows / wall:,.0f} rows/s), CPU {cpu:.2f} s ({rows / cpu:,.0f} rows/s)"
                )
        finally:
            close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
