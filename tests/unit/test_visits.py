"""Worker visits: recording and correcting them, the catalogue, follow-ups, eligibility hints,
the log and its counts, satisfaction, the Excel export, and outreach sessions."""

from __future__ import annotations

import gc
import json
import os
from datetime import date, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from stdnum import luhn

from stationapp.db import now, today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, AuditEntry, Staff
from stationapp.models.people import Organization, Person
from stationapp.models.visits import OutreachSession, ServiceType, Visit, VisitPurpose
from stationapp.services import consent, people, visits
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.visits import (
    OutreachEntry,
    PurposeInput,
    ServiceInput,
    VisitFilter,
    VisitInput,
    outreach,
)
from tests.helpers.ids import make_ric

JOIN = "入会"
CARD = "京卡·互助服务卡办理"
SECOND_REIMBURSEMENT = "职工医疗互助二次报销"
MUTUAL_AID = "在职职工互助保障"
LEGAL = "法律咨询"
HARDSHIP = "困难职工建档"
DECOMPRESSION = "职工心理减压室预约"

_seq = count(300)
_card_seq = count(1000)


# --- helpers ------------------------------------------------------------------------------------


def _service(name: str) -> ServiceType:
    return ServiceType.get(ServiceType.name == name)


def _sid(name: str) -> int:
    return _service(name).id


def _card() -> str:
    body = f"622202{next(_card_seq):012d}"
    return body + luhn.calc_check_digit(body)


def _person(actor: Staff, name: str = "张伟", **fields: object) -> Person:
    if "birth_date" not in fields and "gender" not in fields:
        fields.setdefault("id_number", make_ric(seq=next(_seq)))
    else:
        fields.setdefault("id_number", "")
    if fields.get("member_card") is True:
        fields["member_card"] = _card()
    return people.create_person(actor, PersonInput(name=name, **fields), allow_duplicate=True)


def _years_ago(years: int, *, days: int = 0) -> date:
    """The birthday of someone who turned ``years`` ``days`` days ago."""
    on = today()
    try:
        birthday = on.replace(year=on.year - years)
    except ValueError:  # 29 February
        birthday = on.replace(year=on.year - years, day=28)
    return birthday - timedelta(days=days)


def _visit(
    actor: Staff,
    *services: str,
    person: Person | None = None,
    channel: str = "walk_in",
    arrived: datetime | None = None,
    rating: str = "unrated",
    outcome: str = "done",
    notes: str = "",
) -> Visit:
    purposes = [
        PurposeInput(service_id=_sid(name), outcome=outcome) for name in services or (JOIN,)
    ]
    for p in purposes:
        if outcome == "referred":
            p.referred_to = "区总工会法律服务中心"
        elif outcome == "declined":
            p.decline_reason = "不属于服务范围"
        elif outcome == "waiting":
            materials = [str(m["name"]) for m in _service_by_id(p.service_id).materials]
            p.materials_missing = materials[:1]
            p.due_on = today() + timedelta(days=7)
    return visits.record_visit(
        actor,
        VisitInput(
            person_id=person.id if person else None,
            channel=channel,
            purposes=purposes,
            rating=rating,
            notes=notes,
            arrived_at=arrived,
        ),
    )


def _service_by_id(service_id: int) -> ServiceType:
    return ServiceType.get_by_id(service_id)


def _counts() -> tuple[int, int]:
    return Visit.select().count(), VisitPurpose.select().count()


def _audits(action: str, entity: str) -> list[AuditEntry]:
    return list(
        AuditEntry.select()
        .where(AuditEntry.action == action, AuditEntry.entity == entity)
        .order_by(AuditEntry.id)
    )


def _ids(rows: list[Visit]) -> list[int]:
    return [v.id for v in rows]


def _log(actor: Staff, **filters: object) -> list[int]:
    return _ids(visits.list_visits(actor, VisitFilter(**filters), offset=0, limit=100))


# --- recording a visit --------------------------------------------------------------------------


def test_record_visit_of_a_returning_person(admin, make_staff) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    person = _person(admin, "李娜")
    consent.record_consent(admin, person.id, "health", "written")  # notes on a hardship service
    long_ago = now() - timedelta(days=200)
    Person.update(last_activity_at=long_ago).where(Person.id == person.id).execute()
    before_audits = AuditEntry.select().count()
    hardship = _service(HARDSHIP)
    started = now()

    visit = visits.record_visit(
        desk,
        VisitInput(
            person_id=person.id,
            channel="phone",
            purposes=[
                PurposeInput(service_id=_sid(JOIN), outcome="done"),
                PurposeInput(
                    service_id=hardship.id,
                    outcome="waiting",
                    materials_brought=["居民身份证", "户口簿", "驾驶证"],  # not in the notice
                    materials_missing=["家庭收入证明", "所在单位工会意见", "房产证"],
                    due_on=today() + timedelta(days=14),
                ),
                PurposeInput(
                    service_id=_sid(LEGAL), outcome="referred", referred_to="区总工会法律服务中心"
                ),
            ],
            rating="satisfied",
            notes="需要联系单位工会",
        ),
    )

    stored = Visit.get_by_id(visit.id)
    assert stored.channel == "phone"
    assert stored.staff_id == desk.id  # 首问负责: whoever received the visitor
    assert stored.person_id == person.id
    assert stored.rating == "satisfied"
    assert stored.notes == "需要联系单位工会"
    assert started - timedelta(seconds=5) <= stored.arrived_at <= now() + timedelta(seconds=5)
    purposes = {p.service.name: p for p in stored.purposes}
    assert set(purposes) == {JOIN, HARDSHIP, LEGAL}
    assert purposes[JOIN].outcome == "done"
    assert purposes[LEGAL].outcome == "referred"
    assert purposes[LEGAL].referred_to == "区总工会法律服务中心"
    waiting = purposes[HARDSHIP]
    assert waiting.outcome == "waiting"
    assert waiting.materials_brought == ["居民身份证", "户口簿"]
    assert waiting.materials_missing == ["家庭收入证明", "所在单位工会意见"]
    assert waiting.due_on == today() + timedelta(days=14)
    assert waiting.completed_at is None
    assert all(p.arrived_at == stored.arrived_at for p in purposes.values())

    assert Person.get_by_id(person.id).last_activity_at >= started - timedelta(seconds=1)
    assert AuditEntry.select().count() == before_audits + 1
    (entry,) = _audits("create", "visit")
    assert entry.entity_id == visit.id
    assert entry.staff_id == desk.id
    details = json.loads(entry.details)
    assert details["purposes"][HARDSHIP] == "waiting"


