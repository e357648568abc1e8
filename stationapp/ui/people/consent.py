"""A person's consents to sensitive data (PIPL Arts. 28-29), their hardship file with the
assistance given, and the marital status the mixers need."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.people import (
    ASSISTANCE_KINDS,
    CONSENT_KINDS,
    CONSENT_METHODS,
    HARDSHIP_CATEGORIES,
    MARITAL_STATUSES,
    Consent,
)
from stationapp.services import consent, people
from stationapp.services.accounts import has_permission
from stationapp.services.consent import EARLIEST_ASSISTANCE, MAX_CONSENT_NOTE
from stationapp.ui.dates import date_edit, short_text
from stationapp.ui.forms import (
    CLOSE,
    FieldErrors,
    action_row,
    add_button,
    choice_box,
    dialog_buttons,
    layout_with_bar,
    reports_user_errors,
    scroll_area,
    show_user_error,
)

NOTICE_STYLE = "color: #8a5300;"


def can_open(actor: Staff) -> bool:
    """Whether the actor has anything to do in the dialog (the person page hides its button)."""
    return has_permission(actor, "consent.manage") or has_permission(actor, "hardship.read")


def _section(title: str, notice: str) -> tuple[QGroupBox, QVBoxLayout, QLabel]:
    """A section of the dialog: its box, the column inside it, and at the top of the column the
    notice of what has to come first (shown while it has not)."""
    box = QGroupBox(title)
    column = QVBoxLayout(box)
    label = QLabel(notice)
    label.setWordWrap(True)
    label.setStyleSheet(NOTICE_STYLE)
    column.addWidget(label)
    return box, column, label


def _form_section(title: str, notice: str) -> tuple[QGroupBox, QVBoxLayout, QLabel, FieldErrors]:
    """A section whose fields are a form under the notice: the ``_section`` and the form's
    fields (the rows show their errors)."""
    box, column, label = _section(title, notice)
    form = QFormLayout()
    column.addLayout(form)
    return box, column, label, FieldErrors(form)


def _records_list(column: QVBoxLayout, name: str, height: int) -> QListWidget:
    """The records of a section, read only (no focus), ``height`` pixels at the most."""
    records = QListWidget()
    records.setObjectName(name)
    records.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    records.setMaximumHeight(height)
    column.addWidget(records)
    return records


def _button_on_the_right(column: QVBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
    row = QHBoxLayout()
    row.addStretch(1)
    button = add_button(row, text, slot)
    column.addLayout(row)
    return button


@dataclass
class ConsentRow:
    """The widgets of one kind of consent."""

    status: QLabel
    method: QComboBox
    note: QLineEdit
    record: QPushButton
    withdraw: QPushButton
    manageable: bool


class ConsentDialog(QDialog):
    def __init__(self, actor: Staff, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.person_id = person_id
        self.person_name = ""
        self.can_consent = has_permission(actor, "consent.manage")
        self.can_read_hardship = has_permission(actor, "hardship.read")
        self.can_manage_hardship = has_permission(actor, "hardship.manage")
        self.in_force: dict[str, Consent] = {}
        self.file_open = False
        self.resize(760, 720)
        outer, self.bar = layout_with_bar(self)
        content = QWidget()
        layout = QVBoxLayout(content)
        scroll = scroll_area(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll, 1)

        layout.addWidget(self._build_consents())
        self.hardship_box = self._build_hardship()
        layout.addWidget(self.hardship_box)
        self.assistance_box = self._build_assistance()
        layout.addWidget(self.assistance_box)
        self.marital_box = self._build_marital()
        layout.addWidget(self.marital_box)
        self.hardship_box.setVisible(self.can_read_hardship)
        self.assistance_box.setVisible(self.can_read_hardship)
        self.marital_box.setVisible(self.can_consent)
        layout.addStretch(1)

        dialog_buttons(self, outer, buttons=CLOSE)
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_consents(self) -> QGroupBox:
        box = QGroupBox(self.tr("Consents to sensitive data"))
        column = QVBoxLayout(box)
        intro = QLabel(
            self.tr(
                "Sensitive data is kept only while the worker's separate consent is in force. "
                "Withdrawing a consent empties the data it covers."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        grid = QGridLayout()
        column.addLayout(grid)
        self.rows: dict[str, ConsentRow] = {}
        kinds = [k for k in CONSENT_KINDS if k != "hardship" or self.can_read_hardship]
        for line, kind in enumerate(kinds):
            name = QLabel(consent.consent_kind_label(kind))
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            grid.addWidget(name, line, 0)
            status = QLabel()
            status.setWordWrap(True)
            status.setObjectName(f"status_{kind}")
            grid.addWidget(status, line, 1)
            method = QComboBox()
            method.setObjectName(f"method_{kind}")
            for code in CONSENT_METHODS:
                method.addItem(consent.consent_method_label(code), code)
            method.setAccessibleName(self.tr("How the consent was given"))
            grid.addWidget(method, line, 2)
            note = QLineEdit()
            note.setObjectName(f"note_{kind}")
            note.setMaxLength(MAX_CONSENT_NOTE)
            note.setPlaceholderText(self.tr("Note, e.g. where the signed form is kept"))
            note.setMinimumWidth(180)
            grid.addWidget(note, line, 3)
            actions = QHBoxLayout()  # one of the two buttons shows, in the same place
            record = QPushButton(self.tr("Record consent"))
            record.setObjectName(f"record_{kind}")
            record.clicked.connect(lambda _=False, k=kind: self.record_consent(k))
            actions.addWidget(record)
            withdraw = QPushButton(self.tr("Withdraw…"))
            withdraw.setObjectName(f"withdraw_{kind}")
            withdraw.clicked.connect(lambda _=False, k=kind: self.withdraw_consent(k))
            actions.addWidget(withdraw)
            grid.addLayout(actions, line, 4)
            manageable = self.can_consent and (kind != "hardship" or self.can_manage_hardship)
            self.rows[kind] = ConsentRow(status, method, note, record, withdraw, manageable)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        earlier = QLabel(self.tr("Consent records"))
        column.addWidget(earlier)
        self.consent_list = _records_list(column, "consent_list", 90)
        return box

    def _build_hardship(self) -> QGroupBox:
        box, column, self.hardship_notice, self.hardship_fields = _form_section(
            self.tr("Hardship file"),
            self.tr(
                "Record the worker's consent to a hardship file first; until then the file "
                "cannot be filled."
            ),
        )
        self.category = choice_box(
            HARDSHIP_CATEGORIES,
            consent.hardship_category_label,
            first=(self.tr("No hardship file"), ""),
        )
        self.hardship_fields.add_row(self.tr("&Category"), "category", self.category)
        self.reasons = QPlainTextEdit()
        self.reasons.setTabChangesFocus(True)
        self.reasons.setPlaceholderText(
            self.tr("Why the worker is in hardship (income, illness, accident, family)")
        )
        self.reasons.setMaximumHeight(90)
        self.hardship_fields.add_row(self.tr("&Reasons"), "reasons", self.reasons)
        self.save_hardship_button = _button_on_the_right(
            column, self.tr("&Save hardship file"), self.save_hardship
        )
        return box

    def _build_assistance(self) -> QGroupBox:
        box, column, self.assistance_notice = _section(
            self.tr("Assistance given"),
            self.tr("Open the hardship file (choose a category and save it) to record assistance."),
        )
        self.assistance_list = _records_list(column, "assistance_list", 110)
        self.add_assistance_button = _button_on_the_right(
            column, self.tr("&Add assistance…"), self.show_assistance_form
        )

        self.assistance_form = QWidget()
        form = QFormLayout(self.assistance_form)
        form.setContentsMargins(0, 0, 0, 0)
        self.assistance_fields = FieldErrors(form)
        self.given_on = date_edit(earliest=EARLIEST_ASSISTANCE, latest=today())
        self.assistance_fields.add_row(self.tr("&Date"), "given_on", self.given_on)
        self.assistance_kind = choice_box(ASSISTANCE_KINDS, consent.assistance_kind_label)
        self.assistance_fields.add_row(self.tr("&Kind"), "kind", self.assistance_kind)
        self.amount = self.assistance_fields.add_line(
            self.tr("A&mount"), "amount", 20, self.tr("Yuan; empty for help in kind")
        )
        self.assistance_notes = self.assistance_fields.add_line(
            self.tr("&Notes"), "notes", consent.MAX_ASSISTANCE_NOTES
        )
        self.save_assistance_button = QPushButton(self.tr("Sa&ve assistance"))
        self.save_assistance_button.clicked.connect(self.save_assistance)
        form.addRow(
            action_row(self.save_assistance_button, self.tr("Cancel"), self.hide_assistance_form)
        )
        self.assistance_form.hide()
        column.addWidget(self.assistance_form)
        return box

    def _build_marital(self) -> QGroupBox:
        box, column, self.marital_notice, self.marital_fields = _form_section(
            self.tr("Marital status (for mixers)"),
            self.tr("Record the worker's consent to keep their marital status first."),
        )
        self.marital = choice_box(
            MARITAL_STATUSES, consent.marital_status_label, first=(self.tr("Not recorded"), "")
        )
        self.marital_fields.add_row(self.tr("Marital s&tatus"), "status", self.marital)
        self.save_marital_button = _button_on_the_right(
            column, self.tr("Save marital status"), self.save_marital
        )
        return box

    # --- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            person = people.get_person(self.actor, self.person_id)
            records = consent.consents_of(self.actor, self.person_id)
            file = (
                consent.hardship_file(self.actor, self.person_id)
                if self.can_read_hardship
                else None
            )
            assistance = (
                consent.assistance_of(self.actor, self.person_id) if self.can_read_hardship else []
            )
        except UserError as exc:
            self.bar.show_message(exc.message)
            for widget in (self.hardship_box, self.assistance_box, self.marital_box):
                widget.setEnabled(False)
            for row in self.rows.values():
                row.record.setEnabled(False)
                row.withdraw.setEnabled(False)
            return
        self.person_name = person.name
        self.setWindowTitle(self.tr("Consent and hardship file: {name}").format(name=person.name))
        self.in_force = {}
        for record in records:
            if record.withdrawn_at is None:
                self.in_force.setdefault(record.kind, record)
        self._show_consents(records)
        if file is not None:
            self._show_hardship(file)
            self._show_assistance(assistance)
        given = "marital_status" in self.in_force
        self.marital_notice.setVisible(not given)
        self.marital.setCurrentIndex(max(self.marital.findData(person.marital_status), 0))
        self.marital.setEnabled(self.can_consent and given)
        self.save_marital_button.setEnabled(self.can_consent and given)

    def _show_consents(self, records: list[Consent]) -> None:
        for kind, row in self.rows.items():
            record = self.in_force.get(kind)
            if record is None:
                row.status.setText(self.tr("Not given"))
            else:
                row.status.setText(
                    self.tr("Given {when} by {who}, {method}").format(
                        when=short_text(record.given_at),
                        who=record.given_by.display_name,
                        method=consent.consent_method_label(record.method).lower(),
                    )
                )
            row.status.setToolTip(record.note if record is not None else "")
            absent = record is None
            row.method.setVisible(absent and row.manageable)
            row.note.setVisible(absent and row.manageable)
            row.record.setVisible(absent and row.manageable)
            row.record.setEnabled(True)
            row.withdraw.setVisible(not absent and row.manageable)
            row.withdraw.setEnabled(True)
        self.consent_list.clear()
        for record in records:
            line = self.tr("{kind}: given {when} by {who} ({method})").format(
                kind=consent.consent_kind_label(record.kind),
                when=short_text(record.given_at),
                who=record.given_by.display_name,
                method=consent.consent_method_label(record.method),
            )
            if record.note:
                line += f"  {record.note}"
            if record.withdrawn_at is not None:
                line += "; " + self.tr("withdrawn {when} by {who}").format(
                    when=short_text(record.withdrawn_at),
                    who=record.withdrawn_by.display_name if record.withdrawn_by else "—",
                )
            self.consent_list.addItem(line)
        if not records:
            self.consent_list.addItem(self.tr("No consent on record."))

    def _show_hardship(self, file: consent.HardshipFile) -> None:
        self.hardship_notice.setVisible(not file.consent)
        self.category.setCurrentIndex(max(self.category.findData(file.category), 0))
        self.reasons.setPlainText(file.reasons)
        editable = self.can_manage_hardship and file.consent
        for widget in (self.category, self.reasons, self.save_hardship_button):
            widget.setEnabled(editable)
        self.file_open = bool(file.category)
        can_add = self.can_manage_hardship and self.file_open
        self.assistance_notice.setVisible(self.can_manage_hardship and not self.file_open)
        self.add_assistance_button.setEnabled(can_add)
        if not can_add:
            self.assistance_form.hide()

    def _show_assistance(self, rows: list) -> None:
        locale = QLocale()
        self.assistance_list.clear()
        for row in rows:
            parts = [
                short_text(row.given_on),
                consent.assistance_kind_label(row.kind),
                self.tr("{amount} yuan").format(amount=locale.toString(float(row.amount), "f", 2))
                if row.amount is not None
                else self.tr("in kind"),
                row.staff.display_name,
            ]
            if row.notes:
                parts.append(row.notes)
            self.assistance_list.addItem("  ".join(parts))
        if not rows:
            self.assistance_list.addItem(self.tr("No assistance recorded."))

    # --- actions ----------------------------------------------------------------------------

    @reports_user_errors
    def record_consent(self, kind: str) -> None:
        row = self.rows[kind]
        consent.record_consent(
            self.actor, self.person_id, kind, row.method.currentData(), row.note.text()
        )
        row.note.clear()
        self.reload()
        self.bar.show_message(
            self.tr("Consent recorded: {kind}.").format(kind=consent.consent_kind_label(kind)),
            "info",
        )

    @reports_user_errors
    def withdraw_consent(self, kind: str) -> None:
        if not self.confirm_withdrawal(kind):
            return
        consent.withdraw_consent(self.actor, self.person_id, kind)
        self.reload()
        self.bar.show_message(
            self.tr("Consent withdrawn: {kind}.").format(kind=consent.consent_kind_label(kind)),
            "info",
        )

    def confirm_withdrawal(self, kind: str) -> bool:
        questions = {
            "hardship": self.tr(
                "Withdraw {name}'s consent to a hardship file?\n\nThe hardship category and the "
                "reasons will be emptied now. The assistance records stay: they are the "
                "station's accounts of what it gave."
            ),
            "health": self.tr(
                "Withdraw {name}'s consent to health data?\n\nNothing stored on the person is "
                "emptied; from now on their visits for health- or hardship-related services "
                "cannot carry notes."
            ),
            "marital_status": self.tr(
                "Withdraw {name}'s consent to keep their marital status?\n\nThe marital status "
                "will be emptied now."
            ),
        }
        answer = QMessageBox.question(
            self,
            self.tr("Withdraw consent"),
            questions[kind].format(name=self.person_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _save(self, fields: FieldErrors, call: Callable[[], object], done: str) -> bool:
        """Make the service call: a refusal is said at its field in ``fields`` (or in the bar),
        else the dialog shows the person anew and says ``done``."""
        try:
            call()
        except UserError as exc:
            show_user_error(exc, fields, self.bar)
            return False
        fields.clear()
        self.reload()
        self.bar.show_message(done, "info")
        return True

    def save_hardship(self) -> None:
        self._save(
            self.hardship_fields,
            lambda: consent.save_hardship_file(
                self.actor, self.person_id, self.category.currentData(), self.reasons.toPlainText()
            ),
            self.tr("Hardship file saved."),
        )

    def show_assistance_form(self) -> None:
        self.assistance_fields.clear()
        self.given_on.setMaximumDate(QDate(today()))
        self.given_on.setDate(QDate(today()))
        self.assistance_form.show()
        self.given_on.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide_assistance_form(self) -> None:
        self.assistance_form.hide()
        self.add_assistance_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_assistance(self) -> None:
        # The form closes before the dialog shows the person anew.
        def record() -> None:
            consent.record_assistance(
                self.actor,
                self.person_id,
                self.given_on.date().toPython(),
                self.assistance_kind.currentData(),
                self.amount.text(),
                self.assistance_notes.text(),
            )
            self.amount.clear()
            self.assistance_notes.clear()
            self.assistance_form.hide()

        self._save(self.assistance_fields, record, self.tr("Assistance recorded."))

    def save_marital(self) -> None:
        self._save(
            self.marital_fields,
            lambda: consent.save_marital_status(
                self.actor, self.person_id, self.marital.currentData()
            ),
            self.tr("Marital status saved."),
        )
