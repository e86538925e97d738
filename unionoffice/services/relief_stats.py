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

from sqlalchemy import ColumnElement, and_, distinct, exists, func, or_, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import Sex
from unionoffice.domain.hardship_rules import REVIEW_AFTER_DAYS
from unionoffice.domain.relief import RESOLVED_RESULTS, HardshipStatus
from unionoffice.store.models import Member
from unionoffice.store.models.relief import ReliefOccasion, ReliefVisit
from unionoffice.store.models.hardship_rules import HardshipReview
from unionoffice.store.models.relief_hardship import HardshipFile
from unionoffice.store.models.relief_rights import RightsCase


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


def _file_open_on(day: object) -> object:
    """SQL condition: a (not deleted) file is on file on ``day``."""
    return and_(
        HardshipFile.deleted_at.is_(None),
        HardshipFile.opened_on <= day,
        or_(HardshipFile.closed_on.is_(None), HardshipFile.closed_on > day),
    )


def _visits_in(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    return and_(ReliefVisit.deleted_at.is_(None), ReliefVisit.date >= start, ReliefVisit.date <= end)


def households_visited(session: Session, start: dt.date, end: dt.date) -> int:
    """``visit_statistics(…).households`` counted alone."""
    return int(session.scalar(select(func.count(distinct(ReliefVisit.member_id))).where(_visits_in(start, end))) or 0)


def file_holder_visits(session: Session, start: dt.date, end: dt.date) -> tuple[int, int]:
    """``visit_statistics(…)``'s file_holders and file_holder_cash_fen, counted alone: households
    visited in the period that held a hardship file on the day, and the cash they were given."""
    holder = exists().where(HardshipFile.member_id == ReliefVisit.member_id, _file_open_on(ReliefVisit.date))
    households, cash = session.execute(
        select(func.count(distinct(ReliefVisit.member_id)), func.coalesce(func.sum(ReliefVisit.cash_fen), 0))
        .where(_visits_in(start, end), holder)
    ).one()
    return int(households), int(cash)


def visit_statistics(session: Session, start: dt.date, end: dt.date) -> VisitStatistics:
    in_period = _visits_in(start, end)
    row = session.execute(
        select(
            func.count(ReliefVisit.id),
            func.count(distinct(ReliefVisit.member_id)),
            func.coalesce(func.sum(ReliefVisit.cash_fen), 0),
            func.coalesce(func.sum(ReliefVisit.goods_value_fen), 0),
        ).where(in_period)
    ).one()
    persons = session.scalar(
        select(func.count()).select_from(
            select(ReliefVisit.member_id, ReliefVisit.family_name).where(in_period).distinct().subquery()
        )
    ) or 0
    women = session.scalar(
        select(func.count(distinct(ReliefVisit.member_id))).join(Member, Member.id == ReliefVisit.member_id)
        .where(in_period, Member.sex == Sex.FEMALE.value)
    ) or 0
    holders, holder_cash = file_holder_visits(session, start, end)
    by_occasion = session.execute(
        select(
            ReliefOccasion.code, func.count(ReliefVisit.id), func.count(distinct(ReliefVisit.member_id)),
            func.sum(ReliefVisit.cash_fen), func.sum(ReliefVisit.goods_value_fen),
        ).join(ReliefOccasion, ReliefOccasion.id == ReliefVisit.occasion_id).where(in_period).group_by(ReliefOccasion.code)
    ).all()
    by_funding = session.execute(
        select(ReliefVisit.funding_source, func.sum(ReliefVisit.cash_fen), func.sum(ReliefVisit.goods_value_fen))
        .where(in_period).group_by(ReliefVisit.funding_source)
    ).all()
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
        occasion_names=dict(session.execute(select(ReliefOccasion.code, ReliefOccasion.name)).all()),
    )


def hardship_statistics(session: Session, start: dt.date, end: dt.date) -> HardshipStatistics:
    """Counted in Python over one row per file (a few hundred in a large office; twelve COUNT
    queries before, each compiled and run apart)."""
    visited = exists().where(
        ReliefVisit.member_id == HardshipFile.member_id, ReliefVisit.deleted_at.is_(None),
        ReliefVisit.date >= start, ReliefVisit.date <= end,
    )
    reviewed_in = exists().where(HardshipReview.file_id == HardshipFile.id,
                                 HardshipReview.date >= start, HardshipReview.date <= end)
    last_review = select(func.max(HardshipReview.date)).where(HardshipReview.file_id == HardshipFile.id,
                                                              HardshipReview.date <= end).scalar_subquery()
    rows = session.execute(
        select(HardshipFile.opened_on, HardshipFile.closed_on, HardshipFile.status, HardshipFile.main_cause,
               HardshipFile.category, Member.sex == Sex.FEMALE.value, visited, reviewed_in,
               func.coalesce(last_review, HardshipFile.opened_on))
        .outerjoin(Member, Member.id == HardshipFile.member_id)
        .where(HardshipFile.deleted_at.is_(None))
    ).all()
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
    alive = RightsCase.deleted_at.is_(None)
    received_in = and_(alive, RightsCase.received_on >= start, RightsCase.received_on <= end)
    closed_in = and_(alive, RightsCase.closed_on >= start, RightsCase.closed_on <= end)
    closed, resolved, money = session.execute(
        select(
            func.count(RightsCase.id),
            func.count(RightsCase.id).filter(RightsCase.result.in_([r.value for r in RESOLVED_RESULTS])),
            func.coalesce(func.sum(RightsCase.money_recovered_fen), 0),
        ).where(closed_in)
    ).one()
    open_end, open_earlier = session.execute(select(
        func.count(RightsCase.id), func.count(RightsCase.id).filter(RightsCase.received_on < start)).where(
        alive, RightsCase.received_on <= end, or_(RightsCase.closed_on.is_(None), RightsCase.closed_on > end))).one()
    return RightsStatistics(
        received=session.scalar(select(func.count(RightsCase.id)).where(received_in)) or 0,
        received_by_kind=dict(session.execute(
            select(RightsCase.kind, func.count(RightsCase.id)).where(received_in).group_by(RightsCase.kind)).all()),
        received_by_channel=dict(session.execute(
            select(RightsCase.channel, func.count(RightsCase.id)).where(received_in).group_by(RightsCase.channel)).all()),
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
