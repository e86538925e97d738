"""What each member owes and paid, month by month, computed from the records (reads only).

A member owes for a month when all of these hold:
- on the roll that month: an active member (在会) on its first or its last day — members who are
  retained (保留), transferred out, withdrawn … owe nothing for months they were not active;
- not exempt (免缴) that month;
- a wage base is recorded for that year (members without one are counted as “no base”).
The amount is the office's rate of the base, rounded to the fen or the jiao (domain/dues.py).
A month counts as paid when any payment settles part of it; 欠缴 money is what is due minus paid.

Everything is done with one query per table and month bit masks per member, so the 20,000-member
office over five years takes a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from unionoffice.services import dues_fast
from unionoffice.store.raw_sql import raw_rows

from unionoffice.domain.choices import MembershipStatus, STATUS_AFTER_EVENT
from unionoffice.domain.dues import (
    ARREARS_MONTHS,
    CollectionCycle,
    DuesRule,
    PaymentMethod,
    Period,
    Rounding,
    has_run,
    longest_run,
    month_index,
    month_of,
    month_of_index,
    range_mask,
)

if TYPE_CHECKING:  # the report reads the dues without loading the ORM
    from sqlalchemy.orm import Session

# Office settings (the settings table; no migration needed for a new one).
RATE_KEY, ROUNDING_KEY, CYCLE_KEY, METHOD_KEY = "dues.rate_per_mille", "dues.rounding", "dues.cycle", "dues.method"


@dataclass(frozen=True)
class DuesSettings:
    rule: DuesRule = DuesRule()
    cycle: CollectionCycle = CollectionCycle.MONTHLY
    method: PaymentMethod = PaymentMethod.PAYROLL


def _rows(session: Session, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows straight from the DB-API cursor of the session's connection (its transaction; no per-row overhead)."""
    return raw_rows(session, sql, params)


def load_dues_settings(session: Session) -> DuesSettings:
    values = dict(_rows(session, "SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?)",
                        (RATE_KEY, ROUNDING_KEY, CYCLE_KEY, METHOD_KEY)))
    rate = Decimal(values.get(RATE_KEY) or "5")
    rounding = Rounding.from_text(values.get(ROUNDING_KEY) or "fen") or Rounding.FEN
    cycle = CollectionCycle.from_text(values.get(CYCLE_KEY) or "monthly") or CollectionCycle.MONTHLY
    method = PaymentMethod.from_text(values.get(METHOD_KEY) or "payroll") or PaymentMethod.PAYROLL
    return DuesSettings(DuesRule(rate, rounding), cycle, method)  # type: ignore[arg-type]


@dataclass(slots=True)
class MemberDues:
    """One member over a period: months owed (bit i = the period's i-th month), amounts in fen."""

    member_id: int
    name: str
    group: str
    id_number: str
    owed_mask: int = 0
    paid_mask: int = 0
    exempt_mask: int = 0
    missing_base_mask: int = 0
    due_fen: int = 0
    paid_fen: int = 0
    bases: dict[int, int] = field(default_factory=dict)  # year -> monthly base in fen

    @property
    def arrears_fen(self) -> int:
        return max(self.due_fen - self.paid_fen, 0)

    @property
    def unpaid_mask(self) -> int:
        return self.owed_mask & ~self.paid_mask

    @property
    def months_owed(self) -> int:
        return self.owed_mask.bit_count()

    @property
    def months_paid(self) -> int:
        return (self.owed_mask & self.paid_mask).bit_count()

    @property
    def longest_unpaid_run(self) -> int:
        return longest_run(self.unpaid_mask)


@dataclass
class DuesLedger:
    period: Period
    settings: DuesSettings
    members: list[MemberDues]

    @property
    def origin(self) -> int:
        return month_index(self.period.first)

    def months_of(self, mask: int) -> list[int]:
        out, bit = [], 0
        while mask:
            if mask & 1:
                out.append(month_of_index(self.origin + bit))
            mask >>= 1
            bit += 1
        return out

    @property
    def due_fen(self) -> int:
        return sum(m.due_fen for m in self.members)

    @property
    def paid_fen(self) -> int:
        return sum(m.paid_fen for m in self.members)

    @property
    def arrears_fen(self) -> int:
        return sum(m.arrears_fen for m in self.members)