def test_anonymous_visit(admin) -> None:
    visit = _visit(admin, LEGAL, channel="phone", rating="basically_satisfied")
    stored = Visit.get_by_id(visit.id)
    assert stored.person_id is None
    assert stored.channel == "phone"
    assert [p.service.name for p in stored.purposes] == [LEGAL]
    page = visits.list_visits(admin, VisitFilter(), offset=0, limit=10)
    assert [v.id for v in page] == [visit.id]
    assert page[0].person_id is None


def test_a_visit_in_the_past_keeps_its_arrival(admin) -> None:
    arrived = now().replace(microsecond=0) - timedelta(days=3, hours=2)
    visit = _visit(admin, JOIN, arrived=arrived)
    stored = Visit.get_by_id(visit.id)
    assert stored.arrived_at == arrived
    assert stored.purposes[0].arrived_at == arrived


def _bad_purpose_cases() -> list[tuple[str, object, str]]:
    """(case id, a function of the service ids giving the VisitInput, the error key)."""

    def visit(*purposes: PurposeInput, **fields: object) -> VisitInput:
        fields.setdefault("channel", "walk_in")
        return VisitInput(person_id=None, purposes=list(purposes), **fields)

    def waiting(sid: int, **fields: object) -> PurposeInput:
        fields.setdefault("materials_missing", ["家庭收入证明"])
        fields.setdefault("due_on", today() + timedelta(days=10))
        return PurposeInput(service_id=sid, outcome="waiting", **fields)

    return [
        ("no purpose", lambda j, h: visit(), "purposes"),
        (
            "same purpose twice",
            lambda j, h: visit(PurposeInput(service_id=j), PurposeInput(service_id=j)),
            "purposes",
        ),
        (
            "unknown service",
            lambda j, h: visit(PurposeInput(service_id=999_999)),
            "purposes",
        ),
        (
            "unknown channel",
            lambda j, h: visit(PurposeInput(service_id=j), channel="fax"),
            "channel",
        ),
        (
            "unknown rating",
            lambda j, h: visit(PurposeInput(service_id=j), rating="great"),
            "rating",
        ),
        (
            "unknown outcome",
            lambda j, h: visit(PurposeInput(service_id=j, outcome="lost")),
            "purpose.{j}.outcome",
        ),
        (
            "waiting without missing materials",
            lambda j, h: visit(waiting(h, materials_missing=[])),
            "purpose.{h}.materials_missing",
        ),
        (
            "waiting, missing materials not in the notice",
            lambda j, h: visit(waiting(h, materials_missing=["房产证"])),
            "purpose.{h}.materials_missing",
        ),
        (
            "waiting without a due date",
            lambda j, h: visit(waiting(h, due_on=None)),
            "purpose.{h}.due_on",
        ),
        (
            "waiting, due date in the past",
            lambda j, h: visit(waiting(h, due_on=today() - timedelta(days=1))),
            "purpose.{h}.due_on",
        ),
        (
            "waiting, due date more than a year away",
            lambda j, h: visit(waiting(h, due_on=today() + timedelta(days=400))),
            "purpose.{h}.due_on",
        ),
        (
            "referred without whom",
            lambda j, h: visit(PurposeInput(service_id=j, outcome="referred", referred_to="  ")),
            "purpose.{j}.referred_to",
        ),
        (
            "declined without reason",
            lambda j, h: visit(PurposeInput(service_id=j, outcome="declined")),
            "purpose.{j}.decline_reason",
        ),
        (
            "a 2,000-character note",
            lambda j, h: visit(PurposeInput(service_id=j), notes="长" * 2000),
            "notes",
        ),
        (
            "a control character in the note",
            lambda j, h: visit(PurposeInput(service_id=j), notes="a\x00b"),
            "notes",
        ),
        (
            "arrival in the future",
            lambda j, h: visit(PurposeInput(service_id=j), arrived_at=now() + timedelta(hours=1)),
            "arrived_at",
        ),
        (
            "arrival before 2000",
            lambda j, h: visit(PurposeInput(service_id=j), arrived_at=datetime(1999, 12, 31, 9)),
            "arrived_at",
        ),
        (
            "unknown person",
            lambda j, h: VisitInput(
                person_id=999_999, channel="walk_in", purposes=[PurposeInput(service_id=j)]
            ),
            "person",
        ),
        (
            "unknown outreach session",
            lambda j, h: visit(PurposeInput(service_id=j), channel="outreach", outreach_id=999),
            "outreach",
        ),
    ]


@pytest.mark.parametrize(
    ("make", "key"),
    [pytest.param(make, key, id=case) for case, make, key in _bad_purpose_cases()],
)
def test_bad_visit_input_is_refused_and_nothing_saved(admin, make, key: str) -> None:
    _visit(admin, JOIN)  # something already there, so "unchanged" means something
    j, h = _sid(JOIN), _sid(HARDSHIP)
    before = _counts()
    audits = AuditEntry.select().count()
    with pytest.raises(ValidationError) as caught:
        visits.record_visit(admin, make(j, h))
    assert key.format(j=j, h=h) in caught.value.errors, caught.value.errors
    assert caught.value.errors[key.format(j=j, h=h)]  # a message to show beside the field
    assert _counts() == before
    assert AuditEntry.select().count() == audits


def test_every_bad_field_is_reported_at_once(admin) -> None:
    h = _sid(HARDSHIP)
    with pytest.raises(ValidationError) as caught:
        visits.record_visit(
            admin,
            VisitInput(
                person_id=None,
                channel="fax",
                purposes=[PurposeInput(service_id=h, outcome="waiting")],
                notes="x" * 1001,
            ),
        )
    errors = caught.value.errors
    assert {"channel", "notes", f"purpose.{h}.materials_missing", f"purpose.{h}.due_on"} <= set(
        errors
    )
    assert _counts() == (0, 0)


def test_limits_are_inclusive(admin) -> None:
    h = _sid(HARDSHIP)
    person = _person(admin)
    consent.record_consent(admin, person.id, "health", "written")  # notes on a hardship service
    visit = visits.record_visit(
        admin,
        VisitInput(
            person_id=person.id,
            channel="walk_in",
            purposes=[
                PurposeInput(
                    service_id=h,
                    outcome="waiting",
                    materials_missing=["户口簿"],
                    due_on=today(),  # due today is not in the past
                )
            ],
            notes="长" * visits.MAX_NOTES,
        ),
    )
    assert len(Visit.get_by_id(visit.id).notes) == visits.MAX_NOTES


