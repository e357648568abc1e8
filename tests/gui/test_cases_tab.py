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
