"""The catalogue page (馆藏): search titles as you type, their copies, and the actions on them
(add, edit, withdraw, deactivate, delete, import a spreadsheet, print labels, the rules)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.library import Copy, Title
from stationapp.services import accounts, library
from stationapp.services.library_import import ImportRefused, copies_by_barcode, import_catalogue
from stationapp.ui import layout_state
from stationapp.ui.bus import ChangeBus
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.forms import add_button, layout_with_bar, reports_user_errors
from stationapp.ui.library.catalogue_import import ImportProblemsDialog
from stationapp.ui.library.labels import Label, LabelsDialog, labels_for
from stationapp.ui.library.rules_dialog import RulesDialog
from stationapp.ui.library.title_dialog import CopyDialog, CopyStatusDialog, TitleDialog
from stationapp.ui.library.title_model import COL_TITLE, TitleTableModel, format_isbn, format_price
from stationapp.ui.list_page import SearchedPage
from stationapp.ui.table_model import read_only_table

SEARCH_DELAY_MS = 120

COPY_COL_LOCATION = 2  # the copies list: barcode, status, location, price, accession number
COPY_BARCODE, COPY_STATUS, COPY_LOCATION, COPY_PRICE, COPY_ACCESSION = range(5)


# --- the catalogue -------------------------------------------------------------------------------


class CatalogueWidget(SearchedPage, QWidget):
    TABLE_NAME = "titles"
    COPIES_TABLE_NAME = "library_copies"
    SPLITTER_NAME = "catalogue"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.current_title_id: int | None = None
        self.current_title_active = True
        self.copies: list[Copy] = []
        can_catalogue = accounts.has_permission(actor, "library.catalogue")
        layout, self.bar = layout_with_bar(self)

        top = self._search_row(
            self.tr("Search: title, author, their pinyin or initials, or scan an ISBN (Ctrl+F)"),
            self._open_first_or_new,
        )
        self.new_button = add_button(
            top,
            self.tr("&New title…"),
            self.new_title,
            self.tr("Add a title to the catalogue (Ctrl+N)"),
        )
        # Only hide: showing a button not yet in a window makes it a window of its own.
        if not can_catalogue:
            self.new_button.hide()
        # The rare actions wait in one menu, so the page keeps one access key per letter.
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("M&ore"))
        self.more_button.setToolTip(
            self.tr("Show deactivated titles, deactivate or delete, import, circulation rules")
        )
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        self.show_inactive = self.more_menu.addAction(self.tr("S&how deactivated titles"))
        self.show_inactive.setCheckable(True)
        self.show_inactive.setToolTip(self.tr("List and find deactivated titles too"))
        self.show_inactive.toggled.connect(self._show_inactive_toggled)
        self.more_menu.addSeparator()
        self.deactivate_title_action = self.more_menu.addAction(self.tr("&Deactivate title"))
        self.deactivate_title_action.setToolTip(
            self.tr(
                "Take the title out of the catalogue: its copies on the shelf are withdrawn, "
                "its loans stay on record"
            )
        )
        self.deactivate_title_action.triggered.connect(lambda: self.set_title_active(False))
        self.reactivate_title_action = self.more_menu.addAction(self.tr("Reacti&vate title"))
        self.reactivate_title_action.triggered.connect(lambda: self.set_title_active(True))
        self.delete_title_action = self.more_menu.addAction(self.tr("Dele&te title…"))
        self.delete_title_action.setToolTip(
            self.tr("Delete a title entered by mistake, with its copies; one with loans is kept")
        )
        self.delete_title_action.triggered.connect(self.delete_title)
        self.delete_copy_action = self.more_menu.addAction(self.tr("Delete c&opy…"))
        self.delete_copy_action.setToolTip(
            self.tr("Delete a copy added by mistake; a copy ever lent is withdrawn instead")
        )
        self.delete_copy_action.triggered.connect(self.delete_copy)
        self.more_menu.addSeparator()
        self.import_action = self.more_menu.addAction(self.tr("&Import…"))
        self.import_action.setToolTip(
            self.tr("Import a catalogue from an Excel workbook (.xlsx) or a CSV file")
        )
        self.import_action.triggered.connect(lambda: self.import_file())
        self.import_action.setVisible(can_catalogue)
        self.rules_action = self.more_menu.addAction(self.tr("Circulation &rules…"))
        self.rules_action.triggered.connect(self.show_rules)
        self.rules_action.setVisible(accounts.has_permission(actor, "library.rules"))
        self.more_menu.setToolTipsVisible(True)
        top.addWidget(self.more_button)
        layout.addLayout(top)

        self._searched_table(TitleTableModel(actor, self), self.TABLE_NAME)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        detail_layout.addWidget(self.heading)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        detail_layout.addWidget(self.facts)
        self.holds_label = QLabel()
        detail_layout.addWidget(self.holds_label)
        self.copies_table = read_only_table(
            [
                self.tr("Barcode"),
                self.tr("Status"),
                self.tr("Location"),
                self.tr("Price"),
                self.tr("Accession number"),
            ],
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.copies_table.setObjectName("copies_table")
        self.copies_table.itemSelectionChanged.connect(self._update_buttons)
        self.copies_table.itemActivated.connect(lambda _item: self.edit_copy())
        detail_layout.addWidget(self.copies_table, 1)
        # Two short rows (the title's actions, then the chosen copy's), so the detail pane stays
        # narrow and the list keeps room for its key columns on the office screen.
        actions = QHBoxLayout()
        self.edit_title_button = add_button(
            actions, self.tr("Edit title… (Enter)"), self.edit_title
        )
        self.add_copy_button = add_button(actions, self.tr("Add cop&y…"), self.add_copy)
        self.labels_button = add_button(
            actions,
            self.tr("Print label&s…"),
            self.print_labels,
            self.tr("Barcode labels for the chosen copies, or all copies of the title"),
        )
        copy_actions = QHBoxLayout()
        self.edit_copy_button = add_button(copy_actions, self.tr("Edit &copy…"), self.edit_copy)
        self.withdraw_button = add_button(
            copy_actions, self.tr("Withdraw copy… (&X)"), self.withdraw_copy
        )
        self.withdraw_button.setToolTip(
            self.tr("Withdraw the copy, record it lost or damaged, or put it back on the shelf")
        )
        for row in (actions, copy_actions):
            row.addStretch(1)
            detail_layout.addLayout(row)
        if not can_catalogue:
            for button in (
                self.edit_title_button,
                self.add_copy_button,
                self.labels_button,
                self.edit_copy_button,
                self.withdraw_button,
            ):
                button.hide()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        # Ctrl+F is the main window's, which calls focus_search on the page shown.
        QShortcut(QKeySequence.StandardKey.New, self, self.new_title).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self._start(bus, SEARCH_DELAY_MS)

    # --- state ---------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        layout_state.restore_columns(
            self.table, self.TABLE_NAME, (220, 110, 140, 130, 50, 80), stretch=COL_TITLE
        )
        layout_state.restore_columns(
            self.copies_table, self.COPIES_TABLE_NAME, stretch=COPY_COL_LOCATION
        )
        layout_state.restore_splitter(self.splitter, self.SPLITTER_NAME)

    def save_state(self) -> None:
        layout_state.save_columns(self.table, self.TABLE_NAME)
        layout_state.save_columns(self.copies_table, self.COPIES_TABLE_NAME)
        layout_state.save_splitter(self.splitter, self.SPLITTER_NAME)

    # --- the list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.current_title_id
        if not self._reload():
            return
        if selected is not None and self.model.row_of(selected) >= 0:
            self.select_title(selected)
        else:
            self.show_title(selected)

    def _count_text(self, total: int) -> str:
        if self.search.text().strip():
            return self.tr("%n found", "", total)
        return self.tr("%n title(s)", "", total)

    def _update_counts(self) -> None:
        self._show_list_or_why(
            self.tr("No title matches “{query}”.\nPress Enter or Ctrl+N to add it."),
            self.tr(
                "The catalogue is empty.\nPress Ctrl+N to add a title, or import a "
                "spreadsheet of the collection."
            ),
        )

    def _on_changed(self, entity: str) -> None:
        if entity in ("title", "copy", "loan", "hold", "box", "stocktake"):
            self.refresh()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        title = self.model.title_at(current.row())
        self.show_title(title.id if title else None)

    def _activated(self, index: QModelIndex) -> None:
        title = self.model.title_at(index.row())
        if title is not None and accounts.has_permission(self.actor, "library.catalogue"):
            self.edit_title()

    def _open_first_or_new(self) -> None:
        self.refresh()
        if self.model.rowCount():
            self.focus_table()
        elif self.search.text().strip():
            self.new_title()

    def select_title(self, title_id: int) -> None:
        self.model.select(self.table, title_id)
        self.show_title(title_id)

    # --- the detail pane -------------------------------------------------------------------------

    def show_title(self, title_id: int | None) -> None:
        self.current_title_id = title_id
        self.copies = []
        title = None
        if title_id is not None:
            try:
                title = library.get_title(self.actor, title_id)
                self.copies = library.copies_of(self.actor, title_id)
                holds = len(library.holds_queue(self.actor, title_id))
            except UserError:
                title = None
                self.current_title_id = None
        if title is None:
            self.heading.setText(self.tr("Choose a title to see its copies."))
            self.facts.clear()
            self.holds_label.clear()
            self.copies_table.setRowCount(0)
            self._update_buttons()
            return
        self.current_title_active = title.active
        heading = title.title
        if not title.active:
            heading += "  " + self.tr("(deactivated)")
        self.heading.setText(heading)
        facts = [
            title.author,
            format_isbn(title.isbn),
            title.publisher,
            "" if title.year is None else str(title.year),
            title.classification,
            library.item_type_label(title.item_type),
        ]
        self.facts.setText(" · ".join(f for f in facts if f))
        self.holds_label.setText(
            self.tr("%n reservation(s) waiting", "", holds) if holds else self.tr("No reservations")
        )
        self.copies_table.setRowCount(len(self.copies))
        for row, copy in enumerate(self.copies):
            barcode = QTableWidgetItem(copy.barcode)
            barcode.setData(Qt.ItemDataRole.UserRole, copy.id)
            self.copies_table.setItem(row, COPY_BARCODE, barcode)
            self.copies_table.setItem(
                row, COPY_STATUS, QTableWidgetItem(library.copy_status_label(copy.status))
            )
            self.copies_table.setItem(row, COPY_LOCATION, QTableWidgetItem(copy.location))
            price = QTableWidgetItem(format_price(copy.price))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.copies_table.setItem(row, COPY_PRICE, price)
            self.copies_table.setItem(row, COPY_ACCESSION, QTableWidgetItem(copy.accession_number))
        self._update_buttons()

    def selected_copies(self) -> list[Copy]:
        rows = sorted({index.row() for index in self.copies_table.selectionModel().selectedRows()})
        return [self.copies[row] for row in rows if 0 <= row < len(self.copies)]

    def current_copy(self) -> Copy | None:
        row = self.copies_table.currentRow()
        if 0 <= row < len(self.copies) and self.copies_table.item(row, 0).isSelected():
            return self.copies[row]
        chosen = self.selected_copies()
        return chosen[0] if chosen else None

    def _update_buttons(self) -> None:
        has_title = self.current_title_id is not None
        has_copy = self.current_copy() is not None
        self.edit_title_button.setEnabled(has_title)
        self.add_copy_button.setEnabled(has_title)
        self.labels_button.setEnabled(has_title and bool(self.copies))
        self.edit_copy_button.setEnabled(has_copy)
        self.withdraw_button.setEnabled(has_copy)
        active = has_title and self.current_title_active
        can_deactivate = accounts.has_permission(self.actor, "library.deactivate")
        can_delete = accounts.has_permission(self.actor, "library.delete")
        self.deactivate_title_action.setVisible(can_deactivate and (active or not has_title))
        self.reactivate_title_action.setVisible(can_deactivate and has_title and not active)
        self.delete_title_action.setVisible(can_delete)
        self.delete_copy_action.setVisible(can_delete)
        for action in (
            self.deactivate_title_action,
            self.reactivate_title_action,
            self.delete_title_action,
        ):
            action.setEnabled(has_title)
        self.delete_copy_action.setEnabled(has_copy)

    # --- actions ---------------------------------------------------------------------------------

    def new_title(self) -> Title | None:
        if not accounts.has_permission(self.actor, "library.catalogue"):
            return None
        text = self.search.text().strip()
        if library.looks_like_isbn(text):
            return self._run_title_dialog(TitleDialog(self.actor, self, isbn=text))
        return self._run_title_dialog(TitleDialog(self.actor, self, prefill=text))

    def quick_add(self, isbn: str) -> Title | None:
        """The form for an ISBN scanned at the desk that the catalogue does not know yet."""
        if not accounts.has_permission(self.actor, "library.catalogue"):
            self.bar.show_message(
                self.tr("ISBN {isbn} is not in the catalogue; ask a librarian to add it.").format(
                    isbn=isbn
                ),
                "warning",
            )
            return None
        return self._run_title_dialog(TitleDialog(self.actor, self, isbn=isbn))

    def _run_title_dialog(self, dialog: TitleDialog) -> Title | None:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        title = dialog.saved
        self.search.blockSignals(True)
        self.search.setText(title.title)
        self.search.blockSignals(False)
        self.current_title_id = title.id
        self.refresh()
        self.select_title(title.id)
        return title

    @reports_user_errors
    def edit_title(self) -> None:
        if self.current_title_id is None:
            return
        title = library.get_title(self.actor, self.current_title_id)
        dialog = TitleDialog(self.actor, self, title=title)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def add_copy(self) -> None:
        if self.current_title_id is None:
            return
        dialog = CopyDialog(self.actor, self, title_id=self.current_title_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_title(self.current_title_id)

    def edit_copy(self) -> None:
        copy = self.current_copy()
        if copy is None or not accounts.has_permission(self.actor, "library.catalogue"):
            return
        dialog = CopyDialog(self.actor, self, copy=copy)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_title(self.current_title_id)

    def withdraw_copy(self) -> None:
        copy = self.current_copy()
        if copy is None:
            return
        dialog = CopyStatusDialog(self.actor, copy, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_title(self.current_title_id)

    @reports_user_errors
    def set_title_active(self, active: bool) -> None:
        if self.current_title_id is None:
            return
        if active:
            title = library.reactivate_title(self.actor, self.current_title_id)
            message = self.tr(
                "“{title}” is back in the catalogue. Its withdrawn copies stay withdrawn: "
                "put each one back on the shelf with “Withdraw copy…”."
            ).format(title=title.title)
        else:
            title = library.deactivate_title(self.actor, self.current_title_id)
            message = self._deactivated_text(title.title)
        self.refresh()
        self.bar.show_message(message, "info")

    def _deactivated_text(self, title: str) -> str:
        return self.tr(
            "“{title}” is deactivated: no longer in the catalogue, its copies on the shelf "
            "withdrawn, its loans kept. Choose “More ▸ Show deactivated titles” to find it again."
        ).format(title=title)

    @reports_user_errors
    def delete_title(self) -> None:
        if self.current_title_id is None:
            return
        title_id = self.current_title_id
        title = library.get_title(self.actor, title_id)
        can_deactivate = title.active and accounts.has_permission(self.actor, "library.deactivate")
        name = self.tr("“{title}” and its %n copy(ies)", "", len(self.copies)).format(
            title=title.title
        )
        outcome = delete_or_offer(
            self,
            self.bar,
            name=name,
            delete=lambda: library.delete_title(self.actor, title_id),
            instead=(lambda: library.deactivate_title(self.actor, title_id))
            if can_deactivate
            else None,
            instead_question=self.tr("Deactivate “{title}” instead?").format(title=title.title),
        )
        if outcome is Outcome.DELETED:
            self.current_title_id = None
            self.refresh()
            self.bar.show_message(
                self.tr("“{title}” was deleted.").format(title=title.title), "info"
            )
        elif outcome is Outcome.INSTEAD:
            self.refresh()
            self.bar.show_message(self._deactivated_text(title.title), "info")

    def delete_copy(self) -> None:
        copy = self.current_copy()
        if copy is None:
            return
        can_withdraw = copy.status == "available" and accounts.has_permission(
            self.actor, "library.catalogue"
        )
        outcome = delete_or_offer(
            self,
            self.bar,
            name=self.tr("copy {code}").format(code=copy.barcode),
            delete=lambda: library.delete_copy(self.actor, copy.id),
            instead=(lambda: library.withdraw_copy(self.actor, copy.id)) if can_withdraw else None,
            instead_question=self.tr("Withdraw copy {code} instead?").format(code=copy.barcode),
        )
        if outcome is Outcome.NOTHING:
            return
        self.show_title(self.current_title_id)
        if outcome is Outcome.DELETED:
            message = self.tr("Copy {code} was deleted.").format(code=copy.barcode)
        else:
            message = self.tr("Copy {code} was withdrawn.").format(code=copy.barcode)
        self.bar.show_message(message, "info")

    def print_labels(self) -> None:
        copies = self.selected_copies() or self.copies
        if not copies:
            return
        self.open_labels(labels_for(copies))

    def open_labels(self, labels: Sequence[Label]) -> None:
        dialog = LabelsDialog(labels, self)
        dialog.exec()
        dialog.deleteLater()

    def show_rules(self) -> None:
        if not accounts.has_permission(self.actor, "library.rules"):
            return
        dialog = RulesDialog(self.actor, self)
        dialog.exec()
        dialog.deleteLater()

    def import_file(self, path: Path | None = None) -> None:
        if not accounts.has_permission(self.actor, "library.catalogue"):
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("Import catalogue"),
                QDir.homePath(),
                self.tr("Spreadsheets (*.xlsx *.csv)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        dialog = QProgressDialog(self.tr("Checking the file…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Import catalogue"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)

        def progress(done: int, total: int) -> bool:
            if total and done > total // 2:
                dialog.setLabelText(self.tr("Importing…"))
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
            QCoreApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            result = import_catalogue(self.actor, path, progress=progress)
        except ImportRefused as exc:
            self._close_progress(dialog)
            self.bar.show_message(exc.message)
            self.show_problems(exc)
            return
        except UserError as exc:
            self._close_progress(dialog)
            self.bar.show_message(exc.message)
            return
        self._close_progress(dialog)
        if result.cancelled:
            self.bar.show_message(self.tr("Import cancelled; nothing was imported."), "info")
            return
        titles = result.titles_created + result.titles_existing
        if result.titles_existing:
            message = self.tr(
                "Imported %n copies of {titles} title(s), {existing} of them already in the "
                "catalogue.",
                "",
                result.copies_created,
            ).format(titles=titles, existing=result.titles_existing)
        else:
            message = self.tr("Imported %n copies of {titles} title(s).", "", result.copies_created)
            message = message.format(titles=titles)
        self.bar.show_message(message, "info")
        self.refresh()
        self.offer_labels(result.barcodes)

    @staticmethod
    def _close_progress(dialog: QProgressDialog) -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def show_problems(self, refused: ImportRefused) -> None:
        dialog = ImportProblemsDialog(refused, self)
        dialog.exec()
        dialog.deleteLater()

    def offer_labels(self, barcodes: list[str]) -> None:
        if not barcodes:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Barcode labels"),
            self.tr("Print barcode labels for the %n new copies?", "", len(barcodes)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_labels(labels_for(copies_by_barcode(self.actor, barcodes)))
