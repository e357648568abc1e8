"""The part every list's Qt table model shares: rows held in ``rows``, headers in ``headers``;
and the paged model of the long lists, which loads a page at a time and counts afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.ui.layout_state import leave_on_tab, restore_columns

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """A flat table over ``self.rows`` with one column per entry of ``self.headers``.

    Subclasses fill both in ``__init__`` and say in ``cell`` what a row shows.
    """

    rows: list[Any]
    headers: list[str]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def set_rows(self, rows: list[Any]) -> None:
        """Show ``rows`` instead of what the list showed."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What ``row`` shows in ``column`` for ``role`` (None: nothing)."""
        return None

    # --- finding rows ----------------------------------------------------------------------------

    @staticmethod
    def key_of(row: Any) -> Any:
        return row.id

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, key: Any) -> int:
        """The row showing the record ``key``, or -1 when it is not loaded."""
        return next((i for i, row in enumerate(self.rows) if self.key_of(row) == key), -1)

    def select(self, view: QTableView, key: Any) -> bool:
        """Make the record ``key`` the view's current, selected row, if it is loaded."""
        row = self.row_of(key)
        if row < 0:
            return False
        view.selectionModel().setCurrentIndex(
            self.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True


PAGE_SIZE = 100

# A page of rows for a filter: (filter, offset, limit) -> rows; and how many rows match it.
PageFunction = Callable[[Any, int, int], list[Any]]
CountFunction = Callable[[Any], int]
_KEEP: Any = object()


def actor_pages(
    actor: Any, listing: Callable[..., list[Any]], counting: Callable[[Any, Any], int]
) -> tuple[PageFunction, CountFunction]:
    """The page and count functions of a service's list as ``actor`` sees it, for
    ``listing(actor, filt, offset=..., limit=...)`` and ``counting(actor, filt)``."""
    return (
        lambda filt, offset, limit: listing(actor, filt, offset=offset, limit=limit),
        lambda filt: counting(actor, filt),
    )


class PagedTableModel(RowsTableModel):
    """A long list loaded a page at a time: more pages come as the view scrolls (canFetchMore).

    ``reload`` shows the first page at once; the total comes later: a first page shorter than a
    page is the whole list, otherwise ``count`` runs on the next turn of the event loop, once the
    page is on screen, and ``counted`` announces it. Until then ``total`` is None (say nothing
    rather than a wrong number). A count asked for an older filter is dropped.

    A list's model passes its page and count functions, fills ``headers`` and implements ``data``;
    ``page_loaded`` loads what the cells need besides the rows (before they show).
    """

    counted = Signal(int)

    def __init__(
        self,
        page: PageFunction,
        count: CountFunction,
        parent: Any = None,
        *,
        filt: Any = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._page = page
        self._count = count
        self.filter = filt
        self.page_size = page_size
        self.rows = []
        self.total: int | None = 0
        self._more = False
        self._generation = 0

    # --- loading ---------------------------------------------------------------------------------

    def page_loaded(self, page: list[Any], *, first: bool) -> None:
        """Hook: load what the cells of ``page`` need besides the rows (first: a new list)."""

    def reload(self, filt: Any = _KEEP) -> None:
        """Show the first page for ``filt`` (the current filter if left out).

        A service error leaves the list empty and is raised for the view to show.
        """
        if filt is not _KEEP:
            self.filter = filt
        self._generation += 1
        self.beginResetModel()
        self.rows, self.total, self._more = [], 0, False
        try:
            page = self._page(self.filter, 0, self.page_size)
            self.page_loaded(page, first=True)
            self.rows = list(page)
            self._more = len(page) >= self.page_size
            self.total = None if self._more else len(page)
        finally:
            self.endResetModel()
        if self.total is None:
            generation = self._generation
            QTimer.singleShot(0, self, lambda: self._count_for(generation))
        else:
            self.counted.emit(self.total)

    def _count_for(self, generation: int) -> None:
        if generation != self._generation or self.total is not None:
            return  # an older filter's count, or the last page came first
        self.count_now()

    def count_now(self) -> int:
        """The total for the current filter, counted now if it is not known yet."""
        if self.total is None:
            self.total = max(self._count(self.filter), len(self.rows))
            self.counted.emit(self.total)
        return self.total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._more if self.total is None else len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self._page(self.filter, len(self.rows), self.page_size)
        known = {self.key_of(row) for row in self.rows}
        # Rows added since the first page shift the offsets; never show a row twice.
        new = [row for row in page if self.key_of(row) not in known]
        if len(page) < self.page_size or not new:
            self._more = False
        if new:
            self.page_loaded(new, first=False)
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
            self.rows.extend(new)
            self.endInsertRows()
        if not self._more and (self.total is None or not new):
            self.total = len(self.rows)
            self.counted.emit(self.total)

    def reload_keeping(self, view: QTableView, filt: Any = _KEEP) -> None:
        """``reload`` that keeps the view's current record selected when it is still listed."""
        current = self.row_at(view.currentIndex().row())
        self.reload(filt)
        if current is not None:
            self.select(view, self.key_of(current))


class SearchedTableModel(PagedTableModel):
    """A paged list of the records a search finds (the filter is the text searched), with or
    without the deactivated ones (``include_inactive``)."""

    include_inactive = False

    @property
    def query(self) -> str:
        return self.filter

    def reload(self, query: str | None = None) -> None:
        """Show the first page of the list, or of the results for ``query``."""
        super().reload(self.filter if query is None else query.strip())


def follow_count(label: QLabel, model: PagedTableModel, text: Callable[[int], str]) -> None:
    """Keep ``label`` saying how many rows the list has (``text(total)``), and nothing while the
    total is still being counted."""

    def update() -> None:
        label.setText("" if model.total is None else text(model.total))

    model.modelReset.connect(update)
    model.counted.connect(update)


def list_beside_page(
    table: QTableView, below: QWidget, page: QWidget, sizes: tuple[int, int]
) -> QSplitter:
    """A list (with ``below`` under it) on the left, the chosen record's page on the right."""
    splitter = QSplitter()
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(table, 1)
    left_layout.addWidget(below)
    splitter.addWidget(left)
    splitter.addWidget(page)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter


def enter_list(view: QTableView) -> None:
    """Move the focus into a list, on its first row unless one is current already."""
    model = view.model()
    if model is not None and model.rowCount():
        view.setFocus()
        if not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))


