"""People of a server office (users with roles) and the version every record carries.

``Versioned`` gives a record table a ``version`` (SQLAlchemy's version_id_col: an UPDATE or
DELETE of a row someone else changed meanwhile matches nothing and fails) and ``changed_by``
(with the table's ``updated_at``: who changed it last, and when). Two session hooks sit here:
``changed_by`` is stamped at each flush from the session's actor, and a read-only actor's session
refuses to flush or execute any change.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String, event, text
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, declared_attr, mapped_column

from unionoffice.store.actor import ReadOnlyUser, actor_name, actor_of
from unionoffice.store.base import Base, utcnow


class Versioned:
    """Mixed into each record table (members, activities, training, relief visits, hardship files,
    rights cases, dues payments, expenses)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default=text("1"))
    changed_by: Mapped[str] = mapped_column(String(100), nullable=False, default="", server_default="")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - SQLAlchemy's declared_attr takes the class
        return {"version_id_col": cls.__table__.c.version}


class User(Base):
    """A person who signs in to a server office."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


@event.listens_for(Session, "before_flush")
def _stamp_and_guard(session: Session, _context: object, _instances: object) -> None:
    actor = actor_of(session)
    if actor is not None and actor.read_only and (session.new or session.deleted or _really_dirty(session)):
        raise ReadOnlyUser(actor)
    name = None
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Versioned) and (obj in session.new or session.is_modified(obj, include_collections=False)):
            name = name or actor_name(session)
            obj.changed_by = name


def _really_dirty(session: Session) -> bool:
    return any(session.is_modified(obj) for obj in session.dirty)


@event.listens_for(Session, "do_orm_execute")
def _guard_statements(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        actor = actor_of(state.session)
        if actor is not None and actor.read_only:
            raise ReadOnlyUser(actor)
