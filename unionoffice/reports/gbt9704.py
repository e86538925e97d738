"""GB/T 9704-2012 page geometry and the layout rules both writers share (points unless named _MM)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from unionoffice.i18n import format_number

mm = 72.0 / 2.54 * 0.1  # reportlab.lib.units.mm, without loading reportlab for a DOCX

PAGE_WIDTH = 210 * mm
PAGE_HEIGHT = 297 * mm
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TEXT_HEIGHT  # 35 mm
RIGHT_MARGIN = PAGE_WIDTH - LEFT_MARGIN - TEXT_WIDTH  # 26 mm

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
TABLE_SIZE = 14.0  # 4号: tables may be set smaller than the body
LINE_PITCH = 28.95  # 22 lines fill 225 mm (GB/T printers' template value)
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 28 characters fill 156 mm: 15.79 pt per character
PAGE_NUMBER_GAP = 7 * mm  # from the text block's bottom edge to the page number's top
INDENT_CHARS = 2
TABLE_LEADING = 20.0
CELL_PADDING = 4.0
CHART_HEIGHT = 7 * LINE_PITCH  # seven grid lines, and the caption on the eighth
# A table of up to this many rows moves whole to the next page (it leaves at most about a third of a
# page empty); a longer one splits between rows, its header row repeated on the next page.
SHORT_TABLE_ROWS = 5


def cell_text(value: str | int) -> str:
    """A table cell as both writers print it: counts with digit grouping."""
    return format_number(value) if isinstance(value, int) else value


def em_width(text: str) -> float:
    """Width in ems as Chinese fonts set it: ideographs and full-width marks 1, ASCII ½."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


@dataclass(frozen=True)
class SignaturePlacement:
    """Gaps between each line's right end and the text block's right edge."""

    unit_gap: float
    date_gap: float


def place_signature(unit_width: float, date_width: float, char: float) -> SignaturePlacement:
    """GB/T 9704 §7.3.5.2 without a seal: the unit name two characters in from the right; the date
    on the next line starting two characters right of the unit name's start; if the date is the
    longer, the date keeps two characters from the right and the unit name moves left instead."""
    if date_width + 2 * char <= unit_width:
        unit_gap = 2 * char
        date_gap = unit_gap + unit_width - 2 * char - date_width
    else:
        date_gap = 2 * char
        unit_gap = date_gap + date_width + 2 * char - unit_width
    return SignaturePlacement(unit_gap=unit_gap, date_gap=date_gap)


def column_widths(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: frozenset[int],
    total: float,
    measure: Callable[[str], float],
    padding: float,
) -> list[float]:
    """Widths that fill ``total``: numbers and short columns get their natural width, long text
    columns share what is left in proportion to their length (never below two characters)."""
    count = len(columns)
    natural = [0.0] * count
    for i, header in enumerate(columns):
        # Headers may wrap after about four characters; cells wrap only if they must.
        natural[i] = min(measure(header), measure("四个汉字")) + 2 * padding
    for row in rows:
        for i, cell in enumerate(row):
            natural[i] = max(natural[i], measure(cell) + 2 * padding)
    minimum = measure("汉字") + 2 * padding
    natural = [max(w, minimum) for w in natural]
    if sum(natural) <= total:
        # Spread the spare room evenly so the table spans the text block.
        spare = (total - sum(natural)) / count
        return [w + spare for w in natural]
    fixed = {i for i in range(count) if i in numeric}
    flexible = [i for i in range(count) if i not in fixed]
    room = total - sum(natural[i] for i in fixed)
    if not flexible or room < minimum * len(flexible):
        return [total * w / sum(natural) for w in natural]
    flex_natural = sum(natural[i] for i in flexible)
    widths = list(natural)
    for i in flexible:
        widths[i] = max(minimum, room * natural[i] / flex_natural)
    scale = total / sum(widths)
    return [w * scale for w in widths]
