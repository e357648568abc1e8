"""The Workplaces tab by keyboard (issue #26): Alt+W opens it, the filters narrow the list,
Enter opens a workplace's page, Space marks a founding step done, Esc goes back; Tab leaves
every list; the tab fits 1366x768 with unique access keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from stationapp.db import today
from stationapp.models.accounts import LIBRARIAN, UNION_ORGANISER
from stationapp.models.workplaces import FoundingStep
from stationapp.services import people, workplaces
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.workplaces import BuildingInput, WorkplaceProfile
from stationapp.ui.main_window import MainWindow
from stationapp.ui.workplaces.dialogs import FoundingStepDialog
from stationapp.ui.workplaces.workplaces_tab import WorkplacesTab
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _station(admin) -> dict[str, int]:
    tower = workplaces.create_building(
        admin, BuildingInput(name="国际大厦", federation_name="国际大厦楼宇联合会")
    )
    ids = {}
    for name, employees, building in (
        ("云帆科技", 40, tower.id),
        ("小店", 5, None),
        ("东方传媒", 120, tower.id),
    ):
        org = people.create_organization(admin, OrganizationInput(name=name))
        workplaces.update_profile(
            admin, org.id, WorkplaceProfile(employees=employees, building_id=building)
        )
        ids[name] = org.id
    workplaces.set_union_status(admin, ids["东方传媒"], "own_union", founded_on=today())
    people.create_person(
        admin, PersonInput(name="王芳", workplace_id=ids["云帆科技"], is_member=True)
    )
    ids["building"] = tower.id
    return ids


def test_alt_w_filters_enter_space_and_escape(
    qtbot, show_active, admin, make_staff, db_url, monkeypatch
):
    ids = _station(admin)
    actor = make_staff("union1", UNION_ORGANISER)
    window = MainWindow(actor, database_url=db_url)
    window.resize(1366, 720)
    show_active(window)
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    tab = window.current_tab()
    assert isinstance(tab, WorkplacesTab)
    assert tab.model.rowCount() == 3

    # The filters: the 25+ rule keeps 云帆科技 only; the building keeps two.
    tab.only.setFocus()
    tab.only.setCurrentIndex(tab.only.findData("large_without_union"))
    assert [r.organization.name for r in tab.model.rows] == ["云帆科技"]
    assert tab.model.index(0, 5).data() == "1 / —"
    tab.only.setCurrentIndex(0)
    tab.building.setCurrentIndex(tab.building.findData(ids["building"]))
    assert tab.model.rowCount() == 2
    tab.building.setCurrentIndex(0)

    # Enter on a row opens its page; the founding steps by keyboard.
    tab.model.select(tab.table, ids["云帆科技"])
    tab.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert tab.pages.currentWidget() is tab.page
    assert tab.page.title.text() == "云帆科技"
    assert not mnemonic_clashes(window), mnemonic_clashes(window)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    founding = tab.page.sections["founding"]
    assert tab.page.tabs.currentWidget() is founding
    founding.table.setFocus()
    founding.table.setCurrentIndex(founding.model.index(0, 0))
    accepted = []

    def fake_exec(dialog: QDialog) -> int:
        assert dialog.done_on.date().toPython() == today()
        dialog.note.setText("走访人事部")
        dialog.submit()
        accepted.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(FoundingStepDialog, "exec", fake_exec)
    press(qtbot, Qt.Key.Key_Space)
    step = FoundingStep.get(FoundingStep.organization == ids["云帆科技"])
    assert (step.step, step.done_on, step.note) == ("contacted", today(), "走访人事部")
    assert founding.model.index(0, 1).data() != founding.tr("not yet")
    assert not lists_keeping_tab(window)
    assert too_large(window) == (0, 0)
    press(qtbot, Qt.Key.Key_Escape)
    assert tab.pages.currentWidget() is tab.list_page


def test_every_section_of_the_page_fits_and_keeps_no_tab_key(qtbot, show_active, admin, db_url):
    ids = _station(admin)
    window = MainWindow(admin, database_url=db_url)
    window.resize(1366, 720)
    show_active(window)
    tab = window.show_tab("workplaces")
    tab.open_workplace(ids["云帆科技"])
    keys = [tab.page.tabs.tabText(i) for i in range(tab.page.tabs.count())]
    # The administrator sees every section, cases included, and the union work's three.
    assert len(keys) == 9
    for index in range(tab.page.tabs.count()):
        tab.page.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert not mnemonic_clashes(window), (keys[index], mnemonic_clashes(window))
        assert not lists_keeping_tab(window), keys[index]
        assert too_large(window) == (0, 0), keys[index]
    people_section = tab.page.sections["people"]
    tab.page.tabs.setCurrentWidget(people_section)
    people_section.table.setCurrentIndex(people_section.model.index(0, 0))
    people_section.table.activated.emit(people_section.model.index(0, 0))
    assert window.tabs.currentWidget() is window._pages["people"]


def test_a_role_without_cases_sees_no_cases_section(qtbot, make_staff, admin):
    ids = _station(admin)
    from stationapp.ui.bus import ChangeBus

    tab = WorkplacesTab(make_staff("lib", LIBRARIAN), ChangeBus())
    qtbot.addWidget(tab)
    tab.open_workplace(ids["云帆科技"])
    assert "cases" not in tab.page.sections and "visits" not in tab.page.sections
    assert tab.new_button.isHidden()
    profile = tab.page.sections["profile"]
    assert profile.save_button.isHidden() and profile.status_button.isHidden()


def test_buildings_dialog_adds_edits_and_deactivates(qtbot, admin, monkeypatch):
    from stationapp.models.people import Building
    from stationapp.ui.workplaces.dialogs import BuildingDialog, BuildingsDialog

    dialog = BuildingsDialog(admin)
    qtbot.addWidget(dialog)

    def fill(self: BuildingDialog) -> int:
        self.name.setText("明珠国际中心")
        self.chair.setText("李明")  # a chair without a federation is refused at the field
        self.submit()
        assert self.fields.error_label("federation_name").text()
        self.federation.setText("明珠国际中心楼宇联合会")
        self.submit()
        return self.result()

    monkeypatch.setattr(BuildingDialog, "exec", fill)
    dialog.create()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "明珠国际中心楼宇联合会"
    dialog.toggle_current()
    assert Building.get().active is False and dialog.table.rowCount() == 0


def test_profile_and_union_status_from_the_page(qtbot, admin):
    from stationapp.models.people import Organization
    from stationapp.ui.bus import ChangeBus
    from stationapp.ui.workplaces.dialogs import UnionStatusDialog

    ids = _station(admin)
    tab = WorkplacesTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    tab.open_workplace(ids["云帆科技"])
    profile = tab.page.sections["profile"]
    profile.reported.setValue(41)  # more members than the 40 employees
    profile.save()
    assert profile.fields.error_label("members_reported").text()
    profile.reported.setValue(12)
    profile.sector.setText("软件")
    profile.save()
    saved = Organization.get_by_id(ids["云帆科技"])
    assert (saved.members_reported, saved.sector) == (12, "软件")
    status = UnionStatusDialog(admin, saved)
    qtbot.addWidget(status)
    status.status.setCurrentIndex(status.status.findData("preparing"))
    status.submit()
    saved = Organization.get_by_id(ids["云帆科技"])
    assert saved.union_status == "preparing" and saved.union_preparing_since == today()


def test_union_work_plugs_into_the_page_the_filters_today_and_the_buildings(
    qtbot, show_active, admin, db_url, monkeypatch
):
    """Issue 26: the workplace page carries the congresses, contracts and open-affairs
    sections; the list's "Only" box keeps the workplaces whose contract runs out within 60 days
    and those whose congress is overdue; Today's lines and headings open them; the building's
    dialog lists its federation's regional contracts."""
    from datetime import timedelta

    from stationapp.services import union_work
    from stationapp.ui.union_work.sections import (
        CongressesSection,
        ContractsSection,
        OpenAffairsSection,
        RegionalContractsSection,
    )
    from stationapp.ui.workplaces.dialogs import BuildingDialog

    ids = _station(admin)
    on = today()
    union_work.record_contract(
        admin,
        ids["东方传媒"],
        union_work.ContractInput(
            kind="wage",
            signed_on=on - timedelta(days=330),
            starts_on=on - timedelta(days=330),
            ends_on=on + timedelta(days=34),
        ),
    )
    union_work.record_congress(
        admin,
        ids["东方传媒"],
        union_work.CongressInput(held_on=on - timedelta(days=400), delegates=30),
    )
    window = MainWindow(admin, database_url=db_url)
    window.resize(1366, 720)
    show_active(window)
    tab = window.show_tab("workplaces")
    tab.open_workplace(ids["东方传媒"])
    page = tab.page
    assert isinstance(page.sections["congresses"], CongressesSection)
    assert isinstance(page.sections["contracts"], ContractsSection)
    assert isinstance(page.sections["open_affairs"], OpenAffairsSection)
    assert page.sections["contracts"].model.rowCount() == 1
    for key in ("congresses", "contracts", "open_affairs"):
        page.tabs.setCurrentWidget(page.sections[key])
        QApplication.processEvents()
        assert not mnemonic_clashes(window), (key, mnemonic_clashes(window))
        assert not lists_keeping_tab(window), key
        assert too_large(window) == (0, 0), key

    # Today's headings open the list filtered; a line opens the workplace.
    for key in ("contracts", "congresses"):
        window.open_section(key)
        assert window.current_tab() is tab and tab.pages.currentWidget() is tab.list_page
        assert tab.only.currentData() == key
        assert [r.organization.id for r in tab.model.rows] == [ids["东方传媒"]]
    window.open_record("workplace", ids["东方传媒"], 0)
    assert tab.pages.currentWidget() is tab.page and page.title.text() == "东方传媒"

    from stationapp.models.people import Building

    dialog = BuildingDialog(admin, Building.get_by_id(ids["building"]), window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.contracts, RegionalContractsSection)


def test_the_person_page_links_to_the_workplace(qtbot, show_active, admin, db_url):
    """Issue 26: a person's workplace on their page opens the workplace's page."""
    ids = _station(admin)
    wang = people.search_people(admin, "王芳")[0]
    window = MainWindow(admin, database_url=db_url)
    window.resize(1366, 720)
    show_active(window)
    window.show_tab("people")
    window.people_tab.select_person(wang.id)
    QApplication.processEvents()
    label = window.people_tab.page.values["workplace"]
    assert f'href="workplace:{ids["云帆科技"]}"' in label.text() and "云帆科技" in label.text()
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    label.linkActivated.emit(f"workplace:{ids['云帆科技']}")
    tab = window.current_tab()
    assert isinstance(tab, WorkplacesTab)
    assert tab.pages.currentWidget() is tab.page and tab.page.title.text() == "云帆科技"
