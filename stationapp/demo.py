"""Realistic demo data: a Dongcheng street station with three years of workers and workplaces,
two years of front-desk visits, a year of labour-dispute mediation cases, the workers' library
with two years of loans and boxes out at office buildings, and two years of union events (a big
one every month, a small one every week) with registrations, waitlists and attendance.

Staff, workplaces, people and outreach sessions go through the services (validated and audited like
real input); only the timestamps are moved into the past afterwards, because the services stamp
every record "now". The visits, thousands of them, are written with bulk inserts of rows built the
way the visit service builds them (material names from the catalogue, one audit entry per visit).
The mediation cases go step by step through the mediation service, and each step is moved back
to its date afterwards. The library's titles, copies, loans, holds and boxes are bulk-inserted
like the visits, each with the audit entry the library services would have written, at its date.
The events, their registrations, cancellations, sign-in sheets and closing go through the events
service call by call; whatever each call stamped is moved back to when it happened.
"""

from __future__ import annotations

import bisect
import json
import logging
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from decimal import Decimal
from functools import partial
from itertools import accumulate
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication
from stdnum import ean, luhn
from stdnum.cn import ric

from stationapp.db import now, today, transaction
from stationapp.models.accounts import (
    ADMIN,
    FRONT_DESK,
    LIBRARIAN,
    MEDIATION_HEAD,
    MEDIATOR,
    ORGANISER,
    AuditEntry,
    Staff,
)
from stationapp.models.events import Event, EventSeries, Registration
from stationapp.models.library import Box, BoxLoan, Copy, Hold, Loan, Title
from stationapp.models.mediation import (
    Agreement,
    CaseEvent,
    CaseParty,
    CaseSession,
    MediationCase,
    MediatorRelation,
    Obligation,
)
from stationapp.models.people import Organization, Person
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import accounts, events, library, mediation, people, visits

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

DEMO_SEED = 20261124
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "demo-admin-1"
DEMO_PASSWORD = "demo-pass-1"
STATION_NAME = "东城区建国门街道工会服务站"
CASE_PREFIX = "建工调"

# username, display name, roles
DEMO_STAFF: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("frontdesk", "李晓梅", (FRONT_DESK,)),
    ("mediator", "张建国", (MEDIATOR,)),
    ("mediationhead", "陈志强", (MEDIATION_HEAD, MEDIATOR)),
    ("librarian", "刘静", (LIBRARIAN,)),
    ("organiser", "赵丽娜", (ORGANISER,)),
)

HISTORY_DAYS = 3 * 365


