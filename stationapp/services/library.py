"""The workers' library (职工书屋): the catalogue, circulation rules, the scan field's decisions,
lending, returns, renewals, holds, overdue lists, and a person's loans.

Boxes lent to workplaces and stocktakes live in services/library_boxes.py; catalogue import in
services/library_import.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeVar

import peewee
from PySide6.QtCore import QCoreApplication
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError as StdnumError

from stationapp.db import contains, is_sqlite, lock_kind, now, today, transaction
from stationapp.errors import NotFound, UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import (
    ITEM_TYPES,
    Box,
    BoxLoan,
    CirculationRule,
    Copy,
    Hold,
    Loan,
    Title,
)
from stationapp.models.people import Organization, Person
from stationapp.services import changes, history
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.people import hands_people, mask_phone
from stationapp.services.search_keys import normalize_query, normalize_search, phrase_search_text
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

UNDO_WINDOW = timedelta(minutes=10)
MAX_COPY_PRICE = Decimal("100000")


M = TypeVar("M", bound=peewee.Model)


class LendRefused(UserError):
    """Lending is not allowed: the message says exactly why."""


# --- labels -----------------------------------------------------------------------------------


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


def borrower_category_label(category: str) -> str:
    return {
        "member": translate("Library", "Union member"),
        "worker": translate("Library", "Other worker"),
        "": translate("Library", "Everyone"),
    }.get(category, category)


# --- ISBN and catalogue -------------------------------------------------------------------------


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
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, limit, required in (
        ("title", 300, True),
        ("author", 200, False),
        ("publisher", 200, False),
        ("classification", 40, False),
    ):
        try:
            values[name] = normalize_text(
                getattr(data, name), field=name, max_length=limit, required=required
            )
        except ValidationError as exc:
            errors[name] = exc.message
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
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values


def _title_search_text(values: dict[str, object]) -> str:
    return " ".join(
        phrase_search_text(str(values[name])) for name in ("title", "author") if values[name]
    )


def create_title(actor: Staff, data: TitleInput) -> Title:
    require(actor, "library.catalogue")
    values = _validate_title(data)
    with transaction():
        moment = now()
        title = Title.create(
            **values, search_text=_title_search_text(values), created_at=moment, updated_at=moment
        )
        audit(actor, "create", "title", title.id, {"title": values["title"]})
    changes.notify("title")
    return title


def update_title(actor: Staff, title_id: int, data: TitleInput) -> Title:
    require(actor, "library.catalogue")
    values = _validate_title(data)
    with transaction():
        title = Title.get_or_none(Title.id == title_id)
        if title is None:
            raise NotFound(translate("Library", "This title is no longer in the catalogue."))
        before = {k: getattr(title, k) for k in values}
        for key, value in values.items():
            setattr(title, key, value)
        title.search_text = _title_search_text(values)
        title.updated_at = now()
        title.save()
        audit(
            actor,
            "update",
            "title",
            title.id,
            {k: [before[k], v] for k, v in values.items() if before[k] != v},
        )
    changes.notify("title")
    return title


def get_title(actor: Staff, title_id: int) -> Title:
    require(actor, "library.read")
    title = Title.get_or_none(Title.id == title_id)
    if title is None:
        raise NotFound(translate("Library", "This title is no longer in the catalogue."))
    return title


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
    for name, limit in (("accession_number", 40), ("location", 60)):
        try:
            values[name] = normalize_text(getattr(data, name), field=name, max_length=limit)
        except ValidationError as exc:
            errors[name] = exc.message
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
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return values


def _barcode_taken(barcode: str, *, exclude_copy: int | None = None) -> bool:
    copies = Copy.select().where(Copy.barcode == barcode)
    if exclude_copy is not None:
        copies = copies.where(Copy.id != exclude_copy)
    return (
        copies.exists()
        or Box.select().where(Box.barcode == barcode).exists()
        or Person.select()
        .where((Person.member_card == barcode) | (Person.id_number == barcode))
        .exists()
    )


def add_copy(actor: Staff, title_id: int, data: CopyInput) -> Copy:
    require(actor, "library.catalogue")
    values = _validate_copy(data)
    with transaction(lock=True):
        lock_kind("barcode")  # PostgreSQL: copies and boxes share the barcodes
        if not Title.select().where(Title.id == title_id).exists():
            raise NotFound(translate("Library", "This title is no longer in the catalogue."))
        if _barcode_taken(str(values["barcode"])):
            raise ValidationError(
                translate("Library", "The barcode {code} is already in use.").format(
                    code=values["barcode"]
                ),
                field="barcode",
            )
        copy = Copy.create(title=title_id, created_at=now(), **values)
        audit(actor, "create", "copy", copy.id, {"barcode": values["barcode"]})
    changes.notify("copy")
    return copy


def update_copy(actor: Staff, copy_id: int, data: CopyInput) -> Copy:
    require(actor, "library.catalogue")
    values = _validate_copy(data)
    with transaction(lock=True):
        copy = Copy.get_or_none(Copy.id == copy_id)
        if copy is None:
            raise NotFound(translate("Library", "This copy does not exist."))
        lock_kind("barcode")
        if _barcode_taken(str(values["barcode"]), exclude_copy=copy_id):
            raise ValidationError(
                translate("Library", "The barcode {code} is already in use.").format(
                    code=values["barcode"]
                ),
                field="barcode",
            )
        before = {k: getattr(copy, k) for k in values}
        for key, value in values.items():
            setattr(copy, key, value)
        copy.save()
        audit(
            actor,
            "update",
            "copy",
            copy.id,
            {k: [before[k], v] for k, v in values.items() if before[k] != v},
        )
    changes.notify("copy")
    return copy


def withdraw_copy(actor: Staff, copy_id: int, *, status: str = "withdrawn") -> Copy:
    """Take a copy out of circulation (withdrawn, lost or damaged); its history stays."""
    require(actor, "library.catalogue")
    if status not in ("withdrawn", "lost", "damaged", "available"):
        raise ValidationError(translate("Library", "Choose a status."), field="status")
    with transaction(lock=True):
        copy = Copy.get_or_none(Copy.id == copy_id)
        if copy is None:
            raise NotFound(translate("Library", "This copy does not exist."))
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
    changes.notify("copy")
    return copy


def copies_of(actor: Staff, title_id: int) -> list[Copy]:
    require(actor, "library.read")
    return list(Copy.select().where(Copy.title == title_id).order_by(Copy.barcode))


# --- deactivating and deleting -------------------------------------------------------------------

OUT_STATUSES: tuple[str, ...] = ("on_loan", "in_box", "on_hold_shelf")


def _in_a_manifest(copy_id: int) -> peewee.Expression:
    """Box loans whose manifest (a JSON list like ``[3, 17, 40]``) holds the copy."""
    manifest = BoxLoan.manifest
    return (
        (manifest == f"[{copy_id}]")
        | manifest.startswith(f"[{copy_id},")
        | manifest.contains(f", {copy_id},")
        | manifest.endswith(f", {copy_id}]")
    )


def copy_history_counts(copy: Copy) -> dict[str, int]:
    """Loans, holds and stocktakes naming the copy, and the boxes it was packed in or lent with."""
    found = history.references(Copy, copy.id)
    boxes = BoxLoan.select().where(_in_a_manifest(copy.id)).count()
    if copy.box_id is not None and not boxes:
        boxes = 1
    if boxes:
        found["box"] = boxes
    return found


def title_history_counts(title_id: int) -> dict[str, int]:
    """The title's holds and the history of its copies; the copies themselves do not count."""
    return history.merge(
        history.references(Title, title_id, owned=(Copy,)),
        *(copy_history_counts(c) for c in Copy.select().where(Copy.title == title_id)),
    )


