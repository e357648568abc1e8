"""Membership as a history and the 京卡 card's life (issue #25, points 1 and 2): the register's
fields follow the records, each step's rules, the waiting list, the report's figures, the
upgrade that makes the history from the register."""

from __future__ import annotations

from datetime import date, timedelta

import peewee
import pytest

from stationapp.db import close_database, database, now, open_database, today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.migrations import STEPS, migrate
from stationapp.models.accounts import LIBRARIAN, ORGANISER, AuditEntry
from stationapp.models.members import MemberCard, MembershipEvent
from stationapp.models.people import Organization, Person
from stationapp.models.visits import Visit, VisitPurpose
from stationapp.services import members, people
from stationapp.services.members import MembershipInput
from stationapp.services.people import PersonInput
from tests.helpers.service_inputs import fresh_card, fresh_name, fresh_ric


def _person(admin, **fields) -> Person:
    return people.create_person(
        admin, PersonInput(name=fresh_name(), id_number=fresh_ric(), **fields)
    )


def _member(admin, joined: date | None = None) -> Person:
    person = _person(admin)
    members.record_membership(admin, person.id, MembershipInput("joined", on=joined))
    return Person.get_by_id(person.id)


def _kinds(person_id: int) -> list[str]:
    return [
        e.kind
        for e in MembershipEvent.select()
        .where(MembershipEvent.person == person_id)
        .order_by(MembershipEvent.id)
    ]


# --- membership ---------------------------------------------------------------------------------


def test_joining_makes_a_member_with_the_join_date(admin) -> None:
    person = _person(admin)
    day = today() - timedelta(days=30)
    event = members.record_membership(admin, person.id, MembershipInput("joined", on=day))
    stored = Person.get_by_id(person.id)
    assert (stored.is_member, stored.joined_on) == (True, day)
    assert (event.kind, event.on, event.organization_id) == ("joined", day, None)
    assert AuditEntry.get(AuditEntry.action == "member_joined").entity_id == person.id


def test_a_transfer_out_ends_membership_and_a_transfer_in_starts_it(admin) -> None:
    org = Organization.create(name="建国门联合工会", union_status="joint_union")
    person = _member(admin, today() - timedelta(days=400))
    members.record_membership(
        admin,
        person.id,
        MembershipInput(
            "transferred_out", on=today() - timedelta(days=100), union_name="朝阳区某公司工会"
        ),
    )
    assert Person.get_by_id(person.id).is_member is False
    back = today() - timedelta(days=10)
    members.record_membership(
        admin, person.id, MembershipInput("transferred_in", on=back, organization_id=org.id)
    )
    stored = Person.get_by_id(person.id)
    assert (stored.is_member, stored.joined_on) == (True, back)
    history = members.membership_history(admin, person.id)
    assert [e.kind for e in history] == ["joined", "transferred_out", "transferred_in"]
    assert history[1].union_name == "朝阳区某公司工会"
    assert history[2].organization.name == "建国门联合工会"


@pytest.mark.parametrize(
    ("member", "data", "field"),
    [
        (True, MembershipInput("joined"), "kind"),  # already a member
        (False, MembershipInput("left", reason="退休"), "kind"),  # not a member
        (True, MembershipInput("left"), "reason"),  # leaving needs a reason
        (False, MembershipInput("transferred_in"), "union_name"),  # from which union?
        (True, MembershipInput("transferred_out"), "union_name"),  # to which union?
        (False, MembershipInput("joined", on=date.today() + timedelta(days=3)), "on"),
        (False, MembershipInput("party"), "kind"),
    ],
)
def test_a_membership_step_that_does_not_fit_is_refused_at_its_field(
    admin, member, data, field
) -> None:
    person = _member(admin) if member else _person(admin)
    before = (Person.get_by_id(person.id).is_member, _kinds(person.id))
    with pytest.raises(ValidationError) as caught:
        members.record_membership(admin, person.id, data)
    assert caught.value.field == field
    assert (Person.get_by_id(person.id).is_member, _kinds(person.id)) == before


def test_a_step_dated_before_the_last_one_is_refused(admin) -> None:
    person = _member(admin, today() - timedelta(days=10))
    with pytest.raises(ValidationError) as caught:
        members.record_membership(
            admin,
            person.id,
            MembershipInput("left", on=today() - timedelta(days=20), reason="离职"),
        )
    assert caught.value.field == "on"


