"""Widths of text in the registered PDF fonts, for the PDF's lines and the DOCX chart's labels.

Apart from pdf_text.py so that a DOCX with a chart measures its labels without loading
reportlab's page layout (platypus): only its font metrics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from unionoffice.io.fonts import FontSet

if TYPE_CHECKING:
    from unionoffice.reports.pdf_text import TextStyle


class TextMeasure:
    """Widths of text in a style, with per-character font fallback, cached per character."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._cache: dict[tuple[str, str, float], float] = {}

    def char(self, ch: str, font: str, size: float) -> float:
        key = (ch, font, size)
        width = self._cache.get(key)
        if width is None:
            width = stringWidth(ch, self.fonts.font_for(ch, font), size)
            self._cache[key] = width
        return width

    def raw(self, text: str, font: str, size: float) -> float:
        return sum(self.char(ch, font, size) for ch in text)

    def spaced(self, text: str, style: "TextStyle") -> float:
        # PDF adds the spacing after every glyph, the last one too; 28 pitches fill the line exactly.
        return self.raw(text, style.font, style.size) + style.char_space * len(text)

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """(font, text) pieces: consecutive characters drawn with the same font."""
        out: list[tuple[str, str]] = []
        for ch in text:
            needed = self.fonts.font_for(ch, font)
            if out and out[-1][0] == needed:
                out[-1] = (needed, out[-1][1] + ch)
            else:
                out.append((needed, ch))
        return out
