"""The Today tab (今日): what needs doing now, for the signed-in staff member's roles.

Each section of services/today.py is a box with its count and up to eight lines; a line opens
the record it is about (``open_requested``), the last line of a longer section opens the whole
list. The tab refreshes when a record changes (coalesced, and only while it is on screen) and
when the day changes; members' birthdays of the week print as a greeting list.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPaintEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import accounts
from stationapp.ui.bus import ChangeBus
from stationapp.ui.dates import short_text
from stationapp.ui.forms import add_button, layout_with_bar, push_button, single_shot

if TYPE_CHECKING:
    from types import ModuleType

    from stationapp.services.today import Item, Section

OVERDUE_COLOR = QColor("#b3261e")
EMPTY_COLOR = QColor("#6b6b6b")
# Qt.ItemDataRole.UserRole and after: PySide makes the Qt namespace's enums (a tenth of a bare
# window's start) on its first use, which the window's first paint does without.
USER_ROLE = 0x0100
KIND_ROLE = USER_ROLE
ID_ROLE = USER_ROLE + 1
RELATED_ROLE = USER_ROLE + 2
# A line that opens a whole section's list: its kind is this prefix and the section's key.
SECTION_PREFIX = "section:"
# Changes arriving together (a batch entry, another desk's save) refresh the tab once.
REFRESH_DELAY_MS = 300
DAY_CHECK_MS = 60_000


def _service() -> ModuleType:
    """services.today and the services it reads (visits, cases, library, events) are imported
    with the first fill, which comes after the window's first paint."""
    from stationapp.services import today as today_service

    return today_service


