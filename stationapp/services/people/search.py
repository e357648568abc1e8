"""Finding people: reading one, the paged register, the search by name, number and pinyin, a
person's history."""

from __future__ import annotations

import json

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite
from stationapp.errors import NotFound
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services.accounts import has_permission, require
from stationapp.services.people.masking import (
    _refuse_save,
    mask_id_tail,
    may_see_full_id,
    people_view,
)
from stationapp.services.search_keys import normalize_search

translate = QCoreApplication.translate

SEARCH_CANDIDATES = 200
COUNT_BOUND = 20000


def get_person(actor: Staff, person_id: int) -> Person:
    require(actor, "person.read")
    person = (
        Person.select(Person, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Person.id == person_id)
        .first()
    )
    if person is None:
        raise NotFound(translate("People", "This person is no longer on file."))
    return _hide_hardship(actor, [person])[0]


def _hide_hardship(actor: Staff, found: list[Person]) -> list[Person]:
    """Blank the hardship file on records read by a role without hardship.read (the values only
    leave the service layer for roles that keep hardship files; nothing here is saved), and
    mask the ID number and birth date for roles without ``person.view_full_id``."""
    if not has_permission(actor, "hardship.read"):
        for person in found:
            person.hardship_category = ""
            person.hardship_reasons = ""
    return people_view(actor, found)


def count_people(actor: Staff, *, include_inactive: bool = False) -> int:
    require(actor, "person.read")
    query = Person.select().where(Person.merged_into.is_null())
    return (query if include_inactive else query.where(Person.active)).count()


def _not_merged_for_the_order() -> peewee.Expression:
    """The register's people not merged into another, for a page in last-activity order.

    Nearly every person matches, but SQLite's planner takes the ``merged_into`` index for it
    and then sorts the whole register for the order (166 ms for 198,005 people). A unary ``+``
    keeps that index out, so SQLite walks ``last_activity_at``'s index backwards and stops at
    the page (1.4 ms). PostgreSQL plans it well as it is."""
    if is_sqlite():
        return peewee.NodeList((peewee.SQL("+"), Person.merged_into), glue="").is_null()
    return Person.merged_into.is_null()


