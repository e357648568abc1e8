"""Enrolling: one worker at the desk, or a workplace's list from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import PAYERS
from stationapp.services import mutual_aid
from stationapp.services.importing import ImportRefused
from stationapp.ui.forms import (
    FieldErrors,
    FormDialog,
    choice_box,
    dialog_buttons,
    open_spreadsheet,
    show_user_error,
)
from stationapp.ui.library.catalogue_import import ImportProblemsDialog
from stationapp.ui.mutual_aid.widgets import (
    PersonChoice,
    date_edit,
    day_of,
    plan_combo,
    translate,
    workplace_combo,
)


class _Terms:
    """The plan, date, payer and workplace rows both dialogs ask for."""

    def add_terms(self, actor: Staff, fields: FieldErrors) -> None:
        self.plan = plan_combo(actor, active_only=True)
        fields.add_row(translate("MutualAidTerms", "Pla&n:"), "plan", self.plan)
        self.enrolled_on = date_edit()
        fields.add_row(
            translate("MutualAidTerms", "Enrolled &on:"), "enrolled_on", self.enrolled_on
        )
        self.paid_by = choice_box(PAYERS, mutual_aid.payer_label)
        fields.add_row(translate("MutualAidTerms", "Premium &paid by:"), "paid_by", self.paid_by)
        self.workplace = workplace_combo(actor, translate("MutualAidTerms", "— none —"))
        fields.add_row(
            translate("MutualAidTerms", "&Workplace union:"), "organization", self.workplace
        )


class EnrolDialog(FormDialog, _Terms):
    """Enrol one worker at the desk."""

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, person_id: int | None = None
    ) -> None:
        super().__init__(actor, parent, self.tr("Enrol a worker"))
        self.enrolment = None
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.person = PersonChoice(actor)
        self.person.chosen.connect(self._person_chosen)
        self.fields.add_row(self.tr("Wor&ker:"), "person", self.person)
        self.add_terms(actor, self.fields)
        dialog_buttons(self, self.column, self.submit, ok_text=self.tr("&Enrol"))
        if person_id is not None:
            self.person.choose(person_id)

    def _person_chosen(self, _person_id: int) -> None:
        """The worker's own workplace pays, as a rule."""
        if self.person.workplace_id is not None:
            index = self.workplace.findData(self.person.workplace_id)
            self.workplace.setCurrentIndex(max(0, index))
        self.plan.setFocus()

    def submit(self) -> None:
        self.enrolment = self.person.submit(
            self.fields,
            self.bar,
            lambda person_id: mutual_aid.enrol(
                self.actor,
                person_id,
                self.plan.currentData(),
                enrolled_on=day_of(self.enrolled_on),
                paid_by=self.paid_by.currentData(),
                organization_id=self.workplace.currentData(),
            ),
        )
        if self.enrolment is not None:
            self.accept()


class ImportListDialog(FormDialog, _Terms):
    """Enrol a workplace's list from a spreadsheet (姓名, 身份证号): every row must match a
    worker on file, or nothing is enrolled and the rows that do not are listed."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent, self.tr("Import a workplace's list"))
        self.path: Path | None = None
        self.result: mutual_aid.EnrolmentImport | None = None
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("No file chosen"))
        row.addWidget(self.file_label, 1)
        self.choose_button = QPushButton(self.tr("&Choose the file…"))
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.choose_button)
        holder = QWidget()
        holder.setLayout(row)
        self.fields.add_row(self.tr("List:"), "file", holder)
        self.add_terms(actor, self.fields)
        self.column.addWidget(
            QLabel(self.tr("The file needs a 姓名 column and, best, a 身份证号 column."))
        )
        dialog_buttons(self, self.column, self.submit, ok_text=self.tr("&Import"))

    def choose_file(self) -> None:
        chosen = open_spreadsheet(
            self, self.tr("Choose the list"), self.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv)")
        )
        if chosen is not None:
            self.set_file(chosen)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(path.name)

    def submit(self) -> None:
        self.fields.clear()
        if self.path is None:
            self.fields.show({"file": self.tr("Choose the file first.")})
            return
        progress = QProgressDialog(self.tr("Checking the list…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def tick(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(min(done, total))
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            self.result = mutual_aid.import_enrolments(
                self.actor,
                self.path,
                self.plan.currentData(),
                enrolled_on=day_of(self.enrolled_on),
                organization_id=self.workplace.currentData(),
                paid_by=self.paid_by.currentData(),
                progress=tick,
            )
        except ImportRefused as exc:
            progress.reset()
            self.bar.show_message(exc.message)
            problems = ImportProblemsDialog(exc, self)
            problems.exec()
            problems.deleteLater()
            return
        except UserError as exc:
            progress.reset()
            show_user_error(exc, self.fields, self.bar)
            return
        progress.reset()
        if self.result.cancelled:
            self.bar.show_message(self.tr("Import cancelled; no one was enrolled."), "info")
            return
        self.accept()
