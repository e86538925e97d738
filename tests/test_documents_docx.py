"""The editable DOCX: text, page setup, East Asian font names, heading styles, footers, table."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from PIL import Image

from unionoffice.reports.document import BarChart, Document, Heading, Paragraph, Table
from unionoffice.reports.docx_writer import write_docx
from unionoffice.reports.sample_summary import sample_summary

MM = 36000  # EMU per millimetre


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    path = tmp_path_factory.mktemp("docx") / "summary.docx"
    write_docx(sample_summary(), path)
    return docx.Document(str(path))


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", "", "".join(parts))


def east_asia(element) -> str | None:  # noqa: ANN001
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts")) if element.tag != qn("w:rPr") else element.find(
        qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_docx_contains_every_heading_paragraph_and_table_figure(sample_docx):
    text = all_text(sample_docx)
    for piece in sample_summary().texts():
        if piece in ("技能培训", "安全培训", "宣讲活动", "文体活动", "送温暖"):
            continue  # chart categories are in the chart picture
        assert re.sub(r"\s+", "", piece) in text, piece


def test_page_is_a4_with_gbt9704_margins(sample_docx):
    section = sample_docx.sections[0]
    assert section.page_width == pytest.approx(210 * MM, abs=MM / 10)
    assert section.page_height == pytest.approx(297 * MM, abs=MM / 10)
    assert section.top_margin == pytest.approx(37 * MM, abs=MM / 10)
    assert section.bottom_margin == pytest.approx(35 * MM, abs=MM / 10)
    assert section.left_margin == pytest.approx(28 * MM, abs=MM / 10)
    assert section.right_margin == pytest.approx(26 * MM, abs=MM / 10)


def test_styles_name_chinese_fonts_for_east_asian_text(sample_docx):
    styles = sample_docx.styles
    expected = {"Normal": "仿宋", "Heading 1": "黑体", "Heading 2": "楷体", "Heading 3": "仿宋",
                "Heading 4": "仿宋", "Title": "方正小标宋简体"}  # 宋体 is its stand-in in the font table
    for name, font in expected.items():
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would win over the name


def test_runs_carry_the_east_asian_font_of_their_heading_level(sample_docx):
    wanted = {"Heading 1": "黑体", "Heading 2": "楷体", "Heading 3": "仿宋", "Normal": "仿宋"}
    seen = set()
    for paragraph in sample_docx.paragraphs:
        style = paragraph.style.name
        if style in wanted and paragraph.runs:
            for run in paragraph.runs:
                if not any(ord(ch) > 0x3400 and ord(ch) < 0x4DC0 or ord(ch) > 0xFFFF for ch in run.text):
                    assert east_asia(run._r) == wanted[style], (style, run.text)
            seen.add(style)
    assert seen == set(wanted)


def test_headings_use_word_heading_styles_with_outline_levels(sample_docx):
    by_style = {}
    for paragraph in sample_docx.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"][0] == "一、基本情况"
    assert by_style["Heading 2"][0] == "（一）加强组织建设，夯实工作基础"
    assert by_style["Heading 3"][0] == "1.抓好小组长培训。"
    for level in (1, 2, 3, 4):
        outline = sample_docx.styles[f"Heading {level}"].element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)


def test_body_has_exact_28_95_pt_lines_and_a_two_character_first_line_indent(sample_docx):
    fmt = sample_docx.styles["Normal"].paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    ind = sample_docx.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert sample_docx.styles["Normal"].font.size.pt == 16
    assert sample_docx.styles["Title"].font.size.pt == 22


def test_odd_and_even_footers_hold_a_page_field_at_right_and_left(sample_docx):
    settings = sample_docx.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = sample_docx.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        instructions = [t.text for t in paragraph._p.iter(qn("w:instrText"))]
        assert [i.strip() for i in instructions] == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment == align
        assert east_asia(paragraph.runs[0]._r) == "宋体"


def test_table_is_a_word_table_with_a_repeating_header_and_right_aligned_numbers(sample_docx):
    table = sample_docx.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["项目", "期初人数", "新入会", "转出", "期末人数", "占比"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].text == "1,244"
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT


def test_chart_is_a_picture_with_its_caption_as_text(tmp_path):
    chart = BarChart("图1　活动人次", ["技能培训", "送温暖"], [1120, 96], unit="人次")
    path = tmp_path / "chart.docx"
    write_docx(Document(title="统计", blocks=[Heading(1, "一、图表"), chart]), path)
    document = docx.Document(str(path))
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    picture = Image.open(io.BytesIO(images[0].blob))
    assert picture.width > 1000 and picture.getpixel((picture.width // 2, picture.height // 2)) is not None
    assert "图1　活动人次" in [p.text for p in document.paragraphs]


def test_rare_characters_get_a_font_that_has_them(tmp_path):
    path = tmp_path / "rare.docx"
    write_docx(Document(title="名单", blocks=[Paragraph("王䶮、李𠇔。")]), path)
    runs = {run.text: east_asia(run._r) for p in docx.Document(str(path)).paragraphs for run in p.runs}
    assert runs["𠇔"] == "SimSun-ExtB"
    assert runs["䶮"] == "宋体"
    assert runs["王"] == "仿宋"


def test_signature_and_unpadded_date_at_the_right(tmp_path):
    path = tmp_path / "sig.docx"
    write_docx(Document(title="总结", blocks=[Paragraph("正文。")], signature_unit="示例工会委员会",
                        date=dt.date(2026, 7, 5)), path)
    paragraphs = docx.Document(str(path)).paragraphs
    unit, date = paragraphs[-2], paragraphs[-1]
    assert (unit.text, date.text) == ("示例工会委员会", "2026年7月5日")
    assert unit.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraphs[-3].text == ""  # one blank line under the body


def test_writes_to_a_binary_stream():
    buffer = io.BytesIO()
    write_docx(Document(title="总结", blocks=[Paragraph("正文。")]), buffer)
    assert docx.Document(io.BytesIO(buffer.getvalue())).paragraphs[0].text == "总结"


def test_long_title_gets_a_line_break_between_words(tmp_path: Path):
    path = tmp_path / "title.docx"
    write_docx(Document(title="示例市演示机械有限公司工会2026年上半年工作总结"), path)
    title = docx.Document(str(path)).paragraphs[0]
    assert title.style.name == "Title"
    assert title.text == "示例市演示机械有限公司\n工会2026年上半年工作总结"


def test_table_is_real_not_text(tmp_path):
    table = Table("表1", ["项目", "人数"], [["会员", 3]], frozenset({1}))
    path = tmp_path / "t.docx"
    write_docx(Document(title="", blocks=[table]), path)
    assert len(docx.Document(str(path)).tables) == 1


def test_paragraph_and_run_properties_are_in_schema_order(tmp_path):
    """Word refuses a file whose w:pPr / w:rPr children are out of order; LibreOffice does not care."""
    import zipfile

    from lxml import etree

    from unionoffice.reports.docx_styles import _PPR_ORDER, _RPR_ORDER

    path = tmp_path / "order.docx"
    write_docx(sample_summary(), path)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    checked = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(archive.read(name))
            for tag, order in (("pPr", _PPR_ORDER), ("rPr", _RPR_ORDER)):
                for element in root.iter(w + tag):
                    names = [c.tag[len(w):] for c in element if c.tag.startswith(w)]
                    positions = [order.index(n) for n in names if n in order]
                    assert positions == sorted(positions), (name, tag, names)
                    checked += 1
    assert checked > 50
