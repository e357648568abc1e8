"""The catalogue import reads, checks and writes a batch of rows at a time inside its one
transaction (issue #22): a problem after rows were written still leaves nothing, every problem
of the file is still listed, and rows of one title far apart in the file are one title."""

from __future__ import annotations

import pytest

from stationapp.models.accounts import LIBRARIAN, AuditEntry
from stationapp.models.library import Copy, Title
from stationapp.services import library
from stationapp.services.library_import import BATCH, ImportRefused, import_catalogue
from tests.unit.test_library_import import counts, isbn13, write_csv

LATE = 3 * BATCH + 17  # a row after three batches were written


@pytest.fixture
def librarian(make_staff):
    return make_staff("librarian", LIBRARIAN)


def _rows(count: int) -> list[list[object]]:
    rows: list[list[object]] = [["书名", "ISBN", "条码"]]
    rows += [[f"职工读物{i}", isbn13(i), f"TS{i:06d}"] for i in range(count)]
    return rows


def _row_number(index: int) -> int:
    return index + 2  # the header is row 1


def test_a_late_bad_row_leaves_nothing_written(librarian, tmp_path) -> None:
    rows = _rows(LATE + 50)
    rows[1 + LATE][1] = "9787000000000"  # a wrong check digit
    rows[1 + LATE + 10][2] = ""  # no barcode
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, write_csv(tmp_path / "late.csv", rows))
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (_row_number(LATE), "isbn"),
        (_row_number(LATE + 10), "barcode"),
    ]
    assert counts() == (0, 0)
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()


def test_every_problem_after_the_first_is_still_found(librarian, tmp_path) -> None:
    title = library.create_title(librarian, library.TitleInput(title="茶馆"))
    library.add_copy(librarian, title.id, library.CopyInput(barcode="OLD1"))
    rows = _rows(4 * BATCH)
    rows[1 + 5][2] = "bad barcode"  # a space: the first problem, in the first batch
    rows[1 + 2 * BATCH][2] = "OLD1"  # already in use, two batches later
    rows[1 + 3 * BATCH][2] = "TS000007"  # the barcode of row 9, again
    with pytest.raises(ImportRefused) as caught:
        import_catalogue(librarian, write_csv(tmp_path / "many.csv", rows))
    problems = caught.value.problems
    assert [(p.row, p.field) for p in problems] == [
        (_row_number(5), "barcode"),
        (_row_number(2 * BATCH), "barcode"),
        (_row_number(3 * BATCH), "barcode"),
    ]
    assert "OLD1" in problems[1].message
    assert str(_row_number(7)) in problems[2].message
    assert counts() == (1, 1)


def test_rows_of_one_title_in_different_batches(librarian, tmp_path) -> None:
    existing = library.create_title(
        librarian, library.TitleInput(title="职工读物1", isbn=isbn13(1))
    )
    rows = _rows(LATE + 1)
    rows.append(["职工读物3", isbn13(3), "AGAIN3"])  # the title of row 5, far below
    rows.append(["职工读物1", isbn13(1), "AGAIN1"])  # a title already in the catalogue
    result = import_catalogue(librarian, write_csv(tmp_path / "far.csv", rows))
    assert result.rows == LATE + 3
    assert (result.titles_created, result.titles_existing) == (LATE, 1)
    assert result.copies_created == LATE + 3 == Copy.select().count()
    assert Title.get(Title.isbn == isbn13(3)).copies.count() == 2
    assert existing.copies.count() == 2
    # The labels come title by title, in the order the titles first appear in the file.
    assert result.barcodes[:6] == [
        "TS000000",
        "TS000001",
        "AGAIN1",
        "TS000002",
        "TS000003",
        "AGAIN3",
    ]
    assert sorted(result.barcodes) == sorted(c.barcode for c in Copy.select())


def test_cancel_after_batches_were_written(librarian, tmp_path) -> None:
    path = write_csv(tmp_path / "cancel.csv", _rows(3 * BATCH))
    result = import_catalogue(librarian, path, progress=lambda done, total: done < 2 * BATCH)
    assert result.cancelled
    assert counts() == (0, 0)
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()
