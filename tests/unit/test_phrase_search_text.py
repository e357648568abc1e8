"""phrase_search_text reads each word once and keeps it (issue #22): its result is exactly what
pypinyin's lazy_pinyin gives for the whole text in the NORMAL and FIRST_LETTER styles."""

from __future__ import annotations

import random

import pypinyin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stationapp.services.search_keys import (
    _NOT_ALNUM_RE,
    _word_pinyin,
    normalize_query,
    phrase_search_text,
)

SAMPLES = [
    "",
    " ",
    "京卡·互助",
    "银行行长长大了",
    "重庆重新出发",
    "平凡的世界",
    "（劳动法）实务第3版",
    "IT工程师手册",
    "Mary-Jane O'Neil",
    "abc中国def123人民",
    "〇一二三",
    "𠀀𠀁abc",
    "嗯呣欸",
    "绿色女性律师",
    "ＡＢＣ全角１２３",
    "ΑΣ ΣΑΣ",
    "工会工作手册、职工读物；朝花夕拾",
    "长孙无忌 单雄信 尉迟恭",
]


def reference(text: str) -> str:
    """The earlier implementation: two passes of lazy_pinyin over the whole text."""
    syllables = pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL)
    initials = pypinyin.lazy_pinyin(text, style=pypinyin.Style.FIRST_LETTER)
    return " ".join(
        [
            normalize_query(text),
            _NOT_ALNUM_RE.sub("", "".join(syllables).lower()),
            _NOT_ALNUM_RE.sub("", "".join(initials).lower()),
        ]
    )


@pytest.mark.parametrize("text", SAMPLES)
def test_the_same_as_lazy_pinyin_on_the_whole_text(text: str) -> None:
    assert phrase_search_text(text) == reference(text)


def test_a_phrase_keeps_its_reading_in_context() -> None:
    assert phrase_search_text("银行") == "银行 yinhang yh"
    assert phrase_search_text("行走") == "行走 xingzou xz"
    assert phrase_search_text("京卡·互助").endswith(" jingkahuzhu jkhz")


def test_random_mixtures_of_characters() -> None:
    rng = random.Random(22)
    pool = "".join(SAMPLES) + "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要"
    for _ in range(400):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 30)))
        assert phrase_search_text(text) == reference(text), text


def test_every_character_of_the_common_block() -> None:
    for code in range(0x4E00, 0x9FFF, 7):
        assert phrase_search_text(chr(code)) == reference(chr(code))


def test_words_are_kept() -> None:
    _word_pinyin.cache_clear()
    phrase_search_text("平凡的世界")
    phrase_search_text("平凡的世界")
    info = _word_pinyin.cache_info()
    assert info.hits >= 1 and info.misses >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text(text: str) -> None:
    assert phrase_search_text(text) == reference(text)
