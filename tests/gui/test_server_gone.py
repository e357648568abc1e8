"""The PostgreSQL server goes away mid-session and comes back (issue #10): the window hears of
it at once and says so, a form being saved keeps everything typed and shows why nothing was
saved, nothing crashes, and the same save succeeds once the server is back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from stationapp.models.people import Person
from stationapp.services import people
from stationapp.ui.errors import ErrorDialog
from stationapp.ui.main_window import MainWindow
from stationapp.ui.people.person_dialog import PersonDialog
from tests.helpers.ids import make_ric

pytestmark = pytest.mark.postgresql_only


def _stray_windows() -> list[str]:
    return [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and isinstance(w, ErrorDialog | QMessageBox)
    ]


@contextmanager
def _server_away(qtbot, window: MainWindow, server) -> Iterator[str]:
    """Stop the server and wait for the window to notice (yields what it said); start it again
    at the end and wait for the window to be back, or, after a failure, just start it."""
    try:
        with qtbot.waitSignal(window.watcher.server_lost, timeout=5000) as lost:
            server.stop()
        yield lost.args[0]
        with qtbot.waitSignal(window.watcher.server_back, timeout=10000):
            server.start()
    finally:
        if not server.is_running():
            server.start()


def _form(dialog: PersonDialog) -> dict[str, object]:
    return {
        "name": dialog.name.text(),
        "phone": dialog.phone.text(),
        "id_number": dialog.id_number.text(),
        "workplace_id": dialog.workplace.workplace_id(),
        "notes": dialog.notes.toPlainText(),
    }


def test_server_stopped_and_started_again_keeps_the_form_and_saves(
    qtbot, show_active, admin, db_url, postgres_server
) -> None:
    org = people.create_organization(admin, people.OrganizationInput(name="国贸大厦"))
    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.watcher.listening)  # from the first paint on
    dialog = show_active(PersonDialog(admin))
    ric = make_ric(seq=246)
    dialog.name.setText("欧阳晓明")
    qtbot.keyClicks(dialog.phone, "13912345678")
    qtbot.keyClicks(dialog.id_number, ric)
    dialog.id_number.editingFinished.emit()
    dialog.workplace.combo.setCurrentText("国贸大厦")
    dialog.notes.setPlainText("来站咨询劳动合同")
    typed = _form(dialog)
    assert typed["workplace_id"] == org.id
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)

    with _server_away(qtbot, window, postgres_server) as said:
        assert "cannot be reached" in said
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert "cannot be reached" in dialog.bar.text()
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert _form(dialog) == typed
        assert _stray_windows() == []

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = list(Person.select().where(Person.name == "欧阳晓明"))
    assert [(p.id_number, p.workplace_id) for p in stored] == [(ric, org.id)]
    assert _stray_windows() == []
    window.close()


def test_a_server_away_for_seconds_is_retried_quietly_until_it_is_back(
    qtbot, admin, db_url, postgres_server, monkeypatch
) -> None:
    """Every reconnection attempt that fails while the server is away is expected, not a bug:
    no error dialog, the status bar keeps saying why, and the window listens again once the
    server is back."""
    from stationapp.services import changes

    attempts: list[str] = []

    class CountedRemoteChanges(changes.RemoteChanges):
        def __init__(self) -> None:
            attempts.append("try")
            super().__init__()

    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.watcher.listening)
    monkeypatch.setattr(changes, "RemoteChanges", CountedRemoteChanges)
    with _server_away(qtbot, window, postgres_server):
        qtbot.waitUntil(lambda: len(attempts) >= 3, timeout=10000)  # a try a second, all refused
        assert window.server_label.isVisible()
        assert window.server_label.text() == window.watcher.lost_message()
        assert not window.watcher.listening
        assert _stray_windows() == []
    assert window.watcher.listening
    assert not window.server_label.isVisible()
    assert _stray_windows() == []
    window.close()


def test_a_tab_first_opened_while_the_server_is_away_says_so_and_opens_once_it_is_back(
    qtbot, admin, db_url, postgres_server
) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton

    from stationapp.ui.visits.visits_tab import VisitsTab

    window = MainWindow(admin, database_url=db_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.watcher.listening)
    page = window._pages["visits"]
    assert not page.built
    with _server_away(qtbot, window, postgres_server):
        assert window.show_tab("visits") is None  # Ctrl+2 or a Today line
        assert window.tabs.currentWidget() is page
        assert page.failed and not page.built
        texts = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
        assert any("cannot be reached" in text for text in texts), texts
        retry = next(b for b in page.findChildren(QPushButton) if b.isVisible())
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)  # still away: says so again
        assert page.failed and not page.built
        assert _stray_windows() == []
    qtbot.waitUntil(lambda: page.built, timeout=5000)  # tried again when the server is back
    assert isinstance(window.current_tab(), VisitsTab)
    assert not page.failed
    assert _stray_windows() == []
    window.close()
