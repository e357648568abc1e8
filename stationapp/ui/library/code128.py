"""Code 128 barcodes (ISO/IEC 15417), code set B: every printable ASCII character.

A symbol is a start character, the data, a checksum and the stop character. Each character is
three bars and three spaces, 11 modules wide in all; the stop character has a fourth bar and is
13 modules wide. The checksum is the start value plus each data value times its position (from 1),
modulo 103. A quiet zone of at least 10 modules must stay blank on either side.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

# Widths of bar, space, bar, space, bar, space for the values 0-105, then the stop character
# (bar, space, bar, space, bar, space, bar), from the standard's table.
PATTERNS: tuple[str, ...] = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312",  # 0-7
    "132212", "221213", "221312", "231212", "112232", "122132", "122231", "113222",  # 8-15
    "123122", "123221", "223211", "221132", "221231", "213212", "223112", "312131",  # 16-23
    "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321",  # 24-31
    "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",  # 32-39
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121",  # 40-47
    "313121", "211331", "231131", "213113", "213311", "213131", "311123", "311321",  # 48-55
    "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224",  # 56-63
    "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",  # 64-71
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",  # 72-79
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",  # 80-87
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113",  # 88-95
    "114311", "411113", "411311", "113141", "114131", "311141", "411131", "211412",  # 96-103
    "211214", "211232", "2331112",  # 104-106
)  # fmt: skip

START_A = 103
START_B = 104
START_C = 105
STOP = 106
QUIET_ZONE = 10  # modules of blank space on each side

_BY_PATTERN = {pattern: value for value, pattern in enumerate(PATTERNS)}


def is_encodable(text: str) -> bool:
    """Code set B holds the characters from space to DEL (ASCII 32-127)."""
    return bool(text) and all(32 <= ord(ch) <= 127 for ch in text)


def checksum(values: list[int]) -> int:
    """The check value of a start value followed by data values."""
    return (values[0] + sum(position * v for position, v in enumerate(values[1:], 1))) % 103


def values_of(text: str) -> list[int]:
    """Start B, the data, the checksum and the stop character as symbol values."""
    if not is_encodable(text):
        raise ValueError(f"cannot encode {text!r} in Code 128 code set B")
    values = [START_B, *(ord(ch) - 32 for ch in text)]
    return [*values, checksum(values), STOP]


def encode(text: str) -> list[int]:
    """The widths, in modules, of the bars and spaces of ``text``, starting with a bar."""
    return [int(width) for value in values_of(text) for width in PATTERNS[value]]


def module_count(text: str) -> int:
    """The width of the symbol in modules, quiet zones not included: 11 * (n + 3) + 2."""
    return 11 * (len(text) + 3) + 2


def decode(widths: list[int]) -> str:
    """Read back a code set B symbol from its widths (for tests); ValueError if it is not one."""
    if len(widths) < 6 * 3 + 7 or (len(widths) - 7) % 6:
        raise ValueError("not a Code 128 symbol: wrong number of bars and spaces")
    chunks = [widths[i : i + 6] for i in range(0, len(widths) - 7, 6)]
    values = []
    for chunk in chunks:
        value = _BY_PATTERN.get("".join(str(w) for w in chunk))
        if value is None or value == STOP:
            raise ValueError("not a Code 128 symbol: unknown character")
        values.append(value)
    if "".join(str(w) for w in widths[-7:]) != PATTERNS[STOP]:
        raise ValueError("not a Code 128 symbol: no stop character")
    if values[0] != START_B:
        raise ValueError("only code set B is read")
    *body, check = values
    if checksum(body) != check:
        raise ValueError("wrong checksum")
    data = body[1:]
    if any(v >= 96 for v in data):
        raise ValueError("control characters are not read")
    return "".join(chr(v + 32) for v in data)


def paint(painter: QPainter, rect: QRectF, text: str) -> None:
    """Draw the bars of ``text`` across ``rect``, centred, with its quiet zones inside ``rect``.

    The module is a whole number of device pixels when the device has room for that, so a
    printer never rounds neighbouring bars differently.
    """
    widths = encode(text)
    modules = sum(widths) + 2 * QUIET_ZONE
    module = rect.width() / modules
    if module >= 1:
        module = float(int(module))
    x = rect.left() + (rect.width() - module * (modules - 2 * QUIET_ZONE)) / 2
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.black)
    for index, width in enumerate(widths):
        if index % 2 == 0:
            painter.drawRect(QRectF(x, rect.top(), width * module, rect.height()))
        x += width * module
    painter.restore()
