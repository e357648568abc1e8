"""Another desk in a process of its own: it opens the shared database, records one visit through
the real service and prints the visit's id.

Run as ``python -m tests.helpers.one_visit URL USERNAME PERSON_ID SERVICE_ID``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    url, username, person_id, service_id = argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from stationapp.db import close_database
    from stationapp.models.accounts import Staff
    from stationapp.services import visits
    from stationapp.services.maintenance import open_station_database

    open_station_database(url)
    staff = Staff.get(Staff.username == username)
    visit = visits.record_visit(
        staff,
        visits.VisitInput(
            person_id=int(person_id),
            channel="walk_in",
            purposes=[visits.PurposeInput(service_id=int(service_id))],
            notes="另一台电脑登记",
        ),
    )
    close_database()
    print(visit.id, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
