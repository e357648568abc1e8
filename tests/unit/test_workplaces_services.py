"""Workplace union work (issue #26): buildings, a workplace's profile and union, the status and
its dates, the founding steps, the list's filters (the 25+ rule), members counted from the
register, the workplace page's lists within the role's permissions, Today and the figures."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from stationapp.db import today
from stationapp.errors import DuplicateFound, PermissionDenied, ValidationError
from stationapp.models.accounts import (
    FRONT_DESK,
    LIBRARIAN,
    MEDIATOR,
    UNION_ORGANISER,
    AuditEntry,
    Staff,
)
from stationapp.models.people import Organization
from stationapp.models.workplaces import FoundingStep
from stationapp.services import people, workplaces
from stationapp.services import today as today_service
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.workplaces import BuildingInput, WorkplaceFilter, WorkplaceProfile


@pytest.fixture
def unionist(make_staff) -> Staff:
    return make_staff("union1", UNION_ORGANISER)


def _org(admin: Staff, name: str, **profile) -> Organization:
    org = people.create_organization(admin, OrganizationInput(name=name))
    if profile:
        workplaces.update_profile(admin, org.id, WorkplaceProfile(**profile))
    return Organization.get_by_id(org.id)


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id))


def test_buildings_are_created_searched_by_pinyin_edited_and_deactivated(admin):
    b = workplaces.create_building(
        admin, BuildingInput(name="国贸中心大厦", federation_name="国贸中心楼宇联合会")
    )
    with pytest.raises(DuplicateFound):
        workplaces.create_building(admin, BuildingInput(name="国贸中心大厦"))
    with pytest.raises(ValidationError) as caught:
        workplaces.create_building(admin, BuildingInput(name="东方大厦", federation_chair="李明"))
    assert caught.value.field == "federation_name"
    _org(admin, "云帆科技", building_id=b.id)
    found = workplaces.search_buildings(admin, "gmzx")
    assert [(r.building.name, r.workplaces) for r in found] == [("国贸中心大厦", 1)]
    workplaces.update_building(admin, b.id, BuildingInput(name="国贸中心A座", address="建国门外"))
    assert workplaces.search_buildings(admin, "A座")[0].building.address == "建国门外"
    workplaces.deactivate_building(admin, b.id)
    assert workplaces.search_buildings(admin) == []
    assert len(workplaces.search_buildings(admin, include_inactive=True)) == 1
    workplaces.reactivate_building(admin, b.id)
    assert "building" in {e.entity for e in _entries("create")}
    assert _entries("update")[-1].entity == "building"
    assert _entries("deactivate")[-1].entity == "building"


def test_profile_is_checked_and_audited(admin):
    org = _org(admin, "云帆科技")
    with pytest.raises(ValidationError) as caught:
        workplaces.update_profile(
            admin, org.id, WorkplaceProfile(employees=10, members_reported=11)
        )
    assert caught.value.field == "members_reported"
    with pytest.raises(ValidationError) as caught:
        workplaces.update_profile(
            admin, org.id, WorkplaceProfile(mediation_committee_since=today() + timedelta(days=1))
        )
    assert caught.value.field == "mediation_committee_since"
    with pytest.raises(ValidationError) as caught:
        workplaces.update_profile(admin, org.id, WorkplaceProfile(employees=-1))
    assert caught.value.field == "employees"
    workplaces.update_profile(
        admin,
        org.id,
        WorkplaceProfile(sector="软件", employees=40, union_chair="王芳", members_reported=12),
    )
    saved = Organization.get_by_id(org.id)
    assert (saved.sector, saved.employees, saved.union_chair) == ("软件", 40, "王芳")
    details = json.loads(_entries("update_profile")[-1].details)
    assert details["employees"] == [None, 40]


def test_union_status_needs_its_dates_and_keeps_them_consistent(admin, unionist):
    org = _org(admin, "云帆科技")
    day = today() - timedelta(days=30)
    with pytest.raises(ValidationError) as caught:
        workplaces.set_union_status(unionist, org.id, "preparing")
    assert caught.value.field == "union_preparing_since"
    with pytest.raises(ValidationError) as caught:
        workplaces.set_union_status(
            unionist, org.id, "preparing", preparing_since=today() + timedelta(days=1)
        )
    assert caught.value.field == "union_preparing_since"
    workplaces.set_union_status(unionist, org.id, "preparing", preparing_since=day)
    with pytest.raises(ValidationError) as caught:
        workplaces.set_union_status(unionist, org.id, "own_union")
    assert caught.value.field == "union_founded_on"
    with pytest.raises(ValidationError) as caught:
        workplaces.set_union_status(
            unionist, org.id, "own_union", preparing_since=day, founded_on=day - timedelta(1)
        )
    assert caught.value.field == "union_preparing_since"
    workplaces.set_union_status(
        unionist, org.id, "own_union", preparing_since=day, founded_on=today()
    )
    saved = Organization.get_by_id(org.id)
    assert (saved.union_status, saved.union_preparing_since, saved.union_founded_on) == (
        "own_union",
        day,
        today(),
    )
    workplaces.set_union_status(unionist, org.id, "preparing", preparing_since=day)
    assert Organization.get_by_id(org.id).union_founded_on is None
    workplaces.set_union_status(unionist, org.id, "none")
    saved = Organization.get_by_id(org.id)
    assert (saved.union_preparing_since, saved.union_founded_on) == (None, None)
    assert len(_entries("union_status")) == 4


def test_the_workplace_form_clears_dates_that_contradict_a_new_status(admin, unionist):
    org = _org(admin, "云帆科技")
    workplaces.set_union_status(
        unionist, org.id, "own_union", preparing_since=today(), founded_on=today()
    )
    people.update_organization(
        admin, org.id, OrganizationInput(name="云帆科技", union_status="none")
    )
    saved = Organization.get_by_id(org.id)
    assert (saved.union_status, saved.union_preparing_since, saved.union_founded_on) == (
        "none",
        None,
        None,
    )


def test_founding_steps_are_marked_corrected_and_undone_without_changing_the_status(
    admin, unionist
):
    org = _org(admin, "云帆科技")
    workplaces.set_union_status(unionist, org.id, "preparing", preparing_since=today())
    with pytest.raises(ValidationError):
        workplaces.mark_founding_step(unionist, org.id, "party", today())
    with pytest.raises(ValidationError) as caught:
        workplaces.mark_founding_step(unionist, org.id, "assembly", None)
    assert caught.value.field == "done_on"
    for step in ("assembly", "registered"):
        workplaces.mark_founding_step(unionist, org.id, step, today(), "会员大会")
    assert Organization.get_by_id(org.id).union_status == "preparing"
    earlier = today() - timedelta(days=2)
    workplaces.mark_founding_step(unionist, org.id, "assembly", earlier)
    steps = {v.step: v.done for v in workplaces.founding_steps(admin, org.id)}
    assert next(iter(steps)) == "contacted" and steps["contacted"] is None
    assert steps["assembly"].done_on == earlier and steps["registered"] is not None
    workplaces.undo_founding_step(unionist, org.id, "registered")
    assert not FoundingStep.select().where(FoundingStep.step == "registered").exists()
    assert len(_entries("founding_step")) == 3
    assert json.loads(_entries("undo_founding_step")[0].details)["step"] == "registered"


def test_the_list_filters_by_text_building_status_and_the_25_rule(admin, unionist):
    b = workplaces.create_building(admin, BuildingInput(name="国贸中心大厦"))
    big = _org(admin, "云帆科技", building_id=b.id, employees=30)
    _org(admin, "小店", employees=24)
    preparing = _org(admin, "华夏物流", employees=80)
    workplaces.set_union_status(unionist, preparing.id, "preparing", preparing_since=today())
    founded = _org(admin, "东方传媒", employees=100)
    workplaces.set_union_status(unionist, founded.id, "own_union", founded_on=today())

    def names(**kw) -> list[str]:
        filt = WorkplaceFilter(**kw)
        rows = workplaces.list_workplaces(admin, filt, 0, 100)
        assert workplaces.count_workplaces(admin, filt) == len(rows)
        return [r.organization.name for r in rows]

    assert len(names()) == 4
    assert names(text="yfkj") == ["云帆科技"]
    assert names(building_id=b.id) == ["云帆科技"]
    assert names(union_status="own_union") == ["东方传媒"]
    assert sorted(names(large_without_union=True)) == sorted(["云帆科技", "华夏物流"])
    assert names(keep=(lambda actor: {big.id, founded.id},), union_status="none") == ["云帆科技"]
    people.deactivate_organization(admin, big.id)
    assert "云帆科技" not in names(large_without_union=True)
    assert "云帆科技" in names(include_inactive=True)
    page = workplaces.list_workplaces(admin, WorkplaceFilter(include_inactive=True), 1, 2)
    assert [r.organization.name for r in page] == names(include_inactive=True)[1:3]


def test_members_are_counted_from_the_register_beside_the_reported_figure(admin):
    org = _org(admin, "云帆科技", employees=30, members_reported=9)
    for i, member in enumerate((True, True, False)):
        people.create_person(
            admin, PersonInput(name=f"张{'一二三'[i]}", workplace_id=org.id, is_member=member)
        )
    row = workplaces.get_workplace(admin, org.id)
    assert (row.members_register, row.organization.members_reported) == (2, 9)
    assert workplaces.list_workplaces(admin, WorkplaceFilter(), 0, 10)[0].members_register == 2
    assert len(workplaces.workplace_people(admin, org.id)) == 3


def test_the_page_lists_respect_the_role(admin, make_staff):
    org = _org(admin, "云帆科技")
    librarian = make_staff("lib1", LIBRARIAN)
    desk = make_staff("desk1", FRONT_DESK)
    mediator = make_staff("med1", MEDIATOR)
    assert workplaces.workplace_cases(mediator, org.id) == []
    with pytest.raises(PermissionDenied):
        workplaces.workplace_cases(desk, org.id)
    with pytest.raises(PermissionDenied):
        workplaces.workplace_visits(librarian, org.id)
    with pytest.raises(PermissionDenied):
        workplaces.workplace_outreach(librarian, org.id)
    assert workplaces.workplace_visits(desk, org.id) == []
    assert workplaces.workplace_outreach(desk, org.id) == []


def test_permissions_both_ways(admin, unionist, make_staff):
    org = _org(admin, "云帆科技")
    desk = make_staff("desk1", FRONT_DESK)
    librarian = make_staff("lib1", LIBRARIAN)
    # The front desk keeps workplaces' profiles but does not found unions.
    workplaces.update_profile(desk, org.id, WorkplaceProfile(employees=5))
    with pytest.raises(PermissionDenied):
        workplaces.set_union_status(desk, org.id, "none")
    with pytest.raises(PermissionDenied):
        workplaces.mark_founding_step(desk, org.id, "contacted", today())
    with pytest.raises(PermissionDenied):
        workplaces.update_profile(librarian, org.id, WorkplaceProfile())
    with pytest.raises(PermissionDenied):
        workplaces.create_building(librarian, BuildingInput(name="国贸"))
    # The union organiser does both; every role reads.
    workplaces.update_profile(unionist, org.id, WorkplaceProfile(employees=6))
    workplaces.mark_founding_step(unionist, org.id, "contacted", today())
    assert workplaces.count_workplaces(librarian) == 1


def test_today_and_the_figures(admin, unionist):
    big = _org(admin, "云帆科技", employees=30)
    _org(admin, "小店", employees=3)
    own = _org(admin, "东方传媒", employees=100, members_reported=50)
    workplaces.set_union_status(unionist, own.id, "own_union", founded_on=today())
    joint = _org(admin, "华夏物流", employees=10)
    workplaces.set_union_status(
        unionist, joint.id, "joint_union", founded_on=today() - timedelta(days=400)
    )
    people.create_person(admin, PersonInput(name="张三", workplace_id=own.id, is_member=True))
    workplaces.update_profile(
        admin,
        own.id,
        WorkplaceProfile(employees=100, members_reported=50, mediation_committee_since=today()),
    )
    section = next(s for s in today_service.today_sections(admin) if s.key == "workplaces")
    assert section.total == 1 and section.items[0].record_id == big.id
    assert section.items[0].kind == "workplace"
    start = today().replace(day=1)
    f = workplaces.workplace_figures(admin, start=start, end=today())
    assert (f.own_union, f.joint_union, f.founded, f.preparing) == (1, 1, 1, 0)
    assert (f.members_register, f.members_reported, f.mediation_committees) == (1, 50, 1)
    assert f.large_without_union == 1
    before = workplaces.workplace_figures(
        admin, start=start - timedelta(days=40), end=start - timedelta(days=10)
    )
    assert (before.own_union, before.founded, before.mediation_committees) == (0, 0, 0)
    workplaces.set_union_status(unionist, big.id, "own_union", founded_on=today())
    assert not [s for s in today_service.today_sections(admin) if s.key == "workplaces"]


def test_the_report_has_a_workplace_section(admin, unionist):
    from stationapp.services import reports

    own = _org(admin, "东方传媒", employees=100, members_reported=50)
    workplaces.set_union_status(unionist, own.id, "own_union", founded_on=today())
    report = reports.station_report(admin, today().replace(day=1), today() + timedelta(days=1))
    assert report.workplaces is not None and report.workplaces.founded == 1
    section = next(s for s in reports.report_tables(report) if s.key == "workplaces")
    rows = dict(section.tables[0].rows)
    assert rows["Unions founded in the period"] == 1
    assert rows["Members reported by the unions"] == 50
