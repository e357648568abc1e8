"""Realistic demo data: a Dongcheng street station with three years of workers and workplaces,
and two years of front-desk visits.

Staff, workplaces, people and outreach sessions go through the services (validated and audited like
real input); only the timestamps are moved into the past afterwards, because the services stamp
every record "now". The visits, thousands of them, are written with bulk inserts of rows built the
way the visit service builds them (material names from the catalogue, one audit entry per visit).
"""

from __future__ import annotations

import bisect
import json
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from stdnum import luhn
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
from stationapp.models.people import Organization, Person
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import accounts, people, visits

log = logging.getLogger(__name__)

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


def populate(*, seed: int = DEMO_SEED, people: int = 300) -> Staff:
    """Fill an empty, migrated database with the demo station and return its administrator."""
    if not accounts.is_first_run() or Person.select().exists():
        raise RuntimeError("demo data goes only into an empty database")
    started = time.perf_counter()
    rng = random.Random(seed)
    # One transaction for the lot: a half-filled demo would be worse than none.
    with transaction(lock=True):
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
        _create_people(admin, rng, orgs, count=people)
        _backdate(rng)
        visit_count = populate_visits(admin, rng=rng)
    log.info(
        "demo database filled: %d workplaces, %d people, %d visits in %.1f s",
        len(orgs),
        people,
        visit_count,
        time.perf_counter() - started,
    )
    return admin


def ensure_demo_database() -> Staff:
    """The demo administrator, filling the database first if it is still empty."""
    if accounts.is_first_run():
        return populate()
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
            "notes": rng.choice(VISIT_NOTES) if rng.random() < 0.06 else "",
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
