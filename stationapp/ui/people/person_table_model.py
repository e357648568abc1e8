"""The people list: pages fetched from the service as the user scrolls, or search results."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.services import people
from stationapp.ui.dates import short_text
from stationapp.ui.table_model import ColumnCells, PagedTableModel, SearchedTableModel

PAGE_SIZE = 100
SEARCH_LIMIT = 100
INACTIVE_GREY = "#888888"

COL_NAME, COL_GENDER, COL_AGE, COL_PHONE, COL_ID, COL_WORKPLACE, COL_MEMBER, COL_ACTIVE = range(8)

Index = QModelIndex | QPersistentModelIndex


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class PersonTableModel(ColumnCells, SearchedTableModel):
    right_aligned = (COL_AGE,)

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(self._people, self._count_people, parent, filt="", page_size=PAGE_SIZE)
        self.actor = actor
        self.headers = [
            self.tr("Name"),
            self.tr("Gender"),
            self.tr("Age"),
            self.tr("Phone"),
            self.tr("ID number"),
            self.tr("Workplace"),
            self.tr("Member"),
            self.tr("Last activity"),
        ]
        self.columns = (
            lambda person: person.name,
            lambda person: people.gender_label(person.gender),
            self._age_text,
            lambda person: person.phone,
            lambda person: people.mask_id(person.id_number),
            lambda person: person.workplace.name if person.workplace_id else "",
            lambda person: self.tr("Yes") if person.is_member else "",
            lambda person: short_text(person.last_activity_at.date()),
        )

    # --- loading -------------------------------------------------------------------------------

    def _people(self, query: str, offset: int, limit: int) -> list[Person]:
        if not query:
            return people.list_people(
                self.actor, offset=offset, limit=limit, include_inactive=self.include_inactive
            )
        if offset:
            return []  # a search shows its best SEARCH_LIMIT matches, all in the first page
        return people.search_people(
            self.actor, query, limit=SEARCH_LIMIT, include_inactive=self.include_inactive
        )

    def _count_people(self, query: str) -> int:
        if query:
            return len(self.rows)
        return people.count_people(self.actor, include_inactive=self.include_inactive)

    person_at = PagedTableModel.row_at

    # --- Qt model --------------------------------------------------------------------------------

    def tool_tip(self, person: Person, column: int) -> Any:
        if column != COL_NAME:
            return None
        if not person.active:
            return self.tr("{pinyin} (deactivated)").format(pinyin=person.pinyin)
        return person.pinyin

    def foreground(self, person: Person) -> Any:
        return None if person.active else QBrush(QColor(INACTIVE_GREY))

    @staticmethod
    def _age_text(person: Person) -> str:
        # A role that sees no birth dates gets the age from the service (people.person_view).
        age = age_on(person.birth_date, today()) or getattr(person, "age", None)
        return "" if age is None else str(age)
