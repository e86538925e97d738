"""pypinyin's readings of every phrase and character, worked out once and kept in one file.

Importing pypinyin loads its phrase and character dictionaries from JSON and builds its segmenter's
prefix set: 0.4 s, which every roster import paid before it could write a name. What the program
takes from pypinyin (domain/pinyin.py: the reading of each word it cuts a name into, and the
beginnings of phrases its cutting needs) is worked out by pypinyin itself, for every phrase and
every character it knows, when the program is installed (``make``, the bundle:
``python -m unionoffice.domain.pinyin_table``), and saved in resources/pinyin/. Loading that file
takes about a tenth of the time.

The file names the dictionaries it was made from (a SHA-256 of pypinyin's two JSON files): after an
upgrade of pypinyin, or with the file missing or damaged, the program reads through pypinyin as
before (the same readings, a slower first name).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

FORMAT = 1  # of the file; a change of what domain/pinyin.py reads from it changes this too
_DICTIONARIES = ("phrases_dict.json", "pinyin_dict.json")


@dataclass(frozen=True)
class Readings:
    """``words``: every beginning of a phrase → the phrase's reading, or None when it is only a
    beginning; ``chars``: every character pypinyin knows → its reading; ``hans``: pypinyin's pattern
    of all-Chinese text."""

    hans: str
    words: dict[str, tuple[str, ...] | None]
    chars: dict[str, tuple[str, ...]]


def table_path() -> Path:
    from unionoffice.paths import resources_dir

    return resources_dir() / "pinyin" / "readings.marshal"


def dictionaries_fingerprint() -> str | None:
    """The SHA-256 of pypinyin's dictionaries as installed, without importing pypinyin (None: not found)."""
    spec = importlib.util.find_spec("pypinyin")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    digest = hashlib.sha256()
    for name in _DICTIONARIES:
        found = next((Path(folder) / name for folder in folders if (Path(folder) / name).is_file()), None)
        if found is None:
            return None
        digest.update(found.read_bytes())
    return digest.hexdigest()


def load(path: Path | None = None) -> Readings | None:
    """The saved readings, or None when there are none for the pypinyin installed here."""
    try:
        data = marshal.loads((path or table_path()).read_bytes())
        file_format, fingerprint, hans, words, chars = data
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if file_format != FORMAT or fingerprint is None or fingerprint != dictionaries_fingerprint():
        return None
    return Readings(hans, words, chars)


def build(read_word: Callable[[str], tuple[str, ...]], phrases: Any, char_codes: Any, hans: str) -> bytes:
    """The file's bytes: ``read_word`` (pypinyin's reading, as domain/pinyin.py takes it) of every
    phrase and of every character."""
    intern = sys.intern  # one object per syllable: a smaller file that loads faster
    words: dict[str, tuple[str, ...] | None] = {}
    for phrase in phrases:
        for end in range(1, len(phrase)):
            words.setdefault(phrase[:end], None)
    for phrase in phrases:
        words[phrase] = tuple(intern(s) for s in read_word(phrase))
    chars = {chr(code): tuple(intern(s) for s in read_word(chr(code))) for code in char_codes}
    return marshal.dumps((FORMAT, dictionaries_fingerprint(), hans, words, chars))


def write(path: Path | None = None) -> Path:
    """Work the readings out through pypinyin and save them (skipped when the file is up to date)."""
    target = path or table_path()
    if load(target) is not None:
        return target
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    from unionoffice.domain.pinyin import read_word_with_pypinyin

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(build(read_word_with_pypinyin, PHRASES_DICT, PINYIN_DICT, RE_HANS.pattern))
    partial.replace(target)
    return target


if __name__ == "__main__":
    print(write())
