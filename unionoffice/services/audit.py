"""The audit trail: every register writes one entry per change through ``record``."""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Any, Mapping

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from unionoffice.store.actor import actor_name, os_user
from unionoffice.store.models import AuditEntry


class AuditAction(str, Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    PURGE = "purge"
    IMPORT = "import"


# Columns every record carries for conflict detection: the audit entry itself says who and when.
BOOKKEEPING = frozenset({"version", "changed_by"})


def current_user() -> str:
    """The OS user (a local office's audit name when no person signed in)."""
    return os_user()


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def snapshot(obj: object) -> dict[str, Any]:
    """The column values of an ORM object, ready for ``record``'s before/after."""
    mapper = sa_inspect(obj).mapper
    return {attr.key: _jsonable(getattr(obj, attr.key)) for attr in mapper.column_attrs if attr.key not in BOOKKEEPING}


def record(
    session: Session,
    action: AuditAction,
    entity: str,
    entity_id: int | None,
    summary: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Add one audit entry to the session (committed with the change it describes)."""
    if before is not None and after is not None:
        # Keep only what changed, so the log reads as a diff.
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in changed}
        after = {k: after.get(k) for k in changed}
    entry = AuditEntry(
        user=actor_name(session),
        action=action.value,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
        before=json.dumps({k: _jsonable(v) for k, v in before.items()}, ensure_ascii=False) if before is not None else None,
        after=json.dumps({k: _jsonable(v) for k, v in after.items()}, ensure_ascii=False) if after is not None else None,
    )
    session.add(entry)
    return entry
