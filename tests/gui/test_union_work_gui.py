"""The workplace page's union-work sections (issue #26, point 3), driven standalone in a window:
congresses with the next one due, collective contracts with their states and renewals, a
building's regional contracts with the workplaces they cover, open-affairs checks. Each by
keyboard, its dialog's errors at the field; each fits 1366x768, Tab leaves its list, its access
keys are unique."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK, UNION_ORGANISER
from stationapp.models.people import Building, Organization
from stationapp.models.union_work import CollectiveContract, CongressMeeting, OpenAffairsCheck
from stationapp.services import people
from stationapp.services.people import OrganizationInput
from stationapp.ui.today import TodayTab
from stationapp.ui.union_work.dialogs import CheckDialog, CongressDialog, ContractDialog
from stationapp.ui.union_work.sections import (
    CongressesSection,
    ContractsSection,
    OpenAffairsSection,
    RegionalContractsSection,
)
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large


@pytest.fixture
def organiser(make_staff):
    return make_staff("union1", UNION_ORGANISER)


@pytest.fixture
def big(admin) -> Organization:
    org = people.create_organization(admin, OrganizationInput(name="建国门百货"))
    Organization.update(
        employees=400, union_status="own_union", union_founded_on=date(2020, 5, 1)
    ).where(Organization.id == org.id).execute()
    return org


def _window(show_active, *sections: QWidget) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    for section in sections:
        layout.addWidget(section)
    window.resize(1300, 700)
    return show_active(window)


def _checks(window: QWidget) -> None:
    assert mnemonic_clashes(window) == {}
    assert lists_keeping_tab(window) == []
    assert too_large(window) == (0, 0)


def _drive(qtbot, dialog_type, steps) -> list:
    """Run ``steps(dialog)`` in the dialog the next key opens; what they saw comes back."""
    seen: list = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            seen.append(f"no {dialog_type.__name__}: {dialog!r}")
            return
        try:
            assert mnemonic_clashes(dialog) == {}
            seen.append(steps(dialog))
        finally:
            if dialog.isVisible():  # a failed step must not leave the test waiting
                dialog.reject()

    QTimer.singleShot(0, drive)
    return seen


def _press(qtbot, button: QPushButton, key: str) -> None:
    """The button, which has access key ``key``, pressed from the keyboard (focus and Space)."""
    assert f"&{key}" in button.text().lower()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_each_section_fits_and_keeps_its_keys_apart(qtbot, show_active, organiser, big) -> None:
    """The workplace page shows one section at a time (its tabs): each is checked alone here,
    and with the page's own keys in tests/gui/test_workplaces_tab.py."""
    for section in (CongressesSection, ContractsSection, OpenAffairsSection):
        _checks(_window(show_active, section(organiser, big.id)))


def test_a_congress_recorded_by_keyboard_with_errors_at_the_field(
    qtbot, show_active, organiser, big
) -> None:
    section = CongressesSection(organiser, big.id)
    window = _window(show_active, section)
    _checks(window)
    assert "逾期" in section.summary.text()  # a founded union of 400 with no congress yet
    assert section.stack.currentIndex() == 1  # the empty line says what to do

    def first(dialog: CongressDialog) -> bool:
        dialog.save()  # a workers' congress without delegates: refused at the field
        shown = dialog.fields.error_label("delegates").isVisible() and dialog.isVisible()
        dialog.delegates.setValue(42)
        dialog.matters.setPlainText("审议通过员工手册修订稿")
        qtbot.keyClick(dialog.handbook, Qt.Key.Key_Space)
        dialog.save()
        return shown

    seen = _drive(qtbot, CongressDialog, first)
    _press(qtbot, section.record_button, "s")
    assert seen == [True]
    meeting = CongressMeeting.get()
    assert (meeting.delegates, meeting.handbook_revised) == (42, True)
    assert "逾期" not in section.summary.text() and section.model.rowCount() == 1

    def change(dialog: CongressDialog) -> int:
        dialog.delegates.setValue(45)
        dialog.save()
        return 0

    section.table.setFocus()
    seen = _drive(qtbot, CongressDialog, change)
    qtbot.keyClick(section.table, Qt.Key.Key_Return)
    assert seen == [0] and CongressMeeting.get().delegates == 45


