"""Member services: membership and the 京卡 card (issue #25).

Membership is a history per person (``membership.py``): joined, transferred in, transferred out,
left; ``Person.is_member`` and ``Person.joined_on`` follow from it in the same transaction. The
register's member box and join date still work: they write the history through
``follow_register``. The card (``cards.py``) goes applied, issued, lost, replaced, cancelled;
``Person.member_card`` is the issued card's number. ``report.py`` gives the report's section.
"""

from __future__ import annotations

from stationapp.services.members._common import card_state_label, membership_kind_label
from stationapp.services.members.cards import (
    VISIT_DAYS,
    CardOffer,
    WaitingCard,
    apply_for_card,
    cancel_card,
    card_materials,
    card_offer,
    card_service,
    card_visits,
    cards_of_person,
    count_waiting,
    current_card,
    find_card,
    issue_card,
    issue_card_directly,
    replace_card,
    report_card_lost,
    settle_merge,
    waiting_cards,
)
from stationapp.services.members.membership import (
    MembershipInput,
    follow_import,
    membership_history,
    record_membership,
)
from stationapp.services.members.personal import anonymise_member_records, member_tables
from stationapp.services.members.report import (
    MemberFigures,
    member_figures,
    member_table_rows,
    membership_counts,
)


def follow_register(staff, person, *, was_member: bool, joined_on, card_before: str) -> None:
    """The history and the cards after the register changed the person's member box, join date
    or card number (called inside the register's transaction)."""
    from stationapp.services.members import cards, membership

    membership.follow_register(staff, person, was_member=was_member, joined_on=joined_on)
    cards.follow_register(staff, person, card_before=card_before)


__all__ = [
    "VISIT_DAYS",
    "CardOffer",
    "MemberFigures",
    "MembershipInput",
    "WaitingCard",
    "anonymise_member_records",
    "apply_for_card",
    "cancel_card",
    "card_materials",
    "card_offer",
    "card_service",
    "card_state_label",
    "card_visits",
    "cards_of_person",
    "count_waiting",
    "current_card",
    "find_card",
    "follow_import",
    "follow_register",
    "issue_card",
    "issue_card_directly",
    "member_figures",
    "member_table_rows",
    "member_tables",
    "membership_counts",
    "membership_history",
    "membership_kind_label",
    "record_membership",
    "replace_card",
    "report_card_lost",
    "settle_merge",
    "waiting_cards",
]
