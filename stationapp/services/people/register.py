"""The register's writes: checking a person, duplicates, creating and updating, deactivating and
deleting."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, today, transaction
from stationapp.errors import DuplicateFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.people import GENDERS, Organization, Person, PersonSearchKey
from stationapp.services import changes, history, members
from stationapp.services.accounts import audit, diff, has_permission, require
from stationapp.services.people.keys import _write_search_keys, normalize_name
from stationapp.services.people.masking import mask_id, people_view, person_view
from stationapp.services.retirement import FEMALE_CATEGORIES
from stationapp.services.search_keys import display_pinyin
from stationapp.services.validation import (
    ID_TYPE_CODES,
    check_id_number,
    normalize_card_number,
    normalize_phone,
    normalize_text,
)
from stationapp.services.validation import normalize_name as checked_name
from stationapp.services.writes import locked_write, switch_active

translate = QCoreApplication.translate

MIN_BIRTH_DATE = date(1900, 1, 1)


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
    raise_field_errors(errors)
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
    with locked_write("person"):  # two desks never both find no duplicate
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
        members.follow_register(actor, person, was_member=False, joined_on=None, card_before="")
        audit(actor, "create", "person", person.id, _audit_values(v))
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
    with locked_write("person"):
        person = found(Person, person_id, translate("People", "This person is no longer on file."))
        id_number = v.get("id_number", person.id_number)
        existing = find_duplicates(
            name=v["name"], phone=v["phone"], id_number=id_number, exclude_id=person.id
        )
        same_id = [p for p in existing if id_number and p.id_number == id_number]
        if same_id:
            raise _duplicate_error(actor, same_id)
        before = {k: _plain(getattr(person, k if k != "workplace" else "workplace_id")) for k in v}
        was = {"was_member": person.is_member, "joined_on": person.joined_on}
        was["card_before"] = person.member_card
        for key, value in v.items():
            setattr(person, key, value)
        person.pinyin = display_pinyin(person.name)
        person.updated_at = now()
        person.save()
        _write_search_keys(person)
        members.follow_register(actor, person, **was)
        audit(actor, "update", "person", person.id, _mask_audit(diff(before, _audit_values(v))))
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
    def check(person: Person) -> None:
        if active and person.id_number:
            # Someone may have been registered again with the same ID number meanwhile.
            same_id = find_duplicates(
                name="", phone="", id_number=person.id_number, exclude_id=person.id
            )
            if same_id:
                raise _duplicate_error(actor, same_id)

    gone = translate("People", "This person is no longer on file.")
    person = switch_active(
        actor, "person.deactivate", Person, person_id, active, gone, "person", check=check
    )
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
            found = history.person_as_seen(
                person.id, found, confidential=has_permission(actor, "room.confidential")
            )
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


def gender_label(gender: str) -> str:
    return {"M": translate("People", "Male"), "F": translate("People", "Female")}.get(gender, "")
