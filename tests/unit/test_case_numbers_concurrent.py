"""Case numbers under contention (acceptance): several processes filing cases at the same moment
on one database (SQLite or PostgreSQL) get distinct, consecutive numbers, and the yearly counter
ends at the total."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from stationapp.db import now
from stationapp.models.mediation import CaseCounter, MediationCase
from stationapp.services import mediation, people
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.case_number_worker import file_cases
from tests.helpers.desks import run_desks

WORKERS = 8
PER_WORKER = 3
NUMBER_RE = re.compile(r"^\((\d{4})\)建工调字第(\d{4})号$")


def test_eight_processes_get_distinct_consecutive_numbers(
    admin, db_url: str, tmp_path: Path
) -> None:
    worker = people.create_person(admin, PersonInput(name="赵磊"), allow_duplicate=True)
    employer = people.create_organization(admin, OrganizationInput(name="北京快送物流有限公司"))
    received = now() - timedelta(minutes=1)
    year = received.year

    run = run_desks(
        tmp_path,
        WORKERS,
        file_cases,
        db_url,
        timeout=60,
        kwargs={
            "person_id": worker.id,
            "organization_id": employer.id,
            "received_at": received,
            "per_worker": PER_WORKER,
        },
    )
    run.check(WORKERS, ok=("ok",))
    reports = run.reports

    taken = [item for _, _, items in reports for item in items]
    total = WORKERS * PER_WORKER
    numbers = [number for _, _, number in taken]
    assert len(numbers) == total
    assert len(set(numbers)) == total
    assert sorted(sequence for _, sequence, _ in taken) == list(range(1, total + 1))
    for case_year, sequence, number in taken:
        match = NUMBER_RE.match(number)
        assert match is not None, number
        assert (
            (int(match.group(1)), int(match.group(2))) == (year, sequence) == (case_year, sequence)
        )
    # Each worker's own numbers increase: a later call never gets an earlier number.
    for _, _, items in reports:
        own = [sequence for _, sequence, _ in items]
        assert own == sorted(own)

    assert CaseCounter.get_by_id(year).last == total
    stored = sorted(c.sequence for c in MediationCase.select().where(MediationCase.year == year))
    assert stored == list(range(1, total + 1))
    assert {c.number for c in MediationCase.select()} == set(numbers)
    # The next desk simply continues the sequence.
    case = mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=[worker.id],
            respondent_id=employer.id,
            claims=[mediation.ClaimInput("wages", "1000")],
            received_at=received,
        ),
    )
    assert case.sequence == total + 1
