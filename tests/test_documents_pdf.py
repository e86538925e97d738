"""The GB/T 9704 PDF: text, embedded fonts, page geometry, page numbers, line breaking."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from unionoffice.io.fonts import font_set
from unionoffice.reports.cjk_breaking import CANNOT_END, CANNOT_START
from unionoffice.reports.document import BarChart, Document, Heading, PageBreak, Paragraph, Table
from unionoffice.reports.pdf_writer import write_pdf
from unionoffice.reports.sample_summary import sample_summary

MM = 72 / 25.4

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@dataclass
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def words(pdf: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """Page sizes and every word's box (points from the top left) from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages: list[tuple[float, float]] = []
    found: list[Word] = []
    for line in out.splitlines():
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if page:
            pages.append((float(page.group(1)), float(page.group(2))))
            continue
        word = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if word:
            box = [float(word.group(i)) for i in range(1, 5)]
            found.append(Word(len(pages), *box, html.unescape(word.group(5))))
    return pages, found


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def without_page_numbers(text: str) -> str:
    return re.sub(r"—\s*\d+\s*—", "", text)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    write_pdf(sample_summary(), path)
    return path


def test_pdf_contains_every_heading_paragraph_and_table_figure(sample_pdf):
    text = squeeze(without_page_numbers(pdftotext(sample_pdf)))
    for piece in sample_summary().texts():
        for part in piece.split():  # “表1　…”: pdftotext may order the parts apart
            assert part in text, piece


def test_rare_name_characters_print_with_a_font_that_has_them(sample_pdf):
    text = pdftotext(sample_pdf)
    assert "王䶮" in text and "李𠇔" in text
    fonts = font_set()
    everything = "".join(sample_summary().texts())
    assert fonts.missing_glyphs(everything, fonts.name(next(iter(fonts.roles)))) == set()


