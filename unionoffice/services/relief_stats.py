"""Figures of relief visits, hardship files and rights cases for any period (no Qt).

The work summary quotes these in sentences such as “慰问困难职工459户，发放慰问金30万元，其中女职工235人，
占51%” and “受理职工投诉12件，其中工资报酬7件，办结10件，追回工资8.5万元”. Periods are inclusive.
Visits in the recycle bin, deleted files and deleted cases are never counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from typing import TYPE_CHECKING

from unionoffice.domain.choices import Sex
from unionoffice.domain.hardship_rules import REVIEW_AFTER_DAYS
from unionoffice.domain.relief import RESOLVED_RESULTS, HardshipStatus
from unionoffice.store.raw_sql import as_date, members_by_sex_index, raw_rows, raw_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class VisitStatistics:
    """Relief visits dated within the period.

    visits: visit records. households: distinct members visited (a member and the family members
    visited through them are one household, 户). persons: distinct people who received something (人).
    women: households whose member is a woman; women_share = women / households.
    file_holders: households whose member held an open hardship file on the day of a visit (帮扶 of
    files); file_holder_cash_fen: cash given on such visits.
    cash_fen: cash paid (慰问金); goods_value_fen: value of goods; total_value_fen: both.
    *_by_occasion: keyed by occasion code (occasion_names maps code → name);
    *_by_funding: keyed by FundingSource code.
    """

    visits: int
    households: int
    persons: int
    women: int
    women_share: float
    file_holders: int
    file_holder_cash_fen: int
    cash_fen: int
    goods_value_fen: int
    total_value_fen: int
    visits_by_occasion: dict[str, int]
    households_by_occasion: dict[str, int]
    cash_by_occasion: dict[str, int]
    goods_by_occasion: dict[str, int]
    cash_by_funding: dict[str, int]
    goods_by_funding: dict[str, int]
    occasion_names: dict[str, str]


@dataclass(frozen=True)
class HardshipStatistics:
    """Hardship files in the period.

    open_at_end: files on file (在档) on the period's last day; open_women: of them, women members.
    opened: files opened in the period; closed: files closed in it, of which out_of_hardship (脱困)
    and cancelled (注销). open_by_cause / opened_by_cause: by main cause code ("1"…"10");
    open_by_category: by HardshipCategory code. helped: files open at the end whose member was
    visited in the period. reviewed: files reviewed (复核) at least once in the period; overdue_at_end:
    files on file at the end whose last review (or opening) was more than a year before it.
    """

    open_at_end: int
    open_women: int
    opened: int
    closed: int
    out_of_hardship: int
    cancelled: int
    helped: int
    open_by_cause: dict[str, int]
    opened_by_cause: dict[str, int]
    open_by_category: dict[str, int]
    reviewed: int = 0
    overdue_at_end: int = 0


@dataclass(frozen=True)
class RightsStatistics:
    """Rights cases: received in the period (by CaseKind code and CaseChannel code); closed in
    the period, of which resolved (调解成功) with resolved_share = resolved / closed;
    money_recovered_fen on cases closed in the period; open_at_end: received by the end, not closed by then,
    of which open_from_earlier were received before the period began.
    """

    received: int
    received_by_kind: dict[str, int]
    received_by_channel: dict[str, int]
    closed: int
    resolved: int
    resolved_share: float
    money_recovered_fen: int
    open_at_end: int
    open_from_earlier: int = 0


@dataclass(frozen=True)
class ReliefStatistics:
    start: dt.date
    end: dt.date
    visits: VisitStatistics
    files: HardshipStatistics
    cases: RightsStatistics


# Raw SQL (store/raw_sql.py): the summary runs each of these once per process, where building
# and compiling the ORM statements cost more than the queries.
_FILE_OPEN_ON = "f.deleted_at IS NULL AND f.opened_on <= {day} AND (f.closed_on IS NULL OR f.closed_on > {day})"
_VISITS_IN = "v.deleted_at IS NULL AND v.date >= ? AND v.date <= ?"
_HOLDER = f"EXISTS (SELECT 1 FROM hardship_files f WHERE f.member_id = v.member_id AND {_FILE_OPEN_ON.format(day='v.date')})"


def households_visited(session: Session, start: dt.date, end: dt.date) -> int:
    """``visit_statistics(…).households`` counted alone."""
    return int(raw_value(session, f"SELECT count(DISTINCT v.member_id) FROM relief_visits v WHERE {_VISITS_IN}",
                         (start, end)) or 0)


def file_holder_visits(session: Session, start: dt.date, end: dt.date) -> tuple[int, int]:
    """``visit_statistics(…)``'s file_holders and file_holder_cash_fen, counted alone: households
    visited in the period that held a hardship file on the day, and the cash they were given."""
    households, cash = raw_rows(session,
        "SELECT count(DISTINCT v.member_id), coalesce(sum(v.cash_fen), 0) FROM relief_visits v "
        f"WHERE {_VISITS_IN} AND {_HOLDER}", (start, end))[0]
    return int(households), int(cash)


def visit_statistics(session: Session, start: dt.date, end: dt.date) -> VisitStatistics:
    period = (start, end)
    row = raw_rows(session,
        "SELECT count(v.id), count(DISTINCT v.member_id), coalesce(sum(v.cash_fen), 0), "
        f"coalesce(sum(v.goods_value_fen), 0) FROM relief_visits v WHERE {_VISITS_IN}", period)[0]
    persons = raw_value(session,
        f"SELECT count(*) FROM (SELECT DISTINCT v.member_id, v.family_name FROM relief_visits v WHERE {_VISITS_IN}) p",
        period) or 0
    women = raw_value(session,
        f"SELECT count(DISTINCT v.member_id) FROM relief_visits v JOIN {members_by_sex_index(session)} ON m.id = v.member_id "
        f"WHERE {_VISITS_IN} AND m.sex = ?", (*period, Sex.FEMALE.value)) or 0
    holders, holder_cash = file_holder_visits(session, start, end)
    by_occasion = raw_rows(session,
        "SELECT o.code, count(v.id), count(DISTINCT v.member_id), sum(v.cash_fen), sum(v.goods_value_fen) "
        f"FROM relief_visits v JOIN relief_occasions o ON o.id = v.occasion_id WHERE {_VISITS_IN} GROUP BY o.code",
        period)
    by_funding = raw_rows(session,
        f"SELECT v.funding_source, sum(v.cash_fen), sum(v.goods_value_fen) FROM relief_visits v WHERE {_VISITS_IN} "
        "GROUP BY v.funding_source", period)
    return VisitStatistics(
        visits=row[0], households=row[1], persons=persons, women=women, women_share=_share(women, row[1]),
        file_holders=holders, file_holder_cash_fen=int(holder_cash),
        cash_fen=int(row[2]), goods_value_fen=int(row[3]), total_value_fen=int(row[2]) + int(row[3]),
        visits_by_occasion={code: n for code, n, _h, _c, _g in by_occasion},
        households_by_occasion={code: h for code, _n, h, _c, _g in by_occasion},
        cash_by_occasion={code: int(c) for code, _n, _h, c, _g in by_occasion},
        goods_by_occasion={code: int(g) for code, _n, _h, _c, g in by_occasion},
        cash_by_funding={code: int(c) for code, c, _g in by_funding},
        goods_by_funding={code: int(g) for code, _c, g in by_funding},
        occasion_names=dict(raw_rows(session, "SELECT code, name FROM relief_occasions")),
    )


def hardship_statistics(session: Session, start: dt.date, end: dt.date) -> HardshipStatistics:
    """Counted in Python over one row per file (a few hundred in a large office; twelve COUNT
    queries before, each compiled and run apart)."""
    rows = [(as_date(opened), as_date(closed), status, cause, category, woman, visited, reviewed, as_date(look))
            for opened, closed, status, cause, category, woman, visited, reviewed, look in raw_rows(session,
        "SELECT f.opened_on, f.closed_on, f.status, f.main_cause, f.category, "
        "CASE WHEN m.sex = ? THEN 1 WHEN m.sex IS NULL THEN NULL ELSE 0 END, "
        "EXISTS (SELECT 1 FROM relief_visits v WHERE v.member_id = f.member_id AND v.deleted_at IS NULL "
        "AND v.date >= ? AND v.date <= ?), "
        "EXISTS (SELECT 1 FROM hardship_reviews r WHERE r.file_id = f.id AND r.date >= ? AND r.date <= ?), "
        "coalesce((SELECT max(r.date) FROM hardship_reviews r WHERE r.file_id = f.id AND r.date <= ?), f.opened_on) "
        "FROM hardship_files f LEFT JOIN members m ON m.id = f.member_id WHERE f.deleted_at IS NULL",
        (Sex.FEMALE.value, start, end, start, end, end))]
    review_due = end - dt.timedelta(days=REVIEW_AFTER_DAYS)
    open_end = [r for r in rows if r[0] <= end and (r[1] is None or r[1] > end)]
    opened = [r for r in rows if start <= r[0] <= end]
    closed_in = [r for r in rows if r[1] is not None and start <= r[1] <= end]
    return HardshipStatistics(
        open_at_end=len(open_end),
        open_women=sum(1 for r in open_end if r[5]),
        opened=len(opened),
        closed=len(closed_in),
        out_of_hardship=sum(1 for r in closed_in if r[2] == HardshipStatus.OUT_OF_HARDSHIP.value),
        cancelled=sum(1 for r in closed_in if r[2] == HardshipStatus.CANCELLED.value),
        helped=sum(1 for r in open_end if r[6]),
        open_by_cause=_counted(r[3] for r in open_end),
        opened_by_cause=_counted(r[3] for r in opened),
        open_by_category=_counted(r[4] for r in open_end),
        reviewed=sum(1 for r in rows if r[7]),
        overdue_at_end=sum(1 for r in open_end if r[8] < review_due),
    )


def _counted(codes: Iterable[str | None]) -> dict[str | None, int]:
    """code → how many, in the order SQLite's GROUP BY gives them (blank first, then by code)."""
    counts = Counter(codes)
    return {code: counts[code] for code in sorted(counts, key=lambda c: (c is not None, c or ""))}


