"""Rights cases (维权/投诉) with their handling steps."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow
from unionoffice.store.models.core import Member


class RightsCase(Versioned, Base):
    __tablename__ = "rights_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    # From a member, or from someone else named in complainant.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    complainant: Mapped[str] = mapped_column(String(50), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    channel: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str | None] = mapped_column(String(20))
    money_recovered_fen: Mapped[int] = mapped_column(Integer, default=0)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    member: Mapped[Member | None] = relationship()
    steps: Mapped[list["RightsCaseStep"]] = relationship(
        cascade="all, delete-orphan", order_by="(RightsCaseStep.date, RightsCaseStep.id)"
    )

    __table_args__ = (Index("ix_rights_cases_received", "received_on"),)


class RightsCaseStep(Base):
    """One handling step: what was done, on which day, by whom."""

    __tablename__ = "rights_case_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("rights_cases.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(Text)
    handler: Mapped[str] = mapped_column(String(50), default="")
