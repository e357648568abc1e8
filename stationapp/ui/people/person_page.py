"""What the station has on record for one person."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import events, library, mediation, people, validation, visits
from stationapp.services.accounts import has_permission
from stationapp.ui import retention as retention_ui
from stationapp.ui.people import consent as consent_ui
from stationapp.ui.people.person_table_model import age_on

translate = QCoreApplication.translate


class PersonPage(QWidget):
    edit_requested = Signal(int)
    deactivate_requested = Signal(int)
    reactivate_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.person_id: int | None = None
        self._id_type = ""
        layout = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Choose a person in the list to see their record."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        layout.addWidget(self.empty)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.title, 1)
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.clicked.connect(self._edit)
        self.edit_button.setVisible(has_permission(actor, "person.update"))
        top.addWidget(self.edit_button)
        self.deactivate_button = QPushButton(self.tr("&Deactivate"))
        self.deactivate_button.setToolTip(
            self.tr("Hide the person from lists and searches; their history stays on file")
        )
        self.deactivate_button.clicked.connect(lambda: self._request(self.deactivate_requested))
        top.addWidget(self.deactivate_button)
        self.reactivate_button = QPushButton(self.tr("Re&activate"))
        self.reactivate_button.clicked.connect(lambda: self._request(self.reactivate_requested))
        top.addWidget(self.reactivate_button)
        self.delete_button = QPushButton(self.tr("De&lete…"))
        self.delete_button.setToolTip(
            self.tr("Delete a record made by mistake; a person with history is deactivated")
        )
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.delete_button.setVisible(has_permission(actor, "person.delete"))
        top.addWidget(self.delete_button)
        body.addLayout(top)
        consent_row = QHBoxLayout()
        consent_row.addStretch(1)
        self.consent_button = QPushButton(
            self.tr("&Consent and hardship file…")
            if has_permission(actor, "hardship.read")
            else self.tr("&Consent and marital status…")
        )
        self.consent_button.setToolTip(
            self.tr("Consents to sensitive data, and the data they allow the station to keep")
        )
        self.consent_button.clicked.connect(self.open_consent)
        self.consent_button.setVisible(consent_ui.can_open(actor))
        consent_row.addWidget(self.consent_button)
        # Personal-data requests (PIPL Arts. 45 and 47).
        self.export_data_button = QPushButton(self.tr("Personal &data…"))
        self.export_data_button.setToolTip(
            self.tr("Export everything held on this person (their request to see their data)")
        )
        self.export_data_button.clicked.connect(self.export_personal_data)
        self.export_data_button.setVisible(has_permission(actor, "person.erase"))
        consent_row.addWidget(self.export_data_button)
        self.erase_button = QPushButton(self.tr("E&rase on request…"))
        self.erase_button.setToolTip(
            self.tr("Remove the personal data at the person's request; the counts stay")
        )
        self.erase_button.clicked.connect(self.erase_on_request)
        self.erase_button.setVisible(has_permission(actor, "person.erase"))
        consent_row.addWidget(self.erase_button)
        body.addLayout(consent_row)
        self.inactive_note = QLabel(
            self.tr("Deactivated: hidden from lists and searches; the history stays on file.")
        )
        self.inactive_note.setWordWrap(True)
        self.inactive_note.setStyleSheet("color: #8a5300;")
        body.addWidget(self.inactive_note)
        self.pinyin = QLabel()
        self.pinyin.setStyleSheet("color: #555;")
        body.addWidget(self.pinyin)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("gender", self.tr("Gender")),
            ("birth", self.tr("Birth date")),
            ("phone", self.tr("Phone")),
            ("id", self.tr("ID number")),
            ("workplace", self.tr("Workplace")),
            ("member", self.tr("Union member")),
            ("card", self.tr("Member card")),
            ("notes", self.tr("Notes")),
            ("since", self.tr("On file since")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            if key == "id":
                self.form.addRow(label, self._id_row(value))
            else:
                self.form.addRow(label, value)
        body.addLayout(self.form)
        self.visits_label = QLabel(self.tr("Visits"))
        visits_font = self.visits_label.font()
        visits_font.setBold(True)
        self.visits_label.setFont(visits_font)
        body.addWidget(self.visits_label)
        self.visits = QListWidget()
        self.visits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.visits, 1)
        can_see_visits = has_permission(actor, "visit.read")
        self.visits_label.setVisible(can_see_visits)
        self.visits.setVisible(can_see_visits)
        self.cases_label = QLabel(self.tr("Mediation cases"))
        cases_font = self.cases_label.font()
        cases_font.setBold(True)
        self.cases_label.setFont(cases_font)
        body.addWidget(self.cases_label)
        self.cases = QListWidget()
        self.cases.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cases.setMaximumHeight(90)
        body.addWidget(self.cases)
        can_see_cases = has_permission(actor, "case.read")
        self.cases_label.setVisible(can_see_cases)
        self.cases.setVisible(can_see_cases)
        self.loans_label = QLabel(self.tr("Loans and reservations"))
        loans_font = self.loans_label.font()
        loans_font.setBold(True)
        self.loans_label.setFont(loans_font)
        body.addWidget(self.loans_label)
        self.loans = QListWidget()
        self.loans.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.loans.setMaximumHeight(110)
        body.addWidget(self.loans)
        can_see_loans = has_permission(actor, "library.read")
        self.loans_label.setVisible(can_see_loans)
        self.loans.setVisible(can_see_loans)
        self.events_label = QLabel(self.tr("Event registrations"))
        events_font = self.events_label.font()
        events_font.setBold(True)
        self.events_label.setFont(events_font)
        body.addWidget(self.events_label)
        self.events = QListWidget()
        self.events.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.events.setMaximumHeight(90)
        body.addWidget(self.events)
        can_see_events = has_permission(actor, "event.read")
        self.events_label.setVisible(can_see_events)
        self.events.setVisible(can_see_events)
        history_label = QLabel(self.tr("Record history"))
        history_font = history_label.font()
        history_font.setBold(True)
        history_label.setFont(history_font)
        body.addWidget(history_label)
        self.history = QListWidget()
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.history, 1)
        layout.addWidget(self.body, 1)
        self.body.hide()

    def _id_row(self, value: QLabel) -> QWidget:
        """The masked number, and for roles that may see it whole a button that shows it (each
        showing is audited)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(value, 1)
        self.reveal_button = QPushButton(self.tr("Show"))
        self.reveal_button.setToolTip(
            self.tr("Show the whole ID number (recorded in the audit trail)")
        )
        self.reveal_button.clicked.connect(self.reveal_id)
        self.reveal_button.hide()
        line.addWidget(self.reveal_button)
        return row

    def reveal_id(self) -> None:
        if self.person_id is None:
            return
        try:
            number = people.reveal_id(self.actor, self.person_id)
        except UserError as exc:
            self.values["id"].setText(exc.message)
            return
        type_label = validation.id_type_label(self._id_type)
        self.values["id"].setText(f"{type_label}  {number}" if number else "—")
        self.reveal_button.hide()

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        if person_id is None:
            self.body.hide()
            self.empty.show()
            return
        try:
            person = people.get_person(self.actor, person_id)
            history = people.person_history(self.actor, person_id)
        except UserError as exc:
            self.empty.setText(exc.message)
            self.body.hide()
            self.empty.show()
            return
        locale = QLocale()
        self.title.setText(person.name)
        self.pinyin.setText(person.pinyin)
        can_deactivate = has_permission(self.actor, "person.deactivate")
        self.deactivate_button.setVisible(can_deactivate and person.active)
        self.reactivate_button.setVisible(can_deactivate and not person.active)
        self.inactive_note.setVisible(not person.active)
        age = age_on(person.birth_date, today())
        birth = ""
        if person.birth_date:
            birth = locale.toString(person.birth_date, QLocale.FormatType.ShortFormat)
            birth += " " + self.tr("(age {age})").format(age=age)
        id_text = people.mask_id(person.id_number)
        self._id_type = person.id_type
        self.reveal_button.setVisible(
            bool(id_text) and has_permission(self.actor, "person.view_full_id")
        )
        if id_text:
            id_text = f"{validation.id_type_label(person.id_type)}  {id_text}"
        self.values["gender"].setText(people.gender_label(person.gender) or "—")
        self.values["birth"].setText(birth or "—")
        self.values["phone"].setText(person.phone or "—")
        self.values["id"].setText(id_text or "—")
        self.values["workplace"].setText(person.workplace.name if person.workplace_id else "—")
        self.values["member"].setText(self.tr("Yes") if person.is_member else self.tr("No"))
        self.values["card"].setText(person.member_card or "—")
        self.values["notes"].setText(person.notes or "—")
        self.values["since"].setText(
            locale.toString(person.created_at.date(), QLocale.FormatType.ShortFormat)
        )
        self._show_visits(person_id)
        self._show_cases(person_id)
        self._show_loans(person_id)
        self._show_registrations(person_id)
        self.history.clear()
        for entry in history:
            who = entry.staff.display_name if entry.staff_id else self.tr("system")
            when = locale.toString(entry.at, QLocale.FormatType.ShortFormat)
            what = action_label(entry.action)
            fields = sorted(json.loads(entry.details or "{}")) if entry.action == "update" else []
            line = f"{when}  {who}  {what}"
            if fields:
                line += "：" + "、".join(field_label(f) for f in fields)
            self.history.addItem(line)
        self.empty.hide()
        self.body.show()

    def _show_visits(self, person_id: int) -> None:
        self.visits.clear()
        if not has_permission(self.actor, "visit.read"):
            return
        found = visits.person_visits(self.actor, person_id)
        purposes = visits.purposes_of(found)
        locale = QLocale()
        for visit in found:
            what = "、".join(
                f"{p.service.name}（{visits.outcome_label(p.outcome)}）" for p in purposes[visit.id]
            )
            when = locale.toString(visit.arrived_at, QLocale.FormatType.ShortFormat)
            self.visits.addItem(
                f"{when}  {visits.channel_label(visit.channel)}  {what}  {visit.staff.display_name}"
            )
        if not found:
            self.visits.addItem(self.tr("No visits yet."))

    def _show_cases(self, person_id: int) -> None:
        self.cases.clear()
        if not has_permission(self.actor, "case.read"):
            return
        found = mediation.list_cases(self.actor, mediation.CaseFilter(person_id=person_id))
        for case in found:
            self.cases.addItem(
                f"{case.number}　{case.respondent.name}　{mediation.state_label(case.state)}"
            )
        if not found:
            self.cases.addItem(self.tr("No cases."))

    def _show_loans(self, person_id: int) -> None:
        self.loans.clear()
        if not has_permission(self.actor, "library.read"):
            return
        locale = QLocale()
        for hold in library.person_holds(self.actor, person_id):
            state = self.tr("ready to collect") if hold.state == "ready" else self.tr("waiting")
            self.loans.addItem(
                self.tr("Reserved: {title} ({state})").format(title=hold.title.title, state=state)
            )
        rows = library.person_loans(self.actor, person_id)
        for row in rows:
            due = locale.toString(row.loan.due_on, QLocale.FormatType.ShortFormat)
            if row.loan.returned_at is None:
                text = self.tr("On loan: {title}, due {due}").format(title=row.title, due=due)
                item = QListWidgetItem(text)
                if row.loan.due_on < today():
                    item.setForeground(Qt.GlobalColor.red)
            else:
                returned = locale.toString(
                    row.loan.returned_at.date(), QLocale.FormatType.ShortFormat
                )
                item = QListWidgetItem(
                    self.tr("Returned {date}: {title}").format(date=returned, title=row.title)
                )
                item.setForeground(Qt.GlobalColor.darkGray)
            self.loans.addItem(item)
        if not rows and not self.loans.count():
            self.loans.addItem(self.tr("No loans."))

    def _show_registrations(self, person_id: int) -> None:
        self.events.clear()
        if not has_permission(self.actor, "event.read"):
            return
        locale = QLocale()
        found = events.person_registrations(self.actor, person_id)
        for registration in found:
            when = locale.toString(
                registration.event.starts_at.date(), QLocale.FormatType.ShortFormat
            )
            self.events.addItem(
                f"{when}　{registration.event.title}　{events.state_label(registration.state)}"
            )
        if not found:
            self.events.addItem(self.tr("No registrations."))

    def _edit(self) -> None:
        if self.person_id is not None:
            self.edit_requested.emit(self.person_id)

    def open_consent(self) -> None:
        if self.person_id is not None:
            consent_ui.ConsentDialog(self.actor, self.person_id, self).exec()

    def export_personal_data(self) -> None:
        if self.person_id is None:
            return
        try:
            path = retention_ui.export_personal_data(
                self, self.actor, self.person_id, self.title.text()
            )
        except (UserError, OSError) as exc:
            message = exc.message if isinstance(exc, UserError) else str(exc)
            QMessageBox.warning(self, self.tr("Export personal data"), message)
            return
        if path is not None:
            QMessageBox.information(
                self,
                self.tr("Export personal data"),
                self.tr("Everything held on this person was written to {path}.").format(path=path),
            )

    def erase_on_request(self) -> None:
        if self.person_id is None:
            return
        dialog = retention_ui.EraseDialog(self.actor, self.person_id, self.title.text(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_person(self.person_id)

    def _request(self, signal: SignalInstance) -> None:
        if self.person_id is not None:
            signal.emit(self.person_id)


def action_label(action: str) -> str:
    return {
        "create": translate("PersonPage", "registered"),
        "update": translate("PersonPage", "changed"),
        "deactivate": translate("PersonPage", "deactivated"),
        "reactivate": translate("PersonPage", "reactivated"),
    }.get(action, action)


def field_label(field: str) -> str:
    return {
        "name": translate("PersonPage", "name"),
        "phone": translate("PersonPage", "phone"),
        "id_type": translate("PersonPage", "document type"),
        "id_number": translate("PersonPage", "ID number"),
        "gender": translate("PersonPage", "gender"),
        "birth_date": translate("PersonPage", "birth date"),
        "workplace": translate("PersonPage", "workplace"),
        "is_member": translate("PersonPage", "membership"),
        "member_card": translate("PersonPage", "member card"),
        "notes": translate("PersonPage", "notes"),
    }.get(field, field)
