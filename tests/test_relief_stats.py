"""Statistics on hand-built data whose answers are known."""

from __future__ import annotations

import datetime as dt

from relief_fixtures import add_member, visit
from unionoffice.services import hardship, relief, rights
from unionoffice.services.relief_stats import hardship_statistics, relief_statistics, rights_statistics, visit_statistics

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_cash_sums_to_the_fen_where_floats_would_not(session):
    # 0.1 + 0.2 yuan ten times over: floats give 2.9999999999999996, fen give exactly 300.
    member = add_member(session, "张三")
    for _ in range(10):
        visit(session, member, 10)
        visit(session, member, 20)
    assert sum([0.1, 0.2] * 10) != 3.0
    assert visit_statistics(session, *YEAR).cash_fen == 300


def test_households_persons_women_and_file_holders(session):
    wang = add_member(session, "王芳", sex="female")
    li = add_member(session, "李强")
    zhao = add_member(session, "赵丽", sex="female")
    hardship.open_file(session, hardship.HardshipFileInput(member_id=li.id, category="subsistence", main_cause="6",
                                                           opened_on=dt.date(2025, 5, 1)))
    visit(session, wang, 50000)
    visit(session, wang, 20000, code="hospital", day=dt.date(2026, 5, 3))
    visit(session, wang, 30000, code="school_aid", day=dt.date(2026, 8, 20), family_name="王小明", family_relation="子女")
    visit(session, li, 80000)
    visit(session, zhao, 10000, day=dt.date(2025, 12, 31))  # before the period
    stats = visit_statistics(session, *YEAR)
    assert (stats.visits, stats.households, stats.persons) == (4, 2, 3)
    assert (stats.women, stats.women_share) == (1, 0.5)
    assert (stats.file_holders, stats.file_holder_cash_fen) == (1, 80000)
    assert stats.cash_fen == 180000


def test_breakdowns_by_occasion_and_funding_source(session):
    member = add_member(session, "王芳")
    visit(session, member, 50000, funding_source="higher_union")
    visit(session, member, 40000, goods="水果", goods_value_fen=12345)
    visit(session, member, 20000, code="hospital")
    stats = visit_statistics(session, *YEAR)
    assert stats.visits_by_occasion == {"spring_festival": 2, "hospital": 1}
    assert stats.cash_by_occasion == {"spring_festival": 90000, "hospital": 20000}
    assert stats.goods_by_occasion == {"spring_festival": 12345, "hospital": 0}
    assert stats.cash_by_funding == {"higher_union": 50000, "own_funds": 60000}
    assert (stats.goods_value_fen, stats.total_value_fen) == (12345, 122345)
    assert stats.occasion_names["hospital"] == "住院慰问"


def test_deleted_visits_are_not_counted(session):
    member = add_member(session, "王芳")
    gone = visit(session, member, 50000)
    relief.delete_visits(session, [gone.id])
    assert visit_statistics(session, *YEAR).visits == 0


def test_a_visit_to_a_holder_whose_file_closed_before_does_not_count_as_help(session):
    member = add_member(session, "王芳")
    hfile = hardship.open_file(session, hardship.HardshipFileInput(member_id=member.id, category="subsistence",
                                                                   main_cause="6", opened_on=dt.date(2025, 5, 1)))
    hardship.close_file(session, hfile.id, "out_of_hardship", dt.date(2026, 1, 10), "已就业")
    visit(session, member, 50000, day=dt.date(2026, 1, 20))
    assert visit_statistics(session, *YEAR).file_holders == 0


def _file(session, name, cause, opened, category="subsistence", sex="male"):
    member = add_member(session, name, sex=sex)
    return hardship.open_file(session, hardship.HardshipFileInput(member_id=member.id, category=category,
                                                                  main_cause=cause, opened_on=opened))


def test_files_open_opened_and_closed_in_the_period_by_cause(session):
    old = _file(session, "甲", "6", dt.date(2024, 3, 1), sex="female")
    _file(session, "乙", "6", dt.date(2026, 2, 1), category="accident")
    _file(session, "丙", "9", dt.date(2026, 7, 1))
    out = _file(session, "丁", "3", dt.date(2025, 1, 1))
    gone = _file(session, "戊", "1", dt.date(2025, 1, 1))
    hardship.close_file(session, out.id, "out_of_hardship", dt.date(2026, 6, 1), "再就业")
    hardship.close_file(session, gone.id, "cancelled", dt.date(2027, 1, 5), "去世")  # after the period
    stats = hardship_statistics(session, *YEAR)
    assert (stats.open_at_end, stats.opened, stats.closed, stats.out_of_hardship, stats.cancelled) == (4, 2, 1, 1, 0)
    assert stats.open_by_cause == {"6": 2, "9": 1, "1": 1}
    assert stats.opened_by_cause == {"6": 1, "9": 1}
    assert stats.open_by_category == {"deep": 3, "accident": 1}
    assert stats.open_women == 1
    visit(session, old.member, 30000)
    assert hardship_statistics(session, *YEAR).helped == 1


def test_cases_received_by_kind_closed_resolved_share_and_money(session):
    def case(kind, received, result=None, closed=None, money=0):
        c = rights.receive_case(session, rights.CaseInput(received, "phone", kind, "事由", complainant="某人"))
        if result:
            rights.close_case(session, c.id, result, closed, money)
        return c

    case("wages", dt.date(2026, 3, 1), "mediated", dt.date(2026, 3, 20), 10)
    case("wages", dt.date(2026, 4, 1), "mediated", dt.date(2026, 5, 1), 20)
    case("contract", dt.date(2026, 5, 1), "referred", dt.date(2026, 5, 9))
    case("work_injury", dt.date(2026, 11, 1))
    case("wages", dt.date(2025, 12, 1), "not_accepted", dt.date(2026, 1, 3))
    stats = rights_statistics(session, *YEAR)
    assert stats.received == 4
    assert stats.received_by_kind == {"wages": 2, "contract": 1, "work_injury": 1}
    assert (stats.closed, stats.resolved, stats.resolved_share) == (4, 2, 0.5)
    assert stats.money_recovered_fen == 30
    assert stats.open_at_end == 1


def test_the_combined_statistics_carry_the_period(session):
    stats = relief_statistics(session, *YEAR)
    assert (stats.start, stats.end, stats.visits.visits, stats.files.open_at_end, stats.cases.received) == (*YEAR, 0, 0, 0)