def _title_not_found() -> str:
    return translate("Library", "This title is no longer in the catalogue.")


def deactivate_title(actor: Staff, title_id: int) -> Title:
    """Take a title out of the catalogue: it no longer shows in searches, its copies on the shelf
    are withdrawn. Refused while a copy is out or someone is waiting for it."""
    require(actor, "library.deactivate")
    with transaction(lock=True):
        title = history.locked(Title, title_id, _title_not_found())
        if not title.active:
            return title
        out = Copy.select().where(Copy.title == title.id, Copy.status.in_(OUT_STATUSES)).count()
        if out:
            raise ValidationError(
                translate(
                    "Library",
                    "%n copy(ies) of this title are out (on loan, in a box or on the hold "
                    "shelf): take them back first.",
                    "",
                    out,
                )
            )
        holds = (
            Hold.select()
            .where(Hold.title == title.id, Hold.state.in_(["waiting", "ready"]))
            .count()
        )
        if holds:
            raise ValidationError(
                translate(
                    "Library",
                    "%n reservation(s) wait for this title: cancel them first.",
                    "",
                    holds,
                )
            )
        shelved = [
            c.barcode
            for c in Copy.select(Copy.barcode).where(
                Copy.title == title.id, Copy.status == "available"
            )
        ]
        Copy.update(status="withdrawn").where(
            Copy.title == title.id, Copy.status == "available"
        ).execute()
        title.active = False
        title.updated_at = now()
        title.save()
        audit(actor, "deactivate", "title", title.id, {"title": title.title, "withdrawn": shelved})
    changes.notify("title")
    changes.notify("copy")
    return title


def reactivate_title(actor: Staff, title_id: int) -> Title:
    """Put the title back in the catalogue; its withdrawn copies stay withdrawn until the
    librarian puts each back on the shelf."""
    require(actor, "library.deactivate")
    with transaction(lock=True):
        title = history.locked(Title, title_id, _title_not_found())
        if title.active:
            return title
        title.active = True
        title.updated_at = now()
        title.save()
        audit(actor, "reactivate", "title", title.id, {"title": title.title})
    changes.notify("title")
    return title


