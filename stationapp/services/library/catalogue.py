"""The catalogue: titles and their copies, ISBNs, search and availability."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import peewee
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError as StdnumError

from stationapp.db import contains, excluding, found, lock_kind, now, today
from stationapp.errors import NotFound, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.library import ITEM_TYPES, Box, Copy, Title
from stationapp.models.people import Person
from stationapp.services.accounts import assign, audit, require
from stationapp.services.library._common import translate
from stationapp.services.search_keys import normalize_query, normalize_search, phrase_search_text
from stationapp.services.validation import clean_texts, normalize_texts
from stationapp.services.writes import writing

MAX_COPY_PRICE = Decimal("100000")


def item_type_label(item_type: str) -> str:
    return {
        "book": translate("Library", "Book"),
        "magazine": translate("Library", "Magazine"),
        "reference": translate("Library", "Reference work"),
        "audiovisual": translate("Library", "Audiovisual"),
    }.get(item_type, item_type)


def copy_status_label(status: str) -> str:
    return {
        "available": translate("Library", "On the shelf"),
        "on_loan": translate("Library", "On loan"),
        "in_box": translate("Library", "In a box"),
        "on_hold_shelf": translate("Library", "Set aside for a hold"),
        "lost": translate("Library", "Lost"),
        "damaged": translate("Library", "Damaged"),
        "withdrawn": translate("Library", "Withdrawn"),
    }.get(status, status)


def normalize_isbn(raw: str) -> str:
    """An ISBN-10 or ISBN-13 as its canonical ISBN-13; "" when none was given."""
    text = normalize_query(raw).replace("-", "").upper()
    if not text:
        return ""
    # Scanners may append a 2- or 5-digit EAN add-on (the price) to the 13 digits.
    if text.isdigit() and len(text) in (15, 18) and text[:3] in ("978", "979"):
        text = text[:13]
    try:
        number = stdnum_isbn.validate(text)
        return stdnum_isbn.to_isbn13(number)
    except StdnumError as exc:
        raise ValidationError(
            translate(
                "Library",
                "This is not a valid ISBN (10 or 13 digits with a correct check digit).",
            ),
            field="isbn",
        ) from exc


def looks_like_isbn(code: str) -> bool:
    try:
        return bool(normalize_isbn(code))
    except ValidationError:
        return False


@dataclass
class TitleInput:
    title: str
    author: str = ""
    isbn: str = ""
    publisher: str = ""
    year: int | str | None = None
    classification: str = ""
    item_type: str = "book"


def _validate_title(data: TitleInput) -> dict[str, object]:
    fields = (
        ("title", 300, True),
        ("author", 200, False),
        ("publisher", 200, False),
        ("classification", 40, False),
    )
    values, errors = clean_texts(data, fields)
    try:
        values["isbn"] = normalize_isbn(data.isbn)
    except ValidationError as exc:
        errors["isbn"] = exc.message
    year = data.year
    if isinstance(year, str):
        year = year.strip() or None
    if year is not None:
        try:
            year = int(year)
        except ValueError:
            year = -1
        if not 1400 <= year <= today().year + 1:
            errors["year"] = translate("Library", "The year must be between 1400 and next year.")
    values["year"] = year
    if data.item_type not in ITEM_TYPES:
        errors["item_type"] = translate("Library", "Choose the kind of item.")
    values["item_type"] = data.item_type
    raise_field_errors(errors)
    return values


def _title_search_text(values: dict[str, object]) -> str:
    return " ".join(
        phrase_search_text(str(values[name])) for name in ("title", "author") if values[name]
    )


def create_title(actor: Staff, data: TitleInput) -> Title:
    with writing(actor, "library.catalogue", notify="title"):
        values = _validate_title(data)
        moment = now()
        title = Title.create(
            **values, search_text=_title_search_text(values), created_at=moment, updated_at=moment
        )
        audit(actor, "create", "title", title.id, {"title": values["title"]})
    return title


def update_title(actor: Staff, title_id: int, data: TitleInput) -> Title:
    with writing(actor, "library.catalogue", notify="title"):
        values = _validate_title(data)
        title = found(
            Title, title_id, translate("Library", "This title is no longer in the catalogue.")
        )
        changed = assign(title, values)
        title.search_text = _title_search_text(values)
        title.updated_at = now()
        title.save()
        audit(actor, "update", "title", title.id, changed)
    return title


def get_title(actor: Staff, title_id: int) -> Title:
    require(actor, "library.read")
    return found(Title, title_id, translate("Library", "This title is no longer in the catalogue."))


def search_titles(
    actor: Staff, text: str, *, offset: int = 0, limit: int = 50, include_inactive: bool = False
) -> list[Title]:
    """Titles by words of the title or author, their pinyin or initials, or the ISBN."""
    require(actor, "library.read")
    return list(
        _title_query(text, include_inactive)
        .order_by(Title.title, Title.id)
        .offset(offset)
        .limit(limit)
    )


def count_titles(actor: Staff, text: str = "", *, include_inactive: bool = False) -> int:
    require(actor, "library.read")
    return _title_query(text, include_inactive).count()


def _title_query(text: str, include_inactive: bool = False) -> peewee.ModelSelect:
    query = Title.select()
    if not include_inactive:
        query = query.where(Title.active)
    q = normalize_search(text)
    if q:
        isbn = ""
        digits = q.replace("-", "")
        # A full ISBN-13, or an ISBN-10 that is not the start of a 13-digit one being typed.
        if len(digits) == 13 or (len(digits) == 10 and not digits.startswith(("978", "979"))):
            try:
                isbn = normalize_isbn(digits)
            except ValidationError:
                isbn = ""
        matching = contains(Title.search_text, q, folded=True)
        query = query.where((Title.isbn == isbn) if isbn else matching)
    return query


def availability(title_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per title: (copies on the shelf, copies in all) from one aggregate query."""
    if not title_ids:
        return {}
    rows = (
        Copy.select(
            Copy.title,
            peewee.fn.SUM(peewee.Case(None, [(Copy.status == "available", 1)], 0)),
            peewee.fn.COUNT(Copy.id),
        )
        .where(Copy.title.in_(title_ids), Copy.status != "withdrawn")
        .group_by(Copy.title)
        .tuples()
    )
    return {title_id: (int(free or 0), int(total)) for title_id, free, total in rows}