@pytest.mark.parametrize(
    "notes",
    [
        "谢谢😀👍🏽，下次再来 🇨🇳",
        "'; DROP TABLE visit; --",
        "Robert'); DELETE FROM visitpurpose WHERE ('1'='1",
        'x" OR 1=1 --\n第二行\t制表符',
        "100% _wild_ %'s",
    ],
)
def test_notes_are_stored_intact(admin, notes: str) -> None:
    visit = _visit(admin, JOIN, notes=notes)
    assert Visit.get_by_id(visit.id).notes == notes.strip()
    assert _counts() == (1, 1)
    assert visits.get_visit(admin, visit.id).notes == notes.strip()


# --- correcting a visit -------------------------------------------------------------------------


def test_update_visit_is_audited_and_keeps_the_receiver(admin, make_staff) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    person = _person(admin)
    visit = _visit(desk, JOIN, person=person, rating="unrated")
    original_arrival = Visit.get_by_id(visit.id).arrived_at

    visits.update_visit(
        admin,
        visit.id,
        VisitInput(
            person_id=person.id,
            channel="phone",
            purposes=[
                PurposeInput(service_id=_sid(JOIN)),
                PurposeInput(service_id=_sid(LEGAL), outcome="referred", referred_to="律师事务所"),
            ],
            rating="satisfied",
            notes="补记：电话回访",
        ),
    )

    stored = Visit.get_by_id(visit.id)
    assert stored.staff_id == desk.id  # the correction does not move the responsibility
    assert stored.channel == "phone"
    assert stored.rating == "satisfied"
    assert stored.arrived_at == original_arrival
    assert {p.service.name: p.outcome for p in stored.purposes} == {
        JOIN: "done",
        LEGAL: "referred",
    }
    (entry,) = _audits("update", "visit")
    assert entry.entity_id == visit.id
    assert entry.staff_id == admin.id
    details = json.loads(entry.details)
    assert details["channel"] == ["walk_in", "phone"]
    assert details["rating"] == ["unrated", "satisfied"]
    assert details["purposes"][1] == {JOIN: "done", LEGAL: "referred"}
    assert details["notes_changed"] is True
    assert "补记" not in entry.details  # free notes stay out of the trail


def test_update_with_bad_input_changes_nothing(admin) -> None:
    visit = _visit(admin, JOIN, LEGAL, rating="satisfied")
    before = [(p.service_id, p.outcome) for p in Visit.get_by_id(visit.id).purposes]
    with pytest.raises(ValidationError) as caught:
        visits.update_visit(
            admin,
            visit.id,
            VisitInput(person_id=None, channel="walk_in", purposes=[], rating="dissatisfied"),
        )
    assert "purposes" in caught.value.errors
    stored = Visit.get_by_id(visit.id)
    assert stored.rating == "satisfied"
    assert [(p.service_id, p.outcome) for p in stored.purposes] == before
    assert _audits("update", "visit") == []


def test_correction_accepts_an_unchanged_past_due_date(admin) -> None:
    h = _sid(HARDSHIP)
    due = today() + timedelta(days=5)
    visit = visits.record_visit(
        admin,
        VisitInput(
            person_id=None,
            channel="walk_in",
            purposes=[
                PurposeInput(
                    service_id=h, outcome="waiting", materials_missing=["户口簿"], due_on=due
                )
            ],
        ),
    )
    past = today() - timedelta(days=3)
    VisitPurpose.update(due_on=past).where(VisitPurpose.visit == visit.id).execute()

    corrected = VisitInput(
        person_id=None,
        channel="walk_in",
        purposes=[
            PurposeInput(service_id=h, outcome="waiting", materials_missing=["户口簿"], due_on=past)
        ],
        rating="satisfied",
    )
    visits.update_visit(admin, visit.id, corrected)
    stored = Visit.get_by_id(visit.id)
    assert stored.rating == "satisfied"
    assert stored.purposes[0].due_on == past

    # Moving the date to another past day is still refused.
    corrected.purposes[0].due_on = past - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        visits.update_visit(admin, visit.id, corrected)
    assert f"purpose.{h}.due_on" in caught.value.errors
    assert Visit.get_by_id(visit.id).purposes[0].due_on == past


def test_correction_keeps_a_purpose_whose_service_was_retired(admin) -> None:
    visit = _visit(admin, DECOMPRESSION)
    service = _service(DECOMPRESSION)
    ServiceType.update(active=False).where(ServiceType.id == service.id).execute()
    visits.update_visit(
        admin,
        visit.id,
        VisitInput(
            person_id=None,
            channel="walk_in",
            purposes=[PurposeInput(service_id=service.id)],
            rating="satisfied",
        ),
    )
    assert Visit.get_by_id(visit.id).rating == "satisfied"


# --- the catalogue ------------------------------------------------------------------------------


def _new_service(**fields: object) -> ServiceInput:
    fields.setdefault(
        "materials",
        [
            {"name": "居民身份证", "kind": "original", "copies": 1, "issuer": "公安机关"},
            {"name": "欠薪证据", "kind": "copy", "copies": 2},
        ],
    )
    return ServiceInput(name=str(fields.pop("name", "工会法律援助")), category="法律维权", **fields)


def test_the_seeded_catalogue(admin) -> None:
    names = [s.name for s in visits.list_services(admin)]
    assert names[:2] == [JOIN, CARD]
    assert {LEGAL, DECOMPRESSION, SECOND_REIMBURSEMENT, MUTUAL_AID} <= set(names)
    join = _service(JOIN)
    assert [m["name"] for m in join.materials] == ["居民身份证", "入会申请书", "工会会员登记表"]
    assert join.steps and join.basis and join.place_contact


def test_admin_creates_a_service_that_is_searchable_and_usable(admin) -> None:
    service = visits.create_service(admin, _new_service())
    assert service.id
    assert [m["name"] for m in service.materials] == ["居民身份证", "欠薪证据"]
    assert service.materials[1]["copies"] == 2
    assert service.position > _service(JOIN).position
    for query in ("ghflyz", "GHFL", "gonghuifalv", "法律援助"):
        assert service.id in [s.id for s in visits.search_services(admin, query)], query
    assert service.id not in [s.id for s in visits.search_services(admin, "rh")]
    assert _audits("create", "service")[-1].entity_id == service.id

    visit = visits.record_visit(
        admin,
        VisitInput(
            person_id=None,
            channel="walk_in",
            purposes=[
                PurposeInput(
                    service_id=service.id,
                    outcome="waiting",
                    materials_brought=["居民身份证"],
                    materials_missing=["欠薪证据"],
                    due_on=today() + timedelta(days=3),
                )
            ],
        ),
    )
    assert Visit.get_by_id(visit.id).purposes[0].materials_missing == ["欠薪证据"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("rh", JOIN),
        ("ruhui", JOIN),
        ("jk", CARD),
        ("jingka", CARD),
        ("京卡互助", CARD),
        # Typed across the "·" of 京卡·互助服务卡办理 and the brackets of 困难帮扶救助（…）
        ("jkhz", CARD),
        ("jingkahuzhu", CARD),
        ("knbfjzsh", "困难帮扶救助（生活、医疗、金秋助学、职业培训）"),
    ],
)
def test_search_services_by_pinyin(admin, query: str, name: str) -> None:
    assert name in [s.name for s in visits.search_services(admin, query)], query


