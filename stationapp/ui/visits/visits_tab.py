"""The Worker visits tab (来访登记): register, follow-ups, the log, outreach."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QTabWidget, QWidget

from stationapp.models.accounts import Staff
from stationapp.services import accounts, visits
from stationapp.ui.bus import ChangeBus
from stationapp.ui.forms import layout_with_bar, page_keys, reports_user_errors, step_tabs
from stationapp.ui.lazy import LazyTab, built_from
from stationapp.ui.visits.register import VisitDialog, VisitForm

TOP_PURPOSES_SHOWN = 4

if TYPE_CHECKING:
    from stationapp.ui.visits.follow_ups import FollowUpsWidget
    from stationapp.ui.visits.log import VisitLogWidget
    from stationapp.ui.visits.outreach import OutreachWidget


class VisitsTab(QWidget):
    def __init__(
        self,
        actor: Staff,
        bus: ChangeBus,
        parent: QWidget | None = None,
        *,
        counters_after_paint: bool = False,
    ) -> None:
        """``counters_after_paint``: the day's counters in the header are computed just after
        the tab is first painted (a window that opens on this tab shows the form at once; the
        counters read the day's and the month's visits)."""
        super().__init__(parent)
        self.actor = actor
        layout, self.bar = layout_with_bar(self)
        header = QHBoxLayout()
        self.today_label = QLabel()
        self.today_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.today_label, 1)
        self.satisfaction_label = QLabel()
        header.addWidget(self.satisfaction_label)
        layout.addLayout(header)

        self.pages = QTabWidget()
        self.form: VisitForm | None = None
        if accounts.has_permission(actor, "visit.create"):
            self.form = VisitForm(actor)
            self.pages.addTab(self.form, self.tr("Re&gister a visit"))
        # The other pages are built when first shown (or used): the tab opens on the form.

        def lazy_page(key: str, name: str, title: str) -> LazyTab:
            """The page ``name`` of ui/visits/<key>.py, its module imported when first shown."""
            page = LazyTab(key, lambda: built_from(f"stationapp.ui.visits.{key}", name, actor, bus))
            self.pages.addTab(page, title)
            return page

        self._follow_ups = lazy_page("follow_ups", "FollowUpsWidget", self.tr("Follow-ups (&K)"))
        self._log = lazy_page("log", "VisitLogWidget", self.tr("Visit &log"))
        self._log.on_built = lambda log: log.open_visit_requested.connect(self.open_visit)
        self._outreach = lazy_page("outreach", "OutreachWidget", self.tr("&Outreach"))
        layout.addWidget(self.pages, 1)
        # Ctrl+PgUp/PgDn turn the tab's pages wherever the focus is in the tab (UX.md), even in
        # a list, which would otherwise take the keys for itself.
        page_keys(self, self.step_page)
        bus.changed.connect(self._on_changed)
        self._counters_pending = counters_after_paint
        if not counters_after_paint:
            self.refresh_counters()

    @property
    def follow_ups(self) -> FollowUpsWidget:
        return self._follow_ups.content

    @property
    def log(self) -> VisitLogWidget:
        return self._log.content

    @property
    def outreach(self) -> OutreachWidget:
        return self._outreach.content

    def show_page(self, page: QWidget) -> None:
        """Make ``page`` (the form, ``follow_ups``, ``log`` or ``outreach``) the current page."""
        for lazy in (self._follow_ups, self._log, self._outreach):
            if lazy.built and lazy.content is page:
                page = lazy
        self.pages.setCurrentWidget(page)

    def step_page(self, step: int) -> None:
        step_tabs(self.pages, step)
        self.pages.currentWidget().setFocus(Qt.FocusReason.TabFocusReason)

    def save_state(self) -> None:
        self._follow_ups.save_state()
        self._log.save_state()
        self._outreach.save_state()

    def focus_search(self) -> None:
        """Ctrl+F: back to the visitor search of a fresh visit."""
        if self.form is not None:
            self.pages.setCurrentWidget(self.form)
            self.form.focus_start()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        if self.form is not None and self.pages.currentWidget() is self.form:
            self.form.focus_start()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._counters_pending:
            self._counters_pending = False
            QTimer.singleShot(0, self, self.refresh_counters)

    def _on_changed(self, entity: str) -> None:
        if entity in ("visit", "service"):
            self.refresh_counters()

    @reports_user_errors
    def refresh_counters(self) -> None:
        total = visits.visits_on(self.actor)
        counts = visits.day_counts(self.actor)
        satisfaction = visits.month_satisfaction(self.actor)
        parts = [self.tr("Today: %n visits", "", total)]
        parts += [f"{c.service_name} {c.count}" for c in counts[:TOP_PURPOSES_SHOWN]]
        if len(counts) > TOP_PURPOSES_SHOWN:
            rest = sum(c.count for c in counts[TOP_PURPOSES_SHOWN:])
            parts.append(self.tr("others %n", "", rest))
        self.today_label.setText("　".join(parts))
        self.today_label.setToolTip(
            "\n".join(f"{c.service_name}: {c.count}" for c in counts) or self.tr("No visits yet")
        )
        if satisfaction.rate is None:
            self.satisfaction_label.setText(self.tr("This month's satisfaction: no ratings yet"))
        else:
            rate = QLocale().toString(satisfaction.rate * 100, "f", 1)
            self.satisfaction_label.setText(
                self.tr(
                    "This month's satisfaction: {rate}% of %n rated", "", satisfaction.rated
                ).format(rate=rate)
            )

    @reports_user_errors
    def open_visit(self, visit_id: int) -> None:
        if not accounts.has_permission(self.actor, "visit.update"):
            return
        dialog = VisitDialog(self.actor, visits.get_visit(self.actor, visit_id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bar.show_message(self.tr("The visit was corrected."), "info")