def _weighted(table: str) -> dict[str, int]:
    """Parse "王72 欧阳2" or "110101:30" into {value: weight}."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"([^\s:\d]+|\d{6}):?(\d+)", table)}


@dataclass(frozen=True)
class _Org:
    name: str
    kind: str
    union_status: str
    address: str


# Workplaces around 建国门, 朝阳门, 东四 and 东直门; companies are invented.
ORGANIZATIONS: tuple[_Org, ...] = (
    _Org("东方广场", "office_building", "joint_union", "东城区东长安街1号"),
    _Org("国瑞大厦", "office_building", "joint_union", "东城区崇文门外大街18号"),
    _Org("华润大厦", "office_building", "joint_union", "东城区建国门北大街8号"),
    _Org("中粮广场", "office_building", "joint_union", "东城区建国门内大街8号"),
    _Org("恒基中心", "office_building", "own_union", "东城区建国门内大街18号"),
    _Org("凯恒中心", "office_building", "joint_union", "东城区东直门南大街11号"),
    _Org("银河SOHO", "office_building", "joint_union", "东城区朝阳门南小街2号"),
    _Org("来福士中心", "office_building", "none", "东城区东直门南大街1号"),
    _Org("保利大厦", "office_building", "own_union", "东城区东四十条甲22号"),
    _Org("富华大厦", "office_building", "joint_union", "东城区朝阳门北大街26号"),
    _Org("港澳中心", "office_building", "none", "东城区朝阳门北大街2号"),
    _Org("西总布社区", "community", "joint_union", "东城区西总布胡同46号"),
    _Org("东总布社区", "community", "joint_union", "东城区东总布胡同19号"),
    _Org("赵家楼社区", "community", "joint_union", "东城区赵家楼胡同3号"),
    _Org("金宝街社区", "community", "joint_union", "东城区金宝街52号"),
    _Org("大羊毛社区", "community", "joint_union", "东城区大羊毛胡同9号"),
    _Org("史家社区", "community", "joint_union", "东城区史家胡同24号"),
    _Org("礼士社区", "community", "joint_union", "东城区礼士胡同41号"),
    _Org("东四八条社区", "community", "joint_union", "东城区东四八条35号"),
    _Org("清水苑社区", "community", "joint_union", "东城区东直门外清水苑7号"),
    _Org(
        "东城区建国门社区卫生服务中心", "public_institution", "own_union", "东城区建国门内大街甲5号"
    ),
    _Org("东城区第一图书馆", "public_institution", "own_union", "东城区交道口东大街85号"),
    _Org("东城区文化馆", "public_institution", "own_union", "东城区东四北大街37号"),
    _Org("北京市东城区东总布小学", "public_institution", "own_union", "东城区东总布胡同48号"),
    _Org("东城区朝阳门街道养老照料中心", "public_institution", "own_union", "东城区南竹竿胡同12号"),
    _Org("北京建华物业管理有限公司", "company", "own_union", "东城区建国门内大街甲18号"),
    _Org("北京同城速递有限公司东城分部", "company", "joint_union", "东城区北京站东街6号"),
    _Org("北京东华餐饮管理有限公司", "company", "none", "东城区东单北大街120号"),
    _Org("北京鑫源家政服务有限公司", "company", "joint_union", "东城区朝阳门内大街155号"),
    _Org("北京和平保安服务有限公司", "company", "own_union", "东城区东四十条24号"),
    _Org("北京万通出租汽车有限公司", "company", "own_union", "东城区东直门外大街42号"),
    _Org("北京华信会计师事务所有限公司", "company", "none", "东城区建国门内大街28号"),
    _Org("北京智联九州科技有限公司", "company", "none", "东城区东直门南大街3号"),
    _Org("北京康泰养老服务有限公司", "company", "joint_union", "东城区演乐胡同17号"),
    _Org("北京德润律师事务所", "company", "joint_union", "东城区东长安街1号东方广场W2座"),
    _Org("北京金宝街酒店管理有限公司", "company", "own_union", "东城区金宝街88号"),
    _Org("北京崇文门菜市场经营管理有限公司", "company", "none", "东城区崇文门外大街5号"),
    _Org("北京安居家装工程有限公司", "company", "none", "东城区东四北大街107号"),
    _Org("北京东直门连锁超市有限公司", "company", "joint_union", "东城区东直门内大街68号"),
    _Org("北京朝阳门汽车维修服务有限公司", "company", "none", "东城区朝阳门南小街15号"),
)

# Surnames with relative frequencies, the common ones first; then the polyphonic ones, read
# differently as a surname than as a word, and the compound ones.
SURNAMES = _weighted(
    """
    王72 李72 张68 刘55 陈45 杨32 赵28 黄22 周21 吴20 徐17 孙17 胡14 朱14 高13 林12 何12 郭12
    马12 罗10 梁9 宋9 郑9 谢8 韩8 唐8 冯8 于8 董7 萧2 程7 袁7 邓7 许7 傅6 沈6 彭6 吕6 苏6 卢6
    蒋6 蔡6 贾5 丁5 魏5 薛5 叶5 阎4 潘5 杜5 戴4 夏4 钟4 田5 任5 姜5 范4 方4 石4 姚4 谭4 廖4
    邹4 熊4 金4 陆4 郝4 孔3 白4 崔4 康3 毛3 邱3 秦3 江3 史3 顾3 侯3 邵3 孟3 龙3 万3 段3 雷3
    钱3 汤3 尹3 黎3 易2 常3 武3 乔3 贺3 赖2 龚2 文2
    曾5 单2 解2 区1 仇1 朴2 查1 乐1 覃1 翟2 缪1
    欧阳2 司马1 诸葛1 上官1
    """
)
POLYPHONIC_SURNAMES: dict[str, str] = {
    "单": "shan",
    "解": "xie",
    "曾": "zeng",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "乐": "yue",
    "覃": "qin",
    "翟": "zhai",
    "缪": "miao",
}
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang",
    "司马": "sima",
    "诸葛": "zhuge",
    "上官": "shangguan",
}

MALE_CHARS = "伟强磊军勇杰涛明超刚建国志文辉鹏宇浩俊晨斌波凯东海鑫瑞博峰龙飞华平亮永健林成宏"
FEMALE_CHARS = "芳娜敏静丽艳娟秀霞桂英红玲萍欣怡涵雨思佳婷雪琳丹慧颖晓燕宁彤倩洁璐蕾薇"

# Where the ID cards were issued: mostly Beijing (东城, 朝阳, 西城, 丰台, 海淀), some provinces.
ADDRESS_CODES = _weighted(
    """
    110101:30 110105:14 110102:10 110106:6 110108:5 130102:4 130104:3 130602:2 120101:3
    370102:3 410105:3 420106:2 210102:2 230103:2 340104:1 150102:1 360102:1 610103:1 440106:1
    330106:1 320106:1
    """
)
MOBILE_PREFIXES = tuple(
    re.findall(
        r"\d{3}",
        "130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 176 177 178 "
        "180 181 182 183 185 186 187 188 189 191 198 199",
    )
)
NOTES = (
    "夜班工作，电话联系请在下午三点以后。",
    "咨询劳动合同续签问题，已发一次性告知书。",
    "困难职工，已建档，家中有老人需照顾。",
    "外卖骑手，希望参加周末的职工书屋活动。",
    "听力不好，接待时请放慢语速。",
    "已转介区总工会法律援助中心。",
    "孩子今年考上大学，关注金秋助学。",
    "京卡挂失后已补办，请核对新卡号。",
    "愿意担任楼宇工会志愿者。",
    "对调解结果满意，留下了感谢信。",
)
# Share of union members by the union status of the workplace ("" for no workplace).
MEMBER_SHARE = {"own_union": 0.72, "joint_union": 0.6, "none": 0.4, "": 0.42}


DEMO_PEOPLE = 300

# What a progress callback hears: (done, total, what is being done now), done in percent of
# the build's time (total is 100). It is called before each area, every few events (the
# longest part), and once at the end (done == total); it may raise to stop the build, which
# rolls the one transaction back and leaves the database empty.
Progress = Callable[[int, int, str], None]
# The share of the build's time each area of _steps() takes (the 300-people demo), in percent.
STEP_WEIGHTS = (4, 6, 7, 7, 11, 64, 1)
EVENTS_STEP = 5


def _steps() -> tuple[str, ...]:
    return (
        translate("Demo", "Staff accounts and workplaces"),
        translate("Demo", "Workers"),
        translate("Demo", "Two years of front-desk visits"),
        translate("Demo", "Mediation cases"),
        translate("Demo", "The library: books, loans and boxes"),
        translate("Demo", "Union events and registrations"),
        translate("Demo", "Hardship files"),
    )


def populate(
    *, seed: int = DEMO_SEED, people: int | None = None, progress: Progress | None = None
) -> Staff:
    """Fill an empty, migrated database with the demo station and return its administrator.

    ``progress`` (see Progress) hears of each area as it starts and of the end.
    """
    if not accounts.is_first_run() or Person.select().exists():
        raise RuntimeError("demo data goes only into an empty database")
    people = DEMO_PEOPLE if people is None else people
    started = time.perf_counter()
    rng = random.Random(seed)
    steps = _steps()

    def step(number: int, within: float = 0.0) -> None:
        if progress is not None:
            done = sum(STEP_WEIGHTS[:number])
            if number < len(steps):
                done += int(STEP_WEIGHTS[number] * within)
            progress(done, 100, steps[number] if number < len(steps) else "")

    # One transaction for the lot: a half-filled demo would be worse than none.
    with transaction(lock=True):
        step(0)
        admin = accounts.create_first_admin(
            username=DEMO_ADMIN_USERNAME,
            display_name="王站长",
            password=DEMO_ADMIN_PASSWORD,
            station_name=STATION_NAME,
            case_prefix=CASE_PREFIX,
        )
        for username, display_name, roles in DEMO_STAFF:
            accounts.create_staff(
                admin,
                username=username,
                display_name=display_name,
                roles=list(roles),
                password=DEMO_PASSWORD,
            )
        # Nobody can change a shared demo password, so nobody is asked to.
        demo_users = [username for username, _, _ in DEMO_STAFF]
        Staff.update(must_change_password=False).where(Staff.username.in_(demo_users)).execute()
        orgs = _create_organizations(admin, rng)
        step(1)
        _create_people(admin, rng, orgs, count=people)
        _backdate(rng)
        step(2)
        visit_count = populate_visits(admin, rng=rng)
        step(3)
        case_count = populate_cases(admin, rng=rng)
        step(4)
        loan_count = populate_library(admin, rng=rng)
        step(5)
        event_count = populate_events(
            admin, rng=rng, progress=lambda done, total: step(EVENTS_STEP, done / total)
        )
        step(6)
        populate_hardship(admin, rng=rng)
        step(len(steps))
    log.info(
        "demo database filled: %d workplaces, %d people, %d visits, %d cases, %d loans, "
        "%d events in %.1f s",
        len(orgs),
        people,
        visit_count,
        case_count,
        loan_count,
        event_count,
        time.perf_counter() - started,
    )
    return admin


def needs_filling() -> bool:
    """True while the (demo) database bound to the proxy has no accounts yet."""
    return accounts.is_first_run()


def ensure_demo_database(progress: Progress | None = None) -> Staff:
    """The demo administrator, filling the database first if it is still empty."""
    if accounts.is_first_run():
        return populate(progress=progress)
    admin = Staff.get_or_none(Staff.username == DEMO_ADMIN_USERNAME)
    if admin is None:
        admins = Staff.select().where(Staff.active, Staff.roles.contains(ADMIN))
        admin = admins.order_by(Staff.id).first()
    if admin is None:
        raise RuntimeError("the demo database has no administrator")
    return admin


# --- workplaces ---------------------------------------------------------------------------------


def _create_organizations(admin: Staff, rng: random.Random) -> list[Organization]:
    orgs = []
    for spec in ORGANIZATIONS:
        contact = _surname(rng) + _given_name(rng, rng.choice("MF"))
        phone = _mobile(rng) if rng.random() < 0.4 else f"010-{rng.choice('6586')}{_digits(rng, 7)}"
        orgs.append(
            people.create_organization(
                admin,
                people.OrganizationInput(
                    name=spec.name,
                    kind=spec.kind,
                    address=spec.address,
                    contact_name=contact,
                    contact_phone=phone,
                    union_status=spec.union_status,
                ),
            )
        )
    return orgs


# --- workers ------------------------------------------------------------------------------------


def _create_people(
    admin: Staff, rng: random.Random, orgs: list[Organization], *, count: int
) -> None:
    # Every tricky surname appears at least once, so a newcomer can try searching for them.
    showcase = list(COMPOUND_SURNAMES) + list(POLYPHONIC_SURNAMES)
    org_weights = [4 if o.kind in ("office_building", "company") else 2 for o in orgs]
    used_phones: set[str] = set()
    used_ids: set[str] = set()
    used_cards: set[str] = set()
    on = today()
    for index in range(count):
        gender = "F" if rng.random() < 0.52 else "M"
        surname = showcase[index] if index < len(showcase) else _surname(rng)
        data = people.PersonInput(name=surname + _given_name(rng, gender), gender=gender)
        roll = rng.random()
        if roll < 0.85:
            data.id_number = _unique(used_ids, partial(_ric_number, rng, gender, on))
        elif roll < 0.865:
            data.id_type = "hk_macau_pass"
            data.id_number = _unique(used_ids, lambda: rng.choice("HM") + _digits(rng, 8))
        elif roll < 0.88:
            data.id_type = "passport"
            data.id_number = _unique(used_ids, lambda: "E" + _digits(rng, 8))
        elif roll < 0.94:
            data.birth_date = _birth_date(rng, on)
        if rng.random() < 0.95:
            data.phone = _unique(used_phones, lambda: _mobile(rng))
        workplace = rng.choices(orgs, org_weights)[0] if rng.random() < 0.8 else None
        data.workplace_id = workplace.id if workplace else None
        data.is_member = rng.random() < MEMBER_SHARE[workplace.union_status if workplace else ""]
        if data.is_member and rng.random() < 0.6:
            data.member_card = _unique(used_cards, lambda: _card_number(rng))
        if rng.random() < 0.07:
            data.notes = rng.choice(NOTES)
        people.create_person(admin, data)


def _surname(rng: random.Random) -> str:
    return rng.choices(list(SURNAMES), list(SURNAMES.values()))[0]


def _given_name(rng: random.Random, gender: str) -> str:
    chars = FEMALE_CHARS if gender == "F" else MALE_CHARS
    length = 2 if rng.random() < 0.7 else 1
    return "".join(rng.sample(chars, length))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)


def _birth_date(rng: random.Random, on: date) -> date:
    """A working-age birthday: 18 to 65 years old on ``on``."""
    return on - timedelta(days=rng.randrange(18 * 366, 65 * 365))


def _ric_number(rng: random.Random, gender: str, on: date) -> str:
    code = rng.choices(list(ADDRESS_CODES), list(ADDRESS_CODES.values()))[0]
    # The sequence code is odd for men, even for women.
    sequence = rng.randrange(1, 500) * 2 + (1 if gender == "M" else 0)
    body = f"{code}{_birth_date(rng, on):%Y%m%d}{sequence:03d}"
    # stdnum expects the number with a placeholder where the check character goes.
    return body + ric.calc_check_digit(body + "0")


def _card_number(rng: random.Random) -> str:
    body = "622" + _digits(rng, 15)
    return body + luhn.calc_check_digit(body)


def _unique(used: set[str], make: Callable[[], str]) -> str:
    for _ in range(1000):
        value = make()
        if value not in used:
            used.add(value)
            return value
    raise RuntimeError("could not draw a unique demo value")


# --- history ------------------------------------------------------------------------------------


def _backdate(rng: random.Random) -> None:
    """Spread creation and activity over the last three years (the services stamped "now")."""
    moment = now()
    opened = _office_hours(rng, moment - timedelta(days=HISTORY_DAYS + 90))
    Staff.update(created_at=opened).execute()
    orgs = list(Organization.select(Organization.id).order_by(Organization.id))
    for org in orgs:
        org.created_at = org.updated_at = _office_hours(
            rng, opened + timedelta(days=rng.randrange(0, 90))
        )
    Organization.bulk_update(
        orgs, fields=[Organization.created_at, Organization.updated_at], batch_size=200
    )
    persons = list(Person.select(Person.id).order_by(Person.id))
    for person in persons:
        created = _office_hours(rng, moment - timedelta(days=rng.randrange(0, HISTORY_DAYS)))
        # Returning visitors: recent activity is likelier than old.
        last = created + (moment - created) * (rng.random() ** 0.6)
        last = max(created, _office_hours(rng, last))
        created, last = min(created, moment), min(last, moment)
        person.created_at = created
        person.updated_at = created + (last - created) * rng.random()
        person.last_activity_at = last
    Person.bulk_update(
        persons,
        fields=[Person.created_at, Person.updated_at, Person.last_activity_at],
        batch_size=200,
    )
    for model, entity in ((Person, "person"), (Organization, "organization")):
        created_at = model.select(model.created_at).where(model.id == AuditEntry.entity_id)
        AuditEntry.update(at=created_at).where(
            AuditEntry.entity == entity, AuditEntry.action == "create"
        ).execute()


def _office_hours(rng: random.Random, moment: datetime) -> datetime:
    """A time on a working day between 8:30 and 17:30, when the station is open."""
    day = moment.date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    start = datetime(day.year, day.month, day.day, 8, 30)
    return start + timedelta(seconds=rng.randrange(0, 9 * 3600))


# --- visits -------------------------------------------------------------------------------------

VISIT_BATCH = 500
# 正月初一 of each year: around the Spring Festival holiday the desk is nearly empty.
SPRING_FESTIVAL: dict[int, date] = {
    2019: date(2019, 2, 5),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
}
# Busier after the new year's start-up (March) and after the summer (September, 金秋助学);
# quieter in the August holidays.
MONTH_FACTOR = {3: 1.3, 8: 0.7, 9: 1.3}
# How often each seeded service is asked for; a service not listed (added by an administrator)
# gets DEFAULT_SERVICE_WEIGHT.
SERVICE_WEIGHTS: dict[str, int] = {
    "入会": 24,
    "京卡·互助服务卡办理": 22,
    "京卡挂失补办": 5,
    "职工医疗互助二次报销": 7,
    "在职职工互助保障": 5,
    "困难职工建档": 3,
    "困难帮扶救助（生活、医疗、金秋助学、职业培训）": 4,
    "法律咨询": 14,
    "劳动争议调解申请": 3,
    "职工心理减压室预约": 1,
    "职工书屋借阅证办理": 5,
    "活动报名与送温暖、送清凉、生日祝福": 6,
    "工会会员信息变更": 3,
}
DEFAULT_SERVICE_WEIGHT = 2
# Where the desk sends people, by service, and how often it does.
REFERRALS: dict[str, tuple[str, ...]] = {
    "京卡·互助服务卡办理": ("北京银行建国门支行", "北京银行东单支行", "北京银行朝阳门支行"),
    "京卡挂失补办": ("北京银行建国门支行", "北京银行东单支行"),
    "法律咨询": ("区总工会法律服务中心", "东城区劳动人事争议仲裁委员会", "东城区法律援助中心"),
    "劳动争议调解申请": ("东城区劳动人事争议仲裁委员会", "区总工会法律服务中心"),
    "在职职工互助保障": ("所在单位工会",),
    "职工心理减压室预约": ("区总工会职工心理服务中心",),
    "困难帮扶救助（生活、医疗、金秋助学、职业培训）": ("区总工会职工服务中心帮扶窗口",),
}
REFERRAL_SHARE = {"在职职工互助保障": 0.5, "京卡·互助服务卡办理": 0.15, "法律咨询": 0.2}
DEFAULT_REFERRALS = ("区总工会", "所在单位工会")
DECLINE_REASONS: dict[str, tuple[str, ...]] = {
    "京卡·互助服务卡办理": (
        "会籍尚未录入北京市总工会会员信息库，需先由单位工会办理会籍录入",
        "本人已持有京卡，每人限办一张",
    ),
    "困难职工建档": ("家庭人均收入高于本市最低生活保障标准2倍，不符合建档条件",),
    "困难帮扶救助（生活、医疗、金秋助学、职业培训）": ("尚未建立困难职工档案，需先申请建档",),
    "劳动争议调解申请": ("争议已申请劳动仲裁，不再受理调解申请；已告知仲裁程序",),
    "在职职工互助保障": ("已达法定退休年龄，不在在职职工互助保障范围内",),
}
DEFAULT_DECLINE_REASONS = ("非本街道辖区单位职工，已告知到单位所在地服务站办理",)
VISIT_NOTES = (
    "已发放一次性告知书，讲解了办理流程。",
    "来访人情绪激动，已安抚并登记诉求。",
    "代同事咨询，留了联系电话。",
    "午休时间来访，下次可电话预约。",
    "咨询欠薪问题，提醒保留工资发放记录。",
    "外地户籍，询问在京入会条件。",
    "提醒一年仲裁时效。",
    "已协助在“北京工会12351”App完成注册。",
)
OUTREACH_SESSIONS = 10


@dataclass
class _Who:
    id: int
    created_at: datetime
    workplace_id: int | None
    is_member: bool
    member_card: str


HARDSHIP_REASONS = {
    "deep": "家庭人均月收入低于本市最低生活保障标准，配偶长期患病无收入。",
    "relative": "家庭人均月收入低于低保标准两倍，子女在读大学，负担较重。",
    "sudden": "本人遭遇交通事故住院治疗，医疗费用支出较大，暂时生活困难。",
}


def populate_hardship(admin: Staff, *, rng: random.Random, files: int = 12) -> int:
    """A dozen workers on the hardship file, with their written consent and the help given
    (festival visits before Spring Festival, summer cooling, schooling aid)."""
    from stationapp.services import consent

    chosen = rng.sample(list(Person.select().where(Person.active).order_by(Person.id)), files)
    moment = now()
    for person in chosen:
        category = rng.choice(("deep", "relative", "relative", "sudden"))
        consent.record_consent(admin, person.id, "hardship", "written", "签字同意书存档于档案柜")
        consent.save_hardship_file(admin, person.id, category, HARDSHIP_REASONS[category])
        for kind, month, amount in (("festival", 1, "1000"), ("cooling", 7, "300")):
            for year in (moment.year - 1, moment.year):
                given = date(year, month, rng.randint(5, 25))
                if given < moment.date():
                    consent.record_assistance(admin, person.id, given, kind, amount, "")
        if category == "relative" and rng.random() < 0.5:
            given = date(moment.year - 1, 8, rng.randint(10, 28))
            consent.record_assistance(admin, person.id, given, "schooling", "3000", "金秋助学")
    return files


def populate_visits(admin: Staff, *, rng: random.Random, years: int = 2) -> int:
    """Two years (``years``) of front-desk visits, with outreach sessions; returns the visits.

    About 8 to 15 visits a working day (quiet at the Spring Festival and in August, busy in
    March and September), the purposes drawn from the seeded catalogue with their real material
    names, outcomes with referrals, missing materials (some still open, a few overdue) and
    refusals, ratings, two receiving staff, anonymous callers. Rows are bulk-inserted; call it
    inside the caller's transaction after the people have been back-dated.
    """
    moment = now()
    first_day = moment.date() - timedelta(days=365 * years)
    desk = Staff.get_or_none(Staff.username == "frontdesk") or admin
    receivers = [desk, admin]
    services = list(ServiceType.select().where(ServiceType.active).order_by(ServiceType.id))
    if not services:
        return 0
    weights = [SERVICE_WEIGHTS.get(s.name, DEFAULT_SERVICE_WEIGHT) for s in services]
    by_name = {s.name: s for s in services}
    who = sorted(
        (
            _Who(p.id, p.created_at, p.workplace_id, p.is_member, p.member_card)
            for p in Person.select(
                Person.id,
                Person.created_at,
                Person.workplace,
                Person.is_member,
                Person.member_card,
            )
        ),
        key=lambda w: w.created_at,
    )
    created = [w.created_at for w in who]

    def someone(at: datetime, share_anonymous: float) -> _Who | None:
        known = bisect.bisect_right(created, at)  # only people already on file
        if not known or rng.random() < share_anonymous:
            return None
        return who[rng.randrange(known)]

    planned: list[dict[str, Any]] = []
    day = first_day
    while day <= moment.date():
        for arrived in _arrivals(rng, day, moment):
            phone = rng.random() < 0.21
            channel = "phone" if phone else "walk_in"
            person = someone(arrived, 0.35 if phone else 0.1)
            planned.append(
                _planned_visit(
                    rng,
                    arrived=arrived,
                    channel=channel,
                    person=person,
                    staff=rng.choices(receivers, (7, 3))[0],
                    services=_purposes(rng, services, weights, by_name, person),
                    moment=moment,
                )
            )
        day += timedelta(days=1)
    planned += _outreach_visits(
        rng, receivers, by_name, who, created, first_day, moment, len(planned)
    )
    return _insert_visits(planned)


def _day_factor(day: date) -> float:
    festival = SPRING_FESTIVAL.get(day.year)
    if festival is not None and -3 <= (day - festival).days <= 6:
        return 0.25
    return MONTH_FACTOR.get(day.month, 1.0)


def _arrivals(rng: random.Random, day: date, moment: datetime) -> list[datetime]:
    """Arrival times on ``day``: none at weekends, none later than ``moment``."""
    if day.weekday() >= 5:
        return []
    count = round(rng.randint(8, 15) * _day_factor(day))
    opening = datetime(day.year, day.month, day.day, 8, 30)
    # Busiest in the mid-morning, a second bump after lunch.
    times = sorted(
        opening
        + timedelta(
            seconds=int(
                rng.triangular(0, 9 * 3600, 1.5 * 3600)
                if rng.random() < 0.7
                else rng.uniform(5 * 3600, 8.5 * 3600)
            )
        )
        for _ in range(count)
    )
    return [t for t in times if t <= moment - timedelta(minutes=1)]


def _purposes(
    rng: random.Random,
    services: list[ServiceType],
    weights: list[int],
    by_name: dict[str, ServiceType],
    person: _Who | None,
) -> list[ServiceType]:
    first = rng.choices(services, weights)[0]
    chosen = [first]
    join, card = by_name.get("入会"), by_name.get("京卡·互助服务卡办理")
    if person is not None and first is card and not person.is_member and join is not None:
        chosen.insert(0, join)  # join first, then the card: what the desk would advise
    elif rng.random() < 0.25:
        second = rng.choices(services, weights)[0]
        if second is not first:
            chosen.append(second)
    return chosen


def _planned_visit(
    rng: random.Random,
    *,
    arrived: datetime,
    channel: str,
    person: _Who | None,
    staff: Staff,
    services: list[ServiceType],
    moment: datetime,
    outreach: int | None = None,
) -> dict[str, Any]:
    minutes = rng.randint(3, 15) if channel == "phone" else rng.randint(5, 40)
    finished: datetime | None = arrived + timedelta(minutes=minutes)
    if finished > moment:
        finished = None  # still at the desk
    roll = rng.random()
    rating = (
        "satisfied"
        if roll < 0.85
        else "basically_satisfied"
        if roll < 0.95
        else "dissatisfied"
        if roll < 0.97
        else "unrated"
    )
    return {
        "visit": {
            "person": person.id if person else None,
            "channel": channel,
            "staff": staff.id,
            "arrived_at": arrived,
            "finished_at": finished,
            "rating": rating,
            # Notes on a health- or hardship-related visit need a consent the demo does not give.
            "notes": rng.choice(VISIT_NOTES)
            if rng.random() < 0.06 and not any(s.sensitive for s in services)
            else "",
            "outreach": outreach,
            "created_at": arrived,
            "updated_at": finished or arrived,
        },
        "purposes": [_planned_purpose(rng, s, arrived, moment) for s in services],
        "names": [s.name for s in services],
    }


def _planned_purpose(
    rng: random.Random, service: ServiceType, arrived: datetime, moment: datetime
) -> dict[str, object]:
    materials = [str(m["name"]) for m in service.materials or []]
    row: dict[str, object] = {
        "service": service.id,
        "outcome": "done",
        "referred_to": "",
        "decline_reason": "",
        "materials_brought": materials,  # done: everything the notice asks for was there
        "materials_missing": [],
        "due_on": None,
        "notice_given": rng.random() < 0.95,
        "notice_printed": rng.random() < 0.3,
        "completed_at": None,
        "arrived_at": arrived,
    }
    some = [m for m in materials if rng.random() < 0.6]
    referral_share = REFERRAL_SHARE.get(service.name, 0.05 if service.name in REFERRALS else 0.02)
    roll = rng.random()
    if roll < 0.02:
        row["outcome"] = "declined"
        row["decline_reason"] = rng.choice(
            DECLINE_REASONS.get(service.name, DEFAULT_DECLINE_REASONS)
        )
        row["materials_brought"] = some
    elif roll < 0.02 + referral_share:
        row["outcome"] = "referred"
        row["referred_to"] = rng.choice(REFERRALS.get(service.name, DEFAULT_REFERRALS))
        row["materials_brought"] = some
    elif materials and roll < 0.02 + referral_share + 0.08:
        missing = rng.sample(materials, min(len(materials), rng.choice((1, 1, 2))))
        brought = [m for m in materials if m not in missing and rng.random() < 0.8]
        due = arrived.date() + timedelta(days=rng.choice((7, 10, 14, 15, 30)))
        row.update(
            outcome="waiting", materials_brought=brought, materials_missing=missing, due_on=due
        )
        # Nearly everyone whose due date has passed came back with what was missing (a few never
        # did: the overdue follow-ups); of those still in time, some already came back.
        overdue = due < moment.date()
        if rng.random() < (0.985 if overdue else 0.3):
            last = min(due + timedelta(days=5), moment.date())
            back = arrived.date() + timedelta(days=rng.randint(0, (last - arrived.date()).days))
            back_at = max(_office_hours(rng, datetime.combine(back, datetime.min.time())), arrived)
            row.update(
                outcome="done",
                materials_brought=brought + missing,
                materials_missing=[],
                completed_at=min(back_at + timedelta(minutes=1), moment),
            )
    return row


def _outreach_visits(
    rng: random.Random,
    receivers: list[Staff],
    by_name: dict[str, ServiceType],
    who: list[_Who],
    created: list[datetime],
    first_day: date,
    moment: datetime,
    desk_visits: int,
) -> list[dict[str, Any]]:
    """Outreach sessions at office buildings and communities, about 5% of all visits."""
    places = list(
        Organization.select()
        .where(Organization.kind.in_(("office_building", "community")))
        .order_by(Organization.id)
    )
    core = [by_name[n] for n in ("入会", "京卡·互助服务卡办理", "法律咨询") if n in by_name]
    extra = [
        by_name[n]
        for n in (
            "职工医疗互助二次报销",
            "在职职工互助保障",
            "活动报名与送温暖、送清凉、生日祝福",
            "职工心理减压室预约",
        )
        if n in by_name
    ]
    if not places or not core:
        return []
    total = round(desk_visits * 0.05 / 0.95)
    span = (moment.date() - first_day).days
    planned: list[dict[str, Any]] = []
    for index, org in enumerate(rng.sample(places, min(OUTREACH_SESSIONS, len(places)))):
        held = first_day + timedelta(days=int(span * (index + 0.5) / OUTREACH_SESSIONS))
        while held.weekday() not in (1, 2, 3):  # Tuesday to Thursday
            held -= timedelta(days=1)
        staff = rng.choices(receivers, (7, 3))[0]
        offered = core + rng.sample(extra, rng.randint(1, min(2, len(extra))))
        session = visits.create_outreach(
            staff,
            organization_id=org.id,
            held_on=held,
            service_ids=[s.id for s in offered],
            notes=(
                "午休时间在大堂设服务台，发放一次性告知书。"
                if org.kind == "office_building"
                else "在社区党群服务中心设点。"
            ),
        )
        start_hour = 12 if org.kind == "office_building" else 9
        ended = datetime.combine(held, datetime.min.time()) + timedelta(hours=start_hour + 2)
        OutreachSession.update(created_at=ended).where(OutreachSession.id == session.id).execute()
        AuditEntry.update(at=ended).where(
            AuditEntry.entity == "outreach", AuditEntry.entity_id == session.id
        ).execute()
        workers = [w for w in who if w.workplace_id == org.id]
        count = max(3, round(total / OUTREACH_SESSIONS * rng.uniform(0.7, 1.3)))
        for _ in range(count):
            arrived = datetime.combine(held, datetime.min.time()) + timedelta(
                hours=start_hour, seconds=rng.randrange(0, 2 * 3600)
            )
            if arrived > moment:
                continue
            person: _Who | None = None
            if rng.random() >= 0.15:
                known = [w for w in workers if w.created_at <= arrived]
                if known and rng.random() < 0.6:
                    person = rng.choice(known)
                else:
                    on_file = bisect.bisect_right(created, arrived)
                    person = who[rng.randrange(on_file)] if on_file else None
            chosen = [rng.choice(offered)]
            if rng.random() < 0.3:
                other = rng.choice(offered)
                if other is not chosen[0]:
                    chosen.append(other)
            planned.append(
                _planned_visit(
                    rng,
                    arrived=arrived,
                    channel="outreach",
                    person=person,
                    staff=staff,
                    services=chosen,
                    moment=moment,
                    outreach=session.id,
                )
            )
    return planned


def _insert_visits(planned: list[dict[str, Any]]) -> int:
    """Bulk-insert the planned visits, their purposes and audit entries; ids follow arrival."""
    planned.sort(key=lambda p: p["visit"]["arrived_at"])
    next_id = (Visit.select(Visit.id).order_by(Visit.id.desc()).scalar() or 0) + 1
    visit_rows: list[dict[str, Any]] = []
    purpose_rows: list[dict[str, Any]] = []
    audit_rows: list[dict[str, Any]] = []
    latest: dict[int, datetime] = {}
    for visit_id, plan in enumerate(planned, start=next_id):
        row = dict(plan["visit"])
        row["id"] = visit_id
        visit_rows.append(row)
        purposes = plan["purposes"]
        for purpose in purposes:
            purpose_rows.append({**purpose, "visit": visit_id})
            if purpose["completed_at"] is not None:
                audit_rows.append(
                    {
                        "at": purpose["completed_at"],
                        "staff": row["staff"],
                        "action": "complete_follow_up",
                        "entity": "visit",
                        "entity_id": visit_id,
                        "details": "",  # the purpose id is known only after the insert
                    }
                )
        names = plan["names"]
        audit_rows.append(
            {
                "at": row["arrived_at"],
                "staff": row["staff"],
                "action": "create",
                "entity": "visit",
                "entity_id": visit_id,
                "details": json.dumps(
                    {
                        "channel": row["channel"],
                        "person": row["person"],
                        "rating": row["rating"],
                        # What the visit was recorded with: a follow-up completed later was
                        # still waiting then.
                        "purposes": {
                            n: ("waiting" if p["completed_at"] else p["outcome"])
                            for n, p in zip(names, purposes, strict=True)
                        },
                    },
                    ensure_ascii=False,
                    sort_keys=True,
                ),
            }
        )
        if row["person"] is not None:
            person_id, arrived = row["person"], row["arrived_at"]
            latest[person_id] = max(latest.get(person_id, arrived), arrived)
    for model, rows in (
        (Visit, visit_rows),
        (VisitPurpose, purpose_rows),
        (AuditEntry, audit_rows),
    ):
        for start in range(0, len(rows), VISIT_BATCH):
            model.insert_many(rows[start : start + VISIT_BATCH]).execute()
    _fill_follow_up_audits()
    # A person's last activity is at least their last visit.
    persons = list(
        Person.select(Person.id, Person.last_activity_at).where(Person.id.in_(list(latest)))
    )
    for person in persons:
        person.last_activity_at = max(person.last_activity_at, latest[person.id])
    Person.bulk_update(persons, fields=[Person.last_activity_at], batch_size=VISIT_BATCH)
    return len(visit_rows)


def _fill_follow_up_audits() -> None:
    """Name the purpose in each back-dated "complete_follow_up" entry, as the service does."""
    completed = (
        VisitPurpose.select(VisitPurpose.id, VisitPurpose.visit)
        .where(VisitPurpose.completed_at.is_null(False))
        .tuples()
    )
    by_visit: dict[int, list[int]] = {}
    for purpose_id, visit_id in completed:
        by_visit.setdefault(visit_id, []).append(purpose_id)
    entries = list(
        AuditEntry.select(AuditEntry.id, AuditEntry.entity_id)
        .where(
            AuditEntry.action == "complete_follow_up",
            AuditEntry.entity == "visit",
            AuditEntry.details == "",
        )
        .order_by(AuditEntry.id)
    )
    for entry in entries:
        entry.details = json.dumps({"purpose": by_visit[entry.entity_id].pop(0)})
    AuditEntry.bulk_update(entries, fields=[AuditEntry.details], batch_size=VISIT_BATCH)


# --- mediation cases ----------------------------------------------------------------------------

CASES_PER_PERSON = 0.23  # about 70 cases a year for 300 people
MIN_RANDOM_CASES = 10
# Respondents and how often workers bring them: a restaurant group, a courier depot and a
# home-service agency keep coming back.
RESPONDENT_WEIGHTS: dict[str, int] = {
    "北京东华餐饮管理有限公司": 8,
    "北京同城速递有限公司东城分部": 6,
    "北京鑫源家政服务有限公司": 5,
    "北京安居家装工程有限公司": 4,
    "北京和平保安服务有限公司": 4,
    "北京智联九州科技有限公司": 3,
    "北京康泰养老服务有限公司": 3,
    "北京崇文门菜市场经营管理有限公司": 3,
    "北京朝阳门汽车维修服务有限公司": 3,
    "北京建华物业管理有限公司": 2,
    "北京金宝街酒店管理有限公司": 2,
    "北京东直门连锁超市有限公司": 2,
    "北京万通出租汽车有限公司": 2,
    "北京华信会计师事务所有限公司": 1,
    "北京德润律师事务所": 1,
    "东城区朝阳门街道养老照料中心": 1,
}
# The jobs at each respondent, with a monthly wage range in yuan.
JOBS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "北京东华餐饮管理有限公司": (
        ("服务员", 5200, 6500),
        ("厨师", 7000, 9500),
        ("传菜员", 4800, 5600),
    ),
    "北京同城速递有限公司东城分部": (("快递员", 7000, 10000), ("分拣员", 5500, 6800)),
    "北京鑫源家政服务有限公司": (("家政服务员", 6000, 8500), ("育儿嫂", 8000, 11000)),
    "北京安居家装工程有限公司": (("装修工", 7000, 9500), ("水电工", 7500, 10000)),
    "北京和平保安服务有限公司": (("保安员", 4800, 5800),),
    "北京智联九州科技有限公司": (("软件工程师", 15000, 22000), ("测试工程师", 11000, 15000)),
    "北京康泰养老服务有限公司": (("养老护理员", 5500, 7000),),
    "北京崇文门菜市场经营管理有限公司": (("理货员", 4800, 5600), ("收银员", 4800, 5500)),
    "北京朝阳门汽车维修服务有限公司": (("汽车维修工", 7000, 9000),),
    "北京建华物业管理有限公司": (("保洁员", 4500, 5200), ("工程维修工", 6000, 7500)),
    "北京金宝街酒店管理有限公司": (("客房服务员", 5000, 6200), ("前台接待", 5500, 6800)),
    "北京东直门连锁超市有限公司": (("收银员", 4800, 5600), ("理货员", 4800, 5500)),
    "北京万通出租汽车有限公司": (("出租车司机", 6000, 8000),),
    "北京华信会计师事务所有限公司": (("审计助理", 8000, 11000),),
    "北京德润律师事务所": (("行政助理", 7000, 9000),),
    "东城区朝阳门街道养老照料中心": (("护理员", 5200, 6500),),
}
DEFAULT_JOBS = (("职员", 5500, 8000),)
CATEGORY_WEIGHTS: dict[str, int] = {
    "wages": 40,
    "dismissal": 25,
    "overtime": 8,
    "contract": 7,
    "employment_status": 7,
    "social_insurance": 7,
    "work_injury": 6,
}
OUTCOME_WEIGHTS: dict[str, int] = {
    "agreement": 52,
    "failed": 22,
    "withdrawn": 10,
    "not_accepted": 6,
    "respondent_declined": 5,
    "defaulted": 5,
}
MIN_CLAIM, MAX_CLAIM = 2000, 80000
CN_DIGITS = "零一二三四五六七八九十"
INJURIES = (
    "搬运货物时扭伤腰部",
    "骑电动车送件途中发生交通事故致右腿骨折",
    "操作设备时左手被夹伤",
    "下楼梯时摔倒致右腕骨折",
    "登高作业时从梯子上跌落致腰椎压缩性骨折",
)
SESSION_PLACES = (
    "建国门街道工会服务站调解室",
    "建国门街道工会服务站调解室",
    "建国门街道工会服务站调解室",
    "被申请人会议室",
    "电话调解（三方通话）",
)
ACCEPT_REASON = "申请材料齐全，属于劳动争议调解受理范围，被申请人同意调解"
NOT_ACCEPTED_REASONS = (
    "该争议已向东城区劳动人事争议仲裁委员会申请仲裁并已立案，不再受理调解申请；已告知仲裁程序",
    "被申请人注册地及用工地均不在本街道辖区，已告知向用工地街道劳动争议调解组织申请",
)
NOT_ACCEPTED_INSURANCE = (
    "申请人要求补缴社会保险，属社会保险征缴机构职责范围，不属于劳动争议调解受理范围；"
    "已告知向东城区社会保险经办机构反映"
)
DECLINE_REASONS_CASE = (
    "被申请人明确表示不同意调解，已书面告知申请人可向东城区劳动人事争议仲裁委员会申请仲裁",
    "经两次电话及书面通知，被申请人拒绝参加调解；已书面通知申请人可依法申请仲裁",
)
FAIL_REASONS = (
    "双方对补偿数额分歧较大，经多次调解未能达成协议",
    "被申请人坚持认为解除劳动合同合法，不同意支付任何款项，调解不成",
    "被申请人经两次书面通知无正当理由未到场参加调解，调解不成",
)
FAIL_DEADLINE_REASON = (
    "自收到调解申请之日起十五日内未达成调解协议，双方不同意延长调解期限，调解终止"
)
REFER_REASON = (
    "已出具调解终止书，协助申请人填写仲裁申请书、整理证据目录，"
    "告知其向东城区劳动人事争议仲裁委员会申请仲裁"
)
WITHDRAW_REASONS = (
    "被申请人已自行支付拖欠款项，申请人申请撤回调解申请",
    "申请人决定直接向东城区劳动人事争议仲裁委员会申请仲裁，撤回调解申请",
    "双方已自行协商和解，申请人撤回申请",
)
DEFAULT_REASON = (
    "被申请人逾期未履行调解协议约定的付款义务，经催告仍未支付；已告知申请人可持调解协议书"
    "依法向人民法院申请支付令，或向劳动人事争议仲裁委员会申请仲裁"
)
FOLLOW_UP_NOTES = (
    "电话回访申请人，确认已全额收到款项，对调解工作表示满意。",
    "回访申请人，款项已按协议到账，申请人已在新单位就业。",
    "电话回访，申请人表示公司已按期付款，双方无新的争议。",
)
FOLLOW_UP_DEFAULTED = "回访申请人，其已持调解协议书向东城区人民法院申请支付令，法院已受理。"
ARCHIVE_REASON = "卷宗整理完毕，移交档案室保存"


class _NotYet(Exception):
    """The next step of a case lies in the future: the case stays where it is today."""


class _Reached(Exception):
    """A scripted case has reached the state it is there to show."""


@dataclass
class _Dispute:
    """What a case is about, in the words the station would write down."""

    claims: list[mediation.ClaimInput]
    facts: str
    matters: str
    reasons: str
    date_knew: date | None
    employment_ended: date | None
    stance: str  # the respondent's answer at the first session
    what: str  # what the money is, for the obligations


@dataclass
class _CasePlan:
    received: datetime
    respondent: Organization
    applicants: list[int]
    dispute: _Dispute
    outcome: str  # a key of OUTCOME_WEIGHTS
    mediator: Staff
    filed_by: Staff
    kind: str = "written"
    stop: str = ""  # scripted cases: the state (or "sessions") they stay in
    visit_id: int | None = None
    sessions: int = 1
    installments: int = 1
    dues: tuple[int, ...] = ()  # scripted obligation due dates, in days from today
    extend_until: date | None = None
    related: str = ""  # the mediator's tie to the respondent, recorded before assigning
    related_reason: str = ""


def _cn(n: int) -> str:
    """1 to 19 in Chinese numerals: 三, 十二."""
    if n <= 10:
        return CN_DIGITS[n]
    return "十" + CN_DIGITS[n - 10]


def _cn_count(n: int) -> str:
    """A count before a measure word: 两个月, not 二个月."""
    return "两" if n == 2 else _cn(n)


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _cn_month(year: int, month: int) -> str:
    return f"{year}年{month}月"


def _months_back(day: date, back: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - back
    return index // 12, index % 12 + 1


def _round100(value: float) -> int:
    return round(value / 100.0) * 100


def _clamp_claim(value: float) -> int:
    return max(MIN_CLAIM, min(MAX_CLAIM, _round100(value)))


def _dispute(rng: random.Random, org: Organization, received: date, category: str) -> _Dispute:
    """A dispute of ``category`` against ``org``, with a secondary claim now and then."""
    job, low, high = rng.choice(JOBS.get(org.name, DEFAULT_JOBS))
    wage = _round100(rng.uniform(low, high))
    entry = received - timedelta(days=rng.randint(400, 2500))
    intro = f"申请人于{_cn_month(entry.year, entry.month)}入职被申请人处，担任{job}，月工资{wage}元"
    claims: list[mediation.ClaimInput] = []
    facts: list[str] = [intro]
    knew: date | None = None
    ended: date | None = None
    stance = ""
    what = ""
    matters = ""
    if category in ("wages", "employment_status"):
        months = rng.choices((1, 2, 3, 4, 5, 6), (3, 5, 6, 3, 2, 1))[0]
        y0, m0 = _months_back(received, months + rng.randint(0, 1))
        y1, m1 = _months_back(date(y0, m0, 1), -(months - 1))
        amount = _clamp_claim(wage * months)
        period = (
            f"{_cn_month(y0, m0)}工资"
            if months == 1
            else f"{_cn_month(y0, m0)}至{_cn_month(y1, m1)}拖欠工资"
        )
        if category == "employment_status":
            facts.append(
                f"申请人{_cn_month(entry.year, entry.month)}起在被申请人处从事{job}工作，接受公司"
                "管理、按月领取报酬，被申请人以双方系合作关系为由否认存在劳动关系"
            )
            claims.append(
                mediation.ClaimInput(
                    "employment_status",
                    None,
                    f"确认自{_cn_date(entry)}起与被申请人存在劳动关系",
                )
            )
            stance = (
                "公司认为申请人系通过平台接单的合作人员，双方不存在劳动关系，工资问题可以另行协商。"
            )
            matters = "确认劳动关系、拖欠工资"
        else:
            stance = rng.choice(
                (
                    "公司承认拖欠工资属实，因客户回款不及时资金周转困难，希望分期支付。",
                    "公司对拖欠数额基本认可，但认为其中一个月申请人请假较多，应扣除部分工资。",
                )
            )
            matters = "拖欠工资"
        facts.append(
            f"{_cn_month(y0, m0)}起拖欠工资{_cn_count(months)}个月，多次催要未果"
            if months > 1
            else f"被申请人未支付{_cn_month(y0, m0)}工资，多次催要未果"
        )
        claims.append(mediation.ClaimInput("wages", str(amount), f"支付{period}"))
        payday = date(*_months_back(date(y0, m0, 1), -1), 15)
        knew = min(payday, received - timedelta(days=1))
        if rng.random() < 0.5:
            ended = received - timedelta(days=rng.randint(3, 40))
            facts.append(f"申请人已于{_cn_date(ended)}离职")
        what = "拖欠工资"
    elif category == "dismissal":
        ended = received - timedelta(days=rng.randint(3, 60))
        knew = ended
        years = max(1, round((ended - entry).days / 365))
        variant = rng.choices(("economic", "unlawful", "expiry"), (5, 3, 2))[0]
        multiple = 2 if variant == "unlawful" else 1
        years = max(1, min(years, MAX_CLAIM // (multiple * wage)))
        amount = _clamp_claim(wage * years * multiple)
        if variant == "economic":
            facts.append(
                f"{_cn_date(ended)}被申请人以经营调整、岗位撤销为由与申请人解除劳动合同，"
                "未支付经济补偿"
            )
            description = f"支付解除劳动合同经济补偿金（{_cn_count(years)}个月工资）"
            stance = "公司同意支付经济补偿，但对计算基数有异议，认为应按基本工资计算。"
            what = "经济补偿金"
        elif variant == "unlawful":
            facts.append(
                f"{_cn_date(ended)}被申请人以申请人“严重违反规章制度”为由解除劳动合同，"
                "未提供任何书面证据，申请人认为属违法解除"
            )
            description = "支付违法解除劳动合同赔偿金"
            stance = "公司认为申请人多次迟到早退、不服从工作安排，解除合法，但愿意给予适当补偿。"
            what = "赔偿金"
        else:
            facts.append(f"劳动合同于{_cn_date(ended)}到期，被申请人不再续订，未支付经济补偿")
            description = f"支付劳动合同终止经济补偿金（{_cn_count(years)}个月工资）"
            stance = "公司认可应支付经济补偿，但对工作年限的计算与申请人有分歧。"
            what = "经济补偿金"
        claims.append(mediation.ClaimInput("dismissal", str(amount), description))
        matters = "解除劳动合同经济补偿"
    elif category == "overtime":
        amount = _clamp_claim(rng.uniform(3000, 20000))
        facts.append(
            rng.choice(
                (
                    "入职以来每周工作六天、每天工作十小时以上，被申请人未支付加班费",
                    "春节、国庆等法定节假日均安排上班，被申请人未按规定支付加班工资",
                )
            )
        )
        claims.append(mediation.ClaimInput("overtime", str(amount), "支付延时及法定节假日加班费"))
        knew = received - timedelta(days=rng.randint(20, 90))
        stance = "公司认为申请人实行综合工时制，只认可考勤记录中的部分加班时间。"
        what = "加班费"
        matters = "加班费"
    elif category == "social_insurance":
        ended = received - timedelta(days=rng.randint(10, 60))
        knew = ended
        facts.append("被申请人自申请人入职起未为其缴纳社会保险，申请人离职后无法领取失业保险金")
        claims.append(
            mediation.ClaimInput("social_insurance", None, "为申请人补缴入职以来的社会保险")
        )
        claims.append(
            mediation.ClaimInput(
                "damages",
                str(_clamp_claim(rng.uniform(4000, 12000))),
                "赔偿未缴纳失业保险造成的失业保险金损失",
            )
        )
        stance = "公司同意为申请人补缴社会保险，但认为失业保险金损失不应由公司全部承担。"
        what = "失业保险金损失赔偿"
        matters = "社会保险、赔偿损失"
    elif category == "work_injury":
        injured = received - timedelta(days=rng.randint(90, 300))
        knew = injured + timedelta(days=rng.randint(30, 60))
        facts.append(
            f"{_cn_date(injured)}申请人在工作中{rng.choice(INJURIES)}，经东城区人力资源和社会"
            "保障局认定为工伤，被申请人未支付停工留薪期工资及相关费用"
        )
        claims.append(
            mediation.ClaimInput(
                "work_injury",
                str(_clamp_claim(rng.uniform(10000, 80000))),
                "支付停工留薪期工资、医疗费及一次性伤残补助金",
            )
        )
        stance = "公司对工伤认定无异议，但认为部分医疗费已由工伤保险基金支付，对数额有异议。"
        what = "工伤待遇"
        matters = "工伤待遇"
    else:  # contract
        months = rng.randint(3, 11)
        knew = entry + timedelta(days=31)
        facts.append("入职后被申请人一直未与申请人签订书面劳动合同")
        claims.append(
            mediation.ClaimInput(
                "contract",
                str(_clamp_claim(wage * months)),
                "支付未签订书面劳动合同的二倍工资差额",
            )
        )
        stance = "公司曾多次要求签订劳动合同，是申请人本人拒绝签字，不同意支付二倍工资。"
        what = "二倍工资差额"
        matters = "未签订劳动合同二倍工资"
        if rng.random() < 0.4:
            ended = received - timedelta(days=rng.randint(5, 40))
    # A second claim now and then: overtime with unpaid wages or a dismissal.
    if category in ("wages", "dismissal") and rng.random() < 0.12:
        claims.append(
            mediation.ClaimInput(
                "overtime", str(_clamp_claim(rng.uniform(2000, 12000))), "支付延时加班费"
            )
        )
        facts.append("工作期间经常延时加班，被申请人未支付加班费")
        matters += "、加班费"
    reasons = "要求被申请人" + "；".join(
        c.description + (f"{c.amount}元" if c.amount else "") for c in claims
    )
    return _Dispute(
        claims=claims,
        facts="；".join(facts) + "。",
        matters=matters,
        reasons=reasons,
        date_knew=knew,
        employment_ended=ended,
        stance=stance,
        what=what,
    )


def _collective_dispute(
    rng: random.Random, org: Organization, received: date, count: int
) -> _Dispute:
    """Unpaid wages of a whole crew of decorators after a job was finished."""
    y0, m0 = _months_back(received, 2)
    per_worker = [_round100(rng.uniform(5200, 6500)) for _ in range(count)]
    total = min(MAX_CLAIM, sum(per_worker))
    facts = (
        f"{count}名申请人均为被申请人承接的东四北大街住宅装修项目的装修工人，"
        f"{_cn_month(y0, m0)}工程完工后，被申请人以发包方未结算工程款为由拒不支付当月工资，"
        f"拖欠{count}人工资共计{total}元，申请人多次到公司讨要未果"
    )
    return _Dispute(
        claims=[
            mediation.ClaimInput(
                "wages",
                str(total),
                f"支付{count}名申请人{_cn_month(y0, m0)}拖欠工资共计{total}元（明细见工资清单）",
            )
        ],
        facts=facts + "。",
        matters="集体拖欠工资",
        reasons=f"要求被申请人一次性支付{count}名工人{_cn_month(y0, m0)}工资共计{total}元",
        date_knew=date(*_months_back(date(y0, m0, 1), -1), 15),
        employment_ended=date(y0, m0, 28),
        stance="公司承认拖欠属实，但发包方至今未结算工程款，公司账上资金不足，希望分两期支付。",
        what="拖欠工资",
    )


class _CaseRunner:
    """Takes each planned case through the services, step by step, and moves every time stamp
    (events, audit entries, decisions, sessions, agreements) back to when the step happened."""

    def __init__(self, admin: Staff, rng: random.Random) -> None:
        self.rng = rng
        self.moment = now()
        staff = {s.username: s for s in Staff.select()}
        self.desk = staff.get("frontdesk", admin)
        self.head = staff.get("mediationhead", admin)
        self.mediator = staff.get("mediator", admin)
        self.last_event = self._max(CaseEvent)
        self.last_audit = self._max(AuditEntry)
        self.plan: _CasePlan | None = None
        self.agreed = 0  # the sum the parties settled on at the last session
        self.names: dict[int, str] = dict(Person.select(Person.id, Person.name).tuples())

    @staticmethod
    def _max(model: type[peewee.Model]) -> int:
        return model.select(peewee.fn.MAX(model.id)).scalar() or 0

    @property
    def scripted(self) -> bool:
        return bool(self.plan and self.plan.stop)

    # time

    def _next(
        self,
        t: datetime,
        lo: int,
        hi: int,
        *,
        base: date | None = None,
        until: dt_time = dt_time(17, 30),
    ) -> datetime:
        """A moment in office hours (starting before ``until``) ``lo``..``hi`` days after
        ``base`` (default: ``t``), and after ``t``. A random case stops at a step still in the
        future; a scripted one squeezes the step in before now."""
        day = max((base or t.date()) + timedelta(days=self.rng.randint(lo, hi)), t.date())
        while True:
            while day.weekday() >= 5:
                day += timedelta(days=1)
            opens = datetime(day.year, day.month, day.day, 8, 30)
            closes = datetime.combine(day, until)
            start = max(opens, t + timedelta(minutes=10))
            if start < closes - timedelta(minutes=10):
                break
            day += timedelta(days=1)
        span = (closes - start).total_seconds()
        if day == t.date():
            span = min(span, 3 * 3600)
        at = start + timedelta(seconds=self.rng.randrange(0, int(span)))
        return self._not_after_now(t, at)

    def _soon(self, t: datetime, lo: int = 10, hi: int = 60) -> datetime:
        """A few minutes after ``t``: the next thing done at the same sitting."""
        return self._not_after_now(t, t + timedelta(minutes=self.rng.randint(lo, hi)))

    def _not_after_now(self, t: datetime, at: datetime) -> datetime:
        limit = self.moment - timedelta(minutes=1)
        if at > limit:
            if not self.scripted:
                raise _NotYet
            at = self._squeeze(t, limit)
        return at.replace(microsecond=0)

    def _squeeze(self, t: datetime, limit: datetime) -> datetime:
        """Early in the first office hours after ``t`` and before ``limit``, leaving room for the
        steps that follow; in the middle if there are no such hours."""
        day = t.date()
        while day <= limit.date():
            if day.weekday() < 5:
                start = max(datetime.combine(day, dt_time(8, 30)), t + timedelta(minutes=1))
                end = min(datetime.combine(day, dt_time(17, 30)), limit)
                if start < end:
                    return start + (end - start) * (self.rng.random() * 0.3)
            day += timedelta(days=1)
        return t + (limit - t) / 2 if limit > t else t + timedelta(seconds=1)

    def _stamp(self, at: datetime, case_id: int | None = None, **fields: Any) -> None:
        """What the last service call wrote happened at ``at``."""
        CaseEvent.update(at=at).where(CaseEvent.id > self.last_event).execute()
        AuditEntry.update(at=at).where(AuditEntry.id > self.last_audit).execute()
        self.last_event = self._max(CaseEvent)
        self.last_audit = self._max(AuditEntry)
        if case_id is not None:
            MediationCase.update(updated_at=at, **fields).where(
                MediationCase.id == case_id
            ).execute()

    # steps

    def run(self, plan: _CasePlan) -> None:
        self.plan = plan
        self.agreed = 0
        data = mediation.CaseInput(
            applicant_ids=plan.applicants,
            respondent_id=plan.respondent.id,
            application_kind=plan.kind,
            matters=plan.dispute.matters,
            reasons=plan.dispute.reasons,
            facts=plan.dispute.facts,
            claims=plan.dispute.claims,
            date_knew=plan.dispute.date_knew,
            employment_ended=plan.dispute.employment_ended,
            received_at=plan.received,
            visit_id=plan.visit_id,
        )
        case = mediation.file_case(plan.filed_by, data)
        self._stamp(plan.received, case.id, created_at=plan.received)
        try:
            if plan.stop == "registered":
                raise _Reached
            self._path(case.id, plan)
        except (_NotYet, _Reached):
            pass

    def _to(
        self, case_id: int, state: str, at: datetime, actor: Staff, reason: str = ""
    ) -> datetime:
        mediation.transition(actor, case_id, state, reason=reason)
        fields: dict[str, Any] = {}
        if state in ("accepted", "not_accepted", "respondent_declined", "failed", "withdrawn"):
            fields["decided_at"] = at
        if state == "closed":
            fields["closed_at"] = at
        if state == "agreement_effective":
            fields["review_due"] = at.date() + timedelta(days=mediation.REVIEW_DAYS)
            Agreement.update(effective_at=at).where(
                Agreement.case == case_id, Agreement.effective_at.is_null(False)
            ).execute()
        self._stamp(at, case_id, **fields)
        self._check(state)
        return at

    def _check(self, step: str) -> None:
        assert self.plan is not None
        if self.plan.stop == step:
            raise _Reached

    def _path(self, case_id: int, plan: _CasePlan) -> None:
        rng = self.rng
        t = plan.received
        if plan.outcome == "not_accepted":
            t = self._next(t, 1, 3)
            reason = (
                NOT_ACCEPTED_INSURANCE
                if plan.dispute.claims[0].category == "social_insurance"
                else rng.choice(NOT_ACCEPTED_REASONS)
            )
            self._to(case_id, "not_accepted", t, self.head, reason)
            self._close(case_id, t, 1, 5)
            return
        t = self._next(t, 0, 2)
        self._assign(case_id, t, plan)
        t = self._to(case_id, "accepted", self._soon(t, 2, 10), self.head, ACCEPT_REASON)
        mediator = plan.mediator
        if plan.outcome == "respondent_declined":
            t = self._next(t, 1, 4)
            self._to(case_id, "respondent_declined", t, mediator, rng.choice(DECLINE_REASONS_CASE))
            self._close(case_id, t, 1, 7)
            return
        if plan.outcome == "withdrawn" and plan.sessions == 0:
            t = self._next(t, 2, 6)
            self._to(case_id, "withdrawn", t, mediator, rng.choice(WITHDRAW_REASONS))
            self._close(case_id, t, 1, 5)
            return
        t = self._to(case_id, "in_mediation", self._next(t, 0, 2), mediator)
        for number in range(1, plan.sessions + 1):
            held = self._next(t, 1 if number == 1 else 2, 4, until=dt_time(15, 30))
            # A case kept in mediation has not settled yet at its last session.
            last = number == plan.sessions and plan.stop != "sessions"
            ending = {"agreement": "agree", "defaulted": "agree", "failed": "fail"}
            t = self._session(
                case_id, held, number, ending.get(plan.outcome, "talk") if last else "talk"
            )
        if plan.extend_until is not None:
            t = self._soon(t)
            mediation.extend_mediation(
                mediator,
                case_id,
                until=plan.extend_until,
                note=f"经双方当事人同意，调解期限延长至{_cn_date(plan.extend_until)}；"
                "双方已在延期确认书上签字",
            )
            self._stamp(t, case_id)
        self._check("sessions")
        if plan.outcome == "failed":
            case = MediationCase.get_by_id(case_id)
            if rng.random() < 0.4:  # the fifteen days ran out
                t = self._next(t, 0, 1, base=case.mediation_due)
                reason = FAIL_DEADLINE_REASON
            else:
                t = self._soon(t)
                reason = rng.choice(FAIL_REASONS)
            self._to(case_id, "failed", t, mediator, reason)
            if plan.stop == "referred_to_arbitration" or rng.random() < 0.75:
                t = self._next(t, 0, 3)
                self._to(case_id, "referred_to_arbitration", t, mediator, REFER_REASON)
            self._close(case_id, t, 1, 14)
            return
        if plan.outcome == "withdrawn":
            t = self._next(t, 1, 5)
            self._to(case_id, "withdrawn", t, mediator, rng.choice(WITHDRAW_REASONS))
            self._close(case_id, t, 1, 5)
            return
        self._agreement(case_id, t, plan)

    def _assign(self, case_id: int, t: datetime, plan: _CasePlan) -> None:
        if plan.related:  # the mediator tells the head of the tie when the case comes in
            relation = mediation.add_relation(
                plan.mediator,
                mediator_id=plan.mediator.id,
                relation=plan.related,
                organization_id=plan.respondent.id,
            )
            told = t - timedelta(minutes=self.rng.randint(2, 8))
            MediatorRelation.update(created_at=told).where(
                MediatorRelation.id == relation.id
            ).execute()
            self._stamp(told)
        elif mediation.mediator_relations(
            plan.mediator.id, person_ids=plan.applicants, organization_id=plan.respondent.id
        ):  # a tie recorded earlier: the other mediator takes the case
            plan.mediator = self.head if plan.mediator.id == self.mediator.id else self.mediator
        mediation.assign_mediator(self.head, case_id, plan.mediator.id, reason=plan.related_reason)
        self._stamp(t, case_id)

    def _names(self, case_id: int) -> str:
        ids = [
            p
            for (p,) in CaseParty.select(CaseParty.person)
            .where(CaseParty.case == case_id)
            .order_by(CaseParty.id)
            .tuples()
        ]
        first = self.names[ids[0]]
        return first if len(ids) == 1 else f"{first}等{len(ids)}人"

    def _claimed(self) -> int:
        assert self.plan is not None
        return sum(int(c.amount) for c in self.plan.dispute.claims if c.amount)

    def _agreed(self) -> int:
        """What the respondent will pay: most of the wages, a part of the rest."""
        assert self.plan is not None
        claimed = self._claimed()
        wages = self.plan.dispute.claims[0].category == "wages"
        share = self.rng.uniform(0.85, 1.0) if wages else self.rng.uniform(0.5, 0.85)
        return max(1000, _round100(claimed * share))

    def _session(self, case_id: int, t: datetime, number: int, ending: str) -> datetime:
        """Hold a session at ``t``; returns when its record was written."""
        assert self.plan is not None
        plan, rng = self.plan, self.rng
        mediator = plan.mediator.display_name
        names = self._names(case_id)
        org = plan.respondent
        claimed = self._claimed()
        agent = f"{org.contact_name}（委托代理人）" if org.contact_name else "委托代理人"
        lines = [
            f"调解员（{mediator}）：今天就申请人{names}与被申请人{org.name}{plan.dispute.matters}"
            f"争议进行第{_cn(number)}次调解。已告知双方调解的性质及双方的权利义务，"
            "双方均不申请调解员回避。",
        ]
        if number == 1:
            lines += [
                f"申请人陈述：{plan.dispute.facts}{plan.dispute.reasons}。",
                f"被申请人{agent}答辩：{plan.dispute.stance}",
            ]
        else:
            lines += [
                "调解员：上次调解后双方各自考虑了调解方案，请分别谈谈意见。",
                "申请人：可以在数额上作适当让步，但希望被申请人尽快支付。",
                f"被申请人{agent}：公司经研究，愿意在上次基础上适当提高数额。",
            ]
        if ending == "agree":
            self.agreed = self._agreed()
            lines += [
                f"调解员：经分别做工作，双方同意以{self.agreed}元解决本次争议，具体支付时间写入"
                "调解协议。",
                "申请人：同意。",
                f"被申请人{agent}：同意，公司按协议约定的时间支付。",
            ]
        elif ending == "fail":
            offer = _round100(claimed * rng.uniform(0.2, 0.45))
            lines += [
                f"申请人：公司只愿意给{offer}元，我不能接受。",
                f"被申请人{agent}：公司最多只能支付{offer}元。",
                "调解员：双方分歧较大，本次调解未能达成一致意见，已告知申请人可依法申请仲裁。",
            ]
        else:
            lines.append("调解员：双方对数额仍有分歧，同意回去考虑后再次协商，下次时间另行通知。")
        lines.append("以上笔录经双方核对无误后签字。")
        place = rng.choice(SESSION_PLACES)
        if place == "被申请人会议室":
            place = f"{org.name}会议室（{org.address}）"
        mediation.add_session(
            plan.mediator,
            case_id,
            mediation.SessionInput(
                held_at=t,
                place=place,
                attendees=f"调解员：{mediator}；申请人：{names}；被申请人委托代理人："
                f"{org.contact_name or '—'}",
                record="\n".join(lines),
                signed_by_parties=True,
                signed_by_mediator=True,
            ),
        )
        written = self._not_after_now(t, t + timedelta(minutes=rng.randint(40, 90)))
        CaseSession.update(created_at=written).where(
            CaseSession.case == case_id, CaseSession.held_at == t
        ).execute()
        self._stamp(written, case_id)
        return written

    def _obligations(self, drafted: date) -> list[mediation.ObligationInput]:
        assert self.plan is not None
        plan, rng = self.plan, self.rng
        total = self.agreed or self._agreed()
        count = plan.installments
        on = self.moment.date()
        if plan.dues:
            dues = [on + timedelta(days=d) for d in plan.dues]
            count = len(dues)
        else:
            first = drafted + timedelta(days=rng.randint(7, 25))
            dues = [first + timedelta(days=30 * i) for i in range(count)]
        parts = [_round100(total / count)] * (count - 1)
        parts.append(total - sum(parts))
        what = plan.dispute.what
        items = [
            mediation.ObligationInput(
                f"于{_cn_date(due)}前支付{what}{amount}元"
                if count == 1
                else f"于{_cn_date(due)}前支付{what}第{_cn(i)}期{amount}元",
                str(amount),
                due,
            )
            for i, (due, amount) in enumerate(zip(dues, parts, strict=True), start=1)
        ]
        if plan.dispute.employment_ended and count < 3 and rng.random() < 0.4:
            items.append(
                mediation.ObligationInput(
                    f"于{_cn_date(dues[0])}前为申请人出具解除劳动合同证明，并办理档案及社会保险"
                    "关系转移手续",
                    None,
                    dues[0],
                )
            )
        return items

    def _terms(self, case_id: int, items: list[mediation.ObligationInput]) -> str:
        assert self.plan is not None
        lines = [f"{_cn(i)}、被申请人{item.description}；" for i, item in enumerate(items, 1)]
        lines.append(f"{_cn(len(items) + 1)}、本协议履行完毕后，双方就本次劳动争议再无其他争议。")
        return (
            f"申请人：{self._names(case_id)}\n被申请人：{self.plan.respondent.name}\n"
            f"争议事项：{self.plan.dispute.matters}\n"
            f"经{STATION_NAME}劳动争议调解委员会主持调解，双方自愿达成如下协议：\n"
            + "\n".join(lines)
            + "\n本协议自双方当事人签字或盖章、调解员签字并加盖调解组织印章之日起生效。"
        )

    def _agreement(self, case_id: int, t: datetime, plan: _CasePlan) -> None:
        rng = self.rng
        drafted = self._soon(t, 5, 20)
        items = self._obligations(drafted.date())
        terms = self._terms(case_id, items)
        partial = plan.stop == "agreement_draft" or rng.random() < 0.5

        def save(all_signed: bool) -> None:
            mediation.save_agreement(
                plan.mediator,
                case_id,
                mediation.AgreementInput(
                    terms=terms,
                    obligations=items,
                    signed_applicant=True,
                    signed_respondent=all_signed,
                    signed_mediator=True,
                    sealed_organization=all_signed,
                ),
            )

        save(not partial)
        Agreement.update(created_at=drafted).where(Agreement.case == case_id).execute()
        self._stamp(drafted, case_id)
        self._check("agreement_draft")
        if partial:  # the respondent's seal came a day or two later
            t = self._next(drafted, 1, 3)
            save(True)
            self._stamp(t, case_id)
        else:
            t = drafted
        t = self._to(case_id, "agreement_effective", self._soon(t, 5, 20), plan.mediator)
        agreement = Agreement.select().where(Agreement.case == case_id).get()
        obligations = list(
            Obligation.select()
            .where(Obligation.agreement == agreement.id)
            .order_by(Obligation.due_on, Obligation.id)
        )
        # A defaulting respondent pays the first instalment, if there are several, and no more.
        money = [o.id for o in obligations if o.amount is not None]
        unpaid = money[1] if len(money) > 1 else money[0]
        for obligation in obligations:
            if plan.outcome == "defaulted" and obligation.id == unpaid:
                t = self._next(t, 3, 10, base=obligation.due_on)
                self._to(case_id, "defaulted", t, plan.mediator, DEFAULT_REASON)
                t = self._next(t, 5, 20)
                self._follow_up(case_id, t, FOLLOW_UP_DEFAULTED)
                self._close(case_id, t, 1, 10)
                return
            late = rng.random() < 0.15
            offset = rng.randint(1, 3) if late else -rng.randint(0, 5)
            t = self._next(t, offset, offset, base=obligation.due_on)
            mediation.record_performance(
                plan.mediator,
                obligation.id,
                performed_on=t.date(),
                amount=obligation.amount,
                proof="银行转账回单"
                if obligation.amount is not None
                else "解除劳动合同证明复印件及申请人签收单",
            )
            self._stamp(t, case_id)
            self._check("performing")
        t = self._to(
            case_id, "performed", self._next(t, 0, 2), plan.mediator, "被申请人已全部履行调解协议"
        )
        t = self._next(t, 7, 30)
        self._follow_up(case_id, t, rng.choice(FOLLOW_UP_NOTES))
        self._close(case_id, t, 1, 10)

    def _follow_up(self, case_id: int, t: datetime, notes: str) -> None:
        assert self.plan is not None
        mediation.add_follow_up(self.plan.mediator, case_id, held_on=t.date(), notes=notes)
        self._stamp(t, case_id)

    def _close(self, case_id: int, t: datetime, lo: int, hi: int) -> None:
        assert self.plan is not None
        t = self._to(case_id, "closed", self._next(t, lo, hi), self.plan.mediator)
        if self.scripted or self.rng.random() < 0.85:
            self._to(case_id, "archived", self._next(t, 30, 150), self.head, ARCHIVE_REASON)


def populate_cases(admin: Staff, *, rng: random.Random) -> int:
    """About a year of labour-dispute mediation cases; returns how many.

    Old cases are mostly closed or archived (performed, failed and referred to arbitration,
    withdrawn, not accepted); recent ones are in every open state, and today's deadline list has
    overdue and nearly due items. One collective dispute, employers that come back, an oral
    application, a recorded extension, a mediator related to a party. Every step goes through
    the mediation service and is then moved back to its date. Call it inside the caller's
    transaction, after the visits (some cases were filed at a front-desk visit).
    """
    orgs = {o.name: o for o in Organization.select()}
    weighted = [(orgs[name], w) for name, w in RESPONDENT_WEIGHTS.items() if name in orgs]
    people_rows = list(
        Person.select(Person.id, Person.created_at, Person.workplace, Person.last_activity_at)
    )
    if not weighted or not people_rows:
        return 0
    runner = _CaseRunner(admin, rng)
    on = runner.moment.date()
    original = {p.id: p.last_activity_at for p in people_rows}
    used: set[int] = set()

    def employer(name: str | None = None) -> Organization:
        if name in orgs:
            return orgs[name]
        return rng.choices([o for o, _ in weighted], [w for _, w in weighted])[0]

    def applicants(org: Organization, received: datetime, count: int = 1) -> list[int]:
        """People already on file, those not yet in a case and the respondent's workers first."""
        known = [p for p in people_rows if p.created_at < received - timedelta(days=1)]
        ranked = sorted(
            known or people_rows,
            key=lambda p: (p.id in used, p.workplace_id != org.id, rng.random()),
        )
        chosen = [p.id for p in ranked[:count]]
        used.update(chosen)
        return chosen

    def received_on(day: date) -> datetime:
        return _office_hours(rng, datetime(day.year, day.month, day.day))

    def days_ago(days: int) -> datetime:
        return received_on(on - timedelta(days=days))

    def working_days_ago(days: int) -> datetime:
        day = on
        while days:
            day -= timedelta(days=1)
            if day.weekday() < 5:
                days -= 1
        return received_on(day)

    def any_mediator() -> Staff:
        return rng.choices((runner.mediator, runner.head), (3, 2))[0]

    def plan(
        received: datetime,
        name: str | None,
        category: str,
        outcome: str,
        stop: str = "",
        **extra: Any,
    ) -> _CasePlan:
        org = employer(name)
        extra.setdefault("mediator", any_mediator())
        extra.setdefault("filed_by", rng.choices((runner.desk, runner.mediator), (3, 1))[0])
        extra.setdefault("applicants", applicants(org, received))
        return _CasePlan(
            received=received,
            respondent=org,
            dispute=_dispute(rng, org, received.date(), category),
            outcome=outcome,
            stop=stop,
            **extra,
        )

    # Acceptance due within three days: two working days back, or three over a weekend.
    soon = on - timedelta(days=1)
    while soon.weekday() >= 5 or not (
        on
        <= mediation.add_working_days(soon, mediation.ACCEPTANCE_WORKING_DAYS)
        <= on + timedelta(days=mediation.SOON_DAYS)
    ):
        soon -= timedelta(days=1)
    dining, courier = "北京东华餐饮管理有限公司", "北京同城速递有限公司东城分部"
    decorators = "北京安居家装工程有限公司"
    plans = [
        # Today's deadline list: acceptance overdue, acceptance soon, mediation overdue,
        # mediation ending soon, an obligation due tomorrow.
        plan(working_days_ago(4), dining, "wages", "agreement", "registered", kind="oral"),
        plan(received_on(soon), courier, "employment_status", "agreement", "registered"),
        plan(days_ago(17), dining, "dismissal", "failed", "sessions", sessions=2),
        plan(days_ago(13), "北京鑫源家政服务有限公司", "wages", "agreement", "sessions"),
        plan(
            days_ago(12),
            "北京康泰养老服务有限公司",
            "wages",
            "agreement",
            "agreement_effective",
            sessions=2,
            dues=(1,),
        ),
        # Both parties agreed to go on after the fifteen days.
        plan(
            days_ago(20),
            "北京智联九州科技有限公司",
            "dismissal",
            "agreement",
            "sessions",
            sessions=2,
            extend_until=on + timedelta(days=6),
        ),
        # The mediator once worked for the respondent; the parties were told and agreed.
        plan(
            working_days_ago(2),
            "北京建华物业管理有限公司",
            "wages",
            "agreement",
            "accepted",
            mediator=runner.mediator,
            related="2017年至2020年曾在该公司任人事专员",
            related_reason="已向双方当事人披露上述关系，双方书面表示不申请回避，同意由其主持调解",
        ),
        plan(days_ago(9), "北京和平保安服务有限公司", "overtime", "agreement", "agreement_draft"),
        plan(days_ago(45), courier, "work_injury", "agreement", "performing", dues=(-20, 12)),
        plan(days_ago(55), dining, "wages", "defaulted", "defaulted", dues=(-20,)),
        plan(
            days_ago(40),
            "北京金宝街酒店管理有限公司",
            "contract",
            "agreement",
            "performed",
            dues=(-10,),
        ),
        plan(days_ago(22), "北京朝阳门汽车维修服务有限公司", "dismissal", "failed", "failed"),
        plan(
            days_ago(40),
            decorators,
            "work_injury",
            "failed",
            "referred_to_arbitration",
            sessions=2,
        ),
        plan(days_ago(25), "北京东直门连锁超市有限公司", "wages", "withdrawn", "withdrawn"),
        plan(
            days_ago(10),
            "东城区朝阳门街道养老照料中心",
            "social_insurance",
            "not_accepted",
            "not_accepted",
            kind="oral",
            filed_by=runner.desk,
        ),
        plan(
            days_ago(18),
            "北京崇文门菜市场经营管理有限公司",
            "dismissal",
            "respondent_declined",
            "respondent_declined",
        ),
        plan(days_ago(300), "北京万通出租汽车有限公司", "dismissal", "agreement", "archived"),
    ]
    # A collective dispute: a crew of decorators left unpaid when the job was done.
    received = days_ago(120)
    crew = employer(decorators)
    collective = _CasePlan(
        received=received,
        respondent=crew,
        applicants=applicants(crew, received, 12),
        dispute=_collective_dispute(rng, crew, received.date(), 12),
        outcome="agreement",
        stop="closed",
        mediator=runner.head,
        filed_by=runner.head,
        sessions=3,
        installments=2,
    )
    plans.append(collective)

    # The rest at random over the year, some filed at a front-desk visit about mediation.
    staff_by_id = {s.id: s for s in Staff.select()}
    workplaces = {p.id: p.workplace_id for p in people_rows}
    visits_about_mediation = list(
        Visit.select(Visit.id, Visit.person, Visit.arrived_at, Visit.staff)
        .join(VisitPurpose, on=(VisitPurpose.visit == Visit.id))
        .join(ServiceType, on=(VisitPurpose.service == ServiceType.id))
        .where(
            ServiceType.name == "劳动争议调解申请",
            VisitPurpose.outcome == "done",
            Visit.channel == "walk_in",
            Visit.person.is_null(False),
            Visit.arrived_at >= runner.moment - timedelta(days=360),
            Visit.arrived_at < runner.moment - timedelta(days=1),
        )
        .order_by(Visit.arrived_at)
    )
    wanted = round(len(people_rows) * CASES_PER_PERSON) - len(plans)
    by_name = {o.name for o, _ in weighted}
    for _ in range(max(MIN_RANDOM_CASES, wanted)):
        extra: dict[str, Any] = {}
        name = None
        if visits_about_mediation and rng.random() < 0.3:
            visit = visits_about_mediation.pop(rng.randrange(len(visits_about_mediation)))
            received = visit.arrived_at + timedelta(minutes=rng.randint(15, 40))
            extra.update(
                visit_id=visit.id,
                applicants=[visit.person_id],
                filed_by=staff_by_id[visit.staff_id],
            )
            used.add(visit.person_id)
            workplace_id = workplaces.get(visit.person_id)
            name = next(
                (o.name for o, _ in weighted if o.id == workplace_id and o.name in by_name), None
            )
        else:
            received = days_ago(rng.randint(1, 360))
        org_name = name or employer().name
        category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
        if org_name == courier and rng.random() < 0.4:
            category = "employment_status"
        outcome = rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0]
        if outcome in ("agreement", "defaulted"):
            extra["sessions"] = rng.choices((1, 2, 3), (5, 3, 1))[0]
            extra["installments"] = rng.choices((1, 2, 3), (6, 3, 1))[0]
        elif outcome == "failed":
            extra["sessions"] = rng.choices((1, 2, 3), (2, 3, 2))[0]
        elif outcome == "withdrawn":
            extra["sessions"] = rng.randint(0, 1)
        if rng.random() < (0.2 if "visit_id" in extra else 0.08):
            extra["kind"] = "oral"
        plans.append(plan(received, org_name, category, outcome, **extra))

    plans.sort(key=lambda p: p.received)  # case numbers follow the date of receipt
    for case_plan in plans:
        runner.run(case_plan)

    # Filing a case stamps its applicants' last activity "now"; it was the day it came in.
    latest: dict[int, datetime] = {}
    for case_plan in plans:
        for person_id in case_plan.applicants:
            latest[person_id] = max(latest.get(person_id, case_plan.received), case_plan.received)
    persons = list(Person.select(Person.id).where(Person.id.in_(list(latest))))
    for person in persons:
        person.last_activity_at = max(original[person.id], latest[person.id])
    Person.bulk_update(persons, fields=[Person.last_activity_at], batch_size=200)
    return len(plans)


