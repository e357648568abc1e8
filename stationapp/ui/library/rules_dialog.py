"""The circulation rules (借阅规则): loan days, loans and renewals per kind of borrower and item."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.library import (
    DEFAULT_LOAN_DAYS,
    DEFAULT_MAX_LOANS,
    DEFAULT_RENEWALS,
    ITEM_TYPES,
)
from stationapp.services import library
from stationapp.ui.forms import BarDialog, add_button
from stationapp.ui.layout_state import leave_on_tab

RULE_CATEGORY, RULE_TYPE, RULE_DAYS, RULE_MAX, RULE_RENEWALS, RULE_REFERENCE, RULE_SAVE = range(7)


class RulesDialog(BarDialog):
    """The circulation rules: borrowers x kind of item -> loan days, loans, renewals, reference
    only. Each row is saved on its own; administrators only."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Circulation rules"), parent)
        self.resize(860, 420)
        outer = self.column
        explain = QLabel(
            self.tr(
                "The most specific rule applies: borrowers and kind of item, then borrowers, then "
                "kind of item, then everyone. With no rule at all: {days} days, {loans} books, "
                "{renewals} renewal."
            ).format(days=DEFAULT_LOAN_DAYS, loans=DEFAULT_MAX_LOANS, renewals=DEFAULT_RENEWALS)
        )
        explain.setWordWrap(True)
        outer.addWidget(explain)
        self.table = leave_on_tab(QTableWidget(0, 7))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Borrowers"),
                self.tr("Kind of item"),
                self.tr("Loan days"),
                self.tr("Most loans"),
                self.tr("Renewals"),
                self.tr("Reference only"),
                "",
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            RULE_SAVE, QHeaderView.ResizeMode.ResizeToContents
        )
        outer.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = add_button(row, self.tr("&Add rule"), lambda: self.add_row(None))
        row.addStretch(1)
        add_button(row, self.tr("Close"), self.accept)
        outer.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        for rule in library.list_rules(self.actor):
            self.add_row(rule)

    def add_row(self, rule: Any) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        category = QComboBox()
        for code in ("", "member", "worker"):
            category.addItem(library.borrower_category_label(code), code)
        kind = QComboBox()
        kind.addItem(self.tr("Every kind"), "")
        for code in ITEM_TYPES:
            kind.addItem(library.item_type_label(code), code)
        days, loans, renewals = QSpinBox(), QSpinBox(), QSpinBox()
        days.setRange(1, 365)
        loans.setRange(0, 200)
        renewals.setRange(0, 10)
        reference = QCheckBox()
        if rule is not None:
            category.setCurrentIndex(max(category.findData(rule.borrower_category), 0))
            kind.setCurrentIndex(max(kind.findData(rule.item_type), 0))
            days.setValue(rule.loan_days)
            loans.setValue(rule.max_loans)
            renewals.setValue(rule.renewals)
            reference.setChecked(rule.reference_only)
            # The pair is the rule's key: change the numbers, or add another rule.
            category.setEnabled(False)
            kind.setEnabled(False)
        else:
            days.setValue(DEFAULT_LOAN_DAYS)
            loans.setValue(DEFAULT_MAX_LOANS)
            renewals.setValue(DEFAULT_RENEWALS)
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(lambda: self.save_row(self._row_of(save)))
        for column, widget in (
            (RULE_CATEGORY, category),
            (RULE_TYPE, kind),
            (RULE_DAYS, days),
            (RULE_MAX, loans),
            (RULE_RENEWALS, renewals),
            (RULE_REFERENCE, reference),
            (RULE_SAVE, save),
        ):
            self.table.setCellWidget(row, column, widget)
        return row

    def _row_of(self, widget: QWidget) -> int:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, RULE_SAVE) is widget:
                return row
        return -1

    def rule_input(self, row: int) -> library.RuleInput:
        cell = self.table.cellWidget
        return library.RuleInput(
            borrower_category=cell(row, RULE_CATEGORY).currentData(),
            item_type=cell(row, RULE_TYPE).currentData(),
            loan_days=cell(row, RULE_DAYS).value(),
            max_loans=cell(row, RULE_MAX).value(),
            renewals=cell(row, RULE_RENEWALS).value(),
            reference_only=cell(row, RULE_REFERENCE).isChecked(),
        )

    def save_row(self, row: int) -> bool:
        if row < 0:
            return False
        data = self.rule_input(row)
        category = self.table.cellWidget(row, RULE_CATEGORY)
        for other in range(self.table.rowCount()):
            if other == row or self.table.cellWidget(other, RULE_CATEGORY).isEnabled():
                continue
            theirs = self.rule_input(other)
            if category.isEnabled() and (theirs.borrower_category, theirs.item_type) == (
                data.borrower_category,
                data.item_type,
            ):
                self.bar.show_message(
                    self.tr(
                        "Row {row}: there is already a rule for these borrowers and this kind of "
                        "item (row {other}); change that one."
                    ).format(row=row + 1, other=other + 1)
                )
                return False
        try:
            library.save_rule(self.actor, data)
        except UserError as exc:
            self.bar.show_message(
                self.tr("Row {row}: {message}").format(row=row + 1, message=exc.message)
            )
            return False
        category.setEnabled(False)
        self.table.cellWidget(row, RULE_TYPE).setEnabled(False)
        self.bar.show_message(self.tr("Row {row} saved.").format(row=row + 1), "info")
        return True
