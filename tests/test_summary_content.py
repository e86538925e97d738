"""The summary's content rules on hand-built offices where every figure is known: highlights by
name, 同比, drafted reflective parts, money by size, the drafting day, the document language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.cli_people import sign_in_commands
from unionoffice.cli import main
from unionoffice.i18n import set_language
from unionoffice.reports import periods
from unionoffice.reports.compose import to_document
from unionoffice.reports.document import Heading
from unionoffice.reports.draft import draft_summary
from unionoffice.reports.template import load_template
from unionoffice.services import activities, hardship, relief, rights, trainings
from unionoffice.services.office import OfficeSettings, add_group, save_settings
from unionoffice.store.models import Member, MembershipEvent

H1 = periods.first_half(2026)
DRAFTED = dt.date(2026, 7, 5)


def _member(s, name, sex="male", group_id=None, joined=dt.date(2020, 1, 1), migrant=False, kind="join"):
    member = Member(name=name, sex=sex, group_id=group_id, migrant_worker=migrant, join_date=joined, status="active")
    member.events = [MembershipEvent(kind=kind, date=joined)]
    s.add(member)
    s.flush()
    return member.id


def _text(db, period=H1, today=DRAFTED, template="standard", **kwargs):
    tpl, error = load_template(template)
    assert error is None
    with db.session() as s:
        draft = draft_summary(s, period, tpl, today=today, **kwargs)
    return draft, "\n".join(p.text for p in draft.parts)


@pytest.fixture
def office(db):
    """Two groups: 焊装车间 (6 members, 4 women) who take part; 仓储班 (2 men, migrant) who never do.

    2026 H1: a skill contest (5 attend), a festival event (4 women), a photo show (2);
    a city-level 工人先锋号; the same period of 2025 had one activity with 5 attendances."""
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会", signature_unit="示例厂工会"))
        shop, store = add_group(s, "焊装车间").id, add_group(s, "仓储班").id
        women = [_member(s, f"女{i}", "female", shop) for i in range(1, 5)]
        men = [_member(s, f"男{i}", "male", shop) for i in range(1, 3)]
        _member(s, "库一", "male", store, migrant=True)
        _member(s, "库二", "male", store, migrant=True)
        data = activities.ActivityData
        activities.create_activity(s, data("2025年春季拔河赛", "sports_culture", dt.date(2025, 4, 1)), member_ids=women + [men[0]])
        activities.create_activity(s, data("2026年焊工技能比武", "competition", dt.date(2026, 5, 20)),
                                   member_ids=[men[0], men[1], women[0], women[1], women[2]],
                                   awards=[activities.AwardData("工人先锋号", "city", collective_name="焊装车间")])
        activities.create_activity(s, data("三八节健步走", "festival", dt.date(2026, 3, 8)), member_ids=women)
        activities.create_activity(s, data("职工书画摄影展", "sports_culture", dt.date(2026, 4, 10)), member_ids=women[:2])
        # Planned for after the drafting day: not held yet, so not counted.
        activities.create_activity(s, data("端午龙舟赛", "sports_culture", dt.date(2026, 6, 28)), member_ids=women + men)
    return db


def test_activities_are_named_competitions_first_with_the_award_by_level(office):
    _draft, text = _text(office, today=dt.date(2026, 6, 20))
    assert "先后举办了2026年焊工技能比武、三八节健步走、职工书画摄影展等活动" in text
    assert "荣获市级“工人先锋号”1项" in text


def test_the_same_period_last_year_is_quoted_as_a_change(office):
    _draft, text = _text(office, today=dt.date(2026, 6, 20))
    # 2026 H1 (to 20 June): 5 + 4 + 2 = 11 member attendances; 2025 H1: 5.
    assert "会员参加11人次，同比增加6人次，增长120.0%" in text


def test_no_change_is_quoted_when_last_year_had_no_records(office):
    _draft, text = _text(office, today=dt.date(2026, 6, 20))
    assert "培训" in text and "同比" not in text.split("（二）")[1].split("（三）")[0]


def test_records_after_the_drafting_day_are_not_counted_and_截至_is_the_drafting_day(office):
    _draft, text = _text(office, today=dt.date(2026, 6, 20))
    assert "截至2026年6月20日" in text
    assert "共组织各类活动3次" in text and "龙舟" not in text
    _draft, later = _text(office, today=dt.date(2026, 7, 5))
    assert "截至2026年6月30日" in later and "共组织各类活动4次" in later


def test_problems_name_the_idle_group_and_the_share_who_took_part_in_nothing(office):
    draft, _text_ = _text(office, today=dt.date(2026, 6, 20))
    problems = draft.part("problems")
    assert not problems.is_prompt and problems.suggestions
    assert "上半年仍有2名会员未参加过工会组织的任何活动和培训，占会员总数的25%" in problems.text
    assert "仓储班等1个工会小组的会员上半年未参加活动和培训" in problems.text
    assert "农民工会员占会员总数的25%，但在参加活动和培训的会员中仅占0%" in problems.text
    plans = draft.part("plans").text
    assert "指导仓储班等工会小组制定活动计划" in plans


def test_a_hardship_file_not_reviewed_for_a_year_is_a_problem(office):
    with office.session() as s:
        member = s.query(Member).filter_by(name="库一").one()
        hardship.open_file(s, hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="6",
                                                         opened_on=dt.date(2024, 3, 1)))
    draft, _t = _text(office)
    assert "有1户困难职工档案超过12个月未复核" in draft.part("problems").text
    assert "对在档困难职工逐户复核" in draft.part("plans").text


def test_a_fall_on_last_year_is_a_problem(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        ids = [_member(s, f"员{i}") for i in range(4)]
        data = activities.ActivityData
        for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1), dt.date(2025, 5, 1)):
            activities.create_activity(s, data(f"活动{day.month}", "sports_culture", day), member_ids=ids)
        activities.create_activity(s, data("唯一活动", "sports_culture", dt.date(2026, 3, 1)), member_ids=ids)
    draft, _t = _text(db)
    assert "各类活动次数同比减少3次，下降75.0%" in draft.part("problems").text


def test_the_fall_in_attendance_is_the_members_attendance_the_body_quotes(db):
    """会员参加活动人次 in 存在的问题 is the body's member figure (outsiders' headcounts are said apart):
    2025 H1 4 + 4 member attendances and 10 outsiders, 2026 H1 3 members and 10 outsiders."""
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        ids = [_member(s, f"员{i}") for i in range(4)]
        data = activities.ActivityData
        for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 1)):
            activities.create_activity(s, data(f"活动{day.month}", "sports_culture", day, outsider_count=5), member_ids=ids)
        activities.create_activity(s, data("唯一活动", "sports_culture", dt.date(2026, 3, 1), outsider_count=10),
                                   member_ids=ids[:3])
    draft, text = _text(db)
    assert "会员参加3人次，同比减少5人次，下降62.5%" in text
    assert "会员参加活动人次同比减少5人次，下降62.5%" in draft.part("problems").text


def test_money_is_quoted_in_元_below_ten_thousand_and_in_万元_from_there(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        occasions = {o.code: o.id for o in relief.list_occasions(s)}
        small, big = _member(s, "甲"), _member(s, "乙")
        relief.record_visit(s, relief.VisitInput(date=dt.date(2026, 1, 20), member_id=small,
                                                 occasion_id=occasions["spring_festival"], cash_fen=50000))
        case = rights.receive_case(s, rights.CaseInput(received_on=dt.date(2026, 2, 1), channel="visit", kind="wages",
                                                       summary="欠薪", member_id=big))
        rights.close_case(s, case.id, "mediated", dt.date(2026, 3, 1), money_recovered_fen=1_502_000)
    _draft, text = _text(db)
    assert "春节“送温暖”活动中走访慰问职工1户，送去慰问金500元" in text
    assert "发放慰问金500元" in text
    assert "为职工追回经济损失1.5万元" in text
    assert "0万元" not in text and "慰问品" not in text


def test_an_english_interface_still_drafts_in_chinese_with_the_by_kind_figures(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会", language="en"))
        worker = _member(s, "甲")
        rights.receive_case(s, rights.CaseInput(received_on=dt.date(2026, 2, 1), channel="visit", kind="wages",
                                                summary="欠薪", member_id=worker))
    set_language("en")
    try:
        draft, text = _text(db)
        document = to_document(draft)
    finally:
        set_language("zh_CN")
    assert "截至2026年6月30日" in text and "December" not in text
    assert "其中工资报酬类1起" in text
    tables = [b for b in document.blocks if hasattr(b, "columns")]
    assert tables and tables[0].columns == ["项目", "数量"]


def test_english_as_the_document_language_drafts_in_english(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="Demo union", document_language="en"))
        _member(s, "甲")
    draft, text = _text(db)
    assert draft.language == "en"
    assert "June 30, 2026" in text


def test_new_joins_and_transfers_in_are_said_apart(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        _member(s, "老员工")
        _member(s, "新人", joined=dt.date(2026, 3, 1))
        _member(s, "调入", joined=dt.date(2026, 4, 1), kind="transfer_in")
    _draft, text = _text(db)
    assert "上半年坚持“应入尽入”，新发展会员1人，另有转入会员1人" in text


def test_no_boasting_clause_with_a_zero(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        _member(s, "老员工")
    _draft, text = _text(db)
    assert "应入尽入" not in text and "新发展会员0人" not in text


def test_the_period_is_named_全年_or_第一季度_not_本期(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        ids = [_member(s, "甲")]
        activities.create_activity(s, activities.ActivityData("迎春联欢会", "festival", dt.date(2026, 2, 1)), member_ids=ids)
    _d, year = _text(db, periods.full_year(2026), today=dt.date(2027, 1, 10))
    _d, q1 = _text(db, periods.quarter(2026, 1), today=dt.date(2026, 4, 5))
    assert "全年共组织各类活动1次" in year and "第一季度共组织各类活动1次" in q1
    assert "本期" not in year + q1


def test_the_women_workers_template_does_not_double_the_committee_name(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
    draft, _t = _text(db, template="women_workers")
    assert draft.title == "示例厂工会女职工委员会2026年上半年工作总结"


def test_tables_and_charts_stand_under_their_line_of_work(office):
    draft, _t = _text(office)
    blocks = to_document(draft).blocks
    chart = next(i for i, b in enumerate(blocks) if type(b).__name__ == "BarChart")
    heading_before = next(b.text for b in reversed(blocks[:chart]) if isinstance(b, Heading) and b.level == 2)
    assert heading_before.startswith("（五）丰富职工文化生活")
    categories = blocks[chart].categories
    assert categories[0] == "文体活动" and blocks[chart].values == sorted(blocks[chart].values, reverse=True)
    assert all("/" not in c for c in categories)


def test_an_undrafted_part_is_left_out_and_the_parts_renumbered(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
    draft, _t = _text(db)
    assert draft.part("experience").is_prompt
    headings = [b.text for b in to_document(draft).blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == ["一、基本情况", "二、主要工作和成效"]
    kept = [b.text for b in to_document(draft, keep_prompts=True).blocks if isinstance(b, Heading) and b.level == 1]
    assert kept[2:] == ["三、经验和体会", "四、存在的问题和不足", "五、下一步工作打算"]


def test_the_report_command_names_the_undrafted_parts_and_keeps_them_on_request(db, tmp_path, monkeypatch, capsys):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
    sign_in_commands(str(db.target), monkeypatch)
    out = tmp_path / "总结.docx"
    args = ["report", "--db", str(db.target), "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "已略去" in err and "三、经验和体会" in err and "--keep-prompts" in err
    from docx import Document as DocxDocument

    text = "".join(p.text for p in DocxDocument(str(out)).paragraphs)
    assert "经验和体会" not in text and "请结合本单位实际" not in text
    assert main(args + ["--keep-prompts"]) == 0
    assert "请结合本单位实际" in "".join(p.text for p in DocxDocument(str(out)).paragraphs)


def test_a_dropped_highlight_is_not_named(office):
    draft, text = _text(office, today=dt.date(2026, 6, 20), dropped={"三八节健步走"})
    assert "先后举办了2026年焊工技能比武、职工书画摄影展等活动" in text
    assert "三八节健步走" in draft.highlights and draft.dropped == ["三八节健步走"]


def test_certificates_are_counted_in_项(db):
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会"))
        worker = _member(s, "甲")
        T = trainings.TrainingResult
        trainings.create_training(s, trainings.TrainingData("焊工取证培训", "technical", dt.date(2026, 3, 10), hours_tenths=40),
                                  [T(worker, passed=True, certificate_name="焊工证")])
    _draft, text = _text(db)
    assert "取得各类证书1项" in text and re.search(r"证书\d+个", text) is None


def test_open_rights_cases_from_earlier_periods_are_said_apart(office):
    """Next to "受理1起" a bare "尚有2起正在办理" reads as a contradiction: the older one is named as such."""
    with office.session() as s:
        for day in (dt.date(2025, 11, 3), dt.date(2026, 4, 8)):
            rights.receive_case(s, rights.CaseInput(day, "phone", "wages", f"{day}反映工资拖欠", complainant="库一"))
    draft, _t = _text(office, today=dt.date(2026, 6, 20))
    assert "尚有2起职工投诉和维权案件正在办理中（其中1起为以前受理），未能及时办结" in draft.part("problems").text


def test_open_rights_cases_all_from_the_period_are_said_plainly(office):
    with office.session() as s:
        rights.receive_case(s, rights.CaseInput(dt.date(2026, 4, 8), "phone", "wages", "反映工资拖欠", complainant="库一"))
    draft, _t = _text(office, today=dt.date(2026, 6, 20))
    problems = draft.part("problems").text
    assert "尚有1起职工投诉和维权案件正在办理中，未能及时办结" in problems and "以前受理" not in problems
