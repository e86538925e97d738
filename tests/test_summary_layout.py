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