class SearchedList:
    """What a page with a search box over a list of records does alike: Ctrl+F selects the
    search, Down moves into the list, "show deactivated" lists them too (``refresh`` reloads)."""

    search: QLineEdit
    table: QTableView
    model: Any

    _timer: QTimer
    bar: Any
    empty: QLabel
    stack: QStackedWidget

    def refresh(self) -> None:
        raise NotImplementedError

    def _update_counts(self) -> None:
        raise NotImplementedError

    def _reload(self) -> bool:
        """Reload the list for the search typed; a refusal is said in the bar (then False)."""
        self._timer.stop()
        try:
            self.model.reload(self.search.text())
        except UserError as exc:
            self.bar.show_message(exc.message)
            return False
        self._update_counts()
        return True

    def _show_list_or_why(self, none_found: str, none_at_all: str) -> None:
        """The list, or in its place why it is empty: ``none_found`` ({query}) after a search,
        else ``none_at_all``."""
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        query = self.search.text().strip()
        self.empty.setText(none_found.format(query=query) if query else none_at_all)
        self.stack.setCurrentWidget(self.empty)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        enter_list(self.table)

    def _show_inactive_toggled(self, checked: bool) -> None:
        self.model.include_inactive = checked
        self.refresh()


def setup_list_view(table: QTableView, model: QAbstractItemModel) -> None:
    """The lists' common look and behaviour: whole rows, one at a time, read-only, striped,
    no row numbers, resizable columns with the last one filling the width."""
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class ColumnCells:
    """A list model's cells said column by column, mixed in before ``RowsTableModel`` or
    ``PagedTableModel``: ``columns`` holds, per column, the function giving a row's text; the
    row's record key (``key_of``) is its UserRole; ``foreground`` (a brush, or None) and
    ``tool_tip`` say the rest, and the columns in ``right_aligned`` hold numbers."""

    columns: tuple[Callable[[Any], Any], ...] = ()
    right_aligned: tuple[int, ...] = ()

    @staticmethod
    def key_of(row: Any) -> Any:
        return row.id

    def foreground(self, row: Any) -> Any:
        return None

    def tool_tip(self, row: Any, column: int) -> Any:
        return None

    def text(self, row: Any, column: int) -> Any:
        return self.columns[column](row)

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return self.key_of(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tool_tip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


WARN_COLOR = "#b3261e"  # the red of a row that needs doing (said in words too: UX.md)


class TextsTableModel(ColumnCells, RowsTableModel):
    """A small list: the rows a service gave, each shown by ``texts(row)`` as its cells; the
    columns in ``numeric`` right-aligned, the rows ``warn(row)`` says in red (``ColumnCells``
    says the cells; these rows carry no record key)."""

    def __init__(
        self,
        headers: list[str],
        texts: Callable[[Any], list[str]],
        numeric: Iterable[int] = (),
        warn: Callable[[Any], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows = []
        self.texts = texts
        self.right_aligned = tuple(numeric)
        self.warn = warn

    @staticmethod
    def key_of(row: Any) -> Any:
        return None

    def text(self, row: Any, column: int) -> Any:
        return self.texts(row)[column]

    def foreground(self, row: Any) -> Any:
        return QColor(WARN_COLOR) if self.warn and self.warn(row) else None


def load_rows(model: RowsTableModel, load: Callable[[], list[Any]], bar: Any) -> list[Any]:
    """Show in ``model`` the rows ``load`` gives and return them; an expected error is said in
    ``bar`` (a ``MessageBar``) and the list shows none."""
    try:
        rows = load()
    except UserError as exc:
        bar.show_message(exc.message)
        rows = []
    model.set_rows(rows)
    return rows


def read_only_table(
    headers: list[str],
    mode: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
) -> QTableWidget:
    """A small table filled cell by cell (not a model's list): ``headers`` over its columns,
    whole rows chosen (one at a time unless ``mode`` says otherwise), read-only, no row numbers;
    Tab leaves it."""
    table = leave_on_tab(QTableWidget(0, len(headers)))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(mode)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


def count_row(model: PagedTableModel, text: Callable[[int], str]) -> tuple[QHBoxLayout, QLabel]:
    """The row under a paged list: how many rows it has on the left (``text(total)``, kept up
    to date by ``follow_count``), then room for the buttons added after."""
    row = QHBoxLayout()
    label = QLabel()
    follow_count(label, model, text)
    row.addWidget(label)
    row.addStretch(1)
    return row, label


def remembered_list(
    model: QAbstractItemModel,
    name: str,
    stretch: int | None = None,
    default_widths: Iterable[int] = (),
) -> QTableView:
    """A list (``setup_list_view``) named ``<name>_table``, whose column widths are kept for the
    staff member under ``name`` (``default_widths`` until the first fill); the column
    ``stretch`` takes the spare width."""
    table = QTableView()
    table.setObjectName(f"{name}_table")
    setup_list_view(table, model)
    restore_columns(table, name, default_widths, stretch=stretch)
    return table