def test_admin_updates_a_service_and_the_next_visit_uses_it(admin) -> None:
    legal = _service(LEGAL)
    data = _new_service(
        name="法律咨询（劳动争议）",
        materials=[{"name": "仲裁裁决书", "kind": "original_and_copy", "copies": 1}],
    )
    visits.update_service(admin, legal.id, data)
    stored = ServiceType.get_by_id(legal.id)
    assert stored.name == "法律咨询（劳动争议）"
    assert [m["name"] for m in stored.materials] == ["仲裁裁决书"]
    assert legal.id in [s.id for s in visits.search_services(admin, "flzxldzy")]
    (entry,) = _audits("update", "service")
    assert json.loads(entry.details)["name"] == [LEGAL, "法律咨询（劳动争议）"]

    visit = visits.record_visit(
        admin,
        VisitInput(
            person_id=None,
            channel="walk_in",
            purposes=[
                PurposeInput(
                    service_id=legal.id,
                    outcome="waiting",
                    materials_brought=["劳动合同"],  # an old material: no longer in the notice
                    materials_missing=["仲裁裁决书"],
                    due_on=today() + timedelta(days=3),
                )
            ],
        ),
    )
    purpose = Visit.get_by_id(visit.id).purposes[0]
    assert purpose.materials_brought == []
    assert purpose.materials_missing == ["仲裁裁决书"]


def test_an_inactive_service_is_not_offered(admin) -> None:
    service = visits.create_service(admin, _new_service())
    visits.update_service(admin, service.id, _new_service(active=False))
    assert service.id not in [s.id for s in visits.list_services(admin)]
    assert service.id in [s.id for s in visits.list_services(admin, include_inactive=True)]
    assert visits.search_services(admin, "ghflyz") == []
    with pytest.raises(ValidationError) as caught:
        visits.record_visit(
            admin,
            VisitInput(
                person_id=None, channel="walk_in", purposes=[PurposeInput(service_id=service.id)]
            ),
        )
    assert "purposes" in caught.value.errors
    assert _counts() == (0, 0)


def test_a_duplicate_service_name_is_refused(admin) -> None:
    before = ServiceType.select().count()
    with pytest.raises(ValidationError) as caught:
        visits.create_service(admin, _new_service(name=JOIN))
    assert "name" in caught.value.errors
    other = visits.create_service(admin, _new_service())
    with pytest.raises(ValidationError) as caught:
        visits.update_service(admin, other.id, _new_service(name=JOIN))
    assert "name" in caught.value.errors
    assert ServiceType.get_by_id(other.id).name == "工会法律援助"
    assert ServiceType.select().count() == before + 1


@pytest.mark.parametrize(
    "materials",
    [
        [{"name": "居民身份证", "kind": "original"}, {"name": "居民身份证", "kind": "copy"}],
        [{"name": "劳动合同", "kind": "copy", "copies": 0}],
        [{"name": "劳动合同", "kind": "copy", "copies": 21}],
        [{"name": "劳动合同", "kind": "copy", "copies": "两份"}],
        [{"name": "劳动合同", "kind": "scan"}],
        [{"name": "劳" * 101, "kind": "copy"}],
    ],
    ids=["duplicate", "copies 0", "copies 21", "copies not a number", "unknown kind", "too long"],
)
def test_bad_materials_are_refused(admin, materials: list[dict[str, object]]) -> None:
    before = ServiceType.select().count()
    with pytest.raises(ValidationError) as caught:
        visits.create_service(admin, _new_service(materials=materials))
    assert "materials" in caught.value.errors
    assert ServiceType.select().count() == before
    legal = _service(LEGAL)
    with pytest.raises(ValidationError):
        visits.update_service(admin, legal.id, _new_service(materials=materials))
    assert ServiceType.get_by_id(legal.id).materials == legal.materials


def test_bad_service_fields_are_refused(admin) -> None:
    with pytest.raises(ValidationError) as caught:
        visits.create_service(admin, ServiceInput(name="  ", eligibility=["rich"]))
    assert {"name", "eligibility"} <= set(caught.value.errors)


def test_front_desk_cannot_change_the_catalogue(admin, make_staff) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    before = [(s.id, s.name, s.materials, s.active) for s in ServiceType.select()]
    audits = AuditEntry.select().count()
    with pytest.raises(PermissionDenied):
        visits.create_service(desk, _new_service())
    with pytest.raises(PermissionDenied):
        visits.update_service(desk, _sid(LEGAL), _new_service(active=False))
    assert [(s.id, s.name, s.materials, s.active) for s in ServiceType.select()] == before
    assert AuditEntry.select().count() == audits
    # Reading it is fine.
    assert visits.search_services(desk, "rh")


# --- follow-ups ---------------------------------------------------------------------------------


def _waiting(actor: Staff, *, due: date, person: Person | None = None) -> VisitPurpose:
    visit = visits.record_visit(
        actor,
        VisitInput(
            person_id=person.id if person else None,
            channel="walk_in",
            purposes=[
                PurposeInput(
                    service_id=_sid(HARDSHIP),
                    outcome="waiting",
                    materials_brought=["居民身份证"],
                    materials_missing=["户口簿", "家庭收入证明"],
                    due_on=due,
                ),
                PurposeInput(service_id=_sid(JOIN)),
            ],
        ),
    )
    return VisitPurpose.get(VisitPurpose.visit == visit.id, VisitPurpose.outcome == "waiting")


def test_follow_ups_list_the_overdue_first(admin) -> None:
    later = _waiting(admin, due=today() + timedelta(days=20))
    soon = _waiting(admin, due=today() + timedelta(days=2))
    overdue = _waiting(admin, due=today() + timedelta(days=5))
    VisitPurpose.update(due_on=today() - timedelta(days=4)).where(
        VisitPurpose.id == overdue.id
    ).execute()

    listed = visits.follow_ups(admin)
    assert [p.id for p in listed] == [overdue.id, soon.id, later.id]
    assert visits.is_overdue(listed[0])
    assert not visits.is_overdue(listed[1])
    assert listed[0].service.name == HARDSHIP
    assert listed[0].materials_missing == ["户口簿", "家庭收入证明"]


