"""The summary figures dues.* and funds.* on hand-built offices where every amount is known."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.dues_helpers import small_office
from unionoffice.domain.dues import Period as Months
from unionoffice.reports.draft import sentence
from unionoffice.reports.figures import Period, Share, Wan, format_figure
from unionoffice.reports.providers import dues as dues_provider
from unionoffice.reports.providers import funds as funds_provider
from unionoffice.services import activities, dues_payments, expenses, trainings
from unionoffice.services.dues_ledger import build_ledger

Q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2026年第一季度")


def _pay_all_but_zhao(session, o):
    for key in ("zhang", "li", "wang"):
        due = build_ledger(session, Months(202601, 202603), member_ids=[o[key]]).due_fen
        dues_payments.record_payment(session, dues_payments.PaymentInput(o[key], 202601, 202603, due, dt.date(2026, 3, 20)))


def test_dues_figures_due_paid_and_rate(session):
    o = small_office(session)
    _pay_all_but_zhao(session, o)
    figures = dues_provider.provide(session, Q1)
    # due: 6000 + 8325 + 9186 + 4500 (赵六, 3,000 yuan) = 28011 fen; paid 23511
    assert figures["due"] == Wan(28011)
    assert figures["paid"] == Wan(23511)
    assert figures["rate"] == Share(23511, 28011)
    assert format_figure(figures["rate"], ".1%") == "83.9%"
    assert figures["arrears_members"] == 1
    assert figures["rate_by_group"]["一车间"] == Share(23511, 23511)
    assert figures["rate_by_group"]["二车间"] == Share(0, 4500)


def test_collection_rate_sentence_reads_like_a_summary(session):
    o = small_office(session)
    _pay_all_but_zhao(session, o)
    text = sentence(("本期会费应缴{dues.due_yuan}元", "?会费收缴率达{dues.rate:.1%}"), {"dues": dues_provider.provide(session, Q1)})
    assert text == "本期会费应缴280.11元，会费收缴率达83.9%。"


def test_no_dues_leaves_the_rate_clause_out(session):
    text = sentence(("会员总数达到5人", "?会费收缴率达{dues.rate:.1%}"), {"dues": dues_provider.provide(session, Q1)})
    assert text == "会员总数达到5人。"


def test_six_months_unpaid_is_counted_as_long_arrears(session):
    small_office(session)
    figures = dues_provider.provide(session, Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30), "2026年上半年"))
    assert figures["long_arrears_members"] == 4


@pytest.fixture
def spending(session):
    """Activities 6,800 (own funds) + 1,200 (行政), training 3,000 (上级), relief 5,000 cash + 1,000 goods, expense 2,000."""
    from relief_fixtures import add_member, visit
    activities.create_activity(session, activities.ActivityData("三八节", "festival", dt.date(2026, 3, 8), cost_fen=680000,
                                                                funding_source="工会经费"), [])
    activities.create_activity(session, activities.ActivityData("植树", "festival", dt.date(2026, 3, 12), cost_fen=120000,
                                                                funding_source="行政拨款"), [])
    trainings.create_training(session, trainings.TrainingData("安全培训", "safety", dt.date(2026, 2, 1), cost_fen=300000,
                                                              funding_source="上级工会补助"), [])
    member = add_member(session, "甲")
    v = visit(session, member, 500000)
    from unionoffice.store.models.relief import ReliefVisit
    session.get(ReliefVisit, v.id).goods_value_fen = 100000
    expenses.add_expense(session, expenses.ExpenseInput(dt.date(2026, 3, 1), "订阅《工人日报》", 200000, "本级工会经费",
                                                        "刘会计", "记-031"))
    session.flush()


def test_funds_figures_by_purpose_and_source(session, spending):
    figures = funds_provider.provide(session, Q1)
    assert figures["spent"] == Wan(680000 + 120000 + 300000 + 600000 + 200000)
    assert figures["activities"] == Wan(800000)
    assert figures["activities_share"] == Share(800000, 1900000)
    assert figures["training"] == Wan(300000)
    assert figures["relief"] == Wan(600000)
    assert figures["other"] == Wan(200000)
    assert figures["by_source"] == {"本级工会经费": Wan(680000 + 600000 + 200000), "行政": Wan(120000), "上级补助": Wan(300000)}
    text = sentence(("全年工会经费支出{funds.spent}万元", "?其中用于职工活动{funds.activities_share}"), {"funds": figures})
    assert text == "全年工会经费支出1.9万元，其中用于职工活动42%。"


def test_a_period_not_yet_begun_on_the_drafting_day_has_nothing_due(session):
    small_office(session)
    # The summary counts up to the drafting day: a next period drafted early ends before it starts.
    figures = dues_provider.provide(session, Period(dt.date(2027, 1, 1), dt.date(2026, 12, 31), "2027年"))
    assert figures["due"] == Wan(0) and figures["members"] == 0
    assert sentence(("会员总数达到5人", "?会费收缴率达{dues.rate:.1%}"), {"dues": figures}) == "会员总数达到5人。"
