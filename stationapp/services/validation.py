"""Checks and clean-up for what the front desk types: ID numbers, phones, names, free text, cards.

Pure functions with no database access. Each returns the value in the one form the program stores
and raises :class:`~stationapp.errors.ValidationError` naming the form field, with a message that
says in plain words what is wrong, so the desk can fix it while the visitor is still there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.errors import ValidationError

translate = QCoreApplication.translate

ID_TYPE_CODES: tuple[str, ...] = (
    "ric",
    "hmt_residence",
    "hk_macau_pass",
    "taiwan_pass",
    "foreign_prc",
    "passport",
)

# The 间隔号 of GB/T 15834 between the parts of a minority or foreign name (阿不都·热合曼), as on
# the ID card (GB 18030 A1A4) and as 民委发〔2016〕33号 asks every public system to store it.
NAME_DOT = "\u00b7"
# What arrives for it instead, each seen in practice: Greek ano teleia (NFC makes it U+00B7);
# bullet (the Big5 间隔号 A145 as Python's big5 reads it; some input methods); hyphenation point
# (the same A145 read as cp950: Taiwanese text); bullet and dot operators (look-alikes picked
# from symbol tables and math input); katakana middle dot (GB 2312 A1A4 in the old Unicode
# mapping table that Python's gb2312 codec still follows; Japanese input methods) and its
# half-width form. The full-width full stop "．" becomes "." with the other full-width forms
# and is a name dot only between Chinese characters, like the ASCII "." (J. K. Rowling keeps
# hers).
NAME_DOT_VARIANTS = frozenset("\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65")
# Separators that occur inside real names: 阿不都·热合曼, Mary-Jane O'Neil, J. K. Rowling.
NAME_SEPARATORS = frozenset(".-'\u2019") | NAME_DOT_VARIANTS
EARLIEST_BIRTH_YEAR = 1900

_WHITESPACE_RE = re.compile(r"\s+")
_CJK = (
    "\u3007\u3041-\u3096\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_DOTS = re.escape("".join(sorted(NAME_DOT_VARIANTS)))
# A run of dots and spaces holding an ASCII "." between two Chinese (or kana) characters.
_CJK_DOT_RE = re.compile(rf"(?<=[{_CJK}])[ {_DOTS}.]*\.[ {_DOTS}.]*(?=[{_CJK}])")
# One or more middle dots of any kind, with the spaces around them.
_DOT_RUN_RE = re.compile(rf" ?(?:[{_DOTS}] ?)+")
_ID_NOISE_RE = re.compile(r"[\s\-]+")
_HK_MACAU_PASS_RE = re.compile(r"^[HM][0-9]{8}([0-9]{2})?$")
_TAIWAN_PASS_RE = re.compile(r"^[0-9]{8}$")
_PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
_FOREIGN_OLD_RE = re.compile(r"^[A-Z]{3}[0-9]{12}$")
_RIC_FORMAT_RE = re.compile(r"^[0-9]{17}[0-9X]$")

_MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
# Only ASCII digits: \d would also take Arabic-Indic and other digits that NFKC leaves alone.
# 010 and 020-029 are the only three-digit area codes and all have eight-digit local numbers;
# every other area code has four digits and seven- or eight-digit local numbers.
_LANDLINE_RES = (
    re.compile(r"^(010|02[0-9])([1-9][0-9]{7})$"),
    re.compile(r"^(0[3-9][0-9]{2})([1-9][0-9]{6,7})$"),
)
_BEIJING_LOCAL_RE = re.compile(r"^[1-9][0-9]{7}$")
_PHONE_NOISE_RE = re.compile(r"[\s().\-]+")
_EXTENSION_RE = re.compile(r"^(?P<main>.*?)\s*(?:转|分机|ext\.?)\s*(?P<ext>[0-9]{1,6})$")
_DASH_EXTENSION_RE = re.compile(r"^(?P<main>.*[0-9])\s*-\s*(?P<ext>[0-9]{1,6})$")
_COUNTRY_PREFIX_RE = re.compile(r"^(?:\+86|0086)")

# Bidirectional controls: invisible, they make a line read in another order than it is stored
# ("U+202E" turns "txt.exe" into "exe.txt" on screen) in every list that shows the text.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def id_type_label(code: str) -> str:
    """The name of a document type as shown to the user."""
    labels = {
        "ric": translate("Validation", "Resident ID card"),
        "hmt_residence": translate(
            "Validation", "Residence permit for Hong Kong, Macau and Taiwan residents"
        ),
        "hk_macau_pass": translate(
            "Validation", "Mainland travel permit for Hong Kong and Macau residents"
        ),
        "taiwan_pass": translate("Validation", "Mainland travel permit for Taiwan residents"),
        "foreign_prc": translate("Validation", "Foreign permanent resident ID card"),
        "passport": translate("Validation", "Passport"),
    }
    try:
        return labels[code]
    except KeyError:
        raise ValueError(f"unknown ID type {code!r}") from None


@dataclass(frozen=True)
class IdCheck:
    """A checked document number and what it tells about its holder.

    ``warnings`` are already translated; they point at something worth a second look (an area
    code no longer in use) without blocking the save, because such numbers are real.
    """

    number: str
    birth_date: date | None
    gender: str | None
    warnings: tuple[str, ...]


def check_id_number(raw: str, *, id_type: str = "ric", today: date | None = None) -> IdCheck:
    """Check a document number; for 18-character numbers derive the birth date and gender."""
    if id_type not in ID_TYPE_CODES:
        raise ValueError(f"unknown ID type {id_type!r}")
    number = _compact_id(raw)
    if not number:
        return IdCheck("", None, None, ())
    today = today or date.today()
    if id_type == "ric":
        return _check_ric(number, today=today)
    if id_type == "hmt_residence":
        return _check_hmt_residence(number, today=today)
    if id_type == "foreign_prc":
        return _check_foreign_prc(number, today=today)
    if id_type == "hk_macau_pass":
        if not _HK_MACAU_PASS_RE.match(number):
            raise _id_error(
                translate(
                    "Validation",
                    "A travel permit for Hong Kong and Macau residents has H or M followed by "
                    "8 digits (sometimes 10).",
                )
            )
    elif id_type == "taiwan_pass":
        if not _TAIWAN_PASS_RE.match(number):
            raise _id_error(
                translate("Validation", "A travel permit for Taiwan residents has 8 digits.")
            )
    elif not _PASSPORT_RE.match(number):
        raise _id_error(
            translate("Validation", "A passport number has 5 to 20 letters and digits.")
        )
    return IdCheck(number, None, None, ())


def _compact_id(raw: str) -> str:
    """Full-width forms to ASCII, no spaces or dashes, upper case: what the card actually says."""
    text = unicodedata.normalize("NFKC", raw or "")
    return _ID_NOISE_RE.sub("", text).upper()


def _id_error(message: str) -> ValidationError:
    return ValidationError(message, field="id_number")


def _check_ric(number: str, *, today: date) -> IdCheck:
    if len(number) == 15 and number.isdigit():
        raise _id_error(
            translate(
                "Validation",
                "This is an old 15-digit ID number. Please enter the 18-digit number from the "
                "current ID card.",
            )
        )
    if len(number) != 18:
        raise _id_error(
            translate("Validation", "An ID number has 18 characters; this one has {count}.").format(
                count=len(number)
            )
        )
    birth_date, gender = _check_18(number, today=today)
    warnings: list[str] = []
    if number[:2] in {"81", "82", "83"}:
        warnings.append(
            translate(
                "Validation",
                "Numbers starting with 81, 82 or 83 belong to residence permits for Hong Kong, "
                "Macau and Taiwan residents; please check the document type.",
            )
        )
    elif not _address_code_known(number[:6]):
        warnings.append(
            translate(
                "Validation",
                "The first six digits ({code}) are not a known area code. Old codes are still "
                "valid, but please compare the number with the card.",
            ).format(code=number[:6])
        )
    return IdCheck(number, birth_date, gender, tuple(warnings))


def _check_hmt_residence(number: str, *, today: date) -> IdCheck:
    if len(number) != 18:
        raise _id_error(
            translate(
                "Validation", "A residence permit number has 18 characters; this one has {count}."
            ).format(count=len(number))
        )
    if number[:2] not in {"81", "82", "83"}:
        raise _id_error(
            translate(
                "Validation",
                "A residence permit number for Hong Kong, Macau or Taiwan residents starts with "
                "81, 82 or 83.",
            )
        )
    birth_date, gender = _check_18(number, today=today)
    return IdCheck(number, birth_date, gender, ())


def _check_foreign_prc(number: str, *, today: date) -> IdCheck:
    if _FOREIGN_OLD_RE.match(number):
        return IdCheck(number, None, None, ())
    if len(number) != 18 or not number.startswith("9"):
        raise _id_error(
            translate(
                "Validation",
                "A foreign permanent resident ID number has either 3 letters and 12 digits (old "
                "card) or 18 characters starting with 9 (card issued since 2023).",
            )
        )
    birth_date, gender = _check_18(number, today=today)
    return IdCheck(number, birth_date, gender, ())


def _check_18(number: str, *, today: date) -> tuple[date, str]:
    """The checks shared by every 18-character number built like the resident ID (GB 11643)."""
    if not _RIC_FORMAT_RE.match(number):
        raise _id_error(
            translate(
                "Validation",
                "The first 17 characters must be digits and the last one a digit or X.",
            )
        )
    from stdnum.cn import ric  # imported when an ID number is first checked: not at start-up

    if ric.calc_check_digit(number) != number[-1]:
        raise _id_error(
            translate(
                "Validation",
                "The check character is wrong: this ID number has a typing mistake.",
            )
        )
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise _id_error(
            translate(
                "Validation",
                "Characters 7 to 14 should be the birth date, but {value} is not a real date.",
            ).format(value=number[6:14])
        ) from None
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        raise _id_error(
            translate(
                "Validation", "The birth date in this number ({date}) is before 1900."
            ).format(date=birth_date.isoformat())
        )
    if birth_date > today:
        raise _id_error(
            translate(
                "Validation", "The birth date in this number ({date}) is in the future."
            ).format(date=birth_date.isoformat())
        )
    gender = "M" if int(number[16]) % 2 else "F"
    return birth_date, gender


def _address_code_known(code: str) -> bool:
    """Whether stdnum lists the area code at all, whatever years it was in use.

    stdnum's own ``get_birth_place`` also rejects a code that was not in use in the birth year,
    but the code is where the card was first issued, not where the person was born, so that test
    fails real numbers.
    """
    from stdnum import numdb

    return any("county" in props for _part, props in numdb.get("cn/loc").info(code))


def normalize_phone(raw: str) -> str:
    """A mobile as 11 digits, a landline as ``010-12345678`` (``-123`` for an extension)."""
    text = unicodedata.normalize("NFKC", raw or "").strip().lower()
    if not text:
        return ""
    extension = ""
    match = _EXTENSION_RE.match(text)
    if match:
        text, extension = match["main"], match["ext"]
    normalized = _parse_phone(text, extension)
    if normalized is None and not extension:
        match = _DASH_EXTENSION_RE.match(text)
        if match:
            normalized = _parse_phone(match["main"], match["ext"])
    if normalized is not None:
        return normalized
    compact = _PHONE_NOISE_RE.sub("", text)
    bad = next((ch for ch in compact.lstrip("+") if ch not in "0123456789"), None)
    if bad is not None:
        raise ValidationError(
            translate("Validation", 'A phone number cannot contain "{char}".').format(
                char=_printable(bad)
            ),
            field="phone",
        )
    raise ValidationError(
        translate(
            "Validation",
            "This number has {count} digits. A mobile number has 11 digits starting with 1; a "
            "landline looks like 010-12345678.",
        ).format(count=len(compact.lstrip("+"))),
        field="phone",
    )


def _parse_phone(text: str, extension: str) -> str | None:
    compact = _PHONE_NOISE_RE.sub("", text)
    international = bool(_COUNTRY_PREFIX_RE.match(compact))
    digits = _COUNTRY_PREFIX_RE.sub("", compact)
    if not (digits.isascii() and digits.isdigit()):
        return None
    if not international and len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if _MOBILE_RE.match(digits):
        return None if extension else digits
    if international and not digits.startswith("0"):
        digits = "0" + digits  # +86 10 12345678: the trunk 0 is left out when dialled from abroad
    if _BEIJING_LOCAL_RE.match(digits):
        digits = "010" + digits
    for pattern in _LANDLINE_RES:
        match = pattern.match(digits)
        if match:
            number = f"{match[1]}-{match[2]}"
            return f"{number}-{extension}" if extension else number
    return None


def phone_digits(normalized: str) -> str:
    """The digits people search a phone by: the extension is left out, it is not the number."""
    parts = normalized.split("-")
    if len(parts) == 3:
        parts = parts[:2]
    return "".join(ch for ch in "".join(parts) if ch.isdigit())


def spell_name(raw: str) -> str:
    """The one spelling of a name that is stored and compared, without any check: NFC, full-width
    Latin as ASCII, whitespace collapsed and trimmed, and every kind of middle dot (or a "."
    between Chinese characters) as one U+00B7 with no spaces around it, so that 买买提•艾力,
    买买提・艾力 and 买买提 . 艾力 are the same name as 买买提·艾力.

    ``services.people.normalize_name`` is the name the other services use for it."""
    name = _WHITESPACE_RE.sub(
        " ", _fullwidth_ascii(unicodedata.normalize("NFC", raw or ""))
    ).strip()
    name = _CJK_DOT_RE.sub(NAME_DOT, name)
    return _DOT_RUN_RE.sub(NAME_DOT, name)


def normalize_name(raw: str, *, field: str = "name", max_length: int = 50) -> str:
    """A person's name in its one spelling (:func:`spell_name`): letters of any script and the
    separators found in real names."""
    name = spell_name(raw)
    if not name:
        raise ValidationError(translate("Validation", "Please enter a name."), field=field)
    if len(name) > max_length:
        raise ValidationError(
            translate("Validation", "The name is too long: at most {limit} characters.").format(
                limit=max_length
            ),
            field=field,
        )
    for ch in name:
        if ch == " " or ch in NAME_SEPARATORS:
            continue
        if unicodedata.category(ch)[0] not in "LM":
            raise ValidationError(
                translate("Validation", 'The name cannot contain "{char}".').format(
                    char=_printable(ch)
                ),
                field=field,
            )
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        raise ValidationError(
            translate("Validation", "A name must contain letters, not only punctuation."),
            field=field,
        )
    return name


def normalize_text(raw: str, *, field: str, max_length: int, required: bool = False) -> str:
    """Free text such as addresses and notes: anything visible goes, emoji included; control
    characters and direction marks are refused, naming the field."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        if required:
            raise ValidationError(
                translate("Validation", "This field cannot be empty."), field=field
            )
        return ""
    for ch in text:
        if ch in "\n\t":
            continue
        if ch in BIDI_CONTROLS:
            raise ValidationError(
                translate(
                    "Validation",
                    "The text contains an invisible direction mark ({code}) that changes the "
                    "order it is shown in; please delete it and type the text again.",
                ).format(code=f"U+{ord(ch):04X}"),
                field=field,
            )
        if unicodedata.category(ch) in {"Cc", "Cs"}:
            raise ValidationError(
                translate(
                    "Validation",
                    "The text contains an invisible control character ({code}); please delete "
                    "it and type the text again.",
                ).format(code=f"U+{ord(ch):04X}"),
                field=field,
            )
    if len(text) > max_length:
        raise ValidationError(
            translate("Validation", "Too long: at most {limit} characters.").format(
                limit=max_length
            ),
            field=field,
        )
    return text


