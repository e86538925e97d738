"""Table rows: filters and sorting done in SQL, the lists the clerk asks for."""

from __future__ import annotations

import datetime as dt

from relief_fixtures import add_member, occasion_id, visit
from unionoffice.services import hardship, rights
from unionoffice.services.relief_queries import (
    CaseFilter,
    FileFilter,
    FileList,
    VisitFilter,
    list_cases,
    list_files,
    list_visits,
    search_members,
    visit_totals,
)

TODAY = dt.date(2026, 11, 23)


def test_members_are_found_by_pinyin_initials_and_name(session):
    add_member(session, "张三", group="生产一车间")
    add_member(session, "李四")
    assert [m.name for m in search_members(session, "zs")] == ["张三"]
    assert [m.name for m in search_members(session, "李")] == ["李四"]
    assert search_members(session, "zs")[0].group == "生产一车间"


def test_visits_filter_by_period_occasion_and_text(session):
    zhang, li = add_member(session, "张三"), add_member(session, "李四")
    visit(session, zhang, 50000, day=dt.date(2026, 1, 20))
    visit(session, li, 30000, code="hospital", day=dt.date(2026, 5, 1))
    visit(session, li, 20000, day=dt.date(2025, 1, 1))
    rows = list_visits(session, VisitFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)))
    assert [r.member_name for r in rows] == ["李四", "张三"]  # newest first
    assert [r.member_name for r in list_visits(session, VisitFilter(occasion_id=occasion_id(session, "hospital")))] == ["李四"]
    assert [r.cash_fen for r in list_visits(session, VisitFilter(text="ls"), sort="cash", descending=False)] == [20000, 30000]
    assert visit_totals(session, VisitFilter(text="李四")) == (2, 50000, 0)


def _open(session, member, opened, reviewed=None):
    return hardship.open_file(session, hardship.HardshipFileInput(
        member_id=member.id, category="subsistence", main_cause="6", opened_on=opened, reviewed_on=reviewed))


def test_files_due_for_review_are_those_unchecked_for_a_year(session):
    _open(session, add_member(session, "甲"), dt.date(2025, 1, 1))
    _open(session, add_member(session, "乙"), dt.date(2025, 1, 1), reviewed=dt.date(2026, 3, 1))
    _open(session, add_member(session, "丙"), dt.date(2026, 2, 1))
    rows = list_files(session, FileFilter(view=FileList.DUE_FOR_REVIEW, today=TODAY))
    assert [r.member_name for r in rows] == ["甲"]


def test_files_never_helped_ignore_visits_before_the_file(session):
    helped, before, never = add_member(session, "甲"), add_member(session, "乙"), add_member(session, "丙")
    for member in (helped, before, never):
        _open(session, member, dt.date(2026, 1, 1))
    visit(session, helped, 50000, day=dt.date(2026, 1, 20))
    visit(session, before, 50000, day=dt.date(2025, 12, 20))
    rows = list_files(session, FileFilter(view=FileList.NEVER_HELPED), sort="name")
    assert [r.member_name for r in rows] == ["丙", "乙"]  # bing before yi in pinyin


def test_file_rows_carry_help_received_and_per_capita_income(session):
    member = add_member(session, "甲")
    hardship.open_file(session, hardship.HardshipFileInput(
        member_id=member.id, category="subsistence", main_cause="6", opened_on=dt.date(2026, 1, 1),
        household_size=4, household_annual_income_fen=4_800_000))
    visit(session, member, 50000, day=dt.date(2026, 1, 20))
    visit(session, member, 20001, code="hospital", day=dt.date(2026, 3, 20))
    row = list_files(session)[0]
    assert (row.visits, row.cash_fen, row.last_visit, row.per_capita_monthly_fen) == (2, 70001, dt.date(2026, 3, 20), 100_000)


def test_cases_filter_by_state_and_kind(session):
    member = add_member(session, "刘工")
    open_case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "visit", "wages", "欠薪", member_id=member.id))
    done = rights.receive_case(session, rights.CaseInput(dt.date(2026, 5, 2), "phone", "contract", "合同", complainant="赵某"))
    rights.close_case(session, done.id, "mediated", dt.date(2026, 5, 9))
    rights.add_step(session, open_case.id, dt.date(2026, 4, 3), "核实")
    assert [(r.party, r.steps) for r in list_cases(session, CaseFilter(state="open"))] == [("刘工", 1)]
    assert [r.party for r in list_cases(session, CaseFilter(kind="contract"))] == ["赵某"]
    assert [r.party for r in list_cases(session, CaseFilter(text="lg"))] == ["刘工"]
    rights.add_step(session, open_case.id, dt.date(2026, 4, 9), "调解")
    assert [(r.party, r.steps) for r in list_cases(session)] == [("赵某", 0), ("刘工", 2)]


def test_help_counts_towards_a_file_only_while_it_is_open(session):
    member = add_member(session, "甲")
    hfile = _open(session, member, dt.date(2026, 1, 1))
    visit(session, member, 10000, day=dt.date(2025, 6, 1))  # before the file
    visit(session, member, 20000, day=dt.date(2026, 2, 1))
    hardship.close_file(session, hfile.id, "out_of_hardship", dt.date(2026, 3, 1), "再就业")
    visit(session, member, 40000, day=dt.date(2026, 5, 1))  # after it closed
    row = list_files(session, FileFilter(view=FileList.ALL))[0]
    assert (row.visits, row.cash_fen) == (1, 20000)
