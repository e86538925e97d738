import pytest

from unionoffice.domain.money import AmountError, format_wan, format_yuan, parse_amount, uppercase_amount


@pytest.mark.parametrize("text, fen", [("1,500", 150000), ("1500.5", 150050), ("１５００", 150000),
                                      ("¥300元", 30000), ("0.1", 10), (1500, 150000)])
def test_amounts_as_people_type_them(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text, words", [("-5", "负数"), ("abc", "不是有效的金额"), ("1.234", "两位小数"),
                                         ("9999999999", "过大"), ("", "为空")])
def test_bad_amounts_are_refused_clearly(text, words):
    with pytest.raises(AmountError, match=words):
        parse_amount(text)


def test_tenths_add_up_to_the_fen_where_floats_would_not():
    assert sum(parse_amount("0.1") for _ in range(10)) == 100
    assert sum(0.1 for _ in range(10)) != 1.0


@pytest.mark.parametrize("fen, words", [(150000, "壹仟伍佰元整"), (100, "壹元整"), (1000100, "壹万零壹元整"),
                                        (203000, "贰仟零叁拾元整"), (12345, "壹佰贰拾叁元肆角伍分"), (5, "伍分"),
                                        (100000000, "壹佰万元整"), (0, "零元整"), (100005, "壹仟元零伍分")])
def test_uppercase_amounts(fen, words):
    assert uppercase_amount(fen) == words


def test_yuan_and_wan():
    assert format_yuan(123456789) == "1,234,567.89"
    assert format_wan(1102000) == "1.10"
    assert format_wan(300000000) == "300.00"


def test_a_whole_number_from_a_spreadsheet_is_quoted_without_point_zero():
    with pytest.raises(AmountError) as negative:
        parse_amount(-500.0)
    assert "-500" in str(negative.value) and "-500.0" not in str(negative.value)
    with pytest.raises(AmountError) as huge:
        parse_amount(99999999999.0)
    assert "99999999999.0" not in str(huge.value)
    assert parse_amount(1500.5) == 150050 and parse_amount(300.0) == 30000
