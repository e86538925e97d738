"""The figures the start page shows: what the office holds today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import ON_ROLL_STATUSES, Sex
from unionoffice.services.office import get_setting, load_settings
from unionoffice.store.models import Group, Member

LAST_BACKUP_KEY = "last_backup_at"  # ISO datetime of the last verified backup to a removable drive/folder
REMINDER_DAYS_KEY = "backup_reminder_days"
DEFAULT_REMINDER_DAYS = 7


@dataclass(frozen=True)
class Overview:
    union_name: str
    members_on_roll: int
    women_on_roll: int
    groups_in_use: int
    last_backup_at: dt.datetime | None
    reminder_days: int

    def backup_overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        if self.last_backup_at is None:
            return True
        return (today - self.last_backup_at.date()).days > self.reminder_days


def last_backup_at(session: Session) -> dt.datetime | None:
    value = get_setting(session, LAST_BACKUP_KEY)
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def office_overview(session: Session) -> Overview:
    on_roll = select(func.count(Member.id)).where(
        Member.deleted_at.is_(None), Member.status.in_([s.value for s in ON_ROLL_STATUSES])
    )
    try:
        reminder = int(get_setting(session, REMINDER_DAYS_KEY, str(DEFAULT_REMINDER_DAYS)))
    except ValueError:
        reminder = DEFAULT_REMINDER_DAYS
    return Overview(
        union_name=load_settings(session).union_name,
        members_on_roll=session.scalar(on_roll) or 0,
        women_on_roll=session.scalar(on_roll.where(Member.sex == Sex.FEMALE.value)) or 0,
        groups_in_use=session.scalar(select(func.count(Group.id)).where(Group.retired.is_(False))) or 0,
        last_backup_at=last_backup_at(session),
        reminder_days=reminder,
    )
