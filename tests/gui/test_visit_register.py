"""The front desk's keyboard-only flows and the form's handling of bad input."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from stationapp.db import today
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import consent, people, visits
from stationapp.ui.visits.catalogue import CatalogueDialog
from stationapp.ui.visits.register import QuickPersonDialog, VisitForm


def _service(name: str) -> ServiceType:
    return ServiceType.get(ServiceType.name == name)


def test_returning_worker_keyboard_only(qtbot, show_active, admin):
    person = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    form = show_active(VisitForm(admin))
    form.focus_start()
    assert form.picker.edit.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "5678")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert form.person is not None and form.person.id == person.id
    assert form.service_picker.edit.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "rh")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    visit = Visit.get()
    assert visit.person_id == person.id and visit.staff_id == admin.id
    assert visit.channel == "walk_in"
    purpose = VisitPurpose.get()
    # Nothing was ticked: the visit waits for the materials, with a follow-up (defect 2).
    assert purpose.service.name == "入会" and purpose.outcome == "waiting"
    assert set(purpose.materials_missing) == {str(m["name"]) for m in _service("入会").materials}
    assert purpose.due_on == visits.follow_up_due(_service("入会"))
    # The form is ready for the next visitor.
    assert form.person is None and form.cards == {} and form.picker.edit.hasFocus()


def test_new_worker_inline_with_name_and_phone(qtbot, show_active, admin, monkeypatch):
    form = show_active(VisitForm(admin))

    def fake_exec(dialog: QuickPersonDialog) -> int:
        assert dialog.phone.text() == "13900001111"
        dialog.name.setText("李白")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(QuickPersonDialog, "exec", fake_exec)
    form.focus_start()
    qtbot.keyClicks(form.picker.edit, "13900001111")
    form.picker.search_now()
    qtbot.keyClick(form.picker.edit, Qt.Key.Key_Return)
    created = Person.get(Person.phone == "13900001111")
    assert form.person is not None and form.person.id == created.id
    qtbot.keyClicks(form.service_picker.edit, "flzx")
    qtbot.keyClick(form.service_picker.edit, Qt.Key.Key_Return)
    qtbot.keyClick(form.service_picker.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    purpose = VisitPurpose.get()
    assert purpose.service.name == "法律咨询" and purpose.visit.person_id == created.id


def test_anonymous_phone_enquiry(qtbot, admin):
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.anonymous.setChecked(True)
    form.channel.setCurrentIndex(form.channel.findData("phone"))
    form.add_purpose(_service("京卡·互助服务卡办理").id)
    form.save()
    visit = Visit.get()
    assert visit.person_id is None and visit.channel == "phone"


def test_ticked_materials_and_waiting_outcome_are_stored(qtbot, admin):
    person = people.create_person(admin, people.PersonInput(name="张伟", phone="13812340000"))
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.choose_person(person.id)
    service = _service("困难职工建档")
    card = form.add_purpose(service.id)
    names = list(card.material_checks)
    card.material_checks[names[0]].setChecked(True)
    card.outcome.setCurrentIndex(card.outcome.findData("waiting"))
    card.due_on.setDate(QDate(today() + timedelta(days=5)))
    form.save()
    purpose = VisitPurpose.get()
    assert purpose.outcome == "waiting"
    assert purpose.materials_brought == [names[0]]
    assert purpose.materials_missing == names[1:]
    assert purpose.due_on == today() + timedelta(days=5)


def test_bad_input_is_shown_and_nothing_is_lost(qtbot, admin):
    person = people.create_person(admin, people.PersonInput(name="赵敏", phone="13812349999"))
    consent.record_consent(admin, person.id, "health", "written")  # notes on a hardship service
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.choose_person(person.id)
    form.notes.setPlainText("很长" * 1000)
    form.save()
    assert form.fields.error_label("purposes").text()
    assert form.fields.error_label("notes").text()
    assert form.notes.toPlainText() == "很长" * 1000
    card = form.add_purpose(_service("困难职工建档").id)
    card.outcome.setCurrentIndex(card.outcome.findData("waiting"))
    card.due_on.setDate(QDate(today() - timedelta(days=1)))
    form.notes.setPlainText("带了身份证 😀 '; DROP TABLE visit;--")
    form.save()
    assert card.fields.error_label("due_on").text()
    assert Visit.select().count() == 0
    assert form.person is not None and form.cards
    card.due_on.setDate(QDate(today() + timedelta(days=3)))
    form.save()
    assert Visit.get().notes == "带了身份证 😀 '; DROP TABLE visit;--"


def test_eligibility_hint_for_member_card(qtbot, admin):
    person = people.create_person(admin, people.PersonInput(name="钱多多", phone="13812341111"))
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.choose_person(person.id)
    card = form.add_purpose(_service("京卡·互助服务卡办理").id)
    assert not card.hints.isHidden()
    assert "join the union" in card.hints.text()
    person_member = people.update_person(
        admin, person.id, people.PersonInput(name="钱多多", phone="13812341111", is_member=True)
    )
    form.choose_person(person_member.id)
    assert card.hints.isHidden()


def test_notice_is_printed_for_the_chosen_purposes(qtbot, admin, monkeypatch):
    shown = []
    from stationapp.ui.visits import notice_sheet

    monkeypatch.setattr(notice_sheet, "preview", lambda sheet, parent: shown.append(sheet) or True)
    person = people.create_person(admin, people.PersonInput(name="孙丽", phone="13812342222"))
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.choose_person(person.id)
    card = form.add_purpose(_service("入会").id)
    first = next(iter(card.material_checks))
    card.material_checks[first].setChecked(True)
    form.print_notice()
    sheet = shown[0]
    assert sheet.visitor_name == "孙丽" and sheet.services[0].name == "入会"
    assert first not in sheet.missing[card.service.id]
    form.save()
    assert VisitPurpose.get().notice_printed


def test_catalogue_edit_appears_in_the_next_visit(qtbot, admin):
    dialog = CatalogueDialog(admin)
    qtbot.addWidget(dialog)
    dialog.start_new()
    dialog.name.setText("职工法律援助申请")
    dialog.materials.add_row({"name": "法律援助申请表", "kind": "original", "copies": 1})
    dialog.save()
    service = ServiceType.get(ServiceType.name == "职工法律援助申请")
    assert service.materials[0]["name"] == "法律援助申请表"
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.service_picker.edit.setText("zgfl")
    assert form.service_picker.results.count() == 1
    card = form.add_purpose(service.id)
    assert list(card.material_checks) == ["法律援助申请表"]


def test_catalogue_dialog_keeps_input_on_error(qtbot, admin):
    dialog = CatalogueDialog(admin)
    qtbot.addWidget(dialog)
    dialog.start_new()
    dialog.name.setText("入会")
    dialog.steps.setPlainText("1. 填表")
    dialog.save()
    assert dialog.fields.error_label("name").text()
    assert dialog.steps.toPlainText() == "1. 填表"
    assert visits.list_services(admin, include_inactive=True)[0].name == "入会"


def test_correcting_a_visit_is_audited(qtbot, admin):
    from stationapp.models.accounts import AuditEntry
    from stationapp.ui.visits.register import VisitDialog

    visit = visits.record_visit(
        admin,
        visits.VisitInput(
            person_id=None, channel="walk_in", purposes=[visits.PurposeInput(_service("入会").id)]
        ),
    )
    dialog = VisitDialog(admin, visits.get_visit(admin, visit.id))
    qtbot.addWidget(dialog)
    dialog.form.rating.setCurrentIndex(dialog.form.rating.findData("satisfied"))
    dialog.form.save()
    assert Visit.get_by_id(visit.id).rating == "satisfied"
    assert (
        AuditEntry.select()
        .where(AuditEntry.entity == "visit", AuditEntry.action == "update")
        .count()
        == 1
    )


def _when_preview_opens(qtbot, act):
    """Run ``act(preview)`` as soon as the modal print preview is up."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)


