"""Merging two records of the same worker (issue #21, part 7).

The record kept takes, field by field, the value the desk chose; every row of every table that
points at the other record moves to it, found through the models' foreign keys (as
``history.references`` finds them), so a table added later moves too. The other record is never
deleted: it stays, inactive, with ``merged_into`` set, out of lists and searches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from stationapp.db import lock_kind, now, transaction
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.events import Registration
from stationapp.models.library import Hold
from stationapp.models.mediation import CaseParty
from stationapp.models.people import Consent, Person, PersonSearchKey
from stationapp.services import changes, history, members, people
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.people import PersonInput
from stationapp.services.people.keys import _write_search_keys
from stationapp.services.people.register import _duplicate_error, _mask_audit, _plain
from stationapp.services.search_keys import display_pinyin
from stationapp.services.welfare.recipients import settle_merge as welfare_settle_merge

translate = QCoreApplication.translate

# The fields the desk chooses, in the order the dialog shows them; "id_number" carries its type.
MERGE_FIELDS: tuple[str, ...] = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "workplace",
    "is_member",
    "member_card",
    "joined_on",
    "old_retirement_age",
    "notes",
)
KEEP = "keep"
OTHER = "other"

# A registration further along wins when both people hold one for the same event.
_REGISTRATION_RANK = {
    "attended": 6,
    "no_show": 5,
    "confirmed": 4,
    "offered": 3,
    "waitlisted": 2,
    "pending": 1,
}
_HOLD_OPEN = ("waiting", "ready")
# The tables the merge handles itself; every other table is moved as it is.
_SPECIAL = (PersonSearchKey, CaseParty, Registration, Consent, Hold)


@dataclass
class MergePlan:
    """Both records as the actor may see them, the fields where they differ, and what would move
    (rows per table, as ``history.describe`` words them)."""

    keep: Person
    other: Person
    differing: list[str]
    moves: dict[str, int]
    needs_case_rights: bool
    may_merge: bool
    notes: list[str] = field(default_factory=list)


def _gone() -> str:
    return translate("PeopleMerge", "This person is no longer on file.")


def _raw(person: Person, name: str) -> object:
    if name == "id_number":
        return (person.id_type, person.id_number) if person.id_number else ("", "")
    if name == "workplace":
        return person.workplace_id
    return getattr(person, name)


def _differing(keep: Person, other: Person) -> list[str]:
    return [f for f in MERGE_FIELDS if _raw(keep, f) != _raw(other, f)]


def _in_cases(*person_ids: int) -> bool:
    return CaseParty.select().where(CaseParty.person.in_(person_ids)).exists()


def _refuse(keep: Person, other: Person) -> None:
    if keep.id == other.id:
        raise ValidationError(
            translate(
                "PeopleMerge", "Choose another person: a record cannot be merged with itself."
            ),
            field="other",
        )
    for person in (keep, other):
        if person.merged_into_id is not None:
            raise ValidationError(
                translate(
                    "PeopleMerge", "{name} has already been merged into another record."
                ).format(name=person.name),
                field="other" if person is other else "keep",
            )
        if person.anonymised_at is not None:
            raise ValidationError(
                translate("PeopleMerge", "An anonymised record cannot be merged ({name}).").format(
                    name=person.name
                ),
                field="other" if person is other else "keep",
            )


def _require_case_rights(actor: Staff, keep_id: int, other_id: int) -> None:
    if _in_cases(keep_id, other_id) and not has_permission(actor, "case.manage"):
        raise PermissionDenied(
            translate(
                "PeopleMerge",
                "One of these people is a party to a mediation case; only a mediator or an "
                "administrator may merge them.",
            )
        )


def merge_plan(actor: Staff, keep_id: int, other_id: int) -> MergePlan:
    """What ``merge_people`` would do, for the dialog: nothing is written."""
    require(actor, "person.merge")
    keep = Person.get_or_none(Person.id == keep_id)
    other = Person.get_or_none(Person.id == other_id)
    if keep is None or other is None:
        raise ValidationError(_gone(), field="other")
    _refuse(keep, other)
    differing = _differing(keep, other)
    moves = history.person_as_seen(
        other.id,
        history.references(Person, other.id, owned=(PersonSearchKey,)),
        confidential=has_permission(actor, "room.confidential"),
    )
    needs = _in_cases(keep.id, other.id)
    notes = []
    if needs and not has_permission(actor, "case.manage"):
        notes.append(
            translate(
                "PeopleMerge",
                "One of these people is a party to a mediation case: ask a mediator to merge them.",
            )
        )
    shown = people.people_view(actor, [keep, other])
    return MergePlan(
        keep=shown[0],
        other=shown[1],
        differing=differing,
        moves=moves,
        needs_case_rights=needs,
        may_merge=not notes,
        notes=notes,
    )


def _merged_input(
    keep: Person, other: Person, choices: dict[str, str]
) -> tuple[PersonInput, tuple[str, str] | None]:
    def pick(name: str) -> Person:
        choice = choices.get(name, KEEP)
        if choice not in (KEEP, OTHER):
            raise ValidationError(
                translate("PeopleMerge", "Choose which record's value to keep."), field=name
            )
        return other if choice == OTHER else keep

    unknown = sorted(set(choices) - set(MERGE_FIELDS))
    if unknown:
        raise ValidationError(
            translate("PeopleMerge", "Choose which record's value to keep."), field=unknown[0]
        )
    id_side = pick("id_number")
    data = PersonInput(
        name=pick("name").name,
        gender=pick("gender").gender,
        birth_date=pick("birth_date").birth_date,
        id_type=id_side.id_type,
        id_number=None if id_side.id_number else "",
        phone=pick("phone").phone,
        workplace_id=pick("workplace").workplace_id,
        is_member=pick("is_member").is_member,
        member_card=pick("member_card").member_card,
        notes=pick("notes").notes,
        joined_on=pick("joined_on").joined_on,
        old_retirement_age=pick("old_retirement_age").old_retirement_age,
    )
    kept_id = (id_side.id_type, id_side.id_number) if id_side.id_number else None
    return data, kept_id


def _settle_registrations(actor: Staff, keep_id: int, other_id: int, moment: datetime) -> list[int]:
    """Both registered for the same event: the registration further along stays (the earlier one
    on a tie), the other is cancelled with the reason. Returns the cancelled ids."""
    live = tuple(_REGISTRATION_RANK)
    mine = {
        r.event_id: r
        for r in Registration.select().where(
            Registration.person == keep_id, Registration.state.in_(live)
        )
    }
    cancelled = []
    for theirs in Registration.select().where(
        Registration.person == other_id, Registration.state.in_(live)
    ):
        ours = mine.get(theirs.event_id)
        if ours is None:
            continue
        ranked = sorted(
            (ours, theirs),
            key=lambda r: (-_REGISTRATION_RANK[r.state], r.created_at, r.id),
        )
        loser = ranked[1]
        loser.state = "cancelled"
        loser.closed_at = moment
        loser.closed_by = actor.id
        loser.reason = translate(
            "PeopleMerge", "Two records of the same person merged; the other registration stays."
        )
        loser.save()
        cancelled.append(loser.id)
    return cancelled


def _settle_holds(keep_id: int, other_id: int, moment: datetime) -> list[int]:
    """Both waiting for the same title: the earlier reservation stays, the later is cancelled."""
    mine = {
        h.title_id: h
        for h in Hold.select().where(Hold.person == keep_id, Hold.state.in_(_HOLD_OPEN))
    }
    cancelled = []
    for theirs in Hold.select().where(Hold.person == other_id, Hold.state.in_(_HOLD_OPEN)):
        ours = mine.get(theirs.title_id)
        if ours is None:
            continue
        # A copy already set aside wins over a place in the queue.
        loser = sorted((ours, theirs), key=lambda h: (h.state != "ready", h.placed_at, h.id))[1]
        loser.state = "cancelled"
        loser.closed_at = moment
        loser.copy = None
        loser.save()
        cancelled.append(loser.id)
    return cancelled


def _settle_consents(actor: Staff, keep_id: int, other_id: int, moment: datetime) -> list[int]:
    """Consents of the same kind in force on both: the newer stays in force, the older is marked
    withdrawn (superseded), so one consent per kind is in force, as elsewhere."""
    superseded = []
    for kind in {
        c.kind
        for c in Consent.select(Consent.kind).where(
            Consent.person == other_id, Consent.withdrawn_at.is_null()
        )
    }:
        both = list(
            Consent.select()
            .where(
                Consent.person.in_((keep_id, other_id)),
                Consent.kind == kind,
                Consent.withdrawn_at.is_null(),
            )
            .order_by(Consent.given_at.desc(), Consent.id.desc())
        )
        for older in both[1:]:
            older.withdrawn_at = moment
            older.withdrawn_by = actor.id
            older.save()
            superseded.append(older.id)
    return superseded


def _settle_case_parties(keep_id: int, other_id: int) -> list[int]:
    """Both parties to the same case: the kept person is already a party; the other's duplicate
    party row (a link, not a record) goes. Returns the case ids."""
    mine = CaseParty.select(CaseParty.case).where(CaseParty.person == keep_id)
    dupes = list(CaseParty.select().where(CaseParty.person == other_id, CaseParty.case.in_(mine)))
    if dupes:
        CaseParty.delete().where(CaseParty.id.in_([d.id for d in dupes])).execute()
    return [d.case_id for d in dupes]


def merge_people(actor: Staff, keep_id: int, other_id: int, choices: dict[str, str]) -> Person:
    """Merge ``other_id`` into ``keep_id``: ``choices`` maps each of ``MERGE_FIELDS`` to "keep"
    or "other" (missing: "keep"). One transaction; an audit entry on each person."""
    require(actor, "person.merge")
    with transaction(lock=True):
        lock_kind("person")
        first, second = sorted((keep_id, other_id))
        locked = {
            first: history.locked(Person, first, _gone()),
            second: history.locked(Person, second, _gone()),
        }
        keep, other = locked[keep_id], locked[other_id]
        _refuse(keep, other)
        _require_case_rights(actor, keep.id, other.id)
        data, kept_id = _merged_input(keep, other, choices)
        v = people.validate_person(data, kept_id=kept_id).values
        if kept_id is not None:
            v["id_type"], v["id_number"] = kept_id
        else:
            v["id_type"], v["id_number"] = data.id_type, ""
        if v["id_number"]:
            same_id = people.find_duplicates(
                name="", phone="", id_number=v["id_number"], exclude_id=keep.id
            )
            same_id = [p for p in same_id if p.id != other.id]
            if same_id:
                raise _duplicate_error(actor, same_id)
        before = {k: getattr(keep, "workplace_id" if k == "workplace" else k) for k in v}
        moved = history.references(Person, other.id, owned=(PersonSearchKey,))
        moment = now()

        settled = {
            "cases_shared": _settle_case_parties(keep.id, other.id),
            "registrations_cancelled": _settle_registrations(actor, keep.id, other.id, moment),
            "holds_cancelled": _settle_holds(keep.id, other.id, moment),
            "consents_superseded": _settle_consents(actor, keep.id, other.id, moment),
            "welfare_rounds_shared": welfare_settle_merge(keep.id, other.id),
        }
        members.settle_merge(keep.id, other.id, card=v["member_card"])
        for field_, referring in Person._meta.backrefs.items():
            if referring is PersonSearchKey:
                continue
            referring.update({field_: keep.id}).where(field_ == other.id).execute()

        for key, value in v.items():
            setattr(keep, key, value)
        # The sensitive files follow their consents, which moved: a file on the other record
        # fills an empty one on the kept record.
        if not keep.hardship_category and other.hardship_category:
            keep.hardship_category = other.hardship_category
            keep.hardship_reasons = other.hardship_reasons
        if not keep.marital_status and other.marital_status:
            keep.marital_status = other.marital_status
        keep.pinyin = display_pinyin(keep.name)
        keep.last_activity_at = max(keep.last_activity_at, other.last_activity_at)
        keep.updated_at = moment
        keep.save()
        _write_search_keys(keep)

        other.merged_into = keep.id
        other.active = False
        other.updated_at = moment
        other.save()
        PersonSearchKey.delete().where(PersonSearchKey.person == other.id).execute()

        shown_choices = {f: choices.get(f, KEEP) for f in MERGE_FIELDS}
        changed = _mask_audit(
            {
                k: [_plain(before.get(k)), _plain(val)]
                for k, val in v.items()
                if _plain(before.get(k)) != _plain(val)
            }
        )
        conflicts = {k: ids for k, ids in settled.items() if ids}
        audit(
            actor,
            "merge",
            "person",
            keep.id,
            {
                "merged_from": other.id,
                "choices": shown_choices,
                "changed": changed,
                "moved": moved,
                **conflicts,
            },
        )
        audit(
            actor,
            "merge",
            "person",
            other.id,
            {"merged_into": keep.id, "choices": shown_choices, "moved": moved},
        )
    for kind in ("person", "visit", "case", "loan", "hold", "registration"):
        changes.notify(kind)
    return people.get_person(actor, keep.id)
