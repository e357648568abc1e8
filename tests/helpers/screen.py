"""What a staff member meets on screen, checked the same way on every page (UX.md).

- ``mnemonic_clashes(window)``: access keys (``&X``) used twice among what is on screen at once:
  the menu bar, the main tabs, and the visible tabs, buttons and labelled fields of the page.
- ``lists_keeping_tab(widget)``: visible lists whose Tab key moves between cells instead of
  leaving the list.
- ``too_large(window)``: how much the window asks beyond the screen (minimum size).
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")

# What a window may ask for at most: the office screen less a task bar, and 1920x1080 at 150 %
# (1280x720 logical pixels) less a task bar.
SCREEN_LIMIT = (1280, 768 - 48)


def mnemonic_of(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).upper() if match else None


def on_screen_mnemonics(top: QWidget) -> list[tuple[str, str]]:
    """(letter, where) for every access key on screen in ``top``."""
    found: list[tuple[str, str]] = []
    if isinstance(top, QMainWindow) and top.menuBar().isVisibleTo(top):
        for action in top.menuBar().actions():
            if action.isVisible() and (letter := mnemonic_of(action.text())):
                found.append((letter, f"menu {action.text()!r}"))
    for bar in top.findChildren(QTabBar):
        if not bar.isVisibleTo(top):
            continue
        for index in range(bar.count()):
            if bar.isTabVisible(index) and (letter := mnemonic_of(bar.tabText(index))):
                found.append((letter, f"tab {bar.tabText(index)!r}"))
    for button in top.findChildren(QAbstractButton):
        if button.isVisibleTo(top) and (letter := mnemonic_of(button.text())):
            found.append((letter, f"button {button.text()!r}"))
    for label in top.findChildren(QLabel):
        visible = label.buddy() is not None and label.isVisibleTo(top)
        if visible and (letter := mnemonic_of(label.text())):
            found.append((letter, f"label {label.text()!r}"))
    for box in top.findChildren(QGroupBox):
        if box.isVisibleTo(top) and (letter := mnemonic_of(box.title())):
            found.append((letter, f"group {box.title()!r}"))
    return found


def mnemonic_clashes(top: QWidget) -> dict[str, list[str]]:
    """Each access key used more than once on screen, with where."""
    by_letter: dict[str, list[str]] = {}
    for letter, where in on_screen_mnemonics(top):
        by_letter.setdefault(letter, []).append(where)
    return {letter: places for letter, places in by_letter.items() if len(places) > 1}


def lists_keeping_tab(top: QWidget) -> list[str]:
    return [
        f"{type(view).__name__} {view.objectName() or ''} in {type(view.parent()).__name__}"
        for view in top.findChildren(QAbstractItemView)
        if view.isVisibleTo(top) and view.tabKeyNavigation()
    ]


def too_large(window: QWidget) -> tuple[int, int]:
    """How many pixels the window's minimum size exceeds the limit by, (width, height)."""
    QApplication.processEvents()
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    width, height = SCREEN_LIMIT
    return max(0, hint.width() - width), max(0, hint.height() - height)
