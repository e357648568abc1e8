"""The welfare rounds' dialogs: a round's details, adding recipients by rule or by hand, and a
delivery collected by someone else."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.welfare import ROUND_KINDS, WelfareRound
from stationapp.services import accounts, people, welfare
from stationapp.services.welfare import Added, RecipientView, RoundInput
from stationapp.services.welfare.rounds import MAX_ITEMS, MAX_NAME
from stationapp.ui.dates import date_edit
from stationapp.ui.fields import CheckList
from stationapp.ui.forms import (
    CLOSE,
    FormDialog,
    choice_box,
    dialog_buttons,
    shows_user_errors,
    spin_box,
    text_box,
)
from stationapp.ui.people.picker import PersonPicker, register_from_picker


def _money_text(value: Decimal | None) -> str:
    return "" if value is None or value == 0 else f"{value:.2f}"


class RoundDialog(FormDialog):
    """A new round, or a round's details changed (its budget is how it may grow)."""

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, existing: WelfareRound | None = None
    ) -> None:
        super().__init__(
            actor, parent, self.tr("Welfare round") if existing else self.tr("New welfare round")
        )
        self.existing = existing
        self.round: WelfareRound | None = None
        self.name = self.fields.add_line(
            self.tr("&Name:"), "name", MAX_NAME, self.tr("e.g. 2027年暑期送清凉")
        )
        self.kind = choice_box(ROUND_KINDS, welfare.round_kind_label)
        self.fields.add_row(self.tr("&Kind:"), "kind", self.kind)
        start = today()
        self.starts_on = date_edit(start, display="yyyy-MM-dd")
        self.fields.add_row(self.tr("&From:"), "starts_on", self.starts_on)
        self.ends_on = date_edit(start, display="yyyy-MM-dd")
        self.fields.add_row(self.tr("&To:"), "ends_on", self.ends_on)
        self.items = self.fields.add_line(
            self.tr("&Items each:"),
            "items",
            MAX_ITEMS,
            self.tr("e.g. 防暑降温包（绿豆、茶叶、毛巾）"),
        )
        self.item_value = self.fields.add_line(
            self.tr("Items' &value each:"),
            "item_value",
            placeholder=self.tr("yuan, for the budget"),
        )
        self.amount = self.fields.add_line(
            self.tr("&Money each:"), "amount", placeholder=self.tr("yuan; empty if none")
        )
        self.budget = self.fields.add_line(
            self.tr("&Budget:"), "budget", placeholder=self.tr("yuan; empty: no limit")
        )
        self.notes = text_box(lines=3)
        self.fields.add_row(self.tr("N&otes:"), "notes", self.notes)
        dialog_buttons(self, self.column, self.save)
        if existing is not None:
            self.fields.fill(existing, "name", "kind", "starts_on", "ends_on", "items", "notes")
            self.item_value.setText(_money_text(existing.item_value))
            self.amount.setText(_money_text(existing.amount))
            self.budget.setText("" if existing.budget is None else f"{existing.budget:.2f}")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def data(self) -> RoundInput:
        return RoundInput(**self.fields.values())  # the fields are named as the round's input

    @shows_user_errors
    def save(self) -> None:
        if self.existing is None:
            self.round = welfare.create_round(self.actor, self.data())
        else:
            self.round = welfare.update_round(self.actor, self.existing.id, self.data())
        self.accept()


