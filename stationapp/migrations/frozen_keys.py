"""Frozen copies of the service functions the migration steps compute search keys with.

m0002 (the register's search keys), m0003 (the service catalogue's search text) and m0010 (one
spelling of the name dot) write what these give. They are the services' functions as they were
at schema version 14 (``services/people`` ``normalize_name`` and ``person_search_keys``,
``services/search_keys`` ``name_keys``, ``digit_keys``, ``display_pinyin``, ``phrase_search_text``,
``services/validation`` ``spell_name`` and ``phone_digits``), the surname table
(``resources/seed/surnames.tsv``) included, so that changing a service never changes what an old
step does. Never edit them: when the services' keys change, a new step rewrites the keys with a
copy of its own (``tests/unit/test_frozen_keys.py`` fails until then). Only pypinyin, a library,
is not frozen.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from itertools import groupby


def _pypinyin():  # type: ignore[no-untyped-def]
    import pypinyin

    return pypinyin


# --- services/validation.py ---------------------------------------------------------------------

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


def _fullwidth_ascii(text: str) -> str:
    """Full-width Latin letters and punctuation to ASCII, leaving every other character alone."""
    return "".join(
        chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E else " " if ch == "\u3000" else ch
        for ch in text
    )


# --- services/search_keys.py --------------------------------------------------------------------

MAX_KEY_LENGTH = 64
# Control characters (a scanner's NUL or group separator) are noise too: no key holds one, and
# PostgreSQL cannot even be asked about a NUL.
_QUERY_NOISE_RE = re.compile(
    r"[\s\x00-\x1f\x7f" + re.escape("".join(sorted(NAME_SEPARATORS))) + "]+"
)
# Apostrophes stay inside a word: O'Neil is one word.
_WORD_SPLIT_RE = re.compile(rf"[\s{_DOTS}.\-]+")
# A space in a Chinese name is a typing habit (张 三), a dot marks a transliterated name.
_HAN_PART_SPLIT_RE = re.compile(rf"[{_DOTS}.\-]+")
_SYLLABLE_RE = re.compile(r"^[a-z]+$")
_NOT_ALNUM_RE = re.compile(r"[^0-9a-z]")
Reading = tuple[str, ...]


def normalize_query(text: str) -> str:
    """Full-width to half-width, lower case, no spaces or name separators: the form keys use."""
    return _QUERY_NOISE_RE.sub("", unicodedata.normalize("NFKC", text or "").lower())


def name_keys(name: str, *, limit: int = 16) -> set[str]:
    """Every key a person is found under by name.

    ``limit`` caps the combinations of readings of polyphonic characters per name (and again per
    given name, and per way of splitting off a compound surname), the most likely readings first,
    so a long name cannot explode the index.
    """
    whole = normalize_query(name)
    if not whole:
        return set()
    if not any(_is_han(ch) for ch in whole):
        return _latin_keys(name)
    keys = {whole}
    parts = _HAN_PART_SPLIT_RE.split(unicodedata.normalize("NFKC", name))
    parts = [normalize_query(part) for part in parts]
    parts = [part for part in parts if part]
    if len(parts) > 1:
        # 阿不都·热合曼: a transliterated name has no Chinese surname; each part is searched alone.
        keys |= _pinyin_keys([], whole, limit=limit)
        for part in parts:
            keys.add(part)
            keys |= _pinyin_keys([], part, limit=limit)
        return _clean(keys)
    table = _surname_table()
    surnames: list[str] = []
    if len(whole) > 2 and whole[:2] in table:
        surnames.append(whole[:2])
    if _is_han(whole[0]):
        # A compound surname can also be an ordinary surname followed by the given name
        # (宗政华 may be 宗 + 政华), so both splits are indexed.
        surnames.append(whole[0])
    for surname in surnames:
        given = whole[len(surname) :]
        keys |= _pinyin_keys(_surname_readings(surname), given, limit=limit)
        if given:
            keys.add(given)
            keys |= _pinyin_keys([], given, limit=limit)
    if not surnames:
        keys |= _pinyin_keys([], whole, limit=limit)
    return _clean(keys)


def display_pinyin(name: str) -> str:
    """The name's usual reading, syllables separated ("shan xiong xin"), surname from the table."""
    whole = normalize_query(name)
    if not whole or not any(_is_han(ch) for ch in whole):
        return name.strip()
    table = _surname_table()
    surname = whole[:2] if len(whole) > 2 and whole[:2] in table else whole[:1]
    syllables: list[str] = []
    if _is_han(surname[0]):
        syllables.extend(_surname_readings(surname)[0])
        rest = whole[len(surname) :]
    else:
        rest = whole
    py = _pypinyin()
    syllables.extend(s for s in py.lazy_pinyin(rest, style=py.Style.NORMAL) if s)
    return " ".join(syllables)


