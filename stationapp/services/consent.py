"""Consent for sensitive personal data (PIPL Arts. 28-29), the hardship file (困难职工档案) with
the assistance given, and the marital status the events' mixers need.

Sensitive data is kept only while the worker's consent of the matching kind is in force:
withdrawing a consent empties the fields it covered in the same transaction. The audit trail
records that such a field changed, never its value, because the trail is append-only and a
withdrawal must be able to make the value disappear.

No Qt widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, today, transaction
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import AidClaim
from stationapp.models.people import (
    ASSISTANCE_KINDS,
    CONSENT_KINDS,
    CONSENT_METHODS,
    HARDSHIP_CATEGORIES,
    MARITAL_STATUSES,
    Consent,
    HardshipAssistance,
    Person,
)
from stationapp.models.rooms import RoomBooking
from stationapp.services import changes, history
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.people import person_view, rows_view
from stationapp.services.validation import clean_text

translate = QCoreApplication.translate

# The fields of the person each consent covers; withdrawing the consent empties them. Health
# consent covers the notes of visits to sensitive services, nothing stored on the person.
CONSENT_FIELDS: dict[str, tuple[str, ...]] = {
    "hardship": ("hardship_category", "hardship_reasons"),
    "health": (),
    "marital_status": ("marital_status",),
}
MAX_CONSENT_NOTE = 200
MAX_REASONS = 2000
MAX_ASSISTANCE_NOTES = 1000
MAX_AMOUNT = Decimal("1000000")
EARLIEST_ASSISTANCE = date(2000, 1, 1)
CENT = Decimal("0.01")


# --- labels -------------------------------------------------------------------------------------


def consent_kind_label(kind: str) -> str:
    return {
        "hardship": translate("Consent", "Hardship file"),
        "health": translate("Consent", "Health data"),
        "marital_status": translate("Consent", "Marital status"),
    }.get(kind, kind)


def consent_method_label(method: str) -> str:
    return {
        "written": translate("Consent", "In writing"),
        "oral": translate("Consent", "Orally"),
    }.get(method, method)


def hardship_category_label(category: str) -> str:
    return {
        "deep": translate("Consent", "Deep hardship"),
        "relative": translate("Consent", "Relative hardship"),
        "sudden": translate("Consent", "Sudden hardship"),
    }.get(category, category)


def marital_status_label(status: str) -> str:
    return {
        "single": translate("Consent", "Single"),
        "divorced": translate("Consent", "Divorced"),
        "widowed": translate("Consent", "Widowed"),
    }.get(status, status)


def assistance_kind_label(kind: str) -> str:
    return {
        "living": translate("Consent", "Living allowance"),
        "medical": translate("Consent", "Medical aid"),
        "schooling": translate("Consent", "Schooling aid"),
        "training": translate("Consent", "Vocational training"),
        "festival": translate("Consent", "Festival visit"),
        "cooling": translate("Consent", "Summer cooling visit"),
        "other": translate("Consent", "Other"),
    }.get(kind, kind)


# --- helpers ------------------------------------------------------------------------------------


def _gone() -> str:
    return translate("Consent", "This person is no longer on file.")


def _locked_person(person_id: int) -> Person:
    person = history.locked(Person, person_id, _gone())
    if person.anonymised_at is not None:
        raise ValidationError(
            translate("Consent", "This person's record has been anonymised."), field="person"
        )
    return person


def _in_force(person_id: int, kind: str) -> Consent | None:
    return (
        Consent.select()
        .where(Consent.person == person_id, Consent.kind == kind, Consent.withdrawn_at.is_null())
        .order_by(Consent.given_at.desc(), Consent.id.desc())
        .first()
    )


def _check_kind(actor: Staff, kind: str) -> None:
    """Consent to a hardship file is handled only by roles that keep hardship files."""
    if kind not in CONSENT_KINDS:
        raise ValidationError(translate("Consent", "Choose what the consent is for."), field="kind")
    if kind == "hardship":
        require(actor, "hardship.manage")


def has_consent(person_id: int, kind: str) -> bool:
    """Whether a consent of ``kind`` given by the person is on record and not withdrawn."""
    return (
        Consent.select()
        .where(Consent.person == person_id, Consent.kind == kind, Consent.withdrawn_at.is_null())
        .exists()
    )


# --- consent ------------------------------------------------------------------------------------


def record_consent(actor: Staff, person_id: int, kind: str, method: str, note: str = "") -> Consent:
    """Record the person's separate consent (PIPL Art. 29) to keep one kind of sensitive data."""
    require(actor, "consent.manage")
    errors: dict[str, str] = {}
    try:
        _check_kind(actor, kind)
    except ValidationError as exc:
        errors["kind"] = exc.message
    if method not in CONSENT_METHODS:
        errors["method"] = translate("Consent", "Choose how the consent was given.")
    clean_note = clean_text(note, "note", errors, limit=MAX_CONSENT_NOTE)
    raise_field_errors(errors)
    with transaction(lock=True):
        person = _locked_person(person_id)
        if _in_force(person.id, kind) is not None:
            raise ValidationError(
                translate("Consent", "This consent is already on record."), field="kind"
            )
        consent = Consent.create(
            person=person.id,
            kind=kind,
            method=method,
            note=clean_note,
            given_at=now(),
            given_by=actor.id,
        )
        audit(
            actor,
            "give",
            "consent",
            consent.id,
            {"person": person.id, "kind": kind, "method": method},
        )
    changes.notify("person")
    return rows_view(actor, [consent])[0]


