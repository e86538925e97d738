"""What a work summary names, from the records of a period (no Qt): the main activities by title,
awards by name and level, trainings by title, and who took part in nothing.

Each function returns plain values (titles, counts, codes); the summary's providers turn them into
quotable figures in the document language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import AwardLevel
from unionoffice.services.member_query import ON_ROLL, MemberFilter, filter_conditions
from unionoffice.store.models import Group, Member
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, ActivityAward, TrainingAttendee, TrainingSession
from unionoffice.store.models.relief_hardship import HardshipFile

COMPETITION_KINDS = ("competition",)
FESTIVAL_KINDS = ("festival",)


@dataclass(frozen=True)
class HeldActivity:
    title: str
    kind: str
    attendance: int  # members who attended plus outsiders


@dataclass(frozen=True)
class AwardLine:
    level: str  # AwardLevel code
    name: str
    count: int


def held_activities(session: Session, start: dt.date, end: dt.date) -> list[HeldActivity]:
    """Activities that started in the period, most attended first (then by date)."""
    members = (
        select(ActivityAttendee.activity_id, func.count().label("n")).group_by(ActivityAttendee.activity_id).subquery()
    )
    attendance = func.coalesce(members.c.n, 0) + func.coalesce(Activity.outsider_count, 0)
    rows = session.execute(
        select(Activity.title, Activity.kind, attendance)
        .outerjoin(members, members.c.activity_id == Activity.id)
        .where(Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= end)
        .order_by(attendance.desc(), Activity.start_date, Activity.id)
    ).all()
    return [HeldActivity(title, kind, int(n)) for title, kind, n in rows]


def award_lines(session: Session, start: dt.date, end: dt.date) -> list[AwardLine]:
    """Awards won at the period's activities, one line per level and name, highest level first."""
    rows = session.execute(
        select(ActivityAward.level, ActivityAward.name, func.count())
        .join(Activity, Activity.id == ActivityAward.activity_id)
        .where(Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= end)
        .group_by(ActivityAward.level, ActivityAward.name)
    ).all()
    rank = {level.value: index for index, level in enumerate(AwardLevel)}
    lines = [AwardLine(level, name, int(n)) for level, name, n in rows]
    return sorted(lines, key=lambda a: (rank.get(a.level, len(rank)), -a.count, a.name))


def training_titles(session: Session, start: dt.date, end: dt.date) -> list[tuple[str, str, int]]:
    """(title, kind code, attendances) of the period's training sessions, most attended first."""
    attended = (
        select(TrainingAttendee.session_id, func.count().label("n"))
        .where(TrainingAttendee.attended.is_(True))
        .group_by(TrainingAttendee.session_id)
        .subquery()
    )
    n = func.coalesce(attended.c.n, 0)
    rows = session.execute(
        select(TrainingSession.title, TrainingSession.kind, n)
        .outerjoin(attended, attended.c.session_id == TrainingSession.id)
        .where(TrainingSession.deleted_at.is_(None), TrainingSession.start_date >= start, TrainingSession.start_date <= end)
        .order_by(n.desc(), TrainingSession.start_date, TrainingSession.id)
    ).all()
    return [(title, kind, int(count)) for title, kind, count in rows]


@dataclass(frozen=True)
class Participation:
    """Who on the roll at the period's end took part in an activity or a training of the period."""

    on_roll: int
    took_part: int
    women_on_roll: int
    women_took_part: int
    migrant_on_roll: int
    migrant_took_part: int
    idle_groups: tuple[str, ...]  # groups with members on the roll none of whom took part


def participation(session: Session, start: dt.date, end: dt.date) -> Participation:
    on_roll = filter_conditions(MemberFilter(status=ON_ROLL, as_of=end))
    in_activity = (
        select(ActivityAttendee.member_id)
        .join(Activity, Activity.id == ActivityAttendee.activity_id)
        .where(Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= end)
    )
    in_training = (
        select(TrainingAttendee.member_id)
        .join(TrainingSession, TrainingSession.id == TrainingAttendee.session_id)
        .where(TrainingSession.deleted_at.is_(None), TrainingAttendee.attended.is_(True),
               TrainingSession.start_date >= start, TrainingSession.start_date <= end)
    )
    # The members who took part gathered once and joined (an IN per member took 60% longer); sex
    # first, as in ix_members_composition, so that SQLite reads that covering index, not the rows.
    took_part = union(in_activity, in_training).subquery()
    took = took_part.c.member_id.is_not(None)
    rows = session.execute(
        select(Member.sex, Member.migrant_worker, Member.group_id, took, func.count())
        .outerjoin(took_part, took_part.c.member_id == Member.id)
        .where(*on_roll)
        .group_by(Member.sex, Member.migrant_worker, Member.group_id, took)
    ).all()
    totals = {"all": [0, 0], "women": [0, 0], "migrant": [0, 0]}
    by_group: dict[int | None, list[int]] = {}
    for sex, migrant, group_id, part, count in rows:
        index = 1 if part else 0
        for key, applies in (("all", True), ("women", sex == "female"), ("migrant", bool(migrant))):
            if applies:
                totals[key][index] += count
        by_group.setdefault(group_id, [0, 0])[index] += count
    names = session.execute(select(Group.id, Group.name).order_by(Group.position, Group.id)).all()
    idle = tuple(name for gid, name in names if gid in by_group and by_group[gid][1] == 0)

    def pair(key: str) -> tuple[int, int]:
        absent, present = totals[key]
        return absent + present, present

    (on, part), (w_on, w_part), (m_on, m_part) = pair("all"), pair("women"), pair("migrant")
    return Participation(on, part, w_on, w_part, m_on, m_part, idle)


def stale_hardship_files(session: Session, on: dt.date, months: int = 12) -> int:
    """Hardship files on file at ``on`` not reviewed (nor opened) in the ``months`` before it."""
    try:
        cutoff = on.replace(year=on.year - months // 12)
    except ValueError:
        cutoff = on.replace(year=on.year - months // 12, day=28)
    last_look = func.coalesce(HardshipFile.reviewed_on, HardshipFile.opened_on)
    return int(session.scalar(
        select(func.count()).select_from(HardshipFile).where(
            HardshipFile.deleted_at.is_(None),
            HardshipFile.opened_on <= on,
            or_(HardshipFile.closed_on.is_(None), HardshipFile.closed_on > on),
            last_look < cutoff,
        )
    ) or 0)
