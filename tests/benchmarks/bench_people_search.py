"""Search-as-you-type over a large people register, against the 50 ms per keystroke target.

    python tests/benchmarks/bench_people_search.py [--people 200000] [--db PATH] [--runs 7]

Builds a fresh SQLite database (bulk inserts, the same search keys the service writes), then
times ``people.search_people`` for every prefix of typical queries as a user types them, plus the
register's first page and its count. ``--db PATH`` keeps the database at PATH and reuses it on the
next run; ``--explain`` prints the query plan of every statement behind one search per query.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import peewee
from stdnum import luhn
from stdnum.cn import ric

from stationapp import demo
from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services import accounts, people
from stationapp.services.maintenance import open_station_database
from stationapp.services.search_keys import display_pinyin, phrase_search_text

TARGET_MS = 50.0
BATCH = 1000
SEED = 20261124
HISTORY_DAYS = 3 * 365
COMMON_SURNAMES = {"王": "wang", "李": "li", "张": "zhang"}


@dataclass
class Sample:
    """Values of real generated people, so typed queries find something."""

    phone: str = ""  # the phone of a 王, 李 or 张: the common surnames are the hard case
    phone_name: str = ""
    id_x: str = ""
    card: str = ""
    compound_name: str = ""


# --- generation ---------------------------------------------------------------------------------


@functools.cache
def _name_part(name: str) -> tuple[tuple[str, str], ...]:
    keys = people.person_search_keys(name=name, phone="", id_number="", member_card="")
    return tuple(keys.items())


@functools.cache
def _display_pinyin(name: str) -> str:
    return display_pinyin(name)


def _search_keys(row: dict[str, object]) -> dict[str, str]:
    """person_search_keys, with the pinyin part cached per name (names repeat a lot)."""
    keys = dict(_name_part(str(row["name"])))
    rest = people.person_search_keys(
        name="",
        phone=str(row["phone"]),
        id_number=str(row["id_number"]),
        member_card=str(row["member_card"]),
    )
    for key, kind in rest.items():
        keys.setdefault(key, kind)
    return keys


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("0123456789", k=n))


def _ric(rng: random.Random, gender: str, birth: date) -> str:
    code = rng.choices(list(demo.ADDRESS_CODES), list(demo.ADDRESS_CODES.values()))[0]
    sequence = rng.randrange(1, 500) * 2 + (1 if gender == "M" else 0)
    body = f"{code}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def _unique(used: set[str], make: Callable[[], str]) -> str:
    while True:
        value = make()
        if value not in used:
            used.add(value)
            return value


def _create_organizations(rng: random.Random, count: int) -> list[int]:
    moment = now()
    rows = []
    for index in range(count):
        base = demo.ORGANIZATIONS[index % len(demo.ORGANIZATIONS)]
        name = base.name if index < len(demo.ORGANIZATIONS) else f"{base.name}{index}号分部"
        rows.append(
            {
                "name": name,
                "kind": base.kind,
                "address": base.address,
                "contact_name": "",
                "contact_phone": f"010-6{_digits(rng, 7)}",
                "union_status": base.union_status,
                "search_text": phrase_search_text(name),
                "created_at": moment,
                "updated_at": moment,
            }
        )
    with Person._meta.database.atomic():
        for start in range(0, len(rows), BATCH):
            Organization.insert_many(rows[start : start + BATCH]).execute()
    return [o.id for o in Organization.select(Organization.id)]


def _people_rows(
    rng: random.Random, count: int, org_ids: list[int], sample: Sample
) -> Iterator[dict[str, object]]:
    surnames = list(demo.SURNAMES)
    weights = list(demo.SURNAMES.values())
    used_ids: set[str] = set()
    used_phones: set[str] = set()
    used_cards: set[str] = set()
    moment = now()
    today = moment.date()
    for person_id in range(1, count + 1):
        gender = "F" if rng.random() < 0.52 else "M"
        chars = demo.FEMALE_CHARS if gender == "F" else demo.MALE_CHARS
        given = "".join(rng.sample(chars, 2 if rng.random() < 0.7 else 1))
        name = rng.choices(surnames, weights)[0] + given
        birth = today - timedelta(days=rng.randrange(18 * 366, 65 * 365))
        id_number = ""
        if rng.random() < 0.85:
            id_number = _unique(used_ids, functools.partial(_ric, rng, gender, birth))
        phone = ""
        if rng.random() < 0.95:
            phone = _unique(used_phones, lambda: rng.choice(demo.MOBILE_PREFIXES) + _digits(rng, 8))
        is_member = rng.random() < 0.55
        card = ""
        if is_member and rng.random() < 0.6:

            def make_card() -> str:
                body = "622" + _digits(rng, 15)
                return body + luhn.calc_check_digit(body)

            card = _unique(used_cards, make_card)
        created = moment - timedelta(seconds=rng.randrange(HISTORY_DAYS * 86400))
        last = created + (moment - created) * rng.random() ** 0.6
        if not sample.phone and phone.startswith("138") and name[0] in COMMON_SURNAMES:
            sample.phone, sample.phone_name = phone, name
        if not sample.id_x and id_number.endswith("X"):
            sample.id_x = id_number
        if not sample.card and card:
            sample.card = card
        if not sample.compound_name and name.startswith("欧阳") and len(name) == 4:
            sample.compound_name = name
        yield {
            "id": person_id,
            "name": name,
            "pinyin": _display_pinyin(name),
            "gender": gender,
            "birth_date": birth if id_number or rng.random() < 0.5 else None,
            "id_type": "ric",
            "id_number": id_number,
            "phone": phone,
            "workplace": rng.choice(org_ids) if rng.random() < 0.8 else None,
            "is_member": is_member,
            "member_card": card,
            "notes": "",
            "active": True,
            "created_at": created,
            "updated_at": created,
            "last_activity_at": last,
        }


def generate(count: int, *, seed: int) -> tuple[Staff, Sample]:
    rng = random.Random(seed)
    admin = accounts.create_first_admin(
        username="admin",
        display_name="王站长",
        password="bench-admin-1",
        station_name="东城区建国门街道工会服务站",
        case_prefix="建工调",
    )
    db = Person._meta.database
    org_ids = _create_organizations(rng, max(len(demo.ORGANIZATIONS), count // 100))
    sample = Sample()
    rows: list[dict[str, object]] = []
    keys: list[dict[str, object]] = []

    def flush() -> None:
        with db.atomic():
            Person.insert_many(rows).execute()
            for start in range(0, len(keys), BATCH):
                PersonSearchKey.insert_many(keys[start : start + BATCH]).execute()
        rows.clear()
        keys.clear()

    for row in _people_rows(rng, count, org_ids, sample):
        rows.append(row)
        keys.extend(
            {"person": row["id"], "key": key, "kind": kind}
            for key, kind in _search_keys(row).items()
        )
        if len(rows) >= BATCH:
            flush()
    if rows:
        flush()
    return admin, sample


# --- measuring ----------------------------------------------------------------------------------


def keystrokes(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1)]


def typed_queries(sample: Sample) -> list[tuple[str, list[str]]]:
    phone = sample.phone or "13812345678"
    id_x = sample.id_x or "11010119900101002X"
    card = sample.card or "6220000000000000000"
    queries = [
        ("name, characters", ["王", "王芳"]),
        ("name, compound surname", keystrokes(sample.compound_name or "欧阳")),
        ("full pinyin", keystrokes("zhangwei")),
        ("pinyin, polyphonic surname", keystrokes("shanli")),
        ("initials", keystrokes("wf")),
        ("phone, typed in full", keystrokes(phone)),
        ("phone, last 4", keystrokes(phone[-4:])),
        ("ID, last 4", keystrokes(id_x[-4:].lower())),
        ("ID, typed in full", keystrokes(id_x)),
        ("member card", keystrokes(card)),
        ("surname + phone last 4", two_words(sample)),
    ]
    return queries


def pad(text: str, width: int) -> str:
    """Left-align for a terminal, where a Chinese character takes two columns."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def two_words(sample: Sample) -> list[str]:
    """ "wang 5678" typed key by key: the surname's pinyin, then the phone's last four digits."""
    surname = COMMON_SURNAMES.get(sample.phone_name[:1], "wang")
    tail = (sample.phone or "13812345678")[-4:]
    return [f"{surname} {tail[:n]}" for n in range(1, 5)]


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[tuple[str, tuple[object, ...]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            self.statements.append((sql, tuple(params or ())))


@contextmanager
def captured_sql() -> Iterator[_Capture]:
    logger = logging.getLogger("peewee")
    handler = _Capture()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def explain(db: peewee.Database, admin: Staff, text: str) -> None:
    with captured_sql() as capture:
        people.search_people(admin, text)
    print(f"\nEXPLAIN QUERY PLAN for search {text!r}:")
    for sql, params in capture.statements:
        print(f"  {sql}")
        for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall():
            print(f"      {row[-1]}")


def stored_sample() -> Sample:
    def first(field: peewee.Field, *where: peewee.Expression) -> str:
        row = Person.select(field).where(*where).order_by(Person.id).first()
        return getattr(row, field.name) if row else ""

    common = Person.name.startswith("王") | Person.name.startswith("李")
    phone = first(Person.phone, Person.phone.startswith("138"), common)
    return Sample(
        phone=phone,
        phone_name=first(Person.name, Person.phone == phone) if phone else "",
        id_x=first(Person.id_number, Person.id_number.endswith("X")),
        card=first(Person.member_card, Person.member_card != ""),
        compound_name=first(
            Person.name, Person.name.startswith("欧阳"), peewee.fn.LENGTH(Person.name) == 4
        ),
    )


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


def run(args: argparse.Namespace, db_path: Path) -> float:
    os.environ.setdefault("STATIONAPP_DATA_DIR", str(db_path.parent / "data"))
    reuse = db_path.exists() and db_path.stat().st_size > 0
    db = open_station_database(f"sqlite:///{db_path.as_posix()}")
    try:
        if reuse and not accounts.is_first_run():
            admin = Staff.get(Staff.username == "admin")
            sample = stored_sample()
            print(f"reused {db_path}: {Person.select().count():,} people, no generation")
        else:
            started = time.perf_counter()
            admin, sample = generate(args.people, seed=args.seed)
            elapsed = time.perf_counter() - started
            key_count = PersonSearchKey.select().count()
            print(
                f"generated {args.people:,} people, "
                f"{Organization.select().count():,} workplaces and {key_count:,} search keys "
                f"in {elapsed:.1f} s"
            )
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db_path.stat().st_size
        print(f"database file: {db_path} ({size / 1024 / 1024:.1f} MiB)\n")

        header = (
            f"{'query':<28} {'keystroke text':<22} {'median ms':>10} {'max ms':>8} {'results':>8}"
        )
        print(header)
        print("-" * len(header))
        worst = 0.0
        worst_at = ""
        for label, texts in typed_queries(sample):
            for text in texts:
                people.search_people(admin, text)  # one warm-up, as a keystroke repeats
                median, peak, result = measure(
                    lambda t=text: people.search_people(admin, t), args.runs
                )
                count = len(result)  # type: ignore[arg-type]
                print(f"{label:<28} {pad(text, 22)} {median:>10.2f} {peak:>8.2f} {count:>7}")
                if median > worst:
                    worst, worst_at = median, f"{label} {text!r}"
        for label, fn in (
            ("list_people, first page", lambda: people.list_people(admin, offset=0, limit=50)),
            ("list_people, page 1000", lambda: people.list_people(admin, offset=50_000, limit=50)),
            ("count_people", lambda: people.count_people(admin)),
        ):
            median, peak, result = measure(fn, args.runs)
            shown = result if isinstance(result, int) else len(result)  # type: ignore[arg-type]
            print(f"{label:<51} {median:>10.2f} {peak:>8.2f} {shown:>7}")
        print(
            f"\nworst median per keystroke: {worst:.2f} ms (target {TARGET_MS:.0f} ms), "
            f"at {worst_at}"
        )
        if sample.phone:
            query = two_words(sample)[-1]
            hit = any(p.phone == sample.phone for p in people.search_people(admin, query))
            print(f"{query!r} finds {sample.phone_name} ({sample.phone}): {'yes' if hit else 'NO'}")
        print(f"machine: {machine()}")
        if args.explain:
            for _label, texts in typed_queries(sample):
                explain(db, admin, texts[-1])
        return worst
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--db", type=Path, help="keep the database here (reused if it exists)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per keystroke")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.db:
        worst = run(args, args.db.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="stationapp-bench-") as tmp:
            worst = run(args, Path(tmp) / "bench.db")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
