"""Administration > Retention: how long personal data is kept, and the anonymisation job; and the
personal-data request actions of one person (export everything, erase on request)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import retention
from stationapp.ui.forms import (
    CLOSE,
    FormDialog,
    add_button,
    dialog_buttons,
    form_call,
    spin_box,
)


class RetentionDialog(FormDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.setWindowTitle(self.tr("Retention of personal data"))
        layout = self.column
        note = QLabel(
            self.tr(
                "People with no visit, loan, registration or case for longer than the period "
                "below are anonymised: their name, phone, ID number, card, birth day and notes "
                "are removed, while every count and statistic stays. The job runs once a day "
                "when the program starts. A person is kept while a mediation case of theirs is "
                "open or within its retention period, a book is on loan, or an event they "
                "registered for is still to come."
            )
        )
        note.setWordWrap(True)
        layout.insertWidget(1, note)  # under the message bar, above the form
        current = retention.retention_settings()
        self.people_years = spin_box(
            1, 30, current.people_years, self.tr(" years without activity")
        )
        self.fields.add_row(self.tr("Anonymise people after"), "people_years", self.people_years)
        self.case_years = spin_box(5, 50, current.case_years, self.tr(" years after closing"))
        self.fields.add_row(self.tr("Keep mediation case files"), "case_years", self.case_years)
        self.preview_label = QLabel()
        layout.addWidget(self.preview_label)
        buttons = QHBoxLayout()
        self.save_button = add_button(buttons, self.tr("&Save settings"), self.save)
        self.run_button = add_button(buttons, self.tr("&Anonymise now…"), self.run_now)
        buttons.addStretch(1)
        dialog_buttons(self, buttons, buttons=CLOSE)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.refresh_preview()

    def refresh_preview(self) -> int:
        count = retention.preview_anonymisation(self.actor)
        self.preview_label.setText(
            self.tr("%n person(s) would be anonymised now.", "", count)
            if count
            else self.tr("No one is due to be anonymised now.")
        )
        self.run_button.setEnabled(count > 0)
        return count

    def save(self) -> bool:
        settings = retention.RetentionSettings(self.people_years.value(), self.case_years.value())
        if not form_call(self, lambda: retention.save_retention_settings(self.actor, settings)):
            return False
        self.bar.show_message(self.tr("Retention settings saved."), "info")
        self.refresh_preview()
        return True

    def run_now(self) -> int:
        count = retention.preview_anonymisation(self.actor)
        answer = QMessageBox.question(
            self,
            self.tr("Anonymise now?"),
            self.tr(
                "Remove the personal data of %n person(s)? This cannot be undone; the counts "
                "and statistics stay.",
                "",
                count,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        try:
            done = retention.run_anonymisation(self.actor)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return 0
        self.bar.show_message(self.tr("%n person(s) anonymised.", "", done), "info")
        self.refresh_preview()
        return done


def export_personal_data(parent: QWidget, actor: Staff, person_id: int, name: str) -> Path | None:
    """Ask where, then write everything held on the person (PIPL Art. 45)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder) / QCoreApplication.translate(
        "PersonalData", "personal-data-{name}.xlsx"
    ).format(name=name)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PersonalData", "Export personal data"),
        str(suggested),
        QCoreApplication.translate("PersonalData", "Excel files (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    retention.export_personal_data(actor, person_id, path)
    return path


class EraseDialog(FormDialog):
    """Erase a person's data on their request: the reason is recorded, the counts stay."""

    def __init__(self, actor: Staff, person_id: int, name: str, parent: QWidget | None = None):
        super().__init__(actor, parent)
        self.person_id = person_id
        self.setWindowTitle(self.tr("Erase personal data"))
        layout = self.column
        note = QLabel(
            self.tr(
                "Erase the personal data of {name} at their request? Their name, phone, ID "
                "number, card, birth day and notes are removed for good; the counts of their "
                "visits, loans and registrations stay. This cannot be undone."
            ).format(name=name)
        )
        note.setWordWrap(True)
        layout.insertWidget(1, note)  # under the message bar, above the form
        duties = retention.retention_duties(actor, person_id)
        if duties:
            self.bar.show_message(
                self.tr("Not possible yet: {duties}.").format(duties="; ".join(duties)), "warning"
            )
        self.reason = self.fields.add_line(
            self.tr("Request"), "reason", 500, self.tr("How and when the request was made")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton(
            self.tr("Erase"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.clicked.connect(self.submit)
        self.erase_button.setEnabled(not duties)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        reason = self.reason.text()
        if form_call(
            self, lambda: retention.erase_on_request(self.actor, self.person_id, reason=reason)
        ):
            self.accept()
