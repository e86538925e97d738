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
        "--db", metavar="PATH", required=required, default=argparse.SUPPRESS,
        help=_("database file (default: UNIONOFFICE_DB or the per-user data folder)"),
    )


def open_for_command(args: argparse.Namespace, create: bool = True) -> Database | None:
    """Open the command's database, printing the reason and returning None when it cannot."""
    from unionoffice.paths import resolve_db_path
    from unionoffice.store.database import DatabaseError, open_database

    try:
        db = open_database(resolve_db_path(getattr(args, "db", None)), create=create)
    except DatabaseError as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return None
    if db.pre_upgrade_copy is not None:
        print(
            _("The database was upgraded from schema {old} to {new}; the old file is kept at {copy}.").format(
                old=db.upgraded_from, new=db.schema_version, copy=db.pre_upgrade_copy
            ),
            file=sys.stderr,
        )
    return db


def fail(message: str, code: int = 2) -> int:
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return code


def date_argument(text: str) -> dt.date:
    """An argparse ``type`` for YYYY-MM-DD whose error names the value (not “invalid fromisoformat value”)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from None
