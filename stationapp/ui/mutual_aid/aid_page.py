"""The Mutual-aid cover page (互助保障) of the Member services tab: the plans (changed by the
head of the station), the enrolments (found by worker, plan or workplace; enrol at the desk or
import a workplace's list) and the claims (by state, each opened on its page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import CLAIM_STATES, AidPlan
from stationapp.services import mutual_aid
from stationapp.services.accounts import has_permission
from stationapp.services.mutual_aid import ClaimFilter, EnrolmentFilter
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import day_text
from stationapp.ui.forms import (
    add_button,
    add_labelled,
    choice_box,
    empty_state,
    layout_with_bar,
    reports_user_errors,
)
from stationapp.ui.layout_state import save_columns
from stationapp.ui.mutual_aid.widgets import money_text, plan_combo, plan_title, workplace_combo
from stationapp.ui.people.picker import PersonPicker
from stationapp.ui.table_model import (
    PagedTableModel,
    TextsTableModel,
    actor_pages,
    count_row,
    enter_list,
    remembered_list,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class PlanTableModel(TextsTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Year"),
                self.tr("Plan"),
                self.tr("Kind"),
                self.tr("Cover"),
                self.tr("Premium"),
                self.tr("Waiting (days)"),
                self.tr("Benefit"),
                self.tr("Deadline (days)"),
                self.tr("Open"),
            ],
            self.plan_texts,
            numeric=(0, 4, 5, 7),
            parent=parent,
        )

    def fill(self, plans: list[AidPlan]) -> None:
        self.set_rows(plans)

    def plan_texts(self, plan: AidPlan) -> list[str]:
        if plan.benefit_kind == "rate":
            benefit = self.tr("{rate}% after a {deductible} deductible").format(
                rate=plan.rate, deductible=money_text(plan.deductible)
            )
        else:
            benefit = self.tr("{amount} yuan").format(amount=money_text(plan.fixed_sum))
        return [
            str(plan.year),
            plan.name,
            mutual_aid.plan_kind_label(plan.kind),
            f"{day_text(plan.cover_start)} – {day_text(plan.cover_end)}",
            money_text(plan.premium),
            str(plan.waiting_days),
            benefit,
            str(plan.claim_days),
            self.tr("yes") if plan.active else self.tr("no"),
        ]


class EnrolmentTableModel(PagedTableModel):
    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            *actor_pages(actor, mutual_aid.list_enrolments, mutual_aid.count_enrolments),
            parent,
            filt=EnrolmentFilter(),
        )
        self.headers = [
            self.tr("Worker"),
            self.tr("Plan"),
            self.tr("Enrolled on"),
            self.tr("Paid by"),
            self.tr("Workplace"),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.person.name,
            plan_title(row.plan),
            day_text(row.enrolled_on),
            mutual_aid.payer_label(row.paid_by),
            row.organization.name if row.organization_id else "",
        )[column]


class ClaimTableModel(PagedTableModel):
    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(
            *actor_pages(actor, mutual_aid.list_claims, mutual_aid.count_claims),
            parent,
            filt=ClaimFilter(),
        )
        self.headers = [
            self.tr("Claimed on"),
            self.tr("State"),
            self.tr("Worker"),
            self.tr("Plan"),
            self.tr("Claimed"),
            self.tr("By the rules"),
            self.tr("Approved"),
            self.tr("Paid"),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            day_text(row.claimed_on),
            mutual_aid.claim_state_label(row.state),
            row.person.name,
            plan_title(row.enrolment.plan),
            money_text(row.claimed_amount),
            money_text(row.computed_amount),
            money_text(row.approved_amount),
            money_text(row.paid_amount),
        )[column]


class MutualAidPage(QWidget):
    """Plans, enrolments and (for the roles that see them) claims, as the page's tabs."""

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout, self.bar = layout_with_bar(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_plans()
        self._build_enrolments()
        self.claims_table: QTableView | None = None
        if has_permission(actor, "aid.claims"):
            self._build_claims()
        bus.changed.connect(self._on_changed)
        self.refresh()

    def step_inner(self, step: int) -> bool:
        """Ctrl+PgDn/PgUp (from the Member services tab): the next or previous of this page's
        tabs; False past the first or the last, for the tab to go to its next page."""
        index = self.tabs.currentIndex() + step
        while 0 <= index < self.tabs.count():
            if self.tabs.isTabVisible(index) and self.tabs.isTabEnabled(index):
                self.tabs.setCurrentIndex(index)
                return True
            index += step
        return False

    # --- plans ------------------------------------------------------------------------------

    def _build_plans(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.plan_model = PlanTableModel(self)
        self.plans_table = remembered_list(self.plan_model, "aid_plans", 1)
        self.plans_table.activated.connect(lambda _index: self.edit_plan())
        layout.addWidget(self.plans_table, 1)
        row = QHBoxLayout()
        manage = has_permission(self.actor, "aid.plans")
        if manage:
            self.new_plan_button = add_button(row, self.tr("New pla&n…"), self.new_plan)
            self.edit_plan_button = add_button(row, self.tr("E&dit plan…"), self.edit_plan)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, self.tr("P&lans"))

    def new_plan(self) -> None:
        self._plan_dialog(None)

    def edit_plan(self) -> None:
        if not has_permission(self.actor, "aid.plans"):
            return
        index = self.plans_table.currentIndex()
        if index.isValid():
            self._plan_dialog(self.plan_model.rows[index.row()])

    def _plan_dialog(self, plan: AidPlan | None) -> None:
        from stationapp.ui.mutual_aid.plan_dialog import PlanDialog

        dialog = PlanDialog(self.actor, plan, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bar.show_message(self.tr("The plan is saved."), "info")
        dialog.deleteLater()

    # --- enrolments -------------------------------------------------------------------------

    def _build_enrolments(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.picker = PersonPicker(self.actor, limit=6)
        self.picker.person_chosen.connect(self.filter_person)
        add_labelled(filters, self.tr("Worker (&J):"), self.picker, 2, self.picker.edit)
        self.any_worker = add_button(
            filters, self.tr("An&y worker"), lambda: self.filter_person(None)
        )
        self.plan_filter = plan_combo(self.actor, any_text=self.tr("Any plan"))
        add_labelled(filters, self.tr("Pla&n:"), self.plan_filter, 1)
        self.workplace_filter = workplace_combo(self.actor, self.tr("Any workplace"))
        add_labelled(filters, self.tr("Wor&kplace:"), self.workplace_filter, 1)
        self.plan_filter.currentIndexChanged.connect(lambda _i: self.refresh_enrolments())
        self.workplace_filter.currentIndexChanged.connect(lambda _i: self.refresh_enrolments())
        layout.addLayout(filters)
        self.enrolment_filter = EnrolmentFilter()
        self.person_label = QLabel()
        self.person_label.hide()
        layout.addWidget(self.person_label)
        self.enrolment_model = EnrolmentTableModel(self.actor, self)
        self.enrolments_table = remembered_list(self.enrolment_model, "aid_enrolments", 1)
        self.enrolments_empty, stack = empty_state(self.enrolments_table)
        layout.addWidget(stack, 1)
        row, self.enrolment_count = count_row(
            self.enrolment_model, lambda n: self.tr("%n enrolment(s)", "", n)
        )
        if has_permission(self.actor, "aid.enrol"):
            self.enrol_button = add_button(row, self.tr("Enrol at the &desk…"), self.enrol)
            self.import_button = add_button(row, self.tr("&Import a list…"), self.import_list)
        layout.addLayout(row)
        self._enrolment_stack = stack
        self.enrolment_model.modelReset.connect(self._enrolments_shown)
        self.tabs.addTab(page, self.tr("Enr&olments"))

    def filter_person(self, person_id: int | None) -> None:
        self.enrolment_filter.person_id = person_id
        self.person_label.setVisible(person_id is not None)
        if person_id is None:
            self.picker.clear()
            self.person_label.clear()
        else:
            from stationapp.services import people

            self.person_label.setText(
                self.tr("Enrolments of {name}").format(
                    name=people.get_person(self.actor, person_id).name
                )
            )
            self.picker.clear()
        self.refresh_enrolments()

    @reports_user_errors
    def refresh_enrolments(self) -> None:
        self.enrolment_filter.plan_id = self.plan_filter.currentData()
        self.enrolment_filter.organization_id = self.workplace_filter.currentData()
        self.enrolment_model.reload(self.enrolment_filter)

    def _enrolments_shown(self) -> None:
        if self.enrolment_model.rowCount():
            self._enrolment_stack.setCurrentWidget(self.enrolments_table)
            return
        self.enrolments_empty.setText(
            self.tr("No enrolments here. Enrol a worker at the desk, or import a workplace's list.")
        )
        self._enrolment_stack.setCurrentWidget(self.enrolments_empty)

    def enrol(self) -> None:
        from stationapp.ui.mutual_aid.enrol_dialogs import EnrolDialog

        dialog = EnrolDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bar.show_message(self.tr("The worker is enrolled."), "info")
        dialog.deleteLater()

    def import_list(self) -> None:
        from stationapp.ui.mutual_aid.enrol_dialogs import ImportListDialog

        dialog = ImportListDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result is not None:
            self.bar.show_message(
                self.tr(
                    "%n worker(s) enrolled; {already} were enrolled already.",
                    "",
                    dialog.result.enrolled,
                ).format(already=dialog.result.already),
                "info",
            )
        dialog.deleteLater()

    # --- claims -----------------------------------------------------------------------------

    def _build_claims(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.state_filter = choice_box(
            CLAIM_STATES, mutual_aid.claim_state_label, first=(self.tr("All claims"), None)
        )
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh_claims())
        add_labelled(filters, self.tr("&Show:"), self.state_filter)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.claim_model = ClaimTableModel(self.actor, self)
        self.claims_table = remembered_list(self.claim_model, "aid_claims", 3)
        self.claims_table.activated.connect(lambda _index: self.open_claim())
        self.claims_empty, stack = empty_state(self.claims_table)
        self._claim_stack = stack
        layout.addWidget(stack, 1)
        self.claim_model.modelReset.connect(self._claims_shown)
        row, self.claim_count = count_row(self.claim_model, lambda n: self.tr("%n claim(s)", "", n))
        self.new_claim_button = add_button(row, self.tr("&New claim…"), self.new_claim)
        self.open_claim_button = add_button(row, self.tr("&Details…"), self.open_claim)
        layout.addLayout(row)
        self.tabs.addTab(page, self.tr("&Claims"))

    @reports_user_errors
    def refresh_claims(self) -> None:
        if self.claims_table is None:
            return
        self.claim_model.reload_keeping(
            self.claims_table, ClaimFilter(state=self.state_filter.currentData())
        )

    def _claims_shown(self) -> None:
        if self.claim_model.rowCount():
            self._claim_stack.setCurrentWidget(self.claims_table)
            return
        self.claims_empty.setText(
            self.tr("No claims in this state. Take a new claim with “New claim”.")
        )
        self._claim_stack.setCurrentWidget(self.claims_empty)

    def new_claim(self) -> None:
        from stationapp.ui.mutual_aid.claim_dialogs import NewClaimDialog

        dialog = NewClaimDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.claim is not None:
            self.bar.show_message(self.tr("The claim is submitted."), "info")
            self.open_claim(dialog.claim.id)
        dialog.deleteLater()

    def open_claim(self, claim_id: int | None = None) -> None:
        from stationapp.ui.mutual_aid.claim_dialogs import ClaimDialog

        if claim_id is None and self.claims_table is not None:
            row = self.claim_model.row_at(self.claims_table.currentIndex().row())
            claim_id = row.id if row is not None else None
        if claim_id is None:
            self.bar.show_message(self.tr("Choose a claim in the list first."))
            return
        dialog = ClaimDialog(self.actor, claim_id, self)
        dialog.exec()
        dialog.deleteLater()

    # --- all --------------------------------------------------------------------------------

    def _on_changed(self, entity: str) -> None:
        if entity in ("aid", "person", "organization", "*"):
            self.refresh()

    def refresh(self) -> None:
        try:
            self.plan_model.fill(mutual_aid.list_plans(self.actor))
        except UserError as exc:
            self.bar.show_message(exc.message)
        self.refresh_enrolments()
        self.refresh_claims()

    def focus_list(self) -> None:
        enter_list(self.enrolments_table)

    def save_state(self) -> None:
        save_columns(self.plans_table, "aid_plans")
        save_columns(self.enrolments_table, "aid_enrolments")
        if self.claims_table is not None:
            save_columns(self.claims_table, "aid_claims")
