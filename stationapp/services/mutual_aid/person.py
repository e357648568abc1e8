"""A worker's cover and claims, for the person page."""

from __future__ import annotations

from stationapp.models.accounts import Staff
from stationapp.services.accounts import has_permission, require
from stationapp.services.mutual_aid._common import claim_state_label, payer_label, translate
from stationapp.services.mutual_aid.claims import ClaimFilter, list_claims
from stationapp.services.mutual_aid.enrolments import EnrolmentFilter, list_enrolments


def cover_of_person(actor: Staff, person_id: int, *, limit: int = 100) -> list[tuple[str, object]]:
    """The worker's enrolments and (for the roles that see claims) claims, newest first, as
    ("enrolment", row) and ("claim", row)."""
    require(actor, "aid.read")
    rows: list[tuple[str, object]] = [
        ("enrolment", e)
        for e in list_enrolments(actor, EnrolmentFilter(person_id=person_id), limit=limit)
    ]
    if has_permission(actor, "aid.claims"):
        rows += [
            ("claim", c) for c in list_claims(actor, ClaimFilter(person_id=person_id), limit=limit)
        ]
    return sorted(rows, key=lambda r: _day(r), reverse=True)


def _day(row: tuple[str, object]) -> object:
    kind, record = row
    return record.enrolled_on if kind == "enrolment" else record.claimed_on  # type: ignore[attr-defined]


def personal_data(actor: Staff, person_id: int) -> list[tuple[str, list[str], list[list[object]]]]:
    """The worker's enrolments and (for the roles that see claims) claims, as the personal-data
    export's sections: (title, header, rows)."""
    require(actor, "aid.read")
    enrolments = list_enrolments(actor, EnrolmentFilter(person_id=person_id), limit=100_000)
    sections: list[tuple[str, list[str], list[list[object]]]] = [
        (
            translate("MutualAid", "Mutual-aid enrolments"),
            [
                translate("MutualAid", "Plan"),
                translate("MutualAid", "Year"),
                translate("MutualAid", "Enrolled"),
                translate("MutualAid", "Paid by"),
            ],
            [[e.plan.name, e.year, e.enrolled_on, payer_label(e.paid_by)] for e in enrolments],
        )
    ]
    if has_permission(actor, "aid.claims"):
        claims = list_claims(actor, ClaimFilter(person_id=person_id), limit=100_000)
        sections.append(
            (
                translate("MutualAid", "Mutual-aid claims"),
                [
                    translate("MutualAid", "Plan"),
                    translate("MutualAid", "Claimed on"),
                    translate("MutualAid", "State"),
                    translate("MutualAid", "Claimed"),
                    translate("MutualAid", "Approved"),
                    translate("MutualAid", "Paid"),
                    translate("MutualAid", "Diagnosis"),
                    translate("MutualAid", "Notes"),
                ],
                [
                    [
                        c.enrolment.plan.name,
                        c.claimed_on,
                        claim_state_label(c.state),
                        c.claimed_amount,
                        c.approved_amount,
                        c.paid_amount,
                        c.diagnosis,
                        c.notes,
                    ]
                    for c in claims
                ],
            )
        )
    return sections
