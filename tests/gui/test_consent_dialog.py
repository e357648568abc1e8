"""The consent dialog of a person's page: recording consent, filling the hardship file and its
assistance, withdrawing (asked first, the covered fields emptied), marital status, and what each
role sees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, ORGANISER, Staff
from stationapp.models.people import Consent, HardshipAssistance, Person
from stationapp.services import consent, people
from stationapp.services.people import PersonInput
from stationapp.ui.people import consent as consent_ui
from stationapp.ui.people.consent import ConsentDialog
from stationapp.ui.people.person_page import PersonPage


class Questions:
    """The questions QMessageBox.question was asked, and the replies it gives (Yes when none)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.replies: list[QMessageBox.StandardButton] = []

    def __call__(self, _parent, _title, text, *_args, **_kw) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.replies.pop(0) if self.replies else QMessageBox.StandardButton.Yes


@pytest.fixture
def questions(monkeypatch) -> Questions:
    answer = Questions()
    monkeypatch.setattr(QMessageBox, "question", answer)
    return answer


@pytest.fixture
def desk(make_staff) -> Staff:
    return make_staff("desk1", FRONT_DESK)


@pytest.fixture
def person(desk) -> Person:
    return people.create_person(desk, PersonInput(name="刘芳", phone="13812345678"))


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _dialog(show_active, actor: Staff, person: Person) -> ConsentDialog:
    return show_active(ConsentDialog(actor, person.id))


def test_without_consent_the_file_is_disabled_with_a_hint(show_active, desk, person) -> None:
    dialog = _dialog(show_active, desk, person)
    assert dialog.hardship_notice.isVisible()
    assert "consent" in dialog.hardship_notice.text()
    for widget in (dialog.category, dialog.reasons, dialog.save_hardship_button):
        assert not widget.isEnabled()
    assert not dialog.add_assistance_button.isEnabled()
    assert dialog.marital_notice.isVisible()
    assert not dialog.marital.isEnabled() and not dialog.save_marital_button.isEnabled()
    for row in dialog.rows.values():
        assert row.record.isVisible() and not row.withdraw.isVisible()
        assert row.status.text() == "Not given"
    assert dialog.windowTitle().endswith("刘芳")


def test_record_fill_add_assistance_and_withdraw(
    qtbot, show_active, desk, person, questions
) -> None:
    dialog = _dialog(show_active, desk, person)
    row = dialog.rows["hardship"]
    row.method.setCurrentIndex(row.method.findData("oral"))
    row.note.setText("电话确认")
    _click(qtbot, row.record)

    (record,) = Consent.select()
    assert (record.kind, record.method, record.note) == ("hardship", "oral", "电话确认")
    assert desk.display_name in row.status.text()
    assert row.withdraw.isVisible() and not row.record.isVisible()
    assert not dialog.hardship_notice.isVisible()
    assert dialog.category.isEnabled() and dialog.reasons.isEnabled()
    assert dialog.consent_list.count() == 1

    dialog.category.setCurrentIndex(dialog.category.findData("relative"))
    dialog.reasons.setPlainText("配偶失业，子女上学")
    _click(qtbot, dialog.save_hardship_button)
    stored = Person.get_by_id(person.id)
    assert (stored.hardship_category, stored.hardship_reasons) == ("relative", "配偶失业，子女上学")
    assert dialog.add_assistance_button.isEnabled()
    assert not dialog.assistance_notice.isVisible()

    _click(qtbot, dialog.add_assistance_button)
    assert dialog.assistance_form.isVisible()
    assert dialog.given_on.hasFocus()
    dialog.assistance_kind.setCurrentIndex(dialog.assistance_kind.findData("schooling"))
    dialog.amount.setText("一千")
    _click(qtbot, dialog.save_assistance_button)
    assert dialog.assistance_fields.error_label("amount").text()
    assert dialog.amount.text() == "一千"  # what was typed stays
    assert HardshipAssistance.select().count() == 0
    dialog.amount.setText("1000.50")
    dialog.assistance_notes.setText("金秋助学")
    _click(qtbot, dialog.save_assistance_button)
    (aid,) = HardshipAssistance.select()
    assert (aid.kind, aid.amount, aid.notes) == ("schooling", Decimal("1000.50"), "金秋助学")
    assert not dialog.assistance_form.isVisible()
    assert "金秋助学" in dialog.assistance_list.item(0).text()

    questions.replies.append(QMessageBox.StandardButton.No)
    _click(qtbot, row.withdraw)
    assert Person.get_by_id(person.id).hardship_category == "relative"
    assert consent.has_consent(person.id, "hardship")

    _click(qtbot, row.withdraw)
    assert (
        "category" in questions.asked[-1]
        and "reasons" in questions.asked[-1]
        and "刘芳" in questions.asked[-1]
    )
    stored = Person.get_by_id(person.id)
    assert (stored.hardship_category, stored.hardship_reasons) == ("", "")
    assert not consent.has_consent(person.id, "hardship")
    assert dialog.category.currentData() == "" and dialog.reasons.toPlainText() == ""
    assert not dialog.category.isEnabled() and not dialog.reasons.isEnabled()
    assert dialog.hardship_notice.isVisible()
    assert not dialog.add_assistance_button.isEnabled()
    assert "金秋助学" in dialog.assistance_list.item(0).text()  # the accounts stay
    assert row.record.isVisible() and row.status.text() == "Not given"
    assert "withdrawn" in dialog.consent_list.item(0).text()


