"""Tables near a page end, in our PDF and in our DOCX laid out by LibreOffice: a long table fills the
page and goes on on the next one under its repeated header row (no half-empty page before it); a
short one moves whole, leaving at most about a third of a page; a heading never stays behind alone."""

from __future__ import annotations

import io
import re
import shutil

import docx as python_docx
import pytest
from docx.oxml.ns import qn

from tests.lo_render import LINE_PITCH, SOFFICE, TEXT_BOTTOM, layout_pages, render_docx, text_lines
from unionoffice.reports.document import Document, Heading, Paragraph, Table
from unionoffice.reports.docx_writer import write_docx
from unionoffice.reports.pdf_writer import write_pdf

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="LibreOffice Writer and poppler-utils: scripts/install-system-deps.sh installs them")
TEXT = "全年共举办各类活动，参加职工踊跃，活动形式多样，内容丰富，深受广大职工欢迎和好评，取得了良好效果。" * 2
CAPTION = "表1　各工会小组会员人数"


def _office_summary(paragraphs: int, rows: int, *, intro: bool = True, lines: int = 0) -> Document:
    """A hand-built office's summary: ``paragraphs`` of four lines and one of ``lines`` lines, then the
    组织建设 heading and the table of its ``rows`` groups (100 + i members, 40 + i women, 10 + i
    migrant workers)."""
    blocks: list = [Heading(1, "一、基本情况"), *(Paragraph(TEXT) for _ in range(paragraphs))]
    if lines:
        blocks.append(Paragraph(TEXT[:26 + 28 * (lines - 1)]))
    blocks.append(Heading(2, "（一）组织建设"))
    if intro:
        blocks.append(Paragraph("各工会小组会员人数如下表。"))
    blocks += [Table(CAPTION, ["工会小组", "会员人数", "其中女职工", "其中农民工"],
                     [[f"第{i + 1}工会小组", 100 + i, 40 + i, 10 + i] for i in range(rows)], numeric_columns={1, 2, 3}),
               Paragraph(TEXT)]
    return Document(title="示例公司工会2026年工作总结", blocks=blocks, signature_unit="示例公司工会委员会")


def _both(document: Document, tmp_path) -> list:
    pdf, docx = tmp_path / "summary.pdf", tmp_path / "summary.docx"
    write_pdf(document, pdf)
    write_docx(document, docx)
    return [pdf, render_docx(docx, tmp_path)]


def _page_of(pages: list[list[str]], text: str) -> int:
    return next(i for i, page in enumerate(pages) if any(text in line.replace(" ", "") for line in page))


@needs_libreoffice
def test_a_long_table_fills_the_page_and_repeats_its_header_on_the_next(tmp_path):
    for pdf in _both(_office_summary(8, 15), tmp_path):
        pages, lines = layout_pages(pdf), text_lines(pdf)
        start = _page_of(pages, CAPTION.replace("　", ""))
        rows_here = [line for line in pages[start] if line.startswith("第") and "工会小组" in line]
        rows_next = [line for line in pages[start + 1] if line.startswith("第") and "工会小组" in line]
        assert rows_here and rows_next, (pdf, pages[start][-3:])  # the table does run over the page end
        assert max(bottom for _top, bottom, _text in lines[start]) > TEXT_BOTTOM - 1.5 * LINE_PITCH, pdf
        header = pages[start + 1][0].split()
        assert header == ["工会小组", "会员人数", "其中女职工", "其中农民工"], (pdf, pages[start + 1][:2])
        every_row = [re.match(r"第(\d+)工会小组", line.replace(" ", "")) for page in pages for line in page]
        assert [int(m.group(1)) for m in every_row if m] == list(range(1, 16)), pdf  # each row whole, once, in order


@needs_libreoffice
def test_a_short_table_moves_whole_and_leaves_at_most_a_third_of_a_page(tmp_path):
    for pdf in _both(_office_summary(8, 4, lines=1), tmp_path):  # split 3 + 1 were it not kept whole
        pages, lines = layout_pages(pdf), text_lines(pdf)
        start = _page_of(pages, CAPTION.replace("　", ""))
        assert pages[start][0].replace(" ", "") == CAPTION.replace("　", ""), (pdf, pages[start][:2])
        assert len([line for line in pages[start] if line.startswith("第") and "工会小组" in line]) == 4, pdf
        filled = max(bottom for _top, bottom, _text in lines[start - 1])
        assert TEXT_BOTTOM - filled < 225 / 3 * 72 / 25.4, (pdf, filled)


def test_a_heading_right_above_a_table_goes_with_it_to_the_next_page(tmp_path):
    for paragraphs in range(7, 11):  # one of these puts the heading at a page's last lines
        document = _office_summary(paragraphs, 15, intro=False)
        pdf = tmp_path / f"summary-{paragraphs}.pdf"
        write_pdf(document, pdf)
        pages = layout_pages(pdf)
        heading = _page_of(pages, "（一）组织建设")
        assert _page_of(pages, CAPTION.replace("　", "")) == heading, paragraphs


def test_the_docx_rows_never_split_and_only_a_short_table_is_kept_whole():
    def keep_flags(rows: int) -> tuple[set, list[bool]]:
        out = io.BytesIO()
        write_docx(_office_summary(1, rows), out)
        table = python_docx.Document(io.BytesIO(out.getvalue())).tables[0]
        cant_split = {row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows}
        return cant_split, [bool(row.cells[0].paragraphs[0].paragraph_format.keep_with_next) for row in table.rows]

    cant_split, keep = keep_flags(4)
    assert cant_split == {True} and keep == [True] * 4 + [False]  # header + 3 rows kept with the last
    cant_split, keep = keep_flags(15)
    assert cant_split == {True} and not any(keep)  # no keep-with-next chain over a long table


def test_a_chart_that_moves_to_the_next_page_leaves_at_most_about_a_third_of_a_page(tmp_path):
    from unionoffice.reports.document import BarChart

    gaps = []
    for lines in range(1, 5):
        for paragraphs in (8, 9):
            blocks = [Heading(1, "一、基本情况"), *(Paragraph(TEXT) for _ in range(paragraphs)),
                      Paragraph(TEXT[:26 + 28 * (lines - 1)]),
                      BarChart("各类活动次数", ["文体活动", "劳动竞赛、技能比武", "会议", "其他"], [147, 78, 74, 49], "次"),
                      Paragraph(TEXT)]
            pdf = tmp_path / f"chart-{paragraphs}-{lines}.pdf"
            write_pdf(Document(title="示例公司工会2026年工作总结", blocks=blocks), pdf)
            pages, lines_of = layout_pages(pdf), text_lines(pdf)
            chart = _page_of(pages, "各类活动次数")
            if chart and not any("基本情况" in line for line in pages[chart]):
                before = [bottom for _top, bottom, text in lines_of[chart - 1]]
                gaps.append(TEXT_BOTTOM - max(before))
    assert gaps and max(gaps) < 8 * LINE_PITCH + 1  # a chart is 8 grid lines: 36 % of a page at most
    assert any(gap > 3 * LINE_PITCH for gap in gaps)  # (the chart did move whole in some of them)
