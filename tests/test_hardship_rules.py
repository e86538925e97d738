"""The national rules as pure functions: the category at its thresholds, review due days, 脱困 months, retention."""

from __future__ import annotations

import datetime as dt

from unionoffice.domain.hardship_rules import (
    CategoryFigures,
    IncomePoint,
    is_overdue,
    months_above_standard,
    retained_until,
    review_due_on,
    standard_in_force,
    suggests_out_of_hardship,
)
from unionoffice.domain.relief import HardshipCategory

STANDARD = 1_000_00  # 低保标准 1,000 yuan per person per month


def _figures(annual, size=3, rigid=0, costs=0, offsets=0, standard=STANDARD):
    return CategoryFigures(annual, rigid, size, standard, costs, offsets)


def test_a_family_exactly_at_the_standard_is_relative_not_deep():
    figures = _figures(annual=STANDARD * 12 * 3)
    assert figures.per_capita_monthly_fen == STANDARD
    assert figures.category == HardshipCategory.RELATIVE


def test_one_fen_under_the_standard_is_deep():
    assert _figures(annual=STANDARD * 12 * 3 - 1).category == HardshipCategory.DEEP


def test_rigid_costs_are_taken_off_before_comparing():
    # 1,200 a month each; 7,200 a year of medical bills brings it to exactly 1,000 (relative), a fen more: deep
    assert _figures(annual=1_200_00 * 12 * 3, rigid=7_200_00 + 1).category == HardshipCategory.DEEP
    assert _figures(annual=1_200_00 * 12 * 3, rigid=7_200_00).category == HardshipCategory.RELATIVE


def test_just_under_twice_the_standard_is_relative_and_at_twice_is_none():
    assert _figures(annual=2 * STANDARD * 12 * 3 - 1).category == HardshipCategory.RELATIVE
    assert _figures(annual=2 * STANDARD * 12 * 3).category is None


def test_accident_needs_net_costs_above_eighty_percent_of_the_income():
    income = 10_000_000  # 100,000 yuan a year: far above the line
    assert _figures(annual=income, costs=8_000_001).category == HardshipCategory.ACCIDENT
    assert _figures(annual=income, costs=8_000_000).category is None  # exactly 80% is not above it
    # compensation, insurance and aid are taken off the costs
    assert _figures(annual=income, costs=9_000_000, offsets=1_000_000).category is None
    assert _figures(annual=income, costs=9_000_000, offsets=999_999).category == HardshipCategory.ACCIDENT


def test_without_a_standard_only_the_accident_can_be_computed():
    assert _figures(annual=0, standard=None).category is None
    assert _figures(annual=100, costs=100, standard=None).category == HardshipCategory.ACCIDENT


def test_the_standard_in_force_is_the_latest_on_or_before_the_day():
    kept = [(dt.date(2025, 1, 1), 900_00), (dt.date(2026, 7, 1), 1_000_00)]
    assert standard_in_force(kept, dt.date(2024, 12, 31)) is None
    assert standard_in_force(kept, dt.date(2026, 6, 30)) == 900_00
    assert standard_in_force(kept, dt.date(2026, 7, 1)) == 1_000_00


def test_a_review_is_overdue_the_day_after_the_year_is_up():
    last = dt.date(2025, 3, 1)
    due = review_due_on(last, dt.date(2024, 1, 1))
    assert due == dt.date(2026, 3, 1)
    assert not is_overdue(last, dt.date(2024, 1, 1), due)
    assert is_overdue(last, dt.date(2024, 1, 1), due + dt.timedelta(days=1))


def test_six_whole_months_above_the_line_suggest_out_of_hardship():
    kept = [(dt.date(2025, 1, 1), STANDARD)]
    points = [IncomePoint(dt.date(2026, m, 1), STANDARD + 1, lasting=False) for m in range(1, 7)]
    assert months_above_standard(points, kept, dt.date(2026, 6, 30)) == 5  # June is not over yet
    assert not suggests_out_of_hardship(points, kept, dt.date(2026, 6, 30))
    assert suggests_out_of_hardship(points, kept, dt.date(2026, 7, 1))


def test_a_month_at_the_line_breaks_the_run():
    kept = [(dt.date(2025, 1, 1), STANDARD)]
    points = [IncomePoint(dt.date(2026, m, 1), STANDARD + (0 if m == 3 else 1), lasting=False) for m in range(1, 8)]
    assert months_above_standard(points, kept, dt.date(2026, 8, 1)) == 4  # April … July


def test_a_month_without_its_entry_breaks_the_run_but_a_review_carries_forward():
    kept = [(dt.date(2025, 1, 1), STANDARD)]
    monthly = [IncomePoint(dt.date(2026, m, 1), STANDARD + 1, lasting=False) for m in (1, 2, 3, 5, 6, 7)]
    assert months_above_standard(monthly, kept, dt.date(2026, 8, 1)) == 3  # April missing: May … July
    reviewed = monthly + [IncomePoint(dt.date(2026, 4, 10), STANDARD + 1)]
    assert months_above_standard(reviewed, kept, dt.date(2026, 8, 1)) == 7


def test_a_standard_raised_mid_year_ends_the_run_above_the_old_line():
    kept = [(dt.date(2025, 1, 1), 900_00), (dt.date(2026, 7, 1), 1_000_00)]
    points = [IncomePoint(dt.date(2026, 1, 15), 950_00)]  # one review in January, carried forward
    assert months_above_standard(points, kept, dt.date(2026, 7, 1)) == 6  # January … June above 900
    assert months_above_standard(points, kept, dt.date(2026, 8, 1)) == 0  # July is under the new 1,000


def test_closed_records_are_kept_ten_years():
    assert retained_until(dt.date(2026, 3, 15)) == dt.date(2036, 3, 15)
    assert retained_until(dt.date(2024, 2, 29)) == dt.date(2034, 2, 28)