# --- loading -------------------------------------------------------------------------------

ACTIVE_KINDS = frozenset(kind.value for kind, status in STATUS_AFTER_EVENT.items() if status is MembershipStatus.ACTIVE)

def _members(session: Session, group_id: int | None, member_ids: list[int] | None, ordered: bool = True) -> list[tuple]:
    sql = ("SELECT m.id, m.name, COALESCE(g.name, ''), COALESCE(m.id_number, ''), m.join_date FROM members m "
           "LEFT JOIN groups g ON g.id = m.group_id WHERE m.deleted_at IS NULL")
    if group_id is not None:
        sql += f" AND m.group_id = {int(group_id)}"
    if member_ids is not None:
        sql += f" AND m.id IN ({','.join(str(int(i)) for i in member_ids) or 'NULL'})"
    if ordered:
        sql += " ORDER BY COALESCE(g.position, 999999), g.id, m.name, m.id"
    return _rows(session, sql)


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _active_months(events: list[tuple[str, dt.date]], join_date: dt.date | None, origin: int, size: int) -> int:
    """The months (bits from ``origin``) in which the member was active on the first or the last day."""
    intervals: list[tuple[dt.date, dt.date | None]] = []
    if not events:
        intervals.append((join_date or dt.date.min, None))
    start: dt.date | None = None
    for kind, day in events:
        active = kind in ACTIVE_KINDS
        if active and start is None:
            start = day
        elif not active and start is not None:
            intervals.append((start, day))
            start = None
    if start is not None:
        intervals.append((start, None))
    mask = 0
    last = origin + size - 1
    for begin, end in intervals:  # active from begin (included) to end (excluded)
        for lo, hi in _counted_months(begin, end, origin, last):
            mask |= range_mask(max(lo, origin), min(hi, last), origin)
    return mask


def _counted_months(begin: dt.date, end: dt.date | None, origin: int, last: int) -> list[tuple[int, int]]:
    """Month-index ranges whose first or last day falls in [begin, end)."""
    if begin == dt.date.min:
        fm1 = fm2 = origin
    else:
        fm2 = month_index(month_of(begin))  # its last day is on or after begin
        fm1 = fm2 if begin.day == 1 else fm2 + 1
    if end is None:
        return [(fm2, last)]
    lm1 = month_index(month_of(end - dt.timedelta(days=1)))  # first days before end
    lm2 = month_index(month_of(end)) - 1  # last days before end
    ranges = [(a, b) for a, b in ((fm1, lm1), (fm2, lm2)) if a <= b]
    if not ranges:
        return []
    return [(min(a for a, _b in ranges), max(b for _a, b in ranges))]


