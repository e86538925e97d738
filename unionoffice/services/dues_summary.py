"""The dues figures of a work summary (会费收缴): totals per group, counted without a line per member.

A summary quotes sums and counts only (due, paid, unpaid, members in arrears …), so the usual
member — joined once and still active, services/dues_fast.py — is added straight into its group's
totals from compact rows; every other member goes through services.dues_ledger.build_ledger,
which stays the definition (tests compare the two on random offices).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from unionoffice.domain.dues import ARREARS_MONTHS, Period, has_run, month_index
from unionoffice.services import dues_fast
from unionoffice.services.dues_ledger import ACTIVE_KINDS, build_ledger, load_dues_settings
from unionoffice.store.raw_sql import raw_rows

if TYPE_CHECKING:  # the report reads the dues without loading the ORM
    from sqlalchemy.orm import Session


@dataclass
class GroupTally:
    """One group's dues over a period (amounts in fen; counts of members)."""

    due_fen: int = 0
    paid_fen: int = 0
    arrears_fen: int = 0  # what is due less what was paid, member by member (never below 0)
    owing: int = 0  # members who owed for some month
    in_arrears: int = 0  # members with money unpaid
    long_runs: int = 0  # members with ARREARS_MONTHS or more consecutive unpaid months
    exempt: int = 0  # members exempt for some month

    def add_member(self, owed_mask: int, paid_mask: int, exempt_mask: int, due_fen: int, paid_fen: int) -> None:
        self.due_fen += due_fen
        self.paid_fen += paid_fen
        if due_fen > paid_fen:
            self.arrears_fen += due_fen - paid_fen
            self.in_arrears += 1
        if owed_mask:
            self.owing += 1
            unpaid = owed_mask & ~paid_mask
            if unpaid and has_run(unpaid, ARREARS_MONTHS):
                self.long_runs += 1
        if exempt_mask:
            self.exempt += 1

    def merge(self, other: GroupTally) -> None:
        for name in _NAMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


_NAMES = tuple(field.name for field in fields(GroupTally))
_FIELDS = len(_NAMES)  # the usual members' totals are kept as lists in GroupTally's field order, then wrapped


def summary_tallies(session: Session, period: Period) -> dict[str, GroupTally]:
    """Group name ('' for no group) -> its totals over the period, for every (not deleted) member."""
    settings = load_dues_settings(session)
    totals: dict[str, GroupTally] = {}
    rest: list[int] | None = None
    if dues_fast.fits(period):
        by_group, rest = _usual_totals(session, period, settings.rule.monthly_due)
        names = {group_id: name for group_id, name in raw_rows(session, "SELECT id, name FROM groups")}
        for group_id, values in by_group.items():
            name = names.get(group_id, "") if group_id is not None else ""
            totals.setdefault(name, GroupTally()).merge(GroupTally(*values))
    if rest is None or rest:
        ledger = build_ledger(session, period, member_ids=rest, settings=settings, ordered=False)
        for m in ledger.members:
            totals.setdefault(m.group, GroupTally()).add_member(m.owed_mask, m.paid_mask, m.exempt_mask, m.due_fen, m.paid_fen)
    return totals


