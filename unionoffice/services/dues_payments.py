"""Dues payments: one payment over several months, batch entry in one transaction, deletion to the
recycle bin and restore. The per-year summary (dues_paid_years) is kept in step on every change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from unionoffice.domain.dues import DuesError, PaymentMethod, Period, check_month
from unionoffice.domain.money import MAX_AMOUNT_FEN, format_yuan
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.dues import member_of
from unionoffice.services.dues_ledger import DuesSettings, build_ledger, load_dues_settings
from unionoffice.store.actor import actor_name
from unionoffice.store.base import utcnow
from unionoffice.store.portable_sql import advance_sequence, raw_executemany
from unionoffice.store.models import Member
from unionoffice.store.models.dues import DuesPayment, DuesPaymentMonth

METHOD_CODES = frozenset(m.value for m in PaymentMethod)


@dataclass
class PaymentInput:
    """One member pays for the months first..last (one payment may cover several months)."""

    member_id: int
    first_month: int
    last_month: int
    amount_fen: int
    paid_on: dt.date
    method: str = PaymentMethod.PAYROLL.value
    reason: str = ""  # required when more than is due is taken
    receipt_no: str = ""


def _allocate(amount: int, dues: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spread the amount over the months in order, each up to its due; what is left goes on the last month."""
    out, left = [], amount
    for month, due in dues:
        part = min(due, left)
        out.append((month, part))
        left -= part
    if left and out:
        month, part = out[-1]
        out[-1] = (month, part + left)
    return [(m, a) for m, a in out if a > 0] or ([(dues[-1][0], 0)] if dues else [])


