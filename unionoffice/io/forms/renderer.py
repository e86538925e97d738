"""Draw a ``FormDocument`` as an A4 PDF with reportlab: ruled tables, repeated headers, page numbers.

Every text goes through ``FontSet.markup`` so rare name characters fall back to a font that has
them, and through CJK word wrapping so long text stays inside its cell. Fonts are embedded subsets.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from unionoffice.domain.money import format_yuan, uppercase_amount
from unionoffice.i18n import _
from unionoffice.io.fonts import FontRole, FontSet, font_set
from unionoffice.io.forms.model import Align, Cell, FormDocument, GridBlock, Orientation, TableBlock
from unionoffice.io.forms.cell_text import CELL_PADDING, FormStyles
from unionoffice.io.forms.page_numbers import numbered_canvas_maker
from unionoffice.io.forms.paged_table import PagedTable

MARGIN_SIDE = 15 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 16 * mm  # room for the page number
HEADER_SHADE = colors.Color(0.88, 0.88, 0.88)
LABEL_SHADE = colors.Color(0.94, 0.94, 0.94)
GRID_WIDTH = 0.6
FRAME_PADDING = 6  # reportlab's Frame default, each side
BOX_WIDTH = 1.0


def page_size(orientation: Orientation) -> tuple[float, float]:
    return landscape(A4) if orientation == Orientation.LANDSCAPE else portrait(A4)


Progress = Callable[[int, int], None]


class _RowCounter:
    """Adds up the table rows laid out so far and reports them to ``progress``."""

    def __init__(self, form: FormDocument, progress: Progress | None) -> None:
        self.progress = progress
        self.total = sum(b.row_count + (b.total is not None) for b in form.blocks if isinstance(b, TableBlock))
        self.done = 0

    def add(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)


class FormLayoutError(ValueError):
    """The form cannot be laid out (a row taller than a page); the message is for the user."""


def _frame_height(orientation: Orientation) -> float:
    return page_size(orientation)[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PADDING


def _check_rows_fit(heights: Sequence[float], header_rows: int, available: float, title: str) -> None:
    """reportlab cannot split a row across pages: name the row that would not fit on any page."""
    header = sum(heights[:header_rows])
    for index, height in enumerate(heights[header_rows:], start=1):
        if header + height > available:
            raise FormLayoutError(
                _("Row {row} of “{table}” is too long to fit on one page; please shorten its text.").format(
                    row=index, table=title
                )
            )


def _base_style(header_rows: int, font: str, size: float, leading: float) -> list[tuple]:
    commands: list[tuple] = [
        # Plain and empty cells are drawn as strings in the table font: keep it embedded (not Helvetica).
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, colors.black),
        ("BOX", (0, 0), (-1, -1), BOX_WIDTH, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_SHADE))
    return commands


def _table_flowable(block: TableBlock, styles: FormStyles, width: float, available: float, name: str,
                    counter: _RowCounter | None = None) -> PagedTable:
    total_weight = sum(c.width for c in block.columns) or 1
    widths = [width * c.width / total_weight for c in block.columns]
    ncols = len(block.columns)
    minimum = block.min_row_height_mm * mm
    rows: list[list[object]] = []
    heights: list[float] = []
    commands: list[tuple] = []
    if block.title:
        title = styles.cell(block.title, bold=True)
        rows.append([title] + [""] * (ncols - 1))
        heights.append(styles.row_height([(title, width)], 0))
        commands.append(("SPAN", (0, 0), (-1, 0)))
    header_rows = len(rows) + 1
    rows.append([styles.header_cell(c.header, w) for c, w in zip(block.columns, widths)])
    heights.append(styles.row_height(list(zip(rows[-1], widths)), 0))
    data = [list(r) for r in block.rows] + [[""] * block.data_width for _ in range(block.blank_rows)]
    for serial, values in enumerate(data, start=1):
        cells = ([str(serial)] if block.numbered else []) + values
        rows.append([styles.body_cell(text, col.align, w) for text, col, w in zip(cells, block.columns, widths)])
        heights.append(styles.row_height(list(zip(rows[-1], widths)), minimum))
    last_commands: list[tuple] = []
    if block.total is not None:
        row: list[object] = []
        placed: list[tuple[object, float]] = []
        start = 0
        for item in block.total:
            cell = styles.cell(item.text, item.align, bold=True)
            row += [cell] + [""] * (item.span - 1)
            placed.append((cell, sum(widths[start:start + item.span])))
            if item.span > 1:
                last_commands.append(("SPAN", (start, -1), (start + item.span - 1, -1)))
            start += item.span
        rows.append(row)
        heights.append(styles.row_height(placed, minimum))
    _check_rows_fit(heights, header_rows, available, name)
    for index, column in enumerate(block.columns):  # for the plain-text cells
        commands.append(("ALIGN", (index, header_rows), (index, -1), column.align.value.upper()))
    style = _base_style(header_rows, styles.song, styles.size, styles.leading) + commands
    return PagedTable(rows[:header_rows], heights[:header_rows], rows[header_rows:], heights[header_rows:],
                      widths, style, last_commands, on_rows=counter.add if counter else None)


def _grid_layout(block: GridBlock) -> list[list[tuple[int, int, object]]]:
    """Place fields left to right in rows of ``pairs_per_row`` pairs: [(pair_start, span, field)]."""
    lines: list[list[tuple[int, int, object]]] = []
    line: list[tuple[int, int, object]] = []
    used = 0
    for item in block.fields:
        if used + item.span > block.pairs_per_row:
            lines.append(line)
            line, used = [], 0
        line.append((used, item.span, item))
        used += item.span
    if line:
        lines.append(line)
    return lines


def _grid_flowable(block: GridBlock, styles: FormStyles, width: float, available: float, name: str) -> Table:
    pair = block.label_width + block.value_width
    label_w = width * block.label_width / (pair * block.pairs_per_row)
    value_w = width * block.value_width / (pair * block.pairs_per_row)
    widths = [label_w, value_w] * block.pairs_per_row
    ncols = len(widths)
    rows: list[list[object]] = []
    heights: list[float] = []
    commands: list[tuple] = []
    header_rows = 0
    if block.title:
        title = styles.cell(block.title, bold=True)
        rows.append([title] + [""] * (ncols - 1))
        heights.append(styles.row_height([(title, width)], 0))
        commands.append(("SPAN", (0, 0), (-1, 0)))
        header_rows = 1
    for line in _grid_layout(block):
        r = len(rows)
        row: list[object] = [""] * ncols
        placed: list[tuple[object, float]] = []
        for index, (start, span, item) in enumerate(line):
            # The last field of a short line stretches to the right edge.
            end_col = ncols - 1 if index == len(line) - 1 else 2 * (start + span) - 1
            label = styles.header_cell(item.label, widths[2 * start], bold=False)
            value = styles.cell(item.value, Align.LEFT, width=sum(widths[2 * start + 1:end_col + 1]))
            row[2 * start], row[2 * start + 1] = label, value
            placed += [(label, widths[2 * start]), (value, sum(widths[2 * start + 1:end_col + 1]))]
            commands.append(("BACKGROUND", (2 * start, r), (2 * start, r), LABEL_SHADE))
            if end_col > 2 * start + 1:
                commands.append(("SPAN", (2 * start + 1, r), (end_col, r)))
        rows.append(row)
        heights.append(styles.row_height(placed, block.min_row_height_mm * mm))
    _check_rows_fit(heights, header_rows, available, name)
    table = Table(rows, colWidths=widths, rowHeights=heights, hAlign="CENTER")
    table.setStyle(TableStyle(_base_style(header_rows, styles.song, styles.size, styles.leading) + commands))
    return table


def _meta_flowable(form: FormDocument, styles: FormStyles, width: float) -> Table:
    per_line = form.meta_per_line
    texts = [_("{label}: {value}").format(label=m.label, value=m.value) for m in form.meta]
    rows = [texts[i:i + per_line] for i in range(0, len(texts), per_line)]
    rows = [[styles.paragraph(t, styles.meta) for t in r] + [""] * (per_line - len(r)) for r in rows]
    table = Table(rows, colWidths=[width / per_line] * per_line, hAlign="CENTER")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.song), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _signature_flowable(labels: Sequence[str], styles: FormStyles, width: float) -> Table:
    """``经办人：______`` for each label, side by side, with a line to sign on."""
    share = width / len(labels)
    label_w = share * 0.4
    row: list[object] = []
    for label in labels:
        row += [styles.paragraph(_("{label}:").format(label=label), styles.cells[(styles.song, Align.RIGHT)]), ""]
    table = Table([row], colWidths=[label_w, share - label_w] * len(labels), rowHeights=[10 * mm], hAlign="CENTER")
    commands = [("FONTNAME", (0, 0), (-1, -1), styles.song), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for index in range(len(labels)):
        commands.append(("LINEBELOW", (2 * index + 1, 0), (2 * index + 1, 0), GRID_WIDTH, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def build_story(form: FormDocument, fonts: FontSet | None = None, progress: Progress | None = None) -> list[Flowable]:
    """The flowables of ``form``; exposed so a caller can add the form to a larger document."""
    styles = FormStyles(fonts or font_set(), form.font_size)
    counter = _RowCounter(form, progress)
    width = page_size(form.orientation)[0] - 2 * MARGIN_SIDE
    available = _frame_height(form.orientation)
    story: list[Flowable] = [styles.paragraph(form.title, styles.title)]
    if form.subtitle:
        story.append(styles.paragraph(form.subtitle, styles.subtitle))
    if form.meta:
        story += [_meta_flowable(form, styles, width), Spacer(1, 1 * mm)]
    for index, block in enumerate(form.blocks):
        if index:
            story.append(Spacer(1, form.block_gap_mm * mm))
        if isinstance(block, TableBlock):
            story.append(_table_flowable(block, styles, width, available, block.title or form.title, counter))
        else:
            story.append(_grid_flowable(block, styles, width, available, block.title or form.title))
    tail: list[Flowable] = []
    if form.notes:
        tail.append(Spacer(1, 2 * mm))
        tail += [styles.paragraph(note, styles.note) for note in form.notes]
    if form.signatures:
        tail += [Spacer(1, 6 * mm), _signature_flowable(form.signatures, styles, width)]
    last = story[-1] if form.blocks else None
    if tail and isinstance(last, PagedTable):
        last.trailer = tail  # the notes and signature lines never stand alone on a page
    elif tail and last is not None:
        story[-1] = KeepTogether([last, *tail])
    else:
        story += tail
    return story


def _page_label(page: int, pages: int) -> str:
    return _("Page {page} of {pages}").format(page=page, pages=pages)


def render_form(form: FormDocument, progress: Progress | None = None) -> bytes:
    """The PDF of ``form`` as bytes (for preview, printing or saving).

    ``progress(done, total)`` is called as each page is laid out, with table rows placed so far out
    of all table rows; to cancel, raise from it (the exception propagates, nothing is produced).
    """
    from unionoffice.i18n import using_language

    if form.language:
        with using_language(form.language):
            return _render_form(form, progress)
    return _render_form(form, progress)


def _render_form(form: FormDocument, progress: Progress | None = None) -> bytes:
    fonts = font_set()
    song = fonts.name(FontRole.SONG)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size(form.orientation),
        leftMargin=MARGIN_SIDE, rightMargin=MARGIN_SIDE, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=form.title, author=form.author, creator="UnionOffice",
        # A TrueType initial font: otherwise every page names Helvetica, which is never embedded.
        initialFontName=song,
    )
    story = build_story(form, fonts, progress)
    if form.page_numbers:
        doc.build(story, canvasmaker=numbered_canvas_maker(_page_label, song))
    else:
        doc.build(story)
    return buffer.getvalue()


def write_form(form: FormDocument, target: str | Path, progress: Progress | None = None) -> Path:
    """Render ``form`` to a PDF file; the file is only written once the whole PDF is ready."""
    path = Path(target)
    path.write_bytes(render_form(form, progress))
    return path


def money_total_row(columns: int, amount_column: int, total_fen: int, label: str | None = None) -> list[Cell]:
    """合计 | 1,500.00 | 大写：壹仟伍佰元整 — a total row for ``TableBlock.total``.

    The label spans the columns before ``amount_column``; the amount in words spans those after it.
    """
    if not 0 < amount_column < columns - 1:
        raise ValueError("the amount column needs a column before it and one after it")
    return [
        Cell(label if label is not None else _("Total"), span=amount_column),
        Cell(format_yuan(total_fen), align=Align.RIGHT),
        Cell(_("In words: {amount}").format(amount=uppercase_amount(total_fen)),
             span=columns - amount_column - 1, align=Align.LEFT),
    ]
