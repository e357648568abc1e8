"""An event's roster as a list: places first, then the waitlist in its order, then the rest
(greyed), and who goes on the sign-in sheet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from stationapp.models.accounts import Staff
from stationapp.models.events import ACTIVE_STATES, COUNTED_STATES, Registration
from stationapp.services import events
from stationapp.ui.dates import short_text
from stationapp.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
GREY = QColor("#777777")
WARNING = QColor("#8a5300")
(
    COL_NO,
    COL_NAME,
    COL_PHONE,
    COL_WORKPLACE,
    COL_STATE,
    COL_PRIORITY,
    COL_NO_SHOWS,
    COL_DETAILS,
) = range(8)


SHEET_STATES = ("confirmed", "offered", "attended")


def sheet_rows(rows: Sequence[Registration]) -> list[Registration]:
    """Who goes on the sign-in sheet: everyone holding a place."""
    return [row for row in rows if row.state in SHEET_STATES]


class RosterTableModel(RowsTableModel):
    """The roster: places first, then the waitlist in its order, then the rest (greyed)."""

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.rows: list[Registration] = []
        self.numbers: list[int | None] = []
        self.no_shows: dict[int, int] = {}
        self.headers = [
            self.tr("No."),
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Workplace"),
            self.tr("State"),
            self.tr("Priority"),
            self.tr("No-shows so far"),
            self.tr("Details"),
        ]

    def reload(self, event_id: int | None) -> None:
        self.beginResetModel()
        self.rows = events.roster(self.actor, event_id) if event_id is not None else []
        self.no_shows = events.no_show_counts(sorted({r.person_id for r in self.rows}))
        placed = waiting = 0
        self.numbers = []
        for row in self.rows:
            if row.state in COUNTED_STATES:
                placed += 1
                self.numbers.append(placed)
            elif row.state == "waitlisted":
                waiting += 1
                self.numbers.append(waiting)
            else:
                self.numbers.append(None)
        self.endResetModel()

    def registration_at(self, row: int) -> Registration | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def waitlist_position(self, registration_id: int) -> int | None:
        row = self.row_of(registration_id)
        if row < 0 or self.rows[row].state != "waitlisted":
            return None
        return self.numbers[row]

    def _details(self, row: Registration) -> str:
        if row.state == "offered" and row.offered_until:
            return self.tr("Held until {when}").format(when=short_text(row.offered_until))
        if row.state == "attended" and row.checked_in_at:
            return self.tr("Checked in {when}").format(when=short_text(row.checked_in_at))
        if row.state == "waitlisted":
            joined = self.tr("Joined {when}").format(
                when=short_text(row.waitlisted_at or row.created_at)
            )
            return f"{joined}　{row.reason}" if row.reason else joined
        return row.reason

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            person = row.person
            if column == COL_NO:
                number = self.numbers[index.row()]
                if number is None:
                    return ""
                if row.state == "waitlisted":
                    return self.tr("W{n}").format(n=number)
                return str(number)
            if column == COL_NAME:
                return person.name
            if column == COL_PHONE:
                return person.phone
            if column == COL_WORKPLACE:
                return person.workplace.name if person.workplace_id else ""
            if column == COL_STATE:
                return events.state_label(row.state)
            if column == COL_PRIORITY:
                return str(row.priority) if row.state == "waitlisted" and row.priority else ""
            if column == COL_NO_SHOWS:
                # How often the person held a place and did not come, over all events: a count
                # with its unit, not a bare digit that reads like a flag or a number.
                count = self.no_shows.get(row.person_id, 0)
                return self.tr("%n time(s)", "", count) if count else ""
            if column == COL_DETAILS:
                return self._details(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NO_SHOWS:
            count = self.no_shows.get(row.person_id, 0)
            if count:
                return self.tr(
                    "{name} held a place and did not come %n time(s), over all events.", "", count
                ).format(name=row.person.name)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_NO_SHOWS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state not in (*ACTIVE_STATES, "attended", "no_show"):
                return QBrush(GREY)
            if column == COL_NO_SHOWS and self.no_shows.get(row.person_id, 0):
                return QBrush(WARNING)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
