"""One program at a time per database: a lock file beside it naming the holder.

``<database>.lock`` holds JSON with the holder's PID, host name, user and start time, and the
holder keeps an operating-system lock on the file (``fcntl.flock`` / ``msvcrt.locking``) for as
long as it runs. The OS drops that lock when the process dies, however it dies, so:

- OS lock taken, file names nobody or a process on this host: a stale lock from a crash (the
  PID is not running, or was reused), taken over;
- OS lock held by someone else: a live holder, refused with a message saying who;
- file names another host (a database on a shared folder, where OS locks may not reach):
  refused, unless ``force`` (the clerk confirmed that the other PC is not using it).

The file is emptied, not deleted, on release: deleting it would let two processes lock two
different files of the same name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path

from unionoffice.i18n import _, format_datetime

if os.name == "nt":  # pragma: no cover - exercised on Windows
    import msvcrt
else:
    import fcntl

# Windows locks byte ranges (and mandatorily): lock one byte far past the JSON, so others can read it.
_WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    started_at: dt.datetime  # aware, UTC

    def to_json(self) -> str:
        data = dict(self.__dict__, started_at=self.started_at.isoformat(timespec="seconds"))
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> "LockInfo | None":
        try:
            data = json.loads(raw)
            return cls(int(data["pid"]), str(data["host"]), str(data.get("user", "")), dt.datetime.fromisoformat(data["started_at"]))
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        return _("process {pid} of {user} on {host}, since {since}").format(
            pid=self.pid, user=self.user or "?", host=self.host, since=format_datetime(self.started_at.astimezone().replace(tzinfo=None))
        )


class DatabaseLocked(Exception):
    """The database is in use elsewhere; the message (for the user) says by whom."""

    def __init__(self, message: str, holder: LockInfo | None) -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts)
        return ""


def this_host() -> str:
    # uname's node name is what gethostname() returns on Linux and macOS, without loading the
    # socket module before the window's first paint; Windows asks the socket module as before.
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def pid_running(pid: int) -> bool:
    """Whether a process with this PID exists on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(db_path: Path) -> LockInfo | None:
    """Who the lock file names (it may be stale), or None."""
    try:
        return LockInfo.from_json(lock_path(db_path).read_text(encoding="utf-8"))
    except OSError:
        return None


def _os_lock(fd: int) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _refusal(db_path: Path, holder: LockInfo | None) -> DatabaseLocked:
    if holder is None:
        message = _("The database {path} is already open in another UnionOffice window or program.")
        return DatabaseLocked(message.format(path=db_path), None)
    if holder.host != this_host():
        message = _(
            "The database {path} is in use on another computer: {holder}. Close the program there first; "
            "if that computer is off or crashed, you may take over the database."
        )
    else:
        message = _("The database {path} is already in use: {holder}. Close that program first.")
    return DatabaseLocked(message.format(path=db_path, holder=holder.describe()), holder)


class DatabaseLock:
    """The lock on one database; ``acquire()`` it, ``release()`` it (or use ``with``)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None
        self.info: LockInfo | None = None
        self.took_over: LockInfo | None = None  # the stale holder replaced, if any

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, force: bool = False) -> "DatabaseLock":
        """Take the lock or raise DatabaseLocked; a stale lock from a crash is taken over."""
        if self.held:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _os_lock(fd):
                raise _refusal(self.db_path, read_lock(self.db_path))
            previous = LockInfo.from_json(_read_all(fd))
            if previous is not None and previous.host != this_host() and not force:
                _os_unlock(fd)
                raise _refusal(self.db_path, previous)
            info = LockInfo(os.getpid(), this_host(), _current_user(), dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
            _write_all(fd, info.to_json())
        except BaseException:
            os.close(fd)
            raise
        self._fd, self.info, self.took_over = fd, info, previous
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        _os_unlock(fd)
        os.close(fd)

    def __enter__(self) -> "DatabaseLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_all(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    data = b""
    while block := os.read(fd, 4096):
        data += block
        if len(data) > 64 * 1024:
            break
    return data.decode("utf-8", errors="replace")


def _write_all(fd: int, text: str) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text.encode("utf-8"))
    os.fsync(fd)


def acquire_lock(db_path: Path, force: bool = False) -> DatabaseLock:
    return DatabaseLock(db_path).acquire(force=force)