def _copy_snapshot(copy: Copy) -> dict[str, object]:
    return {
        "barcode": copy.barcode,
        "title": copy.title_id,
        "accession_number": copy.accession_number,
        "price": copy.price,
        "location": copy.location,
        "status": copy.status,
    }


def delete_title(actor: Staff, title_id: int) -> None:
    """Delete a title entered by mistake, with its copies; only when no copy was ever lent,
    boxed or counted in a stocktake and nobody reserved it."""
    require(actor, "library.delete")
    with transaction(lock=True):
        title = history.locked(Title, title_id, _title_not_found())
        found = title_history_counts(title.id)
        if found:
            raise history.refuse(
                translate(
                    "Library",
                    "“{title}” has history ({history}), so it cannot be deleted; deactivate it "
                    "instead.",
                ),
                found,
                title=title.title,
            )
        copies = list(Copy.select().where(Copy.title == title.id).order_by(Copy.barcode))
        for copy in copies:
            audit(actor, "delete", "copy", copy.id, _copy_snapshot(copy))
        Copy.delete().where(Copy.title == title.id).execute()
        snapshot = {
            "title": title.title,
            "author": title.author,
            "isbn": title.isbn,
            "publisher": title.publisher,
            "year": title.year,
            "classification": title.classification,
            "item_type": title.item_type,
            "active": title.active,
            "copies": [c.barcode for c in copies],
        }
        title.delete_instance()
        audit(actor, "delete", "title", title_id, snapshot)
    changes.notify("title")
    changes.notify("copy")


def delete_copy(actor: Staff, copy_id: int) -> None:
    """Delete a copy added by mistake; one that was ever lent, boxed, reserved or counted in a
    stocktake is withdrawn instead."""
    require(actor, "library.delete")
    with transaction(lock=True):
        copy = history.locked(Copy, copy_id, translate("Library", "This copy does not exist."))
        found = copy_history_counts(copy)
        if found:
            raise history.refuse(
                translate(
                    "Library",
                    "Copy {code} has history ({history}), so it cannot be deleted; withdraw it "
                    "instead.",
                ),
                found,
                code=copy.barcode,
            )
        snapshot = _copy_snapshot(copy)
        copy.delete_instance()
        audit(actor, "delete", "copy", copy_id, snapshot)
    changes.notify("copy")


# --- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    loan_days: int
    max_loans: int
    renewals: int
    reference_only: bool


def borrower_category(person: Person) -> str:
    return "member" if person.is_member else "worker"


def rule_for(category: str, item_type: str) -> Rule:
    """The most specific rule: category and type, then category, then type, then everyone."""
    candidates = {
        (r.borrower_category, r.item_type): r
        for r in CirculationRule.select().where(
            CirculationRule.borrower_category.in_([category, ""]),
            CirculationRule.item_type.in_([item_type, ""]),
        )
    }
    for key in ((category, item_type), (category, ""), ("", item_type), ("", "")):
        rule = candidates.get(key)
        if rule is not None:
            return Rule(rule.loan_days, rule.max_loans, rule.renewals, rule.reference_only)
    return Rule(30, 3, 1, False)


def list_rules(actor: Staff) -> list[CirculationRule]:
    require(actor, "library.read")
    return list(
        CirculationRule.select().order_by(
            CirculationRule.borrower_category, CirculationRule.item_type
        )
    )


@dataclass
class RuleInput:
    borrower_category: str
    item_type: str
    loan_days: int
    max_loans: int
    renewals: int
    reference_only: bool = False


def save_rule(actor: Staff, data: RuleInput) -> CirculationRule:
    """Create or change the rule for one (category, type) pair; administrators only."""
    require(actor, "library.rules")
    errors: dict[str, str] = {}
    if data.borrower_category not in ("", "member", "worker"):
        errors["borrower_category"] = translate("Library", "Choose a borrower category.")
    if data.item_type not in ("", *ITEM_TYPES):
        errors["item_type"] = translate("Library", "Choose the kind of item.")
    if not 1 <= data.loan_days <= 365:
        errors["loan_days"] = translate("Library", "Loan days must be 1 to 365.")
    if not 0 <= data.max_loans <= 200:
        errors["max_loans"] = translate("Library", "The maximum loans must be 0 to 200.")
    if not 0 <= data.renewals <= 10:
        errors["renewals"] = translate("Library", "Renewals must be 0 to 10.")
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    with transaction(lock=True):
        rule = CirculationRule.get_or_none(
            CirculationRule.borrower_category == data.borrower_category,
            CirculationRule.item_type == data.item_type,
        )
        values = {
            "loan_days": data.loan_days,
            "max_loans": data.max_loans,
            "renewals": data.renewals,
            "reference_only": data.reference_only,
        }
        if rule is None:
            rule = CirculationRule.create(
                borrower_category=data.borrower_category, item_type=data.item_type, **values
            )
        else:
            for key, value in values.items():
                setattr(rule, key, value)
            rule.save()
        audit(actor, "save", "circulation_rule", rule.id, values)
    changes.notify("rule")
    return rule


