"""Write a Document as an editable DOCX with the GB/T 9704 layout (python-docx)."""

from __future__ import annotations

import io
import os
from typing import BinaryIO

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from unionoffice import __version__
from unionoffice.domain.text_rules import xml_safe
from unionoffice.i18n import format_date, using_language
from unionoffice.io.fonts import FontRole
from unionoffice.reports import gbt9704 as g
from unionoffice.reports.cjk_breaking import title_lines
from unionoffice.reports.docx_package import finish_package
from unionoffice.reports.docx_styles import (
    FIGURE, HEADING_ROLES, TABLE_CAPTION, TABLE_NOTE, TABLE_TEXT, WORD_FONT_NAMES, XIAOBIAOSONG,
    pt_to_emu, set_run_fonts, setup_page, setup_styles,
)
from unionoffice.reports.document import BarChart, Document, Heading, PageBreak, Paragraph, Table, typed_text
from unionoffice.reports.gbt9704 import CELL_PADDING, CHART_HEIGHT, SHORT_TABLE_ROWS, cell_text

EXT_B_FONT = "SimSun-ExtB"  # Windows' font for CJK Extension B and later (𠇔)
EXT_A_FONT = "宋体"  # SimSun covers Extension A (䶮); FangSong, SimHei and KaiTi do not


def _rare_font(ch: str) -> str | None:
    code = ord(ch)
    if code > 0xFFFF:
        return EXT_B_FONT
    if 0x3400 <= code <= 0x4DBF:
        return EXT_A_FONT
    return None


def add_text(paragraph, text: str, font: str) -> None:  # noqa: ANN001
    """Runs in ``font`` (named for East Asian text); rare characters get a font that has them;
    a newline becomes a line break; characters XML cannot hold (a pasted vertical tab) are dropped."""
    for number, line in enumerate(xml_safe(text).split("\n")):
        if number:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        pieces: list[tuple[str, str]] = []
        for ch in line:
            wanted = _rare_font(ch) or font
            if pieces and pieces[-1][0] == wanted:
                pieces[-1] = (wanted, pieces[-1][1] + ch)
            else:
                pieces.append((wanted, ch))
        for piece_font, piece in pieces:
            run = paragraph.add_run(piece)
            set_run_fonts(run._r.get_or_add_rPr(), piece_font)


def _em_measure(size: float):  # noqa: ANN202
    return lambda text: g.em_width(text) * size


