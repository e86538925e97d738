"""The demo office's activities and training: volumes, 三八节 attended by women, next week's safety training."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from unionoffice.demo import generate
from unionoffice.services.ledger_kinds import list_kinds
from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, TrainingAttendee, TrainingSession

UNTIL = dt.date(2026, 11, 23)


def test_migration_seeds_the_issues_kinds_lists(session):
    assert [k.label for k in list_kinds(session, "activity")] == [
        "文体活动", "节日活动", "劳动竞赛/技能比武", "会议", "参观学习", "志愿服务", "其他"]
    assert [k.label for k in list_kinds(session, "training")] == [
        "技术/技能培训", "安全培训", "政治理论", "法律知识", "心理健康", "其他"]


def test_small_demo_has_activities_and_training_with_attendance(db):
    generate(db, until=UNTIL)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Activity)) == 60
        assert session.scalar(select(func.count()).select_from(ActivityAttendee)) > 500
        assert session.scalar(select(func.count()).select_from(TrainingAttendee)) > 200
        womens_day = session.scalars(select(Activity.id).where(Activity.title.like("%三八%"))).all()
        for activity_id in womens_day:
            sexes = set(session.scalars(select(Member.sex).join(ActivityAttendee, ActivityAttendee.member_id == Member.id)
                                        .where(ActivityAttendee.activity_id == activity_id)))
            assert sexes == {"female"}


def test_demo_plans_a_safety_training_next_week(db):
    generate(db, until=UNTIL)
    with db.session() as session:
        planned = session.execute(select(TrainingSession.kind, TrainingSession.start_date).where(TrainingSession.id == 1)).one()
    assert planned.kind == "safety"
    assert UNTIL < planned.start_date <= UNTIL + dt.timedelta(days=14)
