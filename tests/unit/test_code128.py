"""The Code 128 encoder of the barcode labels, against the standard's table and examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from stationapp.ui.library import code128

printable = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=40)


def test_table_has_every_value_once_with_the_right_widths():
    assert len(code128.PATTERNS) == 107
    assert len(set(code128.PATTERNS)) == 107
    for value, pattern in enumerate(code128.PATTERNS[:106]):
        widths = [int(w) for w in pattern]
        assert len(widths) == 6 and sum(widths) == 11, value
        assert all(1 <= w <= 4 for w in widths), value
        # The standard's parity: the bars of every character add up to an even number of modules.
        assert sum(widths[0::2]) % 2 == 0, value
    stop = [int(w) for w in code128.PATTERNS[code128.STOP]]
    assert stop == [2, 3, 3, 1, 1, 1, 2] and sum(stop) == 13


def test_known_patterns():
    # Rows of the standard's table: value 0 (space in set B), 33 ("A"), 16 ("0"), the starts.
    assert code128.PATTERNS[0] == "212222"
    assert code128.PATTERNS[ord("A") - 32] == "111323"
    assert code128.PATTERNS[ord("0") - 32] == "123122"
    assert code128.PATTERNS[code128.START_A] == "211412"
    assert code128.PATTERNS[code128.START_B] == "211214"
    assert code128.PATTERNS[code128.START_C] == "211232"


def test_checksum_of_the_standard_example():
    # "PJJ123C" begun with Start A (the example usually quoted) has the check value 54; begun
    # with Start B, as this encoder does, the start value is one more, so the check is 55.
    data = [ord(ch) - 32 for ch in "PJJ123C"]
    assert data == [48, 42, 42, 17, 18, 19, 35]
    assert code128.checksum([code128.START_A, *data]) == 54
    assert code128.checksum([code128.START_B, *data]) == 55
    assert code128.values_of("PJJ123C") == [104, *data, 55, 106]


def test_encode_a_short_text_bar_by_bar():
    # Start B, "A" (33), check (104 + 33) % 103 = 34, stop.
    widths = code128.encode("A")
    assert widths == [
        *[2, 1, 1, 2, 1, 4],
        *[1, 1, 1, 3, 2, 3],
        *[1, 3, 1, 1, 2, 3],
        *[2, 3, 3, 1, 1, 1, 2],
    ]
    assert widths[0::2] and len(widths) % 2 == 1  # starts and ends with a bar


@pytest.mark.parametrize("text", ["A", "TS0000123", "PJJ123C", "Hello, World!", "~" * 40])
def test_module_count(text):
    assert sum(code128.encode(text)) == code128.module_count(text) == 11 * (len(text) + 3) + 2


def test_characters_outside_code_set_b_are_refused():
    for text in ("", "书", "tab\there", "é"):
        assert not code128.is_encodable(text)
        with pytest.raises(ValueError):
            code128.encode(text)


def test_decode_refuses_damaged_symbols():
    widths = code128.encode("TS0001")
    with pytest.raises(ValueError):
        code128.decode(widths[:-1])
    swapped = list(widths)
    swapped[6:12] = [int(w) for w in code128.PATTERNS[ord("X") - 32]]  # "T" read as "X"
    with pytest.raises(ValueError, match="checksum"):
        code128.decode(swapped)


@given(printable)
def test_any_printable_text_encodes_and_decodes_back(text):
    widths = code128.encode(text)
    assert sum(widths) == 11 * (len(text) + 3) + 2
    assert all(sum(widths[i : i + 6]) == 11 for i in range(0, len(widths) - 7, 6))
    assert sum(widths[-7:]) == 13
    assert code128.decode(widths) == text


def _scanline_widths(text: str, width_px: int) -> tuple[list[int], int]:
    """Paint ``text`` on an image and measure the runs of one row of pixels, as a scanner does."""
    image = QImage(width_px, 40, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    code128.paint(painter, QRectF(0, 0, width_px, 40), text)
    painter.end()
    row = [image.pixelColor(x, 20).value() < 128 for x in range(width_px)]
    runs: list[int] = []
    previous = False
    for dark in row:
        if runs and dark == previous:
            runs[-1] += 1
        elif dark or runs:
            runs.append(1)
        previous = dark
    if runs and not previous:
        runs.pop()  # the quiet zone after the stop character
    return runs, min(runs)


@pytest.mark.parametrize("text", ["TS0000123", "PJJ123C", "a b~"])
def test_painted_bars_read_back(text):
    width = (code128.module_count(text) + 2 * code128.QUIET_ZONE) * 3 + 7
    runs, module = _scanline_widths(text, width)
    assert module == 3  # whole device pixels per module
    assert code128.decode([run // module for run in runs]) == text
    # The quiet zones stay blank: the first bar starts at least ten modules in.
    image_left = (width - code128.module_count(text) * module) / 2
    assert image_left >= code128.QUIET_ZONE * module
