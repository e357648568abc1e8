"""The demo station's workplace union work (issue #26): five office buildings around 建国门
(made-up names), two with a building union federation (楼宇联合会); the companies given a
building, a sector, a size and their union's data (founding dates, chair, members reported, a
mediation committee); some being founded with their first founding steps done, some of 25 or
more employees without a union. Bulk-inserted, drawn from its own generator seeded from the
demo's seed, so the other areas' draws are untouched; the past ends at the start of today."""

from __future__ import annotations

import json
import random
from datetime import datetime, time, timedelta

import peewee

from stationapp.db import today
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.people import Building, Organization, Person
from stationapp.models.workplaces import FOUNDING_STEPS, FoundingStep
from stationapp.services.search_keys import phrase_search_text

# name, address, federation (""), its chair
BUILDINGS: tuple[tuple[str, str, str, str], ...] = (
    ("建安国际大厦", "东城区建国门内大街甲9号", "建安国际大厦楼宇联合会", "刘桂兰"),
    ("京华时代大厦", "东城区朝阳门北大街12号", "京华时代大厦楼宇联合会", "孙建平"),
    ("金台商务中心", "东城区建国门北大街5号", "", ""),
    ("明珠国际中心", "东城区东直门南大街9号", "", ""),
    ("长安汇金大厦", "东城区东长安街15号", "", ""),
)
SECTORS = (
    "软件和信息技术",
    "商务服务",
    "餐饮",
    "家政服务",
    "快递物流",
    "物业管理",
    "零售",
    "会计审计",
)
CHAIRS = ("张秀英", "李建军", "王海燕", "赵志刚", "陈丽华", "杨国庆", "周晓燕", "吴德明")
# Companies without a union: this many are given 25 or more employees.
LARGE_WITHOUT_UNION = 3
PREPARING = 2


def _at(day, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def populate_workplaces(admin: Staff, *, seed: int) -> int:
    """Fill the buildings and the workplaces' union data; the number of buildings."""
    rng = random.Random(f"workplaces-{seed}")
    on = today()
    organiser = Staff.get_or_none(Staff.username == "unionorganiser") or admin
    audits: list[dict[str, object]] = []
    rows = []
    for i, (name, address, federation, chair) in enumerate(BUILDINGS):
        created = on - timedelta(days=900 - 30 * i)
        rows.append(
            dict(
                name=name,
                address=address,
                federation_name=federation,
                federation_founded_on=(created + timedelta(days=200)) if federation else None,
                federation_chair=chair,
                federation_contact=f"010-6512{3400 + i:04d}" if federation else "",
                search_text=phrase_search_text(name),
                created_at=_at(created),
                updated_at=_at(created),
            )
        )
    Building.insert_many(rows).execute()
    buildings = list(Building.select().order_by(Building.id))
    for b in buildings:
        audits.append(
            dict(
                at=b.created_at,
                staff=admin,
                action="create",
                entity="building",
                entity_id=b.id,
                details=json.dumps({"name": b.name}, ensure_ascii=False),
            )
        )
    members = dict(
        Person.select(Person.workplace, peewee.fn.COUNT(Person.id))
        .where(Person.is_member, Person.workplace.is_null(False))
        .group_by(Person.workplace)
        .tuples()
    )
    companies = list(
        Organization.select().where(Organization.kind == "company").order_by(Organization.id)
    )
    without = [o for o in companies if o.union_status == "none"]
    large = {o.id for o in without[:LARGE_WITHOUT_UNION]}
    preparing = {o.id for o in without[LARGE_WITHOUT_UNION : LARGE_WITHOUT_UNION + PREPARING]}
    steps: list[dict[str, object]] = []
    for i, org in enumerate(companies):
        federated = buildings[i % 2]  # the two buildings with a federation hold most firms
        building = federated if i % 3 else buildings[2 + i % 3]
        org.building = building.id
        org.sector = SECTORS[i % len(SECTORS)]
        if org.id in large or org.id in preparing:
            org.employees = rng.randint(26, 180)
        elif org.union_status == "none":
            org.employees = rng.randint(4, 20)
        else:
            org.employees = rng.randint(15, 300)
        if org.union_status in ("own_union", "joint_union"):
            founded = on - timedelta(days=rng.randint(200, 3000))
            org.union_preparing_since = founded - timedelta(days=rng.randint(60, 150))
            org.union_founded_on = founded
            org.union_chair = CHAIRS[i % len(CHAIRS)]
            org.union_contact = f"139{rng.randint(10000000, 99999999)}"
            org.members_reported = max(members.get(org.id, 0), int(org.employees * 0.8))
            org.members_reported = min(org.members_reported, org.employees)
            if org.employees >= 50 or i % 2:
                org.mediation_committee_since = founded + timedelta(days=rng.randint(30, 180))
        elif org.id in preparing:
            since = on - timedelta(days=rng.randint(40, 120))
            org.union_status = "preparing"
            org.union_preparing_since = since
            for n, step in enumerate(FOUNDING_STEPS[: 2 + (i % 3)]):
                done = since + timedelta(days=10 * n)
                steps.append(
                    dict(
                        organization=org.id,
                        step=step,
                        done_on=done,
                        note="",
                        staff=organiser,
                        created_at=_at(done, 16),
                    )
                )
                audits.append(
                    dict(
                        at=_at(done, 16),
                        staff=organiser,
                        action="founding_step",
                        entity="organization",
                        entity_id=org.id,
                        details=json.dumps({"step": step, "done_on": done.isoformat()}),
                    )
                )
    Organization.bulk_update(
        companies,
        fields=[
            Organization.building,
            Organization.sector,
            Organization.employees,
            Organization.union_status,
            Organization.union_preparing_since,
            Organization.union_founded_on,
            Organization.union_chair,
            Organization.union_contact,
            Organization.members_reported,
            Organization.mediation_committee_since,
        ],
        batch_size=100,
    )
    if steps:
        FoundingStep.insert_many(steps).execute()
    AuditEntry.insert_many(audits).execute()
    return len(buildings)
