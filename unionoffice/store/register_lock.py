"""Two imports into one register of a server office never interleave: each import holds a
PostgreSQL advisory lock for its register until its transaction ends.

A second import waits for the first (up to the busy timeout, UNIONOFFICE_BUSY_SECONDS, 10 s by
default) and then gives up with :class:`RegisterBusy` — the CLI's exit code 3. The lock is a
transaction-level one: commit, rollback or a dropped connection release it, so a crashed PC never
leaves a register locked. On SQLite the writers' lock and BEGIN IMMEDIATE serialise writers
already, and this does nothing.
"""

from __future__ import annotations

import time
import zlib

from sqlalchemy import text
from sqlalchemy.orm import Session

from unionoffice.i18n import _

# The first key of the two-key advisory lock: "UOIM" — imports, apart from the schema upgrade's lock.
IMPORT_NAMESPACE = 0x554F494D
POLL_SECONDS = 0.2


class RegisterBusy(Exception):
    """Another PC is importing into the same register; the message is for the user."""


def register_key(register: str) -> int:
    """A stable signed 32-bit number per register name, the same on every PC."""
    value = zlib.crc32(register.encode("utf-8"))
    return value - 2**32 if value >= 2**31 else value


def lock_register(session: Session, register: str, wait_seconds: float | None = None) -> None:
    """Hold ``register``'s import lock for the rest of this session's transaction (server offices only)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    if wait_seconds is None:
        from unionoffice.store.writer_lock import busy_seconds

        wait_seconds = busy_seconds()
    deadline = time.monotonic() + wait_seconds
    statement = text("SELECT pg_try_advisory_xact_lock(:namespace, :key)")
    params = {"namespace": IMPORT_NAMESPACE, "key": register_key(register)}
    while not session.execute(statement, params).scalar_one():
        if time.monotonic() >= deadline:
            raise RegisterBusy(_("Another PC is importing into this register right now; nothing was imported. "
                                 "Try again when it has finished."))
        time.sleep(POLL_SECONDS)
