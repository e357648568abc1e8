"""The catalogue's dialogs for one title and its copies: add or edit a title (and the quick add
of a scanned ISBN), add or edit a copy, change a copy's status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import ITEM_TYPES, Copy, Title
from stationapp.services import library
from stationapp.services.library_import import create_title_with_copy
from stationapp.ui.forms import (
    OK_CANCEL,
    FieldErrors,
    FormDialog,
    choice_box,
    dialog_buttons,
    shows_user_errors,
)
from stationapp.ui.library.title_model import format_isbn

translate = QCoreApplication.translate


class _CopyFields:
    """A copy's fields (barcode, accession number, location, price) in a dialog's form: the
    title dialog's first copy and the copy dialog. Their words are the copy dialog's."""

    fields: FieldErrors
    barcode: QLineEdit
    accession: QLineEdit
    location: QLineEdit
    price: QLineEdit

    def _add_copy_fields(self) -> None:
        self.barcode = self.fields.add_line(
            translate("CopyDialog", "&Barcode"),
            "barcode",
            40,
            translate("CopyDialog", "Scan the label stuck in the book"),
        )
        self.accession = self.fields.add_line(
            translate("CopyDialog", "Acc&ession number"), "accession_number", 40
        )
        self.location = self.fields.add_line(translate("CopyDialog", "&Location"), "location", 60)
        self.price = self.fields.add_line(
            translate("CopyDialog", "P&rice"), "price", 12, translate("CopyDialog", "e.g. 39.80")
        )

    def _typed_copy(self) -> library.CopyInput:
        return library.CopyInput(
            barcode=self.barcode.text(),
            accession_number=self.accession.text(),
            price=self.price.text(),
            location=self.location.text(),
        )


class TitleDialog(_CopyFields, FormDialog):
    """Add a title (with its first copy, optionally) or edit one; also the quick-add form for an
    ISBN scanned at the desk that is not in the catalogue."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        title: Title | None = None,
        isbn: str = "",
        prefill: str = "",
    ) -> None:
        super().__init__(actor, parent)
        self.existing = title
        self.saved: Title | None = None
        self.setWindowTitle(self.tr("Edit title") if title else self.tr("New title"))
        self.setMinimumWidth(460)
        self.title_edit = self.fields.add_line(self.tr("&Title"), "title", 300)
        self.author = self.fields.add_line(self.tr("&Author"), "author", 200)
        self.isbn = self.fields.add_line(
            self.tr("&ISBN"), "isbn", 30, self.tr("Scan or type; ISBN-10 or ISBN-13; may be empty")
        )
        self.publisher = self.fields.add_line(self.tr("&Publisher"), "publisher", 200)
        self.year = self.fields.add_line(self.tr("&Year"), "year", 6, self.tr("e.g. 2015"))
        self.classification = self.fields.add_line(
            self.tr("&Class number"), "classification", 40, self.tr("e.g. I247.5")
        )
        self.item_type = choice_box(ITEM_TYPES, library.item_type_label)
        self.fields.add_row(self.tr("&Kind of item"), "item_type", self.item_type)

        self.copy_heading = QLabel(self.tr("First copy (leave the barcode empty to add none)"))
        self.copy_heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        self.form.addRow(self.copy_heading)
        self._add_copy_fields()

        dialog_buttons(self, self.column, self.submit)

        if title is not None:
            self.title_edit.setText(title.title)
            self.author.setText(title.author)
            self.isbn.setText(format_isbn(title.isbn))
            self.publisher.setText(title.publisher)
            self.year.setText("" if title.year is None else str(title.year))
            self.classification.setText(title.classification)
            self.item_type.setCurrentIndex(max(self.item_type.findData(title.item_type), 0))
            self.copy_heading.setVisible(False)
            for name in ("barcode", "accession_number", "location", "price"):
                self.fields.set_row_visible(name, False)
        else:
            if isbn:
                self.isbn.setText(self._shown_isbn(isbn))
            if prefill:
                self.title_edit.setText(prefill)
        self.title_edit.setFocus()

    @staticmethod
    def _shown_isbn(raw: str) -> str:
        try:
            return format_isbn(library.normalize_isbn(raw)) or raw
        except ValidationError:
            return raw

    def title_input(self) -> library.TitleInput:
        return library.TitleInput(
            title=self.title_edit.text(),
            author=self.author.text(),
            isbn=self.isbn.text(),
            publisher=self.publisher.text(),
            year=self.year.text(),
            classification=self.classification.text(),
            item_type=self.item_type.currentData(),
        )

    def copy_input(self) -> library.CopyInput | None:
        if not self.barcode.text().strip():
            if self.location.text().strip() or self.price.text().strip() or self.accession.text():
                raise ValidationError(
                    self.tr("Scan the copy's barcode, or clear its location and price."),
                    field="barcode",
                )
            return None
        return self._typed_copy()

    @shows_user_errors
    def submit(self) -> None:
        if self.existing is not None:
            self.saved = library.update_title(self.actor, self.existing.id, self.title_input())
        else:
            self.saved = create_title_with_copy(self.actor, self.title_input(), self.copy_input())
        self.accept()


