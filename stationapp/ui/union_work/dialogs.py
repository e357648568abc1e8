"""The union-work dialogs: a workers' congress, a collective contract (a workplace's own, a
building federation's regional one, or a renewal), an open-affairs check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.models.union_work import (
    CONGRESS_KINDS,
    CONTRACT_KINDS,
    OPEN_AFFAIRS_RATINGS,
    CollectiveContract,
    CongressMeeting,
    OpenAffairsCheck,
)
from stationapp.services import union_work
from stationapp.services.union_work import CheckInput, CongressInput, ContractInput
from stationapp.services.union_work.common import add_months
from stationapp.ui.dates import OptionalDate, date_edit
from stationapp.ui.fields import CheckList
from stationapp.ui.forms import FormDialog, choice_box, dialog_buttons, shows_user_errors, text_box

DATE_FORMAT = "yyyy-MM-dd"


def _day(day: date | None = None):
    return date_edit(day or today(), display=DATE_FORMAT)


def two_years_from(start: date) -> date:
    """The last day of a two-year term from ``start``, the usual one."""
    return add_months(start, 24) - timedelta(days=1)


def _count_box(maximum: int) -> QSpinBox:
    """A count where 0 reads "not known"."""
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSpecialValueText("—")
    return box


class _UnionWorkDialog(FormDialog):
    """A form whose Save calls ``submit``, the expected errors shown at their fields."""

    def __init__(self, actor: Staff, parent: QWidget | None, title: str) -> None:
        super().__init__(actor, parent, title)
        self.saved: object = None
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def finish(self) -> None:
        dialog_buttons(self, self.column, self.save)

    def submit(self) -> object:
        raise NotImplementedError

    @shows_user_errors
    def save(self) -> None:
        self.saved = self.submit()
        self.accept()


class _RecordDialog(_UnionWorkDialog):
    """A workplace's record, new or ``existing`` (to correct it). Its fields, added by
    ``add_rows``, are named as the service's input (``make_input``): ``record`` saves a new
    one for the workplace, ``update`` a correction."""

    make_input: Callable[..., object]
    record: Callable[[Staff, int, Any], object]
    update: Callable[[Staff, int, Any], object]

    def __init__(
        self,
        actor: Staff,
        organization_id: int,
        parent: QWidget | None = None,
        *,
        existing: CongressMeeting | OpenAffairsCheck | None = None,
    ) -> None:
        super().__init__(actor, parent, self.title(existing is not None))
        self.organization_id = organization_id
        self.existing = existing
        self.add_rows()
        if existing is not None:
            self.fields.fill(existing)
        self.finish()

    def title(self, correcting: bool) -> str:
        raise NotImplementedError

    def add_rows(self) -> None:
        raise NotImplementedError

    def submit(self) -> object:
        data = self.make_input(**self.fields.values())
        if self.existing is None:
            return self.record(self.actor, self.organization_id, data)
        return self.update(self.actor, self.existing.id, data)


class CongressDialog(_RecordDialog):
    make_input = CongressInput
    record = staticmethod(union_work.record_congress)
    update = staticmethod(union_work.update_congress)

    def title(self, correcting: bool) -> str:
        return self.tr("Workers' congress") if correcting else self.tr("Record a workers' congress")

    def add_rows(self) -> None:
        self.held_on = _day()
        self.fields.add_row(self.tr("&Held on:"), "held_on", self.held_on)
        self.kind = choice_box(CONGRESS_KINDS, union_work.congress_kind_label)
        self.fields.add_row(self.tr("&Kind:"), "kind", self.kind)
        self.delegates = _count_box(100_000)
        self.delegates.setToolTip(self.tr("Delegates present (at an assembly, employees present)"))
        self.fields.add_row(self.tr("&Delegates present:"), "delegates", self.delegates)
        self.matters = text_box(lines=4)
        self.matters.setPlaceholderText(self.tr("e.g. 审议通过工资调整方案、员工手册修订稿"))
        self.fields.add_row(self.tr("&Matters decided:"), "matters", self.matters)
        self.handbook = QCheckBox(self.tr("The staff hand&book was revised"))
        self.fields.add_row("", "handbook_revised", self.handbook)
        self.station_part = self.fields.add_line(
            self.tr("The &station's part:"), "station_part", 500, self.tr("e.g. 指导筹备、列席会议")
        )


class ContractDialog(_UnionWorkDialog):
    """A workplace's contract (``organization_id``), a building federation's regional contract
    (``building_id``, with the workplaces it covers), a correction (``existing``) or a renewal
    (``renewing``: the earlier contract, whose details it starts from)."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        organization_id: int | None = None,
        building_id: int | None = None,
        existing: CollectiveContract | None = None,
        renewing: CollectiveContract | None = None,
    ) -> None:
        source = existing or renewing
        if renewing is not None:
            title = self.tr("Renew a collective contract")
        elif existing is not None:
            title = self.tr("Collective contract")
        else:
            title = self.tr("New collective contract")
        super().__init__(actor, parent, title)
        self.organization_id = organization_id
        self.building_id = building_id or (source.building_id if source else None)
        self.existing = existing
        self.renewing = renewing
        self.kind = choice_box(CONTRACT_KINDS, union_work.contract_kind_label)
        self.fields.add_row(self.tr("&Kind:"), "kind", self.kind)
        self.signed_on = _day()
        self.fields.add_row(self.tr("&Signed on:"), "signed_on", self.signed_on)
        filed = OptionalDate(
            self.tr("Fi&led with the human-resources bureau on"),
            None,
            until_today=False,
            display=DATE_FORMAT,
        )
        self.filed, self.registered_on = filed.known, filed.edit
        self.fields.add_row("", "registered_on", filed)
        self.starts_on = _day()
        self.fields.add_row(self.tr("Term &from:"), "starts_on", self.starts_on)
        self.ends_on = _day(two_years_from(today()))
        self.ends_on.setToolTip(self.tr("One to three years"))
        self.fields.add_row(self.tr("Term &to:"), "ends_on", self.ends_on)
        self.increase = self.fields.add_line(
            self.tr("Agreed wage &increase (%):"),
            "wage_increase",
            placeholder=self.tr("percent, e.g. 5.5; empty if none agreed"),
        )
        self.clause = QCheckBox(self.tr("A &minimum-wage clause"))
        self.fields.add_row("", "minimum_wage_clause", self.clause)
        self.clause_text = QLineEdit()
        self.clause_text.setMaxLength(200)
        self.clause_text.setPlaceholderText(self.tr("e.g. 不低于北京市最低工资标准的120%"))
        self.clause_text.setEnabled(False)
        self.clause.toggled.connect(self.clause_text.setEnabled)
        self.fields.add_row(self.tr("The clause s&ays:"), "minimum_wage_text", self.clause_text)
        self.employees = _count_box(1_000_000)
        self.fields.add_row(self.tr("&Employees covered:"), "employees_covered", self.employees)
        if self.building_id is not None:
            chosen = set(union_work.covered_ids(actor, source.id)) if source else set()
            self.covered = CheckList(
                union_work.building_workplaces(actor, self.building_id), chosen
            )
            self.covered.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
            self.covered.setToolTip(self.tr("Space ticks a workplace"))
            self.fields.add_row(self.tr("&Workplaces covered:"), "covered", self.covered)
        self.notes = text_box(lines=3)
        self.fields.add_row(self.tr("N&otes:"), "notes", self.notes)
        if source is not None:
            self._fill(source)
        self.finish()

    def _fill(self, source: CollectiveContract) -> None:
        self.fields.fill(
            source,
            "kind",
            "wage_increase",
            "minimum_wage_clause",
            "minimum_wage_text",
            "employees_covered",
        )
        if self.renewing is not None:
            start = source.ends_on + timedelta(days=1)
            self.starts_on.setDate(QDate(start))
            self.ends_on.setDate(QDate(two_years_from(start)))
            return
        self.fields.fill(source, "signed_on", "registered_on", "starts_on", "ends_on", "notes")

    def submit(self) -> object:
        values = self.fields.values()
        values["covered"] = tuple(values.get("covered", ()))
        data = ContractInput(**values)
        if self.renewing is not None:
            return union_work.renew_contract(self.actor, self.renewing.id, data)
        if self.existing is not None:
            return union_work.update_contract(self.actor, self.existing.id, data)
        if self.building_id is not None:
            return union_work.record_regional_contract(self.actor, self.building_id, data)
        return union_work.record_contract(self.actor, self.organization_id, data)


class CheckDialog(_RecordDialog):
    make_input = CheckInput
    record = staticmethod(union_work.record_check)
    update = staticmethod(union_work.update_check)

    def title(self, correcting: bool) -> str:
        if correcting:
            return self.tr("Open-affairs check")
        return self.tr("Record an open-affairs check")

    def add_rows(self) -> None:
        self.checked_on = _day()
        self.fields.add_row(self.tr("&Checked on:"), "checked_on", self.checked_on)
        self.rating = choice_box(OPEN_AFFAIRS_RATINGS, union_work.rating_label)
        self.fields.add_row(self.tr("&Rating:"), "rating", self.rating)
        self.findings = text_box(lines=4)
        self.findings.setPlaceholderText(self.tr("e.g. 公开栏按季度更新，工资调整方案已公示"))
        self.fields.add_row(self.tr("&Findings:"), "findings", self.findings)
        self.follow_up = text_box(lines=4)
        self.follow_up.setPlaceholderText(
            self.tr("What the workplace will do, when we check again")
        )
        self.fields.add_row(self.tr("Follow-&up:"), "follow_up", self.follow_up)
