"""The workplace page's union-work sections and the buildings view's regional contracts.

Each is a widget ``Class(actor, record_id, parent=None)`` with ``reload()``: a list (Enter
opens the selected record to correct it, Tab leaves it), the buttons to record, and for
congresses the next one due. Recording needs ``workplace.agreements``; the buttons of a role
without it are disabled with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableView, QWidget

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.services import accounts, union_work
from stationapp.services.union_work import ContractView
from stationapp.ui.dates import short_text
from stationapp.ui.forms import add_button, empty_state, layout_with_bar
from stationapp.ui.table_model import WARN_COLOR, TextsTableModel, load_rows, setup_list_view
from stationapp.ui.union_work.dialogs import CheckDialog, CongressDialog, ContractDialog


class _ListView(QTableView):
    """Enter opens the selected row; Tab leaves the list."""

    def __init__(self, on_open: Callable[[], object]) -> None:
        super().__init__()
        self.on_open = on_open
        self.setTabKeyNavigation(False)
        self.activated.connect(lambda _index: on_open())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.on_open()
            return
        super().keyPressEvent(event)


class _Section(QWidget):
    """A list with its empty line and a row of buttons under it, and a summary line above;
    made as ``Section(actor, record_id, parent=None)``, the record a workplace's or a
    building's id."""

    def __init__(self, actor: Staff, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.record_id = record_id
        self.row_buttons: list[QPushButton] = []
        self.may_record = accounts.has_permission(actor, "workplace.agreements")
        layout, self.bar = layout_with_bar(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.hide()
        layout.addWidget(self.summary)
        self.model = self.make_model()
        self.table = _ListView(self.open_selected)
        setup_list_view(self.table, self.model)
        self.empty, stack = empty_state(self.table, self.empty_text())
        self.stack = stack
        layout.addWidget(stack, 1)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.add_buttons()
        self.buttons.addStretch(1)
        self.reload()

    def button(self, text: str, slot: Callable[[], object], *, needs_row: bool = False):
        button = add_button(self.buttons, text, slot)
        if not self.may_record:
            button.setEnabled(False)
            button.setToolTip(self.tr("Your account may not record union work."))
        elif needs_row:
            button.setEnabled(False)
            self.row_buttons.append(button)
        return button

    def make_model(self) -> TextsTableModel:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def add_buttons(self) -> None:
        raise NotImplementedError

    def fetch(self) -> list[Any]:
        raise NotImplementedError

    def open_row(self, row: Any) -> QDialog | None:
        raise NotImplementedError

    def reload(self) -> None:
        rows = load_rows(self.model, self.fetch, self.bar)
        self.stack.setCurrentIndex(0 if rows else 1)
        self.table.resizeColumnsToContents()
        for button in self.row_buttons:
            button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def open_selected(self) -> None:
        row = self.selected()
        if row is None or not self.may_record:
            return
        self.run(self.open_row(row))

    def run(self, dialog: QDialog | None) -> None:
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()


class _RecordsSection(_Section):
    """A workplace's records of one kind, listed by ``load(actor, workplace id)``; ``dialog``
    records a new one (``record``) and corrects the one opened."""

    load: Callable[[Staff, int], list[Any]]
    dialog: Callable[..., QDialog]

    def fetch(self) -> list[Any]:
        return self.load(self.actor, self.record_id)

    def record(self) -> None:
        self.run(self.dialog(self.actor, self.record_id, self))

    def open_row(self, row: Any) -> QDialog:
        return self.dialog(self.actor, self.record_id, self, existing=row)


class CongressesSection(_RecordsSection):
    """The workplace's workers' congresses, the next one due above them."""

    load = staticmethod(union_work.list_congresses)
    dialog = CongressDialog

    def make_model(self) -> TextsTableModel:
        return TextsTableModel(
            [
                self.tr("Held on"),
                self.tr("Kind"),
                self.tr("Delegates"),
                self.tr("Handbook revised"),
                self.tr("Matters decided"),
                self.tr("The station's part"),
            ],
            lambda m: [
                short_text(m.held_on),
                union_work.congress_kind_label(m.kind),
                "" if m.delegates is None else str(m.delegates),
                self.tr("Yes") if m.handbook_revised else self.tr("No"),
                " ".join(m.matters.split()),
                m.station_part,
            ],
            numeric=(2,),
        )

    def empty_text(self) -> str:
        return self.tr("No workers' congress recorded yet. Record one with “Record a congress…”.")

    def add_buttons(self) -> None:
        self.record_button = self.button(self.tr("Record a congre&ss…"), self.record)
        self.change_button = self.button(
            self.tr("Change meetin&g…"), self.open_selected, needs_row=True
        )

    def fetch(self) -> list[Any]:
        due = union_work.congress_due(self.actor, self.record_id, today())
        self.show_due(due)
        return super().fetch()

    def show_due(self, due: union_work.CongressDue) -> None:
        if due.due_on is None:
            text = self.tr(
                "No congress is due: the workplace has held none and is not a founded union "
                "of 25 or more employees."
            )
        elif due.overdue:
            text = self.tr("Overdue (逾期): the next congress was due on {day}.").format(
                day=short_text(due.due_on)
            )
        else:
            text = self.tr("Next congress due by {day}.").format(day=short_text(due.due_on))
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {WARN_COLOR};" if due.overdue else "")
        self.summary.show()


class _ContractsBase(_Section):
    """The contracts ``load(actor, record id)`` lists; a new one is the record's, whose id is
    ContractDialog's keyword ``owner``."""

    load: Callable[[Staff, int], list[ContractView]]
    owner: str

    def make_model(self) -> TextsTableModel:
        return TextsTableModel(
            [
                self.tr("State"),
                self.tr("Kind"),
                self.tr("Term"),
                self.tr("Party"),
                self.tr("Wage increase"),
                self.tr("Employees"),
                self.tr("Workplaces covered"),
            ],
            self.texts,
            numeric=(4, 5),
            warn=lambda v: v.state in ("expiring", "expired"),
        )

    def texts(self, v: ContractView) -> list[str]:
        c = v.contract
        increase = "" if c.wage_increase is None else f"{c.wage_increase}%"
        return [
            union_work.state_label(v.state),
            union_work.contract_kind_label(c.kind),
            f"{c.starts_on:%Y-%m-%d} – {c.ends_on:%Y-%m-%d}",
            v.party,
            increase,
            "" if c.employees_covered is None else str(c.employees_covered),
            "、".join(v.covered),
        ]

    def add_buttons(self) -> None:
        self.new_button = self.button(self.new_text(), self.new_contract)
        self.renew_button = self.button(self.tr("Renewal… (&J)"), self.renew, needs_row=True)
        self.change_button = self.button(
            self.tr("Correct contract… (&X)"), self.open_selected, needs_row=True
        )

    def new_text(self) -> str:
        raise NotImplementedError

    def fetch(self) -> list[Any]:
        return self.load(self.actor, self.record_id)

    def new_contract(self) -> None:
        self.run(ContractDialog(self.actor, self, **{self.owner: self.record_id}))

    def renew(self) -> None:
        view = self.selected()
        if view is None:
            return
        if view.renewed_by is not None:
            self.bar.show_message(self.tr("This contract has already been renewed."))
            return
        self.run(ContractDialog(self.actor, self, renewing=view.contract))

    def open_row(self, row: ContractView) -> QDialog:
        return ContractDialog(self.actor, self, existing=row.contract)


class ContractsSection(_ContractsBase):
    """The workplace's collective contracts: its own and the regional ones covering it."""

    load = staticmethod(union_work.list_contracts)
    owner = "organization_id"

    def empty_text(self) -> str:
        return self.tr(
            "No collective contract covers this workplace. Record one with “New contract…”."
        )

    def new_text(self) -> str:
        return self.tr("New contract… (&S)")


class RegionalContractsSection(_ContractsBase):
    """The contracts a building's federation signed for its workplaces (区域性集体合同)."""

    load = staticmethod(union_work.regional_contracts)
    owner = "building_id"

    def empty_text(self) -> str:
        return self.tr(
            "The building's federation has signed no regional contract. Record one with "
            "“New regional contract…”."
        )

    def new_text(self) -> str:
        return self.tr("New regional &contract…")


class OpenAffairsSection(_RecordsSection):
    """The workplace's open-affairs checks (厂务公开)."""

    load = staticmethod(union_work.list_checks)
    dialog = CheckDialog

    def make_model(self) -> TextsTableModel:
        return TextsTableModel(
            [
                self.tr("Checked on"),
                self.tr("Rating"),
                self.tr("Findings"),
                self.tr("Follow-up"),
            ],
            lambda c: [
                short_text(c.checked_on),
                union_work.rating_label(c.rating),
                " ".join(c.findings.split()),
                " ".join(c.follow_up.split()),
            ],
            warn=lambda c: c.rating != "good",
        )

    def empty_text(self) -> str:
        return self.tr("No open-affairs check recorded yet. Record one with “Record a check…”.")

    def add_buttons(self) -> None:
        self.record_button = self.button(self.tr("Record a check… (&S)"), self.record)
        self.change_button = self.button(
            self.tr("Chan&ge check…"), self.open_selected, needs_row=True
        )
