"""Pinyin of Chinese names as they are read: search keys (张三 by "zs" and "zhangsan") and a sort key.

A surname is read as a surname: 曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou, 查 zha, 朴 piao … and a
compound surname (欧阳, 司马, 尉迟 yuchi …) as one. The given name is read by pypinyin.

The sort key orders names by surname, then given name, character by character: each character
contributes its syllable, a space, then the character itself, so 陈 (chen) names all come before
程 (cheng) names, and 贾 (jia) before 江/蒋/姜 (jiang). A character without a known reading (𠇔)
adds nothing to the search keys (it is no initial) and sorts after the letters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Container

from unionoffice.domain.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
NO_READING = "~"  # sorts after every letter


def _other(chars: str) -> list[str]:
    """What stands for characters pypinyin has no reading for: letters and digits as themselves."""
    return [c.lower() if c.isascii() and c.isalnum() else "" for c in chars]


@lru_cache(maxsize=32768)  # given names repeat far more than whole names
def _read(text: str) -> tuple[str, ...]:
    """One syllable per character of ``text`` ("" for a character without a reading).

    What ``lazy_pinyin(text)`` gives, at a fraction of its cost: the text is cut into words as
    pypinyin cuts it (``_words``), and each distinct word is read by pypinyin once (given names
    repeat their characters and words far more than whole names repeat)."""
    if not text:
        return ()
    syllables: list[str] = []
    for word in _words(text):
        syllables += _read_word(word)
    if len(syllables) != len(text):  # not one per character: read them one by one
        syllables = [(_read_word(c) or ("",))[0] for c in text]
    return tuple(syllables)


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Any, Any, Container[str], Any, Any]:
    """pypinyin, imported at its first use (its dictionaries take 0.4 s to load): lazy_pinyin, the
    phrases, every beginning of a phrase (its segmenter's own prefix set, built when pypinyin is
    imported, or the same set built here), its pattern of all-Chinese text and Style.NORMAL."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, RE_HANS
    from pypinyin.seg import mmseg

    built = getattr(mmseg.p_set, "_set", None)
    prefixes = built if isinstance(built, set) else frozenset(
        phrase[:end] for phrase in PHRASES_DICT for end in range(1, len(phrase) + 1))
    return lazy_pinyin, PHRASES_DICT, prefixes, RE_HANS, Style.NORMAL


def read_word_with_pypinyin(word: str) -> tuple[str, ...]:
    """pypinyin's reading of one word as cut by ``_words`` (lower case, "" where none)."""
    lazy_pinyin, _phrases, _prefixes, _hans, normal = _pypinyin()
    return tuple(s.lower() if s.isascii() else "" for s in lazy_pinyin([word], style=normal, errors=_other))


@lru_cache(maxsize=1)
def _segmenter() -> tuple[Any, Container[str], Container[str], dict[str, Any], dict[str, tuple[str, ...]]]:
    """(pattern of all-Chinese text, phrases, beginnings of phrases, words' readings, characters'
    readings): from the readings saved at install (domain/pinyin_table.py), else from pypinyin
    (then both readings are empty and every word is read through it)."""
    from unionoffice.domain.pinyin_table import load

    table = load()
    if table is None:
        _lazy, phrases, prefixes, hans, _normal = _pypinyin()
        return hans, phrases, prefixes, {}, {}
    phrases = {word for word, reading in table.words.items() if reading is not None}
    return re.compile(table.hans), phrases, table.words, table.words, table.chars


@lru_cache(maxsize=65536)
def _read_word(word: str) -> tuple[str, ...]:
    """The reading of one word as cut by ``_words``: pypinyin's, as saved, or through pypinyin."""
    _hans, _phrases, _prefixes, words, chars = _segmenter()
    reading = words.get(word)
    if reading is None:
        reading = chars.get(word)
    return reading if reading is not None else read_word_with_pypinyin(word)


def _words(text: str) -> list[str]:
    """The words pypinyin cuts ``text`` into (``pypinyin.seg.simpleseg.seg``): runs of
    non-Chinese characters whole, Chinese runs by forward maximum matching on its phrases."""
    han = _segmenter()[0]
    if han.match(text):  # all Chinese (most names): one run
        return _cut(text)
    words: list[str] = []
    han_run = ""
    other_run = ""
    for char in text:
        if han.match(char):
            if other_run:
                words.append(other_run)
                other_run = ""
            han_run += char
        else:
            if han_run:
                words += _cut(han_run)
                han_run = ""
            other_run += char
    if han_run:
        words += _cut(han_run)
    if other_run:
        words.append(other_run)
    return words


def _cut(text: str) -> list[str]:
    """``pypinyin.seg.mmseg.seg.cut`` (no_non_phrases): the longest phrase at each place, else one
    character; when the rest of the text is all a phrase's beginning and holds no phrase, its
    characters one by one."""
    _hans, phrases, prefixes, _readings, _chars = _segmenter()
    words: list[str] = []
    remain = text
    while remain:
        valid = 0
        for end in range(1, len(remain) + 1):
            word = remain[:end]
            if word not in prefixes:
                break
            if word in phrases:
                valid = end
        else:  # the whole rest is a phrase's beginning
            if valid:
                words.append(remain[:valid])
                remain = remain[valid:]
                continue
            words.extend(remain)
            break
        if valid:
            words.append(remain[:valid])
            remain = remain[valid:]
        else:
            words.append(remain[0])
            remain = remain[1:]
    return words


@lru_cache(maxsize=8192)  # each distinct word is remembered in _read_word: this keeps repeats only
def name_syllables(name: str) -> tuple[tuple[str, str], ...]:
    """(character, syllable) for each character of the name, spaces left out."""
    chars = "".join(name.split())
    if chars[:2] in COMPOUND_SURNAMES:
        surname, syllables = chars[:2], list(COMPOUND_SURNAMES[chars[:2]])
    elif chars[:1] in SURNAME_READINGS:
        surname, syllables = chars[:1], [SURNAME_READINGS[chars[:1]]]
    else:
        surname, syllables = "", []
    syllables += _read(chars[len(surname):])  # list += tuple extends the list
    return tuple(zip(chars, syllables))


def search_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower case, without spaces or tones."""
    return _search_keys_of(name_syllables(name))


def sort_key(name: str) -> str:
    """The key that orders names by surname, then given name, character by character."""
    return _sort_key_of(name_syllables(name))


def _search_keys_of(pairs: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    syllables = [s for _c, s in pairs if s]
    return "".join([s[0] for s in syllables]), "".join(syllables)


def _sort_key_of(pairs: tuple[tuple[str, str], ...]) -> str:
    return "".join([f"{syllable or NO_READING} {char}," for char, syllable in pairs])


NAME_COLUMNS = ("pinyin_initials", "pinyin_full", "name_sort_key")


def name_column_values(name: str) -> tuple[str, str, str]:
    """pinyin_initials, pinyin_full and name_sort_key of a name, worked out here (``search_keys``
    and ``sort_key`` from one reading: an import works these out for every member)."""
    pairs = name_syllables(name)
    return (*_search_keys_of(pairs), _sort_key_of(pairs))


def name_columns(name: str) -> dict[str, str]:
    """What a member row stores for its name: pinyin_initials, pinyin_full and name_sort_key."""
    return dict(zip(NAME_COLUMNS, name_column_values(name)))
