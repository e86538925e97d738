"""Figures of the training records for any period, as the work summary quotes them (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import TrainingAttendee, TrainingSession


@dataclass(frozen=True)
class TrainingStats:
    """Sessions whose start date lies in [start, end] (inclusive), recycle bin excluded.

    sessions: number of sessions (期数).  by_kind: kind code -> number of sessions.
    hours_tenths: the sessions' 学时 added up, in tenths (15 = 1.5 学时).
    person_times: attendees who attended (培训职工人次; a member in 3 sessions counts 3).
    women_person_times: of whom women.
    person_hours_tenths: each attendance times its session's hours, in tenths (人均学时 = this / person_times).
    participants / women_participants: distinct members who attended at least one session / the women among them.
    enrolled: attendee lines, attended or not; absent = enrolled - person_times.
    examined: attendances with a pass/fail result; passed: of which passed.
    certificates: certificates obtained (a name or number recorded).
    pass_rate: passed / examined (0.0 when nobody was examined).
    women_share: women_person_times / person_times (0.0 when nobody attended).
    """

    start: dt.date
    end: dt.date
    sessions: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    hours_tenths: int = 0
    person_times: int = 0
    women_person_times: int = 0
    person_hours_tenths: int = 0
    participants: int = 0
    women_participants: int = 0
    enrolled: int = 0
    examined: int = 0
    passed: int = 0
    certificates: int = 0

    @property
    def absent(self) -> int:
        return self.enrolled - self.person_times

    @property
    def pass_rate(self) -> float:
        return self.passed / self.examined if self.examined else 0.0

    @property
    def women_share(self) -> float:
        return self.women_person_times / self.person_times if self.person_times else 0.0


def _in_period(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    return and_(TrainingSession.deleted_at.is_(None), TrainingSession.start_date >= start, TrainingSession.start_date <= end)


def sessions_held(session: Session, start: dt.date, end: dt.date) -> int:
    """``training_stats(…).sessions`` counted alone."""
    return int(session.scalar(select(func.count()).select_from(TrainingSession).where(_in_period(start, end))) or 0)


def attendances(session: Session, start: dt.date, end: dt.date) -> int:
    """``training_stats(…).person_times`` counted alone (attendees marked as attended)."""
    return int(session.scalar(
        select(func.count()).select_from(TrainingAttendee)
        .join(TrainingSession, TrainingSession.id == TrainingAttendee.session_id)
        .join(Member, Member.id == TrainingAttendee.member_id)
        .where(_in_period(start, end), TrainingAttendee.attended.is_(True))
    ) or 0)


def training_stats(session: Session, start: dt.date, end: dt.date) -> TrainingStats:
    in_period = _in_period(start, end)
    by_kind = dict(session.execute(
        select(TrainingSession.kind, func.count()).where(in_period).group_by(TrainingSession.kind)).all())
    hours = session.scalar(select(func.coalesce(func.sum(TrainingSession.hours_tenths), 0)).where(in_period))

    attended = TrainingAttendee.attended.is_(True)
    woman = Member.sex == "female"

    def total(condition) -> ColumnElement[bool]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = session.execute(
        select(
            func.count(),
            total(attended),
            total(and_(attended, woman)),
            func.coalesce(func.sum(case((attended, TrainingSession.hours_tenths), else_=0)), 0),
            func.count(func.distinct(case((attended, TrainingAttendee.member_id)))),
            func.count(func.distinct(case((and_(attended, woman), TrainingAttendee.member_id)))),
            total(and_(attended, TrainingAttendee.passed.is_not(None))),
            total(and_(attended, TrainingAttendee.passed.is_(True))),
            total(or_(TrainingAttendee.certificate_name != "", TrainingAttendee.certificate_no != "")),
        )
        .select_from(TrainingAttendee)
        .join(TrainingSession, TrainingSession.id == TrainingAttendee.session_id)
        .join(Member, Member.id == TrainingAttendee.member_id)
        .where(in_period)
    ).one()
    enrolled, person_times, women_times, person_hours, participants, women_participants, examined, passed, certificates = (
        int(v) for v in row
    )
    return TrainingStats(
        start=start, end=end, sessions=sum(by_kind.values()), by_kind=by_kind, hours_tenths=int(hours),
        person_times=person_times, women_person_times=women_times, person_hours_tenths=person_hours,
        participants=participants, women_participants=women_participants, enrolled=enrolled,
        examined=examined, passed=passed, certificates=certificates,
    )
