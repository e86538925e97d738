"""The rows of the activity and training tables: filters and sorting done in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from unionoffice.store.models import Group, Member
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, ActivityAward, TrainingAttendee, TrainingSession


@dataclass(frozen=True)
class LedgerFilter:
    """What the page's filter bar holds; None means 'any'."""

    text: str = ""
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    group_id: int | None = None
    deleted: bool = False  # True lists the recycle bin


@dataclass(frozen=True)
class ActivityRow:
    id: int
    start_date: dt.date
    end_date: dt.date | None
    title: str
    kind: str
    place: str
    organiser: str
    members: int
    outsiders: int
    women: int
    awards: int
    cost_fen: int

    @property
    def person_times(self) -> int:
        return self.members + self.outsiders


@dataclass(frozen=True)
class TrainingRow:
    id: int
    start_date: dt.date
    end_date: dt.date | None
    title: str
    kind: str
    hours_tenths: int
    trainer: str
    enrolled: int
    attended: int
    women: int
    passed: int
    certificates: int
    examined: int = 0


def _common_where(model, attendee_model, attendee_fk, flt: LedgerFilter, text_columns):  # type: ignore[no-untyped-def]
    conditions = [model.deleted_at.is_not(None) if flt.deleted else model.deleted_at.is_(None)]
    if flt.kind:
        conditions.append(model.kind == flt.kind)
    if flt.date_from:
        conditions.append(model.start_date >= flt.date_from)
    if flt.date_to:
        conditions.append(model.start_date <= flt.date_to)
    text = flt.text.strip()
    if text:
        like = f"%{text}%"
        conditions.append(or_(*(c.like(like) for c in text_columns)))
    if flt.group_id is not None:
        conditions.append(
            exists().where(
                attendee_fk == model.id,
                Member.id == attendee_model.member_id,
                Member.group_id == flt.group_id,
            )
        )
    return and_(*conditions)


ACTIVITY_SORT_KEYS = ("date", "title", "kind", "place", "organiser", "members", "women", "awards", "cost")


def list_activities(session: Session, flt: LedgerFilter = LedgerFilter(), sort: str = "date", descending: bool = True) -> list[ActivityRow]:
    members = (
        select(func.count()).where(ActivityAttendee.activity_id == Activity.id).correlate(Activity).scalar_subquery()
    )
    women = (
        select(func.count()).select_from(ActivityAttendee).join(Member, Member.id == ActivityAttendee.member_id)
        .where(ActivityAttendee.activity_id == Activity.id, Member.sex == "female").correlate(Activity).scalar_subquery()
    )
    awards = select(func.count()).where(ActivityAward.activity_id == Activity.id).correlate(Activity).scalar_subquery()
    columns = {
        "date": Activity.start_date, "title": Activity.title, "kind": Activity.kind, "place": Activity.place,
        "organiser": Activity.organiser, "members": members + Activity.outsider_count, "women": women,
        "awards": awards, "cost": Activity.cost_fen,
    }
    order = columns.get(sort, Activity.start_date)
    query = (
        select(Activity.id, Activity.start_date, Activity.end_date, Activity.title, Activity.kind, Activity.place,
               Activity.organiser, members, Activity.outsider_count, women, awards, Activity.cost_fen)
        .where(_common_where(Activity, ActivityAttendee, ActivityAttendee.activity_id, flt,
                             (Activity.title, Activity.place, Activity.description, Activity.organiser_name)))
        .order_by(order.desc() if descending else order.asc(), Activity.id.desc() if descending else Activity.id)
    )
    return [ActivityRow(*row) for row in session.execute(query)]


TRAINING_SORT_KEYS = ("date", "title", "kind", "hours", "trainer", "enrolled", "attended", "women", "passed", "certificates")


