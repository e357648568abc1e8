"""The mobile book house (流动书屋) and stocktakes.

Boxes of books lent to workplaces: pack a box at the station, lend it with a manifest of its
copies, reconcile on return (missing, extra, damaged). Copies in a box have the status "in_box",
so the desk cannot lend them.

Stocktakes freeze the expected list when they start, so a partial stocktake stays correct while
the desk lends and takes back books during it (domain/library.md, "What users ask for", 6).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import found, found_first, is_sqlite, lock_kind, now, transaction
from stationapp.errors import ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.library import Box, BoxLoan, Copy, Stocktake, StocktakeItem, Title
from stationapp.models.people import Organization
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.library import _barcode_taken, copy_status_label
from stationapp.services.search_keys import normalize_query
from stationapp.services.validation import clean_text, normalize_phone, normalize_text
from stationapp.services.writes import writing

translate = QCoreApplication.translate

MAX_BOX_LOAN_DAYS = 366
STOCKTAKE_STATUSES = ("available", "on_hold_shelf")


@dataclass(frozen=True)
class CopyLine:
    """One copy as printed and listed: what the librarian needs to find it."""

    barcode: str
    title: str
    location: str
    status: str


def _line(copy: Copy) -> CopyLine:
    return CopyLine(
        barcode=copy.barcode, title=copy.title.title, location=copy.location, status=copy.status
    )


def normalize_barcode(raw: str) -> str:
    return normalize_query(raw).upper()


def _codes(raw: Iterable[str]) -> list[str]:
    """Normalised codes, blanks dropped, each once, in the order given."""
    seen: dict[str, None] = {}
    for code in raw:
        text = normalize_barcode(code)
        if text:
            seen.setdefault(text, None)
    return list(seen)


def _copies_by_barcode(codes: Sequence[str]) -> dict[str, Copy]:
    if not codes:
        return {}
    rows = Copy.select(Copy, Title).join(Title).where(Copy.barcode.in_(list(codes)))
    return {copy.barcode: copy for copy in rows}


def lookup_copy(actor: Staff, barcode: str) -> CopyLine | None:
    """The copy with this barcode, for a scan list; None when no copy has it."""
    require(actor, "library.read")
    code = normalize_barcode(barcode)
    if not code:
        return None
    copy = Copy.select(Copy, Title).join(Title).where(Copy.barcode == code).first()
    return _line(copy) if copy is not None else None


# --- boxes --------------------------------------------------------------------------------------


def box_state_label(state: str) -> str:
    return {
        "at_station": translate("Library", "At the station"),
        "lent": translate("Library", "Lent out"),
    }.get(state, state)


def create_box(actor: Staff, *, barcode: str, name: str) -> Box:
    with writing(actor, "library.boxes", notify="box", lock=True):
        errors: dict[str, str] = {}
        code = normalize_barcode(barcode)
        if not code:
            errors["barcode"] = translate("Library", "Scan or type the box's barcode.")
        elif len(code) > 40 or not code.isascii() or not code.isalnum():
            errors["barcode"] = translate("Library", "A barcode has at most 40 letters and digits.")
        clean_name = clean_text(name, "name", errors, limit=100, required=True)
        raise_field_errors(errors)
        lock_kind("barcode")  # PostgreSQL: copies and boxes share the barcodes
        if _barcode_taken(code):
            raise ValidationError(
                translate("Library", "The barcode {code} is already in use.").format(code=code),
                field="barcode",
            )
        box = Box.create(barcode=code, name=clean_name, created_at=now())
        audit(actor, "create", "box", box.id, {"barcode": code, "name": clean_name})
    return box


def list_boxes(actor: Staff) -> list[Box]:
    """Every box with ``copy_count`` (copies in it) and ``current_loan`` (a BoxLoan with its
    organization, or None), from one query."""
    require(actor, "library.read")
    count = (
        Copy.select(peewee.fn.COUNT(Copy.id))
        .where(Copy.box == Box.id, Copy.status == "in_box")
        .alias("copy_count")
    )
    open_loan = (BoxLoan.box == Box.id) & BoxLoan.returned_at.is_null()
    query = (
        Box.select(Box, count, BoxLoan, Organization)
        .join(BoxLoan, peewee.JOIN.LEFT_OUTER, on=open_loan, attr="open_loan")
        .join(Organization, peewee.JOIN.LEFT_OUTER, on=BoxLoan.organization == Organization.id)
        .order_by(Box.barcode)
    )
    boxes = []
    for box in query:
        loan = getattr(box, "open_loan", None)
        box.current_loan = loan if loan is not None and loan.id is not None else None
        box.copy_count = int(box.copy_count or 0)
        boxes.append(box)
    return boxes


def _box(box_id: int, *, lock: bool = False) -> Box:
    query = Box.select().where(Box.id == box_id)
    if lock and not is_sqlite():
        query = query.for_update()
    return found_first(query, translate("Library", "This box does not exist."))


def get_box(actor: Staff, box_id: int) -> Box:
    require(actor, "library.read")
    return _box(box_id)


def box_contents(actor: Staff, box_id: int) -> list[Copy]:
    """The copies in the box (with their titles), by barcode."""
    require(actor, "library.read")
    return list(
        Copy.select(Copy, Title)
        .join(Title)
        .where(Copy.box == box_id, Copy.status == "in_box")
        .order_by(Copy.barcode)
    )


def _scanned(barcodes: Sequence[str], none_scanned: str) -> list[str]:
    """The scanned codes (``_codes``); none at all is refused with ``none_scanned``."""
    codes = _codes(barcodes)
    if not codes:
        raise ValidationError(none_scanned, field="barcodes")
    return codes


def _box_and_copies(box_id: int, codes: Sequence[str]) -> tuple[Box, dict[str, Copy]]:
    """The box, locked, refused unless it is at the station; and the copies of ``codes``."""
    box = _box(box_id, lock=True)
    if box.state != "at_station":
        raise ValidationError(
            translate(
                "Library", "Box {name} is lent out; it can be changed once it is back."
            ).format(name=box.name),
            field="barcodes",
        )
    return box, _copies_by_barcode(codes)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError("\n".join(problems), field="barcodes")


def pack(actor: Staff, box_id: int, barcodes: Sequence[str]) -> list[Copy]:
    """Put copies from the shelf into a box at the station: all of them, or none.

    A copy already in this box is left as it is; the copies newly packed are returned.
    """
    require(actor, "library.boxes")
    codes = _scanned(barcodes, translate("Library", "Scan the books to put in the box."))
    with transaction(lock=True):
        box, found = _box_and_copies(box_id, codes)
        other_boxes = {
            b.id: b
            for b in Box.select().where(
                Box.id.in_([c.box_id for c in found.values() if c.box_id and c.box_id != box.id])
            )
        }
        problems: list[str] = []
        packed: list[Copy] = []
        for code in codes:
            copy = found.get(code)
            if copy is None:
                problems.append(
                    translate("Library", "{code}: no copy has this barcode.").format(code=code)
                )
            elif copy.status == "in_box" and copy.box_id == box.id:
                continue
            elif copy.status == "in_box":
                other = other_boxes.get(copy.box_id)
                problems.append(
                    translate("Library", "{code} ({title}) is already in box {box}.").format(
                        code=code, title=copy.title.title, box=other.name if other else "?"
                    )
                )
            elif copy.status != "available":
                problems.append(
                    translate(
                        "Library", "{code} ({title}) cannot be packed: it is {status}."
                    ).format(
                        code=code,
                        title=copy.title.title,
                        status=copy_status_label(copy.status),
                    )
                )
            else:
                packed.append(copy)
        _refuse(problems)
        if packed:
            moment = now()
            Copy.update(status="in_box", box=box.id, last_seen_at=moment).where(
                Copy.id.in_([c.id for c in packed])
            ).execute()
            for copy in packed:
                copy.status, copy.box, copy.last_seen_at = "in_box", box.id, moment
            audit(actor, "pack", "box", box.id, {"copies": [c.barcode for c in packed]})
    if packed:
        changes.notify("box")
        changes.notify("copy")
    return packed


def unpack(actor: Staff, box_id: int, barcodes: Sequence[str]) -> list[Copy]:
    """Take copies out of a box at the station and put them back on the shelf: all, or none."""
    require(actor, "library.boxes")
    codes = _scanned(barcodes, translate("Library", "Scan the books to take out of the box."))
    with transaction(lock=True):
        box, found = _box_and_copies(box_id, codes)
        problems = []
        for code in codes:
            copy = found.get(code)
            if copy is None or copy.status != "in_box" or copy.box_id != box.id:
                problems.append(
                    translate("Library", "{code} is not in box {box}.").format(
                        code=code, box=box.name
                    )
                )
        _refuse(problems)
        copies = [found[code] for code in codes]
        moment = now()
        Copy.update(status="available", box=None, last_seen_at=moment).where(
            Copy.id.in_([c.id for c in copies])
        ).execute()
        for copy in copies:
            copy.status, copy.box, copy.last_seen_at = "available", None, moment
        audit(actor, "unpack", "box", box.id, {"copies": codes})
    changes.notify("box")
    changes.notify("copy")
    return copies


def lend_box(
    actor: Staff,
    box_id: int,
    *,
    organization_id: int | None,
    contact_name: str,
    contact_phone: str,
    starts_on: date | None,
    due_on: date | None,
) -> BoxLoan:
    """Lend a packed box to a workplace; the manifest is the copies in it now."""
    require(actor, "library.boxes")
    errors: dict[str, str] = {}
    if organization_id is None or organization_id < 0:
        errors["organization"] = translate("Library", "Choose the workplace the box goes to.")
    name = clean_text(contact_name, "contact_name", errors, limit=50, required=True)
    try:
        phone = normalize_phone(contact_phone)
        if len(phone) > 30:
            raise ValidationError(translate("Library", "The phone number is too long."))
    except ValidationError as exc:
        errors["contact_phone"] = exc.message
    if starts_on is None:
        errors["starts_on"] = translate("Library", "Enter the day the box is handed over.")
    if due_on is None:
        errors["due_on"] = translate("Library", "Enter the day the box is due back.")
    elif starts_on is not None and due_on <= starts_on:
        errors["due_on"] = translate("Library", "The box must be due back after it is handed over.")
    elif starts_on is not None and (due_on - starts_on).days > MAX_BOX_LOAN_DAYS:
        errors["due_on"] = translate("Library", "A box can be lent for at most a year.")
    raise_field_errors(errors)
    with transaction(lock=True):
        box = _box(box_id, lock=True)
        if box.state != "at_station":
            raise ValidationError(
                translate("Library", "Box {name} is already lent out.").format(name=box.name)
            )
        org = Organization.get_or_none(Organization.id == organization_id)
        if org is None:
            raise ValidationError(
                translate("Library", "This workplace is not on file."), field="organization"
            )
        ids = [
            row[0]
            for row in Copy.select(Copy.id)
            .where(Copy.box == box.id, Copy.status == "in_box")
            .order_by(Copy.id)
            .tuples()
        ]
        if not ids:
            raise ValidationError(
                translate("Library", "Box {name} is empty: pack books into it first.").format(
                    name=box.name
                )
            )
        loan = BoxLoan.create(
            box=box.id,
            organization=org.id,
            contact_name=name,
            contact_phone=phone,
            starts_on=starts_on,
            due_on=due_on,
            staff=actor,
            manifest=json.dumps(ids),
        )
        box.state = "lent"
        box.save()
        Copy.update(last_seen_at=now()).where(Copy.id.in_(ids)).execute()
        audit(
            actor,
            "lend",
            "box_loan",
            loan.id,
            {"box": box.barcode, "organization": org.id, "copies": len(ids), "due_on": due_on},
        )
    changes.notify("box")
    loan.box = box
    loan.organization = org
    return loan


def _loan_query() -> peewee.ModelSelect:
    return BoxLoan.select(BoxLoan, Box, Organization).join(Box).switch(BoxLoan).join(Organization)


def get_box_loan(actor: Staff, box_loan_id: int) -> BoxLoan:
    """A box loan with its box and organization."""
    require(actor, "library.read")
    loan = found_first(
        _loan_query().where(BoxLoan.id == box_loan_id),
        translate("Library", "This box loan does not exist."),
    )
    return loan


def last_box_loan(actor: Staff, box_id: int, *, returned_only: bool = False) -> BoxLoan | None:
    """The box's open loan, else its latest one; with ``returned_only`` the latest one that
    came back (for printing its reconciliation)."""
    require(actor, "library.read")
    query = _loan_query().where(BoxLoan.box == box_id)
    if returned_only:
        query = query.where(BoxLoan.returned_at.is_null(False))
    return query.order_by(
        BoxLoan.returned_at.is_null(False), BoxLoan.starts_on.desc(), BoxLoan.id.desc()
    ).first()


def manifest_ids(loan: BoxLoan) -> list[int]:
    return [int(i) for i in json.loads(loan.manifest or "[]")]


def box_loan_copies(actor: Staff, box_loan_id: int) -> list[Copy]:
    """The copies handed over with a box loan (its manifest), with their titles, by barcode."""
    require(actor, "library.read")
    loan = found(BoxLoan, box_loan_id, translate("Library", "This box loan does not exist."))
    ids = manifest_ids(loan)
    if not ids:
        return []
    return list(Copy.select(Copy, Title).join(Title).where(Copy.id.in_(ids)).order_by(Copy.barcode))


@dataclass(frozen=True)
class Reconciliation:
    """What came back with a box. ``extra`` holds copies of the station not in the manifest
    (CopyLine) and codes no copy has (str); ``returned`` counts the copies back in the box."""

    missing: list[CopyLine]
    extra: list[str | CopyLine]
    damaged: list[CopyLine]
    returned: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "missing": [asdict(line) for line in self.missing],
                "extra": [e if isinstance(e, str) else asdict(e) for e in self.extra],
                "damaged": [asdict(line) for line in self.damaged],
                "returned": self.returned,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Reconciliation:
        data = json.loads(text)
        return cls(
            missing=[CopyLine(**line) for line in data.get("missing", [])],
            extra=[e if isinstance(e, str) else CopyLine(**e) for e in data.get("extra", [])],
            damaged=[CopyLine(**line) for line in data.get("damaged", [])],
            returned=int(data.get("returned", 0)),
        )


def return_box(
    actor: Staff, box_loan_id: int, scanned: Sequence[str], damaged: Sequence[str] = ()
) -> Reconciliation:
    """Take a box back by scanning its books and reconcile them with the manifest.

    Copies of the manifest not scanned become "lost" (still linked to the box, for the record);
    scanned ones flagged damaged become "damaged"; the rest go back into the box, which is at the
    station again. Codes scanned but not in the manifest are listed as extra and left alone.
    """
    require(actor, "library.boxes")
    damaged_codes = _codes(damaged)
    codes = _codes([*scanned, *damaged_codes])
    with transaction(lock=True):
        loan = history.locked(
            BoxLoan, box_loan_id, translate("Library", "This box loan does not exist.")
        )
        if loan.returned_at is not None:
            raise ValidationError(translate("Library", "This box has already been returned."))
        box = _box(loan.box_id, lock=True)
        ids = manifest_ids(loan)
        manifest = list(
            Copy.select(Copy, Title).join(Title).where(Copy.id.in_(ids)).order_by(Copy.barcode)
        )
        in_manifest = {copy.barcode for copy in manifest}
        scanned_set = set(codes)
        damaged_set = set(damaged_codes)
        back = [c for c in manifest if c.barcode in scanned_set and c.barcode not in damaged_set]
        broken = [c for c in manifest if c.barcode in damaged_set]
        missing = [c for c in manifest if c.barcode not in scanned_set]
        outside = [code for code in codes if code not in in_manifest and code != box.barcode]
        known = _copies_by_barcode(outside)
        moment = now()
        for copies, values in (
            (back, {"status": "in_box", "box": box.id, "last_seen_at": moment}),
            (broken, {"status": "damaged", "last_seen_at": moment}),
            (missing, {"status": "lost"}),
        ):
            if copies:
                Copy.update(**values).where(Copy.id.in_([c.id for c in copies])).execute()
                for copy in copies:
                    copy.status = values["status"]
        result = Reconciliation(
            missing=[_line(c) for c in missing],
            extra=[_line(known[code]) if code in known else code for code in outside],
            damaged=[_line(c) for c in broken],
            returned=len(back),
        )
        loan.returned_at = moment
        loan.reconciliation = result.to_json()
        loan.save()
        box.state = "at_station"
        box.save()
        audit(
            actor,
            "return",
            "box_loan",
            loan.id,
            {
                "box": box.barcode,
                "returned": result.returned,
                "missing": [line.barcode for line in result.missing],
                "damaged": [line.barcode for line in result.damaged],
                "extra": [e if isinstance(e, str) else e.barcode for e in result.extra],
            },
        )
    changes.notify("box")
    changes.notify("copy")
    return result


def reconciliation_of(actor: Staff, box_loan_id: int) -> Reconciliation | None:
    """The stored reconciliation of a returned box loan; None while it is out."""
    loan = get_box_loan(actor, box_loan_id)
    return Reconciliation.from_json(loan.reconciliation) if loan.reconciliation else None


def box_loans(actor: Staff, *, open_only: bool = False, limit: int = 500) -> list[BoxLoan]:
    """Box loans with their box and organization, the latest first."""
    require(actor, "library.read")
    query = _loan_query()
    if open_only:
        query = query.where(BoxLoan.returned_at.is_null())
    return list(query.order_by(BoxLoan.starts_on.desc(), BoxLoan.id.desc()).limit(limit))


def box_loans_per_site(actor: Staff, date_from: date, date_to: date) -> list[tuple[str, int]]:
    """Box loans handed over from ``date_from`` to ``date_to`` (both included), per workplace."""
    require(actor, "library.read")
    count = peewee.fn.COUNT(BoxLoan.id)
    rows = (
        BoxLoan.select(Organization.name, count)
        .join(Organization)
        .where(BoxLoan.starts_on >= date_from, BoxLoan.starts_on <= date_to)
        .group_by(Organization.id, Organization.name)
        .order_by(count.desc(), Organization.name)
        .tuples()
    )
    return [(name, int(n)) for name, n in rows]


# --- stocktakes ---------------------------------------------------------------------------------


def copy_locations(actor: Staff) -> list[str]:
    """The shelf locations the catalogue uses, for choosing what to stocktake."""
    require(actor, "library.read")
    return [
        row[0]
        for row in Copy.select(Copy.location)
        .where(Copy.location != "")
        .distinct()
        .order_by(Copy.location)
        .tuples()
    ]


def open_stocktakes(actor: Staff) -> list[Stocktake]:
    require(actor, "library.read")
    return list(
        Stocktake.select()
        .where(Stocktake.finished_at.is_null())
        .order_by(Stocktake.started_at.desc(), Stocktake.id.desc())
    )


def _stocktake(stocktake_id: int) -> Stocktake:
    return found(Stocktake, stocktake_id, translate("Library", "This stocktake does not exist."))


def get_stocktake(actor: Staff, stocktake_id: int) -> Stocktake:
    require(actor, "library.read")
    return _stocktake(stocktake_id)


def start_stocktake(actor: Staff, *, location: str = "") -> Stocktake:
    """Start a stocktake of one location ("" = the whole collection) and freeze its expected
    list: the copies on the shelf there now."""
    with writing(actor, "library.catalogue", notify="stocktake", lock=True):
        place = normalize_text(location, field="location", max_length=60)
        lock_kind("stocktake")  # PostgreSQL: two desks never open overlapping stocktakes
        overlapping = Stocktake.select().where(Stocktake.finished_at.is_null())
        if place:
            overlapping = overlapping.where(Stocktake.location.in_([place, ""]))
        if overlapping.exists():
            raise ValidationError(
                translate("Library", "A stocktake of this part of the collection is already open."),
                field="location",
            )
        expected = Copy.select(Copy.id).where(Copy.status.in_(STOCKTAKE_STATUSES))
        if place:
            expected = expected.where(Copy.location == place)
        if not expected.exists():
            raise ValidationError(
                translate("Library", "No copy is on the shelf here: nothing to stocktake."),
                field="location",
            )
        stocktake = Stocktake.create(location=place, started_at=now(), staff=actor)
        # Python-side defaults do not apply to INSERT ... SELECT: every column is given.
        frozen = expected.select(
            peewee.Value(stocktake.id), Copy.id, peewee.Value(True), peewee.Value("")
        ).order_by(Copy.id)
        fields = [
            StocktakeItem.stocktake,
            StocktakeItem.copy,
            StocktakeItem.expected,
            StocktakeItem.seen_location,
        ]
        StocktakeItem.insert_from(frozen, fields).execute()
        count = StocktakeItem.select().where(StocktakeItem.stocktake == stocktake.id).count()
        audit(actor, "start", "stocktake", stocktake.id, {"location": place, "expected": count})
    return stocktake


@dataclass(frozen=True)
class StocktakeScan:
    kind: str  # seen, unexpected, misplaced, unknown, repeat
    copy: Copy | None
    message: str


def stocktake_scan(
    actor: Staff, stocktake_id: int, barcode: str, *, location_seen: str = ""
) -> StocktakeScan:
    """Record one scanned copy. ``location_seen`` is the shelf being scanned; a partial
    stocktake scans its own location. A copy found away from its catalogued location is
    misplaced; one not in the frozen list is unexpected."""
    require(actor, "library.catalogue")
    code = normalize_barcode(barcode)
    with transaction(lock=True):
        stocktake = _stocktake(stocktake_id)
        if stocktake.finished_at is not None:
            raise ValidationError(translate("Library", "This stocktake is finished."))
        if not code:
            return StocktakeScan("unknown", None, translate("Library", "Nothing was scanned."))
        copy = Copy.select(Copy, Title).join(Title).where(Copy.barcode == code).first()
        if copy is None:
            return StocktakeScan(
                "unknown",
                None,
                translate("Library", "Unknown code {code}: no copy has this barcode.").format(
                    code=code
                ),
            )
        title = copy.title.title
        item = StocktakeItem.get_or_none(
            StocktakeItem.stocktake == stocktake.id, StocktakeItem.copy == copy.id
        )
        if item is not None and item.seen_at is not None:
            return StocktakeScan(
                "repeat",
                copy,
                translate("Library", "Already scanned: {title}.").format(title=title),
            )
        seen_at = stocktake.location or location_seen.strip()[:60]
        moment = now()
        if item is None:
            item = StocktakeItem(stocktake=stocktake.id, copy=copy.id, expected=False)
        item.seen_at = moment
        item.seen_location = seen_at
        item.save()
        copy.last_seen_at = moment
        copy.save()
        if seen_at and copy.location != seen_at:
            kind = "misplaced"
            message = translate("Library", "Misplaced: {title} belongs in {location}.").format(
                title=title, location=copy.location or translate("Library", "no location")
            )
        elif item.expected:
            kind = "seen"
            message = translate("Library", "Seen: {title}.").format(title=title)
        else:
            kind = "unexpected"
            message = translate("Library", "Not expected on the shelf ({status}): {title}.").format(
                title=title, status=copy_status_label(copy.status)
            )
        audit(actor, "scan", "stocktake", stocktake.id, {"copy": copy.barcode, "kind": kind})
    changes.notify("stocktake")
    return StocktakeScan(kind, copy, message)


@dataclass(frozen=True)
class StocktakeProgress:
    expected: int
    seen: int
    unexpected: int
    misplaced: int


@dataclass(frozen=True)
class StocktakeResult:
    """``missing`` are expected copies neither scanned nor handled at the desk since the start;
    ``circulated`` are expected copies not scanned that the desk lent or took back meanwhile."""

    expected: int
    seen: int
    missing: list[CopyLine]
    unexpected: list[CopyLine]
    misplaced: list[CopyLine]
    circulated: list[CopyLine]


def _items(stocktake_id: int) -> peewee.ModelSelect:
    return StocktakeItem.select().join(Copy).where(StocktakeItem.stocktake == stocktake_id)


def _misplaced() -> peewee.Expression:
    return (
        StocktakeItem.seen_at.is_null(False)
        & (StocktakeItem.seen_location != "")
        & (StocktakeItem.seen_location != Copy.location)
    )


def stocktake_progress(actor: Staff, stocktake_id: int) -> StocktakeProgress:
    """The live counts, from one aggregate query."""
    require(actor, "library.read")
    _stocktake(stocktake_id)

    def when(condition: peewee.Expression) -> peewee.Function:
        return peewee.fn.COALESCE(peewee.fn.SUM(peewee.Case(None, [(condition, 1)], 0)), 0)

    seen = StocktakeItem.seen_at.is_null(False)
    row = (
        _items(stocktake_id)
        .select(
            when(StocktakeItem.expected),
            when(StocktakeItem.expected & seen),
            when(~StocktakeItem.expected & seen & ~_misplaced()),
            when(_misplaced()),
        )
        .tuples()
        .first()
    )
    expected, seen_count, unexpected, misplaced = (int(v or 0) for v in row)
    return StocktakeProgress(expected, seen_count, unexpected, misplaced)


def stocktake_result(actor: Staff, stocktake_id: int) -> StocktakeResult:
    require(actor, "library.read")
    stocktake = _stocktake(stocktake_id)
    progress = stocktake_progress(actor, stocktake_id)

    def lines(condition: peewee.Expression) -> list[CopyLine]:
        query = (
            StocktakeItem.select(StocktakeItem, Copy, Title)
            .join(Copy)
            .join(Title)
            .where(StocktakeItem.stocktake == stocktake_id, condition)
            .order_by(Copy.location, Copy.barcode)
        )
        return [_line(item.copy) for item in query]

    not_seen = StocktakeItem.expected & StocktakeItem.seen_at.is_null()
    handled = Copy.last_seen_at.is_null(False) & (Copy.last_seen_at >= stocktake.started_at)
    return StocktakeResult(
        expected=progress.expected,
        seen=progress.seen,
        missing=lines(not_seen & ~handled),
        unexpected=lines(
            ~StocktakeItem.expected & StocktakeItem.seen_at.is_null(False) & ~_misplaced()
        ),
        misplaced=lines(_misplaced()),
        circulated=lines(not_seen & handled),
    )


def finish_stocktake(actor: Staff, stocktake_id: int) -> Stocktake:
    """Close the stocktake; no copy changes status: the librarian decides about each."""
    with writing(actor, "library.catalogue", notify="stocktake", lock=True):
        stocktake = _stocktake(stocktake_id)
        if stocktake.finished_at is not None:
            raise ValidationError(translate("Library", "This stocktake is already finished."))
        progress = stocktake_progress(actor, stocktake_id)
        stocktake.finished_at = now()
        stocktake.save()
        audit(actor, "finish", "stocktake", stocktake.id, asdict(progress))
    return stocktake
