"""Geometry of a simple vertical bar chart, shared by the PDF drawing and the DOCX picture.

Coordinates are points with the origin at the bottom left (PDF convention); the PNG renderer
flips them. Text is measured by a callable so both renderers wrap and centre labels alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from unionoffice.i18n import _, format_number
from unionoffice.reports.document import BarChart

BAR_COLOUR = (0.75, 0.12, 0.12)  # the red of union documents, printable in grey
AXIS_COLOUR = (0.2, 0.2, 0.2)
GRID_COLOUR = (0.8, 0.8, 0.8)
LABEL_SIZE = 10.5  # 五号


@dataclass(frozen=True)
class ChartText:
    x: float
    y: float  # baseline
    text: str
    size: float
    anchor: str  # "start", "middle" or "end"


@dataclass(frozen=True)
class ChartRect:
    x: float
    y: float
    width: float
    height: float
    fill: tuple[float, float, float]


@dataclass(frozen=True)
class ChartLine:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: tuple[float, float, float]
    width: float = 0.6


@dataclass
class ChartLayout:
    width: float
    height: float
    rects: list[ChartRect] = field(default_factory=list)
    lines: list[ChartLine] = field(default_factory=list)
    texts: list[ChartText] = field(default_factory=list)


def nice_scale(maximum: int, steps: int = 5) -> tuple[int, int]:
    """(step, top) of an axis from 0 with round steps (1, 2, 5 × 10ⁿ) covering ``maximum``."""
    if maximum <= 0:
        return 1, steps
    raw = maximum / steps
    magnitude = 10 ** max(len(str(int(raw))) - 1, 0)
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if step * steps >= maximum:
            break
    step = max(int(step), 1)
    top = step * -(-maximum // step)
    return step, top


def _wrap_label(text: str, room: float, size: float, measure: Callable[[str, float], float]) -> list[str]:
    """A category label on at most two lines, broken by character, cut with … if still too long."""
    lines = [""]
    for ch in text:
        if lines[-1] and measure(lines[-1] + ch, size) > room:
            if len(lines) == 2:
                while lines[-1] and measure(lines[-1] + "…", size) > room:
                    lines[-1] = lines[-1][:-1]
                lines[-1] += "…"
                return lines
            lines.append("")
        lines[-1] += ch
    return lines


def _label_size(categories: list[str], room: float, measure: Callable[[str, float], float]) -> float:
    """五号 unless a label would not fit two lines of its slot: then smaller, down to 7 pt."""
    size = LABEL_SIZE
    while size > 7 and any(measure(c, size) > 2 * room for c in categories):
        size -= 0.5
    return size


def layout_chart(chart: BarChart, width: float, height: float,
                 measure: Callable[[str, float], float]) -> ChartLayout:
    """The plot without its title: the writers set the title as an editable caption."""
    out = ChartLayout(width, height)
    unit_text = _("Unit: {unit}").format(unit=chart.unit) if chart.unit else ""
    step, top = nice_scale(max(chart.values, default=0))
    tick_labels = [format_number(v) for v in range(0, top + 1, step)]
    left = max(measure(t, LABEL_SIZE) for t in tick_labels) + 8
    bottom = 2 * LABEL_SIZE * 1.25 + 6
    plot_top = height - (LABEL_SIZE * 1.6 if unit_text else 0) - LABEL_SIZE
    plot_height = plot_top - bottom
    plot_width = width - left - 6
    if unit_text:
        out.texts.append(ChartText(left, plot_top + LABEL_SIZE * 0.9, unit_text, LABEL_SIZE, "start"))
    for value, label in zip(range(0, top + 1, step), tick_labels):
        y = bottom + plot_height * value / top
        if value:
            out.lines.append(ChartLine(left, y, left + plot_width, y, GRID_COLOUR, 0.4))
        out.texts.append(ChartText(left - 4, y - LABEL_SIZE * 0.35, label, LABEL_SIZE, "end"))
    out.lines.append(ChartLine(left, bottom, left + plot_width, bottom, AXIS_COLOUR))
    out.lines.append(ChartLine(left, bottom, left, bottom + plot_height, AXIS_COLOUR))
    count = max(len(chart.values), 1)
    slot = plot_width / count
    bar = min(slot * 0.55, 48.0)
    label_size = _label_size(chart.categories, slot - 4, measure)
    for i, (category, value) in enumerate(zip(chart.categories, chart.values)):
        centre = left + slot * (i + 0.5)
        bar_height = plot_height * value / top
        out.rects.append(ChartRect(centre - bar / 2, bottom, bar, bar_height, BAR_COLOUR))
        out.texts.append(ChartText(centre, bottom + bar_height + 3, format_number(value), LABEL_SIZE, "middle"))
        for row, text in enumerate(_wrap_label(category, slot - 4, label_size, measure)):
            y = bottom - label_size * 1.25 * (row + 1)
            out.texts.append(ChartText(centre, y, text, label_size, "middle"))
    return out
