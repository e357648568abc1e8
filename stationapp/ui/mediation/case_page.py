"""One mediation case: overview and clocks, timeline, sessions, agreement, follow-ups, documents."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
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
from stationapp.services import case_file as case_file_service
from stationapp.services import mediation
from stationapp.services.accounts import has_permission
from stationapp.ui.dates import date_edit, day_text, moment_text
from stationapp.ui.forms import (
    OK_CANCEL,
    FieldErrors,
    MessageBar,
    ServiceDialog,
    layout_with_bar,
    page_keys,
    scroll_area,
    show_user_error,
    step_tabs,
    text_box,
)
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.mediation import case_file, documents
from stationapp.ui.mediation.session_plan import PlannedPanel

WARNING_STYLE = "color: #8a5300;"
OVERDUE_STYLE = "color: #b3261e; font-weight: bold;"
DAY = "yyyy-MM-dd"  # the date fields' format


def set_access_key(button: QPushButton, text: str) -> None:
    """``text`` with its access key while the button can be pressed; a disabled button does not
    hold a letter that another control on screen may need."""
    button.setText(
        text
        if button.isEnabled()
        else text.replace("&&", "\0").replace("&", "").replace("\0", "&&")
    )


def _scrolling(page: QWidget) -> QScrollArea:
    """A long page scrolls inside the window instead of making the window taller (UX.md)."""
    scroll = scroll_area(page)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    return scroll


class FormDialog(ServiceDialog):
    """A small dialog around a form whose ``submit`` calls a service (the subclass's ``run``);
    an expected error stays in the dialog."""

    def __init__(self, actor: Staff, title: str, parent: QWidget | None = None) -> None:
        super().__init__(actor, title, parent, buttons=OK_CANCEL)
        self.setMinimumWidth(520)

    def submit(self) -> None:
        self.attempt(self.run)  # type: ignore[attr-defined]


class TransitionDialog(FormDialog):
    def __init__(
        self, actor: Staff, case: MediationCase, target: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            actor, self.tr("Case step: {state}").format(state=mediation.state_label(target)), parent
        )
        self.case, self.target = case, target
        required = target in mediation.REASON_REQUIRED
        self.reason = text_box(min_height=80)
        self.fields.add_row(
            self.tr("Reason (required)") if required else self.tr("Note"), "reason", self.reason
        )
        self.finish()

    def run(self) -> None:
        mediation.transition(
            self.actor, self.case.id, self.target, reason=self.reason.toPlainText()
        )


class DayNoteDialog(FormDialog):
    """A day and a note, given to one service call as the keywords their rows name: ``day_row``
    (label, keyword, the day first shown), ``note_row`` (label, keyword)."""

    def __init__(
        self,
        actor: Staff,
        title: str,
        day_row: tuple[str, str, date],
        note_row: tuple[str, str],
        call: Callable[..., object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(actor, title, parent)
        self.call = call
        day_label, day_name, first_day = day_row
        note_label, note_name = note_row
        self.day = date_edit(first_day, display=DAY)
        self.fields.add_row(day_label, day_name, self.day)
        self.note = text_box(min_height=80)
        self.fields.add_row(note_label, note_name, self.note)
        self.finish()

    def run(self) -> None:
        self.call(**self.fields.values())


class ExtensionDialog(DayNoteDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(
            actor,
            self.tr("Extend the mediation period"),
            (self.tr("New due date"), "until", mediation.current_due(case) + timedelta(days=15)),
            (self.tr("Agreement of both parties"), "note"),
            lambda **given: mediation.extend_mediation(actor, case.id, **given),
            parent,
        )
        self.note.setPlaceholderText(self.tr("How both parties agreed to the extension (required)"))


class AssignDialog(FormDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Assign a mediator"), parent)
        self.case = case
        self.mediator = QComboBox()
        for staff in mediation.mediators(actor):
            self.mediator.addItem(staff.display_name, staff.id)
        index = self.mediator.findData(case.mediator_id)
        self.mediator.setCurrentIndex(max(index, 0))
        self.fields.add_row(self.tr("Mediator"), "mediator", self.mediator)
        self.reason = text_box(min_height=60)
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
    def __init__(
        self,
        actor: Staff,
        case: MediationCase,
        parent: QWidget | None = None,
        *,
        planned: mediation.PlannedSession | None = None,
    ) -> None:
        super().__init__(actor, self.tr("Record a mediation session"), parent)
        self.case, self.planned = case, planned
        held = min(planned.starts_at, now()) if planned else now()
        self.held_at = QDateTimeEdit(QDateTime(held))
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.fields.add_row(self.tr("Time"), "held_at", self.held_at)
        self.place = QLineEdit(planned.place if planned else "")
        self.place.setMaxLength(300)
        self.fields.add_row(self.tr("Place"), "place", self.place)
        self.attendees = QLineEdit()
        self.attendees.setMaxLength(1200)
        self.fields.add_row(self.tr("Attendees"), "attendees", self.attendees)
        self.record = text_box(min_height=160)
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
                **self.fields.values(), planned_id=self.planned.id if self.planned else None
            ),
        )


class PerformanceDialog(FormDialog):
    def __init__(self, actor: Staff, obligation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Record performance"), parent)
        self.obligation_id = obligation_id
        self.performed_on = date_edit(today(), display=DAY)
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
        mediation.record_performance(self.actor, self.obligation_id, **self.fields.values())


class FollowUpDialog(DayNoteDialog):
    def __init__(self, actor: Staff, case: MediationCase, parent: QWidget | None = None) -> None:
        super().__init__(
            actor,
            self.tr("Record a follow-up visit"),
            (self.tr("Date"), "held_on", today()),
            (self.tr("Notes"), "notes"),
            lambda **given: mediation.add_follow_up(actor, case.id, **given),
            parent,
        )


class AgreementEditor(QWidget):
    """Terms, obligations and the four signatures of the draft agreement."""

    saved = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.case: MediationCase | None = None
        layout, self.bar = layout_with_bar(self)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.terms = text_box(min_height=120)
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
        self.perform_button = QPushButton()
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
        self.save_button = QPushButton(self.tr("Save agreement"))
        self.save_button.setToolTip(self.tr("Save the agreement (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        save = QShortcut(QKeySequence.StandardKey.Save, self, self._save_shortcut)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.effect_button = QPushButton()
        self.effect_button.clicked.connect(self.put_into_effect)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.effect_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.obligation_ids: list[int | None] = []
        self._set_keys()

    def _set_keys(self) -> None:
        set_access_key(self.effect_button, self.tr("Put into effe&ct"))
        set_access_key(self.perform_button, self.tr("Recor&d performance…"))

    def _save_shortcut(self) -> None:
        if self.save_button.isEnabled():
            self.save()

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
        due_edit = date_edit(due or today() + timedelta(days=15), display=DAY)
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
            for obligation in mediation.agreement_obligations(self.actor, agreement.id):
                performed = ""
                if obligation.performed_on:
                    performed = day_text(obligation.performed_on)
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
        self._set_keys()

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
        # Access keys (COMMON.md): the main window holds F R A H T V P B E M; the case list
        # N X Y; the page's steps C D I and the "More" menu O; so the tabs take W J S G L U.
        self.tabs.addTab(_scrolling(self.overview), self.tr("Overview (&0)"))
        self.timeline = QListWidget()
        self.tabs.addTab(self.timeline, self.tr("&Journal"))
        sessions = QWidget()
        sessions_layout = QVBoxLayout(sessions)
        self.planned = PlannedPanel(actor)
        self.planned.changed.connect(self._after_change)
        sessions_layout.addWidget(self.planned)
        self.sessions = QListWidget()
        sessions_layout.addWidget(self.sessions, 1)
        self.session_button = QPushButton()
        self.session_button.clicked.connect(self.add_session)
        sessions_layout.addWidget(self.session_button)
        self.tabs.addTab(sessions, self.tr("&Sessions"))
        self.agreement = AgreementEditor(actor)
        self.agreement.saved.connect(self._after_change)
        self.tabs.addTab(_scrolling(self.agreement), self.tr("A&greement"))
        follow = QWidget()
        follow_layout = QVBoxLayout(follow)
        self.follow_ups = QListWidget()
        follow_layout.addWidget(self.follow_ups, 1)
        self.follow_button = QPushButton(self.tr("Record a follow-up visit…"))
        self.follow_button.clicked.connect(self.add_follow_up)
        follow_layout.addWidget(self.follow_button)
        self.tabs.addTab(follow, self.tr("Fo&llow-ups"))
        self.tabs.addTab(_scrolling(self._documents_page()), self.tr("Doc&uments"))
        # The tabs answer Ctrl+PgUp/PgDn from anywhere in the case page (UX.md, The keyboard).
        self._tab_keys: list[QShortcut] = []
        self.set_tab_keys_scope(self)
        layout.addWidget(self.body, 1)
        self.body.hide()

    def _documents_page(self) -> QWidget:
        """One row per document: its title, what it rests on (or why it is not offered yet),
        and its two buttons, enabled when the case's history allows the document."""
        page = QWidget()
        grid = QGridLayout(page)
        grid.addWidget(QLabel(self.tr("Print or save as PDF:")), 0, 0, 1, 4)
        self.document_rows: dict[str, tuple[QLabel, QLabel, QPushButton, QPushButton]] = {}
        for row, (code, title) in enumerate(documents.DOCUMENTS.items(), start=1):
            name = QLabel(title)
            note = QLabel()
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            show = QPushButton(self.tr("Preview…"))
            show.clicked.connect(lambda _checked=False, c=code: self.preview_document(c))
            save = QPushButton(self.tr("Save PDF…"))
            save.clicked.connect(lambda _checked=False, c=code: self.save_document(c))
            grid.addWidget(name, row, 0)
            grid.addWidget(note, row, 1)
            grid.addWidget(show, row, 2)
            grid.addWidget(save, row, 3)
            self.document_rows[code] = (name, note, show, save)
        # The whole file of a closed case, as one print job (ui/mediation/case_file.py). Its
        # access key is the page's only free letter (see the tabs): on the label, which hands
        # the focus to the preview button.
        row = len(self.document_rows) + 1
        name = QLabel(self.tr("Case file boo&klet"))
        note = QLabel()
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        show = QPushButton(self.tr("Preview…"))
        show.clicked.connect(self.preview_case_file)
        save = QPushButton(self.tr("Save PDF…"))
        save.clicked.connect(self.save_case_file)
        name.setBuddy(show)
        grid.addWidget(name, row, 0)
        grid.addWidget(note, row, 1)
        grid.addWidget(show, row, 2)
        grid.addWidget(save, row, 3)
        self.case_file_row = (name, note, show, save)
        # Once the file's retention has ended: keep it longer, or record its disposal.
        self.decide_file_button = QPushButton(self.tr("Decide…"))
        self.decide_file_button.clicked.connect(self.decide_case_file)
        grid.addWidget(self.decide_file_button, row, 4)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row + 1, 1)
        return page

    def set_tab_keys_scope(self, scope: QWidget) -> None:
        """Where Ctrl+PgUp/PgDn turn the case's tabs: the page, or the whole tab around it
        (so that they work from the case list too)."""
        for shortcut in self._tab_keys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._tab_keys = []
        self._tab_keys = page_keys(scope, self.next_tab)

    def next_tab(self, step: int) -> None:
        if self.body.isVisible():
            step_tabs(self.tabs, step)

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
        self.title.setText(f"{case.number}　{mediation.state_label(case.state)}")
        self._render_actions()
        applicants = mediation.applicants_of([case])[case.id]
        claims = mediation.case_claims(self.actor, case.id)
        limitation = mediation.limitation_for(case, claims)
        history = mediation.employer_history(
            self.actor, case.respondent_id, exclude_case_id=case.id
        )
        due = mediation.current_due(case)
        due_text = day_text(due)
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
                moment_text(case.received_at),
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
                    day_text(case.review_due),
                )
            )
        limit_text = (
            day_text(limitation.deadline) + "　" if limitation.deadline else ""
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
            when = moment_text(event.at)
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
            when = moment_text(session.held_at)
            signed = self.tr("signed") if session.signed_by_parties else self.tr("not signed")
            self.sessions.addItem(f"{when}　{session.place}　{signed}\n{session.record[:200]}")
        working = case.state in ("accepted", "in_mediation", "agreement_draft")
        self.planned.load(case, working=working)
        self.session_button.setEnabled(working and has_permission(self.actor, "case.manage"))
        set_access_key(self.session_button, self.tr("Re&cord a session…"))
        self.follow_button.setEnabled(has_permission(self.actor, "case.manage"))
        self._render_documents()
        self.agreement.load(case)
        self.follow_ups.clear()
        for follow in mediation.case_follow_ups(self.actor, case.id):
            self.follow_ups.addItem(f"{day_text(follow.held_on)}　{follow.notes}")

    def _step_label(self, target: str) -> str:
        """The button of a step, with its access key (see the tabs for the letters taken)."""
        if target == "in_mediation" and self.case.state == "agreement_draft":
            return self.tr("Back to me&diation")
        return {
            "accepted": self.tr("Ac&cept"),
            "not_accepted": self.tr("&Do not accept…"),
            "in_mediation": self.tr("Start med&iation"),
            "agreement_draft": self.tr("&Draft an agreement"),
            "failed": self.tr("Med&iation failed…"),
            "referred_to_arbitration": self.tr("Refer to arb&itration"),
            "performing": self.tr("Performan&ce begins"),
            "performed": self.tr("Performed &in full"),
            "closed": self.tr("&Close the case"),
            "archived": self.tr("Ar&chive"),
            # The rarer steps, in the "More" menu (its own letters):
            "respondent_declined": self.tr("Re&spondent declines…"),
            "withdrawn": self.tr("&Withdrawn…"),
            "defaulted": self.tr("&Not performed…"),
        }.get(target, mediation.action_label(target))

    RARE_STEPS = frozenset({"respondent_declined", "withdrawn", "defaulted"})

    def _render_actions(self) -> None:
        while self.actions.count():
            item = self.actions.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # off screen now: its access key is free for the new row
                item.widget().deleteLater()
        case = self.case
        more = QMenu(self)
        if has_permission(self.actor, "case.manage"):
            for target in mediation.allowed_transitions(case):
                if target == "agreement_effective":
                    continue  # put into effect from the agreement, where the signatures are
                label = self._step_label(target)
                if target in self.RARE_STEPS:
                    more.addAction(label, lambda t=target: self.step(t))
                    continue
                button = QPushButton(label)
                button.clicked.connect(lambda _checked=False, t=target: self.step(t))
                self.actions.addWidget(button)
            if case.state in ("accepted", "in_mediation", "agreement_draft"):
                more.addAction(self.tr("E&xtend…"), self.extend)
        if has_permission(self.actor, "case.assign"):
            more.addAction(self.tr("Assi&gn mediator…"), self.assign)
        if not more.isEmpty():
            self.more_button = QPushButton(self.tr("M&ore"))
            self.more_button.setToolTip(self.tr("Other steps for this case"))
            self.more_button.setMenu(more)
            more.setParent(self.more_button, more.windowFlags())
            self.actions.addWidget(self.more_button)
        else:
            more.deleteLater()
            self.more_button = None
        self.actions.addStretch(1)

    def _render_documents(self) -> None:
        offered = mediation.document_availability(self.actor, self.case.id)
        for code, (name, note, show, save) in self.document_rows.items():
            doc = offered[code]
            for widget in (name, show, save):
                widget.setEnabled(doc.available)
                widget.setToolTip("" if doc.available else doc.reason)
            if doc.available:
                note.setText(
                    moment_text(doc.since) if code == "mediation_record" else day_text(doc.since)
                )
            else:
                note.setText(doc.reason)
            note.setToolTip(note.text())

        name, note, show, save = self.case_file_row
        filed = self.case.state in case_file_service.FILED_STATES and self.case.closed_at
        reason = "" if filed else self.tr("Only a closed case has a case file.")
        for widget in (name, show, save):
            widget.setEnabled(bool(filed))
            widget.setToolTip(reason)
        kept = (
            case_file_service.kept_until(self.case.closed_at, extended=self.case.file_kept_until)
            if filed
            else None
        )
        due = bool(kept is not None and kept < today() and self.case.file_disposed_at is None)
        if not filed:
            note.setText(reason)
        elif self.case.file_disposed_at is not None:
            note.setText(
                self.tr("Disposed of on {date}: {note}").format(
                    date=day_text(self.case.file_disposed_at.date()),
                    note=self.case.file_decision_note,
                )
            )
        elif due:
            note.setText(
                self.tr("Retention ended on {date}: decide what becomes of the file.").format(
                    date=day_text(kept)
                )
            )
        else:
            note.setText(self.tr("Kept until {date}").format(date=day_text(kept)))
        note.setToolTip(note.text())
        self.decide_file_button.setVisible(has_permission(self.actor, "case.assign"))
        self.decide_file_button.setEnabled(due)

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
        if SessionDialog(self.actor, self.case, self, planned=self.planned.planned).exec():
            self._after_change()

    def add_follow_up(self) -> None:
        if FollowUpDialog(self.actor, self.case, self).exec():
            self._after_change()

    def _context(self, code: str) -> dict | None:
        doc = mediation.document_availability(self.actor, self.case.id)[code]
        if not doc.available:  # the case changed at another desk since the page was drawn
            self.bar.show_message(doc.reason, "warning")
            self._after_change()
            return None
        session_id = None
        if code == "mediation_record":
            sessions = mediation.case_sessions(self.actor, self.case.id)
            if not sessions:
                self.bar.show_message(self.tr("Record a session first."), "warning")
                return None
            session_id = sessions[-1].id
        full_ids = None
        if code in mediation.SIGNED_DOCUMENTS and has_permission(self.actor, "person.view_full_id"):
            full_ids = mediation.party_ids_for_document(self.actor, self.case.id, code)
        return documents.case_context(
            self.actor, self.case.id, session_id=session_id, full_ids=full_ids
        )

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

    def _case_file(self) -> case_file.CaseFileBook | None:
        try:
            return case_file.build(self.actor, self.case.id)
        except UserError as exc:  # closed no more, or gone, since the page was drawn
            self.bar.show_message(exc.message, "warning")
            self._after_change()
            return None

    def decide_case_file(self) -> None:
        from stationapp.ui.mediation.file_decision import FileDecisionDialog

        dialog = FileDecisionDialog(self.actor, self.case, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.bar.show_message(self.tr("The decision on the file is recorded."), "info")
                self._after_change()
        finally:
            dialog.deleteLater()

    def preview_case_file(self) -> None:
        book = self._case_file()
        if book is not None:
            case_file.preview(book, self)

    def save_case_file(self) -> None:
        default = f"{self.case.number}-{case_file.title()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), default, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        book = self._case_file()
        if book is None:
            return
        case_file.write_book_pdf(book, Path(path))
        self.bar.show_message(self.tr("Saved to {path}").format(path=path), "info")


def _esc(text: str) -> str:
    return html.escape(text)
