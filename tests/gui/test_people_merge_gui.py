"""People > More > Merge a duplicate into this (issue #21, part 7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QRadioButton

from stationapp.models.people import Person
from stationapp.models.visits import Visit
from stationapp.services import people, visits
from stationapp.services.people import PersonInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.people import merge as merge_ui
from stationapp.ui.people.merge import MergeDialog
from stationapp.ui.people.people_tab import PeopleTab
from tests.helpers.service_inputs import service_input, visit_input


def _add(admin, name: str, phone: str, **fields) -> Person:
    return people.create_person(
        admin, PersonInput(name=name, phone=phone, **fields), allow_duplicate=True
    )


def test_the_dialog_shows_both_sides_and_merges_the_chosen_values(qtbot, admin, monkeypatch):
    keep = _add(admin, "王芳", "13812345678", notes="老档案")
    other = _add(admin, "王芳", "13987654321", notes="老档案")
    service = visits.create_service(admin, service_input())
    visit = visits.record_visit(admin, visit_input(other.id, service.id))
    dialog = MergeDialog(admin, keep.id)
    qtbot.addWidget(dialog)
    assert not dialog.merge_button.isEnabled()

    dialog.picker.edit.setText("13987654321")
    dialog.picker.search_now()
    qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
    assert dialog.other_id == other.id

    radios = {b.objectName(): b for b in dialog.findChildren(QRadioButton)}
    assert radios["merge_phone_keep"].text() == "13812345678"
    assert radios["merge_phone_other"].text() == "13987654321"
    assert radios["merge_phone_keep"].isChecked()
    assert "merge_name_keep" not in radios  # both agree: no choice
    assert "merge_notes_keep" not in radios
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "老档案" in texts
    assert "1 visit" in dialog.moves.text()
    assert dialog.merge_button.isEnabled()

    radios["merge_phone_other"].setChecked(True)
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kw):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.merge_button.click()  # answered No: nothing happens
    assert Person.get_by_id(other.id).merged_into_id is None
    dialog.merge_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Person.get_by_id(keep.id).phone == "13987654321"
    assert Person.get_by_id(other.id).merged_into_id == keep.id
    assert Visit.get_by_id(visit.id).person_id == keep.id


def test_the_people_tab_merges_from_the_more_menu(qtbot, admin, monkeypatch):
    keep = _add(admin, "李娜", "13812340001")
    other = _add(admin, "李娜", "13812340002")
    tab = PeopleTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    tab.page.show_person(keep.id)
    assert tab.page.merge_action.isVisible()

    def run(dialog: MergeDialog) -> QDialog.DialogCode:
        dialog.choose_other(other.id)
        assert dialog.merge_now()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(merge_ui.MergeDialog, "exec", run)
    tab.page.merge_action.trigger()
    assert Person.get_by_id(other.id).merged_into_id == keep.id
    assert tab.bar.label.text() == "The two records were merged."
    tab.page.show_person(other.id)
    assert "Merged into 李娜" in tab.page.inactive_note.text()
    assert not tab.page.merge_action.isVisible()
    assert not tab.page.edit_button.isEnabled()


def test_a_merge_with_oneself_is_said_in_the_bar(qtbot, admin):
    keep = _add(admin, "赵敏", "13812340003")
    dialog = MergeDialog(admin, keep.id)
    qtbot.addWidget(dialog)
    dialog.choose_other(keep.id)
    assert dialog.other_id is None
    assert "itself" in dialog.bar.label.text()
    assert not dialog.merge_button.isEnabled()
