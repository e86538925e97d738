"""Signing in from the command line on a server office: --user or UNIONOFFICE_USER, the password from
UNIONOFFICE_PASSWORD or asked (not a command itself: it has no ``register``)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from unionoffice.i18n import _

if TYPE_CHECKING:
    from unionoffice.store.database import Database

USER_ENV = "UNIONOFFICE_USER"
PASSWORD_ENV = "UNIONOFFICE_PASSWORD"


def add_user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                        help=_("on a server office: who signs in (default: UNIONOFFICE_USER); the password is "
                               "asked, or read from UNIONOFFICE_PASSWORD"))


def ask_password(prompt: str) -> str | None:
    """The password from UNIONOFFICE_PASSWORD, else asked on the terminal; None when neither is possible."""
    import getpass
    import os

    if os.environ.get(PASSWORD_ENV) is not None:
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except (EOFError, OSError):
        return None


def sign_in_for_command(db: Database, args: argparse.Namespace, required: bool = True) -> bool:
    """Sign the command in as its person; prints why not and returns False when that fails.

    ``required`` False (add-user): an office without any person yet lets the command go on as IT.
    """
    import os

    from unionoffice.services.accounts import SignInFailed, has_users, sign_in

    with db.session() as session:
        anyone = has_users(session)
    name = getattr(args, "user", None) or os.environ.get(USER_ENV, "")
    if not anyone and not required:
        return True
    if not anyone:
        return _refused(_("Nobody may sign in to this server office yet: IT first creates the first administrator "
                          "with `unionoffice add-user --db URL --role admin NAME`."))
    if not name:
        return _refused(_("This is a server office: say who signs in with --user NAME (or UNIONOFFICE_USER)."))
    password = ask_password(_("Password for {name}: ").format(name=name))
    if password is None:
        return _refused(_("No password: type it when asked, or set UNIONOFFICE_PASSWORD."))
    try:
        sign_in(db, name, password)
    except SignInFailed as exc:
        return _refused(str(exc))
    return True


def _refused(message: str) -> bool:
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return False
