"""No traceback reaches the clerk: known failures become one line and a documented exit code.

Exit codes: 0 done; 1 refused or rows rejected; 2 usage, or the database/file/folder cannot be
used (missing, read-only, full disk, damaged…); 3 the database is busy (another program keeps
writing, or a restore refused because a writer has it open); 130 interrupted with Ctrl-C; 141 the
program reading the output closed it (``| head``), as a shell reports a process a closed pipe stopped.

A real bug prints "内部错误" with the path of a log file holding the traceback; with
``UNIONOFFICE_DEBUG=1`` the traceback is shown instead.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from unionoffice.i18n import _, os_error_text

if TYPE_CHECKING:  # sqlite3, tempfile, traceback: imported when a failure needs them (--version stays light)
    import sqlite3

EXIT_REJECTED = 1
EXIT_UNUSABLE = 2
EXIT_BUSY = 3
EXIT_INTERRUPTED = 130
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE
DEBUG_ENV = "UNIONOFFICE_DEBUG"


def _sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind an exception (SQLAlchemy wraps it as ``.orig``)."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None:  # never imported: no sqlite3 error can have been raised
        return None
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, sqlite3.Error):
            return exc
        orig = getattr(exc, "orig", None)
        exc = orig if isinstance(orig, BaseException) else (exc.__cause__ or exc.__context__)
        seen += 1
    return None


def _sqlite_message(error: sqlite3.Error) -> tuple[int, str]:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return EXIT_BUSY, _("The database is busy: another program kept it locked for too long. Try again in a moment; nothing was changed.")
    if "readonly" in text or "read-only" in text:
        return EXIT_UNUSABLE, _("The database is read-only (file or folder write-protected), so nothing could be changed.")
    if "disk" in text and ("full" in text or "i/o" in text):
        return EXIT_UNUSABLE, _("The disk is full or failing; the change was not saved.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return EXIT_UNUSABLE, _("The database file is damaged ({error}); nothing was changed. Restore a backup.").format(error=error)
    if "unable to open" in text:
        return EXIT_UNUSABLE, _("The database file cannot be opened ({error}).").format(error=error)
    return EXIT_UNUSABLE, _("The database reported an error: {error}").format(error=error)


def _server_cause(exc: BaseException) -> BaseException | None:
    """The PostgreSQL driver's error behind an exception (a server office), if any."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__module__.split(".")[0] == "psycopg":
            return exc
        orig = getattr(exc, "orig", None)
        exc = orig if isinstance(orig, BaseException) else (exc.__cause__ or exc.__context__)
        seen += 1
    return None


def _server_message(error: BaseException) -> tuple[int, str] | None:
    import psycopg

    if isinstance(error, (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected,
                          psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled)):
        return EXIT_BUSY, _("The database server is busy with another change to the same records; nothing was "
                            "changed. Try again in a moment.")
    if isinstance(error, psycopg.OperationalError):
        return EXIT_UNUSABLE, _("The connection to the database server was lost, so the change was not saved "
                                "(it is saved whole or not at all). Check the network and try again.")
    return None


def known_failure(exc: BaseException) -> tuple[int, str] | None:
    """(exit code, message) for a failure that is not a bug, else None."""
    from unionoffice.paths import EmptyDatabasePath
    from unionoffice.store.writer_lock import DatabaseBusy, DatabaseInUse

    if isinstance(exc, (DatabaseBusy, DatabaseInUse)):
        return EXIT_BUSY, str(exc)
    if isinstance(exc, EmptyDatabasePath):
        return EXIT_UNUSABLE, str(exc)
    server = _server_failure(exc)
    if server is not None:
        return server
    module = type(exc).__module__
    if module.startswith("unionoffice.") and type(exc).__name__ in {
        "DatabaseError", "UnusablePath", "OutputRefused", "DatabaseLocked", "SheetError", "WriteError", "TemplateError",
        "ServerError",
    }:
        return (EXIT_BUSY if type(exc).__name__ == "DatabaseLocked" else EXIT_UNUSABLE), str(exc)
    cause = _sqlite_cause(exc)
    if cause is not None:
        return _sqlite_message(cause)
    server = _server_cause(exc)
    if server is not None:
        return _server_message(server)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return EXIT_UNUSABLE, _("The disk is full: {error}. Nothing was written under the final name.").format(error=exc.filename or "")
        where = exc.filename or ""
        return EXIT_UNUSABLE, _("{path}: {error}").format(path=where, error=os_error_text(exc)) if where else os_error_text(exc)
    if isinstance(exc, MemoryError):
        return EXIT_UNUSABLE, _("Not enough memory for this file; it is too large.")
    if isinstance(exc, UnicodeEncodeError):
        return EXIT_UNUSABLE, _("A file name or text could not be encoded ({error}).").format(error=exc.reason)
    return None


def _server_failure(exc: BaseException) -> tuple[int, str] | None:
    """A server office's refusals: a read-only person, a record changed meanwhile, a register busy
    with another PC's import, the server gone mid-command."""
    name = type(exc).__name__
    if name in ("ReadOnlyUser", "RecordChanged", "NotAdministrator") and type(exc).__module__.startswith("unionoffice."):
        return EXIT_REJECTED, str(exc)
    if name == "RegisterBusy" and type(exc).__module__.startswith("unionoffice."):
        return EXIT_BUSY, str(exc)
    orig = getattr(exc, "orig", None)
    if type(orig).__module__.startswith("psycopg"):
        from unionoffice.store.server_errors import server_message

        return server_message(orig)
    return None


def _write_log(exc: BaseException) -> Path | None:
    import traceback

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in _log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"error-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def _log_folders() -> list[Path]:
    folders = []
    try:
        from unionoffice.paths import data_dir

        folders.append(data_dir() / "logs")
    except Exception:  # noqa: BLE001 - no data folder: fall back to the temp folder
        pass
    import tempfile

    folders.append(Path(tempfile.gettempdir()) / "UnionOffice-logs")
    return folders


def _output_is_a_closed_pipe() -> bool:
    """Whether the standard output is a pipe (a BrokenPipeError may also come from another pipe)."""
    import stat

    try:
        return stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def _output_closed() -> int:
    """The program reading the output (``| head``) has closed it: nothing more goes there, one
    line on stderr if that is still open. A change not yet committed was rolled back on the way."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # what is still buffered must not fail again at exit
        os.close(devnull)
    except (OSError, ValueError):
        pass
    try:
        print(_("The program reading the output closed it (such as | head), so the rest was not printed. "
                "What was already saved is intact; an unfinished change was not saved."), file=sys.stderr)
    except (OSError, ValueError):
        pass  # stderr went to the same pipe
    return EXIT_OUTPUT_CLOSED


def run_guarded(body: Callable[[], int]) -> int:
    """Run the command; map known failures to one line on stderr and their exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A non-UTF-8 file name (surrogate escapes) or an odd console must not crash a print.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    try:
        return body()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print(_("Interrupted. What was already saved is intact; an unfinished change was not saved."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        if not _output_is_a_closed_pipe():
            raise
        return _output_closed()
    except Exception as exc:  # noqa: BLE001 - the one place that turns failures into messages
        known = known_failure(exc)
        if known is not None:
            code, message = known
            print(_("Error: {message}").format(message=message), file=sys.stderr)
            return code
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        log = _write_log(exc)
        print(
            _("Internal error ({kind}). Nothing more was changed. The details are in {log}; pass that file to whoever looks after the program.").format(
                kind=type(exc).__name__, log=log or "-"
            ),
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
