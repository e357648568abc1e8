"""The person page's member-services actions: what the staff member records while the person
is in front of them (a membership step, the 京卡's next step, an enrolment or a claim, a welfare
round and its delivery). One menu button, filled from the person's state each time it opens;
each action only with its permission, each opening the existing dialog with the person filled
in. ``done`` tells the page to show the person again (header and history)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QWidget

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.members import MemberCard
from stationapp.services import members, people
from stationapp.services.accounts import has_permission
from stationapp.ui.forms import MessageBar

# The permissions behind the actions: the button shows for a role with any of them.
PERMISSIONS = ("member.update", "aid.enrol", "aid.claims", "welfare.manage", "welfare.deliver")
# Rounds offered for adding the person: the latest ones not over yet.
ROUNDS_OFFERED = 30


class MemberActions(QObject):
    """The "Member services" menu button of the person page and its message bar."""

    done = Signal()

    def __init__(self, actor: Staff, page: QWidget) -> None:
        super().__init__(page)
        self.actor = actor
        self.page = page
        self.person_id: int | None = None
        self.bar = MessageBar()
        self.menu = QMenu(page)
        self.menu.aboutToShow.connect(self.fill)
        self.button = QPushButton(self.tr("Member services (&J)"))
        self.button.setToolTip(
            self.tr("Membership, the 京卡, mutual-aid cover and welfare rounds for this person")
        )
        self.button.setMenu(self.menu)
        self.allowed = any(has_permission(actor, p) for p in PERMISSIONS)
        self.button.setVisible(self.allowed)

    def set_person(self, person_id: int | None) -> None:
        """The person shown (None: nobody, or a record that takes no new steps)."""
        if person_id != self.person_id:
            self.bar.hide()
        self.person_id = person_id
        self.button.setVisible(self.allowed and person_id is not None)

    # --- the menu, from the person's state --------------------------------------------------

    def fill(self) -> None:
        self.menu.clear()
        if self.person_id is None:
            return
        try:
            person = people.get_person(self.actor, self.person_id)
            card = (
                members.current_card(self.actor, self.person_id)
                if has_permission(self.actor, "member.read")
                else None
            )
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        if has_permission(self.actor, "member.update"):
            self._membership_actions(person.is_member)
            self.menu.addSeparator()
            self._card_actions(card, person.is_member)
            self.menu.addSeparator()
        if has_permission(self.actor, "aid.enrol"):
            self._add(self.tr("&Enrol in a mutual-aid plan…"), self.enrol)
        if has_permission(self.actor, "aid.claims"):
            self._add(self.tr("Submit a mutual-aid clai&m…"), self.claim)
        self.menu.addSeparator()
        self._welfare_actions()

    def _add(self, text: str, slot: Callable[[], object], menu: QMenu | None = None) -> None:
        action = (menu or self.menu).addAction(text)
        action.triggered.connect(lambda _checked=False: slot())

    def _membership_actions(self, is_member: bool) -> None:
        if is_member:
            kinds = (
                ("transferred_out", self.tr("Record a transfer &out…")),
                ("left", self.tr("Record &leaving the union…")),
            )
        else:
            kinds = (
                ("joined", self.tr("Record &joining the union…")),
                ("transferred_in", self.tr("Record a transfer &in…")),
            )
        for kind, text in kinds:
            self._add(text, lambda k=kind: self.membership(k))

    def _card_actions(self, card: MemberCard | None, is_member: bool) -> None:
        if card is None:
            if is_member:
                self._add(self.tr("&Apply for a 京卡…"), self.apply)
                self._add(self.tr("A 京卡 &given earlier…"), self.card_held)
            return
        if card.state == "applied":
            self._add(self.tr("I&ssue the 京卡 (scan its number)…"), lambda: self.issue(card))
            self._add(self.tr("&Cancel the application…"), lambda: self.cancel(card))
            return
        if card.state == "issued":
            self._add(self.tr("Re&port the 京卡 lost"), lambda: self.report_lost(card))
        self._add(self.tr("&Replace the 京卡…"), lambda: self.replace(card))
        self._add(self.tr("&Cancel the 京卡…"), lambda: self.cancel(card))

    def _welfare_actions(self) -> None:
        from stationapp.services import welfare

        try:
            received = (
                welfare.rounds_of_person(self.actor, self.person_id)
                if has_permission(self.actor, "welfare.read")
                else []
            )
            rounds = (
                welfare.list_rounds(self.actor, limit=ROUNDS_OFFERED)
                if has_permission(self.actor, "welfare.manage")
                else []
            )
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        on = {r.round_id for r in received}
        open_rounds = [r for r in rounds if r.ends_on >= today() and r.id not in on]
        if has_permission(self.actor, "welfare.manage"):
            submenu = self.menu.addMenu(self.tr("Add to a welfare roun&d"))
            for r in open_rounds:
                self._add(r.name, lambda r=r: self.add_to_round(r.id, r.name), submenu)
            submenu.setEnabled(bool(open_rounds))
        if has_permission(self.actor, "welfare.deliver"):
            waiting = [r for r in received if r.delivered_at is None]
            submenu = self.menu.addMenu(self.tr("Record a deli&very"))
            for r in waiting:
                self._add(
                    r.round_name, lambda r=r: self.deliver(r.recipient_id, r.round_name), submenu
                )
            submenu.setEnabled(bool(waiting))

    # --- the actions ------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> None:
        """Show the dialog; when it saved, the page shows the person again."""
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.done.emit()

    def _call(self, call: Callable[[], object], message: str) -> None:
        """A step with no dialog: done and said in the bar, or its refusal said there."""
        try:
            call()
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.bar.show_message(message, "info")
        self.done.emit()

    def membership(self, kind: str) -> None:
        from stationapp.ui.members.card_dialogs import MembershipDialog

        dialog = MembershipDialog(self.actor, self.page, person_id=self.person_id)
        dialog.set_kind(kind)
        self._run(dialog)

    def apply(self) -> None:
        from stationapp.ui.members.card_dialogs import ApplicationDialog

        self._run(ApplicationDialog(self.actor, self.page, person_id=self.person_id))

    def card_held(self) -> None:
        from stationapp.ui.members.card_dialogs import HeldCardDialog

        self._run(HeldCardDialog(self.actor, self.page, person_id=self.person_id))

    def issue(self, card: MemberCard) -> None:
        from stationapp.ui.members.card_dialogs import CardNumberDialog

        card_id = card.id
        self._run(
            CardNumberDialog(
                self.actor,
                self.tr("Issue the 京卡"),
                lambda number, day: members.issue_card(self.actor, card_id, number, issued_on=day),
                self.page,
            )
        )

    def replace(self, card: MemberCard) -> None:
        from stationapp.ui.members.card_dialogs import CardNumberDialog

        card_id = card.id
        self._run(
            CardNumberDialog(
                self.actor,
                self.tr("Replace card {number}").format(number=card.number),
                lambda number, day: members.replace_card(
                    self.actor, card_id, number, issued_on=day
                ),
                self.page,
            )
        )

    def cancel(self, card: MemberCard) -> None:
        from stationapp.ui.members.card_dialogs import CancelCardDialog

        self._run(CancelCardDialog(self.actor, card.id, self.page))

    def report_lost(self, card: MemberCard) -> None:
        self._call(
            lambda: members.report_card_lost(self.actor, card.id),
            self.tr("京卡 {number} reported lost.").format(number=card.number),
        )

    def enrol(self) -> None:
        from stationapp.ui.mutual_aid.enrol_dialogs import EnrolDialog

        self._run(EnrolDialog(self.actor, self.page, person_id=self.person_id))

    def claim(self) -> None:
        from stationapp.ui.mutual_aid.claim_dialogs import NewClaimDialog

        self._run(NewClaimDialog(self.actor, self.page, person_id=self.person_id))

    def add_to_round(self, round_id: int, name: str) -> None:
        from stationapp.services import welfare

        person_id = self.person_id
        self._call(
            lambda: welfare.add_person(self.actor, round_id, person_id),
            self.tr("Added to {round}.").format(round=name),
        )

    def deliver(self, recipient_id: int, name: str) -> None:
        from stationapp.services import welfare

        self._call(
            lambda: welfare.deliver(self.actor, recipient_id),
            self.tr("Delivery recorded: {round}.").format(round=name),
        )
