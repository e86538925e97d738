"""People of a server office: who may sign in, with which role, and signing in.

A local SQLite office has no users (the OS user name goes into the audit log, as before). On a
server office each person signs in; 管理员 (admin) manages the people here, 干事 (clerk) edits
the records, 只读 (reader) only looks — its sessions refuse every write (store/models/accounts.py)
and on PostgreSQL its connections are read-only transactions as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from unionoffice.domain.accounts import MAX_USER_NAME, MIN_USER_PASSWORD, Role
from unionoffice.domain.text_rules import clean_text
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.security import hash_password, verify_password
from unionoffice.store.actor import Actor, actor_of, set_actor
from unionoffice.store.database import Database
from unionoffice.store.models.accounts import User

NAME_LIMIT = 40


class AccountError(ValueError):
    """A refused change to the people; the message is for the user."""


class SignInFailed(Exception):
    """Wrong name or password, or a disabled person; the message is for the user."""


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    display_name: str
    role: Role
    disabled: bool


def is_server_office(db: Database) -> bool:
    return db.engine.dialect.name == "postgresql"


def list_users(session: Session) -> list[UserRow]:
    users = session.scalars(select(User).order_by(User.name))
    return [UserRow(u.id, u.name, u.display_name, Role(u.role), u.disabled) for u in users]


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN.value, User.disabled.is_(False))) or 0


def require_admin(session: Session) -> None:
    """Managing people needs a signed-in 管理员 — except creating the very first one (IT does that
    with the database's own credentials, which can do anything anyway)."""
    actor = actor_of(session)
    if actor is not None and actor.role == Role.ADMIN.value:
        return
    if actor is None and _active_admins(session) == 0:
        return
    raise AccountError(_("Only an administrator can manage the people of this office."))


def _check_name(name: str) -> str:
    name = clean_text(name or "").strip()
    if not name or any(ch.isspace() for ch in name):
        raise AccountError(_("Sign-in name: give a name without spaces."))
    if len(name) > min(NAME_LIMIT, MAX_USER_NAME):
        raise AccountError(_("Sign-in name: at most {count} characters.").format(count=NAME_LIMIT))
    return name


def _check_password(password: str) -> None:
    if len(password or "") < MIN_USER_PASSWORD:
        raise AccountError(_("Password: at least {count} characters.").format(count=MIN_USER_PASSWORD))


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise AccountError(_("That person no longer exists."))
    return user


def add_user(session: Session, name: str, password: str, role: Role | str, display_name: str = "") -> User:
    require_admin(session)
    name = _check_name(name)
    role = Role(role)
    display_name = clean_text(display_name or "").strip()
    if len(display_name) > NAME_LIMIT:
        raise AccountError(_("Full name: at most {count} characters.").format(count=NAME_LIMIT))
    _check_password(password)
    if session.scalar(select(User.id).where(func.lower(User.name) == name.lower())) is not None:
        raise AccountError(_("Sign-in name: “{name}” is taken already.").format(name=name))
    user = User(name=name, display_name=display_name or name, role=role.value, password_hash=hash_password(password),
                disabled=False)
    session.add(user)
    session.flush()
    record(session, AuditAction.CREATE, "users", user.id,
           _("Person added: {name} ({role})").format(name=user.name, role=role.label()))
    return user


def reset_password(session: Session, user_id: int, password: str) -> None:
    require_admin(session)
    user = _get(session, user_id)
    _check_password(password)
    user.password_hash = hash_password(password)
    record(session, AuditAction.UPDATE, "users", user.id, _("Password reset for {name}").format(name=user.name))


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == Role.ADMIN.value and not user.disabled and _active_admins(session) <= 1:
        raise AccountError(_("{name} is the last administrator: make someone else administrator first.").format(
            name=user.name))


def set_role(session: Session, user_id: int, role: Role | str) -> None:
    require_admin(session)
    user, role = _get(session, user_id), Role(role)
    if role.value == user.role:
        return
    if role is not Role.ADMIN:
        _keep_an_admin(session, user)
    old = Role(user.role)
    user.role = role.value
    record(session, AuditAction.UPDATE, "users", user.id, _("Role of {name}: {old} → {new}").format(
        name=user.name, old=old.label(), new=role.label()), {"role": old.value}, {"role": role.value})


def set_disabled(session: Session, user_id: int, disabled: bool) -> None:
    require_admin(session)
    user = _get(session, user_id)
    if user.disabled == disabled:
        return
    if disabled:
        _keep_an_admin(session, user)
    user.disabled = disabled
    summary = _("Sign-in disabled for {name}") if disabled else _("Sign-in enabled again for {name}")
    record(session, AuditAction.UPDATE, "users", user.id, summary.format(name=user.name),
           {"disabled": not disabled}, {"disabled": disabled})


def authenticate(session: Session, name: str, password: str) -> Actor:
    """The person for this name and password; SignInFailed says why not (never which of the two was wrong)."""
    user = session.scalar(select(User).where(func.lower(User.name) == (name or "").strip().lower()))
    if user is None or not verify_password(user.password_hash, password or ""):
        raise SignInFailed(_("The sign-in name or the password is wrong."))
    if user.disabled:
        raise SignInFailed(_("{name} may no longer sign in (disabled by an administrator).").format(name=user.name))
    return Actor(user.id, user.name, user.display_name, user.role)


def has_users(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(User)) != 0


def sign_in(db: Database, name: str, password: str) -> Actor:
    """Check the person and make every later session of ``db`` work as them."""
    with db.session() as session:
        actor = authenticate(session, name, password)
    work_as(db, actor)
    return actor


def work_as(db: Database, actor: Actor) -> None:
    set_actor(db.sessions, actor)
    if is_server_office(db):
        _read_only_connections(db, actor.read_only)


_READ_ONLY_FLAG = "unionoffice_read_only"


def _read_only_connections(db: Database, read_only: bool) -> None:
    """On the server, a reader's transactions are READ ONLY too: a write no code path guarded is refused there.

    One listener per engine reads the flag, so signing in as someone else later switches it back."""
    engine = db.engine
    if not hasattr(engine, _READ_ONLY_FLAG):
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
            if getattr(engine, _READ_ONLY_FLAG, False):
                with dbapi_connection.cursor() as cursor:
                    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                dbapi_connection.commit()
    if getattr(engine, _READ_ONLY_FLAG, False) != read_only:
        engine.dispose()  # connections opened under the other person are not reused
    setattr(engine, _READ_ONLY_FLAG, read_only)
