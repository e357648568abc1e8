"""The small dialogs of union work: the union status with its dates, a founding step done, a
building and its federation, and the list of buildings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.people import UNION_STATUSES, Building, Organization
from stationapp.services import accounts, people, workplaces
from stationapp.ui.dates import OptionalDate, date_edit
from stationapp.ui.fields import set_field_value
from stationapp.ui.forms import (
    CLOSE,
    BarDialog,
    FormDialog,
    add_button,
    choice_box,
    dialog_buttons,
    reports_user_errors,
    shows_user_errors,
)
from stationapp.ui.layout_state import size_columns_to_content
from stationapp.ui.table_model import read_only_table
from stationapp.ui.union_work.sections import RegionalContractsSection


class UnionStatusDialog(FormDialog):
    """The union status and the dates it needs (preparing since, founded on)."""

    def __init__(self, actor: Staff, org: Organization, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent, self.tr("Union status of {name}").format(name=org.name))
        self.org = org
        self.status = choice_box(UNION_STATUSES, people.union_status_label)
        set_field_value(self.status, org.union_status)
        self.fields.add_row(self.tr("&Status"), "union_status", self.status)
        self.preparing = OptionalDate(self.tr("Known"), org.union_preparing_since)
        self.fields.add_row(self.tr("Preparing since"), "union_preparing_since", self.preparing)
        self.founded = OptionalDate(self.tr("Known"), org.union_founded_on)
        self.fields.add_row(self.tr("Founded on"), "union_founded_on", self.founded)
        self.status.currentIndexChanged.connect(self._follow_status)
        self._follow_status()
        dialog_buttons(self, self.column, self.submit)

    def _follow_status(self) -> None:
        status = self.status.currentData()
        self.preparing.setEnabled(status != "none")
        self.founded.setEnabled(workplaces.union_founded(status))
        if status == "preparing" and self.preparing.value() is None:
            self.preparing.known.setChecked(True)
        if workplaces.union_founded(status) and self.founded.value() is None:
            self.founded.known.setChecked(True)

    @shows_user_errors
    def submit(self) -> None:
        workplaces.set_union_status(
            self.actor,
            self.org.id,
            self.status.currentData(),
            preparing_since=self.preparing.value(),
            founded_on=self.founded.value(),
        )
        self.accept()


class FoundingStepDialog(FormDialog):
    """A founding step done: its date (today unless changed) and a note."""

    def __init__(
        self,
        actor: Staff,
        org_id: int,
        step: str,
        done: object = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(actor, parent, workplaces.founding_step_label(step))
        self.org_id, self.step = org_id, step
        self.done_on = date_edit(getattr(done, "done_on", None) or today(), latest=today())
        self.fields.add_row(self.tr("Done on"), "done_on", self.done_on)
        self.note = self.fields.add_line(self.tr("Note"), "note", 200)
        self.note.setText(getattr(done, "note", ""))
        dialog_buttons(self, self.column, self.submit)
        self.done_on.setFocus()

    @shows_user_errors
    def submit(self) -> None:
        workplaces.mark_founding_step(
            self.actor, self.org_id, self.step, self.done_on.date().toPython(), self.note.text()
        )
        self.accept()


class BuildingDialog(FormDialog):
    """A new building (``building=None``) or one to edit, with its union federation."""

    def __init__(
        self, actor: Staff, building: Building | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            actor, parent, self.tr("Edit building") if building else self.tr("New building")
        )
        self.building = building
        self.name = self.fields.add_line(self.tr("Name"), "name", 100)
        self.address = self.fields.add_line(self.tr("Address"), "address", 200)
        self.federation = self.fields.add_line(
            self.tr("Union federation"), "federation_name", 100, self.tr("None yet")
        )
        self.founded = OptionalDate(
            self.tr("Known"), building.federation_founded_on if building else None
        )
        self.fields.add_row(self.tr("Federation founded"), "federation_founded_on", self.founded)
        self.chair = self.fields.add_line(self.tr("Federation chair"), "federation_chair", 50)
        self.contact = self.fields.add_line(self.tr("Federation phone"), "federation_contact", 30)
        if building is not None:
            # The regional contracts its federation signed for the building's workplaces.
            self.contracts = RegionalContractsSection(actor, building.id, self)
            self.column.addWidget(self.contracts, 1)
            self.fields.fill(building)
        dialog_buttons(self, self.column, self.submit)
        self.setMinimumWidth(460 if building is None else 760)

    @shows_user_errors
    def submit(self) -> None:
        # The fields are named as the building's input.
        data = workplaces.BuildingInput(**self.fields.values())
        if self.building is None:
            workplaces.create_building(self.actor, data)
        else:
            workplaces.update_building(self.actor, self.building.id, data)
        self.accept()


class BuildingsDialog(BarDialog):
    """The buildings with their federation and how many workplaces each holds; Enter edits."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Buildings"), parent)
        self.resize(760, 460)
        layout = self.column
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by name, pinyin or initials"))
        self.search.textChanged.connect(self.reload)
        self.search.returnPressed.connect(self.edit_current)
        top.addWidget(self.search, 1)
        manage = accounts.has_permission(actor, "workplace.manage")
        self.new_button = add_button(top, self.tr("&New building…"), self.create)
        self.toggle_button = add_button(top, self.tr("&Deactivate"), self.toggle_current)
        self.show_inactive = QCheckBox(self.tr("S&how deactivated"))
        self.show_inactive.toggled.connect(self.reload)
        top.addWidget(self.show_inactive)
        for button in (self.new_button, self.toggle_button):
            button.setVisible(manage)
        layout.addLayout(top)
        self.table = read_only_table(
            [
                self.tr("Building"),
                self.tr("Union federation"),
                self.tr("Federation chair"),
                self.tr("Workplaces"),
                self.tr("Address"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellActivated.connect(lambda *_: self.edit_current())
        self.table.currentCellChanged.connect(lambda *_: self._update_toggle())
        layout.addWidget(self.table, 1)
        dialog_buttons(self, layout, buttons=CLOSE)
        self.rows: list[workplaces.BuildingRow] = []
        self.reload()

    def reload(self, *_args: object) -> None:
        self.rows = workplaces.search_buildings(
            self.actor, self.search.text(), include_inactive=self.show_inactive.isChecked()
        )
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            b = row.building
            name = b.name if b.active else self.tr("{name} (deactivated)").format(name=b.name)
            for column, text in enumerate(
                (name, b.federation_name, b.federation_chair, str(row.workplaces), b.address)
            ):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, column, item)
        size_columns_to_content(self.table, 4)
        if self.rows:
            self.table.setCurrentCell(0, 0)
        self._update_toggle()

    def _current(self) -> Building | None:
        row = self.table.currentRow()
        return self.rows[row].building if 0 <= row < len(self.rows) else None

    def _update_toggle(self) -> None:
        building = self._current()
        self.toggle_button.setEnabled(building is not None)
        active = building is None or building.active
        self.toggle_button.setText(self.tr("&Deactivate") if active else self.tr("Re&activate"))

    @reports_user_errors
    def toggle_current(self) -> None:
        building = self._current()
        if building is None:
            return
        if building.active:
            workplaces.deactivate_building(self.actor, building.id)
        else:
            workplaces.reactivate_building(self.actor, building.id)
        self.reload()

    def create(self) -> None:
        if BuildingDialog(self.actor, None, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def edit_current(self) -> None:
        building = self._current()
        if building is None or not accounts.has_permission(self.actor, "workplace.manage"):
            return
        if BuildingDialog(self.actor, building, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()
