from __future__ import annotations

from PySide6.QtCore import Qt

from stationapp.services import people
from stationapp.ui.people.picker import PersonPicker


def _add(admin, name: str, phone: str):
    return people.create_person(admin, people.PersonInput(name=name, phone=phone))


def test_type_arrows_enter_picks_a_person(qtbot, show_active, admin):
    first = _add(admin, "王芳", "13812345678")
    second = _add(admin, "王方", "13912345678")
    picker = show_active(PersonPicker(admin))
    picker.setFocus()
    qtbot.keyClicks(picker.edit, "wangf")
    qtbot.waitUntil(lambda: picker.results.isVisible())
    ids = [picker.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert set(ids) == {first.id, second.id}
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.person_chosen) as chosen:
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert chosen.args == [ids[1]]


def test_enter_right_after_typing_searches_first(qtbot, show_active, admin):
    person = _add(admin, "欧阳修", "13812345678")
    picker = show_active(PersonPicker(admin))
    qtbot.keyClicks(picker.edit, "5678")
    with qtbot.waitSignal(picker.person_chosen) as chosen:
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert chosen.args == [person.id]


def test_no_match_offers_new_person_with_the_typed_text(qtbot, show_active, admin):
    picker = show_active(PersonPicker(admin))
    picker.edit.setText("李白")  # QTest types ASCII only
    picker.search_now()
    assert "李白" in picker.results.item(0).text()
    with qtbot.waitSignal(picker.new_person_requested) as requested:
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert requested.args == ["李白"]


def test_escape_clears(qtbot, show_active, admin):
    _add(admin, "张伟", "13812345678")
    picker = show_active(PersonPicker(admin))
    qtbot.keyClicks(picker.edit, "zw")
    picker.search_now()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Escape)
    assert picker.edit.text() == "" and not picker.results.isVisible()
