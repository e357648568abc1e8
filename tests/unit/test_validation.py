"""Input checks for the front desk: ID numbers, phones, names, free text, card numbers."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn, numdb
from stdnum.cn import ric

from stationapp.errors import ValidationError
from stationapp.services.validation import (
    ID_TYPE_CODES,
    NAME_SEPARATORS,
    IdCheck,
    check_id_number,
    id_type_label,
    normalize_card_number,
    normalize_name,
    normalize_phone,
    normalize_text,
    phone_digits,
)

TODAY = date(2025, 6, 1)


def _area_codes() -> list[str]:
    """Every six-digit area code stdnum lists, historical ones included.

    Hong Kong and Macau (81, 82) are left out: those numbers are residence permits.
    """
    codes = []
    for _len, province, _high, _props, counties in numdb.get("cn/loc").prefixes:
        for _clen, county, _chigh, props, _children in counties:
            if "county" in props and province not in {"81", "82"}:
                codes.append(province + county)
    return sorted(codes)


AREA_CODES = _area_codes()


def build_ric(area: str, birth: date, sequence: int) -> str:
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


rics = st.builds(
    build_ric,
    st.sampled_from(AREA_CODES),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


# Resident ID numbers


@given(rics)
def test_valid_ric_passes_and_derives_birth_date_and_gender(number: str) -> None:
    result = check_id_number(number, today=TODAY)
    assert result.number == number
    assert result.birth_date == date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert result.gender == ("M" if int(number[16]) % 2 else "F")
    assert result.warnings == ()


@given(rics, st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_fails(number: str, position: int, delta: int) -> None:
    digit = (int(number[position]) + delta) % 10
    typo = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(ValidationError) as error:
        check_id_number(typo, today=TODAY)
    assert error.value.field == "id_number"


@given(rics, st.data())
def test_formatting_noise_normalises_to_the_same_number(number: str, data: st.DataObject) -> None:
    noisy = ""
    for ch in number:
        if data.draw(st.booleans()):
            ch = chr(ord(ch) + 0xFEE0)  # full-width digit or X
        noisy += ch.lower() + data.draw(st.sampled_from(["", "", " ", "\u3000", "\t"]))
    assert check_id_number(f"  {noisy} ", today=TODAY).number == number


def test_known_number_with_lowercase_x() -> None:
    result = check_id_number("11010519491231002x", today=TODAY)
    assert result == IdCheck("11010519491231002X", date(1949, 12, 31), "F", ())


def test_empty_id_is_allowed() -> None:
    assert check_id_number("  ") == IdCheck("", None, None, ())


@given(st.dates(min_value=TODAY + timedelta(days=1), max_value=date(2099, 12, 31)))
def test_future_birth_date_fails(birth: date) -> None:
    with pytest.raises(ValidationError, match="future"):
        check_id_number(build_ric("110105", birth, 1), today=TODAY)


def test_birth_today_is_accepted() -> None:
    assert check_id_number(build_ric("110105", TODAY, 1), today=TODAY).birth_date == TODAY


def test_birth_before_1900_fails() -> None:
    with pytest.raises(ValidationError, match="1900"):
        check_id_number(build_ric("110105", date(1899, 12, 31), 1), today=TODAY)


def test_impossible_birth_date_fails() -> None:
    body = "11010519490230001"  # 30 February
    with pytest.raises(ValidationError, match="not a real date"):
        check_id_number(body + ric.calc_check_digit(body + "0"), today=TODAY)


def test_wrong_check_character_message() -> None:
    with pytest.raises(ValidationError, match="typing mistake"):
        check_id_number("110105194912310021", today=TODAY)


@pytest.mark.parametrize("number", ["1101051949123100", "1101051949123100211", "12345"])
def test_wrong_length_fails(number: str) -> None:
    with pytest.raises(ValidationError, match="18 characters"):
        check_id_number(number, today=TODAY)


def test_old_15_digit_number_asks_for_18() -> None:
    with pytest.raises(ValidationError, match="18-digit"):
        check_id_number("110105491231002", today=TODAY)


@pytest.mark.parametrize(
    "number", ["11010519491231002A", "1101051949123X0021", "ABCDEFGHIJKLMNOPQR"]
)
def test_bad_format_fails(number: str) -> None:
    with pytest.raises(ValidationError, match="digits"):
        check_id_number(number, today=TODAY)


def test_unknown_area_code_is_only_a_warning() -> None:
    number = build_ric("999999", date(1990, 1, 1), 12)
    result = check_id_number(number, today=TODAY)
    assert result.number == number
    assert len(result.warnings) == 1
    assert "999999" in result.warnings[0]


def test_retired_area_code_passes_without_warning() -> None:
    # 崇文区 was merged into 东城区 in 2010; its numbers are still on valid cards.
    number = build_ric("110103", date(2015, 1, 1), 12)
    assert not ric.is_valid(number)
    assert check_id_number(number, today=TODAY).warnings == ()


def test_hmt_number_as_ric_warns_about_document_type() -> None:
    result = check_id_number(build_ric("810000", date(1990, 1, 1), 12), today=TODAY)
    assert len(result.warnings) == 1


def test_hmt_residence_permit() -> None:
    for area in ("810000", "820000", "830000"):
        number = build_ric(area, date(1990, 5, 6), 13)
        result = check_id_number(number, id_type="hmt_residence", today=TODAY)
        assert (result.birth_date, result.gender) == (date(1990, 5, 6), "M")
    with pytest.raises(ValidationError, match="81, 82 or 83"):
        check_id_number(build_ric("110105", date(1990, 5, 6), 13), id_type="hmt_residence")


def test_foreign_permanent_resident_card() -> None:
    assert check_id_number("usa 310066001 234", id_type="foreign_prc").number == "USA310066001234"
    number = build_ric("911840", date(1985, 3, 4), 22)
    result = check_id_number(number, id_type="foreign_prc", today=TODAY)
    assert (result.birth_date, result.gender) == (date(1985, 3, 4), "F")
    with pytest.raises(ValidationError):
        check_id_number(number[:-1] + ("0" if number[-1] != "0" else "1"), id_type="foreign_prc")
    with pytest.raises(ValidationError):
        check_id_number("US310066001234", id_type="foreign_prc")


@pytest.mark.parametrize(
    ("id_type", "raw", "expected"),
    [
        ("hk_macau_pass", "H12345678", "H12345678"),
        ("hk_macau_pass", "m1234567801", "M1234567801"),
        ("hk_macau_pass", "h 1234 5678", "H12345678"),
        ("taiwan_pass", "1234 5678", "12345678"),
        ("passport", "e12345678", "E12345678"),
        ("passport", "12345", "12345"),
    ],
)
def test_other_documents_pass(id_type: str, raw: str, expected: str) -> None:
    assert check_id_number(raw, id_type=id_type) == IdCheck(expected, None, None, ())


@pytest.mark.parametrize(
    ("id_type", "raw"),
    [
        ("hk_macau_pass", "H1234567"),
        ("hk_macau_pass", "A12345678"),
        ("hk_macau_pass", "H123456789"),
        ("taiwan_pass", "1234567"),
        ("taiwan_pass", "T1234567"),
        ("passport", "E123"),
        ("passport", "E1234567/8"),
        ("passport", "A" * 21),
    ],
)
def test_other_documents_fail(id_type: str, raw: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_id_number(raw, id_type=id_type)
    assert error.value.field == "id_number"


def test_every_id_type_has_a_label() -> None:
    assert ID_TYPE_CODES[0] == "ric"
    assert len({id_type_label(code) for code in ID_TYPE_CODES}) == len(ID_TYPE_CODES)
    with pytest.raises(ValueError):
        id_type_label("driving_licence")


# Phone numbers

mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


@given(mobiles, st.data())
def test_mobile_with_noise_normalises(number: str, data: st.DataObject) -> None:
    prefix = data.draw(st.sampled_from(["", "+86", "+86 ", "0086", "86", "(+86) ", "+86-"]))
    noisy = ""
    for ch in number:
        if data.draw(st.booleans()):
            ch = chr(ord(ch) + 0xFEE0)
        noisy += ch + data.draw(st.sampled_from(["", "", " ", "-", "."]))
    assert normalize_phone(f" {prefix}{noisy} ") == number


@given(st.from_regex(r"\A[0-9]{10}\Z"), st.sampled_from(["", " ", "  "]))
def test_ten_digits_fail(number: str, padding: str) -> None:
    with pytest.raises(ValidationError, match="10 digits") as error:
        normalize_phone(padding + number + padding)
    assert error.value.field == "phone"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-12345678", "010-12345678"),
        ("(010) 8765 4321", "010-87654321"),
        ("01087654321", "010-87654321"),
        ("87654321", "010-87654321"),
        ("021-62345678", "021-62345678"),
        ("0755 2345678", "0755-2345678"),
        ("0755-23456789", "0755-23456789"),
        ("+86 10 8765 4321", "010-87654321"),
        ("010-87654321转8001", "010-87654321-8001"),
        ("010-87654321 ext. 12", "010-87654321-12"),
        ("010-87654321-12", "010-87654321-12"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_landlines(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw", ["12345678901", "1381234567", "138123456789", "0101234567", "abc", "138-1234-567a"]
)
def test_bad_phones_fail(raw: str) -> None:
    with pytest.raises(ValidationError):
        normalize_phone(raw)


def test_bad_character_is_named() -> None:
    with pytest.raises(ValidationError, match='"a"'):
        normalize_phone("138-1234-567a")


def test_phone_digits() -> None:
    assert phone_digits("13812345678") == "13812345678"
    assert phone_digits("010-87654321") == "01087654321"
    assert phone_digits("010-87654321-8001") == "01087654321"


# Names


@pytest.mark.parametrize(
    "name", ["阿不都·热合曼", "Mary-Jane O'Neil", "张三", "José Núñez", "ジョン·スミス", "Анна"]
)
def test_real_names_pass(name: str) -> None:
    assert normalize_name(name) == name


def test_name_dots_become_the_one_dot() -> None:
    """Every middle dot is the 间隔号 U+00B7 (issue #21; tests/unit/test_name_dots.py)."""
    assert normalize_name("ジョン・スミス") == "ジョン·スミス"
    assert normalize_name("阿不都 • 热合曼") == "阿不都·热合曼"


def test_name_whitespace_is_tidied() -> None:
    assert normalize_name("  Mary \u3000 Jane\t ") == "Mary Jane"
    assert normalize_name("".join(chr(ord(ch) + 0xFEE0) for ch in "Mary")) == "Mary"


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("张三😀", "😀"),
        ("Robert'); DROP TABLE person;--", ")"),
        ("李4", "4"),
        ("a=b", "="),
        ("王;五", ";"),
    ],
)
def test_bad_characters_are_named(name: str, bad: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalize_name(name, field="display_name")
    assert f'"{bad}"' in error.value.message
    assert error.value.field == "display_name"


def test_name_required_and_limited() -> None:
    with pytest.raises(ValidationError, match="enter a name"):
        normalize_name("   ")
    with pytest.raises(ValidationError, match="at most 50"):
        normalize_name("a" * 500)
    with pytest.raises(ValidationError, match="letters"):
        normalize_name("·-.")


@given(st.characters(categories=["So", "Sm", "Nd", "Cc", "Ps", "Pe", "Po"]))
def test_symbols_digits_and_controls_fail(ch: str) -> None:
    # \x1c-\x1f count as whitespace in Python and are tidied away; the full-width apostrophe
    # becomes a separator allowed in names, and every kind of middle dot (the bullet and dot
    # operators among them) becomes the 间隔号.
    assume(not ch.isspace() and unicodedata.normalize("NFKC", ch) not in NAME_SEPARATORS)
    with pytest.raises(ValidationError):
        normalize_name(f"王{ch}五")


# Free text


def test_free_text() -> None:
    assert normalize_text("  住址\r\n二层 😀\t ", field="address", max_length=20) == "住址\n二层 😀"
    assert normalize_text("", field="notes", max_length=10) == ""
    with pytest.raises(ValidationError) as error:
        normalize_text(" ", field="notes", max_length=10, required=True)
    assert error.value.field == "notes"
    with pytest.raises(ValidationError, match="at most 10"):
        normalize_text("x" * 11, field="notes", max_length=10)
    with pytest.raises(ValidationError, match="U\\+0007"):
        normalize_text("bell\x07", field="notes", max_length=10)


# Member cards


@given(st.from_regex(r"\A[0-9]{15,18}\Z"))
def test_luhn_valid_cards_pass(body: str) -> None:
    number = body + luhn.calc_check_digit(body)
    spaced = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    assert normalize_card_number(spaced) == number


@given(st.from_regex(r"\A[0-9]{15,18}\Z"))
def test_card_typo_fails(body: str) -> None:
    number = body + str((int(luhn.calc_check_digit(body)) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        normalize_card_number(number)
    assert error.value.field == "member_card"


@pytest.mark.parametrize("raw", ["123456789012345", "12345678901234567890", "6214 abcd"])
def test_bad_card_numbers(raw: str) -> None:
    with pytest.raises(ValidationError):
        normalize_card_number(raw)


def test_empty_card_is_allowed() -> None:
    assert normalize_card_number(" ") == ""


def test_helper_builds_numbers_stdnum_accepts() -> None:
    assert ric.is_valid(build_ric("110105", date(1949, 12, 31), 2))


def test_non_ascii_digits_are_rejected() -> None:
    # Arabic-Indic digits are digits to Python and to \d, but not to anyone at the desk.
    arabic = "".join(chr(0x0660 + int(digit)) for digit in "12345678")
    with pytest.raises(ValidationError):
        normalize_phone("138" + arabic)
    with pytest.raises(ValidationError):
        check_id_number("110105194912310" + arabic[:3])
