"""A child process for the crash-durability test: it records visits through the real service in
a loop and, after each call returns, writes the new visit's id to stdout, one per line, flushed.
The parent kills it with SIGKILL at a random moment; every id it printed was committed.

Run as ``python -m tests.helpers.visit_writer URL USERNAME PERSON_ID SERVICE_ID...``. Call ``n``
(counting from 0) records a visit with the first ``1 + n % len(services)`` services as purposes,
so the parent knows which purposes each reported id must have.
"""

from __future__ import annotations

import os
import sys
import time

# It stops by itself if the parent never kills it, so a failed test leaves no process behind.
MAX_SECONDS = 60.0


def purposes_for_call(call: int, service_ids: list[int]) -> list[int]:
    return service_ids[: 1 + call % len(service_ids)]


def main(argv: list[str]) -> int:
    url, username, person_id, *raw_services = argv
    service_ids = [int(s) for s in raw_services]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from stationapp.models.accounts import Staff
    from stationapp.services import visits
    from stationapp.services.maintenance import open_station_database

    open_station_database(url)
    staff = Staff.get(Staff.username == username)
    out = sys.stdout
    started = time.monotonic()
    call = 0
    while time.monotonic() - started < MAX_SECONDS:
        visit = visits.record_visit(
            staff,
            visits.VisitInput(
                person_id=int(person_id),
                channel="walk_in",
                purposes=[
                    visits.PurposeInput(service_id=sid)
                    for sid in purposes_for_call(call, service_ids)
                ],
                notes=f"crash round call {call}",
            ),
        )
        out.write(f"{visit.id}\n")
        out.flush()
        call += 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
