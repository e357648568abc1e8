"""The case page's decision on a file past retention (issue 27, point 4)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QDialog

from stationapp.db import today
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.services import people
from stationapp.ui.mediation import file_decision
from stationapp.ui.mediation.case_page import CasePage


def _closed_case(admin, *, years_ago: int) -> MediationCase:
    person = people.create_person(admin, people.PersonInput(name="孙丽", phone="13912340001"))
    org = people.create_organization(admin, people.OrganizationInput(name="北京宏达公司"))
    closed = datetime.combine(today(), datetime.min.time()) - timedelta(days=365 * years_ago + 5)
    case = MediationCase.create(
        year=closed.year,
        sequence=1,
        number=f"({closed.year})建工调字第0001号",
        received_at=closed - timedelta(days=30),
        respondent=org.id,
        mediation_due=(closed - timedelta(days=15)).date(),
        created_by=admin.id,
        closed_at=closed,
        state="closed",
    )
    CaseParty.create(case=case.id, person=person.id)
    return case


def _page(qtbot, actor, case_id):
    page = CasePage(actor)
    qtbot.addWidget(page)
    page.show_case(case_id)
    return page


def test_case_file_past_retention_is_decided_from_the_case_page(qtbot, admin, monkeypatch):
    case = _closed_case(admin, years_ago=11)
    page = _page(qtbot, admin, case.id)
    _name, note, _show, _save = page.case_file_row
    assert page.decide_file_button.isEnabled()
    assert "Retention ended" in note.text()

    def decide(dialog: QDialog) -> QDialog.DialogCode:
        dialog.dispose.setChecked(True)
        dialog.submit()  # no note: said at the field, nothing recorded
        assert dialog.fields.error_label("note").text()
        dialog.note.setPlainText("监销销毁，监销人：王站长")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(file_decision.FileDecisionDialog, "exec", decide)
    page.decide_case_file()

    assert MediationCase.get_by_id(case.id).file_disposed_at is not None
    assert "Disposed of on" in note.text() and "监销" in note.text()
    assert not page.decide_file_button.isEnabled()


def test_case_file_decision_is_offered_only_when_due_and_to_the_head(qtbot, admin, make_staff):
    recent = _closed_case(admin, years_ago=1)
    page = _page(qtbot, admin, recent.id)
    assert not page.decide_file_button.isEnabled()
    assert "Kept until" in page.case_file_row[1].text()
    mediator = make_staff("m1", "mediator")
    page = _page(qtbot, mediator, recent.id)
    assert page.decide_file_button.isHidden()