# --- borrowers ---------------------------------------------------------------------------------


@hands_people
def find_borrower(actor: Staff, code: str) -> Person | None:
    """The person whose whole member card or ID number this is (what a scanner reads)."""
    require(actor, "library.read")
    number = normalize_query(code).upper()
    if not number:
        return None
    return (
        Person.select()
        .where((Person.member_card == number) | (Person.id_number == number), Person.active)
        .order_by(Person.id)
        .first()
    )


@dataclass(frozen=True)
class BorrowerStatus:
    loans: int
    overdue: int
    max_loans: int

    @property
    def suspended(self) -> bool:
        """No fines: borrowing is suspended while a book is overdue."""
        return self.overdue > 0


def borrower_status(actor: Staff, person: Person, *, on: date | None = None) -> BorrowerStatus:
    require(actor, "library.read")
    on = on or today()
    open_loans = Loan.select().where(Loan.person == person.id, Loan.returned_at.is_null())
    overdue = open_loans.where(Loan.due_on < on).count()
    return BorrowerStatus(
        loans=open_loans.count(),
        overdue=overdue,
        max_loans=rule_for(borrower_category(person), "book").max_loans,
    )


# --- lending and returning ----------------------------------------------------------------------


def _locked_copy(copy_id: int) -> Copy:
    query = Copy.select(Copy, Title).join(Title).where(Copy.id == copy_id)
    if not is_sqlite():
        query = query.for_update(of=Copy)
    copy = query.first()
    if copy is None:
        raise NotFound(translate("Library", "This copy does not exist."))
    return copy


@hands_people
def lend(actor: Staff, copy_id: int, person_id: int) -> Loan:
    """Lend a copy. Locks first, then checks the copy, the rules and the borrower, then writes."""
    require(actor, "library.circulate")
    with transaction(lock=True):
        copy = _locked_copy(copy_id)
        # The borrower's row too: two desks lending to one person must not pass the limit.
        people = Person.select().where(Person.id == person_id)
        person = (people if is_sqlite() else people.for_update()).first()
        if person is None or not person.active:
            raise NotFound(translate("Library", "This borrower is no longer on file."))
        hold = None
        if copy.status == "on_hold_shelf":
            hold = Hold.get_or_none(Hold.copy == copy.id, Hold.state == "ready")
            if hold is None or hold.person_id != person_id:
                raise LendRefused(
                    translate("Library", "This copy is set aside for someone who reserved it.")
                )
        elif copy.status != "available":
            raise LendRefused(
                translate("Library", "This copy cannot be lent: it is {status}.").format(
                    status=copy_status_label(copy.status)
                )
            )
        rule = rule_for(borrower_category(person), copy.title.item_type)
        if rule.reference_only:
            raise LendRefused(
                translate("Library", "Reference only: this item stays in the reading room.")
            )
        open_loans = Loan.select().where(Loan.person == person_id, Loan.returned_at.is_null())
        overdue = open_loans.where(Loan.due_on < today()).count()
        if overdue:
            raise LendRefused(
                translate(
                    "Library",
                    "{name} has %n overdue book(s): borrowing is suspended until they are back.",
                    "",
                    overdue,
                ).format(name=person.name)
            )
        if open_loans.count() >= rule.max_loans:
            most = rule.max_loans  # a name: lupdate 6.11 drops a count expression
            raise LendRefused(
                translate(
                    "Library",
                    "{name} already has %n book(s), the most allowed.",
                    "",
                    most,
                ).format(name=person.name)
            )
        moment = now()
        loan = Loan.create(
            copy=copy.id,
            person=person_id,
            staff=actor,
            lent_at=moment,
            due_on=moment.date() + timedelta(days=rule.loan_days),
        )
        copy.status = "on_loan"
        copy.last_seen_at = moment
        copy.save()
        if hold is not None:
            hold.state = "fulfilled"
            hold.closed_at = moment
            hold.save()
        Person.update(last_activity_at=moment).where(Person.id == person_id).execute()
        audit(actor, "lend", "loan", loan.id, {"copy": copy.barcode, "person": person_id})
    changes.notify("loan")
    return loan


@dataclass(frozen=True)
class ReturnResult:
    loan: Loan
    days_late: int
    hold_for: Person | None


@hands_people
def return_copy(actor: Staff, copy_id: int) -> ReturnResult:
    """Take a copy back; if its title is reserved, set it aside for the first in the queue."""
    require(actor, "library.circulate")
    with transaction(lock=True):
        copy = _locked_copy(copy_id)
        loan = Loan.get_or_none(Loan.copy == copy.id, Loan.returned_at.is_null())
        if loan is None:
            raise ValidationError(translate("Library", "This copy is not on loan."), field="code")
        moment = now()
        loan.returned_at = moment
        loan.returned_staff = actor
        loan.save()
        days_late = max(0, (moment.date() - loan.due_on).days)
        hold = (
            Hold.select()
            .where(Hold.title == copy.title_id, Hold.state == "waiting")
            .order_by(Hold.placed_at, Hold.id)
            .first()
        )
        hold_for = None
        if hold is not None:
            hold.state = "ready"
            hold.copy = copy.id
            hold.ready_at = moment
            hold.save()
            copy.status = "on_hold_shelf"
            hold_for = Person.get_by_id(hold.person_id)
        else:
            copy.status = "available"
        copy.last_seen_at = moment
        copy.save()
        audit(actor, "return", "loan", loan.id, {"days_late": days_late})
    changes.notify("loan")
    return ReturnResult(loan=loan, days_late=days_late, hold_for=hold_for)


