"""Demo part: the activity log and the training records, with attendance, awards and results."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from unionoffice.demo import DemoContext
from unionoffice.store.models import Group
from unionoffice.store.models.ledgers import (
    Activity,
    ActivityAttendee,
    ActivityAward,
    TrainingAttendee,
    TrainingSession,
)

ORDER = 30

ACTIVITY_TITLES = {
    "sports_culture": ["职工篮球赛", "职工羽毛球比赛", "拔河比赛", "职工书画摄影展", "读书分享会", "健步走活动", "乒乓球联赛"],
    "competition": ["焊工技能比武", "数控车工技能竞赛", "安全知识竞赛", "岗位练兵劳动竞赛", "电工技能比武"],
    "meeting": ["职工代表大会", "工会委员会会议", "会员代表座谈会", "女职工工作座谈会"],
    "study_visit": ["红色教育基地参观学习", "劳模创新工作室参观", "兄弟单位交流学习"],
    "volunteer": ["无偿献血志愿活动", "社区志愿服务", "义务植树活动", "关爱留守儿童志愿活动"],
    "other": ["单身职工联谊会", "职工集体婚礼", "职工心理健康讲座"],
}
# Festival activities fall on their festival: (title, month, first day, last day).
FESTIVALS = [
    ("元旦迎新长跑", 1, 1, 3), ("三八妇女节主题活动", 3, 6, 8), ("五一劳动节游园活动", 4, 27, 30),
    ("端午节包粽子活动", 6, 5, 20), ("中秋节猜灯谜活动", 9, 10, 25), ("国庆节文艺汇演", 9, 26, 30),
]
ACTIVITY_KIND_WEIGHTS = {"sports_culture": 30, "festival": 14, "competition": 14, "meeting": 14, "study_visit": 9, "volunteer": 12, "other": 7}
PLACES = ["职工活动中心", "厂区体育馆", "一号会议室", "职工书屋", "厂区广场", "市工人文化宫", "多功能厅"]
FUNDING = ["own_funds", "own_funds", "administration", "higher_union"]  # domain/funds.py codes
AWARDS = [("一等奖", None), ("二等奖", None), ("三等奖", None), ("优秀组织奖", "collective"), ("先进集体", "collective"),
          ("技术能手", None), ("巾帼标兵", None), ("工人先锋号", "collective")]
AWARD_LEVELS = ["unit"] * 6 + ["system"] * 2 + ["county"] * 2 + ["city"] * 2 + ["provincial", "national"]

TRAINING_TITLES = {
    "technical": ["焊接工艺提升培训", "数控编程培训", "电工上岗培训", "设备维护保养培训", "质量管理培训"],
    "safety": ["安全生产培训", "消防安全知识培训", "特种作业安全培训", "应急救护培训"],
    "political": ["党的创新理论学习", "工会基本知识培训", "劳模精神宣讲"],
    "legal": ["劳动合同法讲座", "女职工权益保护专题培训", "职工维权法律知识培训"],
    "mental_health": ["职工心理健康讲座", "压力管理与情绪调节培训"],
    "other": ["办公软件应用培训", "新职工入职培训"],
}
TRAINING_KIND_WEIGHTS = {"technical": 35, "safety": 25, "political": 12, "legal": 10, "mental_health": 8, "other": 10}
TRAINERS = ["李建国", "王志强", "市安监局专家", "张丽华", "外聘讲师", "市总工会讲师团", "陈工程师"]
CERTIFICATES = {"technical": "职业技能等级证书", "safety": "安全培训合格证"}


def _weighted(rng, weights: dict[str, int]) -> str:  # type: ignore[no-untyped-def]
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _festival_date(rng, start: dt.date, end: dt.date, month: int, first: int, last: int) -> dt.date | None:  # type: ignore[no-untyped-def]
    years = [y for y in range(start.year, end.year + 1) if start <= dt.date(y, month, first) and dt.date(y, month, last) <= end]
    if not years:
        return None
    return dt.date(rng.choice(years), month, rng.randint(first, last))


def populate(session: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    years = ctx.spec.years
    large = ctx.spec.members > 1000
    women = [m[0] for m in ctx.members if m[1] == "female"]
    everyone = [m[0] for m in ctx.members]
    group_of = {m[0]: m[2] for m in ctx.members}
    group_names = dict(session.execute(select(Group.id, Group.name)).all())
    # A fortnight past the end, so that planned activities and next week's training exist.
    horizon = ctx.end + dt.timedelta(days=14)

    activities, attendees, awards = [], [], []
    per_year = 600 if large else 60
    for activity_id in range(1, per_year * years + 1):
        kind = _weighted(rng, ACTIVITY_KIND_WEIGHTS)
        start = ctx.random_date(ctx.start, horizon)
        pool = everyone
        if kind == "festival":
            title, month, first, last = rng.choice(FESTIVALS)
            start = _festival_date(rng, ctx.start, horizon, month, first, last) or start
            if month == 3:
                pool = women
        else:
            title = rng.choice(ACTIVITY_TITLES[kind])
        size = min(len(pool), rng.randint(8, 60 if large else 40))
        chosen = rng.sample(pool, size)
        organiser = "higher" if rng.random() < 0.15 else "own"
        activities.append({
            "id": activity_id, "title": f"{start.year}年{title}", "kind": kind, "start_date": start,
            "end_date": start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2))), "place": rng.choice(PLACES),
            "organiser": organiser, "organiser_name": "示例市总工会" if organiser == "higher" else "",
            "description": "演示数据", "cost_fen": rng.randrange(0, 3000) * 1000, "funding_source": rng.choice(FUNDING),
            "outsider_count": rng.choice((0, 0, 0, 5, 10, 20)), "deleted_at": None,
        })
        attendees.extend({"activity_id": activity_id, "member_id": m} for m in chosen)
        if start <= ctx.end and kind in ("competition", "sports_culture") and rng.random() < 0.4:
            for _ in range(rng.randint(1, 3)):
                name, collective = rng.choice(AWARDS)
                winner = rng.choice(chosen)
                awards.append({
                    "activity_id": activity_id, "name": name, "level": rng.choice(AWARD_LEVELS),
                    "member_id": None if collective else winner,
                    "collective_name": group_names.get(group_of[winner], "本单位工会") if collective else "",
                    "date": start,
                })
    session.execute(insert(Activity), activities)
    session.execute(insert(ActivityAttendee), attendees)
    if awards:
        session.execute(insert(ActivityAward), awards)

    sessions, results = [], []
    costs = random.Random(ctx.start.toordinal())
    per_year = 200 if large else 24
    next_week = ctx.end + dt.timedelta(days=7 - ctx.end.weekday() + 1)  # Tuesday of next week
    for session_id in range(1, per_year * years + 1):
        kind = _weighted(rng, TRAINING_KIND_WEIGHTS)
        start = next_week if session_id == 1 else ctx.random_date(ctx.start, horizon)
        if session_id == 1:
            kind = "safety"
        title = rng.choice(TRAINING_TITLES[kind])
        done = start <= ctx.end
        examined = done and kind in ("technical", "safety") and rng.random() < 0.7
        sessions.append({
            "id": session_id, "title": f"{start.year}年{title}", "kind": kind, "start_date": start,
            "end_date": start + dt.timedelta(days=rng.choice((0, 0, 1, 2, 4))),
            "hours_tenths": rng.choice((20, 25, 40, 80, 160, 240)), "trainer": rng.choice(TRAINERS),
            "organiser": rng.choice(["本工会", "本工会", "人力资源部", "安全环保部"]), "place": rng.choice(PLACES),
            "description": "演示数据", "deleted_at": None,
            # From a separate random source, so the rest of the demo stays as it was before sessions had a cost.
            "cost_fen": costs.choice((0, 0, 50000, 120000, 300000, 800000)),
            "funding_source": costs.choice(FUNDING),
        })
        for member_id in rng.sample(everyone, min(len(everyone), rng.randint(10, 45))):
            attended = not done or rng.random() < 0.93
            score = rng.randint(450, 1000) if examined and attended else None
            passed = (score >= 600) if score is not None else None
            certificate = CERTIFICATES.get(kind, "") if passed else ""
            results.append({
                "session_id": session_id, "member_id": member_id, "attended": attended,
                "score_tenths": score, "passed": passed, "certificate_name": certificate,
                "certificate_no": f"ZS{start.year}{session_id:04d}{member_id:05d}" if certificate else "",
            })
    session.execute(insert(TrainingSession), sessions)
    session.execute(insert(TrainingAttendee), results)
