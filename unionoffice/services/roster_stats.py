"""Member statistics: the composition of any filtered roster, and the figures of a period.

``members_stats(session, start, end)`` (services/member_figures.py, raw SQL) gives what a work
summary's 基本情况 quotes. ``composition(session, member_filter)`` gives the same breakdowns for whatever the roster page
shows (its composition panel).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from unionoffice.services.member_figures import (  # noqa: F401 - the roster's names, as before
    AGE_BANDS, DEMOCRATIC, JOINING_EVENTS, LEAVING_EVENTS, PARTY, UNKNOWN, Composition, MemberStats, _bands,
    age_band_label, composition_of, composition_of_rows, members_stats, on_roll_count, roll_composition,
)
from unionoffice.services.member_query import MemberFilter, _years_before, count_members, filter_conditions
from unionoffice.store.models import Member


def _band_sums(on: dt.date) -> list[Any]:
    """Cumulative counts: born after each band's upper age limit (younger), then with a birth date at all."""
    younger = [func.sum(case((Member.birth_date > _years_before(on, high + 1), 1), else_=0))
               for _code, _label, _low, high in AGE_BANDS if high is not None]
    return [*younger, func.count(Member.birth_date)]


def composition(session: Session, member_filter: MemberFilter) -> Composition:
    """Breakdowns of the members the filter selects, counted in SQL in one pass.

    The members are grouped by sex, education, political status, migrant worker and group, with
    the age bands as sums inside each group. That GROUP BY follows the column order of the
    index ix_members_composition (store/models/roster.py), which also holds the status and the
    search keys: SQLite answers it by walking that one narrow index in order, with no sort and
    no visit to the members' rows (at 200,000 members, a broad search costs about one count).
    """
    on = member_filter.on()
    keys = (Member.sex, Member.education, Member.political_status, Member.migrant_worker, Member.group_id)
    query = (
        select(*keys, func.count(), *_band_sums(on))
        .where(*filter_conditions(member_filter, use_indexes=_narrow(session, member_filter)))
        .group_by(*keys)
    )
    # Core rows, not ORM ones, fetched at once: a few thousand small tuples (row by row: a fetchone each).
    return composition_of_rows(session, on, session.connection().execute(query).all())


NARROW_SEARCH = 5_000


def _narrow(session: Session, member_filter: MemberFilter) -> bool:
    """Whether the search words match few enough members to be found through the indexes."""
    if not (member_filter.text or "").strip():
        return False  # nothing to look up: the whole (filtered) table is counted anyway
    return count_members(session, member_filter, cap=NARROW_SEARCH) < NARROW_SEARCH


