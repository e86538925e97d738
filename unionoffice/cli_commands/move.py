"""`move`: an office from a local file to a PostgreSQL server (or back, or between two of either).

Exit codes: 0 moved and every table verified; 1 refused (the target is not empty) or the copy did
not verify (nothing kept); 2 usage, a source or target that cannot be opened; 3 a window has the
source file open.
"""

from __future__ import annotations

import argparse
import sys

from unionoffice.cli_commands.common import fail
from unionoffice.i18n import _

EXIT_REFUSED = 1
EXIT_UNUSABLE = 2
EXIT_BUSY = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    move = subparsers.add_parser(
        "move", help=_("move an office between a local file and a database server, every table verified"))
    move.add_argument("--from", dest="source", metavar="PATH_OR_URL", required=True,
                      help=_("the office to copy: a database file or postgresql://user@host:5432/name"))
    move.add_argument("--to", dest="target", metavar="PATH_OR_URL", required=True,
                      help=_("the empty target: a new database file or an empty server database"))
    move.set_defaults(func=run_move)


def run_move(args: argparse.Namespace) -> int:
    from unionoffice.services.office_move import MoveError, move_office
    from unionoffice.store.targets import resolve_target

    source, target = resolve_target(args.source), resolve_target(args.target)

    def progress(table: str, rows: int) -> None:
        print(_("Copying {table}: {rows} rows").format(table=table, rows=rows), end="\r", file=sys.stderr, flush=True)

    try:
        result = move_office(source, target, progress if sys.stderr.isatty() else None)
    except MoveError as exc:
        return fail(str(exc), EXIT_BUSY if exc.busy else EXIT_REFUSED if exc.refused else EXIT_UNUSABLE)
    width = max(len(p.name) for p in result.proofs)
    for proof in result.proofs:
        print(f"  {proof.name:<{width}}  {proof.rows:>8}  {proof.digest[:16]}")
    if result.attachments_embedded:
        print(_("{count} attachment files were put into the server's database.").format(
            count=result.attachments_embedded))
    print(_("Moved {source} to {target}: {tables} tables, each verified by row count and content hash.").format(
        source=result.source, target=result.target, tables=len(result.proofs)))
    return 0
