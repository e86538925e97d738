"""`import-visits`, `export-visits`, `import-cases`, `export-cases`.

Import exit codes: 0 every data row accepted; 1 some rows rejected (with --skip-invalid the rest
are imported, without it nothing is); 2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, add_import_arguments, date_argument, fail, open_for_command, output_refused
from unionoffice.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, what, run in (("import-visits", _("relief visits"), run_import_visits),
                            ("import-cases", _("rights cases"), run_import_cases)):
        parser = subparsers.add_parser(name, help=_("import {what} from .xlsx, .xls or .ods").format(what=what))
        add_import_arguments(parser)
        parser.set_defaults(func=run)
    for name, what, run in (("export-visits", _("relief visits"), run_export_visits),
                            ("export-cases", _("rights cases"), run_export_cases)):
        parser = subparsers.add_parser(name, help=_("export {what} to .xlsx").format(what=what))
        add_db_argument(parser)
        parser.add_argument("file", type=Path, help=_("the .xlsx file to write"))
        parser.add_argument("--from", dest="start", type=date_argument, metavar="YYYY-MM-DD",
                            help=_("first day (default: no limit)"))
        parser.add_argument("--to", dest="end", type=date_argument, metavar="YYYY-MM-DD",
                            help=_("last day (default: no limit)"))
        parser.set_defaults(func=run)


class _DryRun(Exception):
    """Raised inside the import's transaction to roll it back after checking."""


def _import(args: argparse.Namespace, cases: bool) -> int:
    from unionoffice.services import relief_io
    from unionoffice.io.sheets import SheetError, error_lines, write_rejected_rows

    if not args.file.exists():
        return fail(_("The file {path} does not exist.").format(path=args.file))
    if output_refused(args, args.rejects, [args.file]):
        return 2
    db = open_for_command(args, write=not args.dry_run)
    if db is None:
        return 2
    try:
        with (db.session() if args.dry_run else db.write_session()) as session:
            importer = relief_io.import_cases if cases else relief_io.import_visits
            outcome = importer(session, args.file, skip_invalid=args.skip_invalid)
            if args.dry_run:
                raise _DryRun
    except _DryRun:
        print(_("Dry run: nothing was written to the database."), file=sys.stderr)
    except SheetError as exc:
        return fail(str(exc))
    finally:
        db.close()
    for line in outcome.parsed.notices():
        print(line, file=sys.stderr)
    for line in error_lines(outcome.rejected):
        print(line, file=sys.stderr)
    if outcome.rejected and args.rejects:
        write_rejected_rows(outcome.parsed, args.rejects, outcome.rejected)
        print(_("Rejected rows written to {path}.").format(path=args.rejects), file=sys.stderr)
    if outcome.rejected and not args.skip_invalid:
        print(_("{count} rows rejected; nothing was imported (use --skip-invalid to import the other rows).").format(
            count=len(outcome.rejected)))
        return 1
    print(_("{imported} rows imported, {rejected} rejected.").format(imported=outcome.imported, rejected=len(outcome.rejected)))
    return 1 if outcome.rejected else 0


def _export(args: argparse.Namespace, cases: bool) -> int:
    from unionoffice.services import relief_io
    from unionoffice.services.relief_queries import CaseFilter, VisitFilter

    if output_refused(args, args.file):
        return 2
    db = open_for_command(args, create=False)
    if db is None:
        return 2
    try:
        with db.session() as session:
            if cases:
                count = relief_io.export_cases(session, args.file, CaseFilter(start=args.start, end=args.end))
            else:
                count = relief_io.export_visits(session, args.file, VisitFilter(start=args.start, end=args.end))
    except OSError as exc:
        return fail(str(exc))
    finally:
        db.close()
    print(_("{count} rows written to {path}.").format(count=count, path=args.file))
    return 0


def run_import_visits(args: argparse.Namespace) -> int:
    return _import(args, cases=False)


def run_import_cases(args: argparse.Namespace) -> int:
    return _import(args, cases=True)


def run_export_visits(args: argparse.Namespace) -> int:
    return _export(args, cases=False)


def run_export_cases(args: argparse.Namespace) -> int:
    return _export(args, cases=True)
