"""Remembered column widths and splitter positions (DESIGN.md rule 9), one way for every list.

What a staff member leaves (column widths, splitters) is remembered for that staff member: the
keys carry the signed-in account (``set_profile``), so the next person at the desk keeps their
own. A list nobody has arranged yet sizes its columns from its content on its first fill and
gives the spare width to the column carrying the most text (UX.md, Lists).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView

from stationapp.config import Keys

# A column sized from its content never takes more than this share of the visible width.
MAX_CONTENT_SHARE = 0.45

_profile = ""


def set_profile(username: str) -> None:
    """Whose widths and splitters are read and written from now on."""
    global _profile
    _profile = username


def _key(name: str) -> str:
    return f"staff/{_profile}/{name}" if _profile else name


def leave_on_tab(view: QAbstractItemView) -> QAbstractItemView:
    """Tab leaves the list (arrows move inside it), as in every list of the program."""
    view.setTabKeyNavigation(False)
    return view


def restore_columns(
    table: QTableView,
    name: str,
    default_widths: Iterable[int] = (),
    *,
    stretch: int | None = None,
) -> None:
    """The widths the staff member left, else sized from the content on the first fill.

    ``default_widths`` hold the columns until the list first has rows; ``stretch`` names the
    column that takes the spare width (the one with the most text).
    """
    leave_on_tab(table)
    header = table.horizontalHeader()
    if stretch is not None:
        header.setStretchLastSection(False)
    state = QSettings().value(_key(Keys.header_state(name).name))
    if state and header.restoreState(state):
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return
    for column, width in enumerate(default_widths):
        table.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    _FirstFill(table, stretch)

    def resized(column: int, _old: int, _new: int) -> None:
        # A width the staff member set is theirs to keep, even before the list has rows; the
        # stretching column follows the window and says nothing.
        last = header.stretchLastSection() and column == header.count() - 1
        if column != stretch and not last:
            table._stationapp_sized = True  # type: ignore[attr-defined]

    header.sectionResized.connect(resized)


def save_columns(table: QTableView, name: str) -> None:
    empty = table.model() is None or table.model().rowCount() == 0
    if empty and not getattr(table, "_stationapp_sized", False):
        # Nothing was shown yet: keep the content sizing for the first fill.
        return
    QSettings().setValue(_key(Keys.header_state(name).name), table.horizontalHeader().saveState())


def size_columns_to_content(table: QTableView, stretch: int | None = None) -> None:
    """Each column as wide as its header and the rows on screen, none wider than a share of
    the view; the stretch column takes what is left."""
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    limit = max(120, int(max(table.viewport().width(), 600) * MAX_CONTENT_SHARE))
    for column in range(model.columnCount()):
        if column == stretch or header.isSectionHidden(column):
            continue
        width = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        table.setColumnWidth(column, min(width + 8, limit))
    table._stationapp_sized = True  # type: ignore[attr-defined]


class _FirstFill(QObject):
    """Sizes the columns once, when the list first holds rows and is on screen (before it is
    laid out, its width says nothing of the room the columns will have)."""

    def __init__(self, table: QTableView, stretch: int | None) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        self.model = None
        self.done = False
        self._attach()
        table.installEventFilter(self)
        self._on_rows()

    def _attach(self) -> None:
        model = self.table.model()
        if model is None or model is self.model:
            return
        self.model = model
        model.modelReset.connect(self._on_rows, QtCore.Qt.ConnectionType.QueuedConnection)
        model.rowsInserted.connect(self._on_rows, QtCore.Qt.ConnectionType.QueuedConnection)
        model.layoutChanged.connect(self._on_rows, QtCore.Qt.ConnectionType.QueuedConnection)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            QTimer.singleShot(0, self, self._on_rows)
        return False

    def _on_rows(self, *_args: object) -> None:
        if self.done:
            return
        self._attach()
        if self.model is None or self.model.rowCount() == 0 or not self.table.isVisible():
            return
        size_columns_to_content(self.table, self.stretch)
        self.done = True
        self.table.removeEventFilter(self)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.layoutChanged):
            signal.disconnect(self._on_rows)
        self.deleteLater()


def restore_splitter(splitter: QSplitter, name: str) -> None:
    state = QSettings().value(_key(Keys.splitter_state(name).name))
    if state:
        splitter.restoreState(state)


def save_splitter(splitter: QSplitter, name: str) -> None:
    QSettings().setValue(_key(Keys.splitter_state(name).name), splitter.saveState())
