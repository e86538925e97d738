"""Handing a database path to SQLite safely, and refusing paths that are not database files.

A folder named ``a#b``, ``50%`` or ``why?`` must work: SQLite gets either the plain path (never
parsed) or a ``file:`` URI built with percent-escapes (``Path.as_uri``), never a string glued
together. And a FIFO, a directory, ``/dev/null``, a symlink loop or an over-long name given as
the database must be refused with a clear message at once: opening a FIFO would hang.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from unionoffice.i18n import _, os_error_text


class UnusablePath(Exception):
    """A path that cannot be a database file; the message is for the user."""


def file_uri(path: Path, mode: str) -> str:
    """A ``file:`` URI for SQLite with ``mode`` (ro, rw, rwc); special characters escaped."""
    return f"{Path(os.path.abspath(path)).as_uri()}?mode={mode}"


def connect_readonly(path: Path, timeout: float = 10.0) -> sqlite3.Connection:
    return sqlite3.connect(readonly_uri(path), uri=True, timeout=timeout)


def connect_existing(path: Path, timeout: float = 10.0) -> sqlite3.Connection:
    """A read-write connection that never creates a missing file."""
    return sqlite3.connect(file_uri(path, "rw"), uri=True, timeout=timeout)


def is_writable(path: Path) -> bool:
    """Whether the database file and its folder can be written (SQLite needs both for WAL)."""
    return os.access(path, os.W_OK) and os.access(Path(path).parent, os.W_OK)


def readonly_uri(path: Path) -> str:
    """A read-only URI; ``immutable=1`` when nobody can write the folder and no WAL is pending
    (SQLite could not create the -shm file there, and no writer can change the file)."""
    uri = file_uri(path, "ro")
    wal = Path(f"{path}-wal")
    if not os.access(Path(path).parent, os.W_OK) and not (wal.exists() and wal.stat().st_size > 0):
        uri += "&immutable=1"
    return uri


def check_database_path(path: Path) -> bool:
    """Whether ``path`` exists as a regular file; raise UnusablePath when it cannot be a database.

    A missing file is fine (it may be created); its folder is not checked here.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        try:
            os.lstat(path)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise UnusablePath(_("{path} cannot be used: {error}").format(path=path, error=os_error_text(exc))) from exc
        raise UnusablePath(_("{path} is a broken link, not a file.").format(path=path)) from None
    except OSError as exc:  # ELOOP, ENAMETOOLONG, EACCES, ENOTDIR…
        raise UnusablePath(_("{path} cannot be used: {error}").format(path=path, error=os_error_text(exc))) from exc
    if stat.S_ISDIR(info.st_mode):
        raise UnusablePath(_("{path} is a folder, not a file.").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise UnusablePath(_("{path} is not a regular file (a device, a pipe or similar), so it cannot be used.").format(path=path))
    return True
