"""The summary's member and participation figures in raw SQL (services/member_figures.py,
summary_highlights.participation) equal the ORM expressions they replaced, on a random office with
membership events of every kind (same-day ones too) and members in the recycle bin; both engines."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest
from sqlalchemy import select, union

from unionoffice.demo import generate
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.services.member_figures import on_roll_count, roll_composition
from unionoffice.services.member_query import ON_ROLL, MemberFilter, count_members, filter_conditions
from unionoffice.services.roster_stats import composition
from unionoffice.services.summary_highlights import participation
from unionoffice.store.models import Group, Member, MembershipEvent
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, TrainingAttendee, TrainingSession

DATES = [dt.date(2024, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2026, 3, 15)]


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    generate(db, until=dt.date(2026, 6, 30))
    rng = random.Random(14)
    kinds = list(MembershipEventKind)
    with db.session(write=True) as session:
        ids = list(session.scalars(select(Member.id).order_by(Member.id)))
        for member_id in rng.sample(ids, 80):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))
            for _ in range(rng.randrange(1, 4)):  # several on one day: the later entry decides
                session.add(MembershipEvent(member_id=member_id, kind=rng.choice(kinds).value, date=day))
        for member in session.scalars(select(Member).where(Member.id.in_(rng.sample(ids, 15)))):
            member.deleted_at = dt.datetime(2026, 1, 2, 9, 0)
    return db


def test_the_roll_and_the_retained_at_a_date_are_the_filters_counts(office):
    with office.session() as session:
        for on in DATES:
            comp, retained = roll_composition(session, on)
            assert comp == composition(session, MemberFilter(status=ON_ROLL, as_of=on)), on
            assert retained == count_members(session, replace(MemberFilter(as_of=on), status="retained")), on
            assert comp.total and comp.by_group  # a comparison that can fail
        assert any(roll_composition(session, on)[1] for on in DATES)


def test_the_roll_count_at_a_date_is_the_filters_count(office):
    today = dt.date.today()
    with office.session() as session:
        for on in [*DATES, today, today + dt.timedelta(days=30)]:  # (today and later: the stored status)
            assert on_roll_count(session, on) == count_members(session, MemberFilter(status=ON_ROLL, as_of=on)), on


def _participation_by_orm(session, start: dt.date, end: dt.date) -> tuple:  # type: ignore[no-untyped-def]
    """The replaced computation, in ORM expressions and Python."""
    on_roll = session.execute(select(Member.id, Member.sex, Member.migrant_worker, Member.group_id)
                              .where(*filter_conditions(MemberFilter(status=ON_ROLL, as_of=end)))).all()
    took = set(session.scalars(union(
        select(ActivityAttendee.member_id).join(Activity, Activity.id == ActivityAttendee.activity_id)
        .where(Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= end),
        select(TrainingAttendee.member_id).join(TrainingSession, TrainingSession.id == TrainingAttendee.session_id)
        .where(TrainingSession.deleted_at.is_(None), TrainingAttendee.attended.is_(True),
               TrainingSession.start_date >= start, TrainingSession.start_date <= end))))
    part = [m for m in on_roll if m.id in took]
    women = [m for m in on_roll if m.sex == "female"]
    migrants = [m for m in on_roll if m.migrant_worker]
    groups_on = {m.group_id for m in on_roll}
    groups_part = {m.group_id for m in part}
    names = session.execute(select(Group.id, Group.name).order_by(Group.position, Group.id)).all()
    idle = tuple(name for gid, name in names if gid in groups_on and gid not in groups_part)
    return (len(on_roll), len(part), len(women), len([m for m in women if m.id in took]),
            len(migrants), len([m for m in migrants if m.id in took]), idle)


def test_participation_is_the_orm_computation(office):
    with office.session() as session:
        for start, end in [(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
                           (dt.date(2025, 7, 1), dt.date(2025, 9, 30))]:
            p = participation(session, start, end)
            got = (p.on_roll, p.took_part, p.women_on_roll, p.women_took_part, p.migrant_on_roll,
                   p.migrant_took_part, p.idle_groups)
            assert got == _participation_by_orm(session, start, end), (start, end)
            assert p.took_part  # a comparison that can fail


def test_the_periods_activities_and_trainings_by_attendance_are_the_orm_statements(office):
    from sqlalchemy import func

    from unionoffice.services.summary_highlights import held_activities, training_titles

    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    with office.session() as session:
        members = select(ActivityAttendee.activity_id, func.count().label("n")).group_by(
            ActivityAttendee.activity_id).subquery()
        attendance = func.coalesce(members.c.n, 0) + func.coalesce(Activity.outsider_count, 0)
        expected = [tuple(r) for r in session.execute(
            select(Activity.title, Activity.kind, attendance).outerjoin(members, members.c.activity_id == Activity.id)
            .where(Activity.deleted_at.is_(None), Activity.start_date >= start, Activity.start_date <= end)
            .order_by(attendance.desc(), Activity.start_date, Activity.id))]
        assert [(a.title, a.kind, a.attendance) for a in held_activities(session, start, end)] == expected
        assert len({n for *_r, n in expected}) > 1  # a comparison that can fail
        attended = select(TrainingAttendee.session_id, func.count().label("n")).where(
            TrainingAttendee.attended.is_(True)).group_by(TrainingAttendee.session_id).subquery()
        n = func.coalesce(attended.c.n, 0)
        expected = [tuple(r) for r in session.execute(
            select(TrainingSession.title, TrainingSession.kind, n)
            .outerjoin(attended, attended.c.session_id == TrainingSession.id)
            .where(TrainingSession.deleted_at.is_(None), TrainingSession.start_date >= start,
                   TrainingSession.start_date <= end)
            .order_by(n.desc(), TrainingSession.start_date, TrainingSession.id))]
        assert training_titles(session, start, end) == expected
        assert len({c for *_r, c in expected}) > 1


def test_the_roll_today_and_later_is_the_filters_composition(office):
    today = dt.date.today()
    with office.session() as session:
        for on in (today, today + dt.timedelta(days=30)):  # (the stored status, not the events)
            comp, retained = roll_composition(session, on)
            assert comp == composition(session, MemberFilter(status=ON_ROLL, as_of=on)), on
            assert retained == count_members(session, replace(MemberFilter(as_of=on), status="retained")), on
            assert comp.total


def test_participation_up_to_today_is_the_orm_computation(office):
    today = dt.date.today()
    with office.session() as session:
        p = participation(session, dt.date(2025, 1, 1), today)
        got = (p.on_roll, p.took_part, p.women_on_roll, p.women_took_part, p.migrant_on_roll,
               p.migrant_took_part, p.idle_groups)
        assert got == _participation_by_orm(session, dt.date(2025, 1, 1), today)
        assert p.took_part


def test_one_drafts_shared_roll_counts_are_the_fresh_counts(office):
    from unionoffice.services.roll_counts import roll_counts, shared_roll_counts

    with office.session() as session:
        fresh = {on: roll_counts(session, on) for on in DATES}
        with shared_roll_counts():
            first = {on: roll_counts(session, on) for on in DATES}
            again = {on: roll_counts(session, on) for on in DATES}
            assert all(again[on] is first[on] for on in DATES)  # counted once in the draft
        assert roll_counts(session, DATES[0]) is not first[DATES[0]]  # nothing kept after it
    assert first == fresh
    assert any(row[0] == "retained" for row in fresh[DATES[2]]) and any(row[0] == "active" for row in fresh[DATES[2]])
