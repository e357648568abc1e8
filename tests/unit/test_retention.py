"""Retention and personal-data requests (issue #8 items 7 and 8): anonymisation removes the
personal fields and keeps every count; retention duties keep a person; erasure on request."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationapp.db import database, is_sqlite, now
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import AuditEntry
from stationapp.models.events import Registration
from stationapp.models.library import Loan
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.people import Person, PersonSearchKey
from stationapp.models.visits import ServiceType, Visit
from stationapp.services import events, library, people, retention, visits
from tests.helpers.ids import make_ric

LONG_AGO = now() - timedelta(days=365 * 7)


def _person(admin, name: str, phone: str, seq: int) -> Person:
    return people.create_person(
        admin,
        people.PersonInput(
            name=name, phone=phone, id_number=make_ric(birth=date(1980, 5, 17), seq=seq)
        ),
    )


def _visit(admin, person: Person, when: datetime, notes: str = "") -> Visit:
    service = ServiceType.select().order_by(ServiceType.id).first()
    visit = visits.record_visit(
        admin,
        visits.VisitInput(
            person_id=person.id,
            channel="walk_in",
            purposes=[visits.PurposeInput(service_id=service.id)],
            notes=notes,
        ),
    )
    Visit.update(arrived_at=when, created_at=when).where(Visit.id == visit.id).execute()
    return visit


def _loan(admin, person: Person, barcode: str, when: datetime, *, returned: bool) -> Loan:
    title = library.create_title(admin, library.TitleInput(title=f"书{barcode}"))
    copy = library.add_copy(admin, title.id, library.CopyInput(barcode=barcode))
    loan = library.lend(admin, copy.id, person.id)
    if returned:
        library.return_copy(admin, copy.id)
    Loan.update(lent_at=when, due_on=(when + timedelta(days=30)).date()).where(
        Loan.id == loan.id
    ).execute()
    if returned:
        Loan.update(returned_at=when + timedelta(days=10)).where(Loan.id == loan.id).execute()
    return loan


def _event_registration(admin, person: Person, days: int) -> Registration:
    start = (now() + timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0)
    event = (
        events.create_event(
            admin,
            events.EventInput(
                title=f"活动{days}",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                capacity=10,
            ),
        )
        if days > 0
        else None
    )
    if event is None:  # a past event: create it in the future, then move it back
        future = (now() + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
        event = events.create_event(
            admin,
            events.EventInput(
                title=f"活动{days}", starts_at=future, ends_at=future + timedelta(hours=2),
                capacity=10,
            ),
        )  # fmt: skip
        registration = events.register(admin, event.id, person.id)
        moved = now() + timedelta(days=days)
        type(event).update(starts_at=moved, ends_at=moved + timedelta(hours=2)).where(
            type(event).id == event.id
        ).execute()
        Registration.update(state="attended", created_at=moved - timedelta(days=5)).where(
            Registration.id == registration.id
        ).execute()
        return registration
    return events.register(admin, event.id, person.id)


def _case(admin, person: Person, *, closed: datetime | None) -> MediationCase:
    org = people.create_organization(admin, people.OrganizationInput(name=f"公司{person.id}"))
    case = MediationCase.create(
        year=2019,
        sequence=person.id,
        number=f"(2019)建工调字第{person.id:04d}号",
        received_at=datetime(2019, 3, 1, 9, 0),
        respondent=org.id,
        mediation_due=date(2019, 3, 16),
        created_by=admin.id,
        closed_at=closed,
        state="closed" if closed else "in_mediation",
    )
    CaseParty.create(case=case.id, person=person.id)
    return case


def _monthly(sql: str) -> list[tuple]:
    return database.execute_sql(sql).fetchall()


def _period(column: str, period: str = "month") -> str:
    if is_sqlite():
        return f"strftime('{'%Y-%m' if period == 'month' else '%Y'}', {column})"
    return f"to_char({column}, '{'YYYY-MM' if period == 'month' else 'YYYY'}')"


def _statistics() -> tuple:
    return (
        _monthly(f"SELECT {_period('arrived_at')}, count(*) FROM visit GROUP BY 1 ORDER BY 1"),
        _monthly(f"SELECT {_period('lent_at')}, count(*) FROM loan GROUP BY 1 ORDER BY 1"),
        _monthly(
            f"SELECT {_period('created_at')}, count(*) FROM registration GROUP BY 1 ORDER BY 1"
        ),
        _monthly(
            f"SELECT gender, {_period('birth_date', 'year')}, count(*) FROM person"
            " GROUP BY 1, 2 ORDER BY 1, 2"
        ),
        _monthly("SELECT workplace_id, count(*) FROM person GROUP BY 1 ORDER BY 1"),
    )


def _make_inactive(person: Person) -> None:
    Person.update(last_activity_at=LONG_AGO).where(Person.id == person.id).execute()


@pytest.fixture
def world(admin):
    gone = _person(admin, "张三", "13900000001", 1)
    _visit(admin, gone, LONG_AGO, notes="家住朝阳区某小区")
    _loan(admin, gone, "TS0001", LONG_AGO, returned=True)
    _event_registration(admin, gone, -2000)
    in_case = _person(admin, "李四", "13900000002", 2)
    _case(admin, in_case, closed=None)
    on_loan = _person(admin, "王五", "13900000003", 3)
    _loan(admin, on_loan, "TS0002", LONG_AGO, returned=False)
    old_case = _person(admin, "赵六", "13900000004", 4)
    _case(admin, old_case, closed=datetime(2012, 1, 1))  # past its 10-year retention
    recent = _person(admin, "钱七", "13900000005", 5)
    for person in (gone, in_case, on_loan, old_case):
        _make_inactive(person)
    return {"gone": gone, "in_case": in_case, "on_loan": on_loan, "old_case": old_case,
            "recent": recent}  # fmt: skip


def test_anonymisation_removes_personal_fields_and_keeps_the_counts(admin, world) -> None:
    before = _statistics()
    assert retention.preview_anonymisation(admin) == 2
    assert retention.run_anonymisation(admin) == 2
    assert _statistics() == before
    gone = Person.get_by_id(world["gone"].id)
    assert gone.name == retention.ANONYMOUS_NAME
    assert (gone.phone, gone.id_number, gone.pinyin) == ("", "", "")
    assert gone.birth_date == date(1980, 1, 1) and gone.gender in ("M", "F")
    assert gone.anonymised_at is not None and not gone.active
    assert not Visit.select().where(Visit.person == gone.id, Visit.notes != "").exists()
    assert not PersonSearchKey.select().where(PersonSearchKey.key.contains("13900000001")).exists()
    assert people.search_people(admin, "张三") == []
    assert people.search_people(admin, "0001") == []
    assert Person.get_by_id(world["old_case"].id).anonymised_at is not None
    for kept in ("in_case", "on_loan", "recent"):
        assert Person.get_by_id(world[kept].id).anonymised_at is None, kept
    entry = AuditEntry.get(AuditEntry.action == "anonymise")
    assert '"people": 2' in entry.details
    assert retention.preview_anonymisation(admin) == 0
    assert retention.run_anonymisation(admin) == 0


def test_daily_run_once_a_day_without_a_staff_member(admin, world) -> None:
    assert retention.daily_anonymisation() == 2
    assert retention.daily_anonymisation() is None
    assert AuditEntry.get(AuditEntry.action == "anonymise").staff_id is None


def test_the_retention_period_is_a_setting(admin, world) -> None:
    retention.save_retention_settings(admin, retention.RetentionSettings(10, 10))
    assert retention.preview_anonymisation(admin) == 0
    retention.save_retention_settings(admin, retention.RetentionSettings(1, 20))
    # A 20-year case retention keeps the 2012 case's party too.
    assert retention.preview_anonymisation(admin) == 1
    with pytest.raises(ValidationError) as raised:
        retention.save_retention_settings(admin, retention.RetentionSettings(0, 2))
    assert set(raised.value.errors) == {"people_years", "case_years"}


def test_only_administrators_run_retention(make_staff, world) -> None:
    desk = make_staff("desk", "front_desk")
    with pytest.raises(PermissionDenied):
        retention.run_anonymisation(desk)
    with pytest.raises(PermissionDenied):
        retention.preview_anonymisation(desk)


def test_erasure_on_request(admin, world) -> None:
    before = _statistics()
    with pytest.raises(ValidationError, match="still open"):
        retention.erase_on_request(admin, world["in_case"].id, reason="书面申请")
    with pytest.raises(ValidationError, match="on loan"):
        retention.erase_on_request(admin, world["on_loan"].id, reason="书面申请")
    with pytest.raises(ValidationError) as raised:
        retention.erase_on_request(admin, world["recent"].id, reason="  ")
    assert raised.value.field == "reason"
    erased = retention.erase_on_request(admin, world["recent"].id, reason="2026-11-20 书面申请")
    assert erased.name == retention.ANONYMOUS_NAME and erased.phone == ""
    assert _statistics() == before
    assert AuditEntry.select().where(AuditEntry.action == "erase").count() == 1


def test_erasure_is_for_administrators(make_staff, world) -> None:
    desk = make_staff("desk", "front_desk")
    with pytest.raises(PermissionDenied):
        retention.erase_on_request(desk, world["recent"].id, reason="申请")


def test_personal_data_export_lists_everything(admin, make_staff, world, tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    sections = retention.export_personal_data(admin, world["gone"].id, path)
    titles = [s.title for s in sections]
    assert {"Visits", "Loans", "Event registrations", "Mediation cases"} <= set(titles)
    book = load_workbook(path)
    assert book.sheetnames == [t[:31] for t in titles]
    details = {r[0].value: r[1].value for r in book["Personal details"].iter_rows(min_row=2)}
    assert details["Name"] == "张三"
    assert details["ID number"] == world["gone"].id_number  # the administrator sees it in full
    assert book["Visits"].max_row == 2 and book["Loans"].max_row == 2
    assert book["Event registrations"].max_row == 2
    assert AuditEntry.select().where(AuditEntry.action == "export_personal_data").count() == 1
    librarian = make_staff("lib", "librarian")
    limited = retention.personal_data(librarian, world["in_case"].id)
    limited_titles = {s.title for s in limited}
    assert "Mediation cases" not in limited_titles and "Visits" not in limited_titles
    shown = dict(limited[0].rows)
    assert "*" in shown["ID number"]
    mediator = make_staff("med", "mediator")
    cases = {s.title: s for s in retention.personal_data(mediator, world["in_case"].id)}
    assert len(cases["Mediation cases"].rows) == 1


# --- erasure reaches the audit trail (issue 27, point 3) ----------------------------------------


def _tables_holding(needles: list[str]) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a text column of any table holds a needle."""
    found = []
    for table in database.get_tables():
        for column in database.get_columns(table):
            for needle in needles:
                sql = f'SELECT count(*) FROM "{table}" WHERE CAST("{column.name}" AS TEXT) LIKE '
                sql += "?" if is_sqlite() else "%s"
                if database.execute_sql(sql, (f"%{needle}%",)).fetchone()[0]:
                    found.append((table, column.name, needle))
    return found


