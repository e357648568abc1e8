from __future__ import annotations

from datetime import datetime, timedelta

from stationapp.db import now
from stationapp.models.accounts import AuditEntry
from stationapp.models.mediation import MediationCase
from stationapp.services import mediation, people
from stationapp.ui.bus import ChangeBus
from stationapp.ui.mediation.cases_tab import CasesTab, CaseTableModel
from stationapp.ui.mediation.intake import CaseIntakeDialog


def _parties(admin):
    worker = people.create_person(admin, people.PersonInput(name="王芳", phone="13812345678"))
    employer = people.create_organization(admin, people.OrganizationInput(name="北京某某餐饮公司"))
    return worker, employer


def _case(admin, worker, employer, *, received: datetime | None = None):
    return mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=[worker.id],
            respondent_id=employer.id,
            claims=[mediation.ClaimInput("wages", "8000")],
            received_at=received,
        ),
    )


def test_intake_oral_application_requires_matters_and_keeps_input(qtbot, admin):
    worker, employer = _parties(admin)
    dialog = CaseIntakeDialog(admin, person_id=worker.id)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("oral"))
    dialog.respondent.set_workplace(employer.id)
    dialog.facts.setPlainText("拖欠三个月工资")
    dialog.submit()
    assert dialog.fields.error_label("matters").text()
    assert dialog.fields.error_label("reasons").text()
    assert dialog.facts.toPlainText() == "拖欠三个月工资"
    assert MediationCase.select().count() == 0
    dialog.matters.setPlainText("追索劳动报酬")
    dialog.reasons.setPlainText("要求支付拖欠工资")
    dialog.submit()
    case = MediationCase.get()
    assert case.number == f"({now().year})建工调字第0001号"
    assert case.application_kind == "oral"


def test_front_desk_files_and_sees_only_number_and_state(qtbot, admin, make_staff):
    desk = make_staff("desk", "front_desk")
    worker, employer = _parties(admin)
    _case(desk, worker, employer)
    tab = CasesTab(desk, ChangeBus())
    qtbot.addWidget(tab)
    assert not tab.can_read
    assert tab.filed.count() == 1
    assert "0001" in tab.filed.item(0).text()
    assert not hasattr(tab, "table")


def test_deadlines_listed_overdue_first_and_case_opens_with_audit(qtbot, admin):
    worker, employer = _parties(admin)
    late = _case(admin, worker, employer, received=now() - timedelta(days=20))
    mediation.transition(admin, late.id, "accepted")
    soon = _case(admin, worker, employer, received=now() - timedelta(days=13))
    mediation.transition(admin, soon.id, "accepted")
    bus = ChangeBus()
    tab = CasesTab(admin, bus)
    qtbot.addWidget(tab)
    assert tab.deadlines.count() == 2
    assert late.number in tab.deadlines.item(0).text()
    assert soon.number in tab.deadlines.item(1).text()
    before = AuditEntry.select().where(AuditEntry.action == "open").count()
    tab.open_case(late.id)
    assert tab.page.case.id == late.id
    assert AuditEntry.select().where(AuditEntry.action == "open").count() == before + 1


def test_agreement_guard_message_names_what_is_missing(qtbot, admin):
    worker, employer = _parties(admin)
    case = _case(admin, worker, employer)
    mediation.transition(admin, case.id, "accepted")
    mediation.transition(admin, case.id, "in_mediation")
    tab = CasesTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    tab.open_case(case.id)
    editor = tab.page.agreement
    editor.terms.setPlainText("被申请人于十日内支付拖欠工资8000元")
    editor.add_obligation("支付拖欠工资", "8000")
    editor.signed_applicant.setChecked(True)
    editor.signed_respondent.setChecked(True)
    editor.signed_mediator.setChecked(True)
    assert editor.save()
    tab.open_case(case.id)
    editor = tab.page.agreement
    editor.put_into_effect()
    assert MediationCase.get_by_id(case.id).state == "agreement_draft"
    assert "seal" in editor.fields.error_label("agreement").text()
    editor.sealed_organization.setChecked(True)
    editor.put_into_effect()
    assert MediationCase.get_by_id(case.id).state == "agreement_effective"


def test_case_model(qtmodeltester, admin):
    worker, employer = _parties(admin)
    _case(admin, worker, employer)
    model = CaseTableModel(admin)
    model.reload()
    qtmodeltester.check(model)


# --- issue 18: keyboard, columns, dates -----------------------------------------------------

RESERVED = set("FRAHTVPBEM")  # the main window's menus and main tabs (COMMON.md)


def _shown_tab(show_active, admin):
    from PySide6.QtWidgets import QWidget

    tab = CasesTab(admin, ChangeBus())
    holder = QWidget()  # the tab as the main window holds it, on a 1366x768 screen
    from PySide6.QtWidgets import QVBoxLayout

    QVBoxLayout(holder).addWidget(tab)
    holder.resize(1366, 700)
    show_active(holder)
    return holder, tab


