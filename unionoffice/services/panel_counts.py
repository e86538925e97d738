"""The members page's side panel: the composition of whatever the roster shows, quick at 200,000.

``panel_composition(session, member_filter)`` gives the same :class:`Composition` as
``roster_stats.composition`` (the report's), found the quickest way for the filter:

- the roll by status alone (the page as it opens, after every save): read from the member tally,
  two small tables that database triggers keep exact (store/models/member_tally.py), whatever the
  size of the office;
- a search that matches few members (judged from the newest thousand), or any search inside names
  (Chinese characters): the matching ids collected through the search indexes (names: one scan of
  the narrow name index), then only their rows counted;
- a broad search that most members match ("1": every phone number): the members who do NOT
  match counted, and taken from the tally's figures; when they are few, they are found through
  the search indexes (services/search_misses.py) instead of checking every member;
- any other broad search: one scan of the covering composition index, with conditions SQLite checks
  cheaply on each entry (``+column``) and the age bands as ``count(*) FILTER (WHERE …)``.

Every figure is a count, never an estimate: the sample of the newest members only chooses which
of the exact ways is quicker.

Each way ends in one statement that gives the figures by dimension (a few dozen rows: sex,
education, political status, migrant workers, group, the age bands' cumulative counts), summed in
SQL from the cells of the composition, so that Python never walks thousands of cells.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from typing import Any, Sequence

from sqlalchemy import ColumnElement, Integer, Select, String, and_, cast, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from unionoffice.domain.choices import ON_ROLL_STATUSES
from unionoffice.services.member_query import (
    _CJK, ALL, ON_ROLL, MemberFilter, _years_before, filter_conditions, search_words, text_conditions,
)
from unionoffice.services.roster_stats import AGE_BANDS, UNKNOWN, Composition, composition_of
from unionoffice.services.search_misses import misses_through_indexes
from unionoffice.store.models import Member
from unionoffice.store.models.member_tally import MemberBirthTally, MemberTally, MemberTallyPause
from unionoffice.store.tally import is_paused

# Up to this many matches the search indexes find them quickest; beyond, one scan of the
# composition index beats looking each match up.
NARROW_SEARCH = 5_000
# Up to this many members missing a broad search, the search indexes find them quickest.
FEW_MISSES = 5_000
# How many of the newest members a broad search is first tried on, to tell which side is smaller.
SAMPLE = 1_000

SEX, EDUCATION, POLITICAL, MIGRANT, GROUP, BAND = range(6)  # the dimensions of the figures
# (dimension, text value, group id) → members; BAND's text value is the cumulative count's index.
Figures = Counter[tuple[int, Any, Any]]


def band_edges(on: dt.date) -> list[dt.date]:
    """Born after each edge: younger than that band's upper age limit + 1 on ``on`` (youngest first)."""
    return [_years_before(on, high + 1) for _code, _label, _low, high in AGE_BANDS if high is not None]


def _figures_query(cells: Any, bands: Sequence[Any]) -> Select[Any]:
    """The figures by dimension from ``cells`` (columns sex, education, political_status,
    migrant_worker, group_id, n) and ``bands`` (aggregates over ``cells``: the cumulative counts)."""
    no_text, no_group = cast(null(), String), cast(null(), Integer)
    parts = [
        select(literal(dimension), cast(cells.c[name], String), no_group, func.sum(cells.c.n)).group_by(cells.c[name])
        for dimension, name in ((SEX, "sex"), (EDUCATION, "education"), (POLITICAL, "political_status"))
    ]
    parts.append(select(literal(MIGRANT), no_text, no_group, func.coalesce(
        func.sum(cells.c.n).filter(cells.c.migrant_worker.is_(True)), 0)))
    parts.append(select(literal(GROUP), no_text, cells.c.group_id, func.sum(cells.c.n)).group_by(cells.c.group_id))
    parts += [select(literal(BAND), literal(str(i)), no_group, func.coalesce(band, 0)) for i, band in enumerate(bands)]
    return union_all(*parts)  # type: ignore[return-value]


def _read(session: Session, query: Any) -> Figures:
    figures: Figures = Counter()
    for dimension, value, group_id, members in session.connection().execute(query):
        if members:
            figures[(dimension, value or None, group_id or None)] += int(members)
    return figures


def member_figures(session: Session, on: dt.date, conditions: Sequence[ColumnElement[bool]]) -> Figures:
    """The figures of the members meeting ``conditions``: grouped into cells in index order, then
    summed by dimension, in one statement."""
    keys = (Member.sex, Member.education, Member.political_status, Member.migrant_worker, Member.group_id)
    born = [func.count().filter(Member.birth_date > edge) for edge in band_edges(on)]
    cells = (
        select(*keys, func.count().label("n"), *(b.label(f"b{i}") for i, b in enumerate(born)),
               func.count(Member.birth_date).label(f"b{len(born)}"))
        .where(*conditions).group_by(*keys).cte("cells")
    )
    bands = [func.sum(cells.c[f"b{i}"]) for i in range(len(born) + 1)]
    return _read(session, _figures_query(cells, bands))


def _status_condition(column: Any, member_filter: MemberFilter) -> list[ColumnElement[bool]]:
    if member_filter.status == ON_ROLL:
        return [column.in_([s.value for s in ON_ROLL_STATUSES])]
    if member_filter.status and member_filter.status != ALL:
        return [column == member_filter.status]
    return []