def _erasure_world(admin) -> tuple[Person, list[str]]:
    number = make_ric(birth=date(1981, 6, 2), seq=31)
    person = people.create_person(
        admin, people.PersonInput(name="欧阳测试", phone="13912345678", id_number=number)
    )
    people.update_person(
        admin,
        person.id,
        people.PersonInput(name="欧阳试验", phone="13912345679", id_number=number),
    )
    _visit(admin, person, now(), notes="欧阳试验来访")
    people.reveal_id(admin, person.id)
    other = _person(admin, "欧阳测", "13800000077", 32)  # a name that contains part of hers
    needles = ["欧阳测试", "欧阳试验", "13912345678", "13912345679", number, people.mask_id(number)]
    return person, [other.name, *needles]


def test_erasure_leaves_no_table_holding_the_name_phone_or_id(admin) -> None:
    person, (other_name, *needles) = _erasure_world(admin)
    assert _tables_holding(needles)  # the trail held them before

    retention.erase_on_request(admin, person.id, reason="2026-12-01 欧阳试验本人书面申请")

    assert _tables_holding(needles) == []
    # Another person's entries keep their own data.
    other = AuditEntry.select().where(AuditEntry.entity == "person", AuditEntry.action == "create")
    assert any(other_name in e.details for e in other)


