"""A person's name as stored and the search keys written for it."""

from __future__ import annotations

from stationapp.models.people import Person, PersonSearchKey
from stationapp.services.search_keys import digit_keys, name_keys
from stationapp.services.validation import phone_digits, spell_name


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
