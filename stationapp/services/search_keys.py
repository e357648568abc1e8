"""The keys a person is found by: name in characters, pinyin, initials, phone and ID tails.

The front desk types whatever the visitor says (张三, zhangsan, zs, the last four digits of a
phone), so every reading people actually use is written as a key when the person is saved, and a
query is normalised the same way with :func:`normalize_query`.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import groupby

from stationapp.config import resource_path
from stationapp.services.validation import NAME_DOT_VARIANTS, NAME_SEPARATORS


def _pypinyin():  # type: ignore[no-untyped-def]
    """pypinyin, imported on first use: its phrase dictionary costs ~0.2 s and tens of MB, so a
    window that only lists records never pays for it (issue #9: no work at start that can wait).
    """
    import pypinyin

    return pypinyin


MAX_KEY_LENGTH = 64

# Control characters (a scanner's NUL or group separator) are noise too: no key holds one, and
# PostgreSQL cannot even be asked about a NUL.
_QUERY_NOISE_RE = re.compile(
    r"[\s\x00-\x1f\x7f" + re.escape("".join(sorted(NAME_SEPARATORS))) + "]+"
)
_DOTS = re.escape("".join(sorted(NAME_DOT_VARIANTS)))
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


# A search key no record has: U+FFFD is what the database layer puts for a NUL, and no key
# holds it (validation refuses it in every stored text).
NO_MATCH = "\ufffd"


def normalize_search(text: str) -> str:
    """What a search box holds, in the form keys use; a NUL anywhere makes it :data:`NO_MATCH`
    (a search with one finds nothing, on either database). A scanned code keeps
    :func:`normalize_query`, where a NUL is a scanner's noise."""
    if "\x00" in (text or ""):
        return NO_MATCH
    return normalize_query(text)


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
    (workplaces, the service catalogue) and the catalogue's titles.

    The same as ``lazy_pinyin(text)`` in the NORMAL and FIRST_LETTER styles: the text is cut
    into words as pypinyin cuts it, and each word's readings are looked up once and kept
    (pypinyin reads a word the same wherever it stands), so a catalogue import spends its time
    on the words it has not seen yet (issue #22)."""
    from pypinyin.constants import RE_HANS
    from pypinyin.seg.simpleseg import seg

    syllables: list[str] = []
    initials: list[str] = []
    for word in seg(text):
        if RE_HANS.match(word):
            normal, first = _word_pinyin(word)
        else:  # no reading: kept as it is, in both styles
            normal = first = word
        syllables.append(normal)
        initials.append(first)
    # Punctuation (·、（）) would sit between the letters and break "jkhz" for 京卡·互助.
    return " ".join(
        [
            normalize_query(text),
            _NOT_ALNUM_RE.sub("", "".join(syllables).lower()),
            _NOT_ALNUM_RE.sub("", "".join(initials).lower()),
        ]
    )


@lru_cache(maxsize=1 << 15)
def _word_pinyin(word: str) -> tuple[str, str]:
    """One word of Chinese characters (as pypinyin's segmenter cut it): its readings run
    together, and their initials."""
    py = _pypinyin()
    return (
        "".join(py.lazy_pinyin([word], style=py.Style.NORMAL)),
        "".join(py.lazy_pinyin([word], style=py.Style.FIRST_LETTER)),
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
    path = resource_path("seed", "surnames.tsv")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        surname, _, readings_text = line.partition("\t")
        readings = tuple(tuple(reading.split()) for reading in readings_text.split("|"))
        if not all(
            len(reading) == len(surname) and all(_SYLLABLE_RE.match(s) for s in reading)
            for reading in readings
        ):
            raise ValueError(f"{path}:{number}: bad surname reading {line!r}")
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
