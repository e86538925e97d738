"""TrueType faces for reportlab, parsed once per file and remembered between runs.

reportlab reads a face's name, metrics, character map and glyph table positions in Python on
every start (a tenth of a second for each large CJK font), and parses a file again for every
name it is registered under. Here each font file is parsed once per process, and what the parse
found is kept in the program's cache folder, keyed by the file (path, size, modification time)
and the reportlab and Python versions: a later run reads it back instead of parsing. The font
file itself is still read, since the subsets embedded in a PDF are cut from it. A missing,
stale or unreadable cache entry only means parsing again; nothing depends on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import sys
import tempfile
from array import array
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

CACHE_FORMAT = 2
# What TTFontFile.extractInfo sets, by kind: names come back as reportlab's own bytes type; the
# large tables are kept as machine arrays (read back at memory speed) and rebuilt as reportlab
# holds them, except the glyph → characters map that only text shaping reads: built on demand.
_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
_VALUES = ("ascent", "descent", "fontRevision", "unitsPerEm", "bbox", "capHeight", "stemV", "italicAngle",
           "underlinePosition", "underlineThickness", "flags", "numGlyphs", "_full_font", "defaultWidth")
_TABLES = ("chars", "glyphs", "width_chars", "widths", "hmetrics", "glyphPos", "g2c_glyphs", "g2c_chars")


def font_cache_dir() -> Path | None:
    """Where parsed faces are kept (None: keep nothing, parse every time)."""
    override = os.environ.get("UNIONOFFICE_FONT_CACHE")
    if override is not None:
        return Path(override) if override else None
    from unionoffice.paths import cache_dir

    return cache_dir() / "fonts"


def _cache_file(folder: Path, path: Path, index: int) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = "|".join(map(str, (CACHE_FORMAT, path.resolve(), index, stat.st_size, stat.st_mtime_ns,
                             reportlab.Version, sys.version_info[:2])))
    return folder / f"{path.stem}-{index}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.marshal"


def _scale(units_per_em: int) -> Any:
    """reportlab's conversion of font units to 1/1000 of the size (set by extractInfo)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


class _Pairs:
    """hmetrics as reportlab indexes it, (advance, left side bearing) per glyph, over one flat array
    (of floats: past the font's last full metric reportlab keeps the advance already scaled)."""

    __slots__ = ("_flat",)

    def __init__(self, flat: array) -> None:
        self._flat = flat

    def __getitem__(self, glyph: int) -> tuple[float, float]:
        return self._flat[2 * glyph], self._flat[2 * glyph + 1]

    def __len__(self) -> int:
        return len(self._flat) // 2


def _glyphs_to_chars(glyphs: array, chars: array) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for glyph, char in zip(glyphs, chars):
        out.setdefault(glyph, []).append(char)
    return out


class _MappedTable:
    """A table of the mapped font file sliced as bytes (all ``makeSubset`` does with the glyph table)."""

    def __init__(self, data: mmap.mmap, pos: int, length: int) -> None:
        self._data, self._pos, self._length = data, pos, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> bytes:
        start, stop, step = part.indices(self._length)
        if step != 1:
            raise ValueError("only contiguous slices of a font table")
        return self._data[self._pos + start:self._pos + stop]


