"""Membership as a history and the 京卡 card's life (issue #25): the two tables, the partial
unique indexes (one live card a person, a card number on one card), and the history made from
the register as it stands: every member gets a "joined" entry dated with ``joined_on`` (or of
unknown date), every card number an issued card.

Frozen copies of the tables, as in m0001.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models

BATCH = 500


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Organization, Visit = frozen_models(db, "staff", "organization", "visit")

    class Person(Base):
        is_member = peewee.BooleanField()
        member_card = peewee.CharField()
        joined_on = peewee.DateField(null=True)
        created_at = peewee.DateTimeField()

        class Meta:
            table_name = "person"

    class MembershipEvent(Base):
        person = peewee.ForeignKeyField(Person, backref="+", on_delete="RESTRICT")
        kind = peewee.CharField(max_length=20)
        on = peewee.DateField(null=True)
        organization = peewee.ForeignKeyField(
            Organization, null=True, backref="+", on_delete="RESTRICT"
        )
        union_name = peewee.CharField(max_length=100, default="")
        reason = peewee.CharField(max_length=200, default="")
        staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
        recorded_at = peewee.DateTimeField(default=now, index=True)

        class Meta:
            indexes = ((("person", "recorded_at"), False), (("kind", "on"), False))

    class MemberCard(Base):
        person = peewee.ForeignKeyField(Person, backref="+", on_delete="RESTRICT")
        state = peewee.CharField(max_length=20)
        number = peewee.CharField(max_length=19, default="")
        applied_on = peewee.DateField(null=True)
        materials = peewee.TextField(default="")
        visit = peewee.ForeignKeyField(Visit, null=True, backref="+", on_delete="RESTRICT")
        issued_on = peewee.DateField(null=True, index=True)
        lost_on = peewee.DateField(null=True)
        ended_on = peewee.DateField(null=True)
        replaces = peewee.ForeignKeyField("self", null=True, backref="+", on_delete="RESTRICT")
        reason = peewee.CharField(max_length=200, default="")
        staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)
        updated_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("state", "applied_on"), False), (("person", "state"), False))

    db.create_tables([MembershipEvent, MemberCard])
    # The backstops of rule 3: one live card a person, one card a number.
    db.execute_sql(
        "CREATE UNIQUE INDEX member_card_one_live ON member_card (person_id) "
        "WHERE state IN ('applied', 'issued', 'lost')"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX member_card_number ON member_card (number) WHERE number <> ''"
    )

    moment = now()
    members = Person.select(
        Person.id, Person.is_member, Person.joined_on, Person.created_at, Person.member_card
    ).where((Person.is_member == True) | (Person.member_card != ""))  # noqa: E712
    events: list[dict] = []
    cards: list[dict] = []
    seen: set[str] = set()
    for person in members.iterator():
        number = person.member_card or ""
        if number and number not in seen:
            seen.add(number)
            cards.append(
                {
                    "person": person.id,
                    "state": "issued",
                    "number": number,
                    "created_at": moment,
                    "updated_at": moment,
                }
            )
        if not person.is_member:
            continue
        # An entry of unknown date counts as recorded when the person was registered, so the
        # report does not see every member joining on the day of the upgrade.
        events.append(
            {
                "person": person.id,
                "kind": "joined",
                "on": person.joined_on,
                "recorded_at": person.created_at or moment,
            }
        )
    for start in range(0, len(events), BATCH):
        MembershipEvent.insert_many(events[start : start + BATCH]).execute()
    for start in range(0, len(cards), BATCH):
        MemberCard.insert_many(cards[start : start + BATCH]).execute()
