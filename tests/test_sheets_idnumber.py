"""Resident ID numbers as they arrive in spreadsheets."""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.domain.choices import Sex
from unionoffice.io.sheets import CellError, WithNotice, birth_date_from_id, parse_id_number, sex_from_id

MALE_1990 = "110105199003051238"
FEMALE_1988 = "110105198807124020"
ENDS_IN_X = "11010519910305003X"


def test_a_valid_number_is_returned_as_is():
    assert parse_id_number(MALE_1990) == MALE_1990


@pytest.mark.parametrize(
    "raw",
    ["110105 19900305 1238", " 110105199003051238 ", "１１０１０５１９９００３０５１２３８", "'110105199003051238",
     "110105\u300019900305\u30001238"],
)
def test_spaces_full_width_and_apostrophe_are_repaired(raw):
    assert parse_id_number(raw) == MALE_1990


def test_lowercase_x_becomes_uppercase():
    assert parse_id_number(ENDS_IN_X.lower()) == ENDS_IN_X
    assert parse_id_number(ENDS_IN_X.replace("X", "ｘ")) == ENDS_IN_X


@pytest.mark.parametrize("raw", [1.10105199003051e17, 110105199003051238, "1.10105199003051E+17", "1.10105199003051e+17"])
def test_a_number_stored_as_a_number_is_refused_not_guessed(raw):
    with pytest.raises(CellError, match="^身份证号被存成了数字，末几位已丢失$"):
        parse_id_number(raw)


def test_wrong_check_digit():
    with pytest.raises(CellError, match="^校验位错误$"):
        parse_id_number(MALE_1990[:-1] + "9")


@pytest.mark.parametrize(
    "birth, words",
    [("19901305", "出生日期不存在：没有13月"), ("19900230", "出生日期不存在：1990年2月没有30日"),
     ("18500101", "出生日期不存在：年份1850不合理")],
)
def test_impossible_birth_date_says_which_part(birth, words):
    with pytest.raises(CellError, match=words):
        parse_id_number("110105" + birth + "1234")


def test_birth_date_in_the_future():
    with pytest.raises(CellError, match="晚于今天"):
        parse_id_number(MALE_1990, today=dt.date(1980, 1, 1))


@pytest.mark.parametrize("raw, count", [("11010519900305123", 17), ("1101051990030512381", 19), ("12345", 5)])
def test_wrong_length(raw, count):
    with pytest.raises(CellError, match=f"身份证号应为18位，现为{count}位"):
        parse_id_number(raw)


def test_letters_inside_are_refused():
    with pytest.raises(CellError, match="17位数字"):
        parse_id_number("11010519900305A238")


def test_legacy_15_digit_number_is_converted_with_a_notice():
    result = parse_id_number("110105900305123")
    assert isinstance(result, WithNotice)
    assert result.value == MALE_1990
    assert "110105900305123" in result.notice and MALE_1990 in result.notice


def test_legacy_number_with_impossible_date():
    with pytest.raises(CellError, match="出生日期不存在"):
        parse_id_number("110105901305123")


def test_unknown_area_code_is_a_notice_not_a_refusal():
    from unionoffice.domain.idcard import check_digit

    first17 = "99999919900305123"
    result = parse_id_number(first17 + check_digit(first17))
    assert isinstance(result, WithNotice)
    assert "999999" in result.notice


def test_birth_date_and_sex_from_the_number():
    assert birth_date_from_id(MALE_1990) == dt.date(1990, 3, 5)
    assert sex_from_id(MALE_1990) is Sex.MALE
    assert birth_date_from_id(FEMALE_1988) == dt.date(1988, 7, 12)
    assert sex_from_id(FEMALE_1988) is Sex.FEMALE


def test_a_county_created_after_the_birth_year_is_fine():
    # 440306 宝安区 exists since 1992; people born before got their first ID under it.
    assert parse_id_number("44030619751130251X") == "44030619751130251X"
