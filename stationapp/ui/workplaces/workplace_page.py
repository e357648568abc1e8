"""The workplace page: a header (name, building, union status, the actions) and a tab per
section the role may see (``sections.SECTIONS``); Esc or Back returns to the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QWidget

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import accounts, people, workplaces
from stationapp.ui.forms import add_button, heading_label, layout_with_bar, page_keys, step_tabs
from stationapp.ui.workplaces.sections import sections_for


class WorkplacePage(QWidget):
    back_requested = Signal()
    edit_requested = Signal(int)
    changed = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.org_id: int | None = None
        layout, self.bar = layout_with_bar(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = add_button(top, self.tr("← Bac&k"), self.back_requested.emit)
        self.title = heading_label()
        top.addWidget(self.title)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #555;")
        top.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        self.edit_button = add_button(
            top, self.tr("E&dit workplace…"), lambda: self.edit_requested.emit(self.org_id or 0)
        )
        self.edit_button.setVisible(accounts.has_permission(actor, "organization.manage"))
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.sections: dict[str, QWidget] = {}
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back_requested.emit)
        self._keys = page_keys(self, lambda step: step_tabs(self.tabs, step))
        self.tabs.currentChanged.connect(self._reload_current)

    def show_workplace(self, org_id: int) -> bool:
        """Fill the page for the workplace; False (said in the bar) when it is gone."""
        try:
            row = workplaces.get_workplace(self.actor, org_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return False
        keep = self.tabs.currentIndex() if org_id == self.org_id else 0
        self.org_id = org_id
        self._header(row)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.sections = {}
        for section in sections_for(self.actor):
            widget = section.factory(self.actor, org_id, self)
            if hasattr(widget, "changed"):
                widget.changed.connect(self._section_changed)
            self.sections[section.key] = widget
            self.tabs.addTab(widget, section.title())
        self.tabs.setCurrentIndex(min(keep, self.tabs.count() - 1))
        self.tabs.blockSignals(False)
        self._reload_current()
        return True

    def _header(self, row: workplaces.WorkplaceRow) -> None:
        org = row.organization
        self.title.setText(
            org.name if org.active else self.tr("{name} (deactivated)").format(name=org.name)
        )
        parts = [
            org.building.name if org.building_id else "",
            people.union_status_label(org.union_status),
            self.tr("{n} employees").format(n=org.employees) if org.employees is not None else "",
        ]
        self.subtitle.setText("  ·  ".join(p for p in parts if p))

    def _reload_current(self, *_args: object) -> None:
        widget = self.tabs.currentWidget()
        if widget is not None and hasattr(widget, "reload"):
            widget.reload()

    def _section_changed(self) -> None:
        if self.org_id is not None:
            try:
                self._header(workplaces.get_workplace(self.actor, self.org_id))
            except UserError as exc:
                self.bar.show_message(exc.message)
        self.changed.emit()

    def reload(self) -> None:
        if self.org_id is not None:
            self._reload_current()

    def focus_first(self) -> None:
        self.tabs.setFocus()
