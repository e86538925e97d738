"""`import-hardship`, `export-hardship`: hardship files with family members and 刚性支出, as .xlsx.

Import exit codes: 0 every row accepted; 1 some rows rejected (with --skip-invalid the rest are imported,
without it nothing is); 2 the file cannot be read or the database cannot be opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, add_import_arguments, fail, open_for_command
from unionoffice.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-hardship", help=_("import hardship files (with family members) from .xlsx"))
    add_import_arguments(parser)
    parser.set_defaults(func=run_import)
    parser = subparsers.add_parser("export-hardship", help=_("export hardship files (with family members) to .xlsx"))
    add_db_argument(parser)
    parser.add_argument("file", type=Path, help=_("the .xlsx file to write"))
    parser.set_defaults(func=run_export)


class _DryRun(Exception):
    """Raised inside the import's transaction to roll it back after checking."""


def run_import(args: argparse.Namespace) -> int:
    from unionoffice.io.sheets import SheetError, error_lines, write_rejected_rows
    from unionoffice.services.hardship_io import import_hardship

    if not args.file.exists():
        return fail(_("The file {path} does not exist.").format(path=args.file))
    db = open_for_command(args)
    if db is None:
        return 2
    try:
        with db.session() as session:
            outcome = import_hardship(session, args.file, skip_invalid=args.skip_invalid)
            if args.dry_run:
                raise _DryRun
    except _DryRun:
        print(_("Dry run: nothing was written to the database."), file=sys.stderr)
    except SheetError as exc:
        return fail(str(exc))
    finally:
        db.close()
    for line in outcome.parsed.notices() + error_lines(outcome.rejected) + outcome.orphans:
        print(line, file=sys.stderr)
    if outcome.rejected and args.rejects:
        try:
            write_rejected_rows(outcome.parsed, args.rejects, outcome.rejected)
        except OSError as exc:
            return fail(str(exc))
        print(_("Rejected rows written to {path}.").format(path=args.rejects), file=sys.stderr)
    rejected = len(outcome.rejected) + len(outcome.orphans)
    if rejected and not args.skip_invalid:
        print(_("{count} rows rejected; nothing was imported (use --skip-invalid to import the other rows).").format(
            count=rejected))
        return 1
    print(_("{imported} rows imported, {rejected} rejected.").format(imported=outcome.imported, rejected=rejected))
    return 1 if rejected else 0


def run_export(args: argparse.Namespace) -> int:
    from unionoffice.services.hardship_io import export_hardship

    db = open_for_command(args, create=False)
    if db is None:
        return 2
    try:
        with db.session() as session:
            count = export_hardship(session, args.file)
    except OSError as exc:
        return fail(str(exc))
    finally:
        db.close()
    print(_("{count} hardship files written to {path}.").format(count=count, path=args.file))
    return 0
