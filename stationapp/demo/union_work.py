"""Demo union work (issue #26): workers' congresses for the founded unions (some overdue),
collective contracts (a building federation's regional wage contract for several workplaces,
some near expiry, one renewed) and open-affairs checks. Built in bulk, deterministic for a day.

When no building has a federation yet, the demo's building 建国门国际大厦 and its federation are
created here (get-or-create by name) with three workplaces that have no building."""

from __future__ import annotations

import random
from datetime import timedelta

from stationapp.db import now, today
from stationapp.models.accounts import Staff
from stationapp.models.people import UNION_FOUNDED, Building, Organization
from stationapp.models.union_work import (
    CollectiveContract,
    CongressMeeting,
    ContractWorkplace,
    OpenAffairsCheck,
)
from stationapp.services.union_work.common import add_months

BUILDING = "建国门国际大厦"
FEDERATION = "建国门国际大厦楼宇联合会"
MATTERS = ("审议通过年度工资调整方案", "审议员工手册修订稿", "听取厂务公开情况报告", "选举职工代表")


def _building(founded: list[Organization]) -> tuple[Building, list[int]]:
    building = Building.select().where(Building.federation_name != "").order_by(Building.id).first()
    if building is None:
        building, _created = Building.get_or_create(
            name=BUILDING, defaults={"federation_name": FEDERATION, "address": "建国门内大街"}
        )
    members = [
        org_id
        for (org_id,) in Organization.select(Organization.id)
        .where(Organization.building == building.id, Organization.active)
        .order_by(Organization.id)
        .tuples()
    ]
    if len(members) < 2:
        free = [o.id for o in founded if o.building_id is None][:3]
        Organization.update(building=building.id).where(Organization.id.in_(free)).execute()
        members += free
    return building, members


def populate_union_work(admin: Staff, *, rng: random.Random) -> None:
    on = today()
    stamp = now()
    founded = list(
        Organization.select()
        .where(Organization.union_status.in_(UNION_FOUNDED), Organization.active)
        .order_by(Organization.id)
    )
    if not founded:
        return
    congresses, checks = [], []
    for index, org in enumerate(founded):
        # Every third is overdue: its last congress more than a year ago.
        back = rng.randint(400, 500) if index % 3 == 0 else rng.randint(20, 300)
        congresses.append(
            {
                "organization": org.id,
                "held_on": on - timedelta(days=back),
                "kind": "delegates" if index % 2 == 0 else "assembly",
                "delegates": rng.randint(20, 80),
                "matters": MATTERS[index % len(MATTERS)],
                "handbook_revised": index % 4 == 1,
                "station_part": "指导筹备，列席会议",
                "staff": admin.id,
                "created_at": stamp,
            }
        )
        if index % 2 == 0:
            good = index % 4 == 0
            checks.append(
                {
                    "organization": org.id,
                    "checked_on": on - timedelta(days=rng.randint(10, 200)),
                    "findings": "公开栏内容齐全" if good else "工资调整方案未公示",
                    "rating": "good" if good else "needs_improvement",
                    "follow_up": "" if good else "两周内公示，月底复查",
                    "staff": admin.id,
                    "created_at": stamp,
                }
            )
    CongressMeeting.insert_many(congresses).execute()
    OpenAffairsCheck.insert_many(checks).execute()
    building, members = _building(founded)

    def contract(org_id, building_id, starts, years, kind="wage", renews=None) -> int:
        return CollectiveContract.insert(
            kind=kind,
            organization=org_id,
            building=building_id,
            signed_on=min(starts - timedelta(days=15), on),
            registered_on=min(starts - timedelta(days=5), on),
            starts_on=starts,
            ends_on=add_months(starts, 12 * years) - timedelta(days=1),
            wage_increase=rng.choice(("4.50", "5.00", "6.00")),
            minimum_wage_clause=True,
            minimum_wage_text="不低于北京市最低工资标准",
            employees_covered=rng.randint(20, 300),
            renews=renews,
            staff=admin.id,
            created_at=stamp,
        ).execute()

    # The federation's regional wage contract, renewed: the earlier one ran out last month.
    earlier = contract(None, building.id, add_months(on, -25), 2)
    renewal = contract(None, building.id, add_months(on, -1), 2, renews=earlier)
    ContractWorkplace.insert_many(
        [{"contract": c, "organization": o} for c in (earlier, renewal) for o in members]
    ).execute()
    # Own contracts of the other founded unions: some expire within 60 days.
    others = [o.id for o in founded if o.id not in members]
    for index, org_id in enumerate(others[:6]):
        years = 2 if index % 2 == 0 else 3
        if index < 2:
            starts = add_months(on, -12 * years) + timedelta(days=20 + 15 * index)
        else:
            starts = on - timedelta(days=rng.randint(30, 300))
        contract(org_id, None, starts, years, kind="comprehensive" if index % 3 == 2 else "wage")
