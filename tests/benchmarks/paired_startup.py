"""Start-up against a bare window in paired rounds, for a loaded machine (issue 22).

    python tests/benchmarks/paired_startup.py --url sqlite:////tmp/copy.db [--rounds 15]
        [--tree OTHER_CHECKOUT ...]

``run.py --only startup`` takes the median of each kind over its runs; when other work on the
machine comes and goes, the bare window of one minute and the main window of the next do not
compare. Here each round starts the bare window, then the main window opening on Today, then the
main window reopening on Visits (for this checkout and each ``--tree``, e.g. an export of main),
one right after the other, and divides each by the bare window of its own round; the table gives
the medians of those ratios, of the wall-clock times, and of the CPU time (user + system) each
process had used at its first paint, which other processes on the machine disturb far less.

The database at ``--url`` is used as it is (a SQLite file is opened for writing by the window:
give it a copy). The children are run.py's own (``--child bare|app|app-visits``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(tree: Path, mode: str, url: str, env: dict[str, str]) -> dict[str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            str(tree / "tests" / "benchmarks" / "run.py"),
            "--child",
            mode,
            "--started",
            repr(started),
            "--url",
            url,
        ],
        env={**env, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} ({tree}) failed: {done.stderr.strip()[-800:]}")
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the database (a copy: it is opened)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--tree", action="append", type=Path, default=[], help="another checkout to compare"
    )
    args = parser.parse_args(argv)
    trees = [ROOT, *(t.resolve() for t in args.tree)]
    kinds = [("bare", ROOT, "bare")]
    for tree in trees:
        kinds += [(f"today {tree.name}", tree, "app"), (f"visits {tree.name}", tree, "app-visits")]
    rows: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in kinds}
    with tempfile.TemporaryDirectory(prefix="stationapp-paired-") as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STATIONAPP_DATA_DIR=data)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _name, tree, mode in kinds:  # warm the file cache and the bytecode
            child(tree, mode, args.url, env)
        for number in range(args.rounds):
            for name, tree, mode in kinds:
                rows[name].append(child(tree, mode, args.url, env))
            print(f"round {number + 1}/{args.rounds}, load {os.getloadavg()[0]:.1f}", flush=True)
    bare = rows["bare"]
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'':<24}{'wall ms':>9}{'ratio':>8}{'cpu ms':>9}{'cpu ratio':>11}")
    for name, _, _ in kinds:
        runs = rows[name]
        wall = statistics.median(r["shown_s"] for r in runs) * 1000
        cpu = statistics.median(r["cpu_s"] for r in runs) * 1000
        ratio = statistics.median(
            r["shown_s"] / b["shown_s"] for r, b in zip(runs, bare, strict=True)
        )
        cpu_ratio = statistics.median(
            r["cpu_s"] / b["cpu_s"] for r, b in zip(runs, bare, strict=True)
        )
        print(f"{name:<24}{wall:>9.0f}{ratio:>7.2f}x{cpu:>9.0f}{cpu_ratio:>10.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
