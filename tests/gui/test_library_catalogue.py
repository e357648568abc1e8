"""The catalogue widget, its dialogs, the import with its problem list, and barcode labels."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog
from stdnum import isbn as stdnum_isbn

from stationapp.models.accounts import LIBRARIAN, AuditEntry
from stationapp.models.library import CirculationRule, Copy, Title
from stationapp.services import library
from stationapp.ui.bus import ChangeBus
from stationapp.ui.library.catalogue import CatalogueWidget
from stationapp.ui.library.catalogue_import import ImportProblemsDialog
from stationapp.ui.library.labels import LabelsDialog, labels_for, write_labels_pdf
from stationapp.ui.library.rules_dialog import RulesDialog
from stationapp.ui.library.title_dialog import CopyDialog, CopyStatusDialog, TitleDialog
from stationapp.ui.library.title_model import TitleTableModel
from tests.helpers import spreadsheets

HUOZHE_13 = "9787506365437"
HUOZHE_10 = "7-5063-6543-X"


@pytest.fixture
def librarian(make_staff):
    return make_staff("librarian", LIBRARIAN)


def _title(actor, name: str, *, isbn: str = "", barcodes: tuple[str, ...] = ()) -> Title:
    title = library.create_title(actor, library.TitleInput(title=name, isbn=isbn, author="作者"))
    for barcode in barcodes:
        library.add_copy(actor, title.id, library.CopyInput(barcode=barcode, price="25.5"))
    return title


def _widget(qtbot, actor) -> CatalogueWidget:
    widget = CatalogueWidget(actor, ChangeBus())
    qtbot.addWidget(widget)
    return widget


def test_isbn_10_typed_into_the_dialog_is_stored_as_isbn_13(qtbot, librarian):
    dialog = TitleDialog(librarian)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("活着")
    dialog.author.setText("余华")
    dialog.isbn.setText(HUOZHE_10)
    dialog.year.setText("2012")
    dialog.barcode.setText("TS0001")
    dialog.location.setText("一楼")
    dialog.price.setText("20")
    dialog.submit()
    assert dialog.result() == TitleDialog.DialogCode.Accepted
    title = Title.get(Title.title == "活着")
    assert title.isbn == HUOZHE_13 and title.year == 2012
    [copy] = title.copies
    assert (copy.barcode, copy.location, str(copy.price)) == ("TS0001", "一楼", "20")


def test_wrong_check_digit_shows_at_the_isbn_field_and_keeps_the_text(qtbot, librarian):
    dialog = TitleDialog(librarian)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("活着")
    dialog.isbn.setText("978-7-5063-6543-8")
    dialog.year.setText("1200")
    dialog.submit()
    assert dialog.saved is None
    assert "ISBN" in dialog.fields.error_label("isbn").text()
    assert dialog.fields.error_label("year").text()  # every problem at once
    assert dialog.isbn.text() == "978-7-5063-6543-8"
    assert dialog.title_edit.text() == "活着"
    assert Title.select().count() == 0


def test_taken_barcode_of_the_first_copy_saves_neither(qtbot, librarian):
    _title(librarian, "茶馆", barcodes=("TS0001",))
    dialog = TitleDialog(librarian)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("雷雨")
    dialog.barcode.setText("ts0001")
    dialog.submit()
    assert dialog.fields.error_label("barcode").text()
    assert Title.select().count() == 1
    dialog.price.setText("30")
    dialog.barcode.clear()
    dialog.submit()
    assert dialog.fields.error_label("barcode").text()  # a price with no copy to put it on


def test_title_without_isbn_can_be_added(qtbot, librarian):
    dialog = TitleDialog(librarian)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("街道工会工作手册")
    dialog.item_type.setCurrentIndex(dialog.item_type.findData("reference"))
    dialog.submit()
    assert dialog.saved is not None
    assert dialog.saved.isbn == "" and dialog.saved.item_type == "reference"
    assert dialog.saved.copies.count() == 0


def test_editing_a_title_hides_the_first_copy(qtbot, librarian):
    title = _title(librarian, "围城", isbn="9787020090006")
    dialog = TitleDialog(librarian, title=title)
    qtbot.addWidget(dialog)
    assert dialog.isbn.text() == "978-7-02-009000-6"
    assert not dialog.barcode.isVisibleTo(dialog)
    dialog.publisher.setText("人民文学出版社")
    dialog.submit()
    assert Title.get_by_id(title.id).publisher == "人民文学出版社"


def test_quick_add_prefills_the_isbn(qtbot, librarian, monkeypatch):
    widget = _widget(qtbot, librarian)
    seen = {}

    def fake_exec(dialog):
        seen["isbn"] = dialog.isbn.text()
        dialog.title_edit.setText("活着")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(TitleDialog, "exec", fake_exec)
    title = widget.quick_add("9787506365437")
    assert stdnum_isbn.compact(seen["isbn"]) == HUOZHE_13
    assert title is not None and title.isbn == HUOZHE_13
    assert widget.current_title_id == title.id
    assert widget.heading.text() == "活着"


def test_title_table_model_passes_the_model_tester(qtbot, qtmodeltester, librarian):
    for index in range(120):
        _title(librarian, f"职工读物{index:03d}", barcodes=(f"TS{index:04d}",) if index < 3 else ())
    model = TitleTableModel(librarian)
    model.reload("")
    assert model.rowCount() == 100 and model.canFetchMore()
    qtbot.waitUntil(lambda: model.total == 120)  # counted after the first page shows
    qtmodeltester.check(model)
    model.fetchMore()
    assert model.rowCount() == 120 and not model.canFetchMore()
    assert model.data(model.index(0, 6)) == "1/1"
    model.reload("zgdw119")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_search_finds_by_isbn_and_shows_the_copies(qtbot, librarian):
    title = _title(librarian, "活着", isbn=HUOZHE_13, barcodes=("TS0001", "TS0002"))
    _title(librarian, "围城")
    widget = _widget(qtbot, librarian)
    assert widget.model.rowCount() == 2
    widget.search.setText(HUOZHE_10)
    widget.refresh()
    assert [t.id for t in widget.model.rows] == [title.id]
    assert widget.model.data(widget.model.index(0, 2)) == "978-7-5063-6543-7"
    widget.select_title(title.id)
    assert widget.copies_table.rowCount() == 2
    assert widget.copies_table.item(0, 1).text() == library.copy_status_label("available")
    assert "25.50" in widget.copies_table.item(0, 3).text()
    widget.search.setText("没有这本书")
    widget.refresh()
    assert widget.stack.currentWidget() is widget.empty


def test_copy_dialogs_add_edit_and_withdraw(qtbot, librarian):
    title = _title(librarian, "边城", barcodes=("TS0001",))
    add = CopyDialog(librarian, title_id=title.id)
    qtbot.addWidget(add)
    add.barcode.setText("TS0001")
    add.submit()
    assert add.fields.error_label("barcode").text() and add.barcode.text() == "TS0001"
    add.barcode.setText("TS0002")
    add.price.setText("abc")
    add.submit()
    assert add.fields.error_label("price").text()
    add.price.setText("18.00")
    add.submit()
    assert add.saved is not None and add.saved.barcode == "TS0002"

    edit = CopyDialog(librarian, copy=add.saved)
    qtbot.addWidget(edit)
    assert edit.price.text() == "18.00"
    edit.location.setText("流动书架")
    edit.submit()
    assert Copy.get(Copy.barcode == "TS0002").location == "流动书架"

    status = CopyStatusDialog(librarian, Copy.get(Copy.barcode == "TS0002"))
    qtbot.addWidget(status)
    status.status.setCurrentIndex(status.status.findData("lost"))
    status.submit()
    assert Copy.get(Copy.barcode == "TS0002").status == "lost"
    assert library.availability([title.id]) == {title.id: (1, 2)}


def test_rules_dialog_saves_a_rule_and_only_administrators_see_it(qtbot, admin, librarian):
    librarian_view = _widget(qtbot, librarian)
    assert not librarian_view.rules_action.isVisible()
    admin_view = _widget(qtbot, admin)
    assert admin_view.rules_action.isVisible()

    dialog = RulesDialog(admin)
    qtbot.addWidget(dialog)
    seeded = dialog.table.rowCount()  # everyone / everyone for reference works
    assert seeded == CirculationRule.select().count() == 2
    assert all(not dialog.table.cellWidget(r, 0).isEnabled() for r in range(seeded))
    row = dialog.add_row(None)
    cell = dialog.table.cellWidget
    cell(row, 0).setCurrentIndex(cell(row, 0).findData("member"))
    cell(row, 1).setCurrentIndex(cell(row, 1).findData("book"))
    cell(row, 2).setValue(28)
    cell(row, 4).setValue(2)
    assert dialog.save_row(row)
    rule = CirculationRule.get(CirculationRule.borrower_category == "member")
    assert (rule.borrower_category, rule.item_type, rule.loan_days, rule.renewals) == (
        "member",
        "book",
        28,
        2,
    )
    assert not cell(row, 0).isEnabled()
    # A second row for the same pair is refused rather than silently overwriting the first.
    again = dialog.add_row(None)
    cell(again, 0).setCurrentIndex(cell(again, 0).findData("member"))
    cell(again, 1).setCurrentIndex(cell(again, 1).findData("book"))
    assert not dialog.save_row(again)
    assert str(row + 1) in dialog.bar.label.text()
    assert CirculationRule.select().count() == seeded + 1

    reopened = RulesDialog(admin)
    qtbot.addWidget(reopened)
    assert reopened.table.rowCount() == seeded + 1
    member = [r for r in range(seeded + 1) if reopened.rule_input(r).borrower_category]
    assert [reopened.table.cellWidget(r, 2).value() for r in member] == [28]


def test_librarian_sees_catalogue_buttons_and_the_front_desk_does_not(qtbot, librarian, make_staff):
    view = _widget(qtbot, librarian)
    assert view.new_button.isVisibleTo(view) and view.import_action.isVisible()
    desk = _widget(qtbot, make_staff("desk", "front_desk"))
    assert not desk.new_button.isVisibleTo(desk) and not desk.import_action.isVisible()
    assert desk.quick_add(HUOZHE_13) is None
    assert HUOZHE_13 in desk.bar.label.text()


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_import_with_a_bad_row_lists_the_problems(qtbot, librarian, tmp_path, monkeypatch):
    path = _write_csv(
        tmp_path / "catalogue.csv",
        [["书名", "ISBN", "条码"], ["活着", HUOZHE_13, "TS1"], ["围城", "9787020090007", "TS2"]],
    )
    shown = []

    def fake_exec(dialog):
        shown.append(
            [
                tuple(dialog.table.item(row, col).text() for col in range(3))
                for row in range(dialog.table.rowCount())
            ]
        )
        return 0

    monkeypatch.setattr(ImportProblemsDialog, "exec", fake_exec)
    widget = _widget(qtbot, librarian)
    widget.import_file(path)
    [(row, column, message)] = shown[0]
    assert (row, column) == ("3", "ISBN") and "ISBN" in message
    assert widget.bar.label.text()
    assert Title.select().count() == 0


def test_import_shows_progress_and_offers_labels(qtbot, librarian, tmp_path, monkeypatch):
    rows = [["书名", "ISBN", "条码"]] + [["活着", HUOZHE_13, f"TS{i}"] for i in range(3)]
    path = _write_csv(tmp_path / "catalogue.csv", rows)
    offered = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        CatalogueWidget, "open_labels", lambda self, labels: offered.append(list(labels))
    )
    widget = _widget(qtbot, librarian)
    widget.import_file(path)
    assert Title.select().count() == 1 and Copy.select().count() == 3
    assert [label.barcode for label in offered[0]] == ["TS0", "TS1", "TS2"]
    assert offered[0][0].title == "活着"
    assert "3" in widget.bar.label.text()
    assert widget.model.rowCount() == 1


def test_import_cancelled_from_the_progress_dialog(qtbot, librarian, tmp_path, monkeypatch):
    rows = [["书名", "条码"]] + [[f"书{i}", f"TS{i}"] for i in range(500)]
    path = _write_csv(tmp_path / "catalogue.csv", rows)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    widget = _widget(qtbot, librarian)
    widget.import_file(path)
    assert Title.select().count() == 0
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()
    assert widget.bar.label.text()


@pytest.fixture(scope="module")
def strings_bomb(tmp_path_factory):
    """About 1.3 MB on disk, 300 MB of shared strings unpacked (issue 19, finding 7)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    rows = [["书名", "条码"], ["活着", "TS1"]]
    return spreadsheets.build(
        path, rows, {spreadsheets.SHARED_STRINGS: spreadsheets.shared_strings_bomb()}
    )


