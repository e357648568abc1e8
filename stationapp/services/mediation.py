"""Labour-dispute mediation: intake, case numbers, states and guards, legal clocks, sessions,
agreements and their performance, impartiality, the deadline list, the ledger and statistics.

Rules from the Labour Dispute Mediation and Arbitration Law (LDMAL) as summarised in
domain/mediation.md; the 30-day periods of the repealed 1993 regulations are deliberately absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from unicodedata import category

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, is_sqlite, now, today, transaction
from stationapp.errors import NotFound, PermissionDenied, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    APPLICATION_KINDS,
    CLAIM_CATEGORIES,
    COLLECTIVE_THRESHOLD,
    PAYMENT_ORDER_CATEGORIES,
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseFollowUp,
    CaseParty,
    CaseSession,
    MediationCase,
    MediatorRelation,
    Obligation,
)
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.models.visits import Visit
from stationapp.services import changes
from stationapp.services.accounts import audit, has_permission, require, station_settings
from stationapp.services.search_keys import MAX_KEY_LENGTH, normalize_search
from stationapp.services.spreadsheet import Cancelled, TableExport
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

MEDIATION_DAYS = 15  # LDMAL Art. 14
REVIEW_DAYS = 15  # MOHRSS Order 33 Art. 74: joint review request after an agreement takes effect
ACCEPTANCE_WORKING_DAYS = 3  # local rules
LIMITATION_YEARS = 1  # LDMAL Art. 27
SOON_DAYS = 3
MAX_TEXT = 20000
MAX_AMOUNT = Decimal("100000000")

OPEN_STATES = frozenset(
    {
        "registered",
        "accepted",
        "in_mediation",
        "agreement_draft",
        "agreement_effective",
        "performing",
    }
)
TERMINAL_STATES = frozenset(
    {
        "not_accepted",
        "respondent_declined",
        "referred_to_arbitration",
        "performed",
        "defaulted",
        "withdrawn",
        "failed",
    }
)
BEFORE_AGREEMENT = ("registered", "accepted", "in_mediation", "agreement_draft")
TRANSITIONS: dict[str, frozenset[str]] = {
    "registered": frozenset({"accepted", "not_accepted", "respondent_declined", "withdrawn"}),
    "accepted": frozenset({"in_mediation", "respondent_declined", "withdrawn"}),
    "in_mediation": frozenset({"failed", "agreement_draft", "withdrawn"}),
    "agreement_draft": frozenset({"agreement_effective", "in_mediation", "failed", "withdrawn"}),
    "agreement_effective": frozenset({"performing", "performed", "defaulted"}),
    "performing": frozenset({"performed", "defaulted"}),
    "failed": frozenset({"referred_to_arbitration", "closed"}),
    "referred_to_arbitration": frozenset({"closed"}),
    "performed": frozenset({"closed"}),
    "defaulted": frozenset({"closed"}),
    "not_accepted": frozenset({"closed"}),
    "respondent_declined": frozenset({"closed"}),
    "withdrawn": frozenset({"closed"}),
    "closed": frozenset({"archived"}),
    "archived": frozenset(),
}
REASON_REQUIRED = frozenset(
    {"not_accepted", "respondent_declined", "failed", "withdrawn", "defaulted"}
)
SUCCESS_STATES = frozenset({"agreement_effective", "performing", "performed", "defaulted"})


# --- labels -----------------------------------------------------------------------------------


def state_label(state: str) -> str:
    return {
        "registered": translate("Mediation", "Registered"),
        "not_accepted": translate("Mediation", "Not accepted"),
        "respondent_declined": translate("Mediation", "Respondent declined"),
        "accepted": translate("Mediation", "Accepted"),
        "in_mediation": translate("Mediation", "In mediation"),
        "failed": translate("Mediation", "Mediation failed"),
        "referred_to_arbitration": translate("Mediation", "Referred to arbitration"),
        "agreement_draft": translate("Mediation", "Agreement drafted"),
        "agreement_effective": translate("Mediation", "Agreement in effect"),
        "performing": translate("Mediation", "Being performed"),
        "performed": translate("Mediation", "Performed"),
        "defaulted": translate("Mediation", "Not performed"),
        "withdrawn": translate("Mediation", "Withdrawn"),
        "closed": translate("Mediation", "Closed"),
        "archived": translate("Mediation", "Archived"),
    }.get(state, state)


def action_label(target: str) -> str:
    """The button that moves a case to ``target``, as a verb."""
    return {
        "accepted": translate("Mediation", "Accept"),
        "not_accepted": translate("Mediation", "Do not accept…"),
        "respondent_declined": translate("Mediation", "Respondent declines…"),
        "in_mediation": translate("Mediation", "Start mediation"),
        "agreement_draft": translate("Mediation", "Draft an agreement"),
        "failed": translate("Mediation", "Mediation failed…"),
        "referred_to_arbitration": translate("Mediation", "Refer to arbitration"),
        "performing": translate("Mediation", "Performance begins"),
        "performed": translate("Mediation", "Performed in full"),
        "defaulted": translate("Mediation", "Not performed…"),
        "withdrawn": translate("Mediation", "Withdrawn…"),
        "closed": translate("Mediation", "Close the case"),
        "archived": translate("Mediation", "Archive"),
    }.get(target, state_label(target))


def category_label(category: str) -> str:
    return {
        "wages": translate("Mediation", "Unpaid wages"),
        "overtime": translate("Mediation", "Overtime pay"),
        "dismissal": translate("Mediation", "Dismissal / economic compensation"),
        "damages": translate("Mediation", "Damages"),
        "social_insurance": translate("Mediation", "Social insurance"),
        "work_injury": translate("Mediation", "Work injury"),
        "contract": translate("Mediation", "Labour contract"),
        "employment_status": translate("Mediation", "Employment status"),
    }.get(category, category)


def application_kind_label(kind: str) -> str:
    return {
        "written": translate("Mediation", "Written application"),
        "oral": translate("Mediation", "Oral application"),
    }.get(kind, kind)


# --- case numbers -------------------------------------------------------------------------------


def format_number(year: int, prefix: str, sequence: int) -> str:
    """(2026)建工调字第0012号"""
    return f"({year}){prefix}字第{sequence:04d}号"


def _next_sequence(year: int) -> int:
    """Take the next number of ``year``; the caller holds the write lock (SQLite) and the
    counter row is locked FOR UPDATE (PostgreSQL), so two desks never get the same one."""
    CaseCounter.insert(year=year, last=0).on_conflict_ignore().execute()
    query = CaseCounter.select().where(CaseCounter.year == year)
    if not is_sqlite():
        query = query.for_update()
    counter = query.get()
    sequence = counter.last + 1
    CaseCounter.update(last=sequence).where(CaseCounter.year == year).execute()
    return sequence


# --- clocks ---------------------------------------------------------------------------------------


def mediation_due_for(received: date) -> date:
    """Mediation should end within 15 days of receiving the application (LDMAL Art. 14)."""
    return received + timedelta(days=MEDIATION_DAYS)


def add_working_days(start: date, days: int) -> date:
    """``days`` working days after ``start`` (weekends skipped; public holidays are not known)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def current_due(case: MediationCase) -> date:
    return case.extended_until or case.mediation_due