# --- the workers' library -----------------------------------------------------------------------

LIBRARY_TITLES = 2000  # for 300 people; a smaller station (or a test) has a smaller library
MIN_LIBRARY_TITLES = 400
LOANS_PER_PERSON = 8000 / 300  # two years of desk loans: about 8,000 for 300 people
LOAN_DAYS = 30  # the default rule of migration 5
MAGAZINE_LOAN_DAYS = 14  # the demo's own rule: magazines go out for two weeks, no renewal
ISBN_SHARE = 0.7
LIBRARY_BATCH = 500
SHELVES = tuple(f"书架{row}{n}" for row in "ABCD" for n in range(1, 7))

# Publishers and the ISBN publisher prefixes they (or publishers like them) use after 978-7.
PUBLISHERS: dict[str, str] = {
    "人民文学出版社": "02",
    "人民出版社": "01",
    "商务印书馆": "100",
    "中华书局": "101",
    "机械工业出版社": "111",
    "人民邮电出版社": "115",
    "人民卫生出版社": "117",
    "电子工业出版社": "121",
    "化学工业出版社": "122",
    "北京出版社": "200",
    "浙江人民出版社": "213",
    "重庆出版社": "229",
    "北京大学出版社": "301",
    "清华大学出版社": "302",
    "北京师范大学出版社": "303",
    "中国工人出版社": "5008",
    "中国统计出版社": "5037",
    "作家出版社": "5063",
    "中信出版社": "5086",
    "中国法制出版社": "5093",
    "人民法院出版社": "5109",
    "法律出版社": "5118",
    "中国妇女出版社": "5127",
    "中国中医药出版社": "5132",
    "中国青年出版社": "5153",
    "中国劳动社会保障出版社": "5167",
    "中国轻工业出版社": "5184",
    "北京十月文艺出版社": "5302",
    "上海文艺出版社": "5321",
    "上海辞书出版社": "5326",
    "上海译文出版社": "5327",
    "长江文艺出版社": "5354",
    "花城出版社": "5360",
    "湖南文艺出版社": "5404",
    "青岛出版社": "5436",
    "南海出版公司": "5442",
    "译林出版社": "5447",
    "江苏凤凰科学技术出版社": "5537",
    "华东师范大学出版社": "5617",
    "读者出版集团": "",  # magazines: no ISBN
    "中国工人杂志社": "",
    "家庭医生杂志社": "",
}


