from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

from stationapp.ui import layout_state


def _table(qtbot, rows: list[list[str]]) -> QTableView:
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["状态", "事项", "日期"])
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    table.resize(900, 300)
    for row in rows:
        model.appendRow([QStandardItem(text) for text in row])
    return table


def test_columns_are_sized_from_their_content_once_the_list_is_shown(qtbot):
    table = _table(qtbot, [])
    layout_state.restore_columns(table, "probe", (40, 40, 40), stretch=1)
    assert not table.tabKeyNavigation()
    table.show()
    qtbot.waitExposed(table)
    table.model().appendRow([QStandardItem(t) for t in ("等待补充材料", "办理京卡", "2026-12-07")])
    qtbot.waitUntil(lambda: table.columnWidth(0) > 40)
    # The state column shows its whole text; the stretch column takes the rest of the width.
    assert table.columnWidth(0) >= table.sizeHintForColumn(0)
    assert table.columnWidth(2) >= table.sizeHintForColumn(2)
    header = table.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
    assert table.columnWidth(1) > table.columnWidth(0)


def test_widths_are_each_staff_members_own(qtbot):
    first = _table(qtbot, [["a", "b", "c"]])
    layout_state.set_profile("frontdesk")
    try:
        layout_state.restore_columns(first, "probe", (40, 40, 40))
        first.setColumnWidth(0, 155)
        layout_state.save_columns(first, "probe")
        layout_state.set_profile("librarian")
        other = _table(qtbot, [["a", "b", "c"]])
        layout_state.restore_columns(other, "probe", (40, 40, 40))
        assert other.columnWidth(0) == 40
        layout_state.set_profile("frontdesk")
        again = _table(qtbot, [["a", "b", "c"]])
        layout_state.restore_columns(again, "probe", (40, 40, 40))
        assert again.columnWidth(0) == 155
    finally:
        layout_state.set_profile("")
