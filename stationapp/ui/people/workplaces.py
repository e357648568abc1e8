"""Workplaces (工作单位): add or edit one, and the list of them all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.people import ORG_KINDS, UNION_STATUSES, Organization
from stationapp.services import accounts, people
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.forms import CLOSE, FormDialog, dialog_buttons, layout_with_bar, show_user_error

ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 1


class OrganizationDialog(FormDialog):
    """Create a workplace (``organization=None``) or edit one."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        name: str = "",
        organization: Organization | None = None,
    ) -> None:
        super().__init__(actor, parent)
        self.editing = organization
        self.organization: Organization | None = None
        self.setWindowTitle(self.tr("Edit workplace") if organization else self.tr("New workplace"))
        self.name = QLineEdit(name)
        self.name.setMaxLength(200)
        self.fields.add_row(self.tr("Name"), "name", self.name)
        self.kind = QComboBox()
        for kind in ORG_KINDS:
            self.kind.addItem(people.org_kind_label(kind), kind)
        self.fields.add_row(self.tr("Kind"), "kind", self.kind)
        self.union_status = QComboBox()
        for status in UNION_STATUSES:
            self.union_status.addItem(people.union_status_label(status), status)
        self.union_status.setCurrentIndex(len(UNION_STATUSES) - 1)
        self.fields.add_row(self.tr("Union"), "union_status", self.union_status)
        self.address = self.fields.add_line(self.tr("Address"), "address", 300)
        self.contact_name = self.fields.add_line(self.tr("Contact person"), "contact_name", 100)
        self.contact_phone = self.fields.add_line(self.tr("Contact phone"), "contact_phone", 40)
        dialog_buttons(self, self.column, self.submit)
        self.setMinimumWidth(460)
        if organization is not None:
            self.name.setText(organization.name)
            self.kind.setCurrentIndex(max(self.kind.findData(organization.kind), 0))
            self.union_status.setCurrentIndex(
                max(self.union_status.findData(organization.union_status), 0)
            )
            self.address.setText(organization.address)
            self.contact_name.setText(organization.contact_name)
            self.contact_phone.setText(organization.contact_phone)

    def submit(self) -> None:
        data = people.OrganizationInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            address=self.address.text(),
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            union_status=self.union_status.currentData(),
        )
        try:
            if self.editing is None:
                self.organization = people.create_organization(self.actor, data)
            else:
                self.organization = people.update_organization(self.actor, self.editing.id, data)
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


class WorkplacesDialog(QDialog):
    """Every workplace on file, searchable by name or pinyin; Enter edits the chosen one."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Workplaces"))
        self.resize(620, 480)
        layout, self.bar = layout_with_bar(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by name, pinyin or initials"))
        self.search.textChanged.connect(self.reload)
        self.search.returnPressed.connect(self.edit_current)
        top.addWidget(self.search, 1)
        can_manage = accounts.has_permission(actor, "organization.manage")
        self.new_button = QPushButton(self.tr("&New workplace…"))
        self.new_button.clicked.connect(self.create)
        self.new_button.setVisible(can_manage)
        top.addWidget(self.new_button)
        self.show_inactive = QCheckBox(self.tr("S&how deactivated"))
        self.show_inactive.toggled.connect(self.reload)
        top.addWidget(self.show_inactive)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.edit_current())
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.list, 1)
        actions = QHBoxLayout()
        self.deactivate_button = QPushButton(self.tr("&Deactivate"))
        self.deactivate_button.setToolTip(
            self.tr("No longer offer this workplace; records that name it keep it")
        )
        self.deactivate_button.clicked.connect(lambda: self.set_current_active(False))
        self.reactivate_button = QPushButton(self.tr("Re&activate"))
        self.reactivate_button.clicked.connect(lambda: self.set_current_active(True))
        self.delete_button = QPushButton(self.tr("De&lete…"))
        self.delete_button.setToolTip(
            self.tr("Delete a workplace entered by mistake; one in use is deactivated")
        )
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.deactivate_button, self.reactivate_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        dialog_buttons(self, layout, buttons=CLOSE)
        self.reload()

    def reload(self, *_args: object) -> None:
        self.list.clear()
        found = people.search_organizations(
            self.actor,
            self.search.text(),
            limit=500,
            include_inactive=self.show_inactive.isChecked(),
        )
        for org in found:
            text = "  ·  ".join(
                part
                for part in (
                    org.name,
                    people.org_kind_label(org.kind),
                    people.union_status_label(org.union_status),
                    org.address,
                )
                if part
            )
            if not org.active:
                text += "  ·  " + self.tr("deactivated")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setData(ACTIVE_ROLE, org.active)
            if not org.active:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        active = bool(item.data(ACTIVE_ROLE)) if item is not None else True
        can_deactivate = accounts.has_permission(self.actor, "organization.deactivate")
        self.deactivate_button.setVisible(can_deactivate and active)
        self.reactivate_button.setVisible(can_deactivate and not active)
        self.delete_button.setVisible(accounts.has_permission(self.actor, "organization.delete"))
        for button in (self.deactivate_button, self.reactivate_button, self.delete_button):
            button.setEnabled(item is not None)

    def _current_org(self) -> Organization | None:
        item = self.list.currentItem()
        if item is None:
            return None
        try:
            return people.get_organization(self.actor, item.data(Qt.ItemDataRole.UserRole))
        except UserError as exc:
            self.bar.show_message(exc.message)
            return None

    def set_current_active(self, active: bool) -> None:
        org = self._current_org()
        if org is None:
            return
        try:
            if active:
                people.reactivate_organization(self.actor, org.id)
                message = self.tr("{name} is offered again.").format(name=org.name)
            else:
                people.deactivate_organization(self.actor, org.id)
                message = self._deactivated_text(org.name)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.reload()
        self.bar.show_message(message, "info")

    def _deactivated_text(self, name: str) -> str:
        return self.tr(
            "{name} is deactivated: no longer offered, and kept on the records that name it."
        ).format(name=name)

    def delete_current(self) -> None:
        org = self._current_org()
        if org is None:
            return
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
        self.reload()
        if outcome is Outcome.DELETED:
            self.bar.show_message(self.tr("{name} was deleted.").format(name=org.name), "info")
        else:
            self.bar.show_message(self._deactivated_text(org.name), "info")

    def create(self) -> None:
        dialog = OrganizationDialog(self.actor, self, name=self.search.text().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def edit_current(self) -> None:
        item = self.list.currentItem()
        if item is None or not accounts.has_permission(self.actor, "organization.manage"):
            return
        org = people.get_organization(self.actor, item.data(Qt.ItemDataRole.UserRole))
        dialog = OrganizationDialog(self.actor, self, organization=org)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
