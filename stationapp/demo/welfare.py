"""The demo station's welfare rounds (issue 25): last summer's and this summer's 送清凉 for
frontline workplaces and the hardship files, 送温暖 before each Spring Festival of the last year
(and the coming one once its season has begun), and a 生日送祝福 round for each of the last three
months. Past deliveries are recorded; a round still running is part delivered. Rows are
bulk-inserted, drawn from the caller's random generator; the past ends at the start of today."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person
from stationapp.models.welfare import WelfareRecipient, WelfareRound
from stationapp.services.welfare.recipients import born_in_month
from stationapp.services.welfare.season import WARMTH_DAYS, spring_festival

BATCH = 500
# The workplaces whose members a cooling round reaches: couriers, riders, cleaners, guards
# work outdoors (the register records no trade, so the round chooses their workplaces).
COOLING_WORKPLACES = 4
WARMTH_MEMBERS = 40
# Who collected a gift for someone else, and how they are related.
COLLECTORS = (("王丽", "配偶"), ("李强", "子女"), ("刘洋", "同事"), ("陈静", "配偶"))


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _plans(on: date) -> list[dict[str, object]]:
    """The rounds, each with its name, kind, dates and what each recipient gets."""
    plans: list[dict[str, object]] = []
    for year in (on.year - 1, on.year):
        if date(year, 7, 1) < on:
            plans.append(
                dict(
                    name=f"{year}年暑期送清凉",
                    kind="cooling",
                    starts_on=date(year, 7, 1),
                    ends_on=date(year, 8, 31),
                    items="防暑降温包（绿豆、菊花茶、毛巾、藿香正气水）",
                    item_value=Decimal("60.00"),
                    amount=Decimal("0.00"),
                )
            )
    for year in (on.year - 1, on.year, on.year + 1):
        festival = spring_festival(year)
        start = festival - timedelta(days=WARMTH_DAYS)
        if start < on and festival > on - timedelta(days=400):
            plans.append(
                dict(
                    name=f"{festival.year}年春节送温暖",
                    kind="warmth",
                    starts_on=start,
                    ends_on=festival,
                    items="米、面、油",
                    item_value=Decimal("150.00"),
                    amount=Decimal("500.00"),
                )
            )
    first = on.replace(day=1)
    for back in (2, 1, 0):
        month = first
        for _ in range(back):
            month = (month - timedelta(days=1)).replace(day=1)
        plans.append(
            dict(
                name=f"{month.year}年{month.month}月会员生日送祝福",
                kind="birthday",
                starts_on=month,
                ends_on=_month_end(month),
                items="生日蛋糕券",
                item_value=Decimal("100.00"),
                amount=Decimal("0.00"),
            )
        )
    return plans


def _chosen(rng: random.Random, plan: dict[str, object], orgs: list[int]) -> list[tuple[int, str]]:
    """(person, source) of a round's recipients, each person once."""
    members = Person.select(Person.id).where(
        Person.active == True,  # noqa: E712
        Person.is_member == True,  # noqa: E712
    )
    hardship = [
        (p, "hardship")
        for (p,) in Person.select(Person.id)
        .where(Person.active == True, Person.hardship_category != "")  # noqa: E712
        .order_by(Person.id)
        .tuples()
    ]
    kind = plan["kind"]
    if kind == "birthday":
        month = plan["starts_on"].month  # type: ignore[union-attr]
        found = members.where(Person.birth_date.is_null(False), born_in_month(month))
        return [(p, "birthday") for (p,) in found.order_by(Person.id).tuples()]
    if kind == "cooling":
        places = rng.sample(orgs, min(COOLING_WORKPLACES, len(orgs)))
        found = members.where(Person.workplace.in_(places)).order_by(Person.id).tuples()
        picked = [(p, "workplace") for (p,) in found]
    else:
        ids = [p for (p,) in members.order_by(Person.id).tuples()]
        picked = [(p, "hand") for p in sorted(rng.sample(ids, min(WARMTH_MEMBERS, len(ids))))]
    on_file = {p for p, _s in hardship}
    return hardship + [(p, s) for p, s in picked if p not in on_file]


def populate_welfare(admin: Staff, *, rng: random.Random) -> int:
    """The rounds and their recipients; returns the recipients. Call it inside the caller's
    transaction, after the people, the workplaces and the hardship files."""
    on = today()
    desk = Staff.get_or_none(Staff.username == "frontdesk") or admin
    orgs = [o for (o,) in Organization.select(Organization.id).order_by(Organization.id).tuples()]
    births = dict(
        Person.select(Person.id, Person.birth_date).where(Person.birth_date.is_null(False)).tuples()
    )
    rows: list[dict[str, object]] = []
    for plan in _plans(on):
        chosen = _chosen(rng, plan, orgs)
        share = plan["item_value"] + plan["amount"]  # type: ignore[operator]
        # A tenth to spare, in whole hundreds of yuan.
        budget = (share * max(len(chosen), 1) * Decimal("0.011")).to_integral_value(
            ROUND_CEILING
        ) * 100
        created = datetime.combine(plan["starts_on"] - timedelta(days=7), time(9, 30))  # type: ignore[operator]
        r = WelfareRound.create(
            budget=budget, notes="", created_by=admin, created_at=created, **plan
        )
        for person, source in chosen:
            rows.append(_recipient(rng, r, person, source, births.get(person), on, desk, created))
    for offset in range(0, len(rows), BATCH):
        WelfareRecipient.insert_many(rows[offset : offset + BATCH]).execute()
    return len(rows)


def _recipient(
    rng: random.Random,
    r: WelfareRound,
    person: int,
    source: str,
    birth: date | None,
    on: date,
    desk: Staff,
    created: datetime,
) -> dict[str, object]:
    row: dict[str, object] = {
        "round": r.id,
        "person": person,
        "source": source,
        "added_by": desk.id,
        "added_at": created + timedelta(hours=1),
        "delivered_at": None,
        "delivered_by": None,
        "collected_by": "",
        "collected_relation": "",
    }
    last = min(r.ends_on, on - timedelta(days=1))
    if r.kind == "birthday" and birth is not None:
        day = r.starts_on.replace(day=min(birth.day, r.ends_on.day))
        if day <= last and rng.random() < 0.85:
            row["delivered_at"] = datetime.combine(day, time(10, rng.randrange(60)))
            row["delivered_by"] = desk.id
        return row
    if last < r.starts_on:
        return row
    finished = r.ends_on < on
    if rng.random() < (0.95 if finished else 0.4):
        span = (last - r.starts_on).days
        day = r.starts_on + timedelta(days=rng.randint(0, max(span, 0)))
        row["delivered_at"] = datetime.combine(day, time(rng.randint(9, 16), rng.randrange(60)))
        row["delivered_by"] = desk.id
        if rng.random() < 0.12:
            row["collected_by"], row["collected_relation"] = rng.choice(COLLECTORS)
    return row
