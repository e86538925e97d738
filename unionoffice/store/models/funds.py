"""The expense ledger (经费支出登记): what the union spent besides activities, training and relief."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow


class Expense(Versioned, Base):
    __tablename__ = "expenses"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(String(200))
    amount_fen: Mapped[int] = mapped_column(Integer)
    funding_source: Mapped[str] = mapped_column(String(100), default="own_funds")
    handler: Mapped[str] = mapped_column(String(50), default="")  # 经办人
    voucher_no: Mapped[str] = mapped_column(String(50), default="")  # 凭证号
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    @property
    def title(self) -> str:
        return self.purpose

    __table_args__ = (Index("ix_expenses_date", "date"),)
