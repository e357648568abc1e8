"""Writing the checked rows as closed cases, the people and employers they name, the counters."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import peewee

from stationapp.db import is_sqlite, now
from stationapp.models.accounts import Staff
from stationapp.models.mediation import (
    COLLECTIVE_THRESHOLD,
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseParty,
    MediationCase,
    Obligation,
)
from stationapp.models.people import Person, PersonSearchKey
from stationapp.services.accounts import station_settings
from stationapp.services.case_import.matching import _person_key
from stationapp.services.case_import.values import (
    AGREEMENT_OUTCOMES,
    ImportResult,
    _Row,
    imported_mark,
)
from stationapp.services.mediation import REVIEW_DAYS, format_number, mediation_due_for
from stationapp.services.people import person_search_keys
from stationapp.services.people_import import organizations_by_name, workplace_key
from stationapp.services.search_keys import display_pinyin


def _write(actor: Staff, rows: list[_Row], file_name: str) -> ImportResult:
    result = ImportResult()
    organizations, result.organizations_created = organizations_by_name(
        row.respondent for row in rows
    )
    prefix = station_settings().case_prefix
    moment = now()
    staff = {}
    for member in Staff.select():
        staff.setdefault(member.display_name, member.id)
        staff.setdefault(member.username, member.id)

    # Numbers: the given ones kept; the missing ones after the largest of the year so far.
    last: dict[int, int] = {}
    years = sorted({r.case_number.year if r.case_number else r.received.year for r in rows})
    for year in years:
        CaseCounter.insert(year=year, last=0).on_conflict_ignore().execute()
        query = CaseCounter.select().where(CaseCounter.year == year)
        if not is_sqlite():
            query = query.for_update()
        largest = (
            MediationCase.select(peewee.fn.MAX(MediationCase.sequence))
            .where(MediationCase.year == year)
            .scalar()
            or 0
        )
        last[year] = max(query.get().last, largest)
    for row in rows:
        if row.case_number is not None:
            year = row.case_number.year
            last[year] = max(last[year], row.case_number.sequence)

    created: dict[tuple[str, ...], int] = {}
    for row in rows:
        if row.case_number is not None:
            year, sequence = row.case_number.year, row.case_number.sequence
            number = format_number(year, row.case_number.prefix or prefix, sequence)
        else:
            year = row.received.year
            last[year] += 1
            sequence = last[year]
            number = format_number(year, prefix, sequence)
            result.numbered += 1
        people: list[int] = []
        for applicant in row.applicants:
            if applicant.person_id is None:
                key = _person_key(applicant.values)
                if key is not None and key in created:
                    applicant.person_id = created[key]
                else:
                    applicant.person_id = _create_person(applicant.values, moment)
                    result.people_created += 1
                    if key is not None:
                        created[key] = applicant.person_id
            people.append(applicant.person_id)
        people = list(dict.fromkeys(people))
        mark = imported_mark(file_name, row.number)
        received = datetime.combine(row.received, time.min)
        closed = datetime.combine(row.closed, time.min)
        case = MediationCase.create(
            year=year,
            sequence=sequence,
            number=number,
            application_kind="written",
            received_at=received,
            state="closed",
            respondent=organizations[workplace_key(row.respondent)],
            matters=row.matters,
            facts=row.notes,
            collective=len(people) >= COLLECTIVE_THRESHOLD,
            mediator=staff.get(row.mediator),
            mediation_due=mediation_due_for(row.received),
            decided_at=closed,
            decision_reason=mark,
            review_due=(
                row.closed + timedelta(days=REVIEW_DAYS)
                if row.outcome in AGREEMENT_OUTCOMES
                else None
            ),
            closed_at=closed,
            created_by=actor,
            created_at=moment,
            updated_at=moment,
        )
        CaseParty.insert_many([{"case": case.id, "person": pid} for pid in people]).execute()
        claims = [
            {
                "case": case.id,
                "category": category,
                "amount": (
                    row.amounts[index]
                    if len(row.amounts) > 1
                    else (row.amounts[0] if row.amounts and index == 0 else None)
                ),
            }
            for index, category in enumerate(row.categories)
        ]
        CaseClaim.insert_many(claims).execute()
        if row.outcome in AGREEMENT_OUTCOMES:
            agreement = Agreement.create(
                case=case,
                terms=mark,
                signed_applicant=True,
                signed_respondent=True,
                signed_mediator=True,
                sealed_organization=True,
                effective_at=closed,
                created_at=moment,
            )
            if row.agreed is not None or row.paid is not None:
                Obligation.create(
                    agreement=agreement,
                    description=mark,
                    amount=row.agreed,
                    performed_on=row.closed if row.paid is not None else None,
                    performed_amount=row.paid,
                )
        CaseEvent.insert_many(
            [
                {
                    "case": case.id,
                    "at": received,
                    "staff": actor.id,
                    "kind": "transition",
                    "from_state": "",
                    "to_state": "registered",
                    "reason": mark,
                },
                {
                    "case": case.id,
                    "at": closed,
                    "staff": actor.id,
                    "kind": "transition",
                    "from_state": "registered",
                    "to_state": row.outcome,
                    "reason": mark,
                },
                {
                    "case": case.id,
                    "at": closed,
                    "staff": actor.id,
                    "kind": "transition",
                    "from_state": row.outcome,
                    "to_state": "closed",
                    "reason": mark,
                },
            ]
        ).execute()
        result.imported += 1
    for year, sequence in last.items():
        CaseCounter.update(last=sequence).where(
            CaseCounter.year == year, CaseCounter.last < sequence
        ).execute()
    return result


def _create_person(values: dict[str, Any], moment: datetime) -> int:
    person = Person.create(
        **values,
        pinyin=display_pinyin(values["name"]),
        created_at=moment,
        updated_at=moment,
        last_activity_at=moment,
    )
    keys = person_search_keys(
        name=person.name,
        phone=person.phone,
        id_number=person.id_number or "",
        member_card=person.member_card or "",
    )
    if keys:
        PersonSearchKey.insert_many(
            [{"person": person.id, "key": key, "kind": kind} for key, kind in keys.items()]
        ).execute()
    return person.id
