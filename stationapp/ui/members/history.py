"""The person page's "Membership and 京卡" lines: the cards (the current one first), then the
membership steps (newest first)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stationapp.models.accounts import Staff
from stationapp.services import members
from stationapp.ui.dates import short_text

translate = QCoreApplication.translate


def member_lines(actor: Staff, person_id: int) -> list[str]:
    lines = []
    for card in members.cards_of_person(actor, person_id):
        state = members.card_state_label(card.state)
        number = card.number or translate("MemberHistory", "(no number yet)")
        day = card.issued_on or card.applied_on
        when = short_text(day) if day else translate("MemberHistory", "date unknown")
        lines.append(
            translate("MemberHistory", "京卡 {number}　{state}　{when}").format(
                number=number, state=state, when=when
            )
        )
    for event in reversed(members.membership_history(actor, person_id)):
        when = short_text(event.on) if event.on else translate("MemberHistory", "date unknown")
        union = event.organization.name if event.organization_id else event.union_name
        detail = "　".join(part for part in (union, event.reason) if part)
        lines.append(
            f"{when}　{members.membership_kind_label(event.kind)}"
            + (f"　{detail}" if detail else "")
        )
    return lines