def test_a_shared_strings_bomb_is_refused_at_once_with_the_limit(
    qtbot, librarian, strings_bomb, monkeypatch
):
    asked = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **kw: asked.append(a))
    widget = _widget(qtbot, librarian)
    widget.import_file(strings_bomb)
    assert asked == []  # refused from the archive's directory, before any parsing
    assert "64 MB" in widget.bar.label.text()
    assert Title.select().count() == 0
    assert (
        widget.findChild(QProgressDialog) is None
        or not widget.findChild(QProgressDialog).isVisible()
    )


def test_cancel_on_the_progress_dialog_stops_a_long_read(qtbot, librarian, tmp_path):
    rows = {1: {"A": "书名", "B": "条码"}, 2: {"A": "活着", "B": "TS1"}}
    rows.update({number: {} for number in range(3, 100_003)})  # held by the sheet, all empty
    path = spreadsheets.build(
        tmp_path / "long.xlsx", [["x"]], {spreadsheets.SHEET: spreadsheets.sheet_xml(rows)}
    )
    widget = _widget(qtbot, librarian)
    pressed = []

    def press_cancel() -> None:
        dialog = widget.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            pressed.append(dialog.labelText())
            dialog.cancel()  # what the Cancel button does
        else:
            QTimer.singleShot(0, press_cancel)

    QTimer.singleShot(0, press_cancel)
    widget.import_file(path)
    assert pressed
    assert Title.select().count() == 0
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()
    assert widget.bar.label.text() == "Import cancelled; nothing was imported."


