"""Spreadsheet bombs (issue 19, finding 7): hostile .xlsx and CSV files are read within bounds.

A 5 KB workbook whose sheet claims ``A1:XFD1048576`` was read row by padded row (34 minutes);
a 13 MB workbook with 1.17 GB of shared strings took 1.5 GB of memory. The files are built here,
small on disk and streamed, never held whole in the test's memory.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stationapp.errors import UserError
from stationapp.models.accounts import LIBRARIAN, AuditEntry
from stationapp.models.library import Copy, Title
from stationapp.services.library_import import import_catalogue
from tests.helpers.spreadsheets import (
    MB,
    SHARED_STRINGS,
    SHEET,
    base_workbook,
    build,
    lying_dimension,
    shared_strings_bomb,
    sheet_xml,
    understate,
    zeros,
    zip_bytes,
)

ROWS = [
    ["书名", "作者", "条码"],
    ["活着", "余华", "TS1"],
    ["围城", "钱锺书", "TS2"],
    ["边城", "沈从文", "TS3"],
]


def spreadsheet_read():
    # Imported where used, so that this file runs against the code before the fix too (and
    # fails there by what it checks, not by an import error).
    from stationapp.services import spreadsheet_read

    return spreadsheet_read


@pytest.fixture
def librarian(make_staff):
    return make_staff("librarian", LIBRARIAN)


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Records every call of openpyxl.load_workbook: a refused file must never reach it."""
    calls: list[object] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("openpyxl was asked to read the file")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    return calls


