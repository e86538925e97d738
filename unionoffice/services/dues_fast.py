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
from typing import Callable, NamedTuple

from sqlalchemy.orm import Session

from unionoffice.domain.dues import Period, has_run, month_index, range_mask
from unionoffice.store.portable_sql import raw_rows

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


def _month_indexes(rows: list[tuple]) -> dict[int, int]:
    """member -> month index of its date; each distinct month is converted once (20,000 members
    joined in a few hundred months)."""
    seen: dict[object, int] = {}
    out: dict[int, int] = {}
    for member_id, day in rows:
        key = day[:7] if isinstance(day, str) else (day.year, day.month)
        index = seen.get(key)
        if index is None:
            index = seen[key] = _month_index_of(day)
        out[member_id] = index
    return out


def fits(period: Period) -> bool:
    years = period.last // 100 - period.first // 100 + 1
    return years <= 5 and month_index(period.last) - month_index(period.first) + 1 <= MAX_MONTHS


def _usual_starts(session: Session, active_kinds: frozenset[str]) -> dict[int, int]:
    """The usual members' joining month index (one membership event, of a kind that makes them active)."""
    kinds = ",".join("'" + kind.replace("'", "''") + "'" for kind in sorted(active_kinds)) or "NULL"
    # One ordered scan of the covering (member_id, kind, date) index, no sort and no table lookups.
    start = _month_indexes(raw_rows(session,
        "SELECT member_id, MIN(date) FROM membership_events "
        f"GROUP BY member_id HAVING COUNT(*) = 1 AND MIN(kind) IN ({kinds})"))
    return start


def _exempt_months(session: Session, period: Period) -> dict[int, int]:
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
    start = _usual_starts(session, active_kinds)
    exempt = _exempt_months(session, period)
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


class MemberLine(NamedTuple):
    """What the summary figures need of one member over a period (amounts in fen). A named tuple:
    20,000 are made for one summary, and a frozen dataclass costs twice as much to build."""

    group: str
    owed_mask: int
    unpaid_mask: int
    exempt_mask: int
    due_fen: int
    paid_fen: int

    @property
    def arrears_fen(self) -> int:
        return max(self.due_fen - self.paid_fen, 0)


def usual_lines(session: Session, period: Period, due_of: Callable[[int], int],
                active_kinds: frozenset[str]) -> tuple[list[MemberLine], list[int]]:
    """The usual members' lines over the period from compact rows, and the members to compute."""
    origin = month_index(period.first)
    size = month_index(period.last) - origin + 1
    last_index = origin + size - 1
    first_year, last_year = period.first // 100, period.last // 100
    shift = origin - first_year * 12
    window = (1 << size) - 1
    whole_years = period.first % 100 == 1 and period.last % 100 == 12

    def rows(sql: str, params: tuple = ()) -> list[tuple]:
        return raw_rows(session, sql, params)

    start = _usual_starts(session, active_kinds)
    exempt = _exempt_months(session, period)
    year_masks = {y: ((4095 << (12 * (y - first_year))) >> shift) & window for y in range(first_year, last_year + 1)}
    bases: dict[int, list[tuple[int, int]]] = {}
    if first_year == last_year:  # one base per member: read from the (year, member) covering index
        bases = {member_id: [(first_year, base)] for member_id, base in rows(
            "SELECT member_id, base_fen FROM dues_bases WHERE year = ? AND base_fen > 0", (first_year,))}
    else:
        for member_id, year, base in rows("SELECT member_id, year, base_fen FROM dues_bases WHERE base_fen > 0 "
                                          "AND +year BETWEEN ? AND ?", (first_year, last_year)):
            bases.setdefault(member_id, []).append((year, base))
    paid_masks: dict[int, int] = {}
    paid_fen: dict[int, int] = {}
    if first_year == last_year:  # one row per member: read as they lie, no grouping
        for member_id, mask, amount in rows("SELECT member_id, months_mask, paid_fen FROM dues_paid_years "
                                            "WHERE year = ?", (first_year,)):
            paid_masks[member_id] = (mask >> shift) & window
            paid_fen[member_id] = amount
    else:
        for member_id, mask, amount in rows(
                "SELECT member_id, SUM(CAST(months_mask AS BIGINT) << (12 * (year - ?))), SUM(paid_fen) FROM dues_paid_years "
                "WHERE +year BETWEEN ? AND ? GROUP BY member_id", (first_year, first_year, last_year)):
            paid_masks[member_id] = (int(mask) >> shift) & window  # shifted here: a server's SUM is a NUMERIC
            paid_fen[member_id] = int(amount)
    if not whole_years:  # amounts of part of a year come from the months themselves
        paid_fen = {member_id: int(amount) for member_id, amount in rows(
            "SELECT member_id, SUM(amount_fen) FROM dues_payment_months WHERE deleted = 0 "
            "AND month BETWEEN ? AND ? GROUP BY member_id", (period.first, period.last))}
    lines: list[MemberLine] = []
    to_compute: list[int] = []
    due_cache: dict[int, int] = {}
    active_from: dict[int, int] = {}
    for member_id, group in rows("SELECT m.id, COALESCE(g.name, '') FROM members m LEFT JOIN groups g ON g.id = m.group_id "
                                 "WHERE m.deleted_at IS NULL"):
        begin = start.get(member_id)
        if begin is None:
            to_compute.append(member_id)
            continue
        if begin > last_index:
            active = 0
        else:
            active = active_from.get(begin)
            if active is None:
                active = active_from[begin] = window & ~((1 << max(begin - origin, 0)) - 1)
        exempt_mask = exempt.get(member_id, 0) & active
        counted = active & ~exempt_mask
        owed = due = 0
        for year, base in bases.get(member_id, ()):
            months = counted & year_masks[year]
            if months:
                owed |= months
                monthly = due_cache.get(base)
                if monthly is None:
                    monthly = due_cache[base] = due_of(base)
                due += months.bit_count() * monthly
        paid = paid_masks.get(member_id, 0)
        lines.append(MemberLine(group, owed, owed & ~paid, exempt_mask, due, paid_fen.get(member_id, 0)))
    return lines, to_compute