def test_a_contract_refused_beyond_three_years_then_renewed(
    qtbot, show_active, organiser, big
) -> None:
    section = ContractsSection(organiser, big.id)
    window = _window(show_active, section)
    _checks(window)
    assert not section.renew_button.isEnabled()
    start = today() - timedelta(days=700)

    def first(dialog: ContractDialog) -> bool:
        dialog.signed_on.setDate(QDate(start))
        dialog.starts_on.setDate(QDate(start))
        dialog.ends_on.setDate(QDate(start).addYears(4))
        dialog.increase.setText("5")
        dialog.save()
        shown = dialog.fields.error_label("ends_on").isVisible() and dialog.isVisible()
        dialog.ends_on.setDate(QDate(start).addYears(2).addDays(-1))
        dialog.save()
        return shown

    seen = _drive(qtbot, ContractDialog, first)
    _press(qtbot, section.new_button, "s")
    assert seen == [True]
    assert section.model.data(section.model.index(0, 0)) == "Expiring within 60 days"
    assert section.renew_button.isEnabled()

    def renew(dialog: ContractDialog) -> bool:
        starts = dialog.starts_on.date().toPython()
        dialog.signed_on.setDate(QDate(today()))
        dialog.save()
        return starts == CollectiveContract.get().ends_on + timedelta(days=1)

    seen = _drive(qtbot, ContractDialog, renew)
    _press(qtbot, section.renew_button, "j")
    assert seen == [True]
    states = [section.model.data(section.model.index(r, 0)) for r in range(2)]
    assert states == ["Not yet in force", "Renewed"]


def test_a_regional_contract_needs_its_workplaces(qtbot, show_active, admin, organiser) -> None:
    building = Building.create(name="国际大厦", federation_name="国际大厦楼宇联合会")
    for name in ("国际大厦一号公司", "国际大厦二号公司"):
        org = people.create_organization(admin, OrganizationInput(name=name))
        Organization.update(building=building.id).where(Organization.id == org.id).execute()
    section = RegionalContractsSection(organiser, building.id)
    window = _window(show_active, section)
    _checks(window)

    def first(dialog: ContractDialog) -> bool:
        dialog.save()
        shown = dialog.fields.error_label("covered").isVisible()
        for row in range(dialog.covered.count()):
            dialog.covered.item(row).setCheckState(Qt.CheckState.Checked)
        dialog.save()
        return shown

    seen = _drive(qtbot, ContractDialog, first)
    _press(qtbot, section.new_button, "c")
    assert seen == [True]
    covered = section.model.data(section.model.index(0, 6))
    assert covered == "国际大厦一号公司、国际大厦二号公司"
    assert section.model.data(section.model.index(0, 3)) == "国际大厦楼宇联合会"


def test_an_open_affairs_check_keeps_its_follow_up(qtbot, show_active, organiser, big) -> None:
    section = OpenAffairsSection(organiser, big.id)
    window = _window(show_active, section)
    _checks(window)

    def first(dialog: CheckDialog) -> bool:
        dialog.rating.setCurrentIndex(dialog.rating.findData("needs_improvement"))
        dialog.findings.setPlainText("公开栏未更新")
        dialog.save()
        shown = dialog.fields.error_label("follow_up").isVisible()
        dialog.follow_up.setPlainText("两周内更新，月底复查")
        dialog.save()
        return shown

    seen = _drive(qtbot, CheckDialog, first)
    _press(qtbot, section.record_button, "s")
    assert seen == [True]
    assert OpenAffairsCheck.get().follow_up == "两周内更新，月底复查"
    assert section.model.rowCount() == 1


def test_the_front_desk_sees_but_may_not_record(qtbot, show_active, make_staff, big) -> None:
    desk = make_staff("desk1", FRONT_DESK)
    sections = (
        CongressesSection(desk, big.id),
        ContractsSection(desk, big.id),
        OpenAffairsSection(desk, big.id),
    )
    windows = [_window(show_active, section) for section in sections]
    for window in windows:
        _checks(window)
    assert not sections[0].record_button.isEnabled()
    assert not sections[1].new_button.isEnabled()
    assert not sections[2].record_button.isEnabled()
    assert "may not" in sections[0].record_button.toolTip()


def test_today_shows_overdue_congresses_and_opens_the_workplace(
    qtbot, show_active, organiser, big
) -> None:
    from stationapp.ui.bus import ChangeBus

    tab = show_active(TodayTab(organiser, ChangeBus()))
    tab.refresh()
    box = tab.boxes["congresses"]
    assert box.title() == "Workers' congresses overdue (1)"
    line = box.list.item(0)
    assert "建国门百货" in line.text() and "(overdue)" in line.text()
    with qtbot.waitSignal(tab.open_requested) as opened:
        box.list.itemActivated.emit(line)
    assert opened.args == ["workplace", big.id, 0]
    assert tab.boxes["contracts"].title() == ("Collective contracts expiring within 60 days (0)")
