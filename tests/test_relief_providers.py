"""The summary's figures for relief, hardship files and rights cases read as summaries quote them."""

from __future__ import annotations

import datetime as dt

from relief_fixtures import add_member, visit
from unionoffice.reports.draft import sentence
from unionoffice.reports.figures import Period
from unionoffice.reports.providers import hardship as hardship_provider
from unionoffice.reports.providers import relief as relief_provider
from unionoffice.reports.providers import rights as rights_provider
from unionoffice.services import hardship, rights

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年")


def test_relief_sentence_quotes_households_women_and_cash_in_wan(session):
    for i in range(3):
        visit(session, add_member(session, f"女{i}", sex="female"), 1_000_000)
    visit(session, add_member(session, "男"), 1_000_000)
    figures = {"relief": relief_provider.provide(session, YEAR)}
    text = sentence(("本期共慰问职工{relief.households}户", "?其中女职工{relief.women}人，占{relief.women_share}",
                     "?发放慰问金{relief.cash}万元"), figures)
    assert text == "本期共慰问职工4户，其中女职工3人，占75%，发放慰问金4万元。"


def test_rights_sentence_quotes_kinds_by_name_and_money_recovered(session):
    case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "visit", "wages", "欠薪", complainant="某人"))
    rights.close_case(session, case.id, "mediated", dt.date(2026, 4, 20), 8_500_000)
    figures = {"rights": rights_provider.provide(session, YEAR)}
    text = sentence(("本期共受理{rights.cases}起", "?其中工资报酬类{rights.by_kind.工资报酬}起",
                     "?调解成功{rights.resolved}起，占{rights.resolved_share}", "?追回{rights.recovered}万元"), figures)
    assert text == "本期共受理1起，其中工资报酬类1起，调解成功1起，占100%，追回8.5万元。"


def test_hardship_figures_count_files_on_file_by_cause_name(session):
    member = add_member(session, "甲")
    hardship.open_file(session, hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="6",
                                                           opened_on=dt.date(2026, 2, 1)))
    values = hardship_provider.provide(session, YEAR)
    assert (values["open_files"], values["opened"], values["by_cause"]) == (1, 1, {"重特大疾病": 1})
