"""A deterministic generator of the large benchmark database (DESIGN.md, "Targets").

    python tests/benchmarks/generate.py --size small|large|tiny --out PATH.db [--seed N]
        [--today 2026-11-24]

The schema comes from the migrations; the administrator and one staff member per role are
created through the services; every other row is written with ``insert_many`` in batches, with
the derived columns (search keys, pinyin, case numbers, deadlines) computed by the services'
own helpers. The same seed and ``--today`` give the same file content, row for row.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from functools import cache
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import argon2
import peewee
from stdnum import ean, luhn
from stdnum.cn import ric

from stationapp import demo
from stationapp.db import close_database
from stationapp.models.accounts import ROLES, AuditEntry, Staff
from stationapp.models.events import Event, EventQuota, EventSeries, Registration
from stationapp.models.library import (
    Box,
    BoxLoan,
    CirculationRule,
    Copy,
    Hold,
    Loan,
    Stocktake,
    StocktakeItem,
    Title,
)
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseFollowUp,
    CaseParty,
    CaseSession,
    MediationCase,
    MediatorRelation,
    Obligation,
)
from stationapp.models.members import MemberCard, MembershipEvent
from stationapp.models.mutual_aid import AidClaim, AidEnrolment, AidPlan
from stationapp.models.people import (
    Building,
    Consent,
    HardshipAssistance,
    Organization,
    Person,
    PersonSearchKey,
)
from stationapp.models.rooms import ClosedDay, CounsellorDuty, Room, RoomBooking
from stationapp.models.union_work import (
    CollectiveContract,
    CongressMeeting,
    ContractWorkplace,
    OpenAffairsCheck,
)
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.models.welfare import WelfareRecipient, WelfareRound
from stationapp.models.workplaces import FOUNDING_STEPS, FoundingStep
from stationapp.services import accounts
from stationapp.services.maintenance import open_station_database
from stationapp.services.mediation import format_number, mediation_due_for
from stationapp.services.people import person_search_keys
from stationapp.services.search_keys import display_pinyin, phrase_search_text
from stationapp.services.welfare import spring_festival

SIZES: dict[str, float] = {"large": 1.0, "small": 0.01, "tiny": 0.001}
LARGE = {
    "people": 200_000,
    "visits": 1_000_000,
    "cases": 20_000,
    "titles": 50_000,
    "copies": 100_000,
    "loans": 500_000,
    "events": 5_000,
    "registrations": 300_000,
    "room_bookings": 20_000,
    "aid_enrolments": 60_000,  # per year, over the plans of the year
    "aid_claims": 6_000,
    "welfare_recipients": 50_000,
}
HISTORY_YEARS = 5
MAX_VARIABLES = 30_000  # SQLite's default limit is 32,766 bound values per statement
BATCH = 5_000
PASSWORD = "bench-pass-1"
ADMIN_PASSWORD = "bench-admin-1"
FMT = "%Y-%m-%d %H:%M:%S"


def ts(moment: datetime) -> str:
    return moment.strftime(FMT)


def ds(day: date) -> str:
    return day.isoformat()


# --- output ---------------------------------------------------------------------------------------


class Writer:
    def __init__(self, db: peewee.Database, quiet: bool) -> None:
        self.db = db
        self.quiet = quiet
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        self.say(f"{name} ...")
        yield
        self.say(f"{name}: {time.perf_counter() - start:.1f} s")

    def insert(
        self, model: type[peewee.Model], fields: Sequence[peewee.Field], rows: Iterable[tuple]
    ) -> int:
        """Insert tuples in batches of at most BATCH rows (fewer when the columns are many)."""
        size = max(1, min(BATCH, MAX_VARIABLES // len(fields)))
        batch: list[tuple] = []
        total = 0
        start = time.perf_counter()
        for row in rows:
            batch.append(row)
            if len(batch) >= size:
                total += self._flush(model, fields, batch)
                batch = []
        if batch:
            total += self._flush(model, fields, batch)
        name = model._meta.table_name
        self.counts[name] = self.counts.get(name, 0) + total
        self.say(f"  {name}: {total:,} rows in {time.perf_counter() - start:.1f} s")
        return total

    def _flush(self, model: type[peewee.Model], fields: Sequence[peewee.Field], batch) -> int:
        with self.db.atomic():
            model.insert_many(batch, fields=list(fields)).execute()
        return len(batch)


# --- helpers --------------------------------------------------------------------------------------


def weighted_picker(rng: random.Random, weights: dict) -> tuple[list, list[float]]:
    items = list(weights)
    cum: list[float] = []
    total = 0.0
    for item in items:
        total += weights[item]
        cum.append(total)
    return items, cum


def pick(rng: random.Random, items: list, cum: list[float]):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


@cache
def cached_name_keys(name: str) -> tuple[tuple[str, str], ...]:
    return tuple(person_search_keys(name=name, phone="", id_number="", member_card="").items())


@cache
def cached_pinyin(name: str) -> str:
    return display_pinyin(name)


@cache
def cached_phrase(text: str) -> str:
    return phrase_search_text(text)


def search_keys(name: str, phone: str, id_number: str, card: str) -> dict[str, str]:
    """Exactly person_search_keys(...), with the costly name part cached."""
    keys = dict(cached_name_keys(name))
    for key, kind in person_search_keys(
        name="", phone=phone, id_number=id_number, member_card=card
    ).items():
        keys.setdefault(key, kind)
    return keys


def office_time(rng: random.Random, day: date) -> datetime:
    opening = datetime(day.year, day.month, day.day, 8, 30)
    if rng.random() < 0.7:
        seconds = rng.triangular(0, 9 * 3600, 1.5 * 3600)
    else:
        seconds = rng.uniform(5 * 3600, 8.5 * 3600)
    return opening + timedelta(seconds=int(seconds))


def deterministic_hash(password: str, salt_text: str) -> str:
    """An argon2id hash like the app's, with a salt derived from the seed (same seed, same file)."""
    hasher = argon2.PasswordHasher()
    salt = hashlib.sha256(salt_text.encode()).digest()[:16]
    return argon2.low_level.hash_secret(
        password.encode(),
        salt,
        time_cost=hasher.time_cost,
        memory_cost=hasher.memory_cost,
        parallelism=hasher.parallelism,
        hash_len=hasher.hash_len,
        type=hasher.type,
    ).decode()


class Activity:
    """First and last activity per person id, as datetimes."""

    def __init__(self, people: int) -> None:
        self.first: list[datetime | None] = [None] * (people + 1)
        self.last: list[datetime | None] = [None] * (people + 1)

    def touch(self, pid: int, moment: datetime) -> None:
        first = self.first[pid]
        if first is None or moment < first:
            self.first[pid] = moment
        last = self.last[pid]
        if last is None or moment > last:
            self.last[pid] = moment


# --- the generator --------------------------------------------------------------------------------


