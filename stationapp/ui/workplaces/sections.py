"""The sections of the workplace page, as a registry: each is a tab of the page shown to the
roles holding its permissions, built for one workplace by its factory into a widget with a
``reload()`` method. Another area's section plugs in with one line in ``SECTIONS`` (the
workers' congresses, collective contracts and open-affairs checks, issue #26)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.services import accounts, mediation, people, visits, workplaces
from stationapp.ui.dates import OptionalDate, day_text, moment_text
from stationapp.ui.forms import (
    FieldErrors,
    MessageBar,
    add_button,
    empty_state,
    layout_with_bar,
    reports_user_errors,
    shows_user_errors,
)
from stationapp.ui.layout_state import leave_on_tab, size_columns_to_content
from stationapp.ui.table_model import TextsTableModel, load_rows, setup_list_view
from stationapp.ui.union_work import sections as union_work_sections
from stationapp.ui.workplaces.dialogs import FoundingStepDialog, UnionStatusDialog

translate = QCoreApplication.translate

Factory = Callable[[Staff, int, QWidget | None], QWidget]


@dataclass(frozen=True)
class Section:
    key: str
    permissions: tuple[str, ...]  # all of them, else the section is not shown
    title: Callable[[], str]
    factory: Factory


def opener(widget: QWidget) -> Callable[[str, int, int], None] | None:
    """The main window's ``open_record`` (kind, id, related id), when the widget is in one."""
    window = widget.window()
    return getattr(window, "open_record", None)