@pytest.fixture(scope="module")
def strings_bomb(tmp_path_factory):
    """About 1.3 MB on disk: 300 MB of shared strings, deflated."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    return build(path, [["书名", "条码"], ["活着", "TS1"]], {SHARED_STRINGS: shared_strings_bomb()})


def counts() -> tuple[int, int]:
    return Title.select().count(), Copy.select().count()


def visited_rows(path, monkeypatch) -> tuple[list[tuple[int, list]], list[int]]:
    """The rows read from ``path`` and the tick of every sheet row visited."""
    module = spreadsheet_read()
    monkeypatch.setattr(module, "TICK_EVERY", 1)
    ticks: list[int] = []
    rows = list(module.rows(path, tick=ticks.append))
    return rows, ticks


# --- a sheet that lies about its size ------------------------------------------------------------


def lying_sheet(path):
    """The issue's file: four rows, the dimension ``A1:XFD1048576`` and one empty cell at
    XFD1048576 (openpyxl's read-only sheet padded every row between to 16,384 cells)."""
    rows = {
        number: {column: value for column, value in zip("ABC", row, strict=True)}
        for number, row in enumerate(ROWS, 1)
    }
    rows[1_048_576] = {"XFD": None}
    return build(path, [["x"]], {SHEET: sheet_xml(rows)})


def test_a_sheet_claiming_a_million_rows_imports_its_real_rows_at_once(librarian, tmp_path):
    path = lying_sheet(tmp_path / "lying.xlsx")
    assert path.stat().st_size < 10_000
    reading: list[int] = []

    def progress(done: int, total: int) -> bool:
        if not total:
            reading.append(done)
        return len(reading) < 5  # the old code: stopped after 1,000 padded rows, not 34 minutes

    result = import_catalogue(librarian, path, progress=progress)
    assert not result.cancelled
    assert (result.rows, result.copies_created) == (3, 3)
    assert counts() == (3, 3)
    # Progress is told every 200 rows visited: four rows make no call at all.
    assert reading == []


def test_only_the_rows_the_sheet_holds_are_visited(tmp_path, monkeypatch):
    path = lying_sheet(tmp_path / "lying.xlsx")
    rows, ticks = visited_rows(path, monkeypatch)
    assert ticks == [1, 2, 3, 4, 5]
    assert rows == [(number, row) for number, row in enumerate(ROWS, 1)]


def test_rows_far_apart_and_far_right_are_read_without_the_cells_between(
    librarian, tmp_path, monkeypatch
):
    sheet = sheet_xml(
        {
            1: {"A": "书名", "B": "条码"},
            2: {"A": "活着", "B": "TS1", "XFD": "far right"},
            1_048_576: {"A": "围城", "B": "TS2"},
        }
    )
    path = build(tmp_path / "sparse.xlsx", [["x"]], {SHEET: sheet})
    rows, ticks = visited_rows(path, monkeypatch)
    assert ticks == [1, 2, 3]
    # Cells beyond MAX_COLUMNS are not read: no row of 16,384 cells.
    assert rows == [(1, ["书名", "条码"]), (2, ["活着", "TS1"]), (1_048_576, ["围城", "TS2"])]
    result = import_catalogue(librarian, path)
    assert (result.rows, result.copies_created) == (2, 2)


def test_a_row_numbered_beyond_excel_is_refused(librarian, tmp_path):
    sheet = sheet_xml({1: {"A": "书名", "B": "条码"}, 2_000_000_000: {"A": "活着", "B": "TS1"}})
    path = build(tmp_path / "far.xlsx", [["x"]], {SHEET: sheet})
    with pytest.raises(UserError, match="2,000,000,000"):
        import_catalogue(librarian, path)
    assert counts() == (0, 0)


# --- archives that unpack to far more than they are ----------------------------------------------


def test_a_shared_strings_bomb_is_refused_before_parsing(librarian, strings_bomb, no_openpyxl):
    assert strings_bomb.stat().st_size < 2 * MB
    with zipfile.ZipFile(strings_bomb) as archive:
        assert archive.getinfo(SHARED_STRINGS).file_size > 290 * MB
    tracemalloc.start()
    try:
        with pytest.raises(UserError) as caught:
            import_catalogue(librarian, strings_bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert no_openpyxl == []
    assert getattr(caught.value, "limit", None) == "part"
    assert "64 MB" in caught.value.message  # the limit, named
    assert peak < 5 * MB
    assert counts() == (0, 0)
    assert not AuditEntry.select().where(AuditEntry.action == "import").exists()


def test_the_built_bomb_is_what_openpyxl_would_read(tmp_path):
    # The same construction, small enough to read: openpyxl takes the declared part as the
    # shared strings, so the bombs below would be loaded whole if they were not refused.
    sheet = sheet_xml({1: {"A": "书名", "B": "条码"}}).replace(
        b"</sheetData>",
        b'<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2"><v>1</v></c></row></sheetData>',
    )
    members = {SHEET: sheet, SHARED_STRINGS: shared_strings_bomb(MB // 2)}
    path = build(tmp_path / "small.xlsx", [["x"]], members)
    assert list(spreadsheet_read().rows(path)) == [
        (1, ["书名", "条码"]),
        (2, ["职工书屋工会服务站", 1]),
    ]


def test_a_bomb_under_another_name_is_refused_too(librarian, tmp_path, no_openpyxl):
    # openpyxl finds the shared strings by their content type, not their name.
    members = {"xl/words.xml": shared_strings_bomb(70 * MB)}
    path = build(tmp_path / "renamed.xlsx", ROWS, members, strings="xl/words.xml")
    with pytest.raises(UserError) as caught:
        import_catalogue(librarian, path)
    assert getattr(caught.value, "limit", None) == "part"
    assert "xl/words.xml" in caught.value.message and "64 MB" in caught.value.message
    assert no_openpyxl == []


def padded_sheet(size: int) -> list[bytes]:
    """A sheet with a header and one row, then an XML comment of ``size`` spaces, in pieces."""
    sheet = sheet_xml({1: {"A": "书名", "B": "条码"}, 2: {"A": "活着", "B": "TS1"}})
    spaces = b" " * MB
    return [sheet.replace(b"</worksheet>", b"<!--"), *[spaces] * (size // MB), b"--></worksheet>"]


def test_a_member_compressed_a_thousand_times_is_refused(librarian, tmp_path, no_openpyxl):
    members = {SHEET: padded_sheet(20 * MB)}
    path = build(tmp_path / "ratio.xlsx", [["x"]], members)
    assert path.stat().st_size < MB
    with pytest.raises(UserError) as caught:
        import_catalogue(librarian, path)
    assert getattr(caught.value, "limit", None) == "ratio"
    assert SHEET in caught.value.message and "100" in caught.value.message
    assert no_openpyxl == []


def test_a_workbook_over_the_total_size_is_refused(librarian, tmp_path, monkeypatch, no_openpyxl):
    monkeypatch.setattr(spreadsheet_read(), "MAX_UNCOMPRESSED", 100_000)
    # Random bytes do not compress: 120 KB stored, under the ratio check, over the total.
    picture = bytes(range(256)) * 480
    path = build(
        tmp_path / "big.xlsx",
        ROWS,
        {"xl/media/image1.png": picture},
        stored=["xl/media/image1.png"],
    )
    with pytest.raises(UserError) as caught:
        import_catalogue(librarian, path)
    assert getattr(caught.value, "limit", None) == "uncompressed"
    assert no_openpyxl == []


def test_a_zip_with_too_many_members_is_refused(librarian, tmp_path, no_openpyxl):
    parts = {f"customXml/item{index}.xml": b"<a/>" for index in range(1_000)}
    path = build(tmp_path / "many.xlsx", ROWS, parts)
    with pytest.raises(UserError) as caught:
        import_catalogue(librarian, path)
    assert getattr(caught.value, "limit", None) == "members"
    assert "1,000" in caught.value.message
    assert no_openpyxl == []


def test_a_nested_bomb_is_never_opened(librarian, tmp_path):
    inner = zip_bytes({"bomb.bin": zeros(50 * MB)})  # 50 MB of zeros in about 50 KB
    path = build(
        tmp_path / "nested.xlsx",
        ROWS,
        {"xl/embeddings/oleObject1.bin": inner},
        stored=["xl/embeddings/oleObject1.bin"],
    )
    assert path.stat().st_size < MB
    tracemalloc.start()
    try:
        result = import_catalogue(librarian, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.rows, result.copies_created) == (3, 3)
    assert peak < 30 * MB


def test_a_member_understating_its_size_is_read_no_further(librarian, tmp_path):
    # The directory says 2,000 bytes; the data unpacks to 20 MB. zipfile stops at what the
    # directory says (and fails the checksum), so the size checks can trust the directory.
    path = build(tmp_path / "understated.xlsx", [["x"]], {SHEET: padded_sheet(20 * MB)})
    understate(path, SHEET, 2_000)
    tracemalloc.start()
    try:
        with pytest.raises(UserError):
            import_catalogue(librarian, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * MB
    assert counts() == (0, 0)


def test_a_csv_over_the_size_limit_is_refused_unread(librarian, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheet_read(), "MAX_CSV_BYTES", 1_000)
    path = tmp_path / "big.csv"
    path.write_text("书名,条码\n" + "活着,TS1\n" * 200, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        import_catalogue(librarian, path)
    assert getattr(caught.value, "limit", None) == "csv_size"


def test_a_csv_is_read_as_a_stream(librarian, tmp_path):
    # 12 MB of empty rows after a GB18030 header (the encoding is found by reading the file):
    # the import holds the rows it keeps, never the file's text.
    path = tmp_path / "stream.csv"
    with path.open("wb") as handle:
        handle.write("书名,条码\n活着,TS1\n".encode("gb18030"))
        for _ in range(12):
            handle.write((b"," * 1023 + b"\n") * 1024)
    tracemalloc.start()
    try:
        result = import_catalogue(librarian, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.rows, result.copies_created) == (1, 1)
    assert Title.get().title == "活着"
    assert peak < 10 * MB


# --- Cancel --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_cancel_stops_a_long_read(librarian, tmp_path, kind):
    # 100,000 rows the sheet holds but that are empty: long to read, nothing to import.
    if kind == "xlsx":
        rows = {1: {"A": "书名", "B": "条码"}, 2: {"A": "活着", "B": "TS1"}}
        rows.update({number: {} for number in range(3, 100_003)})
        path = build(tmp_path / "long.xlsx", [["x"]], {SHEET: sheet_xml(rows)})
    else:
        path = tmp_path / "long.csv"
        path.write_text("书名,条码\n活着,TS1\n" + ",\n" * 100_000, encoding="utf-8")
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return False  # Cancel pressed at once

    result = import_catalogue(librarian, path, progress=progress)
    assert result.cancelled
    assert calls == [(0, 0)]  # stopped while reading, at the first word from the read
    assert counts() == (0, 0)


# --- anything at all -----------------------------------------------------------------------------

VALID = base_workbook(ROWS)


def consume(path) -> None:
    """Every row of ``path``: only the application's typed errors may escape."""
    try:
        for _number, values in spreadsheet_read().rows(path):
            assert len(values) <= spreadsheet_read().MAX_COLUMNS
    except UserError as exc:
        assert exc.message


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=4_096), suffix=st.sampled_from([".xlsx", ".csv", ".xlsm"]))
@example(data=b"PK\x05\x06" + bytes(18), suffix=".xlsx")
@example(data=b"\xff\xfe\x00", suffix=".csv")
def test_random_bytes_are_refused_with_a_typed_error(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    consume(path)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, len(VALID)),
    flips=st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=8),
)
def test_a_damaged_workbook_is_refused_with_a_typed_error(tmp_path, cut, flips):
    data = bytearray(VALID)
    for at, value in flips:
        data[at] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data[: max(cut, 1)] if cut < len(VALID) else data))
    consume(path)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(
        [SHEET, SHARED_STRINGS, "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"]
    ),
    content=st.one_of(
        st.binary(max_size=2_000),
        st.text(max_size=500).map(str.encode),
        st.builds(
            lambda rows: sheet_xml(rows, dimension="A1:B2"),
            st.dictionaries(
                st.integers(-5, 2_000_000),
                st.dictionaries(
                    st.sampled_from(["A", "B", "ZZ", "XFD", "AAAA", "1"]),
                    st.one_of(st.text(max_size=20), st.integers(), st.floats()),
                    max_size=3,
                ),
                max_size=4,
            ),
        ),
    ),
)
def test_a_workbook_with_a_hostile_part_is_refused_with_a_typed_error(tmp_path, name, content):
    path = build(tmp_path / "hostile.xlsx", ROWS, {name: content})
    consume(path)


def test_an_ordinary_workbook_claiming_more_is_read_as_it_is(tmp_path):
    path = tmp_path / "plain.xlsx"
    path.write_bytes(lying_dimension(VALID))
    assert list(spreadsheet_read().rows(path)) == list(enumerate(ROWS, 1))


def test_an_ordinary_workbook_is_still_read(tmp_path):
    path = tmp_path / "plain.xlsx"
    path.write_bytes(VALID)
    assert list(spreadsheet_read().rows(path)) == list(enumerate(ROWS, 1))
    assert zipfile.ZipFile(io.BytesIO(VALID)).testzip() is None
