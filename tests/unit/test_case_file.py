"""The file (卷宗) of a closed case (issue #27, point 4): its documents in file order, the date it
is kept until from the retention setting, and the files past that date for the Today tab."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from stationapp.db import now, today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import LIBRARIAN, AuditEntry
from stationapp.models.mediation import MediationCase
from stationapp.services import case_file, mediation, people, retention
from stationapp.services import today as today_service
from tests.helpers.ids import make_ric


@pytest.fixture
def parties(admin):
    org = people.create_organization(
        admin, people.OrganizationInput(name="北京远洋物业管理有限公司")
    )
    worker = people.create_person(
        admin, people.PersonInput(name="王芳", id_number=make_ric(seq=301), workplace_id=org.id)
    )
    return worker, org


def _file(admin, parties):
    worker, org = parties
    return mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=[worker.id],
            respondent_id=org.id,
            application_kind="written",
            matters="拖欠加班费",
            reasons="请求支付加班费",
            claims=[mediation.ClaimInput("overtime", "3000", "加班费")],
        ),
    )


def _session(admin, case_id: int, held_at: datetime) -> None:
    mediation.add_session(
        admin,
        case_id,
        mediation.SessionInput(held_at=held_at, place="调解室", attendees="双方", record="调解。"),
    )


def _failed_and_closed(admin, parties):
    case = _file(admin, parties)
    mediation.transition(admin, case.id, "accepted")
    mediation.transition(admin, case.id, "in_mediation")
    # Recorded out of order: the file lists them by date.
    _session(admin, case.id, now() - timedelta(days=1))
    _session(admin, case.id, now() - timedelta(days=3))
    mediation.transition(admin, case.id, "failed", reason="双方分歧较大")
    mediation.transition(admin, case.id, "closed")
    return mediation.get_case(admin, case.id)


def test_case_file_lists_the_documents_in_file_order(admin, parties):
    case = _failed_and_closed(admin, parties)

    found = case_file.case_file(admin, case.id)

    codes = [e.code for e in found.entries]
    assert codes == [
        "application_record",
        "acceptance_notice",
        "mediation_record",
        "mediation_record",
        "failed_record",
    ]
    sessions = [e for e in found.entries if e.code == "mediation_record"]
    assert [s.session_no for s in sessions] == [1, 2]
    assert sessions[0].on == today() - timedelta(days=3)
    assert sessions[1].on == today() - timedelta(days=1)
    assert found.entries[0].on == case.received_at.date()
    assert found.entries[-1].on == today()
    assert "arbitration_pack" not in codes  # the applicant's, not the station's file
    assert found.signed_codes == ["application_record", "failed_record"]


def test_case_file_of_a_refused_case_has_the_non_acceptance_notice(admin, parties):
    case = _file(admin, parties)
    mediation.transition(admin, case.id, "not_accepted", reason="不属于劳动争议")
    mediation.transition(admin, case.id, "closed")

    codes = [e.code for e in case_file.case_file(admin, case.id).entries]

    assert codes == ["application_record", "not_acceptance_notice"]


def test_case_file_is_kept_case_years_from_closing(admin, parties):
    case = _failed_and_closed(admin, parties)
    assert case_file.case_file(admin, case.id).kept_until == case.closed_at.date().replace(
        year=case.closed_at.year + retention.DEFAULT_CASE_YEARS
    )
    retention.save_retention_settings(admin, retention.RetentionSettings(5, 30))

    found = case_file.case_file(admin, case.id)

    assert found.closed_on == case.closed_at.date()
    assert found.kept_until == case.closed_at.date().replace(year=case.closed_at.year + 30)
    assert case_file.kept_until(datetime(2024, 2, 29, 10), 5) == date(2029, 2, 28)


def test_case_file_is_refused_for_an_open_case(admin, parties):
    case = _file(admin, parties)
    with pytest.raises(ValidationError, match="Only a closed case has a case file"):
        case_file.case_file(admin, case.id)
    mediation.transition(admin, case.id, "withdrawn", reason="申请人撤回")
    with pytest.raises(ValidationError):
        case_file.case_file(admin, case.id)  # withdrawn, not closed yet
    mediation.transition(admin, case.id, "closed")
    mediation.transition(admin, case.id, "archived")
    assert case_file.case_file(admin, case.id).entries  # an archived case keeps its file


def test_case_file_needs_case_read(make_staff, admin, parties):
    case = _failed_and_closed(admin, parties)
    librarian = make_staff("lib", LIBRARIAN)
    with pytest.raises(PermissionDenied):
        case_file.case_file(librarian, case.id)
    with pytest.raises(PermissionDenied):
        case_file.case_files_due(librarian, today())
    with pytest.raises(PermissionDenied):
        today_service.case_files_past_retention(librarian, today())


def test_case_file_party_ids_audit_the_output_once(admin, parties):
    case = _failed_and_closed(admin, parties)

    numbers = case_file.case_file_party_ids(admin, case.id)

    assert list(numbers.values()) == [make_ric(seq=301)]
    entries = list(AuditEntry.select().where(AuditEntry.action == "print_full_id"))
    assert len(entries) == 1
    assert json.loads(entries[0].details) == {
        "document": "case_file",
        "documents": ["application_record", "failed_record"],
        "people": sorted(numbers),
    }


def _closed_on(admin, parties, closed: datetime) -> MediationCase:
    case = _file(admin, parties)
    mediation.transition(admin, case.id, "withdrawn", reason="申请人撤回")
    mediation.transition(admin, case.id, "closed")
    MediationCase.update(closed_at=closed).where(MediationCase.id == case.id).execute()
    return mediation.get_case(admin, case.id)


def test_case_files_due_picks_closed_cases_past_retention(admin, parties):
    retention.save_retention_settings(admin, retention.RetentionSettings(5, 5))
    on = date(2032, 6, 15)
    past = _closed_on(admin, parties, datetime(2027, 6, 14, 16, 0))  # kept until 2032-06-14
    last_day = _closed_on(admin, parties, datetime(2027, 6, 15, 9, 0))  # kept until today
    recent = _closed_on(admin, parties, datetime(2030, 1, 5, 9, 0))
    still_open = _file(admin, parties)
    archived = _closed_on(admin, parties, datetime(2026, 3, 1, 9, 0))
    mediation.transition(admin, archived.id, "archived")

    due = case_file.case_files_due(admin, on)

    assert [d.case_id for d in due] == [archived.id, past.id]
    assert due[1].kept_until == date(2032, 6, 14) and due[1].closed_on == date(2027, 6, 14)
    shown = {d.case_id for d in due}
    assert last_day.id not in shown and recent.id not in shown and still_open.id not in shown
    # A longer retention keeps them all.
    retention.save_retention_settings(admin, retention.RetentionSettings(5, 10))
    assert case_file.case_files_due(admin, on) == []


def test_the_today_section_of_case_files_past_retention(admin, parties):
    retention.save_retention_settings(admin, retention.RetentionSettings(5, 5))
    on = date(2032, 6, 15)
    assert today_service.case_files_past_retention(admin, on) is None
    case = _closed_on(admin, parties, datetime(2026, 6, 1, 9, 0))

    section = today_service.case_files_past_retention(admin, on)

    assert section.key == "case_files" and section.total == 1
    item = section.items[0]
    assert (item.kind, item.record_id) == ("case", case.id)
    assert case.number in item.text and "2026-06-01" in item.text and "2031-06-01" in item.text
    keys = [s.key for s in today_service.today_sections(admin, on=on)]
    assert keys.index("case_files") == keys.index("cases") + 1
