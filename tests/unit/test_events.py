"""Union events: setting them up, eligibility, capacity and the waitlist (promotion in the same
transaction, gender-balanced linked quotas, offers, manual priority, limiting and reserved quotas),
attendance, cancelling and minimum decisions, the calendar's coverage, the roster export,
statistics, permissions and the audit trail."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationapp.db import now, today
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, AuditEntry, Staff
from stationapp.models.events import Event, EventQuota, Registration
from stationapp.models.people import Organization, Person
from stationapp.services import events, people
from stationapp.services.events import EventFull, EventInput, NotEligible, QuotaInput
from stationapp.services.events import attendance as events_attendance
from stationapp.services.events import planning as events_planning
from stationapp.services.events import registration as events_registration
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.ids import make_ric

_male_seq = count(101, 2)  # odd sequence numbers: men
_female_seq = count(102, 2)  # even: women


# --- helpers ------------------------------------------------------------------------------------


def _birth_for_age(age: int, on: date) -> date:
    """A birth date that makes someone ``age`` on ``on`` (the birthday was two months before)."""
    day = on - timedelta(days=60)
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # 29 February
        return day.replace(year=day.year - age, day=28)


def _person(
    actor: Staff,
    name: str,
    *,
    gender: str = "M",
    age: int = 30,
    on: date | None = None,
    workplace: Organization | None = None,
    member: bool = False,
) -> Person:
    """Gender and birth date come from the ID number, as at the desk."""
    seq = next(_male_seq if gender == "M" else _female_seq) % 1000
    birth = _birth_for_age(age, on or today())
    person = people.create_person(
        actor,
        PersonInput(
            name=name,
            id_number=make_ric(birth=birth, seq=seq),
            workplace_id=workplace.id if workplace else None,
            is_member=member,
        ),
        allow_duplicate=True,
    )
    assert (person.gender, person.birth_date) == (gender, birth)
    return person


def _org(actor: Staff, name: str) -> Organization:
    return people.create_organization(actor, OrganizationInput(name=name))


def _start(days: int = 7) -> datetime:
    return (now() + timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0)


def _input(title: str = "羽毛球比赛", *, days: int = 7, **fields: object) -> EventInput:
    start = fields.pop("starts_at", None) or _start(days)
    fields.setdefault("capacity", 10)
    fields.setdefault("ends_at", start + timedelta(hours=2))
    return EventInput(title=title, starts_at=start, **fields)


def _event(actor: Staff, title: str = "羽毛球比赛", **fields: object) -> Event:
    return events.create_event(actor, _input(title, **fields))


def _register(actor: Staff, event: Event, person: Person, **kwargs: object) -> Registration:
    return events.register(actor, event.id, person.id, **kwargs)


def _state(registration: Registration) -> str:
    return Registration.get_by_id(registration.id).state


def _waitlist(actor: Staff, event: Event) -> list[str]:
    return [r.person.name for r in events.roster(actor, event.id) if r.state == "waitlisted"]


def _audit(action: str, event: Event) -> list[dict[str, object]]:
    return [
        json.loads(e.details)
        for e in AuditEntry.select()
        .where(
            AuditEntry.entity == "event",
            AuditEntry.entity_id == event.id,
            AuditEntry.action == action,
        )
        .order_by(AuditEntry.id)
    ]


class Clock:
    """The service's clock, moving one second per reading unless moved on by hand."""

    def __init__(self) -> None:
        self.value = now()

    def __call__(self) -> datetime:
        self.value += timedelta(seconds=1)
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    for module in (events_attendance, events_planning, events_registration):  # they read now()
        monkeypatch.setattr(module, "now", fake)
    return fake


# --- creating and changing events ---------------------------------------------------------------


def _end_before_start(data: EventInput) -> EventInput:
    return dataclasses.replace(data, ends_at=data.starts_at - timedelta(hours=1))


INVALID: list[tuple[str, Callable[[EventInput], EventInput], str]] = [
    ("end before start", _end_before_start, "ends_at"),
    ("no places", lambda d: dataclasses.replace(d, capacity=0), "capacity"),
    ("balanced, odd", lambda d: dataclasses.replace(d, balanced=True, capacity=9), "capacity"),
    (
        "balanced women only",
        lambda d: dataclasses.replace(d, balanced=True, women_only=True),
        "balanced",
    ),
    (
        "minimum, no decision date",
        lambda d: dataclasses.replace(d, min_participants=4),
        "decision_on",
    ),
    (
        "decision after the start",
        lambda d: dataclasses.replace(
            d, min_participants=4, decision_on=d.starts_at.date() + timedelta(days=1)
        ),
        "decision_on",
    ),
    (
        "quota bigger than the event",
        lambda d: dataclasses.replace(d, quotas=[QuotaInput("50岁以上", 11, min_age=50)]),
        "quotas",
    ),
    (
        "reserved without workplace",
        lambda d: dataclasses.replace(d, quotas=[QuotaInput("预留", 2, reserved=True)]),
        "quotas",
    ),
]


