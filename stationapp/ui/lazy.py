"""Pages built the first time they are shown: a window or a tab opens after building only the
page on screen (the window's tabs, the pages inside a tab)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from stationapp.errors import DatabaseBusy, DatabaseUnavailable
from stationapp.ui.forms import ERROR_STYLE


class LazyTab(QWidget):
    """A tab page that builds its content on first show (or first use through ``content``).

    A page whose building needs the database while it cannot be reached (the server gone, the
    file locked too long) says so in place with a button to try again, and is tried again
    whenever it is shown; the rest of the window keeps working.
    """

    def __init__(self, key: str, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self.key = key
        self._factory = factory
        self._content: QWidget | None = None
        self._failure: QWidget | None = None
        self._failure_label: QLabel | None = None
        self.on_built: Callable[[QWidget], None] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    @property
    def failed(self) -> bool:
        """The last attempt to build the page failed for want of the database."""
        return self._failure is not None and not self._failure.isHidden()

    @property
    def content(self) -> QWidget:
        """The page, built now if need be; raises the database's error when it cannot be."""
        if self._content is None:
            self._content = self._factory()
            if self._failure is not None:
                self._failure.hide()
            self.layout().addWidget(self._content)
            # Shown now, not on the layout's queued show, so it takes the focus it sets.
            self._content.show()
            if self.on_built is not None:
                self.on_built(self._content)
        return self._content

    def try_content(self) -> QWidget | None:
        """The page, or None (and the reason on the page) when the database cannot be reached."""
        try:
            return self.content
        except (DatabaseBusy, DatabaseUnavailable) as exc:
            self._show_failure(exc.message)
            return None

    def _show_failure(self, message: str) -> None:
        if self._failure is None:
            self._failure = QWidget()
            column = QVBoxLayout(self._failure)
            column.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            title = QLabel(self.tr("This page could not be opened."))
            title.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
            self._failure_label = QLabel()
            self._failure_label.setWordWrap(True)
            self._failure_label.setStyleSheet(ERROR_STYLE)
            self._failure_label.setMaximumWidth(520)
            retry = QPushButton(self.tr("&Try again"))
            retry.clicked.connect(self.try_content)
            column.addWidget(title)
            column.addWidget(self._failure_label)
            column.addWidget(retry, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
            self.layout().addWidget(self._failure)
        self._failure_label.setText(message)
        self._failure.show()

    def showEvent(self, event: QShowEvent) -> None:
        self.try_content()
        super().showEvent(event)

    def focus_search(self) -> None:
        content = self.try_content()
        if content is not None and hasattr(content, "focus_search"):
            content.focus_search()

    def save_state(self) -> None:
        if self._content is not None and hasattr(self._content, "save_state"):
            self._content.save_state()


def built_from(module: str, name: str, *args: Any) -> QWidget:
    """The page ``name`` of ``module`` built with ``args``, its module imported now (a lazy
    page's factory: nothing of the page is loaded before it is first shown)."""
    return getattr(importlib.import_module(module), name)(*args)
