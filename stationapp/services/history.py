"""What refers to a record: nothing with history is hard-deleted (issue #7).

A record may be deleted only while no other row points at it. The foreign keys are read from the
models themselves, so a table added later counts as history without anyone remembering to list
it here; only the child rows a record owns outright (its search keys, an event's quotas) are
named, because they go with it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from functools import reduce
from typing import Any, TypeVar

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import is_sqlite
from stationapp.errors import HasHistory, NotFound

# Imported for their foreign keys: a model's backrefs list only the models already loaded.
from stationapp.models import (  # noqa: F401
    events,
    library,
    mediation,
    members,
    mutual_aid,
    rooms,
    union_work,
    visits,
)

translate = QCoreApplication.translate

M = TypeVar("M", bound=peewee.Model)


def references(
    model: type[peewee.Model], record_id: int, *, owned: Iterable[type[peewee.Model]] = ()
) -> dict[str, int]:
    """Rows of other tables that point at the record, counted per table; ``owned`` tables (rows
    deleted together with the record) are left out. An empty result means no history."""
    skip = set(owned)
    fields_by_model: dict[type[peewee.Model], list[peewee.ForeignKeyField]] = {}
    for field, referring in model._meta.backrefs.items():
        if referring not in skip:
            fields_by_model.setdefault(referring, []).append(field)
    found: dict[str, int] = {}
    for referring, fields in sorted(fields_by_model.items(), key=lambda i: i[0]._meta.table_name):
        condition = reduce(operator.or_, (field == record_id for field in fields))
        count = referring.select().where(condition).count()
        if count:
            name = referring._meta.table_name
            found[name] = found.get(name, 0) + count
    return found


def person_as_seen(person_id: int, found: dict[str, int], *, confidential: bool) -> dict[str, int]:
    """``found`` (what refers to the person) as a role may be told it: without ``confidential``
    (room.confidential) the person's decompression-room bookings are not counted as room
    bookings but as other records, so a refusal does not reveal that they used the room."""
    if confidential or not found.get("room_booking"):
        return found
    hidden = (
        rooms.RoomBooking.select()
        .join(rooms.Room)
        .where(rooms.RoomBooking.person == person_id, rooms.Room.kind == rooms.DECOMPRESSION)
        .count()
    )
    if not hidden:
        return found
    seen = dict(found)
    seen["room_booking"] -= hidden
    if not seen["room_booking"]:
        del seen["room_booking"]
    seen["other"] = seen.get("other", 0) + hidden
    return seen


def merge(*parts: dict[str, int]) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in parts:
        for kind, count in part.items():
            total[kind] = total.get(kind, 0) + count
    return total


def locked(model: type[M], record_id: int, message: str) -> M:
    """The record, locked against concurrent writers (the caller's transaction is IMMEDIATE on
    SQLite; SELECT ... FOR UPDATE on PostgreSQL also blocks rows being added that refer to it)."""
    query = model.select().where(model._meta.primary_key == record_id)
    if not is_sqlite():
        query = query.for_update()
    record = query.first()
    if record is None:
        raise NotFound(message)
    return record


# Each kind of record in words, in the order a refusal lists them.
_LABELS: dict[str, Callable[[int], str]] = {
    "visit": lambda n: translate("History", "%n visit(s)", "", n),
    "case_party": lambda n: translate("History", "%n mediation case(s)", "", n),
    "mediation_case": lambda n: translate("History", "%n mediation case(s)", "", n),
    "case_event": lambda n: translate("History", "%n step(s) in mediation cases", "", n),
    "case_follow_up": lambda n: translate("History", "%n case follow-up(s)", "", n),
    "mediator_relation": lambda n: translate("History", "%n declared mediator tie(s)", "", n),
    "loan": lambda n: translate("History", "%n loan(s)", "", n),
    "hold": lambda n: translate("History", "%n reservation(s)", "", n),
    "copy": lambda n: translate("History", "%n copy(ies)", "", n),
    "box": lambda n: translate("History", "%n book box(es)", "", n),
    "box_loan": lambda n: translate("History", "%n box loan(s)", "", n),
    "stocktake": lambda n: translate("History", "%n stocktake(s)", "", n),
    "stocktake_item": lambda n: translate("History", "%n stocktake(s)", "", n),
    "registration": lambda n: translate("History", "%n event registration(s)", "", n),
    "event": lambda n: translate("History", "%n event(s)", "", n),
    "event_quota": lambda n: translate("History", "%n event quota(s)", "", n),
    "outreach_session": lambda n: translate("History", "%n outreach session(s)", "", n),
    "room_booking": lambda n: translate("History", "%n room booking(s)", "", n),
    "counsellor_duty": lambda n: translate("History", "%n counsellor duty(ies)", "", n),
    "membership_event": lambda n: translate("History", "%n membership record(s)", "", n),
    "member_card": lambda n: translate("History", "%n 京卡 card record(s)", "", n),
    "aid_enrolment": lambda n: translate("History", "%n mutual-aid enrolment(s)", "", n),
    "aid_claim": lambda n: translate("History", "%n mutual-aid claim(s)", "", n),
    "welfare_round": lambda n: translate("History", "%n welfare round(s)", "", n),
    "welfare_recipient": lambda n: translate("History", "%n welfare round gift(s)", "", n),
    "congress_meeting": lambda n: translate("History", "%n workers' congress(es)", "", n),
    "collective_contract": lambda n: translate("History", "%n collective contract(s)", "", n),
    "contract_workplace": lambda n: translate(
        "History", "%n regional collective contract(s)", "", n
    ),
    "open_affairs_check": lambda n: translate("History", "%n open-affairs check(s)", "", n),
    "person": lambda n: translate("History", "%n worker(s) on file", "", n),
    "founding_step": lambda n: translate("History", "%n union founding step(s)", "", n),
    "organization": lambda n: translate("History", "%n workplace(s)", "", n),
    "audit_entry": lambda n: translate("History", "%n recorded action(s)", "", n),
    "consent": lambda n: translate("History", "%n consent record(s)", "", n),
    "hardship_assistance": lambda n: translate(
        "History", "%n hardship assistance record(s)", "", n
    ),
    "other": lambda n: translate("History", "%n other record(s)", "", n),
}


def kind_label(kind: str, count: int) -> str:
    """``count`` records of one kind, in words (“3 visits”)."""
    label = _LABELS.get(kind)
    return label(count) if label else f"{count} × {kind}"


def describe(found: dict[str, int]) -> str:
    """“3 visits, 1 loan”."""
    order = list(_LABELS)
    kinds = sorted(found, key=lambda k: (order.index(k) if k in order else len(order), k))
    return translate("History", ", ").join(kind_label(k, found[k]) for k in kinds)


def refuse(template: str, found: dict[str, int], **values: object) -> HasHistory:
    """The error for a delete refused for history; ``template`` has a ``{history}`` slot."""
    return HasHistory(template.format(history=describe(found), **values), history=found)


def refuse_if_referenced(found: dict[str, int], template: str, **values: object) -> None:
    """Refuse a delete (HasHistory) while ``found`` counts records that refer to the record;
    ``template`` has a ``{history}`` slot."""
    if found:
        raise refuse(template, found, **values)


def snapshot(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The ``fields`` of a record about to be deleted, as its audit entry keeps them."""
    return {name: getattr(record, name) for name in fields}
