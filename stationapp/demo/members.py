"""The demo station's membership history and 京卡 cards (issue 25): every member joined on a day
of the last six years (a few transferred in), a few people left or transferred out, the cards
of those with a number issued some weeks after joining (a few lost and replaced), and a queue of
applications waiting for their card. Bulk-inserted, drawn from the caller's random generator."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from stdnum import luhn

from stationapp.db import now
from stationapp.demo.common import _insert, _update_many
from stationapp.models.accounts import Staff
from stationapp.models.members import MemberCard, MembershipEvent
from stationapp.models.people import Person
from stationapp.services.members import card_materials

HISTORY_DAYS = 6 * 365
UNIONS = (
    "朝阳区建外街道工会",
    "海淀区中关村科技园区工会",
    "东城区金融工会联合会",
    "西城区某商场工会",
)
LEAVING = ("离职离京", "退休", "本人申请退会")


def populate_members(admin: Staff, *, rng: random.Random) -> int:
    """The history and the cards; returns the card records made. Call it inside the caller's
    transaction, after the people."""
    moment = now()
    day = moment.date()
    rows = list(
        Person.select(Person.id, Person.is_member, Person.member_card).order_by(Person.id).tuples()
    )
    materials = "\n".join(card_materials())
    events, cards, joined = [], [], []
    cardless: list[int] = []

    def event(person_id: int, kind: str, on, **extra) -> None:
        recorded = datetime.combine(on, time(10, 0)) if on else moment
        events.append(
            {
                "person": person_id,
                "kind": kind,
                "on": on,
                "union_name": extra.get("union_name", ""),
                "reason": extra.get("reason", ""),
                "staff": admin.id,
                "recorded_at": recorded,
            }
        )

    def card(person_id: int, state: str, number: str, applied, issued, **extra) -> None:
        cards.append(
            {
                "person": person_id,
                "state": state,
                "number": number,
                "applied_on": applied,
                "materials": materials if applied else "",
                "issued_on": issued,
                "lost_on": extra.get("lost_on"),
                "ended_on": extra.get("ended_on"),
                "reason": extra.get("reason", ""),
                "staff": admin.id,
                "created_at": moment,
                "updated_at": moment,
            }
        )

    for index, (person_id, is_member, number) in enumerate(rows):
        if not is_member:
            if index % 12 == 5:  # a former member
                start = day - timedelta(days=rng.randrange(400, HISTORY_DAYS))
                event(person_id, "joined", start)
                end = start + timedelta(days=rng.randrange(60, (day - start).days))
                if rng.random() < 0.5:
                    event(person_id, "transferred_out", end, union_name=rng.choice(UNIONS))
                else:
                    event(person_id, "left", end, reason=rng.choice(LEAVING))
            continue
        start = day - timedelta(days=int(HISTORY_DAYS * rng.random() ** 1.5))
        if rng.random() < 0.06:
            event(person_id, "transferred_in", start, union_name=rng.choice(UNIONS))
        else:
            event(person_id, "joined", start)
        joined.append((start, person_id))
        applied = start + timedelta(days=rng.randrange(0, 30))
        if number:
            issued = min(day, applied + timedelta(days=rng.randrange(7, 40)))
            applied = applied if applied <= issued else None
            if index % 10 == 3 and (day - issued).days > 60:  # lost and replaced
                lost = issued + timedelta(days=rng.randrange(30, (day - issued).days))
                old = _number(rng)
                card(person_id, "replaced", old, applied, issued, lost_on=lost, ended_on=lost)
                card(person_id, "issued", number, None, min(day, lost + timedelta(days=7)))
            else:
                card(person_id, "issued", number, applied, issued)
        else:
            cardless.append(person_id)
            if len(cardless) % 3 == 1:  # applied in the last weeks, waiting for the card
                waiting_since = max(start, day - timedelta(days=rng.randrange(1, 45)))
                card(person_id, "applied", "", waiting_since, None)
    _insert(MembershipEvent, events)
    _insert(MemberCard, cards)
    _link_replacements()
    _update_many(Person, (Person.joined_on,), joined)
    return len(cards)


def _number(rng: random.Random) -> str:
    body = "621" + "".join(rng.choice("0123456789") for _ in range(15))
    return body + luhn.calc_check_digit(body)


def _link_replacements() -> None:
    """Each replacement card points at the card it replaced (known once both are inserted)."""
    old = dict(
        MemberCard.select(MemberCard.person, MemberCard.id)
        .where(MemberCard.state == "replaced")
        .tuples()
    )
    new = (
        MemberCard.select(MemberCard.id, MemberCard.person)
        .where(MemberCard.state == "issued", MemberCard.person.in_(list(old)))
        .tuples()
    )
    _update_many(MemberCard, (MemberCard.replaces,), [(old[p], i) for i, p in new])
