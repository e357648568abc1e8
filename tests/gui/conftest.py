from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qsettings_isolated(qapp, tmp_path):
    """QSettings written by widgets go to the test's own folder."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("stationapp-tests")
    QCoreApplication.setApplicationName("stationapp-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture
def show_active(qtbot):
    """Show a window and make it the active one (offscreen Qt does not activate on show)."""
    from PySide6.QtWidgets import QApplication

    def show(widget):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        widget.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
        return widget

    return show


@pytest.fixture(autouse=True)
def _no_internal_error_dialog(request, monkeypatch):
    """An internal-error dialog is a defect (UX.md): any test that raises one fails, with the
    details the dialog would have shown."""
    if request.node.get_closest_marker("error_dialog_expected"):
        yield
        return
    from stationapp.ui import errors

    shown: list[str] = []
    real_init = errors.ErrorDialog.__init__

    def record(self, details, parent=None):
        shown.append(details)
        real_init(self, details, parent)

    monkeypatch.setattr(errors.ErrorDialog, "__init__", record)
    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: 0)
    yield
    if shown:
        pytest.fail("an internal-error dialog was raised:\n" + "\n".join(shown), pytrace=False)


@pytest.fixture(scope="session")
def demo_file(shared_demo):
    """A small demo station (every tab has rows), built once for the session (and shared with
    the demo's own tests: tests/conftest.py ``shared_demo``); tests open a copy of it through
    ``demo_station``."""
    path, _admin_id = shared_demo
    return path


@pytest.fixture
def demo_station(demo_file, tmp_path):
    """The URL of a fresh copy of the demo station, open and bound to the proxy."""
    import shutil

    from stationapp.db import close_database
    from stationapp.services.maintenance import open_station_database

    path = tmp_path / "station.db"
    shutil.copyfile(demo_file, path)
    url = f"sqlite:///{path}"
    open_station_database(url)
    yield url
    close_database()