@dataclass(frozen=True)
class Limitation:
    """The advisory arbitration limitation (LDMAL Art. 27)."""

    deadline: date | None
    explanation: str


def limitation_for(case: MediationCase, claims: list[CaseClaim]) -> Limitation:
    """One year from when the worker knew; unpaid wages during employment run from the end of
    the job; applying for mediation interrupts it, and a new year starts when mediation ends."""
    wage_claim = any(c.category in ("wages", "overtime") for c in claims)
    if wage_claim and case.employment_ended is None:
        return Limitation(
            None,
            translate(
                "Mediation",
                "Wage arrears during employment are not time-barred; the year starts when the "
                "job ends.",
            ),
        )
    start = case.employment_ended if wage_claim else case.date_knew
    if start is None:
        return Limitation(
            None,
            translate("Mediation", "Unknown: record when the worker knew of the infringement."),
        )
    ended = case.closed_at.date() if case.closed_at else None
    if case.state in ("failed", "referred_to_arbitration", "withdrawn") and case.decided_at:
        ended = case.decided_at.date()
    if ended is not None:
        return Limitation(
            _add_years(ended, LIMITATION_YEARS),
            translate(
                "Mediation",
                "Interrupted by the mediation application on {received}; a new year runs from "
                "the end of mediation on {ended}. Advisory only.",
            ).format(received=case.received_at.date().isoformat(), ended=ended.isoformat()),
        )
    return Limitation(
        _add_years(start, LIMITATION_YEARS),
        translate(
            "Mediation",
            "One year from {start}; the mediation application of {received} interrupts it and a "
            "new year starts when mediation ends. Advisory only.",
        ).format(start=start.isoformat(), received=case.received_at.date().isoformat()),
    )


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def payment_order_eligible(claim: CaseClaim) -> bool:
    return claim.category in PAYMENT_ORDER_CATEGORIES


# --- intake ---------------------------------------------------------------------------------------


@dataclass
class ClaimInput:
    category: str
    amount: str | Decimal | None = None
    description: str = ""


@dataclass
class CaseInput:
    applicant_ids: list[int]
    respondent_id: int | None
    application_kind: str = "written"
    matters: str = ""
    reasons: str = ""
    facts: str = ""
    claims: list[ClaimInput] = field(default_factory=list)
    date_knew: date | None = None
    employment_ended: date | None = None
    received_at: datetime | None = None
    visit_id: int | None = None


def _amount(raw: str | Decimal | None) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).replace(",", "").replace("，", "").strip())
    except InvalidOperation as exc:
        raise ValueError from exc
    if (
        not value.is_finite()
        or value < 0
        or value >= MAX_AMOUNT
        or value != value.quantize(Decimal("0.01"))
    ):
        raise ValueError
    return value


def parse_amount(raw: str | Decimal | None) -> Decimal | None:
    """A sum of money as typed (thousands separators allowed), None for nothing; raises
    ValueError for anything else (the ledger import reads amounts with it)."""
    return _amount(raw)


def _validate_case(data: CaseInput) -> tuple[dict[str, object], list[dict[str, object]]]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    on = today()
    if data.application_kind not in APPLICATION_KINDS:
        errors["application_kind"] = translate("Mediation", "Choose written or oral.")
    values["application_kind"] = data.application_kind
    applicants = list(dict.fromkeys(data.applicant_ids))
    if not applicants:
        errors["applicants"] = translate("Mediation", "Add at least one applicant.")
    elif Person.select().where(Person.id.in_(applicants)).count() != len(applicants):
        errors["applicants"] = translate("Mediation", "An applicant is no longer on file.")
    if (
        data.respondent_id is None
        or not Organization.select().where(Organization.id == data.respondent_id).exists()
    ):
        errors["respondent"] = translate("Mediation", "Choose the employer (the respondent).")
    values["respondent"] = data.respondent_id
    oral = data.application_kind == "oral"
    for name, limit, required in (
        ("matters", 4000, oral),
        ("reasons", 4000, oral),
        ("facts", MAX_TEXT, False),
    ):
        try:
            values[name] = normalize_text(
                getattr(data, name), field=name, max_length=limit, required=required
            )
        except ValidationError as exc:
            errors[name] = (
                translate(
                    "Mediation",
                    "An oral application must record this (LDMAL Art. 12).",
                )
                if required and not getattr(data, name).strip()
                else exc.message
            )
    claims: list[dict[str, object]] = []
    if not data.claims:
        errors["claims"] = translate("Mediation", "Add at least one claim.")
    for number, claim in enumerate(data.claims, start=1):
        if claim.category not in CLAIM_CATEGORIES:
            errors["claims"] = translate("Mediation", "Claim {n}: choose a category.").format(
                n=number
            )
            continue
        try:
            amount = _amount(claim.amount)
        except ValueError:
            errors["claims"] = translate(
                "Mediation", "Claim {n}: the amount must be a sum of money like 12000.50."
            ).format(n=number)
            continue
        try:
            description = normalize_text(claim.description, field="claims", max_length=2000)
        except ValidationError as exc:
            errors["claims"] = exc.message
            continue
        claims.append({"category": claim.category, "amount": amount, "description": description})
    for name in ("date_knew", "employment_ended"):
        value = getattr(data, name)
        if value is not None and value > on:
            errors[name] = translate("Mediation", "This date is in the future.")
        elif value is not None and value.year < 1990:
            errors[name] = translate("Mediation", "This date is before 1990.")
        values[name] = value
    received = data.received_at or now()
    if received > now() + timedelta(minutes=5):
        errors["received_at"] = translate("Mediation", "The application cannot be received later.")
    values["received_at"] = received
    if data.visit_id is not None and not Visit.select().where(Visit.id == data.visit_id).exists():
        errors["visit"] = translate("Mediation", "The visit no longer exists.")
    values["visit"] = data.visit_id
    values["collective"] = len(applicants) >= COLLECTIVE_THRESHOLD
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values, claims