@pytest.mark.parametrize(
    ("change", "field"), [(c, f) for _, c, f in INVALID], ids=[n for n, _, _ in INVALID]
)
def test_invalid_events_are_refused_at_the_field(
    admin: Staff, change: Callable[[EventInput], EventInput], field: str
) -> None:
    good = _input(capacity=10)
    with pytest.raises(ValidationError) as info:
        events.create_event(admin, change(good))
    assert info.value.field == field
    assert set(info.value.errors) == {field}
    assert Event.select().count() == 0

    event = events.create_event(admin, good)
    with pytest.raises(ValidationError) as info:
        events.update_event(admin, event.id, change(good))
    assert info.value.field == field
    stored = Event.get_by_id(event.id)
    assert (stored.capacity, stored.ends_at, stored.balanced) == (10, good.ends_at, False)


def test_update_refuses_a_capacity_below_the_places_taken(admin: Staff) -> None:
    event = _event(admin, capacity=3)
    for name in ("张伟", "李强", "王磊"):
        _register(admin, event, _person(admin, name))
    with pytest.raises(ValidationError) as info:
        events.update_event(admin, event.id, _input(capacity=2, starts_at=event.starts_at))
    assert info.value.field == "capacity"
    assert "3" in info.value.message
    assert Event.get_by_id(event.id).capacity == 3

    events.update_event(admin, event.id, _input(capacity=3, starts_at=event.starts_at))


def test_update_refuses_a_balanced_capacity_below_the_places_taken_by_either_half(
    admin: Staff,
) -> None:
    """Five men hold places of a 10-place mixer: 6 places (3 for men) would overbook the men's
    half even though 5 places taken is below 6."""
    event = _event(admin, "八分钟主题交友", capacity=10, balanced=True)
    for name in ("张伟", "李强", "王磊", "刘洋", "陈杰"):
        _register(admin, event, _person(admin, name))
    with pytest.raises(ValidationError) as info:
        events.update_event(
            admin,
            event.id,
            _input("八分钟主题交友", capacity=6, balanced=True, starts_at=event.starts_at),
        )
    assert info.value.field == "capacity"
    assert Event.get_by_id(event.id).capacity == 10
    assert sorted(
        (q.gender, q.capacity) for q in EventQuota.select().where(EventQuota.event == event.id)
    ) == [("F", 5), ("M", 5)]
    # Ten places (five for men) still fit them.
    events.update_event(
        admin,
        event.id,
        _input("八分钟主题交友", capacity=10, balanced=True, starts_at=event.starts_at),
    )


