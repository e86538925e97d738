"""Cell values as spreadsheets hold them: dates, yes/no, numbers, money, phones, text, choices."""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.domain.choices import Education
from unionoffice.io.sheets import (
    CellError,
    WithNotice,
    choice_parser,
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_month,
    parse_name,
    parse_phone,
    parse_text,
)

D = dt.date(2019, 3, 5)


@pytest.mark.parametrize(
    "raw",
    [D, dt.datetime(2019, 3, 5, 0, 0), 43529, 43529.0, 43529.75, "43529", "2019.3.5", "2019年3月5日", "2019/03/05",
     "2019-03-05", "2019-03-05 00:00:00", " 2019 - 03 - 05 ", "２０１９年３月５日", "20190305", 20190305, 20190305.0],
)
def test_date_forms(raw):
    assert parse_date(raw) == D


@pytest.mark.parametrize("raw", ["1991.03", "1991年3月", 1991.03, "199103", "1991-3", "1991/03"])
def test_month_only_is_the_first_with_a_notice(raw):
    result = parse_date(raw)
    assert isinstance(result, WithNotice)
    assert result.value == dt.date(1991, 3, 1)
    assert "1991-03-01" in result.notice


def test_month_column_takes_a_month_without_notice():
    assert parse_month("1991.03") == dt.date(1991, 3, 1)
    assert parse_month("1991.3.5") == dt.date(1991, 3, 5)


def test_month_typed_as_a_number_reads_as_excel_shows_it():
    assert parse_month(2019.3) == dt.date(2019, 3, 1)
    assert parse_month(2019.11) == dt.date(2019, 11, 1)
    assert parse_month(2019.1) == dt.date(2019, 1, 1)


@pytest.mark.parametrize(
    "raw, words",
    [("2019-02-30", "2月没有30日"), ("2019.13.01", "没有13月"), ("1991.00", "没有0月"), ("1850-01-01", "年份1850不合理")],
)
def test_impossible_dates_say_which_part(raw, words):
    with pytest.raises(CellError, match=words):
        parse_date(raw)


@pytest.mark.parametrize("raw", ["明年", "3月5日", True, "2019-03-05-01", 5, 5.5, "12", 7305, 73416])
def test_not_a_date(raw):
    with pytest.raises(CellError, match="不是日期"):
        parse_date(raw)


def test_a_year_alone_is_refused():
    with pytest.raises(CellError, match="缺少月份"):
        parse_date(1991)


@pytest.mark.parametrize("raw", ["是", "Y", "y", "yes", "√", "1", 1, 1.0, "true", "TRUE", True, " 是 "])
def test_true_values(raw):
    assert parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["否", "N", "no", "×", "0", 0, "false", False])
def test_false_values(raw):
    assert parse_bool(raw) is False


def test_not_yes_or_no():
    with pytest.raises(CellError, match="“也许”不是“是”或“否”"):
        parse_bool("也许")


@pytest.mark.parametrize("raw, fen", [("1,500", 150000), (1500.5, 150050), (300, 30000), ("¥300元", 30000), ("１２０", 12000)])
def test_money_in_fen(raw, fen):
    assert parse_money(raw) == fen


def test_money_refusals_come_from_the_money_module():
    with pytest.raises(CellError, match="不能为负"):
        parse_money("-5")
    with pytest.raises(CellError):
        parse_money("三百")


@pytest.mark.parametrize("raw, value", [(12, 12), (12.0, 12), ("１２", 12), ("1,200", 1200), ("12.0", 12)])
def test_integers(raw, value):
    assert parse_integer(raw) == value


@pytest.mark.parametrize("raw", [12.5, "十二", True])
def test_not_integers(raw):
    with pytest.raises(CellError, match="不是整数"):
        parse_integer(raw)


@pytest.mark.parametrize(
    "raw, digits",
    [(13800138000.0, "13800138000"), (13800138000, "13800138000"), ("13800138000.0", "13800138000"), ("138-0013-8000", "13800138000"),
     ("138 0013 8000", "13800138000"), ("+86 138 0013 8000", "13800138000"), ("+8613800138000", "13800138000"),
     ("8613800138000", "13800138000"), ("１３８００１３８０００", "13800138000"), ("010-12345678", "01012345678"),
     ("(0755)12345678", "075512345678"), ("0371-1234567", "03711234567")],
)
def test_phone_forms(raw, digits):
    assert parse_phone(raw) == digits


@pytest.mark.parametrize(
    "raw, words",
    [("1380013800", "应为11位，现为10位"), ("12345678901", "应以13至19开头"), ("12345678", "需加区号"),
     ("1.38001E+10", "科学计数法"), ("无", "不是电话号码"), ("0012345678", "不是手机号")],
)
def test_phone_refusals(raw, words):
    with pytest.raises(CellError, match=words):
        parse_phone(raw)


def test_text_is_trimmed_and_numbers_lose_the_point_zero():
    assert parse_text("  一车间\n二班 ") == "一车间 二班"
    assert parse_text(1024.0) == "1024"


def test_choice_by_label_or_code():
    parse = choice_parser(Education)
    assert parse("本科") is Education.from_text("本科")
    assert parse(Education.from_text("本科").value) is Education.from_text("本科")
    with pytest.raises(CellError, match="“博士后”不是可选的值"):
        parse("博士后")


@pytest.mark.parametrize(
    "raw, name", [("张  三", "张三"), ("张\u3000三", "张三"), (" 欧阳 娜娜 ", "欧阳娜娜"), ("Anna  Smith", "Anna Smith"),
                  ("阿依古丽·买买提", "阿依古丽·买买提"), ("王 𠇔", "王𠇔")],
)
def test_names_lose_alignment_spaces(raw, name):
    assert parse_name(raw) == name


def test_a_date_cell_with_an_implausible_year():
    with pytest.raises(CellError, match="年份2999不合理"):
        parse_date(dt.date(2999, 1, 1))
