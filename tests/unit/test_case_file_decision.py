"""The decision on a case file whose retention has ended (issue 27, point 4): kept longer, or
disposed of; the Today list forgets a decided file, and a file kept longer keeps its parties."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from stationapp.db import today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import AuditEntry
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.people import Person
from stationapp.services import case_file, people, retention
from tests.helpers.ids import make_ric


def _closed_case(admin, *, years_ago: int, seq: int = 1) -> MediationCase:
    person = people.create_person(
        admin,
        people.PersonInput(
            name="孙" + "甲乙丙丁戊"[seq - 1],
            phone=f"1391234{seq:04d}",
            id_number=make_ric(seq=seq),
        ),
    )
    org = people.create_organization(admin, people.OrganizationInput(name=f"北京公司{seq}"))
    closed = datetime.combine(today(), datetime.min.time()) - timedelta(days=365 * years_ago + 5)
    case = MediationCase.create(
        year=closed.year,
        sequence=seq,
        number=f"({closed.year})建工调字第{seq:04d}号",
        received_at=closed - timedelta(days=30),
        respondent=org.id,
        mediation_due=(closed - timedelta(days=15)).date(),
        created_by=admin.id,
        closed_at=closed,
        state="closed",
    )
    CaseParty.create(case=case.id, person=person.id)
    Person.update(last_activity_at=closed).where(Person.id == person.id).execute()
    return case


def _due(admin) -> list[int]:
    return [f.case_id for f in case_file.case_files_due(admin, today())]


def test_case_file_kept_longer_leaves_the_list_until_its_new_date(admin) -> None:
    case = _closed_case(admin, years_ago=11)
    assert _due(admin) == [case.id]
    until = today() + timedelta(days=365 * 2)

    case_file.decide_case_file(admin, case.id, keep_until=until, note="区法院调卷，延长保管")

    assert _due(admin) == []
    assert case_file.case_file(admin, case.id).kept_until == until
    assert case.id in _due_on(admin, until + timedelta(days=1))
    entry = AuditEntry.get(AuditEntry.action == "file_kept")
    assert json.loads(entry.details)["kept_until"][1] == until.isoformat()


def _due_on(admin, day: date) -> list[int]:
    return [f.case_id for f in case_file.case_files_due(admin, day)]


def test_case_file_disposed_of_is_recorded_and_never_listed_again(admin) -> None:
    case = _closed_case(admin, years_ago=11)
    case_file.decide_case_file(admin, case.id, note="2026-12-07 监销销毁，监销人：王站长")
    stored = MediationCase.get_by_id(case.id)
    assert stored.file_disposed_at is not None and "监销" in stored.file_decision_note
    assert _due(admin) == [] and _due_on(admin, today() + timedelta(days=3000)) == []
    with pytest.raises(ValidationError, match="disposed of"):
        case_file.decide_case_file(admin, case.id, note="again")
    assert AuditEntry.select().where(AuditEntry.action == "file_disposed").count() == 1


def test_case_file_decision_needs_a_due_file_a_note_and_a_sensible_date(admin, make_staff) -> None:
    recent = _closed_case(admin, years_ago=2, seq=2)
    with pytest.raises(ValidationError, match="not ended"):
        case_file.decide_case_file(admin, recent.id, note="销毁")
    due = _closed_case(admin, years_ago=11, seq=3)
    with pytest.raises(ValidationError) as caught:
        case_file.decide_case_file(admin, due.id, note="  ")
    assert caught.value.field == "note"
    with pytest.raises(ValidationError) as caught:
        case_file.decide_case_file(admin, due.id, keep_until=today(), note="延长")
    assert caught.value.field == "keep_until"
    with pytest.raises(PermissionDenied):
        case_file.decide_case_file(make_staff("m1", "mediator"), due.id, note="销毁")
    assert MediationCase.get_by_id(due.id).file_decision_note == ""


def test_case_file_kept_longer_keeps_its_parties_from_the_retention_run(admin) -> None:
    kept = _closed_case(admin, years_ago=11, seq=4)
    gone = _closed_case(admin, years_ago=11, seq=5)
    case_file.decide_case_file(
        admin, kept.id, keep_until=today() + timedelta(days=400), note="仲裁委调阅"
    )
    retention.run_anonymisation(admin)
    kept_party = CaseParty.get(CaseParty.case == kept.id).person
    gone_party = CaseParty.get(CaseParty.case == gone.id).person
    assert kept_party.anonymised_at is None
    assert gone_party.anonymised_at is not None
    duties = retention.retention_duties(admin, kept_party.id)
    assert any(kept.number in d for d in duties)
