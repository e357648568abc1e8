"""A claim: taken at the desk (the eligibility check says each problem at its field), and its
page: the checklist, the amount by the rules, and the steps its state allows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.services import mutual_aid
from stationapp.services.accounts import has_permission
from stationapp.services.mutual_aid import ClaimDetail, ClaimInput, EnrolmentFilter
from stationapp.ui.dates import day_text
from stationapp.ui.forms import (
    CLOSE,
    BarDialog,
    FieldErrors,
    FormDialog,
    add_button,
    dialog_buttons,
    scroll_area,
    shows_user_errors,
    text_box,
)
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.mutual_aid.widgets import (
    PersonChoice,
    date_edit,
    day_of,
    money_text,
    plan_title,
)
from stationapp.ui.printing import html_document, preview_document
from stationapp.ui.sheet_html import html_page, html_table, html_text

HOSPITAL = "hospital"
PLAN_ROLE = Qt.ItemDataRole.UserRole + 1


def checklist_widget() -> QListWidget:
    """The materials as ticks: arrows move, Space ticks."""
    widget = leave_on_tab(QListWidget())
    widget.setMaximumHeight(150)
    return widget


def fill_checklist(widget: QListWidget, names: list[str], done: list[str], *, open_: bool) -> None:
    widget.clear()
    for name in names:
        item = QListWidgetItem(name)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if open_:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        item.setCheckState(Qt.CheckState.Checked if name in done else Qt.CheckState.Unchecked)
        widget.addItem(item)
    if names:
        widget.setCurrentRow(0)


def ticked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).text()
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class NewClaimDialog(FormDialog):
    """Take a claim: the worker, the plan they are enrolled in, the event's dates, the amounts,
    the materials handed in."""

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, person_id: int | None = None
    ) -> None:
        super().__init__(actor, parent, self.tr("New claim"), scrolled=True)
        self.claim = None
        self.person = PersonChoice(actor)
        self.person.chosen.connect(self._person_chosen)
        self.fields.add_row(self.tr("Wor&ker:"), "person", self.person)
        self.enrolment = QComboBox()
        self.enrolment.currentIndexChanged.connect(self._plan_changed)
        self.fields.add_row(self.tr("Pla&n enrolled in:"), "enrolment", self.enrolment)
        self.admitted_on = date_edit()
        self.fields.add_row(self.tr("&Admitted on:"), "admitted_on", self.admitted_on)
        self.discharged_on = date_edit()
        self.fields.add_row(self.tr("&Discharged on:"), "discharged_on", self.discharged_on)
        self.event_on = date_edit()
        self.fields.add_row(self.tr("Date of the &event:"), "event_on", self.event_on)
        self.claimed_on = date_edit()
        self.fields.add_row(self.tr("&Claimed on:"), "claimed_on", self.claimed_on)
        self.total_expenses = self.fields.add_line(
            self.tr("&Total expenses (yuan):"), "total_expenses"
        )
        self.insurance_paid = self.fields.add_line(
            self.tr("Paid by medical &insurance (yuan):"), "insurance_paid"
        )
        self.claimed_amount = self.fields.add_line(
            self.tr("Amount clai&med (yuan):"),
            "claimed_amount",
            placeholder=self.tr("Empty: what is left after insurance"),
        )
        self.materials = checklist_widget()
        self.fields.add_row(self.tr("Materials &handed in:"), "materials", self.materials)
        self.diagnosis = self.fields.add_line(self.tr("Dia&gnosis:"), "diagnosis", 2000)
        self.notes = text_box(lines=3)
        self.fields.add_row(self.tr("N&otes:"), "notes", self.notes)
        self.late_reason = self.fields.add_line(
            self.tr("Why &late:"),
            "late_reason",
            placeholder=self.tr("Only for a claim after the deadline"),
        )
        dialog_buttons(self, self.column, self.submit, ok_text=self.tr("&Submit"))
        self.resize(self.fontMetrics().averageCharWidth() * 95, 640)
        self._plan_changed()
        if person_id is not None:
            self.person.choose(person_id)

    def _person_chosen(self, person_id: int) -> None:
        found = mutual_aid.list_enrolments(self.actor, EnrolmentFilter(person_id=person_id))
        self.enrolment.blockSignals(True)
        self.enrolment.clear()
        for enrolment in found:
            self.enrolment.addItem(plan_title(enrolment.plan), enrolment.id)
            self.enrolment.setItemData(self.enrolment.count() - 1, enrolment.plan, PLAN_ROLE)
        self.enrolment.blockSignals(False)
        self._plan_changed()
        if not found:
            self.fields.show({"enrolment": self.tr("This worker is enrolled in no plan.")})
        self.enrolment.setFocus()

    def _plan(self):  # type: ignore[no-untyped-def]
        return self.enrolment.currentData(PLAN_ROLE)

    def _hospital(self) -> bool:
        plan = self._plan()
        return plan is None or plan.kind == HOSPITAL

    def _plan_changed(self) -> None:
        plan = self._plan()
        hospital = self._hospital()
        self.fields.set_row_visible("event_on", not hospital)
        self.fields.set_row_visible("admitted_on", hospital)
        names = mutual_aid.checklist(plan) if plan is not None else []
        fill_checklist(self.materials, names, [], open_=True)

    def data(self) -> ClaimInput:
        hospital = self._hospital()
        return ClaimInput(
            enrolment_id=self.enrolment.currentData(),
            admitted_on=day_of(self.admitted_on) if hospital else None,
            discharged_on=day_of(self.discharged_on),
            event_on=None if hospital else day_of(self.event_on),
            claimed_on=day_of(self.claimed_on),
            total_expenses=self.total_expenses.text(),
            insurance_paid=self.insurance_paid.text(),
            claimed_amount=self.claimed_amount.text(),
            materials_done=ticked(self.materials),
            diagnosis=self.diagnosis.text(),
            notes=self.notes.toPlainText(),
            late_reason=self.late_reason.text(),
        )

    def submit(self) -> None:
        self.claim = self.person.submit(
            self.fields,
            self.bar,
            lambda _person_id: mutual_aid.submit_claim(self.actor, self.data()),
        )
        if self.claim is not None:
            self.accept()


class ClaimDialog(BarDialog):
    """A claim's page: what was claimed, the checklist, the amount by the rules, and the steps
    open to it (return for materials, submit again, approve, refuse, pay)."""

    def __init__(self, actor: Staff, claim_id: int, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Claim"), parent)
        self.claim_id = claim_id
        self.detail: ClaimDetail = mutual_aid.get_claim(actor, claim_id)
        self.decides = has_permission(actor, "aid.decide")
        body = QWidget()
        inner = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.summary)
        box = QGroupBox(self.tr("Materials"))
        box_layout = QVBoxLayout(box)
        self.materials = checklist_widget()
        box_layout.addWidget(self.materials)
        save_row = QHBoxLayout()
        self.save_materials = add_button(save_row, self.tr("Save the chec&klist"), self.tick)
        save_row.addStretch(1)
        box_layout.addLayout(save_row)
        inner.addWidget(box)
        self.steps = steps = QGroupBox(self.tr("Next step"))
        form = QFormLayout(steps)
        self.fields = FieldErrors(form)
        self.return_reason = self.fields.add_line(self.tr("Materials &missing:"), "return_reason")
        self.approved_amount = self.fields.add_line(
            self.tr("Amount appro&ved (yuan):"), "approved_amount"
        )
        self.amount_reason = self.fields.add_line(self.tr("Why ano&ther amount:"), "amount_reason")
        self.refusal_reason = self.fields.add_line(self.tr("Why re&fused:"), "refusal_reason")
        self.paid_on = date_edit()
        self.fields.add_row(self.tr("Paid o&n:"), "paid_on", self.paid_on)
        self.paid_amount = self.fields.add_line(self.tr("Amount pai&d (yuan):"), "paid_amount")
        buttons = QHBoxLayout()
        self.return_button = add_button(buttons, self.tr("&Return for materials"), self.return_)
        self.resubmit_button = add_button(buttons, self.tr("Submit a&gain"), self.resubmit)
        self.approve_button = add_button(buttons, self.tr("&Approve"), self.approve)
        self.refuse_button = add_button(buttons, self.tr("Refu&se"), self.refuse)
        self.pay_button = add_button(buttons, self.tr("Record the pa&yment"), self.pay)
        buttons.addStretch(1)
        form.addRow(buttons)
        inner.addWidget(steps)
        inner.addStretch(1)
        self.column.addWidget(scroll_area(body), 1)
        foot = dialog_buttons(self, self.column, buttons=CLOSE)
        self.print_button = foot.addButton(self.tr("&Print…"), foot.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_sheet)
        self.resize(self.fontMetrics().averageCharWidth() * 100, 680)
        self.show_detail()

    def show_detail(self) -> None:
        detail = self.detail
        claim, plan = detail.claim, detail.plan
        state = claim.state
        lines = [
            self.tr("Worker: {name}").format(name=claim.person.name),
            self.tr("Plan: {plan}").format(plan=plan_title(plan)),
            self.tr("State: {state}").format(state=mutual_aid.claim_state_label(state)),
        ]
        if claim.admitted_on:
            lines.append(
                self.tr("In hospital: {admitted} to {discharged}").format(
                    admitted=day_text(claim.admitted_on), discharged=day_text(claim.discharged_on)
                )
            )
        else:
            lines.append(self.tr("Event: {day}").format(day=day_text(claim.event_on)))
        lines.append(
            self.tr("Claimed on {day}; the deadline was {deadline}.").format(
                day=day_text(claim.claimed_on), deadline=day_text(detail.deadline)
            )
        )
        if claim.late_reason:
            lines.append(self.tr("Accepted late: {reason}").format(reason=claim.late_reason))
        lines.append(
            self.tr(
                "Total {total} yuan, medical insurance {insurance}, claimed {claimed}; by the "
                "rules {computed} yuan."
            ).format(
                total=money_text(claim.total_expenses) or "—",
                insurance=money_text(claim.insurance_paid) or "—",
                claimed=money_text(claim.claimed_amount),
                computed=money_text(claim.computed_amount),
            )
        )
        if detail.year_left is not None:
            lines.append(
                self.tr("The yearly cap leaves {left} yuan besides this claim.").format(
                    left=money_text(detail.year_left)
                )
            )
        if claim.approved_amount is not None:
            lines.append(
                self.tr("Approved: {amount} yuan on {day}.").format(
                    amount=money_text(claim.approved_amount), day=day_text(claim.decided_on)
                )
            )
        if claim.amount_reason:
            lines.append(self.tr("Why another amount: {reason}").format(reason=claim.amount_reason))
        if claim.paid_amount is not None:
            lines.append(
                self.tr("Paid: {amount} yuan on {day}.").format(
                    amount=money_text(claim.paid_amount), day=day_text(claim.paid_on)
                )
            )
        if claim.return_reason and state == "returned":
            lines.append(self.tr("Returned for: {reason}").format(reason=claim.return_reason))
        if claim.refusal_reason:
            lines.append(self.tr("Refused: {reason}").format(reason=claim.refusal_reason))
        if claim.diagnosis:
            lines.append(self.tr("Diagnosis: {text}").format(text=claim.diagnosis))
        if claim.notes:
            lines.append(self.tr("Notes: {text}").format(text=claim.notes))
        missing = detail.missing
        if missing:
            lines.append(self.tr("Still missing: {names}").format(names="、".join(missing)))
        self.summary.setText("\n".join(lines))
        open_ = state in ("submitted", "returned")
        fill_checklist(self.materials, detail.checklist, claim.materials_done, open_=open_)
        self.save_materials.setVisible(open_)
        self.approved_amount.setText(money_text(claim.computed_amount).replace(",", ""))
        self.paid_amount.setText(money_text(claim.approved_amount).replace(",", ""))
        shown = {
            "return_reason": state == "submitted",
            "approved_amount": state == "submitted" and self.decides,
            "amount_reason": state == "submitted" and self.decides,
            "refusal_reason": open_ and self.decides,
            "paid_on": state == "approved" and self.decides,
            "paid_amount": state == "approved" and self.decides,
        }
        for name, visible in shown.items():
            self.fields.set_row_visible(name, visible)
        self.return_button.setVisible(state == "submitted")
        self.resubmit_button.setVisible(state == "returned")
        self.approve_button.setVisible(state == "submitted" and self.decides)
        self.refuse_button.setVisible(open_ and self.decides)
        self.pay_button.setVisible(state == "approved" and self.decides)
        # A paid or refused claim, or one the role may not decide, has no step here.
        self.steps.setVisible(state == "submitted" or open_ or shown["paid_on"])

    @shows_user_errors
    def _run(self, step) -> None:  # type: ignore[no-untyped-def]
        self.fields.clear()
        self.bar.hide()
        step()
        self.detail = mutual_aid.get_claim(self.actor, self.claim_id)
        self.show_detail()
        self.bar.show_message(self.tr("Saved."), "info")

    def tick(self) -> None:
        self._run(
            lambda: mutual_aid.tick_materials(self.actor, self.claim_id, ticked(self.materials))
        )

    def return_(self) -> None:
        self._run(
            lambda: mutual_aid.return_claim(self.actor, self.claim_id, self.return_reason.text())
        )

    def resubmit(self) -> None:
        self._run(
            lambda: mutual_aid.resubmit_claim(self.actor, self.claim_id, ticked(self.materials))
        )

    def approve(self) -> None:
        self._run(
            lambda: mutual_aid.approve_claim(
                self.actor,
                self.claim_id,
                amount=self.approved_amount.text(),
                reason=self.amount_reason.text(),
            )
        )

    def refuse(self) -> None:
        self._run(
            lambda: mutual_aid.refuse_claim(self.actor, self.claim_id, self.refusal_reason.text())
        )

    def pay(self) -> None:
        self._run(
            lambda: mutual_aid.pay_claim(
                self.actor,
                self.claim_id,
                paid_on=day_of(self.paid_on),
                amount=self.paid_amount.text(),
            )
        )

    def sheet_html(self) -> str:
        """The claim as the sheet the worker signs and the station files (理赔申请表)."""
        detail = self.detail
        claim = detail.claim
        rows = [
            (self.tr("Worker"), claim.person.name),
            (self.tr("Plan"), plan_title(detail.plan)),
            (self.tr("Admitted / event"), day_text(claim.admitted_on or claim.event_on)),
            (self.tr("Discharged"), day_text(claim.discharged_on)),
            (self.tr("Claimed on"), day_text(claim.claimed_on)),
            (self.tr("Total expenses (yuan)"), money_text(claim.total_expenses)),
            (self.tr("Paid by medical insurance (yuan)"), money_text(claim.insurance_paid)),
            (self.tr("Amount claimed (yuan)"), money_text(claim.claimed_amount)),
            (self.tr("Amount by the rules (yuan)"), money_text(claim.computed_amount)),
            (self.tr("Amount approved (yuan)"), money_text(claim.approved_amount)),
            (self.tr("Why another amount"), claim.amount_reason),
            (self.tr("Amount paid (yuan)"), money_text(claim.paid_amount)),
            (self.tr("Paid on"), day_text(claim.paid_on)),
            (self.tr("State"), mutual_aid.claim_state_label(claim.state)),
        ]
        body = "".join(
            f"<tr><td>{html_text(label)}</td><td>{html_text(value)}</td></tr>"
            for label, value in rows
        )
        ticks = "".join(
            f"<tr><td>{'☑' if name in claim.materials_done else '☐'}</td>"
            f"<td>{html_text(name)}</td></tr>"
            for name in detail.checklist
        )
        return html_page(
            [
                f"<h1>{html_text(self.tr('Mutual-aid claim'))}</h1>",
                html_table([(self.tr("Item"), "35%"), (self.tr("Value"), "65%")], body),
                f"<h2>{html_text(self.tr('Materials'))}</h2>",
                html_table([("", "8%"), (self.tr("Material"), "92%")], ticks),
                "<p>"
                + html_text(self.tr("Worker's signature: ____________   Date: __________"))
                + "</p>",
            ]
        )

    def print_sheet(self) -> None:
        preview_document(html_document(self.sheet_html()), self, title=self.tr("Mutual-aid claim"))
