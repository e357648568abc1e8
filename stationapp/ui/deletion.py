"""Deleting a record from any tab: ask first, and when the service refuses because the record
has history, say what is on record and offer to deactivate it instead (issue #7)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from stationapp.errors import HasHistory, UserError
from stationapp.ui.forms import MessageBar

translate = QCoreApplication.translate


class Outcome(Enum):
    NOTHING = "nothing"  # not confirmed, refused, or failed (the bar says why)
    DELETED = "deleted"
    INSTEAD = "instead"  # the record had history and was deactivated (or cancelled) instead


def confirm_delete(parent: QWidget, name: str) -> bool:
    answer = QMessageBox.question(
        parent,
        translate("Deletion", "Delete"),
        translate(
            "Deletion",
            "Delete {name}? This cannot be undone. Records with history are never deleted; "
            "they can be deactivated instead.",
        ).format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def delete_or_offer(
    parent: QWidget,
    bar: MessageBar,
    *,
    name: str,
    delete: Callable[[], object],
    instead: Callable[[], object] | None = None,
    instead_question: str = "",
) -> Outcome:
    """Ask, then ``delete()``; on a refusal for history ask ``instead_question`` and run
    ``instead()`` (deactivate, withdraw, cancel). Expected errors go to ``bar``."""
    if not confirm_delete(parent, name):
        return Outcome.NOTHING
    try:
        delete()
    except HasHistory as exc:
        if instead is None:
            bar.show_message(exc.message, "warning")
            return Outcome.NOTHING
        answer = QMessageBox.question(
            parent,
            translate("Deletion", "Cannot delete"),
            f"{exc.message}\n\n{instead_question}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            bar.show_message(exc.message, "warning")
            return Outcome.NOTHING
        try:
            instead()
        except UserError as error:
            bar.show_message(error.message)
            return Outcome.NOTHING
        return Outcome.INSTEAD
    except UserError as exc:
        bar.show_message(exc.message)
        return Outcome.NOTHING
    return Outcome.DELETED
