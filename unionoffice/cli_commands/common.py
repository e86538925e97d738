"""Helpers shared by the subcommands (not a command itself: it has no ``register``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from typing import TYPE_CHECKING

from unionoffice.i18n import _

if TYPE_CHECKING:
    from unionoffice.store.database import Database


def add_db_argument(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", required=required, default=argparse.SUPPRESS,
        help=_("database file, or a server office postgresql://user@host:5432/name "
               "(default: UNIONOFFICE_DB, the saved server connection or the per-user data folder)"),
    )
    from unionoffice.cli_commands.sign_in import add_user_argument

    add_user_argument(parser)  # who signs in on a server office


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """--db, the spreadsheet, and the import options every register's import shares
    (--skip-invalid, --errors-out/--rejects, --dry-run)."""
    from pathlib import Path

    add_db_argument(parser)
    parser.add_argument("file", type=Path, help=_("the spreadsheet to import"))
    parser.add_argument("--skip-invalid", action="store_true",
                        help=_("import the valid rows even when some rows are rejected"))
    parser.add_argument("--errors-out", "--rejects", dest="rejects", type=Path, metavar="XLSX",
                        help=_("write the rejected rows with their error reasons to this file"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("check the file and report, but write nothing to the database"))


def open_for_command(args: argparse.Namespace, create: bool = True, write: bool = False,
                     sign_in_required: bool = True) -> Database | None:
    """Open the command's database, printing the reason and returning None when it cannot.

    ``write``: the command writes, so it holds the writers' lock until ``db.close()`` (a restore
    cannot swap the file under it; it waits for a running restore, else DatabaseBusy, exit 3).
    ``sign_in_required`` False (add-user): a server office without any person yet lets IT go on.
    """
    from unionoffice.store.database import DatabaseError, open_database
    from unionoffice.store.sqlite_paths import UnusablePath, check_database_path, is_writable
    from unionoffice.store.targets import resolve_target

    path = resolve_target(getattr(args, "db", None))
    if isinstance(path, str):
        from unionoffice.cli_commands.sign_in import sign_in_for_command

        db = _open_server_for_command(path)
        if db is not None and not sign_in_for_command(db, args, required=sign_in_required):
            db.close()  # a server office: each person signs in (users and roles, services/accounts.py)
            return None
        return db
    try:
        read_only = check_database_path(path) and not write and not create and not is_writable(path)
    except UnusablePath as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return None
    lock = None
    if write:
        from unionoffice.store.writer_lock import WriterLock

        lock = WriterLock(path).shared()
    try:
        db = open_database(path, create=create, read_only=read_only)
    except DatabaseError as exc:
        if lock is not None:
            lock.release()
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return None
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    db.writer_lock = lock
    if write:
        problems = quick_check(db)
        if problems:
            db.close()
            print(_("Error: {message}").format(message=_(
                "The database file is damaged ({error}); nothing was changed. Restore a backup.").format(
                    error=" ".join(" ".join(problems[:2]).split())[:200])), file=sys.stderr)
            return None
    if db.pre_upgrade_copy is not None:
        print(
            _("The database was upgraded from schema {old} to {new}; the old file is kept at {copy}.").format(
                old=db.upgraded_from, new=db.schema_version, copy=db.pre_upgrade_copy
            ),
            file=sys.stderr,
        )
    return db


def _open_server_for_command(url: str) -> Database | None:
    """A server office: no writers' file lock (the server keeps many writers apart), no quick_check."""
    from unionoffice.store.database import DatabaseError
    from unionoffice.store.server import open_server_database

    try:
        db = open_server_database(url)
    except DatabaseError as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        if getattr(exc, "needs_password", False):
            print(_("Give the password in the PGPASSWORD environment variable or in PostgreSQL's password "
                    "file, or save the connection with its password in the window (单位设置)."), file=sys.stderr)
        return None
    if db.upgraded_from is not None:
        print(_("The server's database was upgraded from schema {old} to {new}.").format(
            old=db.upgraded_from, new=db.schema_version), file=sys.stderr)
    return db


def quick_check(db: Database) -> list[str]:
    """``PRAGMA quick_check`` problems (empty when sound): a damaged file gets no new writes."""
    with db.engine.connect() as conn:
        rows = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check(5)")]
    return [] if rows == ["ok"] else rows


def fail(message: str, code: int = 2) -> int:
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return code


DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)


def date_argument(text: str) -> dt.date:
    """An argparse ``type`` for YYYY-MM-DD whose error names the value (not “invalid fromisoformat value”).

    Years outside 1900–2199 are typing slips (0001-01-01 would overflow date arithmetic later)."""
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from None
    if not DATE_MIN <= value <= DATE_MAX:
        raise argparse.ArgumentTypeError(
            _("the date {text} is outside {first}–{last}").format(text=text, first=DATE_MIN.isoformat(), last=DATE_MAX.isoformat()))
    return value


EXIT_BUSY = 3


def output_refused(args: argparse.Namespace, out, inputs=()) -> bool:  # noqa: ANN001 - paths
    """Check an output path before anything is written; print why and return True if refused."""
    from pathlib import Path

    from unionoffice.io.safe_files import OutputRefused, check_output_path
    from unionoffice.store.targets import resolve_target

    if out is None:
        return False
    target = resolve_target(getattr(args, "db", None))
    try:
        check_output_path(Path(out), database=target if isinstance(target, Path) else None,
                          inputs=[Path(p) for p in inputs])
    except OutputRefused as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return True
    return False
