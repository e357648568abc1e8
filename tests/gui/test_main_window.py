from __future__ import annotations

from PySide6.QtCore import Qt

from stationapp.ui.main_window import MainWindow


def test_main_window_opens_on_today_and_builds_other_tabs_when_shown(
    qtbot, show_active, admin, db_url
):
    window = show_active(MainWindow(admin, database_url=db_url))
    assert "王站长" in window.user_label.text()
    assert "station.db" in window.db_label.text()
    keys = [window.tabs.widget(i).key for i in range(window.tabs.count())]
    assert keys == [
        "today",
        "visits",
        "people",
        "workplaces",
        "library",
        "events",
        "cases",
        "rooms",
        "members",
    ]
    assert window.current_tab() is window.today_tab
    # Only the tab on screen is built before the first paint.
    assert [window.tabs.widget(i).built for i in range(window.tabs.count())] == [
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.widget(1).built
    assert window.current_tab() is window.visits_tab
    assert window.visits_tab.form.picker.edit.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab() is window.people_tab
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.people_tab.search.hasFocus()


def test_the_last_tab_used_opens_next_time(qtbot, admin, make_staff, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show_tab("library")
    window.close()
    again = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(again)
    assert again.current_tab() is again.library_tab
    again.close()
    # A librarian has no mediation tab: a saved key they cannot see falls back to Today.
    window.show_tab("cases")
    window.close()
    librarian = MainWindow(make_staff("lib", "librarian"), database_url=db_url)
    qtbot.addWidget(librarian)
    assert librarian.cases_tab is None
    assert librarian.current_tab() is librarian.today_tab


def test_column_widths_and_geometry_are_remembered(qtbot, admin, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.move(37, 23)
    qtbot.waitUntil(lambda: window.pos().x() == 37)
    window.people_tab.table.setColumnWidth(0, 222)
    window.close()
    again = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.people_tab.table.columnWidth(0) == 222
    # The offscreen screen is narrower than the window, so only the height position is free.
    assert again.pos().y() == 23


def test_about_box_shows_version_and_database(qtbot, monkeypatch, admin, db_url):
    from PySide6.QtWidgets import QMessageBox

    from stationapp import __version__

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.about()
    assert __version__ in shown[0] and "station.db" in shown[0]


def test_switching_to_a_librarian_rebuilds_tabs_and_menus(qtbot, admin, make_staff, db_url):
    librarian = make_staff("lib", "librarian")
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert window.staff_action.isVisible()
    window.set_actor(librarian)
    assert window.people_tab.actor.id == librarian.id
    assert not window.staff_action.isVisible()
    assert "测试员" in window.user_label.text()


def test_change_password_dialog_keeps_input_on_mismatch(qtbot, admin):
    from stationapp.services import accounts
    from stationapp.ui.accounts import ChangePasswordDialog

    dialog = ChangePasswordDialog(admin)
    qtbot.addWidget(dialog)
    dialog.old.setText("correct-horse-1")
    dialog.new.setText("new-password-1")
    dialog.repeat.setText("new-password-2")
    dialog.submit()
    assert dialog.fields.error_label("repeat").text()
    assert dialog.new.text() == "new-password-1"
    dialog.repeat.setText("new-password-1")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert accounts.authenticate("admin", "new-password-1").id == admin.id


def test_the_mediation_tab_title_counts_deadlines_once_the_window_is_painted(qtbot, admin, db_url):
    from datetime import timedelta

    from stationapp.db import now, today
    from stationapp.models.mediation import MediationCase
    from stationapp.models.people import Organization

    MediationCase.create(
        year=today().year,
        sequence=1,
        number="建工调〔2026〕1号",
        received_at=now(),
        respondent=Organization.create(name="某公司"),
        state="in_mediation",
        mediation_due=today() - timedelta(days=1),
        created_by=admin,
    )
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    index = [window.tabs.widget(i).key for i in range(window.tabs.count())].index("cases")
    assert not window.tabs.widget(index).built
    window.show()
    qtbot.waitUntil(lambda: window.tabs.tabText(index).endswith("(1)"))
    assert not window.tabs.widget(index).built  # counted by the service, the tab not built


def test_the_reports_menu_opens_the_report_dialog(qtbot, monkeypatch, admin, db_url):
    from stationapp.ui.reports import ReportsDialog

    opened: list[ReportsDialog] = []
    monkeypatch.setattr(ReportsDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert window.reports_menu.menuAction().isVisible()
    window.report_action.trigger()
    assert len(opened) == 1 and opened[0].parent() is window


def test_a_closed_window_stops_polling_for_other_desks_changes(qtbot, admin, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    assert window.watcher.timer.isActive()
    window.close()
    assert not window.watcher.timer.isActive()


def test_work_that_can_wait_runs_after_the_first_paint(qtbot, admin, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    ran: list[str] = []
    window.after_first_paint(lambda: ran.append("daily jobs"))
    qtbot.wait(50)
    assert ran == []  # not before the window is on screen
    window.show()
    qtbot.waitUntil(lambda: ran == ["daily jobs"])
    window.after_first_paint(lambda: ran.append("later"))  # already painted: soon, once
    qtbot.waitUntil(lambda: ran == ["daily jobs", "later"])


def test_the_status_bar_says_when_the_database_server_is_gone_and_back(qtbot, admin, db_url):
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    assert not window.server_label.isVisible()
    lost = window.watcher.lost_message()
    window.watcher.server_lost.emit(lost)
    assert window.server_label.isVisible() and window.server_label.text() == lost
    # A passing message (here: the day's backup failing, as it does with the server away) does
    # not hide it.
    window._daily_backup_failed("pg_dump: server closed the connection unexpectedly")
    assert window.server_label.isVisible() and window.server_label.text() == lost
    window.watcher.server_back.emit()
    assert not window.server_label.isVisible()


def test_the_window_reads_the_station_settings_once_before_its_first_paint(
    qtbot, admin, db_url, monkeypatch
):
    """The idle lock's time and the title come from one read of the settings (issue 22)."""
    from stationapp.services import accounts

    accounts.update_station_settings(
        admin, station_name="朝阳站", case_prefix="朝调", idle_lock_minutes=7
    )
    reads = []
    read = accounts.station_settings
    monkeypatch.setattr(accounts, "station_settings", lambda: reads.append(1) or read())
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    assert len(reads) == 1
    assert window.windowTitle().startswith("朝阳站")
    assert window.idle.timer.interval() == 7 * 60_000