@dataclass(frozen=True)
class _Book:
    title: str
    author: str
    publisher: str
    year: int
    classification: str
    popularity: float = 8.0
    item_type: str = "book"
    isbn_group: str = ""  # titles with the same group share one ISBN (volumes of a set)
    price: tuple[int, int] = (25, 68)  # yuan, from-to


# Books every workers' reading room has: the classics, the prize winners, the best-sellers.
FAMOUS_BOOKS: tuple[_Book, ...] = (
    _Book("活着", "余华", "作家出版社", 2012, "I247.57", 15),
    _Book("许三观卖血记", "余华", "作家出版社", 2012, "I247.57", 7),
    _Book("兄弟", "余华", "作家出版社", 2017, "I247.57", 5),
    _Book(
        "平凡的世界（第一部）", "路遥", "北京十月文艺出版社", 2017, "I247.57", 14, isbn_group="平凡"
    ),
    _Book(
        "平凡的世界（第二部）", "路遥", "北京十月文艺出版社", 2017, "I247.57", 10, isbn_group="平凡"
    ),
    _Book(
        "平凡的世界（第三部）", "路遥", "北京十月文艺出版社", 2017, "I247.57", 9, isbn_group="平凡"
    ),
    _Book("人生", "路遥", "北京十月文艺出版社", 2012, "I247.5", 8),
    _Book("围城", "钱锺书", "人民文学出版社", 2017, "I246.57", 10),
    _Book("红楼梦（上）", "曹雪芹 高鹗", "人民文学出版社", 2008, "I242.47", 7, isbn_group="红楼"),
    _Book("红楼梦（下）", "曹雪芹 高鹗", "人民文学出版社", 2008, "I242.47", 5, isbn_group="红楼"),
    _Book("三国演义", "罗贯中", "人民文学出版社", 2019, "I242.4", 8),
    _Book("水浒传", "施耐庵", "人民文学出版社", 2019, "I242.4", 6),
    _Book("西游记", "吴承恩", "人民文学出版社", 2019, "I242.4", 7),
    _Book("三体", "刘慈欣", "重庆出版社", 2008, "I247.55", 15),
    _Book("三体Ⅱ·黑暗森林", "刘慈欣", "重庆出版社", 2008, "I247.55", 11),
    _Book("三体Ⅲ·死神永生", "刘慈欣", "重庆出版社", 2010, "I247.55", 10),
    _Book("流浪地球", "刘慈欣", "中国青年出版社", 2019, "I247.55", 6),
    _Book("白鹿原", "陈忠实", "人民文学出版社", 2012, "I247.5", 9),
    _Book("骆驼祥子", "老舍", "人民文学出版社", 2018, "I246.57", 8),
    _Book("四世同堂", "老舍", "北京十月文艺出版社", 2017, "I246.57", 5),
    _Book("茶馆", "老舍", "人民文学出版社", 2018, "I234", 4),
    _Book("边城", "沈从文", "北京十月文艺出版社", 2017, "I246.5", 5),
    _Book("呐喊", "鲁迅", "人民文学出版社", 2016, "I210.6", 5),
    _Book("朝花夕拾", "鲁迅", "人民文学出版社", 2016, "I210.4", 5),
    _Book("家", "巴金", "人民文学出版社", 2017, "I246.57", 4),
    _Book("子夜", "茅盾", "人民文学出版社", 2016, "I246.57", 3),
    _Book("城南旧事", "林海音", "中国青年出版社", 2015, "I247.7", 6),
    _Book("文化苦旅", "余秋雨", "长江文艺出版社", 2014, "I267", 6),
    _Book("我与地坛", "史铁生", "人民文学出版社", 2011, "I267", 6),
    _Book("穆斯林的葬礼", "霍达", "北京十月文艺出版社", 2015, "I247.5", 6),
    _Book("尘埃落定", "阿来", "人民文学出版社", 2013, "I247.5", 4),
    _Book("长恨歌", "王安忆", "人民文学出版社", 2019, "I247.5", 4),
    _Book("秦腔", "贾平凹", "作家出版社", 2012, "I247.5", 4),
    _Book("蛙", "莫言", "上海文艺出版社", 2012, "I247.5", 5),
    _Book("红高粱家族", "莫言", "上海文艺出版社", 2012, "I247.5", 5),
    _Book("繁花", "金宇澄", "上海文艺出版社", 2014, "I247.5", 7),
    _Book("人世间", "梁晓声", "中国青年出版社", 2017, "I247.5", 12),
    _Book("一句顶一万句", "刘震云", "长江文艺出版社", 2016, "I247.5", 5),
    _Book("推拿", "毕飞宇", "人民文学出版社", 2015, "I247.5", 4),
    _Book("额尔古纳河右岸", "迟子建", "北京十月文艺出版社", 2019, "I247.5", 5),
    _Book("主角", "陈彦", "作家出版社", 2018, "I247.5", 4),
    _Book("北上", "徐则臣", "北京十月文艺出版社", 2018, "I247.5", 4),
    _Book("云边有个小卖部", "张嘉佳", "湖南文艺出版社", 2018, "I247.57", 8),
    _Book("撒哈拉的故事", "三毛", "北京十月文艺出版社", 2017, "I267", 6),
    _Book("浮生六记", "沈复", "中华书局", 2015, "I264.9", 4),
    _Book("解忧杂货店", "东野圭吾", "南海出版公司", 2014, "I313.45", 10),
    _Book("百年孤独", "加西亚·马尔克斯", "南海出版公司", 2011, "I775.45", 6),
    _Book("钢铁是怎样炼成的", "奥斯特洛夫斯基", "人民文学出版社", 2016, "I512.45", 5),
    _Book("老人与海", "海明威", "上海译文出版社", 2012, "I712.45", 5),
    _Book("乡土中国", "费孝通", "北京大学出版社", 2012, "C912.82", 4),
    _Book("万历十五年", "黄仁宇", "中华书局", 2014, "K248.07", 5),
    _Book("明朝那些事儿", "当年明月", "浙江人民出版社", 2017, "K248.09", 9),
    _Book("苏东坡传", "林语堂", "湖南文艺出版社", 2018, "K825.6", 5),
    _Book("唐诗三百首", "蘅塘退士 编", "中华书局", 2016, "I222.742", 5),
    _Book("宋词三百首", "上彊村民 编", "中华书局", 2016, "I222.844", 4),
    _Book("人间词话", "王国维", "中华书局", 2016, "I207.23", 3),
    _Book("大国工匠", "《大国工匠》编写组", "中国工人出版社", 2019, "K826.16", 5),
    # What the station's own readers ask for most, besides novels.
    _Book(
        "中华人民共和国劳动合同法（实用版）",
        "中国法制出版社 编",
        "中国法制出版社",
        2021,
        "D922.52",
        2,
    ),
    _Book("劳动合同法实务手册", "本书编写组", "中国工人出版社", 2020, "D922.52", 1.5),
    _Book("职工心理健康读本", "本书编写组", "中国工人出版社", 2021, "R395.6", 1.5),
    _Book("家常菜谱", "甘智荣 主编", "中国轻工业出版社", 2018, "TS972.12", 3),
    _Book("Python编程入门", "李宁", "人民邮电出版社", 2022, "TP311.561", 1.5),
    _Book(
        "新华字典（第12版）", "中国社会科学院语言研究所", "商务印书馆", 2020, "H163", 0, "reference"
    ),
    _Book(
        "现代汉语词典（第7版）",
        "中国社会科学院语言研究所",
        "商务印书馆",
        2016,
        "H164",
        0,
        "reference",
    ),
    _Book("辞海（第七版）", "夏征农 陈至立 主编", "上海辞书出版社", 2020, "Z32", 0, "reference"),
    _Book(
        "中华人民共和国法律法规全书",
        "中国法制出版社 编",
        "中国法制出版社",
        2024,
        "D920.9",
        0,
        "reference",
    ),
    _Book("中国劳动统计年鉴", "国家统计局 编", "中国统计出版社", 2023, "F249.21", 0, "reference"),
)

