"""Consent to sensitive data (PIPL Arts. 28-29): recording and withdrawing it, the hardship file
and its assistance, marital status, who may see and change them, and the notes of visits to
health- or hardship-related services."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from stationapp.db import now, today
from stationapp.errors import NotFound, PermissionDenied, ValidationError
from stationapp.models.accounts import (
    ADMIN,
    FRONT_DESK,
    LIBRARIAN,
    MEDIATOR,
    ORGANISER,
    AuditEntry,
    Staff,
)
from stationapp.models.people import Consent, HardshipAssistance, Person
from stationapp.models.visits import ServiceType, Visit
from stationapp.services import changes, consent, people, visits
from stationapp.services.accounts import PERMISSIONS
from stationapp.services.people import PersonInput
from stationapp.services.visits import PurposeInput, VisitInput
from tests.helpers.dbdump import changed_tables, dump

HARDSHIP_SERVICE = "困难职工建档"
DECOMPRESSION = "职工心理减压室预约"
JOIN = "入会"


# --- helpers ------------------------------------------------------------------------------------


def _person(actor: Staff, name: str = "张伟") -> Person:
    return people.create_person(actor, PersonInput(name=name), allow_duplicate=True)


def _audits(entity: str, action: str | None = None) -> list[AuditEntry]:
    query = AuditEntry.select().where(AuditEntry.entity == entity)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return list(query.order_by(AuditEntry.id))


def _unchanged(call: Callable[[], object], error: type[Exception] = ValidationError):
    """Run a call that must be refused; assert that no row of any table changed."""
    before = dump()
    with pytest.raises(error) as caught:
        call()
    after = dump()
    assert before == after, changed_tables(before, after)
    return caught.value


def _open_file(actor: Staff, person: Person, category: str = "deep") -> None:
    consent.record_consent(actor, person.id, "hardship", "written")
    consent.save_hardship_file(actor, person.id, category, "家庭成员患重病，收入低于最低工资")


def _sid(name: str) -> int:
    return ServiceType.get(ServiceType.name == name).id


def _visit_input(person: Person | None, service: str, notes: str) -> VisitInput:
    return VisitInput(
        person_id=person.id if person else None,
        channel="walk_in",
        purposes=[PurposeInput(service_id=_sid(service))],
        notes=notes,
    )


@pytest.fixture
def desk(make_staff) -> Staff:
    return make_staff("desk1", FRONT_DESK)


@pytest.fixture
def organiser(make_staff) -> Staff:
    return make_staff("org1", ORGANISER)


# --- recording and withdrawing consent -----------------------------------------------------------


def test_record_consent_is_stored_audited_and_announced(desk) -> None:
    person = _person(desk)
    seen: list[str] = []
    unsubscribe = changes.subscribe(seen.append)
    try:
        started = now()
        record = consent.record_consent(desk, person.id, "hardship", "written", " 表格存档 A-12 ")
    finally:
        unsubscribe()
    stored = Consent.get_by_id(record.id)
    assert (stored.person_id, stored.kind, stored.method) == (person.id, "hardship", "written")
    assert stored.note == "表格存档 A-12"
    assert stored.given_by_id == desk.id
    assert started - timedelta(seconds=1) <= stored.given_at <= now() + timedelta(seconds=1)
    assert stored.withdrawn_at is None and stored.withdrawn_by_id is None
    assert consent.has_consent(person.id, "hardship")
    assert not consent.has_consent(person.id, "health")
    (entry,) = _audits("consent", "give")
    assert entry.entity_id == record.id and entry.staff_id == desk.id
    assert json.loads(entry.details) == {
        "person": person.id,
        "kind": "hardship",
        "method": "written",
    }
    assert seen == ["person"]


@pytest.mark.parametrize(
    ("kind", "method", "note", "field"),
    [
        ("religion", "written", "", "kind"),
        ("", "written", "", "kind"),
        ("health", "email", "", "method"),
        ("health", "oral", "长" * 201, "note"),
        ("health", "oral", "a\x00b", "note"),
    ],
)
def test_bad_consent_input_is_refused_and_nothing_changes(desk, kind, method, note, field) -> None:
    person = _person(desk)
    error = _unchanged(lambda: consent.record_consent(desk, person.id, kind, method, note))
    assert error.errors[field]


def test_a_consent_in_force_is_not_recorded_twice(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "health", "oral")
    error = _unchanged(lambda: consent.record_consent(desk, person.id, "health", "written"))
    assert error.field == "kind"


def test_consent_for_an_unknown_or_anonymised_person_is_refused(desk) -> None:
    _unchanged(lambda: consent.record_consent(desk, 999_999, "health", "oral"), NotFound)
    person = _person(desk)
    Person.update(anonymised_at=now()).where(Person.id == person.id).execute()
    _unchanged(lambda: consent.record_consent(desk, person.id, "health", "oral"))


def test_withdrawing_the_hardship_consent_empties_the_file_and_keeps_the_assistance(desk) -> None:
    person = _person(desk)
    _open_file(desk, person)
    consent.record_assistance(desk, person.id, today(), "living", Decimal("800"), "春节慰问金")
    consent.record_consent(desk, person.id, "health", "oral")

    withdrawn = consent.withdraw_consent(desk, person.id, "hardship")

    stored = Person.get_by_id(person.id)
    assert stored.hardship_category == "" and stored.hardship_reasons == ""
    assert stored.name == "张伟"
    assert HardshipAssistance.select().where(HardshipAssistance.person == person.id).count() == 1
    assert not consent.has_consent(person.id, "hardship")
    assert consent.has_consent(person.id, "health")
    record = Consent.get_by_id(withdrawn.id)
    assert record.withdrawn_at is not None and record.withdrawn_by_id == desk.id
    (entry,) = _audits("consent", "withdraw")
    details = json.loads(entry.details)
    assert details == {
        "person": person.id,
        "kind": "hardship",
        "emptied": ["hardship_category", "hardship_reasons"],
    }
    # The trail never held the sensitive values, so nothing of them survives the withdrawal.
    trail = " ".join(e.details for e in AuditEntry.select())
    assert "家庭成员" not in trail and "deep" not in trail


def test_consent_can_be_given_again_after_withdrawal(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "hardship", "written")
    consent.withdraw_consent(desk, person.id, "hardship")
    consent.record_consent(desk, person.id, "hardship", "oral")
    assert consent.has_consent(person.id, "hardship")
    records = consent.consents_of(desk, person.id)
    assert [(r.method, r.withdrawn_at is None) for r in records] == [
        ("oral", True),
        ("written", False),
    ]
    assert records[1].withdrawn_by.display_name == desk.display_name
    assert records[0].given_by.id == desk.id


def test_withdrawing_the_marital_consent_empties_the_status_only(organiser, desk) -> None:
    person = _person(desk)
    _open_file(desk, person, "relative")
    consent.record_consent(organiser, person.id, "marital_status", "oral")
    consent.save_marital_status(organiser, person.id, "divorced")
    consent.withdraw_consent(organiser, person.id, "marital_status")
    stored = Person.get_by_id(person.id)
    assert stored.marital_status == ""
    assert stored.hardship_category == "relative"


def test_withdrawing_the_health_consent_changes_nothing_on_the_person(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "health", "oral")
    before = dump()["person"]
    consent.withdraw_consent(desk, person.id, "health")
    assert dump()["person"] == before
    assert not consent.has_consent(person.id, "health")
    (entry,) = _audits("consent", "withdraw")
    assert json.loads(entry.details)["emptied"] == []


def test_withdrawing_a_consent_not_given_is_refused(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "health", "oral")
    error = _unchanged(lambda: consent.withdraw_consent(desk, person.id, "marital_status"))
    assert error.field == "kind"
    _unchanged(lambda: consent.withdraw_consent(desk, person.id, "gossip"))


# --- the hardship file --------------------------------------------------------------------------


def test_hardship_file_without_consent_is_refused_and_nothing_changes(desk) -> None:
    person = _person(desk)
    error = _unchanged(lambda: consent.save_hardship_file(desk, person.id, "deep", "患病"))
    assert error.field == "category"
    # A withdrawn consent is no consent.
    consent.record_consent(desk, person.id, "hardship", "written")
    consent.withdraw_consent(desk, person.id, "hardship")
    _unchanged(lambda: consent.save_hardship_file(desk, person.id, "deep", "患病"))


def test_hardship_file_with_consent_is_stored_and_audited_without_values(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "hardship", "written")
    consent.save_hardship_file(desk, person.id, "sudden", "  突发火灾，住房受损\n需要临时救助 ")
    stored = Person.get_by_id(person.id)
    assert stored.hardship_category == "sudden"
    assert stored.hardship_reasons == "突发火灾，住房受损\n需要临时救助"
    file = consent.hardship_file(desk, person.id)
    assert file == consent.HardshipFile("sudden", "突发火灾，住房受损\n需要临时救助", True)
    (entry,) = _audits("hardship_file")
    assert entry.entity_id == person.id and entry.staff_id == desk.id
    assert json.loads(entry.details) == {"changed": ["category", "reasons"]}
    consent.save_hardship_file(desk, person.id, "sudden", "突发火灾，住房受损\n需要临时救助")
    assert len(_audits("hardship_file")) == 1  # nothing changed, nothing recorded
    consent.save_hardship_file(desk, person.id, "", "")  # closing the file
    stored = Person.get_by_id(person.id)
    assert (stored.hardship_category, stored.hardship_reasons) == ("", "")


@pytest.mark.parametrize(
    ("category", "reasons", "field"),
    [
        ("poor", "", "category"),
        ("DEEP", "", "category"),
        ("deep", "长" * 2001, "reasons"),
        ("deep", "a\x07b", "reasons"),
        ("", "还有原因", "category"),
    ],
)
def test_bad_hardship_file_is_refused(desk, category, reasons, field) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "hardship", "written")
    error = _unchanged(lambda: consent.save_hardship_file(desk, person.id, category, reasons))
    assert error.errors[field]


def test_reasons_of_2000_characters_are_accepted(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "hardship", "written")
    consent.save_hardship_file(desk, person.id, "deep", "长" * 2000)
    assert len(Person.get_by_id(person.id).hardship_reasons) == 2000


# --- assistance ---------------------------------------------------------------------------------


def test_assistance_needs_an_open_file(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "hardship", "written")  # consent, but no category
    error = _unchanged(
        lambda: consent.record_assistance(desk, person.id, today(), "living", Decimal(500))
    )
    assert error.field == "person"
    consent.save_hardship_file(desk, person.id, "deep", "")
    consent.withdraw_consent(desk, person.id, "hardship")
    _unchanged(lambda: consent.record_assistance(desk, person.id, today(), "living", None))


def test_assistance_is_stored_and_audited(desk) -> None:
    person = _person(desk)
    _open_file(desk, person)
    record = consent.record_assistance(
        desk, person.id, today() - timedelta(days=3), "medical", "1,200.50", " 住院费用 "
    )
    stored = HardshipAssistance.get_by_id(record.id)
    assert stored.amount == Decimal("1200.50")
    assert (stored.kind, stored.notes, stored.staff_id) == ("medical", "住院费用", desk.id)
    assert stored.given_on == today() - timedelta(days=3)
    in_kind = consent.record_assistance(desk, person.id, today(), "festival", "", "米面油")
    assert HardshipAssistance.get_by_id(in_kind.id).amount is None
    assert [a.id for a in consent.assistance_of(desk, person.id)] == [in_kind.id, record.id]
    assert consent.assistance_of(desk, person.id)[0].staff.display_name == desk.display_name
    entries = _audits("hardship_assistance", "create")
    assert json.loads(entries[0].details) == {
        "person": person.id,
        "given_on": (today() - timedelta(days=3)).isoformat(),
        "kind": "medical",
        "amount": "1200.50",
    }
    assert "住院" not in entries[0].details


@pytest.mark.parametrize(
    ("given_on", "kind", "amount", "notes", "field"),
    [
        (today() + timedelta(days=1), "living", None, "", "given_on"),
        (date(1999, 12, 31), "living", None, "", "given_on"),
        (None, "living", None, "", "given_on"),
        (today(), "lottery", None, "", "kind"),
        (today(), "living", Decimal("-0.01"), "", "amount"),
        (today(), "living", Decimal("1000000.01"), "", "amount"),
        (today(), "living", Decimal("10.005"), "", "amount"),
        (today(), "living", Decimal("NaN"), "", "amount"),
        (today(), "living", Decimal("Infinity"), "", "amount"),
        (today(), "living", "五百", "", "amount"),
        (today(), "living", 12.5, "", "amount"),
        (today(), "living", None, "长" * 1001, "notes"),
    ],
)
def test_bad_assistance_is_refused(desk, given_on, kind, amount, notes, field) -> None:
    person = _person(desk)
    _open_file(desk, person)
    error = _unchanged(
        lambda: consent.record_assistance(desk, person.id, given_on, kind, amount, notes)
    )
    assert error.errors[field]


def test_assistance_limits_are_inclusive(desk) -> None:
    person = _person(desk)
    _open_file(desk, person)
    for amount in (Decimal(0), Decimal("1000000.00"), "0.01"):
        consent.record_assistance(desk, person.id, date(2000, 1, 1), "other", amount)
    consent.record_assistance(
        desk, person.id, datetime.combine(today(), datetime.min.time()), "other", None
    )
    amounts = sorted(a.amount for a in HardshipAssistance.select() if a.amount is not None)
    assert amounts == [Decimal("0.00"), Decimal("0.01"), Decimal("1000000.00")]


def test_assistance_totals_are_summed_in_sql_to_the_fen(desk) -> None:
    first, second = _person(desk, "甲"), _person(desk, "乙")
    _open_file(desk, first)
    _open_file(desk, second)
    day = date(2024, 6, 15)
    for person, on, kind, amount in (
        (first, day, "living", "0.10"),
        (second, day, "living", "0.20"),
        (first, date(2024, 6, 1), "living", "1000000"),
        (first, date(2024, 6, 30), "medical", "333.33"),
        (second, day, "festival", None),
        (first, date(2024, 5, 31), "living", "5"),  # before the period
        (first, date(2024, 7, 1), "medical", "5"),  # after it
    ):
        consent.record_assistance(desk, person.id, on, kind, amount)
    totals = consent.assistance_totals(desk, date(2024, 6, 1), date(2024, 6, 30))
    assert totals == [
        ("living", 3, Decimal("1000000.30")),
        ("medical", 1, Decimal("333.33")),
        ("festival", 1, Decimal("0.00")),
    ]
    assert all(isinstance(total, Decimal) for _, _, total in totals)
    assert consent.assistance_totals(desk, date(2023, 1, 1), date(2023, 12, 31)) == []


# --- marital status -----------------------------------------------------------------------------


def test_marital_status_without_consent_is_refused_and_nothing_changes(organiser) -> None:
    person = _person(organiser)
    error = _unchanged(lambda: consent.save_marital_status(organiser, person.id, "single"))
    assert error.field == "status"


def test_marital_status_with_consent_is_stored_and_audited(organiser) -> None:
    person = _person(organiser)
    consent.record_consent(organiser, person.id, "marital_status", "written")
    consent.save_marital_status(organiser, person.id, "widowed")
    assert Person.get_by_id(person.id).marital_status == "widowed"
    (entry,) = _audits("marital_status")
    assert json.loads(entry.details) == {"changed": ["marital_status"]}
    assert "widowed" not in entry.details
    consent.save_marital_status(organiser, person.id, "")
    assert Person.get_by_id(person.id).marital_status == ""


@pytest.mark.parametrize("status", ["married", "Single", " single"])
def test_bad_marital_status_is_refused(organiser, status) -> None:
    person = _person(organiser)
    consent.record_consent(organiser, person.id, "marital_status", "written")
    error = _unchanged(lambda: consent.save_marital_status(organiser, person.id, status))
    assert error.field == "status"


# --- permissions --------------------------------------------------------------------------------


def test_permissions_table() -> None:
    assert PERMISSIONS["consent.manage"] == {FRONT_DESK, ORGANISER, ADMIN}
    assert PERMISSIONS["hardship.read"] == {FRONT_DESK, ADMIN}
    assert PERMISSIONS["hardship.manage"] == {FRONT_DESK, ADMIN}


@pytest.mark.parametrize("role", [LIBRARIAN, MEDIATOR])
def test_roles_without_consent_manage_change_nothing(admin, make_staff, role) -> None:
    person = _person(admin)
    _open_file(admin, person)
    consent.record_consent(admin, person.id, "marital_status", "oral")
    staff = make_staff("other1", role)
    for call in (
        lambda: consent.record_consent(staff, person.id, "health", "oral"),
        lambda: consent.withdraw_consent(staff, person.id, "marital_status"),
        lambda: consent.withdraw_consent(staff, person.id, "hardship"),
        lambda: consent.save_marital_status(staff, person.id, "single"),
        lambda: consent.save_hardship_file(staff, person.id, "relative", ""),
        lambda: consent.record_assistance(staff, person.id, today(), "living", None),
    ):
        _unchanged(call, PermissionDenied)
    for read in (
        lambda: consent.hardship_file(staff, person.id),
        lambda: consent.assistance_of(staff, person.id),
        lambda: consent.assistance_totals(staff, date(2000, 1, 1), today()),
    ):
        with pytest.raises(PermissionDenied):
            read()
    # They still see the person's consents to health and marital status, not the hardship one.
    assert [c.kind for c in consent.consents_of(staff, person.id)] == ["marital_status"]


def test_the_organiser_handles_health_and_marital_consent_but_not_hardship(organiser, desk) -> None:
    person = _person(desk)
    consent.record_consent(organiser, person.id, "health", "oral")
    consent.record_consent(organiser, person.id, "marital_status", "oral")
    _unchanged(
        lambda: consent.record_consent(organiser, person.id, "hardship", "oral"), PermissionDenied
    )
    _open_file(desk, person)
    _unchanged(lambda: consent.withdraw_consent(organiser, person.id, "hardship"), PermissionDenied)
    _unchanged(
        lambda: consent.save_hardship_file(organiser, person.id, "relative", ""), PermissionDenied
    )
    with pytest.raises(PermissionDenied):
        consent.hardship_file(organiser, person.id)
    # Even the existence of a hardship consent stays out of the organiser's sight.
    assert {c.kind for c in consent.consents_of(organiser, person.id)} == {
        "health",
        "marital_status",
    }
    assert {c.kind for c in consent.consents_of(desk, person.id)} == {
        "hardship",
        "health",
        "marital_status",
    }


def test_roles_without_hardship_read_never_get_the_hardship_fields(
    desk, organiser, make_staff
) -> None:
    librarian = make_staff("lib1", LIBRARIAN)
    person = people.create_person(desk, PersonInput(name="困难户王五", phone="13812345678"))
    _open_file(desk, person)
    for actor in (organiser, librarian):
        for found in (
            [people.get_person(actor, person.id)],
            people.list_people(actor, offset=0, limit=10),
            people.search_people(actor, "13812345678"),
        ):
            assert [p.id for p in found] == [person.id]
            assert found[0].hardship_category == "" and found[0].hardship_reasons == ""
    assert people.get_person(desk, person.id).hardship_category == "deep"
    assert people.search_people(desk, "5678")[0].hardship_category == "deep"
    # Reading is not writing: the stored file is intact.
    assert Person.get_by_id(person.id).hardship_category == "deep"


def test_reading_consents_of_an_unknown_person(desk) -> None:
    with pytest.raises(NotFound):
        consent.consents_of(desk, 999_999)


# --- notes of visits to sensitive services -------------------------------------------------------


def test_sensitive_service_notes_need_the_health_consent(desk) -> None:
    person = _person(desk)
    for service in (HARDSHIP_SERVICE, DECOMPRESSION):
        error = _unchanged(
            lambda s=service: visits.record_visit(desk, _visit_input(person, s, "失眠，压力大"))
        )
        assert set(error.errors) == {"notes"}
    # Without notes, or for a service that reveals nothing, no consent is needed.
    visits.record_visit(desk, _visit_input(person, DECOMPRESSION, ""))
    visits.record_visit(desk, _visit_input(person, JOIN, "想了解会费"))
    consent.record_consent(desk, person.id, "health", "written")
    visit = visits.record_visit(desk, _visit_input(person, DECOMPRESSION, "失眠，压力大"))
    assert Visit.get_by_id(visit.id).notes == "失眠，压力大"


def test_anonymous_sensitive_visits_carry_no_notes(desk) -> None:
    error = _unchanged(
        lambda: visits.record_visit(desk, _visit_input(None, HARDSHIP_SERVICE, "不愿留名"))
    )
    assert set(error.errors) == {"notes"}
    visits.record_visit(desk, _visit_input(None, HARDSHIP_SERVICE, ""))
    visits.record_visit(desk, _visit_input(None, JOIN, "不愿留名"))


def test_correcting_a_visit_follows_the_same_rule(desk) -> None:
    person = _person(desk)
    consent.record_consent(desk, person.id, "health", "written")
    visit = visits.record_visit(desk, _visit_input(person, JOIN, ""))
    visits.update_visit(desk, visit.id, _visit_input(person, DECOMPRESSION, "预约周三"))
    consent.withdraw_consent(desk, person.id, "health")
    error = _unchanged(
        lambda: visits.update_visit(desk, visit.id, _visit_input(person, DECOMPRESSION, "改周四"))
    )
    assert set(error.errors) == {"notes"}
    visits.update_visit(desk, visit.id, _visit_input(person, DECOMPRESSION, ""))
    assert Visit.get_by_id(visit.id).notes == ""