def test_down_from_the_search_box_enters_the_list_on_the_first_case(qtbot, show_active, admin):
    from PySide6.QtCore import Qt

    worker, employer = _parties(admin)
    older = _case(admin, worker, employer, received=now() - timedelta(days=2))
    newer = _case(admin, worker, employer)
    _holder, tab = _shown_tab(show_active, admin)
    tab.focus_search()
    assert tab.search.hasFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus()
    assert tab.table.currentIndex().row() == 0
    assert tab.table.selectionModel().isRowSelected(0)
    assert tab.page.case.id == newer.id  # newest first, and shown
    # Down again moves in the list, as arrows do.
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.page.case.id == older.id
    # Back in the search box, Down goes to the first case found again.
    tab.focus_search()
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.page.case.id == newer.id
    assert tab.table.selectionModel().isRowSelected(0)


def test_case_page_tabs_have_access_keys_and_answer_ctrl_page_keys(qtbot, show_active, admin):
    from PySide6.QtCore import Qt

    from tests.helpers.screen import mnemonic_of

    worker, employer = _parties(admin)
    case = _case(admin, worker, employer)
    mediation.transition(admin, case.id, "accepted")
    _holder, tab = _shown_tab(show_active, admin)
    tab.open_case(case.id)
    tabs = tab.page.tabs
    letters = [mnemonic_of(tabs.tabText(i)) for i in range(tabs.count())]
    assert None not in letters
    assert len(set(letters)) == len(letters)
    assert not set(letters) & RESERVED
    # Alt+letter reaches every tab (the last one first, so each press changes something).
    for index in reversed(range(tabs.count())):
        qtbot.keyClick(
            tab.page, getattr(Qt.Key, f"Key_{letters[index]}"), Qt.KeyboardModifier.AltModifier
        )
        assert tabs.currentIndex() == index, letters[index]
    # Ctrl+PgDn / Ctrl+PgUp from anywhere in the case page: a list inside a tab, a step button
    # above the tabs; they wrap around.
    tabs.setCurrentIndex(2)
    tab.page.sessions.setFocus()
    qtbot.keyClick(tab.page.sessions, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 3
    step = tab.page.actions.itemAt(0).widget()
    step.setFocus()
    qtbot.keyClick(step, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    tabs.setCurrentIndex(0)
    tab.page.overview.setFocus()
    qtbot.keyClick(tab.page.overview, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == tabs.count() - 1
    qtbot.keyClick(tabs, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0
    # From the case list too, without moving in the list (a newer case is above this one).
    _case(admin, worker, employer)
    tab.refresh()
    tab.table.setFocus()
    assert tab.table.currentIndex().row() == 1
    qtbot.keyClick(tab.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == tabs.count() - 1
    assert tab.table.currentIndex().row() == 1 and tab.page.case.id == case.id


def test_steps_have_access_keys_and_the_rare_ones_wait_under_more(qtbot, admin):
    from tests.helpers.screen import mnemonic_of

    worker, employer = _parties(admin)
    case = _case(admin, worker, employer)
    tab = CasesTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    tab.open_case(case.id)
    page = tab.page
    buttons = [page.actions.itemAt(i).widget() for i in range(page.actions.count())]
    texts = [b.text() for b in buttons if b is not None]
    assert texts == ["Ac&cept", "&Do not accept…", "M&ore"]
    assert {mnemonic_of(t) for t in texts} == {"C", "D", "O"}
    more = [a.text() for a in page.more_button.menu().actions()]
    assert more == ["Re&spondent declines…", "&Withdrawn…", "Assi&gn mediator…"]
    # A step from the menu opens its dialog, as a button does.
    opened: list[str] = []
    from stationapp.ui.mediation import case_page

    real = case_page.TransitionDialog.exec
    case_page.TransitionDialog.exec = lambda self: opened.append(self.target) or 0
    try:
        page.more_button.menu().actions()[1].trigger()
    finally:
        case_page.TransitionDialog.exec = real
    assert opened == ["withdrawn"]


def test_a_disabled_button_leaves_its_letter_to_others(qtbot, admin):
    worker, employer = _parties(admin)
    case = _case(admin, worker, employer)
    tab = CasesTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    tab.open_case(case.id)
    # Registered: no session yet, and Accept holds C.
    assert not tab.page.session_button.isEnabled()
    assert "&" not in tab.page.session_button.text()
    mediation.transition(admin, case.id, "accepted")
    tab.page.show_case(case.id)
    assert tab.page.session_button.isEnabled()
    assert tab.page.session_button.text() == "Re&cord a session…"


def test_state_and_due_date_stay_visible_and_overdue_is_said_in_words(qtbot, show_active, admin):
    from stationapp.ui.mediation.cases_tab import COL_DUE, COL_RESPONDENT, COL_STATE

    employer = people.create_organization(
        admin,
        people.OrganizationInput(name="北京市朝阳区某某国际建筑装饰工程有限责任公司第一分公司"),
    )
    names = ["欧阳明远", "司马青云", "诸葛晓峰", "上官婉儿", "慕容雪"]
    ids = [people.create_person(admin, people.PersonInput(name=n)).id for n in names]
    late = mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=ids,
            respondent_id=employer.id,
            claims=[mediation.ClaimInput("wages", "8000")],
            received_at=now() - timedelta(days=20),
        ),
    )
    mediation.transition(admin, late.id, "accepted")
    mediation.transition(admin, late.id, "in_mediation")
    _holder, tab = _shown_tab(show_active, admin)
    table = tab.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: getattr(table, "_stationapp_sized", False))
    for column in (COL_STATE, COL_DUE):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionViewportPosition(column) >= 0
        assert right <= table.viewport().width(), column
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    assert header.sectionResizeMode(COL_RESPONDENT) == header.ResizeMode.Stretch
    due = tab.model.index(0, COL_DUE).data()
    assert due.endswith("overdue")
    assert tab.model.index(0, COL_STATE).data() == "In mediation"
    assert "overdue" in tab.deadlines.item(0).text()


def test_dates_show_the_year_only_when_it_is_not_this_year():
    from datetime import date

    from stationapp.db import today
    from stationapp.ui.dates import day_text, moment_text

    this_year = today().replace(month=3, day=4)
    assert day_text(this_year) == "03-04"
    last_year = date(today().year - 1, 12, 30)
    assert day_text(last_year) == f"{today().year - 1}-12-30"
    assert moment_text(datetime(today().year - 1, 8, 29, 9, 5)) == f"{today().year - 1}-08-29 09:05"
    assert day_text(None) == ""


def test_a_case_from_last_year_shows_its_year_in_the_list(qtbot, admin):
    from stationapp.ui.mediation.cases_tab import COL_RECEIVED

    worker, employer = _parties(admin)
    old = now().replace(year=now().year - 1, month=12, day=20)
    _case(admin, worker, employer, received=old)
    model = CaseTableModel(admin)
    model.reload(mediation.CaseFilter(open_only=False))
    assert model.index(0, COL_RECEIVED).data() == f"{old.year}-12-20"


def test_ctrl_s_saves_the_agreement_from_its_fields(qtbot, show_active, admin):
    from PySide6.QtCore import Qt

    from stationapp.models.mediation import Agreement

    worker, employer = _parties(admin)
    case = _case(admin, worker, employer)
    mediation.transition(admin, case.id, "accepted")
    mediation.transition(admin, case.id, "in_mediation")
    _holder, tab = _shown_tab(show_active, admin)
    tab.open_case(case.id)
    qtbot.keyClick(tab.page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    editor = tab.page.agreement
    assert editor.isVisible()
    editor.terms.setFocus()
    editor.terms.setPlainText("被申请人于十日内支付拖欠工资8000元")
    editor.add_obligation("支付拖欠工资", "8000")
    qtbot.keyClick(editor.terms, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Agreement.get(Agreement.case == case.id).terms == "被申请人于十日内支付拖欠工资8000元"


def test_the_application_dialog_fits_and_every_field_has_its_own_access_key(qtbot, admin):
    from PySide6.QtWidgets import QLabel

    from tests.helpers.screen import mnemonic_clashes, mnemonic_of, too_large

    dialog = CaseIntakeDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert mnemonic_clashes(dialog) == {}
    captions = [
        label
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(dialog)
    ]
    assert captions and all(mnemonic_of(label.text()) for label in captions)
    assert too_large(dialog) == (0, 0)
    assert dialog.height() <= 768 - 48


def test_extension_dialog_asks_for_the_agreement_at_its_field_then_extends(qtbot, admin):
    from stationapp.ui.mediation.case_page import ExtensionDialog

    worker, employer = _parties(admin)
    case = _case(admin, worker, employer)
    case = mediation.transition(admin, case.id, "accepted")
    dialog = ExtensionDialog(admin, case)
    qtbot.addWidget(dialog)
    wanted = mediation.current_due(case) + timedelta(days=15)
    assert dialog.day.date().toPython() == wanted
    dialog.submit()
    assert dialog.fields.error_label("note").text()
    assert dialog.result() == 0
    dialog.note.setPlainText("双方同意延长")
    dialog.submit()
    assert dialog.result() == 1
    assert MediationCase.get_by_id(case.id).extended_until == wanted


def test_session_dialog_records_what_its_rows_hold(qtbot, admin):
    from stationapp.models.mediation import CaseSession
    from stationapp.ui.mediation.case_page import SessionDialog

    worker, employer = _parties(admin)
    case = mediation.transition(admin, _case(admin, worker, employer).id, "accepted")
    dialog = SessionDialog(admin, case)
    qtbot.addWidget(dialog)
    dialog.place.setText("调解室")
    dialog.attendees.setText("王芳、公司代表")
    dialog.record.setPlainText("双方陈述")
    dialog.signed_parties.setChecked(True)
    dialog.submit()
    assert dialog.result() == 1
    session = CaseSession.get(CaseSession.case == case.id)
    assert (session.place, session.attendees, session.record) == (
        "调解室",
        "王芳、公司代表",
        "双方陈述",
    )
    assert session.signed_by_parties and not session.signed_by_mediator
