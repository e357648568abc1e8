"""The small dialogs of the Cards page: an application for a 京卡 (the person found with the
picker, the materials checklist, the visit it came from), a card number for a replacement or a
card already held, cancelling a card, and one step of a person's membership."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.members import MEMBERSHIP_KINDS
from stationapp.services import members, people
from stationapp.services.members import MembershipInput
from stationapp.ui.dates import date_edit, short_text
from stationapp.ui.forms import ServiceDialog
from stationapp.ui.people.person_dialog import WorkplaceChooser
from stationapp.ui.people.picker import PersonPicker

translate = QCoreApplication.translate


def _day_edit() -> QDateEdit:
    return date_edit(today(), latest=today(), display="yyyy-MM-dd")


def _day(edit: QDateEdit) -> date:
    return edit.date().toPython()


class _Dialog(ServiceDialog):
    """A form with its message bar, its fields' errors, and Save/Cancel running ``submit``."""

    def __init__(self, actor: Staff, title: str, parent: QWidget | None) -> None:
        super().__init__(actor, title, parent)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def add_number_rows(self) -> None:
        """The card number (scanned or typed) and the day it was issued."""
        self.number = QLineEdit()
        self.number.setMaxLength(30)
        self.number.setPlaceholderText(translate("MemberDialogs", "Scan or type the card number"))
        self.fields.add_row(translate("MemberDialogs", "Card &number:"), "number", self.number)
        self.issued_on = _day_edit()
        self.fields.add_row(translate("MemberDialogs", "Issued &on:"), "issued_on", self.issued_on)


class _WithPerson(_Dialog):
    """A dialog that starts by finding the person (unless it was opened for one)."""

    def __init__(
        self, actor: Staff, title: str, parent: QWidget | None, person_id: int | None
    ) -> None:
        super().__init__(actor, title, parent)
        self.person_id: int | None = None
        self.picker = PersonPicker(actor, limit=6, on_chosen=self.choose_person)
        self.fields.add_row(translate("MemberDialogs", "&Who:"), "person", self.picker)
        self.chosen = QLabel(translate("MemberDialogs", "Nobody chosen yet: type and press Enter."))
        self.chosen.setWordWrap(True)
        self.form.addRow("", self.chosen)
        self.given_person = person_id

    def finish(self) -> None:
        """The buttons; then the person the dialog was opened for, once every field exists."""
        super().finish()
        if self.given_person is not None:
            self.choose_person(self.given_person)
            self.picker.hide()

    def choose_person(self, person_id: int) -> None:
        found = self.fetch(lambda: people.get_person(self.actor, person_id))
        if found is not None:
            self.person_id = found.id
            shown = translate("MemberDialogs", "not a member")
            if found.is_member:
                shown = translate("MemberDialogs", "member")
            self.chosen.setText(f"{found.name}（{shown}）")
            self.person_chosen(found.id)

    def fetch(self, call: Callable[[], Any]) -> Any:
        """What ``call`` reads, or None with its refusal said in the bar."""
        try:
            return call()
        except UserError as exc:
            self.bar.show_message(exc.message)
            return None

    def person_chosen(self, person_id: int) -> None:
        """Hook: fill what depends on the person."""

    def need_person(self) -> bool:
        if self.person_id is None:
            self.fields.show({"person": translate("MemberDialogs", "Find the person first.")})
            return False
        return True


