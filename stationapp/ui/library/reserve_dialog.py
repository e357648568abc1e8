"""Reserve a title for the borrower at the desk: find it as you type, Enter reserves it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.models.accounts import Staff
from stationapp.services import library
from stationapp.ui.forms import (
    OK_CANCEL,
    MessageBar,
    dialog_buttons,
    reports_user_errors,
    single_shot,
)

TITLE_SEARCH_DEBOUNCE_MS = 150


class ReserveTitleDialog(QDialog):
    """Find a title as you type; Enter reserves the one highlighted."""

    def __init__(self, actor: Staff, parent: QWidget | None = None, *, borrower: str = "") -> None:
        super().__init__(parent)
        self.actor = actor
        self.chosen_title_id: int | None = None
        self.setWindowTitle(self.tr("Reserve a title"))
        layout = QVBoxLayout(self)
        if borrower:
            layout.addWidget(QLabel(self.tr("Reserve for {name}").format(name=borrower)))
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Title, author, pinyin initials or ISBN"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(self._pick)
        self.results.itemDoubleClicked.connect(self._pick)
        layout.addWidget(self.results, 1)
        dialog_buttons(
            self, layout, self.accept_current, buttons=OK_CANCEL, ok_text=self.tr("&Reserve")
        )
        self._timer = single_shot(self, TITLE_SEARCH_DEBOUNCE_MS, self.search_now)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)
        self.resize(460, 360)

    @reports_user_errors
    def search_now(self) -> None:
        self._timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            return
        titles = library.search_titles(self.actor, text, limit=30)
        for title in titles:
            label = f"{title.title}  ·  {title.author}" if title.author else title.title
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, title.id)
            self.results.addItem(item)
        if titles:
            self.results.setCurrentRow(0)
        else:
            none = QListWidgetItem(self.tr("No title found for “{text}”.").format(text=text))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(none)

    def accept_current(self) -> None:
        if self._timer.isActive():
            self.search_now()
        item = self.results.currentItem()
        if item is not None:
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        title_id = item.data(Qt.ItemDataRole.UserRole)
        if title_id is None:
            return
        self.chosen_title_id = int(title_id)
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_current()
                return True
        return super().eventFilter(watched, event)
