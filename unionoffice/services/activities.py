"""The activity log (活动记录): record, change, delete (recycle bin), restore; attendance and awards."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from unionoffice.domain.funds import FundingSource
from unionoffice.domain.ledgers import AwardLevel, Ledger, LedgerError, Organiser
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.ledger_kinds import kind_labels
from unionoffice.services.ledger_members import check_member_ids
from unionoffice.store.base import utcnow
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, ActivityAward

MAX_OUTSIDERS = 100_000


@dataclass
class ActivityData:
    """What the activity form collects (money in fen)."""

    title: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None = None
    place: str = ""
    organiser: str = Organiser.OWN.value
    organiser_name: str = ""
    description: str = ""
    cost_fen: int = 0
    funding_source: str = ""
    outsider_count: int = 0


@dataclass
class AwardData:
    """An award; ``member_id`` None means the collective (``collective_name``, e.g. a group) won it."""

    name: str
    level: str | None  # None: not chosen yet (refused; there is no default level)
    member_id: int | None = None
    collective_name: str = ""
    date: dt.date | None = None


@dataclass
class ActivityDetail:
    id: int
    data: ActivityData
    member_ids: list[int] = field(default_factory=list)
    awards: list[AwardData] = field(default_factory=list)
    deleted: bool = False


def _clean(session: Session, data: ActivityData) -> ActivityData:
    title = " ".join(data.title.split())
    if not title:
        raise LedgerError(_("An activity needs a title."))
    if data.start_date is None:
        raise LedgerError(_("An activity needs a start date."))
    if data.end_date is not None and data.end_date < data.start_date:
        raise LedgerError(_("The end date is before the start date."))
    if data.kind not in kind_labels(session, Ledger.ACTIVITY):
        raise LedgerError(_("Unknown activity kind “{kind}”.").format(kind=data.kind))
    if Organiser.from_text(data.organiser) is None:
        raise LedgerError(_("Unknown organiser “{organiser}”.").format(organiser=data.organiser))
    if data.cost_fen < 0:
        raise LedgerError(_("The cost cannot be negative."))
    funding = check_funding_source(data.funding_source)
    if not 0 <= data.outsider_count <= MAX_OUTSIDERS:
        raise LedgerError(_("The number of outside attendees must be between 0 and {maximum}.").format(maximum=MAX_OUTSIDERS))
    return ActivityData(
        title=title,
        kind=data.kind,
        start_date=data.start_date,
        end_date=data.end_date,
        place=data.place.strip(),
        organiser=Organiser.from_text(data.organiser).value,  # type: ignore[union-attr]
        organiser_name=data.organiser_name.strip(),
        description=data.description.strip(),
        cost_fen=int(data.cost_fen),
        funding_source=funding,
        outsider_count=int(data.outsider_count),
    )


def check_funding_source(text: str | None) -> str:
    """The stored code of a funding source typed in any of its names ('' when none); unknown ones are refused."""
    raw = "".join(str(text or "").split())
    if not raw:
        return ""
    found = FundingSource.from_text(raw)
    if found is None:
        raise LedgerError(_("Unknown funding source “{text}”; the list has: {allowed}.").format(
            text=raw, allowed="、".join(m.label() for m in FundingSource)))
    return found.value


def _clean_award(award: AwardData) -> AwardData:
    name = " ".join(award.name.split())
    if not name:
        raise LedgerError(_("An award needs a name."))
    if not award.level:
        raise LedgerError(_("Level: please choose the level of the award “{name}”.").format(name=name))
    level = AwardLevel.from_text(award.level)
    if level is None:
        raise LedgerError(_("Unknown award level “{level}”.").format(level=award.level))
    collective = award.collective_name.strip()
    if award.member_id is None and not collective:
        raise LedgerError(_("The award “{name}” needs a member or the name of the collective.").format(name=name))
    return AwardData(name=name, level=level.value, member_id=award.member_id, collective_name=collective if award.member_id is None else "", date=award.date)


def _set_attendees(session: Session, activity: Activity, member_ids: list[int]) -> None:
    session.execute(delete(ActivityAttendee).where(ActivityAttendee.activity_id == activity.id))
    if member_ids:
        session.execute(
            ActivityAttendee.__table__.insert(),
            [{"activity_id": activity.id, "member_id": m} for m in member_ids],
        )
    session.expire(activity, ["attendees"])


def _set_awards(session: Session, activity: Activity, awards: list[AwardData]) -> None:
    activity.awards.clear()
    session.flush()
    for award in awards:
        activity.awards.append(ActivityAward(**asdict(award)))


def _summary_after(activity: Activity, member_ids: list[int] | None, awards: list[AwardData] | None) -> dict:
    after = snapshot(activity)
    if member_ids is not None:
        after["attendees"] = len(member_ids)
    if awards is not None:
        after["awards"] = [f"{a.name} ({a.level})" for a in awards]
    return after


def create_activity(
    session: Session, data: ActivityData, member_ids: Sequence[int] = (), awards: Sequence[AwardData] = ()
) -> Activity:
    data = _clean(session, data)
    members = check_member_ids(session, list(member_ids))
    cleaned_awards = [_clean_award(a) for a in awards]
    activity = Activity(**asdict(data))
    session.add(activity)
    session.flush()
    _set_attendees(session, activity, members)
    _set_awards(session, activity, cleaned_awards)
    session.flush()
    record(session, AuditAction.CREATE, "activity", activity.id,
           _("Activity recorded: {title}").format(title=activity.title),
           after=_summary_after(activity, members, cleaned_awards))
    return activity


def update_activity(
    session: Session,
    activity_id: int,
    data: ActivityData,
    member_ids: Sequence[int] | None = None,
    awards: Sequence[AwardData] | None = None,
) -> Activity:
    """Change an activity; attendees and awards are replaced only when given."""
    activity = _get(session, activity_id)
    before_detail = get_activity(session, activity_id)
    before = _summary_after(activity, before_detail.member_ids if member_ids is not None else None,
                            before_detail.awards if awards is not None else None)
    data = _clean(session, data)
    members = check_member_ids(session, list(member_ids)) if member_ids is not None else None
    cleaned_awards = [_clean_award(a) for a in awards] if awards is not None else None
    for key, value in asdict(data).items():
        setattr(activity, key, value)
    activity.updated_at = utcnow()
    if members is not None:
        _set_attendees(session, activity, members)
    if cleaned_awards is not None:
        _set_awards(session, activity, cleaned_awards)
    session.flush()
    record(session, AuditAction.UPDATE, "activity", activity.id,
           _("Activity changed: {title}").format(title=activity.title),
           before, _summary_after(activity, members, cleaned_awards))
    return activity


def get_activity(session: Session, activity_id: int) -> ActivityDetail:
    activity = _get(session, activity_id, include_deleted=True)
    data = ActivityData(**{f: getattr(activity, f) for f in ActivityData.__dataclass_fields__})
    member_ids = list(
        session.scalars(select(ActivityAttendee.member_id).where(ActivityAttendee.activity_id == activity_id).order_by(ActivityAttendee.id))
    )
    awards = [
        AwardData(name=a.name, level=a.level, member_id=a.member_id, collective_name=a.collective_name, date=a.date)
        for a in activity.awards
    ]
    return ActivityDetail(id=activity.id, data=data, member_ids=member_ids, awards=awards, deleted=activity.deleted_at is not None)


def delete_activity(session: Session, activity_id: int) -> None:
    """Move to the recycle bin: the activity leaves lists and statistics until restored."""
    activity = _get(session, activity_id)
    activity.deleted_at = utcnow()
    record(session, AuditAction.DELETE, "activity", activity.id, _("Activity moved to the recycle bin: {title}").format(title=activity.title))


def restore_activity(session: Session, activity_id: int) -> None:
    activity = _get(session, activity_id, include_deleted=True)
    if activity.deleted_at is None:
        return
    activity.deleted_at = None
    record(session, AuditAction.RESTORE, "activity", activity.id, _("Activity restored: {title}").format(title=activity.title))


def purge_activity(session: Session, activity_id: int) -> None:
    """Remove for good an activity that is in the recycle bin (its attachment files go with activity_files.purge_files)."""
    activity = _get(session, activity_id, include_deleted=True)
    if activity.deleted_at is None:
        raise LedgerError(_("Only an activity in the recycle bin can be removed for good."))
    record(session, AuditAction.PURGE, "activity", activity.id, _("Activity removed for good: {title}").format(title=activity.title),
           before=snapshot(activity))
    session.delete(activity)


def deleted_activities(session: Session) -> list[tuple[int, str, dt.date, dt.datetime]]:
    """(id, title, start date, deleted at) of the activities in the recycle bin, latest deleted first."""
    rows = session.execute(
        select(Activity.id, Activity.title, Activity.start_date, Activity.deleted_at)
        .where(Activity.deleted_at.is_not(None)).order_by(Activity.deleted_at.desc())
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _get(session: Session, activity_id: int, include_deleted: bool = False) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None or (activity.deleted_at is not None and not include_deleted):
        raise LedgerError(_("That activity no longer exists."))
    return activity