def test_every_font_is_embedded_as_a_subset(sample_pdf):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts not installed")
    out = subprocess.run(["pdffonts", str(sample_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_ = row.split()
        assert re.match(r"[A-Z]{6}\+", name), row  # subset prefix
        assert " yes yes yes " in row, row  # emb sub uni


def test_page_is_a4(sample_pdf):
    pages, _ = words(sample_pdf)
    for width, height in pages:
        assert width == pytest.approx(210 * MM, abs=0.5)
        assert height == pytest.approx(297 * MM, abs=0.5)


def test_text_block_starts_at_the_top_and_left_margins(sample_pdf):
    _, found = words(sample_pdf)
    first_page = [w for w in found if w.page == 1]
    title = min(first_page, key=lambda w: w.y_min)
    assert title.y_min == pytest.approx(37 * MM, abs=1 * MM)
    # The first paragraph's second line starts at the left margin and is justified to the right one.
    body = [w for w in first_page if w.text.startswith("围绕公司年度")][0]
    assert body.x_min == pytest.approx(28 * MM, abs=1 * MM)
    assert body.x_max == pytest.approx((210 - 26) * MM, abs=1 * MM)


def test_paragraphs_are_indented_two_characters(sample_pdf):
    _, found = words(sample_pdf)
    first_line = [w for w in found if w.text.startswith("2026年上半年，公司工会")][0]
    assert first_line.x_min == pytest.approx(28 * MM + 2 * 156 * MM / 28, abs=1 * MM)


def test_a_full_page_has_22_lines_of_28_characters(tmp_path):
    text = "职工之家建设" * 200
    path = tmp_path / "grid.pdf"
    write_pdf(Document(title="", blocks=[Paragraph(text)]), path)
    _, found = words(path)
    block_bottom = (297 - 35) * MM
    body = [w for w in found if w.page == 1 and w.y_max < block_bottom]
    rows = sorted({round(w.y_min, 1) for w in body})
    assert len(rows) == 22
    second_row = "".join(w.text for w in body if round(w.y_min, 1) == rows[1])
    assert len(second_row) == 28
    pitch = (rows[-1] - rows[0]) / 21
    assert pitch == pytest.approx(28.95, abs=0.05)


def two_page_document() -> Document:
    return Document(title="工作总结", blocks=[Paragraph("第一页。"), PageBreak(), Paragraph("第二页。")],
                    signature_unit="示例工会", date=dt.date(2026, 7, 5))


def test_page_numbers_odd_right_even_left_below_the_text_block(tmp_path):
    path = tmp_path / "two.pdf"
    write_pdf(two_page_document(), path)
    pages, found = words(path)
    assert len(pages) == 2
    numbers = {}
    for w in found:
        if w.text in {"1", "2"}:
            numbers[w.page] = w
    assert set(numbers) == {1, 2}
    layout = pdftotext(path, "-layout")
    assert "— 1 —" in layout and "— 2 —" in layout
    assert numbers[1].x_min > numbers[2].x_min
    assert numbers[1].x_max < (210 - 26) * MM  # one character in from the right edge of the block
    assert numbers[2].x_min > 28 * MM
    # The number's top sits 7 mm below the text block (which ends 35 mm above the page's bottom).
    assert numbers[1].y_min == pytest.approx((297 - 35 + 7) * MM, abs=1.5 * MM)


def test_signature_and_date_at_the_right_with_an_unpadded_date(tmp_path):
    path = tmp_path / "two.pdf"
    write_pdf(two_page_document(), path)
    _, found = words(path)
    date = [w for w in found if w.text == "2026年7月5日"][0]
    unit = [w for w in found if w.text == "示例工会"][0]
    assert date.x_max == pytest.approx((210 - 26) * MM - 2 * 156 * MM / 28, abs=1 * MM)
    assert unit.x_min < date.x_min  # the unit name starts left of the longer date (GB/T 9704 7.3.5.2)
    assert date.y_min > unit.y_min


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(tmp_path):
    # Each paragraph puts a comma, then an opening quote, exactly where a line would end or begin.
    blocks = []
    for shift in range(24, 31):
        blocks.append(Paragraph("职" * shift + "，工会" + "会" * 20 + "“职工之家”建设，" + "员" * shift + "。"))
    path = tmp_path / "kinsoku.pdf"
    write_pdf(Document(title="", blocks=blocks), path)
    layout = pdftotext(path, "-layout")
    checked = 0
    for line in layout.splitlines():
        line = line.strip()
        if not line or line.startswith("—"):
            continue
        checked += 1
        assert line[0] not in CANNOT_START, line
        assert line[-1] not in CANNOT_END, line
    assert checked > 20


def test_reportlab_cjk_wrap_alone_would_start_a_line_with_a_comma():
    """Why the writer breaks lines itself: reportlab 4–5's wordWrap='CJK' lacks ，；：？！》” in its
    line-start rules. If this starts failing, reportlab fixed it and cjk_breaking could go."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph

    from unionoffice.io.fonts import FontRole

    font = font_set().name(FontRole.FANGSONG)
    style = ParagraphStyle("cjk", fontName=font, fontSize=16, leading=29, wordWrap="CJK")
    paragraph = RLParagraph("职" * 28 + "，后文", style)
    paragraph.wrap(28 * 16 + 0.5, 1000)
    second_line = "".join(paragraph.blPara.lines[1][1])  # CJK lines are (extra space, [text])
    assert second_line.startswith("，")


def test_long_table_repeats_its_header_on_the_next_page(tmp_path):
    rows = [[f"第{i}工会小组", i, i * 2] for i in range(1, 41)]
    table = Table("表1　各小组会员人数", ["工会小组", "会员", "女会员"], rows, frozenset({1, 2}))
    path = tmp_path / "table.pdf"
    write_pdf(Document(title="统计", blocks=[table]), path)
    pages, found = words(path)
    assert len(pages) >= 2
    header_pages = {w.page for w in found if w.text == "工会小组"}
    assert header_pages == set(range(1, len(pages) + 1))
    assert "第40工会小组" in pdftotext(path)


def test_table_numbers_are_right_aligned(tmp_path):
    table = Table("表1", ["项目", "人数"], [["会员", 1286], ["女会员", 5]], frozenset({1}))
    path = tmp_path / "table.pdf"
    write_pdf(Document(title="", blocks=[table]), path)
    _, found = words(path)
    big = [w for w in found if w.text == "1,286"][0]
    small = [w for w in found if w.text == "5"][0]
    assert big.x_max == pytest.approx(small.x_max, abs=0.5)


def test_chart_labels_and_caption_are_text(tmp_path):
    chart = BarChart("图1　活动人次", ["技能培训", "送温暖"], [1120, 96], unit="人次")
    path = tmp_path / "chart.pdf"
    write_pdf(Document(title="", blocks=[Heading(1, "一、图表"), chart]), path)
    text = pdftotext(path)
    for piece in ("技能培训", "送温暖", "1,120", "96", "图1", "单位：人次"):
        assert piece in text


def test_writes_to_a_binary_stream():
    import io

    buffer = io.BytesIO()
    write_pdf(two_page_document(), buffer)
    assert buffer.getvalue().startswith(b"%PDF")


def test_spaces_a_clerk_typed_to_indent_do_not_double_the_indent(tmp_path):
    path = tmp_path / "spaces.pdf"
    write_pdf(Document(title="", blocks=[Paragraph("\u3000\u3000工会正文。  ")]), path)
    _, found = words(path)
    first = [w for w in found if "工会正文" in w.text][0]
    assert first.x_min == pytest.approx(28 * MM + 2 * 156 * MM / 28, abs=1 * MM)
