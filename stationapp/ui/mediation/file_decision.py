"""The decision on a case file whose retention has ended: kept longer, or disposed of
(services/case_file.decide_case_file)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QPushButton, QRadioButton, QWidget

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import MediationCase
from stationapp.services import case_file
from stationapp.ui.dates import date_edit
from stationapp.ui.forms import FormDialog, action_row, show_user_error, text_box


class FileDecisionDialog(FormDialog):
    """Keep the file until a date, or record that it was disposed of; a note says why or how."""

    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.case = case
        self.setWindowTitle(self.tr("The file of case {number}").format(number=case.number))
        self.keep = QRadioButton(self.tr("&Keep it longer"))
        self.dispose = QRadioButton(
            self.tr("It was &disposed of (destroyed, or given to an archive)")
        )
        self.keep.setChecked(True)
        self.form.addRow(self.keep)
        self.keep_until = date_edit(today() + timedelta(days=365))
        self.fields.add_row(self.tr("&Until"), "keep_until", self.keep_until)
        self.form.addRow(self.dispose)
        self.note = text_box(80)
        self.note.setPlaceholderText(
            self.tr("Why it is kept; or how it was disposed of, by whom and in whose presence")
        )
        self.fields.add_row(self.tr("&Note"), "note", self.note)
        self.keep.toggled.connect(self.keep_until.setEnabled)
        self.save_button = QPushButton(self.tr("&Record the decision"))
        self.save_button.clicked.connect(self.submit)
        self.column.addLayout(action_row(self.save_button, self.tr("Cancel"), self.reject))
        self.setMinimumWidth(520)

    def submit(self) -> None:
        self.bar.hide()
        self.fields.clear()
        try:
            self.case = case_file.decide_case_file(
                self.actor,
                self.case.id,
                keep_until=self.keep_until.date().toPython() if self.keep.isChecked() else None,
                note=self.note.toPlainText(),
            )
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()
