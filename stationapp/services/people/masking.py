"""What a staff member is shown of a person: ID numbers, birth dates and phones masked unless
their roles allow the whole."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import today, transaction
from stationapp.errors import NotFound
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person
from stationapp.services.accounts import audit, has_permission, require

translate = QCoreApplication.translate
T = TypeVar("T")


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
