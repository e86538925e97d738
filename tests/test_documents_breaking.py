"""Chinese line breaking (禁则) of the PDF writer, with one em per ideograph and ½ per digit."""

from __future__ import annotations

from unionoffice.reports.cjk_breaking import CANNOT_END, CANNOT_START, atoms, break_lines, title_lines
from unionoffice.reports.gbt9704 import em_width


def lines(text: str, first: float = 28, rest: float = 28) -> list[str]:
    return [line.text for line in break_lines(text, [first, rest], em_width)]


def test_a_comma_that_would_start_a_line_takes_the_last_character_with_it():
    result = lines("职" * 28 + "，后文")
    assert result == ["职" * 27, "职，后文"]


def test_an_opening_quote_never_ends_a_line():
    result = lines("职" * 27 + "“职工之家”")
    assert result[0] == "职" * 27
    assert result[1].startswith("“职")


def test_closing_quote_and_full_stop_stay_with_the_word_before_them():
    assert atoms("“家”。") == ["“家”。"]


def test_numbers_are_not_split_across_lines():
    result = lines("职" * 26 + "11.02万元")
    assert result == ["职" * 26, "11.02万元"]


def test_dashes_and_ellipses_stay_in_one_piece():
    assert "——" in atoms("好——很好")
    assert "……" in atoms("等等……")[-1]


def test_first_line_uses_its_own_width_for_the_indent():
    result = lines("职" * 30, first=26)
    assert [len(line) for line in result] == [26, 4]


def test_a_newline_forces_a_break_and_the_line_before_is_not_justified():
    result = break_lines("第一行\n第二行", [28], em_width)
    assert [line.text for line in result] == ["第一行", "第二行"]
    assert result[0].last and result[1].last


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation_anywhere():
    text = "".join(f"第{i}项工作（含“小组”活动），完成；" for i in range(40))
    for width in range(10, 29):
        for line in lines(text, width, width):
            assert line[0] not in CANNOT_START, (width, line)
            assert line[-1] not in CANNOT_END, (width, line)


def test_a_long_title_breaks_between_words():
    result = title_lines("示例市演示机械有限公司工会2026年上半年工作总结", 20, em_width)
    assert [line.text for line in result] == ["示例市演示机械有限公司", "工会2026年上半年工作总结"]


def test_a_short_title_stays_on_one_line():
    assert len(title_lines("工作总结", 20, em_width)) == 1
