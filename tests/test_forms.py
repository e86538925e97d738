"""Printed forms: page flow, repeated headers, totals in 大写, blank rows, masking, fonts, orientation."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Table

from unionoffice.io import pdf_tounicode
from unionoffice.io.forms import (  # noqa: I001
    Align,
    Cell,
    Column,
    FormDocument,
    FormLayoutError,
    MetaItem,
    Orientation,
    TableBlock,
    build_story,
    mask_id_number,
    money_total_row,
    render_form,
    write_form,
)
from unionoffice.io.forms import samples
from unionoffice.io.forms.paged_table import PagedTable

COLUMNS = [Column("序号", 0.6), Column("姓名", 1.2), Column("部门", 1.8), Column("签到", 1.6)]


def _sheet(rows: int, blank_rows: int = 0, min_row_height_mm: float = 7.0) -> FormDocument:
    data = [[f"会员{i:03d}", "生产一车间", ""] for i in range(rows)]
    block = TableBlock(COLUMNS, data, numbered=True, blank_rows=blank_rows, min_row_height_mm=min_row_height_mm)
    return FormDocument(title="职工培训签到表", meta=[MetaItem("地点", "三楼会议室")], blocks=[block])


def _pages_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def _page_count(pdf: bytes) -> int:
    return len(_pages_text(pdf))


def _tables(form: FormDocument) -> list[Table | PagedTable]:
    return [flowable for flowable in build_story(form) if isinstance(flowable, (Table, PagedTable))]


# --- masking ------------------------------------------------------------------------------

def test_mask_keeps_region_code_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_mask_shows_the_full_number_when_asked():
    assert mask_id_number("11010519491231002X", show_full=True) == "11010519491231002X"


def test_mask_normalises_spaces_and_lower_case_check_letter():
    assert mask_id_number(" 110105 19491231002x ") == "110105********002X"


def test_mask_old_fifteen_digit_number():
    assert mask_id_number("110105491231002") == "110105*****1002"


def test_mask_short_document_number_keeps_only_last_four():
    assert mask_id_number("E12345678") == "*****5678"


def test_mask_empty_values():
    assert (mask_id_number(None), mask_id_number(""), mask_id_number("123")) == ("", "", "***")


# --- model validation ---------------------------------------------------------------------

def test_row_with_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="row 1"):
        TableBlock(COLUMNS, [["张三", "财务部", ""], ["李四", ""]], numbered=True)


def test_total_row_must_cover_every_column():
    with pytest.raises(ValueError):
        TableBlock(COLUMNS, [], numbered=True, total=[Cell("合计", span=2)])


# --- layout -------------------------------------------------------------------------------

def test_page_count_grows_with_rows():
    counts = [_page_count(render_form(_sheet(n))) for n in (5, 60, 200)]
    assert counts[0] == 1
    assert counts[0] < counts[1] < counts[2]


def test_header_row_is_repeated_on_later_pages():
    pages = _pages_text(render_form(_sheet(120)))
    assert len(pages) >= 3
    for text in pages[1:]:
        assert all(header in text for header in ("序号", "姓名", "部门", "签到"))
    assert "职工培训签到表" not in pages[1]  # the title is printed once, the header on every page


def test_page_numbers_show_the_page_count():
    pages = _pages_text(render_form(_sheet(120)))
    last = len(pages)
    assert f"第 1 页 共 {last} 页" in pages[0]
    assert f"第 {last} 页 共 {last} 页" in pages[-1]


def test_blank_rows_are_added_and_numbered_after_the_data():
    form = _sheet(3, blank_rows=5)
    table = _tables(form)[-1]
    assert len(table.rows) == 1 + 3 + 5
    tokens = _pages_text(render_form(form))[0].split()
    assert "8" in tokens and "9" not in tokens


def test_rows_are_tall_enough_to_sign_in():
    form = _sheet(4, blank_rows=2, min_row_height_mm=11)
    heights = _tables(form)[-1].row_heights
    assert all(h >= 11 * mm - 0.01 for h in heights[1:])


def test_long_text_wraps_inside_its_cell_and_grows_the_row():
    long_reason = "因病住院手术治疗，出院后需长期康复，家庭经济负担较重，经小组推荐、工会研究给予慰问" * 2
    block = TableBlock(COLUMNS, [["张三", long_reason, ""], ["李四", "财务部", ""]], numbered=True, min_row_height_mm=7)
    heights = _tables(FormDocument(title="签到表", blocks=[block]))[0].row_heights
    assert heights[1] > 3 * heights[2]
    text = _pages_text(render_form(FormDocument(title="签到表", blocks=[block])))[0]
    assert "经小组推荐" in text.replace("\r\n", "").replace("\n", "")


def test_total_row_shows_figures_and_uppercase_amount():
    text = _pages_text(render_form(samples.relief_sheet(recipients=3)))[0]
    # 500 + 1000 + 800 yuan
    assert "2,300.00" in text
    assert "大写：贰仟叁佰元整" in text
    assert "合计" in text


def test_money_total_row_spans_label_and_words():
    cells = money_total_row(7, 4, 150000)
    assert [c.span for c in cells] == [4, 1, 2]
    assert cells[1].text == "1,500.00" and cells[1].align == Align.RIGHT
    assert cells[2].text == "大写：壹仟伍佰元整"


def test_signature_lines_are_printed_after_the_table():
    text = _pages_text(render_form(samples.relief_sheet(recipients=2)))[0]
    for label in ("经办人：", "审核人：", "工会主席："):
        assert label in text


def test_landscape_form_has_a_landscape_a4_page():
    document = pdfium.PdfDocument(render_form(samples.roster(count=5)))
    width, height = document[0].get_size()
    document.close()
    assert (round(width), round(height)) == (842, 595)


def test_portrait_form_has_a_portrait_a4_page():
    document = pdfium.PdfDocument(render_form(_sheet(2)))
    width, height = document[0].get_size()
    document.close()
    assert (round(width), round(height)) == (595, 842)


def test_roster_prints_masked_id_numbers_unless_asked():
    masked = "".join(_pages_text(render_form(samples.roster(count=3))))
    full = "".join(_pages_text(render_form(samples.roster(count=3, show_full_id=True))))
    assert re.search(r"110105\*{8}\d{3}[\dX]", masked)
    assert not re.search(r"110105\d{11}[\dX]", masked)
    assert re.search(r"110105\d{11}[\dX]", full)


def test_record_sheet_prints_sections_and_family_table():
    text = "".join(_pages_text(render_form(samples.hardship_file())))
    for expected in ("基本情况", "困难情况", "家庭成员情况", "家庭住址", "示例市第二中学", "帮扶记录"):
        assert expected in text


def test_write_form_to_a_path(tmp_path: Path):
    target = tmp_path / "签到表.pdf"
    write_form(_sheet(2), target)
    assert target.read_bytes().startswith(b"%PDF")


# --- fonts and text extraction ------------------------------------------------------------

def test_to_unicode_cmap_writes_supplementary_characters_as_surrogate_pairs():
    cmap = pdf_tounicode.make_to_unicode_cmap("F", [0x5F20, 0x201D4])
    assert "<00> <5F20>" in cmap
    assert "<01> <D840DDD4>" in cmap


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_rare_name_characters_are_extracted_as_themselves(tmp_path: Path):
    target = tmp_path / "sign_in.pdf"
    write_form(samples.sign_in_sheet(attendees=3, blank_rows=0), target)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "王䶮" in text
    assert "张𠇔" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler's pdffonts is not installed")
@pytest.mark.parametrize("make", [samples.roster, samples.sign_in_sheet, samples.relief_sheet, samples.hardship_file])
def test_every_font_is_embedded(tmp_path: Path, make):
    target = tmp_path / "form.pdf"
    write_form(make(), target)
    out = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        # columns: name type encoding emb sub uni object-id; the name and type have no spaces here
        emb = row.split()[-5]
        assert emb == "yes", row


def test_a_row_taller_than_a_page_is_refused_with_its_row_number():
    block = TableBlock(COLUMNS, [["张三", "财务部", ""], ["李四", "情况说明" * 1500, ""]], numbered=True)
    with pytest.raises(FormLayoutError, match="第 2 行内容过长"):
        render_form(FormDocument(title="签到表", blocks=[block]))


def test_short_cell_with_a_character_the_base_font_lacks_switches_font():
    from unionoffice.io.fonts import FontRole, font_set

    fonts = font_set()
    rare = next(ch for ch in "刏𠇔䶮" if not fonts.has_glyph(fonts.name(FontRole.SONG), ch))
    block = TableBlock(COLUMNS, [["王" + rare, "财务部", ""]], numbered=True)
    form = FormDocument(title="签到表", blocks=[block])
    name_cell = _tables(form)[0].rows[1][1]
    assert "<font name=" in name_cell.text  # a Paragraph with markup, not a plain string
    assert fonts.missing_glyphs("王" + rare, fonts.name(FontRole.SONG)) == set()
    assert "王" + rare in _pages_text(render_form(form))[0]


def test_total_row_comes_once_at_the_end_of_a_long_table():
    pages = _pages_text(render_form(samples.relief_sheet(recipients=60)))
    assert len(pages) >= 3
    assert [("大写：" in text) for text in pages] == [False] * (len(pages) - 1) + [True]
    assert all("慰问事由" in text for text in pages)


def test_progress_reports_rows_laid_out_until_all_are_done():
    calls = []
    render_form(_sheet(150, blank_rows=10), progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 3  # once per page
    assert calls[-1] == (160, 160)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_raising_from_progress_cancels_and_writes_no_file(tmp_path: Path):
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    target = tmp_path / "roster.pdf"
    with pytest.raises(Cancelled):
        write_form(samples.roster(count=80), target, progress=cancel)
    assert not target.exists()
