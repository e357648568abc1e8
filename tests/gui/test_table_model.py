"""The paged list model every long list shares: a page at once, more as the view scrolls, the
total counted on the next turn of the event loop, the selection kept on refresh."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QTableView

from stationapp.ui.table_model import PagedTableModel, follow_count, setup_list_view

PAGE = 20


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class Source:
    """Rows per filter (a letter), with a record of what was asked."""

    def __init__(self, **sizes: int) -> None:
        self.rows = {
            letter: [Row(i, f"{letter}{i}") for i in range(n)] for letter, n in sizes.items()
        }
        self.pages: list[tuple[str, int]] = []
        self.counts: list[str] = []

    def page(self, filt: str, offset: int, limit: int) -> list[Row]:
        self.pages.append((filt, offset))
        return self.rows[filt][offset : offset + limit]

    def count(self, filt: str) -> int:
        self.counts.append(filt)
        return len(self.rows[filt])


class TextModel(PagedTableModel):
    """A list's own part: only how a row becomes cells."""

    def __init__(self, source: Source, filt: str) -> None:
        super().__init__(source.page, source.count, filt=filt, page_size=PAGE)
        self.headers = ["Text"]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row.text


def _view(qtbot, model: PagedTableModel) -> QTableView:
    view = QTableView()
    setup_list_view(view, model)
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_first_page_shows_at_once_and_the_total_comes_on_the_next_turn(qtbot) -> None:
    source = Source(a=250)
    model = TextModel(source, "a")
    label = QLabel("old")
    follow_count(label, model, lambda n: f"{n} rows")
    counted: list[int] = []
    model.counted.connect(counted.append)

    model.reload()

    assert model.rowCount() == PAGE
    assert model.total is None and source.counts == [] and counted == []
    assert label.text() == ""  # never the old number while counting
    assert model.canFetchMore()
    qtbot.waitUntil(lambda: counted == [250])
    assert model.total == 250 and source.counts == ["a"]
    assert label.text() == "250 rows"


def test_a_short_first_page_is_the_whole_list_and_is_not_counted(qtbot) -> None:
    source = Source(a=7)
    model = TextModel(source, "a")
    label = QLabel()
    follow_count(label, model, lambda n: f"{n} rows")

    model.reload()

    assert model.rowCount() == 7 and model.total == 7
    assert label.text() == "7 rows"
    assert not model.canFetchMore()
    qtbot.wait(20)
    assert source.counts == []


def test_a_count_from_an_older_filter_is_not_shown(qtbot) -> None:
    source = Source(a=250, b=90)
    model = TextModel(source, "a")
    label = QLabel()
    follow_count(label, model, lambda n: f"{n} rows")
    counted: list[int] = []
    model.counted.connect(counted.append)

    model.reload()  # a's count is due on the next turn...
    model.reload("b")  # ...but the filter changed first

    qtbot.waitUntil(lambda: counted == [90])
    qtbot.wait(20)
    assert counted == [90] and source.counts == ["b"]
    assert model.total == 90 and label.text() == "90 rows"
    assert [row.text for row in model.rows[:2]] == ["b0", "b1"]


def test_more_pages_come_as_the_view_scrolls(qtbot) -> None:
    source = Source(a=55)
    model = TextModel(source, "a")
    model.reload()
    view = _view(qtbot, model)
    assert model.rowCount() == PAGE

    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE)
    while model.rowCount() < 55:
        view.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() == 55 or not model.canFetchMore())
    assert model.rowCount() == 55
    assert not model.canFetchMore()
    assert [offset for _filt, offset in source.pages] == [0, 20, 40]
    assert model.total == 55


def test_a_page_never_shows_a_row_twice(qtbot) -> None:
    """Rows added at the top after the first page shift the offsets of the next one."""
    source = Source(a=30)
    model = TextModel(source, "a")
    model.reload()
    source.rows["a"].insert(0, Row(100, "new"))

    model.fetchMore()

    ids = [row.id for row in model.rows]
    assert len(ids) == len(set(ids)) == 30
    assert model.total == 30 and not model.canFetchMore()


def test_refresh_keeps_the_selected_row(qtbot) -> None:
    source = Source(a=50)
    model = TextModel(source, "a")
    model.reload()
    view = _view(qtbot, model)
    assert model.select(view, 5)
    assert view.currentIndex().row() == 5

    source.rows["a"].insert(0, Row(100, "new"))
    model.reload_keeping(view)

    assert model.row_at(view.currentIndex().row()).id == 5
    assert view.currentIndex().row() == 6
    assert view.selectionModel().isRowSelected(6, QModelIndex())
    assert model.row_of(100) == 0 and model.row_of(999) == -1
    assert not model.select(view, 999)


def test_an_export_asks_the_total_now_when_it_is_not_known_yet(qtbot) -> None:
    source = Source(a=250)
    model = TextModel(source, "a")
    model.reload()

    assert model.count_now() == 250
    qtbot.wait(20)
    assert source.counts == ["a"]  # the deferred count found it known and did not ask again