def undo_lend(actor: Staff, loan_id: int) -> None:
    """Take back a loan made by mistake, right after it was made (audited)."""
    require(actor, "library.circulate")
    with transaction(lock=True):
        loan = Loan.get_or_none(Loan.id == loan_id)
        if loan is None or loan.returned_at is not None:
            raise ValidationError(translate("Library", "There is nothing to undo."))
        if now() - loan.lent_at > UNDO_WINDOW:
            raise ValidationError(
                translate("Library", "Too late to undo; return the book instead.")
            )
        copy = Copy.get_by_id(loan.copy_id)
        # Only the hold this very loan fulfilled (lend stamps both with one moment).
        hold = Hold.get_or_none(
            Hold.copy == copy.id,
            Hold.state == "fulfilled",
            Hold.person == loan.person_id,
            Hold.closed_at == loan.lent_at,
        )
        if hold is not None:
            hold.state = "ready"
            hold.closed_at = None
            hold.save()
            copy.status = "on_hold_shelf"
        else:
            copy.status = "available"
        copy.save()
        audit(actor, "undo_lend", "loan", loan.id, {"copy": copy.barcode})
        loan.delete_instance()
    changes.notify("loan")


@hands_people
def undo_return(actor: Staff, loan_id: int) -> Loan:
    """Put a return made by mistake back on loan, right after it was made (audited)."""
    require(actor, "library.circulate")
    with transaction(lock=True):
        loan = Loan.get_or_none(Loan.id == loan_id)
        if loan is None or loan.returned_at is None:
            raise ValidationError(translate("Library", "There is nothing to undo."))
        if now() - loan.returned_at > UNDO_WINDOW:
            raise ValidationError(translate("Library", "Too late to undo; lend it again."))
        copy = Copy.get_by_id(loan.copy_id)
        if Loan.select().where(Loan.copy == copy.id, Loan.returned_at.is_null()).exists():
            raise ValidationError(translate("Library", "The copy has been lent again since."))
        if copy.status not in ("available", "on_hold_shelf"):
            raise ValidationError(
                translate("Library", "The copy has since become {status}.").format(
                    status=copy_status_label(copy.status)
                )
            )
        hold = Hold.get_or_none(Hold.copy == copy.id, Hold.state == "ready")
        if hold is not None:
            hold.state = "waiting"
            hold.copy = None
            hold.ready_at = None
            hold.save()
        loan.returned_at = None
        loan.returned_staff = None
        loan.save()
        copy.status = "on_loan"
        copy.save()
        audit(actor, "undo_return", "loan", loan.id, {"copy": copy.barcode})
    changes.notify("loan")
    return loan


@hands_people
def renew(actor: Staff, loan_id: int) -> Loan:
    """Renew at the desk: refused when someone is waiting for the title or renewals are used up."""
    require(actor, "library.circulate")
    with transaction(lock=True):
        loan = Loan.get_or_none(Loan.id == loan_id)
        if loan is None or loan.returned_at is not None:
            raise NotFound(translate("Library", "This loan is not open."))
        copy = Copy.select(Copy, Title).join(Title).where(Copy.id == loan.copy_id).get()
        person = Person.get_by_id(loan.person_id)
        rule = rule_for(borrower_category(person), copy.title.item_type)
        if Hold.select().where(Hold.title == copy.title_id, Hold.state == "waiting").exists():
            raise LendRefused(
                translate("Library", "Cannot renew: someone has reserved this title.")
            )
        if loan.due_on < today():
            raise LendRefused(
                translate("Library", "Cannot renew an overdue book: it has to come back first.")
            )
        if loan.renewals >= rule.renewals:
            allowed = rule.renewals  # a name: lupdate 6.11 drops a count expression
            raise LendRefused(
                translate(
                    "Library",
                    "Cannot renew: the %n renewal(s) allowed are used.",
                    "",
                    allowed,
                )
            )
        loan.renewals += 1
        loan.due_on = max(loan.due_on, today()) + timedelta(days=rule.loan_days)
        loan.save()
        audit(actor, "renew", "loan", loan.id, {"due_on": loan.due_on})
    changes.notify("loan")
    return loan


# --- holds --------------------------------------------------------------------------------------


