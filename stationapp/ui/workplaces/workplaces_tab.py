"""The Workplaces tab (工作单位): the list of workplaces with its filters (text, building, union
status, a kept set such as "25 or more employees without a union"), Enter to a workplace's page,
the buildings, and adding, editing, deactivating and deleting workplaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.people import UNION_STATUSES
from stationapp.services import accounts, people, union_work, workplaces
from stationapp.ui.bus import ChangeBus
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.forms import (
    add_button,
    choice_box,
    empty_state,
    layout_with_bar,
    search_box,
    single_shot,
)
from stationapp.ui.layout_state import (
    leave_on_tab,
    restore_columns,
    save_columns,
)
from stationapp.ui.people.workplaces import OrganizationDialog
from stationapp.ui.table_model import PagedTableModel, count_row, enter_list, setup_list_view
from stationapp.ui.workplaces.dialogs import BuildingsDialog
from stationapp.ui.workplaces.workplace_page import WorkplacePage

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ListFilter:
    """An entry of the list's "Only" box: the workplaces a service keeps (None: all), shown to
    the roles holding ``permission``. Another area adds one line to ``LIST_FILTERS``."""

    key: str
    title: Callable[[], str]
    keep: workplaces.Keep | None = None
    permission: str = "workplace.read"


LIST_FILTERS: list[ListFilter] = [
    ListFilter("all", lambda: translate("WorkplacesTab", "All workplaces")),
    ListFilter(
        "large_without_union",
        lambda: translate("WorkplacesTab", "25 or more employees without a union"),
        lambda actor: workplaces.large_without_union_ids(actor),
    ),
    ListFilter(
        "contracts",
        lambda: translate("WorkplacesTab", "Collective contract expiring within 60 days"),
        lambda actor: union_work.expiring_contract_org_ids(today()),
    ),
    ListFilter(
        "congresses",
        lambda: translate("WorkplacesTab", "Workers' congress overdue"),
        lambda actor: union_work.overdue_congress_org_ids(today()),
    ),
]


class WorkplaceListModel(PagedTableModel):
    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            lambda f, offset, limit: workplaces.list_workplaces(actor, f, offset, limit),
            lambda f: workplaces.count_workplaces(actor, f),
            parent,
            filt=workplaces.WorkplaceFilter(),
        )
        self.headers = [
            self.tr("Workplace"),
            self.tr("Building"),
            self.tr("Sector"),
            self.tr("Employees"),
            self.tr("Union"),
            self.tr("Members (register / reported)"),
        ]

    @staticmethod
    def key_of(row: Any) -> Any:
        return row.organization.id

    def cell(self, row: workplaces.WorkplaceRow, column: int, role: int) -> Any:
        org = row.organization
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 5):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and not org.active:
            return Qt.GlobalColor.darkGray
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return org.name if org.active else self.tr("{name} (deactivated)").format(name=org.name)
        if column == 1:
            return org.building.name if org.building_id else ""
        if column == 2:
            return org.sector
        if column == 3:
            return "" if org.employees is None else str(org.employees)
        if column == 4:
            return people.union_status_label(org.union_status)
        reported = "—" if org.members_reported is None else str(org.members_reported)
        return f"{row.members_register} / {reported}"


class WorkplacesTab(QWidget):
    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.list_page = QWidget()
        layout, self.bar = layout_with_bar(self.list_page)
        self.pages.addWidget(self.list_page)

        filters = QHBoxLayout()
        self.search = search_box(self.tr("Search by name, pinyin or initials"), self.focus_table)
        self.search.returnPressed.connect(self.open_current)
        self._timer = single_shot(self, 150, self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._labelled(filters, self.tr("&Search:"), self.search, 2)
        self.building = QComboBox()
        self._labelled(filters, self.tr("B&uilding:"), self.building, 1)
        self.status = choice_box(
            UNION_STATUSES, people.union_status_label, first=(self.tr("Any"), None)
        )
        self._labelled(filters, self.tr("Uni&on:"), self.status, 1)
        self.only = QComboBox()
        for entry in LIST_FILTERS:
            if accounts.has_permission(actor, entry.permission):
                self.only.addItem(entry.title(), entry.key)
        self._labelled(filters, self.tr("Onl&y:"), self.only, 1)
        self.show_inactive = QCheckBox(self.tr("Inclu&de deactivated"))
        filters.addWidget(self.show_inactive)
        for combo in (self.building, self.status, self.only):
            combo.currentIndexChanged.connect(self.refresh)
        self.show_inactive.toggled.connect(self.refresh)
        layout.addLayout(filters)

        self.table = leave_on_tab(QTableView())
        self.model = WorkplaceListModel(actor, self)
        setup_list_view(self.table, self.model)
        self.table.activated.connect(lambda _index: self.open_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        restore_columns(self.table, "workplaces", stretch=0)  # the name takes the spare width
        self.empty, self.stack = empty_state(self.table)
        layout.addWidget(self.stack, 1)

        bottom, self.count = count_row(self.model, lambda n: self.tr("%n workplace(s)", "", n))
        self.new_button = add_button(bottom, self.tr("&New workplace…"), self.create)
        self.new_button.setVisible(accounts.has_permission(actor, "organization.manage"))
        self.buildings_button = add_button(bottom, self.tr("Buildin&gs…"), self.show_buildings)
        self.deactivate_button = add_button(
            bottom,
            self.tr("Dea&ctivate"),
            lambda: self.set_current_active(False),
            self.tr("No longer offer this workplace; records that name it keep it"),
        )
        self.reactivate_button = add_button(
            bottom, self.tr("Rea&ctivate"), lambda: self.set_current_active(True)
        )
        self.delete_button = add_button(
            bottom,
            self.tr("De&lete…"),
            self.delete_current,
            self.tr("Delete a workplace entered by mistake; one in use is deactivated"),
        )
        layout.addLayout(bottom)

        self.page = WorkplacePage(actor)
        self.page.back_requested.connect(self.back_to_list)
        self.page.edit_requested.connect(self.edit)
        self.page.changed.connect(self._reload_keeping)
        self.pages.addWidget(self.page)
        bus.changed.connect(self._on_changed)
        self._fill_buildings()
        self.refresh()

    @staticmethod
    def _labelled(row: QHBoxLayout, text: str, widget: QWidget, stretch: int) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        row.addWidget(label)
        row.addWidget(widget, stretch)

    # --- the list ---------------------------------------------------------------------------

    def _fill_buildings(self) -> None:
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("Any"), None)
        for row in workplaces.search_buildings(self.actor):
            self.building.addItem(row.building.name, row.building.id)
        self.building.setCurrentIndex(max(self.building.findData(current), 0))
        self.building.blockSignals(False)

    def current_filter(self) -> workplaces.WorkplaceFilter:
        entry = next((f for f in LIST_FILTERS if f.key == self.only.currentData()), None)
        return workplaces.WorkplaceFilter(
            text=self.search.text(),
            building_id=self.building.currentData(),
            union_status=self.status.currentData(),
            include_inactive=self.show_inactive.isChecked(),
            keep=(entry.keep,) if entry is not None and entry.keep is not None else (),
        )

    def refresh(self, *_args: object) -> None:
        self._timer.stop()
        try:
            self.model.reload(self.current_filter())
        except UserError as exc:
            self.bar.show_message(exc.message)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText(
                self.tr("No workplace matches these filters: change or clear them.")
                if self.search.text().strip()
                or self.current_filter() != workplaces.WorkplaceFilter()
                else self.tr("No workplaces on file yet: add one with New workplace.")
            )
            self.stack.setCurrentWidget(self.empty)
        self._update_buttons()

    def _reload_keeping(self) -> None:
        self.model.reload_keeping(self.table, self.current_filter())
        self._update_buttons()

    def _on_changed(self, entity: str) -> None:
        if entity in ("organization", "person"):
            self._fill_buildings()
            self._reload_keeping()
            if self.pages.currentWidget() is self.page:
                self.page.reload()

    def _current_row(self) -> workplaces.WorkplaceRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        row = self._current_row()
        active = row is None or row.organization.active
        may_deactivate = accounts.has_permission(self.actor, "organization.deactivate")
        self.deactivate_button.setVisible(may_deactivate and active)
        self.reactivate_button.setVisible(may_deactivate and not active)
        self.delete_button.setVisible(accounts.has_permission(self.actor, "organization.delete"))
        for button in (self.deactivate_button, self.reactivate_button, self.delete_button):
            button.setEnabled(row is not None)

    def show_filtered(self, key: str) -> None:
        """The list of a Today section: ``key`` is one of ``LIST_FILTERS`` (25 or more
        employees without a union, contracts expiring, congresses overdue)."""
        self.back_to_list()
        self.only.setCurrentIndex(max(self.only.findData(key), 0))

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.page:
            self.back_to_list()
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        enter_list(self.table)

    def save_state(self) -> None:
        save_columns(self.table, "workplaces")

    # --- the page ---------------------------------------------------------------------------

    def open_current(self) -> None:
        row = self._current_row()
        if row is not None:
            self.open_workplace(row.organization.id)

    def open_workplace(self, org_id: int) -> None:
        if self.page.show_workplace(org_id):
            self.model.select(self.table, org_id)
            self.pages.setCurrentWidget(self.page)
            self.page.focus_first()

    def back_to_list(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.table.setFocus()

    # --- changes ----------------------------------------------------------------------------

    def create(self) -> None:
        dialog = OrganizationDialog(self.actor, self, name=self.search.text().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            if dialog.organization is not None:
                self.model.select(self.table, dialog.organization.id)

    def edit(self, org_id: int) -> None:
        try:
            org = people.get_organization(self.actor, org_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        if OrganizationDialog(self.actor, self, organization=org).exec():
            self._reload_keeping()
            self.page.show_workplace(org_id)

    def show_buildings(self) -> None:
        BuildingsDialog(self.actor, self).exec()
        self._fill_buildings()
        self._reload_keeping()

    def set_current_active(self, active: bool) -> None:
        row = self._current_row()
        if row is None:
            return
        name = row.organization.name
        try:
            if active:
                people.reactivate_organization(self.actor, row.organization.id)
                message = self.tr("{name} is offered again.").format(name=name)
            else:
                people.deactivate_organization(self.actor, row.organization.id)
                message = self._deactivated_text(name)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self._reload_keeping()
        self.bar.show_message(message, "info")

    def _deactivated_text(self, name: str) -> str:
        return self.tr(
            "{name} is deactivated: no longer offered, and kept on the records that name it."
        ).format(name=name)

    def delete_current(self) -> None:
        row = self._current_row()
        if row is None:
            return
        org = row.organization
        can_deactivate = org.active and accounts.has_permission(
            self.actor, "organization.deactivate"
        )
        outcome = delete_or_offer(
            self,
            self.bar,
            name=org.name,
            delete=lambda: people.delete_organization(self.actor, org.id),
            instead=(lambda: people.deactivate_organization(self.actor, org.id))
            if can_deactivate
            else None,
            instead_question=self.tr("Deactivate {name} instead?").format(name=org.name),
        )
        if outcome is Outcome.NOTHING:
            return
        self.refresh()
        if outcome is Outcome.DELETED:
            self.bar.show_message(self.tr("{name} was deleted.").format(name=org.name), "info")
        else:
            self.bar.show_message(self._deactivated_text(org.name), "info")
