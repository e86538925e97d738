"""Figures of relief visits, hardship files and rights cases for any period (no Qt).

The work summary quotes these in sentences such as “慰问困难职工459户，发放慰问金30万元，其中女职工235人，
占51%” and “受理职工投诉12件，其中工资报酬7件，办结10件，追回工资8.5万元”. Periods are inclusive.
Visits in the recycle bin, deleted files and deleted cases are never counted.
"""

from __future__ import annotations

import datetime as dt
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


def visit_statistics(session: Session, start: dt.date, end: dt.date) -> VisitStatistics:
    in_period = _visits_in(start, end)
    holder = exists().where(HardshipFile.member_id == ReliefVisit.member_id, _file_open_on(ReliefVisit.date))
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
    holders, holder_cash = session.execute(
        select(func.count(distinct(ReliefVisit.member_id)), func.coalesce(func.sum(ReliefVisit.cash_fen), 0))
        .where(in_period, holder)
    ).one()
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
    open_end = _file_open_on(end)
    alive = HardshipFile.deleted_at.is_(None)

    def count(*conditions: object) -> int:
        return session.scalar(select(func.count(HardshipFile.id)).where(*conditions)) or 0

    def grouped(column: object, *conditions: object) -> dict[str, int]:
        return dict(session.execute(select(column, func.count(HardshipFile.id)).where(*conditions).group_by(column)).all())

    closed_in = and_(alive, HardshipFile.closed_on >= start, HardshipFile.closed_on <= end)
    visited = exists().where(
        ReliefVisit.member_id == HardshipFile.member_id, ReliefVisit.deleted_at.is_(None),
        ReliefVisit.date >= start, ReliefVisit.date <= end,
    )
    women = session.scalar(
        select(func.count(HardshipFile.id)).join(Member, Member.id == HardshipFile.member_id)
        .where(open_end, Member.sex == Sex.FEMALE.value)
    ) or 0
    last_review = select(func.max(HardshipReview.date)).where(HardshipReview.file_id == HardshipFile.id,
                                                              HardshipReview.date <= end)
    return HardshipStatistics(
        open_at_end=count(open_end),
        open_women=women,
        opened=count(alive, HardshipFile.opened_on >= start, HardshipFile.opened_on <= end),
        closed=count(closed_in),
        out_of_hardship=count(closed_in, HardshipFile.status == HardshipStatus.OUT_OF_HARDSHIP.value),
        cancelled=count(closed_in, HardshipFile.status == HardshipStatus.CANCELLED.value),
        helped=count(open_end, visited),
        open_by_cause=grouped(HardshipFile.main_cause, open_end),
        opened_by_cause=grouped(HardshipFile.main_cause, alive, HardshipFile.opened_on >= start, HardshipFile.opened_on <= end),
        open_by_category=grouped(HardshipFile.category, open_end),
        reviewed=session.scalar(select(func.count(distinct(HardshipReview.file_id))).join(
            HardshipFile, HardshipFile.id == HardshipReview.file_id).where(
            alive, HardshipReview.date >= start, HardshipReview.date <= end)) or 0,
        overdue_at_end=count(open_end, func.coalesce(last_review.scalar_subquery(), HardshipFile.opened_on)
                             < end - dt.timedelta(days=REVIEW_AFTER_DAYS)),
    )


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
