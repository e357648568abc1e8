from __future__ import annotations

from PySide6.QtCore import Qt

from stationapp.ui.main_window import MainWindow


def test_main_window_opens_on_people_tab(qtbot, show_active, admin, db_url):
    window = show_active(MainWindow(admin, database_url=db_url))
    assert window.tabs.count() >= 1
    assert "王站长" in window.user_label.text()
    assert "station.db" in window.db_label.text()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.people_tab.search.hasFocus()
