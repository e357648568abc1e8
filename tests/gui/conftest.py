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
