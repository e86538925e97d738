"""The composition panel's counts: age-band edges, both query paths, and the covering index's plan."""

from __future__ import annotations

import datetime as dt

import pytest

from roster_helpers import add, an_id
from sql_capture import query_plan, statements_run
from unionoffice.services import roster_stats
from unionoffice.services.member_query import MemberFilter
from unionoffice.services.office import add_group
from unionoffice.services.roster_stats import composition

ON = dt.date(2026, 6, 30)


def test_age_bands_split_on_the_birthday(session):
    add(session, "三十五", id_type="passport", id_number="E1", birth_date=dt.date(1990, 7, 1))  # 35 on ON
    add(session, "三十六", id_type="passport", id_number="E2", birth_date=dt.date(1990, 6, 30))  # 36 that day
    add(session, "四十五", id_type="passport", id_number="E3", birth_date=dt.date(1980, 7, 1))
    add(session, "五十六", id_type="passport", id_number="E4", birth_date=dt.date(1970, 6, 30))
    add(session, "无生日", id_type="passport", id_number="E5")
    comp = composition(session, MemberFilter(as_of=ON))
    assert comp.by_age_band == {"35_and_under": 1, "36_45": 2, "56_and_over": 1, "unknown": 1}
    assert comp.youth == 1


def _office(session) -> None:
    groups = [add_group(session, name).id for name in ("一车间", "二车间")]
    for i in range(30):
        add(session, f"张{i}", id_number=an_id(dt.date(1960 + i, 3, 5), female=i % 3 == 0, seed=i),
            group_id=groups[i % 2] if i % 5 else None, education=("bachelor", "college", None)[i % 3],
            political_status=("masses", "cpc_member", None)[i % 3], migrant_worker=i % 4 == 0,
            phone=f"1380000{i:04d}")


def test_a_broad_search_counts_the_same_as_a_narrow_one(session, monkeypatch):
    _office(session)
    narrow = composition(session, MemberFilter(text="138"))
    monkeypatch.setattr(roster_stats, "NARROW_SEARCH", 1)  # every search now takes the scan path
    broad = composition(session, MemberFilter(text="138"))
    assert narrow == broad
    assert narrow.total == 30
    assert (narrow.women, narrow.migrant_workers, narrow.party_members) == (10, 8, 10)
    assert narrow.by_education == {"bachelor": 10, "college": 10, "unknown": 10}
    assert narrow.by_group == {"一车间": 12, "二车间": 12, "": 6}


@pytest.mark.sqlite_only  # SQLite's query plans
def test_counting_every_member_walks_the_covering_index(session):
    _office(session)
    connection = session.connection()
    with statements_run(connection) as statements:
        composition(session, MemberFilter())
    grouped = next((s, p) for s, p in statements if "GROUP BY" in s)
    plan = query_plan(connection, *grouped)
    assert "COVERING INDEX ix_members_composition" in plan
    assert "TEMP B-TREE" not in plan  # grouped in index order, no sort


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_member_search_keeps_its_own_indexes(session):
    """The covering index must not lure the search's count away from the pinyin/phone indexes."""
    from unionoffice.services.member_query import count_members

    _office(session)
    connection = session.connection()
    with statements_run(connection) as statements:
        for text in ("zs", "138"):
            count_members(session, MemberFilter(text=text))
    counts = [(s, p) for s, p in statements if "count(*)" in s]
    assert len(counts) == 2
    for statement, parameters in counts:
        plan = query_plan(connection, statement, parameters)
        assert "ix_members_composition" not in plan, plan
