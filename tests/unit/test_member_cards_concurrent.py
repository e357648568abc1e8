"""One live card a person (issue 25, rule 3): four desks record a card for the same member at
the same moment, each with its own number, on a SQLite file or PostgreSQL. Exactly one card is
recorded and is the register's number; the others are told the person has a card (never a busy
database, never an integrity error)."""

from __future__ import annotations

from pathlib import Path

from stationapp.models.accounts import FRONT_DESK, Staff
from stationapp.models.members import MemberCard
from stationapp.models.people import Person
from stationapp.services import members, people
from stationapp.services.members import MembershipInput
from stationapp.services.people import PersonInput
from tests.helpers.card_worker import issue_held_card
from tests.helpers.desks import run_desks
from tests.helpers.ids import make_ric
from tests.helpers.service_inputs import fresh_card

DESKS = 4


def test_four_desks_recording_a_card_for_one_person_make_one(
    admin: Staff, make_staff, db_url: str, tmp_path: Path
) -> None:
    person = people.create_person(admin, PersonInput(name="李娜", id_number=make_ric(seq=301)))
    members.record_membership(admin, person.id, MembershipInput("joined"))
    desks = [make_staff(f"desk{i}", FRONT_DESK) for i in range(DESKS)]
    numbers = [fresh_card() for _ in range(DESKS)]
    run = run_desks(
        tmp_path,
        DESKS,
        issue_held_card,
        db_url,
        timeout=60,
        kwargs={"person_id": person.id},
        kwargs_of=lambda index: {"username": desks[index].username, "number": numbers[index]},
    )
    run.check(DESKS, ok=("ok",))
    outcomes = sorted(report[2] for report in run.reports)
    assert outcomes == ["ValidationError"] * (DESKS - 1) + ["issued"], run.reports
    [card] = MemberCard.select().where(MemberCard.person == person.id)
    winner = next(r for r in run.reports if r[2] == "issued")
    assert card.id == winner[3] and card.number == numbers[winner[0]]
    assert Person.get_by_id(person.id).member_card == card.number
