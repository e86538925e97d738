"""Search keys for Chinese names: 张三 is found by "zs" and by "zhangsan"."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=8192)
def _syllables(character: str) -> str:
    return lazy_pinyin(character, style=Style.NORMAL, errors="default")[0].lower()


def search_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower case, without spaces or tones."""
    syllables = [_syllables(ch) for ch in name if not ch.isspace()]
    initials = "".join(s[0] for s in syllables if s)
    return initials, "".join(syllables)
