"""Reading the audit trail: filter by who, when, what kind of record, and text."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from unionoffice.store.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None
    entity: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""
    limit: int = 2000


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    before: dict
    after: dict


def _load(value: str | None) -> dict:
    if not value:
        return {}
    try:
        loaded = json.loads(value)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def query_audit(session: Session, flt: AuditFilter) -> list[AuditRow]:
    """Newest first; dates are whole days (inclusive)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(flt.limit)
    if flt.user:
        query = query.where(AuditEntry.user == flt.user)
    if flt.entity:
        query = query.where(AuditEntry.entity == flt.entity)
    if flt.start:
        query = query.where(AuditEntry.at >= dt.datetime.combine(flt.start, dt.time.min))
    if flt.end:
        query = query.where(AuditEntry.at < dt.datetime.combine(flt.end + dt.timedelta(days=1), dt.time.min))
    if flt.text.strip():
        pattern = f"%{flt.text.strip()}%"
        query = query.where(or_(AuditEntry.summary.like(pattern), AuditEntry.before.like(pattern), AuditEntry.after.like(pattern)))
    return [
        AuditRow(e.id, e.at, e.user, e.action, e.entity, e.entity_id, e.summary, _load(e.before), _load(e.after))
        for e in session.scalars(query)
    ]


def audit_users(session: Session) -> list[str]:
    return sorted(session.scalars(select(AuditEntry.user).distinct()))


def audit_entities(session: Session) -> list[str]:
    return sorted(session.scalars(select(AuditEntry.entity).distinct()))