def file_case(actor: Staff, data: CaseInput) -> MediationCase:
    """Register an application and give it the next case number of the year."""
    require(actor, "case.create")
    values, claims = _validate_case(data)
    prefix = station_settings().case_prefix
    received: datetime = values["received_at"]  # type: ignore[assignment]
    with transaction(lock=True):
        year = received.year
        sequence = _next_sequence(year)
        moment = now()
        case = MediationCase.create(
            year=year,
            sequence=sequence,
            number=format_number(year, prefix, sequence),
            mediation_due=mediation_due_for(received.date()),
            created_by=actor,
            created_at=moment,
            updated_at=moment,
            **values,
        )
        CaseParty.insert_many(
            [{"case": case.id, "person": pid} for pid in dict.fromkeys(data.applicant_ids)]
        ).execute()
        if claims:
            CaseClaim.insert_many([{"case": case.id, **c} for c in claims]).execute()
        CaseEvent.create(
            case=case, staff=actor, kind="transition", to_state="registered", at=moment
        )
        Person.update(last_activity_at=moment).where(
            Person.id.in_(list(data.applicant_ids))
        ).execute()
        audit(actor, "create", "case", case.id, {"number": case.number})
    changes.notify("case")
    return case


@dataclass(frozen=True)
class FiledCase:
    """What the front desk may know of a case it filed: its number and state, nothing more."""

    number: str
    state: str


def filed_case_summary(actor: Staff, case_id: int) -> FiledCase:
    case = MediationCase.get_or_none(MediationCase.id == case_id)
    if case is None:
        raise NotFound(translate("Mediation", "This case does not exist."))
    if not has_permission(actor, "case.read") and case.created_by_id != actor.id:
        raise PermissionDenied(translate("Mediation", "Only mediators may see this case."))
    return FiledCase(case.number, case.state)


def filed_by_me(actor: Staff, *, limit: int = 50) -> list[FiledCase]:
    """The cases this staff member filed, as number and state only (for the front desk)."""
    require(actor, "case.create")
    rows = (
        MediationCase.select(MediationCase.number, MediationCase.state)
        .where(MediationCase.created_by == actor.id)
        .order_by(MediationCase.received_at.desc())
        .limit(limit)
        .tuples()
    )
    return [FiledCase(number, state) for number, state in rows]


# --- reading --------------------------------------------------------------------------------------


@dataclass
class CaseFilter:
    state: str | None = None
    open_only: bool = False
    mediator_id: int | None = None
    respondent_id: int | None = None
    person_id: int | None = None
    text: str = ""


def _case_query(filt: CaseFilter, *, counting: bool = False) -> peewee.ModelSelect:
    """The filtered cases with their respondents, or (``counting``) the cases alone: every
    case has its respondent, so the count needs no join."""
    if counting:
        query = MediationCase.select(MediationCase.id)
    else:
        query = MediationCase.select(MediationCase, Organization).join(Organization)
    # The page walks the date index and tests each case's id against sets read from their own
    # indexes: id + 0 keeps SQLite from looking up and sorting every match instead (all 7,935
    # closed cases, all 20,000 for 北). The count lets SQLite look the matches up. PostgreSQL
    # hashes each set once and filters the walk by it, unless id + 0 hides the id: then it
    # looks every case up by id + 0 (20,000 probes, 56 against 10 ms for 592).
    sqlite_walk = not counting and is_sqlite()
    ids = MediationCase.id + 0 if sqlite_walk else MediationCase.id

    def of_cases(condition: peewee.Expression) -> peewee.Expression:
        if counting:
            return condition
        return ids.in_(MediationCase.select(MediationCase.id).where(condition))

    if filt.state:
        query = query.where(of_cases(MediationCase.state == filt.state))
    if filt.open_only:
        query = query.where(of_cases(MediationCase.state.in_(list(OPEN_STATES))))
    if filt.mediator_id:
        query = query.where(MediationCase.mediator == filt.mediator_id)
    if filt.respondent_id:
        query = query.where(MediationCase.respondent == filt.respondent_id)
    if filt.person_id:
        query = query.where(
            MediationCase.id.in_(
                CaseParty.select(CaseParty.case).where(CaseParty.person == filt.person_id)
            )
        )
    text = filt.text.strip()
    if text:
        matching = ids.in_(
            MediationCase.select(MediationCase.id).where(contains(MediationCase.number, text))
        )
        respondents = Organization.select(Organization.id).where(contains(Organization.name, text))
        if not sqlite_walk:
            matching = matching | MediationCase.respondent.in_(respondents)
        elif respondents.exists():
            # Tested on each case walked: a list of every case of 北京… would cost more.
            matching = matching | (MediationCase.respondent + 0).in_(respondents)
        parties = _cases_of_parties_named(text)
        if parties is not None:
            matching = matching | ids.in_(parties)
        query = query.where(matching)
    return query


def _cases_of_parties_named(text: str) -> peewee.ModelSelect | None:
    """The cases of parties whose name holds ``text``; None when no name can hold it.

    A name holds letters only (validation.normalize_name), so a number typed is no name. Text
    in characters is looked up in the indexed name keys (the whole name, the given name, each
    part of a transliterated name) rather than in 200,000 names; Latin text is looked for
    anywhere in the name, as the keys of a Chinese name are its pinyin.
    """
    if any(category(ch) == "Nd" for ch in text):
        return None
    token = normalize_search(text)[:MAX_KEY_LENGTH]
    if token and not token.isascii():
        # Phone, ID and card keys are ASCII: only name keys can start with this token.
        key = PersonSearchKey.key
        people = PersonSearchKey.select(PersonSearchKey.person).where(
            key >= token, key < token + "\U0010ffff"
        )
    else:
        people = Person.select(Person.id).where(contains(Person.name, text))
    return CaseParty.select(CaseParty.case).where(CaseParty.person.in_(people))


def list_cases(
    actor: Staff, filt: CaseFilter | None = None, *, offset: int = 0, limit: int = 100
) -> list[MediationCase]:
    """Cases newest first. Only mediators, the head of mediation and administrators."""
    require(actor, "case.read")
    return list(
        _case_query(filt or CaseFilter())
        .order_by(MediationCase.received_at.desc(), MediationCase.id.desc())
        .offset(offset)
        .limit(limit)
    )


def count_cases(actor: Staff, filt: CaseFilter | None = None) -> int:
    require(actor, "case.read")
    return _case_query(filt or CaseFilter(), counting=True).count()


def applicants_of(cases: list[MediationCase]) -> dict[int, list[Person]]:
    by_case: dict[int, list[Person]] = {c.id: [] for c in cases}
    if not cases:
        return by_case
    rows = (
        CaseParty.select(CaseParty, Person)
        .join(Person)
        .where(CaseParty.case.in_(list(by_case)))
        .order_by(CaseParty.id)
    )
    for row in rows:
        by_case[row.case_id].append(row.person)
    return by_case


