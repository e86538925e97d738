"""The roster's search, filters and sort as SQL, so 200,000 members stay instant.

The search box matches, for each word typed: the name (contains), the pinyin initials and full
pinyin (prefix: 张三 by "zs" or "zhangsan"), the phone and card number (prefix) and the ID number
(prefix, or the birth date inside it: 19900305, 199003, 900305 — found through the birth-date index,
not by scanning every number). Prefix
matches are GLOBs on stored keys, which SQLite answers from an index (a LIKE would not: it is
case-insensitive, the indexes are not); on a PostgreSQL server they are LIKE 'x%' (store/portable_sql.py). The status is today's stored status, or, for a roster
"as of" another date, the status derived in SQL from the last membership event on or before it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Any, Sequence

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import DEMOCRATIC_PARTIES, ON_ROLL_STATUSES, STATUS_AFTER_EVENT, MembershipStatus
from unionoffice.store.models import Group, Member, MembershipEvent
from unionoffice.store.portable_sql import contains, starts_with, unindexed

ON_ROLL = "on_roll"  # status filter: active or retained (在册)
ALL = "all"
ANY_DEMOCRATIC_PARTY = "any_democratic_party"  # political-status filter: any of the eight parties (民主党派)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class MemberFilter:
    text: str = ""
    group_ids: Sequence[int] = ()
    status: str = ON_ROLL  # ON_ROLL, ALL or a MembershipStatus code
    sex: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    political_status: str | None = None
    education: str | None = None
    migrant_worker: bool | None = None
    as_of: dt.date | None = None  # None: today (the stored status)

    def on(self) -> dt.date:
        return self.as_of or dt.date.today()


class SortKey(str, Enum):
    NAME = "name"
    SEX = "sex"
    BIRTH_DATE = "birth_date"
    ID_NUMBER = "id_number"
    GROUP = "group"
    POLITICAL_STATUS = "political_status"
    EDUCATION = "education"
    PHONE = "phone"
    JOIN_DATE = "join_date"
    CARD_NO = "card_no"
    STATUS = "status"
    MIGRANT = "migrant_worker"


@dataclass
class Sort:
    key: SortKey = SortKey.NAME
    descending: bool = False


def status_on_expr(on: dt.date | None) -> ColumnElement[Any]:
    """The member's status code on a date, as an SQL expression (today: the stored column)."""
    if on is None or on >= dt.date.today():
        # Kept off the status index: nearly every row is active, so that index would be chosen
        # over the far more selective search indexes and scan them all.
        return unindexed(Member.status)
    last_kind = (
        select(MembershipEvent.kind)
        .where(MembershipEvent.member_id == Member.id, MembershipEvent.date <= on)
        .order_by(MembershipEvent.date.desc(), MembershipEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    whens = {kind.value: status.value for kind, status in STATUS_AFTER_EVENT.items()}
    return case(whens, value=last_kind, else_=MembershipStatus.NOT_YET.value)


_WILDCARDS = re.compile(r"[*?\[\]%_]")
_ID_FRAGMENT = re.compile(r"\d{6,16}")  # digits that may hold a birth date from inside an ID number
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def _prefix(column: Any, text: str, use_index: bool) -> ColumnElement[bool]:
    # Off the index, SQLite checks rows as it walks the sort order (or scans) instead of collecting
    # every match from the search indexes first (the faster plan for broad matches).
    return starts_with(column if use_index else unindexed(column), text)


def word_prefixes(word: str) -> list[tuple[Any, str]]:
    """The (column, text) prefixes a word of letters or digits is matched by; [] for a word with
    Chinese characters (matched inside the name) or of wildcards only."""
    word = _WILDCARDS.sub("", word)
    if not word or _CJK.search(word):
        return []
    lower, upper = word.lower(), word.upper()
    if lower.isalpha():
        return [(Member.pinyin_initials, lower), (Member.pinyin_full, lower)]
    prefixes = [(Member.card_no, w) for w in dict.fromkeys([word, upper])]
    if lower[:1].isdigit():
        prefixes += [(Member.id_number, upper), (Member.phone, lower)]
    return prefixes


def _word_condition(word: str, use_index: bool = True, implied_range: bool = False) -> ColumnElement[bool]:
    """Letters search names by pinyin; a word with digits searches ID number, phone and card number."""
    word = _WILDCARDS.sub("", word)
    if not word:
        return and_()  # nothing to match on: no restriction
    if _CJK.search(word):
        return contains(Member.name, word)  # instr/strpos: quicker than LIKE '%…%', and literal
    lower, upper = word.lower(), word.upper()
    options = [_prefix(column, text, use_index) for column, text in word_prefixes(word)]
    if lower.isalpha():
        names = or_(*options)
        if implied_range:
            # The keys and the name's sort key start with the same letter, so that range of the
            # sort-key index holds every match, already in name order: for many bunched matches,
            # walk it in order.
            return and_(_prefix(Member.name_sort_key, lower[0], True), names)
        return names
    if lower[:1].isdigit():
        ranges = birth_date_ranges(upper)
        if ranges:
            # The birth date inside the ID number (19900305, 199003, 900305, 1990030512…): the birth
            # date's index narrows it down, instr confirms the digits are in the number.
            options.append(and_(or_(*[Member.birth_date.between(a, b) for a, b in ranges]),
                                contains(Member.id_number, upper)))
    return or_(*options)


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def birth_date_ranges(word: str, today: dt.date | None = None) -> list[tuple[dt.date, dt.date]]:
    """The birth dates six or more digits can stand for, as they appear in an ID number: yyyymmdd,
    yyyymm or yymmdd, possibly followed by the next digits of the number. [] when none."""
    if not _ID_FRAGMENT.fullmatch(word):
        return []
    this_year = (today or dt.date.today()).year
    ranges = []
    long_form = re.fullmatch(r"((?:19|20)\d\d)(\d\d)(\d\d)?.*", word)
    if long_form and 1 <= int(long_form.group(2)) <= 12:
        year, month = int(long_form.group(1)), int(long_form.group(2))
        if long_form.group(3):
            try:
                day = dt.date(year, month, int(long_form.group(3)))
                ranges.append((day, day))
            except ValueError:
                pass
        else:
            ranges.append((dt.date(year, month, 1), _month_end(year, month)))
    short_form = re.fullmatch(r"(\d\d)(\d\d)(\d\d)", word)
    if short_form:
        for century in (1900, 2000):
            year = century + int(short_form.group(1))
            if year <= this_year:
                try:
                    day = dt.date(year, int(short_form.group(2)), int(short_form.group(3)))
                    ranges.append((day, day))
                except ValueError:
                    pass
    return ranges


def search_words(text: str | None) -> list[str]:
    """The words of a search that restrict it (wildcard characters alone restrict nothing)."""
    words = unicodedata.normalize("NFKC", text or "").split()
    return [w for w in words if _WILDCARDS.sub("", w)]


def text_conditions(text: str | None, use_indexes: bool = True, implied_range: bool = False) -> list[ColumnElement[bool]]:
    """What the search box's words ask of a member, one condition per word."""
    return [_word_condition(w, use_indexes, implied_range) for w in search_words(text)]


def filter_conditions(f: MemberFilter, use_indexes: bool = True, implied_range: bool = False) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Member.deleted_at.is_(None)]
    conditions += text_conditions(f.text, use_indexes, implied_range)
    if f.group_ids:
        conditions.append(Member.group_id.in_(list(f.group_ids)))
    status = status_on_expr(f.as_of)
    if f.status == ON_ROLL:
        conditions.append(status.in_([s.value for s in ON_ROLL_STATUSES]))
    elif f.status and f.status != ALL:
        conditions.append(status == f.status)
    if f.sex:
        conditions.append(Member.sex == f.sex)
    on = f.on()
    if f.age_min is not None:  # at least age_min years old on the date
        conditions.append(Member.birth_date <= _years_before(on, f.age_min))
    if f.age_max is not None:  # younger than age_max + 1
        conditions.append(Member.birth_date > _years_before(on, f.age_max + 1))
    if f.political_status == ANY_DEMOCRATIC_PARTY:
        conditions.append(Member.political_status.in_(sorted(p.value for p in DEMOCRATIC_PARTIES)))
    elif f.political_status:
        conditions.append(Member.political_status == f.political_status)
    if f.education:
        conditions.append(Member.education == f.education)
    if f.migrant_worker is not None:
        conditions.append(Member.migrant_worker.is_(f.migrant_worker))
    if f.as_of is not None and f.status == ALL:
        # Somebody who joined after the date was not on that day's roster at all.
        conditions.append(status != MembershipStatus.NOT_YET.value)
    return conditions


def _sort_column(key: SortKey) -> Any:
    return {
        SortKey.NAME: Member.name_sort_key,  # by surname then given name, as the names are read
        SortKey.SEX: Member.sex,
        SortKey.BIRTH_DATE: Member.birth_date,
        SortKey.ID_NUMBER: Member.id_number,
        SortKey.GROUP: Group.position,
        SortKey.POLITICAL_STATUS: Member.political_status,
        SortKey.EDUCATION: Member.education,
        SortKey.PHONE: Member.phone,
        SortKey.JOIN_DATE: Member.join_date,
        SortKey.CARD_NO: Member.card_no,
        SortKey.STATUS: Member.status,
        SortKey.MIGRANT: Member.migrant_worker,
    }[SortKey(key)]


@dataclass(frozen=True)
class RosterRow:
    id: int
    name: str
    sex: str | None
    birth_date: dt.date | None
    id_number: str | None
    group: str | None
    political_status: str | None
    education: str | None
    phone: str
    join_date: dt.date | None
    card_no: str
    status: str
    migrant_worker: bool


# Up to this many matches, collecting them through the search indexes and sorting them is quick.
SMALL_RESULT = 5000
# A broad search first looks only at this many members in sort order (at least): when the page is
# full from them, it is the right page, found without touching the rest of the table.
WINDOW = 4000


def _order(sort: Sort, expression: bool) -> list[Any]:
    column = _sort_column(sort.key)
    if expression:
        column = func.coalesce(column, column)  # an expression: SQLite sorts instead of walking the index
    order = [column.desc() if sort.descending else column.asc()]
    if sort.key == SortKey.GROUP:
        order.append(Member.name_sort_key.desc() if sort.descending else Member.name_sort_key)
    order.append(Member.id.desc() if sort.descending else Member.id)
    return order


def roster_select(f: MemberFilter, sort: Sort | None = None, window: int | None = None,
                  sort_matches: bool = True) -> Select[Any]:
    """The roster rows in order: every match (``sort_matches``: collected through the search
    indexes and sorted; else SQLite may walk a sort index), or (``window``) the matches among
    the first ``window`` members in sort order."""
    sort = sort or Sort()
    query = (
        select(
            Member.id, Member.name, Member.sex, Member.birth_date, Member.id_number, Group.name,
            Member.political_status, Member.education, Member.phone, Member.join_date, Member.card_no,
            status_on_expr(f.as_of), Member.migrant_worker,
        )
        .outerjoin(Group, Member.group_id == Group.id)
        .where(*filter_conditions(f, use_indexes=window is None, implied_range=not sort_matches))
        .order_by(*_order(sort, expression=sort_matches or window is not None))
    )
    if window is not None:
        first = select(Member.id).outerjoin(Group, Member.group_id == Group.id).order_by(*_order(sort, False))
        query = query.where(Member.id.in_(first.limit(window).scalar_subquery()))
    return query


def count_members(session: Session, f: MemberFilter, cap: int | None = None) -> int:
    """The number of matches; with ``cap``, counting stops there (a quick "at least" for typing)."""
    if cap is None:
        return session.scalar(select(func.count()).select_from(Member).where(*filter_conditions(f))) or 0
    capped = select(Member.id).where(*filter_conditions(f)).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def fetch_rows(session: Session, f: MemberFilter, sort: Sort | None = None, offset: int = 0,
               limit: int | None = None, matches: int | None = None) -> list[RosterRow]:
    """A page of rows. ``matches``: the exact count when known (None: "many", from a capped count)."""
    if _CJK.search(f.text or ""):
        # Inside names: the matches from one scan of the narrow name index, then their rows sorted
        # (walking the sort order would read every row to test its name).
        query = roster_select(f, sort).where(Member.id.in_(select(Member.id).where(*filter_conditions(f))))
        return [RosterRow(*row) for row in session.execute(query.offset(offset).limit(limit))]
    if limit is not None and (matches is None or matches > SMALL_RESULT):
        window = max(WINDOW, (offset + limit) * 8)
        rows = session.execute(roster_select(f, sort, window).offset(offset).limit(limit)).all()
        if len(rows) == limit:
            return [RosterRow(*row) for row in rows]
        # Many matches, bunched together in the sort order (all the "z…" names): let SQLite
        # choose, usually walking the matches' index range in order.
        query = roster_select(f, sort, sort_matches=False).offset(offset)
    else:
        query = roster_select(f, sort).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [RosterRow(*row) for row in session.execute(query)]


def first_page(session: Session, f: MemberFilter, sort: Sort | None, size: int, cap: int) -> tuple[int, bool, list[RosterRow]]:
    """(count, exact, rows) for a new search: the count stops at ``cap`` (exact is False then).

    A search inside names (Chinese characters) cannot use an index: one scan of the narrow name
    index collects the matching ids (up to ``cap``), which give the count, and the page is read
    and sorted from those rows alone (not found by walking the whole table in sort order).
    """
    if _CJK.search(f.text or ""):
        ids = list(session.scalars(select(Member.id).where(*filter_conditions(f)).limit(cap)))
        if len(ids) < cap:
            rows = session.execute(roster_select(f, sort).where(Member.id.in_(ids)).limit(size)).all() if ids else []
            return len(ids), True, [RosterRow(*row) for row in rows]
        return cap, False, fetch_rows(session, f, sort, 0, size, None)
    count = count_members(session, f, cap=cap)
    exact = count < cap
    rows = fetch_rows(session, f, sort, 0, size, count if exact else None) if count else []
    return count, exact, rows


def matching_ids(session: Session, f: MemberFilter, sort: Sort | None = None) -> list[int]:
    query = roster_select(f, sort).with_only_columns(Member.id)
    return list(session.scalars(query))

