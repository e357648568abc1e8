"""Forms facing a database that cannot take the save (acceptance, issue #7): the disk is full, or
another program holds the write lock beyond the busy timeout. The form shows the message, keeps
everything typed, the program carries on, and the next save once the fault is gone stores the
record exactly once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import peewee
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from stationapp.db import BUSY_TIMEOUT_SECONDS, sqlite_path, today, translate_error
from stationapp.models.accounts import Setting
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import people, visits
from stationapp.ui.errors import ErrorDialog
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.visits.outreach import OutreachVisitorsDialog
from stationapp.ui.visits.register import VisitForm
from tests.helpers.dbdump import changed_tables, dump
from tests.helpers.ids import make_ric

BUSY_MS = 200
BUSY = translate_error(sqlite3.OperationalError("database is locked")).message
DISK_FULL = translate_error(sqlite3.OperationalError("database or disk is full")).message
NOTE = "劳动合同到期未续签，单位拒绝支付经济补偿，职工要求咨询仲裁时效和所需材料。"
LONG_NOTES = (NOTE * 57)[:2000]  # the most a person's notes may hold


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box would block the test: each one is recorded and answered at once."""
    shown: list[str] = []

    def record(kind: str, answer: QMessageBox.StandardButton):
        def box(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            shown.append(f"{kind}: {args[2] if len(args) > 2 else kwargs}")
            return answer

        return staticmethod(box)

    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(
        QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok)
    )
    monkeypatch.setattr(
        QMessageBox, "question", record("question", QMessageBox.StandardButton.Discard)
    )
    return shown


@contextmanager
def full_disk(db: peewee.Database, *, headroom: int = 1) -> Iterator[None]:
    """The file may grow by ``headroom`` pages at most, on the application's own connection.
    It is vacuumed first: free pages left by the schema's steps would take a save without
    growing the file."""
    db.execute_sql("VACUUM")
    normal = db.pragma("max_page_count")
    db.pragma("max_page_count", db.execute_sql("PRAGMA page_count").fetchone()[0] + headroom)
    try:
        yield
    finally:
        db.pragma("max_page_count", normal)


@contextmanager
def held_lock(db_url: str, mode: str = "IMMEDIATE", *, commit: bool = False) -> Iterator[None]:
    """Another program holds the write lock until the block ends. With ``commit`` it writes a
    setting meanwhile and commits it at the end (another desk saving), else it rolls back."""
    path = sqlite_path(db_url)
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute(f"BEGIN {mode}")
        if commit:
            other.execute("INSERT INTO setting (key, value) VALUES ('other_desk', 'was here')")
        yield
    finally:
        if commit:
            other.commit()
        else:
            other.rollback()
        other.close()