def withdraw_consent(actor: Staff, person_id: int, kind: str) -> Consent:
    """Withdraw a consent (PIPL Art. 15) and, in the same transaction, empty the fields it
    covered (CONSENT_FIELDS).

    The hardship assistance records stay: they are the station's own accounts of money and goods
    it gave, which it must keep; only the worker's hardship category and reasons go.
    """
    require(actor, "consent.manage")
    _check_kind(actor, kind)
    with transaction(lock=True):
        person = history.locked(Person, person_id, _gone())
        consent = _in_force(person.id, kind)
        if consent is None:
            raise ValidationError(
                translate("Consent", "There is no consent of this kind to withdraw."),
                field="kind",
            )
        moment = now()
        Consent.update(withdrawn_at=moment, withdrawn_by=actor.id).where(
            Consent.person == person.id, Consent.kind == kind, Consent.withdrawn_at.is_null()
        ).execute()
        emptied = [name for name in CONSENT_FIELDS[kind] if getattr(person, name)]
        if emptied:
            values: dict[peewee.Field, object] = {getattr(Person, name): "" for name in emptied}
            values[Person.updated_at] = moment
            Person.update(values).where(Person.id == person.id).execute()
        if kind == "health":
            # The notes of the person's decompression-room bookings are health data too.
            notes = (
                RoomBooking.update(note="")
                .where(RoomBooking.person == person.id, RoomBooking.note != "")
                .execute()
            )
            if notes:
                emptied.append("room_booking_notes")
            # A mutual-aid claim's diagnosis and notes too; its amounts stay for the accounts.
            claims = (
                AidClaim.update(diagnosis="", notes="", updated_at=moment)
                .where(
                    AidClaim.person == person.id,
                    (AidClaim.diagnosis != "") | (AidClaim.notes != ""),
                )
                .execute()
            )
            if claims:
                emptied.append("aid_claim_texts")
        audit(
            actor,
            "withdraw",
            "consent",
            consent.id,
            {"person": person.id, "kind": kind, "emptied": emptied},
        )
    changes.notify("person")
    consent.withdrawn_at = moment
    consent.withdrawn_by = actor
    return rows_view(actor, [consent])[0]


