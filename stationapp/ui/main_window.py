"""The main window: it assembles the tabs, the menus and the status bar, and nothing else."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from stationapp import __version__
from stationapp.config import Keys
from stationapp.db import close_database, describe_url, sqlite_path, today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import accounts, changes
from stationapp.services.maintenance import open_station_database
from stationapp.ui import layout_state
from stationapp.ui.bus import ChangeBus, ExternalChangeWatcher
from stationapp.ui.idle_lock import ContentCover, IdleWatcher, LockDialog
from stationapp.ui.lazy import LazyTab, built_from

if TYPE_CHECKING:
    from stationapp.ui.backups import BackupWorker
    from stationapp.ui.events.events_tab import EventsTab
    from stationapp.ui.library.library_tab import LibraryTab
    from stationapp.ui.mediation.cases_tab import CasesTab
    from stationapp.ui.people.people_tab import PeopleTab
    from stationapp.ui.today import TodayTab
    from stationapp.ui.visits.visits_tab import VisitsTab

log = logging.getLogger(__name__)
SERVER_GONE_STYLE = "background: #fdecea; color: #8c1d18; padding: 0 6px;"


def _today_tab(actor: Staff, bus: ChangeBus) -> QWidget:
    from stationapp.ui.today import TodayTab

    return TodayTab(actor, bus, fill_after_paint=True)


def _visits_tab(actor: Staff, bus: ChangeBus) -> QWidget:
    from stationapp.ui.visits.visits_tab import VisitsTab

    return VisitsTab(actor, bus, counters_after_paint=True)


def _tab(module: str, name: str) -> Callable[[Staff, ChangeBus], QWidget]:
    """The factory of a tab whose class ``name`` in ``ui/<module>`` takes the actor and the bus:
    its module is imported when the tab is first built."""
    return functools.partial(built_from, f"stationapp.ui.{module}", name)


# The permissions of the Member services tab's pages (ui/members/members_tab.py PAGES): the tab
# shows when the role holds one of them.
MEMBER_SERVICES: tuple[str, ...] = ("member.read", "aid.read", "welfare.read")


# The window's tabs in order: key, the permission that shows it (None: everyone; a tuple: any of
# them), the factory.
# Each tab's module is imported and its widget built the first time the tab is shown or asked
# for, so the window paints after building only the tab it opens on.
TABS: tuple[
    tuple[str, str | tuple[str, ...] | None, Callable[[Staff, ChangeBus], QWidget]], ...
] = (
    ("today", None, _today_tab),
    ("visits", "visit.read", _visits_tab),
    ("people", None, _tab("people.people_tab", "PeopleTab")),
    ("workplaces", "workplace.read", _tab("workplaces.workplaces_tab", "WorkplacesTab")),
    ("library", "library.read", _tab("library.library_tab", "LibraryTab")),
    ("events", "event.read", _tab("events.events_tab", "EventsTab")),
    ("cases", "case.create", _tab("mediation.cases_tab", "CasesTab")),
    ("rooms", "room.read", _tab("rooms.rooms_tab", "RoomsTab")),
    ("members", MEMBER_SERVICES, _tab("members.members_tab", "MemberServicesTab")),
)


# What the window frame (title bar, borders) takes of the screen's height, at most.
WINDOW_FRAME_ALLOWANCE = 40


class MainWindow(QMainWindow):
    actor_changed = Signal()

    def __init__(self, actor: Staff, *, database_url: str, demo: bool = False) -> None:
        super().__init__()
        self.actor = actor
        self.database_url = database_url
        self.demo = demo
        self._shown_once = False
        self.bus = ChangeBus(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Work that can wait until the window is on screen (the tab bar is painted first).
        self._painted_once = False
        self._after_first_paint: list[Callable[[], None]] = []
        self.tabs.tabBar().installEventFilter(self)
        self.setCentralWidget(self.tabs)
        self.user_label = QLabel()
        self.db_label = QLabel()
        # The database server gone (PostgreSQL): a label of its own, so that a passing message
        # (a failed backup, a saved password) cannot hide it while the server is away.
        self.server_label = QLabel()
        self.server_label.setStyleSheet(SERVER_GONE_STYLE)
        self.server_label.setWordWrap(False)
        self.server_label.hide()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.server_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        # A key sequence given to Qt makes PySide create the Qt namespace's enums, a tenth of a
        # bare window's start: the shortcuts are set right after the first paint.
        self.after_first_paint(self._install_shortcuts)
        self.bus.changed.connect(self._on_changed)
        # Made before the tabs read their rows; on PostgreSQL it starts listening for other
        # desks' changes after the first paint, and catches up on what was committed since.
        self.watcher = ExternalChangeWatcher(self, listen_now=False)
        # The database server gone (PostgreSQL): said in the status bar until it is back; the
        # forms keep what was typed.
        self.watcher.server_lost.connect(self._server_lost)
        self.watcher.server_back.connect(self.server_label.hide)
        self.watcher.server_back.connect(self._retry_failed_tab)
        self.after_first_paint(self.watcher.start_listening)
        self.lock_dialog: LockDialog | None = None
        settings = accounts.station_settings()  # read once for the lock and the title
        self.idle = IdleWatcher(self, timeout_ms=self._idle_timeout_ms(settings), watch=False)
        self.idle.idle.connect(self.lock_now)
        self.after_first_paint(self.idle.watch_input)
        self.backup_worker: BackupWorker | None = None
        self._build_tabs()
        self._update_title(settings)
        self.resize(1200, 760)
        geometry = QSettings().value(Keys.MAIN_GEOMETRY.name)
        if geometry:
            self.restoreGeometry(geometry)
        self._fit_to_screen()
        # The tab last used, by key (the order of tabs differs between roles and versions).
        saved_tab = QSettings().value(Keys.MAIN_TAB.name, "")
        if saved_tab not in self._pages:
            saved_tab = next(iter(self._pages))
        self.show_tab(saved_tab)

    # --- building ----------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.switch_action = QAction(self.tr("&Switch user…"), self)
        self.switch_action.triggered.connect(self.switch_user)
        file_menu.addAction(self.switch_action)
        self.password_action = QAction(self.tr("Change &password…"), self)
        self.password_action.triggered.connect(self.change_password)
        file_menu.addAction(self.password_action)
        file_menu.addSeparator()
        self.quit_action = quit_action = QAction(self.tr("&Quit"), self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.reports_menu = bar.addMenu(self.tr("&Reports"))
        self.report_action = QAction(self.tr("&Monthly and yearly report…"), self)
        self.report_action.triggered.connect(self.open_reports)
        self.reports_menu.addAction(self.report_action)

        self.admin_menu = bar.addMenu(self.tr("&Administration"))
        self.staff_action = QAction(self.tr("&Staff accounts…"), self)
        self.staff_action.triggered.connect(self.manage_staff)
        self.admin_menu.addAction(self.staff_action)
        self.settings_action = QAction(self.tr("Station se&ttings…"), self)
        self.settings_action.triggered.connect(self.station_settings)
        self.admin_menu.addAction(self.settings_action)
        self.catalogue_action = QAction(self.tr("Service &catalogue…"), self)
        self.catalogue_action.triggered.connect(self.edit_catalogue)
        self.admin_menu.addAction(self.catalogue_action)
        self.rooms_action = QAction(self.tr("R&ooms and counsellors on duty…"), self)
        self.rooms_action.triggered.connect(self.set_up_rooms)
        self.admin_menu.addAction(self.rooms_action)
        self.admin_menu.addSeparator()
        self.retention_action = QAction(self.tr("&Retention of personal data…"), self)
        self.retention_action.triggered.connect(self.open_retention)
        self.admin_menu.addAction(self.retention_action)
        self.backups_action = QAction(self.tr("&Backups…"), self)
        self.backups_action.triggered.connect(self.open_backups)
        self.admin_menu.addAction(self.backups_action)
        self.audit_action = QAction(self.tr("&Audit trail…"), self)
        self.audit_action.triggered.connect(self.open_audit)
        self.admin_menu.addAction(self.audit_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About stationapp"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _install_shortcuts(self) -> None:
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.report_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        for number in range(1, 10):
            QShortcut(
                QKeySequence(f"Ctrl+{number}"),
                self,
                lambda n=number: self.switch_to_tab(n - 1),
            )
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

    def _build_tabs(self) -> None:
        """(Re)create the tabs for the signed-in staff member: what they see follows their roles."""
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self._save_tab_state(widget)
            self.tabs.removeTab(0)
            widget.deleteLater()
        # Column widths and splitters are each staff member's own.
        layout_state.set_profile(self.actor.username)
        self._pages: dict[str, LazyTab] = {}
        titles = {
            "today": self.tr("&Today"),
            "visits": self.tr("&Visits"),
            "people": self.tr("&People"),
            "workplaces": self.tr("&Workplaces"),
            "library": self.tr("&Books"),
            "events": self.tr("&Events"),
            "cases": self.tr("&Mediation"),
            "rooms": self.tr("Rooms (&Z)"),
            "members": self.tr("Member services (&Q)"),
        }
        for key, permission, factory in TABS:
            if isinstance(permission, tuple):
                if not any(accounts.has_permission(self.actor, p) for p in permission):
                    continue
            elif permission is not None and not accounts.has_permission(self.actor, permission):
                continue
            page = LazyTab(key, lambda f=factory, a=self.actor: f(a, self.bus))
            self._pages[key] = page
            self.tabs.addTab(page, titles[key])
        if "today" in self._pages:
            # Today's items open the records they are about, on the tab each belongs to.
            self._pages["today"].on_built = self._connect_today
        if "cases" in self._pages:
            # The deadline count in the tab's title can wait for the window to have painted.
            self.after_first_paint(self._update_cases_title)
        self.admin_menu.menuAction().setVisible(
            accounts.has_permission(self.actor, "staff.manage")
            or accounts.has_permission(self.actor, "settings.manage")
            or accounts.has_permission(self.actor, "catalogue.manage")
            or accounts.has_permission(self.actor, "backup.manage")
            or accounts.has_permission(self.actor, "audit.read")
            or accounts.has_permission(self.actor, "room.manage")
        )
        self.reports_menu.menuAction().setVisible(
            accounts.has_permission(self.actor, "report.view")
        )
        self.audit_action.setVisible(accounts.has_permission(self.actor, "audit.read"))
        self.backups_action.setVisible(accounts.has_permission(self.actor, "backup.manage"))
        self.retention_action.setVisible(accounts.has_permission(self.actor, "settings.manage"))
        self.catalogue_action.setVisible(accounts.has_permission(self.actor, "catalogue.manage"))
        self.staff_action.setVisible(accounts.has_permission(self.actor, "staff.manage"))
        self.rooms_action.setVisible(accounts.has_permission(self.actor, "room.manage"))
        self.settings_action.setVisible(accounts.has_permission(self.actor, "settings.manage"))

    # --- the tabs ----------------------------------------------------------------------

    def tab(self, key: str) -> QWidget | None:
        """The content of the tab ``key`` (built now if it was not yet), or None when the
        signed-in staff member's roles do not show it."""
        page = self._pages.get(key)
        return page.content if page is not None else None

    def show_tab(self, key: str) -> QWidget | None:
        """Bring the tab ``key`` to the front; its content, or None when the roles do not show
        it or it cannot be built now (the page says why: the database out of reach)."""
        page = self._pages.get(key)
        if page is None:
            return None
        self.tabs.setCurrentWidget(page)
        return page.try_content()

    def current_tab(self) -> QWidget | None:
        page = self.tabs.currentWidget()
        return page.try_content() if isinstance(page, LazyTab) else None

    @property
    def today_tab(self) -> TodayTab | None:
        return self.tab("today")

    @property
    def visits_tab(self) -> VisitsTab | None:
        return self.tab("visits")

    @property
    def people_tab(self) -> PeopleTab:
        return self.tab("people")

    @property
    def library_tab(self) -> LibraryTab | None:
        return self.tab("library")

    @property
    def events_tab(self) -> EventsTab | None:
        return self.tab("events")

    @property
    def cases_tab(self) -> CasesTab | None:
        return self.tab("cases")

    def _cases_title(self) -> str:
        """The tab's title carries the count of due and overdue deadlines, seen at a glance."""
        from stationapp.services import mediation  # computed after the first paint

        try:
            count = len(mediation.deadlines(self.actor))
        except UserError:
            count = 0
        title = self.tr("&Mediation")
        return f"{title} ({count})" if count else title

    def _connect_today(self, today_tab: QWidget) -> None:
        today_tab.open_requested.connect(self.open_record)

    def open_record(self, kind: str, record_id: int, related_id: int) -> None:
        """Show the record a Today item is about on the tab it belongs to (a "section:KEY"
        kind: the whole list the section comes from)."""
        if kind.startswith("section:"):
            self.open_section(kind.removeprefix("section:"))
        elif kind == "person":
            tab = self.show_tab("people")
            if tab is not None:
                tab.select_person(record_id)
        elif kind == "workplace":
            tab = self.show_tab("workplaces")
            if tab is not None:
                tab.open_workplace(record_id)
        elif kind == "case":
            tab = self.show_tab("cases")
            if tab is not None:
                tab.open_case(record_id)
        elif kind in ("event", "event_decision", "coverage_month", "coverage_week"):
            tab = self.show_tab("events")
            if tab is not None and kind in ("event", "event_decision"):
                tab.open_event(record_id)
            elif tab is not None:
                tab.pages.setCurrentWidget(tab.calendar)
        elif kind == "loan":
            tab = self.show_tab("library")
            if tab is not None:
                tab.lend_to(related_id)
        elif kind == "box_loan":
            tab = self.show_tab("library")
            if tab is not None:
                tab.open_box(related_id)
        elif kind == "room_booking":
            tab = self.show_tab("rooms")
            if tab is not None:
                tab.show_booking(record_id)
        elif kind in ("visits", "follow_up"):
            tab = self.show_tab("visits")
            if tab is not None and kind == "follow_up":
                tab.show_page(tab.follow_ups)
            elif tab is not None:
                tab.show_page(tab.log)
                tab.log.set_date_range(today(), today())

    def _update_title(self, settings: accounts.StationSettings | None = None) -> None:
        station = (settings or accounts.station_settings()).station_name
        title = (
            self.tr("{station} – stationapp").format(station=station) if station else "stationapp"
        )
        if self.demo:
            title += " " + self.tr("(demo)")
        self.setWindowTitle(title)
        roles = "、".join(accounts.role_label(r) for r in sorted(self.actor.role_set))
        self.user_label.setText(
            self.tr("Signed in: {name} ({roles})").format(name=self.actor.display_name, roles=roles)
        )
        self.db_label.setText(
            self.tr("Database: {url}").format(url=describe_url(self.database_url))
        )

    def open_section(self, key: str) -> None:
        """The full list behind a Today section whose lines did not all fit."""
        if key in ("visits", "follow_ups"):
            self.open_record("follow_up" if key == "follow_ups" else "visits", 0, 0)
        elif key in ("cases", "case_files"):
            self.show_tab("cases")
        elif key in ("loans", "boxes"):
            tab = self.show_tab("library")
            page = None if tab is None else (tab.overdue if key == "loans" else tab.boxes)
            if page is not None:
                tab.pages.setCurrentWidget(page)
        elif key == "rooms":
            self.show_tab("rooms")
        elif key in ("events", "coverage"):
            tab = self.show_tab("events")
            if tab is not None and key == "coverage":
                tab.pages.setCurrentWidget(tab.calendar)
        elif key == "hardship":
            self.show_tab("people")
        elif key in ("workplaces", "contracts", "congresses"):
            tab = self.show_tab("workplaces")
            if tab is not None:
                tab.show_filtered("large_without_union" if key == "workplaces" else key)

    # --- actions ----------------------------------------------------------------------

    def switch_to_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def focus_search(self) -> None:
        tab = self.tabs.currentWidget()
        if hasattr(tab, "focus_search"):
            tab.focus_search()

    def set_actor(self, actor: Staff) -> None:
        self.actor = actor
        self._build_tabs()
        self._update_title()
        self.actor_changed.emit()

    def switch_user(self) -> None:
        from stationapp.ui.accounts import ChangePasswordDialog, SignInDialog

        dialog = SignInDialog(self, station_name=accounts.station_settings().station_name)
        dialog.username.clear()
        dialog.username.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.staff is None:
            return
        staff = dialog.staff
        if staff.must_change_password:
            forced = ChangePasswordDialog(staff, self, forced=True)
            if forced.exec() != QDialog.DialogCode.Accepted:
                return
        self.set_actor(staff)

    def change_password(self) -> None:
        from stationapp.ui.accounts import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("Password changed."), 5000)

    def manage_staff(self) -> None:
        self._open_dialog("accounts", "StaffDialog")

    # The administration dialogs' modules are imported when first opened: no start-up cost.

    def _open_dialog(self, module: str, name: str) -> None:
        """Open the dialog ``name`` of ``ui/<module>`` for the staff member signed in."""
        built_from(f"stationapp.ui.{module}", name, self.actor, self).exec()

    def edit_catalogue(self) -> None:
        self._open_dialog("visits.catalogue", "CatalogueDialog")

    def set_up_rooms(self) -> None:
        self._open_dialog("rooms.setup_dialog", "RoomSetupDialog")

    def open_retention(self) -> None:
        self._open_dialog("retention", "RetentionDialog")

    def open_reports(self) -> None:
        self._open_dialog("reports", "ReportsDialog")

    def open_audit(self) -> None:
        self._open_dialog("audit", "AuditDialog")

    def run_daily_jobs(self) -> None:
        """Once a day at start: the backup (in the background) and the retention job."""
        from stationapp.services import retention

        self.start_daily_backup()
        try:
            done = retention.daily_anonymisation()
        except UserError as exc:
            log.warning("retention job not run: %s", exc.message)
            return
        if done:
            self.statusBar().showMessage(
                self.tr("%n person(s) past the retention period were anonymised.", "", done),
                15_000,
            )

    def open_backups(self) -> None:
        from stationapp.ui.backups import BackupsDialog

        dialog = BackupsDialog(self.actor, self.database_url, self)
        dialog.restored.connect(self._after_restore)
        dialog.exec()

    def _after_restore(self, source: str, safety: str) -> None:
        """The database was replaced: upgrade it if older, audit, and ask for a new sign-in
        (the restored database has its own staff accounts)."""
        from stationapp.services import backup
        from stationapp.ui.accounts import SignInDialog

        username = self.actor.username
        close_database()
        try:
            open_station_database(self.database_url)
            backup.record_restore(
                username, Path(source), Path(safety) if safety else None, via="window"
            )
        except UserError as exc:
            QMessageBox.critical(self, self.tr("Cannot open the database"), exc.message)
            self.close()
            return
        self.watcher.poll()
        changes.notify_all()
        QMessageBox.information(
            self,
            self.tr("Backup restored"),
            self.tr("The backup was restored. Please sign in again.")
            + (
                "\n\n" + self.tr("The replaced database was saved as {path}.").format(path=safety)
                if safety
                else ""
            ),
        )
        dialog = SignInDialog(self, station_name=accounts.station_settings().station_name)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.staff is None:
            self.close()
            return
        self.set_actor(dialog.staff)

    # --- the idle lock ------------------------------------------------------------------

    def _idle_timeout_ms(self, settings: accounts.StationSettings | None = None) -> int:
        return (settings or accounts.station_settings()).idle_lock_minutes * 60_000

    def lock_now(self) -> None:
        """Hide every window's content and ask for the password (issue #8, idle lock)."""
        if self.lock_dialog is not None:
            return
        self.idle.pause()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        covers = [
            ContentCover(window)
            for window in QApplication.topLevelWidgets()
            if window.isVisible()
            and window.isWindow()
            and window.windowType() in (QtCore.Qt.WindowType.Window, QtCore.Qt.WindowType.Dialog)
        ]
        self.lock_dialog = LockDialog(self.actor, self)
        log.info("window locked after %s idle", self.idle.timer.interval())
        dialog = self.lock_dialog
        result = dialog.exec()
        staff = dialog.staff
        self.lock_dialog = None
        if not shiboken6.isValid(dialog):
            return  # the window was destroyed while it was locked (its dialog with it)
        dialog.deleteLater()
        for cover in covers:
            if shiboken6.isValid(cover):
                cover.deleteLater()
        if result == LockDialog.QUIT or staff is None:
            self._close_other_windows()
            self.close()
            return
        if staff.id != self.actor.id:
            # Another staff member: the previous one's open forms are not theirs to see.
            self._close_other_windows()
            if staff.must_change_password:
                from stationapp.ui.accounts import ChangePasswordDialog

                forced = ChangePasswordDialog(staff, self, forced=True)
                if forced.exec() != QDialog.DialogCode.Accepted:
                    self.close()
                    return
            self.set_actor(staff)
        self.idle.resume()

    def _close_other_windows(self) -> None:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, QDialog) and window.isVisible():
                window.reject()

    def start_daily_backup(self) -> bool:
        """Make today's automatic backup off the window's thread; False if none is due."""
        from stationapp.services import backup

        try:
            settings = backup.backup_settings()
            if not backup.daily_backup_due(self.database_url, settings):
                return False
        except UserError as exc:
            log.warning("daily backup not checked: %s", exc.message)
            return False
        if sqlite_path(self.database_url) is None and backup.pg_dump_path() is None:
            log.warning("no daily backup: pg_dump is not installed")
            return False
        from stationapp.ui.backups import BackupWorker

        self.backup_worker = BackupWorker(self.database_url, settings, backup.DAILY, self)
        self.backup_worker.succeeded.connect(
            lambda path: log.info("daily backup written: %s", path)
        )
        self.backup_worker.failed.connect(self._daily_backup_failed)
        self.backup_worker.start()
        return True

    def _retry_failed_tab(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, LazyTab) and page.failed:
            page.try_content()

    def _server_lost(self, message: str) -> None:
        self.server_label.setText(message)
        self.server_label.show()

    def _daily_backup_failed(self, message: str) -> None:
        log.error("daily backup failed: %s", message)
        self.statusBar().showMessage(
            self.tr("Today's automatic backup failed: {reason}").format(reason=message)
        )

    def station_settings(self) -> None:
        from stationapp.ui.accounts import StationSettingsDialog

        if StationSettingsDialog(self.actor, self).exec() == QDialog.DialogCode.Accepted:
            self._update_title()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About stationapp"),
            self.tr(
                "<b>stationapp</b> {version}<br>The desktop application of a street trade-union "
                "service station: visits, mediation, books and events.<br><br>Database: {url}"
            ).format(version=__version__, url=describe_url(self.database_url)),
        )

    def _on_changed(self, entity: str) -> None:
        if entity in ("settings", "staff"):
            self._update_title()
        if entity == "settings":
            self.idle.set_timeout_ms(self._idle_timeout_ms())
        if entity == "case":
            # After the tab itself has refreshed its deadlines.
            QTimer.singleShot(0, self, self._update_cases_title)

    def _update_cases_title(self) -> None:
        page = self._pages.get("cases")
        if page is not None and shiboken6.isValid(page):
            self.tabs.setTabText(self.tabs.indexOf(page), self._cases_title())

    # --- closing ----------------------------------------------------------------------

    def _save_tab_state(self, widget: QWidget) -> None:
        if hasattr(widget, "save_state"):
            widget.save_state()

    def after_first_paint(self, job: Callable[[], None]) -> None:
        """Run ``job`` once the window is on screen (now, if it already is): work that can wait
        does not hold back the first paint."""
        if self._painted_once:
            QTimer.singleShot(0, self, job)
        else:
            self._after_first_paint.append(job)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted_once:
            self._painted_once = True
            watched.removeEventFilter(self)
            for job in self._after_first_paint:
                QTimer.singleShot(0, self, job)
            self._after_first_paint.clear()
        return super().eventFilter(watched, event)

    def _fit_to_screen(self) -> None:
        """No larger than the screen's free area, title bar included: the default size on an
        office screen (1366x768), or a size remembered from a larger screen."""
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        width = min(self.width(), room.width())
        height = min(self.height(), room.height() - WINDOW_FRAME_ALLOWANCE)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.focus_search()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backup_worker is not None and self.backup_worker.isRunning():
            self.statusBar().showMessage(self.tr("Finishing today's backup…"))
            self.backup_worker.wait()
        settings = QSettings()
        settings.setValue(Keys.MAIN_GEOMETRY.name, self.saveGeometry())
        page = self.tabs.currentWidget()
        if isinstance(page, LazyTab):
            settings.setValue(Keys.MAIN_TAB.name, page.key)
        for index in range(self.tabs.count()):
            self._save_tab_state(self.tabs.widget(index))
        # A closed window no longer asks the database whether another desk changed something.
        self.watcher.timer.stop()
        super().closeEvent(event)