def test_erasure_redaction_is_itself_audited_and_shown(admin) -> None:
    import json

    from stationapp.services import audit

    person, _needles = _erasure_world(admin)
    before = {
        e.id: e.action
        for e in AuditEntry.select().where(
            AuditEntry.entity == "person", AuditEntry.entity_id == person.id
        )
    }

    retention.erase_on_request(admin, person.id, reason="书面申请")

    erase = AuditEntry.get(AuditEntry.action == "erase")
    listed = json.loads(erase.details)["redacted_entries"]
    assert set(before) <= set(listed)
    for entry in AuditEntry.select().where(AuditEntry.id.in_(listed)):
        details = json.loads(entry.details)
        assert details["redacted"]["by"] == erase.id
        assert f"#{erase.id}" in audit.details_text(entry.details)
        assert audit.details_summary(entry.details).startswith("Personal data removed on")
        assert entry.action == before.get(entry.id, entry.action)  # what happened stays
    update = AuditEntry.get(
        AuditEntry.entity == "person",
        AuditEntry.entity_id == person.id,
        AuditEntry.action == "update",
    )
    changed = json.loads(update.details)
    assert set(changed) >= {"name", "phone"}  # which fields changed stays, not their values
    assert changed["name"] == ["***", "***"]
    assert audit.redaction_note(erase.details) == ""  # the erasure itself is not redacted


def test_erasure_by_the_retention_run_reaches_the_audit_trail_too(admin, world) -> None:
    import json

    gone = world["gone"]
    needles = ["张三", "13900000001"]
    assert retention.run_anonymisation(admin) >= 1
    run = AuditEntry.get(AuditEntry.action == "anonymise", AuditEntry.entity_id.is_null())
    assert json.loads(run.details)["redacted_entries"]
    assert _tables_holding(needles) == []
    assert Person.get_by_id(gone.id).name == retention.ANONYMOUS_NAME
