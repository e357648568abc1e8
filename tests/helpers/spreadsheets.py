"""Hostile spreadsheets, built small: a workbook made by openpyxl with some of its members replaced
or added, streamed into the archive so a test never holds a bomb's contents in memory."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHARED_STRINGS = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = "[Content_Types].xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MB = 1024 * 1024

Member = bytes | Iterable[bytes]


def base_workbook(rows: list[list[object]]) -> bytes:
    """An ordinary .xlsx as openpyxl writes it (with a shared-strings part when rows hold text)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build(
    path: Path,
    rows: list[list[object]],
    members: dict[str, Member] | None = None,
    *,
    stored: Iterable[str] = (),
    strings: str | None = None,
) -> Path:
    """``rows`` saved by openpyxl, then ``members`` replacing or joining its parts (deflated at
    level 1 unless named in ``stored``). The part named ``strings`` (``SHARED_STRINGS`` when it
    is among ``members``) is declared the shared strings in [Content_Types].xml, where openpyxl
    looks for them (openpyxl itself writes its text inline)."""
    members = dict(members or {})
    stored = set(stored)
    if strings is None and SHARED_STRINGS in members:
        strings = SHARED_STRINGS
    if strings is not None and CONTENT_TYPES not in members:
        with zipfile.ZipFile(io.BytesIO(base_workbook(rows))) as base:
            types = base.read(CONTENT_TYPES)
        members[CONTENT_TYPES] = types.replace(
            b"</Types>",
            f'<Override PartName="/{strings}" ContentType="{STRINGS_TYPE}" /></Types>'.encode(),
        )
    with (
        zipfile.ZipFile(io.BytesIO(base_workbook(rows))) as base,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for info in base.infolist():
            if info.filename not in members:
                out.writestr(info.filename, base.read(info.filename))
        for name, content in members.items():
            kind = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0))
            info.compress_type = kind
            with out.open(info, "w") as handle:
                for chunk in [content] if isinstance(content, bytes) else content:
                    handle.write(chunk)
    return path


def cell(ref: str, value: object) -> str:
    if value is None:
        return f'<c r="{ref}"/>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(rows: dict[int, dict[str, object]], *, dimension: str = "A1:XFD1048576") -> bytes:
    """A worksheet holding ``rows`` ({row number: {column letters: value}}) that claims
    ``dimension``."""
    body = "".join(
        f'<row r="{number}">'
        + "".join(cell(f"{column}{number}", value) for column, value in cells.items())
        + "</row>"
        for number, cells in rows.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    ).encode()


def lying_dimension(xlsx: bytes, dimension: str = "A1:XFD1048576") -> bytes:
    """The same workbook, its sheet claiming ``dimension``."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET:
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            out.writestr(info.filename, data)
    return buffer.getvalue()


def shared_strings_bomb(size: int = 300 * MB) -> Iterator[bytes]:
    """A sharedStrings part of about ``size`` bytes of one repeated string, in 1.7 MB pieces."""
    piece = "<si><t>职工书屋工会服务站</t></si>".encode()
    repeat = max(1, min(40_000, size // len(piece)))
    count = max(1, size // (len(piece) * repeat)) * repeat
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="{count}" '
        f'uniqueCount="{count}">'
    ).encode()
    chunk = piece * repeat
    for _ in range(count // repeat):
        yield chunk
    yield b"</sst>"


def zeros(size: int) -> Iterator[bytes]:
    for _ in range(size // MB):
        yield bytes(MB)


def zip_bytes(members: dict[str, Member]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in members.items():
            with out.open(name, "w") as handle:
                for chunk in [content] if isinstance(content, bytes) else content:
                    handle.write(chunk)
    return buffer.getvalue()


def understate(path: Path, name: str, size: int) -> None:
    """Make the archive's directory claim that member ``name`` unpacks to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46 : at + 46 + name_length].decode() == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 46 + name_length + extra_length + comment_length)
    raise LookupError(name)
