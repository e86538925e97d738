"""Printed forms: cells break lines by the summary's rules, column labels wrap between words, dates
stay whole, the payment sheet shows goods and dates, and the signature lines never stand alone."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

from relief_fixtures import add_member, visit
from unionoffice.i18n import set_language
from unionoffice.io import relief_forms
from unionoffice.io.fonts import font_set
from unionoffice.io.forms import Column, FormDocument, TableBlock, render_form
from unionoffice.io.forms.cell_text import FormStyles
from unionoffice.services.office import OfficeSettings, save_settings
from unionoffice.services.relief_queries import VisitFilter


def _lines(paragraph) -> list[str]:
    text = re.sub(r"<[^>]+>", lambda m: "\n" if m.group().startswith("<br") else "", paragraph.text)
    return text.split("\n")


def _pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_a_cell_line_never_starts_with_a_comma():
    styles = FormStyles(font_set(), 10.5)
    width = 6 * 10.5 + 6  # six characters of 五号 and the padding
    lines = _lines(styles.cell("职工家属住院治疗，上门慰问并送去慰问金", width=width))
    assert len(lines) > 2 and not any(line.startswith(("，", "。", "、")) for line in lines)


def test_a_date_in_a_cell_is_never_split():
    styles = FormStyles(font_set(), 10.5)
    lines = _lines(styles.cell("于2026年12月20日上门慰问", width=8 * 10.5 + 6))
    assert "2026年12月20日" in lines


def test_a_date_wider_than_its_cell_is_set_smaller_not_split():
    styles = FormStyles(font_set(), 10.5)
    cell = styles.cell("2026年12月20日", width=5 * 10.5 + 6)
    assert _lines(cell) == ["2026年12月20日"] and cell.style.fontSize < 10.5


def test_column_labels_wrap_between_words_or_shrink():
    styles = FormStyles(font_set(), 10.5)
    assert _lines(styles.header_cell("部门/工会小组", 5 * 10.5 + 6)) == ["部门/", "工会小组"]
    assert _lines(styles.header_cell("人均月收入（元）", 6 * 10.5 + 6)) == ["人均月收入", "（元）"]
    small = styles.header_cell("签领人签字", 4 * 10.5 + 6)
    assert _lines(small) == ["签领人签字"] and small.style.fontSize < 10.5


def test_a_long_english_word_is_split_with_a_hyphen():
    styles = FormStyles(font_set(), 10.5)
    lines = _lines(styles.cell("Recipient acknowledgement countersignature", width=50))
    split = [line for line in lines if line.endswith("-")]
    assert split and all(re.fullmatch(r"[A-Za-z]+-", line) for line in split)


def test_the_payment_sheet_shows_goods_and_dates_and_no_zero_for_goods_only(session, tmp_path):
    cash, goods = add_member(session, "甲"), add_member(session, "乙")
    visit(session, cash, 50000, day=dt.date(2026, 1, 20))
    visit(session, goods, 0, day=dt.date(2026, 1, 21), goods="米面油", goods_value_fen=30000)
    form, total = relief_forms.payment_sheet(session, VisitFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31)))
    table = form.blocks[0]
    headers = [c.header for c in table.columns]
    assert "慰问品" in headers and total == 50000
    rows = {row[0]: row for row in table.rows}
    amount, goods_at, date_at = (headers.index(h) - 1 for h in ("金额（元）", "慰问品", "日期"))
    assert rows["乙"][amount] == "" and "米面油" in rows["乙"][goods_at] and "300.00" in rows["乙"][goods_at]
    assert rows["甲"][amount] == "500.00" and rows["甲"][date_at] == "2026年1月20日"
    text = "".join(_pages(render_form(form), tmp_path))
    assert "0.00 " not in text.replace("500.00", "").replace("300.00", "")


def test_the_printed_forms_are_in_the_document_language_on_an_english_interface(session):
    save_settings(session, OfficeSettings(union_name="示例厂工会委员会", language="en"))
    visit(session, add_member(session, "甲"), 50000)
    set_language("en")
    try:
        form, _total = relief_forms.payment_sheet(session, VisitFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31)))
    finally:
        set_language("zh_CN")
    assert "慰问品" in [c.header for c in form.blocks[0].columns] and form.language == "zh_CN"
    assert "2026年1月20日" in form.blocks[0].rows[0]


def test_the_signature_lines_never_stand_alone_on_a_page(tmp_path):
    columns = [Column("序号", 0.6), Column("姓名", 1.4), Column("签字", 2.0)]
    for count in range(18, 30):
        form = FormDocument(title="签领表", blocks=[TableBlock(columns, [[f"职工{i:02d}", ""] for i in range(count)],
                                                             numbered=True, min_row_height_mm=10)],
                            signatures=["经办人", "审核人", "工会主席"])
        last = _pages(render_form(form), tmp_path)
        last = [page for page in last if page.strip()][-1]
        assert "经办人" in last and re.search(r"职工\d\d", last), count
