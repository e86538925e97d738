"""Statistics of both ledgers on hand-built data where the answer is known."""

from __future__ import annotations

import datetime as dt

from tests.ledger_helpers import add_members
from unionoffice.services import activities, trainings
from unionoffice.services.activities import ActivityData, AwardData
from unionoffice.services.activity_stats import activity_stats
from unionoffice.services.training_stats import training_stats
from unionoffice.services.trainings import TrainingData, TrainingResult

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _activity(session, title, kind, date, member_ids, outsiders=0, awards=(), organiser="own"):
    return activities.create_activity(
        session, ActivityData(title=title, kind=kind, start_date=date, outsider_count=outsiders, organiser=organiser,
                              cost_fen=10000), member_ids, list(awards))


def build_activities(session):
    women = add_members(session, 3, sex="female", prefix="女")
    men = add_members(session, 2, sex="male", prefix="男")
    _activity(session, "三八节", "festival", dt.date(2026, 3, 8), women, awards=[
        AwardData("巾帼标兵", "city", member_id=women[0]), AwardData("优秀组织奖", "unit", collective_name="工会")])
    _activity(session, "篮球赛", "sports_culture", dt.date(2026, 6, 1), men + women[:1], outsiders=4,
              awards=[AwardData("一等奖", "county", collective_name="车间")], organiser="higher")
    _activity(session, "去年活动", "sports_culture", dt.date(2025, 12, 31), men)
    gone = _activity(session, "已删除", "meeting", dt.date(2026, 7, 1), men)
    activities.delete_activity(session, gone.id)


def test_activity_counts_by_kind_in_the_period(session):
    build_activities(session)
    stats = activity_stats(session, *YEAR)
    assert stats.activities == 2
    assert stats.by_kind == {"festival": 1, "sports_culture": 1}
    assert (stats.own_organised, stats.higher_organised) == (1, 1)


def test_activity_person_times_include_outsiders_and_count_women(session):
    build_activities(session)
    stats = activity_stats(session, *YEAR)
    assert (stats.member_person_times, stats.outsider_person_times, stats.person_times) == (6, 4, 10)
    assert stats.women_person_times == 4
    assert (stats.participants, stats.women_participants) == (5, 3)
    assert stats.women_share == 4 / 6


def test_activity_awards_by_level(session):
    build_activities(session)
    stats = activity_stats(session, *YEAR)
    assert stats.awards == 3
    assert stats.awards_by_level == {"city": 1, "unit": 1, "county": 1}
    assert (stats.individual_awards, stats.collective_awards) == (1, 2)
    assert stats.cost_fen == 20000


def test_activity_period_bounds_are_inclusive(session):
    build_activities(session)
    assert activity_stats(session, dt.date(2025, 12, 31), dt.date(2026, 3, 8)).activities == 2
    assert activity_stats(session, dt.date(2027, 1, 1), dt.date(2027, 12, 31)).activities == 0


def _training(session, title, kind, date, hours_tenths, results):
    return trainings.create_training(session, TrainingData(title=title, kind=kind, start_date=date, hours_tenths=hours_tenths), results)


def build_trainings(session):
    women = add_members(session, 2, sex="female", prefix="女")
    men = add_members(session, 2, sex="male", prefix="男")
    _training(session, "焊工技能", "technical", dt.date(2026, 2, 1), 80, [
        TrainingResult(women[0], passed=True, score_tenths=900, certificate_no="H-1"),
        TrainingResult(men[0], passed=False, score_tenths=500),
        TrainingResult(men[1], attended=False),
    ])
    _training(session, "数控技能", "technical", dt.date(2026, 3, 1), 40, [
        TrainingResult(women[0], passed=True), TrainingResult(women[1])])
    _training(session, "安全生产", "safety", dt.date(2026, 4, 1), 25, [TrainingResult(m) for m in men])
    _training(session, "去年", "safety", dt.date(2025, 4, 1), 25, [TrainingResult(m) for m in men])


def test_training_sessions_by_kind_and_hours(session):
    build_trainings(session)
    stats = training_stats(session, *YEAR)
    assert stats.sessions == 3
    assert stats.by_kind == {"technical": 2, "safety": 1}
    assert stats.hours_tenths == 145


def test_training_person_times_count_only_those_who_attended(session):
    build_trainings(session)
    stats = training_stats(session, *YEAR)
    assert (stats.enrolled, stats.person_times, stats.absent) == (7, 6, 1)
    assert stats.women_person_times == 3
    assert (stats.participants, stats.women_participants) == (4, 2)
    assert stats.person_hours_tenths == 80 * 2 + 40 * 2 + 25 * 2


def test_training_pass_rate_and_certificates(session):
    build_trainings(session)
    stats = training_stats(session, *YEAR)
    assert (stats.examined, stats.passed) == (3, 2)
    assert stats.pass_rate == 2 / 3
    assert stats.certificates == 1


def test_empty_period_gives_zeros_not_errors(session):
    stats = training_stats(session, *YEAR)
    assert (stats.sessions, stats.person_times, stats.pass_rate, stats.by_kind) == (0, 0, 0.0, {})
    assert activity_stats(session, *YEAR).women_share == 0.0


def test_summary_sentences_quote_the_ledgers(session):
    from unionoffice.reports.draft import sentence
    from unionoffice.reports.figures import Period, collect

    build_trainings(session)
    build_activities(session)
    figures = collect(session, Period(*YEAR, label="2026年"))
    assert sentence(("共举办各类培训{training.sessions}期", "?其中技术/技能培训{training.by_kind.技术/技能培训}期",
                     "培训职工{training.person_times}人次", "?累计{training.hours}学时",
                     "?合格率{training.pass_rate:.1%}"), figures) == "共举办各类培训3期，其中技术/技能培训2期，培训职工6人次，累计14.5学时，合格率66.7%。"
    assert sentence(("共组织各类活动{activities.count}次", "?其中文体活动{activities.by_kind.文体活动}次",
                     "?获奖{activities.awards}项", "?其中市级{activities.awards_by_level.市级}项"), figures) == (
        "共组织各类活动2次，其中文体活动1次，获奖3项，其中市级1项。")


def test_page_totals_of_a_years_list_equal_the_statistics(session):
    from unionoffice.services.ledger_lists import LedgerFilter, activity_totals, list_activities, list_trainings, training_totals

    build_activities(session)
    build_trainings(session)
    year = LedgerFilter(date_from=YEAR[0], date_to=YEAR[1])
    a_stats, a_totals = activity_stats(session, *YEAR), activity_totals(list_activities(session, year))
    assert (a_totals.activities, a_totals.person_times, a_totals.women_person_times, a_totals.awards, a_totals.cost_fen) == (
        a_stats.activities, a_stats.person_times, a_stats.women_person_times, a_stats.awards, a_stats.cost_fen)
    t_stats, t_totals = training_stats(session, *YEAR), training_totals(list_trainings(session, year))
    assert (t_totals.sessions, t_totals.person_times, t_totals.women_person_times, t_totals.hours_tenths,
            t_totals.examined, t_totals.passed, t_totals.certificates) == (
        t_stats.sessions, t_stats.person_times, t_stats.women_person_times, t_stats.hours_tenths,
        t_stats.examined, t_stats.passed, t_stats.certificates)
