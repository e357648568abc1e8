"""The Book loans tab (职工书屋): circulation first, then catalogue, overdue lists, boxes lent to
workplaces, stocktakes and statistics."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QTabWidget, QVBoxLayout, QWidget

from stationapp.db import today
from stationapp.models.accounts import Staff
from stationapp.services import library, library_boxes
from stationapp.services.accounts import has_permission
from stationapp.ui.bus import ChangeBus
from stationapp.ui.forms import (
    add_button,
    layout_with_bar,
    page_keys,
    reports_user_errors,
    step_tabs,
)
from stationapp.ui.library.boxes import BoxesWidget
from stationapp.ui.library.catalogue import CatalogueWidget
from stationapp.ui.library.circulation import CirculationWidget
from stationapp.ui.library.overdue import OverdueWidget
from stationapp.ui.library.stocktake import StocktakeWidget

STATISTICS_DAYS = 365


class LibraryStatisticsWidget(QWidget):
    """The last year's figures: loans per month, most borrowed, readers, box loans per site."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        top.addWidget(self.summary, 1)
        add_button(top, self.tr("Refresh"), self.refresh)
        layout.addLayout(top)
        lists = QHBoxLayout()
        self.months = self._column(lists, self.tr("Loans per month"))
        self.titles = self._column(lists, self.tr("Most borrowed titles"))
        self.workplaces = self._column(lists, self.tr("Readers per workplace"))
        self.sites = self._column(lists, self.tr("Box loans per site"))
        layout.addLayout(lists, 1)

    def _column(self, row: QHBoxLayout, title: str) -> QListWidget:
        column = QVBoxLayout()
        label = QLabel(f"<b>{title}</b>")
        column.addWidget(label)
        widget = QListWidget()
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column.addWidget(widget, 1)
        row.addLayout(column, 1)
        return widget

    def refresh(self) -> None:
        end = today()
        start = end - timedelta(days=STATISTICS_DAYS)
        figures = library.statistics(self.actor, date_from=start, date_to=end)
        sites = library_boxes.box_loans_per_site(self.actor, start, end)
        self.summary.setText(
            self.tr("Last 12 months: %n active reader(s)", "", figures.active_readers)
        )
        for widget, rows in (
            (self.months, sorted(figures.loans_by_month.items(), reverse=True)),
            (self.titles, figures.top_titles),
            (self.workplaces, figures.readers_by_workplace),
            (self.sites, sites),
        ):
            widget.clear()
            for name, count in rows:
                widget.addItem(f"{name}　{count}")
            if not rows:
                widget.addItem(self.tr("Nothing yet."))

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        self.refresh()


class LibraryTab(QWidget):
    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout, self.bar = layout_with_bar(self)
        self.pages = QTabWidget()
        self.circulation = CirculationWidget(actor, bus)
        self.pages.addTab(self.circulation, self.tr("&Lend and return"))
        self.catalogue = CatalogueWidget(actor, bus)
        self.pages.addTab(self.catalogue, self.tr("Catalo&gue"))
        self.overdue = OverdueWidget(actor, bus)
        self.pages.addTab(self.overdue, self.tr("Overdue and &due"))
        self.boxes: BoxesWidget | None = None
        self.stocktake: StocktakeWidget | None = None
        if has_permission(actor, "library.boxes"):
            self.boxes = BoxesWidget(actor, bus)
            self.pages.addTab(self.boxes, self.tr("Mobile book ho&use"))
            self.stocktake = StocktakeWidget(actor, bus)
            self.pages.addTab(self.stocktake, self.tr("Stoc&ktake"))
        self.statistics = LibraryStatisticsWidget(actor)
        self.pages.addTab(self.statistics, self.tr("Stat&istics"))
        layout.addWidget(self.pages, 1)
        # Ctrl+PgUp/PgDn move between the pages from anywhere in the tab (UX.md, keyboard).
        page_keys(self, self.step_page)
        self.circulation.quick_add_requested.connect(self.quick_add)
        self.circulation.box_scanned.connect(self.open_box)
        self.overdue.person_activated.connect(self.lend_to)

    def step_page(self, step: int) -> None:
        """The next (1) or previous (-1) page, round the end."""
        step_tabs(self.pages, step)
        page = self.pages.currentWidget()
        if page is self.circulation:
            self.circulation.focus_scan()
        elif page is not None and page.focusWidget() is None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        """Ctrl+F: the current page's search (the borrower search at the desk)."""
        page = self.pages.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        if self.pages.currentWidget() is self.circulation:
            self.circulation.focus_scan()

    def quick_add(self, isbn: str) -> None:
        self.pages.setCurrentWidget(self.catalogue)
        self.catalogue.quick_add(isbn)

    def open_box(self, box_id: int) -> None:
        if self.boxes is None:
            self.bar.show_message(self.tr("Only librarians handle the boxes."), "warning")
            return
        self.pages.setCurrentWidget(self.boxes)
        self.boxes.select_box(box_id)

    @reports_user_errors
    def lend_to(self, person_id: int) -> None:
        self.circulation.set_borrower(person_id)
        self.pages.setCurrentWidget(self.circulation)
        self.circulation.focus_scan()

    def save_state(self) -> None:
        for page in (self.circulation, self.catalogue, self.overdue, self.boxes, self.stocktake):
            if page is not None and hasattr(page, "save_state"):
                page.save_state()
