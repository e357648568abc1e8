"""The catalogue's list of titles: a page at a time, with their copies on the shelf, and how an
ISBN and a price are shown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor
from stdnum import isbn as stdnum_isbn

from stationapp.models.accounts import Staff
from stationapp.models.library import Title
from stationapp.services import library
from stationapp.ui.table_model import ColumnCells, PagedTableModel, SearchedTableModel

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
INACTIVE_GREY = "#888888"
COL_TITLE, COL_AUTHOR, COL_ISBN, COL_PUBLISHER, COL_YEAR, COL_CLASS, COL_COPIES = range(7)


def format_isbn(isbn: str) -> str:
    """An ISBN with its hyphens (978-7-02-000220-7), or as stored when its ranges are unknown."""
    if not isbn:
        return ""
    try:
        return stdnum_isbn.format(isbn)
    except Exception:  # stdnum's range tables can lag behind newly issued prefixes
        return isbn


def format_price(price: Decimal | None) -> str:
    if price is None:
        return ""
    return QLocale().toCurrencyString(float(price), "¥", 2)


class TitleTableModel(ColumnCells, SearchedTableModel):
    """Titles matching the search, a page at a time, with their copies on the shelf per page."""

    right_aligned = (COL_YEAR, COL_COPIES)

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(self._titles, self._count_titles, parent, filt="", page_size=PAGE_SIZE)
        self.actor = actor
        self.counts: dict[int, tuple[int, int]] = {}
        self.headers = [
            self.tr("Title"),
            self.tr("Author"),
            self.tr("ISBN"),
            self.tr("Publisher"),
            self.tr("Year"),
            self.tr("Class number"),
            self.tr("On shelf / copies"),
        ]
        self.columns = (
            lambda title: title.title,
            lambda title: title.author,
            lambda title: format_isbn(title.isbn),
            lambda title: title.publisher,
            lambda title: "" if title.year is None else str(title.year),
            lambda title: title.classification,
            self._copies_text,
        )

    def _titles(self, query: str, offset: int, limit: int) -> list[Title]:
        return library.search_titles(
            self.actor, query, offset=offset, limit=limit, include_inactive=self.include_inactive
        )

    def _count_titles(self, query: str) -> int:
        return library.count_titles(self.actor, query, include_inactive=self.include_inactive)

    def page_loaded(self, page: list[Title], *, first: bool) -> None:
        counts = library.availability([t.id for t in page])
        self.counts = counts if first else {**self.counts, **counts}

    title_at = PagedTableModel.row_at

    def tool_tip(self, title: Title, column: int) -> Any:
        if column == COL_COPIES:
            free, total = self.counts.get(title.id, (0, 0))
            return self.tr("{free} of {total} copies on the shelf").format(free=free, total=total)
        if not title.active:
            return self.tr("Deactivated: no longer in the catalogue")
        return None

    def foreground(self, title: Title) -> Any:
        return None if title.active else QBrush(QColor(INACTIVE_GREY))

    def _copies_text(self, title: Title) -> str:
        free, total = self.counts.get(title.id, (0, 0))
        return f"{free}/{total}"
