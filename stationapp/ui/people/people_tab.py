"""The People tab (职工档案): search, list, add, edit and open a person."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QPushButton,
    QSplitter,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.services import accounts, people
from stationapp.ui import layout_state
from stationapp.ui.bus import ChangeBus
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.exporting import export_shown
from stationapp.ui.forms import (
    add_button,
    layout_with_bar,
    reports_user_errors,
)
from stationapp.ui.list_page import SearchedPage
from stationapp.ui.people.import_dialog import ImportDialog, may_import
from stationapp.ui.people.merge import MergeDialog
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.people.person_page import PersonPage
from stationapp.ui.people.person_table_model import COL_WORKPLACE, SEARCH_LIMIT, PersonTableModel

SEARCH_DELAY_MS = 120


class PeopleTab(SearchedPage, QWidget):
    TABLE_NAME = "people"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout, self.bar = layout_with_bar(self)

        top = self._search_row(
            self.tr(
                "Search: name, pinyin, initials, phone, ID or card number, last 4 digits (Ctrl+F)"
            ),
            self._open_first_or_current,
        )
        self.show_inactive = QCheckBox(self.tr("Show deactivated"))
        self.show_inactive.setToolTip(self.tr("List and find deactivated people too"))
        self.show_inactive.toggled.connect(self._show_inactive_toggled)
        top.addWidget(self.show_inactive)
        self.new_button = QPushButton(self.tr("&New person"))
        self.new_button.setToolTip(self.tr("Register a new person (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_person)
        self.new_button.setVisible(accounts.has_permission(actor, "person.create"))
        top.addWidget(self.new_button)
        self.workplaces_button = add_button(top, self.tr("Wor&kplaces…"), self.show_workplaces)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(
            self.tr(
                "Save the people listed (the search and “Show deactivated” apply) as Excel or CSV"
            )
        )
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        if not accounts.has_permission(actor, "person.export"):
            self.export_button.hide()
        self.import_button = QPushButton(self.tr("B&ulk import…"))
        self.import_button.setToolTip(
            self.tr("Add or complete people from a roster: Excel, WPS, LibreOffice or CSV")
        )
        self.import_button.clicked.connect(self.import_people)
        top.addWidget(self.import_button)
        if not may_import(actor):
            self.import_button.hide()
        layout.addLayout(top)

        self._searched_table(PersonTableModel(actor, self), self.TABLE_NAME)

        self.page = PersonPage(actor)
        self.page.edit_requested.connect(self.edit_person)
        self.page.deactivate_requested.connect(self.deactivate_person)
        self.page.reactivate_requested.connect(self.reactivate_person)
        self.page.delete_requested.connect(self.delete_person)
        self.page.merge_requested.connect(self.merge_person)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.page)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_person)
        self._start(bus, SEARCH_DELAY_MS)

    # --- state ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        layout_state.restore_columns(
            self.table,
            self.TABLE_NAME,
            (90, 50, 50, 120, 170, 200, 50, 110),
            stretch=COL_WORKPLACE,
        )
        layout_state.restore_splitter(self.splitter, self.TABLE_NAME)

    def save_state(self) -> None:
        layout_state.save_columns(self.table, self.TABLE_NAME)
        layout_state.save_splitter(self.splitter, self.TABLE_NAME)

    # --- actions ----------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.page.person_id
        if self._reload() and selected is not None:
            self.select_person(selected, show=False)

    def _count_text(self, total: int) -> str:
        if self.search.text().strip():
            return self.tr("%n found", "", total)
        return self.tr("%n people", "", total)

    def _update_counts(self) -> None:
        self._show_list_or_why(
            self.tr("No one matches “{query}”.\nPress Ctrl+N to register them."),
            self.tr("No one is registered yet.\nPress Ctrl+N to add the first person."),
        )

    def _on_changed(self, entity: str) -> None:
        if entity in ("person", "organization"):
            self.refresh()
            if self.page.person_id is not None:
                self.page.show_person(self.page.person_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person = self.model.person_at(current.row())
        self.page.show_person(person.id if person else None)

    def _activated(self, index: QModelIndex) -> None:
        person = self.model.person_at(index.row())
        if person is not None and accounts.has_permission(self.actor, "person.update"):
            self.edit_person(person.id)

    def _open_first_or_current(self) -> None:
        self.refresh()
        if not self.model.rowCount():
            if self.search.text().strip():
                self.new_person()
            return
        row = max(self.table.currentIndex().row(), 0)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus()

    def select_person(self, person_id: int, *, show: bool = True) -> None:
        self.model.select(self.table, person_id)
        if show:
            self.page.show_person(person_id)

    def new_person(self) -> None:
        if not accounts.has_permission(self.actor, "person.create"):
            return
        dialog = PersonDialog(self.actor, self, prefill=self.search.text().strip())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._after_dialog(dialog)

    def show_workplaces(self) -> None:
        """The workplaces have their own tab (issue #26): bring it to the front."""
        show_tab = getattr(self.window(), "show_tab", None)
        if show_tab is not None:
            show_tab("workplaces")

    def export(self) -> None:
        """Export the people the list shows: the search's results, or the whole register."""
        if not accounts.has_permission(self.actor, "person.export"):
            return
        if self._timer.isActive():
            self.refresh()  # the search typed but not yet run
        search, include_inactive = self.model.query, self.model.include_inactive
        export_shown(
            self,
            title=self.tr("Export people"),
            label=self.tr("Exporting people…"),
            file_name=self.tr("people-{date}.xlsx"),
            write=lambda path, progress: people.export_people(
                self.actor,
                path,
                search=search,
                include_inactive=include_inactive,
                limit=SEARCH_LIMIT,
                progress=progress,
            ),
            done=lambda written: self.tr("Exported %n people to {path}", "", written),
        )

    def import_people(self) -> None:
        """The People list refreshes by itself: the import announces its changes."""
        if not may_import(self.actor):
            return
        ImportDialog(self.actor, self).exec()

    @reports_user_errors
    def edit_person(self, person_id: int) -> None:
        person = people.get_person(self.actor, person_id)
        dialog = PersonDialog(self.actor, self, person=person)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_dialog(dialog)

    def _after_dialog(self, dialog: PersonDialog) -> None:
        target = dialog.open_existing_id or (dialog.person.id if dialog.person else None)
        if target is None:
            return
        shown = dialog.person or people.get_person(self.actor, target)
        self.search.blockSignals(True)
        self.search.setText(shown.name)
        self.search.blockSignals(False)
        self.refresh()
        self.select_person(target)

    @reports_user_errors
    def deactivate_person(self, person_id: int) -> None:
        person = people.deactivate_person(self.actor, person_id)
        self.bar.show_message(self._deactivated_text(person.name), "info")

    def _deactivated_text(self, name: str) -> str:
        return self.tr(
            "{name} is deactivated: hidden from lists and searches, with the history kept. "
            "Tick “Show deactivated” to find them again."
        ).format(name=name)

    @reports_user_errors
    def reactivate_person(self, person_id: int) -> None:
        person = people.reactivate_person(self.actor, person_id)
        self.bar.show_message(self.tr("{name} is active again.").format(name=person.name), "info")

    def merge_person(self, person_id: int) -> None:
        """Merge another record of the same person into this one."""
        dialog = MergeDialog(self.actor, person_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.page.show_person(person_id)
            self.bar.show_message(self.tr("The two records were merged."), "info")

    @reports_user_errors
    def delete_person(self, person_id: int) -> None:
        person = people.get_person(self.actor, person_id)
        can_deactivate = person.active and accounts.has_permission(self.actor, "person.deactivate")
        outcome = delete_or_offer(
            self,
            self.bar,
            name=person.name,
            delete=lambda: people.delete_person(self.actor, person_id),
            instead=(lambda: people.deactivate_person(self.actor, person_id))
            if can_deactivate
            else None,
            instead_question=self.tr("Deactivate {name} instead?").format(name=person.name),
        )
        if outcome is Outcome.DELETED:
            self.page.show_person(None)
            self.refresh()
            self.bar.show_message(
                self.tr("{name} was deleted from the register.").format(name=person.name), "info"
            )
        elif outcome is Outcome.INSTEAD:
            self.bar.show_message(self._deactivated_text(person.name), "info")
