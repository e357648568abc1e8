"""The month calendar of events, with the station's coverage check: a big event every month, a
small one every week (月有大活动，周有小活动)."""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.events import Event
from stationapp.services import events
from stationapp.ui.forms import add_button

WEEKS = 6
MAX_TITLES = 4
WEEK_WARNING_STYLE = "background: #fff4e5; border: 1px solid #ffd599;"
CELL_STYLE = "background: palette(base); border: 1px solid palette(mid);"
TODAY_STYLE = "background: #e8f1fb; border: 2px solid #0b57d0;"
WARNING_STYLE = "color: #8a5300;"


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def previous_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_end(day: date) -> date:
    return next_month(day) - timedelta(days=1)


def grid_start(first: date) -> date:
    """The Monday on or before the first of the month: the grid's first cell."""
    return first - timedelta(days=first.weekday())


def event_line(event: Event) -> str:
    """An event as a link in a day cell: big ones bold, cancelled ones struck through."""
    text = html.escape(event.title)
    time_text = QLocale().toString(event.starts_at.time(), QLocale.FormatType.ShortFormat)
    text = f"{time_text} {text}"
    if event.size == "big":
        text = f"<b>{text}</b>"
    if event.state == "cancelled":
        text = f"<s>{text}</s>"
    return f'<a href="{event.id}" style="text-decoration: none;">{text}</a>'


class DayCell(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setWordWrap(True)
        self.setMargin(3)
        self.setMinimumSize(90, 52)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.day: date | None = None


class CalendarPage(QWidget):
    """A month, Monday first. Clicking an event opens it; a week with no small event is
    highlighted and the month's coverage warnings are listed under the grid."""

    event_activated = Signal(int)

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.month = month_start(today())
        self.coverage: events.Coverage | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.previous_button = add_button(
            top, self.tr("◀ Previ&ous month"), self.show_previous, self.tr("Page Up")
        )
        self.month_label = QLabel()
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.month_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        top.addWidget(self.month_label, 1)
        self.today_button = add_button(
            top, self.tr("Thi&s month"), lambda: self.show_month(month_start(today()))
        )
        self.next_button = add_button(
            top, self.tr("Ne&xt month ▶"), self.show_next, self.tr("Page Down")
        )
        layout.addLayout(top)

        grid_frame = QFrame()
        self.grid = QGridLayout(grid_frame)
        self.grid.setSpacing(2)
        locale = QLocale()
        for column in range(7):
            name = locale.dayName(column + 1, QLocale.FormatType.ShortFormat)
            header = QLabel(f"<b>{html.escape(name)}</b>")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(header, 0, column)
        self.cells: list[DayCell] = []
        for week in range(WEEKS):
            self.grid.setRowStretch(week + 1, 1)
            for column in range(7):
                cell = DayCell()
                cell.linkActivated.connect(self._open_link)
                self.grid.addWidget(cell, week + 1, column)
                self.cells.append(cell)
        for column in range(7):
            self.grid.setColumnStretch(column, 1)
        layout.addWidget(grid_frame, 1)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.warnings)
        legend = QLabel(
            self.tr(
                "<b>Bold</b>: big event. <s>Struck through</s>: cancelled. A highlighted week has "
                "no small event."
            )
        )
        layout.addWidget(legend)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, self.show_previous).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, self.show_next).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.refresh()

    def show_previous(self) -> None:
        self.show_month(previous_month(self.month))

    def show_next(self) -> None:
        self.show_month(next_month(self.month))

    def show_month(self, day: date) -> None:
        self.month = month_start(day)
        self.refresh()

    def refresh(self) -> None:
        first = self.month
        start = grid_start(first)
        end = start + timedelta(days=WEEKS * 7 - 1)
        locale = QLocale()
        # The month's heading as a date pattern the translation sets (zh_CN: yyyy年M月).
        self.month_label.setText(locale.toString(first, self.tr("MMMM yyyy")))
        try:
            found = events.list_events(self.actor, date_from=start, date_to=end, limit=1000)
            # Whole weeks of the grid, so a week that straddles two months counts all its days.
            self.coverage = events.coverage(self.actor, date_from=start, date_to=end)
        except UserError as exc:
            self.warnings.setText(exc.message)
            return
        by_day: dict[date, list[Event]] = {}
        for event in sorted(found, key=lambda e: e.starts_at):
            by_day.setdefault(event.starts_at.date(), []).append(event)
        weeks_without = {monday for monday, _sunday in self.coverage.weeks_without_small}
        last = month_end(first)
        on = today()
        for number, cell in enumerate(self.cells):
            day = start + timedelta(days=number)
            cell.day = day
            monday = day - timedelta(days=day.weekday())
            in_month = first <= day <= last
            shown = by_day.get(day, [])
            number_text = str(day.day)
            if not in_month:
                number_text = f'<span style="color: #999999;">{number_text}</span>'
            lines = [f"<b>{number_text}</b>"]
            lines.extend(event_line(e) for e in shown[:MAX_TITLES])
            if len(shown) > MAX_TITLES:
                lines.append(self.tr("and %n more", "", len(shown) - MAX_TITLES))
            cell.setText("<br>".join(lines))
            cell.setToolTip("\n".join(e.title for e in shown))
            week_short = (
                monday in weeks_without and monday <= last and monday + timedelta(6) >= first
            )
            style = CELL_STYLE
            if week_short:
                style = WEEK_WARNING_STYLE
            if day == on:
                style = TODAY_STYLE
            cell.setStyleSheet(f"QLabel {{{style}}}")
            cell.setProperty("week_without_small", week_short)
        self.warnings.setText("\n".join(self.warning_lines()))

    def warning_lines(self) -> list[str]:
        """The coverage warnings of the month shown."""
        if self.coverage is None:
            return []
        first, last = self.month, month_end(self.month)
        locale = QLocale()
        lines = []
        if first.strftime("%Y-%m") in self.coverage.months_without_big:
            lines.append(self.tr("Coverage: no big event this month."))
        weeks = [
            (monday, sunday)
            for monday, sunday in self.coverage.weeks_without_small
            if monday <= last and sunday >= first
        ]
        if weeks:
            short = QLocale.FormatType.ShortFormat
            spans = "、".join(
                f"{locale.toString(monday, short)}–{locale.toString(sunday, short)}"
                for monday, sunday in weeks
            )
            lines.append(
                self.tr(
                    "Coverage: %n week(s) without a small event: {weeks}", "", len(weeks)
                ).format(weeks=spans)
            )
        return lines

    def cell_for(self, day: date) -> DayCell | None:
        return next((cell for cell in self.cells if cell.day == day), None)

    def cell_text(self, day: date) -> str:
        cell = self.cell_for(day)
        return cell.text() if cell is not None else ""

    def _open_link(self, link: str) -> None:
        if link.isdigit():
            self.event_activated.emit(int(link))