def phrase_search_text(text: str) -> str:
    """Text, its full pinyin and its initials in one string, for a LIKE over short lists
    (workplaces, the service catalogue)."""
    py = _pypinyin()
    syllables = py.lazy_pinyin(text, style=py.Style.NORMAL)
    initials = py.lazy_pinyin(text, style=py.Style.FIRST_LETTER)
    # Punctuation (·、（）) would sit between the letters and break "jkhz" for 京卡·互助.
    return " ".join(
        [
            normalize_query(text),
            _NOT_ALNUM_RE.sub("", "".join(syllables).lower()),
            _NOT_ALNUM_RE.sub("", "".join(initials).lower()),
        ]
    )


def digit_keys(digits: str, *, tail: int = 4) -> set[str]:
    """The whole number and its last ``tail`` characters (an ID's check character stays as x)."""
    value = normalize_query(digits)
    if not value:
        return set()
    keys = {value}
    if len(value) > tail:
        keys.add(value[-tail:])
    return _clean(keys)


def _latin_keys(name: str) -> set[str]:
    """Mary-Jane O'Neil: the whole name run together, and each word (o'neil as oneil)."""
    keys = {normalize_query(name)}
    keys.update(
        normalize_query(word) for word in _WORD_SPLIT_RE.split(unicodedata.normalize("NFKC", name))
    )
    # José is also typed as jose.
    keys.update(_strip_accents(key) for key in list(keys))
    return _clean(keys)


def _pinyin_keys(surname: Sequence[Reading], rest: str, *, limit: int) -> set[str]:
    """Full pinyin and initials for each of the most likely readings of surname + rest.

    ``surname`` holds the readings the surname table gives (empty when there is none); every
    other character gets its context reading first and then its other readings.
    """
    options: list[Sequence[Reading]] = [surname] if surname else []
    options.extend(_character_readings(rest))
    keys: set[str] = set()
    for combination in _best_combinations(options, limit=limit):
        syllables = [syllable for reading in combination for syllable in reading]
        keys.add("".join(syllables))
        keys.add("".join(syllable[0] for syllable in syllables))
    return keys


def _character_readings(text: str) -> list[list[Reading]]:
    """Per character, every toneless reading with the one pypinyin picks in context first.

    Readings come one character at a time because ``pinyin(..., heteronym=True)`` on a whole
    string returns only the phrase reading when the string matches a phrase (长孙 gives zhang).
    """
    defaults = _context_readings(text)
    readings: list[list[Reading]] = []
    for ch, default in zip(text, defaults, strict=True):
        choices = [default] if default else []
        if _is_han(ch):
            py = _pypinyin()
            for candidate in py.pinyin(ch, style=py.Style.NORMAL, heteronym=True)[0]:
                syllable = _syllable(candidate)
                if syllable and syllable not in choices:
                    choices.append(syllable)
        readings.append([(choice,) for choice in choices] or [(ch,)])
    return readings


def _context_readings(text: str) -> list[str | None]:
    """pypinyin's reading of each character in its context (银行: yin hang), or None."""
    result: list[str | None] = [None] * len(text)
    start = 0
    for is_han, group in groupby(text, key=_is_han):
        run = "".join(group)
        if is_han:
            py = _pypinyin()
            syllables = py.lazy_pinyin(
                run, style=py.Style.NORMAL, errors=lambda chars: [""] * len(chars)
            )
            if len(syllables) == len(run):
                result[start : start + len(run)] = [_syllable(s) for s in syllables]
        start += len(run)
    return result


def _syllable(text: str) -> str | None:
    text = text.lower().replace("ü", "v")
    return text if _SYLLABLE_RE.match(text) else None


def _best_combinations(options: Sequence[Sequence[Reading]], *, limit: int) -> list[Reading]:
    """Up to ``limit`` combinations, fewest departures from the first reading first.

    A best-first walk instead of ``itertools.product`` so that a long name of polyphonic
    characters costs ``limit`` steps rather than the whole product.
    """
    if not options or limit < 1:
        return []
    start = (0,) * len(options)
    heap: list[tuple[int, tuple[int, ...]]] = [(0, start)]
    seen = {start}
    found: list[Reading] = []
    while heap and len(found) < limit:
        cost, indexes = heapq.heappop(heap)
        found.append(tuple(options[i][j] for i, j in enumerate(indexes)))
        for i, j in enumerate(indexes):
            if j + 1 < len(options[i]):
                following = (*indexes[:i], j + 1, *indexes[i + 1 :])
                if following not in seen:
                    seen.add(following)
                    heapq.heappush(heap, (cost + 1, following))
    return found


def _surname_readings(surname: str) -> list[Reading]:
    """The table's readings, else pypinyin's usual reading alone.

    The table lists every surname whose reading differs from the usual one, so the other readings
    pypinyin knows (王 as yu) would only add keys nobody types.
    """
    table = _surname_table()
    if surname in table:
        return list(table[surname])
    return [choices[0] for choices in _character_readings(surname)]


