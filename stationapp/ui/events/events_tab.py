"""The Events tab (活动报名): the list of events with one event's roster, the month calendar with
the coverage check, and the statistics. A header line keeps what needs deciding in view: events
below their minimum on their decision date, and gaps in the month's and next month's coverage."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.events import Event
from stationapp.services import events
from stationapp.services.accounts import has_permission
from stationapp.ui import layout_state
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.events.calendar_page import (
    CalendarPage,
    grid_start,
    month_end,
    month_start,
    next_month,
)
from stationapp.ui.events.event_dialog import EventDialog
from stationapp.ui.events.event_page import EventPage
from stationapp.ui.events.signin_sheet import event_when
from stationapp.ui.events.statistics_page import StatisticsPage
from stationapp.ui.forms import add_button, layout_with_bar, page_keys, search_box, step_tabs
from stationapp.ui.table_model import RowsTableModel, list_beside_page, setup_list_view

Index = QModelIndex | QPersistentModelIndex
PAGE_LIMIT = 500
# The key columns (places, waitlist, state) come right after the title, so a narrow list shows
# them without scrolling sideways; series and venue (also on the event's page) come last.
(
    COL_WHEN,
    COL_TITLE,
    COL_PLACES,
    COL_WAITLIST,
    COL_STATE,
    COL_SIZE,
    COL_SERIES,
    COL_VENUE,
) = range(8)
GREY = QColor("#777777")
FULL = QColor("#8a5300")
HEADER_STYLE = "color: #8a5300;"


def list_when(starts_at: datetime, this_year: int) -> str:
    """When an event starts, short enough for the list: ``12-10 14:00`` within this year,
    ``2027-01-08 18:30`` otherwise (never a date without its year that could be another year's,
    UX.md). The end is in the row's tooltip and on the event's page."""
    day = starts_at.strftime("%m-%d" if starts_at.year == this_year else "%Y-%m-%d")
    return f"{day} {starts_at:%H:%M}"


class EventTableModel(RowsTableModel):
    """The events found, with their places and waitlists counted for the whole page in one query.

    The list shows at most PAGE_LIMIT events (upcoming ones soonest first, else newest first);
    ``truncated`` says when more matched and the search should narrow it.
    """

    def __init__(self, actor: Staff, parent: Any = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.rows: list[Event] = []
        self.counts: dict[int, events.EventCounts] = {}
        self.series_names: dict[int, str] = {}
        self.truncated = False
        self.this_year = today().year
        self.headers = [""] * 8
        for column, text in (
            (COL_WHEN, self.tr("Date and time")),
            (COL_TITLE, self.tr("Title")),
            (COL_PLACES, self.tr("Places")),
            (COL_WAITLIST, self.tr("Waitlist")),
            (COL_STATE, self.tr("State")),
            (COL_SIZE, self.tr("Size")),
            (COL_SERIES, self.tr("Series")),
            (COL_VENUE, self.tr("Venue")),
        ):
            self.headers[column] = text

    def reload(self, *, text: str = "", upcoming: bool = False) -> None:
        self.beginResetModel()
        try:
            found = events.list_events(
                self.actor, text=text, upcoming=upcoming, limit=PAGE_LIMIT + 1
            )
            self.this_year = today().year
            self.truncated = len(found) > PAGE_LIMIT
            self.rows = found[:PAGE_LIMIT]
            self.counts = events.counts([e.id for e in self.rows])
            self.series_names = {s.id: s.name for s in events.list_series(self.actor)}
        except UserError:
            self.rows, self.counts, self.truncated = [], {}, False
            raise
        finally:
            self.endResetModel()

    def event_at(self, row: int) -> Event | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def cell(self, event: Event, column: int, role: int) -> Any:
        counts = self.counts.get(event.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_WHEN:
                return list_when(event.starts_at, self.this_year)
            if column == COL_TITLE:
                return event.title
            if column == COL_SERIES:
                return self.series_names.get(event.series_id, "") if event.series_id else ""
            if column == COL_SIZE:
                return events.size_label(event.size)
            if column == COL_VENUE:
                return event.venue
            if column == COL_PLACES:
                taken = counts.taken if counts else 0
                return f"{taken}/{event.capacity}"
            if column == COL_WAITLIST:
                waiting = counts.waitlisted if counts else 0
                return str(waiting) if waiting else ""
            if column == COL_STATE:
                return events.event_state_label(event.state)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_WHEN:
            return event_when(event)
        if role == Qt.ItemDataRole.FontRole and event.size == "big" and column == COL_TITLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if event.state != "open":
                return QBrush(GREY)
            if column == COL_PLACES and counts and counts.taken >= event.capacity:
                return QBrush(FULL)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_PLACES, COL_WAITLIST):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return event.id
        return None


class EventsTab(QWidget):
    TABLE_NAME = "events"

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.bus = bus
        self.can_manage = has_permission(actor, "event.manage")
        self._stale: set[QWidget] = set()
        layout, self.bar = layout_with_bar(self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setStyleSheet(HEADER_STYLE)
        self.header.linkActivated.connect(lambda link: self.open_event(int(link)))
        layout.addWidget(self.header)
        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)

        self.events_page = events_page = QWidget()
        events_layout = QVBoxLayout(events_page)
        filters = QHBoxLayout()
        self.search = search_box(self.tr("Search event titles (Ctrl+F)"), self.focus_list)
        self.search.textChanged.connect(self.refresh_list)
        self.search.returnPressed.connect(self._open_first)
        filters.addWidget(self.search, 2)
        self.upcoming = QCheckBox(self.tr("&Upcoming only"))
        self.upcoming.setChecked(True)
        self.upcoming.toggled.connect(self.refresh_list)
        filters.addWidget(self.upcoming)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        self.new_button = add_button(
            filters, self.tr("New event… (&J)"), self.new_event, self.tr("Set up an event (Ctrl+N)")
        )
        self.edit_button = add_button(
            filters,
            self.tr("E&dit event…"),
            self.edit_event,
            self.tr("Change the event shown (Ctrl+E)"),
        )
        for button in (self.new_button, self.edit_button):
            button.setVisible(self.can_manage)
        events_layout.addLayout(filters)

        self.model = EventTableModel(actor, self)
        self.table = layout_state.leave_on_tab(QTableView())
        setup_list_view(self.table, self.model)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = QLabel(self.tr("No events match."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page = EventPage(actor)
        # Deleting an event set up by mistake is rare: it sits in the page's "More" menu.
        self.page.more_menu.addSeparator()
        self.delete_action = self.page.more_menu.addAction(
            self.tr("&Delete event…"), self.delete_event
        )
        self.delete_action.setToolTip(
            self.tr(
                "Delete an event set up by mistake; one with registrations is cancelled instead"
            )
        )
        self.delete_action.setVisible(has_permission(actor, "event.delete"))
        self.splitter = list_beside_page(self.table, self.empty, self.page, (620, 680))
        events_layout.addWidget(self.splitter, 1)
        self.pages.addTab(events_page, self.tr("Eve&nts"))

        self.calendar = CalendarPage(actor)
        self.calendar.event_activated.connect(self.open_event)
        self.pages.addTab(self.calendar, self.tr("Ca&lendar"))
        self.statistics = StatisticsPage(actor)
        self.pages.addTab(self.statistics, self.tr("Statisti&cs"))
        self.pages.currentChanged.connect(self._page_shown)

        layout_state.restore_columns(self.table, self.TABLE_NAME, (170, 180), stretch=COL_TITLE)
        # After the first fill's sizing (connected after it, so it runs after it) and whenever
        # the list changes width: series and venue give way so the title stays readable.
        self._fit_columns_on = True
        self.model.modelReset.connect(self._fit_columns, Qt.ConnectionType.QueuedConnection)
        self.table.viewport().installEventFilter(self)
        self.table.horizontalHeader().viewport().installEventFilter(self)
        layout_state.restore_splitter(self.splitter, self.TABLE_NAME)
        # The tab's keys work wherever the focus is in the tab (UX.md): F8 and F9 act on the
        # event selected in the list, Ctrl+PgUp/PgDn move between the tab's own pages.
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_event),
            (QKeySequence("Ctrl+E"), self.edit_event),
            (QKeySequence(Qt.Key.Key_F8), self.register_key),
            (QKeySequence(Qt.Key.Key_F9), self.check_in_key),
        ):
            QShortcut(keys, self, slot).setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page_keys(self, lambda step: step_tabs(self.pages, step))
        bus.changed.connect(self._on_changed)
        self._stale.add(self.statistics)  # counted when first shown
        self.refresh()

    # --- columns ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        elif (
            watched is self.table.horizontalHeader().viewport()
            and event.type() == QEvent.Type.MouseButtonPress
        ):
            self._fit_columns_on = False  # the staff member arranges the columns now
        return super().eventFilter(watched, event)

    def _fit_columns(self, *_args: object) -> None:
        """Keep the title readable in a narrow list while the columns are sized from their
        content (not the staff member's own widths): series and venue, which the event's page
        shows too, give up width first, down to their header."""
        table = self.table
        if not self._fit_columns_on or not getattr(table, "_stationapp_sized", False):
            return
        width = table.viewport().width()
        header = table.horizontalHeader()
        limit = int(width * 0.45)

        def natural(column: int) -> int:
            return min(
                max(table.sizeHintForColumn(column), header.sectionSizeHint(column)) + 8, limit
            )

        title = min(natural(COL_TITLE), int(width * 0.4))
        fixed = sum(
            header.sectionSize(c)
            for c in range(self.model.columnCount())
            if c not in (COL_TITLE, COL_SERIES, COL_VENUE) and not header.isSectionHidden(c)
        )
        room = max(0, width - fixed - title)
        series, venue = natural(COL_SERIES), natural(COL_VENUE)
        if series + venue > room:
            series = room * series // (series + venue)
            venue = room - series
        for column, wanted in ((COL_SERIES, series), (COL_VENUE, venue)):
            table.setColumnWidth(column, max(wanted, header.sectionSizeHint(column) + 8))

    # --- state ----------------------------------------------------------------------------------

    def save_state(self) -> None:
        layout_state.save_columns(self.table, self.TABLE_NAME)
        layout_state.save_splitter(self.splitter, self.TABLE_NAME)
        self.page.save_state()

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    # --- refreshing -----------------------------------------------------------------------------

    def _on_changed(self, entity: str) -> None:
        if entity in ("event", "registration", "person", "organization"):
            self.refresh()

    def refresh(self, *_args: object) -> None:
        self.refresh_header()
        self.refresh_list()
        if self.page.event_id is not None:
            self.page.reload()
        self._stale.update((self.calendar, self.statistics))
        self._page_shown(self.pages.currentIndex())

    def _page_shown(self, index: int) -> None:
        widget = self.pages.widget(index)
        if widget in self._stale:
            self._stale.discard(widget)
            widget.refresh()

    def refresh_list(self, *_args: object) -> None:
        selected = self.page.event_id
        try:
            self.model.reload(text=self.search.text(), upcoming=self.upcoming.isChecked())
        except UserError as exc:
            self.bar.show_message(exc.message)
        total = self.model.rowCount()
        text = self.tr("%n event(s)", "", total)
        if self.model.truncated:
            text = self.tr("the first %n events; narrow the search", "", total)
        self.count_label.setText(text)
        self.empty.setVisible(total == 0)
        if selected is not None:
            self.model.select(self.table, selected)
        self._update_buttons()

    def _update_buttons(self) -> None:
        shown = self.page.shown is not None
        self.edit_button.setEnabled(self.can_manage and shown)
        self.delete_action.setEnabled(shown)

    def refresh_header(self) -> None:
        self.header.setText("<br>".join(self.header_lines()))
        self.header.setVisible(bool(self.header.text()))

    def header_lines(self, on: date | None = None) -> list[str]:
        """Decisions due on the minimum, then the coverage gaps of this month and the next."""
        on = on or today()
        locale = QLocale()
        lines = []
        try:
            due = events.decisions_due(self.actor, on=on)
            first = month_start(on)
            last = month_end(next_month(on))
            # Whole weeks, so a week that straddles two months counts all its days.
            coverage = events.coverage(
                self.actor,
                date_from=grid_start(first),
                date_to=last + timedelta(days=6 - last.weekday()),
            )
        except UserError as exc:
            return [html.escape(exc.message)]
        for decision in due:
            lines.append(
                self.tr(
                    'Minimum participants: <a href="{id}">{title}</a> has {taken} of at least '
                    "{minimum}; decide whether it goes ahead (decision date {date})."
                ).format(
                    id=decision.event.id,
                    title=html.escape(decision.event.title),
                    taken=decision.taken,
                    minimum=decision.minimum,
                    date=short_text(decision.event.decision_on),
                )
            )
        for month in (first, next_month(first)):
            if month.strftime("%Y-%m") in coverage.months_without_big:
                lines.append(
                    self.tr("Coverage: no big event in {month}.").format(
                        month=locale.toString(month, self.tr("MMMM yyyy"))
                    )
                )
        weeks = [
            (monday, sunday)
            for monday, sunday in coverage.weeks_without_small
            if sunday >= on and monday <= last
        ]
        if weeks:
            lines.append(
                self.tr("Coverage: no small event in the week(s) of {weeks}.").format(
                    weeks="、".join(f"{short_text(m)}–{short_text(s)}" for m, s in weeks)
                )
            )
        return lines

    # --- choosing -------------------------------------------------------------------------------

    def _open_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def focus_list(self) -> None:
        """↓ from the search box: into the list, on the first row unless one is current."""
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    # --- the tab's keys -------------------------------------------------------------------------

    def _event_for_key(self, key: str) -> Event | None:
        """The event selected in the list, on the Events page; else says why not."""
        self.pages.setCurrentWidget(self.events_page)
        event = self.page.shown
        if event is None:
            self.bar.show_message(
                self.tr(
                    "Choose an event in the list first: {key} acts on the selected event."
                ).format(key=key),
                "warning",
            )
            return None
        if not self.page.can_register:
            self.bar.show_message(
                self.tr("Registering and checking in are for the staff who run events."),
                "warning",
            )
            return None
        self.bar.hide()
        return event

    def register_key(self) -> None:
        """F8: register someone for the selected event."""
        event = self._event_for_key("F8")
        if event is None:
            return
        if event.state != "open":
            self.bar.show_message(
                self.tr("“{title}” takes no more registrations ({state}).").format(
                    title=event.title, state=events.event_state_label(event.state)
                ),
                "warning",
            )
            return
        self.page.focus_register()

    def check_in_key(self) -> None:
        """F9: check someone in at the selected event."""
        event = self._event_for_key("F9")
        if event is None:
            return
        if event.state == "cancelled":
            self.bar.show_message(
                self.tr("“{title}” is cancelled: there is no one to check in.").format(
                    title=event.title
                ),
                "warning",
            )
            return
        self.page.focus_check_in()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        event = self.model.event_at(current.row())
        if event is not None and self.page.event_id != event.id:
            self.page.show_event(event.id)
        self._update_buttons()

    def open_event(self, event_id: int) -> None:
        """Show an event on the Events page, widening the filter if it hides it."""
        self.pages.setCurrentIndex(0)
        row = self.model.row_of(event_id)
        if row < 0 and (self.search.text() or self.upcoming.isChecked()):
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.upcoming.blockSignals(True)
            self.upcoming.setChecked(False)
            self.upcoming.blockSignals(False)
            self.refresh_list()
            row = self.model.row_of(event_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        if self.page.event_id != event_id:
            self.page.show_event(event_id)
        self._update_buttons()

    # --- setting up -----------------------------------------------------------------------------

    def new_event(self) -> None:
        if not self.can_manage:
            return
        dialog = EventDialog(self.actor, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        created = dialog.saved
        dialog.deleteLater()
        if not accepted or created is None:
            return
        self.refresh()
        self.open_event(created.id)
        self.bar.show_message(self.tr("Event set up: {title}.").format(title=created.title), "info")

    def edit_event(self) -> None:
        if not self.can_manage or self.page.shown is None:
            return
        dialog = EventDialog(self.actor, self, event=self.page.shown)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.refresh()

    def delete_event(self) -> None:
        event = self.page.shown
        if event is None or not has_permission(self.actor, "event.delete"):
            return
        can_cancel = self.can_manage and event.state == "open"
        outcome = delete_or_offer(
            self,
            self.bar,
            name=f"“{event.title}”",
            delete=lambda: events.delete_event(self.actor, event.id),
            instead=self.page.cancel_event if can_cancel else None,
            instead_question=self.tr("Cancel “{title}” instead?").format(title=event.title),
        )
        if outcome is Outcome.DELETED:
            self.page.show_event(None)
            self.refresh()
            self.bar.show_message(
                self.tr("Event deleted: {title}.").format(title=event.title), "info"
            )
