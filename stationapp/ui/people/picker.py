"""The person picker every tab uses: type, arrows, Enter; or create someone from what was typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.services import people
from stationapp.ui.forms import single_shot

NEW_PERSON = -1
DEBOUNCE_MS = 120


def describe(person: Person) -> str:
    """One line that tells two people of the same name apart at a glance."""
    parts = [person.name]
    if person.gender:
        parts.append(people.gender_label(person.gender))
    if person.phone:
        parts.append(person.phone)
    if person.id_number:
        parts.append(people.mask_id(person.id_number))
    if person.workplace_id:
        parts.append(person.workplace.name)
    return "  ·  ".join(parts)


class PersonPicker(QWidget):
    """A search field with its result list beneath it.

    Typing searches the whole register; Up/Down move through the results while the focus stays in
    the field; Enter picks. The last entry offers to register a new person from the typed text.
    ``on_chosen`` and ``on_new``, when given, are connected to ``person_chosen`` and
    ``new_person_requested``.
    """

    person_chosen = Signal(int)
    new_person_requested = Signal(str)

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        limit: int = 8,
        on_chosen: Callable[[int], object] | None = None,
        on_new: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.limit = limit
        if on_chosen is not None:
            self.person_chosen.connect(on_chosen)
        if on_new is not None:
            self.new_person_requested.connect(on_new)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(100)
        self.edit.setPlaceholderText(
            self.tr("Name, pinyin, initials, phone, ID or card number, or their last 4 digits")
        )
        layout.addWidget(self.edit)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.results.hide()
        layout.addWidget(self.results)
        self.status = ""
        self._timer = single_shot(self, DEBOUNCE_MS, self.search_now)
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)

    def search_now(self) -> None:
        self._timer.stop()
        text = self.edit.text().strip()
        self.results.clear()
        if not text:
            self.results.hide()
            return
        try:
            found = people.search_people(self.actor, text, limit=self.limit)
        except UserError as exc:
            self.status = exc.message
            found = []
        for person in found:
            item = QListWidgetItem(describe(person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.results.addItem(item)
        if not found:
            none = QListWidgetItem(self.tr("No one found for “{text}”.").format(text=text))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(none)
        new = QListWidgetItem(self.tr("New person: “{text}”…").format(text=text))
        new.setData(Qt.ItemDataRole.UserRole, NEW_PERSON)
        self.results.addItem(new)
        self.results.setCurrentRow(0 if found else self.results.count() - 1)
        rows = self.results.count()
        self.results.setFixedHeight(min(rows, self.limit + 2) * self.results.sizeHintForRow(0) + 6)
        self.results.show()

    def clear(self) -> None:
        self.edit.clear()
        self.results.clear()
        self.results.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = self.results.currentRow()
                for _ in range(self.results.count()):
                    row = (row + step) % self.results.count()
                    if self.results.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                        break
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive() or not self.results.isVisible():
                    self.search_now()
                item = self.results.currentItem()
                if item is not None:
                    self._activate(item)
                return True
            if key == Qt.Key.Key_Escape and self.edit.text():
                self.clear()
                return True
        return super().eventFilter(watched, event)

    def _activate(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is None:
            return
        if person_id == NEW_PERSON:
            self.new_person_requested.emit(self.edit.text().strip())
        else:
            self.person_chosen.emit(int(person_id))


def register_from_picker(actor: Staff, parent: QWidget, text: str) -> int | None:
    """The person registered (or the existing one opened) from what was typed in a picker, or
    None when the dialog was cancelled."""
    from PySide6.QtWidgets import QDialog

    from stationapp.ui.people.person_dialog import PersonDialog

    dialog = PersonDialog(actor, parent, prefill=text)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = dialog.person.id if dialog.person is not None else dialog.open_existing_id
    dialog.deleteLater()
    return chosen if accepted else None
