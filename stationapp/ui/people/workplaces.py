"""A workplace (工作单位) added or edited: the form the People tab's workplace chooser and the
Workplaces tab (ui/workplaces/) share."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.models.people import ORG_KINDS, UNION_STATUSES, Organization
from stationapp.services import people
from stationapp.ui.forms import ServiceDialog, choice_box


class OrganizationDialog(ServiceDialog):
    """Create a workplace (``organization=None``) or edit one."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        name: str = "",
        organization: Organization | None = None,
    ) -> None:
        super().__init__(
            actor, self.tr("Edit workplace") if organization else self.tr("New workplace"), parent
        )
        self.editing = organization
        self.organization: Organization | None = None
        self.name = self.fields.add_line(self.tr("Name"), "name", 200)
        self.name.setText(name)
        self.kind = choice_box(ORG_KINDS, people.org_kind_label)
        self.fields.add_row(self.tr("Kind"), "kind", self.kind)
        self.union_status = choice_box(UNION_STATUSES, people.union_status_label)
        self.union_status.setCurrentIndex(len(UNION_STATUSES) - 1)
        self.fields.add_row(self.tr("Union"), "union_status", self.union_status)
        self.address = self.fields.add_line(self.tr("Address"), "address", 300)
        self.contact_name = self.fields.add_line(self.tr("Contact person"), "contact_name", 100)
        self.contact_phone = self.fields.add_line(self.tr("Contact phone"), "contact_phone", 40)
        self.finish()
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
        data = people.OrganizationInput(**self.fields.values())
        editing = self.editing
        self.organization = self.attempt(
            (lambda: people.create_organization(self.actor, data))
            if editing is None
            else (lambda: people.update_organization(self.actor, editing.id, data))
        )