def consents_of(actor: Staff, person_id: int) -> list[Consent]:
    """Every consent the person gave, newest first, withdrawn ones included (with who took them
    and when). A hardship consent reveals hardship, so only roles with hardship.read see it."""
    require(actor, "person.read")
    if not Person.select().where(Person.id == person_id).exists():
        raise NotFound(_gone())
    given_by = Staff.alias()
    withdrawn_by = Staff.alias()
    query = (
        Consent.select(Consent, given_by, withdrawn_by)
        .join(given_by, on=(Consent.given_by == given_by.id), attr="given_by")
        .switch(Consent)
        .join(
            withdrawn_by,
            peewee.JOIN.LEFT_OUTER,
            on=(Consent.withdrawn_by == withdrawn_by.id),
            attr="withdrawn_by",
        )
        .where(Consent.person == person_id)
    )
    if not has_permission(actor, "hardship.read"):
        query = query.where(Consent.kind != "hardship")
    return rows_view(actor, list(query.order_by(Consent.given_at.desc(), Consent.id.desc())))


# --- the hardship file --------------------------------------------------------------------------


@dataclass(frozen=True)
class HardshipFile:
    category: str  # HARDSHIP_CATEGORIES or "" (no file)
    reasons: str
    consent: bool  # the hardship consent is in force


def hardship_file(actor: Staff, person_id: int) -> HardshipFile:
    require(actor, "hardship.read")
    person = found(Person, person_id, _gone())
    return HardshipFile(
        category=person.hardship_category,
        reasons=person.hardship_reasons,
        consent=has_consent(person_id, "hardship"),
    )


def save_hardship_file(actor: Staff, person_id: int, category: str, reasons: str) -> Person:
    """Open, change or close (category "") the person's hardship file; only with their consent."""
    require(actor, "hardship.manage")
    errors: dict[str, str] = {}
    if category not in HARDSHIP_CATEGORIES and category != "":
        errors["category"] = translate("Consent", "Choose a hardship category.")
    clean_reasons = clean_text(reasons, "reasons", errors, limit=MAX_REASONS)
    if clean_reasons and category == "":
        errors["category"] = translate(
            "Consent",
            "Choose a category for these reasons, or clear the reasons to close the file.",
        )
    raise_field_errors(errors)
    with transaction(lock=True):
        person = _locked_person(person_id)
        if not has_consent(person.id, "hardship"):
            raise ValidationError(
                translate(
                    "Consent", "Record the worker's consent to a hardship file before filling it."
                ),
                field="category",
            )
        changed = [
            name
            for name, old, new in (
                ("category", person.hardship_category, category),
                ("reasons", person.hardship_reasons, clean_reasons),
            )
            if old != new
        ]
        if not changed:
            return person
        person.hardship_category = category
        person.hardship_reasons = clean_reasons
        person.updated_at = now()
        person.save(only=[Person.hardship_category, Person.hardship_reasons, Person.updated_at])
        audit(actor, "update", "hardship_file", person.id, {"changed": changed})
    changes.notify("person")
    return person_view(actor, person)


# --- assistance ---------------------------------------------------------------------------------


def _clean_amount(amount: Decimal | str | None) -> Decimal | None:
    """An amount of money in yuan: empty for help in kind; from 0 to 1,000,000, in cents."""
    message = translate("Consent", "Give the amount in yuan, for example 500 or 1200.50.")
    if amount is None:
        return None
    if isinstance(amount, str):
        text = amount.strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", "")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(message, field="amount") from None
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise ValidationError(message, field="amount")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValidationError(message, field="amount")
    if amount < 0 or amount > MAX_AMOUNT:
        raise ValidationError(
            translate("Consent", "The amount must be from 0 to 1,000,000 yuan."), field="amount"
        )
    if amount != amount.quantize(CENT):
        raise ValidationError(
            translate("Consent", "The amount has at most two decimal places (fen)."),
            field="amount",
        )
    return amount.quantize(CENT)


