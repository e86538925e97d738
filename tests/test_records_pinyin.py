"""Names sort and search by their pinyin as names are read (姓氏读音, 复姓, character by character)."""

from __future__ import annotations

import pytest

from roster_helpers import add
from unionoffice.domain.pinyin import search_keys, sort_key
from unionoffice.services.member_query import MemberFilter, Sort, SortKey, fetch_rows


@pytest.mark.parametrize("name, full", [
    ("曾国强", "zengguoqiang"), ("单田芳", "shantianfang"), ("解晓东", "xiexiaodong"), ("仇英", "qiuying"),
    ("区家明", "oujiaming"), ("查良镛", "zhaliangyong"), ("朴正民", "piaozhengmin"), ("翟志刚", "zhaizhigang"),
    ("覃海", "qinhai"), ("缪可", "miaoke"), ("盖丽", "geli"), ("尉迟恭", "yuchigong"), ("欧阳修", "ouyangxiu"),
    ("司马光", "simaguang"), ("诸葛亮", "zhugeliang"), ("长孙无忌", "zhangsunwuji"), ("乐天", "yuetian"),
])
def test_surnames_are_read_as_surnames(name, full):
    assert search_keys(name)[1] == full


def test_a_character_without_a_reading_is_no_initial():
    assert search_keys("王𠇔") == ("w", "wang")
    assert search_keys("𠇔明") == ("m", "ming")


def test_the_sort_key_keeps_cheng_out_of_chen():
    names = ["陈紫", "程阿", "陈阿", "程紫"]
    assert sorted(names, key=sort_key) == ["陈阿", "陈紫", "程阿", "程紫"]


def test_the_sort_key_keeps_jiang_out_of_jia():
    names = ["蒋一", "贾宝玉", "江河", "贾政", "姜子牙"]
    ordered = sorted(names, key=sort_key)
    assert ordered[:2] == ["贾宝玉", "贾政"] and set(ordered[2:]) == {"蒋一", "江河", "姜子牙"}


def test_same_surname_names_stay_together_in_the_sort_key():
    # 陈 and 晨 are both "chen": all 陈 names come together, not interleaved by the given name.
    ordered = sorted(["陈紫", "晨阿", "陈阿", "晨紫"], key=sort_key)
    assert [n[0] for n in ordered] in (list("陈陈晨晨"), list("晨晨陈陈"))


def test_a_character_without_a_reading_sorts_after_the_letters():
    assert sorted(["𠇔明", "左明"], key=sort_key) == ["左明", "𠇔明"]


def test_the_roster_sorts_by_surname_then_given_name(session):
    for name in ["程阿", "陈紫", "曾强", "贾政", "江河", "单田"]:
        add(session, name)
    rows = fetch_rows(session, MemberFilter(), Sort(SortKey.NAME))
    assert [r.name for r in rows] == ["陈紫", "程阿", "贾政", "江河", "单田", "曾强"]


def test_the_roster_search_finds_a_surname_by_its_surname_reading(session):
    add(session, "曾强")
    add(session, "单田")
    assert [r.name for r in fetch_rows(session, MemberFilter(text="zq"))] == ["曾强"]
    assert [r.name for r in fetch_rows(session, MemberFilter(text="shantian"))] == ["单田"]
