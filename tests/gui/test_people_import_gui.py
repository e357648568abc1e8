"""People > Bulk import…: the columns shown and corrected, refusals, the good rows, progress."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from stationapp.models.accounts import AuditEntry
from stationapp.models.people import Person
from stationapp.ui.bus import ChangeBus
from stationapp.ui.people.import_dialog import ImportDialog
from stationapp.ui.people.people_tab import PeopleTab
from tests.helpers.ids import make_ric
from tests.helpers.screen import SCREEN_LIMIT, lists_keeping_tab, mnemonic_clashes, too_large

HEADER = ["序号", "姓名", "性别", "身份证号", "手机", "工作单位", "入会时间", "单位电话"]


def _rows(count: int) -> list[list[object]]:
    names = ["张伟", "李芳", "王娜", "刘敏", "陈静"]
    return [
        [
            n + 1,
            names[n],
            "男",
            make_ric(seq=n * 2 + 1),
            f"1391234{n:04d}",
            "北京建国有限公司",
            "2019.05",
            f"6512{n:04d}",
        ]
        for n in range(count)
    ]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["建国门街道工会会员花名册（2024年）"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _dialog(qtbot, actor, path: Path, monkeypatch) -> ImportDialog:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    dialog = ImportDialog(actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.choose_button.click()
    return dialog


def test_the_columns_are_preselected_and_a_changed_mapping_is_used(
    qtbot, admin, tmp_path, monkeypatch
):
    path = _xlsx(tmp_path / "roster.xlsx", _rows(2))
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    assert "Header row: 2" in dialog.header_label.text()
    assert dialog.mapping() == {
        "name": "姓名",
        "gender": "性别",
        "id_number": "身份证号",
        "phone": "手机",
        "workplace": "工作单位",
        "joined_on": "入会时间",
        "member_card": None,
        "birth_date": None,
        "notes": None,
    }
    assert "序号" in dialog.ignored_label.text() and "单位电话" in dialog.ignored_label.text()
    # The office phone is the one the person wants kept as the phone; the mobile goes to notes.
    phone = dialog.combos["phone"]
    phone.setCurrentIndex(phone.findData("单位电话"))
    notes = dialog.combos["notes"]
    notes.setCurrentIndex(notes.findData("手机"))
    assert "单位电话" not in dialog.ignored_label.text()
    dialog.import_button.click()
    zhang = Person.get(Person.name == "张伟")
    assert zhang.notes == "13912340000"
    assert "People added: 2" in dialog.bar.label.text()


def test_a_column_chosen_twice_or_no_names_is_said_before_importing(
    qtbot, admin, tmp_path, monkeypatch
):
    path = _xlsx(tmp_path / "roster.xlsx", _rows(1))
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    notes = dialog.combos["notes"]
    notes.setCurrentIndex(notes.findData("姓名"))
    dialog.import_button.click()
    assert "“姓名” is chosen for both Name and Notes" in dialog.bar.label.text()
    dialog.combos["name"].setCurrentIndex(0)
    dialog.import_button.click()
    assert "Choose the column that holds the names." in dialog.bar.label.text()
    assert Person.select().count() == 0


def test_a_bad_row_is_shown_and_nothing_written_then_the_good_rows_are_imported(
    qtbot, admin, tmp_path, monkeypatch
):
    rows = _rows(3)
    rows[1][2] = "未知"  # the gender of row 4 (title, header, then the rows)
    path = _csv(tmp_path / "roster.csv", [HEADER, *rows])
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    assert "Header row: 1" in dialog.header_label.text()
    dialog.update_check.setChecked(True)
    phone = dialog.combos["phone"]
    phone.setCurrentIndex(phone.findData("单位电话"))
    chosen = dialog.mapping()
    dialog.import_button.click()
    assert Person.select().count() == 0
    assert "Nothing was imported" in dialog.bar.label.text()
    assert dialog.problems.isVisibleTo(dialog)
    assert dialog.problems.rowCount() == 1
    cells = [dialog.problems.item(0, column).text() for column in range(3)]
    assert cells == ["3", "性别", "Write the gender as 男 or 女."]
    # What was chosen stays.
    assert dialog.mapping() == chosen and dialog.update_check.isChecked()
    assert dialog.path == path
    good = dialog.good_rows_button
    assert good.isVisibleTo(dialog) and good.text().replace("&", "") == "Import the 2 good row(s)"
    dialog.update_check.setChecked(False)  # the count was for the choice as it was
    assert not good.isVisibleTo(dialog)
    dialog.update_check.setChecked(True)
    dialog.import_button.click()
    assert Person.select().count() == 0 and good.isVisibleTo(dialog)
    good.click()
    assert sorted(p.name for p in Person.select()) == ["张伟", "王娜"]
    assert Person.get(Person.name == "张伟").phone == "010-65120000"
    refused = tmp_path / "roster-refused.xlsx"
    assert refused.exists()
    assert str(refused) in dialog.bar.label.text()
    assert "1 row(s) with problems were left out" in dialog.bar.label.text()
    assert not dialog.problems.isVisibleTo(dialog) and not good.isVisibleTo(dialog)


def test_success_shows_the_counts_and_the_people_list_shows_them(
    qtbot, admin, tmp_path, monkeypatch
):
    bus = ChangeBus()  # the main window's, kept as long as the tab
    tab = PeopleTab(admin, bus)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0
    path = _xlsx(tmp_path / "roster.xlsx", _rows(3))
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    dialog.import_button.click()
    text = dialog.bar.label.text()
    assert "Imported 3 row(s) from roster.xlsx." in text
    assert "People added: 3; completed: 0; unchanged: 0; workplaces added: 1." in text
    listed = {tab.model.person_at(row).name for row in range(tab.model.rowCount())}
    assert listed == {"张伟", "李芳", "王娜"}
    dialog.import_button.click()  # the same file again: everyone is on file already
    assert "People added: 0; completed: 0; unchanged: 3" in dialog.bar.label.text()


def test_cancel_in_the_progress_writes_nothing(qtbot, admin, tmp_path, monkeypatch):
    path = _xlsx(tmp_path / "roster.xlsx", _rows(3))
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    dialog.import_button.click()
    assert Person.select().count() == 0
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()
    assert "Import cancelled; nothing was written." in dialog.bar.label.text()
    assert dialog.mapping()["name"] == "姓名"


def test_an_unreadable_file_is_said_at_the_top(qtbot, admin, tmp_path, monkeypatch):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"not a workbook")
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    assert dialog.bar.isVisibleTo(dialog) and dialog.bar.label.text()
    assert not dialog.import_button.isEnabled()
    no_header = _csv(tmp_path / "list.csv", [["a", "b"], ["1", "2"]])
    dialog.load(no_header)
    assert "no column for the names" in dialog.bar.label.text()
    assert "姓名" in dialog.problems.item(0, 2).text()
    assert not dialog.good_rows_button.isVisibleTo(dialog)


@pytest.mark.parametrize(
    ("role", "may_import"), [("front_desk", True), ("admin", True), ("librarian", False)]
)
def test_the_button_follows_the_permissions(qtbot, admin, make_staff, role, may_import):
    tab = PeopleTab(make_staff("someone", role), ChangeBus())
    qtbot.addWidget(tab)
    assert tab.import_button.isHidden() is not may_import


def test_the_button_has_an_access_key_of_its_own(qtbot, show_active, admin, monkeypatch):
    from stationapp.services import people

    people.create_person(admin, people.PersonInput(name="张三", phone="13812345678"))
    opened: list[ImportDialog] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: opened.append(self) or 0)
    tab = show_active(PeopleTab(admin, ChangeBus()))
    tab.select_person(tab.model.person_at(0).id)
    assert not mnemonic_clashes(tab)
    qtbot.keyClick(tab.table, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(opened) == 1)


def test_the_dialog_fits_the_screen_and_its_keys_are_unique(
    qtbot, show_active, admin, tmp_path, monkeypatch
):
    rows = _rows(3)
    rows[0][2] = "?"
    path = _csv(tmp_path / "roster.csv", [HEADER, *rows])
    dialog = _dialog(qtbot, admin, path, monkeypatch)
    dialog.import_button.click()  # refused: the problems and the good rows button show
    assert dialog.good_rows_button.isVisibleTo(dialog)
    assert not mnemonic_clashes(dialog)
    assert not lists_keeping_tab(dialog)
    assert too_large(dialog) == (0, 0)
    width, height = SCREEN_LIMIT
    hint = dialog.sizeHint()
    assert hint.width() <= width and hint.height() <= height
    assert dialog.width() <= width and dialog.height() <= height
    # Every field is reachable by Tab, in reading order.
    dialog.activateWindow()
    dialog.choose_button.setFocus()
    reached = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    for widget in (
        *dialog.combos.values(),
        dialog.update_check,
        dialog.problems,
        dialog.import_button,
        dialog.good_rows_button,
    ):
        assert widget in reached, widget.objectName() or widget.text()
