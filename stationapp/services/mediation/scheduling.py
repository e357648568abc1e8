"""Planning a case's next session (issue 24, point 6): the date, start and length, and the place:
the mediation room (劳动争议调解室), booked through the rooms service by the same rules as a booking
at the desk, or elsewhere with the place in words. Moving or cancelling the plan moves or cancels
the booking; recording the session as held turns the planned row into the held one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import peewee

from stationapp.db import now, today
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mediation import CaseEvent, CaseSession, MediationCase
from stationapp.models.rooms import Room, RoomBooking
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.mediation._common import _locked_case, translate
from stationapp.services.mediation.agreements import _check_open
from stationapp.services.rooms import room_transaction
from stationapp.services.rooms.links import _follow_hold, _holding, _release_hold
from stationapp.services.validation import clean_text

MEDIATION_ROOM = "mediation"
SESSION_MINUTES: tuple[int, ...] = (30, 60, 90, 120, 150, 180, 240)
WORKING_STATES = ("accepted", "in_mediation", "agreement_draft")


@dataclass
class PlanInput:
    starts_at: datetime
    minutes: int = 60
    room_id: int | None = None  # the mediation room; None: elsewhere, ``place`` in words
    place: str = ""


@dataclass(frozen=True)
class PlannedSession:
    id: int
    case_id: int
    case_number: str
    starts_at: datetime
    ends_at: datetime
    place: str
    room_id: int | None
    booking_id: int | None
    mediator_id: int | None

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


def _clean(data: PlanInput) -> tuple[str, datetime]:
    errors: dict[str, str] = {}
    place = ""
    place = clean_text(data.place, "place", errors, limit=200)
    if data.minutes not in SESSION_MINUTES:
        errors["minutes"] = translate("Mediation", "Choose the length of the session.")
    if data.starts_at <= now():
        errors["starts_at"] = translate("Mediation", "Plan the session for a time still to come.")
    if data.room_id is None and not place and "place" not in errors:
        errors["place"] = translate(
            "Mediation", "Choose the mediation room, or say where the session is held."
        )
    raise_field_errors(errors)
    return place, data.starts_at + timedelta(minutes=data.minutes)


def _place(data: PlanInput, place: str) -> str:
    if data.room_id is None:
        return place
    room = Room.get_or_none(Room.id == data.room_id)
    return room.name if room is not None else place


def _views(query: peewee.ModelSelect) -> list[PlannedSession]:
    rows = query.select(CaseSession, MediationCase).join(MediationCase)
    sessions = list(rows)
    bookings = {
        b.case_session_id: b
        for b in RoomBooking.select().where(
            RoomBooking.case_session.in_([s.id for s in sessions]),
            RoomBooking.state == "booked",
        )
    }
    return [
        PlannedSession(
            id=s.id,
            case_id=s.case_id,
            case_number=s.case.number,
            starts_at=s.held_at,
            ends_at=s.ends_at or s.held_at,
            place=s.place,
            room_id=bookings[s.id].room_id if s.id in bookings else None,
            booking_id=bookings[s.id].id if s.id in bookings else None,
            mediator_id=s.case.mediator_id,
        )
        for s in sessions
    ]


def _planned_query() -> peewee.ModelSelect:
    return CaseSession.select().where(CaseSession.state == "planned")


def _view(session_id: int) -> PlannedSession:
    return _views(_planned_query().where(CaseSession.id == session_id))[0]


def planned_sessions(actor: Staff, case_id: int) -> list[PlannedSession]:
    """The case's planned session (at most one), with its room and booking."""
    require(actor, "case.read")
    return _views(_planned_query().where(CaseSession.case == case_id).order_by(CaseSession.held_at))


def sessions_planned_on(actor: Staff, day: date | None = None) -> list[PlannedSession]:
    """The sessions planned for the day, in time order (the Today tab); a mediator's own cases
    first."""
    require(actor, "case.read")
    day = day or today()
    found = _views(
        _planned_query().where(
            CaseSession.held_at >= datetime.combine(day, time.min),
            CaseSession.held_at < datetime.combine(day + timedelta(days=1), time.min),
        )
    )
    return sorted(found, key=lambda s: (s.mediator_id != actor.id, s.starts_at, s.id))