def clean_text(
    value: str, name: str, errors: dict[str, str], *, limit: int, required: bool = False
) -> str:
    """Free text as ``normalize_text`` cleans it; a problem goes into ``errors`` under ``name``
    (and the text is then empty), so a form collects every field's problem before raising."""
    try:
        return normalize_text(value, field=name, max_length=limit, required=required)
    except ValidationError as exc:
        errors[name] = exc.message
        return ""


def normalize_texts(
    data: object,
    fields: tuple[tuple[str, int, bool], ...],
    *,
    values: dict[str, object],
    errors: dict[str, str],
) -> None:
    """The text fields of a form, each ``(name, longest, required)``: the clean text goes into
    ``values`` and a field's problem into ``errors``, both under the field's name."""
    for name, limit, required in fields:
        try:
            values[name] = normalize_text(
                getattr(data, name), field=name, max_length=limit, required=required
            )
        except ValidationError as exc:
            errors[name] = exc.message


def normalize_card_number(raw: str) -> str:
    """A 京卡 number: 16 to 19 digits whose last digit is the Luhn check digit of the rest."""
    number = _ID_NOISE_RE.sub("", unicodedata.normalize("NFKC", raw or ""))
    if not number:
        return ""
    if not number.isdigit() or not number.isascii():
        raise ValidationError(
            translate("Validation", "A card number has digits only."), field="member_card"
        )
    if not 16 <= len(number) <= 19:
        raise ValidationError(
            translate(
                "Validation", "A card number has 16 to 19 digits; this one has {count}."
            ).format(count=len(number)),
            field="member_card",
        )
    from stdnum import luhn

    if not luhn.is_valid(number):
        raise ValidationError(
            translate(
                "Validation",
                "The last digit of the card number does not match the others: there is a typing "
                "mistake.",
            ),
            field="member_card",
        )
    return number


def _fullwidth_ascii(text: str) -> str:
    """Full-width Latin letters and punctuation to ASCII, leaving every other character alone."""
    return "".join(
        chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E else " " if ch == "\u3000" else ch
        for ch in text
    )


def _printable(ch: str) -> str:
    """The character itself, or its code point when it would be invisible in a message."""
    if unicodedata.category(ch)[0] in "CZ":
        return f"U+{ord(ch):04X}"
    return ch


def clean_texts(
    data: object, fields: tuple[tuple[str, int, bool], ...]
) -> tuple[dict[str, object], dict[str, str]]:
    """A form's checking begun: its text fields cleaned as ``normalize_texts`` does, into a new
    ``values`` and ``errors`` that the form's other checks go on filling."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    normalize_texts(data, fields, values=values, errors=errors)
    return values, errors


def no_longer_on_file(model: type[peewee.Model], record_id: int | None) -> bool:
    """A record chosen on a form (``record_id``; None: nothing chosen) that has gone since."""
    return (
        record_id is not None
        and not model.select().where(model._meta.primary_key == record_id).exists()
    )
