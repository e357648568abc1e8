"""The demo's staff, workplaces and workers, their history, and the hardship files."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

import peewee
from stdnum import luhn
from stdnum.cn import ric

from stationapp.db import now, today
from stationapp.demo.common import (
    DEMO_PASSWORD,
    DEMO_STAFF,
    HISTORY_DAYS,
    _audit_row,
    _digits,
    _history_ends,
    _insert,
    _office_hours,
    _unique,
    _update_many,
    _weighted,
)
from stationapp.models.accounts import (
    ROLES,
    AuditEntry,
    Staff,
)
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services import accounts, people
from stationapp.services.search_keys import display_pinyin


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


# --- staff --------------------------------------------------------------------------------------


def _create_staff(admin: Staff, password_hash: str | None = None) -> None:
    """The demo's accounts as accounts.create_staff writes them (with its audit entries), their
    one shared password hashed once (argon2 takes a good part of a second a hash), unless
    ``password_hash`` gives its hash already. Nobody can change a shared demo password, so
    nobody is asked to."""
    moment = now()
    if password_hash is None:
        password_hash = accounts.hash_password(DEMO_PASSWORD)
    first = (Staff.select(peewee.fn.MAX(Staff.id)).scalar() or 0) + 1
    rows, audits = [], []
    for staff_id, (username, display_name, roles) in enumerate(DEMO_STAFF, start=first):
        role_text = ",".join(r for r in ROLES if r in roles)
        rows.append(
            {
                "id": staff_id,
                "username": username,
                "display_name": display_name,
                "roles": role_text,
                "password_hash": password_hash,
                "must_change_password": False,
                "created_at": moment,
            }
        )
        details = {"username": username, "roles": role_text}
        audits.append(_audit_row(moment, admin.id, "create", "staff", staff_id, details))
    _insert(Staff, rows)
    _insert(AuditEntry, audits)


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
    drafts: list[people.PersonInput] = []
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
        drafts.append(data)
    _insert_people(admin, drafts)


def _insert_people(admin: Staff, drafts: list[people.PersonInput]) -> None:
    """Write the people as people.create_person would, in bulk: the same validation, display
    pinyin, search keys and audit entry (the demo's numbers never repeat, so there is no
    duplicate to find)."""
    moment = now()
    first = (Person.select(peewee.fn.MAX(Person.id)).scalar() or 0) + 1
    # What Person.create stores for a field it is not given.
    blank = {
        f.name: f.default() if callable(f.default) else f.default
        for f in Person._meta.sorted_fields
    }
    rows, keys, audits = [], [], []
    for person_id, data in enumerate(drafts, start=first):
        v = people.validate_person(data).values
        row = {**blank, **v}
        row |= {"id": person_id, "pinyin": display_pinyin(v["name"])}
        row |= {"created_at": moment, "updated_at": moment, "last_activity_at": moment}
        rows.append(row)
        found = people.person_search_keys(
            name=row["name"],
            phone=row["phone"],
            id_number=row["id_number"],
            member_card=row["member_card"],
        )
        keys += [{"person": person_id, "key": k, "kind": kind} for k, kind in found.items()]
        shown = {k: x.isoformat() if isinstance(x, date) else x for k, x in v.items()}
        if shown.get("id_number"):
            shown["id_number"] = people.mask_id(str(shown["id_number"]))
        audits.append(_audit_row(moment, admin.id, "create", "person", person_id, shown))
    _insert(Person, rows)
    _insert(PersonSearchKey, keys)
    _insert(AuditEntry, audits)


def _surname(rng: random.Random) -> str:
    return rng.choices(list(SURNAMES), list(SURNAMES.values()))[0]


def _given_name(rng: random.Random, gender: str) -> str:
    chars = FEMALE_CHARS if gender == "F" else MALE_CHARS
    length = 2 if rng.random() < 0.7 else 1
    return "".join(rng.sample(chars, length))


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


# --- history ------------------------------------------------------------------------------------


def _backdate(rng: random.Random) -> None:
    """Spread creation and activity over the last three years (the services stamped "now")."""
    moment = _history_ends()
    opened = _office_hours(rng, moment - timedelta(days=HISTORY_DAYS + 90))
    Staff.update(created_at=opened).execute()
    orgs = list(Organization.select(Organization.id).order_by(Organization.id))
    for org in orgs:
        org.created_at = org.updated_at = _office_hours(
            rng, opened + timedelta(days=rng.randrange(0, 90))
        )
    stamps = (Organization.created_at, Organization.updated_at)
    _update_many(Organization, stamps, [(o.created_at, o.updated_at, o.id) for o in orgs])
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
    _update_many(
        Person,
        (Person.created_at, Person.updated_at, Person.last_activity_at),
        [(p.created_at, p.updated_at, p.last_activity_at, p.id) for p in persons],
    )
    for model, entity in ((Person, "person"), (Organization, "organization")):
        created_at = model.select(model.created_at).where(model.id == AuditEntry.entity_id)
        AuditEntry.update(at=created_at).where(
            AuditEntry.entity == entity, AuditEntry.action == "create"
        ).execute()


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
