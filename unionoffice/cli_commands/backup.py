"""`backup`, `verify` and `restore`: for the Windows task scheduler and for scripts.

Exit codes: 0 done; 1 the archive is bad or was refused; 2 usage, unreadable target and the like;
3 the database is in use by a writer (restore refused) or kept busy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, fail
from typing import TYPE_CHECKING

from unionoffice.i18n import _, format_datetime, format_number

if TYPE_CHECKING:
    from unionoffice.services.backup_restore import BackupInfo

EXIT_REJECTED = 1
EXIT_UNUSABLE = 2
EXIT_BUSY = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser("backup", help=_("write a verified backup of the database and attachments to a folder"))
    add_db_argument(backup)
    backup.add_argument("--to", metavar="DIR", required=True, help=_("target folder (e.g. a USB stick)"))
    _add_password_file(backup, _("file whose first line is the backup password (without it: not encrypted)"))
    backup.add_argument("--keep", type=int, metavar="N", default=None,
                        help=_("keep the newest N backups in the folder (default: the setting, or 10)"))
    backup.set_defaults(func=run_backup)

    verify = subparsers.add_parser("verify", help=_("check a backup file completely and show what it holds"))
    verify.add_argument("file", metavar="FILE", help=_("the backup file (.uobak)"))
    _add_password_file(verify, _("file whose first line is the backup password"))
    verify.set_defaults(func=run_verify)

    restore = subparsers.add_parser("restore", help=_("replace the database and attachments with a backup's contents"))
    restore.add_argument("file", metavar="FILE", help=_("the backup file (.uobak)"))
    add_db_argument(restore)
    _add_password_file(restore, _("file whose first line is the backup password"))
    restore.set_defaults(func=run_restore)


def _add_password_file(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--password-file", metavar="F", default=None, help=help_text)


class _Usage(Exception):
    pass


def _password(args: argparse.Namespace) -> str | None:
    if not args.password_file:
        return None
    try:
        text = Path(args.password_file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _Usage(_("The password file {path} cannot be read ({error}).").format(path=args.password_file, error=exc)) from exc
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise _Usage(_("The password file {path} is empty.").format(path=args.password_file))
    return password


def print_info(info: BackupInfo) -> None:
    """What the archive holds; the counts are those found in its database when it was verified.

    Every text from the archive goes through ``printable``: a crafted manifest cannot send
    escape sequences to the terminal."""
    from unionoffice.domain.text_rules import printable

    m = info.manifest
    print(_("Backup file: {path}").format(path=printable(info.path)))
    print(_("Made on: {when}").format(when=format_datetime(m.created_at.astimezone())))
    print(_("Office: {name}").format(name=printable(m.office_name) or "-"))
    print(_("Program version: {version}, schema {schema}").format(version=printable(m.program_version), schema=m.schema_version))
    print(_("Encrypted: {answer}").format(answer=_("yes") if info.encrypted else _("no")))
    print(_("Attachments: {count}").format(count=format_number(m.attachment_count)))
    counts = info.counts if info.counts is not None else m.counts
    width = max((len(printable(name)) for name in counts), default=0)
    for name, count in sorted(counts.items()):
        print(f"  {printable(name):<{width}}  {count:>8}")
    sys.stdout.flush()


def run_backup(args: argparse.Namespace) -> int:
    from unionoffice.paths import resolve_db_path
    from unionoffice.services.backup import BackupError, make_backup

    if args.keep is not None and args.keep < 1:
        return fail(_("--keep must be at least 1."), EXIT_UNUSABLE)
    try:
        password = _password(args)
    except _Usage as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    from unionoffice.store.targets import resolve_target

    target = resolve_target(getattr(args, "db", None))
    try:
        if isinstance(target, str):
            result = _server_backup(args, Path(args.to), password)
            if result is None:
                return EXIT_UNUSABLE
        else:
            db_path = resolve_db_path(getattr(args, "db", None))
            result = make_backup(db_path, Path(args.to), password=password, keep=args.keep)
    except BackupError as exc:
        return fail(str(exc), EXIT_REJECTED if exc.rejected else EXIT_UNUSABLE)
    print(_("Backup written and verified: {path}").format(path=result.path))
    for old in result.deleted:
        print(_("Older backup deleted: {path}").format(path=old))
    return 0


def _server_backup(args: argparse.Namespace, folder: Path, password: str | None):  # noqa: ANN202
    """A server office's backup (a snapshot in one repeatable-read transaction); None when it cannot be opened."""
    from unionoffice.cli_commands.common import open_for_command
    from unionoffice.services.office_move import make_server_backup

    db = open_for_command(args, create=False)
    if db is None:
        return None
    try:
        return make_server_backup(db, folder, password=password, keep=args.keep)
    finally:
        db.close()


def run_verify(args: argparse.Namespace) -> int:
    from unionoffice.services.backup_restore import RestoreError, verify_backup

    try:
        info = verify_backup(Path(args.file), _password(args))
    except _Usage as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    except RestoreError as exc:
        return fail(str(exc), EXIT_BUSY if exc.busy else EXIT_REJECTED if exc.rejected else EXIT_UNUSABLE)
    print_info(info)
    print(_("The backup is complete and intact."))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from unionoffice.paths import resolve_db_path
    from unionoffice.services.backup_restore import RestoreError, restore_backup

    from unionoffice.store.targets import resolve_target

    if isinstance(resolve_target(getattr(args, "db", None)), str):
        return _restore_to_server(args)
    db_path = resolve_db_path(getattr(args, "db", None))
    try:
        result = restore_backup(Path(args.file), db_path, _password(args))
    except _Usage as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    except RestoreError as exc:
        return fail(str(exc), EXIT_BUSY if exc.busy else EXIT_REJECTED if exc.rejected else EXIT_UNUSABLE)
    print(_("Restored the backup of {when} into {path}.").format(
        when=format_datetime(result.manifest.created_at.astimezone()), path=db_path))
    if result.safety_copy is not None:
        print(_("The data that was there before is kept at {path}.").format(path=result.safety_copy))
    if result.upgraded_from is not None:
        print(_("The restored database was upgraded from schema {old}.").format(old=result.upgraded_from))
    return 0


def _restore_to_server(args: argparse.Namespace) -> int:
    """A backup onto an empty server database (a server office is never overwritten: exit 1 if not empty)."""
    from unionoffice.services.backup_restore import RestoreError
    from unionoffice.services.office_move import MoveError, restore_to_server
    from unionoffice.store.targets import resolve_target

    url = resolve_target(getattr(args, "db", None))
    try:
        result = restore_to_server(Path(args.file), str(url), _password(args))
    except _Usage as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    except RestoreError as exc:
        return fail(str(exc), EXIT_BUSY if exc.busy else EXIT_REJECTED if exc.rejected else EXIT_UNUSABLE)
    except MoveError as exc:
        return fail(str(exc), EXIT_REJECTED if exc.refused else EXIT_UNUSABLE)
    print(_("Restored the backup onto the server {url}: {tables} tables copied and verified.").format(
        url=result.target, tables=len(result.proofs)))
    return 0
