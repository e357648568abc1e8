"""The visit form's offer of a 京卡 application (issue #25): once a visit about the card is
saved for a member with no card, a button "Apply for a 京卡 for <name>…" waits beside the form's
buttons, reachable by its access key; it never opens anything by itself, so the queue goes on.
It opens the application dialog with the person, the visit and the materials they brought."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services.accounts import has_permission

if TYPE_CHECKING:  # the members' services load with the first visit saved, not the first paint
    from stationapp.services.members import CardOffer


class CardOfferButton(QPushButton):
    """Hidden until ``offer_after`` finds an application to offer; ``applied`` carries what to
    say once the application is recorded."""

    applied = Signal(str)

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.offer: CardOffer | None = None
        self.setToolTip(
            self.tr("Record the 京卡 application of the visit just saved, with its materials")
        )
        self.clicked.connect(self.apply)
        self.hide()

    def offer_after(self, visit_id: int) -> None:
        """Offer an application when the saved visit calls for one (and the role may record it)."""
        self.offer = None
        if has_permission(self.actor, "member.update"):
            from stationapp.services import members  # with the first visit saved, not at start

            try:
                self.offer = members.card_offer(self.actor, visit_id)
            except UserError:
                self.offer = None
        if self.offer is None:
            self.hide()
            return
        self.setText(self.tr("Apply for a 京卡 for {name}… (&J)").format(name=self.offer.name))
        self.show()

    def withdraw(self) -> None:
        self.offer = None
        self.hide()

    def apply(self) -> None:
        offer = self.offer
        if offer is None:
            return
        from stationapp.ui.members.card_dialogs import ApplicationDialog

        dialog = ApplicationDialog(
            self.actor,
            self.window(),
            person_id=offer.person_id,
            visit_id=offer.visit_id,
            brought=offer.brought,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.card is not None
        dialog.deleteLater()
        if accepted:
            self.withdraw()
            self.applied.emit(
                self.tr("京卡 application recorded for {name}: it waits for the card.").format(
                    name=offer.name
                )
            )