def get_case(actor: Staff, case_id: int) -> MediationCase:
    """A case read again after a change or for its documents; not audited (open_case is)."""
    require(actor, "case.read")
    case = (
        MediationCase.select(MediationCase, Organization)
        .join(Organization)
        .where(MediationCase.id == case_id)
        .first()
    )
    if case is None:
        raise NotFound(translate("Mediation", "This case does not exist."))
    return case


def open_case(actor: Staff, case_id: int) -> MediationCase:
    """A case opened for reading: each opening is written to the audit trail (confidential)."""
    case = get_case(actor, case_id)
    with transaction():
        audit(actor, "open", "case", case.id)
    return case


def case_claims(actor: Staff, case_id: int) -> list[CaseClaim]:
    require(actor, "case.read")
    return list(CaseClaim.select().where(CaseClaim.case == case_id).order_by(CaseClaim.id))


def case_events(actor: Staff, case_id: int) -> list[CaseEvent]:
    require(actor, "case.read")
    return list(
        CaseEvent.select(CaseEvent, Staff)
        .join(Staff)
        .where(CaseEvent.case == case_id)
        .order_by(CaseEvent.at, CaseEvent.id)
    )


def case_sessions(actor: Staff, case_id: int) -> list[CaseSession]:
    require(actor, "case.read")
    return list(
        CaseSession.select().where(CaseSession.case == case_id).order_by(CaseSession.held_at)
    )


def current_agreement(actor: Staff, case_id: int) -> Agreement | None:
    require(actor, "case.read")
    return Agreement.select().where(Agreement.case == case_id).order_by(Agreement.id.desc()).first()


def agreement_obligations(actor: Staff, agreement_id: int) -> list[Obligation]:
    require(actor, "case.read")
    return list(
        Obligation.select().where(Obligation.agreement == agreement_id).order_by(Obligation.id)
    )


def case_follow_ups(actor: Staff, case_id: int) -> list[CaseFollowUp]:
    require(actor, "case.read")
    return list(
        CaseFollowUp.select().where(CaseFollowUp.case == case_id).order_by(CaseFollowUp.held_on)
    )


# --- documents ------------------------------------------------------------------------------

# The printed documents of a case, in the order of a case file (domain/mediation.md, Documents).
DOCUMENT_CODES: tuple[str, ...] = (
    "application_record",
    "acceptance_notice",
    "not_acceptance_notice",
    "mediation_record",
    "agreement",
    "failed_record",
    "arbitration_pack",
)


# The documents the parties sign. They identify each applicant by the whole ID number: an
# agreement may go to a court for judicial confirmation (司法确认), a failed record and the
# arbitration application to the arbitration commission. Notices that only inform keep the
# masked number.
SIGNED_DOCUMENTS = frozenset(
    {"application_record", "agreement", "failed_record", "arbitration_pack"}
)


def party_ids_for_document(actor: Staff, case_id: int, document: str) -> dict[int, str]:
    """The whole ID numbers of a case's applicants (person id to number) for one output of a
    signed document: a preview, a print or a PDF. Each output is audited, as each showing of a
    whole ID number is."""
    require(actor, "case.read")
    require(actor, "person.view_full_id")
    if document not in SIGNED_DOCUMENTS:
        raise ValueError(f"{document} is not a document the parties sign")
    case = get_case(actor, case_id)
    numbers = {p.id: p.id_number for p in applicants_of([case])[case.id]}
    with transaction():
        audit(
            actor,
            "print_full_id",
            "case",
            case.id,
            {"document": document, "people": sorted(numbers)},
        )
    return numbers


@dataclass(frozen=True)
class DocumentAvailability:
    """Whether a case's document can be printed now; ``reason`` says why not, ``since`` the
    date or time of the step it records (the application, the decision, the session...)."""

    code: str
    available: bool
    reason: str = ""
    since: date | datetime | None = None


def _reached(case: MediationCase, events: list[CaseEvent]) -> dict[str, datetime]:
    """Each state the case has been in, with when it last got there."""
    reached = {"registered": case.received_at}
    for event in events:
        if event.kind == "transition" and event.to_state:
            reached[event.to_state] = event.at
    reached.setdefault(case.state, case.updated_at or case.received_at)
    return reached


def document_rules(
    case: MediationCase,
    events: list[CaseEvent],
    sessions: list[CaseSession],
    agreement: Agreement | None,
) -> dict[str, DocumentAvailability]:
    """Which documents the case's history allows, each with the reason when it does not.

    - the application record from registration (every case);
    - the acceptance notice once the case was accepted;
    - the non-acceptance notice once it was not accepted or the respondent declined;
    - the session record once a session is recorded;
    - the agreement once one is drafted, while mediation goes on or after it took effect
      (a draft of a case that ended without agreement is not an agreement);
    - the failed-mediation record and the arbitration pack (which carries that record as proof
      that the limitation was interrupted) once mediation failed.
    """
    reached = _reached(case, events)

    def doc(code: str, since: date | datetime | None, reason: str) -> DocumentAvailability:
        if since is None:
            return DocumentAvailability(code, False, reason)
        return DocumentAvailability(code, True, "", since)

    refused = [reached[s] for s in ("not_accepted", "respondent_declined") if s in reached]
    agreement_on: date | datetime | None = None
    if agreement is not None:
        if agreement.effective_at is not None:
            agreement_on = agreement.effective_at
        elif case.state in ("in_mediation", "agreement_draft"):
            agreement_on = agreement.created_at
    if agreement is None:
        agreement_reason = translate("Mediation", "No agreement has been drafted.")
    else:
        agreement_reason = translate(
            "Mediation", "The drafted agreement never took effect: mediation ended without one."
        )
    failed_reason = translate(
        "Mediation", "Only when mediation has failed (ended without an agreement)."
    )
    rules = [
        doc("application_record", case.received_at, ""),
        doc(
            "acceptance_notice",
            reached.get("accepted"),
            translate("Mediation", "The case has not been accepted yet.")
            if case.state == "registered"
            else translate("Mediation", "The case was not accepted."),
        ),
        doc(
            "not_acceptance_notice",
            max(refused) if refused else None,
            translate(
                "Mediation",
                "Only when the case is not accepted or the respondent declines mediation.",
            ),
        ),
        doc(
            "mediation_record",
            sessions[-1].held_at if sessions else None,
            translate("Mediation", "No mediation session has been recorded."),
        ),
        doc("agreement", agreement_on, agreement_reason),
        doc("failed_record", reached.get("failed"), failed_reason),
        doc(
            "arbitration_pack",
            reached.get("failed"),
            failed_reason,
        ),
    ]
    return {rule.code: rule for rule in rules}


