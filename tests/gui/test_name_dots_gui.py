"""A name typed with the katakana middle dot (or a bullet) is saved with the 间隔号 U+00B7, and
the desk's quick registration offers the person already on file (issue #21)."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from stationapp.models.people import Person
from stationapp.services import people
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.visits.register import QuickPersonDialog

PHONE = "13912345678"


def _type_with_input_method(widget: QWidget, text: str) -> None:
    """Chinese reaches a field as an input method's commit, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_person_dialog_saves_the_one_dot(qtbot, admin) -> None:
    dialog = PersonDialog(admin)
    qtbot.addWidget(dialog)
    _type_with_input_method(dialog.name, "买买提・艾力")
    qtbot.keyClicks(dialog.phone, PHONE)
    assert dialog.name.text() == "买买提\u30fb艾力"
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [p.name for p in Person.select()] == ["买买提\u00b7艾力"]


def test_quick_registration_offers_the_person_typed_with_another_dot(qtbot, admin) -> None:
    existing = people.create_person(admin, people.PersonInput(name="买买提·艾力", phone=PHONE))
    dialog = QuickPersonDialog(admin, text="买买提•艾力")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.phone, PHONE)
    dialog.submit()
    assert not dialog.use_existing.isHidden()
    dialog.use_existing.click()
    assert dialog.person is not None and dialog.person.id == existing.id
    assert Person.select().count() == 1