def test_ctrl_p_previews_the_notice_and_records_it_only_when_printed(
    qtbot, show_active, admin, tmp_path
):
    """Defect 1 of issue 18: Ctrl+P raised "QPrinter already deleted" before the preview
    opened, and the visit was marked "notice printed" although the preview was only closed."""
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    person = people.create_person(admin, people.PersonInput(name="孙丽", phone="13812342222"))
    form = show_active(VisitForm(admin))
    form.choose_person(person.id)
    service = _service("入会")
    form.add_purpose(service.id)
    pages: list[int] = []

    def look_and_close(dialog) -> None:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()  # a repaint, as after a page-setup change
        QApplication.processEvents()
        pages.append(widget.pageCount())
        dialog.reject()

    _when_preview_opens(qtbot, look_and_close)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert pages and pages[0] >= 1
    assert form.printed == set()  # only looked at

    target = tmp_path / "notice.pdf"

    def print_to_pdf(dialog) -> None:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))

        def accept_print_dialog() -> None:
            modal = QApplication.activeModalWidget()
            if modal is dialog or modal is None:
                QTimer.singleShot(20, accept_print_dialog)
            else:
                modal.accept()

        QTimer.singleShot(0, accept_print_dialog)
        print_action = next(a for a in dialog.findChildren(QAction) if a.text() == "Print")
        print_action.trigger()

    form.windowHandle().requestActivate()  # offscreen Qt does not give it back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    _when_preview_opens(qtbot, print_to_pdf)
    qtbot.keyClick(form.service_picker.edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert target.read_bytes().startswith(b"%PDF")
    assert form.printed == {service.id}
    form.save()
    assert VisitPurpose.get().notice_printed


def test_outcome_follows_the_materials_until_the_staff_member_chooses(qtbot, show_active, admin):
    """Defect 2 of issue 18: the outcome defaulted to done with every material missing."""
    form = show_active(VisitForm(admin))
    service = _service("劳动争议调解申请")  # 3个工作日内决定是否受理
    card = form.add_purpose(service.id)
    assert card.outcome.currentData() == "waiting"
    assert card.due_on.date().toPython() == visits.follow_up_due(service)
    assert not card.due_on.isHidden()
    checks = list(card.material_checks.values())
    for check in checks[:-1]:
        check.setChecked(True)
    assert card.outcome.currentData() == "waiting"
    checks[-1].setChecked(True)  # the last one: all there
    assert card.outcome.currentData() == "done" and card.due_on.isHidden()
    checks[0].setChecked(False)
    assert card.outcome.currentData() == "waiting"

    # The staff member chooses "done" by keyboard: the materials no longer move it.
    card.outcome.setFocus()
    qtbot.keyClick(card.outcome, Qt.Key.Key_Home)  # 已办结, the first
    assert card.outcome.currentData() == "done"
    checks[1].setChecked(False)
    checks[0].setChecked(True)
    assert card.outcome.currentData() == "done"
    form.anonymous.setChecked(True)
    form.save()
    purpose = VisitPurpose.get()
    assert purpose.outcome == "done" and purpose.due_on is None


def test_waiting_by_default_is_saved_with_its_follow_up(qtbot, admin):
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.anonymous.setChecked(True)
    joined = form.add_purpose(_service("入会").id)
    next(iter(joined.material_checks.values())).setChecked(True)
    form.add_purpose(_service("职工医疗互助二次报销").id)  # needs no materials
    form.save()
    by_service = {p.service.name: p for p in VisitPurpose.select()}
    assert by_service["入会"].outcome == "waiting"
    assert by_service["入会"].due_on == visits.follow_up_due(_service("入会"))
    assert len(by_service["入会"].materials_missing) == 2
    assert by_service["职工医疗互助二次报销"].outcome == "done"
    assert len(visits.follow_ups(admin)) == 1


def test_a_corrected_visit_keeps_its_recorded_outcome(qtbot, admin):
    from stationapp.ui.visits.register import VisitDialog

    visit = visits.record_visit(
        admin,
        visits.VisitInput(
            person_id=None, channel="walk_in", purposes=[visits.PurposeInput(_service("入会").id)]
        ),
    )
    dialog = VisitDialog(admin, visits.get_visit(admin, visit.id))
    qtbot.addWidget(dialog)
    card = dialog.form.cards[_service("入会").id]
    assert card.outcome.currentData() == "done"
    next(iter(card.material_checks.values())).setChecked(True)
    assert card.outcome.currentData() == "done"


def test_the_visitor_line_never_wraps_a_lone_character(qtbot, show_active, admin):
    """Defect 7 of issue 18: a long workplace name wrapped and left 司 alone on a line."""
    workplace = people.create_organization(
        admin, people.OrganizationInput(name="北京市东城区建国门街道某某信息科技有限公司")
    )
    person = people.create_person(
        admin,
        people.PersonInput(
            name="欧阳娜娜", phone="13812347777", workplace_id=workplace.id, is_member=True
        ),
    )
    form = show_active(VisitForm(admin))
    form.resize(1000, 600)
    form.choose_person(person.id)
    qtbot.wait(20)
    lines = (form.person_name_line, form.person_detail_line)
    for line in lines:
        assert not line.wordWrap()
        assert line.height() <= line.fontMetrics().height() * 1.5  # one line each
        assert line.text() in line.full_text() or line.text().endswith("…")
    assert "欧阳娜娜" in form.person_name_line.full_text()
    assert workplace.name in form.person_detail_line.full_text()
    # Narrow: cut with an ellipsis, the whole text in the tooltip; the form does not grow.
    width = form.width()
    form.resize(600, 600)
    qtbot.wait(20)
    detail = form.person_detail_line
    assert detail.text().endswith("…") and detail.toolTip() == detail.full_text()
    assert form.width() <= width
