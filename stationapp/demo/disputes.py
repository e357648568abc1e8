"""The demo's labour disputes: who brings which claim against whom, in the words of a file."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stationapp.models.accounts import (
    Staff,
)
from stationapp.models.people import Organization
from stationapp.services import mediation

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


def _claim(kind: str, amount: float, description: str) -> mediation.ClaimInput:
    """A claim of ``amount`` yuan, rounded to the hundred within the demo's bounds."""
    return mediation.ClaimInput(kind, str(_clamp_claim(amount)), description)


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
            _claim("damages", rng.uniform(4000, 12000), "赔偿未缴纳失业保险造成的失业保险金损失")
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
            _claim(
                "work_injury",
                rng.uniform(10000, 80000),
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
        claims.append(_claim("contract", wage * months, "支付未签订书面劳动合同的二倍工资差额"))
        stance = "公司曾多次要求签订劳动合同，是申请人本人拒绝签字，不同意支付二倍工资。"
        what = "二倍工资差额"
        matters = "未签订劳动合同二倍工资"
        if rng.random() < 0.4:
            ended = received - timedelta(days=rng.randint(5, 40))
    # A second claim now and then: overtime with unpaid wages or a dismissal.
    if category in ("wages", "dismissal") and rng.random() < 0.12:
        claims.append(_claim("overtime", rng.uniform(2000, 12000), "支付延时加班费"))
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