@hands_people
def place_hold(actor: Staff, title_id: int, person_id: int) -> Hold:
    require(actor, "library.circulate")
    with transaction(lock=True):
        # The title is the parent of its holds: two desks never both find no hold of this person.
        titles = Title.select().where(Title.id == title_id)
        title = (titles if is_sqlite() else titles.for_update()).first()
        if title is None:
            raise NotFound(translate("Library", "This title is no longer in the catalogue."))
        person = Person.get_or_none(Person.id == person_id)
        if person is None or not person.active:
            raise NotFound(translate("Library", "This borrower is no longer on file."))
        if rule_for(borrower_category(person), title.item_type).reference_only:
            raise ValidationError(
                translate("Library", "Reference only: this item stays in the reading room.")
            )
        if (
            Hold.select()
            .where(
                Hold.title == title_id,
                Hold.person == person_id,
                Hold.state.in_(["waiting", "ready"]),
            )
            .exists()
        ):
            raise ValidationError(
                translate("Library", "This person has already reserved this title.")
            )
        on_loan = (
            Loan.select()
            .join(Copy)
            .where(Loan.person == person_id, Loan.returned_at.is_null(), Copy.title == title_id)
            .exists()
        )
        if on_loan:
            raise ValidationError(translate("Library", "This person has this title on loan."))
        hold = Hold.create(title=title_id, person=person_id, placed_at=now())
        audit(actor, "create", "hold", hold.id, {"title": title_id, "person": person_id})
    changes.notify("hold")
    return hold


def cancel_hold(actor: Staff, hold_id: int) -> None:
    require(actor, "library.circulate")
    with transaction(lock=True):
        hold = Hold.get_or_none(Hold.id == hold_id)
        if hold is None or hold.state not in ("waiting", "ready"):
            raise NotFound(translate("Library", "This reservation is not open."))
        if hold.state == "ready" and hold.copy_id:
            # The copy set aside goes to the next in the queue, or back to the shelf.
            following = (
                Hold.select()
                .where(Hold.title == hold.title_id, Hold.state == "waiting", Hold.id != hold.id)
                .order_by(Hold.placed_at, Hold.id)
                .first()
            )
            if following is not None:
                following.state = "ready"
                following.copy = hold.copy_id
                following.ready_at = now()
                following.save()
            else:
                Copy.update(status="available").where(
                    Copy.id == hold.copy_id, Copy.status == "on_hold_shelf"
                ).execute()
        hold.state = "cancelled"
        hold.closed_at = now()
        hold.save()
        audit(actor, "cancel", "hold", hold.id)
    changes.notify("hold")


@hands_people
def holds_queue(actor: Staff, title_id: int) -> list[Hold]:
    require(actor, "library.read")
    return list(
        Hold.select(Hold, Person)
        .join(Person)
        .where(Hold.title == title_id, Hold.state.in_(["waiting", "ready"]))
        .order_by(Hold.placed_at, Hold.id)
    )


# --- the scan field -------------------------------------------------------------------------


@dataclass
class ScanResult:
    """What one scan did, for the big result line. ``kind`` says which case it was."""

    kind: str  # borrower, lent, returned, refused, choose, isbn_unknown, box, unknown
    message: str
    person: Person | None = None
    loan: Loan | None = None
    copies: list[Copy] = field(default_factory=list)
    isbn: str = ""
    box: Box | None = None
    hold_for: Person | None = None
    # A return: whose loan it was, and whether that is someone else than the borrower at the desk.
    lent_to: Person | None = None
    other_borrower: bool = False
    # Those two people as the desk shows them (name, phone masked): see _desk_name.
    lent_to_label: str = ""
    hold_for_label: str = ""
    ok: bool = True


def _desk_name(actor: Staff, person: Person) -> str:
    """A person as the desk's result line names them, in view of whoever stands at the desk:
    the name (masked for a role that may not read people's records) and the phone masked, so
    two readers of one name can be told apart."""
    name = person.name
    if not has_permission(actor, "person.read"):
        name = name[:1] + "*" * max(1, len(name) - 1)
    phone = mask_phone(person.phone) if person.phone else ""
    return f"{name} ({phone})" if phone else name


@hands_people
def scan(actor: Staff, code: str, *, borrower_id: int | None) -> ScanResult:
    """Decide what a scanned code is and act on it (see domain/library.md, scanners)."""
    require(actor, "library.circulate")
    raw = code.strip()
    text = normalize_query(raw).upper()
    if not text:
        return ScanResult("unknown", translate("Library", "Nothing was scanned."), ok=False)
    copy = Copy.select(Copy, Title).join(Title).where(Copy.barcode == text).first()
    if copy is not None:
        return _scan_copy(actor, copy, borrower_id)
    box = Box.get_or_none(Box.barcode == text)
    if box is not None:
        message = translate("Library", "Box {name}").format(name=box.name)
        return ScanResult("box", message, box=box)
    if looks_like_isbn(text):
        return _scan_isbn(actor, normalize_isbn(text), borrower_id)
    person = find_borrower(actor, text)
    if person is not None:
        status = borrower_status(actor, person)
        on_loan, overdue = (
            status.loans,
            status.overdue,
        )  # a name: lupdate 6.11 drops a count expression
        message = translate("Library", "Borrower: {name}, %n book(s) on loan", "", on_loan).format(
            name=person.name
        )
        if status.suspended:
            message += translate("Library", "; borrowing suspended: %n overdue", "", overdue)
        return ScanResult("borrower", message, person=person, ok=not status.suspended)
    return ScanResult(
        "unknown",
        translate("Library", "Unknown code {code}: not a book, box, ISBN or card.").format(
            code=raw[:40]
        ),
        ok=False,
    )


