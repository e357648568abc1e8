"""Add or edit a person; a workplace can be chosen or created from here."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from stationapp.errors import DuplicateFound, UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.services import accounts, people, validation
from stationapp.ui.forms import (
    FieldErrors,
    add_button,
    dialog_buttons,
    layout_with_bar,
    push_button,
    show_user_error,
    text_box,
)
from stationapp.ui.people.workplaces import OrganizationDialog

WARNING_STYLE = "color: #8a5300;"


def parse_date(text: str) -> date | None:
    """YYYY-MM-DD (also with / or . or 年月日); raises ValueError on anything else."""
    cleaned = text.strip()
    if not cleaned:
        return None
    for sep in ("/", ".", "年", "月"):
        cleaned = cleaned.replace(sep, "-")
    cleaned = cleaned.rstrip("日").strip("-")
    year, month, day = (int(part) for part in cleaned.split("-"))
    return date(year, month, day)


class WorkplaceChooser(QWidget):
    """An editable list of workplaces that completes as one types, plus a New button."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.lineEdit().setPlaceholderText(self.tr("Type to search; leave empty if none"))
        self.combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        row.addWidget(self.combo, 1)
        self.new_button = add_button(row, self.tr("New…"), self.create_new)
        self.new_button.setEnabled(accounts.has_permission(actor, "organization.manage"))
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.workplace_id()
        self.combo.clear()
        self.combo.addItem("", None)
        for org in people.search_organizations(self.actor, "", limit=5000):
            self.combo.addItem(org.name, org.id)
        self.set_workplace(current)

    def set_workplace(self, org_id: int | None) -> None:
        index = self.combo.findData(org_id) if org_id is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def workplace_id(self) -> int | None:
        """The chosen workplace; typed text that names no workplace counts as unknown (-1)."""
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:
            return -1
        return self.combo.itemData(index)

    def create_new(self) -> None:
        dialog = OrganizationDialog(self.actor, self, name=self.combo.currentText().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.organization is not None:
            self.reload(select_id=dialog.organization.id)


class PersonDialog(QDialog):
    """Create a person (``person=None``) or edit one. After acceptance ``person`` is the saved
    record; ``open_existing_id`` is set instead when the user chose a duplicate already on file."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        person: Person | None = None,
        prefill: str = "",
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.editing = person
        self.person: Person | None = None
        self.open_existing_id: int | None = None
        self._allow_duplicate = False
        # A stored number starts masked; a role that may see it whole asks for it (audited).
        self.id_locked = bool(person and person.id_number)
        self.can_reveal = self.id_locked and accounts.has_permission(actor, "person.view_full_id")
        # A role without the whole ID number sees the birth year only; the stored date stays.
        self.birth_locked = bool(
            person and getattr(person, "masked", False) and getattr(person, "birth_year", None)
        )
        self.setWindowTitle(self.tr("Edit person") if person else self.tr("New person"))
        layout, self.bar = layout_with_bar(self)
        self.duplicate_row = QWidget()
        dup_layout = QHBoxLayout(self.duplicate_row)
        dup_layout.setContentsMargins(0, 0, 0, 0)
        self.open_existing_button = add_button(
            dup_layout, self.tr("Open the existing record"), self._open_existing
        )
        self.save_anyway_button = add_button(
            dup_layout, self.tr("It is someone else: save anyway"), self._save_anyway
        )
        dup_layout.addStretch(1)
        self.duplicate_row.hide()
        layout.addWidget(self.duplicate_row)
        self._duplicates: list[Person] = []

        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.name = QLineEdit()
        self.name.setMaxLength(500)  # longer input is refused with a message, not cut silently
        self.fields.add_row(self.tr("&Name"), "name", self.name)
        self.phone = self.fields.add_line(
            self.tr("&Phone"), "phone", 40, self.tr("Mobile or 010-12345678")
        )
        self.id_type = QComboBox()
        for code in validation.ID_TYPE_CODES:
            self.id_type.addItem(validation.id_type_label(code), code)
        self.fields.add_row(self.tr("Document type"), "id_type", self.id_type)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(40)
        self.id_number.editingFinished.connect(self._offer_from_id)
        self.fields.add_row(self.tr("&ID number"), "id_number", self.id_number)
        self.reveal_button = push_button(
            self.tr("Show the whole number to change it"),
            self.reveal_id,
            self.tr("Recorded in the audit trail"),
        )
        form.addRow("", self.reveal_button)
        form.setRowVisible(self.reveal_button, False)
        self.id_hint = QLabel()
        self.id_hint.setWordWrap(True)
        self.id_hint.setStyleSheet(WARNING_STYLE)
        form.addRow("", self.id_hint)
        form.setRowVisible(self.id_hint, False)
        self.form = form
        self.gender = QComboBox()
        self.gender.addItem(self.tr("Not given"), "")
        self.gender.addItem(people.gender_label("M"), "M")
        self.gender.addItem(people.gender_label("F"), "F")
        self.fields.add_row(self.tr("Gender"), "gender", self.gender)
        self.birth_date = self.fields.add_line(
            self.tr("Birth date"), "birth_date", 20, self.tr("YYYY-MM-DD")
        )
        # The 2025 reform counts a woman's later retirement from her old age: 55 or 50.
        self.old_retirement_age = QComboBox()
        self.old_retirement_age.addItem(self.tr("55 (cadres, office jobs)"), 55)
        self.old_retirement_age.addItem(self.tr("50 (workers)"), 50)
        self.old_retirement_age.setToolTip(
            self.tr(
                "The statutory retirement age before the 2025 reform, from which her later "
                "retirement date is counted."
            )
        )
        self.fields.add_row(
            self.tr("Retirement age before 2025"), "old_retirement_age", self.old_retirement_age
        )
        self.gender.currentIndexChanged.connect(self._show_old_retirement_age)
        self._show_old_retirement_age()
        self.workplace = WorkplaceChooser(actor)
        self.fields.add_row(self.tr("&Workplace"), "workplace", self.workplace)
        self.is_member = QCheckBox(self.tr("Union member"))
        self.fields.add_row("", "is_member", self.is_member)
        self.member_card = self.fields.add_line(
            self.tr("Member card"), "member_card", 30, self.tr("Beijing union card (京卡) number")
        )
        self.joined_on = self.fields.add_line(
            self.tr("Join date"), "joined_on", 20, self.tr("YYYY-MM-DD")
        )
        self.notes = text_box(70)
        self.fields.add_row(self.tr("Notes"), "notes", self.notes)
        layout.addLayout(form)

        dialog_buttons(self, layout, self.submit)
        self.setMinimumWidth(520)

        if person is not None:
            self._fill(person)
        elif prefill:
            self._prefill(prefill)
        self.name.setFocus()

    def _fill(self, person: Person) -> None:
        self.name.setText(person.name)
        self.phone.setText(person.phone)
        self.id_type.setCurrentIndex(max(self.id_type.findData(person.id_type), 0))
        if self.id_locked:
            self.id_number.setText(people.mask_id(person.id_number))
            self.id_number.setReadOnly(True)
            self.id_type.setEnabled(False)
            if self.can_reveal:
                self.form.setRowVisible(self.reveal_button, True)
            else:
                self.id_number.setToolTip(self.tr("Your role sees this number masked."))
        else:
            self.id_number.setText(person.id_number)
        self.gender.setCurrentIndex(max(self.gender.findData(person.gender), 0))
        self.old_retirement_age.setCurrentIndex(
            max(self.old_retirement_age.findData(person.old_retirement_age or 55), 0)
        )
        if self.birth_locked:
            self.birth_date.setText(str(person.birth_year))
            self.birth_date.setReadOnly(True)
            self.birth_date.setToolTip(self.tr("Your role sees the birth year only."))
        else:
            self.birth_date.setText(person.birth_date.isoformat() if person.birth_date else "")
        self.workplace.set_workplace(person.workplace_id)
        self.is_member.setChecked(person.is_member)
        self.member_card.setText(person.member_card)
        self.joined_on.setText(person.joined_on.isoformat() if person.joined_on else "")
        self.notes.setPlainText(person.notes)

    def reveal_id(self) -> None:
        """Show the stored number whole and let it be changed."""
        if not self.can_reveal or self.editing is None:
            return
        try:
            number = people.reveal_id(self.actor, self.editing.id)
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.id_locked = False
        self.id_number.setText(number)
        self.id_number.setReadOnly(False)
        self.id_type.setEnabled(True)
        self.form.setRowVisible(self.reveal_button, False)
        self.id_number.setFocus()

    def _prefill(self, text: str) -> None:
        """What was typed in a search becomes the phone, ID number or name."""
        compact = text.replace(" ", "").replace("-", "")
        if compact.isdigit() and len(compact) >= 7:
            self.phone.setText(text.strip())
        elif len(compact) in (15, 18) and compact[:-1].isdigit():
            self.id_number.setText(text.strip())
            self._offer_from_id()
        else:
            self.name.setText(text.strip())

    def _show_old_retirement_age(self) -> None:
        """The old retirement age matters for women only."""
        self.form.setRowVisible(self.old_retirement_age, self.gender.currentData() == "F")

    def _offer_from_id(self) -> None:
        """Fill gender and birth date from a resident ID number, and show its warnings."""
        if self.id_locked:
            return
        self.form.setRowVisible(self.id_hint, False)
        try:
            check = validation.check_id_number(
                self.id_number.text(), id_type=self.id_type.currentData()
            )
        except ValidationError:
            return
        notes = list(check.warnings)
        if check.gender and not self.gender.currentData():
            self.gender.setCurrentIndex(self.gender.findData(check.gender))
        if check.birth_date and not self.birth_date.text().strip():
            self.birth_date.setText(check.birth_date.isoformat())
        if notes:
            self.id_hint.setText("\n".join(notes))
            self.form.setRowVisible(self.id_hint, True)

    def collect(self) -> people.PersonInput | None:
        """The form's values, or None (message at the field) if the birth date is unreadable."""
        try:
            birth = None if self.birth_locked else parse_date(self.birth_date.text())
        except ValueError:
            self.fields.show(
                {"birth_date": self.tr("Write the date as YYYY-MM-DD, e.g. 1985-03-21.")}
            )
            return None
        try:
            joined_on = parse_date(self.joined_on.text())
        except ValueError:
            self.fields.show(
                {"joined_on": self.tr("Write the date as YYYY-MM-DD, e.g. 2019-05-01.")}
            )
            return None
        workplace_id = self.workplace.workplace_id()
        if workplace_id == -1:
            self.fields.show(
                {
                    "workplace": self.tr(
                        "No workplace has this name. Choose one from the list or "
                        "create it with New…."
                    )
                }
            )
            return None
        return people.PersonInput(
            name=self.name.text(),
            gender=self.gender.currentData(),
            birth_date=birth,
            id_type=self.id_type.currentData(),
            id_number=None if self.id_locked else self.id_number.text(),
            phone=self.phone.text(),
            workplace_id=workplace_id,
            is_member=self.is_member.isChecked(),
            member_card=self.member_card.text(),
            notes=self.notes.toPlainText(),
            joined_on=joined_on,
            old_retirement_age=self.old_retirement_age.currentData()
            if self.gender.currentData() == "F"
            else None,
        )

    def submit(self) -> None:
        self.bar.hide()
        self.fields.clear()
        data = self.collect()
        if data is None:
            return
        try:
            if self.editing is None:
                self.person = people.create_person(
                    self.actor, data, allow_duplicate=self._allow_duplicate
                )
            else:
                self.person = people.update_person(self.actor, self.editing.id, data)
        except DuplicateFound as exc:
            self._show_duplicates(exc)
            return
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()

    def _show_duplicates(self, exc: DuplicateFound) -> None:
        self._duplicates = list(exc.existing)
        lines = [exc.message]
        for other in self._duplicates:
            details = [other.phone, people.mask_id(other.id_number)]
            lines.append("· " + other.name + "  " + "  ".join(d for d in details if d))
        self.bar.show_message("\n".join(lines), "warning")
        same_id = any(
            other.id_number and other.id_number == self.id_number.text().strip().upper()
            for other in self._duplicates
        )
        self.save_anyway_button.setVisible(self.editing is None and not same_id)
        self.open_existing_button.setVisible(bool(self._duplicates))
        self.duplicate_row.show()
        self.open_existing_button.setFocus()

    def _open_existing(self) -> None:
        if self._duplicates:
            self.open_existing_id = self._duplicates[0].id
            self.accept()

    def _save_anyway(self) -> None:
        self._allow_duplicate = True
        self.submit()
