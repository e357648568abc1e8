"""Event statistics for a range of dates: registrations, attendance, and unique people and
person-times (人次) by workplace, gender, age band and series."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import events
from stationapp.ui.forms import add_button
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
COL_GROUP, COL_PEOPLE, COL_TIMES = range(3)


class BreakdownTableModel(RowsTableModel):
    """One breakdown: a group, its unique people and its person-times."""

    def __init__(self, group_header: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, int, int]] = []
        self.headers = [group_header, self.tr("People"), self.tr("Person-times")]

    def cell(self, row: tuple[str, int, int], column: int, role: int) -> Any:
        name, unique, times = row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_GROUP:
                return name
            return QLocale().toString(unique if column == COL_PEOPLE else times)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_GROUP:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatisticsPage(QWidget):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.result: events.EventStatistics | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        from_label = QLabel(self.tr("Fr&om"))
        top.addWidget(from_label)
        year = today().year
        self.date_from = QDateEdit(QDate(year, 1, 1))
        self.date_from.setCalendarPopup(True)
        self.date_from.setDisplayFormat("yyyy-MM-dd")
        from_label.setBuddy(self.date_from)
        top.addWidget(self.date_from)
        to_label = QLabel(self.tr("&until"))
        top.addWidget(to_label)
        self.date_to = QDateEdit(QDate(year, 12, 31))
        self.date_to.setCalendarPopup(True)
        self.date_to.setDisplayFormat("yyyy-MM-dd")
        to_label.setBuddy(self.date_to)
        top.addWidget(self.date_to)
        self.show_button = add_button(top, self.tr("&Show"), self.refresh)
        top.addStretch(1)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        grid = QGridLayout()
        self.models = {
            "workplace": BreakdownTableModel(self.tr("Workplace"), self),
            "gender": BreakdownTableModel(self.tr("Gender"), self),
            "age": BreakdownTableModel(self.tr("Age band"), self),
            "series": BreakdownTableModel(self.tr("Series"), self),
        }
        titles = {
            "workplace": self.tr("By workplace"),
            "gender": self.tr("By gender"),
            "age": self.tr("By age band"),
            "series": self.tr("By series"),
        }
        for number, (key, model) in enumerate(self.models.items()):
            box = QGroupBox(titles[key])
            box_layout = QVBoxLayout(box)
            view = leave_on_tab(QTableView())
            view.setModel(model)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.setColumnWidth(COL_GROUP, 200)
            box_layout.addWidget(view)
            grid.addWidget(box, number // 2, number % 2)
        layout.addLayout(grid, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "People: how many different people attended. Person-times (人次): how many "
                    "attendances in all."
                )
            )
        )

    def set_range(self, date_from: date, date_to: date) -> None:
        self.date_from.setDate(QDate(date_from))
        self.date_to.setDate(QDate(date_to))
        self.refresh()

    def refresh(self) -> None:
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        if end < start:
            self.summary.setText(self.tr("The end of the range is before its start."))
            return
        try:
            result = events.statistics(self.actor, date_from=start, date_to=end)
        except UserError as exc:
            self.summary.setText(exc.message)
            return
        self.result = result
        locale = QLocale()
        rate = result.attendance_rate
        rate_text = (
            locale.toString(rate * 100, "f", 1) + "%" if rate is not None else self.tr("none yet")
        )
        self.summary.setText(
            self.tr(
                "Registrations: {registrations}　Attended: {attended}　No-shows: {no_shows}　"
                "Attendance rate: {rate}　Unique people: {people}"
            ).format(
                registrations=locale.toString(result.registrations),
                attended=locale.toString(result.attended),
                no_shows=locale.toString(result.no_shows),
                rate=rate_text,
                people=locale.toString(result.unique_people),
            )
        )
        self.models["workplace"].set_rows(result.by_workplace)
        self.models["gender"].set_rows(result.by_gender)
        self.models["age"].set_rows(result.by_age_band)
        self.models["series"].set_rows(result.by_series)