MAGAZINES: tuple[tuple[str, str], ...] = (
    ("读者", "读者出版集团"),
    ("中国工人", "中国工人杂志社"),
    ("家庭医生", "家庭医生杂志社"),
)


@dataclass(frozen=True)
class _Shelf:
    """A kind of book from which titles are made up: subjects x forms, their 中图法 classes,
    publishers, how often they are borrowed, what they cost and who writes them."""

    subjects: dict[str, tuple[str, int]]  # subject -> (class, first year such a book can exist)
    forms: tuple[str, ...]  # "-" for none: the subject alone is the title
    publishers: tuple[str, ...]
    share: float
    popularity: float
    price: tuple[int, int]
    author_style: str  # "person", "editor" (主编/编著), "group" (编写组) or "mixed"
    novel: bool = False  # subject and form make a novel's title (see NOVEL_FORMS)


def _subjects(table: str) -> dict[str, tuple[str, int]]:
    """Parse "劳动合同法:D922.52@2008 工会工作:D412.6" into {subject: (class, since)}."""
    found = re.finditer(r"([^\s:]+):([A-Z][\w.]*)(?:@(\d{4}))?", table)
    return {m.group(1): (m.group(2), int(m.group(3) or 2006)) for m in found}


def _shelf(
    subjects: str, forms: str, publishers: str, *numbers: float, style: str, novel: bool = False
) -> _Shelf:
    share, popularity, low, high = numbers
    return _Shelf(
        _subjects(subjects),
        tuple(forms.split()),
        tuple(publishers.split()),
        share,
        popularity,
        (int(low), int(high)),
        style,
        novel,
    )


# share of the made-up titles, popularity, price range
GENERATED_SHELVES: tuple[_Shelf, ...] = (
    _shelf(
        """劳动合同法:D922.52@2008 劳动争议调解仲裁法:D922.591@2008 工伤保险条例:D922.55
        社会保险法:D922.182@2011 劳动法:D922.5 劳务派遣:D922.52@2014 职工带薪年休假:D922.5@2008
        女职工劳动保护:D922.5@2012 保障农民工工资支付条例:D922.5@2020 工资支付:D922.5
        新就业形态劳动者权益保障:D922.5@2021 劳动关系:F246 民法典:D923@2020
        个人所得税:D922.222@2019""",
        "实务手册 条文释义 实用问答 案例精析 一本通 维权指南 百问百答 注释本 理解与适用 "
        "典型案例评析",
        "中国法制出版社 法律出版社 中国工人出版社 人民法院出版社 中国劳动社会保障出版社",
        *(0.13, 0.5, 28, 68),
        style="mixed",
    ),
    _shelf(
        """工会工作:D412.6 基层工会:D412.6 工会主席:D412.6 职工代表大会:D412.6
        工资集体协商:F249.24 工会财务:D412.6 工会会员发展:D412.6 楼宇工会:D412.6@2012
        职工之家建设:D412.6 劳模精神:D412.6""",
        "实务 工作手册 100问 操作指南 案例选编 知识读本 培训教程",
        "中国工人出版社",
        *(0.06, 0.3, 25, 48),
        style="group",
    ),
    _shelf(
        """职工心理健康:R395.6 情绪管理:B842.6 压力调适:B842.6 心理减压:R395.6 职场沟通:C912.11
        亲子关系:G78 睡眠改善:R338.63 正念练习:B842.6@2015 焦虑自助:R749.72 幸福力:B848.4""",
        "读本 手册 指南 十二讲 自助手册 实用技巧",
        "人民卫生出版社 中国轻工业出版社 机械工业出版社 中国工人出版社",
        *(0.07, 0.9, 32, 59),
        style="person",
    ),
    _shelf(
        """家常菜谱:TS972.12 家常小炒:TS972.12 快手早餐:TS972.12 营养汤煲:TS972.122
        面食点心:TS972.132 川菜:TS972.182 粤菜:TS972.182 北京风味小吃:TS972.142
        减脂餐:TS972.161@2015 电饭煲美食:TS972.12 老北京家常菜:TS972.182
        孕产妇营养餐:TS972.164 儿童营养餐:TS972.162 素食:TS972.123""",
        "- 大全 一学就会 精选 300例 图解",
        "中国轻工业出版社 青岛出版社 化学工业出版社 江苏凤凰科学技术出版社",
        *(0.1, 1.2, 29, 58),
        style="mixed",
    ),
    _shelf(
        """Python编程:TP311.561@2012 Excel办公应用:TP391.13 Word排版:TP391.12 PPT设计:TP391.412
        电脑基础:TP3 智能手机使用:TN929.53@2012 短视频剪辑:TN94@2018 人工智能:TP18@2016
        网络安全:TP393.08 Photoshop:TP391.413 数据分析:TP274 Java程序设计:TP312.8""",
        "入门 从入门到精通 实战 速成 一本通 案例教程 基础教程",
        "人民邮电出版社 清华大学出版社 机械工业出版社 电子工业出版社",
        *(0.1, 0.8, 39, 99),
        style="person",
    ),
    _shelf(
        """颈椎病防治:R681.5 高血压饮食调养:R544.1 糖尿病自我管理:R587.1 中医养生:R212
        家庭急救:R459.7 职业病防治:R135 护眼:R77 腰椎间盘突出:R681.53 老年人护理:R473.59
        科学健身:G883 四季养生:R212""",
        "- 指南 手册 一本通 问答 图解",
        "人民卫生出版社 中国中医药出版社 化学工业出版社 中国轻工业出版社",
        *(0.08, 1.0, 26, 49),
        style="person",
    ),
    _shelf(
        """电工:TM05 焊工:TG44 保安员:D631.43 养老护理员:R473 家政服务员:TS976.7 育婴员:TS976.31
        快递员:F618.1@2010 网约配送员:F719.3@2020 中式烹调师:TS972.117 物业管理员:F293.33
        汽车维修工:U472 美容师:TS974.1 收银员:F713.3 叉车司机:TH242""",
        "职业技能培训教程 上岗必读 职业技能等级认定培训教材 实用技术 考试指导",
        "中国劳动社会保障出版社 中国工人出版社 化学工业出版社 机械工业出版社",
        *(0.1, 0.6, 22, 45),
        style="editor",
    ),
    _shelf(
        """胡同:I247.5 北京:I247.5 城南:I247.5 远方:I247.5 老街:I247.5 父亲:I247.5 母亲:I247.5
        青春:I247.57 大河:I247.5 草原:I247.5 山村:I247.5 小城:I247.7 故乡:I247.7 工厂:I247.5
        夜班:I247.7 站台:I247.7 月光:I247.7 春天:I247.57""",
        "故事 灯火 岁月 回声 孩子们 记忆 守望 日子 年轮 来信 人们 黄昏 歌",
        "人民文学出版社 作家出版社 北京十月文艺出版社 长江文艺出版社 上海文艺出版社 花城出版社 "
        "中国工人出版社",
        *(0.22, 1.6, 35, 59),
        style="person",
        novel=True,
    ),
    _shelf(
        """高铁:I253@2012 航天:I253 电力:I253 建筑:I253 快递:I253@2012 环卫:I253 地铁:I253
        护理:I253 胡同:I267 京城:I267""",
        "工匠 劳模风采录 人物志 纪事 散记 随笔",
        "中国工人出版社 作家出版社 人民文学出版社 北京出版社",
        *(0.05, 0.9, 32, 56),
        style="person",
    ),
    _shelf(
        """北京胡同:K291 北京中轴线:K928.71 故宫:K928.74 老北京:K291 天坛:K928.73 前门大街:K291
        东城:K291 京味儿:K892.41""",
        "史话 的故事 漫步 往事 图志 一百年",
        "北京出版社 中华书局 北京大学出版社",
        *(0.04, 1.0, 38, 88),
        style="person",
    ),
    _shelf(
        """家庭教育:G78 亲子阅读:G78 青春期:G78 小学生学习习惯:G622.46 中考:G632.474
        高考志愿填报:G647.32 双职工家庭育儿:TS976.31""",
        "指南 手册 100问 实用方法 家长必读",
        "华东师范大学出版社 中国妇女出版社 北京师范大学出版社",
        *(0.05, 1.0, 29, 49),
        style="person",
    ),
    _shelf(
        """家庭理财:F830.59 社保医保:F842.61 住房公积金:F299.233 养老金:F842.67
        防范电信诈骗:D924.33@2016 婚姻家庭法律:D923.9""",
        "一本通 实用指南 问答 明白纸 365问",
        "中国法制出版社 中信出版社 人民出版社",
        *(0.04, 0.7, 25, 45),
        style="mixed",
    ),
)

EDITIONS = ("（第2版）", "（第3版）", "（修订版）", "（图解版）", "（双色版）", "（最新版）")
NOVEL_FORMS = ("{s}的{f}", "{s}{f}", "在{s}", "{s}记", "走出{s}", "{s}往事")


@dataclass
class _TitleRow:
    id: int
    book: _Book
    isbn: str
    acquired: datetime
    popularity: float
    price: tuple[int, int]
    copies: list[int]


@dataclass
class _DeskLoan:
    id: int
    copy: int
    person: int
    staff: int
    lent_at: datetime
    due_on: date
    returned_at: datetime | None
    returned_staff: int | None
    renewals: int
    renewed_at: datetime | None


def _isbn(rng: random.Random, publisher: str, used: set[str]) -> str:
    """A valid ISBN-13 in the Chinese group (978-7), with the publisher's prefix."""
    prefix = "9787" + PUBLISHERS[publisher]
    for _ in range(1000):
        body = prefix + _digits(rng, 12 - len(prefix))
        number = body + ean.calc_check_digit(body)
        if number not in used:
            used.add(number)
            return number
    raise RuntimeError("could not draw a unique demo ISBN")


def _author(rng: random.Random, style: str) -> str:
    if style == "mixed":
        style = rng.choice(("person", "editor", "group"))
    name = _surname(rng) + _given_name(rng, rng.choice("MF"))
    if style == "editor":
        return f"{name} {rng.choice(('主编', '编著', '编'))}"
    if style == "group":
        return "本书编写组" if rng.random() < 0.6 else f"{name} 主编"
    return name


def _generated_books(rng: random.Random, count: int) -> list[_Book]:
    """Plausible titles from the word lists, in the shelves' shares; a title may repeat with
    another author or publisher, as it does in a real collection."""
    total = sum(s.share for s in GENERATED_SHELVES)
    year_now = today().year
    seen: set[tuple[str, str]] = set()
    books: list[_Book] = []
    while len(books) < count:
        shelf = rng.choices(GENERATED_SHELVES, [s.share / total for s in GENERATED_SHELVES])[0]
        subject = rng.choice(list(shelf.subjects))
        form = rng.choice(shelf.forms).replace("-", "")
        title = rng.choice(NOVEL_FORMS).format(s=subject, f=form) if shelf.novel else subject + form
        if rng.random() < 0.12:
            title += rng.choice(EDITIONS)
        author = _author(rng, shelf.author_style)
        if (title, author) in seen:
            continue
        seen.add((title, author))
        classification, since = shelf.subjects[subject]
        books.append(
            _Book(
                title=title,
                author=author,
                publisher=rng.choice(shelf.publishers),
                year=rng.randint(max(since, year_now - 18), year_now),
                classification=classification,
                popularity=shelf.popularity * rng.uniform(0.3, 1.7),
                price=shelf.price,
            )
        )
    return books


def _magazine_books(rng: random.Random, first_day: date) -> list[_Book]:
    """Monthly issues of three magazines for the last two years."""
    books = []
    on = today()
    month = date(first_day.year, first_day.month, 1)
    while month <= on:
        for name, publisher in MAGAZINES:
            if rng.random() < 0.85:  # not every issue reached the station
                books.append(
                    _Book(
                        title=f"{name}（{month.year}年第{month.month}期）",
                        author=f"《{name}》编辑部",
                        publisher=publisher,
                        year=month.year,
                        classification="Z89",
                        popularity=2.5 if name == "读者" else 1.2,
                        item_type="magazine",
                        price=(10, 18),
                    )
                )
        month = (month + timedelta(days=32)).replace(day=1)
    return books


def _shelf_of(classification: str, item_type: str) -> str:
    if item_type == "magazine":
        return "书架D5"
    if item_type == "reference":
        return "书架D6"
    letter = classification[:1]
    rows = {
        "I": SHELVES[0:6],  # A: literature
        "K": SHELVES[6:8],  # B1-B2: history
        "D": SHELVES[8:11],  # B3-B5: law and the unions
        "C": SHELVES[11:12],
        "F": SHELVES[11:12],
        "T": SHELVES[12:17],  # C: cooking, computers, skills
        "U": SHELVES[16:17],
        "R": SHELVES[18:21],  # D1-D3: health and the mind
        "B": SHELVES[20:21],
        "G": SHELVES[21:22],
    }.get(letter, SHELVES[17:18])
    return rows[sum(map(ord, classification)) % len(rows)]


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice(("0", "0.8", "0.5", "0.9")))


