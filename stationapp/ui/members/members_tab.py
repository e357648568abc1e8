"""The Member services tab (会员服务): one page per service, each shown to the roles that may
use it and built the first time it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from stationapp.models.accounts import Staff
from stationapp.services.accounts import has_permission
from stationapp.ui.bus import ChangeBus
from stationapp.ui.forms import page_keys, step_tabs
from stationapp.ui.lazy import LazyTab


def _cards_page(actor: Staff, bus: ChangeBus) -> QWidget:
    from stationapp.ui.members.cards_page import CardsPage

    return CardsPage(actor, bus)


def _cards_title() -> str:
    return QCoreApplication.translate("MemberServicesTab", "Cards")


def _aid_page(actor: Staff, bus: ChangeBus) -> QWidget:
    from stationapp.ui.mutual_aid.aid_page import MutualAidPage

    return MutualAidPage(actor, bus)


def _aid_title() -> str:
    return QCoreApplication.translate("MemberServicesTab", "Mutual-aid cover")


def _welfare_page(actor: Staff, bus: ChangeBus) -> QWidget:
    from stationapp.ui.welfare.welfare_page import WelfarePage

    return WelfarePage(actor, bus)


def _welfare_title() -> str:
    return QCoreApplication.translate("MemberServicesTab", "Welfare rounds")


# The pages in order: key, the permission that shows it, the factory (imports its module when
# the page is first shown), and the page's title (a function, so it is translated when asked).
# Each page's permission is also in ui/main_window.py MEMBER_SERVICES, which shows the tab.
PAGES: tuple[tuple[str, str, Callable[[Staff, ChangeBus], QWidget], Callable[[], str]], ...] = (
    ("cards", "member.read", _cards_page, _cards_title),
    ("aid", "aid.read", _aid_page, _aid_title),
    ("welfare", "welfare.read", _welfare_page, _welfare_title),
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
        # Ctrl+PgDn/PgUp from anywhere in the tab, lists included: a page's own tabs first (the
        # mutual-aid page's plans, enrolments, claims), then the next page.
        self._keys = page_keys(self, self.step_page)

    def step_page(self, step: int) -> None:
        lazy = self.pages.currentWidget()
        if isinstance(lazy, LazyTab) and lazy.built:
            inner = getattr(lazy.content, "step_inner", None)
            if inner is not None and inner(step):
                return
        step_tabs(self.pages, step)

    def page(self, key: str) -> QWidget:
        """The page ``key``, brought forward and built if need be."""
        lazy = self._pages[key]
        self.pages.setCurrentWidget(lazy)
        return lazy.content

    def focus_search(self) -> None:
        """Ctrl+F: the search of the page on screen, where it has one."""
        lazy = self.pages.currentWidget()
        if isinstance(lazy, LazyTab) and lazy.built and hasattr(lazy.content, "focus_search"):
            lazy.content.focus_search()

    def save_state(self) -> None:
        """Column widths and splitters of the pages built so far."""
        for page in self._pages.values():
            if page.built and hasattr(page.content, "save_state"):
                page.content.save_state()
