"""Exporting the dues ledger (payments, wage bases, exemptions) to .xlsx, streamed from the database.

The large demo office holds 340,000 payments and 100,000 wage bases: read as ORM objects into
lists first, the export took 841 MiB and minutes. Here each sheet's rows come from one sorted
query (with the member's name, ID number and group joined in), read in batches while the sheet is
written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from unionoffice.domain.dues import ExemptionReason, PaymentMethod, Period
from unionoffice.io.dues_sheets import month_text, write_dues_workbook
from unionoffice.store.models import Group, Member
from unionoffice.store.models.dues import DuesBase, DuesExemption, DuesPayment

BATCH = 2_000
_WHO = (Member.name, func.coalesce(Member.id_number, ""), func.coalesce(Group.name, ""))


def _with_member(query: Select, member_id: Any) -> Select:
    return query.join(Member, Member.id == member_id).outerjoin(Group, Group.id == Member.group_id)


def _rows(session: Session, query: Select) -> Iterator[Any]:
    yield from session.connection().execute(query.execution_options(yield_per=BATCH))


def _payments(session: Session, period: Period | None, counted: list[int]) -> Iterator[dict[str, Any]]:
    query = _with_member(select(*_WHO, DuesPayment.first_month, DuesPayment.last_month, DuesPayment.amount_fen,
                                DuesPayment.paid_on, DuesPayment.method, DuesPayment.reason, DuesPayment.receipt_no),
                         DuesPayment.member_id).where(DuesPayment.deleted_at.is_(None))
    if period is not None:
        query = query.where(DuesPayment.first_month <= period.last, DuesPayment.last_month >= period.first)
    query = query.order_by(DuesPayment.paid_on, DuesPayment.first_month, _WHO[1], DuesPayment.id)
    methods = {m.value: m for m in PaymentMethod}
    for name, number, group, first, last, amount, paid_on, method, reason, receipt in _rows(session, query):
        counted[0] += 1
        yield {"name": name, "id_number": number, "group": group, "first_month": month_text(first),
               "last_month": month_text(last), "amount": amount, "paid_on": paid_on,
               "method": methods.get(method) or PaymentMethod(method), "reason": reason, "receipt_no": receipt}


def _bases(session: Session, period: Period | None) -> Iterator[dict[str, Any]]:
    query = _with_member(select(*_WHO, DuesBase.year, DuesBase.base_fen), DuesBase.member_id)
    if period is not None:
        query = query.where(DuesBase.year.between(period.first // 100, period.last // 100))
    for name, number, group, year, base in _rows(session, query.order_by(DuesBase.year, _WHO[1], DuesBase.id)):
        yield {"name": name, "id_number": number, "group": group, "year": str(year), "base": base}


def _exemptions(session: Session, period: Period | None) -> Iterator[dict[str, Any]]:
    query = _with_member(select(*_WHO, DuesExemption.first_month, DuesExemption.last_month, DuesExemption.reason,
                                DuesExemption.notes), DuesExemption.member_id).where(DuesExemption.deleted_at.is_(None))
    if period is not None:
        query = query.where(DuesExemption.first_month <= period.last)
    query = query.order_by(DuesExemption.first_month, _WHO[1], DuesExemption.id)
    for name, number, group, first, last, reason, notes in _rows(session, query):
        yield {"name": name, "id_number": number, "group": group, "first_month": month_text(first),
               "last_month": month_text(last), "reason": reason and ExemptionReason(reason), "notes": notes}


def export_dues(session: Session, path: str | Path, period: Period | None = None) -> int:
    """Payments (whose months touch the period), the bases of its years and the exemptions; returns payments written."""
    counted = [0]
    write_dues_workbook(path, _bases(session, period), _exemptions(session, period),
                        _payments(session, period, counted))
    return counted[0]
