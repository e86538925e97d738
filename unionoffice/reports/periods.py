"""The periods a summary covers: 上半年, 全年, a quarter, or any date range."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from unionoffice.i18n import _, format_date
from unionoffice.reports.figures import Period


class PeriodKind(str, Enum):
    FIRST_HALF = "first_half"
    YEAR = "year"
    QUARTER = "quarter"
    RANGE = "range"


_QUARTER_NAMES = ("一", "二", "三", "四")


def first_half(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), _("{year} first half").format(year=year))


def full_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), _("{year}").format(year=year))


def quarter_name(number: int) -> str:
    """第三季度 (no year: for a list of quarters next to a year box)."""
    return _("Quarter {number}").format(number=_QUARTER_NAMES[number - 1])


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise ValueError(_("A quarter is 1 to 4, not {number}.").format(number=number))
    start = dt.date(year, 3 * number - 2, 1)
    end = (dt.date(year + 1, 1, 1) if number == 4 else dt.date(year, 3 * number + 1, 1)) - dt.timedelta(days=1)
    return Period(start, end, _("{year} quarter {number}").format(year=year, number=_QUARTER_NAMES[number - 1]))


def date_range(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValueError(_("The period ends ({end}) before it starts ({start}).").format(
            end=format_date(end), start=format_date(start)))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return full_year(start.year)
    if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30) and start.year == end.year:
        return first_half(start.year)
    return Period(start, end, _("{start} to {end}").format(start=format_date(start), end=format_date(end)))


def make_period(kind: PeriodKind, year: int, number: int = 1, start: dt.date | None = None, end: dt.date | None = None) -> Period:
    if kind is PeriodKind.FIRST_HALF:
        return first_half(year)
    if kind is PeriodKind.YEAR:
        return full_year(year)
    if kind is PeriodKind.QUARTER:
        return quarter(year, number)
    if start is None or end is None:
        raise ValueError(_("A date range needs a start and an end."))
    return date_range(start, end)
