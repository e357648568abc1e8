"""A plan of a year: cover, premium, waiting period, benefit rules, claim deadline, materials."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import BENEFIT_KINDS, PLAN_KINDS, AidPlan
from stationapp.services import mutual_aid, visits
from stationapp.services.mutual_aid import PlanInput
from stationapp.ui.fields import set_field_value
from stationapp.ui.forms import (
    FormDialog,
    dialog_buttons,
    shows_user_errors,
    spin_box,
)
from stationapp.ui.mutual_aid.widgets import date_edit, money_text


class PlanDialog(FormDialog):
    """Add a plan, or change one (``plan``)."""

    def __init__(self, actor: Staff, plan: AidPlan | None = None, parent: QWidget | None = None):
        super().__init__(actor, parent, scrolled=True)
        self.plan = plan
        self.saved: AidPlan | None = None
        self.setWindowTitle(self.tr("Change the plan") if plan else self.tr("New plan"))
        year = today().year
        self.name = QLineEdit(plan.name if plan else "")
        self.name.setMaxLength(100)
        self.fields.add_row(self.tr("&Name:"), "name", self.name)
        self.kind = QComboBox()
        for kind in PLAN_KINDS:
            self.kind.addItem(mutual_aid.plan_kind_label(kind), kind)
        self.fields.add_row(self.tr("&Kind:"), "kind", self.kind)
        self.year = spin_box(2000, 2100, plan.year if plan else year)
        self.fields.add_row(self.tr("&Year:"), "year", self.year)
        self.cover_start = date_edit(plan.cover_start if plan else date(year, 1, 1))
        self.fields.add_row(self.tr("Cover &from:"), "cover_start", self.cover_start)
        self.cover_end = date_edit(plan.cover_end if plan else date(year, 12, 31))
        self.fields.add_row(self.tr("Cover &to:"), "cover_end", self.cover_end)
        self.premium = QLineEdit(money_text(plan.premium) if plan else "")
        self.fields.add_row(self.tr("&Premium per person (yuan):"), "premium", self.premium)
        self.waiting_days = spin_box(0, 365, plan.waiting_days if plan else 90)
        self.fields.add_row(self.tr("&Waiting period (days):"), "waiting_days", self.waiting_days)
        self.benefit_kind = QComboBox()
        for kind in BENEFIT_KINDS:
            self.benefit_kind.addItem(mutual_aid.benefit_kind_label(kind), kind)
        self.benefit_kind.currentIndexChanged.connect(self._benefit_changed)
        self.fields.add_row(self.tr("&Benefit:"), "benefit_kind", self.benefit_kind)
        self.rate = QLineEdit(str(plan.rate) if plan and plan.rate is not None else "")
        self.fields.add_row(self.tr("&Rate of the amount left (%):"), "rate", self.rate)
        self.deductible = QLineEdit(money_text(plan.deductible) if plan else "")
        self.fields.add_row(self.tr("&Deductible (yuan):"), "deductible", self.deductible)
        self.cap_per_claim = QLineEdit(money_text(plan.cap_per_claim) if plan else "")
        self.fields.add_row(self.tr("Cap per &claim (yuan):"), "cap_per_claim", self.cap_per_claim)
        self.fixed_sum = QLineEdit(money_text(plan.fixed_sum) if plan else "")
        self.fields.add_row(self.tr("Fi&xed sum (yuan):"), "fixed_sum", self.fixed_sum)
        self.cap_per_year = QLineEdit(money_text(plan.cap_per_year) if plan else "")
        self.fields.add_row(self.tr("C&ap per year (yuan):"), "cap_per_year", self.cap_per_year)
        self.claim_days = spin_box(1, 3650, plan.claim_days if plan else 90)
        self.fields.add_row(
            self.tr("Claim dead&line (days after discharge or the event):"),
            "claim_days",
            self.claim_days,
        )
        self.service = QComboBox()
        self.service.addItem(self.tr("— the plan's own list —"), None)
        for service in visits.list_services(actor):
            self.service.addItem(service.name, service.id)
        self.fields.add_row(self.tr("Materials from the &service:"), "service", self.service)
        self.materials = QPlainTextEdit("\n".join(plan.materials) if plan else "")
        self.materials.setTabChangesFocus(True)
        self.materials.setPlaceholderText(self.tr("One material a line"))
        self.materials.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.fields.add_row(self.tr("Its own &materials:"), "materials", self.materials)
        self.active = QCheckBox(self.tr("Open to new &enrolments"))
        self.active.setChecked(plan.active if plan else True)
        self.fields.add_row("", "active", self.active)
        if plan is not None:
            self.fields.fill(plan, "kind", "benefit_kind")
            set_field_value(self.service, plan.service_id)
        dialog_buttons(self, self.column, self.submit)
        self._benefit_changed()
        self.resize(self.fontMetrics().averageCharWidth() * 90, 620)

    def _benefit_changed(self) -> None:
        rate = self.benefit_kind.currentData() == "rate"
        for name in ("rate", "deductible", "cap_per_claim"):
            self.fields.set_row_visible(name, rate)
        self.fields.set_row_visible("fixed_sum", not rate)

    def data(self) -> PlanInput:
        # The fields are named as the plan's input, but for the service and the materials.
        values = self.fields.values()
        values["service_id"] = values.pop("service")
        values["materials"] = values["materials"].splitlines()
        return PlanInput(**values)

    @shows_user_errors
    def submit(self) -> None:
        self.fields.clear()
        if self.plan is None:
            self.saved = mutual_aid.create_plan(self.actor, self.data())
        else:
            self.saved = mutual_aid.update_plan(self.actor, self.plan.id, self.data())
        self.accept()
