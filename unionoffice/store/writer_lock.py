"""Every writer of a database holds a shared lock on ``<database>.writers``; restore holds it alone.

The window already holds the one-program lock (``store.lock``) for its whole life. Command-line
writers (imports, demo, backup) may run beside the window and beside each other: SQLite itself
serialises their transactions (``BEGIN IMMEDIATE`` and the busy timeout). What must never happen
is that ``restore`` swaps the database file while any of them has it open: a transaction
committed into the old inode would end up in no file. So:

- a writer takes a *shared* OS lock on ``<database>.writers`` before opening the database and
  keeps it until it closed the database (it waits while a restore runs, up to the busy timeout,
  then gives up with :class:`DatabaseBusy`);
- ``restore`` takes the *exclusive* lock without waiting, and is refused while any writer lives.

The OS drops the locks of a process that dies, however it dies. The file is never deleted
(deleting it would let two processes lock two different files of the same name).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from unionoffice.i18n import _

if os.name == "nt":  # pragma: no cover - exercised on Windows
    import ctypes
    import msvcrt
    from ctypes import wintypes
else:
    import fcntl

WAIT_SECONDS = 10.0
BUSY_ENV = "UNIONOFFICE_BUSY_SECONDS"  # how long a writer waits for another (default 10 s)


def busy_seconds() -> float:
    """The busy timeout: ``UNIONOFFICE_BUSY_SECONDS`` when set to a number, else 10 s."""
    try:
        return max(0.0, min(3600.0, float(os.environ.get(BUSY_ENV, WAIT_SECONDS))))
    except ValueError:
        return WAIT_SECONDS

_POLL_SECONDS = 0.05
# Lock files this process holds exclusively (a restore): its own writers (the safety backup
# it makes first) go ahead instead of waiting for themselves.
_EXCLUSIVE_HERE: set[str] = set()


class DatabaseBusy(Exception):
    """Another program kept the database busy for longer than the busy timeout."""


class DatabaseInUse(Exception):
    """A restore was refused because a writer has the database open; the message is for the user."""


def writers_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".writers")


if os.name == "nt":  # pragma: no cover - exercised on Windows

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p), ("Offset", wintypes.DWORD),
                    ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    def try_os_lock(fd: int, exclusive: bool) -> bool:
        flags = 0x1 | (0x2 if exclusive else 0)  # LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK
        handle = msvcrt.get_osfhandle(fd)
        return bool(ctypes.windll.kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())))

    def os_unlock(fd: int) -> None:
        handle = msvcrt.get_osfhandle(fd)
        ctypes.windll.kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))

else:

    def try_os_lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def os_unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


class WriterLock:
    """The writers' lock of one database: ``shared()`` for a writer, ``exclusive()`` for restore."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = writers_path(self.db_path)
        self._fd: int | None = None
        self.exclusive_held = False
        self._nested = False

    @property
    def held(self) -> bool:
        return self._fd is not None or self._nested

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)

    def shared(self, wait: float | None = None) -> "WriterLock":
        """Take the shared lock, waiting up to ``wait`` seconds for a running restore; else DatabaseBusy."""
        if self.held:
            return self
        if str(self.path) in _EXCLUSIVE_HERE:
            self._nested = True
            return self
        try:
            fd = self._open()
        except OSError:
            if os.access(self.path.parent, os.W_OK):
                raise
            # A write-protected folder: nobody can write or restore there, so there is nothing to guard.
            self._nested = True
            return self
        deadline = time.monotonic() + (busy_seconds() if wait is None else wait)
        while not try_os_lock(fd, exclusive=False):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise DatabaseBusy(_("The database {path} is being restored by another program; try again when it has finished.").format(path=self.db_path))
            time.sleep(_POLL_SECONDS)
        self._fd = fd
        return self

    def exclusive(self) -> "WriterLock":
        """Take the lock alone, without waiting; DatabaseInUse while any writer holds it."""
        if self.held:
            return self
        fd = self._open()
        if not try_os_lock(fd, exclusive=True):
            os.close(fd)
            raise DatabaseInUse(
                _("The database {path} is in use by another program that writes to it; close that program "
                  "or wait for it to finish, then restore again. Nothing was changed.").format(path=self.db_path)
            )
        self._fd, self.exclusive_held = fd, True
        _EXCLUSIVE_HERE.add(str(self.path))
        return self

    def release(self) -> None:
        self._nested = False
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if self.exclusive_held:
            _EXCLUSIVE_HERE.discard(str(self.path))
        self.exclusive_held = False
        os_unlock(fd)
        os.close(fd)

    def __enter__(self) -> "WriterLock":
        return self.shared()

    def __exit__(self, *exc: object) -> None:
        self.release()
