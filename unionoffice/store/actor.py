"""Who is working in a session: the signed-in person of a server office, else the OS user.

``sign_in`` puts an :class:`Actor` on the database's sessionmaker, so every session opened
afterwards carries it in ``session.info``: the audit log and the records' ``changed_by`` read the
name from there, and a read-only actor's sessions refuse to write (store/models/accounts.py).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy.orm import Session

ACTOR_KEY = "unionoffice_actor"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    name: str
    display_name: str
    role: str  # a domain.accounts.Role value

    @property
    def read_only(self) -> bool:
        return self.role == "reader"

    @property
    def shown(self) -> str:
        """How the audit log and conflict messages name the person: 显示名 (登录名)."""
        return f"{self.display_name} ({self.name})" if self.display_name and self.display_name != self.name else self.name


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (some service accounts): still record the change
        return "unknown"


def actor_of(session: Session) -> Actor | None:
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def actor_name(session: Session) -> str:
    """The name written to the audit log and to ``changed_by``."""
    actor = actor_of(session)
    return actor.shown if actor is not None else os_user()


def set_actor(sessions, actor: Actor | None) -> None:  # noqa: ANN001 - a sessionmaker
    """Every session this sessionmaker opens from now on works as ``actor`` (None: the OS user)."""
    info = dict(sessions.kw.get("info") or {})
    if actor is None:
        info.pop(ACTOR_KEY, None)
    else:
        info[ACTOR_KEY] = actor
    sessions.configure(info=info)


class ReadOnlyUser(PermissionError):
    """A read-only person tried to change something; the message is for the user."""

    def __init__(self, actor: Actor) -> None:
        from unionoffice.i18n import _

        super().__init__(_("{person} may only look at the records (read-only role): nothing was changed.").format(
            person=actor.shown))


class NotAdministrator(PermissionError):
    """A signed-in person who is not 管理员 tried what only an administrator may do; the message is for the user."""


def require_administrator(session: Session, message: str) -> None:
    """On a server office (someone signed in), only a 管理员 may go on; a local office has no roles."""
    actor = actor_of(session)
    if actor is not None and actor.role != "admin":
        raise NotAdministrator(message)
