"""Rows for the relief, hardship and rights tables: filtering and sorting in SQL, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Integer, Select, and_, cast, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from unionoffice.domain.choices import ON_ROLL_STATUSES
from unionoffice.domain.hardship_rules import DUE_SOON_DAYS, REVIEW_AFTER_DAYS  # due a year after the last review
from unionoffice.domain.relief import HardshipStatus, per_capita_monthly_income
from unionoffice.store.models import Group, Member
from unionoffice.store.models.relief import ReliefOccasion, ReliefVisit
from unionoffice.store.models.relief_hardship import HardshipFile
from unionoffice.store.models.relief_rights import RightsCase, RightsCaseStep


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _member_matches(text: str, *extra: object) -> object:
    """Name anywhere, pinyin initials or full pinyin from the start ("zs", "zhangs")."""
    text = text.strip()
    lowered = text.lower()
    return or_(
        Member.name.like(_like(text), escape="\\"),
        Member.pinyin_initials.like(lowered.replace("%", "") + "%"),
        Member.pinyin_full.like(lowered.replace("%", "") + "%"),
        *[column.like(_like(text), escape="\\") for column in extra],  # type: ignore[attr-defined]
    )


# --- members to pick ----------------------------------------------------------------------

@dataclass(frozen=True)
class MemberPick:
    id: int
    name: str
    sex: str | None
    group: str
    has_open_file: bool


def search_members(session: Session, text: str = "", group_id: int | None = None, only_file_holders: bool = False,
                   limit: int = 1000) -> list[MemberPick]:
    """Members on the roll to pick as recipients, by name, pinyin and group."""
    has_file = exists().where(HardshipFile.member_id == Member.id, HardshipFile.status == HardshipStatus.OPEN.value,
                              HardshipFile.deleted_at.is_(None))
    query = (
        select(Member.id, Member.name, Member.sex, func.coalesce(Group.name, ""), has_file)
        .outerjoin(Group, Group.id == Member.group_id)
        .where(Member.deleted_at.is_(None), Member.status.in_([s.value for s in ON_ROLL_STATUSES]))
        .order_by(Group.position, Member.name_sort_key, Member.id)
        .limit(limit)
    )
    if text.strip():
        query = query.where(_member_matches(text))
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    if only_file_holders:
        query = query.where(has_file)
    return [MemberPick(*row) for row in session.execute(query)]


# --- visits -------------------------------------------------------------------------------

@dataclass
class VisitFilter:
    text: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    occasion_id: int | None = None
    batch_id: int | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class VisitRow:
    id: int
    date: dt.date
    member_id: int
    member_name: str
    family_name: str
    family_relation: str
    group: str
    occasion: str
    cash_fen: int
    goods: str
    goods_value_fen: int
    funding_source: str
    visitors: str
    in_accounts: bool
    notes: str
    over_limit_reason: str

    @property
    def recipient(self) -> str:
        if self.family_name:
            return f"{self.member_name}（{self.family_relation} {self.family_name}）"
        return self.member_name


VISIT_SORTS = {
    "date": ReliefVisit.date, "name": Member.name_sort_key, "group": Group.position, "occasion": ReliefOccasion.position,
    "cash": ReliefVisit.cash_fen, "goods": ReliefVisit.goods_value_fen, "funding": ReliefVisit.funding_source,
    "accounts": ReliefVisit.in_accounts, "visitors": ReliefVisit.visitors,
}


def _visit_conditions(flt: VisitFilter) -> list[object]:
    conditions: list[object] = [ReliefVisit.deleted_at.is_(None)]
    if flt.text.strip():
        conditions.append(_member_matches(flt.text, ReliefVisit.family_name, ReliefVisit.goods, ReliefVisit.notes))
    if flt.start:
        conditions.append(ReliefVisit.date >= flt.start)
    if flt.end:
        conditions.append(ReliefVisit.date <= flt.end)
    for column, value in ((ReliefVisit.occasion_id, flt.occasion_id), (ReliefVisit.batch_id, flt.batch_id),
                          (ReliefVisit.member_id, flt.member_id)):
        if value is not None:
            conditions.append(column == value)
    return conditions


def list_visits(session: Session, flt: VisitFilter | None = None, sort: str = "date", descending: bool = True,
                limit: int | None = None) -> list[VisitRow]:
    flt = flt or VisitFilter()
    key = VISIT_SORTS.get(sort, ReliefVisit.date)
    order = [key.desc() if descending else key.asc(), ReliefVisit.id.desc() if descending else ReliefVisit.id]
    query: Select = (
        select(
            ReliefVisit.id, ReliefVisit.date, Member.id, Member.name, ReliefVisit.family_name,
            ReliefVisit.family_relation, func.coalesce(Group.name, ""), ReliefOccasion.name, ReliefVisit.cash_fen,
            ReliefVisit.goods, ReliefVisit.goods_value_fen, ReliefVisit.funding_source, ReliefVisit.visitors,
            ReliefVisit.in_accounts, ReliefVisit.notes, ReliefVisit.over_limit_reason,
        )
        .join(Member, Member.id == ReliefVisit.member_id)
        .join(ReliefOccasion, ReliefOccasion.id == ReliefVisit.occasion_id)
        .outerjoin(Group, Group.id == Member.group_id)
        .where(*_visit_conditions(flt))
        .order_by(*order)
    )
    if limit is not None:
        query = query.limit(limit)
    return [VisitRow(*row) for row in session.execute(query)]


def visit_totals(session: Session, flt: VisitFilter | None = None) -> tuple[int, int, int]:
    """(number of visits, cash in fen, goods value in fen) matching the filter."""
    flt = flt or VisitFilter()
    count, cash, goods = session.execute(
        select(func.count(ReliefVisit.id), func.coalesce(func.sum(ReliefVisit.cash_fen), 0),
               func.coalesce(func.sum(ReliefVisit.goods_value_fen), 0))
        .join(Member, Member.id == ReliefVisit.member_id).where(*_visit_conditions(flt))
    ).one()
    return count, int(cash), int(goods)


# --- hardship files -----------------------------------------------------------------------

class FileList(str, Enum):
    """The lists the clerk asks for."""

    ALL = "all"
    OPEN = "open"
    DUE_FOR_REVIEW = "due"  # a year or more since the last review (due today or overdue)
    DUE_SOON = "due_soon"  # due within the next 30 days, not yet overdue
    OVERDUE = "overdue"  # past the day it was due
    NEVER_HELPED = "never_helped"
    CLOSED = "closed"


@dataclass
class FileFilter:
    text: str = ""
    view: FileList = FileList.OPEN
    cause: str | None = None
    category: str | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class FileRow:
    id: int
    member_id: int
    member_name: str
    sex: str | None
    group: str
    category: str
    main_cause: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    reviewed_on: dt.date | None
    household_size: int
    household_annual_income_fen: int
    visits: int
    cash_fen: int
    last_visit: dt.date | None

    @property
    def per_capita_monthly_fen(self) -> int | None:
        return per_capita_monthly_income(self.household_annual_income_fen, self.household_size)


FILE_SORTS = {
    "name": Member.name_sort_key, "group": Group.position, "category": HardshipFile.category,
    "cause": cast(HardshipFile.main_cause, Integer),  # "10" sorts after "9"
    "status": HardshipFile.status, "opened": HardshipFile.opened_on, "reviewed": HardshipFile.reviewed_on,
    "household": HardshipFile.household_size, "income": HardshipFile.household_annual_income_fen,
}


def _helped_since_opened() -> object:
    return exists().where(ReliefVisit.member_id == HardshipFile.member_id, ReliefVisit.deleted_at.is_(None),
                          ReliefVisit.date >= HardshipFile.opened_on)


def list_files(session: Session, flt: FileFilter | None = None, sort: str = "name", descending: bool = False) -> list[FileRow]:
    flt = flt or FileFilter()
    today = flt.today or dt.date.today()
    # Help counts towards a file from the day it was opened until it closed.
    visit, counted = aliased(ReliefVisit), aliased(HardshipFile)
    helped = (
        select(counted.id.label("file_id"), func.count(visit.id).label("visits"),
               func.sum(visit.cash_fen).label("cash"), func.max(visit.date).label("last"))
        .join(visit, and_(visit.member_id == counted.member_id, visit.deleted_at.is_(None),
                          visit.date >= counted.opened_on,
                          or_(counted.closed_on.is_(None), visit.date <= counted.closed_on)))
        .group_by(counted.id).subquery()
    )
    conditions: list[object] = [HardshipFile.deleted_at.is_(None)]
    is_open = HardshipFile.status == HardshipStatus.OPEN.value
    if flt.view == FileList.OPEN:
        conditions.append(is_open)
    elif flt.view == FileList.CLOSED:
        conditions.append(~is_open)
    elif flt.view == FileList.DUE_FOR_REVIEW:
        cutoff = today - dt.timedelta(days=REVIEW_AFTER_DAYS)
        conditions += [is_open, func.coalesce(HardshipFile.reviewed_on, HardshipFile.opened_on) <= cutoff]
    elif flt.view in (FileList.DUE_SOON, FileList.OVERDUE):
        last = func.coalesce(HardshipFile.reviewed_on, HardshipFile.opened_on)
        overdue_before = today - dt.timedelta(days=REVIEW_AFTER_DAYS)  # due day = last + a year < today
        if flt.view == FileList.OVERDUE:
            conditions += [is_open, last < overdue_before]
        else:
            conditions += [is_open, last >= overdue_before,
                           last <= overdue_before + dt.timedelta(days=DUE_SOON_DAYS)]
    elif flt.view == FileList.NEVER_HELPED:
        conditions += [is_open, ~_helped_since_opened()]
    if flt.text.strip():
        conditions.append(_member_matches(flt.text))
    if flt.cause:
        conditions.append(HardshipFile.main_cause == flt.cause)
    if flt.category:
        conditions.append(HardshipFile.category == flt.category)
    key = FILE_SORTS.get(sort, Member.name_sort_key)
    query = (
        select(
            HardshipFile.id, Member.id, Member.name, Member.sex, func.coalesce(Group.name, ""), HardshipFile.category,
            HardshipFile.main_cause, HardshipFile.status, HardshipFile.opened_on, HardshipFile.closed_on,
            HardshipFile.reviewed_on, HardshipFile.household_size, HardshipFile.household_annual_income_fen,
            func.coalesce(helped.c.visits, 0), func.coalesce(helped.c.cash, 0), helped.c.last,
        )
        .join(Member, Member.id == HardshipFile.member_id)
        .outerjoin(Group, Group.id == Member.group_id)
        .outerjoin(helped, helped.c.file_id == HardshipFile.id)
        .where(*conditions)
        .order_by(key.desc() if descending else key.asc(), HardshipFile.id)
    )
    return [FileRow(*row) for row in session.execute(query)]


# --- rights cases -------------------------------------------------------------------------

@dataclass
class CaseFilter:
    text: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str | None = None
    state: str | None = None  # "open", "closed" or None for both
    member_id: int | None = None


@dataclass(frozen=True)
class CaseRow:
    id: int
    received_on: dt.date
    party: str
    channel: str
    kind: str
    summary: str
    steps: int
    result: str | None
    money_recovered_fen: int
    closed_on: dt.date | None


CASE_SORTS = {
    "received": RightsCase.received_on, "party": func.coalesce(Member.name_sort_key, RightsCase.complainant),
    "channel": RightsCase.channel, "kind": RightsCase.kind, "result": RightsCase.result,
    "money": RightsCase.money_recovered_fen, "closed": RightsCase.closed_on,
}


def list_cases(session: Session, flt: CaseFilter | None = None, sort: str = "received", descending: bool = True) -> list[CaseRow]:
    flt = flt or CaseFilter()
    # Counted once per case in one pass (a correlated count per row scanned every step for every case:
    # a second per refresh at 3,000 cases, as there is no index on the steps' case_id).
    step_counts = (
        select(RightsCaseStep.case_id, func.count(RightsCaseStep.id).label("steps"))
        .group_by(RightsCaseStep.case_id)
        .subquery()
    )
    steps = func.coalesce(step_counts.c.steps, 0)
    conditions: list[object] = [RightsCase.deleted_at.is_(None)]
    if flt.text.strip():
        conditions.append(or_(
            and_(RightsCase.member_id.is_not(None), _member_matches(flt.text)),
            RightsCase.complainant.like(_like(flt.text.strip()), escape="\\"),
            RightsCase.summary.like(_like(flt.text.strip()), escape="\\"),
        ))
    if flt.start:
        conditions.append(RightsCase.received_on >= flt.start)
    if flt.end:
        conditions.append(RightsCase.received_on <= flt.end)
    if flt.kind:
        conditions.append(RightsCase.kind == flt.kind)
    if flt.state == "open":
        conditions.append(RightsCase.closed_on.is_(None))
    elif flt.state == "closed":
        conditions.append(RightsCase.closed_on.is_not(None))
    if flt.member_id is not None:
        conditions.append(RightsCase.member_id == flt.member_id)
    key = CASE_SORTS.get(sort, RightsCase.received_on)
    query = (
        select(
            RightsCase.id, RightsCase.received_on, func.coalesce(Member.name, RightsCase.complainant), RightsCase.channel,
            RightsCase.kind, RightsCase.summary, steps, RightsCase.result, RightsCase.money_recovered_fen,
            RightsCase.closed_on,
        )
        .outerjoin(Member, Member.id == RightsCase.member_id)
        .outerjoin(step_counts, step_counts.c.case_id == RightsCase.id)
        .where(*conditions)
        .order_by(key.desc() if descending else key.asc(), RightsCase.id.desc() if descending else RightsCase.id)
    )
    return [CaseRow(*row) for row in session.execute(query)]