def test_raising_the_capacity_promotes_the_waitlist(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    _register(admin, event, _person(admin, "张伟"))
    waiting = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    assert waiting.state == "waitlisted"
    events.update_event(admin, event.id, _input(capacity=2, starts_at=event.starts_at))
    assert _state(waiting) == "confirmed"


def test_balanced_event_gets_two_linked_quotas_of_half_the_places(admin: Staff) -> None:
    event = _event(admin, "八分钟主题交友", capacity=20, balanced=True)
    quotas = sorted(
        (q.name, q.gender, q.capacity, q.workplace_id)
        for q in EventQuota.select().where(EventQuota.event == event.id)
    )
    assert quotas == [("Men", "M", 10, None), ("Women", "F", 10, None)]

    # Changing the capacity resizes both halves; no stale quota is left behind.
    events.update_event(
        admin,
        event.id,
        _input("八分钟主题交友", capacity=12, balanced=True, starts_at=event.starts_at),
    )
    quotas = sorted(
        (q.gender, q.capacity) for q in EventQuota.select().where(EventQuota.event == event.id)
    )
    assert quotas == [("F", 6), ("M", 6)]


# --- eligibility (acceptance) ------------------------------------------------------------------


def test_a_man_cannot_register_for_a_women_only_event(admin: Staff) -> None:
    event = _event(admin, "女职工维权讲座", women_only=True)
    with pytest.raises(NotEligible, match="women only"):
        _register(admin, event, _person(admin, "张伟", gender="M"))
    assert _register(admin, event, _person(admin, "李娜", gender="F")).state == "confirmed"
    assert Registration.select().count() == 1


def test_age_range_is_checked_on_the_event_date(admin: Staff) -> None:
    event = _event(admin, "青年职工拓展培训", min_age=18, max_age=35)
    day = event.starts_at.date()
    with pytest.raises(NotEligible) as info:
        _register(admin, event, _person(admin, "张伟", age=40, on=day))
    assert "18" in info.value.message and "35" in info.value.message
    assert "40" in info.value.message
    assert _register(admin, event, _person(admin, "李强", age=35, on=day)).state == "confirmed"
    with pytest.raises(NotEligible):
        _register(admin, event, _person(admin, "王磊", age=36, on=day))
    assert Registration.select().count() == 1


def test_a_second_registration_by_the_same_person_is_refused(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    person = _person(admin, "张伟")
    _register(admin, event, person)
    with pytest.raises(NotEligible, match="already registered"):
        _register(admin, event, person)
    with pytest.raises(NotEligible, match="already registered"):
        _register(admin, event, person, waitlist_if_full=True)
    assert Registration.select().count() == 1


def test_members_only_refuses_a_non_member(admin: Staff) -> None:
    event = _event(admin, "会员保龄球赛", members_only=True)
    with pytest.raises(NotEligible, match="members only"):
        _register(admin, event, _person(admin, "张伟", member=False))
    assert _register(admin, event, _person(admin, "李强", member=True)).state == "confirmed"


def test_series_limit_allows_at_most_n_events_per_person(admin: Staff) -> None:
    series = events.save_series(admin, name="女职工维权讲座", max_per_person=2)
    lectures = [_event(admin, f"讲座{n}", series_id=series.id, days=7 + n) for n in range(3)]
    person = _person(admin, "李娜", gender="F")
    _register(admin, lectures[0], person)
    _register(admin, lectures[1], person)
    with pytest.raises(NotEligible) as info:
        _register(admin, lectures[2], person)
    assert "2" in info.value.message and "女职工维权讲座" in info.value.message
    # Another person is not affected, nor is an event outside the series.
    _register(admin, lectures[2], _person(admin, "王芳", gender="F"))
    _register(admin, _event(admin, "插花比赛"), person)
    # A cancelled registration does not count towards the limit.
    first = Registration.get(Registration.event == lectures[0].id, Registration.person == person.id)
    events.cancel_registration(admin, first.id, reason="临时加班")
    assert _register(admin, lectures[2], person).state == "confirmed"


def test_registration_not_yet_open_or_closed_is_refused(admin: Staff) -> None:
    later = _event(admin, "三八T台秀", opens_at=now() + timedelta(days=2))
    with pytest.raises(NotEligible, match="opens on"):
        _register(admin, later, _person(admin, "李娜", gender="F"))
    closed = _event(
        admin,
        "趣味运动会",
        opens_at=now() - timedelta(days=3),
        closes_at=now() - timedelta(days=1),
    )
    with pytest.raises(NotEligible, match="closed"):
        _register(admin, closed, _person(admin, "张伟"))
    assert Registration.select().count() == 0


def test_a_cancelled_event_takes_no_registration(admin: Staff) -> None:
    event = _event(admin)
    events.cancel_event(admin, event.id, reason="场地维修")
    with pytest.raises(NotEligible, match="Cancelled"):
        _register(admin, event, _person(admin, "张伟"))
    assert Registration.select().count() == 0


# --- capacity and the waitlist -------------------------------------------------------------------


def test_a_full_event_raises_event_full_unless_the_waitlist_is_asked_for(admin: Staff) -> None:
    event = _event(admin, capacity=2)
    _register(admin, event, _person(admin, "张伟"))
    _register(admin, event, _person(admin, "李强"))
    late = _person(admin, "王磊")
    with pytest.raises(EventFull):
        _register(admin, event, late)
    assert Registration.select().where(Registration.person == late.id).count() == 0
    waiting = _register(admin, event, late, waitlist_if_full=True)
    assert waiting.state == "waitlisted"
    assert waiting.waitlisted_at is not None and waiting.confirmed_at is None
    assert events.counts([event.id])[event.id].taken == 2
    assert events.counts([event.id])[event.id].waitlisted == 1


def test_waitlist_order_is_the_time_of_joining_it(admin: Staff, clock: Clock) -> None:
    event = _event(admin, capacity=1)
    a, b, c, d = (_person(admin, n) for n in ("张伟", "李强", "王磊", "刘洋"))
    first = _register(admin, event, a)
    reg_b = _register(admin, event, b, waitlist_if_full=True)
    _register(admin, event, c, waitlist_if_full=True)
    # A cancels (B moves up) and comes back: A joins the end of the waitlist, behind C, even
    # though A first registered before everyone.
    assert [p.person_id for p in events.cancel_registration(admin, first.id)] == [b.id]
    back = _register(admin, event, a, waitlist_if_full=True)
    assert back.state == "waitlisted"
    _register(admin, event, d, waitlist_if_full=True)
    assert _waitlist(admin, event) == ["王磊", "张伟", "刘洋"]

    assert [p.person_id for p in events.cancel_registration(admin, reg_b.id)] == [c.id]
    assert _waitlist(admin, event) == ["张伟", "刘洋"]


def test_waitlist_is_ordered_by_waitlisted_at_not_by_row(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    holder = _register(admin, event, _person(admin, "张伟"))
    early = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    later = _register(admin, event, _person(admin, "王磊"), waitlist_if_full=True)
    # The later row joined the waitlist first (as a restored or corrected record would).
    Registration.update(waitlisted_at=early.waitlisted_at - timedelta(minutes=5)).where(
        Registration.id == later.id
    ).execute()
    assert _waitlist(admin, event) == ["王磊", "李强"]
    promoted = events.cancel_registration(admin, holder.id)
    assert [r.id for r in promoted] == [later.id]


def test_cancelling_promotes_the_first_waiting_in_the_same_transaction(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    holder = _register(admin, event, _person(admin, "张伟"))
    waiting = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    promoted = events.cancel_registration(admin, holder.id, reason="家中有事")
    assert [r.id for r in promoted] == [waiting.id]
    stored = Registration.get_by_id(holder.id)
    assert (stored.state, stored.reason, stored.closed_by_id) == ("cancelled", "家中有事", admin.id)
    assert stored.closed_at is not None
    confirmed = Registration.get_by_id(waiting.id)
    assert confirmed.state == "confirmed" and confirmed.confirmed_at is not None
    assert events.counts([event.id])[event.id].taken == 1


def test_a_failed_promotion_rolls_the_cancellation_back(
    admin: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = _event(admin, capacity=1)
    holder = _register(admin, event, _person(admin, "张伟"))
    waiting = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    cancels_before = len(_audit("cancel", event))

    def broken(actor: Staff, event: Event) -> list[Registration]:
        raise RuntimeError("promotion failed")

    monkeypatch.setattr(events_registration, "_promote", broken)
    with pytest.raises(RuntimeError, match="promotion failed"):
        events.cancel_registration(admin, holder.id)
    assert _state(holder) == "confirmed"
    assert Registration.get_by_id(holder.id).closed_at is None
    assert _state(waiting) == "waitlisted"
    assert len(_audit("cancel", event)) == cancels_before


def test_balanced_event_promotes_the_next_woman_when_a_woman_cancels(admin: Staff) -> None:
    """Acceptance: the man who joined the waitlist first keeps waiting for a man's place."""
    event = _event(admin, "八分钟主题交友", capacity=4, balanced=True)
    men = [_register(admin, event, _person(admin, n)) for n in ("张伟", "李强")]
    women = [_register(admin, event, _person(admin, n, gender="F")) for n in ("李娜", "王芳")]
    assert all(r.state == "confirmed" for r in men + women)
    waiting_man = _register(admin, event, _person(admin, "王磊"), waitlist_if_full=True)
    waiting_woman = _register(
        admin, event, _person(admin, "刘敏", gender="F"), waitlist_if_full=True
    )
    assert (waiting_man.state, waiting_woman.state) == ("waitlisted", "waitlisted")
    assert waiting_man.waitlisted_at < waiting_woman.waitlisted_at

    promoted = events.cancel_registration(admin, women[0].id)
    assert [r.id for r in promoted] == [waiting_woman.id]
    assert _state(waiting_woman) == "confirmed"
    assert _state(waiting_man) == "waitlisted"

    # A man's place goes to the waiting man.
    assert [r.id for r in events.cancel_registration(admin, men[1].id)] == [waiting_man.id]


def test_balanced_event_refuses_a_third_man_while_women_places_are_free(admin: Staff) -> None:
    event = _event(admin, "八分钟主题交友", capacity=4, balanced=True)
    _register(admin, event, _person(admin, "张伟"))
    _register(admin, event, _person(admin, "李强"))
    third = _person(admin, "王磊")
    assert events.free_places(event, third) == 0
    with pytest.raises(EventFull):
        _register(admin, event, third)
    woman = _person(admin, "李娜", gender="F")
    assert events.free_places(event, woman) == 2
    assert _register(admin, event, woman).state == "confirmed"


def test_offer_mode_holds_the_place_until_accepted(admin: Staff, clock: Clock) -> None:
    event = _event(admin, capacity=1, mode="offer", offer_hours=2)
    holder = _register(admin, event, _person(admin, "张伟"))
    waiting = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    [offer] = events.cancel_registration(admin, holder.id)
    assert offer.id == waiting.id
    stored = Registration.get_by_id(waiting.id)
    assert stored.state == "offered"
    assert clock.value + timedelta(hours=1) < stored.offered_until
    assert stored.offered_until <= clock.value + timedelta(hours=2)
    # An offer holds the place.
    with pytest.raises(EventFull):
        _register(admin, event, _person(admin, "王磊"))

    clock.advance(hours=1)
    accepted = events.accept_offer(admin, waiting.id)
    assert accepted.state == "confirmed" and _state(waiting) == "confirmed"
    with pytest.raises(ValidationError):
        events.accept_offer(admin, waiting.id)


def test_expired_offers_lapse_and_the_next_person_is_offered(admin: Staff, clock: Clock) -> None:
    event = _event(admin, capacity=1, mode="offer", offer_hours=2)
    holder = _register(admin, event, _person(admin, "张伟"))
    first = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    second = _register(admin, event, _person(admin, "王磊"), waitlist_if_full=True)
    events.cancel_registration(admin, holder.id)
    assert (_state(first), _state(second)) == ("offered", "waitlisted")

    assert events.expire_offers(admin, event.id) == []  # not yet late
    assert _state(first) == "offered"

    clock.advance(hours=3)
    with pytest.raises(ValidationError, match="expired"):
        events.accept_offer(admin, first.id)
    promoted = events.expire_offers(admin, event.id)
    assert [r.id for r in promoted] == [second.id]
    assert (_state(first), _state(second)) == ("expired", "offered")
    assert Registration.get_by_id(second.id).offered_until > clock.value


def test_set_priority_needs_a_reason_and_moves_the_person_ahead(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    holder = _register(admin, event, _person(admin, "张伟"))
    _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    urgent = _register(admin, event, _person(admin, "王磊"), waitlist_if_full=True)
    with pytest.raises(ValidationError) as info:
        events.set_priority(admin, urgent.id, priority=5, reason="  ")
    assert info.value.field == "reason"
    assert Registration.get_by_id(urgent.id).priority == 0
    assert _waitlist(admin, event) == ["李强", "王磊"]

    events.set_priority(admin, urgent.id, priority=5, reason="上次活动因加班未能参加")
    assert _waitlist(admin, event) == ["王磊", "李强"]
    [entry] = _audit("priority", event)
    assert entry["reason"] == "上次活动因加班未能参加" and entry["to"] == 5
    assert [r.id for r in events.cancel_registration(admin, holder.id)] == [urgent.id]

    with pytest.raises(ValidationError):  # only the waitlist can be reordered
        events.set_priority(admin, urgent.id, priority=1, reason="再调整")


def test_a_limiting_quota_caps_the_people_it_matches(admin: Staff) -> None:
    start = _start()
    event = _event(
        admin,
        "趣味运动会",
        starts_at=start,
        capacity=10,
        quotas=[QuotaInput("50岁以上", 2, min_age=50)],
    )
    day = start.date()
    older = [_person(admin, n, age=a, on=day) for n, a in (("张伟", 50), ("李强", 58))]
    for person in older:
        assert events.free_places(event, person) >= 1
        _register(admin, event, person)
    third_older = _person(admin, "王磊", age=61, on=day)
    assert events.free_places(event, third_older) == 0
    with pytest.raises(EventFull):
        _register(admin, event, third_older)
    young = _person(admin, "刘洋", age=49, on=day)
    assert events.free_places(event, young) == 8
    assert _register(admin, event, young).state == "confirmed"


def test_reserved_workplace_places_open_to_others_only_after_release(admin: Staff) -> None:
    courier = _org(admin, "北京快送物流有限公司")
    release = today() + timedelta(days=3)
    event = _event(
        admin,
        "送清凉",
        capacity=4,
        quotas=[
            QuotaInput("快送预留", 2, workplace_id=courier.id, reserved=True, release_on=release)
        ],
    )
    outsiders = [_person(admin, n) for n in ("张伟", "李强", "王磊")]
    insider = _person(admin, "刘洋", workplace=courier)
    assert events.free_places(event, outsiders[0]) == 2
    assert events.free_places(event, insider) == 4
    _register(admin, event, outsiders[0])
    _register(admin, event, outsiders[1])
    # Before the release date the two reserved places are not for the third outsider.
    assert events.free_places(event, outsiders[2]) == 0
    assert events.free_places(event, outsiders[2], on=release - timedelta(days=1)) == 0
    with pytest.raises(EventFull):
        _register(admin, event, outsiders[2])
    assert events.free_places(event, insider) == 2
    # From the release date on, the unused places are everyone's.
    assert events.free_places(event, outsiders[2], on=release) == 2
    _register(admin, event, insider)
    assert events.free_places(event, outsiders[2]) == 0
    assert events.free_places(event, outsiders[2], on=release) == 1

    EventQuota.update(release_on=today()).where(EventQuota.event == event.id).execute()
    assert _register(admin, event, outsiders[2]).state == "confirmed"


# --- attendance ---------------------------------------------------------------------------------


def test_check_in_marks_the_person_present(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    person = _person(admin, "张伟")
    registration = _register(admin, event, person)
    waiting = _person(admin, "李强")
    _register(admin, event, waiting, waitlist_if_full=True)
    checked = events.check_in(admin, event.id, person.id)
    assert checked.id == registration.id
    stored = Registration.get_by_id(registration.id)
    assert stored.state == "attended" and stored.checked_in_at is not None
    with pytest.raises(ValidationError):  # a waitlisted person has no place to check in to
        events.check_in(admin, event.id, waiting.id)
    with pytest.raises(ValidationError):
        events.check_in(admin, event.id, _person(admin, "王磊").id)


def test_mark_attendance_from_a_paper_sheet(admin: Staff) -> None:
    """Acceptance: names marked, unknown ones and ambiguous ones reported."""
    event = _event(admin, capacity=5)
    registered = {
        n: _register(admin, event, _person(admin, n, gender=g))
        for n, g in (("张伟", "M"), ("李娜", "F"), ("刘洋", "M"))
    }
    twins = [_register(admin, event, _person(admin, "王芳", gender="F")) for _ in range(2)]
    waiting = _register(admin, event, _person(admin, "赵磊"), waitlist_if_full=True)
    assert waiting.state == "waitlisted"

    result = events.mark_attendance(
        admin, event.id, ["张伟", " 李娜 ", "", "王芳", "陈静", "赵磊", "张伟"]
    )
    assert result.marked == ["张伟", "李娜"]
    assert result.ambiguous == ["王芳"]
    assert sorted(result.unknown) == sorted(["陈静", "赵磊"])
    assert _state(registered["张伟"]) == "attended"
    assert _state(registered["李娜"]) == "attended"
    assert _state(registered["刘洋"]) == "confirmed"
    assert [_state(r) for r in twins] == ["confirmed", "confirmed"]
    assert _state(waiting) == "waitlisted"


def test_close_event_marks_no_shows_and_expires_the_waitlist(admin: Staff) -> None:
    event = _event(admin, capacity=2)
    came = _register(admin, event, _person(admin, "张伟"))
    absent = _register(admin, event, _person(admin, "李强"))
    waiting = _register(admin, event, _person(admin, "王磊"), waitlist_if_full=True)
    events.check_in(admin, event.id, came.person_id)
    assert events.close_event(admin, event.id) == 1
    assert (_state(came), _state(absent), _state(waiting)) == ("attended", "no_show", "expired")
    assert Event.get_by_id(event.id).state == "closed"
    with pytest.raises(ValidationError):
        events.close_event(admin, event.id)


def test_no_show_counts_per_person(admin: Staff) -> None:
    often, once, never = (_person(admin, n) for n in ("张伟", "李强", "王磊"))
    for days in (3, 5):
        event = _event(admin, days=days)
        for person in (often, once, never):
            _register(admin, event, person)
        events.check_in(admin, event.id, never.id)
        if days == 5:
            events.check_in(admin, event.id, once.id)
        events.close_event(admin, event.id)
    assert events.no_show_counts([often.id, once.id, never.id]) == {often.id: 2, once.id: 1}
    assert events.no_show_counts([]) == {}


# --- cancelling and minimum participants --------------------------------------------------------


def test_cancel_event_needs_a_reason_and_returns_the_people_to_notify(admin: Staff) -> None:
    event = _event(admin, capacity=1)
    holder = _register(admin, event, _person(admin, "张伟"))
    waiting = _register(admin, event, _person(admin, "李强"), waitlist_if_full=True)
    gone = _register(admin, event, _person(admin, "王磊"), waitlist_if_full=True)
    events.cancel_registration(admin, gone.id)
    with pytest.raises(ValidationError) as info:
        events.cancel_event(admin, event.id, reason=" ")
    assert info.value.field == "reason"
    assert Event.get_by_id(event.id).state == "open"

    notify = events.cancel_event(admin, event.id, reason="报名人数不足")
    assert [p.name for p in notify] == ["张伟", "李强"]
    stored = Event.get_by_id(event.id)
    assert (stored.state, stored.cancel_reason) == ("cancelled", "报名人数不足")
    assert (_state(holder), _state(waiting)) == ("cancelled", "cancelled")
    assert Registration.get_by_id(holder.id).reason == "报名人数不足"


def test_decisions_due_lists_open_events_below_their_minimum(admin: Staff) -> None:
    decide = today() + timedelta(days=2)
    below = _event(admin, "扑克比赛", capacity=10, min_participants=4, decision_on=decide)
    above = _event(admin, "乒乓球比赛", capacity=10, min_participants=2, decision_on=decide)
    for n in ("张伟", "李强"):
        _register(admin, below, _person(admin, n))
    for n in ("王磊", "刘洋", "陈杰"):
        _register(admin, above, _person(admin, n))
    assert events.decisions_due(admin, on=decide - timedelta(days=1)) == []
    due = events.decisions_due(admin, on=decide)
    assert [(d.event.id, d.taken, d.minimum) for d in due] == [(below.id, 2, 4)]
    events.cancel_event(admin, below.id, reason="人数不足")
    assert events.decisions_due(admin, on=decide) == []


# --- the calendar's coverage (acceptance) ---------------------------------------------------------


def test_coverage_reports_the_month_without_a_big_event_and_the_week_without_a_small_one(
    admin: Staff,
) -> None:
    def at(day: date, hour: int = 14) -> datetime:
        return datetime(day.year, day.month, day.day, hour)

    def make(title: str, day: date, size: str, hour: int = 14) -> Event:
        return _event(admin, title, starts_at=at(day, hour), size=size, capacity=30)

    make("职工趣味运动会", date(2026, 9, 12), "big")
    make("国庆送温暖", date(2026, 11, 2), "big")  # outside the range
    small = [
        date(2026, 9, 2),
        date(2026, 9, 9),
        date(2026, 9, 20),  # a Sunday: the week of 14 September
        # none in the week of 21 September
        date(2026, 9, 28),
        date(2026, 10, 7),
        date(2026, 10, 15),
        date(2026, 10, 23),
        date(2026, 10, 27),
    ]
    for number, day in enumerate(small):
        make(f"插花比赛{number}", day, "small", hour=19)
    # Cancelled events do not count.
    events.cancel_event(admin, make("保龄球赛", date(2026, 10, 17), "big").id, reason="场地")
    events.cancel_event(admin, make("读书会", date(2026, 9, 23), "small").id, reason="下雨")

    result = events.coverage(admin, date_from=date(2026, 9, 1), date_to=date(2026, 10, 31))
    assert result.months_without_big == ["2026-10"]
    assert result.weeks_without_small == [(date(2026, 9, 21), date(2026, 9, 27))]


def test_coverage_counts_whole_weeks_and_months_at_the_ends_of_the_range(admin: Staff) -> None:
    """A range starting on a Tuesday: the Monday before it still covers its week; a range
    starting mid-month: the big event earlier that month still covers the month."""
    _event(admin, "读书会", starts_at=datetime(2026, 8, 31, 19), size="small")
    _event(admin, "职工趣味运动会", starts_at=datetime(2026, 9, 5, 9), size="big")
    _event(admin, "插花比赛", starts_at=datetime(2026, 9, 20, 19), size="small")  # a Sunday
    result = events.coverage(admin, date_from=date(2026, 9, 1), date_to=date(2026, 9, 6))
    assert result == events.Coverage([], [])
    result = events.coverage(admin, date_from=date(2026, 9, 15), date_to=date(2026, 9, 17))
    assert result == events.Coverage([], [])
    result = events.coverage(admin, date_from=date(2026, 9, 7), date_to=date(2026, 9, 13))
    assert result == events.Coverage([], [(date(2026, 9, 7), date(2026, 9, 13))])


def test_coverage_counts_a_big_event_planned_for_later_in_the_last_month(admin: Staff) -> None:
    """Early in December the month's big event, planned for the 20th, already covers it."""
    _event(admin, "新春联欢会", starts_at=datetime(2026, 12, 20, 14), size="big")
    _event(admin, "读书会", starts_at=datetime(2026, 11, 30, 19), size="small")
    result = events.coverage(admin, date_from=date(2026, 12, 1), date_to=date(2026, 12, 3))
    assert result == events.Coverage([], [])
    result = events.coverage(admin, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert result.months_without_big == ["2026-11"]


# --- export and statistics ----------------------------------------------------------------------


def test_export_roster_writes_the_roster_and_the_waitlist(admin: Staff, tmp_path: Path) -> None:
    event = _event(admin, "乒乓球比赛", capacity=2)
    for n in ("张伟", "李强"):
        _register(admin, event, _person(admin, n))
    waiting = {
        n: _register(admin, event, _person(admin, n), waitlist_if_full=True)
        for n in ("王磊", "刘洋", "陈杰")
    }
    events.set_priority(admin, waiting["陈杰"].id, priority=1, reason="上次未能参加")
    path = tmp_path / "roster.xlsx"
    assert events.export_roster(admin, event.id, path) == 5

    book = load_workbook(path)
    assert book.sheetnames == ["Roster", "Waitlist"]

    def names(sheet: str) -> list[tuple[int, str]]:
        rows = list(book[sheet].iter_rows(min_row=3, values_only=True))
        return [(row[0], row[1]) for row in rows]

    assert book["Roster"]["A1"].value == "乒乓球比赛"
    assert names("Roster") == [(1, "张伟"), (2, "李强")]
    assert names("Waitlist") == [(1, "陈杰"), (2, "王磊"), (3, "刘洋")]
    assert _audit("export", event) == [{"rows": 5}]


def test_statistics_count_people_and_person_times(admin: Staff) -> None:
    courier = _org(admin, "北京快送物流有限公司")
    series = events.save_series(admin, name="羽毛球比赛", max_per_person=None)
    day = today()
    zhang = _person(admin, "张伟", age=30, on=day, workplace=courier)
    li = _person(admin, "李娜", gender="F", age=50, on=day, workplace=courier)
    wang = _person(admin, "王芳", gender="F", age=22, on=day)

    first = _event(admin, "羽毛球比赛一", days=3, series_id=series.id)
    for person in (zhang, li, wang):
        _register(admin, first, person)
    events.check_in(admin, first.id, zhang.id)
    events.check_in(admin, first.id, li.id)
    events.close_event(admin, first.id)

    second = _event(admin, "插花比赛", days=10)
    for person in (zhang, wang):
        _register(admin, second, person)
        events.check_in(admin, second.id, person.id)
    events.close_event(admin, second.id)

    # A registration cancelled before the event is not a registration.
    gone = _register(admin, _event(admin, "扑克比赛", days=12), _person(admin, "刘洋"))
    events.cancel_registration(admin, gone.id, reason="出差")

    outside = _event(admin, "送温暖", days=60)
    _register(admin, outside, li)
    events.check_in(admin, outside.id, li.id)

    stats = events.statistics(admin, date_from=day, date_to=day + timedelta(days=30))
    assert (stats.registrations, stats.attended, stats.no_shows) == (5, 4, 1)
    assert stats.attendance_rate == pytest.approx(0.8)
    assert stats.unique_people == 3
    assert dict((n, (p, t)) for n, p, t in stats.by_workplace) == {
        "北京快送物流有限公司": (2, 3),
        "No workplace": (1, 1),
    }
    assert stats.by_workplace[0][0] == "北京快送物流有限公司"  # most person-times first
    assert dict((n, (p, t)) for n, p, t in stats.by_gender) == {
        "Male": (1, 2),
        "Female": (2, 2),
    }
    assert dict((n, (p, t)) for n, p, t in stats.by_age_band) == {
        "25\u201334": (1, 2),
        "45\u201354": (1, 1),
        "0\u201324": (1, 1),
    }
    assert dict((n, (p, t)) for n, p, t in stats.by_series) == {
        "羽毛球比赛": (2, 2),
        "No series": (2, 2),
    }


def test_statistics_of_an_empty_range(admin: Staff) -> None:
    stats = events.statistics(admin, date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
    assert (stats.registrations, stats.unique_people, stats.attendance_rate) == (0, 0, None)
    assert stats.by_workplace == stats.by_gender == stats.by_age_band == stats.by_series == []


# --- permissions and the audit trail ------------------------------------------------------------


def test_a_librarian_can_read_but_not_register(admin: Staff, make_staff, tmp_path: Path) -> None:
    librarian = make_staff("librarian1", LIBRARIAN)
    event = _event(admin)
    _register(admin, event, _person(admin, "张伟"))
    assert [e.id for e in events.list_events(librarian)] == [event.id]
    assert events.get_event(librarian, event.id).id == event.id
    assert [r.person.name for r in events.roster(librarian, event.id)] == ["张伟"]
    assert events.export_roster(librarian, event.id, tmp_path / "r.xlsx") == 1
    with pytest.raises(PermissionDenied):
        _register(librarian, event, _person(admin, "李强"))
    reg = Registration.get()
    with pytest.raises(PermissionDenied):
        events.cancel_registration(librarian, reg.id)
    with pytest.raises(PermissionDenied):
        events.check_in(librarian, event.id, reg.person_id)
    assert Registration.select().count() == 1 and _state(reg) == "confirmed"


def test_front_desk_can_register_but_not_manage(admin: Staff, make_staff) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    event = _event(admin, capacity=1)
    holder = _register(desk, event, _person(admin, "张伟"))
    waiting = _register(desk, event, _person(admin, "李强"), waitlist_if_full=True)
    assert holder.staff_id == desk.id
    with pytest.raises(PermissionDenied):
        events.create_event(desk, _input("擅自活动"))
    with pytest.raises(PermissionDenied):
        events.update_event(desk, event.id, _input(capacity=5, starts_at=event.starts_at))
    with pytest.raises(PermissionDenied):
        events.close_event(desk, event.id)
    with pytest.raises(PermissionDenied):
        events.cancel_event(desk, event.id, reason="不想办了")
    with pytest.raises(PermissionDenied):
        events.set_priority(desk, waiting.id, priority=3, reason="熟人")
    with pytest.raises(PermissionDenied):
        events.save_series(desk, name="新系列", max_per_person=None)
    assert Event.select().count() == 1
    stored = Event.get_by_id(event.id)
    assert (stored.state, stored.capacity) == ("open", 1)
    assert Registration.get_by_id(waiting.id).priority == 0
    # The desk cancels and checks in.
    events.cancel_registration(desk, holder.id)
    events.check_in(desk, event.id, waiting.person_id)
    assert _state(waiting) == "attended"


def test_register_cancel_and_promote_are_audited(admin: Staff, make_staff) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    event = _event(admin, capacity=1)
    first, second = _person(admin, "张伟"), _person(admin, "李强")
    holder = _register(desk, event, first)
    _register(desk, event, second, waitlist_if_full=True)
    events.cancel_registration(desk, holder.id, reason="出差")
    assert _audit("register", event) == [
        {"person": first.id, "state": "confirmed"},
        {"person": second.id, "state": "waitlisted"},
    ]
    assert _audit("cancel", event) == [{"person": first.id}]
    assert _audit("promote", event) == [{"person": second.id, "state": "confirmed"}]
    staff_ids = {
        e.staff_id
        for e in AuditEntry.select().where(
            AuditEntry.entity == "event",
            AuditEntry.action.in_(["register", "cancel", "promote"]),
        )
    }
    assert staff_ids == {desk.id}
