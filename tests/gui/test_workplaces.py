from __future__ import annotations

from stationapp.models.people import Organization
from stationapp.services import people
from stationapp.ui.bus import ChangeBus
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.people.workplaces import OrganizationDialog
from stationapp.ui.workplaces.workplaces_tab import WorkplacesTab


def test_create_workplace_and_pick_it_for_a_person(qtbot, admin):
    dialog = OrganizationDialog(admin, name="国瑞大厦")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("office_building"))
    dialog.contact_phone.setText("12345")
    dialog.submit()
    assert dialog.fields.error_label("contact_phone").text()
    assert dialog.name.text() == "国瑞大厦"
    dialog.contact_phone.setText("010-65123456")
    dialog.submit()
    org = Organization.get(Organization.name == "国瑞大厦")
    assert org.kind == "office_building"

    person_dialog = PersonDialog(admin)
    qtbot.addWidget(person_dialog)
    person_dialog.name.setText("张伟")
    person_dialog.workplace.combo.setEditText("国瑞大厦")
    person_dialog.submit()
    assert person_dialog.person is not None and person_dialog.person.workplace_id == org.id


def test_unknown_workplace_name_is_refused_at_the_field(qtbot, admin):
    dialog = PersonDialog(admin)
    qtbot.addWidget(dialog)
    dialog.name.setText("张伟")
    dialog.workplace.combo.setEditText("不存在的公司")
    dialog.submit()
    assert dialog.fields.error_label("workplace").text()
    assert dialog.person is None


def test_workplaces_list_searches_by_initials_and_edits(qtbot, admin, monkeypatch):
    people.create_organization(admin, people.OrganizationInput(name="华润大厦"))
    people.create_organization(admin, people.OrganizationInput(name="东方广场"))
    tab = WorkplacesTab(admin, ChangeBus())
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 2
    tab.search.setText("hr")
    tab.refresh()
    assert tab.model.rowCount() == 1 and tab.model.index(0, 0).data() == "华润大厦"

    def fake_exec(self):
        self.address.setText("东城区建国门北大街8号")
        self.submit()
        return self.result()

    monkeypatch.setattr(OrganizationDialog, "exec", fake_exec)
    tab.edit(tab.model.rows[0].organization.id)
    assert Organization.get(Organization.name == "华润大厦").address == "东城区建国门北大街8号"