def list_trainings(session: Session, flt: LedgerFilter = LedgerFilter(), sort: str = "date", descending: bool = True) -> list[TrainingRow]:
    def count(*conditions):  # type: ignore[no-untyped-def]
        query = select(func.count()).select_from(TrainingAttendee)
        if any(c is WOMEN for c in conditions):
            query = query.join(Member, Member.id == TrainingAttendee.member_id)
        real = [Member.sex == "female" if c is WOMEN else c for c in conditions]
        return query.where(TrainingAttendee.session_id == TrainingSession.id, *real).correlate(TrainingSession).scalar_subquery()

    enrolled = count()
    attended = count(TrainingAttendee.attended.is_(True))
    women = count(TrainingAttendee.attended.is_(True), WOMEN)
    passed = count(TrainingAttendee.attended.is_(True), TrainingAttendee.passed.is_(True))
    examined = count(TrainingAttendee.attended.is_(True), TrainingAttendee.passed.is_not(None))
    certificates = count(or_(TrainingAttendee.certificate_name != "", TrainingAttendee.certificate_no != ""))
    columns = {
        "date": TrainingSession.start_date, "title": TrainingSession.title, "kind": TrainingSession.kind,
        "hours": TrainingSession.hours_tenths, "trainer": TrainingSession.trainer, "enrolled": enrolled,
        "attended": attended, "women": women, "passed": passed, "certificates": certificates,
    }
    order = columns.get(sort, TrainingSession.start_date)
    query = (
        select(TrainingSession.id, TrainingSession.start_date, TrainingSession.end_date, TrainingSession.title,
               TrainingSession.kind, TrainingSession.hours_tenths, TrainingSession.trainer,
               enrolled, attended, women, passed, certificates, examined)
        .where(_common_where(TrainingSession, TrainingAttendee, TrainingAttendee.session_id, flt,
                             (TrainingSession.title, TrainingSession.place, TrainingSession.trainer,
                              TrainingSession.organiser, TrainingSession.description)))
        .order_by(order.desc() if descending else order.asc(),
                  TrainingSession.id.desc() if descending else TrainingSession.id)
    )
    return [TrainingRow(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class ActivityTotals:
    """The listed activities added up (the page's figures line; equals activity_stats for a plain period)."""

    activities: int
    person_times: int
    women_person_times: int
    awards: int
    cost_fen: int


def activity_totals(rows: list[ActivityRow]) -> ActivityTotals:
    return ActivityTotals(
        activities=len(rows),
        person_times=sum(r.person_times for r in rows),
        women_person_times=sum(r.women for r in rows),
        awards=sum(r.awards for r in rows),
        cost_fen=sum(r.cost_fen for r in rows),
    )


@dataclass(frozen=True)
class TrainingTotals:
    """The listed sessions added up (the page's figures line; equals training_stats for a plain period)."""

    sessions: int
    person_times: int
    women_person_times: int
    hours_tenths: int
    examined: int
    passed: int
    certificates: int

    @property
    def pass_rate(self) -> float:
        return self.passed / self.examined if self.examined else 0.0


def training_totals(rows: list[TrainingRow]) -> TrainingTotals:
    return TrainingTotals(
        sessions=len(rows),
        person_times=sum(r.attended for r in rows),
        women_person_times=sum(r.women for r in rows),
        hours_tenths=sum(r.hours_tenths for r in rows),
        examined=sum(r.examined for r in rows),
        passed=sum(r.passed for r in rows),
        certificates=sum(r.certificates for r in rows),
    )


WOMEN = object()  # marker for list_trainings' count helper: "the attendee is a woman"


@dataclass(frozen=True)
class HonourRow:
    """One line of the 荣誉 list: who won what, when, at which activity."""

    date: dt.date
    award: str
    level: str
    winner: str
    group_name: str
    collective: bool
    activity_title: str
    activity_id: int


def honours(session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[HonourRow]:
    """Awards across all activities (not in the recycle bin); the award's date, else the activity's."""
    when = func.coalesce(ActivityAward.date, Activity.start_date)
    query = (
        select(when, ActivityAward.name, ActivityAward.level, Member.name, ActivityAward.collective_name, Group.name,
               Activity.title, Activity.id)
        .join(Activity, Activity.id == ActivityAward.activity_id)
        .outerjoin(Member, Member.id == ActivityAward.member_id)
        .outerjoin(Group, Group.id == Member.group_id)
        .where(Activity.deleted_at.is_(None))
        .order_by(when.desc(), ActivityAward.id)
    )
    if date_from:
        query = query.where(when >= date_from)
    if date_to:
        query = query.where(when <= date_to)
    rows = []
    for date, award, level, member_name, collective_name, group_name, title, activity_id in session.execute(query):
        collective = member_name is None
        rows.append(HonourRow(
            date=dt.date.fromisoformat(date) if isinstance(date, str) else date,
            award=award, level=level, winner=collective_name if collective else member_name,
            group_name="" if collective else (group_name or ""), collective=collective,
            activity_title=title, activity_id=activity_id,
        ))
    return rows