def test_complete_follow_up(admin, make_staff) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    person = _person(admin)
    purpose = _waiting(desk, due=today() + timedelta(days=3), person=person)
    other = _waiting(desk, due=today() + timedelta(days=9))

    done = visits.complete_follow_up(desk, purpose.id)
    assert done.outcome == "done"
    stored = VisitPurpose.get_by_id(purpose.id)
    assert stored.outcome == "done"
    assert stored.completed_at is not None
    assert stored.materials_missing == []
    assert stored.materials_brought == ["居民身份证", "户口簿", "家庭收入证明"]
    assert [p.id for p in visits.follow_ups(desk)] == [other.id]
    (entry,) = _audits("complete_follow_up", "visit")
    assert entry.entity_id == purpose.visit_id
    assert json.loads(entry.details) == {"purpose": purpose.id}

    with pytest.raises(ValidationError):
        visits.complete_follow_up(desk, purpose.id)
    assert len(_audits("complete_follow_up", "visit")) == 1
    # The completed purpose now counts as done in the log.
    assert _log(desk, outcome="waiting") == [other.visit_id]
    assert purpose.visit_id in _log(desk, outcome="done")


def test_a_correction_keeps_a_completed_follow_up_completed(admin) -> None:
    purpose = _waiting(admin, due=today() + timedelta(days=3))
    visits.complete_follow_up(admin, purpose.id)
    visits.update_visit(
        admin,
        purpose.visit_id,
        VisitInput(
            person_id=None,
            channel="walk_in",
            purposes=[PurposeInput(service_id=_sid(HARDSHIP)), PurposeInput(service_id=_sid(JOIN))],
            rating="satisfied",
        ),
    )
    stored = VisitPurpose.get(
        VisitPurpose.visit == purpose.visit_id, VisitPurpose.service == _sid(HARDSHIP)
    )
    assert stored.outcome == "done"
    assert stored.completed_at is not None
    assert visits.follow_ups(admin) == []


# --- eligibility hints --------------------------------------------------------------------------


def test_eligibility_hints(admin) -> None:
    card, second, aid = _service(CARD), _service(SECOND_REIMBURSEMENT), _service(MUTUAL_AID)

    outsider = _person(admin, "王芳", is_member=False)
    hints = visits.eligibility_hints(outsider, [card])
    assert len(hints) == 1
    assert CARD in hints[0] and "union" in hints[0]

    member = _person(admin, "刘强", is_member=True)
    hints = visits.eligibility_hints(member, [second])
    assert len(hints) == 1
    assert SECOND_REIMBURSEMENT in hints[0] and "京卡" in hints[0]
    assert visits.eligibility_hints(member, [card]) == []

    def aid_hints(gender: str, birth: date) -> list[str]:
        person = _person(
            admin, "赵敏", gender=gender, birth_date=birth, is_member=True, member_card=True
        )
        return visits.eligibility_hints(person, [aid])

    young = aid_hints("F", _years_ago(15))
    assert len(young) == 1 and "15" in young[0]
    assert aid_hints("M", _years_ago(16)) == []
    old_man = aid_hints("M", _years_ago(64))  # past 63, the most the 2025 reform sets
    assert len(old_man) == 1 and "retirement age" in old_man[0]
    old_woman = aid_hints("F", _years_ago(59))
    assert len(old_woman) == 1 and "retirement age" in old_woman[0]
    assert aid_hints("M", _years_ago(40)) == []
    assert aid_hints("F", _years_ago(40)) == []
    assert aid_hints("M", _years_ago(59, days=-1)) == []  # turns 59 tomorrow

    unknown_birth = _person(admin, "孙丽", gender="F", is_member=True, member_card=True)
    assert len(visits.eligibility_hints(unknown_birth, [aid])) == 1
    # Nothing is known about an anonymous visitor, so nothing is hinted.
    assert visits.eligibility_hints(None, [card, second, aid]) == []
    # Services with no checks give no hints.
    assert visits.eligibility_hints(outsider, [_service(JOIN), _service(LEGAL)]) == []


def test_retirement_in_the_desk_hint(admin) -> None:
    aid = _service(MUTUAL_AID)
    # A man born in May 1965 retires at 60 years 2 months, in July 2025: at 60 and a half he
    # is past it, at 60 and one month (June 2025) not yet.
    man = _person(
        admin, "赵强", gender="M", birth_date=date(1965, 5, 20), is_member=True, member_card=True
    )
    assert visits.eligibility_hints(man, [aid], on=date(2025, 6, 20)) == []
    hints = visits.eligibility_hints(man, [aid], on=date(2025, 7, 20))
    assert len(hints) == 1
    assert "2025-07-20" in hints[0] and "60 years 2 months" in hints[0]
    # A woman of 56 in 2026 (born 1970) is not retired before 55 years and some months.
    woman = _person(
        admin, "钱芳", gender="F", birth_date=date(1970, 9, 1), is_member=True, member_card=True
    )
    assert visits.eligibility_hints(woman, [aid], on=date(2025, 9, 2)) == []  # 55, not yet
    assert len(visits.eligibility_hints(woman, [aid], on=date(2026, 1, 2))) == 1  # 55y3m passed


def test_retirement_of_a_woman_worker_counts_from_50(admin) -> None:
    aid = _service(MUTUAL_AID)
    fields = {"gender": "F", "birth_date": date(1976, 3, 1), "is_member": True}
    office = _person(admin, "钱芳", member_card=True, **fields)
    worker = _person(admin, "孙丽", member_card=True, old_retirement_age=50, **fields)
    assert worker.old_retirement_age == 50 and office.old_retirement_age is None
    # Old retirement March 2026, 8 months added: 50 years 8 months, on 1 November 2026.
    on = date(2026, 12, 1)
    hints = visits.eligibility_hints(worker, [aid], on=on)
    assert len(hints) == 1 and "2026-11-01" in hints[0] and "50 years 8 months" in hints[0]
    assert visits.eligibility_hints(worker, [aid], on=date(2026, 10, 31)) == []
    assert visits.eligibility_hints(office, [aid], on=on) == []  # 55 and more for office jobs


