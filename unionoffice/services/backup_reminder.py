"""The start page's backup reminder: when the last backup to a stick or folder was made."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from unionoffice.services.backup_rotation import parse_keep

if TYPE_CHECKING:  # the `backup` command itself needs no SQLAlchemy: it works through sqlite3
    from sqlalchemy.orm import Session

LAST_BACKUP_AT = "last_backup_at"  # ISO datetime, UTC, of the last verified backup to a stick/folder
LAST_BACKUP_TARGET = "last_backup_target"
REMINDER_DAYS = "backup_reminder_days"
DEFAULT_REMINDER_DAYS = 7


def record_last_backup(db_path: Path, target_dir: Path, when: dt.datetime, only_if_newer: bool = False) -> bool:
    """Called by make_backup after a verified backup to a stick or folder (not the local one), and by
    a restore from one (the data restored was last backed up when that archive was made).

    ``only_if_newer``: keep a later backup the database already knows of. A database too busy to
    take the note does not undo a good backup: returns False then. Written with plain sqlite3 into
    the live database as it is (no migration for a setting).
    """
    values = [(LAST_BACKUP_AT, when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")),
              (LAST_BACKUP_TARGET, str(target_dir.resolve()))]
    try:
        with contextlib.closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, timeout=10)) as conn:
            with conn:  # one transaction: both notes or neither
                if only_if_newer:
                    row = conn.execute("SELECT value FROM settings WHERE key = ?", (LAST_BACKUP_AT,)).fetchone()
                    known = _parse_when(row[0]) if row else None
                    if known is not None and known >= when:
                        return True
                conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", values)
    except sqlite3.Error:
        return False
    return True


def _parse_when(value: str | None) -> dt.datetime | None:
    """A stored backup time as an aware datetime (UTC when stored without a zone), or None."""
    try:
        when = dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when


def last_backup_at(session: Session) -> dt.datetime | None:
    """When the last verified backup to a stick or folder was made (aware, UTC), or None."""
    from unionoffice.services.office import get_setting

    return _parse_when(get_setting(session, LAST_BACKUP_AT))


def days_since_last_backup(session: Session, today: dt.date | None = None) -> int | None:
    """Whole days since the last backup to a stick or folder; None when there never was one."""
    when = last_backup_at(session)
    if when is None:
        return None
    today = today or dt.date.today()
    return max(0, (today - when.astimezone().date()).days)


def backup_reminder_due(session: Session, today: dt.date | None = None) -> bool:
    """Whether the start page should remind the clerk (never backed up, or too long ago)."""
    from unionoffice.services.office import get_setting

    days = days_since_last_backup(session, today)
    limit = parse_keep(get_setting(session, REMINDER_DAYS), DEFAULT_REMINDER_DAYS)
    return days is None or days >= limit
