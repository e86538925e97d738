"""Hardship files (困难职工档案): the file, its family members, secondary causes, status history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow
from unionoffice.store.models.core import Member


class HardshipFile(Versioned, Base):
    __tablename__ = "hardship_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    category: Mapped[str] = mapped_column(String(30))
    main_cause: Mapped[str] = mapped_column(String(5))
    health: Mapped[str] = mapped_column(String(100), default="")
    disability: Mapped[str] = mapped_column(String(50), default="")
    marital_status: Mapped[str | None] = mapped_column(String(20))
    single_parent: Mapped[bool] = mapped_column(Boolean, default=False)
    housing: Mapped[str] = mapped_column(String(100), default="")
    monthly_income_fen: Mapped[int] = mapped_column(Integer, default=0)
    household_size: Mapped[int] = mapped_column(Integer, default=1)
    household_annual_income_fen: Mapped[int] = mapped_column(Integer, default=0)
    medical_insurance: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    # Last time the clerk checked the file was still right; files unchecked for a year are due.
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    # The national rules (schema 7): why the stored category differs from the computed one.
    category_reason: Mapped[str] = mapped_column(Text, default="")
    # 年度内致困费用（损失） and what came back (compensation, insurance, aid), fen.
    hardship_costs_fen: Mapped[int] = mapped_column(Integer, default=0)
    hardship_offsets_fen: Mapped[int] = mapped_column(Integer, default=0)
    # Exclusions (yes/no) and the reason that keeps the file despite one.
    excl_several_homes: Mapped[bool] = mapped_column(Boolean, default=False)
    excl_business: Mapped[bool] = mapped_column(Boolean, default=False)
    excl_private_school: Mapped[bool] = mapped_column(Boolean, default=False)
    excl_vehicle: Mapped[bool] = mapped_column(Boolean, default=False)
    exclusion_reason: Mapped[str] = mapped_column(Text, default="")
    # The national 档案表 fields (codes of domain/hardship_codes.py).
    staff_no: Mapped[str] = mapped_column(String(30), default="")
    work_status: Mapped[str | None] = mapped_column(String(5))
    model_worker: Mapped[str | None] = mapped_column(String(5))
    industry: Mapped[str | None] = mapped_column(String(5))
    work_started_on: Mapped[dt.date | None] = mapped_column(Date)
    other_income_fen: Mapped[int] = mapped_column(Integer, default=0)  # 家庭其他非薪资年收入 (part of the annual income)
    hukou_division: Mapped[str] = mapped_column(String(12), default="")  # GB/T 2260 code, 6 digits
    zero_employment: Mapped[bool] = mapped_column(Boolean, default=False)
    key_group: Mapped[str | None] = mapped_column(String(5))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    member: Mapped[Member] = relationship()
    secondary_causes: Mapped[list["HardshipCauseEntry"]] = relationship(
        cascade="all, delete-orphan", order_by="HardshipCauseEntry.position"
    )
    family: Mapped[list["HardshipFamilyMember"]] = relationship(
        cascade="all, delete-orphan", order_by="HardshipFamilyMember.position"
    )
    history: Mapped[list["HardshipStatusChange"]] = relationship(
        cascade="all, delete-orphan", order_by="HardshipStatusChange.id"
    )
    rigid_costs: Mapped[list["HardshipRigidCost"]] = relationship(  # noqa: F821 - store/models/hardship_rules.py
        cascade="all, delete-orphan", order_by="HardshipRigidCost.position"
    )
    reviews: Mapped[list["HardshipReview"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="HardshipReview.date"
    )
    incomes: Mapped[list["HardshipMonthlyIncome"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="HardshipMonthlyIncome.month"
    )

    @property
    def name(self) -> str:
        """The member's name (the recycle bin describes a file by it)."""
        return self.member.name if self.member is not None else ""

    __table_args__ = (
        Index("ix_hardship_files_member", "member_id"),
        Index("ix_hardship_files_status", "status"),
    )


class HardshipCauseEntry(Base):
    """A secondary cause of a file (at most three; the main cause is on the file)."""

    __tablename__ = "hardship_causes"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("hardship_files.id", ondelete="CASCADE"))
    cause: Mapped[str] = mapped_column(String(5))
    position: Mapped[int] = mapped_column(Integer, default=0)


class HardshipFamilyMember(Base):
    __tablename__ = "hardship_family_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("hardship_files.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(50))
    relation: Mapped[str] = mapped_column(String(20), default="")
    sex: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(30), default="")
    health: Mapped[str] = mapped_column(String(100), default="")
    monthly_income_fen: Mapped[int] = mapped_column(Integer, default=0)
    work_or_school: Mapped[str] = mapped_column(String(100), default="")
    political_status: Mapped[str | None] = mapped_column(String(5))  # domain/hardship_codes.FamilyPolitics
    identity: Mapped[str | None] = mapped_column(String(5))  # FamilyIdentity
    medical_cover: Mapped[str | None] = mapped_column(String(5))  # MedicalCover


class HardshipStatusChange(Base):
    """Each status a file went through (建档, 脱困, 注销, reopened) with its date and reason."""

    __tablename__ = "hardship_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("hardship_files.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
