"""`add-user` and `users`: the people of a server office (IT creates the first 管理员 with add-user)."""

from __future__ import annotations

import argparse
import sys

from unionoffice.cli_commands.common import add_db_argument, fail, open_for_command
from unionoffice.i18n import _

# The values of domain.accounts.Role, spelled out so that `--help` need not import it.
ROLE_CODES = {"admin": "admin", "clerk": "clerk", "reader": "reader", "管理员": "admin", "干事": "clerk", "只读": "reader"}


def register(subparsers: argparse._SubParsersAction) -> None:
    add = subparsers.add_parser("add-user", help=_("add a person who signs in to a server office (IT: the first "
                                                    "administrator)"))
    add_db_argument(add)
    add.add_argument("name", help=_("the sign-in name"))
    add.add_argument("--role", required=True, choices=sorted(ROLE_CODES),
                     help=_("admin (管理员: people and settings), clerk (干事: edits the records) or reader (只读)"))
    add.add_argument("--display-name", default="", help=_("the person's full name, as the audit log shows it"))
    add.add_argument("--password-stdin", action="store_true",
                     help=_("read the new person's password from the first line of standard input"))
    add.set_defaults(func=run_add_user)

    users = subparsers.add_parser("users", help=_("list the people of a server office and their roles"))
    add_db_argument(users)
    users.set_defaults(func=run_users)


def _new_password(args: argparse.Namespace) -> str | None:
    import getpass

    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n") if line else None
    if not sys.stdin.isatty():
        return None
    try:
        first = getpass.getpass(_("New password for {name}: ").format(name=args.name))
        second = getpass.getpass(_("The same password again: "))
    except (EOFError, OSError):
        return None
    if first != second:
        print(_("Error: {message}").format(message=_("The two passwords differ; nothing was changed.")), file=sys.stderr)
        return ""
    return first


def run_add_user(args: argparse.Namespace) -> int:
    from unionoffice.services.accounts import AccountError, add_user

    password = _new_password(args)
    if password is None:
        return fail(_("No password: type it twice when asked, or give it on standard input with --password-stdin."))
    if password == "":
        return 1
    db = open_for_command(args, write=True, sign_in_required=False)
    if db is None:
        return 2
    try:
        with db.session() as session:
            user = add_user(session, args.name, password, ROLE_CODES[args.role], args.display_name)
            name, role = user.name, user.role
    except AccountError as exc:
        return fail(str(exc), 1)
    finally:
        db.close()
    from unionoffice.domain.accounts import Role

    print(_("Added {name} ({role}).").format(name=name, role=Role(role).label()))
    return 0


def run_users(args: argparse.Namespace) -> int:
    from unionoffice.services.accounts import list_users

    db = open_for_command(args)
    if db is None:
        return 2
    try:
        with db.session() as session:
            rows = list_users(session)
    finally:
        db.close()
    for row in rows:
        state = _("disabled") if row.disabled else ""
        print("\t".join([row.name, row.display_name, row.role.label(), state]).rstrip())
    return 0