def _next_open_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at_desk(rng: random.Random, day: date, *, after: datetime | None = None) -> datetime:
    """A time on ``day`` while the desk is open (8:30 to 17:30), after ``after`` if given."""
    start = datetime(day.year, day.month, day.day, 8, 30)
    if after is not None and after.date() == day:
        start = max(start, after + timedelta(minutes=5))
    end = datetime(day.year, day.month, day.day, 17, 30)
    if start >= end:
        return start
    return start + timedelta(seconds=rng.randrange(0, int((end - start).total_seconds())))


def _library_audit(
    at: datetime, staff: int, action: str, entity: str, entity_id: int, details: dict[str, Any]
) -> dict[str, Any]:
    return {
        "at": at,
        "staff": staff,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": json.dumps(details, ensure_ascii=False, default=str, sort_keys=True),
    }


def _insert(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), LIBRARY_BATCH):
        model.insert_many(rows[start : start + LIBRARY_BATCH]).execute()


def populate_library(admin: Staff, *, rng: random.Random) -> int:
    """The workers' library (职工书屋) and the mobile book house; returns the desk loans.

    About 2,000 titles: the classics and best-sellers every reading room has, magazines, reference
    works that stay in the room, and plausible made-up titles on law, the unions, health, cooking,
    computers, skills and life in the city; about 70% with a valid ISBN-13. One to three copies
    each, on shelves 书架A1 to 书架D6. Two years of desk loans for the people on file (about
    8,000 for 300 people): most back on time, some late, some renewed, about 200 out now and
    some of them overdue, so the overdue list has names and a borrower is suspended. A few
    reservations are waiting, one copy is set aside. Four boxes of the mobile book house: three
    out at office buildings (one overdue), one packed at the station. Rows are bulk-inserted with
    back-dated audit entries; call it inside the caller's transaction, after the people.
    """
    moment = now()
    on = moment.date()
    opened = (Staff.select(peewee.fn.MIN(Staff.created_at)).scalar()) or moment - timedelta(
        days=HISTORY_DAYS
    )
    librarian = Staff.get_or_none(Staff.username == "librarian") or admin
    desk = Staff.get_or_none(Staff.username == "frontdesk") or admin
    lenders = [librarian.id, desk.id, admin.id]
    lender_weights = (65, 25, 10)
    first_day = on - timedelta(days=730)

    # Magazines: the demo's own rule, set up by the administrator when the library opened.
    rule = library.save_rule(
        admin, library.RuleInput("", "magazine", MAGAZINE_LOAN_DAYS, 3, 0, False)
    )
    AuditEntry.update(at=opened).where(
        AuditEntry.entity == "circulation_rule", AuditEntry.entity_id == rule.id
    ).execute()

    # --- catalogue ---
    magazines = _magazine_books(rng, first_day)
    famous = set(FAMOUS_BOOKS)
    books = [*FAMOUS_BOOKS, *magazines]
    wanted = max(
        MIN_LIBRARY_TITLES, round(LIBRARY_TITLES * min(1.0, Person.select().count() / 300))
    )
    books += _generated_books(rng, max(0, wanted - len(books)))
    used_isbns: set[str] = set()
    shared: dict[str, str] = {}
    # ISBNs on ISBN_SHARE of the titles, whatever the dice: the famous books nearly all have
    # one, sets share theirs, and the rest are drawn to make up the share.
    can_have = [
        i
        for i, b in enumerate(books)
        if b.item_type != "magazine" and PUBLISHERS.get(b.publisher) and not b.isbn_group
    ]
    has_isbn = {i for i in can_have if books[i] in famous and rng.random() < 0.95}
    grouped = sum(1 for b in books if b.isbn_group and PUBLISHERS.get(b.publisher))
    others = [i for i in can_have if books[i] not in famous]
    wanted_isbns = round(ISBN_SHARE * len(books)) - grouped - len(has_isbn)
    has_isbn.update(rng.sample(others, max(0, min(len(others), wanted_isbns))))
    next_title = (Title.select(peewee.fn.MAX(Title.id)).scalar() or 0) + 1
    next_copy = (Copy.select(peewee.fn.MAX(Copy.id)).scalar() or 0) + 1
    barcode_no = next_copy
    titles: list[_TitleRow] = []
    title_rows: list[dict[str, Any]] = []
    copy_rows: list[dict[str, Any]] = []
    audit_rows: list[dict[str, Any]] = []
    search_cache: dict[str, str] = {}

    def search_text(title: str, author: str) -> str:
        key = f"{title}\x00{author}"
        if key not in search_cache:
            search_cache[key] = library._title_search_text({"title": title, "author": author})
        return search_cache[key]

    def add_copies(row: _TitleRow, count: int, location: str, acquired: datetime) -> list[int]:
        nonlocal next_copy, barcode_no
        ids = []
        for _ in range(count):
            copy_id = next_copy
            next_copy += 1
            barcode = f"TS{barcode_no:07d}"
            barcode_no += 1
            low, high = row.price
            copy_rows.append(
                {
                    "id": copy_id,
                    "title": row.id,
                    "barcode": barcode,
                    "accession_number": f"{acquired.year}-{copy_id:05d}",
                    "price": _price(rng, low, high),
                    "location": location,
                    "status": "available",
                    "box": None,
                    "last_seen_at": acquired,
                    "created_at": acquired,
                }
            )
            audit_rows.append(
                _library_audit(
                    acquired, librarian.id, "create", "copy", copy_id, {"barcode": barcode}
                )
            )
            ids.append(copy_id)
        return ids

    for index, book in enumerate(books):
        if book.item_type == "magazine":
            issue = datetime(book.year, int(re.findall(r"第(\d+)期", book.title)[0]), 1)
            acquired = _office_hours(rng, max(issue + timedelta(days=rng.randint(3, 12)), opened))
        elif book.year <= opened.year and (book in famous or rng.random() < 0.6):
            # Most of the collection was bought when the reading room opened.
            acquired = _office_hours(rng, opened + timedelta(days=rng.randrange(0, 45)))
        else:
            earliest = max(opened, datetime(book.year, 1, 1))
            acquired = _office_hours(rng, earliest + (moment - earliest) * rng.random())
        acquired = min(acquired, moment - timedelta(days=1))
        year = min(book.year, acquired.year)
        if book.item_type == "magazine" or not PUBLISHERS.get(book.publisher):
            isbn = ""
        elif book.isbn_group:
            if book.isbn_group not in shared:
                shared[book.isbn_group] = _isbn(rng, book.publisher, used_isbns)
            isbn = shared[book.isbn_group]
        elif index in has_isbn:
            isbn = _isbn(rng, book.publisher, used_isbns)
        else:
            isbn = ""  # older gifts and in-house material without an ISBN
        row = _TitleRow(
            id=next_title,
            book=book,
            isbn=isbn,
            acquired=acquired,
            popularity=book.popularity,
            price=book.price,
            copies=[],
        )
        next_title += 1
        titles.append(row)
        title_rows.append(
            {
                "id": row.id,
                "isbn": isbn,
                "title": book.title,
                "author": book.author,
                "publisher": book.publisher,
                "year": year,
                "classification": book.classification,
                "item_type": book.item_type,
                "search_text": search_text(book.title, book.author),
                "active": True,
                "created_at": acquired,
                "updated_at": acquired,
            }
        )
        audit_rows.append(
            _library_audit(acquired, librarian.id, "create", "title", row.id, {"title": book.title})
        )
        if book.item_type == "magazine":
            count = 1
        elif book.popularity >= 8:
            count = 3
        elif book.popularity >= 4 or book.item_type == "reference":
            count = rng.choice((1, 2, 2))
        else:
            count = rng.choices((1, 2, 3), (70, 25, 5))[0]
        location = _shelf_of(book.classification, book.item_type)
        row.copies = add_copies(row, count, location, acquired)

    # The mobile book house: copies bought for the boxes, light reading from the popular shelves.
    boxes = _plan_boxes(rng, on)
    box_titles = [t for t in titles if t.book.item_type == "book" and t.popularity >= 1.0]
    box_copies: list[list[int]] = []
    for plan in boxes:
        bought = _office_hours(
            rng, datetime.combine(plan["first_start"], dt_time()) - timedelta(days=7)
        )
        chosen = rng.sample([t for t in box_titles if t.acquired < bought], plan["size"])
        box_copies.append([add_copies(t, 1, "流动书屋", bought)[0] for t in chosen])
    in_boxes = {copy_id for ids in box_copies for copy_id in ids}

    _insert(Title, title_rows)
    _insert(Copy, copy_rows)

    # --- two years of desk loans ---
    loans = _simulate_loans(
        rng,
        titles=titles,
        excluded=in_boxes,
        first_day=first_day,
        moment=moment,
        lenders=lenders,
        lender_weights=lender_weights,
        next_id=(Loan.select(peewee.fn.MAX(Loan.id)).scalar() or 0) + 1,
    )
    barcode_of = {r["id"]: r["barcode"] for r in copy_rows}
    loan_rows = []
    latest: dict[int, datetime] = {}
    last_seen: dict[int, datetime] = {}
    for loan in loans:
        loan_rows.append(
            {
                "id": loan.id,
                "copy": loan.copy,
                "person": loan.person,
                "staff": loan.staff,
                "lent_at": loan.lent_at,
                "due_on": loan.due_on,
                "returned_at": loan.returned_at,
                "returned_staff": loan.returned_staff,
                "renewals": loan.renewals,
            }
        )
        audit_rows.append(
            _library_audit(
                loan.lent_at,
                loan.staff,
                "lend",
                "loan",
                loan.id,
                {"copy": barcode_of[loan.copy], "person": loan.person},
            )
        )
        if loan.renewed_at is not None:
            audit_rows.append(
                _library_audit(
                    loan.renewed_at, loan.staff, "renew", "loan", loan.id, {"due_on": loan.due_on}
                )
            )
        last = loan.lent_at
        if loan.returned_at is not None:
            last = loan.returned_at
            days_late = max(0, (loan.returned_at.date() - loan.due_on).days)
            audit_rows.append(
                _library_audit(
                    loan.returned_at,
                    loan.returned_staff or loan.staff,
                    "return",
                    "loan",
                    loan.id,
                    {"days_late": days_late},
                )
            )
        latest[loan.person] = max(latest.get(loan.person, last), last)
        last_seen[loan.copy] = max(last_seen.get(loan.copy, last), last)
    _insert(Loan, loan_rows)

    open_copies = {loan.copy for loan in loans if loan.returned_at is None}
    if open_copies:
        Copy.update(status="on_loan").where(Copy.id.in_(list(open_copies))).execute()
    seen_rows = [Copy(id=copy_id, last_seen_at=seen) for copy_id, seen in last_seen.items()]
    Copy.bulk_update(seen_rows, fields=[Copy.last_seen_at], batch_size=LIBRARY_BATCH)

    # --- reservations ---
    _add_holds(rng, titles, loans, moment, librarian.id, audit_rows, latest, in_boxes)

    # --- a few copies out of circulation ---
    returned_last: dict[int, datetime] = {}
    for loan in loans:
        if loan.returned_at is not None:
            returned_last[loan.copy] = max(
                returned_last.get(loan.copy, loan.returned_at), loan.returned_at
            )
    held = {h for (h,) in Hold.select(Hold.copy).where(Hold.copy.is_null(False)).tuples()}
    candidates = sorted(
        c
        for c, when in returned_last.items()
        if c not in open_copies and c not in held and when < moment - timedelta(days=60)
    )
    for status, n in (("damaged", 4), ("lost", 3), ("withdrawn", 5)):
        for copy_id in rng.sample(candidates, min(n, len(candidates))):
            candidates.remove(copy_id)
            when = _office_hours(rng, returned_last[copy_id] + timedelta(days=rng.randint(5, 50)))
            Copy.update(status=status).where(Copy.id == copy_id).execute()
            audit_rows.append(
                _library_audit(
                    when,
                    librarian.id,
                    "status",
                    "copy",
                    copy_id,
                    {"from": "available", "to": status},
                )
            )

    # --- the mobile book house ---
    title_name = {t.id: t.book.title for t in titles}
    copy_info = {r["id"]: (r["barcode"], title_name[r["title"]], r["location"]) for r in copy_rows}
    _add_boxes(rng, boxes, box_copies, copy_info, moment, librarian.id, audit_rows)

    audit_rows.sort(key=lambda r: r["at"])
    _insert(AuditEntry, audit_rows)

    # A person's last activity is at least their last loan or return.
    persons = list(
        Person.select(Person.id, Person.last_activity_at).where(Person.id.in_(list(latest)))
    )
    for person in persons:
        person.last_activity_at = max(person.last_activity_at, latest[person.id])
    Person.bulk_update(persons, fields=[Person.last_activity_at], batch_size=LIBRARY_BATCH)
    return len(loans)


def _simulate_loans(
    rng: random.Random,
    *,
    titles: list[_TitleRow],
    excluded: set[int],
    first_day: date,
    moment: datetime,
    lenders: list[int],
    lender_weights: tuple[int, ...],
    next_id: int,
) -> list[_DeskLoan]:
    """Desk loans day by day under the default rules: three books at most, none while one is
    overdue, a copy lent only when it is back on the shelf."""
    on = moment.date()
    people_rows = sorted(
        Person.select(Person.id, Person.created_at).where(Person.active).tuples(),
        key=lambda row: row[1],
    )
    # A little over half of the people borrow at all, and a few of those borrow a lot.
    readers = [row for row in people_rows if rng.random() < 0.55]
    reader_ids = [pid for pid, _ in readers]
    reader_since = [created for _, created in readers]
    reader_cum = list(accumulate(rng.paretovariate(1.4) for _ in readers))
    lendable = [t for t in titles if t.book.item_type != "reference" and t.popularity > 0]
    title_cum = list(accumulate(t.popularity for t in lendable))
    desk_copies = {t.id: [c for c in t.copies if c not in excluded] for t in lendable}
    title_of = {c: t.id for t in lendable for c in desk_copies[t.id]}
    if not readers or not lendable:
        return []

    days = [first_day + timedelta(days=n) for n in range((on - first_day).days + 1)]
    open_days = [d for d in days if d.weekday() < 5]
    # Some attempts fail (the borrower has three books, every copy is out): plan a few more.
    total = LOANS_PER_PERSON * len(people_rows) * 1.05
    rate = total / sum(_day_factor(d) for d in open_days)
    # Books never brought back: lent 5 to 14 weeks ago, the core of the overdue list. They are
    # drawn one by one so that about ``never_wanted`` of them are left when the window closes.
    window = (on - timedelta(days=100), on - timedelta(days=35))
    window_days = [d for d in open_days if window[0] <= d <= window[1]]
    still_ahead = dict(
        zip(
            window_days,
            reversed(list(accumulate(_day_factor(d) for d in reversed(window_days)))),
            strict=True,
        )
    )
    never_wanted = max(2, round(8 * len(people_rows) / 300))
    never = attempts = made = 0

    busy_until: dict[int, datetime] = {}
    out: dict[int, list[_DeskLoan]] = {}
    loans: list[_DeskLoan] = []
    latest_lend = moment - timedelta(minutes=1)
    for day in open_days:
        count = round(rate * _day_factor(day) * rng.uniform(0.6, 1.4))
        for lent in sorted(_at_desk(rng, day) for _ in range(count)):
            if lent > latest_lend:
                continue
            attempts += 1
            known = bisect.bisect_right(reader_since, lent)
            if not known:
                continue
            person = None
            active: list[_DeskLoan] = []
            for _ in range(8):
                candidate = rng.choices(reader_ids[:known], cum_weights=reader_cum[:known])[0]
                active = [
                    loan
                    for loan in out.get(candidate, [])
                    if loan.returned_at is None or loan.returned_at > lent
                ]
                out[candidate] = active
                if len(active) < 3 and all(loan.due_on >= day for loan in active):
                    person = candidate
                    break
            if person is None:
                continue
            held_titles = {title_of[loan.copy] for loan in active}
            copy_id = None
            title = None
            for _ in range(8):
                title = rng.choices(lendable, cum_weights=title_cum)[0]
                if title.acquired > lent or title.id in held_titles:
                    continue
                free = [
                    c
                    for c in desk_copies[title.id]
                    if busy_until.get(c, datetime.min) < lent - timedelta(hours=1)
                ]
                if free:
                    copy_id = rng.choice(free)
                    break
            if copy_id is None or title is None:
                continue
            magazine = title.book.item_type == "magazine"
            loan_days = MAGAZINE_LOAN_DAYS if magazine else LOAN_DAYS
            due = day + timedelta(days=loan_days)
            renewals = 0
            renewed_at: datetime | None = None
            returned: datetime | None = None
            roll = rng.random()
            made += 1
            never_share = 0.0
            if day in still_ahead:
                expected = rate * still_ahead[day] * made / attempts
                never_share = (never_wanted - never) / max(1.0, expected)
            if rng.random() < never_share:
                never += 1
                back = None
            elif roll < 0.03 and not magazine:
                renew_day = day + timedelta(days=rng.randint(loan_days - 8, loan_days - 2))
                while renew_day.weekday() >= 5:
                    renew_day -= timedelta(days=1)
                renew_at = _at_desk(rng, renew_day, after=lent)
                if renew_at <= latest_lend:
                    renewals, renewed_at = 1, renew_at
                    due += timedelta(days=loan_days)
                back = day + timedelta(days=rng.randint(loan_days + 1, 2 * loan_days - 2))
            elif roll < 0.065:
                back = due + timedelta(days=rng.randint(1, 25))
            else:
                back = day + timedelta(days=rng.randint(3, loan_days - 2))
            if back is not None:
                returned = _at_desk(rng, _next_open_day(back), after=lent)
                if returned > latest_lend:
                    returned = None
            loan = _DeskLoan(
                id=next_id + len(loans),
                copy=copy_id,
                person=person,
                staff=rng.choices(lenders, lender_weights)[0],
                lent_at=lent,
                due_on=due,
                returned_at=returned,
                returned_staff=rng.choices(lenders, lender_weights)[0] if returned else None,
                renewals=renewals,
                renewed_at=renewed_at,
            )
            loans.append(loan)
            active.append(loan)
            busy_until[copy_id] = returned or datetime.max
    return loans


def _add_holds(
    rng: random.Random,
    titles: list[_TitleRow],
    loans: list[_DeskLoan],
    moment: datetime,
    staff_id: int,
    audit_rows: list[dict[str, Any]],
    latest: dict[int, datetime],
    excluded: set[int],
) -> None:
    """A few people waiting for a title whose every copy is out, and one copy set aside."""
    open_by_copy = {loan.copy: loan for loan in loans if loan.returned_at is None}
    readers = sorted({loan.person for loan in loans})
    if not readers:
        return
    rows: list[dict[str, Any]] = []
    wanted = sorted(
        (
            t
            for t in titles
            if t.book.item_type == "book"
            and [c for c in t.copies if c not in excluded]
            and all(c in open_by_copy for c in t.copies if c not in excluded)
        ),
        key=lambda t: (-t.popularity, t.id),
    )
    for title in wanted[: rng.randint(4, 6)]:
        out = [open_by_copy[c] for c in title.copies if c not in excluded]
        since = max(loan.renewed_at or loan.lent_at for loan in out)
        busy = {loan.person for loan in out}
        queue = rng.sample([p for p in readers if p not in busy], min(rng.choice((1, 1, 2)), 2))
        for person in queue:
            placed = since + (moment - since) * rng.uniform(0.2, 0.95)
            rows.append(
                {
                    "title": title.id,
                    "person": person,
                    "placed_at": placed,
                    "state": "waiting",
                    "copy": None,
                    "ready_at": None,
                    "closed_at": None,
                }
            )
    # One of the copies brought back last, set aside for the one who reserved it.
    last_of_copy: dict[int, _DeskLoan] = {}
    for loan in loans:
        last_of_copy[loan.copy] = loan
    title_of = {c: t for t in titles for c in t.copies}
    recent = sorted(
        (
            loan
            for loan in last_of_copy.values()
            if loan.returned_at is not None
            and loan.renewals == 0
            and loan.copy not in excluded
            and title_of[loan.copy].book.item_type == "book"
        ),
        key=lambda loan: (loan.returned_at, loan.id),
        reverse=True,
    )[:5]
    if recent:
        loan = rng.choice(recent)
        assert loan.returned_at is not None
        # Someone who may take it when they come: nothing overdue, room under the loan limit.
        holding: dict[int, int] = {}
        late = set()
        for other in open_by_copy.values():
            holding[other.person] = holding.get(other.person, 0) + 1
            if other.due_on < moment.date():
                late.add(other.person)
        able = [p for p in readers if p != loan.person and p not in late and holding.get(p, 0) < 2]
        person = rng.choice(able or [p for p in readers if p != loan.person])
        rows.append(
            {
                "title": title_of[loan.copy].id,
                "person": person,
                "placed_at": loan.lent_at
                + (loan.returned_at - loan.lent_at) * rng.uniform(0.3, 0.9),
                "state": "ready",
                "copy": loan.copy,
                "ready_at": loan.returned_at,
                "closed_at": None,
            }
        )
        Copy.update(status="on_hold_shelf").where(Copy.id == loan.copy).execute()
    rows.sort(key=lambda r: r["placed_at"])
    next_id = (Hold.select(peewee.fn.MAX(Hold.id)).scalar() or 0) + 1
    for hold_id, row in enumerate(rows, start=next_id):
        row["id"] = hold_id
        audit_rows.append(
            _library_audit(
                row["placed_at"],
                staff_id,
                "create",
                "hold",
                hold_id,
                {"title": row["title"], "person": row["person"]},
            )
        )
        latest[row["person"]] = max(latest.get(row["person"], row["placed_at"]), row["placed_at"])
    _insert(Hold, rows)


