"""The migration steps' frozen copies of the search-key functions give what the services give
today. When a service's keys change on purpose this fails: the registers upgraded by the old
steps then hold the old keys, and a new step must rewrite them with a copy of its own (the old
steps keep theirs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationapp.migrations import frozen_keys
from stationapp.services import search_keys
from stationapp.services.people import normalize_name, person_search_keys

NAMES = [
    "张三",
    "单雄信",
    "欧阳修",
    "长孙无忌",
    "宗政华",
    "乐嘉",
    "曾国藩",
    "银行",
    "买买提•艾力",
    "买买提・艾力",
    "买买提 . 艾力",
    "阿不都·热合曼",
    "张 三",
    "Mary-Jane O'Neil",
    "J. K. Rowling",
    "José",
    "ＡＢＣ　李四",
    "〇一",
    "𠀀𠀁",
    "",
    "   ",
    "王" * 40,
    "重重重重重重",
]
PHONES = ["", "13800138000", "010-62345678", "0512-6234567-123", "8888"]
PHRASES = ["京卡·互助", "职工医疗互助保障", "法律援助（咨询）", "Union card", ""]

# Names in the scripts the desk meets, with the dots and spaces that arrive in them.
names = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(["·", "•", "・", "．", ".", " ", "-", "'", "\u3000", "单", "欧阳", "长孙"]),
        st.characters(codec="utf-8"),
    ),
    max_size=12,
).map("".join)


def _same_keys(name: str, phone: str = "", id_number: str = "", card: str = "") -> None:
    given_ = {"name": name, "phone": phone, "id_number": id_number, "member_card": card}
    assert frozen_keys.person_search_keys(**given_) == person_search_keys(**given_)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("phone", PHONES)
def test_person_keys_are_the_services(name: str, phone: str) -> None:
    _same_keys(name, phone, "11010519491231002X", "JK 2024-0001")


@pytest.mark.parametrize("name", NAMES)
def test_spelling_and_pinyin_are_the_services(name: str) -> None:
    assert frozen_keys.normalize_name(name) == normalize_name(name)
    assert frozen_keys.display_pinyin(name) == search_keys.display_pinyin(name)


@pytest.mark.parametrize("text", NAMES + PHRASES)
def test_phrase_search_text_is_the_services(text: str) -> None:
    assert frozen_keys.phrase_search_text(text) == search_keys.phrase_search_text(text)


def test_the_surname_table_is_the_seed_file() -> None:
    assert frozen_keys._surname_table() == search_keys._surname_table()


@given(names, st.text(alphabet="0123456789-", max_size=20), st.text(max_size=20))
def test_any_text_gives_the_services_keys(name: str, phone: str, other: str) -> None:
    _same_keys(name, phone, other, other)
    spelled = normalize_name(name)
    assert frozen_keys.normalize_name(name) == spelled
    assert frozen_keys.display_pinyin(spelled) == search_keys.display_pinyin(spelled)
    assert frozen_keys.phrase_search_text(name) == search_keys.phrase_search_text(name)
