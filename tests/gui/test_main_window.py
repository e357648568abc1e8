from __future__ import annotations

from PySide6.QtCore import Qt

from stationapp.ui.main_window import MainWindow


def test_main_window_opens_on_people_tab(qtbot, show_active, admin, db_url):
    window = show_active(MainWindow(admin, database_url=db_url))
    assert window.tabs.count() >= 1
    assert "王站长" in window.user_label.text()
    assert "station.db" in window.db_label.text()
    assert window.tabs.currentWidget() is window.visits_tab
    assert window.visits_tab.form.picker.edit.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.people_tab
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.people_tab.search.hasFocus()


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