def tally_answers(member_filter: MemberFilter, session: Session | None = None) -> bool:
    """Whether the filter asks for the roll by today's status alone (search words aside): the tally
    counts exactly that (and, with ``session``, it is not paused by a bulk write in this transaction)."""
    f = member_filter
    if session is not None and is_paused(session):
        return False
    others = (f.group_ids or f.sex or f.age_min is not None or f.age_max is not None or f.political_status
              or f.education or f.migrant_worker is not None)
    return not others and (f.as_of is None or (f.as_of >= dt.date.today() and f.status != ALL))


def tally_figures(session: Session, member_filter: MemberFilter) -> Figures:
    """The figures of the roll by status from the tally, for a filter ``tally_answers``."""
    t = MemberTally
    cells = (select(t.sex, t.education, t.political_status, t.migrant_worker, t.group_id, t.members.label("n"))
             .where(*_status_condition(t.status, member_filter)).cte("cells"))
    figures = _read(session, _figures_query(cells, []))
    b = MemberBirthTally
    sums = [func.sum(b.members).filter(b.birth_date > edge) for edge in band_edges(member_filter.on())]
    query = select(*sums, func.sum(b.members)).where(*_status_condition(b.status, member_filter))
    for i, members in enumerate(session.connection().execute(query).one()):
        if members:
            figures[(BAND, str(i), None)] += int(members)
    return figures


def _newest() -> Select[Any]:
    return select(Member.id).where(Member.deleted_at.is_(None)).order_by(Member.id.desc()).limit(SAMPLE)


def _sample(session: Session, words: list[ColumnElement[bool]]) -> tuple[int, int]:
    """(matching, looked at) among the newest members: which way is quicker, never a figure shown."""
    hits, seen = session.execute(
        select(func.count().filter(and_(*words)), func.count()).where(Member.id.in_(_newest().scalar_subquery()))).one()
    return int(hits), int(seen)


def tally_count(session: Session, member_filter: MemberFilter) -> int | None:
    """The exact number of members the filter selects, from the tally; None when it cannot tell
    (search words, or filters other than the status)."""
    if search_words(member_filter.text) or not tally_answers(member_filter):
        return None
    paused = select(func.count()).select_from(MemberTallyPause).scalar_subquery()
    query = select(paused, func.coalesce(func.sum(MemberTally.members), 0)).where(
        *_status_condition(MemberTally.status, member_filter))
    pauses, members = session.execute(query).one()
    return None if pauses else int(members)


def _members_outside_the_bin(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(MemberTally.members), 0))) or 0)


def _by_ids(member_filter: MemberFilter) -> list[ColumnElement[bool]]:
    """The matches collected through the search indexes first, then only their rows counted."""
    return [Member.id.in_(select(Member.id).where(*filter_conditions(member_filter)))]


def panel_figures(session: Session, member_filter: MemberFilter) -> Figures:
    f, on = member_filter, member_filter.on()
    words = search_words(f.text)
    tally = tally_answers(f, session)
    if not words:
        return tally_figures(session, f) if tally else member_figures(session, on, filter_conditions(f, use_indexes=False))
    if _CJK.search(f.text or ""):
        return member_figures(session, on, _by_ids(f))
    unindexed_words = text_conditions(f.text, use_indexes=False)
    hits, seen = _sample(session, unindexed_words)
    outside = _members_outside_the_bin(session)
    if not seen or hits * outside < NARROW_SEARCH * seen:
        return member_figures(session, on, _by_ids(f))  # few matches, by the estimate
    if tally and hits * 2 > seen:
        # Most members match: count those who do not, and take them from the whole roll.
        base = filter_conditions(replace(f, text=""), use_indexes=False)
        missed = [word.is_not(True) for word in unindexed_words]
        misses = misses_through_indexes(session, words, missed, _newest(), outside, FEW_MISSES)
        figures = tally_figures(session, f)
        if misses is None:  # many, or a server: check every member
            misses = and_(*unindexed_words).is_not(True)
        figures.subtract(member_figures(session, on, [*base, misses]))
        return figures
    return member_figures(session, on, filter_conditions(f, use_indexes=False))


def panel_composition(session: Session, member_filter: MemberFilter) -> Composition:
    """What the side panel shows for the roster's filter (exact counts)."""
    return assemble(session, member_filter.on(), panel_figures(session, member_filter))


def assemble(session: Session, on: dt.date, figures: Figures) -> Composition:
    """A Composition from the figures by dimension."""
    def by(dimension: int) -> dict[Any, int]:
        return {(value if dimension != GROUP else group_id): n
                for (d, value, group_id), n in figures.items() if d == dimension and n}

    sexes = by(SEX)
    total = sum(sexes.values())
    sexes = {(code or UNKNOWN): n for code, n in sexes.items()}
    educations = {(code or UNKNOWN): n for code, n in by(EDUCATION).items()}
    politics = {(code or UNKNOWN): n for code, n in by(POLITICAL).items()}
    groups = by(GROUP)
    cumulative = [figures.get((BAND, str(i), None), 0) for i in range(len(AGE_BANDS))]
    return composition_of(session, on, total, sexes, educations, politics, groups, sum(by(MIGRANT).values()),
                          cumulative)