class _Writer:
    def __init__(self, document: DocxDocument, title_font: str) -> None:
        self.doc = document
        self.title_font = title_font
        # Style name → id, looked up once: python-docx searches every style twice per assignment
        # (a quarter of the DOCX's time). The default paragraph style is left implicit, as it does.
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._style_ids = {s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self._style_ids[default.name] = None

    def styled(self, paragraph, style: str):  # noqa: ANN001, ANN201
        """``paragraph`` with the paragraph style named ``style`` (as ``paragraph.style = style``)."""
        paragraph._p.style = self._style_ids[style]
        return paragraph

    def add_paragraph(self, style: str):  # noqa: ANN201
        return self.styled(self.doc.add_paragraph(), style)

    def paragraph(self, text: str, style: str, font: str):  # noqa: ANN201
        paragraph = self.add_paragraph(style)
        add_text(paragraph, text, font)
        return paragraph

    def title(self, text: str) -> None:
        # Break a long title where the PDF does (between words), with a manual line break.
        lines = title_lines(text, g.TEXT_WIDTH, _em_measure(g.TITLE_SIZE))
        self.paragraph("\n".join(line.text for line in lines), "Title", self.title_font)
        self.add_paragraph("Normal")  # GB/T 9704: one blank line under the title

    def block(self, block: object) -> None:
        if isinstance(block, Heading):
            self.paragraph(typed_text(block.text), f"Heading {block.level}", WORD_FONT_NAMES[HEADING_ROLES[block.level]])
        elif isinstance(block, Paragraph):
            self.paragraph(typed_text(block.text), "Normal", WORD_FONT_NAMES[FontRole.FANGSONG])
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, BarChart):
            self.chart(block)
        elif isinstance(block, PageBreak):
            self.add_paragraph("Normal").add_run().add_break(WD_BREAK.PAGE)
        else:
            raise TypeError(f"not a document block: {block!r}")

    def table(self, table: Table) -> None:
        self.paragraph(table.caption, TABLE_CAPTION, WORD_FONT_NAMES[FontRole.HEI])
        rows = [[cell_text(c) for c in row] for row in table.rows]
        widths = g.column_widths(table.columns, rows, table.numeric_columns, g.TEXT_WIDTH,
                                 _em_measure(g.TABLE_SIZE), CELL_PADDING + 2)
        grid = self.doc.add_table(rows=1 + len(rows), cols=len(table.columns))
        grid.style = self.doc.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        header = grid.rows[0]
        # Repeat the header row on every page the table runs onto.
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        # No row splits across pages; a short table moves whole (each row kept with the next),
        # a long one splits between rows.
        keep_whole = len(rows) <= SHORT_TABLE_ROWS
        for row in grid.rows:
            row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
        for r, values in enumerate([list(table.columns), *rows]):
            for c, value in enumerate(values):
                cell = grid.cell(r, c)
                cell.width = pt_to_emu(widths[c])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                self.styled(paragraph, TABLE_TEXT)
                if keep_whole and r < len(rows):
                    paragraph.paragraph_format.keep_with_next = True
                if r == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    add_text(paragraph, value, WORD_FONT_NAMES[FontRole.HEI])
                else:
                    if c in table.numeric_columns:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    add_text(paragraph, value, WORD_FONT_NAMES[FontRole.FANGSONG])
        for c, column in enumerate(grid.columns):
            column.width = pt_to_emu(widths[c])
        if table.note:
            self.paragraph(table.note, TABLE_NOTE, WORD_FONT_NAMES[FontRole.FANGSONG])
        self.add_paragraph("Normal")

    def chart(self, chart: BarChart) -> None:
        from unionoffice.io.fonts import font_set  # reportlab's metrics measure the labels: only with a chart
        from unionoffice.reports.chart_png import chart_png

        png = chart_png(chart, font_set(), g.TEXT_WIDTH, CHART_HEIGHT)
        picture = self.add_paragraph(FIGURE)
        picture.add_run().add_picture(io.BytesIO(png), width=pt_to_emu(g.TEXT_WIDTH))
        self.paragraph(chart.title, TABLE_CAPTION, WORD_FONT_NAMES[FontRole.HEI]).paragraph_format.keep_with_next = False

    def signature(self, unit: str, date: str) -> None:
        if not unit and not date:
            return
        body = WORD_FONT_NAMES[FontRole.FANGSONG]
        measure = _em_measure(g.BODY_SIZE)
        placement = g.place_signature(measure(unit), measure(date), g.CHAR_PITCH)
        self.add_paragraph("Normal")  # 正文下空一行
        for text, gap in ((unit, placement.unit_gap), (date, placement.date_gap)):
            if text:
                paragraph = self.paragraph(text, "Normal", body)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.right_indent = pt_to_emu(gap)
                ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
                ind.set(qn("w:firstLineChars"), "0")
                paragraph.paragraph_format.keep_with_next = text == unit


def write_docx(document: Document, target: str | os.PathLike[str] | BinaryIO) -> None:
    """Write ``document`` as a DOCX with the GB/T 9704 page, styles and page numbers."""
    with using_language(document.language):
        _write_docx(document, target)


def _write_docx(document: Document, target: str | os.PathLike[str] | BinaryIO) -> None:
    out = docx.Document()
    # 方正小标宋简体 whether or not this PC has it (the clerk's Word or WPS may): the font table names
    # 宋体 as its stand-in for a PC without it.
    title_font = XIAOBIAOSONG
    setup_styles(out, title_font)
    setup_page(out)
    out.core_properties.title = xml_safe(document.title)[:255]  # the DOCX limit
    out.core_properties.author = xml_safe(document.signature_unit)[:255]
    out.core_properties.comments = f"UnionOffice {__version__}"
    writer = _Writer(out, title_font)
    if document.title:
        writer.title(document.title)
    for block in document.blocks:
        writer.block(block)
    writer.signature(document.signature_unit, format_date(document.date))
    finish_package(out, {"Normal": WORD_FONT_NAMES[FontRole.FANGSONG], "Title": title_font,
                         **{f"Heading{level}": WORD_FONT_NAMES[role] for level, role in HEADING_ROLES.items()}},
                   stand_ins={XIAOBIAOSONG: WORD_FONT_NAMES[FontRole.TITLE]})
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    out.save(target)