def test_the_register_member_box_and_join_date_write_the_history(admin) -> None:
    joined = date(2019, 5, 1)
    person = _person(admin, is_member=True, joined_on=joined)
    [entry] = members.membership_history(admin, person.id)
    assert (entry.kind, entry.on) == ("joined", joined)
    # The join date corrected in the register corrects the entry.
    people.update_person(
        admin,
        person.id,
        PersonInput(name=person.name, id_number=None, is_member=True, joined_on=date(2019, 6, 1)),
    )
    [entry] = members.membership_history(admin, person.id)
    assert entry.on == date(2019, 6, 1)
    # Unticked: the person left (today).
    people.update_person(admin, person.id, PersonInput(name=person.name, id_number=None))
    assert _kinds(person.id) == ["joined", "left"]
    assert MembershipEvent.get(MembershipEvent.kind == "left").on == today()
    # A member registered with no join date: a "joined" entry of unknown date.
    other = _person(admin, is_member=True)
    [entry] = members.membership_history(admin, other.id)
    assert (entry.kind, entry.on) == ("joined", None)


def test_reading_and_recording_membership_need_their_permissions(admin, make_staff) -> None:
    person = _person(admin)
    librarian = make_staff("lib", LIBRARIAN)
    organiser = make_staff("org", ORGANISER)
    with pytest.raises(PermissionDenied):
        members.membership_history(librarian, person.id)
    assert members.membership_history(organiser, person.id) == []
    with pytest.raises(PermissionDenied):
        members.record_membership(organiser, person.id, MembershipInput("joined"))
    assert Person.get_by_id(person.id).is_member is False


# --- cards --------------------------------------------------------------------------------------


def test_a_card_needs_membership_and_one_application_at_a_time(admin) -> None:
    outsider = _person(admin)
    with pytest.raises(ValidationError) as caught:
        members.apply_for_card(admin, outsider.id)
    assert caught.value.field == "person"
    person = _member(admin)
    card = members.apply_for_card(admin, person.id, materials=["居民身份证原件"])
    assert (card.state, card.applied_on, card.materials) == ("applied", today(), "居民身份证原件")
    with pytest.raises(ValidationError) as caught:
        members.apply_for_card(admin, person.id)
    assert caught.value.field == "person"
    assert MemberCard.select().where(MemberCard.person == person.id).count() == 1


def test_issuing_checks_the_number_and_keeps_the_register_in_step(admin) -> None:
    person = _member(admin)
    card = members.apply_for_card(admin, person.id)
    for wrong in ("12345", "6222081234567890123"[:-1] + "0", "62220812345678901x"):
        with pytest.raises(ValidationError) as caught:
            members.issue_card(admin, card.id, wrong)
        assert caught.value.field == "number"
    number = fresh_card()
    issued = members.issue_card(admin, card.id, number)
    assert (issued.state, issued.number, issued.issued_on) == ("issued", number, today())
    assert Person.get_by_id(person.id).member_card == number
    assert [p.id for p in people.search_people(admin, number)] == [person.id]
    assert members.find_card(admin, number).person.id == person.id
    # The same number for someone else is refused.
    other = _member(admin)
    with pytest.raises(ValidationError) as caught:
        members.issue_card_directly(admin, other.id, number)
    assert caught.value.field == "number"
    # A card is issued once.
    with pytest.raises(ValidationError):
        members.issue_card(admin, card.id, fresh_card())


def test_a_lost_card_is_replaced_and_the_old_number_stays_in_the_history(admin) -> None:
    person = _member(admin)
    old_number, new_number = fresh_card(), fresh_card()
    card = members.issue_card_directly(admin, person.id, old_number)
    lost = members.report_card_lost(admin, card.id)
    assert lost.state == "lost"
    assert Person.get_by_id(person.id).member_card == ""  # a lost card identifies no one
    assert people.search_people(admin, old_number) == []
    new = members.replace_card(admin, card.id, new_number)
    assert (new.state, new.number, new.replaces_id) == ("issued", new_number, card.id)
    assert MemberCard.get_by_id(card.id).state == "replaced"
    assert Person.get_by_id(person.id).member_card == new_number
    assert [c.number for c in members.cards_of_person(admin, person.id)] == [
        new_number,
        old_number,
    ]
    assert members.current_card(admin, person.id).id == new.id
    assert members.find_card(admin, old_number).state == "replaced"
    # A replaced card cannot be lost again or replaced twice.
    with pytest.raises(ValidationError):
        members.report_card_lost(admin, card.id)
    with pytest.raises(ValidationError):
        members.replace_card(admin, card.id, fresh_card())