class RuleDialog(FormDialog):
    """Recipients by rule: the hardship files (for the roles that may read them), members of
    chosen workplaces (frontline trades are chosen this way: the register records no trade),
    or members with a birthday in a month."""

    def __init__(self, actor: Staff, r: WelfareRound, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent, self.tr("Add recipients by rule"))
        self.round_id = r.id
        self.added: Added | None = None
        self.rule = QComboBox()
        self.rule.addItem(self.tr("Members of chosen workplaces"), "workplace")
        self.rule.addItem(self.tr("Members with a birthday in a month"), "birthday")
        if accounts.has_permission(actor, "hardship.read"):
            self.rule.addItem(self.tr("Everyone on the hardship files"), "hardship")
        self.fields.add_row(self.tr("&Rule:"), "rule", self.rule)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Type to narrow the workplaces; Space ticks one"))
        self.fields.add_row(self.tr("&Find:"), "find", self.filter)
        self.workplaces = CheckList(
            (org.id, org.name) for org in people.search_organizations(actor, "", limit=5000)
        )
        self.workplaces.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.fields.add_row(self.tr("&Workplaces:"), "workplaces", self.workplaces)
        self.month = spin_box(1, 12, r.starts_on.month, self.tr(" (month)"))
        self.fields.add_row(self.tr("&Month:"), "month", self.month)
        self.hint = QLabel(
            self.tr(
                "Couriers, delivery riders and sanitation workers: choose their workplaces "
                "(the register records no trade). Those already on the list are skipped."
            )
        )
        self.hint.setWordWrap(True)
        self.form.addRow("", self.hint)
        dialog_buttons(self, self.column, self.save, ok_text=self.tr("A&dd"))
        self.filter.textChanged.connect(self._narrow)
        self.rule.currentIndexChanged.connect(self._rule_changed)
        self._rule_changed()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _rule_changed(self) -> None:
        rule = self.rule.currentData()
        for name in ("find", "workplaces"):
            self.fields.set_row_visible(name, rule == "workplace")
        self.fields.set_row_visible("month", rule == "birthday")

    def _narrow(self, text: str) -> None:
        text = text.strip()
        for row in range(self.workplaces.count()):
            item = self.workplaces.item(row)
            item.setHidden(bool(text) and text not in item.text())

    @shows_user_errors
    def save(self) -> None:
        self.added = welfare.add_by_rule(
            self.actor,
            self.round_id,
            self.rule.currentData(),
            workplace_ids=self.workplaces.value(),
            month=self.month.value(),
        )
        self.accept()


class AddPeopleDialog(FormDialog):
    """Recipients by hand: find the person (the shared picker), Enter adds them; the dialog
    stays for the next one."""

    def __init__(self, actor: Staff, r: WelfareRound, parent: QWidget | None = None) -> None:
        super().__init__(
            actor, parent, self.tr("Add recipients by hand: {round}").format(round=r.name)
        )
        self.round_id = r.id
        self.added = 0
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.picker = PersonPicker(actor, limit=6)
        self.fields.add_row(self.tr("&Who:"), "person", self.picker)
        self.picker.person_chosen.connect(self.add)
        self.picker.new_person_requested.connect(
            lambda text: self._added_new(register_from_picker(actor, self, text))
        )
        self.done_label = QLabel(self.tr("Find a person and press Enter to add them."))
        self.done_label.setWordWrap(True)
        self.form.addRow("", self.done_label)
        self.column.addStretch(1)
        dialog_buttons(self, self.column, buttons=CLOSE)
        self.picker.setFocus()

    def _added_new(self, person_id: int | None) -> None:
        if person_id is not None:
            self.add(person_id)

    @shows_user_errors
    def add(self, person_id: int) -> None:
        welfare.add_person(self.actor, self.round_id, person_id)
        person = people.get_person(self.actor, person_id)
        self.fields.clear()
        self.added += 1
        self.done_label.setText(
            self.tr("Added {name}. %n added so far.", "", self.added).format(name=person.name)
        )
        self.picker.clear()
        self.picker.setFocus()


class CollectedDialog(FormDialog):
    """A delivery collected by someone else for the recipient: who, and their relation."""

    def __init__(self, actor: Staff, view: RecipientView, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent, self.tr("Collected for {name}").format(name=view.name))
        self.view = view
        self.result_view: RecipientView | None = None
        self.collected_by = self.fields.add_line(self.tr("&Collected by:"), "collected_by", 50)
        self.relation = QComboBox()
        self.relation.setEditable(True)
        for relation in (
            self.tr("Spouse"),
            self.tr("Child"),
            self.tr("Parent"),
            self.tr("Colleague"),
            self.tr("Workplace union"),
        ):
            self.relation.addItem(relation)
        self.relation.setCurrentIndex(-1)
        self.fields.add_row(self.tr("&Relation:"), "relation", self.relation)
        dialog_buttons(self, self.column, self.save, ok_text=self.tr("&Deliver"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

    @shows_user_errors
    def save(self) -> None:
        # The fields are named as the delivery's: who collected it, and their relation.
        self.result_view = welfare.deliver(self.actor, self.view.id, **self.fields.values())
        self.accept()
