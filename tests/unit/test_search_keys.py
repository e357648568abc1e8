"""Search keys: a returning worker is found by characters, pinyin, initials and number tails."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationapp.services import search_keys
from stationapp.services.search_keys import digit_keys, name_keys, normalize_query

POLYPHONIC = "长行重乐都朝参和差调"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("单雄信", {"单雄信", "雄信", "shanxiongxin", "sxx", "xiongxin", "xx"}),
        ("欧阳修", {"欧阳修", "修", "ouyangxiu", "oyx", "xiu", "x"}),
        ("曾国藩", {"zengguofan", "zgf", "国藩"}),
        ("解缙", {"xiejin", "xj", "缙", "jin"}),
        ("朴槿惠", {"piaojinhui", "pjh"}),
        ("乐嘉", {"yuejia", "lejia", "yj", "lj"}),
        ("吕小明", {"lvxiaoming", "lxm", "xiaoming"}),
        ("尉迟恭", {"yuchigong", "ycg", "恭", "gong"}),
        ("万俟卨", {"moqixie", "mqx"}),
        ("长孙无忌", {"zhangsunwuji", "zswj", "无忌", "wuji"}),
        ("区小明", {"ouxiaoming", "oxm"}),
        ("张 三", {"张三", "zhangsan", "zs", "三", "san"}),
    ],
)
def test_name_keys_include(name: str, expected: set[str]) -> None:
    keys = name_keys(name)
    assert expected <= keys, expected - keys


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("单雄信", {"danxiongxin", "chanxiongxin", "dxx"}),
        ("曾国藩", {"cengguofan", "cgf"}),
        ("解缙", {"jiejin"}),
        ("朴槿惠", {"pujinhui"}),
        ("王小明", {"yuxiaoming"}),
    ],
)
def test_wrong_surname_readings_are_left_out(name: str, wrong: set[str]) -> None:
    assert not wrong & name_keys(name)


def test_transliterated_name_parts_are_searchable() -> None:
    keys = name_keys("阿不都·热合曼")
    assert {"阿不都热合曼", "阿不都", "热合曼", "abudureheman", "reheman", "rhm"} <= keys


def test_latin_names() -> None:
    assert name_keys("Mary-Jane O'Neil") == {"maryjaneoneil", "mary", "jane", "oneil"}
    assert {"josénúñez", "josenunez", "jose", "nunez"} <= name_keys("José Núñez")


def test_empty_name_has_no_keys() -> None:
    assert name_keys("  ") == set()


def test_heteronym_cap_is_respected() -> None:
    name = "王" + POLYPHONIC
    full = set()
    for limit in (1, 3, 8):
        keys = name_keys(name, limit=limit)
        # Full pinyin of the whole name starts with the surname reading; the given name's
        # readings are capped separately.
        full = {key for key in keys if key.startswith("wang")}
        initials = {key for key in keys if key.isascii() and len(key) == len(name)}
        assert len(full) <= limit
        assert len(initials) <= 2 * limit
        assert len(keys) <= 2 + 4 * limit
    assert len(full) > 1  # the cap did not hide every alternative reading


def test_cap_one_gives_the_context_reading() -> None:
    keys = name_keys("王银行", limit=1)
    assert keys == {"王银行", "银行", "wangyinhang", "wyh", "yinhang", "yh"}


def test_long_name_is_fast_and_bounded() -> None:
    keys = name_keys(POLYPHONIC * 5, limit=16)
    assert len(keys) <= 2 + 4 * 16
    assert all(len(key) <= search_keys.MAX_KEY_LENGTH for key in keys)


@given(st.text(max_size=80))
def test_keys_are_clean(name: str) -> None:
    for key in name_keys(name, limit=4):
        assert key
        assert len(key) <= 64
        assert key == key.lower()
        assert not any(ch.isspace() for ch in key)


@given(
    st.text(alphabet=st.sampled_from("张王李单曾乐朴长行重欧阳修小明华"), min_size=1, max_size=8)
)
def test_query_for_a_name_finds_it(name: str) -> None:
    keys = name_keys(name)
    assert normalize_query(name) in keys
    assert normalize_query(" ".join(name)) in keys


def test_normalize_query() -> None:
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in "Zhang")
    assert normalize_query(f" {wide}\u3000San ") == "zhangsan"
    assert normalize_query("Mary-Jane O'Neil") == "maryjaneoneil"
    assert normalize_query("阿不都·热合曼") == "阿不都热合曼"
    assert normalize_query("138 1234-5678") == "13812345678"


def test_digit_keys() -> None:
    assert digit_keys("11010519491231002X") == {"11010519491231002x", "002x"}
    assert digit_keys("13812345678") == {"13812345678", "5678"}
    assert digit_keys("5678") == {"5678"}
    assert digit_keys("12345678", tail=6) == {"12345678", "345678"}
    assert digit_keys("") == set()


def test_surname_table_is_well_formed() -> None:
    table = search_keys._surname_table()
    assert table["单"] == (("shan",),)
    assert table["欧阳"] == (("ou", "yang"),)
    assert table["乐"] == (("yue",), ("le",))
    compounds = [surname for surname in table if len(surname) == 2]
    assert {"欧阳", "司马", "诸葛", "上官", "尉迟", "万俟", "长孙", "第五"} <= set(compounds)
