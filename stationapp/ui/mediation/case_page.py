"""One mediation case: overview and clocks, timeline, sessions, agreement, follow-ups, documents."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import now, today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import MediationCase
from stationapp.services import mediation
from stationapp.services.accounts import has_permission
from stationapp.ui.forms import FieldErrors, MessageBar, show_user_error
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.mediation import documents

WARNING_STYLE = "color: #8a5300;"
OVERDUE_STYLE = "color: #b3261e; font-weight: bold;"


def _text(height: int = 80) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class FormDialog(QDialog):
    """A small dialog around a form whose ``submit`` calls a service."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.outer = QVBoxLayout(self)
        self.bar = MessageBar()
        self.outer.addWidget(self.bar)
        self.form = QFormLayout()
        self.fields = FieldErrors(self.form)
        self.outer.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(520)

    def finish(self) -> None:
        self.outer.addWidget(self.buttons)

    def submit(self) -> None:
        """Each subclass's ``run`` calls its service; an expected error stays in the dialog."""
        try:
            self.run()  # type: ignore[attr-defined]
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()


class TransitionDialog(FormDialog):
    def __init__(
        self, actor: Staff, case: MediationCase, target: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Case step: {state}").format(state=mediation.state_label(target)), parent
        )
        self.actor, self.case, self.target = actor, case, target
        required = target in mediation.REASON_REQUIRED
        self.reason = _text()
        self.fields.add_row(
            self.tr("Reason (required)") if required else self.tr("Note"), "reason", self.reason
        )
        self.finish()

    def run(self) -> None:
        mediation.transition(
            self.actor, self.case.id, self.target, reason=self.reason.toPlainText()
        )