def document_availability(actor: Staff, case_id: int) -> dict[str, DocumentAvailability]:
    """The documents of a case that its state allows (UX.md, Printing), read in four queries."""
    case = get_case(actor, case_id)
    return document_rules(
        case,
        case_events(actor, case_id),
        case_sessions(actor, case_id),
        current_agreement(actor, case_id),
    )


# --- transitions ----------------------------------------------------------------------------


def allowed_transitions(case: MediationCase) -> list[str]:
    return sorted(TRANSITIONS.get(case.state, frozenset()), key=lambda s: _STATE_ORDER[s])


_STATE_ORDER = {
    state: index
    for index, state in enumerate(
        (
            "accepted",
            "in_mediation",
            "agreement_draft",
            "agreement_effective",
            "performing",
            "performed",
            "not_accepted",
            "respondent_declined",
            "failed",
            "referred_to_arbitration",
            "defaulted",
            "withdrawn",
            "closed",
            "archived",
            "registered",
        )
    )
}


def missing_for_effect(agreement: Agreement | None) -> list[str]:
    """What an agreement still lacks to take effect (LDMAL Art. 14), in words."""
    if agreement is None:
        return [translate("Mediation", "a drafted agreement")]
    missing = []
    if not agreement.signed_applicant:
        missing.append(translate("Mediation", "the applicant's signature"))
    if not agreement.signed_respondent:
        missing.append(translate("Mediation", "the respondent's signature or seal"))
    if not agreement.signed_mediator:
        missing.append(translate("Mediation", "the mediator's signature"))
    if not agreement.sealed_organization:
        missing.append(translate("Mediation", "the mediation organisation's seal"))
    return missing


def _locked_case(case_id: int) -> MediationCase:
    query = MediationCase.select().where(MediationCase.id == case_id)
    if not is_sqlite():
        query = query.for_update()
    case = query.first()
    if case is None:
        raise NotFound(translate("Mediation", "This case does not exist."))
    return case


def transition(actor: Staff, case_id: int, to_state: str, *, reason: str = "") -> MediationCase:
    """Move a case to ``to_state`` if the law and the case allow it; audited with the reason."""
    require(actor, "case.manage")
    try:
        clean_reason = normalize_text(
            reason, field="reason", max_length=4000, required=to_state in REASON_REQUIRED
        )
    except ValidationError as exc:
        message = (
            translate("Mediation", "Give the reason for this step.")
            if not reason.strip()
            else exc.message
        )
        raise ValidationError(message, field="reason") from exc
    with transaction(lock=True):
        case = _locked_case(case_id)
        if to_state not in TRANSITIONS.get(case.state, frozenset()):
            raise ValidationError(
                translate(
                    "Mediation", "A case that is “{current}” cannot become “{target}”."
                ).format(current=state_label(case.state), target=state_label(to_state)),
                field="state",
            )
        moment = now()
        if to_state == "agreement_effective":
            agreement = (
                Agreement.select()
                .where(Agreement.case == case.id)
                .order_by(Agreement.id.desc())
                .first()
            )
            missing = missing_for_effect(agreement)
            if missing:
                raise ValidationError(
                    translate(
                        "Mediation", "The agreement cannot take effect yet: missing {what}."
                    ).format(what="、".join(missing)),
                    field="agreement",
                )
            agreement.effective_at = moment
            agreement.save()
            case.review_due = moment.date() + timedelta(days=REVIEW_DAYS)
        if to_state in ("accepted", "not_accepted", "respondent_declined", "failed", "withdrawn"):
            case.decided_at = moment
            case.decision_reason = clean_reason
        if to_state == "closed":
            case.closed_at = moment
        previous = case.state
        case.state = to_state
        case.updated_at = moment
        case.save()
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="transition",
            from_state=previous,
            to_state=to_state,
            reason=clean_reason,
            at=moment,
        )
        audit(
            actor,
            "transition",
            "case",
            case.id,
            {"from": previous, "to": to_state, "reason": clean_reason},
        )
    changes.notify("case")
    return case


def extend_mediation(actor: Staff, case_id: int, *, until: date, note: str) -> MediationCase:
    """Extend the 15-day period; only with a recorded agreement of both parties."""
    require(actor, "case.manage")
    errors: dict[str, str] = {}
    try:
        clean_note = normalize_text(note, field="note", max_length=2000, required=True)
    except ValidationError:
        errors["note"] = translate(
            "Mediation", "Record that both parties agreed to the extension, and how."
        )
    with transaction(lock=True):
        case = _locked_case(case_id)
        if case.state not in ("accepted", "in_mediation", "agreement_draft"):
            errors["state"] = translate("Mediation", "Only a case in mediation can be extended.")
        if until <= current_due(case):
            errors["until"] = translate(
                "Mediation", "The new date must be after the current due date ({due})."
            ).format(due=current_due(case).isoformat())
        if errors:
            raise ValidationError(
                next(iter(errors.values())), field=next(iter(errors)), errors=errors
            )
        previous = current_due(case)
        case.extended_until = until
        case.extension_note = clean_note
        case.updated_at = now()
        case.save()
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="extension",
            reason=translate("Mediation", "Extended from {old} to {new}: {note}").format(
                old=previous.isoformat(), new=until.isoformat(), note=clean_note
            ),
        )
        audit(actor, "extend", "case", case.id, {"from": previous, "to": until})
    changes.notify("case")
    return case


# --- mediators and impartiality ------------------------------------------------------------------


class RelatedMediator(ValidationError):
    """The mediator is related to a party; assigning needs a recorded reason."""


def mediator_relations(
    mediator_id: int, *, person_ids: list[int], organization_id: int | None
) -> list[MediatorRelation]:
    conditions = MediatorRelation.person.in_(person_ids or [0])
    if organization_id is not None:
        conditions = conditions | (MediatorRelation.organization == organization_id)
    return list(MediatorRelation.select().where(MediatorRelation.staff == mediator_id, conditions))


def mediators(actor: Staff) -> list[Staff]:
    """Active staff who can mediate."""
    require(actor, "case.read")
    return [
        s
        for s in Staff.select().where(Staff.active).order_by(Staff.display_name)
        if s.role_set & {"mediator", "mediation_head"}
    ]


