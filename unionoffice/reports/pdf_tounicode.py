"""Make copy, search and pdftotext work for characters beyond the BMP (𠇔, U+201D4) in our PDFs.

reportlab writes each subset glyph's ToUnicode entry as ``<%04X>``: U+201D4 becomes ``<201D4>``,
an odd-length hex string that readers take as U+201D (”). The glyph prints right; only its text
is wrong. PDF wants UTF-16BE there, so rewrite those entries as surrogate pairs (<D840DDD4>).
Importing this module installs the fix once; it leaves correct entries untouched.
"""

from __future__ import annotations

import re

from reportlab.pdfbase import ttfonts

_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16(match: re.Match[str]) -> str:
    code = int(match.group(2), 16)
    return f"<{match.group(1)}> <{chr(code).encode('utf-16-be').hex().upper()}>"


def _fixed(original):  # noqa: ANN001, ANN202
    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        return _ENTRY.sub(_utf16, original(fontname, subset))

    make_to_unicode_cmap._unionoffice_fixed = True  # type: ignore[attr-defined]
    return make_to_unicode_cmap


if not getattr(ttfonts.makeToUnicodeCMap, "_unionoffice_fixed", False):
    ttfonts.makeToUnicodeCMap = _fixed(ttfonts.makeToUnicodeCMap)
