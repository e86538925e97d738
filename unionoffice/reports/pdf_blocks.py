"""PDF flowables for the statistics table and the bar chart."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from unionoffice.io.fonts import FontRole, FontSet
from unionoffice.reports import gbt9704 as g
from unionoffice.reports.chart_layout import LABEL_SIZE, layout_chart
from unionoffice.reports.document import BarChart, Table
from unionoffice.reports.pdf_text import Align, GridSnap, GridText, TextMeasure, TextStyle

CELL_PADDING, CHART_HEIGHT, SHORT_TABLE_ROWS, cell_text = g.CELL_PADDING, g.CHART_HEIGHT, g.SHORT_TABLE_ROWS, g.cell_text  # shared with the DOCX


def table_flowables(table: Table, fonts: FontSet, measure: TextMeasure) -> list[Flowable]:
    body_font = fonts.name(FontRole.FANGSONG)
    head_font = fonts.name(FontRole.HEI)
    caption_style = TextStyle(head_font, g.BODY_SIZE, g.LINE_PITCH, align=Align.CENTRE)
    cell_style = TextStyle(body_font, g.TABLE_SIZE, g.TABLE_LEADING, align=Align.LEFT)
    rows = [[cell_text(c) for c in row] for row in table.rows]
    widths = g.column_widths(
        table.columns, rows, table.numeric_columns, g.TEXT_WIDTH,
        lambda s: measure.raw(s, body_font, g.TABLE_SIZE), CELL_PADDING)

    def cell(text: str, column: int, header: bool) -> GridText:
        if header:
            style = TextStyle(head_font, g.TABLE_SIZE, g.TABLE_LEADING, align=Align.CENTRE)
        elif column in table.numeric_columns:
            style = TextStyle(body_font, g.TABLE_SIZE, g.TABLE_LEADING, align=Align.RIGHT)
        else:
            style = cell_style
        return GridText(text, style, measure)

    data = [[cell(text, i, True) for i, text in enumerate(table.columns)]]
    data += [[cell(text, i, False) for i, text in enumerate(row)] for row in rows]
    grid = RLTable(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    grid.setStyle(TableStyle([
        # Cells are flowables, but the table still sets this font on the canvas: without it the
        # PDF would list an unembedded Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), body_font),
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    caption = GridText(table.caption, caption_style, measure)
    parts: list[Flowable] = [caption, grid]
    if table.note:
        note_style = TextStyle(body_font, g.TABLE_SIZE, g.TABLE_LEADING, align=Align.JUSTIFY)
        parts += [Spacer(0, 4), GridText(table.note, note_style, measure)]
    if len(rows) <= SHORT_TABLE_ROWS:
        out: list[Flowable] = [KeepTogether(parts)]
    else:
        # The caption never ends a page: it needs room for itself, the header and two rows; the
        # rest of the table fills the page and goes on on the next one.
        out = [CondPageBreak(4 * g.LINE_PITCH), *parts]
    out += [Spacer(0, 6), GridSnap(g.TEXT_HEIGHT, g.LINE_PITCH)]
    return out


def _strings(x: float, y: float, text: str, size: float, anchor: str, fonts: FontSet,
             measure: TextMeasure, base_font: str) -> list[String]:
    """One String per font run, so characters the base font lacks use a fallback font."""
    total = measure.raw(text, base_font, size)
    start = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
    out = []
    for font, piece in measure.runs(text, base_font):
        out.append(String(start, y, piece, fontName=font, fontSize=size, fillColor=colors.black))
        start += measure.raw(piece, base_font, size)
    return out


def chart_flowable(chart: BarChart, fonts: FontSet, measure: TextMeasure) -> Flowable:
    font = fonts.name(FontRole.SONG)
    layout = layout_chart(chart, g.TEXT_WIDTH, CHART_HEIGHT, lambda s, size: measure.raw(s, font, size))
    # The initial font keeps renderPDF from selecting Helvetica, which would be left unembedded.
    drawing = Drawing(layout.width, layout.height, initialFontName=font, initialFontSize=LABEL_SIZE)
    for line in layout.lines:
        drawing.add(Line(line.x1, line.y1, line.x2, line.y2,
                         strokeColor=colors.Color(*line.colour), strokeWidth=line.width))
    for rect in layout.rects:
        drawing.add(Rect(rect.x, rect.y, rect.width, rect.height,
                         fillColor=colors.Color(*rect.fill), strokeColor=None))
    for text in layout.texts:
        for string in _strings(text.x, text.y, text.text, text.size, text.anchor, fonts, measure, font):
            drawing.add(string)
    caption_style = TextStyle(fonts.name(FontRole.HEI), g.BODY_SIZE, g.LINE_PITCH, align=Align.CENTRE)
    caption = GridText(chart.title, caption_style, measure)
    return KeepTogether([drawing, caption])
