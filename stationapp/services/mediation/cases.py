"""Finding and reading cases: the filtered list, one case and what hangs off it."""

from __future__ import annotations

from dataclasses import dataclass
from unicodedata import category

import peewee

from stationapp.db import contains, is_sqlite, transaction
from stationapp.errors import NotFound
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseEvent,
    CaseFollowUp,
    CaseParty,
    CaseSession,
    MediationCase,
    Obligation,
)
from stationapp.models.people import Organization, Person, PersonSearchKey
from stationapp.services.accounts import audit, require
from stationapp.services.driver_rows import fetch, field_names, read_model
from stationapp.services.mediation._common import translate
from stationapp.services.mediation.states import OPEN_STATES
from stationapp.services.search_keys import MAX_KEY_LENGTH, normalize_search


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
        numbered = contains(MediationCase.number, text)
        # SQLite's walk reads the numbers matched from their own set (see above). PostgreSQL
        # tests the number on each case it reads: a set of them would scan every case number
        # before the first row, for the page and again for the count (20,000 numbers for 北,
        # most of the time of each query), where the page's walk stops after 101 cases.
        if is_sqlite():
            matching = ids.in_(MediationCase.select(MediationCase.id).where(numbered))
        else:
            matching = numbered
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
    columns = [*MediationCase._meta.sorted_fields, *Organization._meta.sorted_fields]
    query = (
        _case_query(filt or CaseFilter())
        .select(*columns)
        .order_by(MediationCase.received_at.desc(), MediationCase.id.desc())
        .offset(offset)
        .limit(limit)
    )
    # Read as the driver's rows (driver_rows): peewee's own reading of 100 wide cases with their
    # respondents cost as much as the query.
    case_names, respondent_names = field_names(MediationCase), field_names(Organization)
    cases: list[MediationCase] = []
    for values in fetch(query, columns):
        case = read_model(MediationCase, case_names, values[: len(case_names)])
        case.respondent = read_model(Organization, respondent_names, values[len(case_names) :])
        case._dirty.clear()
        cases.append(case)
    return cases


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
    """The sessions held (a planned one is listed by ``planned_sessions``)."""
    require(actor, "case.read")
    return list(
        CaseSession.select()
        .where(CaseSession.case == case_id, CaseSession.state == "held")
        .order_by(CaseSession.held_at)
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
