"""Retention, anonymisation and personal-data requests (issue #8 items 7 and 8; PIPL Arts. 19,
45 and 47).

Anonymising a person replaces their personal fields (name, phone, ID number, card, birth day,
notes, sensitive fields) and the notes of their visits, and takes them off the lists, while the
row stays: every visit, loan, registration and case keeps pointing at it, so every count and
statistic (per month, per workplace, per gender and birth year) is unchanged. A person is kept
while a retention duty applies: a mediation case they are a party to that is open or within its
retention period, a book on loan, a registration for an event still to come.

No Qt widgets here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, today, transaction
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Setting, Staff
from stationapp.models.events import ACTIVE_STATES, Event, Registration
from stationapp.models.library import Loan
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.mutual_aid import AidClaim
from stationapp.models.people import Consent, Person
from stationapp.models.rooms import RoomBooking
from stationapp.models.visits import Visit
from stationapp.models.welfare import WelfareRecipient
from stationapp.services import accounts, changes, people
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.members import anonymise_member_records
from stationapp.services.people.keys import _write_search_keys
from stationapp.services.private_files import private_output
from stationapp.services.validation import normalize_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

PEOPLE_YEARS = "retention_people_years"
CASE_YEARS = "retention_case_years"
LAST_RUN = "retention_last_run"
DEFAULT_PEOPLE_YEARS = 5
DEFAULT_CASE_YEARS = 10  # arbitration practice keeps case files at least 5 years
ANONYMOUS_NAME = "（已匿名）"
BATCH = 500


@dataclass(frozen=True)
class RetentionSettings:
    people_years: int = DEFAULT_PEOPLE_YEARS  # no activity for this long: anonymised
    case_years: int = DEFAULT_CASE_YEARS  # a closed case file is kept this long


def retention_settings() -> RetentionSettings:
    values = accounts.stored_settings([PEOPLE_YEARS, CASE_YEARS])
    return RetentionSettings(
        accounts.setting_number(values.get(PEOPLE_YEARS), DEFAULT_PEOPLE_YEARS),
        accounts.setting_number(values.get(CASE_YEARS), DEFAULT_CASE_YEARS),
    )


def save_retention_settings(actor: Staff, settings: RetentionSettings) -> RetentionSettings:
    require(actor, "settings.manage")
    errors = {}
    for field, value, low, high in (
        ("people_years", settings.people_years, 1, 30),
        ("case_years", settings.case_years, 5, 50),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[field] = translate(
                "Retention", "Enter a number of years from {low} to {high}."
            ).format(low=low, high=high)
    if errors:
        raise ValidationError(next(iter(errors.values())), errors=errors)
    before = retention_settings()
    with transaction():
        accounts.store_settings(
            {PEOPLE_YEARS: str(settings.people_years), CASE_YEARS: str(settings.case_years)}
        )
        audit(
            actor,
            "retention_settings",
            "settings",
            None,
            {
                "people_years": [before.people_years, settings.people_years],
                "case_years": [before.case_years, settings.case_years],
            },
        )
    changes.notify("settings")
    return settings


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _kept_by_duty(settings: RetentionSettings, on: date) -> peewee.Expression:
    """People who must be kept whatever their last activity."""
    case_cutoff = datetime.combine(_years_before(on, settings.case_years), time.min)
    in_cases = (
        CaseParty.select(CaseParty.person)
        .join(MediationCase)
        .where(
            MediationCase.closed_at.is_null()
            | (MediationCase.closed_at > case_cutoff)
            | (MediationCase.file_kept_until >= on)  # a file kept longer by decision
        )
    )
    on_loan = Loan.select(Loan.person).where(Loan.returned_at.is_null())
    coming = (
        Registration.select(Registration.person)
        .join(Event)
        .where(
            Registration.state.in_(ACTIVE_STATES), Event.starts_at >= datetime.combine(on, time.min)
        )
    )
    return Person.id.in_(in_cases) | Person.id.in_(on_loan) | Person.id.in_(coming)


def _candidates(settings: RetentionSettings, on: date) -> peewee.ModelSelect:
    cutoff = datetime.combine(_years_before(on, settings.people_years), time.min)
    return Person.select(Person.id).where(
        Person.anonymised_at.is_null(),
        Person.last_activity_at < cutoff,
        ~_kept_by_duty(settings, on),
    )


def preview_anonymisation(actor: Staff, *, on: date | None = None) -> int:
    """How many people the job would anonymise now."""
    require(actor, "settings.manage")
    return _candidates(retention_settings(), on or today()).count()


def _redaction(person: Person) -> accounts.Redaction:
    """What the audit trail holds of ``person``, taken before their fields are anonymised."""
    numbers = [person.phone, person.id_number, people.mask_id(person.id_number), person.member_card]
    return accounts.redaction_for(person.id, names=[person.name], numbers=numbers)


def _anonymise(person: Person, moment: datetime) -> None:
    person.name = ANONYMOUS_NAME
    person.pinyin = ""
    person.id_number = ""
    person.phone = ""
    person.member_card = ""
    person.notes = ""
    person.hardship_category = ""
    person.hardship_reasons = ""
    person.marital_status = ""
    if person.joined_on is not None:
        person.joined_on = date(person.joined_on.year, 1, 1)  # the year stays, like the birth's
    if person.birth_date is not None:
        # The year stays, for age bands in the statistics; the day goes.
        person.birth_date = date(person.birth_date.year, 1, 1)
    person.active = False
    person.anonymised_at = moment
    person.updated_at = moment
    person.save()
    _write_search_keys(person)
    Visit.update(notes="").where(Visit.person == person.id).execute()
    Consent.update(note="").where(Consent.person == person.id).execute()
    RoomBooking.update(note="").where(RoomBooking.person == person.id).execute()
    anonymise_member_records(person.id)
    # A mutual-aid claim's health data goes; its amounts stay for the accounts.
    AidClaim.update(diagnosis="", notes="").where(AidClaim.person == person.id).execute()
    # Who collected a welfare round's gift for the person names someone else: it goes; the
    # delivery stays for the round's totals.
    WelfareRecipient.update(collected_by="", collected_relation="").where(
        WelfareRecipient.person == person.id
    ).execute()


def run_anonymisation(actor: Staff | None, *, on: date | None = None) -> int:
    """Anonymise everyone past the retention period; returns how many. ``actor=None`` is the
    automatic daily run (audited without a staff member)."""
    if actor is not None:
        require(actor, "settings.manage")
    on = on or today()
    settings = retention_settings()
    done = 0
    while True:
        with transaction(lock=True):
            batch = [p.id for p in _candidates(settings, on).order_by(Person.id).limit(BATCH)]
            if not batch:
                break
            moment = now()
            redactions = []
            for person in Person.select().where(Person.id.in_(batch)):
                redactions.append(_redaction(person))
                _anonymise(person, moment)
            redacted = accounts.audit_entries_to_redact(redactions)
            entry = audit(
                actor,
                "anonymise",
                "person",
                None,
                {"people": len(batch), "ids": batch, "redacted_entries": redacted},
            )
            accounts.redact_audit_entries(redacted, redactions, by=entry)
        done += len(batch)
    with transaction():
        accounts.store_settings({LAST_RUN: on.isoformat()})
    if done:
        log.info("retention: anonymised %s people", done)
        changes.notify("person")
    return done


def daily_anonymisation() -> int | None:
    """The automatic run at start, once a day; None when it already ran today."""
    last = Setting.get_or_none(Setting.key == LAST_RUN)
    if last is not None and last.value == today().isoformat():
        return None
    return run_anonymisation(None)


# --- personal-data requests ---------------------------------------------------------------


def retention_duties(actor: Staff, person_id: int, *, on: date | None = None) -> list[str]:
    """Why a person cannot be erased now (empty: nothing stands in the way); it names their
    mediation cases, so only those who may erase ask."""
    require(actor, "person.erase")
    return _duties(person_id, on=on)


def _duties(person_id: int, *, on: date | None = None) -> list[str]:
    on = on or today()
    settings = retention_settings()
    case_cutoff = datetime.combine(_years_before(on, settings.case_years), time.min)
    reasons = []
    cases = (
        MediationCase.select()
        .join(CaseParty)
        .where(CaseParty.person == person_id)
        .where(
            MediationCase.closed_at.is_null()
            | (MediationCase.closed_at > case_cutoff)
            | (MediationCase.file_kept_until >= on)
        )
    )
    for case in cases:
        if case.closed_at is None:
            reasons.append(
                translate("Retention", "mediation case {number} is still open").format(
                    number=case.number
                )
            )
        else:
            until = _years_before(case.closed_at.date(), -settings.case_years)
            if case.file_kept_until is not None:
                until = max(until, case.file_kept_until)
            reasons.append(
                translate(
                    "Retention", "the file of mediation case {number} is kept until {date}"
                ).format(number=case.number, date=until.isoformat())
            )
    loans = Loan.select().where(Loan.person == person_id, Loan.returned_at.is_null()).count()
    if loans:
        reasons.append(translate("Retention", "%n book(s) still on loan", "", loans))
    coming = (
        Registration.select()
        .join(Event)
        .where(
            Registration.person == person_id,
            Registration.state.in_(ACTIVE_STATES),
            Event.starts_at >= datetime.combine(on, time.min),
        )
        .count()
    )
    if coming:
        reasons.append(translate("Retention", "%n registration(s) for coming events", "", coming))
    claims = (
        AidClaim.select()
        .where(
            AidClaim.person == person_id, AidClaim.state.in_(("submitted", "returned", "approved"))
        )
        .count()
    )
    if claims:
        reasons.append(translate("Retention", "%n mutual-aid claim(s) not yet settled", "", claims))
    return reasons


def erase_on_request(actor: Staff, person_id: int, *, reason: str) -> Person:
    """Erase a person's personal data at their request (PIPL Art. 47): anonymise now, keeping
    every count. Refused while a retention duty applies, naming it."""
    require(actor, "person.erase")
    reason = (reason or "").strip()
    if len(reason) <= 500:
        # Control characters and direction marks refused as in every other free text.
        reason = normalize_text(reason, field="reason", max_length=500)
    if not reason:
        raise ValidationError(
            translate("Retention", "Write down how the request was made (date, in writing...)."),
            field="reason",
        )
    if len(reason) > 500:
        raise ValidationError(translate("Retention", "At most 500 characters."), field="reason")
    with transaction(lock=True):
        person = Person.get_or_none(Person.id == person_id)
        if person is None or person.anonymised_at is not None:
            raise NotFound(translate("Retention", "This person is not on file (any more)."))
        duties = _duties(person_id)
        if duties:
            raise ValidationError(
                translate(
                    "Retention",
                    "The data cannot be erased yet: {duties}. It can be erased when these end.",
                ).format(duties="; ".join(duties))
            )
        redactions = [_redaction(person)]
        _anonymise(person, now())
        redacted = accounts.audit_entries_to_redact(redactions)
        entry = audit(
            actor,
            "erase",
            "person",
            person_id,
            {
                "reason": accounts.scrub_text(reason, redactions),
                "redacted_entries": redacted,
            },
        )
        accounts.redact_audit_entries(redacted, redactions, by=entry)
    changes.notify("person")
    return person


@dataclass(frozen=True)
class Section:
    title: str
    header: list[str]
    rows: list[list[object]]


def personal_data(actor: Staff, person_id: int) -> list[Section]:
    """Everything held on one person that ``actor`` may see (PIPL Art. 45), as sections."""
    require(actor, "person.read")
    person = found(
        Person, person_id, translate("Retention", "This person is not on file (any more).")
    )
    workplace = person.workplace.name if person.workplace_id else ""
    # A role without the whole ID number gets the birth year only and the number's last four
    # (nothing that rebuilds it); without person.export_phone, the phone masked.
    whole = has_permission(actor, "person.view_full_id")
    birth: object = person.birth_date
    if not whole:
        birth = person.birth_date.year if person.birth_date else ""
    fields = [
        [translate("Retention", "Name"), person.name],
        [translate("Retention", "Gender"), people.gender_label(person.gender)],
        [translate("Retention", "Birth date"), birth],
        [
            translate("Retention", "ID number"),
            person.id_number if whole else people.mask_id_tail(person.id_number),
        ],
        [translate("Retention", "Phone"), people.exported_phone(actor, person.phone)],
        [translate("Retention", "Workplace"), workplace],
        [
            translate("Retention", "Union member"),
            translate("Retention", "yes") if person.is_member else translate("Retention", "no"),
        ],
        [translate("Retention", "Member card"), person.member_card],
        [translate("Retention", "Join date"), person.joined_on or ""],
        [translate("Retention", "Notes"), person.notes],
        [translate("Retention", "Registered"), person.created_at],
        [translate("Retention", "Last activity"), person.last_activity_at],
    ]
    if has_permission(actor, "hardship.read"):
        fields.append([translate("Retention", "Hardship file"), person.hardship_category])
        fields.append([translate("Retention", "Hardship reasons"), person.hardship_reasons])
    fields.append([translate("Retention", "Marital status"), person.marital_status])
    sections = [
        Section(
            translate("Retention", "Personal details"),
            [translate("Retention", "Field"), translate("Retention", "Value")],
            fields,
        )
    ]
    consents = Consent.select().where(Consent.person == person_id).order_by(Consent.given_at)
    sections.append(
        Section(
            translate("Retention", "Consents"),
            [
                translate("Retention", "Kind"),
                translate("Retention", "Given"),
                translate("Retention", "Withdrawn"),
            ],
            [[c.kind, c.given_at, c.withdrawn_at] for c in consents],
        )
    )
    if has_permission(actor, "visit.read"):
        from stationapp.services import visits

        rows = []
        visits_found = visits.person_visits(actor, person_id, limit=100_000)
        purposes = visits.purposes_of(visits_found)
        for visit in visits_found:
            rows.append(
                [
                    visit.arrived_at,
                    visits.channel_label(visit.channel),
                    "；".join(
                        f"{p.service.name}：{visits.outcome_label(p.outcome)}"
                        for p in purposes[visit.id]
                    ),
                    visit.notes,
                ]
            )
        sections.append(
            Section(
                translate("Retention", "Visits"),
                [
                    translate("Retention", "Arrived"),
                    translate("Retention", "Channel"),
                    translate("Retention", "Purposes"),
                    translate("Retention", "Notes"),
                ],
                rows,
            )
        )
    if has_permission(actor, "library.read"):
        from stationapp.services import library

        loans = library.person_loans(actor, person_id, limit=100_000)
        sections.append(
            Section(
                translate("Retention", "Loans"),
                [
                    translate("Retention", "Title"),
                    translate("Retention", "Barcode"),
                    translate("Retention", "Lent"),
                    translate("Retention", "Due"),
                    translate("Retention", "Returned"),
                ],
                [
                    [r.title, r.barcode, r.loan.lent_at, r.loan.due_on, r.loan.returned_at]
                    for r in loans
                ],
            )
        )
    if has_permission(actor, "event.read"):
        from stationapp.services import events

        sections.append(
            Section(
                translate("Retention", "Event registrations"),
                [
                    translate("Retention", "Event"),
                    translate("Retention", "Starts"),
                    translate("Retention", "State"),
                ],
                [
                    [r.event.title, r.event.starts_at, events.state_label(r.state)]
                    for r in events.person_registrations(actor, person_id)
                ],
            )
        )
    if has_permission(actor, "room.read"):
        from stationapp.services import rooms

        # The decompression room's bookings only for the roles that may know who booked it.
        booked = rooms.bookings_of_person(actor, person_id, limit=100_000)
        sections.append(
            Section(
                translate("Retention", "Room bookings"),
                [
                    translate("Retention", "Room"),
                    translate("Retention", "Starts"),
                    translate("Retention", "Ends"),
                    translate("Retention", "State"),
                    translate("Retention", "Notes"),
                ],
                [
                    [
                        b.room_name,
                        b.starts_at,
                        b.ends_at,
                        rooms.booking_state_label(b.state),
                        b.note,
                    ]
                    for b in booked
                ],
            )
        )
    if has_permission(actor, "member.read"):
        from stationapp.services.members import member_tables

        sections += [Section(*table) for table in member_tables(actor, person_id)]
    if has_permission(actor, "aid.read"):
        from stationapp.services import mutual_aid

        sections += [Section(*part) for part in mutual_aid.personal_data(actor, person_id)]
    if has_permission(actor, "welfare.read"):
        from stationapp.services import welfare

        headers, rows = welfare.personal_data_rows(actor, person_id)
        sections.append(Section(translate("Retention", "Welfare rounds"), headers, rows))
    if has_permission(actor, "case.read"):
        from stationapp.services import mediation

        cases = mediation.list_cases(
            actor, mediation.CaseFilter(person_id=person_id), offset=0, limit=100_000
        )
        sections.append(
            Section(
                translate("Retention", "Mediation cases"),
                [
                    translate("Retention", "Case number"),
                    translate("Retention", "Received"),
                    translate("Retention", "State"),
                ],
                [[c.number, c.received_at, mediation.state_label(c.state)] for c in cases],
            )
        )
    return sections


def export_personal_data(actor: Staff, person_id: int, path: Path) -> list[Section]:
    """Write everything held on one person to an Excel workbook (a sheet per section); audited."""
    sections = personal_data(actor, person_id)
    from openpyxl import Workbook

    from stationapp.services.spreadsheet import xlsx_row

    workbook = Workbook(write_only=True)
    for section in sections:
        sheet = workbook.create_sheet(section.title[:31])
        sheet.append(xlsx_row(sheet, section.header))
        for row in section.rows:
            sheet.append(xlsx_row(sheet, row))
    with private_output(path) as partial:
        workbook.save(partial)
    with transaction():
        audit(actor, "export_personal_data", "person", person_id, {"file": path.name})
    return sections
