"""Several desks at once: worker processes started together behind a barrier, each reporting
one tuple on a queue (the concurrency tests of rule 3 and of migrations)."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class DeskRun:
    """What the desks reported (fewer than started when a desk hung or died) and how each
    process ended (None: it had to be killed)."""

    reports: list[tuple] = field(default_factory=list)
    exitcodes: list[int | None] = field(default_factory=list)

    def check(self, count: int, ok: tuple[str, ...]) -> None:
        """Every desk reported one of the ``ok`` kinds and exited cleanly; the assertion shows
        a failing desk's own report (its traceback)."""
        failures = [r for r in self.reports if r[1] not in ok]
        assert not failures, "\n".join(
            f"desk {index}: {kind}\n{details}" for index, kind, details, *_ in failures
        )
        assert len(self.reports) == count, f"only {len(self.reports)} of {count} desks reported"
        assert self.exitcodes == [0] * count, self.exitcodes


def run_desks(
    tmp_path: Path,
    count: int,
    target: Callable[..., None],
    db_url: str,
    *,
    timeout: float = 90,
    kwargs: dict[str, Any] | None = None,
    kwargs_of: Callable[[int], dict[str, Any]] | None = None,
) -> DeskRun:
    """Start ``count`` processes of ``target(index, db_url, data_dir, barrier, results,
    **kwargs)``, each with its own data folder (``kwargs_of(index)`` adds per-desk arguments),
    and collect their reports."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(count)
    results = context.Queue()
    processes = []
    for index in range(count):
        data_dir = tmp_path / f"desk{index}"
        data_dir.mkdir()
        process = context.Process(
            target=target,
            args=(index, db_url, str(data_dir), barrier, results),
            kwargs={**(kwargs or {}), **(kwargs_of(index) if kwargs_of else {})},
        )
        process.start()
        processes.append(process)
    run = DeskRun()
    try:
        for _ in range(count):
            run.reports.append(results.get(timeout=timeout))
    except queue.Empty:
        pass
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
                run.exitcodes.append(None)
            else:
                run.exitcodes.append(process.exitcode)
    return run
