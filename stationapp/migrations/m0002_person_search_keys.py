"""Version 2: the indexed search keys that make the register searchable as one types.

Existing people get their keys computed here, in batches, so an upgraded register is searchable
at once, with the keys of the frozen copy in ``frozen_keys.py``.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import base_model

BATCH = 500


def apply(db: peewee.Database) -> None:
    from stationapp.migrations.frozen_keys import person_search_keys

    Base = base_model(db)

    class Person(Base):
        name = peewee.CharField()
        phone = peewee.CharField()
        id_number = peewee.CharField()
        member_card = peewee.CharField()

    class PersonSearchKey(Base):
        person = peewee.ForeignKeyField(Person, on_delete="CASCADE")
        key = peewee.CharField(max_length=64)
        kind = peewee.CharField(max_length=12)

        class Meta:
            indexes = ((("key", "person"), True),)

    db.create_tables([PersonSearchKey])
    last_id = 0
    while True:
        people = list(Person.select().where(Person.id > last_id).order_by(Person.id).limit(BATCH))
        if not people:
            break
        rows = []
        for person in people:
            keys = person_search_keys(
                name=person.name,
                phone=person.phone,
                id_number=person.id_number,
                member_card=person.member_card,
            )
            rows.extend({"person": person.id, "key": k, "kind": kind} for k, kind in keys.items())
        if rows:
            PersonSearchKey.insert_many(rows).execute()
        last_id = people[-1].id