def assign_mediator(
    actor: Staff, case_id: int, mediator_id: int, *, reason: str = ""
) -> MediationCase:
    """Assign the mediator; a mediator related to a party is refused unless a reason is given."""
    require(actor, "case.assign")
    mediator = Staff.get_or_none(Staff.id == mediator_id)
    if (
        mediator is None
        or not mediator.active
        or not (mediator.role_set & {"mediator", "mediation_head"})
    ):
        raise ValidationError(
            translate("Mediation", "Choose an active mediator."), field="mediator"
        )
    with transaction(lock=True):
        case = _locked_case(case_id)
        people = [p.person_id for p in CaseParty.select().where(CaseParty.case == case.id)]
        related = mediator_relations(
            mediator_id, person_ids=people, organization_id=case.respondent_id
        )
        clean_reason = normalize_text(reason[:2000], field="mediator", max_length=2000)
        if related and not clean_reason:
            raise RelatedMediator(
                translate(
                    "Mediation",
                    "{name} is related to a party ({relations}). Give the reason for assigning "
                    "them anyway, or choose another mediator.",
                ).format(
                    name=mediator.display_name, relations="；".join(r.relation for r in related)
                ),
                field="mediator",
            )
        case.mediator = mediator
        case.mediator_reason = clean_reason if related else ""
        case.updated_at = now()
        case.save()
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="assignment",
            reason=translate("Mediation", "Mediator: {name}").format(name=mediator.display_name)
            + (f"（{clean_reason}）" if related else ""),
        )
        audit(
            actor,
            "assign",
            "case",
            case.id,
            {"mediator": mediator_id, "related": bool(related), "reason": clean_reason},
        )
    changes.notify("case")
    return case


def add_relation(
    actor: Staff,
    *,
    mediator_id: int,
    relation: str,
    person_id: int | None = None,
    organization_id: int | None = None,
) -> MediatorRelation:
    """Record a mediator's tie to a person or an organisation (family, former employer...)."""
    require(actor, "case.manage")
    if actor.id != mediator_id and not has_permission(actor, "case.assign"):
        raise PermissionDenied(
            translate("Mediation", "Only the mediator or the head of mediation may record this.")
        )
    if (person_id is None) == (organization_id is None):
        raise ValidationError(
            translate("Mediation", "Choose either a person or an organisation."), field="party"
        )
    clean = normalize_text(relation, field="relation", max_length=200, required=True)
    if not Staff.select().where(Staff.id == mediator_id).exists():
        raise ValidationError(
            translate("Mediation", "Choose an active mediator."), field="mediator"
        )
    party = (
        Person.select().where(Person.id == person_id)
        if person_id is not None
        else Organization.select().where(Organization.id == organization_id)
    )
    if not party.exists():
        raise ValidationError(
            translate("Mediation", "This person or organisation is no longer on file."),
            field="party",
        )
    with transaction():
        record = MediatorRelation.create(
            staff=mediator_id, person=person_id, organization=organization_id, relation=clean
        )
        audit(actor, "create", "mediator_relation", record.id, {"mediator": mediator_id})
    changes.notify("case")
    return record


@dataclass(frozen=True)
class EmployerHistory:
    cases: int
    by_state: dict[str, int]


def employer_history(
    actor: Staff, organization_id: int, *, exclude_case_id: int | None = None
) -> EmployerHistory:
    """Earlier cases against the same employer: a respondent that keeps coming back."""
    require(actor, "case.read")
    query = MediationCase.select(MediationCase.state, peewee.fn.COUNT(MediationCase.id)).where(
        MediationCase.respondent == organization_id
    )
    if exclude_case_id is not None:
        query = query.where(MediationCase.id != exclude_case_id)
    by_state = dict(query.group_by(MediationCase.state).tuples())
    return EmployerHistory(cases=sum(by_state.values()), by_state=by_state)


# --- sessions, agreements, performance, follow-ups ----------------------------------------------


@dataclass
class SessionInput:
    held_at: datetime
    place: str = ""
    attendees: str = ""
    record: str = ""
    signed_by_parties: bool = False
    signed_by_mediator: bool = False


def _check_open(case: MediationCase, states: tuple[str, ...]) -> None:
    if case.state not in states:
        raise ValidationError(
            translate("Mediation", "Not possible while the case is “{state}”.").format(
                state=state_label(case.state)
            ),
            field="state",
        )


def add_session(actor: Staff, case_id: int, data: SessionInput) -> CaseSession:
    require(actor, "case.manage")
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, limit in (("place", 200), ("attendees", 1000), ("record", MAX_TEXT)):
        try:
            values[name] = normalize_text(getattr(data, name), field=name, max_length=limit)
        except ValidationError as exc:
            errors[name] = exc.message
    if "record" not in errors and not str(values.get("record", "")).strip():
        errors["record"] = translate("Mediation", "Write the record of the session.")
    if data.held_at > now() + timedelta(minutes=5):
        errors["held_at"] = translate("Mediation", "The session cannot be in the future.")
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    with transaction():
        case = _locked_case(case_id)
        _check_open(case, ("accepted", "in_mediation", "agreement_draft"))
        session = CaseSession.create(
            case=case,
            held_at=data.held_at,
            signed_by_parties=data.signed_by_parties,
            signed_by_mediator=data.signed_by_mediator,
            **values,
        )
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="session",
            reason=translate("Mediation", "Session at {place}").format(
                place=values["place"] or "—"
            ),
        )
        audit(actor, "create", "case_session", session.id, {"case": case.id})
    changes.notify("case")
    return session


@dataclass
class ObligationInput:
    description: str
    amount: str | Decimal | None = None
    due_on: date | None = None


@dataclass
class AgreementInput:
    terms: str
    obligations: list[ObligationInput] = field(default_factory=list)
    signed_applicant: bool = False
    signed_respondent: bool = False
    signed_mediator: bool = False
    sealed_organization: bool = False


