"""Version 22 (m0023; the lead renumbers at merge): the person search keys' index on the person
becomes one on the person and the key, on both databases.

A search of two common words ("程 2", the surname and a phone digit) walks the keys of the word
with the fewest and checks, person by person, that the other word has a key too. On the person
alone the index leads to every key row of that person (a dozen) to compare each key; on the
person and the key the check is answered from the index (PostgreSQL: an index-only scan, 4,550
against 6,167 buffers for 1,515 people on the large benchmark database). Every lookup by person
(a person's keys rewritten on save, the cascade on erasure) uses the new index as it did the old
one, so there is still one index to keep up to date per key row.
"""

from __future__ import annotations

import peewee

OLD_INDEX = "person_search_key_person_id"
NEW_INDEX = "person_search_key_person_key"


def apply(db: peewee.Database) -> None:
    db.execute_sql(f'CREATE INDEX "{NEW_INDEX}" ON "person_search_key" ("person_id", "key")')
    db.execute_sql(f'DROP INDEX IF EXISTS "{OLD_INDEX}"')