@dataclass
class CopyInput:
    barcode: str
    accession_number: str = ""
    price: str | Decimal | None = None
    location: str = ""


def _validate_copy(data: CopyInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    barcode = normalize_query(data.barcode).upper()
    if not barcode:
        errors["barcode"] = translate("Library", "Scan or type the copy's barcode.")
    elif len(barcode) > 40 or not barcode.isascii() or not barcode.isalnum():
        errors["barcode"] = translate("Library", "A barcode has at most 40 letters and digits.")
    values["barcode"] = barcode
    fields = (("accession_number", 40, False), ("location", 60, False))
    normalize_texts(data, fields, values=values, errors=errors)
    price = data.price
    if price in (None, ""):
        values["price"] = None
    else:
        try:
            value = Decimal(str(price).strip())
            if not value.is_finite() or value < 0 or value >= MAX_COPY_PRICE:
                raise InvalidOperation
            values["price"] = value.quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors["price"] = translate("Library", "The price must be a sum like 39.80.")
    raise_field_errors(errors)
    return values


def _barcode_taken(barcode: str, *, exclude_copy: int | None = None) -> bool:
    return (
        excluding(Copy.select().where(Copy.barcode == barcode), exclude_copy).exists()
        or Box.select().where(Box.barcode == barcode).exists()
        or Person.select()
        .where((Person.member_card == barcode) | (Person.id_number == barcode))
        .exists()
    )


def _refuse_taken_barcode(barcode: str, *, exclude_copy: int | None = None) -> None:
    lock_kind("barcode")  # PostgreSQL: copies and boxes share the barcodes
    if _barcode_taken(barcode, exclude_copy=exclude_copy):
        raise ValidationError(
            translate("Library", "The barcode {code} is already in use.").format(code=barcode),
            field="barcode",
        )


def add_copy(actor: Staff, title_id: int, data: CopyInput) -> Copy:
    with writing(actor, "library.catalogue", notify="copy", lock=True):
        values = _validate_copy(data)
        if not Title.select().where(Title.id == title_id).exists():
            raise NotFound(translate("Library", "This title is no longer in the catalogue."))
        _refuse_taken_barcode(str(values["barcode"]))
        copy = Copy.create(title=title_id, created_at=now(), **values)
        audit(actor, "create", "copy", copy.id, {"barcode": values["barcode"]})
    return copy


def update_copy(actor: Staff, copy_id: int, data: CopyInput) -> Copy:
    with writing(actor, "library.catalogue", notify="copy", lock=True):
        values = _validate_copy(data)
        copy = found(Copy, copy_id, translate("Library", "This copy does not exist."))
        _refuse_taken_barcode(str(values["barcode"]), exclude_copy=copy_id)
        changed = assign(copy, values)
        copy.save()
        audit(actor, "update", "copy", copy.id, changed)
    return copy


def withdraw_copy(actor: Staff, copy_id: int, *, status: str = "withdrawn") -> Copy:
    """Take a copy out of circulation (withdrawn, lost or damaged); its history stays."""
    with writing(actor, "library.catalogue", notify="copy", lock=True):
        if status not in ("withdrawn", "lost", "damaged", "available"):
            raise ValidationError(translate("Library", "Choose a status."), field="status")
        copy = found(Copy, copy_id, translate("Library", "This copy does not exist."))
        if copy.status in ("on_loan", "in_box", "on_hold_shelf"):
            raise ValidationError(
                translate("Library", "The copy is out ({status}); take it back first.").format(
                    status=copy_status_label(copy.status)
                ),
                field="status",
            )
        previous = copy.status
        copy.status = status
        if status == "available":
            copy.box = None  # back on the shelf, out of any box it was lost from
        copy.save()
        audit(actor, "status", "copy", copy.id, {"from": previous, "to": status})
    return copy


def copies_of(actor: Staff, title_id: int) -> list[Copy]:
    require(actor, "library.read")
    return list(Copy.select().where(Copy.title == title_id).order_by(Copy.barcode))
