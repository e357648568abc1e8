"""The report to the district union (区总工会) in the window: choose a month or a year, read the
figures and the charts of the areas one may see, save them as Excel or as a PDF."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import reports
from stationapp.services.reports import Period, StationReport, Table
from stationapp.ui.charts import ChartWidget
from stationapp.ui.forms import MessageBar
from stationapp.ui.layout_state import leave_on_tab
from stationapp.ui.report_pdf import format_cell, report_charts, write_report_pdf

# A figure column is at least this many digits wide, so figures are not crammed.
FIGURE_DIGITS = 8


class FigureTable(QTableWidget):
    """A table of figures sized to its contents inside the page's one scroll area: it never
    scrolls itself, and the mouse wheel over it scrolls the page."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


def _table_widget(table: Table) -> QTableWidget:
    widget = leave_on_tab(FigureTable(len(table.rows), len(table.header)))
    widget.setHorizontalHeaderLabels(table.header)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setAccessibleName(table.title)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(format_cell(value))
            if c and (value is None or not isinstance(value, str)):
                item.setTextAlignment(
                    right
                )  # figures; a text cell (the station, the period) reads left
            widget.setItem(r, c, item)
    for c in range(1, len(table.header)):
        widget.horizontalHeaderItem(c).setTextAlignment(right)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # The label column as wide as its content; each figure column room for its figures.
    header = widget.horizontalHeader()
    header.setStretchLastSection(False)
    widget.resizeColumnsToContents()
    padding = widget.fontMetrics().horizontalAdvance("  ")
    figure = widget.fontMetrics().horizontalAdvance("0" * FIGURE_DIGITS) + padding
    for c in range(len(table.header)):
        width = widget.columnWidth(c) + padding
        widget.setColumnWidth(c, max(width, figure) if c else width)
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
    widget.resizeRowsToContents()
    width = sum(widget.columnWidth(c) for c in range(widget.columnCount()))
    widget.setFixedWidth(width + 2 * widget.frameWidth() + 2)
    height = header.sizeHint().height() + 2 * widget.frameWidth()
    height += sum(widget.rowHeight(r) for r in range(widget.rowCount()))
    widget.setFixedHeight(height + 2)
    return widget


class ReportsDialog(QDialog):
    """Reports > Monthly and yearly report. ``ReportsDialog(actor, parent)``; the period starts
    at last month (the report is usually made in the first days of the next one)."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.report: StationReport | None = None
        self.setWindowTitle(self.tr("Report to the district union"))
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else None
        width, height = 1000, 700
        if room is not None:
            # The frame (title bar, borders) takes some of the screen too.
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)
        layout = QVBoxLayout(self)

        choose = QHBoxLayout()
        self.month_button = QRadioButton(self.tr("&Month"))
        self.year_button = QRadioButton(self.tr("&Year"))
        group = QButtonGroup(self)
        group.addButton(self.month_button)
        group.addButton(self.year_button)
        last_month = today().replace(day=1) - timedelta(days=1)
        self.month_edit = QDateEdit(QDate(last_month.year, last_month.month, 1))
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setMinimumDate(QDate(reports.MIN_YEAR, 1, 1))
        self.month_edit.setMaximumDate(QDate(reports.MAX_YEAR, 12, 31))
        self.month_edit.setAccessibleName(self.tr("Month"))
        self.year_edit = QSpinBox()
        self.year_edit.setRange(reports.MIN_YEAR, reports.MAX_YEAR)
        self.year_edit.setValue(today().year)
        self.year_edit.setAccessibleName(self.tr("Year"))
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.refresh)
        for widget in (self.month_button, self.month_edit, self.year_button, self.year_edit):
            choose.addWidget(widget)
        choose.addWidget(self.show_button)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.month_button.setChecked(True)
        self.month_button.toggled.connect(self._kind_changed)
        self._kind_changed()

        self.bar = MessageBar()
        layout.addWidget(self.bar)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.excel_button = QPushButton(self.tr("Save as &Excel…"))
        self.excel_button.clicked.connect(lambda: self.save_excel())
        self.pdf_button = QPushButton(self.tr("Save as &PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        buttons.addButton(self.excel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def _kind_changed(self) -> None:
        monthly = self.month_button.isChecked()
        self.month_edit.setEnabled(monthly)
        self.year_edit.setEnabled(not monthly)

    def period(self) -> Period:
        if self.year_button.isChecked():
            return reports.year_period(str(self.year_edit.value()))
        chosen = self.month_edit.date()
        return reports.month_period(f"{chosen.year():04d}-{chosen.month():02d}")

    def refresh(self) -> None:
        """Make the report of the period chosen and show it."""
        self.bar.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = reports.period_report(self.actor, self.period())
        except UserError as exc:
            self.report = None
            self.bar.show_message(exc.message)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_report()

    def _show_report(self) -> None:
        current = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        report = self.report
        self.excel_button.setEnabled(report is not None)
        self.pdf_button.setEnabled(report is not None)
        if report is None:
            self.title.clear()
            return
        self.title.setText(reports.report_title(report))
        charts = report_charts(report)
        for shown in reports.report_pages(report):
            page = QWidget()
            column = QVBoxLayout(page)
            for section in shown.sections:
                if shown.grouped:
                    heading = QLabel(f"<h3>{html.escape(section.title)}</h3>")
                    heading.setTextFormat(Qt.TextFormat.RichText)
                    column.addWidget(heading)
                for table in section.tables:
                    heading = QLabel(f"<b>{html.escape(table.title)}</b>")
                    heading.setTextFormat(Qt.TextFormat.RichText)
                    column.addWidget(heading)
                    column.addWidget(_table_widget(table), 0, Qt.AlignmentFlag.AlignLeft)
                for key, chart in charts:
                    if key == section.key:
                        widget = ChartWidget(chart)
                        widget.setMinimumHeight(260)
                        column.addWidget(widget)
            column.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, shown.title)
        self.tabs.setCurrentIndex(max(0, min(current, self.tabs.count() - 1)))

    def chart_widgets(self) -> list[ChartWidget]:
        """The charts shown (pages replaced by a refresh are deleted later)."""
        return [
            chart
            for i in range(self.tabs.count())
            for chart in self.tabs.widget(i).findChildren(ChartWidget)
        ]

    # --- saving ---------------------------------------------------------------------------

    def _suggested(self, suffix: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        label = self.report.period.label if self.report else ""
        return Path(folder) / self.tr("station-report-{period}{suffix}").format(
            period=label, suffix=suffix
        )

    def _ask(self, title: str, suffix: str, filter_text: str) -> Path | None:
        chosen, _selected = QFileDialog.getSaveFileName(
            self, title, str(self._suggested(suffix)), filter_text
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def save_excel(self, path: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        if path is None:
            path = self._ask(
                self.tr("Save the report as Excel"), ".xlsx", self.tr("Excel workbook (*.xlsx)")
            )
        if path is None:
            return None
        return self._write(lambda: reports.write_excel(self.report, path), path)

    def save_pdf(self, path: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        if path is None:
            path = self._ask(self.tr("Save the report as PDF"), ".pdf", self.tr("PDF (*.pdf)"))
        if path is None:
            return None
        return self._write(lambda: write_report_pdf(self.report, path), path)

    def _write(self, write: Callable[[], object], path: Path) -> Path | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write()
        except UserError as exc:
            self.bar.show_message(exc.message)
            return None
        except OSError as exc:
            self.bar.show_message(
                self.tr("The file could not be written: {reason}").format(
                    reason=exc.strerror or str(exc)
                )
            )
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.bar.show_message(self.tr("Report saved to {path}").format(path=str(path)), "info")
        return path
