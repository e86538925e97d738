"""Relief visits (慰问/送温暖): occasions with the office's limits, batches, visits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow
from unionoffice.store.models.core import Member


class ReliefOccasion(Base):
    """An occasion for visits (春节送温暖, 住院慰问 …): an editable list with an optional cash limit."""

    __tablename__ = "relief_occasions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable code for statistics ("spring_festival"; "custom-<n>" for the office's own occasions).
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # At most this much cash per visit (fen); exceeding it asks for a reason.
    limit_fen: Mapped[int | None] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # Meant for families with a hardship file: a round including others asks for a reason (schema 7).
    for_filed_families: Mapped[bool] = mapped_column(Boolean, default=False)


class ReliefBatch(Base):
    """A round of visits entered in one step (the Spring Festival round)."""

    __tablename__ = "relief_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    date: Mapped[dt.date] = mapped_column(Date)
    occasion_id: Mapped[int] = mapped_column(ForeignKey("relief_occasions.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    occasion: Mapped[ReliefOccasion] = relationship()


class ReliefVisit(Versioned, Base):
    """One visit: a member (or a member's family member) received cash and/or goods."""

    __tablename__ = "relief_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    # When a family member received it: their name and relation to the member.
    family_name: Mapped[str] = mapped_column(String(50), default="")
    family_relation: Mapped[str] = mapped_column(String(20), default="")
    occasion_id: Mapped[int] = mapped_column(ForeignKey("relief_occasions.id"))
    cash_fen: Mapped[int] = mapped_column(Integer, default=0)
    goods: Mapped[str] = mapped_column(String(200), default="")
    goods_value_fen: Mapped[int] = mapped_column(Integer, default=0)
    funding_source: Mapped[str] = mapped_column(String(20), default="own_funds")
    visitors: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    in_accounts: Mapped[bool] = mapped_column(Boolean, default=False)
    # Why the office's limit was exceeded (empty when it was not).
    over_limit_reason: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("relief_batches.id", ondelete="SET NULL"))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    member: Mapped[Member] = relationship()
    occasion: Mapped[ReliefOccasion] = relationship()
    batch: Mapped[ReliefBatch | None] = relationship()

    @property
    def recipient_name(self) -> str:
        """Who received it, as the recycle bin and lists show it: 张三 or 张三（母亲 李秀英）."""
        name = self.member.name if self.member is not None else ""
        if self.family_name:
            return f"{name}（{self.family_relation} {self.family_name}）"
        return name

    __table_args__ = (
        Index("ix_relief_visits_date", "date"),
        Index("ix_relief_visits_member", "member_id"),
        Index("ix_relief_visits_batch", "batch_id"),
    )