class ListSection(QWidget):
    """A list of the workplace's records; Enter opens a row's record (``kind`` of the main
    window's ``open_record``) when it has a page."""

    def __init__(
        self,
        load: Callable[[], list[Any]],
        headers: list[str],
        cells: Callable[[Any], list[str]],
        empty_text: str,
        *,
        kind: str = "",
        key: Callable[[Any], int] = lambda row: row.id,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load, self._kind, self._key = load, kind, key
        self._empty_text = empty_text
        layout, self.bar = layout_with_bar(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = leave_on_tab(QTableView())
        self.model = TextsTableModel(headers, cells)
        setup_list_view(self.table, self.model)
        self.table.activated.connect(self._open)
        self.empty, self.stack = empty_state(self.table, empty_text)
        layout.addWidget(self.stack, 1)

    def reload(self) -> None:
        rows = load_rows(self.model, self._load, self.bar)
        size_columns_to_content(self.table, len(self.model.headers) - 1)
        self.stack.setCurrentWidget(self.table if rows else self.empty)

    def _open(self, index) -> None:
        open_record = opener(self)
        row = self.model.rows[index.row()] if index.isValid() else None
        if self._kind and open_record is not None and row is not None:
            open_record(self._kind, self._key(row), 0)


class ProfileSection(QWidget):
    """The workplace's profile and union: building, sector, size, chair and contact, members
    (register and reported), the mediation committee; the status by its own dialog."""

    changed = Signal()
    # The fields named as the workplace's profile (besides the building, a choice by id).
    PROFILE = (
        "sector",
        "employees",
        "union_chair",
        "union_contact",
        "members_reported",
        "mediation_committee_since",
    )

    def __init__(self, actor: Staff, org_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor, self.org_id = actor, org_id
        outer = QVBoxLayout(self)
        self.bar = MessageBar()
        outer.addWidget(self.bar)
        columns = QHBoxLayout()
        outer.addLayout(columns)
        form = QFormLayout()
        columns.addLayout(form, 1)
        self.fields = FieldErrors(form)
        self.building = QComboBox()
        self.fields.add_row(self.tr("Building"), "building", self.building)
        self.sector = self.fields.add_line(self.tr("Sector"), "sector", 50)
        self.employees = self._number()
        self.fields.add_row(self.tr("Employees"), "employees", self.employees)
        self.chair = self.fields.add_line(self.tr("Union chair"), "union_chair", 50)
        self.contact = self.fields.add_line(self.tr("Union phone"), "union_contact", 30)
        self.reported = self._number()
        self.fields.add_row(self.tr("Members reported"), "members_reported", self.reported)
        self.committee = OptionalDate(self.tr("Has one, since"), None)
        self.fields.add_row(
            self.tr("Mediation committee"), "mediation_committee_since", self.committee
        )
        union = QVBoxLayout()
        columns.addLayout(union, 1)
        self.union_text = QLabel()
        self.union_text.setWordWrap(True)
        self.union_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        union.addWidget(self.union_text)
        buttons = QHBoxLayout()
        self.save_button = add_button(buttons, self.tr("&Save"), self.save)
        self.status_button = add_button(
            buttons, self.tr("Chan&ge union status…"), self.change_status
        )
        buttons.addStretch(1)
        union.addLayout(buttons)
        union.addStretch(1)
        may_manage = accounts.has_permission(actor, "workplace.manage")
        for widget in (self.building, self.sector, self.employees, self.chair, self.contact):
            widget.setEnabled(may_manage)
        for widget in (self.reported, self.committee):
            widget.setEnabled(may_manage)
        self.save_button.setVisible(may_manage)
        self.status_button.setVisible(accounts.has_permission(actor, "workplace.founding"))

    @staticmethod
    def _number() -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(-1, workplaces.MAX_EMPLOYEES)
        spin.setSpecialValueText("—")  # -1: not known
        spin.setValue(-1)
        return spin

    @reports_user_errors
    def reload(self) -> None:
        row = workplaces.get_workplace(self.actor, self.org_id)
        buildings = workplaces.search_buildings(self.actor, include_inactive=True)
        org = row.organization
        self.building.clear()
        self.building.addItem(self.tr("None"), None)
        for b in buildings:
            if b.building.active or b.building.id == org.building_id:
                self.building.addItem(b.building.name, b.building.id)
        self.building.setCurrentIndex(max(self.building.findData(org.building_id), 0))
        self.fields.fill(org, *self.PROFILE)
        lines = [
            self.tr("Union: {status}").format(status=people.union_status_label(org.union_status))
        ]
        if org.union_preparing_since:
            lines.append(
                self.tr("Preparing since {day}").format(day=day_text(org.union_preparing_since))
            )
        if org.union_founded_on:
            lines.append(self.tr("Founded on {day}").format(day=day_text(org.union_founded_on)))
        lines.append(self.tr("Members on the register: {n}").format(n=row.members_register))
        self.union_text.setText("\n".join(lines))

    @shows_user_errors
    def save(self) -> None:
        data = workplaces.WorkplaceProfile(
            building_id=self.building.currentData(), **self.fields.values(*self.PROFILE)
        )
        workplaces.update_profile(self.actor, self.org_id, data)
        self.fields.clear()
        self.bar.show_message(self.tr("Saved."), "info")
        self.changed.emit()

    @reports_user_errors
    def change_status(self) -> None:
        org = workplaces.get_workplace(self.actor, self.org_id).organization
        if UnionStatusDialog(self.actor, org, self).exec():
            self.reload()
            self.changed.emit()


class FoundingSection(ListSection):
    """The founding checklist: Space or Enter marks the current step done (today, editable)."""

    def __init__(self, actor: Staff, org_id: int, parent: QWidget | None = None) -> None:
        self.actor, self.org_id = actor, org_id
        super().__init__(
            lambda: workplaces.founding_steps(actor, org_id),
            [self.tr("Step"), self.tr("Done on"), self.tr("Note")],
            lambda v: [
                workplaces.founding_step_label(v.step),
                day_text(v.done.done_on) if v.done else self.tr("not yet"),
                v.done.note if v.done else "",
            ],
            "",
            parent=parent,
        )
        may = accounts.has_permission(actor, "workplace.founding")
        row = QHBoxLayout()
        self.mark_button = add_button(row, self.tr("Mark done… (&J)"), self.mark_current)
        self.undo_button = add_button(row, self.tr("Undo (&X)"), self.undo_current)
        row.addStretch(1)
        self.layout().addLayout(row)
        for button in (self.mark_button, self.undo_button):
            button.setVisible(may)
        self.table.activated.disconnect()
        if may:
            self.table.activated.connect(lambda _index: self.mark_current())
            space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
            space.setContext(Qt.ShortcutContext.WidgetShortcut)
            space.activated.connect(self.mark_current)

    def _current(self) -> Any:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def mark_current(self) -> None:
        view = self._current()
        if view is None:
            return
        row = self.table.currentIndex().row()
        dialog = FoundingStepDialog(self.actor, self.org_id, view.step, view.done, self)
        if dialog.exec():
            self.reload()
            self.table.setCurrentIndex(self.model.index(row, 0))

    @reports_user_errors
    def undo_current(self) -> None:
        view = self._current()
        if view is None or view.done is None:
            return
        workplaces.undo_founding_step(self.actor, self.org_id, view.step)
        self.reload()


def _people(actor: Staff, org_id: int, parent: QWidget | None) -> QWidget:
    return ListSection(
        lambda: workplaces.workplace_people(actor, org_id),
        [
            translate("Workplaces", "Name"),
            translate("Workplaces", "Member"),
            translate("Workplaces", "Phone"),
        ],
        lambda p: [
            p.name,
            translate("Workplaces", "member") if p.is_member else "",
            people.mask_phone(p.phone) if p.phone else "",
        ],
        translate("Workplaces", "No one on the register works here yet."),
        kind="person",
        parent=parent,
    )


def _visits(actor: Staff, org_id: int, parent: QWidget | None) -> QWidget:
    return ListSection(
        lambda: workplaces.workplace_visits(actor, org_id),
        [
            translate("Workplaces", "When"),
            translate("Workplaces", "Who"),
            translate("Workplaces", "How"),
            translate("Workplaces", "Notes"),
        ],
        lambda v: [
            moment_text(v.arrived_at),
            v.person.name if v.person_id else "",
            visits.channel_label(v.channel),
            v.notes,
        ],
        translate("Workplaces", "No visits from this workplace yet."),
        parent=parent,
    )


def _cases(actor: Staff, org_id: int, parent: QWidget | None) -> QWidget:
    return ListSection(
        lambda: workplaces.workplace_cases(actor, org_id),
        [
            translate("Workplaces", "Case"),
            translate("Workplaces", "Received"),
            translate("Workplaces", "State"),
        ],
        lambda c: [c.number, day_text(c.received_at), mediation.state_label(c.state)],
        translate("Workplaces", "No mediation case names this workplace as the employer."),
        kind="case",
        parent=parent,
    )


def _outreach(actor: Staff, org_id: int, parent: QWidget | None) -> QWidget:
    return ListSection(
        lambda: workplaces.workplace_outreach(actor, org_id),
        [translate("Workplaces", "Held on"), translate("Workplaces", "Notes")],
        lambda s: [day_text(s.held_on), s.notes],
        translate("Workplaces", "No outreach session has been held here yet."),
        parent=parent,
    )


SECTIONS: list[Section] = [
    Section(
        "profile",
        ("workplace.read",),
        lambda: translate("WorkplacePage", "Profile && &union"),
        ProfileSection,
    ),
    Section(
        "founding",
        ("workplace.read",),
        lambda: translate("WorkplacePage", "Fou&nding steps"),
        FoundingSection,
    ),
    Section("people", ("person.read",), lambda: translate("WorkplacePage", "Peop&le"), _people),
    Section("visits", ("visit.read",), lambda: translate("WorkplacePage", "V&isits"), _visits),
    Section("cases", ("case.read",), lambda: translate("WorkplacePage", "&Cases"), _cases),
    Section(
        "outreach", ("visit.read",), lambda: translate("WorkplacePage", "&Outreach"), _outreach
    ),
    # Union work with the employer (ui/union_work); no access key is left on the page for their
    # titles: Ctrl+PgDn/PgUp reach them.
    Section(
        "congresses",
        ("workplace.read",),
        lambda: translate("WorkplacePage", "Workers' congresses"),
        lambda actor, org_id, parent: union_work_sections.CongressesSection(actor, org_id, parent),
    ),
    Section(
        "contracts",
        ("workplace.read",),
        lambda: translate("WorkplacePage", "Collective contracts"),
        lambda actor, org_id, parent: union_work_sections.ContractsSection(actor, org_id, parent),
    ),
    Section(
        "open_affairs",
        ("workplace.read",),
        lambda: translate("WorkplacePage", "Open affairs"),
        lambda actor, org_id, parent: union_work_sections.OpenAffairsSection(actor, org_id, parent),
    ),
]


def sections_for(actor: Staff) -> list[Section]:
    return [s for s in SECTIONS if all(accounts.has_permission(actor, p) for p in s.permissions)]
