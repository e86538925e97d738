"""The roster query: search by name, pinyin, ID, phone, card; filters; sort; roster as of a date."""

from __future__ import annotations

import datetime as dt

import pytest

from roster_helpers import add, an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.services import members as svc
from unionoffice.services.member_query import ALL, MemberFilter, Sort, SortKey, count_members, fetch_rows
from unionoffice.services.office import add_group
from unionoffice.store.models import Member


@pytest.fixture
def people(session):
    g1, g2 = add_group(session, "一车间"), add_group(session, "财务部")
    ids = {
        "张三": add(session, "张三", id_number=an_id(dt.date(1990, 3, 5), seed=1), phone="13800138000",
                   card_no="SL001", group_id=g1.id, education="bachelor"),
        "赵珊": add(session, "赵珊", id_number=an_id(dt.date(1970, 1, 1), female=True, seed=2), phone="13911112222",
                   card_no="SL002", group_id=g2.id, migrant_worker=True),
        "李四": add(session, "李四", id_number=an_id(dt.date(2000, 6, 1), seed=3), group_id=g1.id,
                   join_date=dt.date(2024, 3, 1)),
    }
    return ids


def names(session, **kwargs):
    sort = kwargs.pop("sort", Sort(SortKey.NAME))
    return [r.name for r in fetch_rows(session, MemberFilter(**kwargs), sort)]


def test_pinyin_initials_find_a_member(session, people):
    assert names(session, text="zs") == ["张三", "赵珊"]


def test_full_pinyin_finds_a_member(session, people):
    assert names(session, text="zhangsan") == ["张三"]
    assert names(session, text="ZhangS") == ["张三"]


def test_part_of_a_chinese_name_finds_it(session, people):
    assert names(session, text="三") == ["张三"]


def test_id_number_phone_and_card_prefixes_find_members(session, people):
    assert names(session, text=an_id(dt.date(1970, 1, 1), female=True, seed=2)[:10]) == ["赵珊"]
    assert names(session, text="139") == ["赵珊"]
    assert names(session, text="sl001") == ["张三"]


def test_letters_search_names_only_not_card_numbers(session, people):
    assert names(session, text="sl") == []  # every card starts with SL: letters mean a name


def test_words_are_combined(session, people):
    assert names(session, text="zs 139") == ["赵珊"]


def test_wildcards_typed_are_harmless(session, people):
    assert names(session, text="z*") == names(session, text="z")


def test_filters_group_sex_age_migrant_education(session, people):
    g1 = session.get(Member, people["张三"]).group_id
    assert names(session, group_ids=[g1]) == ["李四", "张三"]
    assert names(session, sex="female") == ["赵珊"]
    assert names(session, age_min=50) == ["赵珊"]
    assert names(session, age_max=30) == ["李四"]
    assert names(session, migrant_worker=True) == ["赵珊"]
    assert names(session, education="bachelor") == ["张三"]


def test_sort_by_any_column_descending(session, people):
    assert names(session, sort=Sort(SortKey.BIRTH_DATE, descending=True)) == ["李四", "张三", "赵珊"]
    assert names(session, sort=Sort(SortKey.NAME)) == ["李四", "张三", "赵珊"]  # by pinyin: lisi, zhangsan, zhaoshan


def test_former_members_leave_the_default_view_but_not_all(session, people):
    svc.change_status(session, people["赵珊"], MembershipEventKind.WITHDRAW, dt.date(2025, 1, 1))
    assert names(session) == ["李四", "张三"]
    assert names(session, status=ALL) == ["李四", "张三", "赵珊"]
    assert names(session, status="withdrawn") == ["赵珊"]


def test_roster_as_of_a_date_uses_the_history(session, people):
    svc.change_status(session, people["赵珊"], MembershipEventKind.WITHDRAW, dt.date(2025, 1, 1))
    assert names(session, as_of=dt.date(2024, 12, 31)) == ["李四", "张三", "赵珊"]
    assert names(session, as_of=dt.date(2024, 2, 1)) == ["张三", "赵珊"]  # 李四 joined in March 2024
    rows = fetch_rows(session, MemberFilter(status=ALL, as_of=dt.date(2025, 6, 30)), Sort(SortKey.NAME))
    assert [(r.name, r.status) for r in rows] == [("李四", "active"), ("张三", "active"), ("赵珊", "withdrawn")]


def test_members_in_the_recycle_bin_are_not_listed(session, people):
    svc.delete_member(session, people["张三"])
    assert count_members(session, MemberFilter(status=ALL)) == 2


def test_count_and_paging(session, people):
    f = MemberFilter()
    assert count_members(session, f) == 3
    assert [r.name for r in fetch_rows(session, f, Sort(SortKey.NAME), offset=1, limit=1)] == ["张三"]


@pytest.mark.parametrize("sort", [Sort(SortKey.NAME), Sort(SortKey.GROUP, descending=True), Sort(SortKey.PHONE)])
def test_a_broad_search_pages_the_same_through_the_window(session, people, monkeypatch, sort):
    import unionoffice.services.member_query as query

    everything = [r.name for r in fetch_rows(session, MemberFilter(), sort)]
    monkeypatch.setattr(query, "WINDOW", 1)
    paged = [r.name for offset in range(3) for r in fetch_rows(session, MemberFilter(), sort, offset, 1, matches=None)]
    assert paged == everything


def test_first_page_gives_count_and_rows_for_names_and_prefixes(session, people):
    from unionoffice.services.member_query import first_page

    count, exact, rows = first_page(session, MemberFilter(text="张"), Sort(), size=1, cap=10)
    assert (count, exact, [r.name for r in rows]) == (1, True, ["张三"])
    count, exact, rows = first_page(session, MemberFilter(), Sort(SortKey.NAME), size=2, cap=2)
    assert (count, exact, [r.name for r in rows]) == (2, False, ["李四", "张三"])