def record_assistance(
    actor: Staff,
    person_id: int,
    given_on: date | None,
    kind: str,
    amount: Decimal | str | None,
    notes: str = "",
) -> HardshipAssistance:
    """Record help given to a worker with an open hardship file (a category chosen)."""
    require(actor, "hardship.manage")
    errors: dict[str, str] = {}
    if isinstance(given_on, datetime):
        given_on = given_on.date()
    if not isinstance(given_on, date):
        errors["given_on"] = translate("Consent", "Give the date the assistance was given.")
    elif given_on > today():
        errors["given_on"] = translate("Consent", "The date is in the future.")
    elif given_on < EARLIEST_ASSISTANCE:
        errors["given_on"] = translate("Consent", "The date is before 2000.")
    if kind not in ASSISTANCE_KINDS:
        errors["kind"] = translate("Consent", "Choose the kind of assistance.")
    clean_amount = None
    try:
        clean_amount = _clean_amount(amount)
    except ValidationError as exc:
        errors["amount"] = exc.message
    clean_notes = ""
    clean_notes = clean_text(notes, "notes", errors, limit=MAX_ASSISTANCE_NOTES)
    raise_field_errors(errors)
    with transaction(lock=True):
        person = _locked_person(person_id)
        if not person.hardship_category:
            raise ValidationError(
                translate(
                    "Consent",
                    "Assistance is recorded on a hardship file: open the file (choose a category) "
                    "first.",
                ),
                field="person",
            )
        record = HardshipAssistance.create(
            person=person.id,
            given_on=given_on,
            kind=kind,
            amount=clean_amount,
            staff=actor.id,
            notes=clean_notes,
            created_at=now(),
        )
        audit(
            actor,
            "create",
            "hardship_assistance",
            record.id,
            {
                "person": person.id,
                "given_on": given_on.isoformat(),
                "kind": kind,
                "amount": None if clean_amount is None else str(clean_amount),
            },
        )
    changes.notify("person")
    return rows_view(actor, [record])[0]


def assistance_of(actor: Staff, person_id: int, *, limit: int = 200) -> list[HardshipAssistance]:
    """The help the person was given, newest first, with who recorded it."""
    require(actor, "hardship.read")
    return list(
        HardshipAssistance.select(HardshipAssistance, Staff)
        .join(Staff)
        .where(HardshipAssistance.person == person_id)
        .order_by(HardshipAssistance.given_on.desc(), HardshipAssistance.id.desc())
        .limit(limit)
    )


def assistance_totals(
    actor: Staff, date_from: date, date_to: date
) -> list[tuple[str, int, Decimal]]:
    """(kind, records, amount in yuan) of the assistance given in the period, both days
    included, in the order of ASSISTANCE_KINDS; help in kind counts with no amount."""
    require(actor, "hardship.read")
    amount = HardshipAssistance.amount
    # Summed in whole fen so that SQLite, which keeps decimals as floats, adds exactly.
    rows = (
        HardshipAssistance.select(
            HardshipAssistance.kind,
            peewee.fn.COUNT(HardshipAssistance.id),
            peewee.fn.SUM(peewee.fn.ROUND(amount * 100)),
        )
        .where(HardshipAssistance.given_on.between(date_from, date_to))
        .group_by(HardshipAssistance.kind)
        .tuples()
    )
    order = {kind: position for position, kind in enumerate(ASSISTANCE_KINDS)}
    totals = [
        (kind, int(count), (Decimal(int(fen or 0)) / 100).quantize(CENT))
        for kind, count, fen in rows
    ]
    return sorted(totals, key=lambda row: (order.get(row[0], len(order)), row[0]))


# --- marital status -----------------------------------------------------------------------------


def save_marital_status(actor: Staff, person_id: int, status: str) -> Person:
    """The marital status an organiser needs to admit someone to a mixer (联谊); only with the
    person's consent. "" removes it."""
    require(actor, "consent.manage")
    if status not in MARITAL_STATUSES and status != "":
        raise ValidationError(translate("Consent", "Choose a marital status."), field="status")
    with transaction(lock=True):
        person = _locked_person(person_id)
        if not has_consent(person.id, "marital_status"):
            raise ValidationError(
                translate(
                    "Consent", "Record the worker's consent to keep their marital status first."
                ),
                field="status",
            )
        if person.marital_status == status:
            return person
        person.marital_status = status
        person.updated_at = now()
        person.save(only=[Person.marital_status, Person.updated_at])
        audit(actor, "update", "marital_status", person.id, {"changed": ["marital_status"]})
    changes.notify("person")
    return person_view(actor, person)