def list_people(
    actor: Staff, *, offset: int, limit: int, include_inactive: bool = False
) -> list[Person]:
    """One page of the register, most recently active first."""
    require(actor, "person.read")
    query = (
        Person.select(Person, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(_not_merged_for_the_order())
    )
    if not include_inactive:
        query = query.where(Person.active)
    return _hide_hardship(
        actor,
        list(
            query.order_by(Person.last_activity_at.desc(), Person.id.desc())
            .offset(offset)
            .limit(limit)
        ),
    )


def _candidates(token: str) -> dict[int, int]:
    """Person ids matching ``token``, mapped to 0 for an exact key and 1 for a key prefix."""
    key = PersonSearchKey.key
    found: dict[int, int] = {}
    for (person_id,) in (
        PersonSearchKey.select(PersonSearchKey.person)
        .where(key == token)
        .limit(SEARCH_CANDIDATES)
        .tuples()
    ):
        found.setdefault(person_id, 0)
    if len(found) < SEARCH_CANDIDATES:
        # A range over the key index: portable, and fast on both databases.
        prefixed = (
            PersonSearchKey.select(PersonSearchKey.person)
            .where(key > token, key < token + "\U0010ffff")
            .limit(SEARCH_CANDIDATES * 2)
            .tuples()
        )
        for (person_id,) in prefixed:
            found.setdefault(person_id, 1)
            if len(found) >= SEARCH_CANDIDATES:
                break
    return found


def _filter_ids(ids: list[int], token: str) -> set[int]:
    """Those of ``ids`` that also have a key equal to or starting with ``token``."""
    key = PersonSearchKey.key
    matching: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = PersonSearchKey.select(PersonSearchKey.person).where(
            PersonSearchKey.person.in_(chunk),
            _key_matches(key, token),
        )
        matching.update(person_id for (person_id,) in rows.tuples())
    return matching


def _query_tokens(text: str) -> list[str]:
    """The words of a query; digit groups typed with spaces ("138 1234 5678") are one number."""
    tokens: list[str] = []
    for word in text.split():
        token = normalize_search(word)
        if tokens and token.isdigit() and tokens[-1].isdigit():
            tokens[-1] += token
        else:
            tokens.append(token)
    return [t[:64] for t in tokens]


def search_people(
    actor: Staff, text: str, *, limit: int = 20, include_inactive: bool = False
) -> list[Person]:
    """Find people by name, pinyin, initials, phone, ID or card number, or their last 4 digits.

    Several words narrow the search ("wang 5678"). Exact key matches come first; among the
    candidates found, the most recently active come first.
    """
    require(actor, "person.read")
    tokens = list(dict.fromkeys(t for t in _query_tokens(text) if t))
    if not tokens:
        return []
    found = {token: _candidates(token) for token in tokens}
    # The word with the fewest matches leads: if its list was not cut off at the cap, it holds
    # everyone the whole query can match, and the other words only filter it.
    lead = min(tokens, key=lambda t: len(found[t]))
    rank = found[lead]
    others = [token for token in tokens if token != lead]
    if others and len(rank) >= SEARCH_CANDIDATES:
        # Every person it finds has a key for every word, and each ranks 1 (a prefix match of
        # the lead): filtering by the other words would keep them all, as they are.
        rank = _intersect_common_words(tokens)
        others = []
    for token in others:
        if not rank:
            break
        keep = _filter_ids(list(rank), token)
        rank = {pid: max(r, found[token].get(pid, 1)) for pid, r in rank.items() if pid in keep}
    if not rank:
        return []
    # Ordered and cut in the query: only the page's people are read (20, not the 200
    # candidates with their workplaces), exact key matches first, then the most recently
    # active, then by id.
    order = [Person.last_activity_at.desc(), Person.id]
    exact = [pid for pid, r in rank.items() if r == 0]
    if exact and len(exact) < len(rank):
        order.insert(0, peewee.Case(None, [(Person.id.in_(exact), 0)], 1))
    page = Person.select(Person.id).where(Person.id.in_(list(rank)), Person.merged_into.is_null())
    if not include_inactive:
        page = page.where(Person.active)
    # The workplaces joined to the page alone: joined to every candidate, PostgreSQL hashes the
    # whole organisation table first (3,040 rows, most of the query's time).
    query = (
        Person.select(Person, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Person.id.in_(page.order_by(*order).limit(limit)))
        .order_by(*order)
    )
    return _hide_hardship(actor, list(query))


def _key_matches(field: peewee.Field, token: str) -> peewee.Expression:
    """The key is ``token`` or starts with it: one range over the key index (PostgreSQL turns
    "equal or in the range" into two index scans and a bitmap, 30 against 6 ms for "2")."""
    return (field >= token) & (field < token + "\U0010ffff")


def _intersect_common_words(tokens: list[str]) -> dict[int, int]:
    """People matching every word when each word alone matches too many to take whole.

    The word with the fewest keys (the first typed of those with as few) drives one query that
    checks the other words per person (an index on person and key answers each check) and
    stops at the cap. Counting is bounded so that it stays cheap on a large register: each word
    is counted only as far as the fewest so far, since a word with as many keys cannot lead
    ("程 2": 1,515 keys for 程, then the keys of 2 up to 1,515 rather than 20,000).
    """

    def bounded_count(token: str, bound: int) -> int:
        inner = (
            PersonSearchKey.select(PersonSearchKey.id)
            .where(_key_matches(PersonSearchKey.key, token))
            .limit(bound)
        )
        return (
            peewee.Select([inner], [peewee.fn.COUNT(peewee.SQL("*"))])
            .bind(PersonSearchKey._meta.database)
            .scalar()
        )

    lead, fewest = tokens[0], bounded_count(tokens[0], COUNT_BOUND)
    for token in tokens[1:]:
        if fewest and (keys := bounded_count(token, fewest)) < fewest:
            lead, fewest = token, keys
    ordered = [lead, *(token for token in tokens if token != lead)]
    query = PersonSearchKey.select(PersonSearchKey.person).where(
        _key_matches(PersonSearchKey.key, ordered[0])
    )
    for token in ordered[1:]:
        other = PersonSearchKey.alias()
        query = query.where(
            peewee.fn.EXISTS(
                other.select(peewee.SQL("1")).where(
                    other.person == PersonSearchKey.person, _key_matches(other.key, token)
                )
            )
        )
    result: dict[int, int] = {}
    for (person_id,) in query.limit(SEARCH_CANDIDATES * 4).tuples():
        result.setdefault(person_id, 1)
        if len(result) >= SEARCH_CANDIDATES:
            break
    return result


def person_history(actor: Staff, person_id: int, *, limit: int = 50) -> list[AuditEntry]:
    """The record's own history (who created and changed it, when); who saw the whole ID
    number is for the audit trail, not for everyone who may read the record."""
    require(actor, "person.read")
    entries = list(
        AuditEntry.select(AuditEntry, Staff)
        .join(Staff, peewee.JOIN.LEFT_OUTER)
        .where(
            AuditEntry.entity == "person",
            AuditEntry.entity_id == person_id,
            AuditEntry.action != "view_full_id",
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    if not may_see_full_id(actor):
        for entry in entries:
            entry.__data__["details"] = _masked_details(entry.details)
            entry._dirty.clear()
            entry.save = _refuse_save
            entry.delete_instance = _refuse_save
    return entries


def _masked_details(details: str) -> str:
    """An audit entry's details with birth dates cut to the year and ID numbers to their last
    four, for a role without ``person.view_full_id``."""
    try:
        values = json.loads(details or "{}")
    except ValueError:
        return ""
    if not isinstance(values, dict):
        return ""

    def birth(value: object) -> object:
        return str(value)[:4] if value else value

    def number(value: object) -> object:
        return mask_id_tail(str(value)) if value else value

    for key, fn in (("birth_date", birth), ("id_number", number)):
        if key in values:
            value = values[key]
            values[key] = [fn(v) for v in value] if isinstance(value, list) else fn(value)
    return json.dumps(values, ensure_ascii=False, sort_keys=True)
