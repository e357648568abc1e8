"""The visit log on a large database, against the 50 ms target for a list's first page.

    python tests/benchmarks/bench_visits_log.py [--visits 1000000] [--db PATH] [--runs 7]

Builds a fresh SQLite database: 200,000 people (the generator of bench_people_search.py, search
keys included), ten desk accounts, outreach sessions, and ``--visits`` visits with about 1.3
purposes each spread over five years (busier in March and September, quiet at the Spring Festival
and in August), bulk-inserted with the rows the visit service would write. Then it times, through
the services, the log's first page (``list_visits``, 100 rows) and its count (``count_visits``)
for each filter the log offers and some combinations, and the follow-up list, today's counts per
purpose and the month's satisfaction. ``--db PATH`` keeps the database at PATH and reuses it on the
next run (a database from bench_people_search.py gets its visits added); ``--explain`` prints the
query plan of every statement behind each case.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import peewee

from stationapp import demo
from stationapp.db import SQLITE_PRAGMAS, now
from stationapp.models.accounts import FRONT_DESK, Staff
from stationapp.models.people import Organization, Person
from stationapp.models.visits import CHANNELS, OUTCOMES, OutreachSession, ServiceType, Visit
from stationapp.services import accounts, visits
from stationapp.services.maintenance import open_station_database
from stationapp.services.search_keys import phrase_search_text
from stationapp.services.visits import VisitFilter
from stationapp.services.welfare.season import spring_festival

try:  # the people register of the people-search benchmark, search keys included
    import bench_people_search as people_bench
except ImportError:  # pragma: no cover - run from somewhere unexpected
    people_bench = None  # type: ignore[assignment]

TARGET_MS = 50.0
SEED = 20261124
YEARS = 5
PAGE = 100
CHUNK = 50_000
COMMON_SERVICE = "入会"
RARE_SERVICE = "职工心理减压室预约"
DESK_STAFF = 9
# Share of the visits each receiver takes: a few desks do most of the work.
STAFF_WEIGHTS = (4, 16, 14, 12, 10, 8, 8, 10, 10, 8)
OUTREACH_VISITS_PER_SESSION = 25


# --- generation ---------------------------------------------------------------------------------


def _fallback_people(count: int, seed: int) -> Staff:
    """Plain people without search keys, for when bench_people_search.py cannot be imported."""
    rng = random.Random(seed)
    admin = accounts.create_first_admin(
        username="admin",
        display_name="王站长",
        password="bench-admin-1",
        station_name=demo.STATION_NAME,
        case_prefix=demo.CASE_PREFIX,
    )
    moment = now()
    db = Person._meta.database
    Organization.insert_many(
        [
            {
                "name": org.name,
                "kind": org.kind,
                "address": org.address,
                "union_status": org.union_status,
                "search_text": phrase_search_text(org.name),
                "created_at": moment,
                "updated_at": moment,
            }
            for org in demo.ORGANIZATIONS
        ]
    ).execute()
    org_ids = [o for (o,) in Organization.select(Organization.id).tuples()]
    surnames, weights = list(demo.SURNAMES), list(demo.SURNAMES.values())
    for start in range(1, count + 1, CHUNK):
        rows = []
        for person_id in range(start, min(count, start + CHUNK - 1) + 1):
            gender = rng.choice("MF")
            chars = demo.FEMALE_CHARS if gender == "F" else demo.MALE_CHARS
            name = rng.choices(surnames, weights)[0] + "".join(rng.sample(chars, 2))
            created = moment - timedelta(seconds=rng.randrange(YEARS * 365 * 86400))
            rows.append(
                {
                    "id": person_id,
                    "name": name,
                    "gender": gender,
                    "phone": f"13{rng.randrange(10**9):09d}",
                    "workplace": rng.choice(org_ids) if rng.random() < 0.8 else None,
                    "is_member": rng.random() < 0.55,
                    "created_at": created,
                    "updated_at": created,
                    "last_activity_at": created,
                }
            )
        with db.atomic():
            for i in range(0, len(rows), 1000):
                Person.insert_many(rows[i : i + 1000]).execute()
    return admin


def _create_staff(admin: Staff) -> list[int]:
    """The administrator and the desk accounts (one password hash, shared: nobody signs in)."""
    password_hash = accounts.hash_password("bench-pass-1")
    moment = now()
    Staff.insert_many(
        [
            {
                "username": f"desk{n:02d}",
                "display_name": f"前台{n:02d}",
                "roles": FRONT_DESK,
                "password_hash": password_hash,
                "created_at": moment,
            }
            for n in range(1, DESK_STAFF + 1)
        ]
    ).execute()
    desks = [s.id for s in Staff.select(Staff.id).where(Staff.username.startswith("desk"))]
    return [admin.id, *sorted(desks)]


def _day_weight(day: date) -> float:
    if day.weekday() >= 5:
        return 0.0
    festival = spring_festival(day.year)
    if -3 <= (day - festival).days <= 6:
        return 0.25
    return demo.MONTH_FACTOR.get(day.month, 1.0)


@dataclass
class _ServiceRows:
    """What a purpose row of one service looks like, prepared once."""

    id: int
    all_materials: str  # JSON of every material name: a done purpose brought them all
    missing_options: list[tuple[str, str]]  # (brought, missing) JSON pairs for "waiting"
    referrals: tuple[str, ...]
    reasons: tuple[str, ...]
    referral_share: float


def _service_rows(services: list[ServiceType]) -> list[_ServiceRows]:
    prepared = []
    for service in services:
        names = [str(m["name"]) for m in service.materials or []]
        options = []
        for missing in names:
            brought = [n for n in names if n != missing]
            options.append(
                (json.dumps(brought, ensure_ascii=False), json.dumps([missing], ensure_ascii=False))
            )
        prepared.append(
            _ServiceRows(
                id=service.id,
                all_materials=json.dumps(names, ensure_ascii=False),
                missing_options=options,
                referrals=demo.REFERRALS.get(service.name, demo.DEFAULT_REFERRALS),
                reasons=demo.DECLINE_REASONS.get(service.name, demo.DEFAULT_DECLINE_REASONS),
                referral_share=demo.REFERRAL_SHARE.get(
                    service.name, 0.05 if service.name in demo.REFERRALS else 0.02
                ),
            )
        )
    return prepared


def _visit_days(total: int, first: date, moment: datetime) -> list[tuple[date, int]]:
    """How many visits each day gets, ``total`` in all; today only up to ``moment``."""
    days = [first + timedelta(days=n) for n in range((moment.date() - first).days + 1)]
    weights = [_day_weight(d) for d in days]
    opening = datetime.combine(moment.date(), datetime.min.time()) + timedelta(hours=8, minutes=30)
    elapsed = (moment - opening).total_seconds() / (9 * 3600)
    weights[-1] *= min(1.0, max(0.0, elapsed))
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    # Hand out what rounding left over, busiest days first.
    left = total - sum(counts)
    order = sorted(range(len(days)), key=lambda i: weights[i] * scale - counts[i], reverse=True)
    for i in order[:left]:
        counts[i] += 1
    return [(d, n) for d, n in zip(days, counts, strict=True) if n]


def generate_visits(total: int, *, seed: int, staff_ids: list[int]) -> tuple[int, int]:
    """Bulk-insert ``total`` visits over five years; returns (visits, purposes)."""
    rng = random.Random(seed + 1)
    db = Visit._meta.database
    moment = now().replace(microsecond=0)
    first = moment.date() - timedelta(days=365 * YEARS)
    services = list(ServiceType.select().where(ServiceType.active).order_by(ServiceType.id))
    prepared = _service_rows(services)
    service_cum = list(
        itertools.accumulate(
            demo.SERVICE_WEIGHTS.get(s.name, demo.DEFAULT_SERVICE_WEIGHT) for s in services
        )
    )
    staff_cum = list(itertools.accumulate(STAFF_WEIGHTS[: len(staff_ids)]))
    person_ids = [p for (p,) in Person.select(Person.id).tuples()]
    places = [o for (o,) in Organization.select(Organization.id).order_by(Organization.id).tuples()]
    today = moment.date()

    visit_sql = (
        'INSERT INTO "visit" ("id", "person_id", "channel", "staff_id", "arrived_at", '
        '"finished_at", "rating", "notes", "outreach_id", "created_at", "updated_at") '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    purpose_sql = (
        'INSERT INTO "visit_purpose" ("id", "visit_id", "service_id", "outcome", "referred_to", '
        '"decline_reason", "materials_brought", "materials_missing", "due_on", "notice_given", '
        '"notice_printed", "completed_at", "arrived_at") '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    session_sql = (
        'INSERT INTO "outreach_session" ("id", "organization_id", "held_on", "staff_id", '
        '"services", "notes", "created_at") VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    visit_rows: list[tuple[object, ...]] = []
    purpose_rows: list[tuple[object, ...]] = []
    session_rows: list[tuple[object, ...]] = []
    session_services = json.dumps([s.id for s in services[:4]])

    def flush() -> None:
        with db.atomic():
            cursor = db.cursor()
            if session_rows:
                cursor.executemany(session_sql, session_rows)
            cursor.executemany(visit_sql, visit_rows)
            cursor.executemany(purpose_sql, purpose_rows)
        visit_rows.clear()
        purpose_rows.clear()
        session_rows.clear()

    random_ = rng.random
    randrange = rng.randrange
    visit_id = purpose_id = session_id = 0
    session_left = 0
    session_staff = staff_ids[0]
    n_services, n_people, total_weight = len(prepared), len(person_ids), service_cum[-1]
    for day, count in _visit_days(total, first, moment):
        opening = datetime.combine(day, datetime.min.time()) + timedelta(hours=8, minutes=30)
        span = 9 * 3600 if day != today else max(60, int((moment - opening).total_seconds()))
        offsets = sorted(randrange(span) for _ in range(count))
        for offset in offsets:
            visit_id += 1
            arrived = opening + timedelta(seconds=offset)
            arrived_text = str(arrived)
            roll = random_()
            outreach_id = None
            if roll < 0.75:
                channel, anonymous = "walk_in", 0.1
            elif roll < 0.95:
                channel, anonymous = "phone", 0.35
            else:
                channel, anonymous = "outreach", 0.15
                if session_left <= 0:  # a new session: the next ~25 outreach visits are its
                    session_id += 1
                    session_left = OUTREACH_VISITS_PER_SESSION
                    session_staff = staff_ids[bisect.bisect(staff_cum, random_() * staff_cum[-1])]
                    session_rows.append(
                        (
                            session_id,
                            places[randrange(len(places))],
                            str(day),
                            session_staff,
                            session_services,
                            "",
                            str(opening + timedelta(hours=8)),
                        )
                    )
                session_left -= 1
                outreach_id = session_id
            person = None if random_() < anonymous else person_ids[randrange(n_people)]
            staff = (
                session_staff
                if outreach_id
                else staff_ids[bisect.bisect(staff_cum, random_() * staff_cum[-1])]
            )
            finished = None if arrived > moment - timedelta(minutes=30) else arrived
            if finished is not None:
                finished = str(arrived + timedelta(minutes=3 + randrange(35)))
            r = random_()
            rating = (
                "satisfied"
                if r < 0.85
                else "basically_satisfied"
                if r < 0.95
                else "dissatisfied"
                if r < 0.97
                else "unrated"
            )
            visit_rows.append(
                (
                    visit_id,
                    person,
                    channel,
                    staff,
                    arrived_text,
                    finished,
                    rating,
                    "",
                    outreach_id,
                    arrived_text,
                    finished or arrived_text,
                )
            )
            first_index = bisect.bisect(service_cum, random_() * total_weight)
            chosen = [first_index]
            if random_() < 0.3:
                second = bisect.bisect(service_cum, random_() * total_weight)
                if second != first_index:
                    chosen.append(second)
            for index in chosen:
                service = prepared[min(index, n_services - 1)]
                purpose_id += 1
                outcome, referred, reason = "done", "", ""
                brought, missing, due, completed = service.all_materials, "[]", None, None
                r = random_()
                if r < 0.02:
                    outcome, reason = "declined", service.reasons[0]
                    brought = "[]"
                elif r < 0.02 + service.referral_share:
                    outcome = "referred"
                    referred = service.referrals[randrange(len(service.referrals))]
                    brought = "[]"
                elif service.missing_options and r < 0.10 + service.referral_share:
                    options = service.missing_options
                    brought, missing = options[randrange(len(options))]
                    due_day = day + timedelta(days=(7, 10, 14, 15, 30)[randrange(5)])
                    due = str(due_day)
                    overdue = due_day < today
                    if random_() < (0.985 if overdue else 0.3):
                        back = day + timedelta(days=randrange(max(1, (due_day - day).days)))
                        back_at = min(
                            datetime.combine(back, datetime.min.time())
                            + timedelta(hours=9, seconds=randrange(8 * 3600)),
                            moment,
                        )
                        completed = str(max(back_at, arrived))
                        outcome, brought, missing = "done", service.all_materials, "[]"
                    else:
                        outcome = "waiting"
                purpose_rows.append(
                    (
                        purpose_id,
                        visit_id,
                        service.id,
                        outcome,
                        referred,
                        reason,
                        brought,
                        missing,
                        due,
                        1,
                        1 if r > 0.7 else 0,
                        completed,
                        arrived_text,
                    )
                )
            if len(visit_rows) >= CHUNK:
                flush()
    if visit_rows:
        flush()
    return visit_id, purpose_id


def build(args: argparse.Namespace, db: peewee.Database) -> None:
    started = time.perf_counter()
    # Loading only: no fsync per transaction, a bigger page cache for the index builds. The
    # connection's own settings come back before anything is measured.
    db.execute_sql("PRAGMA synchronous = OFF")
    db.execute_sql("PRAGMA cache_size = -262144")
    try:
        if accounts.is_first_run():
            if people_bench is not None:
                admin, _ = people_bench.generate(args.people, seed=args.seed)
                source = "bench_people_search.generate"
            else:
                admin = _fallback_people(args.people, args.seed)
                source = "a plain generator"
            print(
                f"generated {args.people:,} people ({source}) "
                f"in {time.perf_counter() - started:.1f} s"
            )
        else:
            admin = Staff.get(Staff.username == "admin")
        staff_ids = _create_staff(admin)
        step = time.perf_counter()
        count, purposes = generate_visits(args.visits, seed=args.seed, staff_ids=staff_ids)
        print(
            f"generated {count:,} visits with {purposes:,} purposes "
            f"({purposes / max(count, 1):.2f} each) and "
            f"{OutreachSession.select().count():,} outreach sessions "
            f"in {time.perf_counter() - step:.1f} s"
        )
    finally:
        db.execute_sql(f"PRAGMA synchronous = {SQLITE_PRAGMAS['synchronous']}")
        db.execute_sql(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"generation took {time.perf_counter() - started:.1f} s in all")


# --- measuring ----------------------------------------------------------------------------------


@dataclass
class Case:
    label: str
    filt: VisitFilter


def cases(admin: Staff) -> list[Case]:
    on = now().date()
    month = on.replace(day=1)
    year = on.replace(month=1, day=1)

    def service(name: str) -> int:
        return ServiceType.get(ServiceType.name == name).id

    common, rare = service(COMMON_SERVICE), service(RARE_SERVICE)
    legal, card = service("法律咨询"), service("京卡·互助服务卡办理")
    staff = Staff.get(Staff.username == "desk05")
    person = (
        Visit.select(Visit.person)
        .where(Visit.person.is_null(False))
        .order_by(Visit.id.desc())
        .scalar()
    )
    found = [
        Case("no filter", VisitFilter()),
        Case("today", VisitFilter(date_from=on, date_to=on)),
        Case("this month", VisitFilter(date_from=month, date_to=on)),
        Case("this year", VisitFilter(date_from=year, date_to=on)),
    ]
    found += [Case(f"channel {c}", VisitFilter(channel=c)) for c in CHANNELS]
    found += [
        Case(f"service common ({COMMON_SERVICE})", VisitFilter(service_id=common)),
        Case(f"service rare ({RARE_SERVICE})", VisitFilter(service_id=rare)),
    ]
    found += [Case(f"outcome {o}", VisitFilter(outcome=o)) for o in OUTCOMES]
    found += [
        Case(f"staff {staff.username}", VisitFilter(staff_id=staff.id)),
        Case(f"person {person}", VisitFilter(person_id=person)),
        Case("phone + 法律咨询", VisitFilter(channel="phone", service_id=legal)),
        Case("outreach + common service", VisitFilter(channel="outreach", service_id=common)),
        Case("京卡 + referred", VisitFilter(service_id=card, outcome="referred")),
        Case("rare service + waiting", VisitFilter(service_id=rare, outcome="waiting")),
        Case("this month + waiting", VisitFilter(date_from=month, date_to=on, outcome="waiting")),
        Case("this month + declined", VisitFilter(date_from=month, date_to=on, outcome="declined")),
        Case("this year + rare service", VisitFilter(date_from=year, date_to=on, service_id=rare)),
        Case("staff + this month", VisitFilter(staff_id=staff.id, date_from=month, date_to=on)),
        Case("phone + declined", VisitFilter(channel="phone", outcome="declined")),
        Case("person + common service", VisitFilter(person_id=person, service_id=common)),
    ]
    return found


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    fn()  # one warm-up, as a keystroke or a page flip repeats
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


def explain(db: peewee.Database, label: str, fn: Callable[[], object]) -> None:
    if people_bench is None:
        print("--explain needs bench_people_search.py (its SQL capture)")
        return
    with people_bench.captured_sql() as capture:
        fn()
    print(f"\nEXPLAIN QUERY PLAN: {label}")
    for sql, params in capture.statements:
        print(f"  {sql}  {params}")
        for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall():
            print(f"      {row[-1]}")


def pad(text: str, width: int) -> str:
    if people_bench is not None:
        return people_bench.pad(text, width)
    return text.ljust(width)


def machine() -> str:
    if people_bench is not None:
        return people_bench.machine()
    import platform

    return f"{platform.platform()}; {os.cpu_count()} cores; Python {platform.python_version()}"


def run(args: argparse.Namespace, db_path: Path) -> float:
    os.environ.setdefault("STATIONAPP_DATA_DIR", str(db_path.parent / "data"))
    db = open_station_database(f"sqlite:///{db_path.as_posix()}")
    try:
        if accounts.is_first_run() or not Visit.select().exists():
            build(args, db)
        else:
            print(
                f"reused {db_path}: {Person.select().count():,} people, "
                f"{Visit.select().count():,} visits, no generation"
            )
        if args.analyze:
            started = time.perf_counter()
            db.execute_sql("ANALYZE")
            print(f"ANALYZE took {time.perf_counter() - started:.1f} s")
        size = db_path.stat().st_size
        print(f"database file: {db_path} ({size / 1024 / 1024:.1f} MiB)\n")
        admin = Staff.get(Staff.username == "admin")

        header = f"{'case':<36} {'call':<14} {'median ms':>10} {'max ms':>8} {'rows/count':>11}"
        print(header)
        print("-" * len(header))
        worst, worst_at = 0.0, ""
        over: list[str] = []

        def report(label: str, call: str, fn: Callable[[], object]) -> None:
            nonlocal worst, worst_at
            median, peak, result = measure(fn, args.runs)
            shown = result if isinstance(result, int) else len(result)  # type: ignore[arg-type]
            flag = "  <-- over" if median > TARGET_MS else ""
            print(f"{pad(label, 36)} {call:<14} {median:>10.2f} {peak:>8.2f} {shown:>11,}{flag}")
            if median > worst:
                worst, worst_at = median, f"{label}, {call}"
            if median > TARGET_MS:
                over.append(f"{label}, {call}")

        for case in cases(admin):
            report(
                case.label,
                "list_visits",
                lambda f=case.filt: visits.list_visits(admin, f, offset=0, limit=PAGE),
            )
            report(case.label, "count_visits", lambda f=case.filt: visits.count_visits(admin, f))
        report("follow-ups (open, due first)", "follow_ups", lambda: visits.follow_ups(admin))
        report("today per purpose", "day_counts", lambda: visits.day_counts(admin))
        report(
            "this month's satisfaction",
            "month_sat.",
            lambda: visits.month_satisfaction(admin).rated,
        )
        last_month = now().date().replace(day=1) - timedelta(days=1)
        report(
            "last month's satisfaction",
            "month_sat.",
            lambda: visits.month_satisfaction(admin, month=last_month).rated,
        )
        print(f"\nworst median: {worst:.2f} ms (target {TARGET_MS:.0f} ms), at {worst_at}")
        if over:
            print(f"over the target ({len(over)}): " + "; ".join(over))
        print(f"machine: {machine()}")
        if args.explain:
            for case in cases(admin):
                explain(
                    db,
                    f"{case.label}, list_visits",
                    lambda f=case.filt: visits.list_visits(admin, f, offset=0, limit=PAGE),
                )
                explain(
                    db,
                    f"{case.label}, count_visits",
                    lambda f=case.filt: visits.count_visits(admin, f),
                )
            explain(db, "follow_ups", lambda: visits.follow_ups(admin))
            explain(db, "day_counts", lambda: visits.day_counts(admin))
            explain(db, "month_satisfaction", lambda: visits.month_satisfaction(admin))
        return worst
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--db", type=Path, help="keep the database here (reused if it exists)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per case")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="run ANALYZE before measuring (the application itself never does)",
    )
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