class CopyDialog(_CopyFields, FormDialog):
    """Add a copy to a title, or change a copy's barcode, accession number, location or price."""

    def __init__(
        self,
        actor: Staff,
        parent: QWidget | None = None,
        *,
        title_id: int | None = None,
        copy: Copy | None = None,
    ) -> None:
        super().__init__(actor, parent)
        if (title_id is None) == (copy is None):
            raise ValueError("give a title to add to or a copy to edit")
        self.title_id = title_id
        self.existing = copy
        self.saved: Copy | None = None
        self.setWindowTitle(self.tr("Edit copy") if copy else self.tr("Add copy"))
        self.setMinimumWidth(380)
        self._add_copy_fields()
        dialog_buttons(self, self.column, self.submit)
        if copy is not None:
            self.barcode.setText(copy.barcode)
            self.accession.setText(copy.accession_number)
            self.location.setText(copy.location)
            self.price.setText("" if copy.price is None else f"{copy.price:.2f}")

    def copy_input(self) -> library.CopyInput:
        return self._typed_copy()

    @shows_user_errors
    def submit(self) -> None:
        if self.existing is not None:
            self.saved = library.update_copy(self.actor, self.existing.id, self.copy_input())
        else:
            assert self.title_id is not None
            self.saved = library.add_copy(self.actor, self.title_id, self.copy_input())
        self.accept()


class CopyStatusDialog(FormDialog):
    """Withdraw a copy (剔除), record it lost or damaged, or put it back on the shelf."""

    def __init__(self, actor: Staff, copy: Copy, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.copy = copy
        self.saved: Copy | None = None
        self.setWindowTitle(self.tr("Withdraw copy"))
        intro = QLabel(
            self.tr("Copy {barcode}, now: {status}.").format(
                barcode=copy.barcode, status=library.copy_status_label(copy.status)
            )
        )
        intro.setWordWrap(True)
        self.column.insertWidget(1, intro)  # under the message bar, above the form
        self.status = QComboBox()
        self.status.addItem(self.tr("Withdrawn from the collection"), "withdrawn")
        self.status.addItem(library.copy_status_label("lost"), "lost")
        self.status.addItem(library.copy_status_label("damaged"), "damaged")
        self.status.addItem(self.tr("Back on the shelf"), "available")
        if copy.status in ("withdrawn", "lost", "damaged"):
            self.status.setCurrentIndex(self.status.findData("available"))
        self.fields.add_row(self.tr("&New status"), "status", self.status)
        note = QLabel(self.tr("The copy's loan history is kept whatever its status."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.column.addWidget(note)
        dialog_buttons(self, self.column, self.submit, buttons=OK_CANCEL)

    @shows_user_errors
    def submit(self) -> None:
        self.saved = library.withdraw_copy(
            self.actor, self.copy.id, status=self.status.currentData()
        )
        self.accept()
