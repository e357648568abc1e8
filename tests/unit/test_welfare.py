"""Welfare rounds (issue 25, point 4): rounds, recipients by rule and by hand (once per round),
the budget, deliveries and their undoing, birthday greetings, the seasons, the report's
figures."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from stationapp.errors import NotFound, PermissionDenied, ValidationError
from stationapp.models.accounts import FRONT_DESK, ORGANISER, AuditEntry, Staff
from stationapp.models.welfare import WelfareRecipient
from stationapp.services import consent, people, retention, today, welfare
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.welfare import RoundInput
from tests.helpers.ids import make_ric


@pytest.fixture
def desk(make_staff) -> Staff:
    return make_staff("desk1", FRONT_DESK)


@pytest.fixture
def organiser(make_staff) -> Staff:
    return make_staff("org1", ORGANISER)


@pytest.fixture
def town(admin: Staff):
    """Two workplaces (a courier depot and an office), five people: members at the depot (one
    born in July), a member at the office, a non-member at the depot, and one in hardship."""
    depot = people.create_organization(admin, OrganizationInput(name="同城速递东城分部"))
    office = people.create_organization(admin, OrganizationInput(name="东华写字楼物业"))

    def person(name: str, seq: int, **kw) -> int:
        birth = kw.get("birth_date", date(1985, 3, 21))
        return people.create_person(
            admin, PersonInput(name=name, id_number=make_ric(seq=seq, birth=birth), **kw)
        ).id

    found = {
        "rider": person(
            "张骑手", 11, workplace_id=depot.id, is_member=True, birth_date=date(1990, 7, 12)
        ),
        "sorter": person(
            "李分拣", 13, workplace_id=depot.id, is_member=True, birth_date=date(1988, 3, 2)
        ),
        "guest": person("赵临时", 15, workplace_id=depot.id, is_member=False),
        "clerk": person(
            "王文员", 17, workplace_id=office.id, is_member=True, birth_date=date(1992, 7, 30)
        ),
        "needy": person("刘困难", 19),
    }
    consent.record_consent(admin, found["needy"], "hardship", "written")
    consent.save_hardship_file(admin, found["needy"], "deep", "家中有重病患者")
    return depot, office, found


def _round(actor: Staff, **kw) -> int:
    data = dict(
        name="2026年暑期送清凉",
        kind="cooling",
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 8, 31),
        items="防暑降温包",
        item_value="50",
        amount="",
        budget=None,
    )
    data.update(kw)
    return welfare.create_round(actor, RoundInput(**data)).id


def _names(actor: Staff, round_id: int, **kw) -> list[str]:
    return [v.name for v in welfare.list_recipients(actor, round_id, **kw)]


# --- rounds ----------------------------------------------------------------------------------


def test_a_round_is_created_with_what_each_gets_and_audited(desk) -> None:
    round_id = _round(desk, amount="100", budget="2000")
    r = welfare.get_round(desk, round_id)
    assert (r.kind, r.items, r.amount, r.item_value, r.budget) == (
        "cooling",
        "防暑降温包",
        Decimal("100.00"),
        Decimal("50.00"),
        Decimal("2000.00"),
    )
    assert welfare.per_person(r) == Decimal("150.00")
    entry = AuditEntry.get(AuditEntry.entity == "welfare_round")
    assert (entry.action, entry.entity_id) == ("create", round_id)
    assert welfare.count_rounds(desk, "清凉") == 1 and welfare.count_rounds(desk, "温暖") == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"kind": "party"}, "kind"),
        ({"ends_on": date(2026, 6, 30)}, "ends_on"),
        ({"starts_on": None}, "starts_on"),
        ({"items": "", "amount": ""}, "items"),
        ({"budget": "十万"}, "budget"),
        ({"amount": "-5"}, "amount"),
        ({"item_value": "1.234"}, "item_value"),
    ],
)
def test_a_bad_round_is_refused_at_the_field(desk, change, field) -> None:
    with pytest.raises(ValidationError) as caught:
        _round(desk, **change)
    assert field in caught.value.errors


def test_only_the_roles_that_run_rounds_create_them(organiser) -> None:
    with pytest.raises(PermissionDenied):
        _round(organiser)


# --- recipients by rule and by hand ----------------------------------------------------------


def test_workplaces_give_their_members_and_a_second_rule_skips_those_there(desk, town) -> None:
    depot, office, _found = town
    round_id = _round(desk)
    added = welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    assert (added.added, added.skipped) == (2, 0)  # the non-member is not chosen
    assert sorted(_names(desk, round_id)) == sorted(["张骑手", "李分拣"])
    assert {v.workplace for v in welfare.list_recipients(desk, round_id)} == {"同城速递东城分部"}
    again = welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id, office.id])
    assert (again.added, again.skipped) == (1, 2)
    assert welfare.count_recipients(desk, round_id) == 3
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "add_recipients")
        .order_by(AuditEntry.id.desc())
        .first()
    )
    assert json.loads(entry.details) == {"added": 1, "rule": "workplace", "skipped": 2}


def test_a_workplace_rule_needs_a_workplace(desk, town) -> None:
    with pytest.raises(ValidationError) as caught:
        welfare.add_by_rule(desk, _round(desk), "workplace", workplace_ids=[])
    assert caught.value.field == "workplaces"


def test_birthdays_in_the_month_are_chosen_among_members(desk, town) -> None:
    round_id = _round(
        desk,
        kind="birthday",
        name="7月生日送祝福",
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
    )
    added = welfare.add_by_rule(desk, round_id, "birthday")
    assert added.added == 2
    assert sorted(_names(desk, round_id)) == sorted(["张骑手", "王文员"])
    assert welfare.add_by_rule(desk, round_id, "birthday", month=3).added == 1


def test_a_person_is_on_a_round_once_by_hand_too(desk, town) -> None:
    _depot, _office, found = town
    round_id = _round(desk)
    welfare.add_person(desk, round_id, found["guest"])
    with pytest.raises(ValidationError) as caught:
        welfare.add_person(desk, round_id, found["guest"])
    assert caught.value.field == "person" and "赵临时" in str(caught.value)
    assert WelfareRecipient.select().count() == 1
    with pytest.raises(Exception):  # noqa: B017 (the unique index is the backstop)
        WelfareRecipient.create(round=round_id, person=found["guest"], source="hand", added_by=desk)


def test_the_hardship_rule_and_its_reason_belong_to_those_who_may_read_the_file(
    desk, organiser, town
) -> None:
    _depot, _office, _found = town
    round_id = _round(desk)
    assert welfare.add_by_rule(desk, round_id, "hardship").added == 1
    [seen] = welfare.list_recipients(desk, round_id)
    assert (seen.name, seen.source) == ("刘困难", "hardship")
    [hidden] = welfare.list_recipients(organiser, round_id)
    assert (hidden.name, hidden.source) == ("刘困难", "rule")
    assert welfare.source_label("rule") == "By rule"
    # A role with welfare.manage but no hardship.read may not choose by the file.
    from stationapp.services import accounts

    accounts.PERMISSIONS["welfare.manage"] = accounts.PERMISSIONS["welfare.manage"] | {ORGANISER}
    try:
        with pytest.raises(PermissionDenied):
            welfare.add_by_rule(organiser, round_id, "hardship")
    finally:
        accounts.PERMISSIONS["welfare.manage"] = accounts.PERMISSIONS["welfare.manage"] - {
            ORGANISER
        }


def test_withdrawn_hardship_consent_takes_the_person_out_of_the_rule(admin, desk, town) -> None:
    _depot, _office, found = town
    consent.withdraw_consent(admin, found["needy"], "hardship")
    assert welfare.add_by_rule(desk, _round(desk), "hardship").added == 0


# --- the budget ------------------------------------------------------------------------------


def test_adding_past_the_budget_is_refused_with_the_figures(desk, town) -> None:
    depot, _office, found = town
    round_id = _round(desk, budget="120", item_value="50")
    welfare.add_person(desk, round_id, found["clerk"])
    with pytest.raises(ValidationError) as caught:
        welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    message = str(caught.value)
    assert caught.value.field == "budget"
    for figure in ("2", "¥50.00", "¥150.00", "¥120.00"):
        assert figure in message
    assert welfare.count_recipients(desk, round_id) == 1  # all or nothing
    welfare.add_person(desk, round_id, found["rider"])  # 100 of 120: fits
    with pytest.raises(ValidationError):
        welfare.add_person(desk, round_id, found["sorter"])


def test_the_override_is_a_larger_budget_and_a_budget_below_the_plan_is_refused(desk, town) -> None:
    depot, _office, _found = town
    round_id = _round(desk, budget="50")
    with pytest.raises(ValidationError):
        welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    welfare.update_round(
        desk,
        round_id,
        RoundInput(
            name="2026年暑期送清凉",
            kind="cooling",
            starts_on=date(2026, 7, 1),
            ends_on=date(2026, 8, 31),
            items="防暑降温包",
            item_value="50",
            budget="100",
        ),
    )
    assert welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id]).added == 2
    with pytest.raises(ValidationError) as caught:
        welfare.update_round(
            desk,
            round_id,
            RoundInput(
                name="2026年暑期送清凉",
                kind="cooling",
                starts_on=date(2026, 7, 1),
                ends_on=date(2026, 8, 31),
                items="防暑降温包",
                item_value="50",
                budget="99",
            ),
        )
    assert caught.value.field == "budget" and "¥100.00" in str(caught.value)


# --- deliveries ------------------------------------------------------------------------------


def test_delivery_is_recorded_shown_in_totals_and_undone(desk, organiser, town) -> None:
    depot, _office, _found = town
    round_id = _round(desk, amount="100", budget="1000")
    welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    rider = next(v for v in welfare.list_recipients(desk, round_id) if v.name == "张骑手")
    done = welfare.deliver(organiser, rider.id, collected_by="张妻", relation="配偶")
    assert done.delivered_at is not None and done.delivered_by == "测试员"
    assert (done.collected_by, done.collected_relation) == ("张妻", "配偶")
    with pytest.raises(ValidationError):
        welfare.deliver(desk, rider.id)
    totals = welfare.round_totals(desk, round_id)
    assert (totals.recipients, totals.delivered) == (2, 1)
    assert (totals.planned, totals.spent, totals.left) == (
        Decimal("300.00"),
        Decimal("150.00"),
        Decimal("700.00"),
    )
    assert _names(desk, round_id, undelivered=True) == ["李分拣"]
    undone = welfare.undo_delivery(desk, rider.id)
    assert undone.delivered_at is None and undone.collected_by == ""
    assert welfare.round_totals(desk, round_id).delivered == 0
    with pytest.raises(ValidationError):
        welfare.undo_delivery(desk, rider.id)
    actions = [
        e.action
        for e in AuditEntry.select()
        .where(AuditEntry.entity == "welfare_recipient")
        .order_by(AuditEntry.id)
    ]
    assert actions == ["deliver", "undo_delivery"]


def test_someone_added_by_mistake_is_taken_off_unless_delivered(desk, organiser, town) -> None:
    depot, _office, _found = town
    round_id = _round(desk, amount="100", budget="1000")
    welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    listed = {v.name: v for v in welfare.list_recipients(desk, round_id)}
    rider, sorter = listed["张骑手"], listed["李分拣"]
    welfare.deliver(desk, rider.id)
    with pytest.raises(ValidationError) as caught:  # delivered: undo it first
        welfare.remove_recipient(desk, rider.id)
    assert caught.value.field == "person" and "undo the delivery" in str(caught.value)
    with pytest.raises(PermissionDenied):  # the organiser delivers but does not manage
        welfare.remove_recipient(organiser, sorter.id)
    removed = welfare.remove_recipient(desk, sorter.id)
    assert removed.name == sorter.name
    assert [v.name for v in welfare.list_recipients(desk, round_id)] == [rider.name]
    totals = welfare.round_totals(desk, round_id)
    assert (totals.recipients, totals.planned) == (1, Decimal("150.00"))  # 100 + a 50 pack
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.entity, entry.entity_id) == (
        "remove_recipient",
        "welfare_recipient",
        sorter.id,
    )
    with pytest.raises(NotFound):  # gone: a second desk's click says so
        welfare.remove_recipient(desk, sorter.id)
    welfare.add_person(desk, round_id, sorter.person_id)  # and can be added again


@pytest.mark.parametrize(
    ("collected_by", "relation", "field"),
    [("张妻", "", "relation"), ("", "配偶", "collected_by")],
)
def test_collection_by_someone_else_names_them_and_their_relation(
    desk, town, collected_by, relation, field
) -> None:
    _depot, _office, found = town
    round_id = _round(desk)
    welfare.add_person(desk, round_id, found["rider"])
    [view] = welfare.list_recipients(desk, round_id)
    with pytest.raises(ValidationError) as caught:
        welfare.deliver(desk, view.id, collected_by=collected_by, relation=relation)
    assert caught.value.field == field


def test_the_list_finds_a_recipient_by_initials_for_delivery_by_keyboard(desk, town) -> None:
    depot, _office, _found = town
    round_id = _round(desk)
    welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    assert _names(desk, round_id, query="zqs") == ["张骑手"]
    assert _names(desk, round_id, query="李") == ["李分拣"]
    assert welfare.count_recipients(desk, round_id, "nobody") == 0


# --- birthdays and the Today tab -------------------------------------------------------------


def test_a_greeting_from_today_is_delivered_in_the_months_birthday_round(desk, town) -> None:
    _depot, _office, found = town
    on = date(2026, 7, 12)
    with pytest.raises(ValidationError) as caught:
        welfare.record_greeting(desk, found["rider"], on=on)
    assert caught.value.field == "round"
    round_id = _round(
        desk,
        kind="birthday",
        name="7月生日",
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 31),
        items="生日蛋糕券",
    )
    view = welfare.record_greeting(desk, found["rider"], on=on)
    assert view.round_id == round_id and view.delivered_at is not None
    assert view.source == "birthday"
    assert welfare.greeted(desk, [found["rider"], found["clerk"]], on=on) == {found["rider"]}
    with pytest.raises(ValidationError):
        welfare.record_greeting(desk, found["rider"], on=on)


def test_today_marks_the_hardship_people_a_round_of_the_season_covers(admin, desk, town) -> None:
    _depot, _office, _found = town
    other = people.create_person(admin, PersonInput(name="陈困难", id_number=make_ric(seq=21)))
    consent.record_consent(admin, other.id, "hardship", "written")
    consent.save_hardship_file(admin, other.id, "relative", "独自抚养子女")
    on = date(2026, 7, 20)
    before = today.hardship_due(desk, on)
    assert (before.total, before.covered) == (2, 0)
    round_id = _round(desk)
    welfare.add_by_rule(desk, round_id, "hardship")
    listed = today.hardship_due(desk, on)
    assert listed.total == 2 and listed.covered == 0
    assert sorted(i.text for i in listed.items) == [
        "刘困难 (on a round's list)",
        "陈困难 (on a round's list)",
    ]
    delivered = next(v for v in welfare.list_recipients(desk, round_id) if v.name == "刘困难")
    welfare.deliver(desk, delivered.id)
    after = today.hardship_due(desk, on)
    assert (after.total, after.covered) == (1, 1)
    assert [i.text for i in after.items] == ["陈困难 (on a round's list)"]
    # A warmth round does not cover the summer.
    assert today.hardship_due(desk, date(2027, 1, 20)).covered == 0


def test_the_spring_festival_comes_from_the_lunar_calendar_well_past_2035() -> None:
    assert welfare.spring_festival(2026) == date(2026, 2, 17)
    assert welfare.spring_festival(2035) == date(2035, 2, 8)
    assert welfare.spring_festival(2036) == date(2036, 1, 28)
    assert welfare.spring_festival(2050) == date(2050, 1, 23)
    season = today.welfare_round(date(2050, 1, 1))
    assert (season.kind, season.ends_on) == ("warmth", date(2050, 1, 23))
    assert today.welfare_round(date(2049, 12, 23)) is None  # 31 days before
    assert today.welfare_round(date(2040, 9, 1)) is None


# --- the person page, the report, erasure -----------------------------------------------------


def test_the_person_page_and_the_report_show_the_rounds(desk, town) -> None:
    depot, _office, found = town
    round_id = _round(desk, amount="100", budget="1000")
    welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    rider = next(v for v in welfare.list_recipients(desk, round_id) if v.name == "张骑手")
    welfare.deliver(desk, rider.id, at=datetime(2026, 7, 10, 10, 0))
    [received] = welfare.rounds_of_person(desk, found["rider"])
    assert (received.round_name, received.delivered_at) == (
        "2026年暑期送清凉",
        datetime(2026, 7, 10, 10, 0),
    )
    figures = welfare.welfare_figures(desk, start=date(2026, 1, 1), end=date(2026, 12, 31))
    [cooling] = figures.kinds
    assert (cooling.kind, cooling.rounds, cooling.recipients, cooling.delivered) == (
        "cooling",
        1,
        2,
        1,
    )
    assert (cooling.planned, cooling.spent, cooling.budget) == (
        Decimal("300.00"),
        Decimal("150.00"),
        Decimal("1000.00"),
    )
    assert figures.total.recipients == 2
    empty = welfare.welfare_figures(desk, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert empty.kinds == [] and empty.total.rounds == 0


def test_anonymising_a_person_keeps_the_count_and_forgets_who_collected(admin, desk, town) -> None:
    _depot, _office, found = town
    round_id = _round(desk)
    welfare.add_person(desk, round_id, found["rider"])
    [view] = welfare.list_recipients(desk, round_id)
    welfare.deliver(desk, view.id, collected_by="张妻", relation="配偶")
    retention.erase_on_request(admin, found["rider"], reason="本人申请")
    row = WelfareRecipient.get_by_id(view.id)
    assert (row.collected_by, row.collected_relation) == ("", "")
    assert welfare.round_totals(desk, round_id).delivered == 1


def test_the_personal_data_export_lists_the_rounds_received(admin, desk, town) -> None:
    _depot, _office, found = town
    round_id = _round(desk)
    welfare.add_person(desk, round_id, found["rider"])
    [view] = welfare.list_recipients(desk, round_id)
    welfare.deliver(desk, view.id, collected_by="张妻", relation="配偶")
    sections = {s.title: s for s in retention.personal_data(admin, found["rider"])}
    [row] = sections["Welfare rounds"].rows
    assert row[0] == "2026年暑期送清凉" and row[-2:] == ["张妻", "配偶"]


def test_the_yearly_report_has_a_welfare_rounds_section(admin, make_staff, desk, town, tmp_path):
    from openpyxl import load_workbook

    from stationapp.services import reports

    depot, _office, _found = town
    round_id = _round(desk, amount="100", budget="1000")
    welfare.add_by_rule(desk, round_id, "workplace", workplace_ids=[depot.id])
    rider = welfare.list_recipients(desk, round_id)[0]
    welfare.deliver(desk, rider.id)
    report = reports.year_report(admin, "2026")
    sections = {s.key: s for s in reports.report_tables(report)}
    welfare_section = sections["welfare"]
    assert welfare_section.title == "Welfare rounds"
    [by_kind] = [t for t in welfare_section.tables if t.title == "Welfare rounds by kind"]
    assert by_kind.rows == [
        [
            "Summer cooling (送清凉)",
            1,
            2,
            1,
            Decimal("300.00"),
            Decimal("150.00"),
            Decimal("1000.00"),
        ]
    ]
    path = reports.write_excel(report, tmp_path / "year.xlsx")
    assert "Member services" in load_workbook(path).sheetnames
    librarian = make_staff("lib", "librarian")
    assert reports.year_report(librarian, "2026").welfare is None


def test_merging_two_records_on_one_round_keeps_one_line_with_the_delivery(
    admin, desk, town
) -> None:
    from stationapp.services import people_merge

    _depot, _office, found = town
    twin = people.create_person(admin, PersonInput(name="张骑手", phone="13900009999")).id
    round_id = _round(desk)
    welfare.add_person(desk, round_id, found["rider"])
    welfare.add_person(desk, round_id, twin)
    other_line = next(v for v in welfare.list_recipients(desk, round_id) if v.person_id == twin)
    welfare.deliver(desk, other_line.id, collected_by="王丽", relation="配偶")
    people_merge.merge_people(admin, found["rider"], twin, {})
    [line] = welfare.list_recipients(desk, round_id)
    assert line.person_id == found["rider"] and line.delivered_at is not None
    assert (line.collected_by, line.collected_relation) == ("王丽", "配偶")
