"""Realistic demo data: a Dongcheng street station with three years of workers and workplaces,
two years of front-desk visits and a year of labour-dispute mediation cases.

Staff, workplaces, people and outreach sessions go through the services (validated and audited like
real input); only the timestamps are moved into the past afterwards, because the services stamp
every record "now". The visits, thousands of them, are written with bulk inserts of rows built the
way the visit service builds them (material names from the catalogue, one audit entry per visit).
The mediation cases go step by step through the mediation service, and each step is moved back
to its date afterwards.
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
from datetime import time as dt_time
from functools import partial
from typing import Any

import peewee
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
from stationapp.services import accounts, mediation, people, visits

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
        case_count = populate_cases(admin, rng=rng)
    log.info(
        "demo database filled: %d workplaces, %d people, %d visits, %d cases in %.1f s",
        len(orgs),
        people,
        visit_count,
        case_count,
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