def build_ledger(session: Session, period: Period, group_id: int | None = None,
                 member_ids: list[int] | None = None, settings: DuesSettings | None = None,
                 with_amounts: bool = True, ordered: bool | None = None) -> DuesLedger:
    """Every (not deleted) member of the group, or the given members, over the period.

    ``ordered``: members in group and name order (default: when amounts are wanted)."""
    settings = settings or load_dues_settings(session)
    origin, size = month_index(period.first), month_index(period.last) - month_index(period.first) + 1
    rows = _members(session, group_id, member_ids, ordered=with_amounts if ordered is None else ordered)
    wanted = None if group_id is None and member_ids is None else {r[0] for r in rows}
    # A group or a list of members: the other queries read only their rows (ids inlined: no parameter limit).
    only = "" if wanted is None else f" AND member_id IN ({','.join(str(i) for i in wanted) or 'NULL'})"
    events: dict[int, list[tuple[str, dt.date]]] = {}
    for member_id, kind, day in _rows(session, f"SELECT member_id, kind, date FROM membership_events WHERE 1=1{only} "
                                               "ORDER BY member_id, date, id"):
        events.setdefault(member_id, []).append((kind, _as_date(day)))
    first_year, last_year = period.first // 100, period.last // 100
    years = last_year - first_year + 1
    year_bits: dict[int, int] = {}  # member -> bit y set when a base > 0 exists for first_year + y
    bases: dict[int, dict[int, int]] = {}
    if with_amounts or years > 60:
        for member_id, year, base in _rows(session, f"SELECT member_id, year, base_fen FROM dues_bases WHERE +year BETWEEN ? AND ?{only}",
                                           (first_year, last_year)):
            bases.setdefault(member_id, {})[year] = base
            if base > 0:
                year_bits[member_id] = year_bits.get(member_id, 0) | 1 << (year - first_year)
    else:  # the months owed alone (the arrears list): which years have a base, added up in SQLite
        year_bits = dict(_rows(session, "SELECT member_id, SUM(DISTINCT CAST(1 AS BIGINT) << (year - ?)) FROM dues_bases "
                                        f"WHERE base_fen > 0 AND +year BETWEEN ? AND ?{only} GROUP BY member_id",
                               (first_year, first_year, last_year)))
        year_bits = {member_id: int(bits) for member_id, bits in year_bits.items()}  # a server's SUM: a Decimal
    exempt: dict[int, int] = {}
    for member_id, first, last in _rows(session, "SELECT member_id, first_month, last_month FROM dues_exemptions "
                                                 f"WHERE deleted_at IS NULL AND first_month <= ? AND (last_month IS NULL OR last_month >= ?){only}",
                                        (period.last, period.first)):
        hi = month_index(last) if last is not None else origin + size - 1
        exempt[member_id] = exempt.get(member_id, 0) | range_mask(month_index(first), min(hi, origin + size - 1), origin)
    paid_masks: dict[int, int] = {}
    paid_fen: dict[int, int] = {}
    # The derived per-year summary (services.dues keeps it in step): 12 month bits and the amount per member and year.
    whole_years = period.first % 100 == 1 and period.last % 100 == 12
    january = first_year * 12  # month index of bit 0 of the summed masks
    if years <= 5:  # up to 60 bits: the masks are shifted and added up in SQLite, one row per member
        for member_id, mask, amount in _rows(session, (
                "SELECT member_id, SUM(CAST(months_mask AS BIGINT) << (12 * (year - ?))), SUM(paid_fen) FROM dues_paid_years "
                f"WHERE +year BETWEEN ? AND ?{only} GROUP BY member_id"), (first_year, first_year, last_year)):
            paid_masks[member_id] = int(mask) >> (origin - january)
            if whole_years:
                paid_fen[member_id] = int(amount)
    else:
        for member_id, year, mask, amount in _rows(session, (
                "SELECT member_id, year, months_mask, paid_fen FROM dues_paid_years WHERE year BETWEEN ? AND ?" + only),
                (first_year, last_year)):
            shift = year * 12 - origin
            bits = mask << shift if shift >= 0 else mask >> -shift
            paid_masks[member_id] = paid_masks.get(member_id, 0) | bits
            if whole_years:
                paid_fen[member_id] = paid_fen.get(member_id, 0) + amount
    if with_amounts and not whole_years:  # amounts of part of a year come from the months themselves
        for member_id, amount in _rows(session, (
                "SELECT member_id, SUM(amount_fen) FROM dues_payment_months "
                f"WHERE deleted = 0 AND month BETWEEN ? AND ?{only} GROUP BY member_id"), (period.first, period.last)):
            paid_fen[member_id] = int(amount)
    window = (1 << size) - 1
    for member_id in paid_masks:
        paid_masks[member_id] &= window
    year_masks = {y: range_mask(month_index(y * 100 + 1), month_index(y * 100 + 12), origin) & ((1 << size) - 1)
                  for y in range(first_year, last_year + 1)}
    rule = settings.rule
    due_cache: dict[int, int] = {}
    based_cache: dict[int, int] = {}
    out: list[MemberDues] = []
    last_index = origin + size - 1
    active_kinds = ACTIVE_KINDS
    for member_id, name, group, id_number, join_date in rows:
        member_events = events.get(member_id)
        if member_events is not None and len(member_events) == 1 and member_events[0][0] in active_kinds:
            day = member_events[0][1]  # joined once, still active: the usual member
            active = range_mask(max(day.year * 12 + day.month - 1, origin), last_index, origin)
        else:
            active = _active_months(member_events or [], _as_date(join_date) if join_date else None, origin, size)
        member_bases = bases.get(member_id, {})
        exempt_mask = exempt.get(member_id, 0) & active
        bits = year_bits.get(member_id, 0)
        based = based_cache.get(bits)
        if based is None:
            based = based_cache[bits] = sum(year_masks[first_year + y] for y in range(years) if bits >> y & 1)
        owed = active & ~exempt_mask & based
        md = MemberDues(member_id, name, group, id_number, owed_mask=owed, paid_mask=paid_masks.get(member_id, 0),
                        exempt_mask=exempt_mask, missing_base_mask=active & ~exempt_mask & ~based,
                        paid_fen=paid_fen.get(member_id, 0), bases=member_bases)
        if with_amounts and owed:
            total = 0
            for year, base in member_bases.items():
                months = (owed & year_masks[year]).bit_count()
                if months:
                    due = due_cache.get(base)
                    if due is None:
                        due = due_cache[base] = rule.monthly_due(base)
                    total += months * due
            md.due_fen = total
        out.append(md)
    return DuesLedger(period, settings, out)