def save_agreement(actor: Staff, case_id: int, data: AgreementInput) -> Agreement:
    """Write or rewrite the draft agreement with its obligations, and its signatures so far."""
    require(actor, "case.manage")
    errors: dict[str, str] = {}
    try:
        terms = normalize_text(data.terms, field="terms", max_length=MAX_TEXT, required=True)
    except ValidationError:
        errors["terms"] = translate("Mediation", "Write the terms of the agreement.")
        terms = ""
    obligations: list[dict[str, object]] = []
    for number, item in enumerate(data.obligations, start=1):
        if not item.description.strip() and item.amount in (None, "") and item.due_on is None:
            continue
        try:
            description = normalize_text(
                item.description, field="obligations", max_length=1000, required=True
            )
            amount = _amount(item.amount)
        except (ValidationError, ValueError):
            errors["obligations"] = translate(
                "Mediation", "Obligation {n}: say what is to be done and a valid amount."
            ).format(n=number)
            continue
        obligations.append({"description": description, "amount": amount, "due_on": item.due_on})
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    with transaction(lock=True):
        case = _locked_case(case_id)
        _check_open(case, ("in_mediation", "agreement_draft"))
        agreement = (
            Agreement.select()
            .where(Agreement.case == case.id)
            .order_by(Agreement.id.desc())
            .first()
        )
        if agreement is None or agreement.effective_at is not None:
            agreement = Agreement.create(case=case, terms=terms)
        agreement.terms = terms
        agreement.signed_applicant = data.signed_applicant
        agreement.signed_respondent = data.signed_respondent
        agreement.signed_mediator = data.signed_mediator
        agreement.sealed_organization = data.sealed_organization
        agreement.save()
        Obligation.delete().where(Obligation.agreement == agreement.id).execute()
        if obligations:
            Obligation.insert_many(
                [{"agreement": agreement.id, **o} for o in obligations]
            ).execute()
        if case.state == "in_mediation":
            case.state = "agreement_draft"
            case.updated_at = now()
            case.save()
            CaseEvent.create(
                case=case,
                staff=actor,
                kind="transition",
                from_state="in_mediation",
                to_state="agreement_draft",
            )
        audit(
            actor,
            "save_agreement",
            "case",
            case.id,
            {"obligations": len(obligations), "signatures": missing_for_effect(agreement)},
        )
    changes.notify("case")
    return agreement


def record_performance(
    actor: Staff,
    obligation_id: int,
    *,
    performed_on: date,
    amount: str | Decimal | None,
    proof: str,
) -> Obligation:
    """The respondent did what the agreement says (with proof: a receipt, a bank slip...)."""
    require(actor, "case.manage")
    errors: dict[str, str] = {}
    if performed_on > today():
        errors["performed_on"] = translate("Mediation", "This date is in the future.")
    try:
        paid = _amount(amount)
    except ValueError:
        errors["amount"] = translate(
            "Mediation", "The amount must be a sum of money like 12000.50."
        )
        paid = None
    try:
        clean_proof = normalize_text(proof, field="proof", max_length=2000, required=True)
    except ValidationError:
        errors["proof"] = translate("Mediation", "Say what proves it (receipt, transfer slip...).")
        clean_proof = ""
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    with transaction():
        obligation = Obligation.get_or_none(Obligation.id == obligation_id)
        if obligation is None:
            raise NotFound(translate("Mediation", "This obligation does not exist."))
        agreement = Agreement.get_by_id(obligation.agreement_id)
        case = _locked_case(agreement.case_id)
        _check_open(case, ("agreement_effective", "performing", "defaulted", "performed"))
        obligation.performed_on = performed_on
        obligation.performed_amount = paid
        obligation.proof = clean_proof
        obligation.save()
        if case.state == "agreement_effective":
            case.state = "performing"
            case.updated_at = now()
            case.save()
            CaseEvent.create(
                case=case,
                staff=actor,
                kind="transition",
                from_state="agreement_effective",
                to_state="performing",
            )
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="performance",
            reason=translate("Mediation", "Performed: {what}").format(what=obligation.description),
        )
        audit(actor, "performance", "case", case.id, {"obligation": obligation.id})
    changes.notify("case")
    return obligation


def add_follow_up(actor: Staff, case_id: int, *, held_on: date, notes: str) -> CaseFollowUp:
    """A follow-up visit (回访): did the agreement hold, how is the worker?"""
    require(actor, "case.manage")
    if held_on > today():
        raise ValidationError(
            translate("Mediation", "This date is in the future."), field="held_on"
        )
    clean = normalize_text(notes, field="notes", max_length=4000, required=True)
    with transaction():
        case = _locked_case(case_id)
        record = CaseFollowUp.create(case=case, held_on=held_on, staff=actor, notes=clean)
        CaseEvent.create(case=case, staff=actor, kind="follow_up", reason=clean[:200])
        audit(actor, "create", "case_follow_up", record.id, {"case": case.id})
    changes.notify("case")
    return record


# --- deadlines ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    case_id: int
    number: str
    respondent: str
    kind: str
    due: date

    def overdue(self, on: date) -> bool:
        return self.due < on

    def label(self) -> str:
        return {
            "acceptance": translate("Mediation", "Decide on acceptance"),
            "mediation": translate("Mediation", "Mediation period ends"),
            "review": translate("Mediation", "Joint review window ends"),
            "obligation": translate("Mediation", "Obligation due"),
        }.get(self.kind, self.kind)


def deadlines(
    actor: Staff, *, on: date | None = None, horizon_days: int = SOON_DAYS
) -> list[Deadline]:
    """Every clock that has run out or runs out within ``horizon_days``: overdue first."""
    require(actor, "case.read")
    on = on or today()
    limit = on + timedelta(days=horizon_days)
    found: list[Deadline] = []
    # Only the columns a deadline line shows, as tuples: the owed obligations of a large station
    # are a thousand rows, and whole models of four tables each would take a second to build.
    head = (MediationCase.id, MediationCase.number, Organization.name)
    registered = (
        MediationCase.select(*head, MediationCase.received_at)
        .join(Organization)
        .where(
            MediationCase.state == "registered",
            # Working days are at least as many calendar days: later receipts are not due yet.
            MediationCase.received_at
            < datetime.combine(limit - timedelta(days=ACCEPTANCE_WORKING_DAYS - 1), time.min),
        )
        .tuples()
    )
    for case_id, number, respondent, received_at in registered:
        due = add_working_days(received_at.date(), ACCEPTANCE_WORKING_DAYS)
        if due <= limit:
            found.append(Deadline(case_id, number, respondent, "acceptance", due))
    mediating = (
        MediationCase.select(*head, MediationCase.extended_until, MediationCase.mediation_due)
        .join(Organization)
        .where(
            MediationCase.state.in_(["accepted", "in_mediation", "agreement_draft"]),
            (MediationCase.mediation_due <= limit) | (MediationCase.extended_until <= limit),
        )
        .tuples()
    )
    for case_id, number, respondent, extended_until, mediation_due in mediating:
        due = extended_until or mediation_due  # current_due()
        if due <= limit:
            found.append(Deadline(case_id, number, respondent, "mediation", due))
    reviewing = (
        MediationCase.select(*head, MediationCase.review_due)
        .join(Organization)
        .where(
            MediationCase.state.in_(["agreement_effective", "performing"]),
            MediationCase.review_due >= on - timedelta(days=1),
            MediationCase.review_due <= limit,
        )
        .tuples()
    )
    for case_id, number, respondent, review_due in reviewing:
        found.append(Deadline(case_id, number, respondent, "review", review_due))
    owed = (
        Obligation.select(*head, Obligation.due_on)
        .join(Agreement)
        .join(MediationCase)
        .join(Organization)
        .where(
            Obligation.performed_on.is_null(),
            Obligation.due_on <= limit,
            MediationCase.state.in_(["agreement_effective", "performing"]),
        )
        .tuples()
    )
    for case_id, number, respondent, due_on in owed:
        found.append(Deadline(case_id, number, respondent, "obligation", due_on))
    found.sort(key=lambda d: (not d.overdue(on), d.due, d.number))
    return found


