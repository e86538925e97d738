"""No lost update: a form saves only over the version of the record it showed.

Every record table carries ``version`` (bumped by each change) and ``changed_by``/``updated_at``.
A form remembers the version it loaded and hands it to the save; ``load_current`` re-reads the row
(locked for the rest of the transaction on a server office) and refuses with :class:`RecordChanged`,
naming who changed it and when, when that version has moved on. Between that read and the UPDATE
SQLAlchemy's version_id_col guards the row as well: its UPDATE matches nothing if the version
moved, which ``record_changed_from`` turns into the same refusal.

``register_stamp`` is the cheap "changed since" check a page makes when it is shown again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from unionoffice.i18n import _
from unionoffice.store.models.accounts import Versioned

T = TypeVar("T", bound=Versioned)


class RecordChanged(Exception):
    """Someone else saved the record since this form loaded it; the message is for the user."""

    def __init__(self, who: str = "", when: dt.datetime | None = None) -> None:
        self.who, self.when = who, when
        if who and when is not None:
            message = _("{who} changed this record at {when} after you opened it, so your changes were not saved. "
                        "Reload it to see the new version.").format(who=who, when=_local_time(when))
        else:
            message = _("Someone else changed or removed this record after you opened it, so your changes were "
                        "not saved. Reload it to see the new version.")
        super().__init__(message)


def _local_time(when: dt.datetime) -> str:
    """``updated_at`` is naive UTC; people read their own clock."""
    local = when.replace(tzinfo=dt.timezone.utc).astimezone()
    return f"{local:%Y-%m-%d %H:%M:%S}"


def load_current(session: Session, model: type[T], record_id: int, expected_version: int | None) -> T | None:
    """The record as stored now (None when it is gone), refused when it moved past ``expected_version``.

    ``expected_version`` None: the caller did not load it earlier (a new form, the CLI), no check.
    """
    query = select(model).where(model.id == record_id).execution_options(populate_existing=True)  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()  # held to the commit: no second save slips between check and write
    obj = session.scalars(query).first()
    if obj is not None and expected_version is not None and obj.version != expected_version:
        raise RecordChanged(obj.changed_by or _("someone"), getattr(obj, "updated_at", None))
    return obj


def record_changed_from(error: StaleDataError) -> RecordChanged:
    """The refusal for an UPDATE/DELETE that matched no row because its version had moved on."""
    return RecordChanged()


@dataclass(frozen=True)
class RegisterStamp:
    """What a page compares to know whether a register changed since it last showed it."""

    rows: int
    versions: int
    last_change: dt.datetime | None


def register_stamp(session: Session, model: type[Versioned] | str) -> RegisterStamp:
    """Rows, the sum of their versions and the newest change: any add, edit, delete or restore
    (in this window, another PC or the CLI) moves at least one of them. ``model``: a record model
    or its table's name."""
    from unionoffice.store.base import Base

    table = Base.metadata.tables[model] if isinstance(model, str) else model.__table__  # type: ignore[attr-defined]
    rows, versions, last = session.execute(
        select(func.count(), func.coalesce(func.sum(table.c.version), 0), func.max(table.c.updated_at))).one()
    return RegisterStamp(int(rows), int(versions), last)
