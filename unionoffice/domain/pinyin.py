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

from pypinyin import Style, lazy_pinyin

from unionoffice.domain.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
NO_READING = "~"  # sorts after every letter


def _other(chars: str) -> list[str]:
    """What stands for characters pypinyin has no reading for: letters and digits as themselves."""
    return [c.lower() if c.isascii() and c.isalnum() else "" for c in chars]


@lru_cache(maxsize=65536)
def _read(text: str) -> tuple[str, ...]:
    """One syllable per character of ``text`` ("" for a character without a reading).

    Remembered: given names repeat far more than whole names (伟, 芳, 建国 under every surname),
    and pypinyin's segmentation is most of an import's per-member cost."""
    if not text:
        return ()
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=_other)
    if len(syllables) != len(text):  # not one per character: read them one by one
        syllables = [(lazy_pinyin(c, style=Style.NORMAL, errors=_other) or [""])[0] for c in text]
    return tuple(s.lower() if s.isascii() else "" for s in syllables)


@lru_cache(maxsize=65536)
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
    syllables = [s for _c, s in name_syllables(name) if s]
    return "".join(s[0] for s in syllables), "".join(syllables)


def sort_key(name: str) -> str:
    """The key that orders names by surname, then given name, character by character."""
    return "".join(f"{syllable or NO_READING} {char}," for char, syllable in name_syllables(name))


def name_columns(name: str) -> dict[str, str]:
    """What a member row stores for its name: pinyin_initials, pinyin_full and name_sort_key."""
    initials, full = search_keys(name)
    return {"pinyin_initials": initials, "pinyin_full": full, "name_sort_key": sort_key(name)}
