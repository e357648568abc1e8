"""Merge two records of the same worker: pick the other record, choose each differing value,
see what moves, confirm (issue #21, part 7)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.services import history, people, people_merge
from stationapp.ui.dates import short_text
from stationapp.ui.forms import layout_with_bar, reports_user_errors
from stationapp.ui.people.picker import PersonPicker, describe

translate = QCoreApplication.translate


def field_title(name: str) -> str:
    return {
        "name": translate("MergeDialog", "Name"),
        "gender": translate("MergeDialog", "Gender"),
        "birth_date": translate("MergeDialog", "Birth date"),
        "id_number": translate("MergeDialog", "ID number"),
        "phone": translate("MergeDialog", "Phone"),
        "workplace": translate("MergeDialog", "Workplace"),
        "is_member": translate("MergeDialog", "Union member"),
        "member_card": translate("MergeDialog", "Member card"),
        "joined_on": translate("MergeDialog", "Joined the union"),
        "old_retirement_age": translate("MergeDialog", "Retirement age before 2025"),
        "notes": translate("MergeDialog", "Notes"),
    }[name]


def value_text(person: Person, name: str) -> str:
    """A field's value as the actor may see it (the record is masked by the service)."""
    if name == "gender":
        text = people.gender_label(person.gender)
    elif name == "birth_date":
        if person.birth_date:
            text = short_text(person.birth_date)
        else:
            text = str(person.birth_year) if getattr(person, "birth_year", None) else ""
    elif name == "id_number":
        text = people.mask_id(person.id_number) if person.id_number else ""
    elif name == "workplace":
        text = person.workplace.name if person.workplace_id else ""
    elif name == "is_member":
        text = (
            translate("MergeDialog", "Yes") if person.is_member else translate("MergeDialog", "No")
        )
    elif name == "joined_on":
        text = short_text(person.joined_on) if person.joined_on else ""
    elif name == "old_retirement_age":
        age = person.old_retirement_age
        text = str(age) if age else ""
    else:
        text = str(getattr(person, name) or "")
    return text or "—"


class MergeDialog(QDialog):
    """The record shown on the page is kept; the other is picked here and merged into it."""

    def __init__(self, actor: Staff, keep_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.keep_id = keep_id
        self.other_id: int | None = None
        self.plan: people_merge.MergePlan | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.setWindowTitle(self.tr("Merge two records of the same person"))
        self.resize(820, 600)
        layout, self.bar = layout_with_bar(self)
        intro = QLabel(
            self.tr(
                "Find the other record of this person (a duplicate). Its visits, cases, loans, "
                "registrations and files move to the record kept; the other is kept as merged."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        find = QLabel(self.tr("&Other record:"))
        layout.addWidget(find)
        self.picker = PersonPicker(actor, self, limit=6, on_chosen=self.choose_other)
        find.setBuddy(self.picker.edit)
        layout.addWidget(self.picker)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        self.moves = QLabel()
        self.moves.setWordWrap(True)
        layout.addWidget(self.moves)

        self.buttons = QDialogButtonBox()
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.setAutoDefault(False)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.picker.setFocus()

    @reports_user_errors
    def choose_other(self, other_id: int) -> None:
        self.bar.hide()
        plan = people_merge.merge_plan(self.actor, self.keep_id, other_id)
        self.other_id = other_id
        self.plan = plan
        self._show_plan(plan)

    def _show_plan(self, plan: people_merge.MergePlan) -> None:
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.addWidget(QLabel("<b>" + self.tr("Kept record") + "</b>"), 0, 1)
        grid.addWidget(QLabel("<b>" + self.tr("Other record") + "</b>"), 0, 2)
        self.groups = {}
        for row, name in enumerate(people_merge.MERGE_FIELDS, start=1):
            grid.addWidget(QLabel(field_title(name)), row, 0)
            mine = value_text(plan.keep, name)
            theirs = value_text(plan.other, name)
            if name not in plan.differing:
                same = QLabel(mine)
                same.setWordWrap(True)
                same.setToolTip(self.tr("The same in both records"))
                grid.addWidget(same, row, 1, 1, 2)
                continue
            group = QButtonGroup(self)
            for column, (text, choice) in enumerate(
                ((mine, people_merge.KEEP), (theirs, people_merge.OTHER)), start=1
            ):
                button = QRadioButton(text)
                button.setProperty("choice", choice)
                button.setObjectName(f"merge_{name}_{choice}")
                group.addButton(button)
                grid.addWidget(button, row, column)
                button.setChecked(choice == people_merge.KEEP)
            self.groups[name] = group
        grid.setRowStretch(len(people_merge.MERGE_FIELDS) + 1, 1)
        self.scroll.setWidget(grid_widget)
        if plan.moves:
            self.moves.setText(
                self.tr("Moves to the kept record: {what}.").format(
                    what=history.describe(plan.moves)
                )
            )
        else:
            self.moves.setText(self.tr("The other record has no history to move."))
        for note in plan.notes:
            self.bar.show_message(note, "warning")
        self.merge_button.setEnabled(plan.may_merge)
        if self.groups:
            next(iter(self.groups.values())).buttons()[0].setFocus()

    def choices(self) -> dict[str, str]:
        return {
            name: str(group.checkedButton().property("choice"))
            for name, group in self.groups.items()
            if group.checkedButton() is not None
        }

    def merge(self) -> None:
        if self.plan is None or self.other_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Merge"),
            self.tr(
                "Merge {other} into {keep}? Everything on the other record moves to the kept "
                "one; this cannot be undone."
            ).format(other=describe(self.plan.other), keep=describe(self.plan.keep)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.merge_now()

    def merge_now(self) -> bool:
        """The merge itself, after the confirmation."""
        try:
            people_merge.merge_people(self.actor, self.keep_id, self.other_id, self.choices())
        except UserError as exc:
            self.bar.show_message(exc.message)
            return False
        self.accept()
        return True