def test_retirement_age_before_2025_is_kept_for_women_only(admin) -> None:
    man = _person(admin, "赵强", gender="M", birth_date=date(1970, 1, 1), old_retirement_age=50)
    assert man.old_retirement_age is None
    with pytest.raises(ValidationError) as caught:
        _person(admin, "钱芳", gender="F", birth_date=date(1970, 1, 1), old_retirement_age=60)
    assert "old_retirement_age" in caught.value.errors


def test_age_on() -> None:
    assert visits.age_on(date(2000, 3, 1), date(2020, 2, 29)) == 19
    assert visits.age_on(date(2000, 2, 29), date(2020, 2, 29)) == 20
    assert visits.age_on(None, date(2020, 1, 1)) is None


# --- the log ------------------------------------------------------------------------------------


@pytest.fixture
def log_data(admin, make_staff) -> dict[str, object]:
    """Visits on several days, channels, services, outcomes, staff and people."""
    desk = make_staff("desk1", FRONT_DESK)
    anna, bo = _person(admin, "安娜"), _person(admin, "薄波")
    moment = now().replace(microsecond=0)
    last_year = moment.replace(year=moment.year - 1, month=6, day=15, hour=10)
    last_month = (moment.replace(day=1) - timedelta(days=1)).replace(day=10, hour=10)
    v = {
        "old": _visit(admin, JOIN, person=anna, arrived=last_year, rating="satisfied"),
        "last_month": _visit(
            desk, LEGAL, person=bo, channel="phone", arrived=last_month, outcome="referred"
        ),
        # Today's visits arrive at the same moment (the log then sorts them by id, newest first),
        # so the test cannot straddle midnight.
        "today1": _visit(desk, JOIN, CARD, person=anna, arrived=moment),
        "today2": _visit(admin, DECOMPRESSION, channel="phone", arrived=moment),
        "today3": _visit(desk, HARDSHIP, person=bo, arrived=moment, outcome="waiting"),
        "today4": _visit(admin, LEGAL, arrived=moment, outcome="declined", rating="dissatisfied"),
    }
    return {"desk": desk, "anna": anna, "bo": bo, "v": v, "moment": moment}


def test_list_visits_newest_first_with_joins(admin, log_data) -> None:
    v = log_data["v"]
    page = visits.list_visits(admin, VisitFilter(), offset=0, limit=100)
    assert _ids(page) == [
        v[k].id for k in ("today4", "today3", "today2", "today1", "last_month", "old")
    ]
    assert page[1].person.name == "薄波"
    assert page[1].staff.username == "desk1"
    assert visits.count_visits(admin, VisitFilter()) == 6
    # Paging continues where the previous page stopped.
    first = visits.list_visits(admin, VisitFilter(), offset=0, limit=4)
    rest = visits.list_visits(admin, VisitFilter(), offset=4, limit=4)
    assert _ids(first) + _ids(rest) == _ids(page)
    assert visits.list_visits(admin, VisitFilter(), offset=100, limit=4) == []


def test_same_arrival_time_sorts_newest_id_first(admin) -> None:
    moment = now().replace(microsecond=0) - timedelta(minutes=1)
    a, b = _visit(admin, JOIN, arrived=moment), _visit(admin, JOIN, arrived=moment)
    assert _log(admin) == [b.id, a.id]
    assert _log(admin, service_id=_sid(JOIN)) == [b.id, a.id]


def _case_filters(data: dict[str, object]) -> list[tuple[str, dict[str, object], list[str]]]:
    moment: datetime = data["moment"]  # type: ignore[assignment]
    first_of_month = moment.date().replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    desk: Staff = data["desk"]  # type: ignore[assignment]
    anna: Person = data["anna"]  # type: ignore[assignment]
    bo: Person = data["bo"]  # type: ignore[assignment]
    return [
        (
            "today",
            {"date_from": moment.date(), "date_to": moment.date()},
            ["today4", "today3", "today2", "today1"],
        ),
        (
            "last month",
            {"date_from": last_month_end.replace(day=1), "date_to": last_month_end},
            ["last_month"],
        ),
        ("until last month", {"date_to": last_month_end}, ["last_month", "old"]),
        (
            "since this month",
            {"date_from": first_of_month},
            ["today4", "today3", "today2", "today1"],
        ),
        ("service", {"service_id": _sid(JOIN)}, ["today1", "old"]),
        ("rare service", {"service_id": _sid(DECOMPRESSION)}, ["today2"]),
        ("second purpose", {"service_id": _sid(CARD)}, ["today1"]),
        ("channel", {"channel": "phone"}, ["today2", "last_month"]),
        ("outcome done", {"outcome": "done"}, ["today2", "today1", "old"]),
        ("outcome referred", {"outcome": "referred"}, ["last_month"]),
        ("outcome waiting", {"outcome": "waiting"}, ["today3"]),
        ("outcome declined", {"outcome": "declined"}, ["today4"]),
        ("staff", {"staff_id": desk.id}, ["today3", "today1", "last_month"]),
        ("person", {"person_id": anna.id}, ["today1", "old"]),
        ("person bo", {"person_id": bo.id}, ["today3", "last_month"]),
        ("service + outcome", {"service_id": _sid(LEGAL), "outcome": "declined"}, ["today4"]),
        ("service + channel", {"service_id": _sid(LEGAL), "channel": "phone"}, ["last_month"]),
        ("service + staff", {"service_id": _sid(JOIN), "staff_id": desk.id}, ["today1"]),
        ("service + person", {"service_id": _sid(JOIN), "person_id": anna.id}, ["today1", "old"]),
        (
            "service + date",
            {"service_id": _sid(LEGAL), "date_from": first_of_month, "date_to": moment.date()},
            ["today4"],
        ),
        ("channel + staff", {"channel": "walk_in", "staff_id": desk.id}, ["today3", "today1"]),
        ("month + outcome", {"date_from": first_of_month, "outcome": "done"}, ["today2", "today1"]),
        ("nothing", {"channel": "outreach"}, []),
        ("service, none", {"service_id": _sid(MUTUAL_AID)}, []),
    ]


def test_log_filters_and_counts(admin, log_data) -> None:
    v = log_data["v"]
    for case, filters, expected in _case_filters(log_data):
        got = _log(admin, **filters)
        assert got == [v[k].id for k in expected], case
        assert visits.count_visits(admin, VisitFilter(**filters)) == len(expected), case


def test_person_visits(admin, log_data) -> None:
    v = log_data["v"]
    anna = log_data["anna"]
    assert _ids(visits.person_visits(admin, anna.id)) == [v["today1"].id, v["old"].id]


