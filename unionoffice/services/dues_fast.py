"""The arrears list's first pass: one pass over compact rows, one integer per member and table.

For the usual member — joined once and still active, no exemption in the period — everything the
list needs is a bit mask of at most 60 months, and SQLite adds up 64-bit masks per member: the
months with a wage base (12 bits for each year with a base) and the months paid (from the
per-year summary table), already shifted to the period. With the month the member joined, the
unpaid months are one AND, and "six consecutive months unpaid" one more check. Every other member
(several membership events or none, an exemption in the period) is "to be computed" by the
general computation of services.dues_ledger, which stays the definition: the same set comes out.
(Doing the whole test in one SQL query with correlated subqueries was measured slower: SQLite
pays per member for each subquery, while a GROUP BY is one ordered scan.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from unionoffice.domain.dues import Period, has_run, month_index
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


def fits(period: Period) -> bool:
    years = period.last // 100 - period.first // 100 + 1
    return years <= 5 and month_index(period.last) - month_index(period.first) + 1 <= MAX_MONTHS


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
    kinds = ",".join("'" + kind.replace("'", "''") + "'" for kind in sorted(active_kinds)) or "NULL"
    # The usual member: one membership event, of a kind that makes them active; its month index.
    start = {member_id: _month_index_of(day) for member_id, day in rows(
        "SELECT member_id, MIN(date) FROM membership_events "
        f"GROUP BY member_id HAVING COUNT(*) = 1 AND MIN(kind) IN ({kinds})")}
    exempt = {r[0] for r in rows(
        "SELECT DISTINCT member_id FROM dues_exemptions WHERE deleted_at IS NULL AND first_month <= ? "
        "AND (last_month IS NULL OR last_month >= ?)", (period.last, period.first))}
    # Months with a wage base (12 bits for each year with one) and months paid, shifted to the period.
    based = masks("SELECT member_id, SUM(CAST(4095 AS BIGINT) << (12 * (year - ?))) FROM dues_bases "
                  "WHERE base_fen > 0 AND year BETWEEN ? AND ? GROUP BY member_id", (first_year, first_year, last_year))
    paid = masks("SELECT member_id, SUM(CAST(months_mask AS BIGINT) << (12 * (year - ?))) FROM dues_paid_years "
                 "WHERE year BETWEEN ? AND ? GROUP BY member_id", (first_year, first_year, last_year))
    listed: list[int] = []
    to_compute: list[int] = []
    active_from: dict[int, int] = {}
    for member_id in members:
        begin = start.get(member_id)
        if begin is None or member_id in exempt:
            to_compute.append(member_id)
            continue
        if begin > last_index:
            continue
        active = active_from.get(begin)
        if active is None:
            active = active_from[begin] = window & ~((1 << max(begin - origin, 0)) - 1)
        unpaid = active & based.get(member_id, 0) & ~paid.get(member_id, 0)
        if unpaid and has_run(unpaid, months):
            listed.append(member_id)
    return FirstPass(listed=listed, to_compute=to_compute)