class ExtensionDialog(FormDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Extend the mediation period"), parent)
        self.actor, self.case = actor, case
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setDate(QDate(mediation.current_due(case)).addDays(15))
        self.fields.add_row(self.tr("New due date"), "until", self.until)
        self.note = _text()
        self.note.setPlaceholderText(self.tr("How both parties agreed to the extension (required)"))
        self.fields.add_row(self.tr("Agreement of both parties"), "note", self.note)
        self.finish()

    def run(self) -> None:
        mediation.extend_mediation(
            self.actor,
            self.case.id,
            until=self.until.date().toPython(),
            note=self.note.toPlainText(),
        )


class AssignDialog(FormDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Assign a mediator"), parent)
        self.actor, self.case = actor, case
        self.mediator = QComboBox()
        for staff in mediation.mediators(actor):
            self.mediator.addItem(staff.display_name, staff.id)
        index = self.mediator.findData(case.mediator_id)
        self.mediator.setCurrentIndex(max(index, 0))
        self.fields.add_row(self.tr("Mediator"), "mediator", self.mediator)
        self.reason = _text(60)
        self.reason.setPlaceholderText(
            self.tr("Only needed when the mediator is related to a party")
        )
        self.fields.add_row(self.tr("Reason"), "reason", self.reason)
        self.finish()

    def run(self) -> None:
        mediation.assign_mediator(
            self.actor,
            self.case.id,
            self.mediator.currentData(),
            reason=self.reason.toPlainText(),
        )


class SessionDialog(FormDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record a mediation session"), parent)
        self.actor, self.case = actor, case
        self.held_at = QDateTimeEdit(QDateTime(now()))
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.fields.add_row(self.tr("Time"), "held_at", self.held_at)
        self.place = QLineEdit()
        self.place.setMaxLength(300)
        self.fields.add_row(self.tr("Place"), "place", self.place)
        self.attendees = QLineEdit()
        self.attendees.setMaxLength(1200)
        self.fields.add_row(self.tr("Attendees"), "attendees", self.attendees)
        self.record = _text(160)
        self.fields.add_row(self.tr("Record"), "record", self.record)
        self.signed_parties = QCheckBox(self.tr("Signed by the parties"))
        self.signed_mediator = QCheckBox(self.tr("Signed by the mediator"))
        self.fields.add_row("", "signed_by_parties", self.signed_parties)
        self.fields.add_row("", "signed_by_mediator", self.signed_mediator)
        self.finish()

    def run(self) -> None:
        mediation.add_session(
            self.actor,
            self.case.id,
            mediation.SessionInput(
                held_at=self.held_at.dateTime().toPython(),
                place=self.place.text(),
                attendees=self.attendees.text(),
                record=self.record.toPlainText(),
                signed_by_parties=self.signed_parties.isChecked(),
                signed_by_mediator=self.signed_mediator.isChecked(),
            ),
        )


class PerformanceDialog(FormDialog):
    def __init__(self, actor: Staff, obligation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record performance"), parent)
        self.actor, self.obligation_id = actor, obligation_id
        self.performed_on = QDateEdit(QDate(today()))
        self.performed_on.setCalendarPopup(True)
        self.performed_on.setDisplayFormat("yyyy-MM-dd")
        self.fields.add_row(self.tr("Performed on"), "performed_on", self.performed_on)
        self.amount = QLineEdit()
        self.amount.setMaxLength(20)
        self.fields.add_row(self.tr("Amount paid (yuan)"), "amount", self.amount)
        self.proof = QLineEdit()
        self.proof.setMaxLength(2100)
        self.proof.setPlaceholderText(self.tr("e.g. bank transfer slip of 2026-11-20"))
        self.fields.add_row(self.tr("Proof"), "proof", self.proof)
        self.finish()

    def run(self) -> None:
        mediation.record_performance(
            self.actor,
            self.obligation_id,
            performed_on=self.performed_on.date().toPython(),
            amount=self.amount.text(),
            proof=self.proof.text(),
        )


class FollowUpDialog(FormDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record a follow-up visit"), parent)
        self.actor, self.case = actor, case
        self.held_on = QDateEdit(QDate(today()))
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.fields.add_row(self.tr("Date"), "held_on", self.held_on)
        self.notes = _text()
        self.fields.add_row(self.tr("Notes"), "notes", self.notes)
        self.finish()

    def run(self) -> None:
        mediation.add_follow_up(
            self.actor,
            self.case.id,
            held_on=self.held_on.date().toPython(),
            notes=self.notes.toPlainText(),
        )


class AgreementEditor(QWidget):
    """Terms, obligations and the four signatures of the draft agreement."""

    saved = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.case: MediationCase | None = None
        layout = QVBoxLayout(self)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.terms = _text(120)
        self.fields.add_row(self.tr("Terms"), "terms", self.terms)
        self.obligations = leave_on_tab(QTableWidget(0, 5))
        self.obligations.setHorizontalHeaderLabels(
            [
                self.tr("Obligation"),
                self.tr("Amount (yuan)"),
                self.tr("Due"),
                self.tr("Performed"),
                self.tr("Proof"),
            ]
        )
        self.obligations.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.obligations.setMinimumHeight(120)
        self.fields.add_row(self.tr("Obligations"), "obligations", self.obligations)
        rows = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add obligation"))
        self.add_button.clicked.connect(lambda: self.add_obligation())
        self.remove_button = QPushButton(self.tr("Remove obligation"))
        self.remove_button.clicked.connect(
            lambda: self.obligations.removeRow(self.obligations.currentRow())
        )
        self.perform_button = QPushButton(self.tr("Record &performance…"))
        self.perform_button.clicked.connect(self.record_performance)
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        rows.addWidget(self.perform_button)
        form.addRow("", rows)
        grid = QGridLayout()
        self.signed_applicant = QCheckBox(self.tr("Signed by the applicant(s)"))
        self.signed_respondent = QCheckBox(self.tr("Signed or sealed by the respondent"))
        self.signed_mediator = QCheckBox(self.tr("Signed by the mediator"))
        self.sealed_organization = QCheckBox(self.tr("Sealed by the mediation organisation"))
        for index, box in enumerate(
            (
                self.signed_applicant,
                self.signed_respondent,
                self.signed_mediator,
                self.sealed_organization,
            )
        ):
            grid.addWidget(box, index // 2, index % 2)
        holder = QWidget()
        holder.setLayout(grid)
        self.fields.add_row(self.tr("Signatures"), "agreement", holder)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save agreement"))
        self.save_button.clicked.connect(self.save)
        self.effect_button = QPushButton(self.tr("Put into &effect"))
        self.effect_button.clicked.connect(self.put_into_effect)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.effect_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.obligation_ids: list[int | None] = []

    def add_obligation(
        self,
        description: str = "",
        amount: str = "",
        due=None,
        performed: str = "",
        proof: str = "",
        obligation_id: int | None = None,
    ) -> None:
        row = self.obligations.rowCount()
        self.obligations.insertRow(row)
        self.obligations.setItem(row, 0, QTableWidgetItem(description))
        self.obligations.setItem(row, 1, QTableWidgetItem(amount))
        due_edit = QDateEdit(QDate(due) if due else QDate(today()).addDays(15))
        due_edit.setCalendarPopup(True)
        due_edit.setDisplayFormat("yyyy-MM-dd")
        self.obligations.setCellWidget(row, 2, due_edit)
        for column, text in ((3, performed), (4, proof)):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.obligations.setItem(row, column, item)
        self.obligation_ids.append(obligation_id)

    def load(self, case: MediationCase) -> None:
        self.case = case
        self.fields.clear()
        self.bar.hide()
        agreement = mediation.current_agreement(self.actor, case.id)
        self.obligations.setRowCount(0)
        self.obligation_ids = []
        self.terms.setPlainText(agreement.terms if agreement else "")
        for box, flag in (
            (self.signed_applicant, "signed_applicant"),
            (self.signed_respondent, "signed_respondent"),
            (self.signed_mediator, "signed_mediator"),
            (self.sealed_organization, "sealed_organization"),
        ):
            box.setChecked(bool(agreement and getattr(agreement, flag)))
        if agreement is not None:
            locale = QLocale()
            for obligation in mediation.agreement_obligations(self.actor, agreement.id):
                performed = ""
                if obligation.performed_on:
                    performed = locale.toString(
                        obligation.performed_on, QLocale.FormatType.ShortFormat
                    )
                    if obligation.performed_amount is not None:
                        performed += f" ¥{obligation.performed_amount}"
                self.add_obligation(
                    obligation.description,
                    "" if obligation.amount is None else str(obligation.amount),
                    obligation.due_on,
                    performed,
                    obligation.proof,
                    obligation.id,
                )
        editable = case.state in ("in_mediation", "agreement_draft")
        for widget in (
            self.terms,
            self.obligations,
            self.add_button,
            self.remove_button,
            self.save_button,
            self.signed_applicant,
            self.signed_respondent,
            self.signed_mediator,
            self.sealed_organization,
        ):
            widget.setEnabled(editable)
        self.effect_button.setEnabled(case.state == "agreement_draft")
        self.perform_button.setEnabled(
            case.state in ("agreement_effective", "performing", "defaulted")
        )

    def collect(self) -> mediation.AgreementInput:
        obligations = []
        for row in range(self.obligations.rowCount()):
            description = self.obligations.item(row, 0)
            amount = self.obligations.item(row, 1)
            obligations.append(
                mediation.ObligationInput(
                    description=description.text() if description else "",
                    amount=amount.text() if amount else "",
                    due_on=self.obligations.cellWidget(row, 2).date().toPython(),
                )
            )
        return mediation.AgreementInput(
            terms=self.terms.toPlainText(),
            obligations=obligations,
            signed_applicant=self.signed_applicant.isChecked(),
            signed_respondent=self.signed_respondent.isChecked(),
            signed_mediator=self.signed_mediator.isChecked(),
            sealed_organization=self.sealed_organization.isChecked(),
        )

    def save(self) -> bool:
        if self.case is None:
            return False
        try:
            mediation.save_agreement(self.actor, self.case.id, self.collect())
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return False
        self.bar.show_message(self.tr("Agreement saved."), "info")
        self.saved.emit()
        return True

    def put_into_effect(self) -> None:
        if self.case is None or not self.save():
            return
        try:
            mediation.transition(self.actor, self.case.id, "agreement_effective")
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.saved.emit()

    def record_performance(self) -> None:
        row = self.obligations.currentRow()
        if row < 0 or row >= len(self.obligation_ids) or self.obligation_ids[row] is None:
            self.bar.show_message(self.tr("Choose an obligation in the table first."), "warning")
            return
        if PerformanceDialog(self.actor, self.obligation_ids[row], self).exec():
            self.saved.emit()


class CasePage(QWidget):
    """Everything about one case; ``changed`` after any step so the list refreshes."""

    changed = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.case: MediationCase | None = None
        layout = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Choose a case in the list to see it."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666;")
        layout.addWidget(self.empty)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.bar = MessageBar()
        body.addWidget(self.bar)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.addWidget(self.title)
        self.actions = QHBoxLayout()
        body.addLayout(self.actions)
        self.tabs = QTabWidget()
        body.addWidget(self.tabs, 1)

        self.overview = QLabel()
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.RichText)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.overview)
        self.tabs.addTab(scroll, self.tr("Overview"))
        self.timeline = QListWidget()
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        sessions = QWidget()
        sessions_layout = QVBoxLayout(sessions)
        self.sessions = QListWidget()
        sessions_layout.addWidget(self.sessions, 1)
        self.session_button = QPushButton(self.tr("Record a &session…"))
        self.session_button.clicked.connect(self.add_session)
        sessions_layout.addWidget(self.session_button)
        self.tabs.addTab(sessions, self.tr("Sessions"))
        self.agreement = AgreementEditor(actor)
        self.agreement.saved.connect(self._after_change)
        self.tabs.addTab(self.agreement, self.tr("Agreement"))
        follow = QWidget()
        follow_layout = QVBoxLayout(follow)
        self.follow_ups = QListWidget()
        follow_layout.addWidget(self.follow_ups, 1)
        follow_button = QPushButton(self.tr("Record a &follow-up visit…"))
        follow_button.clicked.connect(self.add_follow_up)
        follow_layout.addWidget(follow_button)
        self.tabs.addTab(follow, self.tr("Follow-ups"))
        docs = QWidget()
        docs_layout = QVBoxLayout(docs)
        docs_layout.addWidget(QLabel(self.tr("Print or save as PDF:")))
        for code, title in documents.DOCUMENTS.items():
            row = QHBoxLayout()
            row.addWidget(QLabel(title), 1)
            show = QPushButton(self.tr("Preview…"))
            show.clicked.connect(lambda _checked=False, c=code: self.preview_document(c))
            save = QPushButton(self.tr("Save PDF…"))
            save.clicked.connect(lambda _checked=False, c=code: self.save_document(c))
            row.addWidget(show)
            row.addWidget(save)
            docs_layout.addLayout(row)
        docs_layout.addStretch(1)
        self.tabs.addTab(docs, self.tr("Documents"))
        layout.addWidget(self.body, 1)
        self.body.hide()

    # --- showing ----------------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        if case_id is None:
            self.case = None
            self.body.hide()
            self.empty.show()
            return
        try:
            self.case = mediation.open_case(self.actor, case_id)
        except UserError as exc:
            self.empty.setText(exc.message)
            self.body.hide()
            self.empty.show()
            return
        self._render()
        self.empty.hide()
        self.body.show()

    def _render(self) -> None:
        case = self.case
        locale = QLocale()
        self.title.setText(f"{case.number}　{mediation.state_label(case.state)}")
        self._render_actions()
        applicants = mediation.applicants_of([case])[case.id]
        claims = mediation.case_claims(self.actor, case.id)
        limitation = mediation.limitation_for(case, claims)
        history = mediation.employer_history(
            self.actor, case.respondent_id, exclude_case_id=case.id
        )
        due = mediation.current_due(case)
        due_text = locale.toString(due, QLocale.FormatType.ShortFormat)
        mediating = case.state in ("registered", "accepted", "in_mediation", "agreement_draft")
        if mediating and due < today():
            due_text = (
                f'<span style="{OVERDUE_STYLE}">{due_text}　'
                + self.tr("overdue: close as failed or record an agreed extension")
                + "</span>"
            )
        rows = [
            (self.tr("Application"), mediation.application_kind_label(case.application_kind)),
            (
                self.tr("Received"),
                locale.toString(case.received_at, QLocale.FormatType.ShortFormat),
            ),
            (
                self.tr("Applicants"),
                "、".join(p.name for p in applicants)
                + (self.tr(" (collective dispute)") if case.collective else ""),
            ),
            (self.tr("Respondent"), case.respondent.name),
            (self.tr("Mediator"), case.mediator.display_name if case.mediator_id else "—"),
            (self.tr("Mediation due"), due_text),
        ]
        if case.extended_until:
            rows.append((self.tr("Extension"), case.extension_note))
        if case.review_due:
            rows.append(
                (
                    self.tr("Joint review window ends"),
                    locale.toString(case.review_due, QLocale.FormatType.ShortFormat),
                )
            )
        limit_text = (
            locale.toString(limitation.deadline, QLocale.FormatType.ShortFormat) + "　"
            if limitation.deadline
            else ""
        ) + limitation.explanation
        rows.append((self.tr("Arbitration limitation"), limit_text))
        if history.cases:
            rows.append(
                (
                    self.tr("Employer's earlier cases"),
                    f'<span style="{WARNING_STYLE}">'
                    + self.tr("%n earlier case(s)", "", history.cases)
                    + "："
                    + "、".join(
                        f"{mediation.state_label(s)} {n}"
                        for s, n in sorted(history.by_state.items())
                    )
                    + "</span>",
                )
            )
        if case.mediator_reason:
            rows.append((self.tr("Related mediator, reason"), case.mediator_reason))
        claim_lines = []
        for claim in claims:
            amount = "" if claim.amount is None else f" ¥{claim.amount}"
            flag = (
                f'<span style="{WARNING_STYLE}">　' + self.tr("payment order possible") + "</span>"
                if mediation.payment_order_eligible(claim)
                else ""
            )
            claim_lines.append(
                f"{mediation.category_label(claim.category)}{amount}　{_esc(claim.description)}"
                f"{flag}"
            )
        rows.append((self.tr("Claims"), "<br>".join(claim_lines) or "—"))
        for label, value in (
            (self.tr("Matters in dispute"), case.matters),
            (self.tr("Reasons and requests"), case.reasons),
            (self.tr("Facts"), case.facts),
            (self.tr("Decision reason"), case.decision_reason),
        ):
            if value:
                rows.append((label, _esc(value).replace("\n", "<br>")))
        self.overview.setText(
            "<table cellspacing=4>"
            + "".join(f"<tr><td><b>{label}</b></td><td>{value}</td></tr>" for label, value in rows)
            + "</table>"
        )
        self.timeline.clear()
        for event in mediation.case_events(self.actor, case.id):
            when = locale.toString(event.at, QLocale.FormatType.ShortFormat)
            what = (
                mediation.state_label(event.to_state)
                if event.kind == "transition"
                else event.reason
            )
            line = f"{when}　{event.staff.display_name}　{what}"
            if event.kind == "transition" and event.reason:
                line += f"：{event.reason}"
            self.timeline.addItem(line)
        self.sessions.clear()
        for session in mediation.case_sessions(self.actor, case.id):
            when = locale.toString(session.held_at, QLocale.FormatType.ShortFormat)
            signed = self.tr("signed") if session.signed_by_parties else self.tr("not signed")
            self.sessions.addItem(f"{when}　{session.place}　{signed}\n{session.record[:200]}")
        self.session_button.setEnabled(
            case.state in ("accepted", "in_mediation", "agreement_draft")
        )
        self.agreement.load(case)
        self.follow_ups.clear()
        for follow in mediation.case_follow_ups(self.actor, case.id):
            self.follow_ups.addItem(
                f"{locale.toString(follow.held_on, QLocale.FormatType.ShortFormat)}　{follow.notes}"
            )

    def _render_actions(self) -> None:
        while self.actions.count():
            item = self.actions.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        case = self.case
        if has_permission(self.actor, "case.manage"):
            for target in mediation.allowed_transitions(case):
                if target == "agreement_effective":
                    continue  # put into effect from the agreement, where the signatures are
                button = QPushButton(mediation.action_label(target))
                button.clicked.connect(lambda _checked=False, t=target: self.step(t))
                self.actions.addWidget(button)
            if case.state in ("accepted", "in_mediation", "agreement_draft"):
                extend = QPushButton(self.tr("Extend…"))
                extend.clicked.connect(self.extend)
                self.actions.addWidget(extend)
        if has_permission(self.actor, "case.assign"):
            assign = QPushButton(self.tr("Assign mediator…"))
            assign.clicked.connect(self.assign)
            self.actions.addWidget(assign)
        self.actions.addStretch(1)

    def _after_change(self) -> None:
        if self.case is not None:
            self.case = mediation.get_case(self.actor, self.case.id)
            self._render()
        self.changed.emit()

    # --- actions ----------------------------------------------------------------------------

    def step(self, target: str) -> None:
        if TransitionDialog(self.actor, self.case, target, self).exec():
            self._after_change()

    def extend(self) -> None:
        if ExtensionDialog(self.actor, self.case, self).exec():
            self._after_change()

    def assign(self) -> None:
        if AssignDialog(self.actor, self.case, self).exec():
            self._after_change()

    def add_session(self) -> None:
        if SessionDialog(self.actor, self.case, self).exec():
            self._after_change()

    def add_follow_up(self) -> None:
        if FollowUpDialog(self.actor, self.case, self).exec():
            self._after_change()

    def _context(self, code: str) -> dict | None:
        session_id = None
        if code == "mediation_record":
            sessions = mediation.case_sessions(self.actor, self.case.id)
            if not sessions:
                self.bar.show_message(self.tr("Record a session first."), "warning")
                return None
            session_id = sessions[-1].id
        return documents.case_context(self.actor, self.case.id, session_id=session_id)

    def preview_document(self, code: str) -> None:
        context = self._context(code)
        if context is not None:
            documents.preview(code, context, self)

    def save_document(self, code: str) -> None:
        context = self._context(code)
        if context is None:
            return
        default = f"{self.case.number}-{documents.DOCUMENTS[code]}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), default, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        documents.write_pdf(code, context, Path(path))
        self.bar.show_message(self.tr("Saved to {path}").format(path=path), "info")


def _esc(text: str) -> str:
    return html.escape(text)