# --- ledger and statistics ---------------------------------------------------------------------


@dataclass(frozen=True)
class CaseStatistics:
    total: int
    by_category: dict[str, int]
    by_state: dict[str, int]
    by_month: dict[str, int]
    decided: int
    succeeded: int
    average_days_to_close: float | None
    amount_claimed: Decimal
    amount_agreed: Decimal
    amount_paid: Decimal

    @property
    def success_rate(self) -> float | None:
        return self.succeeded / self.decided if self.decided else None


def statistics(actor: Staff, *, date_from: date, date_to: date) -> CaseStatistics:
    """Figures for cases received between the two dates, from SQL aggregates."""
    require(actor, "case.read")
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to + timedelta(days=1), time.min)
    in_range = (MediationCase.received_at >= start) & (MediationCase.received_at < end)
    by_state = dict(
        MediationCase.select(MediationCase.state, peewee.fn.COUNT(MediationCase.id))
        .where(in_range)
        .group_by(MediationCase.state)
        .tuples()
    )
    by_category = dict(
        CaseClaim.select(CaseClaim.category, peewee.fn.COUNT(peewee.fn.DISTINCT(CaseClaim.case)))
        .join(MediationCase)
        .where(in_range)
        .group_by(CaseClaim.category)
        .tuples()
    )
    month = (
        peewee.fn.strftime("%Y-%m", MediationCase.received_at)
        if is_sqlite()
        else peewee.fn.to_char(MediationCase.received_at, "YYYY-MM")
    )
    by_month = dict(
        MediationCase.select(month, peewee.fn.COUNT(MediationCase.id))
        .where(in_range)
        .group_by(month)
        .order_by(month)
        .tuples()
    )
    closed_rows = (
        MediationCase.select(MediationCase.received_at, MediationCase.closed_at)
        .where(in_range, MediationCase.closed_at.is_null(False))
        .tuples()
    )
    durations = [(closed - received).days for received, closed in closed_rows]
    claimed = (
        CaseClaim.select(peewee.fn.SUM(CaseClaim.amount))
        .join(MediationCase)
        .where(in_range)
        .scalar()
    )
    agreed = (
        Obligation.select(peewee.fn.SUM(Obligation.amount))
        .join(Agreement)
        .join(MediationCase)
        .where(in_range, Agreement.effective_at.is_null(False))
        .scalar()
    )
    paid = (
        Obligation.select(peewee.fn.SUM(Obligation.performed_amount))
        .join(Agreement)
        .join(MediationCase)
        .where(in_range)
        .scalar()
    )
    succeeded = sum(n for s, n in by_state.items() if s in SUCCESS_STATES)
    closed_successes = (
        MediationCase.select()
        .where(
            in_range,
            MediationCase.state.in_(["closed", "archived"]),
            MediationCase.id.in_(
                Agreement.select(Agreement.case).where(Agreement.effective_at.is_null(False))
            ),
        )
        .count()
    )
    succeeded += closed_successes
    failed_like = sum(
        n
        for s, n in by_state.items()
        if s in ("failed", "referred_to_arbitration", "respondent_declined", "withdrawn")
    )
    closed_failures = (
        MediationCase.select()
        .where(
            in_range,
            MediationCase.state.in_(["closed", "archived"]),
            MediationCase.id.not_in(
                Agreement.select(Agreement.case).where(Agreement.effective_at.is_null(False))
            ),
        )
        .count()
    )
    return CaseStatistics(
        total=sum(by_state.values()),
        by_category=by_category,
        by_state=by_state,
        by_month=by_month,
        decided=succeeded + failed_like + closed_failures,
        succeeded=succeeded,
        average_days_to_close=(sum(durations) / len(durations)) if durations else None,
        amount_claimed=_money(claimed),
        amount_agreed=_money(agreed),
        amount_paid=_money(paid),
    )


def _money(total: object) -> Decimal:
    """A SUM as exact yuan and fen: SQLite sums decimals as floats."""
    return Decimal(str(total or 0)).quantize(Decimal("0.01"))


def export_ledger(
    actor: Staff,
    path: Path,
    *,
    filt: CaseFilter | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """The case ledger (台账) as an Excel file: one row per case."""
    require(actor, "case.export")
    filt = filt or CaseFilter()
    total = count_cases(actor, filt)
    header = [
        translate("Mediation", "Case number"),
        translate("Mediation", "Received"),
        translate("Mediation", "Applicants"),
        translate("Mediation", "Respondent"),
        translate("Mediation", "Claims"),
        translate("Mediation", "Amount claimed"),
        translate("Mediation", "State"),
        translate("Mediation", "Mediator"),
        translate("Mediation", "Mediation due"),
        translate("Mediation", "Closed on"),
    ]
    written = 0
    try:
        with TableExport(path, translate("Mediation", "Case ledger"), header) as table:
            for offset in range(0, total, 200):
                page = list_cases(actor, filt, offset=offset, limit=200)
                applicants = applicants_of(page)
                claims: dict[int, list[CaseClaim]] = {c.id: [] for c in page}
                for claim in CaseClaim.select().where(CaseClaim.case.in_(list(claims))):
                    claims[claim.case_id].append(claim)
                mediators = {
                    s.id: s.display_name
                    for s in Staff.select().where(Staff.id.in_([c.mediator_id or 0 for c in page]))
                }
                for case in page:
                    own = claims[case.id]
                    table.append(
                        [
                            case.number,
                            case.received_at,
                            "、".join(p.name for p in applicants[case.id]),
                            case.respondent.name,
                            "、".join(category_label(c.category) for c in own),
                            float(sum((c.amount or Decimal(0)) for c in own)),
                            state_label(case.state),
                            mediators.get(case.mediator_id, ""),
                            current_due(case),
                            case.closed_at,
                        ]
                    )
                    written += 1
                if progress is not None and not progress(written, total):
                    raise Cancelled
    except Cancelled:
        return written
    with transaction():
        audit(actor, "export", "case", None, {"rows": written, "file": path.name})
    return written
