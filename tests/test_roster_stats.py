"""Member statistics on hand-built data where the answer is known."""

from __future__ import annotations

import datetime as dt

from roster_helpers import add, an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.services import members as svc
from unionoffice.services.member_query import MemberFilter
from unionoffice.services.office import add_group
from unionoffice.services.roster_stats import composition, members_stats

END = dt.date(2025, 12, 31)


def _office(session):
    g1, g2 = add_group(session, "一车间"), add_group(session, "财务部")
    a = add(session, "甲", id_number=an_id(dt.date(1995, 1, 1), female=True, seed=1), group_id=g1.id,
            political_status="cpc_member", education="bachelor", migrant_worker=True, join_date=dt.date(2018, 1, 1))
    b = add(session, "乙", id_number=an_id(dt.date(1980, 1, 1), seed=2), group_id=g1.id,
            political_status="masses", join_date=dt.date(2025, 3, 1))
    c = add(session, "丙", id_number=an_id(dt.date(1965, 1, 1), female=True, seed=3), group_id=g2.id,
            political_status="cpc_probationary", join_date=dt.date(2010, 1, 1))
    d = add(session, "丁", id_number=an_id(dt.date(1990, 1, 1), seed=4), group_id=g2.id, join_date=dt.date(2012, 1, 1))
    svc.change_status(session, d, MembershipEventKind.TRANSFER_OUT, dt.date(2025, 6, 1), "调动", "外单位工会")
    e = add(session, "戊", id_number=an_id(dt.date(1985, 1, 1), seed=5), join_date=dt.date(2011, 1, 1))
    svc.change_status(session, e, MembershipEventKind.RETAIN, dt.date(2025, 2, 1))
    return a, b, c, d, e


def test_members_stats_counts_the_roll_at_the_end(session):
    _office(session)
    stats = members_stats(session, dt.date(2025, 1, 1), END)
    assert (stats.total, stats.women, stats.migrant_workers, stats.party_members) == (4, 2, 1, 2)
    assert stats.women_share == 0.5
    assert stats.retained == 1


def test_members_stats_counts_joined_and_left_in_the_period(session):
    _office(session)
    stats = members_stats(session, dt.date(2025, 1, 1), END)
    assert (stats.joined, stats.new_joins, stats.left) == (1, 1, 1)
    assert stats.left_by_kind == {"transfer_out": 1}
    assert stats.joined_by_group == {"一车间": 1}


def test_an_earlier_end_date_sees_the_earlier_roll(session):
    _office(session)
    stats = members_stats(session, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert stats.total == 4  # 乙 not yet joined; 丁 not yet transferred out
    assert (stats.joined, stats.left) == (0, 0)


def test_composition_breakdowns(session):
    _office(session)
    comp = members_stats(session, dt.date(2025, 1, 1), END).composition
    assert comp.by_sex == {"female": 2, "male": 2}
    assert comp.by_age_band == {"35_and_under": 1, "36_45": 2, "56_and_over": 1}
    assert comp.by_group == {"一车间": 2, "财务部": 1, "": 1}
    assert comp.by_political_status == {"cpc_member": 1, "masses": 1, "cpc_probationary": 1, "unknown": 1}


def test_composition_follows_the_filter(session):
    _office(session)
    comp = composition(session, MemberFilter(sex="female"))
    assert (comp.total, comp.women, comp.men) == (2, 2, 0)
