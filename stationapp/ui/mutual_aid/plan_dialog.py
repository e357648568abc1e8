"""A plan of a year: cover, premium, waiting period, benefit rules, claim deadline, materials."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
    choice_box,
    dialog_buttons,
    shows_user_errors,
    spin_box,
)
from stationapp.ui.mutual_aid.widgets import date_edit, money_text

MONEY_FIELDS = ("premium", "deductible", "cap_per_claim", "fixed_sum", "cap_per_year")


class PlanDialog(FormDialog):
    """Add a plan, or change one (``plan``)."""

    def __init__(self, actor: Staff, plan: AidPlan | None = None, parent: QWidget | None = None):
        super().__init__(
            actor,
            parent,
            self.tr("Change the plan") if plan else self.tr("New plan"),
            scrolled=True,
        )
        self.plan = plan
        self.saved: AidPlan | None = None
        year = today().year
        self.name = self.fields.add_line(self.tr("&Name:"), "name", 100)
        self.kind = choice_box(PLAN_KINDS, mutual_aid.plan_kind_label)
        self.fields.add_row(self.tr("&Kind:"), "kind", self.kind)
        self.year = spin_box(2000, 2100, plan.year if plan else year)
        self.fields.add_row(self.tr("&Year:"), "year", self.year)
        self.cover_start = date_edit(plan.cover_start if plan else date(year, 1, 1))
        self.fields.add_row(self.tr("Cover &from:"), "cover_start", self.cover_start)
        self.cover_end = date_edit(plan.cover_end if plan else date(year, 12, 31))
        self.fields.add_row(self.tr("Cover &to:"), "cover_end", self.cover_end)
        self.premium = self.fields.add_line(self.tr("&Premium per person (yuan):"), "premium")
        self.waiting_days = spin_box(0, 365, plan.waiting_days if plan else 90)
        self.fields.add_row(self.tr("&Waiting period (days):"), "waiting_days", self.waiting_days)
        self.benefit_kind = choice_box(BENEFIT_KINDS, mutual_aid.benefit_kind_label)
        self.benefit_kind.currentIndexChanged.connect(self._benefit_changed)
        self.fields.add_row(self.tr("&Benefit:"), "benefit_kind", self.benefit_kind)
        self.rate = self.fields.add_line(self.tr("&Rate of the amount left (%):"), "rate")
        self.deductible = self.fields.add_line(self.tr("&Deductible (yuan):"), "deductible")
        self.cap_per_claim = self.fields.add_line(
            self.tr("Cap per &claim (yuan):"), "cap_per_claim"
        )
        self.fixed_sum = self.fields.add_line(self.tr("Fi&xed sum (yuan):"), "fixed_sum")
        self.cap_per_year = self.fields.add_line(self.tr("C&ap per year (yuan):"), "cap_per_year")
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
            self.fields.fill(plan, "name", "kind", "benefit_kind", "rate")
            set_field_value(self.service, plan.service_id)
            for name in MONEY_FIELDS:  # the line edits of the same names
                getattr(self, name).setText(money_text(getattr(plan, name)))
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
