"""Filing a mediation application: written or oral, applicants, respondent, claims, dates."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.mediation import CLAIM_CATEGORIES, COLLECTIVE_THRESHOLD, MediationCase
from stationapp.services import mediation, people
from stationapp.services.accounts import has_permission
from stationapp.ui.dates import date_edit
from stationapp.ui.forms import (
    EditableRows,
    FieldErrors,
    add_button,
    choice_box,
    dialog_buttons,
    layout_with_bar,
    reports_user_errors,
    scroll_area,
    shows_user_errors,
    text_box,
)
from stationapp.ui.people.person_dialog import WorkplaceChooser
from stationapp.ui.people.picker import PersonPicker, describe, register_from_picker

COL_CATEGORY, COL_AMOUNT, COL_DESCRIPTION = range(3)


class OptionalDate(QWidget):
    """A date that may be unknown: a tick box and a date field."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(label)
        self.edit = date_edit(today(), display="yyyy-MM-dd")
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.known)
        row.addWidget(self.edit)
        row.addStretch(1)

    def value(self):
        return self.edit.date().toPython() if self.known.isChecked() else None

    def set_value(self, value) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value))


class ClaimsTable(EditableRows):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Category"), self.tr("Amount (yuan)"), self.tr("What is claimed")],
            COL_DESCRIPTION,
            self.tr("A&dd claim"),
            self.tr("Remove claim"),
            parent,
        )
        self.table.setColumnWidth(COL_CATEGORY, 190)
        self.table.setMinimumHeight(110)
        self.setFocusProxy(self.table)

    def add_row(self, category: str = "wages", amount: str = "", description: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = choice_box(CLAIM_CATEGORIES, mediation.category_label)
        combo.setCurrentIndex(max(combo.findData(category), 0))
        self.table.setCellWidget(row, COL_CATEGORY, combo)
        self.table.setItem(row, COL_AMOUNT, QTableWidgetItem(amount))
        self.table.setItem(row, COL_DESCRIPTION, QTableWidgetItem(description))

    def claims(self) -> list[mediation.ClaimInput]:
        result = []
        for row in range(self.table.rowCount()):
            amount = self.table.item(row, COL_AMOUNT)
            description = self.table.item(row, COL_DESCRIPTION)
            result.append(
                mediation.ClaimInput(
                    category=self.table.cellWidget(row, COL_CATEGORY).currentData(),
                    amount=amount.text() if amount else "",
                    description=description.text() if description else "",
                )
            )
        return result


class CaseIntakeDialog(QDialog):
    """Register an application; ``case`` holds the filed case after acceptance."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        visit_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.visit_id = visit_id
        self.case: MediationCase | None = None
        self.applicant_ids: list[int] = []
        self.setWindowTitle(self.tr("New mediation application"))
        # Fits the office screen (1366x768) with its title bar; the form scrolls inside.
        self.resize(820, 660)
        outer, self.bar = layout_with_bar(self)
        holder = QWidget()
        form = QFormLayout(holder)
        self.fields = FieldErrors(form)

        self.kind = QComboBox()
        self.kind.addItem(mediation.application_kind_label("written"), "written")
        self.kind.addItem(mediation.application_kind_label("oral"), "oral")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.fields.add_row(self.tr("&Application"), "application_kind", self.kind)

        applicants = QWidget()
        applicants_layout = QVBoxLayout(applicants)
        applicants_layout.setContentsMargins(0, 0, 0, 0)
        self.picker = PersonPicker(
            actor, limit=6, on_chosen=self.add_applicant, on_new=self._new_person
        )
        applicants_layout.addWidget(self.picker)
        self.applicants = QListWidget()
        self.applicants.setMaximumHeight(90)
        applicants_layout.addWidget(self.applicants)
        applicant_buttons = QHBoxLayout()
        add_button(applicant_buttons, self.tr("Remove applicant"), self.remove_applicant)
        self.collective_label = QLabel()
        applicant_buttons.addWidget(self.collective_label, 1)
        applicants_layout.addLayout(applicant_buttons)
        applicants.setFocusProxy(self.picker.edit)
        self.fields.add_row(self.tr("A&pplicants"), "applicants", applicants)

        self.respondent = WorkplaceChooser(actor)
        self.respondent.setFocusProxy(self.respondent.combo)
        self.fields.add_row(self.tr("&Respondent (employer)"), "respondent", self.respondent)
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        self.history_label.setStyleSheet("color: #8a5300;")
        form.addRow("", self.history_label)
        self.respondent.combo.currentIndexChanged.connect(self._respondent_changed)

        self.matters = text_box(60)
        self.fields.add_row(self.tr("&Matters in dispute"), "matters", self.matters)
        self.reasons = text_box(60)
        self.fields.add_row(self.tr("Reasons and re&quests"), "reasons", self.reasons)
        self.claims = ClaimsTable()
        self.fields.add_row(self.tr("&Claims"), "claims", self.claims)
        self.facts = text_box(90)
        self.fields.add_row(self.tr("&Facts"), "facts", self.facts)
        self.date_knew = OptionalDate(self.tr("Known"))
        self.date_knew.setFocusProxy(self.date_knew.known)
        self.fields.add_row(
            self.tr("Worker &learned of the infringement"), "date_knew", self.date_knew
        )
        self.employment_ended = OptionalDate(self.tr("Ended"))
        self.employment_ended.setFocusProxy(self.employment_ended.known)
        self.fields.add_row(self.tr("Employment e&nded"), "employment_ended", self.employment_ended)
        outer.addWidget(scroll_area(holder), 1)
        dialog_buttons(self, outer, self.submit, ok_text=self.tr("File appl&ication"))
        self.claims.add_row()
        if person_id is not None:
            self.add_applicant(person_id)
            person = people.get_person(actor, person_id)
            if person.workplace_id:
                self.respondent.set_workplace(person.workplace_id)
        self._kind_changed()
        self._respondent_changed()
        self.picker.setFocus()

    def _kind_changed(self, *_args: object) -> None:
        oral = self.kind.currentData() == "oral"
        hint = self.tr("Required for an oral application (LDMAL Art. 12)") if oral else ""
        self.matters.setPlaceholderText(hint)
        self.reasons.setPlaceholderText(hint)

    def _respondent_changed(self, *_args: object) -> None:
        org_id = self.respondent.workplace_id()
        self.history_label.clear()
        if org_id in (None, -1) or not has_permission(self.actor, "case.read"):
            return
        history = mediation.employer_history(self.actor, org_id)
        if history.cases:
            states = "、".join(
                f"{mediation.state_label(s)} {n}" for s, n in sorted(history.by_state.items())
            )
            self.history_label.setText(
                self.tr("This employer has %n earlier case(s): {states}", "", history.cases).format(
                    states=states
                )
            )

    @reports_user_errors
    def add_applicant(self, person_id: int) -> None:
        if person_id in self.applicant_ids:
            return
        person = people.get_person(self.actor, person_id)
        self.applicant_ids.append(person_id)
        item = QListWidgetItem(describe(person))
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.applicants.addItem(item)
        self.picker.clear()
        self._update_collective()

    def remove_applicant(self) -> None:
        item = self.applicants.currentItem()
        if item is None:
            return
        self.applicant_ids.remove(item.data(Qt.ItemDataRole.UserRole))
        self.applicants.takeItem(self.applicants.row(item))
        self._update_collective()

    def _update_collective(self) -> None:
        count = len(self.applicant_ids)
        text = self.tr("%n applicant(s)", "", count)
        if count >= COLLECTIVE_THRESHOLD:
            text += self.tr(": a collective dispute")
        self.collective_label.setText(text)

    def _new_person(self, text: str) -> None:
        chosen = register_from_picker(self.actor, self, text)
        if chosen is not None:
            self.add_applicant(chosen)

    def collect(self) -> mediation.CaseInput:
        respondent = self.respondent.workplace_id()
        return mediation.CaseInput(
            **self.fields.values(
                "application_kind",
                "matters",
                "reasons",
                "facts",
                "date_knew",
                "employment_ended",
            ),
            applicant_ids=list(self.applicant_ids),
            respondent_id=None if respondent in (None, -1) else respondent,
            claims=self.claims.claims(),
            visit_id=self.visit_id,
        )

    @shows_user_errors
    def submit(self) -> None:
        self.case = mediation.file_case(self.actor, self.collect())
        self.accept()
