from __future__ import annotations

from datetime import timedelta

from stationapp.db import today
from stationapp.models.visits import ServiceType, VisitPurpose
from stationapp.services import people, visits
from stationapp.ui.bus import ChangeBus
from stationapp.ui.visits.follow_ups import FollowUpsWidget, FollowUpTableModel


def _waiting(admin, name: str, phone: str, due_in_days: int) -> VisitPurpose:
    person = people.create_person(admin, people.PersonInput(name=name, phone=phone))
    service = ServiceType.get(ServiceType.name == "困难职工建档")
    missing = [str(m["name"]) for m in service.materials][:2]
    visits.record_visit(
        admin,
        visits.VisitInput(
            person_id=person.id,
            channel="walk_in",
            purposes=[
                visits.PurposeInput(
                    service.id,
                    outcome="waiting",
                    materials_missing=missing,
                    due_on=today() + timedelta(days=7),
                )
            ],
        ),
    )
    purpose = VisitPurpose.select().order_by(VisitPurpose.id.desc()).get()
    VisitPurpose.update(due_on=today() + timedelta(days=due_in_days)).where(
        VisitPurpose.id == purpose.id
    ).execute()
    return VisitPurpose.get_by_id(purpose.id)


def test_overdue_first_and_complete_in_one_action(qtbot, admin):
    _waiting(admin, "王芳", "13812345678", 5)
    overdue = _waiting(admin, "李娜", "13812345679", -3)
    bus = ChangeBus()  # the main window owns it in the app; kept alive here
    widget = FollowUpsWidget(admin, bus)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 2
    assert widget.model.purpose_at(0).id == overdue.id
    assert "3" in widget.model.index(0, 0).data()
    assert widget.model.overdue_count() == 1
    widget.table.setCurrentIndex(widget.model.index(0, 0))
    widget.complete_current()
    assert VisitPurpose.get_by_id(overdue.id).outcome == "done"
    assert widget.model.rowCount() == 1


def test_empty_state(qtbot, admin):
    widget = FollowUpsWidget(admin, ChangeBus())
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty


def test_follow_up_model(qtmodeltester, admin):
    _waiting(admin, "王芳", "13812345678", -1)
    model = FollowUpTableModel(admin)
    model.reload()
    qtmodeltester.check(model)


def test_the_missing_materials_take_the_spare_width(qtbot, admin):
    from PySide6.QtWidgets import QHeaderView

    widget = FollowUpsWidget(admin, ChangeBus())
    qtbot.addWidget(widget)
    header = widget.table.horizontalHeader()
    assert not header.stretchLastSection()
    assert header.sectionResizeMode(FollowUpsWidget.MISSING_COLUMN) == (
        QHeaderView.ResizeMode.Stretch
    )
    assert not widget.table.tabKeyNavigation()
