"""The Welfare rounds page (福利发放) of the Member services tab: the rounds on the left, the
chosen round on the right with its totals against the budget, its recipients, adding them by
rule or by hand, delivering by keyboard (find the person, Enter) and the signature list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.welfare import WelfareRound
from stationapp.services import accounts, welfare
from stationapp.services.welfare import RecipientView
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import (
    add_button,
    edge_column,
    empty_state,
    layout_with_bar,
    reports_user_errors,
    search_box,
    single_shot,
)
from stationapp.ui.layout_state import (
    restore_splitter,
    save_columns,
    save_splitter,
)
from stationapp.ui.table_model import (
    PagedTableModel,
    SearchedList,
    count_row,
    enter_list,
    follow_count,
    remembered_list,
)
from stationapp.ui.welfare.texts import round_line, totals_text

SEARCH_DELAY_MS = 120
Index = QModelIndex | QPersistentModelIndex


class RoundTableModel(PagedTableModel):
    """The rounds, the latest first; the filter is the typed part of a name."""

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            lambda query, offset, limit: welfare.list_rounds(
                actor, query or "", offset=offset, limit=limit
            ),
            lambda query: welfare.count_rounds(actor, query or ""),
            parent,
            filt="",
        )
        # The kind is in the round's details on the right (the names say it too): the narrow
        # list keeps room for the name.
        self.headers = [self.tr("Round"), self.tr("From"), self.tr("To")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        display = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role not in display or not index.isValid():
            return None
        r: WelfareRound = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return welfare.round_kind_label(r.kind)
        return (r.name, short_text(r.starts_on), short_text(r.ends_on))[index.column()]


class RecipientTableModel(PagedTableModel):
    """A round's recipients, by name; the filter is the typed search."""

    COL_DELIVERED = 4

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        self.round_id = 0
        self.undelivered = False
        super().__init__(
            lambda query, offset, limit: (
                welfare.list_recipients(
                    actor,
                    self.round_id,
                    query or "",
                    undelivered=self.undelivered,
                    offset=offset,
                    limit=limit,
                )
                if self.round_id
                else []
            ),
            lambda query: (
                welfare.count_recipients(
                    actor, self.round_id, query or "", undelivered=self.undelivered
                )
                if self.round_id
                else 0
            ),
            parent,
            filt="",
        )
        self.headers = [
            self.tr("Name"),
            self.tr("Workplace"),
            self.tr("Phone"),
            self.tr("Chosen by"),
            self.tr("Delivered"),
            self.tr("Collected by"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v: RecipientView = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            delivered = (
                short_text(v.delivered_at) if v.delivered_at is not None else self.tr("Waiting")
            )
            collected = f"{v.collected_by} ({v.collected_relation})" if v.collected_by else ""
            return (
                v.name,
                v.workplace,
                v.phone,
                welfare.source_label(v.source),
                delivered,
                collected,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_DELIVERED:
            return self.tr("By {staff}").format(staff=v.delivered_by) if v.delivered_by else None
        return None


class WelfarePage(SearchedList, QWidget):
    ROUNDS_TABLE = "welfare_rounds"
    RECIPIENTS_TABLE = "welfare_recipients"
    SPLITTER_NAME = "welfare"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.current: WelfareRound | None = None
        can_manage = accounts.has_permission(actor, "welfare.manage")
        can_deliver = accounts.has_permission(actor, "welfare.deliver")
        layout, self.bar = layout_with_bar(self)

        top = QHBoxLayout()
        self.search = search_box(self.tr("Find a round by its name (Ctrl+F)"), self.focus_table)
        self.search.returnPressed.connect(self.focus_table)
        top.addWidget(self.search, 1)
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        self.new_button = add_button(top, self.tr("&New round…"), self.new_round)
        layout.addLayout(top)

        self.model = RoundTableModel(actor, self)
        follow_count(self.count_label, self.model, lambda n: self.tr("%n round(s)", "", n))
        self.table = remembered_list(self.model, self.ROUNDS_TABLE, 0)
        self.table.selectionModel().currentRowChanged.connect(self._round_changed)
        self.table.activated.connect(lambda _i: self.focus_recipients())
        self.empty, self.stack = empty_state(self.table)

        self.detail = QWidget()
        detail = edge_column(self.detail)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setWordWrap(True)
        detail.addWidget(self.heading)
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        detail.addWidget(self.facts)
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setWordWrap(True)
        detail.addWidget(self.totals)
        round_actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit r&ound…"))
        self.edit_button.setToolTip(self.tr("Change the round; raise its budget to add more"))
        self.edit_button.clicked.connect(self.edit_round)
        self.rule_button = QPushButton(self.tr("Add by r&ule…"))
        self.rule_button.setToolTip(
            self.tr("Hardship files, members of chosen workplaces, birthdays in a month")
        )
        self.rule_button.clicked.connect(self.add_by_rule)
        self.hand_button = QPushButton(self.tr("Add a wor&ker…"))
        self.hand_button.setToolTip(self.tr("Find a person and add them by hand"))
        self.hand_button.clicked.connect(self.add_by_hand)
        self.print_button = QPushButton(self.tr("Print the signature &list…"))
        self.print_button.setToolTip(self.tr("The sign-off list (签领单) on A4"))
        self.print_button.clicked.connect(self.print_sheet)
        for button in (self.edit_button, self.rule_button, self.hand_button):
            round_actions.addWidget(button)
            # Only hide: showing a button not yet in a window makes it a window of its own.
            if not can_manage:
                button.hide()
        round_actions.addWidget(self.print_button)
        round_actions.addStretch(1)
        detail.addLayout(round_actions)

        find = QHBoxLayout()
        self.find = search_box(
            self.tr("Find the recipient: name, pinyin, initials or phone's last 4; Enter delivers"),
            lambda: enter_list(self.recipients_table),
        )
        self.find.returnPressed.connect(self._find_entered)
        find.addWidget(self.find, 1)
        self.waiting = QCheckBox(self.tr("Only those waitin&g"))
        self.waiting.toggled.connect(self._waiting_toggled)
        find.addWidget(self.waiting)
        detail.addLayout(find)
        self.recipients = RecipientTableModel(actor, self)
        self.recipients_table = remembered_list(self.recipients, self.RECIPIENTS_TABLE, 1)
        self.recipients_table.activated.connect(lambda _i: self.deliver())
        self.recipients_table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.recipients.modelReset.connect(self._update_buttons)
        self.recipients_empty, self.recipients_stack = empty_state(self.recipients_table)
        detail.addWidget(self.recipients_stack, 1)
        deliver_actions, self.recipients_count = count_row(
            self.recipients, lambda n: self.tr("%n recipient(s) listed", "", n)
        )
        self.deliver_button = QPushButton(self.tr("&Deliver (Enter)"))
        self.deliver_button.clicked.connect(self.deliver)
        self.relative_button = QPushButton(self.tr("Collected by a relat&ive…"))
        self.relative_button.setToolTip(
            self.tr("Someone else collects it for the recipient: their name and relation")
        )
        self.relative_button.clicked.connect(self.deliver_to_other)
        self.undo_button = QPushButton(self.tr("Undo deliver&y"))
        self.undo_button.setToolTip(self.tr("Take back a delivery recorded by mistake"))
        self.undo_button.clicked.connect(self.undo_delivery)
        for button in (self.deliver_button, self.relative_button, self.undo_button):
            deliver_actions.addWidget(button)
            if not can_deliver:
                button.hide()
        self.remove_button = QPushButton(self.tr("Take off the list (&X)…"))
        self.remove_button.setToolTip(self.tr("Someone added by mistake, not yet delivered to"))
        self.remove_button.clicked.connect(self.remove_recipient)
        deliver_actions.addWidget(self.remove_button)
        if not can_manage:
            self.remove_button.hide()
        detail.addLayout(deliver_actions)

        self.splitter = QSplitter()
        left = QWidget()
        edge_column(left).addWidget(self.stack, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([420, 900])
        restore_splitter(self.splitter, self.SPLITTER_NAME)
        layout.addWidget(self.splitter, 1)

        if not can_manage:
            self.new_button.hide()
        QShortcut(QKeySequence("Ctrl+K"), self, self.focus_recipients).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self._timer = single_shot(self, SEARCH_DELAY_MS, self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._find_timer = single_shot(self, SEARCH_DELAY_MS, self._reload_recipients)
        self.find.textChanged.connect(lambda _t: self._find_timer.start())
        bus.changed.connect(self._on_changed)
        self.refresh()

    # --- the rounds -----------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current.id if self.current is not None else None
        if not self._reload():
            return
        self._show_list_or_why(
            self.tr("No round's name contains “{query}”."),
            self.tr("No welfare rounds yet. Press Alt+N to set up the first one."),
        )
        if current is None or not self.model.select(self.table, current):
            if self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 0))
            else:
                self._show_round(None)

    def _update_counts(self) -> None:
        """The count label follows the model (follow_count)."""

    def _on_changed(self, entity: str) -> None:
        if entity in ("welfare", "person", "organization"):
            self._timer.start()

    def _round_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_round(self.model.row_at(current.row()))

    def _show_round(self, r: WelfareRound | None) -> None:
        if r is not None:
            try:
                r = welfare.get_round(self.actor, r.id)
            except UserError as exc:
                self.bar.show_message(exc.message)
                r = None
        self.current = r
        self.detail.setEnabled(r is not None)
        if r is None:
            self.heading.setText(self.tr("No round chosen"))
            self.facts.clear()
            self.totals.clear()
            self.recipients.round_id = 0
        else:
            self.heading.setText(r.name)
            self.facts.setText(round_line(r))
            self.recipients.round_id = r.id
        self._reload_recipients()

    @reports_user_errors
    def _show_totals(self) -> None:
        if self.current is None:
            return
        self.totals.setText(totals_text(welfare.round_totals(self.actor, self.current.id)))

    def new_round(self) -> None:
        from stationapp.ui.welfare.dialogs import RoundDialog

        dialog = RoundDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.round is not None:
            self.current = dialog.round
            self.refresh()
        dialog.deleteLater()

    def edit_round(self) -> None:
        if self.current is None:
            return
        from stationapp.ui.welfare.dialogs import RoundDialog

        dialog = RoundDialog(self.actor, self, existing=self.current)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
        dialog.deleteLater()

    def add_by_rule(self) -> None:
        if self.current is None:
            return
        from stationapp.ui.welfare.dialogs import RuleDialog

        dialog = RuleDialog(self.actor, self.current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            added = dialog.added
            self.bar.show_message(
                self.tr("%n added", "", added.added)
                + self.tr("; %n already on the list skipped.", "", added.skipped),
                "info",
            )
            self._reload_recipients()
        dialog.deleteLater()

    def add_by_hand(self) -> None:
        if self.current is None:
            return
        from stationapp.ui.welfare.dialogs import AddPeopleDialog

        dialog = AddPeopleDialog(self.actor, self.current, self)
        dialog.exec()
        if dialog.added:
            self._reload_recipients()
        dialog.deleteLater()

    @reports_user_errors
    def print_sheet(self) -> None:
        if self.current is None:
            return
        from stationapp.ui.printing import preview_document
        from stationapp.ui.welfare.sign_sheet import sign_sheet_document

        rows = welfare.sheet_rows(self.actor, self.current.id)
        station = accounts.station_settings().station_name
        document = sign_sheet_document(self.current, rows, station)
        preview_document(
            document, self, title=self.tr("Signature list: {round}").format(round=self.current.name)
        )

    # --- the recipients -------------------------------------------------------------------------

    @reports_user_errors
    def _reload_recipients(self) -> None:
        self._find_timer.stop()
        self.recipients.reload(self.find.text())
        if self.recipients.rowCount():
            self.recipients_stack.setCurrentWidget(self.recipients_table)
            if not self.recipients_table.currentIndex().isValid():
                self.recipients_table.setCurrentIndex(self.recipients.index(0, 0))
        else:
            query = self.find.text().strip()
            if self.current is None:
                text = self.tr("Choose a round on the left, or set up a new one.")
            elif query:
                text = self.tr("No recipient found for “{query}”.").format(query=query)
            elif self.waiting.isChecked():
                text = self.tr("Everyone on this round's list has received theirs.")
            else:
                text = self.tr("No recipients yet: add them by rule (Alt+U) or by hand (Alt+K).")
            self.recipients_empty.setText(text)
            self.recipients_stack.setCurrentWidget(self.recipients_empty)
        self._show_totals()
        self._update_buttons()

    def _waiting_toggled(self, checked: bool) -> None:
        self.recipients.undelivered = checked
        self._reload_recipients()

    def focus_search(self) -> None:
        """Ctrl+F: the search of the rounds."""
        self.search.setFocus()
        self.search.selectAll()

    def focus_recipients(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def _find_entered(self) -> None:
        """Enter in the find box: one recipient found is delivered at once; several go to the
        list to choose from (Enter there delivers)."""
        self._reload_recipients()
        if self.recipients.rowCount() == 1 and not self.recipients.canFetchMore():
            self.recipients_table.setCurrentIndex(self.recipients.index(0, 0))
            if self.deliver():
                self.find.setFocus()
                self.find.selectAll()
            return
        enter_list(self.recipients_table)

    def _chosen(self) -> RecipientView | None:
        return self.recipients.row_at(self.recipients_table.currentIndex().row())

    def _update_buttons(self, *_args: object) -> None:
        chosen = self._chosen()
        self.deliver_button.setEnabled(chosen is not None and chosen.delivered_at is None)
        self.relative_button.setEnabled(chosen is not None and chosen.delivered_at is None)
        self.undo_button.setEnabled(chosen is not None and chosen.delivered_at is not None)
        self.remove_button.setEnabled(chosen is not None and chosen.delivered_at is None)
        has_round = self.current is not None
        for button in (self.edit_button, self.rule_button, self.hand_button, self.print_button):
            button.setEnabled(has_round)

    def _after_delivery(self, view: RecipientView, text: str) -> None:
        self.bar.show_message(text.format(name=view.name), "info")
        self.recipients.reload_keeping(self.recipients_table)
        self._show_totals()
        self._update_buttons()

    def deliver(self) -> bool:
        chosen = self._chosen()
        if chosen is None or not accounts.has_permission(self.actor, "welfare.deliver"):
            return False
        try:
            view = welfare.deliver(self.actor, chosen.id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return False
        self._after_delivery(view, self.tr("Delivered to {name}."))
        return True

    def deliver_to_other(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        from stationapp.ui.welfare.dialogs import CollectedDialog

        dialog = CollectedDialog(self.actor, chosen, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_view is not None:
            self._after_delivery(dialog.result_view, self.tr("Delivered for {name}."))
        dialog.deleteLater()

    @reports_user_errors
    def undo_delivery(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        view = welfare.undo_delivery(self.actor, chosen.id)
        self._after_delivery(view, self.tr("Delivery to {name} undone."))

    @reports_user_errors
    def remove_recipient(self) -> None:
        """Take the chosen recipient, added by mistake, off the list (asks; No by default)."""
        chosen = self._chosen()
        if chosen is None or chosen.delivered_at is not None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Take off the list"),
            self.tr("Take {name} off this round's list?").format(name=chosen.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        view = welfare.remove_recipient(self.actor, chosen.id)
        self.bar.show_message(self.tr("{name} is off the list.").format(name=view.name), "info")
        self._reload_recipients()
        self._show_totals()
        self._update_buttons()

    # --- state ----------------------------------------------------------------------------------

    def save_state(self) -> None:
        save_columns(self.table, self.ROUNDS_TABLE)
        save_columns(self.recipients_table, self.RECIPIENTS_TABLE)
        save_splitter(self.splitter, self.SPLITTER_NAME)
