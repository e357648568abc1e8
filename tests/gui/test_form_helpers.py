"""The shared form and list helpers the dialogs and pages are built from (issue #23): a form's
fields read and shown by name, ticks, choices, the small lists of a page and their rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.ui.dates import OptionalDate, date_edit
from stationapp.ui.fields import CheckList, field_value, set_field_value
from stationapp.ui.forms import (
    FormDialog,
    MessageBar,
    add_labelled,
    choice_box,
    edge_column,
    open_spreadsheet,
    shows_user_errors,
    text_box,
)
from stationapp.ui.table_model import (
    WARN_COLOR,
    TextsTableModel,
    load_rows,
    read_only_table,
    remembered_list,
)


@dataclass
class Record:
    held_on: date
    kind: str
    delegates: int | None
    matters: str
    station_part: str
    handbook_revised: bool
    since: date | None


def _form(qtbot) -> FormDialog:
    dialog = FormDialog(None, None, "A form")
    qtbot.addWidget(dialog)
    fields = dialog.fields
    fields.add_row("Held on", "held_on", date_edit(date(2026, 1, 5)))
    fields.add_row("Kind", "kind", choice_box(("workers", "members"), str.upper))
    count = QSpinBox()
    count.setRange(0, 100)
    count.setSpecialValueText("—")
    fields.add_row("Delegates", "delegates", count)
    fields.add_row("Matters", "matters", text_box(lines=3))
    fields.add_line("Part", "station_part", 20)
    fields.add_row("", "handbook_revised", QCheckBox("Handbook"))
    fields.add_row("Since", "since", OptionalDate("Known", None))
    return dialog


def test_a_form_shows_a_record_and_reads_it_back_by_field_name(qtbot) -> None:
    dialog = _form(qtbot)
    assert dialog.windowTitle() == "A form"
    record = Record(date(2026, 3, 9), "members", 42, "工资调整", "列席", True, date(2025, 6, 1))
    dialog.fields.fill(record)
    assert dialog.fields.values() == vars(record)
    # "Not known": a spin box at its minimum showing its special text, an optional date unticked.
    dialog.fields.fill(Record(date(2026, 3, 9), "workers", None, "", "", False, None))
    values = dialog.fields.values("delegates", "since", "kind")
    assert values == {"delegates": None, "since": None, "kind": "workers"}


def test_each_kind_of_field_reads_as_a_service_takes_it(qtbot) -> None:
    editable = QComboBox()
    editable.setEditable(True)
    editable.addItems(["Spouse", "Child"])
    editable.lineEdit().setText("邻居")  # any text may be typed: the value is the text
    fixed = QComboBox()
    fixed.addItem("Spouse", "spouse")
    line, text, tick = QLineEdit("a"), QPlainTextEdit("b\nc"), QCheckBox()
    tick.setChecked(True)
    plain = QSpinBox()
    plain.setRange(0, 9)  # no "not known" text: 0 is a number
    for widget in (editable, fixed, line, text, tick, plain):
        qtbot.addWidget(widget)
    assert [field_value(w) for w in (editable, fixed, line, text, tick, plain)] == [
        "邻居",
        "spouse",
        "a",
        "b\nc",
        True,
        0,
    ]
    set_field_value(fixed, "not offered")  # a choice not offered shows the first
    set_field_value(line, None)
    assert (fixed.currentIndex(), line.text()) == (0, "")


def test_an_optional_date_is_ticked_by_its_value() -> None:
    since = OptionalDate("Known", None, until_today=False, display="yyyy-MM-dd")
    assert since.value() is None and not since.edit.isEnabled()
    since.set_value(date(2030, 2, 3))  # not capped at today
    assert since.value() == date(2030, 2, 3) and since.edit.isEnabled()
    assert since.edit.displayFormat() == "yyyy-MM-dd"
    assert since.edit.maximumDate().toPython() > today()
    capped = OptionalDate("Known", None)  # a date that has happened: at the latest today
    assert capped.edit.maximumDate().toPython() == today()


def test_a_check_list_gives_the_data_of_the_ticked_choices(qtbot) -> None:
    ticks = CheckList([(7, "云帆科技"), (9, "明珠国际"), (11, "顺达物流")], ticked={9})
    qtbot.addWidget(ticks)
    assert ticks.value() == [9]
    ticks.item(0).setCheckState(Qt.CheckState.Checked)
    assert ticks.value() == [7, 9]
    assert ticks.item(2).flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_a_choice_may_start_with_any(qtbot) -> None:
    combo = choice_box(("a", "b"), str.upper, first=("Any", None))
    qtbot.addWidget(combo)
    assert [(combo.itemText(i), combo.itemData(i)) for i in range(3)] == [
        ("Any", None),
        ("A", "a"),
        ("B", "b"),
    ]


def test_a_submit_shows_its_refusal_at_the_field_and_passes_a_slots_argument(qtbot) -> None:
    class Dialog(FormDialog):
        def __init__(self) -> None:
            super().__init__(None, None, scrolled=True)
            self.name = self.fields.add_line("Name", "name")
            self.added: list[int] = []

        @shows_user_errors
        def add(self, person_id: int) -> None:
            if person_id < 0:
                raise UserError("Give a name.", field="name")
            self.added.append(person_id)

    dialog = Dialog()
    qtbot.addWidget(dialog)
    assert isinstance(dialog.column.itemAt(1).widget(), QScrollArea)  # the long form scrolls
    dialog.add(5)
    dialog.add(-1)
    assert dialog.added == [5] and dialog.fields.error_label("name").text() == "Give a name."


@dataclass
class Row:
    name: str
    count: int
    late: bool


def test_a_small_list_shows_texts_numbers_right_and_warnings_in_red(qtbot) -> None:
    model = TextsTableModel(
        ["Name", "Count"], lambda r: [r.name, str(r.count)], (1,), lambda r: r.late
    )
    bar = MessageBar()
    qtbot.addWidget(bar)
    assert load_rows(model, lambda: [Row("甲", 3, False), Row("乙", 12, True)], bar) != []
    assert model.data(model.index(1, 1)) == "12"
    assert (
        model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
        & Qt.AlignmentFlag.AlignRight
    )
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) == QColor(WARN_COLOR)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None

    def refused() -> list[Row]:
        raise UserError("Your account may not read this.")

    assert load_rows(model, refused, bar) == [] and model.rowCount() == 0
    assert bar.label.text() == "Your account may not read this."


def test_the_read_only_read_only_table_and_the_remembered_list(qtbot) -> None:
    table = read_only_table(["Building", "Address"])
    qtbot.addWidget(table)
    assert table.columnCount() == 2 and table.horizontalHeaderItem(1).text() == "Address"
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not table.tabKeyNavigation() and table.verticalHeader().isHidden()
    listed = remembered_list(TextsTableModel(["A"], lambda r: [r]), "helpers_test", 0)
    qtbot.addWidget(listed)
    assert listed.objectName() == "helpers_test_table" and not listed.verticalHeader().isVisible()


def test_a_label_takes_its_field_and_a_part_fills_its_place(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    column = edge_column(holder)
    assert column.contentsMargins().left() == 0 and column.contentsMargins().top() == 0
    row = QHBoxLayout()
    column.addLayout(row)
    edit = QLineEdit()
    label = add_labelled(row, "&Find:", edit, 2)
    assert isinstance(label, QLabel) and label.buddy() is edit and row.stretch(1) == 2


def test_choosing_a_spreadsheet_gives_its_path_or_none(qtbot, monkeypatch, tmp_path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[tuple] = []

    def chosen(*args):
        asked.append(args)
        return (str(tmp_path / "list.xlsx"), "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chosen)
    assert open_spreadsheet(parent, "Choose", "Spreadsheets (*.xlsx)", str(tmp_path)) == Path(
        tmp_path / "list.xlsx"
    )
    assert asked[0][1:] == ("Choose", str(tmp_path), "Spreadsheets (*.xlsx)")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: ("", ""))
    assert open_spreadsheet(parent, "Choose", "Spreadsheets (*.xlsx)") is None
