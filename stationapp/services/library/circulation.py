"""Circulation: lending, returning, renewing, undoing a mistake, and the desk's scan box."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from stationapp.db import found_first, is_sqlite, now, today
from stationapp.errors import NotFound, UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import Box, Copy, Hold, Loan, Title
from stationapp.models.people import Person
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.library._common import translate
from stationapp.services.library.catalogue import copy_status_label, looks_like_isbn, normalize_isbn
from stationapp.services.library.rules import (
    borrower_category,
    borrower_status,
    find_borrower,
    rule_for,
)
from stationapp.services.people import hands_people, mask_phone
from stationapp.services.search_keys import normalize_query
from stationapp.services.writes import writing

UNDO_WINDOW = timedelta(minutes=10)


class LendRefused(UserError):
    """Lending is not allowed: the message says exactly why."""


def _locked_copy(copy_id: int) -> Copy:
    query = Copy.select(Copy, Title).join(Title).where(Copy.id == copy_id)
    if not is_sqlite():
        query = query.for_update(of=Copy)
    return found_first(query, translate("Library", "This copy does not exist."))


@hands_people
def lend(actor: Staff, copy_id: int, person_id: int) -> Loan:
    """Lend a copy. Locks first, then checks the copy, the rules and the borrower, then writes."""
    with writing(actor, "library.circulate", notify="loan", lock=True):
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
    return loan


@dataclass(frozen=True)
class ReturnResult:
    loan: Loan
    days_late: int
    hold_for: Person | None


@hands_people
def return_copy(actor: Staff, copy_id: int) -> ReturnResult:
    """Take a copy back; if its title is reserved, set it aside for the first in the queue."""
    with writing(actor, "library.circulate", notify="loan", lock=True):
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
    return ReturnResult(loan=loan, days_late=days_late, hold_for=hold_for)


def _undoable(loan_id: int, *, returned: bool) -> tuple[Loan, Copy]:
    """The loan whose lending (or, with ``returned``, whose return) was a mistake made a moment
    ago, within ``UNDO_WINDOW``, and its copy; otherwise why it cannot be undone."""
    loan = Loan.get_or_none(Loan.id == loan_id)
    if loan is None or (loan.returned_at is None) == returned:
        raise ValidationError(translate("Library", "There is nothing to undo."))
    if now() - (loan.returned_at if returned else loan.lent_at) > UNDO_WINDOW:
        if returned:
            raise ValidationError(translate("Library", "Too late to undo; lend it again."))
        raise ValidationError(translate("Library", "Too late to undo; return the book instead."))
    return loan, Copy.get_by_id(loan.copy_id)


def undo_lend(actor: Staff, loan_id: int) -> None:
    """Take back a loan made by mistake, right after it was made (audited)."""
    with writing(actor, "library.circulate", notify="loan", lock=True):
        loan, copy = _undoable(loan_id, returned=False)
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


@hands_people
def undo_return(actor: Staff, loan_id: int) -> Loan:
    """Put a return made by mistake back on loan, right after it was made (audited)."""
    with writing(actor, "library.circulate", notify="loan", lock=True):
        loan, copy = _undoable(loan_id, returned=True)
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
    return loan


@hands_people
def renew(actor: Staff, loan_id: int) -> Loan:
    """Renew at the desk: refused when someone is waiting for the title or renewals are used up."""
    with writing(actor, "library.circulate", notify="loan", lock=True):
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
    return loan


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