def test_marital_status_needs_its_consent(
    qtbot, show_active, make_staff, person, questions
) -> None:
    organiser = make_staff("org1", ORGANISER)
    dialog = _dialog(show_active, organiser, person)
    # The organiser keeps no hardship files and does not learn of one.
    assert not dialog.hardship_box.isVisible() and not dialog.assistance_box.isVisible()
    assert set(dialog.rows) == {"health", "marital_status"}
    _click(qtbot, dialog.rows["marital_status"].record)
    assert dialog.marital.isEnabled() and not dialog.marital_notice.isVisible()
    dialog.marital.setCurrentIndex(dialog.marital.findData("single"))
    _click(qtbot, dialog.save_marital_button)
    assert Person.get_by_id(person.id).marital_status == "single"
    _click(qtbot, dialog.rows["marital_status"].withdraw)
    assert "marital status will be emptied" in questions.asked[-1]
    assert Person.get_by_id(person.id).marital_status == ""
    assert dialog.marital.currentData() == "" and not dialog.marital.isEnabled()


def test_service_errors_show_at_the_field(qtbot, show_active, desk, person) -> None:
    dialog = _dialog(show_active, desk, person)
    _click(qtbot, dialog.rows["hardship"].record)
    dialog.reasons.setPlainText("只有原因")  # no category chosen
    _click(qtbot, dialog.save_hardship_button)
    assert dialog.hardship_fields.error_label("category").text()
    assert dialog.reasons.toPlainText() == "只有原因"
    assert Person.get_by_id(person.id).hardship_reasons == ""


def test_keyboard_reaches_the_file(qtbot, show_active, desk, person) -> None:
    dialog = _dialog(show_active, desk, person)
    record = dialog.rows["hardship"].record
    record.setFocus()
    qtbot.keyClick(record, Qt.Key.Key_Space)
    assert consent.has_consent(person.id, "hardship")
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert dialog.category.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert dialog.reasons.hasFocus()


def test_person_page_button_follows_the_roles(qtbot, desk, make_staff, person, monkeypatch) -> None:
    opened: list[tuple[str, int]] = []
    monkeypatch.setattr(
        consent_ui.ConsentDialog,
        "exec",
        lambda self: opened.append((self.actor.username, self.person_id)) or 0,
    )
    page = PersonPage(desk)
    qtbot.addWidget(page)
    page.show()
    page.show_person(person.id)
    assert page.consent_button.isVisible()
    assert "hardship" in page.consent_button.text()
    qtbot.mouseClick(page.consent_button, Qt.MouseButton.LeftButton)
    assert opened == [("desk1", person.id)]

    organiser_page = PersonPage(make_staff("org1", ORGANISER))
    qtbot.addWidget(organiser_page)
    organiser_page.show()
    organiser_page.show_person(person.id)
    assert organiser_page.consent_button.isVisible()
    assert "hardship" not in organiser_page.consent_button.text()

    librarian_page = PersonPage(make_staff("lib1", LIBRARIAN))
    qtbot.addWidget(librarian_page)
    librarian_page.show()
    librarian_page.show_person(person.id)
    assert not librarian_page.consent_button.isVisible()
