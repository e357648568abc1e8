"""People > Export…: the file holds the rows the list shows, masked for the one exporting."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from stationapp.services import people
from stationapp.ui.bus import ChangeBus
from stationapp.ui.people.people_tab import PeopleTab
from tests.helpers.ids import make_ric
from tests.helpers.screen import mnemonic_clashes, mnemonic_of


def _add(admin, name: str, phone: str, **extra):
    return people.create_person(admin, people.PersonInput(name=name, phone=phone, **extra))


def _tab(qtbot, actor) -> PeopleTab:
    tab = PeopleTab(actor, ChangeBus())
    qtbot.addWidget(tab)
    return tab


def test_export_writes_the_rows_shown_after_a_search(
    qtbot, show_active, admin, make_staff, tmp_path, monkeypatch
):
    wang_id = make_ric(seq=124)
    _add(admin, "王芳", "13812345678", id_number=wang_id)
    _add(admin, "王强", "13912345678")
    _add(admin, "李四", "13700001111", id_number=make_ric(seq=126))
    desk = make_staff("desk", "front_desk")
    target = tmp_path / "out" / "people"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    tab = show_active(PeopleTab(desk, ChangeBus()))
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "wang")
    tab.export()  # before the search's timer fired: the export runs the search first
    shown = [tab.model.person_at(row).name for row in range(tab.model.rowCount())]
    assert sorted(shown) == ["王强", "王芳"]
    written = target.with_name("people.xlsx")  # the suffix is added
    rows = list(load_workbook(written).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert [row[header.index("Name")] for row in body] == shown
    wang = next(row for row in body if row[header.index("Name")] == "王芳")
    # The front desk sees the number as the list shows it, never whole in a file.
    assert wang[header.index("ID number")] == people.mask_id(wang_id)
    assert wang_id not in {str(value) for row in body for value in row}
    assert wang[header.index("Phone")] == "13812345678"  # person.export_phone
    assert "Exported 2 people to" in tab.bar.label.text()
    assert str(written) in tab.bar.label.text()


def test_export_of_the_whole_list_and_a_cancelled_file_question(
    qtbot, admin, tmp_path, monkeypatch
):
    for name in ("张三", "李四", "王五"):
        _add(admin, name, "")
    tab = _tab(qtbot, admin)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    tab.export()
    assert tab.bar.isHidden()
    target = tmp_path / "all.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    tab.export()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + 3
    assert "Exported 3 people to" in tab.bar.label.text()


@pytest.mark.parametrize(
    ("role", "may_export"),
    [
        ("front_desk", True),
        ("organiser", True),
        ("admin", True),
        ("librarian", False),
        ("mediator", False),
        ("mediation_head", False),
    ],
)
def test_export_button_follows_the_permission(qtbot, admin, make_staff, role, may_export):
    tab = _tab(qtbot, make_staff("someone", role))
    assert tab.export_button.isHidden() is not may_export


def test_export_has_an_access_key_of_its_own(qtbot, show_active, admin, monkeypatch):
    _add(admin, "张三", "13812345678")
    asked: list[str] = []

    def ask(*args, **kwargs):
        asked.append(args[1])
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    tab = show_active(PeopleTab(admin, ChangeBus()))
    tab.select_person(tab.model.person_at(0).id)
    letter = mnemonic_of(tab.export_button.text())
    assert letter and letter.upper() not in "FRAHTVPBEM"  # the menus and the main tabs
    assert not mnemonic_clashes(tab)
    qtbot.keyClick(tab.table, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == ["Export people"])
