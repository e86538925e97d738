"""The first schema: office settings, groups, members with their membership history, audit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow


class Setting(Base):
    """Office settings as key/value text, so a new setting needs no migration."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Group(Base):
    """A department or union group (部门/工会小组): a flat list with an order."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Member(Versioned, Base):
    """A union member with the 实名制 fields; status is derived from ``events``."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str | None] = mapped_column(String(10))
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    id_type: Mapped[str] = mapped_column(String(20), default="resident_id")
    id_number: Mapped[str | None] = mapped_column(String(30), unique=True)
    political_status: Mapped[str | None] = mapped_column(String(30))
    education: Mapped[str | None] = mapped_column(String(30))
    skill_level: Mapped[str] = mapped_column(String(30), default="")
    employment: Mapped[str | None] = mapped_column(String(20))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    post: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    hukou_type: Mapped[str | None] = mapped_column(String(20))
    hukou_place: Mapped[str] = mapped_column(String(100), default="")
    native_place: Mapped[str] = mapped_column(String(100), default="")
    migrant_worker: Mapped[bool] = mapped_column(Boolean, default=False)
    join_date: Mapped[dt.date | None] = mapped_column(Date)
    card_no: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Search keys kept in step with the name: pinyin initials ("zs") and full pinyin ("zhangsan").
    pinyin_initials: Mapped[str] = mapped_column(String(50), default="")
    pinyin_full: Mapped[str] = mapped_column(String(200), default="")
    # Orders names by surname, then given name, character by character (domain.pinyin.sort_key).
    name_sort_key: Mapped[str] = mapped_column(String(400), default="")
    # Denormalised current status (derived from events, refreshed on every event change).
    status: Mapped[str] = mapped_column(String(20), default="active")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    group: Mapped[Group | None] = relationship()
    events: Mapped[list["MembershipEvent"]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="MembershipEvent.date"
    )

    __table_args__ = (
        Index("ix_members_name", "name"),
        Index("ix_members_group", "group_id"),
        Index("ix_members_status", "status"),
        Index("ix_members_pinyin_initials", "pinyin_initials"),
    )


class MembershipEvent(Base):
    """One change of membership (入会, 转入, 保留, 转出, 除名, 退会, 去世)."""

    __tablename__ = "membership_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    destination: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    member: Mapped[Member] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_membership_events_member_date", "member_id", "date"),
        # Covering: the dues lists find "joined once, still active" per member from the index alone.
        Index("ix_membership_events_member_kind_date", "member_id", "kind", "date"),
    )


class AuditEntry(Base):
    """Who changed what, when, with the values before and after (JSON text)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_entity", "entity", "entity_id"),
    )
