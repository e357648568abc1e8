"""The demo's mediation cases kept in memory by the mediation service's rules, then written in
bulk: what file_case, assign_mediator, add_relation, transition, extend_mediation, add_session,
save_agreement, record_performance and add_follow_up would write, each step at the moment it
happened (the case numbers of each year in sequence, the clocks, the timeline's events and the
audit entries), checked by the same guards and cleaned by the same functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import peewee

from stationapp.demo.common import _audit_row, _insert
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.mediation import (
    Agreement,
    CaseClaim,
    CaseCounter,
    CaseEvent,
    CaseFollowUp,
    CaseParty,
    CaseSession,
    MediationCase,
    MediatorRelation,
    Obligation,
)
from stationapp.services.accounts import station_settings
from stationapp.services.mediation import agreements, assignment, intake, states
from stationapp.services.mediation.clocks import REVIEW_DAYS, current_due, mediation_due_for
from stationapp.services.validation import normalize_text

# The tables whose rows the book numbers itself, in the order they are written.
_TABLES: tuple[type[peewee.Model], ...] = (
    MediatorRelation,
    MediationCase,
    CaseParty,
    CaseClaim,
    CaseSession,
    Agreement,
    Obligation,
    CaseFollowUp,
)


def _next_id(model: type[peewee.Model]) -> int:
    return (model.select(peewee.fn.MAX(model.id)).scalar() or 0) + 1


@dataclass
class BookCase:
    """A case being built: its row as MediationCase holds it, its applicants, its agreement."""

    row: dict[str, Any]
    applicants: list[int]
    agreement: dict[str, Any] | None = None
    obligations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.row["id"]

    @property
    def state(self) -> str:
        return self.row["state"]

    @property
    def mediation_due(self) -> date:
        return self.row["mediation_due"]

    @property
    def extended_until(self) -> date | None:
        return self.row["extended_until"]


class CaseBook:
    """The cases, their parties, claims, events, sessions, agreements, obligations, follow-ups,
    the mediators' recorded ties and the audit entries, as rows; ``write`` inserts them."""

    def __init__(self) -> None:
        self.prefix = station_settings().case_prefix
        self.counters: dict[int, int] = dict(
            CaseCounter.select(CaseCounter.year, CaseCounter.last).tuples()
        )
        self.ids = {model: _next_id(model) for model in _TABLES}
        self.rows: dict[type[peewee.Model], list[dict[str, Any]]] = {m: [] for m in self.ids}
        # The ties recorded before, as rows (the impartiality check sees them too).
        self.recorded = list(
            MediatorRelation.select(
                MediatorRelation.staff, MediatorRelation.person, MediatorRelation.organization
            ).dicts()
        )
        self.cases: list[BookCase] = []
        self.events: list[dict[str, Any]] = []
        self.audits: list[dict[str, Any]] = []

    def _add(self, model: type[peewee.Model], row: dict[str, Any]) -> dict[str, Any]:
        row["id"] = self.ids[model]
        self.ids[model] += 1
        self.rows[model].append(row)
        return row

    def _event(self, case: BookCase, at: datetime, actor: Staff, kind: str, **fields: str) -> None:
        row = {"from_state": "", "to_state": "", "reason": ""} | fields
        self.events.append({"case": case.id, "at": at, "staff": actor.id, "kind": kind, **row})
        case.row["updated_at"] = at

    def _audit(
        self, at: datetime, actor: Staff, action: str, entity: str, entity_id: int, details: dict
    ) -> None:
        self.audits.append(_audit_row(at, actor.id, action, entity, entity_id, details))

    def _advance(self, case: BookCase, at: datetime, actor: Staff, to_state: str) -> None:
        """agreements._advance: the step a case takes by itself as its work moves on."""
        previous = case.row["state"]
        case.row["state"] = to_state
        self._event(case, at, actor, "transition", from_state=previous, to_state=to_state)

    # the service calls

    def file(self, actor: Staff, data: intake.CaseInput) -> BookCase:
        """intake.file_case, at the moment the application was received."""
        values, claims = intake._validate_case(data)
        received: datetime = values["received_at"]  # type: ignore[assignment]
        year = received.year
        sequence = self.counters.get(year, 0) + 1
        self.counters[year] = sequence
        number = intake.format_number(year, self.prefix, sequence)
        row = self._add(
            MediationCase,
            {
                **values,
                "year": year,
                "sequence": sequence,
                "number": number,
                "state": "registered",
                "mediator": None,
                "mediator_reason": "",
                "mediation_due": mediation_due_for(received.date()),
                "extended_until": None,
                "extension_note": "",
                "decided_at": None,
                "decision_reason": "",
                "review_due": None,
                "closed_at": None,
                "created_by": actor.id,
                "created_at": received,
                "updated_at": received,
            },
        )
        case = BookCase(row, list(dict.fromkeys(data.applicant_ids)))
        self.cases.append(case)
        for person in case.applicants:
            self._add(CaseParty, {"case": case.id, "person": person})
        for claim in claims:
            self._add(CaseClaim, {"case": case.id, **claim})
        self._event(case, received, actor, "transition", to_state="registered")
        self._audit(received, actor, "create", "case", case.id, {"number": number})
        return case

    def relate(self, actor: Staff, at: datetime, *, relation: str, organization_id: int) -> None:
        """assignment.add_relation of the mediator ``actor`` to an organisation, at ``at``."""
        row = self._add(
            MediatorRelation,
            {
                "staff": actor.id,
                "person": None,
                "organization": organization_id,
                "relation": assignment.relation_text(relation),
                "created_at": at,
            },
        )
        self._audit(at, actor, "create", "mediator_relation", row["id"], {"mediator": actor.id})

    def relations(self, mediator_id: int, *, person_ids: list[int], organization_id: int) -> list:
        """assignment.mediator_relations among the ties recorded so far."""
        return [
            r
            for r in [*self.recorded, *self.rows[MediatorRelation]]
            if r["staff"] == mediator_id
            and (r["person"] in person_ids or r["organization"] == organization_id)
        ]

    def assign(
        self, actor: Staff, case: BookCase, at: datetime, mediator: Staff, *, reason: str = ""
    ) -> None:
        """assignment.assign_mediator (the mediator is active and mediates)."""
        related = self.relations(
            mediator.id, person_ids=case.applicants, organization_id=case.row["respondent"]
        )
        clean = assignment.assignment_reason(reason)
        if related and not clean:
            raise assignment.RelatedMediator("a related mediator needs a reason", field="mediator")
        case.row.update(mediator=mediator.id, mediator_reason=clean if related else "")
        line = assignment.assignment_event(mediator.display_name, clean, related=bool(related))
        self._event(case, at, actor, "assignment", reason=line)
        details = {"mediator": mediator.id, "related": bool(related), "reason": clean}
        self._audit(at, actor, "assign", "case", case.id, details)

    def transition(
        self, actor: Staff, case: BookCase, at: datetime, to_state: str, reason: str = ""
    ) -> None:
        """states.transition."""
        clean = states.transition_reason(to_state, reason)
        states.check_transition(case.state, to_state)
        row = case.row
        if to_state == "agreement_effective":
            states.check_effect(Agreement(**(case.agreement or {})) if case.agreement else None)
            assert case.agreement is not None
            case.agreement["effective_at"] = at
            row["review_due"] = at.date() + timedelta(days=REVIEW_DAYS)
        if to_state in states.DECIDING_STATES:
            row.update(decided_at=at, decision_reason=clean)
        if to_state == "closed":
            row["closed_at"] = at
        previous = row["state"]
        row["state"] = to_state
        self._event(
            case, at, actor, "transition", from_state=previous, to_state=to_state, reason=clean
        )
        details = {"from": previous, "to": to_state, "reason": clean}
        self._audit(at, actor, "transition", "case", case.id, details)

    def extend(self, actor: Staff, case: BookCase, at: datetime, *, until: date, note: str) -> None:
        """states.extend_mediation."""
        clean = normalize_text(note, field="note", max_length=2000, required=True)
        previous = current_due(case)  # type: ignore[arg-type]
        if states.extension_errors(case.state, previous, until):
            raise ValueError(f"demo case {case.row['number']} cannot be extended to {until}")
        case.row.update(extended_until=until, extension_note=clean)
        line = states.extension_event(previous, until, clean)
        self._event(case, at, actor, "extension", reason=line)
        self._audit(at, actor, "extend", "case", case.id, {"from": previous, "to": until})

    def session(
        self, actor: Staff, case: BookCase, data: agreements.SessionInput, written: datetime
    ) -> None:
        """agreements.add_session, its record written at ``written``."""
        values = agreements.session_values(data)
        agreements._check_open(case, agreements.SESSION_STATES)  # type: ignore[arg-type]
        row = self._add(
            CaseSession,
            {
                "case": case.id,
                "held_at": data.held_at,
                "signed_by_parties": data.signed_by_parties,
                "signed_by_mediator": data.signed_by_mediator,
                **values,
                "created_at": written,
            },
        )
        line = agreements.session_event(str(values["place"]))
        self._event(case, written, actor, "session", reason=line)
        self._audit(written, actor, "create", "case_session", row["id"], {"case": case.id})

    def save_agreement(
        self, actor: Staff, case: BookCase, at: datetime, data: agreements.AgreementInput
    ) -> None:
        """agreements.save_agreement: the draft written, or rewritten with its obligations
        (they keep their ids here: the service's rewrite gives them new ones)."""
        terms, obligations = agreements.agreement_values(data)
        agreements._check_open(case, agreements.AGREEMENT_STATES)  # type: ignore[arg-type]
        if case.agreement is None or case.agreement["effective_at"] is not None:
            case.agreement = self._add(
                Agreement, {"case": case.id, "effective_at": None, "created_at": at}
            )
        case.agreement.update(
            terms=terms,
            signed_applicant=data.signed_applicant,
            signed_respondent=data.signed_respondent,
            signed_mediator=data.signed_mediator,
            sealed_organization=data.sealed_organization,
        )
        agreement_id = case.agreement["id"]
        kept = [o for o in case.obligations if o["agreement"] == agreement_id]
        if [(o["description"], o["amount"], o["due_on"]) for o in kept] != [
            (o["description"], o["amount"], o["due_on"]) for o in obligations
        ]:
            self.rows[Obligation] = [
                o for o in self.rows[Obligation] if o["agreement"] != agreement_id
            ]
            case.obligations = [o for o in case.obligations if o["agreement"] != agreement_id]
            for item in obligations:
                row = {"agreement": agreement_id, **item}
                row |= {"performed_on": None, "performed_amount": None, "proof": ""}
                case.obligations.append(self._add(Obligation, row))
        if case.state == "in_mediation":
            self._advance(case, at, actor, "agreement_draft")
        else:
            case.row["updated_at"] = at
        details = {
            "obligations": len(obligations),
            "signatures": states.missing_for_effect(Agreement(**case.agreement)),
        }
        self._audit(at, actor, "save_agreement", "case", case.id, details)

    def perform(
        self,
        actor: Staff,
        case: BookCase,
        at: datetime,
        obligation: dict[str, Any],
        *,
        proof: str,
    ) -> None:
        """agreements.record_performance of ``obligation`` in full on ``at``'s day."""
        paid, clean = agreements.performance_values(
            performed_on=at.date(), amount=obligation["amount"], proof=proof
        )
        agreements._check_open(case, agreements.PERFORMANCE_STATES)  # type: ignore[arg-type]
        obligation.update(performed_on=at.date(), performed_amount=paid, proof=clean)
        if case.state == "agreement_effective":
            self._advance(case, at, actor, "performing")
        line = agreements.performance_event(obligation["description"])
        self._event(case, at, actor, "performance", reason=line)
        self._audit(at, actor, "performance", "case", case.id, {"obligation": obligation["id"]})

    def follow_up(self, actor: Staff, case: BookCase, at: datetime, notes: str) -> None:
        """agreements.add_follow_up, held on ``at``'s day."""
        clean = agreements.follow_up_notes(at.date(), notes)
        row = self._add(
            CaseFollowUp, {"case": case.id, "held_on": at.date(), "staff": actor.id, "notes": clean}
        )
        self._event(case, at, actor, "follow_up", reason=agreements.follow_up_event(clean))
        self._audit(at, actor, "create", "case_follow_up", row["id"], {"case": case.id})

    def write(self) -> None:
        """Insert every row, then the year's counters as the last numbers given."""
        for model in _TABLES:
            _insert(model, self.rows[model])
        _insert(CaseEvent, self.events)
        _insert(AuditEntry, self.audits)
        for year, last in self.counters.items():
            CaseCounter.insert(year=year, last=last).on_conflict(
                conflict_target=[CaseCounter.year], update={CaseCounter.last: last}
            ).execute()