def rights_statistics(session: Session, start: dt.date, end: dt.date) -> RightsStatistics:
    resolved_codes = ", ".join("'" + r.value.replace("'", "''") + "'" for r in RESOLVED_RESULTS)
    received_in = "c.deleted_at IS NULL AND c.received_on >= ? AND c.received_on <= ?"
    closed, resolved, money = raw_rows(session,
        f"SELECT count(c.id), count(c.id) FILTER (WHERE c.result IN ({resolved_codes})), "
        "coalesce(sum(c.money_recovered_fen), 0) FROM rights_cases c "
        "WHERE c.deleted_at IS NULL AND c.closed_on >= ? AND c.closed_on <= ?", (start, end))[0]
    open_end, open_earlier = raw_rows(session,
        "SELECT count(c.id), count(c.id) FILTER (WHERE c.received_on < ?) FROM rights_cases c "
        "WHERE c.deleted_at IS NULL AND c.received_on <= ? AND (c.closed_on IS NULL OR c.closed_on > ?)",
        (start, end, end))[0]
    return RightsStatistics(
        received=raw_value(session, f"SELECT count(c.id) FROM rights_cases c WHERE {received_in}", (start, end)) or 0,
        received_by_kind=dict(raw_rows(session,
            f"SELECT c.kind, count(c.id) FROM rights_cases c WHERE {received_in} GROUP BY c.kind", (start, end))),
        received_by_channel=dict(raw_rows(session,
            f"SELECT c.channel, count(c.id) FROM rights_cases c WHERE {received_in} GROUP BY c.channel", (start, end))),
        closed=closed, resolved=resolved, resolved_share=_share(resolved, closed),
        money_recovered_fen=int(money), open_at_end=open_end, open_from_earlier=open_earlier,
    )


def relief_statistics(session: Session, start: dt.date, end: dt.date) -> ReliefStatistics:
    """All three registers' figures for the period from ``start`` to ``end`` (both included)."""
    return ReliefStatistics(
        start=start, end=end,
        visits=visit_statistics(session, start, end),
        files=hardship_statistics(session, start, end),
        cases=rights_statistics(session, start, end),
    )
