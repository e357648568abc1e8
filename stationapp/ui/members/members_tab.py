"""The Member services tab (会员服务): one page per service, each shown to the roles that may
use it and built the first time it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from stationapp.models.accounts import Staff
from stationapp.services.accounts import has_permission
from stationapp.ui.bus import ChangeBus
from stationapp.ui.lazy import LazyTab

# The pages in order: key, the permission that shows it, the factory (imports its module when
# the page is first shown), and the page's title (a function, so it is translated when asked).
# Each page's permission is also in ui/main_window.py MEMBER_SERVICES, which shows the tab.


def _welfare_page(actor: Staff, bus: ChangeBus) -> QWidget:
    from stationapp.ui.welfare.welfare_page import WelfarePage

    return WelfarePage(actor, bus)


PAGES: tuple[tuple[str, str, Callable[[Staff, ChangeBus], QWidget], Callable[[], str]], ...] = (
    (
        "welfare",
        "welfare.read",
        _welfare_page,
        lambda: QCoreApplication.translate("MemberServicesTab", "Welfare rounds"),
    ),
)


class MemberServicesTab(QWidget):
    """The pages of the member services the role may use, as tabs."""

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self._pages: dict[str, LazyTab] = {}
        for key, permission, factory, title in PAGES:
            if not has_permission(actor, permission):
                continue
            page = LazyTab(key, lambda f=factory: f(actor, bus))
            self._pages[key] = page
            self.pages.addTab(page, title())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def page(self, key: str) -> QWidget:
        """The page ``key``, brought forward and built if need be."""
        lazy = self._pages[key]
        self.pages.setCurrentWidget(lazy)
        return lazy.content
