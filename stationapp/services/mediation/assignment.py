"""Mediators and impartiality: who can mediate, assigning one, recorded relations to parties."""

from __future__ import annotations

from stationapp.db import transaction
from stationapp.errors import PermissionDenied, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import CaseParty, MediationCase, MediatorRelation
from stationapp.models.people import Organization, Person
from stationapp.services import changes
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.mediation._common import _locked_case, _record_step, translate
from stationapp.services.validation import normalize_text


class RelatedMediator(ValidationError):
    """The mediator is related to a party; assigning needs a recorded reason."""


def mediator_relations(
    mediator_id: int, *, person_ids: list[int], organization_id: int | None
) -> list[MediatorRelation]:
    conditions = MediatorRelation.person.in_(person_ids or [0])
    if organization_id is not None:
        conditions = conditions | (MediatorRelation.organization == organization_id)
    return list(MediatorRelation.select().where(MediatorRelation.staff == mediator_id, conditions))


def mediators(actor: Staff) -> list[Staff]:
    """Active staff who can mediate."""
    require(actor, "case.read")
    return [
        s
        for s in Staff.select().where(Staff.active).order_by(Staff.display_name)
        if s.role_set & {"mediator", "mediation_head"}
    ]


def assignment_reason(reason: str) -> str:
    """Why a related mediator is assigned anyway, as it is kept."""
    return normalize_text(reason[:2000], field="mediator", max_length=2000)


def assignment_event(name: str, reason: str, *, related: bool) -> str:
    """The timeline's line for an assignment, with the reason when the mediator is related."""
    line = translate("Mediation", "Mediator: {name}").format(name=name)
    return line + (f"（{reason}）" if related else "")


def relation_text(relation: str) -> str:
    """A mediator's tie to a party, as it is kept."""
    return normalize_text(relation, field="relation", max_length=200, required=True)


def assign_mediator(
    actor: Staff, case_id: int, mediator_id: int, *, reason: str = ""
) -> MediationCase:
    """Assign the mediator; a mediator related to a party is refused unless a reason is given."""
    require(actor, "case.assign")
    mediator = Staff.get_or_none(Staff.id == mediator_id)
    if (
        mediator is None
        or not mediator.active
        or not (mediator.role_set & {"mediator", "mediation_head"})
    ):
        raise ValidationError(
            translate("Mediation", "Choose an active mediator."), field="mediator"
        )
    with transaction(lock=True):
        case = _locked_case(case_id)
        people = [p.person_id for p in CaseParty.select().where(CaseParty.case == case.id)]
        related = mediator_relations(
            mediator_id, person_ids=people, organization_id=case.respondent_id
        )
        clean_reason = assignment_reason(reason)
        if related and not clean_reason:
            raise RelatedMediator(
                translate(
                    "Mediation",
                    "{name} is related to a party ({relations}). Give the reason for assigning "
                    "them anyway, or choose another mediator.",
                ).format(
                    name=mediator.display_name, relations="；".join(r.relation for r in related)
                ),
                field="mediator",
            )
        case.mediator = mediator
        case.mediator_reason = clean_reason if related else ""
        _record_step(
            case,
            actor,
            "assignment",
            reason=assignment_event(mediator.display_name, clean_reason, related=bool(related)),
        )
        audit(
            actor,
            "assign",
            "case",
            case.id,
            {"mediator": mediator_id, "related": bool(related), "reason": clean_reason},
        )
    changes.notify("case")
    return case


def add_relation(
    actor: Staff,
    *,
    mediator_id: int,
    relation: str,
    person_id: int | None = None,
    organization_id: int | None = None,
) -> MediatorRelation:
    """Record a mediator's tie to a person or an organisation (family, former employer...)."""
    require(actor, "case.manage")
    if actor.id != mediator_id and not has_permission(actor, "case.assign"):
        raise PermissionDenied(
            translate("Mediation", "Only the mediator or the head of mediation may record this.")
        )
    if (person_id is None) == (organization_id is None):
        raise ValidationError(
            translate("Mediation", "Choose either a person or an organisation."), field="party"
        )
    clean = relation_text(relation)
    if not Staff.select().where(Staff.id == mediator_id).exists():
        raise ValidationError(
            translate("Mediation", "Choose an active mediator."), field="mediator"
        )
    party = (
        Person.select().where(Person.id == person_id)
        if person_id is not None
        else Organization.select().where(Organization.id == organization_id)
    )
    if not party.exists():
        raise ValidationError(
            translate("Mediation", "This person or organisation is no longer on file."),
            field="party",
        )
    with transaction():
        record = MediatorRelation.create(
            staff=mediator_id, person=person_id, organization=organization_id, relation=clean
        )
        audit(actor, "create", "mediator_relation", record.id, {"mediator": mediator_id})
    changes.notify("case")
    return record
