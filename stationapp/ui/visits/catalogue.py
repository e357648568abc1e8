"""The administrator's editor of the service catalogue and its one-time notices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidgetItem,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.visits import ELIGIBILITY_CHECKS, MATERIAL_KINDS, ServiceType
from stationapp.services import visits
from stationapp.ui.choices import fill_list
from stationapp.ui.forms import (
    EditableRows,
    FieldErrors,
    add_button,
    choice_box,
    layout_with_bar,
    record_list,
    scroll_area,
    show_user_error,
    text_box,
)

COL_NAME, COL_KIND, COL_COPIES, COL_ISSUER, COL_NOTE = range(5)


class MaterialsTable(EditableRows):
    """The materials of a notice: name, original or copy, copies, issuer, note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                self.tr("Material"),
                self.tr("Form"),
                self.tr("Copies"),
                self.tr("Issued by"),
                self.tr("Note"),
            ],
            COL_NAME,
            self.tr("Add material"),
            self.tr("Remove material"),
            parent,
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(150)

    def add_row(self, material: dict[str, object] | None = None) -> None:
        """A row showing ``material``; an empty one (None), its name ready to type."""
        material = material or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, COL_NAME, QTableWidgetItem(str(material.get("name", ""))))
        kind = choice_box(MATERIAL_KINDS, visits.material_kind_label)
        kind.setCurrentIndex(max(kind.findData(material.get("kind", "original")), 0))
        self.table.setCellWidget(row, COL_KIND, kind)
        copies = QSpinBox()
        copies.setRange(1, 20)
        copies.setValue(int(material.get("copies", 1)))
        self.table.setCellWidget(row, COL_COPIES, copies)
        self.table.setItem(row, COL_ISSUER, QTableWidgetItem(str(material.get("issuer", ""))))
        self.table.setItem(row, COL_NOTE, QTableWidgetItem(str(material.get("note", ""))))
        if not material:
            self.table.setCurrentCell(row, COL_NAME)
            self.table.editItem(self.table.item(row, COL_NAME))

    def set_materials(self, materials: list[dict[str, object]]) -> None:
        self.table.setRowCount(0)
        for material in materials:
            self.add_row(material)

    def materials(self) -> list[dict[str, object]]:
        result = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, COL_NAME)
            result.append(
                {
                    "name": name.text() if name else "",
                    "kind": self.table.cellWidget(row, COL_KIND).currentData(),
                    "copies": self.table.cellWidget(row, COL_COPIES).value(),
                    "issuer": (self.table.item(row, COL_ISSUER) or QTableWidgetItem()).text(),
                    "note": (self.table.item(row, COL_NOTE) or QTableWidgetItem()).text(),
                }
            )
        return result


class CatalogueDialog(QDialog):
    """List every service; edit the chosen one or add a new one. Changes apply to the next
    visit."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.current_id: int | None = None
        self.setWindowTitle(self.tr("Service catalogue"))
        self.resize(1000, 700)
        outer, self.bar = layout_with_bar(self)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.list = record_list(body, self.tr("&New service"), self._on_current, self.start_new)
        body.setStretch(0, 1)

        form_holder = QWidget()
        form = QFormLayout(form_holder)
        self.fields = FieldErrors(form)
        self.name = self.fields.add_line(self.tr("Name"), "name", 200)
        self.category = self.fields.add_line(self.tr("Category"), "category", 100)
        self.basis = text_box(60)
        self.fields.add_row(self.tr("Legal or policy basis"), "basis", self.basis)
        self.materials = MaterialsTable()
        self.fields.add_row(self.tr("Materials"), "materials", self.materials)
        self.steps = text_box(90)
        self.fields.add_row(self.tr("Steps"), "steps", self.steps)
        self.time_limit = self.fields.add_line(self.tr("Time limit"), "time_limit", 300)
        self.fee = self.fields.add_line(self.tr("Fee"), "fee", 200)
        self.place_contact = text_box(60)
        self.fields.add_row(self.tr("Place and contact"), "place_contact", self.place_contact)
        checks = QWidget()
        checks_layout = QHBoxLayout(checks)
        checks_layout.setContentsMargins(0, 0, 0, 0)
        self.eligibility: dict[str, QCheckBox] = {}
        for code in ELIGIBILITY_CHECKS:
            box = QCheckBox(visits.eligibility_label(code))
            self.eligibility[code] = box
            checks_layout.addWidget(box)
        checks_layout.addStretch(1)
        self.fields.add_row(self.tr("Checks at the desk"), "eligibility", checks)
        self.eligibility_note = text_box(50)
        self.fields.add_row(self.tr("Who qualifies"), "eligibility_note", self.eligibility_note)
        self.active = QCheckBox(self.tr("Offered (untick to retire the service)"))
        self.fields.add_row("", "active", self.active)
        right = QVBoxLayout()
        right.addWidget(scroll_area(form_holder), 1)
        buttons = QHBoxLayout()
        self.save_button = add_button(buttons, self.tr("&Save"), self.save)
        buttons.addStretch(1)
        add_button(buttons, self.tr("Close"), self.accept)
        right.addLayout(buttons)
        body.addLayout(right, 3)
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.start_new()

    def reload(self, select_id: int | None = None) -> None:
        services = visits.list_services(self.actor, include_inactive=True)
        fill_list(
            self.list,
            [(self._line(service), service.id) for service in services],
            lambda service_id: service_id == select_id,
        )

    def _line(self, service: ServiceType) -> str:
        if service.active:
            return service.name
        return self.tr("{name} (retired)").format(name=service.name)

    def start_new(self) -> None:
        self.current_id = None
        self.list.clearSelection()
        self._fill(None)
        self.name.setFocus()

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        service = visits.get_service(self.actor, item.data(Qt.ItemDataRole.UserRole))
        self.current_id = service.id
        self._fill(service)

    def _fill(self, service: ServiceType | None) -> None:
        self.fields.clear()
        self.bar.hide()
        self.name.setText(service.name if service else "")
        self.category.setText(service.category if service else "")
        self.basis.setPlainText(service.basis if service else "")
        self.materials.set_materials(list(service.materials) if service else [])
        self.steps.setPlainText(service.steps if service else "")
        self.time_limit.setText(service.time_limit if service else "")
        self.fee.setText(service.fee if service else self.tr("Free"))
        self.place_contact.setPlainText(service.place_contact if service else "")
        for code, box in self.eligibility.items():
            box.setChecked(bool(service) and code in (service.eligibility or []))
        self.eligibility_note.setPlainText(service.eligibility_note if service else "")
        self.active.setChecked(service.active if service else True)

    def collect(self) -> visits.ServiceInput:
        return visits.ServiceInput(
            **self.fields.values(
                "name",
                "category",
                "basis",
                "steps",
                "time_limit",
                "fee",
                "place_contact",
                "eligibility_note",
                "active",
            ),
            materials=self.materials.materials(),
            eligibility=[code for code, box in self.eligibility.items() if box.isChecked()],
        )

    def save(self) -> None:
        try:
            if self.current_id is None:
                service = visits.create_service(self.actor, self.collect())
            else:
                service = visits.update_service(self.actor, self.current_id, self.collect())
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.fields.clear()
        self.reload(select_id=service.id)
        self.current_id = service.id
        self.bar.show_message(
            self.tr("Saved: {name}. The next visit uses it.").format(name=service.name), "info"
        )
