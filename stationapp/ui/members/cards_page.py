"""The Cards page of the Member services tab (京卡): the applications waiting for their card,
oldest first, issued by keyboard (choose the row, scan or type the number, Enter); a card found
by its number with what can be done to it; a new application; a membership step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.members import MemberCard
from stationapp.services import members
from stationapp.services.accounts import has_permission
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import empty_state, layout_with_bar
from stationapp.ui.members.card_dialogs import (
    ApplicationDialog,
    CancelCardDialog,
    CardNumberDialog,
    HeldCardDialog,
    MembershipDialog,
)
from stationapp.ui.table_model import ColumnCells, PagedTableModel, follow_count, setup_list_view


class WaitingTableModel(ColumnCells, PagedTableModel):
    """The applications waiting for their card, oldest first."""

    COL_APPLIED, COL_DAYS, COL_NAME, COL_PHONE, COL_MATERIALS = range(5)
    columns = (
        lambda row: short_text(row.applied_on),
        lambda row: row.days_waiting,
        lambda row: row.person_name,
        lambda row: row.phone,
        lambda row: "、".join(row.materials),
    )
    right_aligned = (COL_DAYS,)

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            lambda _f, offset, limit: members.waiting_cards(actor, offset=offset, limit=limit),
            lambda _f: members.count_waiting(actor),
            parent,
        )
        self.headers = [
            self.tr("Applied on"),
            self.tr("Days waiting"),
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Materials brought"),
        ]

    @staticmethod
    def key_of(row: Any) -> Any:
        return row.card_id


def _scan_row(
    layout: QVBoxLayout,
    label: str,
    placeholder: str,
    on_enter: Callable[[], object],
    *buttons: tuple[str, Callable[[], object]],
) -> tuple[QLineEdit, QLabel, list[QPushButton]]:
    """A row at the foot of ``layout``: a labelled field a scanner types a card number into
    (its Enter runs ``on_enter``), then the ``buttons`` (``_buttons``)."""
    row = QHBoxLayout()
    field = QLineEdit()
    field.setMaxLength(30)
    field.setPlaceholderText(placeholder)
    field.returnPressed.connect(on_enter)
    shown = QLabel(label)
    shown.setBuddy(field)
    row.addWidget(shown)
    row.addWidget(field, 1)
    layout.addLayout(row)
    return field, shown, _buttons(row, *buttons)


def _buttons(row: QHBoxLayout, *specs: tuple[str, Callable[[], object]]) -> list[QPushButton]:
    """Buttons added to ``row``, each with its text and action."""
    buttons = []
    for text, action in specs:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False, a=action: a())
        row.addWidget(button)
        buttons.append(button)
    return buttons


def _button_row(layout: QVBoxLayout, *specs: tuple[str, Callable[[], object]]) -> list[QPushButton]:
    """A row of buttons (``_buttons``) from the left, at the foot of ``layout``."""
    row = QHBoxLayout()
    buttons = _buttons(row, *specs)
    row.addStretch(1)
    layout.addLayout(row)
    return buttons


class CardsPage(QWidget):
    """Waiting applications and the card look-up, all by keyboard."""

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.may_update = has_permission(actor, "member.update")
        self.found: MemberCard | None = None
        layout, self.bar = layout_with_bar(self)
        self.bar.hide()

        # Find a card by its number: scan or type, Enter.
        self.lookup, _label, _none = _scan_row(
            layout,
            self.tr("&Look up a card:"),
            self.tr("Scan or type a card number, Enter"),
            self.find,
        )
        self.found_label = QLabel()
        self.found_label.setWordWrap(True)
        layout.addWidget(self.found_label)
        self.lost_button, self.replace_button, self.cancel_button = _button_row(
            layout,
            (self.tr("Report l&ost"), self.report_lost),
            (self.tr("Replace with a &new card…"), self.replace),
            (self.tr("Cancel the car&d…"), self.cancel),
        )

        # The waiting applications.
        head = QHBoxLayout()
        self.table = QTableView()
        self.model = WaitingTableModel(actor, self)
        setup_list_view(self.table, self.model)
        self.table.setTabKeyNavigation(False)
        waiting_label = QLabel(self.tr("Waiting for their card (&K):"))
        waiting_label.setBuddy(self.table)
        head.addWidget(waiting_label)
        self.count_label = QLabel()
        head.addWidget(self.count_label, 1)
        layout.addLayout(head)
        follow_count(
            self.count_label, self.model, lambda n: self.tr("%n waiting, oldest first", "", n)
        )
        self.empty, stack = empty_state(
            self.table,
            self.tr("No application is waiting for its card. New application: Alt+C."),
        )
        layout.addWidget(stack, 1)
        self.stack = stack

        self.number, number_label, [self.issue_button] = _scan_row(
            layout,
            self.tr("Card n&umber:"),
            self.tr("Scan or type the number of the chosen row's card"),
            self.issue,
            (self.tr("&Issue the card"), self.issue),
        )

        self.new_button, self.held_button, self.membership_button = _button_row(
            layout,
            (self.tr("New appli&cation…"), self.new_application),
            (self.tr("Card &given earlier…"), self.card_held),
            (self.tr("&Join, transfer, leave…"), self.membership),
        )
        for widget in (
            self.new_button,
            self.held_button,
            self.membership_button,
            self.number,
            self.issue_button,
            number_label,
        ):
            widget.setVisible(self.may_update)

        # Enter in the list moves to the number field (then the scan's Enter issues).
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.number.setFocus)
        self._show_card(None)
        bus.changed.connect(self._changed)
        self.refresh()

    # --- the waiting list -----------------------------------------------------------------------

    def _changed(self, entity: str) -> None:
        if entity == "person":
            self.refresh()

    def refresh(self) -> None:
        try:
            self.model.reload_keeping(self.table)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.resizeColumnsToContents()

    def _chosen(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def issue(self) -> None:
        row = self._chosen()
        if row is None:
            self.bar.show_message(self.tr("Choose the application in the list first."))
            return
        try:
            card = members.issue_card(self.actor, row.card_id, self.number.text())
        except UserError as exc:
            self.bar.show_message(exc.message)
            self.number.selectAll()
            self.number.setFocus()
            return
        self.bar.show_message(
            self.tr("Card {number} issued to {name}.").format(
                number=card.number, name=row.person_name
            ),
            "info",
        )
        self.number.clear()
        self.refresh()
        self.number.setFocus()

    # --- one card, found by its number ----------------------------------------------------------

    def find(self) -> None:
        try:
            card = members.find_card(self.actor, self.lookup.text())
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.bar.hide()
        self._show_card(card)
        if card is None:
            self.found_label.setText(
                self.tr("No card with the number {number}.").format(number=self.lookup.text())
            )

    def _show_card(self, card: MemberCard | None) -> None:
        self.found = card
        state = card.state if card is not None else ""
        if card is None:
            self.found_label.setText("")
        else:
            parts = [
                card.number,
                card.person.name,
                members.card_state_label(state),
            ]
            if card.issued_on:
                parts.append(self.tr("issued {day}").format(day=short_text(card.issued_on)))
            self.found_label.setText("　".join(parts))
        self.lost_button.setEnabled(self.may_update and state == "issued")
        self.replace_button.setEnabled(self.may_update and state in ("issued", "lost"))
        self.cancel_button.setEnabled(self.may_update and state in ("issued", "lost"))

    def _after_card_change(self) -> None:
        if self.found is not None:
            try:
                self._show_card(members.find_card(self.actor, self.found.number))
            except UserError as exc:
                self.bar.show_message(exc.message)

    def report_lost(self) -> None:
        if self.found is None:
            return
        try:
            members.report_card_lost(self.actor, self.found.id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self._after_card_change()

    def replace(self) -> None:
        if self.found is None:
            return
        card_id = self.found.id
        dialog = CardNumberDialog(
            self.actor,
            self.tr("Replace card {number}").format(number=self.found.number),
            lambda number, day: members.replace_card(self.actor, card_id, number, issued_on=day),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.lookup.setText(dialog.number.text())
            self.find()
        dialog.deleteLater()

    def cancel(self) -> None:
        if self.found is None:
            return
        dialog = CancelCardDialog(self.actor, self.found.id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_card_change()
        dialog.deleteLater()

    # --- new records ----------------------------------------------------------------------------

    def new_application(self, person_id: int | None = None) -> None:
        dialog = ApplicationDialog(self.actor, self, person_id=person_id or None)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.card is not None:
            self.refresh()
            self.model.select(self.table, dialog.card.id)
        dialog.deleteLater()

    def card_held(self) -> None:
        dialog = HeldCardDialog(self.actor, self)
        dialog.exec()
        dialog.deleteLater()

    def membership(self) -> None:
        dialog = MembershipDialog(self.actor, self)
        dialog.exec()
        dialog.deleteLater()
