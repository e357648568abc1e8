"""The people register: validation, duplicate detection, search keys, search and paging."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, lock_kind, now, today, transaction
from stationapp.errors import DuplicateFound, NotFound, ValidationError
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.people import (
    GENDERS,
    ORG_KINDS,
    UNION_STATUSES,
    Organization,
    Person,
    PersonSearchKey,
)
from stationapp.services import changes, history
from stationapp.services.accounts import audit, diff, has_permission, require
from stationapp.services.retirement import FEMALE_CATEGORIES
from stationapp.services.search_keys import (
    digit_keys,
    display_pinyin,
    name_keys,
    normalize_search,
    phrase_search_text,
)
from stationapp.services.spreadsheet import Cancelled, TableExport
from stationapp.services.validation import (
    ID_TYPE_CODES,
    check_id_number,
    id_type_label,
    normalize_card_number,
    normalize_phone,
    normalize_text,
    phone_digits,
    spell_name,
)
from stationapp.services.validation import normalize_name as checked_name

translate = QCoreApplication.translate
T = TypeVar("T")

SEARCH_CANDIDATES = 200
COUNT_BOUND = 20000
MIN_BIRTH_DATE = date(1900, 1, 1)


# --- names ----------------------------------------------------------------------------------------


def normalize_name(text: str) -> str:
    """A person's name as it is stored and matched: 买买提•艾力, 买买提・艾力 and 买买提 . 艾力 are
    all 买买提·艾力 (U+00B7, the 间隔号 of the ID card), whitespace tidied. Anything that compares
    a typed name with the register goes through this (or through the service calls that do)."""
    return spell_name(text)


# --- search keys ----------------------------------------------------------------------------------


def person_search_keys(
    *, name: str, phone: str, id_number: str, member_card: str
) -> dict[str, str]:
    """Every key a person is found under, mapped to its kind (first kind wins)."""
    keys: dict[str, str] = {}
    for key in sorted(name_keys(normalize_name(name))):
        keys.setdefault(key[:64], "name")
    if phone:
        digits = phone_digits(phone)
        for key in sorted(digit_keys(digits)):
            keys.setdefault(key, "phone")
        if "-" in phone:
            # A landline is also said without its area code.
            local = phone_digits(phone.split("-")[1])
            keys.setdefault(local, "phone")
    if id_number:
        for key in sorted(digit_keys(id_number.lower())):
            keys.setdefault(key, "id")
    if member_card:
        for key in sorted(digit_keys(member_card)):
            keys.setdefault(key, "card")
    return keys


def _write_search_keys(person: Person) -> None:
    PersonSearchKey.delete().where(PersonSearchKey.person == person.id).execute()
    keys = person_search_keys(
        name=person.name,
        phone=person.phone,
        id_number=person.id_number,
        member_card=person.member_card,
    )
    if keys:
        PersonSearchKey.insert_many(
            [{"person": person.id, "key": k, "kind": kind} for k, kind in keys.items()]
        ).execute()


# --- input ------------------------------------------------------------------------------------


@dataclass
class PersonInput:
    """What a form submits. ``id_number=None`` on an update leaves the stored number unchanged
    (roles that only see it masked cannot retype it)."""

    name: str
    gender: str = ""
    birth_date: date | None = None
    id_type: str = "ric"
    id_number: str | None = ""
    phone: str = ""
    workplace_id: int | None = None
    is_member: bool = False
    member_card: str = ""
    notes: str = ""
    joined_on: date | None = None  # 入会时间
    # A woman's statutory retirement age before the 2025 reform: 55 (cadres, office jobs) or
    # 50 (workers); None is the default, 55. Kept for women only (services.retirement).
    old_retirement_age: int | None = None


@dataclass
class CleanPerson:
    values: dict[str, object]
    warnings: list[str] = field(default_factory=list)


def validate_person(
    data: PersonInput, *, on: date | None = None, kept_id: tuple[str, str] | None = None
) -> CleanPerson:
    """Check every field and return clean values, or raise one error listing every bad field.

    ``kept_id`` (type, number) is the stored ID number an update leaves as it is: it is not saved
    again but still decides gender and birth date.
    """
    on = on or today()
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    warnings: list[str] = []

    def check(name: str, fn):
        try:
            return fn()
        except ValidationError as exc:
            errors.update(exc.errors or {name: exc.message})
            return None

    values["name"] = check("name", lambda: checked_name(data.name, field="name"))
    values["phone"] = check("phone", lambda: normalize_phone(data.phone))
    values["member_card"] = check("member_card", lambda: normalize_card_number(data.member_card))
    values["notes"] = check(
        "notes", lambda: normalize_text(data.notes, field="notes", max_length=2000)
    )
    if data.id_type not in ID_TYPE_CODES:
        errors["id_type"] = translate("People", "Choose a document type.")
    derived_gender = derived_birth = None
    if data.id_number is not None and data.id_type in ID_TYPE_CODES:
        id_check = check(
            "id_number",
            lambda: check_id_number(data.id_number or "", id_type=data.id_type, today=on),
        )
        if id_check is not None:
            values["id_type"] = data.id_type
            values["id_number"] = id_check.number
            warnings.extend(id_check.warnings)
            derived_gender, derived_birth = id_check.gender, id_check.birth_date
    elif kept_id is not None and kept_id[1]:
        try:
            kept = check_id_number(kept_id[1], id_type=kept_id[0], today=on)
            derived_gender, derived_birth = kept.gender, kept.birth_date
        except ValidationError:
            pass  # a number stored before today's rules: it decides nothing
    gender = data.gender or derived_gender or ""
    if gender and gender not in GENDERS:
        errors["gender"] = translate("People", "Choose male or female.")
    elif derived_gender and data.gender and data.gender != derived_gender:
        errors["gender"] = translate(
            "People", "The ID number says otherwise; check the gender or the ID number."
        )
    values["gender"] = gender
    birth = data.birth_date or derived_birth
    if birth is not None:
        if birth > on:
            errors["birth_date"] = translate("People", "The birth date is in the future.")
        elif birth < MIN_BIRTH_DATE:
            errors["birth_date"] = translate("People", "The birth date is before 1900.")
        elif derived_birth and data.birth_date and data.birth_date != derived_birth:
            errors["birth_date"] = translate(
                "People", "The ID number gives another birth date ({date})."
            ).format(date=derived_birth.isoformat())
    values["birth_date"] = birth
    if data.joined_on is not None:
        if data.joined_on > on:
            errors["joined_on"] = translate("People", "The join date is in the future.")
        elif birth is not None and data.joined_on < birth:
            errors["joined_on"] = translate("People", "The join date is before the birth date.")
    values["joined_on"] = data.joined_on
    old_age = data.old_retirement_age if gender == "F" else None
    if old_age is not None and old_age not in FEMALE_CATEGORIES:
        errors["old_retirement_age"] = translate(
            "People", "A woman's retirement age before 2025 was 55 or 50."
        )
    values["old_retirement_age"] = old_age
    if (
        data.workplace_id is not None
        and not Organization.select().where(Organization.id == data.workplace_id).exists()
    ):
        errors["workplace"] = translate("People", "This workplace no longer exists.")
    values["workplace"] = data.workplace_id
    values["is_member"] = bool(data.is_member)
    if values.get("member_card") and not data.is_member:
        errors["member_card"] = translate(
            "People", "Only union members have a member card; tick the member box first."
        )
    if errors:
        first = next(iter(errors.values()))
        raise ValidationError(first, field=next(iter(errors)), errors=errors)
    return CleanPerson(values=values, warnings=warnings)


def find_duplicates(
    *, name: str, phone: str, id_number: str, exclude_id: int | None = None
) -> list[Person]:
    """People already on file with this ID number, or with this name and this phone."""
    name = normalize_name(name)
    conditions = []
    if id_number:
        conditions.append(Person.id_number == id_number)
    if name and phone:
        conditions.append((Person.name == name) & (Person.phone == phone))
    if not conditions:
        return []
    where = conditions[0]
    for extra in conditions[1:]:
        where = where | extra
    query = Person.select().where(where, Person.active)
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    return list(query.limit(5))


def _duplicate_error(actor: Staff, existing: list[Person]) -> DuplicateFound:
    people_view(actor, existing)
    return DuplicateFound(
        translate(
            "People",
            "This person seems to be on file already. Open the existing record instead of "
            "creating a second one.",
        ),
        field="id_number" if existing and existing[0].id_number else "name",
        existing=existing,
    )


# --- writes -----------------------------------------------------------------------------------


def create_person(actor: Staff, data: PersonInput, *, allow_duplicate: bool = False) -> Person:
    require(actor, "person.create")
    clean = validate_person(data)
    v = clean.values
    with transaction(lock=True):
        lock_kind("person")  # PostgreSQL: two desks never both find no duplicate
        existing = find_duplicates(
            name=v["name"], phone=v["phone"], id_number=v.get("id_number", "")
        )
        same_id = [p for p in existing if v.get("id_number") and p.id_number == v["id_number"]]
        if same_id or (existing and not allow_duplicate):
            raise _duplicate_error(actor, same_id or existing)
        moment = now()
        person = Person.create(
            **v,
            pinyin=display_pinyin(v["name"]),
            created_at=moment,
            updated_at=moment,
            last_activity_at=moment,
        )
        _write_search_keys(person)
        audit(actor, "create", "person", person.id, _audit_values(v))
    changes.notify("person")
    return person_view(actor, person)


def update_person(actor: Staff, person_id: int, data: PersonInput) -> Person:
    require(actor, "person.update")
    stored = Person.get_or_none(Person.id == person_id)
    kept_id = None
    if stored is not None and stored.id_number:
        if data.id_number is not None and not has_permission(actor, "person.view_full_id"):
            # A role that sees only the masked number keeps the stored one.
            data = replace(data, id_number=None, id_type=stored.id_type)
        if data.id_number is None:
            kept_id = (stored.id_type, stored.id_number)
    if (
        stored is not None
        and stored.birth_date is not None
        and not has_permission(actor, "person.view_full_id")
    ):
        # A role that sees only the birth year cannot have typed the date: the stored one stays.
        data = replace(data, birth_date=stored.birth_date)
    clean = validate_person(data, kept_id=kept_id)
    v = clean.values
    with transaction(lock=True):
        lock_kind("person")
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise NotFound(translate("People", "This person is no longer on file."))
        id_number = v.get("id_number", person.id_number)
        existing = find_duplicates(
            name=v["name"], phone=v["phone"], id_number=id_number, exclude_id=person.id
        )
        same_id = [p for p in existing if id_number and p.id_number == id_number]
        if same_id:
            raise _duplicate_error(actor, same_id)
        before = {k: _plain(getattr(person, k if k != "workplace" else "workplace_id")) for k in v}
        for key, value in v.items():
            setattr(person, key, value)
        person.pinyin = display_pinyin(person.name)
        person.updated_at = now()
        person.save()
        _write_search_keys(person)
        audit(actor, "update", "person", person.id, _mask_audit(diff(before, _audit_values(v))))
    changes.notify("person")
    return person_view(actor, person)


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _audit_values(values: dict[str, object]) -> dict[str, object]:
    out = {k: _plain(v) for k, v in values.items()}
    if out.get("id_number"):
        out["id_number"] = mask_id(str(out["id_number"]))
    return out


def _mask_audit(changed: dict[str, list[object]]) -> dict[str, list[object]]:
    if "id_number" in changed:
        changed["id_number"] = [mask_id(str(x or "")) for x in changed["id_number"]]
    return changed


# --- reads ------------------------------------------------------------------------------------


def mask_id(number: str) -> str:
    """110105********002X: the address code and the last four stay, the birth date goes."""
    if not number:
        return ""
    if len(number) >= 15:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if len(number) > 4:
        return number[:1] + "*" * (len(number) - 3) + number[-2:]
    return "*" * len(number)


def mask_id_tail(number: str) -> str:
    """**************8897: only the last four stay (the desk still finds people by them).

    The number as a role without ``person.view_full_id`` receives it: the address code goes
    too, so that the birth date learnt elsewhere (a birthday list, an age) cannot rebuild it."""
    if not number:
        return ""
    if len(number) > 4:
        return "*" * (len(number) - 4) + number[-4:]
    return "*" * len(number)


def may_see_full_id(actor: Staff) -> bool:
    """Whether ``actor`` receives whole ID numbers and whole birth dates from the services."""
    return has_permission(actor, "person.view_full_id")


def _refuse_save(*_args: object, **_kwargs: object) -> None:
    raise TypeError("A person as shown to a role that sees masked values cannot be saved.")


def person_view(actor: Staff, person: Person | None) -> Person | None:
    """The person as ``actor`` may receive them from a service (rule 8 of the design).

    A role without ``person.view_full_id`` gets the ID number with only its last four
    characters (``mask_id_tail``) and no birth date: ``birth_year`` and ``age`` are set
    instead (for every role; ``masked`` says which kind of record it is). The masked record
    refuses to be saved or deleted, so a masked value can never reach the database through it.
    Call it on records fresh from a query (it changes the record it is given)."""
    if person is None or getattr(person, "masked", False):
        return person
    birth = person.__data__.get("birth_date")
    person.birth_year = birth.year if birth else None
    person.age = _age(birth, today()) if birth else None
    if may_see_full_id(actor):
        person.masked = False
        return person
    if "id_number" in person.__data__:
        person.__data__["id_number"] = mask_id_tail(person.__data__["id_number"] or "")
    if "birth_date" in person.__data__:
        person.__data__["birth_date"] = None
    person._dirty.clear()
    person.masked = True
    person.save = _refuse_save
    person.delete_instance = _refuse_save
    return person


def people_view(actor: Staff, found: list[Person]) -> list[Person]:
    for person in found:
        person_view(actor, person)
    return found


def rows_view(actor: Staff, rows: list, attr: str = "person") -> list:
    """Mask the person each row carries (a visit, a registration, a loan) for ``actor``.

    A person the query did not join is loaded here (one query for all the rows) and masked, so
    that no later access to ``row.person`` loads it whole."""
    if may_see_full_id(actor):
        return rows
    missing = [r for r in rows if attr not in r.__rel__ and r.__data__.get(attr) is not None]
    if missing:
        wanted = list({r.__data__[attr] for r in missing})
        loaded = {
            p.id: p
            for p in Person.select(Person, Organization)
            .join(Organization, peewee.JOIN.LEFT_OUTER)
            .where(Person.id.in_(wanted))
        }
        for row in missing:
            if row.__data__[attr] in loaded:
                row.__rel__[attr] = loaded[row.__data__[attr]]
    for row in rows:
        person = row.__rel__.get(attr)
        if isinstance(person, Person) and person.__data__.get("id") is not None:
            person_view(actor, person)
    return rows


def handed(actor: Staff, value: T) -> T:
    """Mask, for ``actor``, every person reachable from what a service is about to return: a
    person, the people rows carry (loaded now if the query did not join them), and the rows in
    lists, tuples and dataclasses (a scan result, a loan row). Returns ``value`` itself."""
    if may_see_full_id(actor):
        return value
    seen: set[int] = set()

    def person_links(model: type[peewee.Model]) -> list[str]:
        return [
            name
            for name, fk in model._meta.fields.items()
            if isinstance(fk, peewee.ForeignKeyField) and fk.rel_model is Person
        ]

    def walk(item: object) -> None:
        if item is None or id(item) in seen or isinstance(item, str | int | float | date):
            return
        seen.add(id(item))
        if isinstance(item, Person):
            person_view(actor, item)
            return
        if isinstance(item, peewee.Model):
            for name in person_links(type(item)):
                rows_view(actor, [item], name)
            for related in list(item.__rel__.values()):
                walk(related)
        elif isinstance(item, list | tuple | set | frozenset):
            models: dict[type, list[peewee.Model]] = {}
            for element in item:
                if isinstance(element, peewee.Model) and not isinstance(element, Person):
                    models.setdefault(type(element), []).append(element)
            for model, rows in models.items():
                for name in person_links(model):
                    rows_view(actor, rows, name)  # one query for the whole list
            for element in item:
                walk(element)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            for f in dataclasses.fields(item):
                walk(getattr(item, f.name))

    walk(value)
    return value


def hands_people(function: Callable[..., T]) -> Callable[..., T]:
    """Decorate a service function whose first argument is the actor: what it returns goes
    through ``handed`` (DESIGN.md rule 8: masking happens in the services)."""

    @functools.wraps(function)
    def wrapper(actor: Staff, *args: object, **kwargs: object) -> T:
        return handed(actor, function(actor, *args, **kwargs))

    return wrapper


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def true_birth_date(person: Person) -> date | None:
    """The stored birth date behind a (possibly masked) record, for the services' own rules
    (age limits, eligibility); never handed to a role that sees masked values."""
    if not getattr(person, "masked", False):
        return person.birth_date
    row = Person.select(Person.birth_date).where(Person.id == person.id).tuples().first()
    return row[0] if row else None


def mask_phone(phone: str) -> str:
    """139****0001: the first three and the last four digits stay."""
    digits = phone.strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    keep = 3 if len(digits) >= 11 else 1
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def exported_phone(actor: Staff, phone: str) -> str:
    """A phone number as an export may carry it for ``actor``: whole only with the right."""
    return phone if has_permission(actor, "person.export_phone") else mask_phone(phone)


def shown_id(actor: Staff, person: Person) -> str:
    """The ID number as this actor may see it on a person's own page."""
    if has_permission(actor, "person.view_full_id") and not getattr(person, "masked", False):
        return person.id_number
    return mask_id_tail(person.id_number)