def _scan_copy(actor: Staff, copy: Copy, borrower_id: int | None) -> ScanResult:
    if copy.status == "on_loan":
        try:
            result = return_copy(actor, copy.id)
        except UserError as exc:
            return ScanResult("refused", exc.message, ok=False)
        if result.days_late:
            late = result.days_late  # a name: lupdate 6.11 drops a count expression
            message = translate("Library", "Returned: {title}, %n day(s) late.", "", late).format(
                title=copy.title.title
            )
        else:
            message = translate("Library", "Returned on time: {title}.").format(
                title=copy.title.title
            )
        lent_to = Person.get_or_none(Person.id == result.loan.person_id)
        lent_to_label = _desk_name(actor, lent_to) if lent_to is not None else ""
        hold_for_label = _desk_name(actor, result.hold_for) if result.hold_for else ""
        other = borrower_id is not None and result.loan.person_id != borrower_id
        if other and lent_to is not None:
            message += translate("Library", " It was lent to {name}.").format(name=lent_to_label)
        if result.hold_for is not None:
            message += translate("Library", " Set it aside for {name}, who reserved it.").format(
                name=hold_for_label
            )
        return ScanResult(
            "returned",
            message,
            loan=result.loan,
            hold_for=result.hold_for,
            lent_to=lent_to,
            other_borrower=other,
            lent_to_label=lent_to_label,
            hold_for_label=hold_for_label,
        )
    if borrower_id is None:
        if copy.status not in ("available", "on_hold_shelf"):
            message = translate("Library", "This copy cannot be lent: it is {status}.").format(
                status=copy_status_label(copy.status)
            )
        else:
            message = translate("Library", "Scan the borrower's card first, then the book.")
        return ScanResult("refused", message, ok=False)
    try:
        loan = lend(actor, copy.id, borrower_id)
    except UserError as exc:
        return ScanResult("refused", exc.message, ok=False)
    return ScanResult(
        "lent",
        translate("Library", "Lent: {title}, due {due}.").format(
            title=copy.title.title, due=loan.due_on.isoformat()
        ),
        loan=loan,
    )


def _scan_isbn(actor: Staff, isbn: str, borrower_id: int | None) -> ScanResult:
    set_aside = (
        Hold.select(Hold.copy).where(Hold.person == borrower_id, Hold.state == "ready")
        if borrower_id is not None
        else None
    )
    usable = Copy.status == "available"
    if set_aside is not None:
        usable = usable | ((Copy.status == "on_hold_shelf") & Copy.id.in_(set_aside))
    # The titles first: led by the ISBN index, not by every copy on the shelf.
    title_ids = [t.id for t in Title.select(Title.id).where(Title.isbn == isbn, Title.active)]
    copies = list(
        Copy.select(Copy, Title)
        .join(Title)
        .where(Copy.title.in_(title_ids or [0]), usable)
        .order_by(Copy.barcode)
    )
    if not copies:
        known = Title.select().where(Title.isbn == isbn).exists()
        message = (
            translate("Library", "No copy of this ISBN is on the shelf.")
            if known
            else translate("Library", "ISBN {isbn} is not in the catalogue: add it?").format(
                isbn=isbn
            )
        )
        return ScanResult(
            "isbn_unknown" if not known else "refused", message, isbn=isbn, ok=known is False
        )
    if len(copies) == 1 and borrower_id is not None:
        return _scan_copy(actor, copies[0], borrower_id)
    count = len(copies)  # a name: lupdate 6.11 drops a count expression
    return ScanResult(
        "choose",
        translate("Library", "%n copies on the shelf: choose one.", "", count),
        copies=copies,
        isbn=isbn,
    )


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoanRow:
    loan: Loan
    title: str
    barcode: str
    person: Person
    workplace: str