@cache
def _surname_table() -> dict[str, tuple[Reading, ...]]:
    """Readings of surnames that come out wrong when read as ordinary words, compounds included."""
    table: dict[str, tuple[Reading, ...]] = {}
    for number, line in enumerate(_SURNAMES.split(), start=1):
        surname, _, readings_text = line.partition(":")
        readings_text = readings_text.replace("_", " ")
        readings = tuple(tuple(reading.split()) for reading in readings_text.split("|"))
        if not all(
            len(reading) == len(surname) and all(_SYLLABLE_RE.match(s) for s in reading)
            for reading in readings
        ):
            raise ValueError(f"surname {number}: bad reading {line!r}")
        table[surname] = readings
    return table


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3007
    )


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(keys: set[str]) -> set[str]:
    return {key[:MAX_KEY_LENGTH] for key in keys if key}


# --- services/people/keys.py --------------------------------------------------------------------


def normalize_name(text: str) -> str:
    """A person's name as it is stored and matched: 买买提•艾力, 买买提・艾力 and 买买提 . 艾力 are
    all 买买提·艾力 (U+00B7, the 间隔号 of the ID card), whitespace tidied. Anything that compares
    a typed name with the register goes through this (or through the service calls that do)."""
    return spell_name(text)


def person_search_keys(
    *, name: str, phone: str, id_number: str, member_card: str
) -> dict[str, str]:
    """Every key a person is found under, mapped to its kind (first kind wins)."""
    keys: dict[str, str] = {}
    for key in sorted(name_keys(normalize_name(name))):
        keys.setdefault(key[:64], "name")
    if phone:
        digits = phone_digits(phone)
        for key in sorted(digit_keys(digits)):
            keys.setdefault(key, "phone")
        if "-" in phone:
            # A landline is also said without its area code.
            local = phone_digits(phone.split("-")[1])
            keys.setdefault(local, "phone")
    if id_number:
        for key in sorted(digit_keys(id_number.lower())):
            keys.setdefault(key, "id")
    if member_card:
        for key in sorted(digit_keys(member_card)):
            keys.setdefault(key, "card")
    return keys


# resources/seed/surnames.tsv at version 14: surname:reading, syllables joined by "_",
# readings by "|".
_SURNAMES = """
    单:shan 解:xie 曾:zeng 区:ou 仇:qiu 朴:piao 查:zha 盖:ge|gai 员:yun 乐:yue|le 召:shao 种:chong
    秘:bi 冼:xian 洗:xian 缪:miao 翟:zhai 覃:qin|tan 句:gou 繁:po 宓:mi 蕃:pi 阚:kan 乜:nie 眭:sui
    逄:pang 郇:huan 隗:wei 祭:zhai 谌:chen|shen 能:nai 褚:chu 藏:zang 重:chong 朝:chao 都:du 那:na
    么:yao 参:can 薄:bo 任:ren 华:hua 纪:ji 燕:yan 沈:shen 曲:qu 车:che 贾:jia 柏:bai 石:shi
    相:xiang 尉:wei 蔚:yu|wei 陆:lu 叶:ye 费:fei 盛:sheng 牟:mou|mu 颉:xie 瞿:qu 宿:su 折:she
    佴:nai 术:shu 汤:tang 长:chang 冯:feng 贲:ben 隽:juan 卜:bu 占:zhan 角:jue 广:guang 粘:nian
    厍:she 啜:chuai 调:diao 从:cong 和:he 万:wan 殷:yin 番:pan 莫:mo 欧阳:ou_yang 司马:si_ma
    诸葛:zhu_ge 上官:shang_guan 东方:dong_fang 皇甫:huang_fu 尉迟:yu_chi 公孙:gong_sun
    慕容:mu_rong 长孙:zhang_sun 宇文:yu_wen 司徒:si_tu 司空:si_kong 令狐:ling_hu 夏侯:xia_hou
    澹台:tan_tai 轩辕:xuan_yuan 端木:duan_mu 南宫:nan_gong 西门:xi_men 东门:dong_men 独孤:du_gu
    呼延:hu_yan 赫连:he_lian 万俟:mo_qi 闻人:wen_ren 东郭:dong_guo 申屠:shen_tu 太史:tai_shi
    钟离:zhong_li 淳于:chun_yu 单于:chan_yu 鲜于:xian_yu 公冶:gong_ye 公羊:gong_yang
    公良:gong_liang 公西:gong_xi 濮阳:pu_yang 拓跋:tuo_ba 百里:bai_li 第五:di_wu 宗政:zong_zheng
    仲孙:zhong_sun 乐正:yue_zheng 羊舌:yang_she 微生:wei_sheng 梁丘:liang_qiu 左丘:zuo_qiu
    谷梁:gu_liang 巫马:wu_ma 漆雕:qi_diao 壤驷:rang_si 亓官:qi_guan 司寇:si_kou 子车:zi_ju
    颛孙:zhuan_sun 夹谷:jia_gu 宰父:zai_fu 段干:duan_gan
"""