def test_cancelling_ends_the_card_and_a_new_application_may_follow(admin) -> None:
    person = _member(admin)
    card = members.issue_card_directly(admin, person.id, fresh_card())
    with pytest.raises(ValidationError) as caught:
        members.cancel_card(admin, card.id, reason=" ")
    assert caught.value.field == "reason"
    members.cancel_card(admin, card.id, reason="本人退会")
    assert MemberCard.get_by_id(card.id).state == "cancelled"
    assert Person.get_by_id(person.id).member_card == ""
    assert members.current_card(admin, person.id) is None
    with pytest.raises(ValidationError):
        members.cancel_card(admin, card.id, reason="again")
    assert members.apply_for_card(admin, person.id).state == "applied"


def test_the_waiting_list_is_oldest_first_with_the_days_waited(admin) -> None:
    cards = []
    for days in (3, 20, 8):
        person = _member(admin, today() - timedelta(days=40))
        cards.append(
            members.apply_for_card(admin, person.id, applied_on=today() - timedelta(days=days))
        )
    members.issue_card(admin, cards[2].id, fresh_card())
    waiting = members.waiting_cards(admin)
    assert [(w.card_id, w.days_waiting) for w in waiting] == [(cards[1].id, 20), (cards[0].id, 3)]
    assert members.count_waiting(admin) == 2
    assert [w.card_id for w in members.waiting_cards(admin, offset=1, limit=5)] == [cards[0].id]


def test_an_application_remembers_the_visit_about_the_card(admin) -> None:
    service = members.card_service()  # the seeded catalogue's 京卡·互助服务卡办理
    assert service is not None and service.name.startswith("京卡")
    person = _member(admin)
    visit = Visit.create(person=person.id, channel="walk_in", staff=admin.id, arrived_at=now())
    VisitPurpose.create(visit=visit.id, service=service.id, arrived_at=visit.arrived_at)
    assert members.card_materials() == [m["name"] for m in service.materials]
    assert members.card_materials()
    assert [v.id for v in members.card_visits(admin, person.id)] == [visit.id]
    card = members.apply_for_card(admin, person.id, visit_id=visit.id)
    assert card.visit_id == visit.id
    stranger = _member(admin)
    with pytest.raises(ValidationError) as caught:
        members.apply_for_card(admin, stranger.id, visit_id=visit.id)
    assert caught.value.field == "visit"


def _visit(admin, person: Person | None, *services: int, brought=()) -> Visit:
    visit = Visit.create(
        person=person.id if person else None, channel="walk_in", staff=admin.id, arrived_at=now()
    )
    for service in services:
        VisitPurpose.create(
            visit=visit.id,
            service=service,
            arrived_at=visit.arrived_at,
            materials_brought=list(brought),
        )
    return visit


def test_a_visit_about_the_card_offers_an_application_to_a_member_without_one(
    admin, make_staff
) -> None:
    from stationapp.models.visits import ServiceType

    card = members.card_service().id
    other = ServiceType.create(name="测试·别的服务").id
    member = _member(admin)
    visit = _visit(admin, member, other, card, brought=["身份证"])
    offer = members.card_offer(admin, visit.id)
    assert offer == members.CardOffer(member.id, member.name, visit.id, ["身份证"])
    assert members.card_offer(admin, _visit(admin, member, other).id) is None  # not about it
    assert members.card_offer(admin, _visit(admin, None, card).id) is None  # anonymous
    assert members.card_offer(admin, _visit(admin, _person(admin), card).id) is None  # no member
    members.apply_for_card(admin, member.id, visit_id=visit.id)
    assert members.card_offer(admin, visit.id) is None  # applied already
    with pytest.raises(PermissionDenied):
        members.card_offer(make_staff("org", ORGANISER), visit.id)


def test_the_register_card_number_is_an_issued_card(admin) -> None:
    first, second = fresh_card(), fresh_card()
    person = _person(admin, is_member=True, member_card=first)
    [card] = members.cards_of_person(admin, person.id)
    assert (card.state, card.number) == ("issued", first)
    people.update_person(
        admin,
        person.id,
        PersonInput(name=person.name, id_number=None, is_member=True, member_card=second),
    )
    assert [(c.state, c.number) for c in members.cards_of_person(admin, person.id)] == [
        ("issued", second),
        ("replaced", first),
    ]
    # An old card's number may not come back in the register for someone else.
    with pytest.raises(ValidationError) as caught:
        _person(admin, is_member=True, member_card=first)
    assert caught.value.field == "member_card"