def reveal_id(actor: Staff, person_id: int) -> str:
    """The whole ID number, asked for on purpose by a role allowed to see it; each showing is
    written to the audit trail (pages and lists show ``mask_id``)."""
    require(actor, "person.view_full_id")
    row = Person.select(Person.id_number).where(Person.id == person_id).tuples().first()
    if row is None:
        raise NotFound(translate("People", "This person is no longer on file."))
    number = row[0] or ""
    if number:
        with transaction():
            audit(actor, "view_full_id", "person", person_id)
    return number


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


def list_people(
    actor: Staff, *, offset: int, limit: int, include_inactive: bool = False
) -> list[Person]:
    """One page of the register, most recently active first."""
    require(actor, "person.read")
    query = (
        Person.select(Person, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Person.merged_into.is_null())
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
    for row in (
        PersonSearchKey.select(PersonSearchKey.person).where(key == token).limit(SEARCH_CANDIDATES)
    ):
        found.setdefault(row.person_id, 0)
    if len(found) < SEARCH_CANDIDATES:
        # A range over the key index: portable, and fast on both databases.
        prefixed = (
            PersonSearchKey.select(PersonSearchKey.person)
            .where(key > token, key < token + "\U0010ffff")
            .limit(SEARCH_CANDIDATES * 2)
        )
        for row in prefixed:
            found.setdefault(row.person_id, 1)
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
        matching.update(row.person_id for row in rows)
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
    if len(tokens) > 1 and len(rank) >= SEARCH_CANDIDATES:
        rank = _intersect_common_words(tokens)
    for token in tokens:
        if token == lead or not rank:
            continue
        keep = _filter_ids(list(rank), token)
        rank = {pid: max(r, found[token].get(pid, 1)) for pid, r in rank.items() if pid in keep}
    if not rank:
        return []
    query = (
        Person.select(Person, Organization)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .where(Person.id.in_(list(rank)), Person.merged_into.is_null())
    )
    people = list(query if include_inactive else query.where(Person.active))
    people.sort(key=lambda p: (rank[p.id], -p.last_activity_at.timestamp(), p.id))
    return _hide_hardship(actor, people[:limit])


def _key_matches(field: peewee.Field, token: str) -> peewee.Expression:
    """The key is ``token`` or starts with it: one range over the key index (PostgreSQL turns
    "equal or in the range" into two index scans and a bitmap, 30 against 6 ms for "2")."""
    return (field >= token) & (field < token + "\U0010ffff")


def _intersect_common_words(tokens: list[str]) -> dict[int, int]:
    """People matching every word when each word alone matches too many to take whole.

    The word with the fewest keys drives one query that checks the other words per person and
    stops at the cap; counting is bounded so that it stays cheap on a large register.
    """

    def bounded_count(token: str) -> int:
        inner = (
            PersonSearchKey.select(PersonSearchKey.id)
            .where(_key_matches(PersonSearchKey.key, token))
            .limit(COUNT_BOUND)
        )
        return (
            peewee.Select([inner], [peewee.fn.COUNT(peewee.SQL("*"))])
            .bind(PersonSearchKey._meta.database)
            .scalar()
        )

    ordered = sorted(tokens, key=bounded_count)
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
    for row in query.limit(SEARCH_CANDIDATES * 4):
        result.setdefault(row.person_id, 1)
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


# --- exporting the register ----------------------------------------------------------------------

EXPORT_PAGE = 1000


def _register_pages(actor: Staff, *, include_inactive: bool) -> Iterator[list[Person]]:
    """The whole register in the order of registration, a page at a time, masked for ``actor``.
    Pages follow the id (not an offset), so that a large register is read in linear time."""
    last_id = 0
    while True:
        query = (
            Person.select(Person, Organization)
            .join(Organization, peewee.JOIN.LEFT_OUTER)
            .where(Person.id > last_id, Person.merged_into.is_null())
        )
        if not include_inactive:
            query = query.where(Person.active)
        page = list(query.order_by(Person.id).limit(EXPORT_PAGE))
        if not page:
            return
        last_id = page[-1].id
        yield _hide_hardship(actor, page)


def _export_header(*, whole: bool, hardship: bool, include_inactive: bool) -> list[str]:
    header = [
        translate("People", "Name"),
        translate("People", "Gender"),
        translate("People", "Birth date") if whole else translate("People", "Birth year"),
        translate("People", "ID type"),
        translate("People", "ID number"),
        translate("People", "Phone"),
        translate("People", "Workplace"),
        translate("People", "Union member"),
        translate("People", "Member card (京卡) number"),
        translate("People", "Notes"),
        translate("People", "Registered on"),
        translate("People", "Last activity"),
    ]
    if include_inactive:
        header.append(translate("People", "Deactivated"))
    if hardship:
        header += [
            translate("People", "Hardship category"),
            translate("People", "Hardship reasons"),
        ]
    return header


def export_people(
    actor: Staff,
    path: Path,
    *,
    search: str = "",
    include_inactive: bool = False,
    limit: int = SEARCH_CANDIDATES,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write the register, or the people ``search`` finds (at most ``limit``, in the order the
    search shows them), to an Excel (.xlsx) or CSV file; returns the rows written.

    Every row is masked as the list masks it for ``actor``: the ID number with its address code
    and last four only (``mask_id``; the last four alone for a role without
    ``person.view_full_id``, which also gets the birth year instead of the date), the phone
    whole only with ``person.export_phone``, and the hardship columns only with
    ``hardship.read``. Formula-like text is made inert and the file is private
    (services.spreadsheet). ``progress(done, total)`` returning False cancels: no file, no
    audit entry.
    """
    from stationapp.services.consent import hardship_category_label  # consent imports us

    require(actor, "person.export")
    whole = may_see_full_id(actor)
    hardship = has_permission(actor, "hardship.read")
    text = search.strip()
    if text:
        found = search_people(actor, text, limit=limit, include_inactive=include_inactive)
        total = len(found)
        pages: Iterable[list[Person]] = [found]
    else:
        total = count_people(actor, include_inactive=include_inactive)
        pages = _register_pages(actor, include_inactive=include_inactive)
    header = _export_header(whole=whole, hardship=hardship, include_inactive=include_inactive)
    yes, no = translate("People", "Yes"), translate("People", "No")
    written = 0
    try:
        with TableExport(path, translate("People", "People"), header) as table:
            for page in pages:
                for person in page:
                    masked = getattr(person, "masked", False)
                    values: list[object] = [
                        person.name,
                        gender_label(person.gender),
                        getattr(person, "birth_year", None) if masked else person.birth_date,
                        id_type_label(person.id_type) if person.id_number else "",
                        person.id_number if masked else mask_id(person.id_number),
                        exported_phone(actor, person.phone),
                        person.workplace.name if person.workplace_id else "",
                        yes if person.is_member else no,
                        person.member_card,
                        person.notes,
                        person.created_at.date(),
                        person.last_activity_at.date(),
                    ]
                    if include_inactive:
                        values.append("" if person.active else yes)
                    if hardship:
                        values += [
                            hardship_category_label(person.hardship_category),
                            person.hardship_reasons,
                        ]
                    table.append(values)
                    written += 1
                if progress is not None and not progress(written, total):
                    raise Cancelled
    except Cancelled:
        return written
    with transaction():
        audit(
            actor,
            "export",
            "person",
            None,
            {
                "rows": written,
                "file": path.name,
                "searched": bool(text),
                "include_inactive": include_inactive,
            },
        )
    return written


# --- deactivating and deleting -------------------------------------------------------------------


def person_history_counts(person_id: int) -> dict[str, int]:
    """What the station has on record for the person beyond the register entry (visits, cases,
    loans, holds, registrations, mediator ties), counted by kind; empty when nothing."""
    return history.references(Person, person_id, owned=(PersonSearchKey,))


def person_has_history(person_id: int) -> bool:
    return bool(person_history_counts(person_id))


def deactivate_person(actor: Staff, person_id: int) -> Person:
    """Hide the person from the register's lists and searches; their history stays readable."""
    return _set_person_active(actor, person_id, active=False)


def reactivate_person(actor: Staff, person_id: int) -> Person:
    return _set_person_active(actor, person_id, active=True)


def _set_person_active(actor: Staff, person_id: int, *, active: bool) -> Person:
    require(actor, "person.deactivate")
    with transaction(lock=True):
        person = history.locked(
            Person, person_id, translate("People", "This person is no longer on file.")
        )
        if person.active == active:
            return person_view(actor, person)
        if active and person.id_number:
            # Someone may have been registered again with the same ID number meanwhile.
            same_id = find_duplicates(
                name="", phone="", id_number=person.id_number, exclude_id=person.id
            )
            if same_id:
                raise _duplicate_error(actor, same_id)
        person.active = active
        person.updated_at = now()
        person.save()
        audit(
            actor,
            "reactivate" if active else "deactivate",
            "person",
            person.id,
            {"name": person.name},
        )
    changes.notify("person")
    return person_view(actor, person)


def delete_person(actor: Staff, person_id: int) -> None:
    """Delete a register entry made by mistake; only one with no history at all."""
    require(actor, "person.delete")
    with transaction(lock=True):
        person = history.locked(
            Person, person_id, translate("People", "This person is no longer on file.")
        )
        found = person_history_counts(person.id)
        if found:
            raise history.refuse(
                translate(
                    "People",
                    "{name} has history ({history}), so the record cannot be deleted; "
                    "deactivate it instead.",
                ),
                found,
                name=person.name,
            )
        snapshot = _audit_values(
            {
                "name": person.name,
                "gender": person.gender,
                "birth_date": person.birth_date,
                "id_type": person.id_type,
                "id_number": person.id_number,
                "phone": person.phone,
                "workplace": person.workplace_id,
                "is_member": person.is_member,
                "member_card": person.member_card,
                "active": person.active,
                "created_at": person.created_at.isoformat(),
            }
        )
        PersonSearchKey.delete().where(PersonSearchKey.person == person.id).execute()
        person.delete_instance()
        audit(actor, "delete", "person", person_id, snapshot)
    changes.notify("person")


# --- organisations ------------------------------------------------------------------------------


@dataclass
class OrganizationInput:
    name: str
    kind: str = "company"
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    union_status: str = "none"


def _validate_organization(data: OrganizationInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for key, fn in (
        ("name", lambda: normalize_text(data.name, field="name", max_length=100, required=True)),
        ("address", lambda: normalize_text(data.address, field="address", max_length=200)),
        (
            "contact_name",
            lambda: normalize_text(data.contact_name, field="contact_name", max_length=50),
        ),
        ("contact_phone", lambda: normalize_phone(data.contact_phone)),
    ):
        try:
            values[key] = fn()
        except ValidationError as exc:
            errors[key] = exc.message
    if data.kind not in ORG_KINDS:
        errors["kind"] = translate("People", "Choose the kind of workplace.")
    if data.union_status not in UNION_STATUSES:
        errors["union_status"] = translate("People", "Choose the union status.")
    values["kind"] = data.kind
    values["union_status"] = data.union_status
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values


def create_organization(actor: Staff, data: OrganizationInput) -> Organization:
    require(actor, "organization.manage")
    v = _validate_organization(data)
    with transaction(lock=True):
        lock_kind("organization")  # PostgreSQL: the name check holds until the commit
        if Organization.select().where(Organization.name == v["name"]).exists():
            existing = list(Organization.select().where(Organization.name == v["name"]))
            raise DuplicateFound(
                translate("People", "A workplace with this name is already on file."),
                field="name",
                existing=existing,
            )
        moment = now()
        org = Organization.create(
            **v,
            search_text=phrase_search_text(v["name"]),
            created_at=moment,
            updated_at=moment,
        )
        audit(actor, "create", "organization", org.id, v)
    changes.notify("organization")
    return org


def update_organization(actor: Staff, org_id: int, data: OrganizationInput) -> Organization:
    require(actor, "organization.manage")
    v = _validate_organization(data)
    with transaction(lock=True):
        lock_kind("organization")
        org = Organization.get_or_none(Organization.id == org_id)
        if org is None:
            raise NotFound(translate("People", "This workplace is no longer on file."))
        clash = Organization.select().where(
            Organization.name == v["name"], Organization.id != org_id
        )
        if clash.exists():
            raise DuplicateFound(
                translate("People", "A workplace with this name is already on file."),
                field="name",
                existing=list(clash),
            )
        before = {k: getattr(org, k) for k in v}
        for key, value in v.items():
            setattr(org, key, value)
        org.search_text = phrase_search_text(org.name)
        org.updated_at = now()
        org.save()
        audit(actor, "update", "organization", org.id, diff(before, v))
    changes.notify("organization")
    return org


def search_organizations(
    actor: Staff, text: str, *, limit: int = 20, include_inactive: bool = False
) -> list[Organization]:
    require(actor, "organization.read")
    query = Organization.select()
    if not include_inactive:
        query = query.where(Organization.active)
    q = normalize_search(text)
    if q:
        query = query.where(contains(Organization.search_text, q, folded=True))
    return list(query.order_by(Organization.name).limit(limit))


def get_organization(actor: Staff, org_id: int) -> Organization:
    require(actor, "organization.read")
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound(translate("People", "This workplace is no longer on file."))
    return org


def organization_history_counts(org_id: int) -> dict[str, int]:
    """Everything that names the workplace (its workers, cases, outreach, box loans, quotas)."""
    return history.references(Organization, org_id)


def deactivate_organization(actor: Staff, org_id: int) -> Organization:
    """Take the workplace out of the choices offered; records naming it keep it."""
    return _set_organization_active(actor, org_id, active=False)


def reactivate_organization(actor: Staff, org_id: int) -> Organization:
    return _set_organization_active(actor, org_id, active=True)


def _set_organization_active(actor: Staff, org_id: int, *, active: bool) -> Organization:
    require(actor, "organization.deactivate")
    with transaction(lock=True):
        org = history.locked(
            Organization, org_id, translate("People", "This workplace is no longer on file.")
        )
        if org.active == active:
            return org
        org.active = active
        org.updated_at = now()
        org.save()
        audit(
            actor,
            "reactivate" if active else "deactivate",
            "organization",
            org.id,
            {"name": org.name},
        )
    changes.notify("organization")
    return org


def delete_organization(actor: Staff, org_id: int) -> None:
    """Delete a workplace entered by mistake; only while no record refers to it."""
    require(actor, "organization.delete")
    with transaction(lock=True):
        org = history.locked(
            Organization, org_id, translate("People", "This workplace is no longer on file.")
        )
        found = organization_history_counts(org.id)
        if found:
            raise history.refuse(
                translate(
                    "People",
                    "{name} is still referred to ({history}), so it cannot be deleted; "
                    "deactivate it instead.",
                ),
                found,
                name=org.name,
            )
        snapshot = {
            "name": org.name,
            "kind": org.kind,
            "address": org.address,
            "contact_name": org.contact_name,
            "contact_phone": org.contact_phone,
            "union_status": org.union_status,
            "active": org.active,
        }
        org.delete_instance()
        audit(actor, "delete", "organization", org_id, snapshot)
    changes.notify("organization")


def org_kind_label(kind: str) -> str:
    return {
        "company": translate("People", "Company"),
        "office_building": translate("People", "Office building"),
        "community": translate("People", "Community"),
        "public_institution": translate("People", "Public institution"),
    }.get(kind, kind)


def union_status_label(status: str) -> str:
    return {
        "own_union": translate("People", "Own union"),
        "joint_union": translate("People", "Joint union"),
        "none": translate("People", "No union"),
    }.get(status, status)


def gender_label(gender: str) -> str:
    return {"M": translate("People", "Male"), "F": translate("People", "Female")}.get(gender, "")
