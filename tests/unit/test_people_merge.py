"""Merging two records of the same worker (issue #21, part 7)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from stationapp.db import today
from stationapp.errors import DuplicateFound, PermissionDenied, ValidationError
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.events import Registration
from stationapp.models.library import Hold, Loan
from stationapp.models.mediation import CaseParty, MediatorRelation
from stationapp.models.people import Consent, HardshipAssistance, Person, PersonSearchKey
from stationapp.models.visits import Visit
from stationapp.services import (
    consent,
    events,
    history,
    library,
    mediation,
    people,
    people_merge,
    visits,
)
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.dbdump import changed_tables, dump
from tests.helpers.service_inputs import (
    case_input,
    event_input,
    fresh_code,
    fresh_phone,
    fresh_ric,
    new_copy,
    service_input,
    title_input,
    visit_input,
)


def _person(admin: Staff, name: str = "张伟", **fields: object) -> Person:
    fields.setdefault("id_number", fresh_ric())
    fields.setdefault("phone", fresh_phone())
    return people.create_person(admin, PersonInput(name=name, **fields), allow_duplicate=True)


def _org(admin: Staff) -> int:
    return people.create_organization(admin, OrganizationInput(name=f"测试公司{fresh_code()}")).id


def _with_everything(admin: Staff, person: Person, org_id: int) -> dict[str, int]:
    """One visit, case, loan, hold, registration, consent and assistance for ``person``."""
    service = visits.create_service(admin, service_input())
    visit = visits.record_visit(admin, visit_input(person.id, service.id))
    case = mediation.file_case(admin, case_input(person.id, org_id))
    title = library.create_title(admin, title_input())
    loan = library.lend(admin, new_copy(admin, title.id).id, person.id)
    held = library.create_title(admin, title_input())
    new_copy(admin, held.id)
    hold = library.place_hold(admin, held.id, person.id)
    event = events.create_event(admin, event_input())
    registration = events.register(admin, event.id, person.id)
    consent.record_consent(admin, person.id, "hardship", "written")
    consent.save_hardship_file(admin, person.id, "deep", "家庭成员患重病")
    assistance = consent.record_assistance(admin, person.id, today(), "living", "500")
    relation = MediatorRelation.create(staff=admin, person=person, relation="邻居")
    return {
        "visit": visit.id,
        "case": case.id,
        "loan": loan.id,
        "hold": hold.id,
        "registration": registration.id,
        "assistance": assistance.id,
        "relation": relation.id,
        "event": event.id,
    }


def _audits(person_id: int) -> list[AuditEntry]:
    return list(
        AuditEntry.select()
        .where(AuditEntry.entity == "person", AuditEntry.entity_id == person_id)
        .where(AuditEntry.action == "merge")
    )


def test_every_related_row_moves_and_the_other_is_kept_merged(admin: Staff) -> None:
    org = _org(admin)
    keep = _person(admin, "张伟", phone="13812345678")
    other = _person(admin, "张玮", phone="13987654321", workplace_id=org)
    ids = _with_everything(admin, other, org)

    merged = people_merge.merge_people(
        admin, keep.id, other.id, {"phone": "other", "workplace": "other"}
    )

    assert merged.id == keep.id
    assert merged.name == "张伟"
    assert merged.phone == "13987654321"
    assert merged.workplace_id == org
    assert Visit.get_by_id(ids["visit"]).person_id == keep.id
    assert CaseParty.get(CaseParty.case == ids["case"]).person_id == keep.id
    assert Loan.get_by_id(ids["loan"]).person_id == keep.id
    assert Hold.get_by_id(ids["hold"]).person_id == keep.id
    assert Registration.get_by_id(ids["registration"]).person_id == keep.id
    assert Consent.get(Consent.kind == "hardship").person_id == keep.id
    assert HardshipAssistance.get_by_id(ids["assistance"]).person_id == keep.id
    assert MediatorRelation.get_by_id(ids["relation"]).person_id == keep.id
    assert history.references(Person, other.id, owned=(PersonSearchKey,)) == {}
    # The hardship file followed its consent to the kept record.
    stored = Person.get_by_id(keep.id)
    assert stored.hardship_category == "deep"

    gone = Person.get_by_id(other.id)
    assert gone.merged_into_id == keep.id
    assert gone.active is False
    assert not PersonSearchKey.select().where(PersonSearchKey.person == other.id).exists()
    # Found under the kept record: by the kept one's keys, and the merged one is in no list.
    assert [p.id for p in people.search_people(admin, "13987654321")] == [keep.id]
    assert people.search_people(admin, "张玮", include_inactive=True) == []
    listed = people.list_people(admin, offset=0, limit=50, include_inactive=True)
    assert other.id not in [p.id for p in listed]
    assert people.count_people(admin, include_inactive=True) == len(listed)
    assert people.find_duplicates(name="张玮", phone="13987654321", id_number="") == []
    # The merged record still opens, and says where it went.
    assert people.get_person(admin, other.id).merged_into_id == keep.id


def test_the_audit_has_an_entry_on_each_person(admin: Staff) -> None:
    keep = _person(admin, "张伟")
    other = _person(admin, "张伟")
    other_id_number = other.id_number
    people_merge.merge_people(admin, keep.id, other.id, {"id_number": "other"})
    (kept_entry,) = _audits(keep.id)
    (other_entry,) = _audits(other.id)
    kept = json.loads(kept_entry.details)
    assert kept["merged_from"] == other.id
    assert kept["choices"]["id_number"] == "other"
    assert kept["changed"]["id_number"][1] == people.mask_id(other_id_number)
    assert other_id_number not in kept_entry.details
    assert json.loads(other_entry.details)["merged_into"] == keep.id
    assert Person.get_by_id(keep.id).id_number == other_id_number


def test_choices_are_validated_as_the_desk_does(admin: Staff) -> None:
    keep = _person(admin, "张伟", is_member=True, member_card="")
    other = _person(admin, "张伟", is_member=False)
    # Member card of one, "not a member" of the other: fine when the card is empty.
    Person.update(member_card="1234567890123456").where(Person.id == keep.id).execute()
    before = dump()
    with pytest.raises(ValidationError) as caught:
        people_merge.merge_people(
            admin, keep.id, other.id, {"is_member": "other", "member_card": "keep"}
        )
    assert caught.value.field == "member_card"
    with pytest.raises(ValidationError):
        people_merge.merge_people(admin, keep.id, other.id, {"name": "both"})
    with pytest.raises(ValidationError):
        people_merge.merge_people(admin, keep.id, other.id, {"colour": "other"})
    after = dump()
    assert before == after, changed_tables(before, after)


def test_the_id_number_decides_gender_and_birth_date(admin: Staff) -> None:
    keep = _person(admin, "张伟")
    other = _person(admin, "张伟", id_number="", gender="F" if keep.gender == "M" else "M")
    with pytest.raises(ValidationError) as caught:
        people_merge.merge_people(admin, keep.id, other.id, {"gender": "other"})
    assert caught.value.field == "gender"


def test_a_third_record_with_the_chosen_id_number_is_refused(admin: Staff) -> None:
    keep = _person(admin)
    other = _person(admin)
    # The duplicates check on create keeps that from happening; here it is written by hand.
    clash = _person(admin)
    Person.update(id_number=other.id_number).where(Person.id == clash.id).execute()
    with pytest.raises(DuplicateFound):
        people_merge.merge_people(admin, keep.id, other.id, {"id_number": "other"})


def test_shared_registrations_holds_cases_and_consents(admin: Staff, make_staff) -> None:
    org = _org(admin)
    keep = _person(admin)
    other = _person(admin)
    event = events.create_event(admin, event_input())
    mine = events.register(admin, event.id, keep.id)
    theirs = events.register(admin, event.id, other.id)
    title = library.create_title(admin, title_input())
    new_copy(admin, title.id)
    my_hold = library.place_hold(admin, title.id, keep.id)
    their_hold = library.place_hold(admin, title.id, other.id)
    case = mediation.file_case(
        admin, replace(case_input(keep.id, org), applicant_ids=[keep.id, other.id])
    )
    consent.record_consent(admin, keep.id, "health", "written")
    consent.record_consent(admin, other.id, "health", "oral")

    people_merge.merge_people(admin, keep.id, other.id, {})

    assert Registration.get_by_id(mine.id).state == "confirmed"
    cancelled = Registration.get_by_id(theirs.id)
    assert cancelled.state == "cancelled" and cancelled.person_id == keep.id
    assert Hold.get_by_id(my_hold.id).state == "waiting"
    assert Hold.get_by_id(their_hold.id).state == "cancelled"
    assert [p.person_id for p in CaseParty.select().where(CaseParty.case == case.id)] == [keep.id]
    in_force = Consent.select().where(Consent.kind == "health", Consent.withdrawn_at.is_null())
    assert [c.method for c in in_force] == ["oral"]  # the newer stays
    details = json.loads(_audits(keep.id)[0].details)
    assert details["registrations_cancelled"] == [theirs.id]
    assert details["holds_cancelled"] == [their_hold.id]
    assert details["cases_shared"] == [case.id]


def test_a_registration_further_along_wins(admin: Staff) -> None:
    keep = _person(admin)
    other = _person(admin)
    event = events.create_event(admin, event_input())
    mine = events.register(admin, event.id, keep.id)
    theirs = events.register(admin, event.id, other.id)
    Registration.update(state="pending").where(Registration.id == mine.id).execute()
    people_merge.merge_people(admin, keep.id, other.id, {})
    assert Registration.get_by_id(mine.id).state == "cancelled"
    assert Registration.get_by_id(theirs.id).state == "confirmed"


def test_refusals(admin: Staff, make_staff) -> None:
    keep = _person(admin)
    other = _person(admin)
    third = _person(admin)
    with pytest.raises(ValidationError):
        people_merge.merge_people(admin, keep.id, keep.id, {})
    people_merge.merge_people(admin, keep.id, other.id, {})
    reader = make_staff("reader1", "librarian")
    nobody = Staff.create(username="x1", display_name="x", roles="", password_hash="-")
    before = dump()
    with pytest.raises(ValidationError):
        people_merge.merge_people(admin, third.id, other.id, {})
    with pytest.raises(ValidationError):
        people_merge.merge_people(admin, other.id, third.id, {})
    Person.update(anonymised_at=date(2026, 1, 1)).where(Person.id == third.id).execute()
    with pytest.raises(ValidationError):
        people_merge.merge_people(admin, keep.id, third.id, {})
    Person.update(anonymised_at=None).where(Person.id == third.id).execute()
    with pytest.raises(PermissionDenied):
        people_merge.merge_people(nobody, keep.id, third.id, {})
    after = dump()
    assert before == after, changed_tables(before, after)
    people_merge.merge_people(reader, keep.id, third.id, {})  # a librarian edits people


def test_a_mediation_case_needs_the_mediation_rights(admin: Staff, make_staff) -> None:
    org = _org(admin)
    keep = _person(admin)
    other = _person(admin)
    mediation.file_case(admin, case_input(other.id, org))
    desk = make_staff("desk1", "front_desk")
    plan = people_merge.merge_plan(desk, keep.id, other.id)
    assert plan.needs_case_rights and not plan.may_merge
    before = dump()
    with pytest.raises(PermissionDenied):
        people_merge.merge_people(desk, keep.id, other.id, {})
    assert dump() == before
    mediator = make_staff("med1", "mediator")
    people_merge.merge_people(mediator, keep.id, other.id, {})
    assert Person.get_by_id(other.id).merged_into_id == keep.id


def test_a_failure_in_the_middle_changes_nothing(admin: Staff, monkeypatch) -> None:
    org = _org(admin)
    keep = _person(admin)
    other = _person(admin)
    _with_everything(admin, other, org)
    before = dump()

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(people_merge, "audit", boom)
    with pytest.raises(RuntimeError):
        people_merge.merge_people(admin, keep.id, other.id, {"name": "other"})
    after = dump()
    assert before == after, changed_tables(before, after)


def test_the_plan_shows_differences_and_what_moves(admin: Staff) -> None:
    org = _org(admin)
    keep = _person(admin, "张伟", notes="同一人")
    other = _person(admin, "张伟", notes="同一人")
    _with_everything(admin, other, org)
    plan = people_merge.merge_plan(admin, keep.id, other.id)
    assert "name" not in plan.differing and "notes" not in plan.differing
    assert {"phone", "id_number"} <= set(plan.differing)
    assert plan.moves["visit"] == 1
    assert plan.moves["loan"] == 1
    assert plan.moves["case_party"] == 1
    assert plan.may_merge
