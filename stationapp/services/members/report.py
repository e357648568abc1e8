"""The report's section "Member services: membership and 京卡": figures for a period from the
membership and card records (not the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.models.members import MemberCard, MembershipEvent

translate = QCoreApplication.translate


@dataclass(frozen=True)
class MemberFigures:
    joined: int  # 入会 in the period
    transferred_in: int
    transferred_out: int
    left: int
    applications: int  # cards applied for in the period
    issued: int  # cards issued in the period, replacements included
    replaced: int  # of which replacements
    lost: int
    cancelled: int
    waiting_at_end: int  # applications still waiting now

    @property
    def new_members(self) -> int:
        return self.joined + self.transferred_in


def _in(column: peewee.Field, start: date, end: date) -> peewee.Expression:
    return (column >= start) & (column < end)


def membership_counts(start: date, end: date) -> dict[str, int]:
    """Entries per kind in [start, end): by their date, or, of unknown date, by when recorded."""
    dated = MembershipEvent.on.is_null(False) & _in(MembershipEvent.on, start, end)
    undated = MembershipEvent.on.is_null() & _in(
        MembershipEvent.recorded_at,
        datetime.combine(start, time.min),
        datetime.combine(end, time.min),
    )
    count = peewee.fn.COUNT(MembershipEvent.id)
    return {
        kind: int(n)
        for kind, n in MembershipEvent.select(MembershipEvent.kind, count)
        .where(dated | undated)
        .group_by(MembershipEvent.kind)
        .tuples()
    }


def member_figures(start: date, end: date) -> MemberFigures:
    """The section's figures for [start, end): a fixed number of aggregate queries."""
    kinds = membership_counts(start, end)
    one = peewee.Value(1)

    def when(condition: peewee.Expression) -> peewee.Node:
        return peewee.fn.SUM(peewee.Case(None, [(condition, one)], 0))

    issued = _in(MemberCard.issued_on, start, end)
    applications, n_issued, replaced, lost, cancelled, waiting = (
        MemberCard.select(
            when(_in(MemberCard.applied_on, start, end)),
            when(issued),
            when(issued & MemberCard.replaces.is_null(False)),
            when(_in(MemberCard.lost_on, start, end)),
            when((MemberCard.state == "cancelled") & _in(MemberCard.ended_on, start, end)),
            when(MemberCard.state == "applied"),
        )
        .tuples()
        .get()
    )
    return MemberFigures(
        joined=kinds.get("joined", 0),
        transferred_in=kinds.get("transferred_in", 0),
        transferred_out=kinds.get("transferred_out", 0),
        left=kinds.get("left", 0),
        applications=int(applications or 0),
        issued=int(n_issued or 0),
        replaced=int(replaced or 0),
        lost=int(lost or 0),
        cancelled=int(cancelled or 0),
        waiting_at_end=int(waiting or 0),
    )


def member_table_rows(figures: MemberFigures) -> list[tuple[str, int]]:
    """The section's figures, labelled, for the report's table."""
    return [
        (translate("Reports", "New members (joined or transferred in)"), figures.new_members),
        (translate("Reports", "Joined the union"), figures.joined),
        (translate("Reports", "Transferred in"), figures.transferred_in),
        (translate("Reports", "Transferred out"), figures.transferred_out),
        (translate("Reports", "Left the union"), figures.left),
        (translate("Reports", "京卡 applications"), figures.applications),
        (translate("Reports", "京卡 cards issued"), figures.issued),
        (translate("Reports", "of which replacements"), figures.replaced),
        (translate("Reports", "京卡 cards reported lost"), figures.lost),
        (translate("Reports", "京卡 cards cancelled"), figures.cancelled),
        (translate("Reports", "Applications waiting for their card now"), figures.waiting_at_end),
    ]