class SectionBox(QGroupBox):
    """One section: a title with the count, an optional summary line, the list of items."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.hide()
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName(f"today_{key}")
        self.list.setFrameShape(QListWidget.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list)
        self.extra = QHBoxLayout()
        layout.addLayout(self.extra)
        layout.addStretch(1)  # a box taller than its list (its neighbour is longer): list on top

    def fit_height(self) -> None:
        rows = max(1, self.list.count())
        row = self.list.sizeHintForRow(0) if self.list.count() else 20
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth() + 4)


class TodayTab(QWidget):
    """The day's overview; every line leads to its record on the tab it belongs to."""

    open_requested = Signal(str, int, int)  # kind, record id, related id

    def __init__(
        self,
        actor: Staff,
        bus: ChangeBus,
        parent: QWidget | None = None,
        *,
        fill_after_paint: bool = False,
    ) -> None:
        """``fill_after_paint``: the sections are computed just after the tab is first painted
        (the main window opens on this tab: its frame shows at once, the figures follow; on a
        large station they take a few hundred milliseconds)."""
        super().__init__(parent)
        self.actor = actor
        self.day: date = today()
        self.sections: dict[str, Section] = {}
        self.boxes: dict[str, SectionBox] = {}
        self._dirty = False
        layout, self.bar = layout_with_bar(self)
        header = QHBoxLayout()
        self.date_label = QLabel()
        font = self.date_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.date_label.setFont(font)
        header.addWidget(self.date_label, 1)
        self.refresh_button = add_button(header, self.tr("Refre&sh"), self.refresh)
        layout.addLayout(header)

        self.empty_label = QLabel(
            self.tr("Nothing is due today for your roles. Use the other tabs to start work.")
        )
        self.empty_label.hide()  # aligned when laid out, after the first paint
        layout.addWidget(self.empty_label)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.scroll.setWidget(self.grid_host)
        layout.addWidget(self.scroll, 1)

        self.print_birthdays_button = push_button(
            self.tr("Print the &greeting list…"), self.print_birthdays
        )
        # 生日送祝福: the selected member's greeting recorded in this month's birthday round.
        self.greeting_button = push_button(
            self.tr("Greeting se&nt"),
            self.record_greeting,
            self.tr("Record the selected member's birthday greeting as sent (welfare rounds)"),
        )

        self._refresh_timer = single_shot(self, REFRESH_DELAY_MS, self.refresh)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()
        bus.changed.connect(self._on_changed)
        self._fill_pending = fill_after_paint
        if fill_after_paint:
            self._show_date()
        else:
            self.refresh()

    # --- refreshing -------------------------------------------------------------------------

    def _on_changed(self, _entity: str) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fill_pending and (self._dirty or self.day != today()):
            self.refresh()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._fill_pending:
            # The frame is on screen: now the figures.
            self._fill_pending = False
            QTimer.singleShot(0, self, self.refresh)

    def check_day(self) -> None:
        """After midnight, today is another day: the tab follows without a restart."""
        if self.day != today():
            if self.isVisible():
                self.refresh()
            else:
                self._dirty = True

    def refresh(self) -> None:
        self._refresh_timer.stop()
        self._dirty = False
        self.day = today()
        self._show_date()
        try:
            found = _service().today_sections(self.actor, on=self.day)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.bar.hide()
        self.sections = {s.key: s for s in found}
        self._lay_out(found)

    def _show_date(self) -> None:
        locale = QLocale()
        self.date_label.setText(
            self.tr("Today: {date}").format(
                date=locale.toString(
                    QDate(self.day.year, self.day.month, self.day.day),
                    QLocale.FormatType.LongFormat,
                )
            )
        )

    def _lay_out(self, found: list[Section]) -> None:
        self.grid.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        # Keep the buttons alive while their box goes.
        self.print_birthdays_button.setParent(None)
        self.greeting_button.setParent(None)
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.boxes = {}
        for index, section in enumerate(found):
            box = SectionBox(section.key)
            self._fill(box, section)
            self.boxes[section.key] = box
            self.grid.addWidget(box, index // 2, index % 2)
        self.empty_label.setVisible(not found)
        self.scroll.setVisible(bool(found))

    # --- one section ------------------------------------------------------------------------

    def _fill(self, box: SectionBox, section: Section) -> None:
        box.setTitle(self.section_title(section))
        summary = self.section_summary(section)
        box.summary.setText(summary)
        box.summary.setVisible(bool(summary))
        for item in section.items:
            line = QListWidgetItem(self.item_text(item))
            line.setData(KIND_ROLE, item.kind)
            line.setData(ID_ROLE, item.record_id)
            line.setData(RELATED_ROLE, item.related_id)
            if item.overdue:
                line.setForeground(QBrush(OVERDUE_COLOR))
                line.setToolTip(
                    self.tr("Kept past its retention date: decide what becomes of the file")
                    if section.key == "case_files"
                    else self.tr("Overdue")
                )
            box.list.addItem(line)
        if section.more:
            more = QListWidgetItem(self.tr("… and %n more: show all", "", section.more))
            more.setData(KIND_ROLE, SECTION_PREFIX + section.key)
            more.setData(ID_ROLE, 0)
            more.setData(RELATED_ROLE, 0)
            box.list.addItem(more)
        if not section.items:
            empty = QListWidgetItem(self.empty_text(section.key))
            empty.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            empty.setForeground(QBrush(EMPTY_COLOR))
            box.list.addItem(empty)
        box.list.itemActivated.connect(self._activated)
        box.fit_height()
        if section.key == "birthdays":
            self.print_birthdays_button.setEnabled(bool(section.total))
            box.extra.addStretch(1)
            if accounts.has_permission(self.actor, "welfare.deliver"):
                box.extra.addWidget(self.greeting_button)
            box.extra.addWidget(self.print_birthdays_button)

    def section_title(self, section: Section) -> str:
        n = section.total
        titles = {
            "visits": self.tr("Today's visits (%n)", "", n),
            "follow_ups": self.tr("Follow-ups due (%n)", "", n),
            "cases": self.tr("Case deadlines: overdue or within 3 days (%n)", "", n),
            "case_files": self.tr("Case files past retention (%n)", "", n),
            "sessions": self.tr("Today's mediation sessions (%n)", "", n),
            "loans": self.tr("Loans overdue or due today (%n)", "", n),
            "boxes": self.tr("Book boxes due back within 7 days (%n)", "", n),
            "events": self.tr("This week's events and decisions (%n)", "", n),
            "coverage": self.tr("Event coverage warnings this month (%n)", "", n),
            "birthdays": self.tr("Members' birthdays this week (%n)", "", n),
            "rooms": self.tr("Today's room bookings (%n)", "", n),
            "workplaces": self.tr("Workplaces of 25 or more employees without a union (%n)", "", n),
            "contracts": self.tr("Collective contracts expiring within 60 days (%n)", "", n),
            "congresses": self.tr("Workers' congresses overdue (%n)", "", n),
        }
        if section.key == "hardship":
            if section.summary == "cooling":
                return self.tr("Summer cooling visits: hardship files not yet visited (%n)", "", n)
            return self.tr("Spring Festival visits: hardship files not yet visited (%n)", "", n)
        return titles.get(section.key, section.key)

    def section_summary(self, section: Section) -> str:
        if section.key == "visits":
            if section.summary in ("", "—"):
                return self.tr("This month's satisfaction: no ratings yet")
            return self.tr("This month's satisfaction: {rate}").format(rate=section.summary)
        if section.key == "hardship" and section.covered:
            return self.tr(
                "%n already reached by a welfare round of this season", "", section.covered
            )
        return ""

    def empty_text(self, key: str) -> str:
        texts = {
            "visits": self.tr("No visits yet today."),
            "coverage": self.tr("This month has its big event and a small one every week."),
            "birthdays": self.tr("No member has a birthday this week."),
            "hardship": self.tr("Everyone on the hardship files has been visited."),
            "rooms": self.tr("No room is booked today."),
            "contracts": self.tr("No workplace's collective contract runs out within 60 days."),
            "congresses": self.tr("Every workplace has held its workers' congress in time."),
        }
        return texts.get(key, self.tr("Nothing due."))

    def item_text(self, item: Item) -> str:
        if item.kind == "coverage_month":
            return self.tr("No big event planned in {month}").format(month=item.text)
        if item.kind == "event_decision":
            return self.tr("Decide whether to hold it (taken/minimum): {event}").format(
                event=item.text
            )
        if item.kind == "coverage_week":
            return self.tr("No small event in the week {week}").format(week=item.text)
        if item.kind == "workplace" and item.overdue:
            return self.tr("{line} (overdue)").format(line=item.text)
        return item.text

    def _activated(self, line: QListWidgetItem) -> None:
        kind = line.data(KIND_ROLE)
        if not kind:
            return
        if kind == SECTION_PREFIX + "birthdays":
            self.print_birthdays()
            return
        self.open_requested.emit(kind, int(line.data(ID_ROLE)), int(line.data(RELATED_ROLE)))

    # --- the greeting list ------------------------------------------------------------------

    def record_greeting(self) -> None:
        """The selected birthday line's greeting recorded as sent (services/welfare)."""
        box = self.boxes.get("birthdays")
        line = box.list.currentItem() if box is not None else None
        if line is None or line.data(KIND_ROLE) != "person":
            self.bar.show_message(self.tr("Choose a member in the birthday list first."))
            return
        from stationapp.services import welfare

        try:
            welfare.record_greeting(self.actor, int(line.data(ID_ROLE)), on=self.day)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.refresh()

    def birthday_document(self) -> QTextDocument:
        """The week's birthdays as a printable list with a column to tick off greetings."""
        import html  # when printing, as Qt's print support

        from stationapp.ui.printing import html_document

        today_service = _service()
        found = today_service.birthday_list(self.actor, self.day)
        monday, sunday = today_service.week_of(self.day)

        def day_text(day: date | None) -> str:
            # None: a role that sees no birth dates gets the week's names only.
            return short_text(day) if day is not None else self.tr("This week")

        station = accounts.station_settings().station_name
        rows = "".join(
            "<tr>"
            f"<td>{number}</td><td>{html.escape(day_text(b.day))}</td>"
            f"<td>{html.escape(b.name)}</td><td>{'' if b.age is None else b.age}</td>"
            f"<td>{html.escape(b.workplace)}</td><td>{html.escape(b.phone)}</td><td></td>"
            "</tr>"
            for number, b in enumerate(found, start=1)
        )
        headers = (
            self.tr("No."),
            self.tr("Birthday"),
            self.tr("Name"),
            self.tr("Age"),
            self.tr("Workplace"),
            self.tr("Phone"),
            self.tr("Greeting sent"),
        )
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        title = self.tr("Birthday greetings for members, {start} to {end}").format(
            start=day_text(monday), end=day_text(sunday)
        )
        count = self.tr("%n member(s).", "", len(found))
        signature = self.tr("Greetings sent by: ____________   Date: ____________")
        body = (
            f"<h2 align='center'>{html.escape(station)}</h2>"
            f"<h3 align='center'>{html.escape(title)}</h3>"
            "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
            f"<tr>{head}</tr>{rows}</table>"
            f"<p>{html.escape(count)}</p><p>{html.escape(signature)}</p>"
        )
        return html_document(body)

    def print_birthdays(self) -> None:
        from stationapp.ui.printing import preview_document

        try:
            document = self.birthday_document()
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        preview_document(document, self, title=self.tr("Birthday greeting list"))
