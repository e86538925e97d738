"""Work-summary drafts: draft from the data, save, reopen, duplicate for the next period, delete."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.i18n import _
from unionoffice.reports import periods
from unionoffice.reports.draft import Draft, draft_summary
from unionoffice.reports.figures import Period
from unionoffice.reports.template import Template
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.recycle import move_to_bin
from unionoffice.store.models.reports import ReportDraft


class SummaryError(ValueError):
    pass


def save_draft(session: Session, draft: Draft, draft_id: int | None = None) -> ReportDraft:
    """Insert or update a saved draft."""
    if draft_id is None:
        row = ReportDraft(title=draft.title, start=draft.start, end=draft.end, template_key=draft.template_key, content=draft.to_json())
        session.add(row)
        session.flush()
        record(session, AuditAction.CREATE, "report_drafts", row.id, _("Work summary saved: {title}").format(title=draft.title))
        return row
    row = _get(session, draft_id)
    row.title, row.start, row.end, row.template_key = draft.title, draft.start, draft.end, draft.template_key
    row.content = draft.to_json()
    record(session, AuditAction.UPDATE, "report_drafts", row.id, _("Work summary saved: {title}").format(title=draft.title))
    return row


def _get(session: Session, draft_id: int) -> ReportDraft:
    row = session.get(ReportDraft, draft_id)
    if row is None or row.deleted_at is not None:
        raise SummaryError(_("That saved summary no longer exists."))
    return row


def list_drafts(session: Session) -> list[ReportDraft]:
    query = select(ReportDraft).where(ReportDraft.deleted_at.is_(None)).order_by(ReportDraft.updated_at.desc())
    return list(session.scalars(query))


def load_draft(session: Session, draft_id: int) -> Draft:
    return Draft.from_json(_get(session, draft_id).content)


def delete_draft(session: Session, draft_id: int) -> None:
    move_to_bin(session, _get(session, draft_id))


def next_period(period: Period) -> Period:
    """The same kind of period, one step later: 上半年 → next year's 上半年, Q1 → Q2, a range → the
    equally long range that follows."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30) and start.year == end.year:
        return periods.first_half(start.year + 1)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return periods.full_year(start.year + 1)
    for number in range(1, 5):
        q = periods.quarter(start.year, number)
        if (q.start, q.end) == (start, end):
            return periods.quarter(start.year + 1, 1) if number == 4 else periods.quarter(start.year, number + 1)
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:  # whole months: shift by as many months
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        new_start = end + dt.timedelta(days=1)
        total = new_start.month - 1 + months
        new_end = dt.date(new_start.year + total // 12, total % 12 + 1, 1) - dt.timedelta(days=1)
        return periods.date_range(new_start, new_end)
    length = end - start
    return periods.date_range(end + dt.timedelta(days=1), end + dt.timedelta(days=1) + length)


def duplicate_for_next_period(session: Session, draft_id: int, template: Template, today: dt.date | None = None) -> ReportDraft:
    """A new draft for the next period: data parts drafted afresh, the clerk's own parts kept."""
    old = load_draft(session, draft_id)
    fresh = draft_summary(session, next_period(old.period), template, today=today)
    # The clerk's own words in the reflective parts carry over; drafted parts come from the new records.
    kept = {p.key: p for p in old.parts if p.edited and (p.is_prompt or p.suggestions)}
    fresh.parts = [replace(kept[p.key]) if p.key in kept else p for p in fresh.parts]
    return save_draft(session, fresh)