class ApplicationDialog(_WithPerson):
    """A new 京卡 application: who, when, the notice's materials brought, the visit."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        visit_id: int | None = None,
        brought: list[str] | tuple[str, ...] = (),
    ) -> None:
        super().__init__(actor, self.tr("New 京卡 application"), parent, person_id)
        self.applied_on = _day_edit()
        self.fields.add_row(self.tr("Applied &on:"), "applied_on", self.applied_on)
        self.materials: list[QCheckBox] = []
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for name in members.card_materials():
            check = QCheckBox(name)
            check.setChecked(name in brought)
            self.materials.append(check)
            column.addWidget(check)
        if not self.materials:
            column.addWidget(QLabel(self.tr("The catalogue lists no materials for the card.")))
        self.fields.add_row(self.tr("Materials brought:"), "materials", box)
        self.visit = QComboBox()
        self.visit.addItem(self.tr("No visit"), None)
        self.fields.add_row(self.tr("From the &visit:"), "visit", self.visit)
        self.card = None
        self.finish()
        if visit_id is not None and self.visit.findData(visit_id) >= 0:
            self.visit.setCurrentIndex(self.visit.findData(visit_id))

    def person_chosen(self, person_id: int) -> None:
        self.visit.clear()
        self.visit.addItem(self.tr("No visit"), None)
        try:
            found = members.card_visits(self.actor, person_id)
        except UserError:
            found = []
        for visit in found:
            self.visit.addItem(short_text(visit.arrived_at), visit.id)
        self.visit.setCurrentIndex(1 if found else 0)

    def submit(self) -> None:
        if not self.need_person():
            return
        self.card = self.attempt(
            lambda: members.apply_for_card(
                self.actor,
                self.person_id,
                applied_on=_day(self.applied_on),
                materials=[c.text() for c in self.materials if c.isChecked()],
                visit_id=self.visit.currentData(),
            )
        )


class CardNumberDialog(_Dialog):
    """A card number (scanned or typed) and its day: a replacement, or a card already held."""

    def __init__(
        self,
        actor: Staff,
        title: str,
        call: Callable[[str, date], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(actor, title, parent)
        self.call = call
        self.add_number_rows()
        self.finish()
        self.number.setFocus()

    def submit(self) -> None:
        self.attempt(lambda: self.call(self.number.text(), _day(self.issued_on)))


class HeldCardDialog(_WithPerson):
    """A card the person holds already (issued before the station kept card records)."""

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, person_id: int | None = None
    ) -> None:
        super().__init__(actor, self.tr("A card held already"), parent, person_id)
        self.add_number_rows()
        self.finish()

    def person_chosen(self, person_id: int) -> None:
        self.number.setFocus()

    def submit(self) -> None:
        if not self.need_person():
            return
        self.attempt(
            lambda: members.issue_card_directly(
                self.actor, self.person_id, self.number.text(), issued_on=_day(self.issued_on)
            )
        )


class CancelCardDialog(_Dialog):
    """Why the card (or application) ends."""

    def __init__(self, actor: Staff, card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Cancel the card"), parent)
        self.card_id = card_id
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.fields.add_row(self.tr("&Reason:"), "reason", self.reason)
        self.on = _day_edit()
        self.fields.add_row(self.tr("&On:"), "on", self.on)
        self.finish()

    def submit(self) -> None:
        self.attempt(
            lambda: members.cancel_card(
                self.actor, self.card_id, reason=self.reason.text(), on=_day(self.on)
            )
        )


class UnionChooser(WorkplaceChooser):
    """The union of a membership step: the station's joint union (the default), a workplace
    union on the register (the person's own workplace first), or, typed, a union outside the
    register (the one transferred from or to)."""

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        self.first_id: int | None = None
        super().__init__(actor, parent)
        self.combo.lineEdit().setPlaceholderText(
            translate("MemberDialogs", "A workplace union, or type a union outside the register")
        )

    def reload(self, select_id: int | None = None) -> None:
        super().reload(select_id)
        self.combo.setItemText(0, translate("MemberDialogs", "The station's joint union"))
        index = self.combo.findData(self.first_id) if self.first_id is not None else -1
        if index > 1:
            name = self.combo.itemText(index)
            self.combo.removeItem(index)
            self.combo.insertItem(1, name, self.first_id)
            self.set_workplace(select_id)

    def offer_first(self, org_id: int | None) -> None:
        """Offer the person's own workplace right after the joint union."""
        self.first_id = org_id
        self.reload(select_id=None)

    def union(self) -> tuple[int | None, str]:
        """(the workplace union's id or None for the joint union, the name of a union outside
        the register)."""
        text = self.combo.currentText().strip()
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly) if text else 0
        if index < 0:
            return None, text
        return self.combo.itemData(index), ""


class MembershipDialog(_WithPerson):
    """One step of a person's membership: joined, transferred in or out, left."""

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, person_id: int | None = None
    ) -> None:
        super().__init__(actor, self.tr("Membership"), parent, person_id)
        self.kind = QComboBox()
        for each in MEMBERSHIP_KINDS:
            self.kind.addItem(members.membership_kind_label(each), each)
        self.fields.add_row(self.tr("&What:"), "kind", self.kind)
        self.on = _day_edit()
        self.fields.add_row(self.tr("&On:"), "on", self.on)
        self.union_choice = UnionChooser(actor)
        self.fields.add_row(self.tr("&Union:"), "union_name", self.union_choice)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.fields.add_row(self.tr("&Reason:"), "reason", self.reason)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.finish()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(MEMBERSHIP_KINDS.index(kind))

    def _kind_changed(self) -> None:
        self.fields.set_row_visible("reason", self.kind.currentData() == "left")

    def person_chosen(self, person_id: int) -> None:
        person = people.get_person(self.actor, person_id)
        self.kind.setCurrentIndex(MEMBERSHIP_KINDS.index("left" if person.is_member else "joined"))
        self.union_choice.offer_first(person.workplace_id)

    def submit(self) -> None:
        if not self.need_person():
            return
        organization_id, union_name = self.union_choice.union()
        data = MembershipInput(
            kind=self.kind.currentData(),
            on=_day(self.on),
            organization_id=organization_id,
            union_name=union_name,
            reason=self.reason.text(),
        )
        self.attempt(lambda: members.record_membership(self.actor, self.person_id, data))
