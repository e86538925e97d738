"""The import's shortcuts give what the full checks give: printable text is left as it is, a
plain mobile number is that number, a row starting with a common Chinese character is no 合计
row, a date seen before in a column gives the same value, error and notice again."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from unionoffice.domain import text_rules
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import CellError
from unionoffice.io.sheets.parse import _is_total_row, parse_cells
from unionoffice.io.sheets.values import parse_phone


def _characters():
    yield from range(0x10000)
    yield from range(0x10000, sys.maxunicode + 1, 97)  # the other planes, sampled


@pytest.mark.parametrize("multiline", [False, True])
def test_printable_text_is_what_cleaning_it_gives(multiline):
    for code in _characters():
        text = f"a{chr(code)}b"
        if text.isprintable():
            assert text_rules._cleaned(text, multiline) == text, hex(code)


def test_unprintable_text_is_still_cleaned():
    assert text_rules.clean_text("张\u200b三\u202e") == "张三"
    assert text_rules.clean_text("一\r\n二", multiline=True) == "一\n二"
    assert text_rules.clean_text("一\t二") == "一 二"


@pytest.mark.parametrize("cell, expected", [
    ("13800138000", "13800138000"), (13800138000.0, "13800138000"), ("１３８００１３８０００", "13800138000"),
    ("19912345678", "19912345678"), ("138-0013-8000", "13800138000"), ("+8613800138000", "13800138000"),
    ("010-12345678", "01012345678"),
])
def test_phone_numbers(cell, expected):
    assert parse_phone(cell) == expected


@pytest.mark.parametrize("cell, message", [
    ("12800138000", "13"), ("10000000000", "13"), ("1380013800", "11"), ("138001380001", "11"), ("12345", "5"),
])
def test_numbers_that_are_no_mobile_number_are_refused(cell, message):
    with pytest.raises(CellError, match=message):
        parse_phone(cell)


@pytest.mark.parametrize("row, total", [
    (["合计", 25], True), (["合计：25人"], True), (["总计"], True), (["小计:"], True), (["Total"], True),
    (["sum"], True), (["  ", None, "合计"], True), (["张三", "合计"], False), (["合理"], False), (["小明"], False),
    (["一车间"], False), (["𠇔三"], False), ([None, "王五"], False), ([1, "合计"], False),
])
def test_total_rows(row, total):
    assert _is_total_row(row) is total


def test_a_date_seen_again_gives_its_value_error_and_notice_again():
    rows = [["姓名", "入会日期", "出生日期"]]
    for name in ("甲", "乙", "丙"):  # date cells as python-calamine gives them, and as datetimes
        rows.append([name, dt.date(2015, 3, 1), dt.datetime(1990, 5, 1)])
    for name in ("丁", "戊"):
        rows.append([name, "2023-02-30", "1990年5月"])
    parsed = parse_cells(rows, [c for c in COLUMNS if c.key in ("name", "join_date", "birth_date")])
    found = [(r.values["join_date"], r.values["birth_date"], [(e.key, e.message) for e in r.errors],
              [(n.key, n.message) for n in r.notices]) for r in parsed.rows]
    assert found[:3] == [(dt.date(2015, 3, 1), dt.date(1990, 5, 1), [], [])] * 3
    assert found[3] == found[4]
    assert found[3][0] is None and [key for key, _m in found[3][2]] == ["join_date"]
