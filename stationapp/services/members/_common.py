"""What the membership and card modules share: labels, the locked person, the register's fields
kept in step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from stationapp.db import now, today
from stationapp.errors import ValidationError
from stationapp.models.members import CARD_STATES, MEMBERSHIP_KINDS
from stationapp.models.people import Person
from stationapp.services import history

translate = QCoreApplication.translate


def membership_kind_label(kind: str) -> str:
    texts = (translate("Members", "Joined"), translate("Members", "Transferred in"))
    texts += (translate("Members", "Transferred out"), translate("Members", "Left"))
    return dict(zip(MEMBERSHIP_KINDS, texts, strict=True)).get(kind, kind)


def card_state_label(state: str) -> str:
    texts = (translate("Members", "Applied, waiting"), translate("Members", "Issued"))
    texts += (translate("Members", "Reported lost"), translate("Members", "Replaced"))
    texts += (translate("Members", "Cancelled"),)
    return dict(zip(CARD_STATES, texts, strict=True)).get(state, state)


def locked_person(person_id: int) -> Person:
    """The person's row, locked: two desks never decide about the same person's membership or
    card at once (DESIGN.md rule 3)."""
    return history.locked(
        Person, person_id, translate("Members", "This person is no longer on file.")
    )


def checked_day(day: date | None, field: str, *, not_before: date | None = None) -> date:
    """``day`` (None: today), refused in the future or before ``not_before``."""
    day = day or today()
    if day > today():
        raise ValidationError(translate("Members", "The date is in the future."), field=field)
    if not_before is not None and day < not_before:
        raise ValidationError(
            translate("Members", "The date is before {day}, the card's previous step.").format(
                day=not_before.isoformat()
            ),
            field=field,
        )
    return day


def save_register_fields(person: Person, **values: object) -> None:
    """Write ``is_member`` / ``joined_on`` / ``member_card`` to the register, and its search keys
    when the card number changed (the people search finds a person by card number)."""
    from stationapp.services.people.keys import _write_search_keys

    card_changed = "member_card" in values and values["member_card"] != person.member_card
    for key, value in values.items():
        setattr(person, key, value)
    person.updated_at = now()
    Person.update(**values, updated_at=person.updated_at).where(Person.id == person.id).execute()
    if card_changed:
        _write_search_keys(person)


def ready_to_write() -> None:
    """Load what a card's write computes (the search keys' readings, the card number's check)
    before the write lock is taken, so the first write of a desk holds the lock only for the
    write itself."""
    from stationapp.services.people.keys import person_search_keys
    from stationapp.services.validation import normalize_card_number

    person_search_keys(name="王", phone="", id_number="", member_card="")
    normalize_card_number("6222080000000000007")
