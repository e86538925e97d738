"""Write a Document as a PDF laid out per GB/T 9704-2012 (reportlab, embedded font subsets)."""

from __future__ import annotations

import os
from typing import BinaryIO

from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate, Spacer
from reportlab.platypus import PageBreak as RLPageBreak

from unionoffice import __version__
from unionoffice.i18n import format_date, using_language
from unionoffice.io.fonts import FontRole, FontSet, font_set
from unionoffice.reports import gbt9704 as g
from unionoffice.reports.document import BarChart, Document, Heading, PageBreak, Paragraph, Table, typed_text
from unionoffice.reports.pdf_blocks import CHART_HEIGHT, SHORT_TABLE_ROWS, chart_flowable, table_flowables
from unionoffice.reports.pdf_text import IDEOGRAPHIC_ASCENT, Align, GridText, TextMeasure, TextStyle

# 一、 黑体 · （一） 楷体 · 1. and （1） 仿宋
HEADING_FONT_ROLES = {1: FontRole.HEI, 2: FontRole.KAI, 3: FontRole.FANGSONG, 4: FontRole.FANGSONG}
GRID_CHAR_SPACE = g.CHAR_PITCH - g.BODY_SIZE  # squeezes 28 characters of 16 pt into 156 mm
XIAOBIAOSONG_FONT = "FZXiaoBiaoSong"  # the registered name of Windows' 方正小标宋简体 (io/fonts.py)
TITLE_FALLBACK_STROKE = 0.7  # points, at 22 pt: about what 方正小标宋 adds to a light Song stroke


def page_number_text(page: int) -> str:
    return f"— {page} —"


def _opening_lines(block: object) -> int:
    """Grid lines a heading keeps with itself of the block that follows it: two lines of text; a
    long table's caption, header and two rows; a short table or a chart whole (they move whole)."""
    if isinstance(block, Table):
        return len(block.rows) + 2 if len(block.rows) <= SHORT_TABLE_ROWS else 4
    if isinstance(block, BarChart):
        return round(CHART_HEIGHT / g.LINE_PITCH) + 1
    return 2


class _Writer:
    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.measure = TextMeasure(fonts)

    def body_style(self, role: FontRole) -> TextStyle:
        return TextStyle(self.fonts.name(role), g.BODY_SIZE, g.LINE_PITCH, char_space=GRID_CHAR_SPACE,
                         first_indent=g.INDENT_CHARS * g.CHAR_PITCH)

    def story(self, document: Document) -> list[Flowable]:
        title_font = self.fonts.name(FontRole.TITLE)
        # 小标宋 is a heavy Song face; the Song/Ming faces standing in for it are light, so their
        # strokes are thickened by an outline to read as a 标宋 title does.
        stroke = 0.0 if title_font == XIAOBIAOSONG_FONT else TITLE_FALLBACK_STROKE
        title_style = TextStyle(title_font, g.TITLE_SIZE, g.LINE_PITCH, align=Align.CENTRE, balanced=True,
                                stroke=stroke)
        story: list[Flowable] = []
        if document.title:
            story += [GridText(document.title, title_style, self.measure), Spacer(0, g.LINE_PITCH)]
        blocks = document.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, Heading) and not (i and isinstance(blocks[i - 1], Heading)):
                # A heading never ends a page: it and the headings right after it need room for
                # themselves plus the start of what follows, else they start the next page.
                run = next((j for j in range(i, len(blocks)) if not isinstance(blocks[j], Heading)), len(blocks))
                following = blocks[run] if run < len(blocks) else None
                story.append(CondPageBreak((run - i + _opening_lines(following)) * g.LINE_PITCH))
            story += self.block(block)
        story += self.signature(document)
        return story

    def block(self, block: object) -> list[Flowable]:
        if isinstance(block, Heading):
            style = self.body_style(HEADING_FONT_ROLES[block.level])
            return [GridText(typed_text(block.text), style, self.measure)]
        if isinstance(block, Paragraph):
            return [GridText(typed_text(block.text), self.body_style(FontRole.FANGSONG), self.measure)]
        if isinstance(block, Table):
            return table_flowables(block, self.fonts, self.measure)
        if isinstance(block, BarChart):
            return [chart_flowable(block, self.fonts, self.measure)]
        if isinstance(block, PageBreak):
            return [RLPageBreak()]
        raise TypeError(f"not a document block: {block!r}")

    def signature(self, document: Document) -> list[Flowable]:
        date = format_date(document.date)
        if not document.signature_unit and not date:
            return []
        font = self.fonts.name(FontRole.FANGSONG)
        placement = g.place_signature(
            self.measure.raw(document.signature_unit, font, g.BODY_SIZE) if document.signature_unit else 0.0,
            self.measure.raw(date, font, g.BODY_SIZE) if date else 0.0,
            g.CHAR_PITCH)
        lines: list[Flowable] = [Spacer(0, g.LINE_PITCH)]
        for text, gap in ((document.signature_unit, placement.unit_gap), (date, placement.date_gap)):
            if text:
                style = TextStyle(font, g.BODY_SIZE, g.LINE_PITCH, char_space=0.0, right_indent=gap,
                                  align=Align.RIGHT)
                lines.append(GridText(text, style, self.measure))
        return [KeepTogether(lines)]

    def draw_page_number(self, canvas, doc) -> None:  # noqa: ANN001 (reportlab callback)
        page = canvas.getPageNumber()
        text = page_number_text(page)
        font = self.fonts.name(FontRole.SONG)
        size = g.PAGE_NUMBER_SIZE
        width = self.measure.raw(text, font, size)
        if page % 2:
            x = g.PAGE_WIDTH - g.RIGHT_MARGIN - size - width  # odd: right, one character in
        else:
            x = g.LEFT_MARGIN + size  # even: left, one character in
        baseline = g.BOTTOM_MARGIN - g.PAGE_NUMBER_GAP - IDEOGRAPHIC_ASCENT * size
        canvas.saveState()
        text_object = canvas.beginText(x, baseline)
        for run_font, piece in self.measure.runs(text, font):
            text_object.setFont(run_font, size)
            text_object.textOut(piece)
        canvas.drawText(text_object)
        canvas.restoreState()


def write_pdf(document: Document, target: str | os.PathLike[str] | BinaryIO) -> None:
    """Lay ``document`` out on A4 per GB/T 9704 and write the PDF to a path or binary stream."""
    with using_language(document.language):
        _write_pdf(document, target)


def _write_pdf(document: Document, target: str | os.PathLike[str] | BinaryIO) -> None:
    writer = _Writer(font_set())
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    doc = BaseDocTemplate(
        target,
        pagesize=(g.PAGE_WIDTH, g.PAGE_HEIGHT),
        leftMargin=g.LEFT_MARGIN, rightMargin=g.RIGHT_MARGIN,
        topMargin=g.TOP_MARGIN, bottomMargin=g.BOTTOM_MARGIN,
        title=document.title, author=document.signature_unit,
        creator=f"UnionOffice {__version__}",
        # Otherwise every page starts in Helvetica, an unembedded font the document never shows.
        initialFontName=writer.fonts.name(FontRole.FANGSONG),
        initialFontSize=g.BODY_SIZE,
    )
    frame = Frame(g.LEFT_MARGIN, g.BOTTOM_MARGIN, g.TEXT_WIDTH, g.TEXT_HEIGHT,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=writer.draw_page_number)])
    doc.build(writer.story(document))
