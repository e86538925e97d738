"""The roster search finds an ID number by a fragment inside it; the department filter follows imports."""

from __future__ import annotations

import datetime as dt

from roster_helpers import add, an_id
from unionoffice.services.member_query import MemberFilter, birth_date_ranges, count_members, fetch_rows


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


def test_a_birth_month_inside_the_id_number_finds_the_member(session):
    _office(session)
    assert [r.name for r in fetch_rows(session, MemberFilter(text="199003"))] == ["张三"]


def test_the_birth_date_followed_by_the_next_digits_still_finds_the_member(session):
    _office(session)
    number = an_id(dt.date(1990, 3, 5), seed=1)
    assert [r.name for r in fetch_rows(session, MemberFilter(text=number[6:16]))] == ["张三"]


def test_digits_that_are_not_in_the_number_find_nobody_even_with_the_same_birth_date(session):
    _office(session)
    number = an_id(dt.date(1990, 3, 5), seed=1)
    other_sequence = number[6:14] + ("999" if number[14:17] != "999" else "998")
    assert count_members(session, MemberFilter(text=other_sequence)) == 0


def test_six_digits_may_be_a_year_and_month_or_a_short_date():
    assert birth_date_ranges("200612", today=dt.date(2026, 6, 1)) == [
        (dt.date(2006, 12, 1), dt.date(2006, 12, 31)), (dt.date(1920, 6, 12), dt.date(1920, 6, 12)),
        (dt.date(2020, 6, 12), dt.date(2020, 6, 12))]
    assert birth_date_ranges("851320") == []  # no 13th month
    assert birth_date_ranges("12345") == []  # too short: prefixes only


def test_a_short_number_still_matches_only_from_the_start(session):
    _office(session)
    assert count_members(session, MemberFilter(text="0305")) == 0
    assert count_members(session, MemberFilter(text=an_id(dt.date(1990, 3, 5), seed=1)[:4])) == 2
