"""The fast name reading (words cut as pypinyin cuts them, each distinct word read once) gives
exactly what pypinyin's lazy_pinyin gives for the whole text."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

from unionoffice.domain import pinyin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import roster_files  # noqa: E402


def pypinyin_reading(text: str) -> tuple[str, ...]:
    """The reading as it was computed before: lazy_pinyin of the whole text."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=pinyin._other)
    if len(syllables) != len(text):
        syllables = [(lazy_pinyin(c, style=Style.NORMAL, errors=pinyin._other) or [""])[0] for c in text]
    return tuple(s.lower() if s.isascii() else "" for s in syllables)


def test_the_benchmark_rosters_names_read_as_pypinyin_reads_them():
    names = [m["name"] for m in roster_files.members(3000)]
    assert [pinyin._read(n) for n in names] == [pypinyin_reading(n) for n in names]


def test_texts_built_from_phrases_read_as_pypinyin_reads_them():
    # Pieces of phrases run together: the segmenter's overlaps, beginnings that are no phrase, and
    # the quirk where the rest of the text is all a phrase's beginning.
    rng = random.Random(14)
    phrases = sorted(PHRASES_DICT)
    texts = []
    for _ in range(3000):
        parts = [rng.choice(phrases) for _ in range(rng.randint(1, 3))]
        text = "".join(p[: rng.randint(1, len(p))] for p in parts)
        texts.append(text)
    assert [pinyin._read(t) for t in texts] == [pypinyin_reading(t) for t in texts]


def test_mixed_and_unusual_texts_read_as_pypinyin_reads_them():
    texts = ["王𠇔", "𠇔明", "李A明", "abc", "张三3", "〇一", "长长长", "朝阳区", "重庆人", "Mary王", "王·小明",
             "行长", "银行行长张", "单于", "a b", "阿", "乐乐", "一行行", "和和气气", "曾曾"]
    assert [pinyin._read(t) for t in texts] == [pypinyin_reading(t) for t in texts]
