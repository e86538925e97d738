"""The dues ledger (会费收缴台账): wage bases per member and year, exemptions, payments by month."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow
from unionoffice.store.models.core import Member


class DuesBase(Base):
    """A member's monthly wage base (缴费基数) for one year, in fen."""

    __tablename__ = "dues_bases"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    base_fen: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20), default="entered")  # entered | payroll | copied
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("member_id", "year", name="uq_dues_bases_member_year"),
        # Covering: the dues lists read (member, year, base) without touching the table, in member
        # order (several years added up per member) or in year order (one year).
        Index("ix_dues_bases_member_year_base", "member_id", "year", "base_fen"),
        Index("ix_dues_bases_year_member_base", "year", "member_id", "base_fen"),
    )


class DuesExemption(Base):
    """免缴: from the first month to the last (open-ended when empty), with the reason."""

    __tablename__ = "dues_exemptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    first_month: Mapped[int] = mapped_column(Integer)
    last_month: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    member: Mapped[Member] = relationship()

    @property
    def name(self) -> str:
        return self.member.name if self.member is not None else ""

    __table_args__ = (Index("ix_dues_exemptions_member", "member_id"),)


class DuesPayment(Versioned, Base):
    """One payment by one member, covering the months first..last (代扣 or cash)."""

    __tablename__ = "dues_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    paid_on: Mapped[dt.date] = mapped_column(Date)
    first_month: Mapped[int] = mapped_column(Integer)
    last_month: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(20), default="payroll")
    # Why more (or other) than the amount due was taken; required when more.
    reason: Mapped[str] = mapped_column(Text, default="")
    receipt_no: Mapped[str] = mapped_column(String(40), default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    member: Mapped[Member] = relationship()
    months: Mapped[list["DuesPaymentMonth"]] = relationship(cascade="all, delete-orphan", order_by="DuesPaymentMonth.month")

    @property
    def name(self) -> str:
        """How the recycle bin describes it: 张三 2026-01—2026-03 45.00."""
        who = self.member.name if self.member is not None else ""
        first, last = f"{self.first_month // 100}-{self.first_month % 100:02d}", f"{self.last_month // 100}-{self.last_month % 100:02d}"
        months = first if first == last else f"{first}—{last}"
        return f"{who} {months} {self.amount_fen // 100}.{self.amount_fen % 100:02d}"

    __table_args__ = (
        Index("ix_dues_payments_member", "member_id"),
        Index("ix_dues_payments_paid_on", "paid_on"),
    )


class DuesPaymentMonth(Base):
    """The part of a payment that settles one month (the amounts add up to the payment)."""

    __tablename__ = "dues_payment_months"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("dues_payments.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    month: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)
    # Mirrors the payment's deleted_at, so sums and the arrears list read this table alone.
    deleted: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_dues_payment_months_member_month", "member_id", "month", "deleted", "amount_fen"),
        Index("ix_dues_payment_months_month", "month", "deleted", "member_id", "amount_fen"),
        Index("ix_dues_payment_months_payment", "payment_id"),
    )


class DuesPaidYear(Base):
    """Derived from the payment months (kept in step by services.dues on every change): per member and
    year, the months with a payment as 12 bits (January = bit 0) and the amount, so lists over 20,000
    members and five years read 100,000 small rows instead of every month of every payment."""

    __tablename__ = "dues_paid_years"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    months_mask: Mapped[int] = mapped_column(Integer, default=0)
    paid_fen: Mapped[int] = mapped_column(Integer, default=0)

    # Covering: the lists read the summaries from an index alone, in member order or in year order.
    __table_args__ = (
        Index("ix_dues_paid_years_member_cover", "member_id", "year", "months_mask", "paid_fen"),
        Index("ix_dues_paid_years_year_cover", "year", "member_id", "months_mask", "paid_fen"),
    )
