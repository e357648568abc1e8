"""The application icon's files: the SVG stays plain enough for any renderer, every PNG size
exists at its size, and the Windows .ico holds all of them."""

from __future__ import annotations

import ast
import os
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from stationapp import config

ROOT = Path(__file__).resolve().parents[2]
RENDER_SCRIPT = ROOT / "packaging" / "render-icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_every_png_size_exists_at_its_size():
    assert config.ICON_SIZES == (16, 24, 32, 48, 64, 128, 256)
    for size in config.ICON_SIZES:
        path = config.icon_png_path(size)
        assert path.is_file(), path
        assert png_size(path.read_bytes()) == (size, size), path


def test_ico_lists_every_size_with_its_png():
    data = config.resource_path("icons", "stationapp.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, len(config.ICON_SIZES))
    sizes = []
    for index in range(count):
        width, height, colours, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        size = width or 256
        assert (height or 256) == size and colours == 0 and planes == 1 and bits == 32
        image = data[offset : offset + length]
        assert len(image) == length and png_size(image) == (size, size)
        assert image == config.icon_png_path(size).read_bytes()
        sizes.append(size)
    assert tuple(sizes) == config.ICON_SIZES


def test_svg_is_plain_and_square():
    root = ET.parse(config.resource_path("icons", "stationapp.svg")).getroot()
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 256 256"
    allowed = {f"{SVG}{name}" for name in ("svg", "g", "rect", "circle", "path", "polygon")}
    for element in root.iter():
        assert element.tag in allowed, element.tag
        for name, value in element.attrib.items():
            assert "href" not in name and "url(" not in value, (name, value)


def test_render_script_draws_the_configured_sizes():
    source = RENDER_SCRIPT.read_text(encoding="utf-8")
    assert source.startswith("#!/usr/bin/env python3\n")
    assert os.access(RENDER_SCRIPT, os.X_OK)
    sizes = next(
        ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "SIZES"
    )
    assert sizes == config.ICON_SIZES