def long_arrears(ledger: DuesLedger, months: int = ARREARS_MONTHS) -> list[MemberDues]:
    return [m for m in ledger.members if has_run(m.unpaid_mask, months)]


def arrears(session: Session, period: Period, months: int = ARREARS_MONTHS,
            group_id: int | None = None) -> tuple[DuesLedger, list[MemberDues]]:
    """Members with ``months`` or more consecutive unpaid months in the period (for the clerk to follow up).

    The months are found for everyone from the masks alone (the usual members in one query:
    services/dues_fast.py); amounts are then computed for those listed."""
    settings = load_dues_settings(session)
    if months >= 1 and dues_fast.fits(period):
        found = dues_fast.first_pass(session, period, months, ACTIVE_KINDS, group_id=group_id)
        ids = found.listed
        if found.to_compute:
            masks = build_ledger(session, period, member_ids=found.to_compute, settings=settings, with_amounts=False)
            ids = ids + [m.member_id for m in long_arrears(masks, months)]
    else:
        masks = build_ledger(session, period, group_id=group_id, settings=settings, with_amounts=False)
        ids = [m.member_id for m in long_arrears(masks, months)]
    if not ids:
        return DuesLedger(period, settings, []), []
    detail = build_ledger(session, period, member_ids=ids, settings=settings)
    return detail, detail.members


def member_order(session: Session) -> dict[int, tuple[int, int, str, int]]:
    """Member id -> its place in an ordered ledger (group position, group, name, id: as _members sorts)."""
    return {member_id: (position, group_id, name, member_id) for member_id, position, group_id, name in _rows(
        session, "SELECT m.id, COALESCE(g.position, 999999), COALESCE(g.id, -1), m.name FROM members m "
                 "LEFT JOIN groups g ON g.id = m.group_id WHERE m.deleted_at IS NULL")}


def group_order(session: Session) -> dict[str, tuple[int, int]]:
    """Group name -> its place in the lists (as the ledger orders members); '' is "no group"."""
    order = {name: (position, group_id) for name, position, group_id in _rows(
        session, "SELECT name, COALESCE(position, 999999), id FROM groups")}
    order.setdefault("", (999999, -1))
    return order


def monthly_due_of(session: Session, member_id: int, yyyymm: int, settings: DuesSettings | None = None) -> int:
    """What one member owes for one month (0 when not on the roll, exempt or without a base)."""
    ledger = build_ledger(session, Period(yyyymm, yyyymm), member_ids=[member_id], settings=settings)
    return ledger.members[0].due_fen if ledger.members else 0


@dataclass(frozen=True)
class GroupDues:
    group: str
    members: int
    due_fen: int
    paid_fen: int
    arrears_fen: int
    arrears_members: int

    @property
    def rate(self) -> Decimal | None:
        """收缴率: paid / due (None when nothing was due), as a fraction, exact."""
        return Decimal(min(self.paid_fen, self.due_fen)) / Decimal(self.due_fen) if self.due_fen else None


def by_group(ledger: DuesLedger) -> list[GroupDues]:
    groups: dict[str, list[MemberDues]] = {}
    for m in ledger.members:
        groups.setdefault(m.group, []).append(m)
    return [GroupDues(g, sum(1 for m in ms if m.owed_mask), sum(m.due_fen for m in ms), sum(m.paid_fen for m in ms),
                      sum(m.arrears_fen for m in ms), sum(1 for m in ms if m.arrears_fen))
            for g, ms in groups.items()]