def test_labels_pdf_is_written(qtbot, librarian, tmp_path):
    title = _title(
        librarian,
        "平凡的世界（全三册）普及本，一部很长很长的书名会被截短",
        barcodes=tuple(f"TS{i:05d}" for i in range(30)),
    )
    Title.update(classification="I247.5").where(Title.id == title.id).execute()
    copies = list(Copy.select(Copy, Title).join(Title).order_by(Copy.barcode))
    path = write_labels_pdf(copies, tmp_path / "labels.pdf", start=4)
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == 2  # labels 4-24 on the first sheet, 9 on the second
    text = "".join(reader.pages[0].extract_text().split())
    assert "TS00000" in text and "I247.5" in text and "平凡的世界" in text

    dialog = LabelsDialog(labels_for(copies[:2]))
    qtbot.addWidget(dialog)
    assert "2" in dialog.summary.text()
    written = dialog.save_pdf(tmp_path / "two.pdf")
    assert written is not None and written.read_bytes().startswith(b"%PDF")


def test_keyboard_search_as_you_type_and_ctrl_n(qtbot, librarian, show_active, monkeypatch):
    _title(librarian, "活着", isbn=HUOZHE_13)
    _title(librarian, "围城")
    widget = show_active(CatalogueWidget(librarian, ChangeBus()))
    widget.focus_search()
    qtbot.keyClicks(widget.search, "wc")
    qtbot.waitUntil(lambda: [t.title for t in widget.model.rows] == ["围城"])
    qtbot.keyClick(widget.search, Qt.Key.Key_Down)
    assert widget.table.hasFocus() and widget.heading.text() == "围城"
    opened = []

    def fake_exec(dialog):
        opened.append(dialog.title_edit.text())
        return 0

    monkeypatch.setattr(TitleDialog, "exec", fake_exec)
    widget.search.setFocus()
    widget.search.setText("雷雨")
    qtbot.keyClick(widget.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["雷雨"]  # what was searched for is the new title's name