def _loan_rows(query: peewee.ModelSelect) -> list[LoanRow]:
    """Whole loans and borrowers, but only the barcode, title and workplace name of the rest.

    Read as tuples: building five joined models per row cost three times the query on a
    call list of 1,000 loans (issue #9). ``loan.copy`` and ``person.workplace`` load on use.
    """
    loan_fields = Loan._meta.sorted_fields
    person_fields = Person._meta.sorted_fields
    columns = [*loan_fields, Copy.barcode, Title.title, *person_fields, Organization.name]
    rows = (
        query.select(*[_as_read(column) for column in columns])
        .join(Copy)
        .join(Title)
        .switch(Loan)
        .join(Person)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
        .tuples()
    )
    loan_names = [f.name for f in loan_fields]
    person_names = [f.name for f in person_fields]
    first_person = len(loan_names) + 2
    result: list[LoanRow] = []
    for values in rows:
        loan = _read_model(Loan, loan_names, values[: len(loan_names)])
        person = _read_model(Person, person_names, values[first_person:-1])
        loan.person = person  # the joined borrower, as a joined select leaves it
        loan._dirty.clear()
        result.append(
            LoanRow(
                loan=loan,
                title=values[first_person - 1],
                barcode=values[first_person - 2],
                person=person,
                workplace=values[-1] if person.workplace_id else "",
            )
        )
    return result


# Both drivers hand text and integers over as Python has them: peewee's conversion of these
# columns (most of them) was a third of the call list's time.
_READ_AS_IS = (peewee.CharField, peewee.TextField, peewee.IntegerField, peewee.ForeignKeyField)


def _as_read(field: peewee.Field) -> peewee.Field:
    return field.coerce(False) if type(field) in _READ_AS_IS else field


def _read_model(model: type[M], names: list[str], values: tuple[object, ...]) -> M:
    """A model read from the database, as peewee's own cursor leaves it (nothing dirty)."""
    instance = model(__no_default__=1)
    instance.__data__ = dict(zip(names, values, strict=True))
    return instance


@hands_people
def overdue_loans(actor: Staff, *, on: date | None = None, limit: int = 1000) -> list[LoanRow]:
    """Open loans past their due date, the longest overdue first (with phones for the call list)."""
    require(actor, "library.read")
    on = on or today()
    return _loan_rows(
        Loan.select()
        .where(Loan.returned_at.is_null(), Loan.due_on < on)
        .order_by(Loan.due_on, Loan.id)
        .limit(limit)
    )


@hands_people
def due_soon(
    actor: Staff, *, days: int = 3, on: date | None = None, limit: int = 1000
) -> list[LoanRow]:
    require(actor, "library.read")
    on = on or today()
    return _loan_rows(
        Loan.select()
        .where(Loan.returned_at.is_null(), Loan.due_on >= on, Loan.due_on <= on + timedelta(days))
        .order_by(Loan.due_on, Loan.id)
        .limit(limit)
    )


@hands_people
def person_loans(actor: Staff, person_id: int, *, limit: int = 100) -> list[LoanRow]:
    """Current loans first, then the history, newest first."""
    require(actor, "library.read")
    return _loan_rows(
        Loan.select()
        .where(Loan.person == person_id)
        .order_by(Loan.returned_at.is_null(False), Loan.lent_at.desc())
        .limit(limit)
    )


@hands_people
def person_holds(actor: Staff, person_id: int) -> list[Hold]:
    require(actor, "library.read")
    return list(
        Hold.select(Hold, Title)
        .join(Title)
        .where(Hold.person == person_id, Hold.state.in_(["waiting", "ready"]))
        .order_by(Hold.placed_at)
    )


# --- statistics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryStatistics:
    loans_by_month: dict[str, int]
    top_titles: list[tuple[str, int]]
    active_readers: int
    readers_by_workplace: list[tuple[str, int]]


def statistics(actor: Staff, *, date_from: date, date_to: date, top: int = 10) -> LibraryStatistics:
    """Loans per month, most borrowed titles, active readers and readers per workplace, from SQL
    aggregates over loans made between the two dates."""
    require(actor, "library.read")
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to + timedelta(days=1), time.min)
    in_range = (Loan.lent_at >= start) & (Loan.lent_at < end)
    month = (
        peewee.fn.strftime("%Y-%m", Loan.lent_at)
        if is_sqlite()
        else peewee.fn.to_char(Loan.lent_at, "YYYY-MM")
    )
    by_month = dict(
        Loan.select(month, peewee.fn.COUNT(Loan.id))
        .where(in_range)
        .group_by(month)
        .order_by(month)
        .tuples()
    )
    count = peewee.fn.COUNT(Loan.id)
    top_titles = list(
        Loan.select(Title.title, count)
        .join(Copy)
        .join(Title)
        .where(in_range)
        .group_by(Title.id, Title.title)
        .order_by(count.desc(), Title.title)
        .limit(top)
        .tuples()
    )
    readers = Loan.select(peewee.fn.COUNT(Loan.person.distinct())).where(in_range).scalar() or 0
    distinct_readers = peewee.fn.COUNT(Loan.person.distinct())
    by_workplace = list(
        Loan.select(Organization.name, distinct_readers)
        .join(Person)
        .join(Organization)
        .where(in_range)
        .group_by(Organization.id, Organization.name)
        .order_by(distinct_readers.desc(), Organization.name)
        .tuples()
    )
    return LibraryStatistics(
        loans_by_month=by_month,
        top_titles=[(name, int(n)) for name, n in top_titles],
        active_readers=int(readers),
        readers_by_workplace=[(name, int(n)) for name, n in by_workplace],
    )
