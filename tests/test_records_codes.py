"""National code lists for the member record: 政治面貌 (GB/T 4762), 民族 (GB/T 3304), 学历 (GB/T 4658)."""

from __future__ import annotations

import datetime as dt

import pytest

from roster_helpers import add
from unionoffice.domain.choices import Education, PoliticalStatus
from unionoffice.domain.vocabulary import ETHNICITIES, normalize_ethnicity, read_choice
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import CellError
from unionoffice.services.member_query import ANY_DEMOCRATIC_PARTY, MemberFilter, count_members
from unionoffice.services.members import MemberData, MemberError, add_member, validate
from unionoffice.services.roster_stats import composition

PARSE = {c.key: c.parse for c in COLUMNS}


def test_the_thirteen_political_statuses_are_offered_with_their_standard_names():
    assert [p.label() for p in PoliticalStatus.offered()] == [
        "中共党员", "中共预备党员", "共青团员", "民革党员", "民盟盟员", "民建会员", "民进会员", "农工党党员",
        "致公党党员", "九三学社社员", "台盟盟员", "无党派人士", "群众"]


@pytest.mark.parametrize("text, code", [
    ("民盟盟员", "cdl"), ("民盟", "cdl"), ("九三", "jiusan"), ("九三学社社员", "jiusan"), ("党员", "cpc_member"),
    ("团员", "cyl_member"), ("农工党", "cpwdp"), ("台盟", "tdsgl"), ("民 进", "capd"), ("民主党派", "democratic_party"),
])
def test_a_roster_import_reads_the_party_names_and_short_forms(text, code):
    assert PARSE["political_status"](text).value == code


def test_an_unknown_political_status_is_refused_with_the_allowed_names():
    with pytest.raises(CellError, match="民盟盟员"):
        PARSE["political_status"]("民主人士党")


def test_the_56_ethnic_groups_and_the_two_extra_values():
    assert len(ETHNICITIES) == 58 and len(set(ETHNICITIES)) == 58
    assert ETHNICITIES[0] == "汉族" and ETHNICITIES[55] == "基诺族" and ETHNICITIES[-2:] == ("其他", "外国血统")


@pytest.mark.parametrize("text, name", [("汉", "汉族"), ("维吾尔", "维吾尔族"), ("蒙古", "蒙古族"), ("回族", "回族"),
                                        ("外国血统中国籍人士", "外国血统"), ("其它", "其他"), (" 汉族 ", "汉族")])
def test_ethnicity_short_forms_become_the_standard_name(text, name):
    assert normalize_ethnicity(text) == name
    assert PARSE["ethnicity"](text) == name


def test_an_ethnicity_that_is_not_in_gbt_3304_is_refused_on_import():
    with pytest.raises(CellError, match="GB/T 3304"):
        PARSE["ethnicity"]("火星族")


@pytest.mark.parametrize("text, code", [("博士研究生", "postgraduate"), ("大学本科", "bachelor"), ("大专", "college"),
                                        ("技工学校", "secondary_vocational"), ("职业高中", "secondary_vocational"),
                                        ("普通高中", "high_school"), ("小学", "junior_or_below")])
def test_education_words_of_gbt_4658(text, code):
    assert read_choice(Education, text).value == code
    assert PARSE["education"](text).value == code


def test_the_member_form_stores_the_standard_ethnicity_name(session):
    member = add_member(session, MemberData(name="阿依古丽", ethnicity="维吾尔", join_date=dt.date(2020, 1, 1))).member
    assert member.ethnicity == "维吾尔族"


def test_the_member_form_refuses_an_unknown_ethnicity_naming_the_field(session):
    with pytest.raises(MemberError, match="^民族：.*火星"):
        validate(session, MemberData(name="张三", ethnicity="火星"))


def test_the_member_form_refuses_an_unknown_political_status_code(session):
    with pytest.raises(MemberError, match="^政治面貌"):
        validate(session, MemberData(name="张三", political_status="martian"))


def test_a_join_date_after_today_is_refused_naming_the_field(session):
    with pytest.raises(MemberError, match="^入会日期"):
        validate(session, MemberData(name="张三", join_date=dt.date(2026, 6, 2)), today=dt.date(2026, 6, 1))


def test_a_join_date_of_today_is_accepted(session):
    clean, _notices = validate(session, MemberData(name="张三", join_date=dt.date(2026, 6, 1)), today=dt.date(2026, 6, 1))
    assert clean.join_date == dt.date(2026, 6, 1)


@pytest.fixture
def parties(session):
    for name, status in (("甲", "cdl"), ("乙", "cdl"), ("丙", "jiusan"), ("丁", "democratic_party"),
                         ("戊", "cpc_member"), ("己", "masses")):
        add(session, name, political_status=status)
    return session


def test_composition_counts_each_party_apart_and_the_parties_together(parties):
    comp = composition(parties, MemberFilter())
    assert comp.by_political_status["cdl"] == 2 and comp.by_political_status["jiusan"] == 1
    assert comp.democratic_party_members == 4  # 2 民盟 + 1 九三 + 1 older generic 民主党派
    assert comp.party_members == 1


def test_the_filter_finds_any_democratic_party_member(parties):
    assert count_members(parties, MemberFilter(political_status=ANY_DEMOCRATIC_PARTY)) == 4
    assert count_members(parties, MemberFilter(political_status="cdl")) == 2


def test_the_summary_figures_keep_their_names_and_add_the_parties(parties):
    from unionoffice.reports.figures import Period
    from unionoffice.reports.providers.members import provide

    figures = provide(parties, Period(dt.date(2020, 1, 1), dt.date.today(), "全年"))
    assert figures["party"] == 1 and figures["democratic"] == 4
    assert figures["by_political_status"]["民盟盟员"] == 2
    assert figures["by_political_status"]["民主党派（未细分）"] == 1
