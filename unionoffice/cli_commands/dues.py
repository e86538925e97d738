"""`import-dues`, `export-dues`, `import-dues-bases`, `dues-arrears`.

Import exit codes: 0 every data row accepted; 1 some rows rejected (with --skip-invalid the rest
are imported, without it nothing is); 2 the file cannot be read or the arguments are unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, add_import_arguments, fail, open_for_command
from unionoffice.i18n import _


def _month(text: str) -> int:
    from unionoffice.domain.dues import DuesError, parse_month_text

    try:
        return parse_month_text(text)
    except DuesError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _period_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--from", dest="first", type=_month, metavar="YYYY-MM", required=required,
                        help=_("first month of the period"))
    parser.add_argument("--to", dest="last", type=_month, metavar="YYYY-MM", required=required,
                        help=_("last month of the period"))


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-dues", help=_("import dues payments (with wage bases and exemptions) from a spreadsheet"))
    add_import_arguments(parser)
    _period_arguments(parser, required=False)
    parser.set_defaults(func=run_import_dues)

    parser = subparsers.add_parser("import-dues-bases", help=_("import monthly wage bases from a payroll sheet by ID number"))
    add_import_arguments(parser)
    parser.add_argument("--year", type=int, help=_("the year the bases are for (when the sheet has no year column)"))
    parser.set_defaults(func=run_import_bases)

    parser = subparsers.add_parser("export-dues", help=_("export the dues ledger to .xlsx"))
    add_db_argument(parser)
    parser.add_argument("file", type=Path, help=_("the .xlsx file to write"))
    _period_arguments(parser, required=False)
    parser.set_defaults(func=run_export_dues)

    parser = subparsers.add_parser("dues-arrears", help=_("list members with six or more consecutive unpaid months to .xlsx"))
    add_db_argument(parser)
    parser.add_argument("file", type=Path, help=_("the .xlsx file to write"))
    _period_arguments(parser, required=True)
    parser.add_argument("--months", type=int, default=6, help=_("consecutive unpaid months to list (default 6)"))
    parser.add_argument("--dry-run", action="store_true", help=_("only count the members, write no file"))
    parser.set_defaults(func=run_arrears)


def _period(args: argparse.Namespace):  # -> Period | None
    from unionoffice.domain.dues import DuesError, Period

    first, last = getattr(args, "first", None), getattr(args, "last", None)
    if first is None and last is None:
        return None
    try:
        return Period(first or last, last or first)
    except DuesError as exc:
        raise ValueError(str(exc)) from None


def _run_import(args: argparse.Namespace, bases: bool) -> int:
    from unionoffice.io.sheets import SheetError, write_rejected_rows
    from unionoffice.services import dues_import

    if not args.file.exists():
        return fail(_("The file {path} does not exist.").format(path=args.file))
    try:
        period = None if bases else _period(args)
    except ValueError as exc:
        return fail(str(exc))
    db = open_for_command(args)
    if db is None:
        return 2
    try:
        with db.session() as session:
            if bases:
                outcome = dues_import.import_bases(session, args.file, args.year, skip_invalid=args.skip_invalid,
                                                   dry_run=args.dry_run)
            else:
                outcome = dues_import.import_dues(session, args.file, skip_invalid=args.skip_invalid,
                                                  dry_run=args.dry_run, period=period)
    except SheetError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(str(exc))
    finally:
        db.close()
    for line in outcome.notices():
        print(line, file=sys.stderr)
    for line in outcome.error_lines():
        print(line, file=sys.stderr)
    rejected = outcome.rejected
    if rejected and args.rejects:
        for sheet in outcome.sheets:
            if sheet.rejected_rows:
                target = args.rejects if sheet is outcome.sheets[0] else args.rejects.with_name(
                    f"{args.rejects.stem}-{sheet.sheet_name}{args.rejects.suffix}")
                write_rejected_rows(sheet, target, sheet.rejected_rows)
                print(_("Rejected rows written to {path}.").format(path=target), file=sys.stderr)
    if args.dry_run:
        print(_("Dry run: nothing was written to the database."), file=sys.stderr)
    if rejected and not args.skip_invalid:
        print(_("{count} rows rejected; nothing was imported (use --skip-invalid to import the other rows).").format(
            count=len(rejected)))
        return 1
    print(_("Imported: {payments} payments, {bases} wage bases, {exemptions} exemptions; {rejected} rows rejected.").format(
        payments=outcome.payments, bases=outcome.bases, exemptions=outcome.exemptions, rejected=len(rejected)))
    return 1 if rejected else 0


def run_import_dues(args: argparse.Namespace) -> int:
    return _run_import(args, bases=False)


def run_import_bases(args: argparse.Namespace) -> int:
    return _run_import(args, bases=True)


def run_export_dues(args: argparse.Namespace) -> int:
    from unionoffice.services.dues_export import export_dues

    try:
        period = _period(args)
    except ValueError as exc:
        return fail(str(exc))
    db = open_for_command(args, create=False)
    if db is None:
        return 2
    try:
        with db.session() as session:
            count = export_dues(session, args.file, period)
    except OSError as exc:
        return fail(str(exc))
    finally:
        db.close()
    print(_("{count} rows written to {path}.").format(count=count, path=args.file))
    return 0


def run_arrears(args: argparse.Namespace) -> int:
    from unionoffice.services import dues_import

    if not 1 <= args.months <= 600:
        return fail(_("--months must be between 1 and 600."))
    try:
        period = _period(args)
    except ValueError as exc:
        return fail(str(exc))
    db = open_for_command(args, create=False)
    if db is None:
        return 2
    try:
        with db.session() as session:
            count = dues_import.export_arrears(session, None if args.dry_run else args.file, period, args.months)
    except OSError as exc:
        return fail(str(exc))
    finally:
        db.close()
    if args.dry_run:
        print(_("{count} members have {months} or more consecutive unpaid months; no file written (dry run).").format(
            count=count, months=args.months))
    else:
        print(_("{count} members with {months} or more consecutive unpaid months written to {path}.").format(
            count=count, months=args.months, path=args.file))
    return 0
