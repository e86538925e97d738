"""The national rules' tables (schema 7): 低保标准 by effective date, 刚性支出 items, reviews, monthly income."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from unionoffice.store.base import Base, utcnow


class SubsistenceStandard(Base):
    """The local 最低生活保障标准 per person per month from a date on (the latest on or before a day is in force)."""

    __tablename__ = "subsistence_standards"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_on: Mapped[dt.date] = mapped_column(Date, unique=True)
    monthly_fen: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class HardshipRigidCost(Base):
    """One 刚性支出 item of a file (medical, schooling, other unavoidable costs), per year in fen."""

    __tablename__ = "hardship_rigid_costs"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("hardship_files.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200), default="")
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_hardship_rigid_costs_file", "file_id"),)


class HardshipReview(Base):
    """A review (复核) of a file: when, who, what was found, and the income as updated then (if it was)."""

    __tablename__ = "hardship_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("hardship_files.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(50), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    household_annual_income_fen: Mapped[int | None] = mapped_column(Integer)
    household_size: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_hardship_reviews_file_date", "file_id", "date"),)


class HardshipMonthlyIncome(Base):
    """The household's income in one month (the 脱困 check's history), fen."""

    __tablename__ = "hardship_monthly_incomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("hardship_files.id", ondelete="CASCADE"))
    month: Mapped[dt.date] = mapped_column(Date)  # the first day of the month
    household_income_fen: Mapped[int] = mapped_column(Integer)
    household_size: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("file_id", "month", name="uq_hardship_monthly_incomes_file_month"),)
