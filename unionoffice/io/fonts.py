"""Fonts for PDFs: the Windows fonts an official document names, else the bundled TrueType fonts.

reportlab embeds subsets of TrueType (glyf) fonts only, so every candidate here is .ttf/.ttc.
Each role (宋体, 仿宋, 黑体, 楷体, 小标宋) gets the first font found; characters a font lacks are
drawn with the first fallback font that has them, so rare name characters (䶮, 𠇔) never print as tofu.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from collections.abc import Container
from pathlib import Path

from unionoffice.paths import resources_dir

# reportlab (and the face cache) load with the first font registered: a DOCX without a chart
# names its fonts without them.


class FontRole(str, Enum):
    SONG = "song"  # 宋体: forms, page numbers
    FANGSONG = "fangsong"  # 仿宋: body text of official documents
    HEI = "hei"  # 黑体: first-level headings
    KAI = "kai"  # 楷体: second-level headings
    TITLE = "title"  # 小标宋: document title


@dataclass(frozen=True)
class FontFile:
    name: str  # the name registered with reportlab
    path: Path
    subfont_index: int = 0


def windows_font_dirs() -> list[Path]:
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


# Windows file names per role, best first.
_WINDOWS_CANDIDATES: dict[FontRole, list[tuple[str, str, int]]] = {
    FontRole.TITLE: [("FZXiaoBiaoSong", "FZXBSJW.TTF", 0), ("FZXiaoBiaoSong", "方正小标宋简体.ttf", 0), ("SimSun", "simsun.ttc", 0)],
    FontRole.SONG: [("SimSun", "simsun.ttc", 0)],
    FontRole.FANGSONG: [("FangSong", "simfang.ttf", 0), ("FangSong_GB2312", "FS_GB2312.ttf", 0), ("SimSun", "simsun.ttc", 0)],
    FontRole.HEI: [("SimHei", "simhei.ttf", 0)],
    FontRole.KAI: [("KaiTi", "simkai.ttf", 0), ("KaiTi_GB2312", "KT_GB2312.ttf", 0)],
}
_WINDOWS_FALLBACKS = [("SimSun-ExtB", "simsunb.ttf", 0)]

_BUNDLED_UMING = ("AR-PL-UMing-CN", "uming.ttc", 0)
_BUNDLED_UKAI = ("AR-PL-UKai-CN", "ukai.ttc", 0)  # a real 楷体 for the （一） headings
_BUNDLED_WQY = ("WenQuanYi-Micro-Hei", "wqy-microhei.ttc", 0)
_BUNDLED_FOR_ROLE = {
    FontRole.TITLE: _BUNDLED_UMING,
    FontRole.SONG: _BUNDLED_UMING,
    FontRole.FANGSONG: _BUNDLED_UMING,
    FontRole.HEI: _BUNDLED_WQY,
    FontRole.KAI: _BUNDLED_UKAI,
}
# The bundled CJK fonts draw Latin letters and digits at a fixed width, like a typewriter: in the
# roles set in a Ming/Kai face those characters come from a serif face instead (Times New Roman on
# Windows, else the bundled Liberation Serif, metrically the same).
_WINDOWS_LATIN = ("Times-New-Roman", "times.ttf", 0)
_BUNDLED_LATIN = ("Liberation-Serif", "LiberationSerif-Regular.ttf", 0)
# 宋体 stays as it is: the printed forms draw most cells as plain strings in one font, and their
# Paragraph cells must look the same. The text roles get their own registered name for that.
_LATIN_ROLES = (FontRole.TITLE, FontRole.FANGSONG, FontRole.KAI)
_TEXT_SUFFIX = "-Text"


def is_latin(char: str) -> bool:
    """ASCII letters, digits and their punctuation (not the space, which keeps the CJK font's width)."""
    return "!" <= char <= "~"


def _find_windows(file_name: str) -> Path | None:
    if sys.platform != "win32" and not os.environ.get("UNIONOFFICE_WINDOWS_FONTS"):
        return None
    extra = os.environ.get("UNIONOFFICE_WINDOWS_FONTS")
    for folder in ([Path(extra)] if extra else []) + windows_font_dirs():
        candidate = folder / file_name
        if candidate.exists():
            return candidate
    return None


def bundled_font_path(file_name: str) -> Path:
    return resources_dir() / "fonts" / file_name


@dataclass
class FontSet:
    """The registered fonts: one per role, plus the fallback chain for missing glyphs."""

    roles: dict[FontRole, FontFile]
    fallbacks: list[FontFile]
    _charmaps: dict[str, Container[int]] = field(default_factory=dict)  # the face's own character map
    latin: FontFile | None = None  # the serif face for Latin letters and digits
    latin_for: frozenset[str] = frozenset()  # the role fonts (by name) that take it

    def name(self, role: FontRole) -> str:
        return self.roles[role].name

    def has_glyph(self, font_name: str, char: str) -> bool:
        return ord(char) in self._charmaps[font_name]

    def font_for(self, char: str, font_name: str) -> str:
        """``font_name`` if it has the glyph, else the first fallback that does (else ``font_name``);
        Latin letters and digits in a bundled Ming/Kai role font come from the serif face."""
        if self.latin is not None and font_name in self.latin_for and is_latin(char) \
                and self.has_glyph(self.latin.name, char):
            return self.latin.name
        if char.isspace() or self.has_glyph(font_name, char):
            return font_name
        for fallback in self.fallbacks:
            if self.has_glyph(fallback.name, char):
                return fallback.name
        return font_name

    def missing_glyphs(self, text: str, font_name: str) -> set[str]:
        """Characters no font of the set can draw (used by tests and warnings)."""
        return {ch for ch in text if not ch.isspace() and not self.has_glyph(self.font_for(ch, font_name), ch)}

    def markup(self, text: str, font_name: str) -> str:
        """reportlab Paragraph markup of ``text`` in ``font_name``, with per-character fallbacks."""
        out: list[str] = []
        run_font, run = font_name, []
        for ch in text:
            needed = self.font_for(ch, font_name)
            if needed != run_font and run:
                out.append(_wrap("".join(run), run_font, font_name))
                run = []
            run_font = needed
            run.append(ch)
        if run:
            out.append(_wrap("".join(run), run_font, font_name))
        return "".join(out)


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` (&, <, > for reportlab's paragraph markup) without importing
    it: saxutils imports urllib.request and with it http.client and email (0.07 s of every report)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _wrap(text: str, run_font: str, base_font: str) -> str:
    escaped = escape(text)
    return escaped if run_font == base_font else f'<font name="{run_font}">{escaped}</font>'


def windows_role_font(role: FontRole) -> str | None:
    """The name of the Windows font ``font_set()`` takes for ``role``, None when it takes a bundled one
    (found without parsing or registering any font)."""
    return next((name for name, file_name, _index in _WINDOWS_CANDIDATES[role] if _find_windows(file_name)), None)


def _register(name: str, path: Path, index: int) -> FontFile:
    """Register ``name`` for the face of ``path`` (each file is parsed once: see font_faces.py)."""
    from reportlab.pdfbase import pdfmetrics

    from unionoffice.io.font_faces import FaceFont, face

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(FaceFont(name, face(path, index)))
    return FontFile(name, path, index)


@lru_cache(maxsize=1)
def font_set() -> FontSet:
    """Find and register the fonts once per process."""
    from reportlab.pdfbase import pdfmetrics

    from unionoffice.io import pdf_tounicode

    pdf_tounicode.install()  # so 𠇔 and other non-BMP name characters copy and search right
    roles: dict[FontRole, FontFile] = {}
    bundled_roles: set[FontRole] = set()
    for role in FontRole:
        for name, file_name, index in _WINDOWS_CANDIDATES[role]:
            path = _find_windows(file_name)
            if path is not None:
                roles[role] = _register(name, path, index)
                break
        else:
            name, file_name, index = _BUNDLED_FOR_ROLE[role]
            if role in _LATIN_ROLES:
                name += _TEXT_SUFFIX
            roles[role] = _register(name, bundled_font_path(file_name), index)
            bundled_roles.add(role)
    windows_latin = _find_windows(_WINDOWS_LATIN[1])
    latin = (_register(_WINDOWS_LATIN[0], windows_latin, 0) if windows_latin is not None
             else _register(_BUNDLED_LATIN[0], bundled_font_path(_BUNDLED_LATIN[1]), 0))
    latin_for = frozenset(roles[role].name for role in _LATIN_ROLES if role in bundled_roles)
    fallbacks = []
    for name, file_name, index in _WINDOWS_FALLBACKS:
        path = _find_windows(file_name)
        if path is not None:
            fallbacks.append(_register(name, path, index))
    for name, file_name, index in (_BUNDLED_UMING, _BUNDLED_WQY):
        fallbacks.append(_register(name, bundled_font_path(file_name), index))
    charmaps = {}
    for font in list(roles.values()) + fallbacks + [latin]:
        if font.name not in charmaps:
            charmaps[font.name] = pdfmetrics.getFont(font.name).face.charToGlyph
    return FontSet(roles=roles, fallbacks=fallbacks, _charmaps=charmaps, latin=latin, latin_for=latin_for)
