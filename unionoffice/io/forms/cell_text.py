"""Paragraph styles and cell text of a printed form: lines broken by the summary's rules (no line
starts with “，”, dates whole, long English words hyphenated), column labels wrapped between their
words or set smaller to fit the column."""

from __future__ import annotations

import re
from typing import Callable, Sequence

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from unionoffice.io.fonts import FontRole, FontSet
from unionoffice.io.forms.model import Align
from unionoffice.reports.cjk_breaking import DATE_PATTERN, break_lines

CELL_PADDING = 3  # points, each side
_ALIGNMENT = {Align.LEFT: TA_LEFT, Align.CENTER: TA_CENTER, Align.RIGHT: TA_RIGHT}

MIN_HEADER_SIZE = 7.0  # points: a column label shrinks no further to fit its column


def label_words(text: str) -> list[str]:
    """The pieces a column label may wrap between: after “/”, before “（” or “(”, after a space."""
    words = [w for w in re.split(r"(?<=/)|(?=[（(])|(?<= )", text) if w]
    return words or [text]


class FormStyles:
    """Paragraph styles of one form, built once per render."""

    def __init__(self, fonts: FontSet, size: float) -> None:
        self.fonts = fonts
        self.song = fonts.name(FontRole.SONG)
        self.hei = fonts.name(FontRole.HEI)
        self.size = size
        self.leading = leading = size * 1.3
        self.title = ParagraphStyle("title", fontName=self.hei, fontSize=18, leading=24, alignment=TA_CENTER,
                                    wordWrap="CJK", spaceAfter=2 * mm)
        self.subtitle = ParagraphStyle("subtitle", fontName=self.song, fontSize=12, leading=16,
                                       alignment=TA_CENTER, wordWrap="CJK", spaceAfter=2 * mm)
        self.meta = ParagraphStyle("meta", fontName=self.song, fontSize=size, leading=leading, wordWrap="CJK")
        self.note = ParagraphStyle("note", fontName=self.song, fontSize=size - 1, leading=leading, wordWrap="CJK")
        self.cells = {
            (font, align): ParagraphStyle(f"cell-{font}-{align.value}", fontName=font, fontSize=size,
                                          leading=leading, alignment=_ALIGNMENT[align], wordWrap="CJK")
            for font in (self.song, self.hei)
            for align in Align
        }

    def paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        markup = self.fonts.markup(text, style.fontName).replace("\n", "<br/>")
        return Paragraph(markup, style)

    def measure(self, font: str, size: float) -> Callable[[str], float]:
        return lambda text: sum(stringWidth(ch, self.fonts.font_for(ch, font), size) for ch in text)

    def cell(self, text: str, align: Align = Align.CENTER, *, bold: bool = False, width: float | None = None
             ) -> Paragraph:
        """A cell's paragraph; given the cell's ``width`` the lines are broken by the same rules as the
        summary (no line starts with “，”, a date stays on one line)."""
        font = self.hei if bold else self.song
        style = self.cells[(font, align)]
        if width is not None and text:
            room = width - 2 * CELL_PADDING
            size = self.size
            # A date wider than its column is set smaller rather than split (“2026年1月20 / 日”).
            dates = DATE_PATTERN.findall(text)
            while dates and size > MIN_HEADER_SIZE and max(map(self.measure(font, size), dates)) > room - 0.05:
                size -= 0.5
            text = self.broken(text, font, size, room)
            if size != self.size:
                style = ParagraphStyle(f"cell-{font}-{align.value}-{size}", parent=style, fontSize=size,
                                       leading=size * 1.3)
        return self.paragraph(text, style)

    def broken(self, text: str, font: str, size: float, room: float) -> str:
        lines = break_lines(text, [room - 0.05], self.measure(font, size), keep_dates=True)
        return "\n".join(line.text for line in lines)

    def header_cell(self, text: str, width: float, *, bold: bool = True) -> Paragraph:
        """A column label broken only between its words (部门/ · 工会小组, 人均月收入 · （元）), in a
        smaller size when a word is wider than the column."""
        font = self.hei if bold else self.song
        if not text:
            return self.paragraph("", self.cells[(font, Align.CENTER)])
        room = width - 2 * CELL_PADDING - 0.05
        words = label_words(text)
        size = self.size
        while size > MIN_HEADER_SIZE and max(self.measure(font, size)(w.strip()) for w in words) > room:
            size -= 0.5
        measure = self.measure(font, size)
        if max(measure(w.strip()) for w in words) > room:
            lines = self.broken(text, font, size, room).split("\n")
        else:
            lines = [""]
            for word in words:
                if lines[-1] and measure((lines[-1] + word).strip()) > room:
                    lines.append("")
                lines[-1] += word
        style = self.cells[(font, Align.CENTER)]
        if size != self.size:
            style = ParagraphStyle(f"header-{font}-{size}", parent=style, fontSize=size, leading=size * 1.3)
        return self.paragraph("\n".join(line.strip() for line in lines), style)

    def body_cell(self, text: str, align: Align, width: float) -> Paragraph | str:
        """Plain text when it fits one line in the base font, else a wrapped paragraph.

        A roster of 20,000 members has 300,000 cells; plain strings draw several times faster.
        """
        if not text:
            return ""
        if "\n" not in text and self._fits_one_line(text, width):
            return text
        return self.cell(text, align, width=width)

    def _fits_one_line(self, text: str, width: float) -> bool:
        if not all(ch.isspace() or self.fonts.has_glyph(self.song, ch) for ch in text):
            return False  # needs a fallback font: only markup can switch fonts mid-text
        return stringWidth(text, self.song, self.size) <= width - 2 * CELL_PADDING

    def row_height(self, cells: Sequence[tuple[object, float]], minimum: float) -> float:
        """A row as tall as its tallest cell (cell, width), never less than ``minimum`` (room to sign)."""
        tallest = 0.0
        for cell, width in cells:
            if isinstance(cell, Paragraph):
                _, h = cell.wrap(width - 2 * CELL_PADDING, 10_000)
                tallest = max(tallest, h)
            elif cell:
                tallest = max(tallest, self.leading)
        return max(minimum, tallest + 2 * CELL_PADDING)