def test_purposes_of(admin, log_data) -> None:
    v = log_data["v"]
    page = visits.list_visits(admin, VisitFilter(), offset=0, limit=100)
    purposes = visits.purposes_of(page)
    assert [p.service.name for p in purposes[v["today1"].id]] == [JOIN, CARD]
    assert visits.purposes_of([]) == {}


def test_day_counts_and_visits_today(admin, log_data) -> None:
    counts = visits.day_counts(admin)
    assert {c.service_name: c.count for c in counts} == {
        JOIN: 1,
        CARD: 1,
        DECOMPRESSION: 1,
        HARDSHIP: 1,
        LEGAL: 1,
    }
    _visit(admin, LEGAL)
    counts = visits.day_counts(admin)
    assert counts[0] == visits.DayCount(LEGAL, 2)
    assert visits.visits_on(admin) == 5
    moment: datetime = log_data["moment"]
    last_year = moment.replace(year=moment.year - 1, month=6, day=15).date()
    assert visits.day_counts(admin, day=last_year) == [visits.DayCount(JOIN, 1)]
    assert visits.visits_on(admin, day=last_year) == 1
    assert visits.day_counts(admin, day=last_year - timedelta(days=1)) == []


def test_month_satisfaction(admin) -> None:
    assert visits.month_satisfaction(admin).rate is None
    moment = now().replace(microsecond=0)
    _visit(admin, JOIN)  # unrated: not counted
    assert visits.month_satisfaction(admin) == visits.Satisfaction(rated=0, satisfied=0)
    assert visits.month_satisfaction(admin).rate is None
    for rating in ["satisfied"] * 5 + ["basically_satisfied"] * 2 + ["dissatisfied"]:
        _visit(admin, JOIN, rating=rating, arrived=moment - timedelta(seconds=1))
    result = visits.month_satisfaction(admin)
    assert result.rated == 8
    assert result.satisfied == 7
    assert result.rate == pytest.approx(7 / 8)
    # Another month is counted on its own.
    earlier = (moment.replace(day=1) - timedelta(days=1)).replace(day=28, hour=16)
    _visit(admin, JOIN, rating="dissatisfied", arrived=earlier)
    assert visits.month_satisfaction(admin).rate == pytest.approx(7 / 8)
    other = visits.month_satisfaction(admin, month=earlier.date())
    assert (other.rated, other.satisfied, other.rate) == (1, 0, 0.0)
    # The first moment of the next month belongs to the next month.
    december = datetime(moment.year - 2, 12, 31, 23, 59, 59)
    _visit(admin, JOIN, rating="satisfied", arrived=december)
    _visit(admin, JOIN, rating="dissatisfied", arrived=datetime(moment.year - 1, 1, 1, 0, 0, 0))
    assert visits.month_satisfaction(admin, month=date(moment.year - 2, 12, 1)).rate == 1.0
    assert visits.month_satisfaction(admin, month=date(moment.year - 1, 1, 31)).rate == 0.0


# --- permissions and export ---------------------------------------------------------------------


