"""The optional program password (scrypt hash in the database) and the idle-lock setting."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy.orm import Session

from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.office import get_setting, set_setting

PASSWORD_KEY = "program_password"
IDLE_MINUTES_KEY = "lock_idle_minutes"
MIN_PASSWORD_LENGTH = 4
_N, _R, _P = 2**14, 8, 1


class SecurityError(ValueError):
    pass


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$digest`` (base64): the program password's and each person's stored form."""
    salt = secrets.token_bytes(16)
    digest = _hash(password, salt, _N, _R, _P)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` gives the stored hash (False for anything unreadable)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = _hash(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(expected, actual)


def has_password(session: Session) -> bool:
    return bool(get_setting(session, PASSWORD_KEY))


def set_password(session: Session, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SecurityError(_("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH))
    set_setting(session, PASSWORD_KEY, hash_password(password))
    record(session, AuditAction.UPDATE, "settings", None, _("Program password set"))


def clear_password(session: Session) -> None:
    set_setting(session, PASSWORD_KEY, "")
    record(session, AuditAction.UPDATE, "settings", None, _("Program password removed"))


def check_password(session: Session, password: str) -> bool:
    """True when no password is set or ``password`` matches it."""
    stored = get_setting(session, PASSWORD_KEY)
    return not stored or verify_password(stored, password)


def idle_minutes(session: Session) -> int:
    """Minutes without input before the window locks (0: never). Only used with a password."""
    try:
        return max(0, int(get_setting(session, IDLE_MINUTES_KEY, "0")))
    except ValueError:
        return 0


def set_idle_minutes(session: Session, minutes: int) -> None:
    set_setting(session, IDLE_MINUTES_KEY, str(max(0, int(minutes))))
