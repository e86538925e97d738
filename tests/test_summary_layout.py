"""Layout rules of the summary: title break positions and shapes (GB/T 9704 7.3.1)."""

from __future__ import annotations

from unionoffice.reports.cjk_breaking import title_lines
from unionoffice.reports.gbt9704 import em_width


def _title(text: str, width: float = 20) -> list[str]:
    return [line.text for line in title_lines(text, width, em_width)]


def test_the_title_never_breaks_inside_工会委员会():
    assert _title("示例市演示机械有限公司工会委员会2026年上半年工作总结") == [
        "示例市演示机械有限公司", "工会委员会2026年上半年工作总结"]


def test_a_two_line_title_is_a_trapezoid_short_line_on_top():
    first, second = title_lines("示例市第一人民医院工会委员会2026年工作总结", 16, em_width)
    assert first.width <= second.width
    assert (first.text, second.text) == ("示例市第一人民医院", "工会委员会2026年工作总结")


def test_the_title_never_breaks_inside_a_year_or_its_half():
    for width in range(12, 22):
        for line in _title("示例市演示机械有限公司工会委员会女职工委员会2026年上半年工作总结", width):
            assert not line.startswith(("年", "半年", "委员会", "6年")), (width, line)
            assert not line.endswith(("202", "工会委", "上")), (width, line)


def test_a_title_too_long_for_two_lines_takes_three_in_a_diamond_or_trapezoid():
    lines = title_lines("示例市演示机械集团有限责任公司第二分公司工会委员会女职工委员会2026年上半年工作总结", 16, em_width)
    assert len(lines) == 3
    top, middle, bottom = (line.width for line in lines)
    assert (middle >= top and middle >= bottom) or (top <= middle <= bottom)


def _docx_parts(tmp_path):
    import zipfile

    from unionoffice.reports.document import Document, Heading, Paragraph
    from unionoffice.reports.docx_writer import write_docx

    path = tmp_path / "s.docx"
    write_docx(Document(title="示例厂工会委员会2026年上半年工作总结",
                        blocks=[Heading(1, "一、基本情况"), Heading(2, "（一）组织建设"), Paragraph("截至2026年6月30日。")],
                        signature_unit="示例厂工会"), path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml")}


def test_the_docx_font_table_lists_the_fonts_the_summary_uses(tmp_path):
    import re

    table = _docx_parts(tmp_path)["word/fontTable.xml"]
    assert set(re.findall(r'w:name="([^"]*)"', table)) == {"仿宋", "宋体", "黑体", "楷体", "方正小标宋简体"}


def test_the_docx_title_names_方正小标宋简体_with_宋体_as_its_stand_in(tmp_path):
    parts = _docx_parts(tmp_path)
    title = parts["word/styles.xml"].split('w:styleId="Title"')[1].split("</w:style>")[0]
    assert 'w:eastAsia="方正小标宋简体"' in title
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in parts["word/fontTable.xml"]


def test_the_docx_says_chinese_dates_now_and_this_program(tmp_path):
    import datetime as dt

    parts = _docx_parts(tmp_path)
    assert 'w:eastAsia="zh-CN"' in parts["word/settings.xml"].split("themeFontLang")[1][:80]
    assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{dt.datetime.now(dt.timezone.utc):%Y-%m-%d}" in parts["docProps/core.xml"]
    assert "<Application>UnionOffice</Application>" in parts["docProps/app.xml"]


def test_the_heading_character_styles_are_not_blue_calibri(tmp_path):
    styles = _docx_parts(tmp_path)["word/styles.xml"]
    for style_id in ("Heading1Char", "Heading2Char", "TitleChar"):
        style = styles.split(f'w:styleId="{style_id}"')[1].split("</w:style>")[0]
        assert "365F91" not in style and "majorHAnsi" not in style and 'w:color w:val="000000"' in style, style_id


def test_a_paragraph_never_leaves_a_single_line_at_the_foot_or_head_of_a_page():
    from unionoffice.io.fonts import FontRole, font_set
    from unionoffice.reports import gbt9704 as g
    from unionoffice.reports.pdf_text import GridText, TextMeasure, TextStyle

    fonts = font_set()
    style = TextStyle(fonts.name(FontRole.FANGSONG), g.BODY_SIZE, g.LINE_PITCH, char_space=g.CHAR_PITCH - g.BODY_SIZE)
    measure = TextMeasure(fonts)
    five_lines = GridText("职" * (28 * 4 + 10), style, measure)
    five_lines.wrap(g.TEXT_WIDTH, 1000)
    assert five_lines.split(g.TEXT_WIDTH, 1.2 * g.LINE_PITCH) == []  # one line would be alone: all move on
    head, tail = five_lines.split(g.TEXT_WIDTH, 4.5 * g.LINE_PITCH)  # four lines fit: three stay, two go
    assert len(head._layout(g.TEXT_WIDTH)) == 3 and len(tail._layout(g.TEXT_WIDTH)) == 2
    three_lines = GridText("职" * (28 * 2 + 10), style, measure)
    three_lines.wrap(g.TEXT_WIDTH, 1000)
    assert three_lines.split(g.TEXT_WIDTH, 2.5 * g.LINE_PITCH) == []


def test_the_docx_body_style_keeps_widows_and_orphans_away(tmp_path):
    styles = _docx_parts(tmp_path)["word/styles.xml"]
    normal = styles.split('w:styleId="Normal"')[1].split("</w:style>")[0]
    assert '<w:widowControl w:val="1"/>' in normal


def test_the_docx_turns_the_space_between_chinese_and_digits_off_for_every_paragraph(tmp_path):
    styles = _docx_parts(tmp_path)["word/styles.xml"]
    defaults = styles.split("<w:pPrDefault>")[1].split("</w:pPrDefault>")[0]
    normal = styles.split('w:styleId="Normal"')[1].split("</w:style>")[0]
    for part in (defaults, normal):
        assert '<w:autoSpaceDE w:val="0"/>' in part and '<w:autoSpaceDN w:val="0"/>' in part


def test_the_stand_in_title_face_is_drawn_heavier_than_the_body(tmp_path):
    """Without 方正小标宋 the title's light Ming face gets an outline: the title inks clearly more of
    the page than the same title drawn without it."""
    import subprocess

    from unionoffice.io.fonts import FontRole, font_set
    from unionoffice.reports import pdf_writer
    from unionoffice.reports.document import Document

    assert font_set().name(FontRole.TITLE) != pdf_writer.XIAOBIAOSONG_FONT  # the bundled stand-in

    def inked(stroke: float) -> int:
        pdf = tmp_path / f"title-{stroke}.pdf"
        original = pdf_writer.TITLE_FALLBACK_STROKE
        pdf_writer.TITLE_FALLBACK_STROKE = stroke
        try:
            pdf_writer.write_pdf(Document(title="工会工作总结"), pdf)
        finally:
            pdf_writer.TITLE_FALLBACK_STROKE = original
        subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", "-y", "90", "-H", "50", str(pdf),
                        str(pdf.with_suffix(""))], check=True)
        pgm = pdf.with_name(pdf.stem + "-1.pgm").read_bytes()
        pixels = pgm.split(b"\n", 3)[3]
        return sum(1 for value in pixels if value < 128)

    assert pdf_writer.TITLE_FALLBACK_STROKE > 0
    assert inked(pdf_writer.TITLE_FALLBACK_STROKE) > 1.2 * inked(0.0) > 0
