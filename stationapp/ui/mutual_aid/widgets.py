"""What the mutual-aid page and its dialogs share: the plan and workplace choices, dates, money."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QLabel, QWidget

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import mutual_aid, people
from stationapp.ui.forms import FieldErrors, MessageBar, edge_column, show_user_error
from stationapp.ui.people.person_dialog import PersonDialog
from stationapp.ui.people.picker import PersonPicker, describe

translate = QCoreApplication.translate
T = TypeVar("T")
MAX_WORKPLACES = 2000


def plan_title(plan) -> str:  # type: ignore[no-untyped-def]
    return translate("MutualAidPage", "{year} {name}").format(year=plan.year, name=plan.name)


def plan_combo(actor: Staff, *, any_text: str = "", active_only: bool = False) -> QComboBox:
    """The plans, newest year first; with ``any_text`` a first entry for "any plan" (None)."""
    combo = QComboBox()
    if any_text:
        combo.addItem(any_text, None)
    for plan in mutual_aid.list_plans(actor, active_only=active_only):
        combo.addItem(plan_title(plan), plan.id)
    return combo


def workplace_combo(actor: Staff, none_text: str) -> QComboBox:
    """The workplaces on file by name, after an entry ``none_text`` (None)."""
    combo = QComboBox()
    combo.addItem(none_text, None)
    for org in people.search_organizations(actor, "", limit=MAX_WORKPLACES):
        combo.addItem(org.name, org.id)
    return combo


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(day or today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def day_of(edit: QDateEdit) -> date:
    return edit.date().toPython()  # type: ignore[return-value]


def money_text(amount: Decimal | None) -> str:
    return "" if amount is None else f"{Decimal(amount):,.2f}"


class PersonChoice(QWidget):
    """The shared person picker with, beneath it, who was chosen; a new worker is registered
    from what was typed. ``chosen`` carries the person's id."""

    chosen = Signal(int)

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.person_id: int | None = None
        self.workplace_id: int | None = None
        layout = edge_column(self)
        self.picker = PersonPicker(actor, limit=6)
        self.picker.person_chosen.connect(self.choose)
        self.picker.new_person_requested.connect(self._register)
        layout.addWidget(self.picker)
        self.label = QLabel()
        layout.addWidget(self.label)
        self.setFocusProxy(self.picker)

    def choose(self, person_id: int) -> None:
        person = people.get_person(self.actor, person_id)
        self.person_id = person.id
        self.workplace_id = person.workplace_id
        self.label.setText(describe(person))
        self.picker.clear()
        self.chosen.emit(person.id)

    def required(self, fields: FieldErrors) -> int | None:
        """The chosen person's id; None, said at the field, when no one is chosen yet."""
        if self.person_id is None:
            fields.show({"person": translate("MutualAidPage", "Find the worker first.")})
        return self.person_id

    def submit(self, fields: FieldErrors, bar: MessageBar, call: Callable[[int], T]) -> T | None:
        """``call(person_id)`` for the chosen person, its refusal said at the fields; None when
        no one is chosen yet or it was refused."""
        fields.clear()
        person_id = self.required(fields)
        if person_id is None:
            return None
        try:
            return call(person_id)
        except UserError as exc:
            show_user_error(exc, fields, bar)
            return None

    def _register(self, text: str) -> None:
        dialog = PersonDialog(self.actor, self, prefill=text)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.person is not None:
            self.choose(dialog.person.id)
        dialog.deleteLater()


def cover_lines(actor: Staff, person_id: int) -> list[str]:
    """The person page's lines: each enrolment and (for the roles that see them) claim."""
    lines = []
    for kind, row in mutual_aid.cover_of_person(actor, person_id):
        if kind == "enrolment":
            lines.append(
                translate("MutualAidPage", "{day}　enrolled in {plan}　{payer}").format(
                    day=row.enrolled_on.isoformat(),
                    plan=plan_title(row.plan),
                    payer=mutual_aid.payer_label(row.paid_by),
                )
            )
        else:
            lines.append(
                translate(
                    "MutualAidPage", "{day}　claim under {plan}　{state}　{amount} yuan"
                ).format(
                    day=row.claimed_on.isoformat(),
                    plan=plan_title(row.enrolment.plan),
                    state=mutual_aid.claim_state_label(row.state),
                    amount=money_text(
                        row.paid_amount or row.approved_amount or row.computed_amount
                    ),
                )
            )
    return lines