def _usual_totals(session: Session, period: Period, due_of) -> tuple[dict[int | None, list[int]], list[int]]:
    """The usual members' totals per group id (lists in GroupTally's field order), and the members to compute.

    One loop over the members with a few dictionary reads each: at 20,000 members a line object per
    member and a second pass over them cost as much as the rest together."""
    origin = month_index(period.first)
    size = month_index(period.last) - origin + 1
    last_index = origin + size - 1
    first_year, last_year = period.first // 100, period.last // 100
    shift = origin - first_year * 12
    window = (1 << size) - 1
    whole_years = period.first % 100 == 1 and period.last % 100 == 12
    year_masks = {y: ((4095 << (12 * (y - first_year))) >> shift) & window for y in range(first_year, last_year + 1)}

    def rows(sql: str, params: tuple = ()) -> list[tuple]:
        return raw_rows(session, sql, params)

    start = dues_fast.usual_starts(session, ACTIVE_KINDS)
    exempt = dues_fast.exempt_months(session, period)
    one_year = first_year == last_year
    bases: dict[int, object] = {}  # one year: member -> base; several: member -> [(year, base)]
    if one_year:  # read from the (year, member) covering index
        bases = dict(rows("SELECT member_id, base_fen FROM dues_bases WHERE year = ? AND base_fen > 0", (first_year,)))
    else:
        for member_id, year, base in rows("SELECT member_id, year, base_fen FROM dues_bases WHERE base_fen > 0 "
                                          "AND +year BETWEEN ? AND ?", (first_year, last_year)):
            bases.setdefault(member_id, []).append((year, base))  # type: ignore[union-attr]
    paid: dict[int, tuple[int, int]] = {}  # member -> (months paid, bits from the period's first; amount)
    if one_year:
        for member_id, mask, amount in rows("SELECT member_id, months_mask, paid_fen FROM dues_paid_years "
                                            "WHERE year = ?", (first_year,)):
            paid[member_id] = ((mask >> shift) & window, amount)
    else:
        for member_id, mask, amount in rows(
                "SELECT member_id, SUM(CAST(months_mask AS BIGINT) << (12 * (year - ?))), SUM(paid_fen) FROM dues_paid_years "
                "WHERE +year BETWEEN ? AND ? GROUP BY member_id", (first_year, first_year, last_year)):
            paid[member_id] = ((int(mask) >> shift) & window, int(amount))  # a server's SUM is a NUMERIC
    if not whole_years:  # amounts of part of a year come from the months themselves
        amounts = dict(rows("SELECT member_id, SUM(amount_fen) FROM dues_payment_months WHERE deleted = 0 "
                            "AND month BETWEEN ? AND ? GROUP BY member_id", (period.first, period.last)))
        paid = {member_id: (mask, 0) for member_id, (mask, _amount) in paid.items()}
        for member_id, amount in amounts.items():
            paid[member_id] = (paid.get(member_id, (0, 0))[0], int(amount))
    totals: dict[int | None, list[int]] = {}
    rest: list[int] = []
    due_cache: dict[int, int] = {}
    active_from: dict[int, int] = {}
    nothing = (0, 0)
    start_of, base_of, paid_of, exempt_of = start.get, bases.get, paid.get, exempt.get
    for member_id, group_id in rows("SELECT id, group_id FROM members WHERE deleted_at IS NULL"):
        begin = start_of(member_id)
        if begin is None:
            rest.append(member_id)
            continue
        active = active_from.get(begin)
        if active is None:
            active = active_from[begin] = 0 if begin > last_index else window & ~((1 << max(begin - origin, 0)) - 1)
        exempt_mask = exempt_of(member_id, 0) & active
        counted = active & ~exempt_mask
        owed = due = 0
        base = base_of(member_id)
        if base is not None and counted:
            if one_year:
                owed = counted
                monthly = due_cache.get(base)  # type: ignore[arg-type]
                if monthly is None:
                    monthly = due_cache[base] = due_of(base)  # type: ignore[index]
                due = counted.bit_count() * monthly
            else:
                for year, year_base in base:  # type: ignore[union-attr]
                    months = counted & year_masks[year]
                    if months:
                        owed |= months
                        monthly = due_cache.get(year_base)
                        if monthly is None:
                            monthly = due_cache[year_base] = due_of(year_base)
                        due += months.bit_count() * monthly
        paid_mask, paid_fen = paid_of(member_id, nothing)
        tally = totals.get(group_id)
        if tally is None:
            tally = totals[group_id] = [0] * _FIELDS
        tally[0] += due
        tally[1] += paid_fen
        if due > paid_fen:
            tally[2] += due - paid_fen
            tally[4] += 1
        if owed:
            tally[3] += 1
            unpaid = owed & ~paid_mask
            if unpaid and has_run(unpaid, ARREARS_MONTHS):
                tally[5] += 1
        if exempt_mask:
            tally[6] += 1
    return totals, rest