def due_table(session: Session, member_ids: list[int], period: Period,
              settings: DuesSettings) -> dict[int, dict[int, int]]:
    """member -> {month: what is still owed} over the period: the month's due less what payments already settle."""
    ledger = build_ledger(session, period, member_ids=member_ids, settings=settings)
    months = period.months
    paid: dict[tuple[int, int], int] = {}
    wanted = {m.member_id for m in ledger.members if m.paid_mask}
    if wanted:
        for member_id, month, amount in session.execute(
                select(DuesPaymentMonth.member_id, DuesPaymentMonth.month, func.sum(DuesPaymentMonth.amount_fen))
                .where(DuesPaymentMonth.deleted == 0, DuesPaymentMonth.month.between(period.first, period.last),
                       DuesPaymentMonth.member_id.in_(wanted))
                .group_by(DuesPaymentMonth.member_id, DuesPaymentMonth.month)):
            paid[(member_id, month)] = int(amount)
    out: dict[int, dict[int, int]] = {}
    for m in ledger.members:
        line = {}
        for bit, month in enumerate(months):
            owed = m.owed_mask >> bit & 1
            due = settings.rule.monthly_due(m.bases.get(month // 100, 0)) if owed else 0
            line[month] = max(due - paid.get((m.member_id, month), 0), 0)
        out[m.member_id] = line
    return out


@lru_cache(maxsize=256)
def _months(first: int, last: int) -> tuple[int, ...]:
    return tuple(Period(first, last).months)


def settle(table: dict[int, dict[int, int]], data: "PaymentInput") -> list[tuple[int, int]]:
    """The payment's (month, amount) parts, taken off what ``table`` says is still owed."""
    line = table[data.member_id]
    parts = _allocate(data.amount_fen, [(m, line.get(m, 0)) for m in _months(data.first_month, data.last_month)])
    for month, amount in parts:
        line[month] = max(line.get(month, 0) - amount, 0)
    return parts


def due_by_month(session: Session, member_ids: list[int], period: Period,
                 settings: DuesSettings) -> dict[int, list[tuple[int, int]]]:
    """member -> [(month, still owed)] over the period (0 for months not owed or already paid)."""
    return {member: list(line.items()) for member, line in due_table(session, member_ids, period, settings).items()}


def check_payment(data: PaymentInput, period: Period | None, due_months: list[tuple[int, int]] | None) -> None:
    """The payment's own rules; ``period`` is the batch's (months must lie inside it)."""
    check_month(data.first_month)
    check_month(data.last_month)
    if data.last_month < data.first_month:
        raise DuesError(_("The last month is before the first month."))
    if period is not None and not (data.first_month in period and data.last_month in period):
        raise DuesError(_("The months {first}—{last} are outside the period {period}.").format(
            first=data.first_month, last=data.last_month, period=period.label()))
    if not 0 < data.amount_fen <= MAX_AMOUNT_FEN:
        raise DuesError(_("The amount must be more than zero."))
    if data.method not in METHOD_CODES:  # a label or another spelling: store the code
        found = PaymentMethod.from_text(data.method)
        if found is None:
            raise DuesError(_("Unknown payment method “{text}”.").format(text=data.method))
        data.method = found.value
    if data.paid_on is None:
        raise DuesError(_("The payment needs a date."))
    if due_months is not None:
        due = sum(d for _m, d in due_months)
        if data.amount_fen > due and not data.reason.strip():
            raise DuesError(_("{amount} yuan is more than the {due} yuan due; please give the reason.").format(
                amount=format_yuan(data.amount_fen), due=format_yuan(due)))


def refresh_paid_years(session: Session, member_ids: set[int] | list[int], years: set[int] | list[int]) -> None:
    """Recompute the derived per-member-and-year summary (dues_paid_years) from the payment months."""
    members, years = sorted(set(member_ids)), sorted(set(years))
    if not members or not years:
        return
    year_list = ",".join(str(int(y)) for y in years)
    for start in range(0, len(members), 5000):
        chunk = ",".join(str(int(m)) for m in members[start:start + 5000])
        session.execute(text(f"DELETE FROM dues_paid_years WHERE member_id IN ({chunk}) AND year IN ({year_list})"))
        session.execute(text(
            "INSERT INTO dues_paid_years (member_id, year, months_mask, paid_fen) "
            "SELECT member_id, month / 100, SUM(DISTINCT 1 << (month % 100 - 1)), SUM(amount_fen) FROM dues_payment_months "
            f"WHERE deleted = 0 AND amount_fen > 0 AND member_id IN ({chunk}) AND month / 100 IN ({year_list}) "
            "GROUP BY member_id, month / 100"))


def _payment_rows(session: Session, items: list[tuple[PaymentInput, list[tuple[int, int]]]]) -> list[int]:
    """Insert payments with their (month, amount) parts in bulk; returns the new payment ids."""
    session.flush()  # pending members, bases … reach the database before the raw inserts refer to them
    now = utcnow()
    first_id = (session.scalar(select(DuesPayment.id).order_by(DuesPayment.id.desc()).limit(1)) or 0) + 1
    payments, months, ids = [], [], []
    for offset, (data, parts) in enumerate(items):
        pid = first_id + offset
        ids.append(pid)
        payments.append({"id": pid, "member_id": data.member_id, "paid_on": data.paid_on, "first_month": data.first_month,
                         "last_month": data.last_month, "amount_fen": data.amount_fen,
                         "method": data.method if data.method in METHOD_CODES else PaymentMethod.from_text(data.method).value,  # type: ignore[union-attr]
                         "reason": data.reason.strip(), "receipt_no": data.receipt_no.strip(), "deleted_at": None,
                         "created_at": now, "updated_at": now})
        months += [{"payment_id": pid, "member_id": data.member_id, "month": m, "amount_fen": a, "deleted": 0}
                   for m, a in parts]
    if payments and session.get_bind().dialect.name != "sqlite":
        return _server_payment_rows(session, payments, months)
    if payments:
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy writes DateTime on SQLite
        # Straight to the DB-API cursor (the session's connection and transaction): thousands of rows at once.
        raw_executemany(
            session,
            "INSERT INTO dues_payments (id, member_id, paid_on, first_month, last_month, amount_fen, method, reason, "
            "receipt_no, deleted_at, created_at, updated_at) VALUES (:id, :member_id, :paid_on, :first_month, :last_month, "
            ":amount_fen, :method, :reason, :receipt_no, NULL, :created_at, :updated_at)",
            [{**p, "paid_on": p["paid_on"].isoformat(), "created_at": stamp, "updated_at": stamp} for p in payments])
        raw_executemany(
            session,
            "INSERT INTO dues_payment_months (payment_id, member_id, month, amount_fen, deleted) "
            "VALUES (:payment_id, :member_id, :month, :amount_fen, 0)", months)
        advance_sequence(session, "dues_payments")
        refresh_paid_years(session, {p["member_id"] for p in payments}, {m["month"] // 100 for m in months})
    return ids


def _server_payment_rows(session: Session, payments: list[dict], months: list[dict]) -> list[int]:
    """A server office: the ids come from the table's sequence (another PC may be inserting too),
    returned in the rows' order, and the months are tied to them; one transaction as on SQLite."""
    who = actor_name(session)
    rows = [{k: v for k, v in p.items() if k != "id"} | {"changed_by": who} for p in payments]
    table = DuesPayment.__table__
    returned = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    new_ids = [row[0] for row in returned]
    renumbered = dict(zip((p["id"] for p in payments), new_ids))
    if months:
        session.execute(insert(DuesPaymentMonth.__table__), [m | {"payment_id": renumbered[m["payment_id"]]} for m in months])
    refresh_paid_years(session, {p["member_id"] for p in payments}, {m["month"] // 100 for m in months})
    return new_ids


def insert_payments(session: Session, items: list[PaymentInput]) -> int:
    """Write checked payments, each settling what is still owed in its months, in order; returns how many."""
    if not items:
        return 0
    settings = load_dues_settings(session)
    span = Period(min(d.first_month for d in items), max(d.last_month for d in items))
    table = due_table(session, sorted({d.member_id for d in items}), span, settings)
    return len(_payment_rows(session, [(d, settle(table, d)) for d in items]))


def record_payment(session: Session, data: PaymentInput) -> DuesPayment:
    member = member_of(session, data.member_id)
    check_payment(data, None, None)
    period = Period(data.first_month, data.last_month)
    table = due_table(session, [member.id], period, load_dues_settings(session))
    check_payment(data, period, list(table[member.id].items()))
    [payment_id] = _payment_rows(session, [(data, settle(table, data))])
    payment = session.get(DuesPayment, payment_id)
    record(session, AuditAction.CREATE, "dues_payments", payment_id,
           _("Dues paid: {name} {amount} yuan").format(name=member.name, amount=format_yuan(data.amount_fen)),
           after=snapshot(payment))
    return payment  # type: ignore[return-value]


@dataclass
class BatchLine:
    """A line of the batch dialog: the member, what they pay now (0 = not paid), the reason for more."""

    member_id: int
    amount_fen: int
    paid: bool = True
    reason: str = ""
    method: str = ""
    receipt_no: str = ""


@dataclass
class BatchResult:
    payments: int = 0
    total_fen: int = 0
    payment_ids: list[int] = field(default_factory=list)


def save_batch(session: Session, period: Period, paid_on: dt.date, lines: list[BatchLine],
               method: str | None = None) -> BatchResult:
    """Save the ticked lines of a batch at once: one payment per member covering the whole period.

    Every line is checked first; one refused line refuses the batch (nothing is written)."""
    settings = load_dues_settings(session)
    ticked = [line for line in lines if line.paid and line.amount_fen > 0]
    table = due_table(session, [line.member_id for line in ticked], period, settings)
    names = dict(session.execute(select(Member.id, Member.name).where(Member.id.in_([line.member_id for line in ticked]))).all())
    items = []
    for line in ticked:
        if line.member_id not in table:
            raise DuesError(_("No such member."))
        data = PaymentInput(line.member_id, period.first, period.last, line.amount_fen, paid_on,
                            line.method or method or settings.method.value, line.reason, line.receipt_no)
        try:
            check_payment(data, period, list(table[line.member_id].items()))
        except DuesError as exc:
            raise DuesError(f"{names.get(line.member_id, '')}：{exc}") from None
        items.append((data, settle(table, data)))
    ids = _payment_rows(session, items)
    result = BatchResult(len(ids), sum(d.amount_fen for d, _m in items), ids)
    if ids:
        record(session, AuditAction.CREATE, "dues_payments", None,
               _("Dues collected for {period}: {count} payments, {amount} yuan").format(
                   period=period.label(), count=result.payments, amount=format_yuan(result.total_fen)),
               after={"period": period.label(), "payments": result.payments, "total_fen": result.total_fen,
                      "first_id": ids[0], "last_id": ids[-1]})
    session.flush()
    return result


def _get_payment(session: Session, payment_id: int) -> DuesPayment:
    payment = session.get(DuesPayment, payment_id)
    if payment is None:
        raise DuesError(_("That payment no longer exists."))
    return payment


def delete_payments(session: Session, payment_ids: list[int]) -> int:
    deleted = 0
    for payment_id in payment_ids:
        payment = _get_payment(session, payment_id)
        if payment.deleted_at is None:
            before = snapshot(payment)
            payment.deleted_at = utcnow()
            session.execute(update(DuesPaymentMonth).where(DuesPaymentMonth.payment_id == payment.id).values(deleted=1))
            refresh_paid_years(session, [payment.member_id], range(payment.first_month // 100, payment.last_month // 100 + 1))
            record(session, AuditAction.DELETE, "dues_payments", payment.id,
                   _("Moved to the recycle bin: {what}").format(what=payment.name), before, snapshot(payment))
            deleted += 1
    return deleted


def restore_payments(session: Session, payment_ids: list[int]) -> int:
    restored = 0
    for payment_id in payment_ids:
        payment = _get_payment(session, payment_id)
        if payment.deleted_at is not None:
            payment.deleted_at = None
            session.execute(update(DuesPaymentMonth).where(DuesPaymentMonth.payment_id == payment.id).values(deleted=0))
            refresh_paid_years(session, [payment.member_id], range(payment.first_month // 100, payment.last_month // 100 + 1))
            record(session, AuditAction.RESTORE, "dues_payments", payment.id,
                   _("Restored from the recycle bin: {what}").format(what=payment.name))
            restored += 1
    return restored


def payments_of(session: Session, member_id: int) -> list[DuesPayment]:
    return list(session.scalars(select(DuesPayment).where(
        DuesPayment.member_id == member_id, DuesPayment.deleted_at.is_(None)).order_by(DuesPayment.first_month, DuesPayment.id)))


def payments_in(session: Session, period: Period, group_id: int | None = None) -> list[DuesPayment]:
    query = (select(DuesPayment).join(Member, Member.id == DuesPayment.member_id)
             .where(DuesPayment.deleted_at.is_(None), DuesPayment.first_month <= period.last,
                    DuesPayment.last_month >= period.first)
             .order_by(DuesPayment.first_month, Member.name, DuesPayment.id))
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    return list(session.scalars(query))
