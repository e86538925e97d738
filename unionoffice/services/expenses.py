"""The expense ledger (经费支出登记): record, change, delete (recycle bin) other spending of the union."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.funds import FundingSource
from unionoffice.domain.money import MAX_AMOUNT_FEN, format_yuan
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.store.base import utcnow
from unionoffice.store.models.funds import Expense


class ExpenseError(ValueError):
    """A refused expense; the message is for the user."""


@dataclass
class ExpenseInput:
    date: dt.date
    purpose: str
    amount_fen: int
    funding_source: str = FundingSource.OWN_FUNDS.value
    handler: str = ""
    voucher_no: str = ""
    notes: str = ""


def clean_expense(data: ExpenseInput) -> dict:
    purpose = " ".join(data.purpose.split())
    if data.date is None:
        raise ExpenseError(_("An expense needs a date."))
    if not purpose:
        raise ExpenseError(_("An expense needs its purpose."))
    if not 0 < data.amount_fen <= MAX_AMOUNT_FEN:
        raise ExpenseError(_("The amount must be more than zero."))
    source = FundingSource.from_text(data.funding_source)
    if source is None:
        raise ExpenseError(_("Unknown funding source “{text}”; the list has: {allowed}.").format(
            text=data.funding_source, allowed="、".join(m.label() for m in FundingSource)))
    return {"date": data.date, "purpose": purpose, "amount_fen": int(data.amount_fen), "funding_source": source.value,
            "handler": data.handler.strip(), "voucher_no": data.voucher_no.strip(), "notes": data.notes.strip()}


def add_expense(session: Session, data: ExpenseInput) -> Expense:
    expense = Expense(**clean_expense(data))
    session.add(expense)
    session.flush()
    record(session, AuditAction.CREATE, "expenses", expense.id,
           _("Expense: {purpose} {amount} yuan").format(purpose=expense.purpose, amount=format_yuan(expense.amount_fen)),
           after=snapshot(expense))
    return expense


def _get(session: Session, expense_id: int) -> Expense:
    expense = session.get(Expense, expense_id)
    if expense is None:
        raise ExpenseError(_("That expense no longer exists."))
    return expense


def update_expense(session: Session, expense_id: int, data: ExpenseInput) -> Expense:
    expense = _get(session, expense_id)
    before = snapshot(expense)
    for key, value in clean_expense(data).items():
        setattr(expense, key, value)
    session.flush()
    after = snapshot(expense)
    before.pop("updated_at"), after.pop("updated_at")
    if before != after:
        record(session, AuditAction.UPDATE, "expenses", expense.id, _("Expense changed: {purpose}").format(purpose=expense.purpose),
               before, after)
    return expense


def delete_expenses(session: Session, expense_ids: list[int]) -> int:
    count = 0
    for expense_id in expense_ids:
        expense = _get(session, expense_id)
        if expense.deleted_at is None:
            before = snapshot(expense)
            expense.deleted_at = utcnow()
            record(session, AuditAction.DELETE, "expenses", expense.id,
                   _("Moved to the recycle bin: {what}").format(what=expense.purpose), before, snapshot(expense))
            count += 1
    return count


def list_expenses(session: Session, start: dt.date | None = None, end: dt.date | None = None) -> list[Expense]:
    query = select(Expense).where(Expense.deleted_at.is_(None)).order_by(Expense.date, Expense.id)
    if start is not None:
        query = query.where(Expense.date >= start)
    if end is not None:
        query = query.where(Expense.date <= end)
    return list(session.scalars(query))