def _plan_boxes(rng: random.Random, on: date) -> list[dict[str, Any]]:
    """Four boxes: three out at office buildings (the first overdue), one packed at the station;
    each has been out before at another workplace."""
    buildings = list(
        Organization.select()
        .where(Organization.kind == "office_building")
        .order_by(Organization.id)
    )
    others = list(
        Organization.select()
        .where(Organization.kind.in_(("community", "company", "public_institution")))
        .order_by(Organization.id)
    )
    if len(buildings) < 3 or not others:
        return []
    sites = rng.sample(buildings, 3)
    before = [*rng.sample(others, 3), rng.choice(buildings)]

    def start(days_ago: int) -> date:
        return _next_open_day(on - timedelta(days=days_ago))

    # (days ago handed over, days lent) now; then the earlier loan, returned.
    plans = [
        ((100, 90), (230, 90), 20),
        ((45, 90), (190, 90), 21),
        ((20, 60), None, 19),
        (None, (150, 90), 15),
    ]
    result = []
    for index, (current, past, size) in enumerate(plans):
        loans = []
        if past is not None:
            begin = start(past[0])
            loans.append(
                {
                    "org": before[index],
                    "starts_on": begin,
                    "due_on": begin + timedelta(days=past[1]),
                    "returned": True,
                }
            )
        if current is not None:
            begin = start(current[0])
            loans.append(
                {
                    "org": sites[index],
                    "starts_on": begin,
                    "due_on": begin + timedelta(days=current[1]),
                    "returned": False,
                }
            )
        result.append(
            {
                "barcode": f"LDSW{index + 1:04d}",
                "name": f"流动书屋{index + 1}号箱",
                "size": size,
                "loans": loans,
                "first_start": loans[0]["starts_on"],
                "damaged": index == 3,  # a book came back from its last trip with a torn cover
            }
        )
    return result


def _add_boxes(
    rng: random.Random,
    plans: list[dict[str, Any]],
    box_copies: list[list[int]],
    copy_info: dict[int, tuple[str, str, str]],
    moment: datetime,
    staff_id: int,
    audit_rows: list[dict[str, Any]],
) -> None:
    """Insert the boxes, their loans with manifests and reconciliations, and put their copies
    in them (status in_box), the way services/library_boxes.py would have left them."""
    next_box = (Box.select(peewee.fn.MAX(Box.id)).scalar() or 0) + 1
    next_loan = (BoxLoan.select(peewee.fn.MAX(BoxLoan.id)).scalar() or 0) + 1
    loan_rows: list[dict[str, Any]] = []
    for box_id, (plan, ids) in enumerate(zip(plans, box_copies, strict=True), start=next_box):
        created = _office_hours(
            rng, datetime.combine(plan["first_start"], dt_time()) - timedelta(days=6)
        )
        Box.insert(
            id=box_id,
            barcode=plan["barcode"],
            name=plan["name"],
            state="lent" if any(not loan["returned"] for loan in plan["loans"]) else "at_station",
            created_at=created,
        ).execute()
        audit_rows.append(
            _library_audit(
                created,
                staff_id,
                "create",
                "box",
                box_id,
                {"barcode": plan["barcode"], "name": plan["name"]},
            )
        )
        packed = created + timedelta(hours=1)
        audit_rows.append(
            _library_audit(
                packed, staff_id, "pack", "box", box_id, {"copies": [copy_info[c][0] for c in ids]}
            )
        )
        inside = list(ids)
        seen = packed
        damaged: int | None = None
        for loan in plan["loans"]:
            org: Organization = loan["org"]
            handed = _at_desk(rng, loan["starts_on"])
            manifest = list(inside)
            row: dict[str, Any] = {
                "id": next_loan,
                "box": box_id,
                "organization": org.id,
                "contact_name": org.contact_name,
                "contact_phone": org.contact_phone,
                "starts_on": loan["starts_on"],
                "due_on": loan["due_on"],
                "returned_at": None,
                "staff": staff_id,
                "manifest": json.dumps(manifest),
                "reconciliation": "",
            }
            audit_rows.append(
                _library_audit(
                    handed,
                    staff_id,
                    "lend",
                    "box_loan",
                    next_loan,
                    {
                        "box": plan["barcode"],
                        "organization": org.id,
                        "copies": len(manifest),
                        "due_on": loan["due_on"],
                    },
                )
            )
            seen = handed
            if loan["returned"]:
                back_day = _next_open_day(loan["due_on"] - timedelta(days=rng.randint(0, 6)))
                back = min(_at_desk(rng, back_day), moment - timedelta(hours=1))
                broken = []
                if plan["damaged"]:
                    damaged = rng.choice(manifest)
                    broken = [damaged]
                    inside.remove(damaged)
                title, location = copy_info[damaged][1:] if damaged else ("", "")
                row["returned_at"] = back
                row["reconciliation"] = json.dumps(
                    {
                        "missing": [],
                        "extra": [],
                        "damaged": [
                            {
                                "barcode": copy_info[c][0],
                                "title": title,
                                "location": location,
                                "status": "damaged",
                            }
                            for c in broken
                        ],
                        "returned": len(manifest) - len(broken),
                    },
                    ensure_ascii=False,
                )
                audit_rows.append(
                    _library_audit(
                        back,
                        staff_id,
                        "return",
                        "box_loan",
                        next_loan,
                        {
                            "box": plan["barcode"],
                            "returned": len(manifest) - len(broken),
                            "missing": [],
                            "damaged": [copy_info[c][0] for c in broken],
                            "extra": [],
                        },
                    )
                )
                seen = back
            loan_rows.append(row)
            next_loan += 1
        Copy.update(status="in_box", box=box_id, last_seen_at=seen).where(
            Copy.id.in_(inside)
        ).execute()
        if damaged is not None:
            Copy.update(status="damaged", box=box_id, last_seen_at=seen).where(
                Copy.id == damaged
            ).execute()
    _insert(BoxLoan, loan_rows)


# --- union events (活动报名) ---------------------------------------------------------------------

EVENT_HISTORY_DAYS = 730  # two years of events
EVENT_HORIZON_DAYS = 45  # and the calendar of the next six weeks
GAP_WEEK_BACK = 3  # this many weeks ago the station ran no small event
CANCEL_SHARE = 0.05  # registrations cancelled before the event
FLAKY_SHARE = 0.2  # people who often fail to turn up
EVENT_PEOPLE = 300  # the number of people on file the demand of the events is meant for
OPEN_DAYS_AFTER_EVENT = 2  # the sign-in sheets of the last two days are not entered yet

EVENT_SERIES: dict[str, int | None] = {
    "女职工维权讲座系列": 3,
    "羽毛球比赛": None,
    "乒乓球比赛": None,
    "保龄球比赛": None,
    "掼蛋/扑克比赛": None,
    "趣味运动会": None,
    "青年职工拓展培训": None,
    "“8分钟主题交友”联谊会": None,
    "插花比赛": None,
    "三八节女职工T台秀": None,
    "送温暖": None,
    "送清凉": None,
    "读书分享会": None,
}

ACTIVITY_ROOM = "服务站活动室"
CULTURE_CENTRE = "建国门街道文化活动中心"
DONGDAN = "东单体育中心"
YOUTH_LAKE = "青年湖公园"
MIXER_AGES = (22, 40)
YOUTH_AGES = (18, 35)


@dataclass(frozen=True)
class _Kind:
    """A kind of event the station runs: its title, where, how many places, when and for whom."""

    title: str
    venues: tuple[str, ...]
    capacity: tuple[int, int]
    start: dt_time
    hours: float
    series: str | None = None
    size: str = "small"
    weekend: bool = False
    women_only: bool = False
    members_only: bool = False
    ages: tuple[int, int] | None = None
    balanced: bool = False
    popularity: tuple[float, float] = (0.45, 0.85)  # share of the places asked for; >1: waitlist
    attendance: float = 0.87
    minimum: bool = False  # held only with enough participants, decided a week before
    divisions: bool = False  # men's and women's divisions of equal size
    description: str = ""
    topics: tuple[str, ...] = ()


EVENT_KINDS: dict[str, _Kind] = {
    # 月有大活动: a big event every month
    "gala": _Kind(
        "{year}年职工新春联欢会",
        (CULTURE_CENTRE,),
        (150, 200),
        dt_time(18, 30),
        2.5,
        size="big",
        popularity=(0.2, 0.3),
        description="职工自编自演文艺节目，现场抽奖。节目报名请联系服务站。",
    ),
    "warmth": _Kind(
        "{year}年春节送温暖慰问品发放",
        (ACTIVITY_ROOM,),
        (150, 200),
        dt_time(9, 0),
        8,
        series="送温暖",
        size="big",
        members_only=True,
        popularity=(0.2, 0.3),
        attendance=0.95,
        description="为工会会员发放春节慰问品，每人限领一份；请携带身份证或京卡到服务站领取。",
    ),
    "lantern": _Kind(
        "元宵节职工游园猜灯谜",
        (CULTURE_CENTRE,),
        (100, 150),
        dt_time(18, 30),
        2.5,
        size="big",
        popularity=(0.2, 0.3),
        description="猜灯谜、套圈、包元宵，猜中有奖。",
    ),
    "tshow": _Kind(
        "三八节女职工T台秀",
        (CULTURE_CENTRE,),
        (30, 40),
        dt_time(14, 0),
        3,
        series="三八节女职工T台秀",
        size="big",
        women_only=True,
        popularity=(0.7, 1.0),
        description="女职工走秀展示职业风采，服装由各单位自备；活动后为女职工送上鲜花。",
    ),
    "badminton": _Kind(
        "{year}年职工羽毛球比赛",
        (DONGDAN,),
        (48, 64),
        dt_time(9, 0),
        6,
        series="羽毛球比赛",
        size="big",
        weekend=True,
        popularity=(0.5, 0.8),
        minimum=True,
        divisions=True,
        description="设男子单打、女子单打两个组别，小组循环后淘汰；球拍自备，用球由服务站提供。",
    ),
    "mixer_big": _Kind(
        "“8分钟主题交友”联谊会·{year}“520”专场",
        (YOUTH_LAKE,),
        (30, 40),
        dt_time(14, 0),
        3,
        series="“8分钟主题交友”联谊会",
        size="big",
        weekend=True,
        ages=MIXER_AGES,
        balanced=True,
        popularity=(0.9, 1.2),
        description="面向辖区单身青年职工，男女各半；每轮8分钟主题交流，工作人员全程陪同。",
    ),
    "pingpong": _Kind(
        "{year}年职工乒乓球比赛",
        (DONGDAN,),
        (32, 48),
        dt_time(9, 0),
        6,
        series="乒乓球比赛",
        size="big",
        weekend=True,
        popularity=(0.6, 0.95),
        minimum=True,
        divisions=True,
        description="设男子单打、女子单打；比赛用球由服务站提供。",
    ),
    "cooling": _Kind(
        "{year}年夏季送清凉（{topic}）",
        (ACTIVITY_ROOM,),
        (150, 200),
        dt_time(9, 0),
        7,
        series="送清凉",
        size="big",
        popularity=(0.15, 0.25),
        attendance=0.95,
        description="为一线和户外劳动者发放防暑降温用品（绿豆、茶叶、藿香正气水等）。",
    ),
    "outward_big": _Kind(
        "{year}年青年职工素质拓展训练营",
        (YOUTH_LAKE,),
        (40, 60),
        dt_time(8, 30),
        8,
        series="青年职工拓展培训",
        size="big",
        weekend=True,
        ages=YOUTH_AGES,
        popularity=(0.7, 1.0),
        minimum=True,
        description="团队破冰、信任背摔、高空断桥、团队竞技；请穿运动服和运动鞋。",
    ),
    "sports_day": _Kind(
        "{year}年职工趣味运动会",
        (YOUTH_LAKE, "地坛体育馆"),
        (150, 200),
        dt_time(9, 0),
        5,
        series="趣味运动会",
        size="big",
        weekend=True,
        popularity=(0.15, 0.25),
        description="拔河、跳大绳、毛毛虫竞速、定点投篮，以单位组队，也可个人报名后现场编队。",
    ),
    "bowling": _Kind(
        "{year}年职工保龄球比赛",
        ("体育馆路保龄球馆",),
        (40, 48),
        dt_time(9, 30),
        4,
        series="保龄球比赛",
        size="big",
        weekend=True,
        popularity=(0.9, 1.2),
        minimum=True,
        description="每人三局，按总分排名；球鞋由球馆提供。",
    ),
    "guandan_big": _Kind(
        "{year}年度职工掼蛋大赛",
        (CULTURE_CENTRE,),
        (48, 64),
        dt_time(9, 0),
        6,
        series="掼蛋/扑克比赛",
        size="big",
        weekend=True,
        popularity=(0.5, 0.7),
        minimum=True,
        description="两人一组报名，也可个人报名由服务站配对；瑞士移位赛制。",
    ),
    # 周有小活动: a small one every week
    "lecture": _Kind(
        "女职工维权讲座：{topic}",
        (ACTIVITY_ROOM,),
        (30, 40),
        dt_time(14, 0),
        1.5,
        series="女职工维权讲座系列",
        women_only=True,
        popularity=(0.4, 0.65),
        description="女职工权益保护系列讲堂，由区总工会法律服务律师主讲，现场答疑。",
        topics=(
            "《女职工劳动保护特别规定》解读",
            "孕期、产期、哺乳期的权益",
            "生育津贴与产假",
            "职场性骚扰的防范与应对",
            "女职工特殊疾病互助保障",
            "女职工权益保护专项集体合同",
            "反家庭暴力法与妇女权益",
            "婚姻家庭中的财产权益",
        ),
    ),
    "reading": _Kind(
        "读书分享会：《{topic}》",
        ("服务站职工书屋",),
        (15, 20),
        dt_time(18, 30),
        1.5,
        series="读书分享会",
        popularity=(0.45, 0.8),
        description="职工流动书屋读书分享，书可在职工书屋借阅。",
        topics=(
            "平凡的世界",
            "人世间",
            "活着",
            "红岩",
            "乡土中国",
            "骆驼祥子",
            "围城",
            "苏东坡传",
            "三体",
            "钢铁是怎样炼成的",
            "额尔古纳河右岸",
            "长安的荔枝",
        ),
    ),
    "flowers": _Kind(
        "职工插花比赛",
        (ACTIVITY_ROOM,),
        (20, 30),
        dt_time(14, 0),
        2.5,
        series="插花比赛",
        popularity=(0.8, 1.25),
        description="花材与花器由服务站统一准备，花艺老师现场点评。",
    ),
    "guandan": _Kind(
        "{topic}",
        (ACTIVITY_ROOM,),
        (24, 32),
        dt_time(18, 30),
        2.5,
        series="掼蛋/扑克比赛",
        popularity=(0.6, 1.0),
        description="两人一组报名，也可个人报名由服务站配对。",
        topics=("职工掼蛋比赛", "职工扑克牌（升级）比赛"),
    ),
    "mixer": _Kind(
        "“8分钟主题交友”联谊会",
        (CULTURE_CENTRE, ACTIVITY_ROOM),
        (20, 24),
        dt_time(14, 0),
        3,
        series="“8分钟主题交友”联谊会",
        weekend=True,
        ages=MIXER_AGES,
        balanced=True,
        popularity=(0.8, 1.2),
        description="面向辖区单身青年职工，男女各半；每轮8分钟主题交流。",
    ),
    "outward": _Kind(
        "青年职工拓展培训：{topic}",
        (YOUTH_LAKE,),
        (30, 40),
        dt_time(9, 0),
        4,
        series="青年职工拓展培训",
        weekend=True,
        ages=YOUTH_AGES,
        popularity=(0.5, 0.9),
        description="青年素质拓展，请穿运动服和运动鞋。",
        topics=("团队协作", "沟通与信任", "定向越野", "压力管理"),
    ),
    "law": _Kind(
        "劳动法律知识讲座：{topic}",
        (ACTIVITY_ROOM,),
        (30, 40),
        dt_time(14, 0),
        1.5,
        popularity=(0.3, 0.55),
        description="区总工会法律服务律师主讲，讲座后可预约一对一法律咨询。",
        topics=(
            "劳动合同的订立与解除",
            "工伤认定与工伤保险待遇",
            "加班费与工资支付",
            "社会保险与住房公积金",
            "劳动争议调解与仲裁流程",
            "灵活就业人员的权益保障",
        ),
    ),
    "relax": _Kind(
        "职工心理减压沙龙：{topic}",
        ("服务站职工心理减压室",),
        (10, 12),
        dt_time(18, 30),
        1.5,
        popularity=(0.9, 1.4),
        description="心理咨询师带领的小组沙龙，名额有限。",
        topics=("情绪管理", "职场压力与睡眠", "亲子沟通", "正念放松"),
    ),
    "health": _Kind(
        "职工健康讲座：{topic}",
        (ACTIVITY_ROOM,),
        (30, 50),
        dt_time(14, 0),
        1.5,
        popularity=(0.3, 0.5),
        description="社区卫生服务中心医生主讲，现场免费测量血压。",
        topics=("颈椎腰椎保健", "高血压的防治", "职场人的合理膳食", "心脑血管保健", "眼健康"),
    ),
    "walk": _Kind(
        "明城墙遗址公园职工健步走",
        ("明城墙遗址公园",),
        (60, 100),
        dt_time(9, 0),
        2,
        weekend=True,
        popularity=(0.2, 0.35),
        description="崇文门集合，沿明城墙遗址公园健步走约5公里。",
    ),
    "movie": _Kind(
        "职工观影：《{topic}》",
        ("大华电影院",),
        (60, 100),
        dt_time(18, 30),
        2.5,
        popularity=(0.15, 0.3),
        description="凭报名名单入场。",
        topics=("长津湖", "流浪地球2", "我和我的祖国", "热辣滚烫", "第二十条", "志愿军"),
    ),
    "jingka": _Kind(
        "京卡·互助服务卡政策宣讲",
        ("国瑞大厦", "华润大厦", "中粮广场", "恒基中心"),
        (30, 50),
        dt_time(12, 0),
        1.5,
        popularity=(0.2, 0.4),
        description="午休时间在楼宇大堂宣讲京卡优惠和职工互助保障，现场办理。",
    ),
    "cooling_small": _Kind(
        "送清凉进楼宇：{topic}",
        ("国瑞大厦", "华润大厦", "中粮广场", "恒基中心", "东方广场"),
        (50, 80),
        dt_time(11, 30),
        2,
        series="送清凉",
        popularity=(0.2, 0.35),
        attendance=0.95,
        description="为楼宇保洁、保安和外卖快递小哥送防暑降温用品。",
    ),
    "duty": _Kind(
        "新春慰问坚守岗位职工",
        (ACTIVITY_ROOM,),
        (20, 30),
        dt_time(10, 0),
        2,
        popularity=(0.3, 0.5),
        attendance=0.95,
        description="春节假期走访慰问坚守岗位的一线职工。",
    ),
}
# The small events of an ordinary week, by weight; months when a kind is not held.
SMALL_WEIGHTS: dict[str, float] = {
    "law": 3,
    "relax": 3,
    "health": 3,
    "walk": 2,
    "movie": 2,
    "jingka": 2,
    "guandan": 2,
    "flowers": 1.5,
    "mixer": 1.5,
    "outward": 1.5,
}
NOT_IN_MONTHS: dict[str, tuple[int, ...]] = {
    "walk": (1, 2, 7, 8, 12),
    "outward": (1, 2, 3, 11, 12),
    "flowers": (1, 2, 6, 7, 8, 12),
}
LECTURE_EVERY_WEEKS = 8
READING_EVERY_WEEKS = 4
SECOND_SMALL_SHARE = 0.1
REGISTRATION_CANCEL_REASONS = (
    "单位临时加班，无法参加",
    "家中有事",
    "身体不适",
    "单位安排出差",
    "时间冲突",
    "",
)
EVENT_CANCEL_REASON = "{venue}临时不能使用，活动取消；已电话通知全部报名职工，下次活动优先报名。"


@dataclass
class _EventPlan:
    kind: str
    day: date
    topic: str | None = None
    showcase: str = ""  # cancelled, full, mixer, minimum, reserved


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return day + timedelta(weeks=n - 1)


def _working_day_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _holiday(day: date) -> bool:
    """Spring Festival, May Day and National Day: the station runs no ordinary event."""
    festival = SPRING_FESTIVAL.get(day.year)
    if festival is not None and -1 <= (day - festival).days <= 6:
        return True
    return (day.month == 5 and day.day <= 5) or (day.month == 10 and day.day <= 7)


def _big_events(year: int) -> list[_EventPlan]:
    """The station's yearly calendar of big events (月有大活动)."""
    plans = [
        _EventPlan("gala", _nth_weekday(year, 1, 4, 2)),
        _EventPlan("tshow", _working_day_before(date(year, 3, 8))),
        _EventPlan("badminton", _nth_weekday(year, 4, 5, 2)),
        _EventPlan("mixer_big", _nth_weekday(year, 5, 5, 3)),
        _EventPlan("pingpong", _nth_weekday(year, 6, 5, 2)),
        _EventPlan("cooling", _nth_weekday(year, 7, 1, 2), topic="第一批"),
        _EventPlan("cooling", _nth_weekday(year, 8, 1, 1), topic="第二批·户外劳动者"),
        _EventPlan("outward_big", _nth_weekday(year, 9, 5, 3)),
        _EventPlan("sports_day", _nth_weekday(year, 10, 5, 3)),
        _EventPlan("bowling", _nth_weekday(year, 11, 5, 2)),
        _EventPlan("guandan_big", _nth_weekday(year, 12, 5, 2)),
    ]
    festival = SPRING_FESTIVAL.get(year)
    if festival is not None:
        # Gifts in the week before the festival; the lantern riddles on 元宵 (the 15th day).
        plans.append(_EventPlan("warmth", _working_day_before(festival - timedelta(days=9))))
        plans.append(_EventPlan("lantern", festival + timedelta(days=14)))
    return plans


