"""A workplace (工作单位) added or edited: the form the People tab's workplace chooser and the
Workplaces tab (ui/workplaces/) share."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.people import ORG_KINDS, UNION_STATUSES, Organization
from stationapp.services import people
from stationapp.ui.forms import FormDialog, dialog_buttons, show_user_error


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