def test_a_librarian_cannot_read_or_export_visits(admin, make_staff, tmp_path: Path) -> None:
    librarian = make_staff("books", LIBRARIAN)
    _visit(admin, JOIN)
    with pytest.raises(PermissionDenied):
        visits.list_visits(librarian, VisitFilter(), offset=0, limit=10)
    with pytest.raises(PermissionDenied):
        visits.count_visits(librarian, VisitFilter())
    with pytest.raises(PermissionDenied):
        visits.follow_ups(librarian)
    with pytest.raises(PermissionDenied):
        visits.month_satisfaction(librarian)
    with pytest.raises(PermissionDenied):
        visits.export_visits(librarian, VisitFilter(), tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
    with pytest.raises(PermissionDenied):
        _visit(librarian, JOIN)
    assert _counts() == (1, 1)


def test_export_visits(admin, make_staff, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    desk = make_staff("desk1", FRONT_DESK)
    anna = _person(admin, "安娜", phone="13812345678")
    _visit(desk, JOIN, CARD, person=anna, rating="satisfied", arrived=now() - timedelta(hours=1))
    _visit(desk, HARDSHIP, outcome="waiting")
    path = tmp_path / "visits.xlsx"

    calls: list[tuple[int, int]] = []
    written = visits.export_visits(
        desk, VisitFilter(), path, progress=lambda done, total: calls.append((done, total)) or True
    )
    assert written == 2
    assert calls and calls[-1] == (2, 2)
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 3  # header + two visits
    assert rows[0][0] == "Arrived"
    newest, older = rows[1], rows[2]
    assert newest[1] == "Anonymous"
    assert "户口簿" in newest[5] or "困难职工建档申请表" in newest[5]
    assert older[1] == "安娜"
    assert older[2] == "13812345678"
    assert JOIN in older[4] and CARD in older[4]
    assert older[6] == "测试员"
    (entry,) = _audits("export", "visit")
    assert json.loads(entry.details)["rows"] == 2


def test_export_filters(admin, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _visit(admin, JOIN, channel="phone")
    _visit(admin, LEGAL)
    path = tmp_path / "phone.xlsx"
    assert visits.export_visits(admin, VisitFilter(channel="phone"), path) == 1
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 2 and JOIN in rows[1][4]


def test_export_can_be_cancelled(admin, tmp_path: Path) -> None:
    from openpyxl.worksheet import _writer

    for _ in range(3):
        _visit(admin, JOIN)
    path = tmp_path / "cancelled.xlsx"
    temp_files = set(_writer.ALL_TEMP_FILES)
    visits.export_visits(admin, VisitFilter(), path, progress=lambda done, total: False)
    assert not path.exists()
    assert list(tmp_path.glob("*.xlsx")) == []
    assert _audits("export", "visit") == []
    # The half-written sheet is closed and its temporary file removed: nothing is left to fail
    # when it is garbage-collected later (in whatever test or dialog happens to run then).
    gc.collect()
    left = [f for f in _writer.ALL_TEMP_FILES if f not in temp_files and os.path.exists(f)]
    assert left == []


def test_export_of_an_empty_log(admin, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "empty.xlsx"
    assert visits.export_visits(admin, VisitFilter(), path) == 0
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 1


# --- outreach -----------------------------------------------------------------------------------


@pytest.fixture
def building(admin) -> Organization:
    return people.create_organization(
        admin,
        OrganizationInput(name="东方广场", kind="office_building", union_status="joint_union"),
    )


def test_create_outreach(admin, building) -> None:
    held = today() - timedelta(days=2)
    session = visits.create_outreach(
        admin,
        organization_id=building.id,
        held_on=held,
        service_ids=[_sid(JOIN), _sid(LEGAL), _sid(JOIN)],
        notes="午休时间在大堂设点",
    )
    stored = OutreachSession.get_by_id(session.id)
    assert stored.held_on == held
    assert stored.services == [_sid(JOIN), _sid(LEGAL)]
    assert stored.staff_id == admin.id
    assert _audits("create", "outreach")[-1].entity_id == session.id
    assert [s.id for s in visits.list_outreach(admin)] == [session.id]


@pytest.mark.parametrize(
    ("case", "key"),
    [
        ("future date", "held_on"),
        ("no services", "services"),
        ("unknown service", "services"),
        ("unknown organization", "organization"),
        ("long notes", "notes"),
    ],
)
def test_create_outreach_refuses_bad_input(admin, building, case: str, key: str) -> None:
    fields: dict[str, object] = {
        "organization_id": building.id,
        "held_on": today(),
        "service_ids": [_sid(JOIN)],
        "notes": "",
    }
    if case == "future date":
        fields["held_on"] = today() + timedelta(days=1)
    elif case == "no services":
        fields["service_ids"] = []
    elif case == "unknown service":
        fields["service_ids"] = [_sid(JOIN), 999_999]
    elif case == "unknown organization":
        fields["organization_id"] = 999_999
    else:
        fields["notes"] = "长" * 1001
    with pytest.raises(ValidationError) as caught:
        visits.create_outreach(admin, **fields)
    assert key in caught.value.errors
    assert OutreachSession.select().count() == 0


def test_record_outreach_visits(admin, make_staff, building) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    anna, bo = _person(admin, "安娜"), _person(admin, "薄波")
    Person.update(last_activity_at=now() - timedelta(days=90)).execute()
    held = today() - timedelta(days=1)
    session = visits.create_outreach(
        desk, organization_id=building.id, held_on=held, service_ids=[_sid(JOIN), _sid(CARD)]
    )
    entries = [
        OutreachEntry(person_id=anna.id, service_ids=[_sid(JOIN), _sid(CARD)], rating="satisfied"),
        OutreachEntry(person_id=bo.id, service_ids=[_sid(LEGAL)]),
        OutreachEntry(person_id=None, service_ids=[_sid(JOIN)], rating="basically_satisfied"),
    ]
    created = visits.record_outreach_visits(desk, session.id, entries)
    assert len(created) == 3
    rows = list(Visit.select().order_by(Visit.id))
    assert [v.id for v in rows] == [v.id for v in created]
    assert all(v.channel == "outreach" for v in rows)
    assert all(v.outreach_id == session.id for v in rows)
    assert all(v.staff_id == desk.id for v in rows)
    assert all(v.arrived_at.date() == held for v in rows)
    assert [v.person_id for v in rows] == [anna.id, bo.id, None]
    assert [v.rating for v in rows] == ["satisfied", "unrated", "basically_satisfied"]
    assert VisitPurpose.select().count() == 4
    assert Person.get_by_id(anna.id).last_activity_at > now() - timedelta(minutes=1)
    (entry,) = _audits("create_batch", "outreach")
    assert json.loads(entry.details)["visits"] == [v.id for v in created]
    assert visits.count_visits(desk, VisitFilter(channel="outreach")) == 3


@pytest.mark.parametrize(
    "bad",
    [
        OutreachEntry(person_id=None, service_ids=[]),
        OutreachEntry(person_id=None, service_ids=[999_999]),
        OutreachEntry(person_id=999_999, service_ids=[1]),
        OutreachEntry(person_id=None, service_ids=[1], rating="great"),
    ],
    ids=["no service", "unknown service", "unknown person", "unknown rating"],
)
def test_record_outreach_visits_is_all_or_nothing(admin, building, bad: OutreachEntry) -> None:
    session = visits.create_outreach(
        admin, organization_id=building.id, held_on=today(), service_ids=[_sid(JOIN)]
    )
    good = OutreachEntry(person_id=None, service_ids=[_sid(JOIN)])
    audits = AuditEntry.select().count()
    with pytest.raises(ValidationError) as caught:
        visits.record_outreach_visits(admin, session.id, [good, good, bad, good])
    assert "entries" in caught.value.errors
    assert "3" in caught.value.message  # which visitor is at fault
    assert _counts() == (0, 0)
    assert AuditEntry.select().count() == audits
    with pytest.raises(ValidationError):
        visits.record_outreach_visits(admin, session.id, [])
    assert _counts() == (0, 0)


def test_a_write_failure_mid_batch_saves_nothing(admin, building, monkeypatch) -> None:
    session = visits.create_outreach(
        admin, organization_id=building.id, held_on=today(), service_ids=[_sid(JOIN)]
    )
    entries = [OutreachEntry(person_id=None, service_ids=[_sid(JOIN)]) for _ in range(3)]
    real = outreach._write_purposes
    calls = count()

    def failing(visit, purposes, previous):
        if next(calls) == 2:
            raise RuntimeError("disk gone")
        real(visit, purposes, previous)

    monkeypatch.setattr(outreach, "_write_purposes", failing)
    with pytest.raises(RuntimeError):
        visits.record_outreach_visits(admin, session.id, entries)
    assert _counts() == (0, 0)


def test_an_outreach_visit_must_be_outreach(admin, building) -> None:
    session = visits.create_outreach(
        admin, organization_id=building.id, held_on=today(), service_ids=[_sid(JOIN)]
    )
    with pytest.raises(ValidationError) as caught:
        visits.record_visit(
            admin,
            VisitInput(
                person_id=None,
                channel="walk_in",
                purposes=[PurposeInput(service_id=_sid(JOIN))],
                outreach_id=session.id,
            ),
        )
    assert "channel" in caught.value.errors


@pytest.mark.parametrize(
    ("time_limit", "due"),
    [
        # 2026-12-07 is a Monday; working days skip the weekend.
        ("3个工作日内决定是否受理；自收到申请之日起15日内未达成协议", date(2026, 12, 10)),
        ("五个工作日", date(2026, 12, 14)),
        ("十五日内办结", date(2026, 12, 22)),
        ("2周", date(2026, 12, 21)),
        ("5 working days", date(2026, 12, 14)),
        ("当场办结。", date(2026, 12, 14)),  # no number of days: a week
        ("", date(2026, 12, 14)),
    ],
)
def test_follow_up_due_comes_from_the_time_limit(time_limit, due):
    service = ServiceType(name="x", time_limit=time_limit)
    assert visits.follow_up_due(service, on=date(2026, 12, 7)) == due
