"""The national rules of hardship files (全总《困难职工档案管理办法》): category from income, exclusions,
the review calendar, the 脱困 check and the retention of closed files. Pure functions, money in fen.

- 深度困难: (家庭成员年度可支配收入 − 刚性支出) ÷ 12 ÷ 家庭共同生活人口 < 低保标准;
- 相对困难: the same quantity < 2 × 低保标准;
- 意外致困: 年度内致困费用（损失）, net of compensation, insurance and aid received, > 80% of 家庭年收入.

The comparisons are done on whole fen without dividing (a < b·12·n), so a family exactly at the line
is never pushed either side by rounding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

from unionoffice.domain.relief import HardshipCategory

REVIEW_AFTER_DAYS = 365  # 每年至少一次集中复核: a file is due a year after its last review (or opening)
DUE_SOON_DAYS = 30  # the "due within 30 days" list
OUT_OF_HARDSHIP_MONTHS = 6  # per-capita income above the line this many months in a row suggests 脱困
RETENTION_YEARS = 10  # a closed file's records are kept this long from 撤档
ACCIDENT_SHARE = (4, 5)  # 80%: net hardship costs × 5 > annual income × 4


@dataclass(frozen=True)
class CategoryFigures:
    """The figures behind the computed category, for the form to show."""

    annual_income_fen: int
    rigid_costs_fen: int
    household_size: int
    standard_fen: int | None  # 低保标准 per person per month in force, None when none is set
    hardship_costs_fen: int
    offsets_fen: int  # compensation, insurance and aid received

    @property
    def disposable_fen(self) -> int:
        return self.annual_income_fen - self.rigid_costs_fen

    @property
    def per_capita_monthly_fen(self) -> int | None:
        """(income − rigid costs) ÷ 12 ÷ household, rounded half up to the fen (for display only)."""
        if self.household_size <= 0:
            return None
        value = Decimal(self.disposable_fen) / Decimal(12 * self.household_size)
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def net_hardship_costs_fen(self) -> int:
        return max(self.hardship_costs_fen - self.offsets_fen, 0)

    @property
    def below_standard(self) -> bool:
        return self.standard_fen is not None and self.household_size > 0 and (
            self.disposable_fen < self.standard_fen * 12 * self.household_size)

    @property
    def below_twice_standard(self) -> bool:
        return self.standard_fen is not None and self.household_size > 0 and (
            self.disposable_fen < 2 * self.standard_fen * 12 * self.household_size)

    @property
    def accident(self) -> bool:
        part, whole = ACCIDENT_SHARE
        return self.net_hardship_costs_fen > 0 and self.net_hardship_costs_fen * whole > self.annual_income_fen * part

    @property
    def category(self) -> HardshipCategory | None:
        """深度困难 before 相对困难 before 意外致困; None when the family meets none (or no 低保标准 is set
        and there was no accident)."""
        if self.below_standard:
            return HardshipCategory.DEEP
        if self.below_twice_standard:
            return HardshipCategory.RELATIVE
        if self.accident:
            return HardshipCategory.ACCIDENT
        return None


def standard_in_force(standards: Sequence[tuple[dt.date, int]], day: dt.date) -> int | None:
    """The 低保标准 (fen per person per month) whose effective date is the latest on or before ``day``."""
    best: tuple[dt.date, int] | None = None
    for effective_on, fen in standards:
        if effective_on <= day and (best is None or effective_on > best[0]):
            best = (effective_on, fen)
    return best[1] if best else None


def review_due_on(last_review: dt.date | None, opened_on: dt.date) -> dt.date:
    """The day a file is next due for review: a year after its last review, or after it was opened."""
    return (last_review or opened_on) + dt.timedelta(days=REVIEW_AFTER_DAYS)


def is_overdue(last_review: dt.date | None, opened_on: dt.date, today: dt.date) -> bool:
    return review_due_on(last_review, opened_on) < today


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retained_until(closed_on: dt.date) -> dt.date:
    """The last day a closed file's records must be kept (10 years from 撤档)."""
    return add_years(closed_on, RETENTION_YEARS)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class IncomePoint:
    """What the household earned: a monthly entry holds for its month; a review (``lasting``) holds from its
    month until the next point."""

    day: dt.date
    per_capita_monthly_fen: int
    lasting: bool = True


def months_above_standard(points: Sequence[IncomePoint], standards: Sequence[tuple[dt.date, int]],
                          until: dt.date) -> int:
    """How many whole calendar months, ending with the month before ``until``'s month, the per-capita
    income known then stayed above the 低保标准 in force that month, counting back without a break.

    A month's own entry counts first; else the latest review before it; a month known by neither ends the run."""
    ordered = sorted(points, key=lambda p: (p.day, not p.lasting))
    if not ordered:
        return 0
    month = month_start(until)
    count = 0
    while True:
        previous = (month - dt.timedelta(days=1)).replace(day=1)
        if previous < month_start(ordered[0].day):
            return count
        known = [p for p in ordered if month_start(p.day) == previous and not p.lasting] or [
            p for p in ordered if month_start(p.day) <= previous and p.lasting]
        if not known:
            return count
        value = known[-1].per_capita_monthly_fen
        standard = standard_in_force(standards, next_month(previous) - dt.timedelta(days=1))
        if standard is None or value <= standard:
            return count
        count += 1
        month = previous


def suggests_out_of_hardship(points: Sequence[IncomePoint], standards: Sequence[tuple[dt.date, int]],
                             until: dt.date) -> bool:
    return months_above_standard(points, standards, until) >= OUT_OF_HARDSHIP_MONTHS
