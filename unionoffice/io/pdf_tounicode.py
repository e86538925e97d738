"""Correct text extraction (copy, search, pdftotext) for characters outside the BMP.

reportlab writes each TrueType subset's ToUnicode CMap entry as ``"<%04X>" % codepoint``. For a
code point above U+FFFF, such as 𠇔 (U+201D4) in a name, that gives five hex digits, which PDF
readers take as the UTF-16 unit 201D (”) plus a stray nibble: the glyph draws right but copying
or searching the PDF finds the wrong character. A ToUnicode destination must be UTF-16BE, so a
supplementary character is written as its surrogate pair (<D840DDD4>). ``install()`` swaps
reportlab's module-level function for this corrected one; it is idempotent.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts


def _utf16_hex(codepoint: int) -> str:
    # surrogatepass: never fail on a stray surrogate code point in a font's cmap
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one font subset (codes 0..255 to UTF-16BE), as reportlab's but correct."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname,
        "/Ordering (%s)" % fontname,
        "/Supplement 0",
        ">> def",
        "/CMapName /%s def" % fontname,
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange",
        "%d beginbfchar" % len(subset),
    ]
    lines += ["<%02X> <%s>" % (code, _utf16_hex(cp)) for code, cp in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def install() -> None:
    """Make reportlab use the corrected CMap for every TrueType subset written from now on."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
