"""The activity log (活动记录) and training records (培训): sessions, attendance, awards, kinds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import (Boolean, Connection, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint, event)
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session, relationship

from unionoffice.paths import attachments_dir

from unionoffice.store.models.accounts import Versioned
from unionoffice.store.base import Base, utcnow
from unionoffice.store.models.core import Member


class LedgerKind(Base):
    """An editable kinds list entry (activity kinds, training kinds): codes stay, labels may change."""

    __tablename__ = "ledger_kinds"

    id: Mapped[int] = mapped_column(primary_key=True)
    ledger: Mapped[str] = mapped_column(String(20))  # "activity" | "training"
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("ledger", "code", name="uq_ledger_kinds_ledger_code"),)


class Activity(Versioned, Base):
    """One activity: what, when, where, who organised it, what it cost; members and outsiders attend."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    organiser: Mapped[str] = mapped_column(String(20), default="own")  # own | higher
    organiser_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    cost_fen: Mapped[int] = mapped_column(Integer, default=0)
    funding_source: Mapped[str] = mapped_column(String(100), default="")
    outsider_count: Mapped[int] = mapped_column(Integer, default=0)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    attendees: Mapped[list["ActivityAttendee"]] = relationship(cascade="all, delete-orphan")
    awards: Mapped[list["ActivityAward"]] = relationship(cascade="all, delete-orphan", order_by="ActivityAward.id")
    attachments: Mapped[list["ActivityAttachment"]] = relationship(
        cascade="all, delete-orphan", order_by="ActivityAttachment.id"
    )

    __table_args__ = (
        Index("ix_activities_start_date", "start_date"),
        Index("ix_activities_kind", "kind"),
    )


class ActivityAttendee(Base):
    __tablename__ = "activity_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))

    __table_args__ = (
        UniqueConstraint("activity_id", "member_id", name="uq_activity_attendees_activity_member"),
        Index("ix_activity_attendees_member", "member_id"),
    )


class ActivityAward(Base):
    """An award won at an activity, by a member or by the collective (member_id empty)."""

    __tablename__ = "activity_awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    collective_name: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_activity_awards_activity", "activity_id"),)


class ActivityAttachment(Base):
    """A photo or file copied into the attachments folder (activities/<activity id>/<stored_name>),
    or for a server office kept in ``content`` (every PC sees it; loaded only when asked for)."""

    __tablename__ = "activity_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    stored_name: Mapped[str] = mapped_column(String(255))
    original_name: Mapped[str] = mapped_column(String(255))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)

    __table_args__ = (Index("ix_activity_attachments_activity", "activity_id"),)


class TrainingSession(Versioned, Base):
    """One run (期) of a course. Hours (学时) are kept in tenths, so 1.5 学时 is 15 and no float is needed."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    hours_tenths: Mapped[int] = mapped_column(Integer, default=0)
    # The exam's full marks (满分) in whole points; None: the usual 100.
    full_marks: Mapped[int | None] = mapped_column(Integer)
    trainer: Mapped[str] = mapped_column(String(100), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # What the session cost and who paid (one vocabulary with the other registers: domain/funds.py).
    cost_fen: Mapped[int] = mapped_column(Integer, default=0)
    funding_source: Mapped[str] = mapped_column(String(100), default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    attendees: Mapped[list["TrainingAttendee"]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        Index("ix_training_sessions_start_date", "start_date"),
        Index("ix_training_sessions_kind", "kind"),
    )


class TrainingAttendee(Base):
    """A member enrolled in a session, with the result: attended, exam score (tenths), passed, certificate."""

    __tablename__ = "training_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    attended: Mapped[bool] = mapped_column(Boolean, default=True)
    score_tenths: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    certificate_name: Mapped[str] = mapped_column(String(200), default="")
    certificate_no: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (
        UniqueConstraint("session_id", "member_id", name="uq_training_attendees_session_member"),
        Index("ix_training_attendees_member", "member_id"),
    )


# Counting women among attendees looks up each attendee's sex; this covering index answers
# that from the index alone instead of reading the wide member rows (twice as fast on 20,000 members).
Index("ix_members_id_sex", Member.id, Member.sex)


# --- attachment files follow their activity when it is removed for good --------------------
# Whoever purges (this register or the shared recycle bin), the activity's folder of copied photos
# and files is deleted once the purge is committed, and kept if it is rolled back.

_PURGED = "purged_activity_folders"


@event.listens_for(Activity, "after_delete")
def _remember_folder(_mapper: object, connection: Connection, target: Activity) -> None:
    session = object_session(target)
    database = connection.engine.url.database
    if session is not None and database and connection.dialect.name == "sqlite":  # a server's rows cascade
        folder = attachments_dir(Path(database)) / "activities" / str(target.id)
        session.info.setdefault(_PURGED, []).append(folder)


@event.listens_for(Session, "after_commit")
def _remove_folders(session: Session) -> None:
    for folder in session.info.pop(_PURGED, []):
        shutil.rmtree(folder, ignore_errors=True)


@event.listens_for(Session, "after_rollback")
def _keep_folders(session: Session) -> None:
    session.info.pop(_PURGED, None)