def _weekly_kinds(rng: random.Random, monday: date, week: int, last: list[str]) -> list[str]:
    """This week's small events; not the same kind as last week's."""
    month = (monday + timedelta(days=3)).month
    usual = {
        kind: weight
        for kind, weight in SMALL_WEIGHTS.items()
        if month not in NOT_IN_MONTHS.get(kind, ()) and kind not in last
    }

    def draw(exclude: str = "") -> str:
        options = [k for k in usual if k != exclude]
        return rng.choices(options, [usual[k] for k in options])[0]

    if week % LECTURE_EVERY_WEEKS == 0:
        first = "lecture"
    elif week % READING_EVERY_WEEKS == 2:
        first = "reading"
    elif (
        monday.month in (7, 8)
        and (monday + timedelta(days=4)).month in (7, 8)
        and rng.random() < 0.5
    ):
        first = "cooling_small"  # the whole working week in July or August
    else:
        first = draw()
    kinds = [first]
    if rng.random() < SECOND_SMALL_SHARE:
        kinds.append(draw(first))
    return kinds


def _small_day(rng: random.Random, kind: _Kind, monday: date) -> date | None:
    order = [5, 6] if kind.weekend else [*rng.sample([1, 2, 3], 3), 0, 4]
    for weekday in order:
        day = monday + timedelta(days=weekday)
        if not _holiday(day):
            return day
    return None


def _plan_events(rng: random.Random, on: date) -> list[_EventPlan]:
    """Two years of events and the next six weeks: a big one every month, a small one every
    week, except one recent month whose big event was called off and one recent week left
    empty (so the calendar's coverage warnings have something to show), and the showcases."""
    first = on - timedelta(days=EVENT_HISTORY_DAYS)
    last = on + timedelta(days=EVENT_HORIZON_DAYS)
    plans = [
        plan
        for year in range(first.year, last.year + 1)
        for plan in _big_events(year)
        if first <= plan.day <= last
    ]
    # The month without a big event: the latest of two to five months back with a single,
    # ordinary big event (not gifts, not the 8 March show); that event was cancelled.
    for back in range(2, 6):
        year, month = _months_back(on, back)
        in_month = [p for p in plans if (p.day.year, p.day.month) == (year, month)]
        if len(in_month) == 1 and in_month[0].kind not in ("warmth", "cooling", "tshow"):
            in_month[0].showcase = "cancelled"
            break
    this_monday = on - timedelta(days=on.weekday())
    gap_week = this_monday - timedelta(weeks=GAP_WEEK_BACK)
    monday = first - timedelta(days=first.weekday())
    week = 0
    kinds: list[str] = []
    while monday <= last:
        if monday != gap_week:
            kinds = _weekly_kinds(rng, monday, week, kinds)
            for name in kinds:
                day = _small_day(rng, EVENT_KINDS[name], monday)
                if day is None:  # a whole week of holiday: visits to those on duty, or a walk
                    festival = SPRING_FESTIVAL.get(monday.year)
                    at_festival = festival is not None and abs((monday - festival).days) <= 7
                    name = "duty" if at_festival else "walk"
                    day = monday + timedelta(days=2 if at_festival else 5)
                plans.append(_EventPlan(name, day))
        monday += timedelta(weeks=1)
        week += 1
    # Upcoming: a full flower-arranging contest with a waitlist and an offer open, a mixer with
    # both halves full and people waiting, youth training below its minimum on its decision
    # day; the first big event at least ten days ahead keeps places for one workplace.
    next_monday = this_monday + timedelta(weeks=1)
    plans.append(_EventPlan("flowers", next_monday + timedelta(days=3), showcase="full"))
    plans.append(_EventPlan("mixer", next_monday + timedelta(days=12), showcase="mixer"))
    saturday = this_monday + timedelta(days=5)
    if (saturday - on).days < 3:
        saturday += timedelta(weeks=1)
    plans.append(_EventPlan("outward", saturday, topic="定向越野", showcase="minimum"))
    ahead = sorted(
        (p for p in plans if p.day >= on + timedelta(days=10) and not p.showcase),
        key=lambda p: (EVENT_KINDS[p.kind].size != "big", p.day),
    )
    if ahead:
        ahead[0].showcase = "reserved"
    return sorted(plans, key=lambda p: (p.day, EVENT_KINDS[p.kind].start))


EVENT_PROGRESS_EVERY = 10  # events between two progress reports (a few seconds)


def populate_events(
    admin: Staff, *, rng: random.Random, progress: Callable[[int, int], None] | None = None
) -> int:
    """Two years of union events with registrations, waitlists, attendance and no-shows.

    Everything goes through services/events.py (eligibility, quotas, the waitlist and its
    promotions are the service's own decisions); each call is then moved back to when it
    happened, like the mediation cases. The service refuses registration for an event that is
    over, so an event in the past is created with its end and registration window open and
    gets its real times once its registrations are done. Call it inside the caller's
    transaction, after the people have been back-dated. Returns the number of events.
    ``progress(done, events)`` hears every few events: this is most of the demo's build.
    """
    runner = _EventRunner(admin, rng)
    plans = _plan_events(rng, runner.limit.date())
    runner.create_series(plans)
    for index, plan in enumerate(plans):
        if progress is not None and index % EVENT_PROGRESS_EVERY == 0:
            progress(index, len(plans))
        runner.run(plan)
    runner.backdate()
    return len(plans)


def _update_many(model: type[peewee.Model], fields: tuple[peewee.Field, ...], rows: list) -> None:
    """UPDATE ``fields`` of many rows at once; each row is the fields' values, then the id
    (thousands of rows: far quicker than bulk_update's CASE expressions). SQLite and
    PostgreSQL both quote names in double quotes."""
    database = model._meta.database
    param = database.param
    names = ", ".join(f'"{f.column_name}" = {param}' for f in fields)
    key = model._meta.primary_key.column_name
    sql = f'UPDATE "{model._meta.table_name}" SET {names} WHERE "{key}" = {param}'
    values = [
        [f.db_value(v) for f, v in zip(fields, row[:-1], strict=True)] + [row[-1]] for row in rows
    ]
    database.cursor().executemany(sql, values)


class _EventRunner:
    def __init__(self, admin: Staff, rng: random.Random) -> None:
        self.rng = rng
        self.wall = now()  # everything the services stamp from here on is moved back
        self.limit = (self.wall - timedelta(minutes=5)).replace(microsecond=0)
        staff = {s.username: s for s in Staff.select()}
        self.organiser = staff.get("organiser", admin)
        self.desk = staff.get("frontdesk", admin)
        self.last_audit = AuditEntry.select(peewee.fn.MAX(AuditEntry.id)).scalar() or 0
        self.people = list(Person.select().where(Person.active).order_by(Person.id))
        self.activity_before = {p.id: p.last_activity_at for p in self.people}
        # A few regulars come to almost everything, most now and then, some hardly ever.
        self.keenness = {
            p.id: rng.choices((6.0, 1.0, 0.25), (0.2, 0.5, 0.3))[0] for p in self.people
        }
        self.flaky = {p.id for p in self.people if rng.random() < FLAKY_SHARE}
        # The people on file are some of the workers who come: a smaller demo, fewer of them.
        self.scale = min(1.0, len(self.people) / EVENT_PEOPLE)
        self.calls: list[tuple[datetime, datetime, datetime]] = []  # real span, moved to
        self.starts: list[datetime] = []
        self.series: dict[str, int] = {}
        self.topics: dict[str, list[str]] = {}
        self.workplace = self._busiest_workplace()

    def _busiest_workplace(self) -> int | None:
        counts = Counter(p.workplace_id for p in self.people if p.workplace_id is not None)
        return counts.most_common(1)[0][0] if counts else None

    # time

    def _call(self, at: datetime, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call a service as if at ``at``: the span of real time it ran in is noted, and
        whatever it stamped inside that span is moved to ``at`` by :meth:`backdate`."""
        before = now()
        try:
            return service(*args, **kwargs)
        finally:
            self.calls.append((before, now(), at))

    def _moved(self, stamped: datetime | None, shift: timedelta = timedelta()) -> datetime | None:
        """When what the services stamped ``stamped`` (less ``shift``) really happened."""
        if stamped is None or stamped < self.wall:
            return stamped
        index = bisect.bisect_right(self.starts, stamped - shift) - 1
        before, after, at = self.calls[index]
        if not before <= stamped - shift <= after:
            raise RuntimeError(f"demo events: no service call stamped {stamped}")
        return at + shift

    def backdate(self) -> None:
        """Move every registration time and audit entry the services stamped to the time of
        the call that wrote it, then put back the people's last activity."""
        self.starts = [before for before, _, _ in self.calls]
        reg = Registration
        fields = (reg.created_at, reg.waitlisted_at, reg.confirmed_at, reg.checked_in_at)
        fields += (reg.closed_at, reg.offered_until)
        rows = []
        for *stamps, offered, hours, reg_id in (
            reg.select(*fields, Event.offer_hours, reg.id).join(Event).tuples()
        ):
            moved = [self._moved(t) for t in stamps]
            moved.append(self._moved(offered, timedelta(hours=hours)))
            rows.append((*moved, reg_id))
        _update_many(reg, fields, rows)
        audits = AuditEntry.select(AuditEntry.at, AuditEntry.id).where(
            AuditEntry.id > self.last_audit
        )
        _update_many(
            AuditEntry, (AuditEntry.at,), [(self._moved(t), i) for t, i in audits.tuples()]
        )
        self.fix_last_activity()

    def _when(self, start: datetime, end: datetime, *, early: float = 1.6) -> datetime:
        """A moment between ``start`` and ``end`` while the desk is open (people register at
        the desk or by phone), earlier rather than later."""
        for _ in range(6):
            t = start + (end - start) * (self.rng.random() ** early)
            if t.weekday() < 5:
                at = _at_desk(self.rng, t.date())
                if start <= at <= end:
                    return at
        return (start + (end - start) * self.rng.random()).replace(microsecond=0)

    def _topic(self, name: str) -> str:
        """The kind's topics in turn, shuffled, so the same lecture does not come twice running."""
        queue = self.topics.setdefault(name, [])
        if not queue:
            queue.extend(self.rng.sample(EVENT_KINDS[name].topics, len(EVENT_KINDS[name].topics)))
        return queue.pop()

    # series

    def create_series(self, plans: list[_EventPlan]) -> None:
        first = min(p.day for p in plans)
        at = _office_hours(self.rng, datetime.combine(first, dt_time()) - timedelta(days=60))
        for name, limit in EVENT_SERIES.items():
            series = self._call(
                at, events.save_series, self.organiser, name=name, max_per_person=limit
            )
            EventSeries.update(created_at=at).where(EventSeries.id == series.id).execute()
            self.series[name] = series.id
            at += timedelta(minutes=self.rng.randint(2, 8))

    # events

    def run(self, plan: _EventPlan) -> None:
        kind = EVENT_KINDS[plan.kind]
        rng = self.rng
        starts = datetime.combine(plan.day, kind.start)
        ends = starts + timedelta(hours=kind.hours)
        lead = rng.randint(21, 35) if kind.size == "big" else rng.randint(10, 21)
        opens = _at_desk(rng, _next_open_day(plan.day - timedelta(days=lead)))
        closes = datetime.combine(
            _working_day_before(plan.day - timedelta(days=1)), dt_time(17, 30)
        )
        if plan.showcase in ("full", "mixer", "minimum", "reserved"):
            opens = min(
                opens, self._when(self.limit - timedelta(days=12), self.limit - timedelta(days=8))
            )
        created = min(
            _at_desk(rng, _working_day_before(opens.date() - timedelta(days=rng.randint(2, 7)))),
            self.limit - timedelta(days=rng.randint(1, 3)),
        )
        topic = plan.topic or (self._topic(plan.kind) if kind.topics else "")
        if plan.kind == "cooling_small":
            topic = rng.choice(kind.venues)
        title = kind.title.format(year=plan.day.year, topic=topic)
        venue = topic if plan.kind == "cooling_small" else rng.choice(kind.venues)
        low, high = kind.capacity
        capacity = rng.randint(low, high)
        if kind.balanced or kind.divisions:
            capacity -= capacity % 2
        elif capacity >= 40:
            capacity -= capacity % 5
        upcoming = starts > self.limit
        pool = self._candidates(kind, plan.day, closes)
        share = rng.uniform(*kind.popularity)
        if plan.showcase == "mixer":
            capacity, wanted = self._mixer_places(pool)
        else:
            wanted = round(capacity * share * self.scale)
        if plan.showcase == "full":
            capacity = 20
            wanted = capacity + 7
        elif plan.showcase == "minimum":
            wanted = min(8, len(pool))
        data = events.EventInput(
            title=title,
            starts_at=starts,
            # Registration for a past event is taken while its end is still ahead.
            ends_at=max(ends, self.wall + timedelta(days=1)),
            capacity=capacity,
            size=kind.size,
            series_id=self.series[kind.series] if kind.series else None,
            venue=venue,
            description=kind.description,
            mode="offer" if plan.showcase == "full" else "auto",
            offer_hours=48 if plan.showcase == "full" else 24,
            women_only=kind.women_only,
            members_only=kind.members_only,
            min_age=kind.ages[0] if kind.ages else None,
            max_age=kind.ages[1] if kind.ages else None,
            balanced=kind.balanced,
        )
        decision = plan.day - timedelta(days=7)
        if plan.showcase == "minimum":
            data.capacity = 40
            data.min_participants = 20
            data.decision_on = self.limit.date()
        elif kind.minimum and (not upcoming or decision > self.limit.date()):
            expected = min(wanted, len(pool))
            data.min_participants = max(2, min(capacity, int(expected * 0.4)))
            data.decision_on = decision
        if kind.divisions:
            half = capacity // 2
            data.quotas = [
                events.QuotaInput("男子组", half, gender="M"),
                events.QuotaInput("女子组", half, gender="F"),
            ]
        if plan.showcase == "reserved" and self.workplace is not None:
            org = Organization.get_by_id(self.workplace)
            release = max(plan.day - timedelta(days=7), self.limit.date() + timedelta(days=3))
            data.quotas.append(
                events.QuotaInput(
                    f"{org.name}预留",
                    min(12, capacity // 3),
                    workplace_id=org.id,
                    reserved=True,
                    release_on=min(release, plan.day),
                )
            )
        event = self._call(created, events.create_event, self.organiser, data)
        updated = created

        cancel_at = None
        if plan.showcase == "cancelled":
            cancel_at = _at_desk(rng, _working_day_before(plan.day - timedelta(days=3)))
        last_desk = min(closes, self.limit, cancel_at or closes)
        if opens < last_desk:
            if upcoming and plan.showcase not in ("full", "mixer"):
                # Registration is still going on: fewer so far.
                wanted = round(wanted * min(1.0, (last_desk - opens) / (closes - opens)) ** 0.5)
            self._register(event, kind, plan, pool, wanted, opens, last_desk)
        if cancel_at is not None:
            reason = EVENT_CANCEL_REASON.format(venue=venue)
            self._call(cancel_at, events.cancel_event, self.organiser, event.id, reason=reason)
            updated = cancel_at
        elif ends < self.limit - timedelta(days=OPEN_DAYS_AFTER_EVENT):
            updated = self._attendance(event, kind, ends) or updated
        Event.update(
            opens_at=opens,
            closes_at=closes,
            ends_at=ends,
            created_at=created,
            updated_at=updated,
        ).where(Event.id == event.id).execute()

    def _candidates(self, kind: _Kind, day: date, closes: datetime) -> list[Person]:
        """Who may come (the service's own eligibility rules), keenest first, by chance."""
        probe = Event(
            starts_at=datetime.combine(day, kind.start),
            women_only=kind.women_only,
            members_only=kind.members_only,
            min_age=kind.ages[0] if kind.ages else None,
            max_age=kind.ages[1] if kind.ages else None,
            balanced=kind.balanced,
        )
        rng = self.rng
        pool = [
            p
            for p in self.people
            if p.created_at < closes and events.eligibility_problem(probe, p) is None
        ]
        return sorted(pool, key=lambda p: rng.random() ** (1 / self.keenness[p.id]), reverse=True)

    def _mixer_places(self, pool: list[Person]) -> tuple[int, int]:
        """Capacity of the upcoming mixer: both halves full with people left waiting."""
        fewest = min(sum(p.gender == g for p in pool) for g in "MF")
        half = max(5, min(15, fewest - 3))
        return 2 * half, len(pool)

    def _register(
        self,
        event: Event,
        kind: _Kind,
        plan: _EventPlan,
        pool: list[Person],
        wanted: int,
        opens: datetime,
        last_desk: datetime,
    ) -> None:
        rng = self.rng
        if plan.showcase == "mixer":
            half = event.capacity // 2
            extra = {g: rng.randint(2, 4) for g in "MF"}
            seen: Counter[str] = Counter()
            chosen = []
            for person in pool:
                if seen[person.gender] < half + extra[person.gender]:
                    seen[person.gender] += 1
                    chosen.append(person)
            pool, wanted = chosen, len(chosen)
        wanted = min(wanted, len(pool))
        actions = [(self._when(opens, last_desk), "register") for _ in range(wanted)]
        cancels = sum(rng.random() < CANCEL_SHARE for _ in range(wanted))
        if plan.showcase in ("full", "mixer"):
            cancels = max(cancels, 1)
        for _ in range(cancels):
            actions.append((self._when(opens, last_desk, early=0.7), "cancel"))
        actions.sort()
        if plan.showcase in ("full", "mixer"):
            # The latest change: someone gave up a place yesterday or today.
            late = self._when(self.limit - timedelta(days=1), self.limit)
            actions = [*(a for a in actions if a[1] == "register"), (late, "cancel")]
            actions.sort()
        waiting = list(pool)
        for at, action in actions:
            actor = self.desk if rng.random() < 0.6 else self.organiser
            if action == "cancel":
                self._cancel_one(event, plan, at, actor)
                continue
            while waiting:
                person = next((p for p in waiting if p.created_at < at), None)
                if person is None:
                    break
                waiting.remove(person)
                try:
                    self._call(
                        at, events.register, actor, event.id, person.id, waitlist_if_full=True
                    )
                except (events.NotEligible, events.EventFull):
                    continue  # refused at the desk (a series limit): nothing written
                break

    def _cancel_one(self, event: Event, plan: _EventPlan, at: datetime, actor: Staff) -> None:
        held = Registration.select(Registration.id, Registration.person).where(
            Registration.event == event.id, Registration.state == "confirmed"
        )
        if plan.showcase == "mixer":
            held = held.join(Person).where(Person.gender == "F")  # the next woman moves up
        ids = [r.id for r in held.order_by(Registration.id)]
        if not ids:
            return
        reason = self.rng.choice(REGISTRATION_CANCEL_REASONS)
        self._call(at, events.cancel_registration, actor, self.rng.choice(ids), reason=reason)

    def _attendance(self, event: Event, kind: _Kind, ends: datetime) -> datetime | None:
        """The paper sign-in sheet entered after the event, then the event closed: those not
        on the sheet become no-shows. Returns when it was closed (None: not yet)."""
        rng = self.rng
        day = ends.date()
        if day.weekday() < 5 and ends.time() <= dt_time(16, 30):
            marked = ends + timedelta(minutes=rng.randint(20, 50))
        else:
            marked = _at_desk(rng, _next_open_day(day + timedelta(days=1)))
        marked = marked.replace(microsecond=0)
        closed = marked + timedelta(minutes=rng.randint(3, 15))
        if closed > self.limit:
            return None
        rows = list(
            Registration.select(Registration, Person)
            .join(Person)
            .where(Registration.event == event.id, Registration.state.in_(["confirmed", "offered"]))
        )
        present = []
        for row in rows:
            chance = kind.attendance * (0.7 if row.person_id in self.flaky else 1.04)
            if rng.random() < min(0.99, chance):
                present.append(row.person)
        clerk = self.desk if rng.random() < 0.5 else self.organiser
        sheet = self._call(
            marked, events.mark_attendance, clerk, event.id, [p.name for p in present]
        )
        for person in present:
            if person.name in sheet.ambiguous:  # two of the same name: checked in one by one
                self._call(marked, events.check_in, clerk, event.id, person.id)
        self._call(closed, events.close_event, self.organiser, event.id)
        return closed

    def fix_last_activity(self) -> None:
        """Registering stamps the person's last activity "now": put it back to their latest
        registration, or what it was."""
        latest: dict[int, datetime] = {}
        for person_id, created in Registration.select(
            Registration.person, Registration.created_at
        ).tuples():
            if person_id not in latest or created > latest[person_id]:
                latest[person_id] = created
        persons = list(Person.select(Person.id).where(Person.last_activity_at >= self.wall))
        for person in persons:
            before = self.activity_before.get(person.id)
            candidates = [t for t in (before, latest.get(person.id)) if t is not None]
            person.last_activity_at = max(candidates) if candidates else self.limit
        Person.bulk_update(persons, fields=[Person.last_activity_at], batch_size=200)
