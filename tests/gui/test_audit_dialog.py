"""Administration > Audit trail, and the audited showing of a whole ID number on the screens."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from stationapp.db import transaction
from stationapp.models.accounts import AuditEntry
from stationapp.services import accounts, audit, people
from stationapp.ui.audit import AuditDialog, AuditTableModel
from stationapp.ui.bus import ChangeBus
from stationapp.ui.main_window import MainWindow
from stationapp.ui.people.people_tab import PeopleTab
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.people.person_table_model import PersonTableModel
from stationapp.ui.people.picker import describe
from tests.helpers.ids import make_ric


def _write(actor, action: str, entity: str, entity_id: int | None, **details) -> None:
    with transaction():
        accounts.audit(actor, action, entity, entity_id, details)


def _person(admin, name: str = "解缙", seq: int = 124):
    number = make_ric(seq=seq)
    return people.create_person(admin, people.PersonInput(name=name, id_number=number)), number


def _views(entity: str = "person") -> list[AuditEntry]:
    return list(
        AuditEntry.select().where(AuditEntry.action == "view_full_id", AuditEntry.entity == entity)
    )


def test_table_model_passes_qt_model_tester(qtmodeltester, admin):
    for n in range(5):
        _write(admin, "lend", "loan", n, copy=f"TS{n:07d}")
    model = AuditTableModel(admin)
    model.reload(audit.AuditFilter())
    qtmodeltester.check(model)
    model.reload(audit.AuditFilter(action="lend"))
    assert model.rowCount() == 5
    qtmodeltester.check(model)


def test_admin_filters_by_action_and_reads_the_details(qtbot, show_active, admin, make_staff):
    lib = make_staff("lib", "librarian")
    _write(lib, "lend", "loan", 7, copy="TS0000001", person="张伟")
    _write(lib, "return", "loan", 7, days_late=2)
    dialog = show_active(AuditDialog(admin))
    everything = dialog.model.total
    assert everything >= 4 and dialog.model.rowCount() == everything
    assert str(everything) in dialog.count_label.text()

    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("lend"))
    assert dialog.model.total == 1
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "测试员 (lib)"
    assert dialog.model.index(0, 2).data() == audit.action_label("lend")
    assert dialog.model.index(0, 4).data() == "7"

    dialog.action_combo.setCurrentIndex(0)
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData(lib.id))
    assert [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())] == [
        audit.action_label("return"),
        audit.action_label("lend"),
    ]

    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dialog.search.hasFocus()
    qtbot.keyClicks(dialog.search, "TS0000001")
    qtbot.waitUntil(lambda: dialog.model.total == 1)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.table.hasFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.details.hasFocus()
    text = dialog.details.toPlainText()
    assert "测试员 (lib)" in text and '"copy": "TS0000001"' in text and "张伟" in text
    assert dialog.isVisible()  # Enter went to the list and the details, not to a button


def test_dates_default_to_the_last_30_days(qtbot, admin):
    dialog = AuditDialog(admin)
    qtbot.addWidget(dialog)
    chosen = dialog.current_filter()
    assert (chosen.date_to - chosen.date_from).days == 30
    dialog.date_to.setDate(dialog.date_from.date().addDays(-1))
    assert dialog.model.total == 0
    assert not dialog.export_button.isEnabled()


def test_export_from_the_dialog(qtbot, admin, tmp_path, monkeypatch):
    _write(admin, "lend", "loan", 7, copy="TS0000001")
    target = tmp_path / "trail.xlsx"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *args, **kwargs: (str(target), "Excel workbook (*.xlsx)"),
    )
    dialog = AuditDialog(admin)
    qtbot.addWidget(dialog)
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("lend"))
    dialog.export_button.click()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][6] == "lend"
    assert str(target) in dialog.bar.label.text()
    exported = AuditEntry.select().where(AuditEntry.action == "export").get()
    assert (exported.entity, json.loads(exported.details)["rows"]) == ("audit", 1)
    assert dialog.action_combo.findData("export") >= 0  # the lists follow the trail


def test_the_menu_action_is_for_administrators_only(qtbot, admin, make_staff, db_url, monkeypatch):
    opened: list[AuditDialog] = []
    monkeypatch.setattr(AuditDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert window.audit_action.isVisible()
    assert window.audit_action in window.admin_menu.actions()
    window.audit_action.trigger()
    assert len(opened) == 1 and opened[0].model.total > 0
    for role in ("front_desk", "mediation_head", "librarian"):
        window.set_actor(make_staff(role.replace("_", ""), role))
        assert not window.audit_action.isVisible(), role


# --- the whole ID number, shown on purpose ------------------------------------------------------


def test_person_page_shows_the_number_masked_until_asked(qtbot, admin, make_staff):
    person, number = _person(admin)
    desk = make_staff("desk", "front_desk")
    tab = PeopleTab(desk, ChangeBus())
    qtbot.addWidget(tab)
    tab.select_person(person.id)
    page = tab.page
    assert page.values["id"].text().endswith(people.mask_id(number))
    assert number not in page.values["id"].text()
    assert not page.reveal_button.isHidden()
    assert _views() == []

    page.reveal_button.click()
    assert page.values["id"].text().endswith(number)
    assert page.reveal_button.isHidden()
    assert [(e.staff_id, e.entity_id) for e in _views()] == [(desk.id, person.id)]

    tab.select_person(person.id)  # shown again: masked again
    assert number not in page.values["id"].text()


def test_a_role_without_the_right_has_no_show_button(qtbot, admin, make_staff):
    person, _number = _person(admin)
    tab = PeopleTab(make_staff("lib", "librarian"), ChangeBus())
    qtbot.addWidget(tab)
    tab.select_person(person.id)
    assert tab.page.reveal_button.isHidden()


def test_person_editor_reveals_the_number_before_it_can_be_changed(qtbot, admin, make_staff):
    person, number = _person(admin)
    desk = make_staff("desk", "front_desk")
    dialog = PersonDialog(desk, person=people.get_person(desk, person.id))
    qtbot.addWidget(dialog)
    assert dialog.id_number.text() == people.mask_id(number)
    assert dialog.id_number.isReadOnly()
    assert not dialog.reveal_button.isHidden()
    dialog.phone.setText("13812345678")
    dialog.submit()  # saved with the number kept as it is
    assert dialog.result() == dialog.DialogCode.Accepted
    assert people.get_person(admin, person.id).id_number == number
    assert _views() == []

    again = PersonDialog(desk, person=people.get_person(desk, person.id))
    qtbot.addWidget(again)
    again.reveal_button.click()
    assert again.id_number.text() == number
    assert not again.id_number.isReadOnly()
    assert again.reveal_button.isHidden()
    assert len(_views()) == 1
    changed = make_ric(seq=126)
    again.id_number.setText(changed)
    again.submit()
    assert people.get_person(admin, person.id).id_number == changed

    locked = PersonDialog(
        make_staff("lib", "librarian"), person=people.get_person(admin, person.id)
    )
    qtbot.addWidget(locked)
    assert locked.id_number.isReadOnly() and locked.reveal_button.isHidden()


def test_lists_and_search_results_show_the_number_masked(qtbot, admin):
    _record, number = _person(admin)
    model = PersonTableModel(admin)  # the administrator may see it whole, on purpose only
    for query in ("", number, number[-4:]):
        model.reload(query)
        cells = [
            str(model.index(r, c).data() or "")
            for r in range(model.rowCount())
            for c in range(model.columnCount())
        ]
        assert model.rowCount() == 1
        assert people.mask_id(number) in cells and not any(number in cell for cell in cells)
    found = people.search_people(admin, number)
    assert [number not in describe(p) for p in found] == [True]
    assert _views() == []