def test_a_second_live_card_is_refused_by_the_database_too(admin) -> None:
    person = _member(admin)
    MemberCard.create(person=person.id, state="applied", applied_on=today())
    with pytest.raises(peewee.IntegrityError), database.atomic():
        MemberCard.create(person=person.id, state="issued", number=fresh_card())


def test_cards_need_the_member_permissions(admin, make_staff) -> None:
    person = _member(admin)
    librarian = make_staff("lib", LIBRARIAN)
    organiser = make_staff("org", ORGANISER)
    with pytest.raises(PermissionDenied):
        members.waiting_cards(librarian)
    with pytest.raises(PermissionDenied):
        members.apply_for_card(organiser, person.id)
    assert members.cards_of_person(organiser, person.id) == []


# --- the report ---------------------------------------------------------------------------------


def test_the_figures_count_the_records_of_the_period(admin) -> None:
    start = today().replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    before = start - timedelta(days=5)
    old = _member(admin, before)
    members.record_membership(
        admin, old.id, MembershipInput("transferred_out", union_name="某区工会")
    )
    new = _member(admin)
    members.issue_card_directly(admin, new.id, fresh_card())
    waiting = _member(admin)
    members.apply_for_card(admin, waiting.id)
    figures = members.member_figures(start, end)
    assert (figures.joined, figures.transferred_out, figures.new_members) == (2, 1, 2)
    assert (figures.applications, figures.issued, figures.waiting_at_end) == (1, 1, 1)
    assert members.member_figures(before, start).joined == 1


# --- the upgrade --------------------------------------------------------------------------------


def test_the_upgrade_makes_the_history_from_the_register(db_url: str) -> None:
    db = open_database(db_url)
    step = [s.__qualname__ for s in STEPS].index("m0018_membership_cards.apply")
    try:
        migrate(db, target=step)
        number = fresh_card()
        fields = ("name", "is_member", "joined_on", "member_card")
        rows = [
            ("李娜", True, date(2019, 5, 1), number),
            ("王强", True, None, ""),
            ("赵敏", False, None, ""),
        ]
        Person.insert_many([dict(zip(fields, r, strict=True)) for r in rows]).execute()
        migrate(db)
        ids = {p.name: p.id for p in Person.select()}
        history = {(e.person_id, e.kind, e.on) for e in MembershipEvent.select()}
        assert history == {
            (ids["李娜"], "joined", date(2019, 5, 1)),
            (ids["王强"], "joined", None),
        }
        [card] = MemberCard.select()
        assert (card.person_id, card.state, card.number) == (ids["李娜"], "issued", number)
    finally:
        close_database()


# --- personal data ------------------------------------------------------------------------------


def test_erasure_keeps_the_steps_and_drops_the_card_numbers(admin) -> None:
    from stationapp.services import retention

    person = _member(admin, today() - timedelta(days=100))
    number = fresh_card()
    card = members.issue_card_directly(admin, person.id, number)
    members.cancel_card(admin, card.id, reason=f"{person.name}本人申请")
    titles = {s.title: s for s in retention.personal_data(admin, person.id)}
    assert titles["京卡 cards"].rows[0][0] == number
    assert titles["Membership"].rows[0][0] == "Joined"
    retention.erase_on_request(admin, person.id, reason="本人要求")
    stored = MemberCard.get_by_id(card.id)
    assert (stored.number, stored.reason, stored.state) == ("", "", "cancelled")
    assert _kinds(person.id) == ["joined"]
    assert members.find_card(admin, number) is None


def test_merging_two_records_keeps_one_current_card(admin) -> None:
    from stationapp.services import people_merge

    keep, other = _member(admin), _member(admin)
    first, second = fresh_card(), fresh_card()
    kept_card = members.issue_card_directly(admin, keep.id, first)
    other_card = members.issue_card_directly(admin, other.id, second)
    people_merge.merge_people(admin, keep.id, other.id, {"member_card": "other"})
    assert Person.get_by_id(keep.id).member_card == second
    assert members.current_card(admin, keep.id).id == other_card.id
    assert MemberCard.get_by_id(kept_card.id).state == "cancelled"
    assert _kinds(keep.id) == ["joined", "joined"]  # the other record's history moved too