@pytest.fixture
def short_busy_timeout(db: peewee.Database) -> Iterator[None]:
    db.pragma("busy_timeout", BUSY_MS)
    yield
    db.pragma("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000))


def stray_windows() -> list[str]:
    """Visible error dialogs or message boxes (there should be none: the form says it all)."""
    return [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and isinstance(w, ErrorDialog | QMessageBox)
    ]


def save_button(dialog: QDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


# --- the person editor ------------------------------------------------------------------------


def person_form(dialog: PersonDialog) -> dict[str, object]:
    return {
        "name": dialog.name.text(),
        "phone": dialog.phone.text(),
        "id_type": dialog.id_type.currentData(),
        "id_number": dialog.id_number.text(),
        "gender": dialog.gender.currentData(),
        "birth_date": dialog.birth_date.text(),
        "workplace": dialog.workplace.combo.currentText(),
        "workplace_id": dialog.workplace.workplace_id(),
        "is_member": dialog.is_member.isChecked(),
        "member_card": dialog.member_card.text(),
        "notes": dialog.notes.toPlainText(),
    }


def fill_person(qtbot, dialog: PersonDialog, *, workplace: str) -> str:
    ric = make_ric(seq=135)
    dialog.name.setText("欧阳晓明")  # QTest types Latin-1 only
    qtbot.keyClicks(dialog.phone, "13912345678")
    qtbot.keyClicks(dialog.id_number, ric)
    dialog.id_number.editingFinished.emit()
    dialog.workplace.combo.setCurrentText(workplace)
    dialog.is_member.setChecked(True)
    dialog.notes.setPlainText(LONG_NOTES)
    return ric


def _check_person_refused(dialog: PersonDialog, typed: dict, before: dict, message: str) -> None:
    assert dialog.bar.text() == message
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.person is None
    assert person_form(dialog) == typed
    assert dump() == before, changed_tables(before, dump())
    assert stray_windows() == []


def _check_person_saved(qtbot, dialog: PersonDialog, ric: str, workplace_id: int) -> None:
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = list(Person.select().where(Person.name == "欧阳晓明"))
    assert len(stored) == 1
    assert (stored[0].id_number, stored[0].workplace_id, stored[0].notes) == (
        ric,
        workplace_id,
        LONG_NOTES,
    )
    assert stored[0].gender == "M" and stored[0].birth_date == date(1985, 3, 21)


def test_person_editor_on_a_full_disk_keeps_the_form_and_saves_when_there_is_room(
    qtbot, show_active, admin, db, message_boxes
):
    org = people.create_organization(admin, people.OrganizationInput(name="国贸大厦"))
    dialog = show_active(PersonDialog(admin))
    ric = fill_person(qtbot, dialog, workplace="国贸大厦")
    typed = person_form(dialog)
    assert typed["workplace_id"] == org.id and typed["gender"] == "M"
    before = dump()

    with full_disk(db):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        _check_person_refused(dialog, typed, before, DISK_FULL)
        # Enter (the Save button is the default) while the disk is still full: the same again.
        dialog.bar.hide()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        _check_person_refused(dialog, typed, before, DISK_FULL)
    assert "disk is full" in DISK_FULL

    _check_person_saved(qtbot, dialog, ric, org.id)
    assert message_boxes == []


def test_person_editor_on_a_locked_database_keeps_the_form_and_saves_once_released(
    qtbot, show_active, admin, db, db_url, short_busy_timeout, message_boxes
):
    org = people.create_organization(admin, people.OrganizationInput(name="国贸大厦"))
    dialog = show_active(PersonDialog(admin))
    ric = fill_person(qtbot, dialog, workplace="国贸大厦")
    typed = person_form(dialog)
    before = dump()

    with held_lock(db_url):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        _check_person_refused(dialog, typed, before, BUSY)
    assert BUSY.startswith("The database is busy")

    _check_person_saved(qtbot, dialog, ric, org.id)
    assert message_boxes == []


# --- the visit register -----------------------------------------------------------------------


def _service(name: str) -> ServiceType:
    return ServiceType.get(ServiceType.name == name)


def visit_form(form: VisitForm) -> dict[str, object]:
    return {
        "person": form.person.id if form.person is not None else None,
        "anonymous": form.anonymous.isChecked(),
        "channel": form.channel.currentData(),
        "rating": form.rating.currentData(),
        "notes": form.notes.toPlainText(),
        "cards": {
            service_id: {
                "outcome": card.outcome.currentData(),
                "referred_to": card.referred_to.text(),
                "decline_reason": card.decline_reason.text(),
                "due_on": card.due_on.date().toPython(),
                "brought": card.brought(),
            }
            for service_id, card in form.cards.items()
        },
    }


@pytest.mark.parametrize(
    ("mode", "commit"),
    [("IMMEDIATE", False), ("EXCLUSIVE", True)],
    ids=["other program rolls back", "other desk commits a write"],
)
def test_visit_register_on_a_locked_database_keeps_the_form_and_saves_once_released(
    qtbot, show_active, admin, db, db_url, short_busy_timeout, message_boxes, mode, commit
):
    person = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    join, legal = _service("入会"), _service("法律咨询")
    form = show_active(VisitForm(admin))
    form.choose_person(person.id)
    form.channel.setCurrentIndex(form.channel.findData("phone"))
    form.rating.setCurrentIndex(form.rating.findData("satisfied"))
    form.notes.setPlainText("单位未缴社保，先办入会")
    joining = form.add_purpose(join.id)
    first_material = next(iter(joining.material_checks))
    joining.material_checks[first_material].setChecked(True)
    joining.outcome.setCurrentIndex(joining.outcome.findData("waiting"))
    joining.due_on.setDate(QDate(today()).addDays(10))
    advice = form.add_purpose(legal.id)
    advice.outcome.setCurrentIndex(advice.outcome.findData("referred"))
    advice.referred_to.setText("区总工会法律服务中心")
    typed = visit_form(form)
    before = dump()

    with held_lock(db_url, mode, commit=commit):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        assert form.bar.text() == BUSY
        assert visit_form(form) == typed
        assert dump() == before, changed_tables(before, dump())
        assert stray_windows() == []

    qtbot.keyClick(form.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    visit = Visit.get()
    assert Visit.select().count() == 1
    assert (visit.person_id, visit.channel, visit.rating, visit.notes) == (
        person.id,
        "phone",
        "satisfied",
        "单位未缴社保，先办入会",
    )
    stored = {p.service_id: p for p in VisitPurpose.select().where(VisitPurpose.visit == visit)}
    assert set(stored) == {join.id, legal.id}
    assert stored[join.id].outcome == "waiting"
    assert stored[join.id].materials_brought == [first_material]
    assert stored[join.id].due_on == today() + timedelta(days=10)
    assert stored[legal.id].referred_to == "区总工会法律服务中心"
    assert Setting.select().where(Setting.key == "other_desk").exists() == commit
    # Saved: the form is ready for the next visitor and says so.
    assert form.cards == {} and form.person is None
    assert form.bar.text().startswith("Saved: 王芳")
    assert message_boxes == []


def test_outreach_visitors_on_a_full_disk_keep_the_list_and_save_when_there_is_room(
    qtbot, show_active, admin, db, message_boxes
):
    org = people.create_organization(admin, people.OrganizationInput(name="东方广场"))
    service_ids = [_service("入会").id, _service("法律咨询").id, _service("京卡挂失补办").id]
    session = visits.create_outreach(
        admin, organization_id=org.id, held_on=today(), service_ids=service_ids
    )
    wang = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    dialog = show_active(OutreachVisitorsDialog(admin, session))
    dialog.add_person(wang.id)
    for _ in range(59):
        dialog.add_anonymous()
    dialog.set_service_checked(0, service_ids[2], False)
    dialog.set_rating(0, "satisfied")
    typed = (dialog.person_ids(), dialog.entries())
    before = dump()

    with full_disk(db):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.bar.text() == DISK_FULL
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert (dialog.person_ids(), dialog.entries()) == typed
        assert dump() == before, changed_tables(before, dump())
        assert stray_windows() == []

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Visit.select().where(Visit.outreach == session.id).count() == 60
    first = Visit.get(Visit.person == wang.id)
    assert first.rating == "satisfied"
    assert sorted(p.service_id for p in first.purposes) == sorted(service_ids[:2])
    assert message_boxes == []


def test_person_editor_needs_no_restart_after_faults(
    qtbot, show_active, admin, db, db_url, short_busy_timeout, message_boxes
):
    """Both faults in turn on one open form, then a normal save: the program keeps working."""
    dialog = show_active(PersonDialog(admin))
    dialog.name.setText("李白")
    dialog.notes.setPlainText(LONG_NOTES)
    button = save_button(dialog)
    with held_lock(db_url, "EXCLUSIVE"):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.bar.text() == BUSY
    with full_disk(db):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.bar.text() == DISK_FULL
    assert Person.select().count() == 0
    assert (dialog.name.text(), dialog.notes.toPlainText()) == ("李白", LONG_NOTES)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [p.name for p in Person.select()] == ["李白"]
    assert message_boxes == []
