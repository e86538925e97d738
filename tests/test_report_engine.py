"""Figures, templates and drafting, independent of any register (a fake provider supplies figures)."""

from __future__ import annotations

import datetime as dt
import types

import pytest

from unionoffice.reports import figures as figures_module
from unionoffice.reports import periods
from unionoffice.reports.draft import Draft, draft_summary, fill, redraft_part, sentence
from unionoffice.reports.figures import Share, Wan, Yuan, format_figure
from unionoffice.reports.template import TemplateError, chinese_ordinal, parse_template
from unionoffice.services.summaries import next_period

FAKE_VALUES = {"sessions": 15, "technical": 10, "person_times": 1580, "none": 0,
               "cash": Wan(300_000_00 * 100 // 100), "share": Share(235, 459), "by_kind": {"文体活动": 3, "会议": 0}}


@pytest.fixture
def fake_provider(monkeypatch):
    fake = types.ModuleType("fake")
    fake.NAMESPACE = "t"
    fake.FIGURES = {k: k for k in FAKE_VALUES}
    fake.provide = lambda session, period: dict(FAKE_VALUES)
    real = figures_module.provider_modules()
    office = [m for m in real if m.NAMESPACE == "office"]
    monkeypatch.setattr(figures_module, "provider_modules", lambda: office + [fake])
    return fake


def test_figures_print_as_summaries_quote_them():
    assert format_figure(Wan(30_000_000)) == "30"
    assert format_figure(Wan(1_102_000)) == "1.1"
    assert format_figure(Wan(1_102_300)) == "1.1"
    assert format_figure(Wan(11_020_000)) == "11.02"
    assert format_figure(Yuan(150_050)) == "1500.5"
    assert format_figure(Share(235, 459)) == "51%"
    assert format_figure(Share(461, 1000), ".1%") == "46.1%"
    assert format_figure(Share(0, 0)) == "0%"
    assert format_figure(1580) == "1580"
    assert format_figure(dt.date(2026, 6, 30)) == "2026年6月30日"


def test_optional_clauses_go_when_their_figure_is_zero(fake_provider):
    values = {"t": dict(FAKE_VALUES)}
    assert sentence(("举办培训{t.sessions}期", "?其中技术培训{t.technical}期", "?无{t.none}项"), values) == "举办培训15期，其中技术培训10期。"
    assert sentence(("?无{t.none}项",), values) == ""
    assert fill("{t.by_kind.文体活动}次、{t.by_kind.不存在}次", values) == "3次、0次"


def _template(tmp_path, body: str):
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """
name = "测试"
title = "{office.period}总结"
[[parts]]
key = "work"
heading = "主要工作"
lines = ["training", "idle"]
[[parts]]
key = "ideas"
heading = "经验和体会"
prompt = "（请填写）"
[lines.training]
heading = "职工培训"
requires = ["t.sessions"]
paragraphs = [["共举办培训{t.sessions}期", "?其中技术培训{t.technical}期", "培训{t.person_times}人次"]]
table = [["培训期数", "{t.sessions}"]]
chart = { title = "活动", figure = "t.by_kind", unit = "次" }
[lines.idle]
heading = "空闲"
requires = ["t.none"]
empty = "本期未开展。"
paragraphs = [["不应出现{t.none}"]]
"""


def test_a_template_drafts_numbered_parts_lines_and_empty_lines(fake_provider, session, tmp_path):
    template = parse_template(_template(tmp_path, GOOD))
    draft = draft_summary(session, periods.first_half(2026), template, today=dt.date(2026, 7, 5))
    assert draft.title == "2026年上半年总结"
    work, ideas = draft.parts
    assert work.heading == "一、主要工作" and ideas.heading == "二、经验和体会"
    assert work.text.splitlines() == ["（一）职工培训", "共举办培训15期，其中技术培训10期，培训1580人次。", "（二）空闲", "本期未开展。"]
    assert work.tables[0].rows == [("培训期数", "15")]
    assert work.charts[0].categories == ["文体活动"] and work.charts[0].values == [3]  # no empty bars
    assert ideas.is_prompt and ideas.text == "（请填写）"
    assert Draft.from_json(draft.to_json()) == draft


def test_redrafting_one_part_keeps_the_others(fake_provider, session, tmp_path):
    template = parse_template(_template(tmp_path, GOOD))
    draft = draft_summary(session, periods.full_year(2026), template)
    draft.parts[1].text = "我们的体会。"
    draft.parts[0].text = "改过的文字"
    redraft_part(session, draft, template, "work")
    assert draft.parts[0].text.startswith("（一）职工培训")
    assert draft.parts[1].text == "我们的体会。"


def test_unknown_figure_is_named_with_file_and_line(fake_provider, tmp_path):
    path = _template(tmp_path, GOOD.replace("培训{t.person_times}人次", "培训{t.persons}人次"))
    with pytest.raises(TemplateError) as error:
        parse_template(path)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "t.persons" in text)
    assert f"mine.toml:{line}" in str(error.value) and "t.persons" in str(error.value)


def test_broken_toml_and_unknown_line_are_refused(fake_provider, tmp_path):
    with pytest.raises(TemplateError, match="mine.toml"):
        parse_template(_template(tmp_path, "name = ["))
    with pytest.raises(TemplateError, match="nothing"):
        parse_template(_template(tmp_path, GOOD.replace('lines = ["training", "idle"]', 'lines = ["nothing"]')))


def test_periods_and_the_next_period():
    assert periods.first_half(2026).label == "2026年上半年"
    assert periods.full_year(2026).label == "2026年"
    q3 = periods.quarter(2026, 3)
    assert (q3.start, q3.end, q3.label) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30), "2026年第三季度")
    assert next_period(periods.first_half(2026)) == periods.first_half(2027)
    assert next_period(periods.quarter(2026, 4)) == periods.quarter(2027, 1)
    custom = periods.date_range(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert (next_period(custom).start, next_period(custom).end) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    odd = periods.date_range(dt.date(2026, 3, 5), dt.date(2026, 3, 14))
    assert (next_period(odd).start, next_period(odd).end) == (dt.date(2026, 3, 15), dt.date(2026, 3, 24))
    with pytest.raises(ValueError):
        periods.date_range(dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    assert [chinese_ordinal(n) for n in (1, 5, 10, 11, 20)] == ["一", "五", "十", "十一", "二十"]


def test_a_sentence_ending_in_brackets_still_gets_its_full_stop(fake_provider):
    values = {"t": dict(FAKE_VALUES)}
    assert sentence(("分布在{t.sessions}个部门（工会小组）",), values) == "分布在15个部门（工会小组）。"
    assert sentence(("（请写出下一阶段的工作思路。）",), values) == "（请写出下一阶段的工作思路。）"
    assert sentence(("他说“办结了。”",), values) == "他说“办结了。”"
