"""Guards for the screens as staff meet them (issue 18, UX.md), on every page of every role.

Each role's main window is shown on the office screen (1366x768) with the demo station's data;
every main tab and every page tab reachable from it is opened, the first row of each list
selected, and on each screen: no access key is used twice, no list keeps the Tab key, the window
asks for no more than the screen, and Tab from a tab's first control reaches each enabled control.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.ui.main_window import MainWindow
from tests.helpers.screen import lists_keeping_tab, mnemonic_clashes, too_large

ROLES = [
    "admin",
    "frontdesk",
    "mediator",
    "mediationhead",
    "librarian",
    "organiser",
    "counsellor",
    "unionorganiser",
]


def _main_window(qtbot, show_active, url: str, username: str) -> MainWindow:
    actor = Staff.get(Staff.username == username)
    window = MainWindow(actor, database_url=url)
    window.resize(1366, 720)
    show_active(window)
    return window


def _select_first_rows(window: QWidget) -> None:
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisibleTo(window) or model is None or model.rowCount() == 0:
            continue
        if not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))
    QApplication.processEvents()


def _check(window: MainWindow, where: str, problems: list[str]) -> None:
    QApplication.processEvents()
    if clashes := mnemonic_clashes(window):
        problems.append(f"{where}: access keys used twice: {clashes}")
    if keeping := lists_keeping_tab(window):
        problems.append(f"{where}: lists keep the Tab key: {keeping}")
    if (excess := too_large(window)) != (0, 0):
        problems.append(f"{where}: the window asks {excess} px more than the screen")
    screen = window.screen().availableGeometry()
    if window.height() > screen.height() or window.width() > screen.width():
        problems.append(f"{where}: the window grew to {window.width()}x{window.height()}")


def _walk(window: MainWindow, where: str, problems: list[str], seen: set[int]) -> None:
    """Check this screen, then every page tab visible on it, depth first."""
    _select_first_rows(window)
    _check(window, where, problems)
    for tabs in window.findChildren(QTabWidget):
        if tabs is window.tabs or id(tabs) in seen or not tabs.isVisibleTo(window):
            continue
        seen.add(id(tabs))
        for index in range(tabs.count()):
            if not tabs.isTabEnabled(index) or not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            _walk(window, f"{where} > {tabs.tabText(index)}", problems, seen)


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    """The interface language of the test: the English source, or the zh_CN staff see."""
    from stationapp import app as app_module

    installed = app_module.install_translators(qapp, request.param)
    try:
        yield request.param
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


@pytest.mark.parametrize(
    ("username", "language"),
    [(username, "en") for username in ROLES] + [("admin", "zh_CN"), ("frontdesk", "zh_CN")],
    indirect=["language"],
)
def test_every_page_of_every_role_fits_and_is_keyboard_clean(
    qtbot, show_active, demo_station, username, language
):
    window = _main_window(qtbot, show_active, demo_station, username)
    problems: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        _walk(window, f"{username}: {window.tabs.tabText(index)}", problems, set())
    assert not problems, "\n".join(problems)


def _takes_tab_focus(widget: QWidget, window: QWidget) -> bool:
    if not (widget.isVisibleTo(window) and widget.isEnabled()):
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    kinds = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )
    if not isinstance(widget, kinds):
        return False
    # A line edit inside a spin box or a combo box is reached through its owner.
    parent = widget.parentWidget()
    return not isinstance(parent, QAbstractSpinBox | QComboBox)


@pytest.mark.parametrize("username", ["admin"])
def test_tab_from_the_first_control_reaches_every_control_of_each_tab(
    qtbot, show_active, demo_station, username
):
    window = _main_window(qtbot, show_active, demo_station, username)
    problems: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.tabs.currentWidget()
        wanted = [w for w in page.findChildren(QWidget) if _takes_tab_focus(w, window)]
        if not wanted:
            continue
        window.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
        reached: set[int] = set()
        for _step in range(4 * len(wanted) + 20):
            focused = QApplication.focusWidget()
            if focused is None:
                break
            reached.add(id(focused))
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        missed = [
            f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for w in wanted
            if id(w) not in reached
        ]
        if missed:
            problems.append(f"{window.tabs.tabText(index)}: Tab never reaches {missed}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_access_keys_are_unique_within_each_menu(qtbot, show_active, demo_station, language):
    from tests.helpers.screen import mnemonic_of

    window = _main_window(qtbot, show_active, demo_station, "admin")
    problems = []
    for menu_action in window.menuBar().actions():
        letters: dict[str, list[str]] = {}
        for action in menu_action.menu().actions():
            if action.isVisible() and (letter := mnemonic_of(action.text())):
                letters.setdefault(letter, []).append(action.text())
        problems += [f"{menu_action.text()}: {t}" for t in letters.values() if len(t) > 1]
    assert not problems
