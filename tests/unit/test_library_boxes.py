"""The mobile book house (boxes lent to workplaces) and frozen-list stocktakes."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from stationapp.db import today
from stationapp.errors import NotFound, PermissionDenied, ValidationError
from stationapp.models.accounts import LIBRARIAN, ORGANISER, AuditEntry
from stationapp.models.library import Box, BoxLoan, Copy
from stationapp.services import changes, library, library_boxes, people
from stationapp.services.library import CopyInput, LendRefused, TitleInput
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.ids import make_ric


def make_copies(actor, count: int, *, prefix: str = "C", location: str = "A区") -> list[Copy]:
    """``count`` copies of ``count`` titles, barcodes ``{prefix}0001`` onwards."""
    copies = []
    for n in range(1, count + 1):
        title = library.create_title(actor, TitleInput(title=f"书名{prefix}{n}", author="作者"))
        copies.append(
            library.add_copy(
                actor, title.id, CopyInput(barcode=f"{prefix}{n:04d}", location=location)
            )
        )
    return copies


def barcodes(copies: list[Copy]) -> list[str]:
    return [c.barcode for c in copies]


def status(barcode: str) -> str:
    return Copy.get(Copy.barcode == barcode).status


@pytest.fixture
def workplace(admin):
    return people.create_organization(admin, OrganizationInput(name="国贸大厦物业公司"))


@pytest.fixture
def reader(admin):
    return people.create_person(admin, PersonInput(name="张三", id_number=make_ric()))


@pytest.fixture
def box(admin):
    return library_boxes.create_box(admin, barcode="BX001", name="一号书箱")


def lend(admin, box, workplace, **changes_):
    values = {
        "organization_id": workplace.id,
        "contact_name": "李经理",
        "contact_phone": "13800138000",
        "starts_on": today(),
        "due_on": today() + timedelta(days=90),
    }
    values.update(changes_)
    return library_boxes.lend_box(admin, box.id, **values)


# --- boxes --------------------------------------------------------------------------------------


def test_create_box_checks_barcode_and_name(admin) -> None:
    make_copies(admin, 1)
    with pytest.raises(ValidationError) as err:
        library_boxes.create_box(admin, barcode="", name="")
    assert set(err.value.errors) == {"barcode", "name"}
    with pytest.raises(ValidationError) as err:
        library_boxes.create_box(admin, barcode="c0001", name="撞号")
    assert err.value.field == "barcode"
    box = library_boxes.create_box(admin, barcode=" bx9 ", name="九号书箱")
    assert box.barcode == "BX9"
    with pytest.raises(ValidationError):
        library_boxes.create_box(admin, barcode="BX9", name="重复")
    # the copy barcode check sees boxes too
    title = library.create_title(admin, TitleInput(title="另一本"))
    with pytest.raises(ValidationError):
        library.add_copy(admin, title.id, CopyInput(barcode="BX9"))


def test_lend_twenty_return_eighteen_and_a_stranger(admin, box, workplace) -> None:
    copies = make_copies(admin, 20)
    stranger = make_copies(admin, 1, prefix="S")[0]
    packed = library_boxes.pack(admin, box.id, barcodes(copies))
    assert len(packed) == 20
    assert {status(c.barcode) for c in copies} == {"in_box"}

    loan = lend(admin, box, workplace)
    assert json.loads(loan.manifest) == sorted(c.id for c in copies)
    assert Box.get_by_id(box.id).state == "lent"

    scanned = [*barcodes(copies[:18]), stranger.barcode]
    result = library_boxes.return_box(admin, loan.id, scanned)
    assert [line.barcode for line in result.missing] == barcodes(copies[18:])
    assert len(result.extra) == 1
    extra = result.extra[0]
    assert isinstance(extra, library_boxes.CopyLine)
    assert extra.barcode == stranger.barcode and extra.title == "书名S1"
    assert result.damaged == []
    assert result.returned == 18

    assert {status(b) for b in barcodes(copies[:18])} == {"in_box"}
    assert {status(b) for b in barcodes(copies[18:])} == {"lost"}
    assert status(stranger.barcode) == "available"  # extra copies are listed, not changed
    lost = Copy.get(Copy.barcode == copies[19].barcode)
    assert lost.box_id == box.id  # kept linked, for the record
    assert Box.get_by_id(box.id).state == "at_station"
    stored = BoxLoan.get_by_id(loan.id)
    assert stored.returned_at is not None
    assert library_boxes.Reconciliation.from_json(stored.reconciliation) == result
    assert library_boxes.reconciliation_of(admin, loan.id) == result
    assert len(library_boxes.box_contents(admin, box.id)) == 18
    with pytest.raises(ValidationError):
        library_boxes.return_box(admin, loan.id, scanned)


def test_return_with_damaged_and_unknown_codes(admin, box, workplace) -> None:
    copies = make_copies(admin, 5)
    library_boxes.pack(admin, box.id, barcodes(copies))
    loan = lend(admin, box, workplace)
    result = library_boxes.return_box(
        admin,
        loan.id,
        [*barcodes(copies[:4]), "nosuch1", box.barcode, copies[0].barcode],
        damaged=[copies[1].barcode, copies[4].barcode.lower()],
    )
    assert [line.barcode for line in result.damaged] == [copies[1].barcode, copies[4].barcode]
    assert result.missing == []
    assert result.extra == ["NOSUCH1"]  # the box's own label is not an extra
    assert result.returned == 3
    assert status(copies[1].barcode) == "damaged"
    assert status(copies[4].barcode) == "damaged"
    assert status(copies[0].barcode) == "in_box"
    assert [c.barcode for c in library_boxes.box_contents(admin, box.id)] == barcodes(
        [copies[0], copies[2], copies[3]]
    )


def test_copies_in_a_lent_box_cannot_be_lent_at_the_desk(admin, box, workplace, reader) -> None:
    copies = make_copies(admin, 3)
    library_boxes.pack(admin, box.id, barcodes(copies))
    lend(admin, box, workplace)
    with pytest.raises(LendRefused) as err:
        library.lend(admin, copies[0].id, reader.id)
    assert library.copy_status_label("in_box") in err.value.message
    result = library.scan(admin, copies[0].barcode, borrower_id=reader.id)
    assert result.kind == "refused" and not result.ok
    assert library.copy_status_label("in_box") in result.message
    assert status(copies[0].barcode) == "in_box"


def test_pack_refuses_a_copy_on_loan_all_or_nothing(admin, box, reader) -> None:
    copies = make_copies(admin, 3)
    library.lend(admin, copies[1].id, reader.id)
    with pytest.raises(ValidationError) as err:
        library_boxes.pack(admin, box.id, barcodes(copies))
    assert copies[1].barcode in err.value.message
    assert err.value.field == "barcodes"
    assert status(copies[0].barcode) == "available"  # nothing was packed
    assert library_boxes.box_contents(admin, box.id) == []


def test_pack_refuses_withdrawn_unknown_and_other_box(admin, box) -> None:
    copies = make_copies(admin, 3)
    library.withdraw_copy(admin, copies[0].id)
    other = library_boxes.create_box(admin, barcode="BX002", name="二号书箱")
    library_boxes.pack(admin, other.id, [copies[1].barcode])
    with pytest.raises(ValidationError) as err:
        library_boxes.pack(admin, box.id, [*barcodes(copies), "NOPE"])
    message = err.value.message
    assert copies[0].barcode in message and "二号书箱" in message and "NOPE" in message
    assert copies[2].barcode not in message
    # packing again into the same box is harmless
    assert library_boxes.pack(admin, other.id, [copies[1].barcode, copies[2].barcode]) == [
        Copy.get(Copy.barcode == copies[2].barcode)
    ]


def test_unpack_only_at_the_station(admin, box, workplace) -> None:
    copies = make_copies(admin, 3)
    library_boxes.pack(admin, box.id, barcodes(copies))
    library_boxes.unpack(admin, box.id, [copies[0].barcode])
    assert status(copies[0].barcode) == "available"
    assert Copy.get(Copy.barcode == copies[0].barcode).box_id is None
    with pytest.raises(ValidationError):
        library_boxes.unpack(admin, box.id, [copies[0].barcode])  # not in the box any more
    loan = lend(admin, box, workplace)
    assert len(json.loads(loan.manifest)) == 2
    with pytest.raises(ValidationError):
        library_boxes.unpack(admin, box.id, [copies[1].barcode])
    with pytest.raises(ValidationError):
        library_boxes.pack(admin, box.id, [copies[0].barcode])
    assert status(copies[1].barcode) == "in_box"


def test_lend_box_validation(admin, box, workplace) -> None:
    with pytest.raises(ValidationError) as err:
        library_boxes.lend_box(
            admin,
            box.id,
            organization_id=None,
            contact_name="",
            contact_phone="12",
            starts_on=date(2024, 5, 1),
            due_on=date(2024, 5, 1),
        )
    assert set(err.value.errors) == {"organization", "contact_name", "contact_phone", "due_on"}
    with pytest.raises(ValidationError) as err:
        lend(admin, box, workplace)
    assert "一号书箱" in err.value.message  # empty box
    make_copies(admin, 1)
    library_boxes.pack(admin, box.id, ["C0001"])
    with pytest.raises(ValidationError) as err:
        lend(admin, box, workplace, organization_id=workplace.id + 100)
    assert err.value.field == "organization"
    lend(admin, box, workplace, contact_phone="")
    with pytest.raises(ValidationError):
        lend(admin, box, workplace)  # already lent


def test_lists_and_per_site_counts(admin, workplace) -> None:
    other_site = people.create_organization(admin, OrganizationInput(name="建外SOHO"))
    copies = make_copies(admin, 6)
    boxes = [
        library_boxes.create_box(admin, barcode=f"BX00{n}", name=f"{n}号书箱") for n in (1, 2, 3)
    ]
    for n, b in enumerate(boxes):
        library_boxes.pack(admin, b.id, barcodes(copies[2 * n : 2 * n + 2]))
    first = lend(admin, boxes[0], workplace, starts_on=date(2024, 1, 10), due_on=date(2024, 3, 1))
    library_boxes.return_box(admin, first.id, barcodes(copies[:2]))
    lend(admin, boxes[0], workplace, starts_on=date(2024, 4, 1), due_on=date(2024, 6, 1))
    lend(admin, boxes[1], other_site, starts_on=date(2024, 2, 1), due_on=date(2024, 5, 1))

    listed = library_boxes.list_boxes(admin)
    assert [b.barcode for b in listed] == ["BX001", "BX002", "BX003"]
    assert [b.copy_count for b in listed] == [2, 2, 2]
    assert listed[0].current_loan.organization.name == "国贸大厦物业公司"
    assert listed[0].current_loan.due_on == date(2024, 6, 1)
    assert listed[1].current_loan.organization.name == "建外SOHO"
    assert listed[2].current_loan is None

    assert len(library_boxes.box_loans(admin)) == 3
    assert len(library_boxes.box_loans(admin, open_only=True)) == 2
    assert library_boxes.box_loans_per_site(admin, date(2024, 1, 1), date(2024, 12, 31)) == [
        ("国贸大厦物业公司", 2),
        ("建外SOHO", 1),
    ]
    assert library_boxes.box_loans_per_site(admin, date(2024, 2, 1), date(2024, 3, 31)) == [
        ("建外SOHO", 1)
    ]
    last = library_boxes.last_box_loan(admin, boxes[0].id)
    assert last.starts_on == date(2024, 4, 1) and last.returned_at is None
    assert library_boxes.last_box_loan(admin, boxes[2].id) is None
    assert barcodes(library_boxes.box_loan_copies(admin, first.id)) == barcodes(copies[:2])


def test_list_boxes_is_one_query(admin, workplace) -> None:
    copies = make_copies(admin, 4)
    for n in range(4):
        b = library_boxes.create_box(admin, barcode=f"BQ{n}", name=f"书箱{n}")
        library_boxes.pack(admin, b.id, [copies[n].barcode])
        if n % 2:
            lend(admin, b, workplace)
    from stationapp.db import database

    queries = []
    original = database.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        queries.append(sql)
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = counting
    try:
        boxes = library_boxes.list_boxes(admin)
        names = [b.current_loan.organization.name for b in boxes if b.current_loan]
    finally:
        del database.obj.execute_sql
    assert names == ["国贸大厦物业公司", "国贸大厦物业公司"]
    assert len(queries) == 1


def test_box_permissions(admin, make_staff, box, workplace) -> None:
    organiser = make_staff("organiser", ORGANISER)
    librarian = make_staff("librarian", LIBRARIAN)
    make_copies(admin, 2)
    with pytest.raises(PermissionDenied):
        library_boxes.create_box(organiser, barcode="BX7", name="七号")
    with pytest.raises(PermissionDenied):
        library_boxes.pack(organiser, box.id, ["C0001"])
    with pytest.raises(PermissionDenied):
        library_boxes.list_boxes(organiser)
    with pytest.raises(PermissionDenied):
        library_boxes.start_stocktake(organiser)
    library_boxes.pack(librarian, box.id, ["C0001"])
    loan = lend(librarian, box, workplace)
    with pytest.raises(PermissionDenied):
        library_boxes.return_box(organiser, loan.id, ["C0001"])
    library_boxes.return_box(librarian, loan.id, ["C0001"])


def test_box_audit_and_notifications(admin, box, workplace) -> None:
    make_copies(admin, 2)
    seen: list[str] = []
    unsubscribe = changes.subscribe(seen.append)
    try:
        library_boxes.pack(admin, box.id, ["C0001", "C0002"])
        library_boxes.unpack(admin, box.id, ["C0002"])
        loan = lend(admin, box, workplace)
        library_boxes.return_box(admin, loan.id, [])
    finally:
        unsubscribe()
    assert "box" in seen and "copy" in seen
    actions = [
        (e.action, e.entity)
        for e in AuditEntry.select()
        .where(AuditEntry.entity.in_(["box", "box_loan"]))
        .order_by(AuditEntry.id)
    ]
    assert actions == [
        ("create", "box"),
        ("pack", "box"),
        ("unpack", "box"),
        ("lend", "box_loan"),
        ("return", "box_loan"),
    ]
    returned = AuditEntry.get(AuditEntry.action == "return", AuditEntry.entity == "box_loan")
    assert json.loads(returned.details)["missing"] == ["C0001"]


def test_failed_return_changes_nothing(admin, box, workplace, make_staff) -> None:
    copies = make_copies(admin, 2)
    library_boxes.pack(admin, box.id, barcodes(copies))
    loan = lend(admin, box, workplace)
    with pytest.raises(NotFound):
        library_boxes.return_box(admin, loan.id + 99, ["C0001"])
    assert BoxLoan.get_by_id(loan.id).returned_at is None
    assert {status(b) for b in barcodes(copies)} == {"in_box"}


# --- stocktakes ---------------------------------------------------------------------------------


def test_stocktake_missing_and_misplaced(admin) -> None:
    shelf = make_copies(admin, 100, prefix="A", location="A区")
    elsewhere = make_copies(admin, 2, prefix="B", location="B区")
    stocktake = library_boxes.start_stocktake(admin, location="A区")
    assert library_boxes.stocktake_progress(admin, stocktake.id).expected == 100

    for copy in shelf[:97]:
        assert library_boxes.stocktake_scan(admin, stocktake.id, copy.barcode).kind == "seen"
    scan = library_boxes.stocktake_scan(admin, stocktake.id, elsewhere[0].barcode)
    assert scan.kind == "misplaced" and "B区" in scan.message
    repeat = library_boxes.stocktake_scan(admin, stocktake.id, shelf[0].barcode.lower())
    assert repeat.kind == "repeat"
    assert library_boxes.stocktake_scan(admin, stocktake.id, "XYZ").kind == "unknown"

    result = library_boxes.stocktake_result(admin, stocktake.id)
    assert (result.expected, result.seen) == (100, 97)
    assert [line.barcode for line in result.missing] == barcodes(shelf[97:])
    assert [line.barcode for line in result.misplaced] == [elsewhere[0].barcode]
    assert result.misplaced[0].location == "B区"
    assert result.unexpected == []
    assert Copy.get(Copy.barcode == shelf[0].barcode).last_seen_at is not None
    progress = library_boxes.stocktake_progress(admin, stocktake.id)
    assert progress == library_boxes.StocktakeProgress(100, 97, 0, 1)

    library_boxes.finish_stocktake(admin, stocktake.id)
    assert {status(b) for b in barcodes(shelf)} == {"available"}  # the librarian decides
    with pytest.raises(ValidationError):
        library_boxes.stocktake_scan(admin, stocktake.id, shelf[98].barcode)
    with pytest.raises(ValidationError):
        library_boxes.finish_stocktake(admin, stocktake.id)
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.entity == "stocktake")]
    assert actions[0] == "start" and actions[-1] == "finish"
    assert actions.count("scan") == 98


def test_partial_stocktake_frozen_while_books_circulate(admin, reader) -> None:
    shelf = make_copies(admin, 6, prefix="A", location="A区")
    on_loan = shelf[5]
    library.lend(admin, on_loan.id, reader.id)
    make_copies(admin, 2, prefix="B", location="B区")
    stocktake = library_boxes.start_stocktake(admin, location="A区")
    assert library_boxes.stocktake_progress(admin, stocktake.id).expected == 5

    # During the stocktake: one expected copy is lent, the one out comes back, a new one arrives.
    library.lend(admin, shelf[0].id, reader.id)
    library.return_copy(admin, on_loan.id)
    late = make_copies(admin, 1, prefix="N", location="A区")[0]
    assert library_boxes.stocktake_progress(admin, stocktake.id).expected == 5

    for copy in shelf[1:4]:
        assert library_boxes.stocktake_scan(admin, stocktake.id, copy.barcode).kind == "seen"
    assert library_boxes.stocktake_scan(admin, stocktake.id, on_loan.barcode).kind == "unexpected"
    assert library_boxes.stocktake_scan(admin, stocktake.id, late.barcode).kind == "unexpected"

    result = library_boxes.stocktake_result(admin, stocktake.id)
    assert (result.expected, result.seen) == (5, 3)
    assert [line.barcode for line in result.missing] == [shelf[4].barcode]
    assert [line.barcode for line in result.circulated] == [shelf[0].barcode]
    assert [line.barcode for line in result.unexpected] == [on_loan.barcode, late.barcode]
    assert result.misplaced == []


def test_whole_collection_stocktake_with_shelf_seen(admin, box) -> None:
    a = make_copies(admin, 2, prefix="A", location="A区")
    b = make_copies(admin, 2, prefix="B", location="B区")
    library_boxes.pack(admin, box.id, [b[1].barcode])  # in a box: not expected on a shelf
    stocktake = library_boxes.start_stocktake(admin)
    assert library_boxes.stocktake_progress(admin, stocktake.id).expected == 3
    with pytest.raises(ValidationError):
        library_boxes.start_stocktake(admin, location="A区")  # overlaps the open one
    assert library_boxes.stocktake_scan(admin, stocktake.id, a[0].barcode).kind == "seen"
    scan = library_boxes.stocktake_scan(admin, stocktake.id, a[1].barcode, location_seen="B区")
    assert scan.kind == "misplaced"
    assert library_boxes.stocktake_scan(admin, stocktake.id, b[1].barcode).kind == "unexpected"
    result = library_boxes.stocktake_result(admin, stocktake.id)
    assert (result.expected, result.seen) == (3, 2)
    assert [line.barcode for line in result.missing] == [b[0].barcode]
    assert [line.barcode for line in result.misplaced] == [a[1].barcode]
    assert [line.barcode for line in result.unexpected] == [b[1].barcode]
    assert library_boxes.open_stocktakes(admin) == [stocktake]
    assert library_boxes.copy_locations(admin) == ["A区", "B区"]


def test_stocktake_of_an_empty_location_is_refused(admin) -> None:
    make_copies(admin, 1, location="A区")
    with pytest.raises(ValidationError) as err:
        library_boxes.start_stocktake(admin, location="Z区")
    assert err.value.field == "location"
