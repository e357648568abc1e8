"""A writer process for the backup tests: registers people on its own connection until killed,
printing each committed person's id (flushed) after the service call returned.

Run as ``python -m tests.helpers.people_writer URL DATA_DIR USERNAME``.
"""

from __future__ import annotations

import os
import sys


def main(url: str, data_dir: str, username: str) -> None:
    os.environ["STATIONAPP_DATA_DIR"] = data_dir
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from stationapp.models.accounts import Staff
    from stationapp.services import people
    from stationapp.services.maintenance import open_station_database

    open_station_database(url)
    staff = Staff.get(Staff.username == username)
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
    number = 0
    while True:
        number += 1
        name = surnames[number % 16] + given[(number // 16) % 21] + given[(number // 336) % 21]
        person = people.create_person(
            staff,
            people.PersonInput(name=name, phone=f"139{number:08d}", notes="写" * 500),
            allow_duplicate=True,
        )
        print(person.id, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
