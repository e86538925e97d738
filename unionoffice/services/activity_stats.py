"""Figures of the activity log for any period, as the work summary quotes them (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import Organiser
from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, ActivityAward


@dataclass(frozen=True)
class ActivityStats:
    """Activities whose start date lies in [start, end] (inclusive), recycle bin excluded.

    activities: number of activities.  by_kind: kind code -> number of activities.
    own_organised / higher_organised: held by our union / our part in the higher union's events.
    member_person_times: member attendances (a member at 3 activities counts 3 人次).
    outsider_person_times: the outsiders' headcounts added up.
    person_times: member_person_times + outsider_person_times (the 人次 a summary quotes).
    women_person_times: attendances of women members (outsiders' sex is not recorded).
    participants: distinct members who attended at least one activity (参加人数, members only).
    women_participants: distinct women among them.
    awards: awards won at these activities; awards_by_level: level code -> count;
    individual_awards / collective_awards: won by a member / by the collective.
    cost_fen: the activities' cost added up, in fen.
    women_share: women_person_times / member_person_times (0.0 when nobody attended).
    """

    start: dt.date
    end: dt.date
    activities: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    own_organised: int = 0
    higher_organised: int = 0
    member_person_times: int = 0
    outsider_person_times: int = 0
    person_times: int = 0
    women_person_times: int = 0
    participants: int = 0
    women_participants: int = 0
    awards: int = 0
    awards_by_level: dict[str, int] = field(default_factory=dict)
    individual_awards: int = 0
    collective_awards: int = 0
    cost_fen: int = 0

    @property
    def women_share(self) -> float:
        return self.women_person_times / self.member_person_times if self.member_person_times else 0.0


def _in_period(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    return and_(Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= end)


def activities_held(session: Session, start: dt.date, end: dt.date) -> int:
    """``activity_stats(…).activities`` counted alone."""
    return int(session.scalar(select(func.count()).select_from(Activity).where(_in_period(start, end))) or 0)


def member_attendances(session: Session, start: dt.date, end: dt.date) -> int:
    """``activity_stats(…).member_person_times`` counted alone (one COUNT over the period's attendance)."""
    return int(session.scalar(
        select(func.count()).select_from(ActivityAttendee)
        .join(Activity, Activity.id == ActivityAttendee.activity_id)
        .join(Member, Member.id == ActivityAttendee.member_id)
        .where(_in_period(start, end))
    ) or 0)


def activity_stats(session: Session, start: dt.date, end: dt.date) -> ActivityStats:
    in_period = _in_period(start, end)

    by_kind = dict(session.execute(select(Activity.kind, func.count()).where(in_period).group_by(Activity.kind)).all())
    by_organiser = dict(session.execute(select(Activity.organiser, func.count()).where(in_period).group_by(Activity.organiser)).all())
    outsiders, cost = session.execute(
        select(func.coalesce(func.sum(Activity.outsider_count), 0), func.coalesce(func.sum(Activity.cost_fen), 0)).where(in_period)
    ).one()

    # Attendances per member first (one pass over the period's attendance), then the members'
    # sex: the distinct counts need no sort of every attendance (a third of the time).
    per_member = (
        select(ActivityAttendee.member_id, func.count().label("n"))
        .join(Activity, Activity.id == ActivityAttendee.activity_id)
        .where(in_period)
        .group_by(ActivityAttendee.member_id)
        .subquery()
    )
    women = Member.sex == "female"
    member_times, women_times, participants, women_participants = session.execute(
        select(
            func.coalesce(func.sum(per_member.c.n), 0),
            func.coalesce(func.sum(case((women, per_member.c.n), else_=0)), 0),
            func.count(),
            func.coalesce(func.sum(case((women, 1), else_=0)), 0),
        ).select_from(per_member).join(Member, Member.id == per_member.c.member_id)
    ).one()

    award_rows = session.execute(
        select(ActivityAward.level, ActivityAward.member_id.is_(None), func.count())
        .join(Activity, Activity.id == ActivityAward.activity_id)
        .where(in_period)
        .group_by(ActivityAward.level, ActivityAward.member_id.is_(None))
    ).all()
    awards_by_level: dict[str, int] = {}
    collective = individual = 0
    for level, is_collective, count in award_rows:
        awards_by_level[level] = awards_by_level.get(level, 0) + count
        if is_collective:
            collective += count
        else:
            individual += count

    return ActivityStats(
        start=start,
        end=end,
        activities=sum(by_kind.values()),
        by_kind=by_kind,
        own_organised=by_organiser.get(Organiser.OWN.value, 0),
        higher_organised=by_organiser.get(Organiser.HIGHER.value, 0),
        member_person_times=int(member_times),
        outsider_person_times=int(outsiders),
        person_times=int(member_times) + int(outsiders),
        women_person_times=int(women_times),
        participants=int(participants),
        women_participants=int(women_participants),
        awards=collective + individual,
        awards_by_level=awards_by_level,
        individual_awards=individual,
        collective_awards=collective,
        cost_fen=int(cost),
    )