class CachedFace(TTFontFace):
    """A TTFontFace whose extracted information comes from the cache when it is there."""

    def __init__(self, path: Path, index: int = 0, cache_folder: Path | None = None) -> None:
        self._cache_path = _cache_file(cache_folder, path, index) if cache_folder is not None else None
        super().__init__(str(path), subfontIndex=index)

    def readFile(self, f: Any) -> None:  # noqa: N802 (reportlab's name)
        """The font file mapped, not read: a PDF's subsets touch a few of its pages (the three CJK
        files are 43 MB, read whole on every run before)."""
        if not hasattr(self, "_ttf_data") and isinstance(f, str):
            with contextlib.suppress(OSError, ValueError):
                with open(f, "rb") as handle:
                    self._ttf_data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                self.filename = f
        super().readFile(f)

    def get_table(self, tag: str) -> Any:
        """The glyph table as a view of the mapped file: a subset takes a few hundred glyphs of it,
        and copying the whole table (about 10 MB of a CJK face) for each subset cost more than that."""
        if tag == "glyf" and isinstance(self._ttf_data, mmap.mmap):
            pos, length = self.get_table_pos(tag)
            return _MappedTable(self._ttf_data, pos, length)
        return super().get_table(tag)

    @property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 (reportlab's name)
        if "_glyph_to_char" not in self.__dict__:
            self._glyph_to_char = _glyphs_to_chars(*self._glyph_to_char_tables)
        return self._glyph_to_char

    @glyphToChar.setter
    def glyphToChar(self, value: dict[int, list[int]]) -> None:  # noqa: N802
        self._glyph_to_char = value

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802, N803 (reportlab's names)
        if charInfo and self._cache_path is not None and self._load(self._cache_path):
            return
        super().extractInfo(charInfo)
        if charInfo and self._cache_path is not None:
            self._store(self._cache_path)

    def _load(self, cache_path: Path) -> bool:
        try:
            data = marshal.loads(cache_path.read_bytes())
            if not isinstance(data, dict) or data.get("_format") != CACHE_FORMAT:
                return False
            tables = {key: array(data[key][0], data[key][1]) for key in _TABLES}
            names = {key: TTFNameBytes(data[key], "utf8") for key in _NAMES}
            values = {key: data[key] for key in _VALUES}
        except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
            return False
        if len(tables["chars"]) != len(tables["glyphs"]) or len(tables["width_chars"]) != len(tables["widths"]):
            return False
        for key, value in {**names, **values}.items():
            setattr(self, key, value)
        self.charToGlyph = dict(zip(tables["chars"], tables["glyphs"]))
        self.charWidths = dict(zip(tables["width_chars"], tables["widths"]))
        self.hmetrics = _Pairs(tables["hmetrics"])
        self.glyphPos = tables["glyphPos"]
        self._glyph_to_char_tables = (tables["g2c_glyphs"], tables["g2c_chars"])
        self._pdfScale = _scale(self.unitsPerEm)
        return True

    def _store(self, cache_path: Path) -> None:
        data: dict[str, Any] = {key: bytes(getattr(self, key)) for key in _NAMES}
        data.update({key: getattr(self, key) for key in _VALUES})
        try:
            tables = {
                "chars": array("q", self.charToGlyph.keys()), "glyphs": array("q", self.charToGlyph.values()),
                "width_chars": array("q", self.charWidths.keys()), "widths": array("d", self.charWidths.values()),
                "hmetrics": array("d", [n for pair in self.hmetrics for n in pair]),
                "glyphPos": array("q", self.glyphPos),
                "g2c_glyphs": array("q", [g for g, chars in self.glyphToChar.items() for _c in chars]),
                "g2c_chars": array("q", [c for chars in self.glyphToChar.values() for c in chars]),
            }
        except (TypeError, OverflowError):
            return  # something this format does not hold: parse each time
        data.update({key: (table.typecode, table.tobytes()) for key, table in tables.items()})
        data["_format"] = CACHE_FORMAT
        with contextlib.suppress(OSError, ValueError):  # a cache that cannot be written is no cache
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=cache_path.parent, prefix=".font-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps(data))
                os.replace(temporary, cache_path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise


@lru_cache(maxsize=None)
def face(path: Path, index: int = 0) -> TTFontFace:
    """The parsed face of one font file (one parse per process, none when cached)."""
    return CachedFace(path, index, font_cache_dir())


class FaceFont(TTFont):
    """A reportlab TTFont on a face already parsed (TTFont itself parses its file again)."""

    def __init__(self, name: str, font_face: TTFontFace) -> None:  # what TTFont.__init__ sets, minus the parse
        self.fontName = name
        self.face = font_face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
