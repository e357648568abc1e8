"""Version 10: one spelling of the dot in names (issue #21). People saved with another dot than
U+00B7 (买买提•艾力, 买买提・艾力, 买买提 . 艾力) get the one the service now stores, with their
display pinyin and search keys computed again as the service computes them, so duplicate checks
and searches see one name. People the old spellings made into two records stay two: merging them
is for the desk to decide.

Frozen copies of the columns it touches, as in m0002; the spelling, the pinyin and the keys
from the frozen copies in ``frozen_keys.py`` (the services' as they were at version 14, when
they were what the running program compared with), so a later change to a service cannot change
what this step writes.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import base_model

BATCH = 500
# Names that may hold a dot to respell: any of the middle dots, or a "." (between Chinese
# characters); normalize_name decides, this only keeps the rest of the register out of the loop.
MAYBE_DOTTED = (
    *("\u00b7", "\u0387", "\u2022", "\u2027", "\u2219", "\u22c5", "\u30fb", "\uff65"),
    *(".", "\uff0e"),
)


def apply(db: peewee.Database) -> None:
    from stationapp.migrations.frozen_keys import (
        display_pinyin,
        normalize_name,
        person_search_keys,
    )

    Base = base_model(db)

    class Person(Base):
        name = peewee.CharField(max_length=50)
        pinyin = peewee.CharField(max_length=200)
        phone = peewee.CharField()
        id_number = peewee.CharField()
        member_card = peewee.CharField()

    class PersonSearchKey(Base):
        person = peewee.ForeignKeyField(Person, on_delete="CASCADE")
        key = peewee.CharField(max_length=64)
        kind = peewee.CharField(max_length=12)

    dotted = Person.name.contains(MAYBE_DOTTED[0])
    for mark in MAYBE_DOTTED[1:]:
        dotted |= Person.name.contains(mark)
    last_id = 0
    while True:
        people = list(
            Person.select().where(Person.id > last_id, dotted).order_by(Person.id).limit(BATCH)
        )
        if not people:
            break
        for person in people:
            name = normalize_name(person.name)
            if name == person.name:
                continue
            Person.update(name=name, pinyin=display_pinyin(name)).where(
                Person.id == person.id
            ).execute()
            keys = person_search_keys(
                name=name,
                phone=person.phone,
                id_number=person.id_number,
                member_card=person.member_card,
            )
            PersonSearchKey.delete().where(PersonSearchKey.person == person.id).execute()
            if keys:
                PersonSearchKey.insert_many(
                    [{"person": person.id, "key": k, "kind": kind} for k, kind in keys.items()]
                ).execute()
        last_id = people[-1].id
