"""Dates in the form a template asks for: from a hint in its header or notes, or its cells' number format."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from openpyxl.styles.numbers import is_date_format


@dataclass(frozen=True)
class DateFormat:
    """``pattern`` in strftime terms; ``as_text``: write the formatted text (a hint asked for it),
    else a real date cell that keeps the template's number format."""

    pattern: str
    as_text: bool = True

    def render(self, day: dt.date) -> str | dt.date:
        if not self.as_text:
            return day
        return day.strftime(self.pattern)

    @property
    def shown(self) -> str:
        return (self.pattern.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD"))


_SEPARATOR = r"\s*([-/.年])?\s*"
_HINT = re.compile(r"(?i)yyyy" + _SEPARATOR + r"mm(?:" + _SEPARATOR + r"dd)?")
# An example date in a hint: 如：1990-01-01, 例199001.
_EXAMPLE = re.compile(r"(?:如|例|示例|格式)\D{0,4}((?:19|20)\d{2})([-/.年])?(\d{2})(?:([-/.月])?(\d{2}))?")


def _pattern(sep1: str | None, sep2: str | None, with_day: bool) -> str:
    sep1 = sep1 or ""
    if sep1 == "年":
        return "%Y年%m月%d日" if with_day else "%Y年%m月"
    if not with_day:
        return f"%Y{sep1}%m"
    return f"%Y{sep1}%m{sep2 if sep2 is not None else sep1}%d"


def format_from_text(text: str) -> DateFormat | None:
    """A date pattern written into a header or note (YYYY-MM-DD, YYYYMM, YYYY.MM, 如：19900101 …)."""
    match = _HINT.search(text)
    if match:
        sep1, sep2 = match.group(1), match.group(2)
        with_day = match.group(0).lower().rstrip().endswith("dd")
        if sep1 == "年":
            return DateFormat(_pattern("年", None, with_day))
        return DateFormat(_pattern(sep1, sep2, with_day))
    match = _EXAMPLE.search(text)
    if match:
        sep1, day = match.group(2), match.group(5)
        if sep1 == "年":
            return DateFormat(_pattern("年", None, day is not None))
        return DateFormat(_pattern(sep1, match.group(4), day is not None))
    return None


def format_from_number_format(number_format: str | None) -> DateFormat | None:
    """A real date cell when the template's data cells are formatted as dates; text cells ("@") say nothing."""
    if not number_format or number_format in ("General", "@"):
        return None
    if is_date_format(number_format):
        return DateFormat("%Y-%m-%d", as_text=False)
    return None


DEFAULT = DateFormat("%Y-%m-%d")