def plan_session(actor: Staff, case_id: int, data: PlanInput) -> PlannedSession:
    """Plan the case's next session; with the mediation room, its slots are booked. Refusals name
    the field: the room taken, closed or outside its hours (``starts_at``)."""
    require(actor, "case.manage")
    if data.room_id is not None:
        require(actor, "room.book")
    place, ends_at = _clean(data)
    with room_transaction():
        case = _locked_case(case_id)
        _check_open(case, WORKING_STATES)
        if _planned_query().where(CaseSession.case == case.id).exists():
            raise ValidationError(
                translate(
                    "Mediation",
                    "A session is planned already: move it, or record it once it is held.",
                ),
                field="starts_at",
            )
        session = CaseSession.create(
            case=case,
            held_at=data.starts_at,
            ends_at=ends_at,
            state="planned",
            place=_place(data, place),
            created_at=now(),
        )
        _book_room(actor, session.id, data, ends_at)
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="session_planned",
            reason=translate("Mediation", "Session planned for {when} at {place}").format(
                when=f"{data.starts_at:%Y-%m-%d %H:%M}", place=session.place
            ),
        )
        audit(
            actor,
            "plan",
            "case_session",
            session.id,
            {"case": case.id, "starts_at": data.starts_at, "room": data.room_id},
        )
    changes.notify("case")
    changes.notify("room_booking")
    return _view(session.id)


def _book_room(actor: Staff, session_id: int, data: PlanInput, ends_at: datetime) -> None:
    """The session's mediation room booked, moved with its time, or cancelled for elsewhere."""
    _follow_hold(
        actor,
        data.room_id,
        data.starts_at,
        ends_at,
        kind=MEDIATION_ROOM,
        case_session_id=session_id,
    )


def _locked_planned(session_id: int) -> tuple[CaseSession, MediationCase]:
    session = CaseSession.get_or_none(CaseSession.id == session_id)
    if session is None:
        raise NotFound(translate("Mediation", "This session is no longer on file."))
    case = _locked_case(session.case_id)
    session = CaseSession.get_by_id(session_id)
    if session.state != "planned":
        raise ValidationError(
            translate("Mediation", "This session is no longer planned."), field="state"
        )
    return session, case


def move_planned_session(actor: Staff, session_id: int, data: PlanInput) -> PlannedSession:
    """A new time, length or place for the planned session; its booking follows (moved, or
    cancelled and another made when the room changes, or cancelled for a place elsewhere)."""
    require(actor, "case.manage")
    if data.room_id is not None:
        require(actor, "room.book")
    place, ends_at = _clean(data)
    with room_transaction():
        session, case = _locked_planned(session_id)
        _check_open(case, WORKING_STATES)
        before = {"starts_at": session.held_at, "ends_at": session.ends_at, "place": session.place}
        _book_room(actor, session.id, data, ends_at)
        CaseSession.update(
            held_at=data.starts_at, ends_at=ends_at, place=_place(data, place)
        ).where(CaseSession.id == session.id).execute()
        audit(
            actor,
            "move",
            "case_session",
            session.id,
            {"case": case.id, "from": before, "to": {"starts_at": data.starts_at}},
        )
    changes.notify("case")
    changes.notify("room_booking")
    return _view(session_id)


def cancel_planned_session(actor: Staff, session_id: int) -> None:
    """Call the planned session off; its room booking is cancelled with it."""
    require(actor, "case.manage")
    with room_transaction():
        session, case = _locked_planned(session_id)
        _release_hold(actor, _holding(case_session_id=session.id))
        CaseSession.update(state="cancelled").where(CaseSession.id == session.id).execute()
        CaseEvent.create(
            case=case,
            staff=actor,
            kind="session_cancelled",
            reason=translate("Mediation", "Planned session of {when} called off").format(
                when=f"{session.held_at:%Y-%m-%d %H:%M}"
            ),
        )
        audit(actor, "cancel", "case_session", session.id, {"case": case.id})
    changes.notify("case")
    changes.notify("room_booking")