class Generator:
    def __init__(self, db: peewee.Database, *, size: str, seed: int, today: date, quiet: bool):
        self.w = Writer(db, quiet)
        self.db = db
        self.scale = SIZES[size]
        self.seed = seed
        self.today = today
        self.now = datetime(today.year, today.month, today.day, 17, 30)
        self.start_day = date(today.year - HISTORY_YEARS, today.month, 1)
        self.n = {k: max(1, round(v * self.scale)) for k, v in LARGE.items()}
        self.act = Activity(self.n["people"])

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")

    def run(self) -> dict[str, int]:
        steps = (
            ("staff", self.staff),
            ("organizations", self.organizations),
            ("people (drawn)", self.draw_people),
            ("visits", self.visits),
            ("cases", self.cases),
            ("library", self.library),
            ("events", self.events),
            ("rooms", self.rooms),
            ("members", self.members),
            ("mutual aid", self.mutual_aid),
            ("welfare rounds", self.welfare),
            ("union work", self.union_work),
            ("people (written)", self.write_people),
        )
        for name, fn in steps:
            with self.w.step(name):
                fn()
        return self.w.counts

    # --- staff ---------------------------------------------------------------------------------

    def staff(self) -> None:
        admin = accounts.create_first_admin(
            username=demo.DEMO_ADMIN_USERNAME,
            display_name="王站长",
            password=ADMIN_PASSWORD,
            station_name=demo.STATION_NAME,
            case_prefix=demo.CASE_PREFIX,
        )
        for username, display, roles in demo.DEMO_STAFF:
            accounts.create_staff(
                admin,
                username=username,
                display_name=display,
                roles=list(roles),
                password=PASSWORD,
            )
        for staff in Staff.select():
            password = ADMIN_PASSWORD if staff.id == admin.id else PASSWORD
            Staff.update(
                password_hash=deterministic_hash(password, f"{self.seed}:{staff.username}"),
                created_at=ts(self.now - timedelta(days=HISTORY_YEARS * 366)),
            ).where(Staff.id == staff.id).execute()
        base = self.now - timedelta(days=HISTORY_YEARS * 366)
        AuditEntry.update(at=ts(base)).execute()
        ServiceType.update(updated_at=ts(base)).execute()
        by_role: dict[str, list[int]] = {role: [] for role in ROLES}
        for staff in Staff.select().order_by(Staff.id):
            for role in staff.role_set:
                by_role[role].append(staff.id)
        self.admin = admin.id
        self.by_role = by_role
        self.front = by_role["front_desk"] + [admin.id]
        self.mediators = by_role["mediator"]
        self.librarians = by_role["librarian"]
        self.organisers = by_role["organiser"]
        self.w.counts["staff"] = Staff.select().count()

    # --- organizations -------------------------------------------------------------------------

    def organizations(self) -> None:
        rng = self.rng("orgs")
        extra = max(10, round(3000 * self.scale))
        words = "华信达通源泰丰盛恒安康宏远嘉和瑞祥兴隆鼎新创联合众博睿智"
        trades = (
            ("科技", "company"),
            ("餐饮管理", "company"),
            ("物业管理", "company"),
            ("商贸", "company"),
            ("家政服务", "company"),
            ("物流", "company"),
            ("文化传媒", "company"),
            ("建筑工程", "company"),
            ("保安服务", "company"),
            ("医药", "company"),
        )
        rows = []
        names = set()
        for i, org in enumerate(demo.ORGANIZATIONS, start=1):
            names.add(org.name)
            rows.append(
                (
                    i,
                    org.name,
                    org.kind,
                    org.address,
                    "",
                    "",
                    org.union_status,
                    cached_phrase(org.name),
                )
            )
        i = len(rows)
        while len(rows) < len(demo.ORGANIZATIONS) + extra:
            trade, kind = rng.choice(trades)
            name = f"北京{rng.choice(words)}{rng.choice(words)}{trade}有限公司"
            if name in names:
                name = (
                    f"北京{rng.choice(words)}{rng.choice(words)}{rng.choice(words)}{trade}有限公司"
                )
            if name in names:
                continue
            names.add(name)
            i += 1
            status = rng.choices(("own_union", "joint_union", "none"), (3, 4, 3))[0]
            rows.append(
                (
                    i,
                    name,
                    kind,
                    f"东城区某街{rng.randint(1, 200)}号",
                    "",
                    "",
                    status,
                    cached_phrase(name),
                )
            )
        stamp = ts(self.now - timedelta(days=HISTORY_YEARS * 366))
        # Office buildings (楼宇), half of them with a building union federation; one company in
        # four sits in one of them.
        buildings = [
            (
                b,
                f"{rng.choice(words)}{rng.choice(words)}大厦{b}座",
                f"东城区某街{rng.randint(1, 200)}号",
                f"楼宇{b}工会联合会" if b % 2 else "",
                stamp,
                stamp,
            )
            for b in range(1, 21)
        ]
        self.w.insert(
            Building,
            [
                Building.id,
                Building.name,
                Building.address,
                Building.federation_name,
                Building.created_at,
                Building.updated_at,
            ],
            buildings,
        )
        rows = [
            (*row, rng.randint(1, len(buildings)) if rng.random() < 0.25 else None) for row in rows
        ]
        self.w.insert(
            Organization,
            [
                Organization.id,
                Organization.name,
                Organization.kind,
                Organization.address,
                Organization.contact_name,
                Organization.contact_phone,
                Organization.union_status,
                Organization.search_text,
                Organization.building,
                Organization.created_at,
                Organization.updated_at,
            ],
            ((*row, stamp, stamp) for row in rows),
        )
        # The founding steps of the workplaces whose union is being founded.
        day = self.today - timedelta(days=60)
        self.w.insert(
            FoundingStep,
            [
                FoundingStep.organization,
                FoundingStep.step,
                FoundingStep.done_on,
                FoundingStep.created_at,
            ],
            (
                (row[0], step, day, stamp)
                for row in rows
                if row[6] == "none" and row[0] % 5 == 0
                for step in FOUNDING_STEPS[:2]
            ),
        )
        self.orgs = [(r[0], r[6]) for r in rows]
        self.org_building = {r[0]: r[-1] for r in rows if r[-1] is not None}
        self.org_ids = [r[0] for r in rows]
        # Bigger workplaces get more people: a Zipf-like weight.
        self.org_cum = []
        total = 0.0
        for rank in range(len(rows)):
            total += 1.0 / (rank + 1) ** 0.8
            self.org_cum.append(total)
        self.respondents = [
            o.id for o in Organization.select(Organization.id).where(Organization.kind == "company")
        ] or [1]

    # --- people (drawn first, written last with their last activity) --------------------------

    def draw_people(self) -> None:
        rng = self.rng("people")
        surnames, s_cum = weighted_picker(rng, demo.SURNAMES)
        codes, c_cum = weighted_picker(rng, demo.ADDRESS_CODES)
        used_ids: set[str] = set()
        used_phones: set[str] = set()
        used_cards: set[str] = set()
        people = []
        status = dict(self.orgs)
        for pid in range(1, self.n["people"] + 1):
            gender = "F" if rng.random() < 0.48 else "M"
            chars = demo.FEMALE_CHARS if gender == "F" else demo.MALE_CHARS
            given = "".join(rng.sample(chars, 2 if rng.random() < 0.7 else 1))
            name = pick(rng, surnames, s_cum) + given
            birth = self.today - timedelta(days=rng.randrange(18 * 366, 65 * 365))
            while True:
                code = pick(rng, codes, c_cum)
                seq = rng.randrange(1, 500) * 2 + (1 if gender == "M" else 0)
                body = f"{code}{birth:%Y%m%d}{seq:03d}"
                number = body + ric.calc_check_digit(body + "0")
                if number not in used_ids:
                    used_ids.add(number)
                    break
            phone = ""
            if rng.random() < 0.95:
                while True:
                    phone = rng.choice(demo.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
                    if phone not in used_phones:
                        used_phones.add(phone)
                        break
            workplace = None
            if rng.random() < 0.85:
                workplace = self.org_ids[
                    bisect.bisect_right(self.org_cum, rng.random() * self.org_cum[-1])
                ]
            member = rng.random() < demo.MEMBER_SHARE[status.get(workplace, "")]
            card = ""
            if member and rng.random() < 0.7:
                while True:
                    body = "622" + f"{rng.randrange(10**15):015d}"
                    card = body + luhn.calc_check_digit(body)
                    if card not in used_cards:
                        used_cards.add(card)
                        break
            created = datetime.combine(
                self.start_day + timedelta(days=rng.randrange((self.today - self.start_day).days)),
                datetime.min.time(),
            ) + timedelta(seconds=rng.randrange(8 * 3600, 17 * 3600))
            notes = rng.choice(demo.NOTES) if rng.random() < 0.05 else ""
            active = rng.random() > 0.01
            people.append(
                [
                    pid,
                    name,
                    gender,
                    birth,
                    number,
                    phone,
                    workplace,
                    member,
                    card,
                    notes,
                    active,
                    created,
                ]
            )
        self.people = people
        self.hardship = sorted(rng.sample(range(1, len(people) + 1), max(1, len(people) // 100)))
        self.w.say(f"  {len(people):,} people drawn")

    def person_pick(self, rng: random.Random) -> int:
        """A person, the regulars more often than the others."""
        n = self.n["people"]
        if rng.random() < 0.3:
            return 1 + int(n * 0.1 * rng.random())  # a tenth of the people come back often
        return 1 + int(n * rng.random())

    def union_work(self) -> None:
        """Workers' congresses and open-affairs checks for the founded unions, a contract of
        their own for some, a regional contract per building for its workplaces."""
        rng = self.rng("union_work")
        founded = [oid for oid, status in self.orgs if status != "none"]
        stamp = ts(datetime.combine(self.today, clock_time(9)))
        congresses, checks, contracts, links = [], [], [], []
        for oid in founded:
            for year_back in range(rng.randrange(0, 3)):
                held = self.today - timedelta(days=365 * year_back + rng.randrange(1, 300))
                congresses.append(
                    (
                        oid,
                        ds(held),
                        "delegates",
                        rng.randint(20, 80),
                        "审议工资调整方案",
                        rng.random() < 0.2,
                        "列席",
                        self.admin,
                        stamp,
                    )
                )
            if rng.random() < 0.3:
                checks.append(
                    (
                        oid,
                        ds(self.today - timedelta(days=rng.randrange(1, 300))),
                        "公开栏内容齐全",
                        "good",
                        "",
                        self.admin,
                        stamp,
                    )
                )
            if rng.random() < 0.4:
                start = self.today - timedelta(days=rng.randrange(1, 700))
                contracts.append((rng.choice(("wage", "comprehensive")), oid, None, start))
        for building in sorted(set(self.org_building.values())):
            start = self.today - timedelta(days=rng.randrange(1, 700))
            contracts.append(("wage", None, building, start))
        rows = []
        for i, (kind, oid, building, start) in enumerate(contracts, 1):
            rows.append(
                (
                    i,
                    kind,
                    oid,
                    building,
                    ds(start - timedelta(days=10)),
                    ds(start),
                    ds(start),
                    ds(start + timedelta(days=729)),
                    "5.00",
                    True,
                    "不低于北京市最低工资标准",
                    rng.randint(10, 300),
                    self.admin,
                    stamp,
                )
            )
            if building is not None:
                links += [(i, o) for o, b in sorted(self.org_building.items()) if b == building]
        self.w.insert(
            CongressMeeting,
            (
                CongressMeeting.organization,
                CongressMeeting.held_on,
                CongressMeeting.kind,
                CongressMeeting.delegates,
                CongressMeeting.matters,
                CongressMeeting.handbook_revised,
                CongressMeeting.station_part,
                CongressMeeting.staff,
                CongressMeeting.created_at,
            ),
            congresses,
        )
        self.w.insert(
            OpenAffairsCheck,
            (
                OpenAffairsCheck.organization,
                OpenAffairsCheck.checked_on,
                OpenAffairsCheck.findings,
                OpenAffairsCheck.rating,
                OpenAffairsCheck.follow_up,
                OpenAffairsCheck.staff,
                OpenAffairsCheck.created_at,
            ),
            checks,
        )
        self.w.insert(
            CollectiveContract,
            (
                CollectiveContract.id,
                CollectiveContract.kind,
                CollectiveContract.organization,
                CollectiveContract.building,
                CollectiveContract.signed_on,
                CollectiveContract.registered_on,
                CollectiveContract.starts_on,
                CollectiveContract.ends_on,
                CollectiveContract.wage_increase,
                CollectiveContract.minimum_wage_clause,
                CollectiveContract.minimum_wage_text,
                CollectiveContract.employees_covered,
                CollectiveContract.staff,
                CollectiveContract.created_at,
            ),
            rows,
        )
        self.w.insert(
            ContractWorkplace, (ContractWorkplace.contract, ContractWorkplace.organization), links
        )

    def welfare(self) -> None:
        """A summer (送清凉) and a festival (送温暖) round each year of the history and a
        birthday round each month of the last year, their recipients spread over them (each
        person once a round), the past ones delivered."""
        rng = self.rng("welfare")
        rounds = []
        for year in range(self.start_day.year, self.today.year + 1):
            rounds.append((f"{year}年暑期送清凉", "cooling", date(year, 7, 1), date(year, 8, 31)))
            festival = spring_festival(year)
            rounds.append(
                (f"{year}年春节送温暖", "warmth", festival - timedelta(days=30), festival)
            )
        month = self.today.replace(day=1)
        for _ in range(12):
            end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            rounds.append((f"{month:%Y年%m月}生日送祝福", "birthday", month, end))
            month = (month - timedelta(days=1)).replace(day=1)
        rounds = [r for r in rounds if r[2] <= self.today]
        self.w.insert(
            WelfareRound,
            (
                WelfareRound.id,
                WelfareRound.name,
                WelfareRound.kind,
                WelfareRound.starts_on,
                WelfareRound.ends_on,
                WelfareRound.budget,
                WelfareRound.items,
                WelfareRound.item_value,
                WelfareRound.amount,
                WelfareRound.created_by,
                WelfareRound.created_at,
            ),
            [
                (
                    i,
                    name,
                    kind,
                    ds(start),
                    ds(end),
                    None,
                    "慰问品",
                    "100.00",
                    "0.00",
                    self.admin,
                    ts(datetime.combine(start, clock_time(9))),
                )
                for i, (name, kind, start, end) in enumerate(rounds, 1)
            ],
        )
        per_round = max(1, self.n["welfare_recipients"] // len(rounds))
        people = self.n["people"]
        rows = []
        for i, (_name, _kind, start, end) in enumerate(rounds, 1):
            last = min(end, self.today - timedelta(days=1))
            chosen = sorted(rng.sample(range(1, people + 1), min(per_round, people)))
            for person in chosen:
                delivered = None
                if last >= start and rng.random() < 0.9:
                    day = start + timedelta(days=int(rng.random() * ((last - start).days + 1)))
                    delivered = ts(datetime.combine(day, clock_time(10)))
                front = self.front[int(rng.random() * len(self.front))]
                rows.append(
                    (
                        i,
                        person,
                        "workplace",
                        front,
                        ts(datetime.combine(start, clock_time(9))),
                        delivered,
                        front if delivered else None,
                    )
                )
        self.w.insert(
            WelfareRecipient,
            (
                WelfareRecipient.round,
                WelfareRecipient.person,
                WelfareRecipient.source,
                WelfareRecipient.added_by,
                WelfareRecipient.added_at,
                WelfareRecipient.delivered_at,
                WelfareRecipient.delivered_by,
            ),
            rows,
        )

    def rooms(self) -> None:
        """The station's four rooms, two closed days, the counsellors' weekday duties and
        bookings of one-hour slots over the history (no two holding one room's slot)."""
        rng = self.rng("rooms")
        base = ts(self.now - timedelta(days=HISTORY_YEARS * 366))
        week = ";".join(["09:00-17:00"] * 5 + ["", ""])
        rooms = [
            ("职工心理减压室", "decompression", 2),
            ("劳动争议调解室", "mediation", 8),
            ("职工之家活动室", "activity", 40),
            ("职工书屋阅览区", "reading", 20),
        ]
        self.w.insert(
            Room,
            (
                Room.id,
                Room.name,
                Room.kind,
                Room.capacity,
                Room.hours,
                Room.slot_minutes,
                Room.active,
                Room.created_at,
            ),
            [(i, n, k, c, week, 60, True, base) for i, (n, k, c) in enumerate(rooms, 1)],
        )
        closed = [self.today - timedelta(days=d) for d in (40, 200)]
        self.w.insert(
            ClosedDay,
            (ClosedDay.day, ClosedDay.reason),
            [(ds(day), "站内检修") for day in closed],
        )
        counsellors = self.by_role.get("counsellor") or [self.admin]
        days = [
            self.start_day + timedelta(days=d)
            for d in range((self.today - self.start_day).days + 21)
        ]
        workdays = [d for d in days if d.weekday() < 5 and d not in closed]
        self.w.insert(
            CounsellorDuty,
            (CounsellorDuty.counsellor, CounsellorDuty.starts_at, CounsellorDuty.ends_at),
            [
                (
                    counsellors[i % len(counsellors)],
                    ts(datetime.combine(d, clock_time(9))),
                    ts(datetime.combine(d, clock_time(17))),
                )
                for i, d in enumerate(workdays)
            ],
        )
        taken: set[tuple[int, date, int]] = set()
        rows = []
        states = (["checked_in"] * 14, ["no_show"], ["cancelled"] * 2)
        past_states = [s for group in states for s in group]
        for _ in range(self.n["room_bookings"]):
            room = 1 + int(rng.random() * len(rooms))
            day = workdays[int(rng.random() * len(workdays))]
            hour = 9 + int(rng.random() * 8)
            if (room, day, hour) in taken:
                continue
            taken.add((room, day, hour))
            starts = datetime.combine(day, clock_time(hour))
            person = self.person_pick(rng)
            future = starts >= self.now
            state = "booked" if future else past_states[int(rng.random() * len(past_states))]
            if state == "cancelled":
                taken.discard((room, day, hour))
            counsellor = None
            if room == 1 and rng.random() < 0.6:
                counsellor = counsellors[workdays.index(day) % len(counsellors)]
            made = starts - timedelta(days=1 + int(rng.random() * 10))
            rows.append(
                (
                    room,
                    person,
                    ts(starts),
                    ts(starts + timedelta(hours=1)),
                    state,
                    "phone" if rng.random() < 0.4 else "desk",
                    counsellor is not None,
                    counsellor,
                    self.front[int(rng.random() * len(self.front))],
                    ts(made),
                    ts(starts) if state == "checked_in" else None,
                    ts(starts + timedelta(hours=1)) if state in ("no_show", "cancelled") else None,
                )
            )
            if not future:
                self.act.touch(person, starts)
        self.w.insert(
            RoomBooking,
            (
                RoomBooking.room,
                RoomBooking.person,
                RoomBooking.starts_at,
                RoomBooking.ends_at,
                RoomBooking.state,
                RoomBooking.channel,
                RoomBooking.wants_counsellor,
                RoomBooking.counsellor,
                RoomBooking.staff,
                RoomBooking.created_at,
                RoomBooking.checked_in_at,
                RoomBooking.closed_at,
            ),
            rows,
        )

    def members(self) -> None:
        """Every member's "joined" entry and the 京卡 of those with a number (issue 25); a few
        cardless members wait for their card."""
        rng = self.rng("members")
        days = (self.today - self.start_day).days
        events, cards = [], []
        for pid, _n, _g, _b, _i, _p, _w, member, card, *_rest in self.people:
            if not member:
                continue
            joined = self.start_day + timedelta(days=int(rng.random() * days))
            events.append((pid, "joined", ds(joined), ts(datetime.combine(joined, clock_time(10)))))
            if card:
                issued = min(self.today, joined + timedelta(days=7 + int(rng.random() * 30)))
                cards.append((pid, "issued", card, ds(joined), ds(issued)))
            elif rng.random() < 0.05:
                applied = self.today - timedelta(days=1 + int(rng.random() * 40))
                cards.append((pid, "applied", "", ds(applied), None))
        self.w.insert(
            MembershipEvent,
            (
                MembershipEvent.person,
                MembershipEvent.kind,
                MembershipEvent.on,
                MembershipEvent.recorded_at,
            ),
            events,
        )
        self.w.insert(
            MemberCard,
            (
                MemberCard.person,
                MemberCard.state,
                MemberCard.number,
                MemberCard.applied_on,
                MemberCard.issued_on,
                MemberCard.created_at,
                MemberCard.updated_at,
            ),
            [(*card, ts(self.now), ts(self.now)) for card in cards],
        )

    def mutual_aid(self) -> None:
        """The four plans of each year of the history, enrolments (mostly paid by the workplace
        union, each worker once per plan) and claims in every state."""
        rng = self.rng("mutual_aid")
        kinds = [
            ("在职职工住院医疗互助保障", "hospital", "30.00", "rate"),
            ("在职职工重大疾病互助保障", "serious_illness", "20.00", "fixed"),
            ("职工意外伤害互助保障", "accident", "10.00", "fixed"),
            ("女职工特殊疾病互助保障", "women_illness", "15.00", "fixed"),
        ]
        years = list(range(self.start_day.year, self.today.year + 1))
        plans = []
        for year in years:
            for name, kind, premium, benefit in kinds:
                plans.append((len(plans) + 1, year, name, kind, premium, benefit))
        self.w.insert(
            AidPlan,
            (
                AidPlan.id,
                AidPlan.name,
                AidPlan.kind,
                AidPlan.year,
                AidPlan.cover_start,
                AidPlan.cover_end,
                AidPlan.premium,
                AidPlan.waiting_days,
                AidPlan.benefit_kind,
                AidPlan.rate,
                AidPlan.deductible,
                AidPlan.cap_per_claim,
                AidPlan.cap_per_year,
                AidPlan.fixed_sum,
                AidPlan.claim_days,
                AidPlan.materials,
                AidPlan.active,
                AidPlan.created_at,
            ),
            [
                (
                    pid,
                    name,
                    kind,
                    year,
                    ds(date(year, 1, 1)),
                    ds(date(year, 12, 31)),
                    premium,
                    90 if benefit == "rate" else 180,
                    benefit,
                    "50.00" if benefit == "rate" else None,
                    "500.00" if benefit == "rate" else "0.00",
                    "10000.00" if benefit == "rate" else None,
                    "20000.00" if benefit == "rate" else None,
                    None if benefit == "rate" else "5000.00",
                    90,
                    '["京卡复印件", "身份证复印件", "出院小结", "医保结算单"]',
                    year == self.today.year,
                    ts(datetime(year - 1, 12, 1, 9)),
                )
                for pid, year, name, kind, premium, benefit in plans
            ],
        )
        enrolments = []
        per_plan = max(1, self.n["aid_enrolments"] // len(kinds))
        for pid, year, _name, _kind, premium, _benefit in plans:
            chosen: set[int] = set()
            for _ in range(per_plan):
                chosen.add(self.person_pick(rng))
            first = date(year, 1, 10)
            last = min(date(year, 3, 31), self.today)
            if last < first:
                continue
            for person in sorted(chosen):
                day = first + timedelta(days=int(rng.random() * ((last - first).days + 1)))
                enrolments.append(
                    (
                        len(enrolments) + 1,
                        pid,
                        person,
                        year,
                        ds(day),
                        "workplace" if rng.random() < 0.9 else "self",
                        rng.choice(self.org_ids),
                        premium,
                        self.front[int(rng.random() * len(self.front))],
                        ts(datetime.combine(day, clock_time(10))),
                    )
                )
        self.w.insert(
            AidEnrolment,
            (
                AidEnrolment.id,
                AidEnrolment.plan,
                AidEnrolment.person,
                AidEnrolment.year,
                AidEnrolment.enrolled_on,
                AidEnrolment.paid_by,
                AidEnrolment.organization,
                AidEnrolment.premium,
                AidEnrolment.staff,
                AidEnrolment.created_at,
            ),
            enrolments,
        )
        states = ["paid"] * 12 + ["approved"] * 2 + ["submitted", "returned", "refused"]
        claims = []
        hospital = {pid for pid, _y, _n, kind, _p, _b in plans if kind == "hospital"}
        candidates = [e for e in enrolments if e[1] in hospital]
        for _ in range(min(self.n["aid_claims"], len(candidates))):
            eid, _pid, person, year, enrolled, *_rest = candidates[
                int(rng.random() * len(candidates))
            ]
            admitted = date.fromisoformat(enrolled) + timedelta(days=91 + int(rng.random() * 200))
            discharged = admitted + timedelta(days=3 + int(rng.random() * 12))
            claimed = discharged + timedelta(days=5 + int(rng.random() * 60))
            if claimed >= self.today or admitted.year != year:
                continue
            state = states[int(rng.random() * len(states))]
            total = 2000 + int(rng.random() * 30000)
            insured = int(total * 0.6)
            computed = min(10000, max(0, (total - insured - 500) // 2))
            decided = claimed + timedelta(days=10)
            decided_known = state in ("approved", "paid", "refused") and decided < self.today
            paid = state == "paid" and decided + timedelta(days=15) < self.today
            if state in ("approved", "paid", "refused") and not decided_known:
                state = "submitted"
            if state == "paid" and not paid:
                state = "approved"
            claims.append(
                (
                    eid,
                    person,
                    ds(admitted),
                    ds(discharged),
                    ds(admitted),
                    ds(claimed),
                    f"{total}.00",
                    f"{insured}.00",
                    f"{total - insured}.00",
                    f"{computed}.00",
                    f"{computed}.00" if state in ("approved", "paid") else None,
                    f"{computed}.00" if state == "paid" else None,
                    ds(decided + timedelta(days=15)) if state == "paid" else None,
                    state,
                    self.front[int(rng.random() * len(self.front))],
                    self.admin if state in ("approved", "paid", "refused") else None,
                    ds(decided) if state in ("approved", "paid", "refused") else None,
                    "不属于互助保障范围" if state == "refused" else "",
                    ts(datetime.combine(claimed, clock_time(11))),
                    ts(datetime.combine(claimed, clock_time(11))),
                )
            )
            self.act.touch(person, datetime.combine(claimed, clock_time(11)))
        self.w.insert(
            AidClaim,
            (
                AidClaim.enrolment,
                AidClaim.person,
                AidClaim.admitted_on,
                AidClaim.discharged_on,
                AidClaim.event_on,
                AidClaim.claimed_on,
                AidClaim.total_expenses,
                AidClaim.insurance_paid,
                AidClaim.claimed_amount,
                AidClaim.computed_amount,
                AidClaim.approved_amount,
                AidClaim.paid_amount,
                AidClaim.paid_on,
                AidClaim.state,
                AidClaim.staff,
                AidClaim.decided_by,
                AidClaim.decided_on,
                AidClaim.refusal_reason,
                AidClaim.created_at,
                AidClaim.updated_at,
            ),
            claims,
        )

    def write_people(self) -> None:
        hardship = set(self.hardship)
        reasons = demo.HARDSHIP_REASONS

        def rows() -> Iterator[tuple]:
            for (
                pid,
                name,
                gender,
                birth,
                number,
                phone,
                wp,
                member,
                card,
                notes,
                active,
                created,
            ) in self.people:
                first = self.act.first[pid]
                if first is not None and first < created:
                    created = first - timedelta(minutes=5)
                last = self.act.last[pid] or created
                h = pid in hardship
                yield (
                    pid,
                    name,
                    cached_pinyin(name),
                    gender,
                    ds(birth),
                    "ric",
                    number,
                    phone,
                    wp,
                    member,
                    card,
                    notes,
                    active,
                    ts(created),
                    ts(created),
                    ts(last),
                    "deep" if h else "",
                    reasons["deep"] if h else "",
                    "",
                    None,
                )

        self.w.insert(
            Person,
            [
                Person.id,
                Person.name,
                Person.pinyin,
                Person.gender,
                Person.birth_date,
                Person.id_type,
                Person.id_number,
                Person.phone,
                Person.workplace,
                Person.is_member,
                Person.member_card,
                Person.notes,
                Person.active,
                Person.created_at,
                Person.updated_at,
                Person.last_activity_at,
                Person.hardship_category,
                Person.hardship_reasons,
                Person.marital_status,
                Person.anonymised_at,
            ],
            rows(),
        )

        def key_rows() -> Iterator[tuple]:
            kid = 0
            for pid, name, _g, _b, number, phone, _w, _m, card, *_rest in self.people:
                for key, kind in search_keys(name, phone, number, card).items():
                    kid += 1
                    yield (kid, pid, key, kind)

        self.w.insert(
            PersonSearchKey,
            [PersonSearchKey.id, PersonSearchKey.person, PersonSearchKey.key, PersonSearchKey.kind],
            key_rows(),
        )
        # Consent and assistance for the hardship file.
        rng = self.rng("hardship")
        self.w.insert(
            Consent,
            [
                Consent.id,
                Consent.person,
                Consent.kind,
                Consent.method,
                Consent.given_at,
                Consent.given_by,
                Consent.note,
            ],
            (
                (i, pid, "hardship", "written", ts(self.people[pid - 1][11]), self.admin, "")
                for i, pid in enumerate(self.hardship, start=1)
            ),
        )
        kinds = ("living", "medical", "schooling", "festival", "cooling")
        self.w.insert(
            HardshipAssistance,
            [
                HardshipAssistance.id,
                HardshipAssistance.person,
                HardshipAssistance.given_on,
                HardshipAssistance.kind,
                HardshipAssistance.amount,
                HardshipAssistance.staff,
                HardshipAssistance.notes,
                HardshipAssistance.created_at,
            ],
            (
                (
                    i,
                    pid,
                    ds(self.today - timedelta(days=rng.randrange(700))),
                    rng.choice(kinds),
                    f"{rng.choice((500, 800, 1000, 2000, 3000))}.00",
                    self.admin,
                    "",
                    ts(self.now),
                )
                for i, pid in enumerate(self.hardship, start=1)
            ),
        )

    # --- visits --------------------------------------------------------------------------------

    def visits(self) -> None:
        rng = self.rng("visits")
        days = []
        weights = []
        day = self.start_day
        while day <= self.today:
            if day.weekday() < 5:
                days.append(day)
                weights.append(demo._day_factor(day))
            day += timedelta(days=1)
        chosen = sorted(rng.choices(days, weights=weights, k=self.n["visits"]))
        services = list(ServiceType.select().order_by(ServiceType.id))
        svc_weights = {
            s.id: demo.SERVICE_WEIGHTS.get(s.name, demo.DEFAULT_SERVICE_WEIGHT) for s in services
        }
        svc_ids, svc_cum = weighted_picker(rng, svc_weights)
        materials = {
            s.id: [m.get("name", "") for m in s.materials if isinstance(m, dict)] for s in services
        }
        referrals = {s.id: demo.REFERRALS.get(s.name, demo.DEFAULT_REFERRALS) for s in services}
        declines = {
            s.id: demo.DECLINE_REASONS.get(s.name, demo.DEFAULT_DECLINE_REASONS) for s in services
        }
        self.service_names = {s.id: s.name for s in services}
        # Outreach sessions: a few a month.
        sessions = []
        for i in range(1, max(2, round(600 * self.scale)) + 1):
            held = days[rng.randrange(len(days))]
            sessions.append(
                (
                    i,
                    rng.choice(self.org_ids),
                    ds(held),
                    rng.choice(self.front),
                    rng.sample(svc_ids, 3),
                    "",
                    ts(self.now),
                )
            )
        self.w.insert(
            OutreachSession,
            [
                OutreachSession.id,
                OutreachSession.organization,
                OutreachSession.held_on,
                OutreachSession.staff,
                OutreachSession.services,
                OutreachSession.notes,
                OutreachSession.created_at,
            ],
            sessions,
        )
        purposes: list[tuple] = []
        self.visit_ids_by_person: dict[int, int] = {}
        ratings = ("satisfied", "basically_satisfied", "dissatisfied", "unrated")
        rating_w = (55, 15, 2, 28)

        def visit_rows() -> Iterator[tuple]:
            pid_counter = 0
            for vid, day in enumerate(chosen, start=1):
                arrived = office_time(rng, day)
                person = None if rng.random() < 0.12 else self.person_pick(rng)
                r = rng.random()
                channel = "walk_in" if r < 0.75 else ("phone" if r < 0.95 else "outreach")
                outreach = rng.randrange(1, len(sessions) + 1) if channel == "outreach" else None
                finished = arrived + timedelta(minutes=rng.randint(3, 45))
                if finished > self.now:
                    finished = None
                rating = rng.choices(ratings, rating_w)[0]
                if person is not None:
                    self.act.touch(person, arrived)
                    self.visit_ids_by_person[person] = vid
                k = 1 if rng.random() < 0.8 else (2 if rng.random() < 0.85 else 3)
                taken: set[int] = set()
                while len(taken) < k:
                    taken.add(pick(rng, svc_ids, svc_cum))
                for sid in sorted(taken):
                    pid_counter += 1
                    o = rng.random()
                    outcome, ref, why, missing, due, done_at = "done", "", "", [], None, None
                    if o < 0.74:
                        done_at = ts(finished or arrived)
                    elif o < 0.85:
                        outcome, ref = "referred", rng.choice(referrals[sid])
                    elif o < 0.96:
                        outcome = "waiting"
                        names = materials[sid] or ["身份证"]
                        missing = rng.sample(names, 1)
                        due = ds(day + timedelta(days=rng.randint(7, 30)))
                    else:
                        outcome, why = "declined", rng.choice(declines[sid])
                    brought = [m for m in materials[sid] if m not in missing][:3]
                    purposes.append(
                        (
                            pid_counter,
                            vid,
                            sid,
                            outcome,
                            ref,
                            why,
                            brought,
                            missing,
                            due,
                            rng.random() < 0.9,
                            rng.random() < 0.3,
                            done_at,
                            ts(arrived),
                        )
                    )
                notes = rng.choice(demo.VISIT_NOTES) if rng.random() < 0.1 else ""
                stamp = ts(finished or arrived)
                yield (
                    vid,
                    person,
                    channel,
                    rng.choice(self.front),
                    ts(arrived),
                    ts(finished) if finished else None,
                    rating,
                    notes,
                    outreach,
                    ts(arrived),
                    stamp,
                )

        # Visits and their purposes are written in step so that neither list grows large.
        fields = [
            Visit.id,
            Visit.person,
            Visit.channel,
            Visit.staff,
            Visit.arrived_at,
            Visit.finished_at,
            Visit.rating,
            Visit.notes,
            Visit.outreach,
            Visit.created_at,
            Visit.updated_at,
        ]
        pfields = [
            VisitPurpose.id,
            VisitPurpose.visit,
            VisitPurpose.service,
            VisitPurpose.outcome,
            VisitPurpose.referred_to,
            VisitPurpose.decline_reason,
            VisitPurpose.materials_brought,
            VisitPurpose.materials_missing,
            VisitPurpose.due_on,
            VisitPurpose.notice_given,
            VisitPurpose.notice_printed,
            VisitPurpose.completed_at,
            VisitPurpose.arrived_at,
        ]
        start = time.perf_counter()
        total_v = total_p = 0
        batch: list[tuple] = []
        size = MAX_VARIABLES // len(pfields)
        for row in visit_rows():
            batch.append(row)
            if len(batch) >= size // 2:
                total_v += self.w._flush(Visit, fields, batch)
                total_p += self.w._flush(VisitPurpose, pfields, purposes)
                purposes.clear()
                batch = []
        if batch:
            total_v += self.w._flush(Visit, fields, batch)
            total_p += self.w._flush(VisitPurpose, pfields, purposes)
        self.w.counts["visit"] = total_v
        self.w.counts["visit_purpose"] = total_p
        self.w.say(
            f"  visit + visit_purpose: {total_v:,} + {total_p:,} rows in "
            f"{time.perf_counter() - start:.1f} s"
        )

    # --- mediation -----------------------------------------------------------------------------

    def cases(self) -> None:
        rng = self.rng("cases")
        n = self.n["cases"]
        span = (self.today - self.start_day).days
        received = sorted(
            datetime.combine(
                self.start_day + timedelta(days=rng.randrange(span + 1)), datetime.min.time()
            )
            for _ in range(n)
        )
        received = [office_time(rng, d.date()) for d in received]
        received.sort()
        closing = {
            "closed": 40,
            "archived": 22,
            "performed": 10,
            "failed": 7,
            "referred_to_arbitration": 5,
            "withdrawn": 4,
            "not_accepted": 3,
            "respondent_declined": 2,
            "defaulted": 1,
            "performing": 3,
            "agreement_effective": 3,
        }
        c_items, c_cum = weighted_picker(rng, closing)
        cat_items, cat_cum = weighted_picker(rng, demo.CATEGORY_WEIGHTS)
        counters: dict[int, int] = {}
        cases, parties, claims, events, sessions, agreements, obligations, follow = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        ids = {"party": 0, "claim": 0, "event": 0, "session": 0, "agr": 0, "obl": 0, "fu": 0}
        mediator_ids = self.mediators or [self.admin]
        for cid, at in enumerate(received, start=1):
            year = at.year
            counters[year] = counters.get(year, 0) + 1
            seq = counters[year]
            age = (self.now - at).days
            due = mediation_due_for(at.date())
            if age < 3:
                state = "registered"
            elif age < 20:
                state = rng.choice(("accepted", "in_mediation", "in_mediation", "agreement_draft"))
            else:
                state = pick(rng, c_items, c_cum)
            collective = rng.random() < 0.01
            decided = closed = None
            if state not in ("registered",):
                decided = at + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 5))
            if state in (
                "closed",
                "archived",
                "failed",
                "referred_to_arbitration",
                "withdrawn",
                "not_accepted",
                "respondent_declined",
                "performed",
            ):
                closed = at + timedelta(days=rng.randint(5, 40))
                if closed > self.now:
                    closed = self.now - timedelta(hours=1)
            mediator = rng.choice(mediator_ids) if state != "registered" else None
            respondent = rng.choice(self.respondents)
            cases.append(
                (
                    cid,
                    year,
                    seq,
                    format_number(year, demo.CASE_PREFIX, seq),
                    "written" if rng.random() < 0.8 else "oral",
                    ts(at),
                    state,
                    respondent,
                    "拖欠工资" if rng.random() < 0.5 else "解除劳动合同经济补偿",
                    "",
                    "",
                    ds(at.date() - timedelta(days=rng.randint(5, 200))),
                    None,
                    collective,
                    mediator,
                    "",
                    ds(due),
                    None,
                    "",
                    ts(decided) if decided else None,
                    "",
                    None,
                    ts(closed) if closed else None,
                    None,
                    rng.choice(self.front),
                    ts(at),
                    ts(closed or decided or at),
                )
            )
            who = {self.person_pick(rng) for _ in range(rng.randint(10, 14) if collective else 1)}
            for pid in sorted(who):
                ids["party"] += 1
                parties.append((ids["party"], cid, pid))
                self.act.touch(pid, at)
            for cat in {pick(rng, cat_items, cat_cum) for _ in range(rng.randint(1, 3))}:
                ids["claim"] += 1
                amount = f"{rng.randrange(demo.MIN_CLAIM, demo.MAX_CLAIM, 100)}.00"
                claims.append((ids["claim"], cid, cat, amount, ""))
            ids["event"] += 1
            events.append(
                (
                    ids["event"],
                    cid,
                    ts(at),
                    rng.choice(self.front),
                    "transition",
                    "",
                    "registered",
                    "",
                )
            )
            if state != "registered" and decided:
                ids["event"] += 1
                events.append(
                    (
                        ids["event"],
                        cid,
                        ts(decided),
                        mediator or self.admin,
                        "transition",
                        "registered",
                        state,
                        "",
                    )
                )
            if state not in ("registered", "not_accepted", "respondent_declined") and decided:
                ids["session"] += 1
                held = decided + timedelta(days=rng.randint(1, 7))
                sessions.append(
                    (
                        ids["session"],
                        cid,
                        ts(min(held, self.now)),
                        rng.choice(demo.SESSION_PLACES),
                        "",
                        "",
                        True,
                        True,
                        ts(min(held, self.now)),
                    )
                )
            if state in ("performed", "performing", "defaulted", "agreement_effective") or (
                state in ("closed", "archived") and rng.random() < 0.7
            ):
                ids["agr"] += 1
                eff = (decided or at) + timedelta(days=rng.randint(3, 12))
                eff = min(eff, self.now)
                agreements.append(
                    (
                        ids["agr"],
                        cid,
                        "被申请人支付申请人款项",
                        True,
                        True,
                        True,
                        True,
                        ts(eff),
                        ts(eff),
                    )
                )
                ids["obl"] += 1
                odue = eff.date() + timedelta(days=15)
                done = state in ("performed", "closed", "archived")
                obligations.append(
                    (
                        ids["obl"],
                        ids["agr"],
                        "支付工资及经济补偿",
                        claims[-1][3],
                        ds(odue),
                        ds(odue) if done else None,
                        claims[-1][3] if done else None,
                        "",
                    )
                )
                if done and rng.random() < 0.3:
                    ids["fu"] += 1
                    follow.append(
                        (
                            ids["fu"],
                            cid,
                            ds(min(odue + timedelta(days=30), self.today)),
                            mediator or self.admin,
                            rng.choice(demo.FOLLOW_UP_NOTES),
                        )
                    )
        self.w.insert(
            MediationCase,
            [
                MediationCase.id,
                MediationCase.year,
                MediationCase.sequence,
                MediationCase.number,
                MediationCase.application_kind,
                MediationCase.received_at,
                MediationCase.state,
                MediationCase.respondent,
                MediationCase.matters,
                MediationCase.reasons,
                MediationCase.facts,
                MediationCase.date_knew,
                MediationCase.employment_ended,
                MediationCase.collective,
                MediationCase.mediator,
                MediationCase.mediator_reason,
                MediationCase.mediation_due,
                MediationCase.extended_until,
                MediationCase.extension_note,
                MediationCase.decided_at,
                MediationCase.decision_reason,
                MediationCase.review_due,
                MediationCase.closed_at,
                MediationCase.visit,
                MediationCase.created_by,
                MediationCase.created_at,
                MediationCase.updated_at,
            ],
            cases,
        )
        self.w.insert(CaseCounter, [CaseCounter.year, CaseCounter.last], sorted(counters.items()))
        self.w.insert(CaseParty, [CaseParty.id, CaseParty.case, CaseParty.person], parties)
        self.w.insert(
            CaseClaim,
            [
                CaseClaim.id,
                CaseClaim.case,
                CaseClaim.category,
                CaseClaim.amount,
                CaseClaim.description,
            ],
            claims,
        )
        self.w.insert(
            CaseEvent,
            [
                CaseEvent.id,
                CaseEvent.case,
                CaseEvent.at,
                CaseEvent.staff,
                CaseEvent.kind,
                CaseEvent.from_state,
                CaseEvent.to_state,
                CaseEvent.reason,
            ],
            events,
        )
        self.w.insert(
            CaseSession,
            [
                CaseSession.id,
                CaseSession.case,
                CaseSession.held_at,
                CaseSession.place,
                CaseSession.attendees,
                CaseSession.record,
                CaseSession.signed_by_parties,
                CaseSession.signed_by_mediator,
                CaseSession.created_at,
            ],
            sessions,
        )
        self.w.insert(
            Agreement,
            [
                Agreement.id,
                Agreement.case,
                Agreement.terms,
                Agreement.signed_applicant,
                Agreement.signed_respondent,
                Agreement.signed_mediator,
                Agreement.sealed_organization,
                Agreement.effective_at,
                Agreement.created_at,
            ],
            agreements,
        )
        self.w.insert(
            Obligation,
            [
                Obligation.id,
                Obligation.agreement,
                Obligation.description,
                Obligation.amount,
                Obligation.due_on,
                Obligation.performed_on,
                Obligation.performed_amount,
                Obligation.proof,
            ],
            obligations,
        )
        self.w.insert(
            CaseFollowUp,
            [
                CaseFollowUp.id,
                CaseFollowUp.case,
                CaseFollowUp.held_on,
                CaseFollowUp.staff,
                CaseFollowUp.notes,
            ],
            follow,
        )
        self.w.insert(
            MediatorRelation,
            [
                MediatorRelation.id,
                MediatorRelation.staff,
                MediatorRelation.person,
                MediatorRelation.organization,
                MediatorRelation.relation,
                MediatorRelation.created_at,
            ],
            [
                (1, mediator_ids[0], None, self.respondents[0], "曾在该单位任职", ts(self.now)),
                (2, mediator_ids[-1], 1, None, "亲属", ts(self.now)),
            ],
        )

    # --- library -------------------------------------------------------------------------------

    def library(self) -> None:
        rng = self.rng("library")
        topics = (
            "劳动法",
            "职场",
            "健康",
            "家庭教育",
            "中国历史",
            "北京",
            "烹饪",
            "摄影",
            "心理学",
            "理财",
            "小说",
            "诗词",
            "书法",
            "园艺",
            "养生",
            "旅行",
            "科学",
            "安全生产",
            "工会工作",
            "编程",
        )
        forms = (
            "入门",
            "实用指南",
            "百问百答",
            "故事",
            "简史",
            "手册",
            "讲义",
            "漫谈",
            "精选",
            "案例解析",
        )
        authors_s = list(demo.SURNAMES)
        publishers = (
            "中国工人出版社",
            "人民出版社",
            "北京出版社",
            "中华书局",
            "商务印书馆",
            "三联书店",
            "法律出版社",
            "人民卫生出版社",
        )
        classes = ("D92", "F24", "R16", "G78", "K20", "I24", "TS97", "J42", "B84", "TP31")
        titles = []
        for tid in range(1, self.n["titles"] + 1):
            title = f"{rng.choice(topics)}{rng.choice(forms)}"
            if rng.random() < 0.6:
                title += f"（第{rng.randint(1, 5)}版）"
            author = rng.choice(authors_s) + rng.choice(demo.MALE_CHARS + demo.FEMALE_CHARS)
            body = "978" + f"{rng.choice((7, 7, 7, 5))}" + f"{rng.randrange(10**8):08d}"
            isbn = body + ean.calc_check_digit(body) if rng.random() < 0.9 else ""
            item_type = rng.choices(
                ("book", "magazine", "reference", "audiovisual"), (88, 6, 4, 2)
            )[0]
            search = f"{cached_phrase(title)} {cached_phrase(author)}"
            titles.append(
                (
                    tid,
                    isbn,
                    title,
                    author,
                    rng.choice(publishers),
                    rng.randint(1995, self.today.year),
                    rng.choice(classes),
                    item_type,
                    search,
                    True,
                    ts(self.now - timedelta(days=HISTORY_YEARS * 366)),
                    ts(self.now - timedelta(days=HISTORY_YEARS * 366)),
                )
            )
        self.w.insert(
            Title,
            [
                Title.id,
                Title.isbn,
                Title.title,
                Title.author,
                Title.publisher,
                Title.year,
                Title.classification,
                Title.item_type,
                Title.search_text,
                Title.active,
                Title.created_at,
                Title.updated_at,
            ],
            titles,
        )
        reference = {t[0] for t in titles if t[7] == "reference"}
        # Copies: 1 to 4 per title until the total is reached.
        copies = []  # [id, title, status, box]
        tid = 0
        while len(copies) < self.n["copies"]:
            tid = tid % len(titles) + 1
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                if len(copies) < self.n["copies"]:
                    copies.append([len(copies) + 1, tid, "available", None])
        boxes = max(2, round(30 * self.scale))
        box_rows = [
            (b, f"BOX{b:04d}", f"流动书屋{b}号箱", "at_station", ts(self.now))
            for b in range(1, boxes + 1)
        ]
        lent_boxes = set(range(1, boxes + 1, 2))
        box_rows = [
            (b, code, name, "lent" if b in lent_boxes else s, t) for b, code, name, s, t in box_rows
        ]
        in_box: dict[int, list[int]] = {}
        for c in copies[-boxes * 20 :]:
            c[3] = 1 + (c[0] % boxes)
            c[2] = "in_box" if c[3] in lent_boxes else "available"
            in_box.setdefault(c[3], []).append(c[0])
        loanable = [c for c in copies if c[3] is None and c[1] not in reference]
        for c in rng.sample(loanable, max(1, len(loanable) // 100)):
            c[2] = rng.choice(("lost", "damaged", "withdrawn"))
        loanable = [c for c in loanable if c[2] == "available"]
        # Loans: a timeline per copy, going back from today; ~2% of loans are still open.
        total = self.n["loans"]
        open_target = max(1, total // 50)
        borrowers = max(10, self.n["people"] // 5)
        weights = [1.0 / (i + 1) ** 0.5 for i in range(len(loanable))]
        rng.shuffle(loanable)
        per_copy = [0] * len(loanable)
        for i in rng.choices(range(len(loanable)), weights=weights, k=total):
            per_copy[i] += 1
        open_copies = set(rng.sample(range(len(loanable)), min(open_target, len(loanable))))
        loans = []
        lid = 0
        for idx, c in enumerate(loanable):
            k = per_copy[idx]
            if k == 0:
                continue
            moment = self.now
            planned = []
            for j in range(k):
                if j == 0 and idx in open_copies:
                    lent = moment - timedelta(days=rng.uniform(0, 50))
                    returned = None
                else:
                    returned = moment - timedelta(days=rng.uniform(0.5, 20))
                    lent = returned - timedelta(days=rng.uniform(2, 38))
                lent = office_time(rng, lent.date())
                if returned is not None:
                    returned = office_time(rng, returned.date())
                    if returned <= lent:
                        returned = lent + timedelta(hours=1)
                planned.append((lent, returned))
                moment = lent - timedelta(days=rng.uniform(0, 5))
            if idx in open_copies:
                c[2] = "on_loan"
            for lent, returned in reversed(planned):
                lid += 1
                person = 1 + int(borrowers * rng.random() ** 1.5)
                self.act.touch(person, lent)
                if returned is not None:
                    self.act.touch(person, returned)
                renewals = 1 if rng.random() < 0.1 else 0
                due = lent.date() + timedelta(days=30 * (1 + renewals))
                staff = rng.choice(self.librarians or [self.admin])
                loans.append(
                    (
                        lid,
                        c[0],
                        person,
                        staff,
                        ts(lent),
                        ds(due),
                        ts(returned) if returned else None,
                        staff if returned else None,
                        renewals,
                    )
                )
        loans.sort(key=lambda r: r[4])
        loans = [(i, *r[1:]) for i, r in enumerate(loans, start=1)]
        self.w.insert(
            Copy,
            [
                Copy.id,
                Copy.title,
                Copy.barcode,
                Copy.accession_number,
                Copy.price,
                Copy.location,
                Copy.status,
                Copy.box,
                Copy.last_seen_at,
                Copy.created_at,
            ],
            (
                (
                    cid,
                    t,
                    f"3{cid:011d}",
                    f"A{cid:07d}",
                    f"{20 + cid % 60}.00",
                    f"{'ABCDEFGH'[cid % 8]}{1 + cid % 12}",
                    status,
                    box,
                    None,
                    ts(self.now - timedelta(days=HISTORY_YEARS * 366)),
                )
                for cid, t, status, box in copies
            ),
        )
        self.w.insert(Box, [Box.id, Box.barcode, Box.name, Box.state, Box.created_at], box_rows)
        self.w.insert(
            Loan,
            [
                Loan.id,
                Loan.copy,
                Loan.person,
                Loan.staff,
                Loan.lent_at,
                Loan.due_on,
                Loan.returned_at,
                Loan.returned_staff,
                Loan.renewals,
            ],
            loans,
        )
        rules = [(2, "member", "", 60, 5, 2, False)] if CirculationRule.select().count() else []
        if rules:
            self.w.insert(
                CirculationRule,
                [
                    CirculationRule.borrower_category,
                    CirculationRule.item_type,
                    CirculationRule.loan_days,
                    CirculationRule.max_loans,
                    CirculationRule.renewals,
                    CirculationRule.reference_only,
                ],
                [r[1:] for r in rules],
            )
        holds = []
        for hid in range(1, max(2, round(2000 * self.scale)) + 1):
            placed = self.now - timedelta(days=rng.uniform(0, 700))
            state = (
                "waiting"
                if placed > self.now - timedelta(days=30)
                else rng.choice(("fulfilled", "fulfilled", "cancelled"))
            )
            person = 1 + int(borrowers * rng.random())
            self.act.touch(person, placed)
            closed = ts(placed + timedelta(days=7)) if state != "waiting" else None
            holds.append(
                (hid, rng.randint(1, len(titles)), person, ts(placed), state, None, None, closed)
            )
        self.w.insert(
            Hold,
            [
                Hold.id,
                Hold.title,
                Hold.person,
                Hold.placed_at,
                Hold.state,
                Hold.copy,
                Hold.ready_at,
                Hold.closed_at,
            ],
            holds,
        )
        import json

        self.w.insert(
            BoxLoan,
            [
                BoxLoan.id,
                BoxLoan.box,
                BoxLoan.organization,
                BoxLoan.contact_name,
                BoxLoan.contact_phone,
                BoxLoan.starts_on,
                BoxLoan.due_on,
                BoxLoan.returned_at,
                BoxLoan.staff,
                BoxLoan.manifest,
                BoxLoan.reconciliation,
            ],
            [
                (
                    i,
                    b,
                    rng.choice(self.org_ids),
                    "",
                    "",
                    ds(self.today - timedelta(days=20)),
                    ds(self.today + timedelta(days=70)),
                    None,
                    self.librarians[0] if self.librarians else self.admin,
                    json.dumps(in_box.get(b, [])),
                    "",
                )
                for i, b in enumerate(sorted(lent_boxes), start=1)
            ],
        )
        started = self.now - timedelta(days=90)
        self.w.insert(
            Stocktake,
            [
                Stocktake.id,
                Stocktake.location,
                Stocktake.started_at,
                Stocktake.finished_at,
                Stocktake.staff,
            ],
            [(1, "A1", ts(started), ts(started + timedelta(hours=3)), self.admin)],
        )
        shelf = [c for c in copies if c[0] % 24 == 0][:2000] or copies[:1]
        self.w.insert(
            StocktakeItem,
            [
                StocktakeItem.id,
                StocktakeItem.stocktake,
                StocktakeItem.copy,
                StocktakeItem.expected,
                StocktakeItem.seen_at,
                StocktakeItem.seen_location,
            ],
            [
                (
                    i,
                    1,
                    c[0],
                    True,
                    ts(started + timedelta(minutes=i % 170)) if i % 50 else None,
                    "A1" if i % 50 else "",
                )
                for i, c in enumerate(shelf, start=1)
            ],
        )

    # --- events --------------------------------------------------------------------------------

    def events(self) -> None:
        rng = self.rng("events")
        series_names = (
            "职工健步走",
            "女职工权益讲座",
            "羽毛球比赛",
            "职工书屋读书会",
            "单身职工联谊会",
            "亲子手工课",
            "健康讲座",
            "法律知识讲座",
            "摄影沙龙",
            "书法培训班",
            "送清凉",
            "金秋助学",
            "新春送福",
            "心理减压工作坊",
            "消防安全培训",
            "八段锦课堂",
        )
        self.w.insert(
            EventSeries,
            [EventSeries.id, EventSeries.name, EventSeries.max_per_person, EventSeries.created_at],
            [
                (i, name, None, ts(self.now - timedelta(days=2000)))
                for i, name in enumerate(series_names, start=1)
            ],
        )
        n = self.n["events"]
        total_regs = self.n["registrations"]
        mean = total_regs / n
        span = (self.today + timedelta(days=60) - self.start_day).days
        starts = []
        for _ in range(n):
            day = self.start_day + timedelta(days=rng.randrange(span))
            month_w = {2: 0.5, 3: 1.2, 5: 1.2, 9: 1.3, 10: 1.1}.get(day.month, 1.0)
            if rng.random() > month_w / 1.3:
                day = self.start_day + timedelta(days=rng.randrange(span))
            hour = rng.choice((9, 10, 14, 15, 19))
            starts.append(datetime(day.year, day.month, day.day, hour, 0))
        starts.sort()
        events, quotas, regs = [], [], []
        organisers = self.organisers or [self.admin]
        venues = ("服务站活动室", "东城区文化馆", "职工之家", "社区活动中心", "东单体育中心")
        rid = 0
        qid = 0
        people = self.n["people"]
        women_ids = [p[0] for p in self.people if p[2] == "F"]
        for eid, start in enumerate(starts, start=1):
            sid = rng.randint(1, len(series_names))
            big = rng.random() < 0.15
            capacity = max(5, round(rng.uniform(0.6, 1.4) * mean * (2.5 if big else 0.75)))
            wanted = max(1, round(capacity * rng.uniform(0.6, 1.36)))
            wanted = min(wanted, people)
            opens = start - timedelta(days=14)
            closes = start - timedelta(days=1)
            past = start < self.now
            state = "closed" if past else "open"
            if rng.random() < 0.02:
                state = "cancelled"
            women = series_names[sid - 1] == "女职工权益讲座"
            events.append(
                (
                    eid,
                    f"{series_names[sid - 1]}（{start:%Y年%m月}）",
                    sid,
                    "big" if big else "small",
                    ts(start),
                    ts(start + timedelta(hours=2)),
                    rng.choice(venues),
                    "",
                    capacity,
                    ts(opens),
                    ts(closes),
                    ts(start - timedelta(days=2)),
                    "auto",
                    24,
                    women,
                    False,
                    None,
                    None,
                    False,
                    None,
                    None,
                    state,
                    "报名人数不足" if state == "cancelled" else "",
                    rng.choice(organisers),
                    ts(opens - timedelta(days=1)),
                    ts(min(start, self.now)),
                )
            )
            if (big and rng.random() < 0.5) or eid == 1:
                qid += 1
                quotas.append(
                    (
                        qid,
                        eid,
                        "单位预留",
                        max(1, capacity // 5),
                        "",
                        None,
                        None,
                        rng.choice(self.org_ids),
                        True,
                        ds(closes.date()),
                    )
                )
            counted = 0
            pool = women_ids if women else range(1, people + 1)
            for pid in rng.sample(pool, min(wanted, len(pool))):
                rid += 1
                created = opens + timedelta(minutes=rng.randrange(13 * 24 * 60))
                if created > self.now:
                    created = self.now - timedelta(minutes=rng.randrange(1, 600))
                if created < opens:
                    created = opens
                self.act.touch(pid, created)
                conf = check = closed = None
                wl = None
                reason = ""
                if state == "cancelled":
                    rstate, closed, reason = "cancelled", ts(closes), "活动取消"
                elif rng.random() < 0.06:
                    rstate, closed = "cancelled", ts(min(created + timedelta(days=1), self.now))
                elif counted < capacity:
                    counted += 1
                    conf = ts(created)
                    if past:
                        if rng.random() < 0.88:
                            rstate, check = "attended", ts(start + timedelta(minutes=-10))
                        else:
                            rstate = "no_show"
                    else:
                        rstate = "confirmed"
                else:
                    wl = ts(created)
                    rstate = "expired" if past else "waitlisted"
                    if past:
                        closed = ts(start)
                regs.append(
                    (
                        rid,
                        eid,
                        pid,
                        rstate,
                        ts(created),
                        rng.choice(organisers),
                        wl,
                        0,
                        None,
                        conf,
                        check,
                        closed,
                        None,
                        reason,
                    )
                )
        self.w.insert(
            Event,
            [
                Event.id,
                Event.title,
                Event.series,
                Event.size,
                Event.starts_at,
                Event.ends_at,
                Event.venue,
                Event.description,
                Event.capacity,
                Event.opens_at,
                Event.closes_at,
                Event.cancel_deadline,
                Event.mode,
                Event.offer_hours,
                Event.women_only,
                Event.members_only,
                Event.min_age,
                Event.max_age,
                Event.balanced,
                Event.min_participants,
                Event.decision_on,
                Event.state,
                Event.cancel_reason,
                Event.created_by,
                Event.created_at,
                Event.updated_at,
            ],
            events,
        )
        self.w.insert(
            EventQuota,
            [
                EventQuota.id,
                EventQuota.event,
                EventQuota.name,
                EventQuota.capacity,
                EventQuota.gender,
                EventQuota.min_age,
                EventQuota.max_age,
                EventQuota.workplace,
                EventQuota.reserved,
                EventQuota.release_on,
            ],
            quotas,
        )
        self.w.insert(
            Registration,
            [
                Registration.id,
                Registration.event,
                Registration.person,
                Registration.state,
                Registration.created_at,
                Registration.staff,
                Registration.waitlisted_at,
                Registration.priority,
                Registration.offered_until,
                Registration.confirmed_at,
                Registration.checked_in_at,
                Registration.closed_at,
                Registration.closed_by,
                Registration.reason,
            ],
            regs,
        )


# --- entry point ----------------------------------------------------------------------------------


def generate(
    out: Path, *, size: str, seed: int = 1, today: date = date(2026, 11, 24), quiet: bool = False
) -> dict[str, int]:
    out = Path(out)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_station_database(f"sqlite:///{out.resolve().as_posix()}")
    try:
        db.execute_sql("PRAGMA journal_mode=MEMORY")
        db.execute_sql("PRAGMA synchronous=OFF")
        db.execute_sql("PRAGMA cache_size=-200000")
        gen = Generator(db, size=size, seed=seed, today=today, quiet=quiet)
        # Foreign keys are checked once at the end: people are written last, with their
        # last activity known.
        db.execute_sql("PRAGMA foreign_keys=OFF")
        counts = gen.run()
        db.execute_sql("PRAGMA foreign_keys=ON")
        bad = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise RuntimeError(f"foreign key violations: {bad[:5]}")
        db.execute_sql("PRAGMA journal_mode=WAL")
        db.execute_sql("PRAGMA synchronous=FULL")
        counts = {
            table: db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in db.get_tables()
        }
    finally:
        close_database()
    if not quiet:
        print(f"total {time.perf_counter() - started:.1f} s")
        for table, count in counts.items():
            print(f"  {table:22} {count:>10,}")
        print(f"file {out}: {os.path.getsize(out) / 2**20:.1f} MiB")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 24))
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    generate(args.out, size=args.size, seed=args.seed, today=args.today, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
