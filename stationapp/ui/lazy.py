"""Pages built the first time they are shown: a window or a tab opens after building only the
page on screen (the window's tabs, the pages inside a tab)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    """A tab page that builds its content on first show (or first use through ``content``)."""

    def __init__(self, key: str, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self.key = key
        self._factory = factory
        self._content: QWidget | None = None
        self.on_built: Callable[[QWidget], None] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    @property
    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._factory()
            self.layout().addWidget(self._content)
            # Shown now, not on the layout's queued show, so it takes the focus it sets.
            self._content.show()
            if self.on_built is not None:
                self.on_built(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content  # noqa: B018 - built on first show
        super().showEvent(event)

    def focus_search(self) -> None:
        if hasattr(self.content, "focus_search"):
            self.content.focus_search()

    def save_state(self) -> None:
        if self._content is not None and hasattr(self._content, "save_state"):
            self._content.save_state()
