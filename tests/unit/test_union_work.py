"""Workplace union work (issue #26, points 3-5 and 7): workers' congresses and when the next is
due, collective contracts (terms, states and the 60-day window, regional cover counted once,
renewals), open-affairs checks, the Workplaces tab's filters, Today, the report, permissions
both ways and the audit trail."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from stationapp.db import today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import FRONT_DESK, UNION_ORGANISER, AuditEntry, Staff
from stationapp.models.people import Building, Organization
from stationapp.models.union_work import ContractWorkplace
from stationapp.services import people, reports, union_work
from stationapp.services import today as today_service
from stationapp.services.people import OrganizationInput
from stationapp.services.union_work import CheckInput, CongressInput, ContractInput


@pytest.fixture
def organiser(make_staff) -> Staff:
    return make_staff("union1", UNION_ORGANISER)


@pytest.fixture
def desk(make_staff) -> Staff:
    return make_staff("desk1", FRONT_DESK)


def _org(admin: Staff, name: str, **columns) -> Organization:
    org = people.create_organization(admin, OrganizationInput(name=name))
    if columns:
        Organization.update(**columns).where(Organization.id == org.id).execute()
    return Organization.get_by_id(org.id)


@pytest.fixture
def tower(admin: Staff):
    """A building with a federation and three small firms, and a big firm elsewhere."""
    building = Building.create(name="国际大厦", federation_name="国际大厦楼宇联合会")
    firms = [
        _org(admin, f"国际大厦{n}号公司", building=building.id, employees=size)
        for n, size in ((1, 30), (2, 12), (3, 8))
    ]
    big = _org(
        admin,
        "建国门百货",
        employees=400,
        union_status="own_union",
        union_founded_on=date(2020, 5, 1),
    )
    return building, firms, big


def _term(start: date, years: int = 2) -> dict[str, date]:
    return {
        "signed_on": min(start - timedelta(days=20), today()),
        "starts_on": start,
        "ends_on": date(start.year + years, start.month, start.day) - timedelta(days=1),
    }


def _contract(kind: str = "wage", **kw) -> ContractInput:
    data: dict[str, object] = {"kind": kind, **_term(today() - timedelta(days=100))}
    data.update(kw)
    return ContractInput(**data)


def _errors(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return exc.value.errors


# --- congresses ---------------------------------------------------------------------------------


def test_congress_recorded_listed_and_audited(admin, organiser, tower) -> None:
    _b, _firms, big = tower
    meeting = union_work.record_congress(
        organiser,
        big.id,
        CongressInput(
            held_on=today() - timedelta(days=30),
            delegates=45,
            matters="审议通过《员工手册》修订稿",
            handbook_revised=True,
            station_part="指导筹备，列席会议",
        ),
    )
    assert [m.id for m in union_work.list_congresses(organiser, big.id)] == [meeting.id]
    entry = AuditEntry.get(AuditEntry.entity == "congress_meeting")
    assert (entry.action, entry.entity_id, entry.staff_id) == ("create", meeting.id, organiser.id)
    assert json.loads(entry.details)["workplace"] == "建国门百货"
    union_work.update_congress(
        organiser, meeting.id, CongressInput(held_on=meeting.held_on, delegates=47)
    )
    updates = AuditEntry.select().where(
        AuditEntry.entity == "congress_meeting", AuditEntry.action == "update"
    )
    assert [e.entity_id for e in updates] == [meeting.id]


def test_congress_errors_at_their_fields(organiser, tower) -> None:
    big = tower[2]
    with pytest.raises(ValidationError) as exc:
        union_work.record_congress(
            organiser, big.id, CongressInput(held_on=today() + timedelta(days=1), delegates=0)
        )
    assert set(_errors(exc)) == {"held_on", "delegates"}
    with pytest.raises(ValidationError) as exc:
        union_work.record_congress(organiser, big.id, CongressInput(held_on=None, kind="x"))
    assert set(_errors(exc)) == {"held_on", "kind"}
    # A general assembly needs no count of delegates.
    union_work.record_congress(organiser, big.id, CongressInput(held_on=today(), kind="assembly"))


def test_congress_due_yearly_after_the_last(admin, organiser, tower) -> None:
    _b, firms, big = tower
    on = today()
    # A founded union with 25+ employees and no meeting: due a year after founding.
    due = union_work.congress_due(organiser, big.id, on)
    assert due.last_held is None and due.due_on == date(2021, 5, 1) and due.overdue
    held = on - timedelta(days=200)
    union_work.record_congress(organiser, big.id, CongressInput(held_on=held, delegates=40))
    due = union_work.congress_due(organiser, big.id, on)
    assert due.last_held == held and not due.overdue
    assert due.due_on == union_work.congresses.add_months(held, 12)
    assert union_work.congress_due(organiser, big.id, due.due_on + timedelta(days=1)).overdue
    assert not union_work.congress_due(organiser, big.id, due.due_on).overdue
    # A firm with no union and no meeting is not expected to hold one.
    assert union_work.congress_due(organiser, firms[0].id, on) == union_work.CongressDue(
        None, None, False
    )


def test_overdue_congress_ids(admin, organiser, tower) -> None:
    _b, firms, big = tower
    on = today()
    small_union = _org(admin, "小工会公司", union_status="joint_union", employees=10)
    assert union_work.overdue_congress_org_ids(on) == {big.id}
    union_work.record_congress(organiser, big.id, CongressInput(held_on=on, delegates=40))
    # A firm that held one long ago is overdue whatever its size; a small union is not expected.
    union_work.record_congress(
        organiser, firms[2].id, CongressInput(held_on=on - timedelta(days=400), kind="assembly")
    )
    assert union_work.overdue_congress_org_ids(on) == {firms[2].id}
    assert small_union.id not in union_work.overdue_congress_org_ids(on + timedelta(days=800))
    people.deactivate_organization(admin, firms[2].id)
    assert union_work.overdue_congress_org_ids(on) == set()


# --- contracts ----------------------------------------------------------------------------------


def test_contract_terms_from_one_to_three_years(organiser, tower) -> None:
    big = tower[2]
    start = date(2026, 1, 1)
    for ends_on, ok in (
        (date(2026, 12, 30), False),
        (date(2026, 12, 31), True),
        (date(2029, 1, 1), True),
        (date(2029, 1, 2), False),
    ):
        data = _contract(signed_on=date(2025, 12, 20), starts_on=start, ends_on=ends_on)
        if ok:
            union_work.record_contract(organiser, big.id, data)
        else:
            with pytest.raises(ValidationError) as exc:
                union_work.record_contract(organiser, big.id, data)
            assert set(_errors(exc)) == {"ends_on"}


def test_contract_fields_refused_at_their_fields(organiser, tower) -> None:
    big = tower[2]
    with pytest.raises(ValidationError) as exc:
        union_work.record_contract(
            organiser,
            big.id,
            _contract(
                kind="other",
                signed_on=today() + timedelta(days=2),
                wage_increase="百分之五",
                minimum_wage_clause=True,
                employees_covered=-1,
            ),
        )
    assert set(_errors(exc)) == {
        "kind",
        "signed_on",
        "wage_increase",
        "minimum_wage_text",
        "employees_covered",
    }
    with pytest.raises(ValidationError) as exc:
        union_work.record_contract(
            organiser, big.id, _contract(registered_on=today() - timedelta(days=365))
        )
    assert set(_errors(exc)) == {"registered_on"}
    contract = union_work.record_contract(
        organiser,
        big.id,
        _contract(wage_increase="5.5%", minimum_wage_clause=True, minimum_wage_text="不低于2420元"),
    )
    assert contract.wage_increase == Decimal("5.50")


@pytest.mark.parametrize(
    ("days_left", "state"),
    [(-1, "expired"), (0, "expiring"), (60, "expiring"), (61, "in_force")],
)
def test_contract_states_and_the_60_day_window(organiser, tower, days_left, state) -> None:
    big = tower[2]
    on = today()
    ends = on + timedelta(days=days_left)
    start = date(ends.year - 2, ends.month, ends.day) + timedelta(days=1)
    union_work.record_contract(
        organiser,
        big.id,
        _contract(signed_on=start - timedelta(days=10), starts_on=start, ends_on=ends),
    )
    assert [v.state for v in union_work.list_contracts(organiser, big.id, on)] == [state]
    expected = {big.id} if state == "expiring" else set()
    assert union_work.expiring_contract_org_ids(on) == expected


def test_a_contract_not_yet_in_force(organiser, tower) -> None:
    big = tower[2]
    on = date(2026, 3, 1)
    contract = union_work.record_contract(
        organiser,
        big.id,
        _contract(
            signed_on=date(2025, 12, 1),
            **{"starts_on": date(2026, 4, 1), "ends_on": date(2027, 3, 31)},
        ),
    )
    assert union_work.state_of(contract, on) == "upcoming"


def test_renewal_links_and_marks_the_earlier(organiser, tower) -> None:
    big = tower[2]
    on = today()
    start = on - timedelta(days=700)
    earlier = union_work.record_contract(organiser, big.id, _contract(**_term(start, 2)))
    assert union_work.expiring_contract_org_ids(on) == {big.id}
    with pytest.raises(ValidationError) as exc:
        union_work.renew_contract(
            organiser, earlier.id, _contract(**_term(start - timedelta(days=1)))
        )
    assert exc.value.field == "starts_on"
    renewal = union_work.renew_contract(
        organiser, earlier.id, _contract(**_term(earlier.ends_on + timedelta(days=1), 3))
    )
    assert renewal.renews_id == earlier.id and renewal.organization_id == big.id
    views = {v.contract.id: v for v in union_work.list_contracts(organiser, big.id, on)}
    assert views[earlier.id].state == "renewed" and views[earlier.id].renewed_by == renewal.id
    assert views[renewal.id].state == "upcoming"
    assert union_work.expiring_contract_org_ids(on) == set()
    with pytest.raises(ValidationError):
        union_work.renew_contract(
            organiser, earlier.id, _contract(**_term(earlier.ends_on + timedelta(days=1)))
        )
    entry = AuditEntry.get(
        AuditEntry.entity_id == renewal.id, AuditEntry.entity == "collective_contract"
    )
    assert json.loads(entry.details)["renews"] == earlier.id


def test_regional_contract_covers_the_building_firms(organiser, tower) -> None:
    building, firms, big = tower
    with pytest.raises(ValidationError) as exc:
        union_work.record_regional_contract(organiser, building.id, _contract())
    assert exc.value.field == "covered"
    with pytest.raises(ValidationError) as exc:
        union_work.record_regional_contract(
            organiser, building.id, _contract(covered=(firms[0].id, big.id))
        )
    assert exc.value.field == "covered"
    contract = union_work.record_regional_contract(
        organiser, building.id, _contract(covered=(firms[0].id, firms[1].id))
    )
    [view] = union_work.regional_contracts(organiser, building.id)
    assert view.regional and view.party == "国际大厦楼宇联合会"
    assert sorted(view.covered) == sorted([firms[0].name, firms[1].name])
    assert [v.contract.id for v in union_work.list_contracts(organiser, firms[1].id)] == [
        contract.id
    ]
    assert union_work.list_contracts(organiser, firms[2].id) == []
    # The covered workplaces changed: firm 1 out, firm 3 in.
    union_work.update_contract(
        organiser, contract.id, _contract(covered=(firms[1].id, firms[2].id))
    )
    assert sorted(union_work.covered_ids(organiser, contract.id)) == sorted(
        [firms[1].id, firms[2].id]
    )
    assert ContractWorkplace.select().count() == 2


def test_regional_cover_counts_for_the_expiring_filter(organiser, tower) -> None:
    building, firms, _big = tower
    on = today()
    start = on - timedelta(days=700)
    union_work.record_regional_contract(
        organiser, building.id, _contract(covered=(firms[0].id, firms[1].id), **_term(start))
    )
    assert union_work.expiring_contract_org_ids(on) == {firms[0].id, firms[1].id}
    # Firm 1's own contract lasts longer: its cover does not expire.
    union_work.record_contract(organiser, firms[0].id, _contract(**_term(on - timedelta(days=10))))
    assert union_work.expiring_contract_org_ids(on) == {firms[1].id}
    assert union_work.expiring_contract_org_ids(on, within_days=20) == set()


# --- open affairs ------------------------------------------------------------------------------


def test_open_affairs_checks(organiser, tower) -> None:
    big = tower[2]
    with pytest.raises(ValidationError) as exc:
        union_work.record_check(
            organiser, big.id, CheckInput(checked_on=None, rating="needs_improvement")
        )
    assert set(_errors(exc)) == {"findings", "checked_on", "follow_up"}
    check = union_work.record_check(
        organiser,
        big.id,
        CheckInput(
            checked_on=today(),
            rating="needs_improvement",
            findings="公开栏未更新工资调整方案",
            follow_up="两周内更新，月底复查",
        ),
    )
    union_work.update_check(
        organiser, check.id, CheckInput(checked_on=today(), rating="good", findings="已更新")
    )
    [listed] = union_work.list_checks(organiser, big.id)
    assert listed.rating == "good"
    assert [
        e.action for e in AuditEntry.select().where(AuditEntry.entity == "open_affairs_check")
    ] == [
        "create",
        "update",
    ]


# --- permissions ------------------------------------------------------------------------------


def test_front_desk_reads_but_may_not_record(desk, organiser, tower) -> None:
    big = tower[2]
    before = AuditEntry.select().count()
    with pytest.raises(PermissionDenied):
        union_work.record_congress(desk, big.id, CongressInput(held_on=today(), delegates=3))
    with pytest.raises(PermissionDenied):
        union_work.record_contract(desk, big.id, _contract())
    with pytest.raises(PermissionDenied):
        union_work.record_check(
            desk, big.id, CheckInput(checked_on=today(), rating="good", findings="好")
        )
    assert AuditEntry.select().count() == before
    union_work.record_contract(organiser, big.id, _contract())
    assert len(union_work.list_contracts(desk, big.id)) == 1
    assert union_work.congress_due(desk, big.id, today()).overdue


# --- Today and the report -----------------------------------------------------------------------


def test_today_sections(admin, organiser, tower) -> None:
    building, firms, big = tower
    on = today()
    union_work.record_regional_contract(
        organiser,
        building.id,
        _contract(covered=(firms[0].id,), **_term(on - timedelta(days=700))),
    )
    sections = {s.key: s for s in today_service.today_sections(organiser, on=on)}
    contracts, congresses = sections["contracts"], sections["congresses"]
    assert [(i.kind, i.record_id) for i in contracts.items] == [("workplace", firms[0].id)]
    assert [(i.kind, i.record_id, i.overdue) for i in congresses.items] == [
        ("workplace", big.id, True)
    ]
    assert "逾期" not in congresses.items[0].text  # the view says it, in the reader's language


def test_report_counts_cover_once(admin, organiser, tower) -> None:
    building, firms, big = tower
    start = date(today().year, 1, 1) if today().month > 1 else date(today().year - 1, 12, 1)
    on = today()
    regional = union_work.record_regional_contract(
        organiser,
        building.id,
        _contract(covered=(firms[0].id, firms[1].id), **_term(on - timedelta(days=5))),
    )
    # Firm 1 is covered twice (its own wage agreement and the regional one): counted once.
    union_work.record_contract(
        organiser, firms[0].id, _contract(employees_covered=30, **_term(on - timedelta(days=3)))
    )
    union_work.renew_contract(
        organiser,
        regional.id,
        _contract(**{**_term(on - timedelta(days=4)), "signed_on": on - timedelta(days=2)}),
    )
    union_work.record_congress(
        organiser, big.id, CongressInput(held_on=on, delegates=40, handbook_revised=True)
    )
    union_work.record_check(
        organiser, big.id, CheckInput(checked_on=on, rating="good", findings="好")
    )
    figures = union_work.union_work_figures(admin, start=start, end=on)
    assert figures.workplaces_covered == 2
    assert figures.employees_covered == 30 + 12
    assert (figures.contracts_signed, figures.contracts_renewed, figures.regional_signed) == (
        2,
        1,
        2,
    )
    assert (figures.congresses, figures.handbooks_revised) == (1, 1)
    assert (figures.checks, figures.checks_good) == (1, 1)
    report = reports.station_report(admin, start, on + timedelta(days=1))
    assert report.union_work == figures
    sections = {s.key: s for s in reports.report_tables(report)}
    assert "union_work" in sections
