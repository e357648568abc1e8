"""The demo's two years of front-desk visits and outreach sessions."""

from __future__ import annotations

import bisect
import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import peewee

from stationapp.db import now
from stationapp.demo.common import (
    _audit_row,
    _history_ends,
    _insert,
    _keep_latest_activity,
    _office_hours,
)
from stationapp.models.accounts import (
    AuditEntry,
    Staff,
)
from stationapp.models.people import Organization, Person
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import visits
from stationapp.services.welfare.season import spring_festival

# --- visits -------------------------------------------------------------------------------------

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
    moment = _history_ends()
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

    def someone(rng: random.Random, at: datetime, share_anonymous: float) -> _Who | None:
        known = bisect.bisect_right(created, at)  # only people already on file
        if not known or rng.random() < share_anonymous:
            return None
        return who[rng.randrange(known)]

    def day_of(rng: random.Random, day: date, moment: datetime) -> None:
        for arrived in _arrivals(rng, day, moment):
            phone = rng.random() < 0.21
            channel = "phone" if phone else "walk_in"
            person = someone(rng, arrived, 0.35 if phone else 0.1)
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

    planned: list[dict[str, Any]] = []
    day = first_day
    while day < moment.date():
        day_of(rng, day, moment)
        day += timedelta(days=1)
    planned += _outreach_visits(
        rng, receivers, by_name, who, created, first_day, moment, len(planned)
    )
    # Today up to now: the whole day drawn from a source of its own, so the time of the build
    # decides how much of it has happened, and nothing else.
    day_of(random.Random(rng.random()), moment.date(), now())
    return _insert_visits(planned)


def _day_factor(day: date) -> float:
    # Around the Spring Festival holiday the desk is nearly empty.
    festival = spring_festival(day.year)
    if -3 <= (day - festival).days <= 6:
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
    next_id = (Visit.select(peewee.fn.MAX(Visit.id)).scalar() or 0) + 1
    purpose_id = VisitPurpose.select(peewee.fn.MAX(VisitPurpose.id)).scalar() or 0
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
            purpose_id += 1
            purpose_rows.append({**purpose, "id": purpose_id, "visit": visit_id})
            if purpose["completed_at"] is not None:
                audit_rows.append(
                    _audit_row(
                        purpose["completed_at"],
                        row["staff"],
                        "complete_follow_up",
                        "visit",
                        visit_id,
                        {"purpose": purpose_id},
                    )
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
    _insert(Visit, visit_rows)
    _insert(VisitPurpose, purpose_rows)
    _insert(AuditEntry, audit_rows)
    _keep_latest_activity(latest)  # at least their last visit
    return len(visit_rows)
