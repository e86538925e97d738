"""The arrears list's first pass: one pass over compact rows, one integer per member and table.

For the usual member — joined once and still active — everything the
list needs is a bit mask of at most 60 months, and SQLite adds up 64-bit masks per member: the
months with a wage base (12 bits for each year with a base) and the months paid (from the
per-year summary table), already shifted to the period. With the month the member joined, the
unpaid months are one AND (less the months an exemption covers), and "six consecutive months
unpaid" one more check. Every other member (several membership events or none) is "to be computed" by the
general computation of services.dues_ledger, which stays the definition: the same set comes out.
(Doing the whole test in one SQL query with correlated subqueries was measured slower: SQLite
pays per member for each subquery, while a GROUP BY is one ordered scan.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unionoffice.domain.dues import Period, has_run, month_index, range_mask
from unionoffice.store.raw_sql import raw_rows

if TYPE_CHECKING:  # the report reads the dues without loading the ORM
    from sqlalchemy.orm import Session

MAX_MONTHS = 60  # masks of up to five whole years fit 64-bit integers with room to shift


@dataclass(frozen=True)
class FirstPass:
    listed: list[int]  # usual members with the run of unpaid months
    to_compute: list[int]  # members the general computation decides


def _month_index_of(day: object) -> int:
    """A date as SQLite gives it (ISO text) or PostgreSQL does (a date): its month index."""
    if isinstance(day, str):
        return int(day[:4]) * 12 + int(day[5:7]) - 1
    return day.year * 12 + day.month - 1  # type: ignore[attr-defined]


def fits(period: Period) -> bool:
    years = period.last // 100 - period.first // 100 + 1
    return years <= 5 and month_index(period.last) - month_index(period.first) + 1 <= MAX_MONTHS


def usual_starts(session: Session, active_kinds: frozenset[str]) -> dict[int, int]:
    """The usual members' joining month index (one membership event, of a kind that makes them active).

    One ordered read of the covering (member_id, kind, date) index, grouped here: SQLite's
    GROUP BY … HAVING over 20,000 members cost more than reading the rows."""
    start: dict[int, int] = {}
    months: dict[object, int] = {}  # each distinct month converted once
    previous, single, day = None, False, None
    for member_id, kind, date in raw_rows(session, "SELECT member_id, kind, date FROM membership_events ORDER BY member_id"):
        if member_id == previous:
            single = False
            continue
        if single:
            start[previous] = _month_index_cached(months, day)  # type: ignore[index]
        previous, single, day = member_id, kind in active_kinds, date
    if single:
        start[previous] = _month_index_cached(months, day)  # type: ignore[index]
    return start


def _month_index_cached(seen: dict[object, int], day: object) -> int:
    key = day[:7] if isinstance(day, str) else (day.year, day.month)  # type: ignore[attr-defined,index]
    index = seen.get(key)
    if index is None:
        index = seen[key] = _month_index_of(day)
    return index


def exempt_months(session: Session, period: Period) -> dict[int, int]:
    """member -> the months of the period (bits from its first month) covered by an exemption."""
    origin, last = month_index(period.first), month_index(period.last)
    exempt: dict[int, int] = {}
    for member_id, first, end in raw_rows(session,
            "SELECT member_id, first_month, last_month FROM dues_exemptions WHERE deleted_at IS NULL AND first_month <= ? "
            "AND (last_month IS NULL OR last_month >= ?)", (period.last, period.first)):
        hi = min(month_index(end), last) if end is not None else last
        exempt[member_id] = exempt.get(member_id, 0) | range_mask(month_index(first), hi, origin)
    return exempt


def first_pass(session: Session, period: Period, months: int, active_kinds: frozenset[str],
               group_id: int | None = None) -> FirstPass:
    """Split the members (of the group) into listed usual members and members to compute."""
    origin = month_index(period.first)
    size = month_index(period.last) - origin + 1
    last_index = origin + size - 1
    first_year, last_year = period.first // 100, period.last // 100
    shift = origin - first_year * 12  # bit 0 of the summed year masks is January of the first year
    window = (1 << size) - 1
    def rows(sql: str, params: tuple = ()) -> list[tuple]:
        return raw_rows(session, sql, params)

    def masks(sql: str, params: tuple) -> dict[int, int]:
        # Summed 64-bit masks, shifted to the period here: a server's SUM of BIGINT is a NUMERIC,
        # on which PostgreSQL has no shift.
        return {member_id: (int(total) >> shift) & window for member_id, total in rows(sql, params)}

    group = f" AND group_id = {int(group_id)}" if group_id is not None else ""
    members = [r[0] for r in rows(f"SELECT id FROM members WHERE deleted_at IS NULL{group}")]
    start = usual_starts(session, active_kinds)
    exempt = exempt_months(session, period)
    # Months with a wage base (12 bits for each year with one) and months paid, shifted to the period.
    # +year: not the year index (every row matches it, then a sort) but the (member_id, year) one, in order
    based = masks("SELECT member_id, SUM(CAST(4095 AS BIGINT) << (12 * (year - ?))) FROM dues_bases "
                  "WHERE base_fen > 0 AND +year BETWEEN ? AND ? GROUP BY member_id", (first_year, first_year, last_year))
    paid = masks("SELECT member_id, SUM(CAST(months_mask AS BIGINT) << (12 * (year - ?))) FROM dues_paid_years "
                 "WHERE +year BETWEEN ? AND ? GROUP BY member_id", (first_year, first_year, last_year))
    listed: list[int] = []
    to_compute: list[int] = []
    active_from: dict[int, int] = {}
    for member_id in members:
        begin = start.get(member_id)
        if begin is None:
            to_compute.append(member_id)
            continue
        if begin > last_index:
            continue
        active = active_from.get(begin)
        if active is None:
            active = active_from[begin] = window & ~((1 << max(begin - origin, 0)) - 1)
        # Exempt months are not owed: they break a run of unpaid months, as in services.dues_ledger.
        unpaid = active & ~exempt.get(member_id, 0) & based.get(member_id, 0) & ~paid.get(member_id, 0)
        if unpaid and has_run(unpaid, months):
            listed.append(member_id)
    return FirstPass(listed=listed, to_compute=to_compute)
