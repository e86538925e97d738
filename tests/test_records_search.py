"""The roster search finds an ID number by a fragment inside it; the department filter follows imports."""

from __future__ import annotations

import datetime as dt

from roster_helpers import add, an_id
from unionoffice.services.member_query import MemberFilter, count_members, fetch_rows


def _office(session):
    add(session, "张三", id_number=an_id(dt.date(1990, 3, 5), seed=1))
    add(session, "李四", id_number=an_id(dt.date(1985, 11, 20), seed=2))


def test_a_birth_date_inside_the_id_number_finds_the_member(session):
    _office(session)
    assert [r.name for r in fetch_rows(session, MemberFilter(text="19900305"))] == ["张三"]


def test_six_digits_inside_the_id_number_are_enough(session):
    _office(session)
    assert [r.name for r in fetch_rows(session, MemberFilter(text="851120"))] == ["李四"]
    assert count_members(session, MemberFilter(text="851120")) == 1


def test_the_last_digits_with_the_check_character_find_the_member(session):
    _office(session)
    number = an_id(dt.date(1985, 11, 20), seed=2)
    assert [r.name for r in fetch_rows(session, MemberFilter(text=number[-6:].lower()))] == ["李四"]


def test_a_short_number_still_matches_only_from_the_start(session):
    _office(session)
    assert count_members(session, MemberFilter(text="0305")) == 0
    assert count_members(session, MemberFilter(text=an_id(dt.date(1990, 3, 5), seed=1)[:4])) == 2
