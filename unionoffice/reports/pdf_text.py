"""A reportlab flowable for Chinese text on the GB/T 9704 grid.

Lines come from cjk_breaking (禁则); each line is drawn run by run in the font that has the
glyphs (FontSet fallback: no tofu), justified to the line's width with letter spacing, the way
Word spreads a line on the document grid. Split across pages line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reportlab.platypus import Flowable, Spacer

from unionoffice.reports.cjk_breaking import Line, break_lines, title_lines
from unionoffice.reports.text_measure import TextMeasure

# Where the top of an ideograph sits above the baseline, in ems (the ideographic em box's top).
IDEOGRAPHIC_ASCENT = 0.88


class Align(str, Enum):
    JUSTIFY = "justify"
    LEFT = "left"
    RIGHT = "right"
    CENTRE = "centre"


@dataclass(frozen=True)
class TextStyle:
    font: str  # the registered reportlab font of the role (仿宋, 黑体 …)
    size: float
    leading: float
    char_space: float = 0.0  # added after each character: negative squeezes 28 characters into 156 mm
    first_indent: float = 0.0
    right_indent: float = 0.0
    align: Align = Align.JUSTIFY
    balanced: bool = False  # titles: two even lines broken between words
    stroke: float = 0.0  # an outline of this width (points) drawn over the glyphs: a heavier face


@dataclass(frozen=True)
class _PlacedLine:
    line: Line
    indent: float  # left indent of this line (first-line indent on the paragraph's first line)
    room: float  # the width the line may fill


MIN_LINES_AT_BREAK = 2  # lines of a paragraph kept together at the foot and at the head of a page


class GridText(Flowable):
    """One paragraph, heading or title, laid out by our breaker; splits between lines."""

    def __init__(self, text: str, style: TextStyle, measure: TextMeasure, *,
                 _lines: list[_PlacedLine] | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.measure = measure
        self._lines = _lines
        self._fixed = _lines is not None  # a piece of a split paragraph keeps its lines
        self._laid_width: float | None = None

    def _layout(self, width: float) -> list[_PlacedLine]:
        if self._lines is not None and (self._fixed or self._laid_width == width):
            return self._lines
        style = self.style
        first = width - style.first_indent - style.right_indent
        rest = width - style.right_indent

        def measure(text: str) -> float:
            return self.measure.spaced(text, style)

        if style.balanced:
            lines = title_lines(self.text, first, measure)
        else:
            lines = break_lines(self.text, [first, rest], measure)
        self._lines = [
            _PlacedLine(line, style.first_indent if i == 0 else 0.0, first if i == 0 else rest)
            for i, line in enumerate(lines)
        ]
        self._laid_width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = len(self._layout(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._layout(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        # No widow or orphan: a page never starts or ends with a single line of a paragraph.
        fit = min(fit, len(lines) - MIN_LINES_AT_BREAK)
        if fit < MIN_LINES_AT_BREAK:
            return []
        return [
            GridText(self.text, self.style, self.measure, _lines=lines[:fit]),
            GridText(self.text, self.style, self.measure, _lines=lines[fit:]),
        ]

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        top = self.height
        for row, placed in enumerate(self._layout(self.width)):
            baseline = top - row * style.leading - IDEOGRAPHIC_ASCENT * style.size
            self._draw_line(canvas, placed, baseline)

    def _draw_line(self, canvas, placed: _PlacedLine, baseline: float) -> None:
        style = self.style
        text = placed.line.text
        if not text:
            return
        char_space = style.char_space
        natural = self.measure.spaced(text, style)
        x = placed.indent
        if style.align is Align.JUSTIFY and not placed.line.last and len(text) > 1:
            raw = self.measure.raw(text, style.font, style.size)
            char_space = (placed.room - raw) / (len(text) - 1)
        elif style.align is Align.CENTRE:
            x += (placed.room - natural) / 2
        elif style.align is Align.RIGHT:
            x += placed.room - natural
        if style.stroke:
            canvas.saveState()
            canvas.setLineWidth(style.stroke)
            canvas.setLineJoin(1)  # round: no spikes at the strokes' sharp corners
        text_object = canvas.beginText(x, baseline)
        text_object.setCharSpace(char_space)
        if style.stroke:
            text_object.setTextRenderMode(2)  # fill, then stroke the outline
        for font, piece in self.measure.runs(text, style.font):
            text_object.setFont(font, style.size)
            text_object.textOut(piece)
        canvas.drawText(text_object)
        if style.stroke:
            canvas.restoreState()


class GridSnap(Spacer):
    """Blank space down to the next grid line, so text after a table or chart is back on the grid
    (the frame's top is on the grid, so the used height tells where the next line starts)."""

    def __init__(self, frame_height: float, pitch: float) -> None:
        super().__init__(0, 0)
        self.frame_height = frame_height
        self.pitch = pitch

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        used = (self.frame_height - availHeight) % self.pitch
        self.height = 0.0 if used < 0.01 or self.pitch - used < 0.01 else min(self.pitch - used, availHeight)
        return availWidth, self.height
