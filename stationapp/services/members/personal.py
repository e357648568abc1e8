"""A person's membership and card records in the personal-data export, and what anonymising
(retention, erasure) leaves of them: the steps and their dates stay for the statistics, the
card numbers, materials and reasons go."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stationapp.models.accounts import Staff
from stationapp.models.members import MemberCard, MembershipEvent
from stationapp.services.members._common import card_state_label, membership_kind_label
from stationapp.services.members.cards import cards_of_person
from stationapp.services.members.membership import membership_history

translate = QCoreApplication.translate

Table = tuple[str, list[str], list[list[object]]]


def anonymise_member_records(person_id: int) -> None:
    """Inside the caller's transaction."""
    MemberCard.update(number="", materials="", reason="").where(
        MemberCard.person == person_id
    ).execute()
    MembershipEvent.update(reason="").where(MembershipEvent.person == person_id).execute()


def member_tables(actor: Staff, person_id: int) -> list[Table]:
    """The membership steps and the cards, as (title, header, rows)."""
    steps = [
        [
            membership_kind_label(e.kind),
            e.on,
            e.organization.name if e.organization_id else e.union_name,
            e.reason,
        ]
        for e in membership_history(actor, person_id)
    ]
    cards = [
        [
            c.number,
            card_state_label(c.state),
            c.applied_on,
            c.issued_on,
            c.lost_on,
            c.ended_on,
            c.materials.replace("\n", "、"),
        ]
        for c in cards_of_person(actor, person_id)
    ]
    return [
        (
            translate("Retention", "Membership"),
            [
                translate("Retention", "Step"),
                translate("Retention", "Date"),
                translate("Retention", "Union"),
                translate("Retention", "Reason"),
            ],
            steps,
        ),
        (
            translate("Retention", "京卡 cards"),
            [
                translate("Retention", "Card number"),
                translate("Retention", "State"),
                translate("Retention", "Applied on"),
                translate("Retention", "Issued on"),
                translate("Retention", "Reported lost on"),
                translate("Retention", "Ended on"),
                translate("Retention", "Materials brought"),
            ],
            cards,
        ),
    ]
