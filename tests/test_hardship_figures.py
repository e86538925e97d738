"""The hardship figures a summary and the start page quote, each on a hand-built office."""

from __future__ import annotations

import datetime as dt

from relief_fixtures import add_member, visit
from unionoffice.reports.figures import Period
from unionoffice.reports.providers import hardship as provider
from unionoffice.services import hardship, hardship_rules

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年")


def _file(session, name, category, opened=dt.date(2026, 2, 1), **extra):
    member = add_member(session, name)
    return hardship.open_file(session, hardship.HardshipFileInput(
        member_id=member.id, category=category, main_cause="6", opened_on=opened, **extra))


def test_files_on_file_by_category(session):
    _file(session, "甲", "deep")
    _file(session, "乙", "deep")
    _file(session, "丙", "relative")
    _file(session, "丁", "accident")
    closed = _file(session, "戊", "deep")
    hardship.close_file(session, closed.id, "out_of_hardship", dt.date(2026, 6, 1), "已就业")
    values = provider.provide(session, YEAR)
    assert (values["deep"], values["relative"], values["accident"]) == (2, 1, 1)
    assert values["out_of_hardship"] == 1


def test_reviewed_counts_files_reviewed_in_the_period_once(session):
    hfile = _file(session, "甲", "deep")
    _file(session, "乙", "deep")
    hardship_rules.record_review(session, hfile.id, hardship_rules.ReviewInput(dt.date(2026, 3, 1), "王"))
    hardship_rules.record_review(session, hfile.id, hardship_rules.ReviewInput(dt.date(2026, 9, 1), "王"))
    assert provider.provide(session, YEAR)["reviewed"] == 1


def test_overdue_counts_files_whose_year_ran_out_before_the_periods_end(session):
    _file(session, "甲", "deep", opened=dt.date(2025, 12, 30))  # due 2026-12-30: overdue on the 31st
    _file(session, "乙", "deep", opened=dt.date(2025, 12, 31))  # due on the 31st itself: not yet overdue
    reviewed = _file(session, "丙", "deep", opened=dt.date(2025, 1, 1))
    hardship_rules.record_review(session, reviewed.id, hardship_rules.ReviewInput(dt.date(2026, 6, 1)))
    assert provider.provide(session, YEAR)["overdue"] == 1


def test_relief_to_filed_families(session):
    hfile = _file(session, "甲", "deep")
    visit(session, hfile.member, 50_000, day=dt.date(2026, 3, 1))
    visit(session, add_member(session, "无档"), 80_000, day=dt.date(2026, 3, 1))
    values = provider.provide(session, YEAR)
    assert values["relief_households"] == 1
    assert values["relief_cash"].fen == 50_000
