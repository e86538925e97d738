"""`import-activities`, `import-trainings`, `export-activities`, `export-trainings`, `export-honours`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, date_argument, fail, open_for_command, output_refused
from unionoffice.i18n import _

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2


_date = date_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, what, function in (
        ("import-activities", _("import the activity log from a workbook (sheet 1 activities, sheet 2 attendees by ID number)"), "import_activities"),
        ("import-trainings", _("import training records from a workbook (sheet 1 sessions, sheet 2 attendees by ID number)"), "import_trainings"),
    ):
        parser = subparsers.add_parser(name, help=what)
        parser.add_argument("file", metavar="FILE", type=Path)
        add_db_argument(parser)
        parser.add_argument("--dry-run", action="store_true", help=_("check the file and report, change nothing"))
        parser.add_argument("--skip-invalid", action="store_true", help=_("import the good rows even when some are rejected"))
        parser.add_argument("--errors-out", metavar="FILE", type=Path,
                            help=_("write the rejected rows with the reason to this .xlsx (attendees to FILE-2.xlsx)"))
        parser.set_defaults(func=lambda args, f=function: run_import(args, f))

    for name, what, function in (
        ("export-activities", _("export the activity log to .xlsx (activities and attendees)"), "export_activities"),
        ("export-trainings", _("export training records to .xlsx (sessions and attendees with results)"), "export_trainings"),
    ):
        parser = subparsers.add_parser(name, help=what)
        parser.add_argument("file", metavar="FILE", type=Path)
        add_db_argument(parser)
        parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help=_("first start date"))
        parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help=_("last start date"))
        parser.set_defaults(func=lambda args, f=function: run_export(args, f))

    parser = subparsers.add_parser("export-honours", help=_("export the honours list (awards won at activities) to .xlsx"))
    parser.add_argument("file", metavar="FILE", type=Path)
    add_db_argument(parser)
    parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help=_("first date"))
    parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help=_("last date"))
    parser.set_defaults(func=run_export_honours)


def run_import(args: argparse.Namespace, function_name: str) -> int:
    from unionoffice.io.sheets import SheetError, write_rejected_rows
    from unionoffice.services import ledger_import
    from unionoffice.services.ledger_import import LedgerImport

    function = getattr(ledger_import, function_name)
    if args.errors_out is not None:
        second = args.errors_out.with_name(f"{args.errors_out.stem}-2{args.errors_out.suffix}")
        if output_refused(args, args.errors_out, [args.file]) or output_refused(args, second, [args.file]):
            return EXIT_UNUSABLE
    db = open_for_command(args, write=not args.dry_run)
    if db is None:
        return EXIT_UNUSABLE
    try:
        with (db.session() if args.dry_run else db.write_session()) as session:
            result: LedgerImport = function(session, args.file, skip_invalid=args.skip_invalid, dry_run=args.dry_run)
    except SheetError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    finally:
        db.close()
    for line in result.notice_lines():
        print(line, file=sys.stderr)
    for line in result.error_lines():
        print(line)
    if args.errors_out and result.rejected:
        write_rejected_rows(result.records, args.errors_out)
        if result.attendees is not None and result.attendees.rejected_rows:
            write_rejected_rows(result.attendees, args.errors_out.with_name(f"{args.errors_out.stem}-2{args.errors_out.suffix}"))
    records = len(result.records.rows)
    attendees = len(result.attendees.rows) if result.attendees is not None else 0
    if args.dry_run:
        print(_("Checked {records} records and {attendees} attendee lines: {rejected} rows would be rejected; nothing was changed.").format(
            records=records, attendees=attendees, rejected=result.rejected))
    elif result.rejected and not args.skip_invalid:
        print(_("{rejected} rows were rejected, so nothing was imported (use --skip-invalid to import the rest).").format(
            rejected=result.rejected))
    else:
        print(_("Imported {records} records with {attendees} attendees; {rejected} rows rejected.").format(
            records=result.imported_records, attendees=result.imported_attendees, rejected=result.rejected))
    return EXIT_REJECTED if result.rejected else EXIT_OK


def run_export(args: argparse.Namespace, function_name: str) -> int:
    from unionoffice.services import ledger_export
    from unionoffice.services.ledger_lists import LedgerFilter

    function = getattr(ledger_export, function_name)
    if output_refused(args, args.file):
        return EXIT_UNUSABLE
    db = open_for_command(args, create=False)
    if db is None:
        return EXIT_UNUSABLE
    try:
        with db.session() as session:
            path = function(session, args.file, LedgerFilter(date_from=args.date_from, date_to=args.date_to))
    except OSError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    finally:
        db.close()
    print(_("Written: {path}").format(path=path))
    return EXIT_OK


def run_export_honours(args: argparse.Namespace) -> int:
    from unionoffice.services.ledger_export import export_honours

    if output_refused(args, args.file):
        return EXIT_UNUSABLE
    db = open_for_command(args, create=False)
    if db is None:
        return EXIT_UNUSABLE
    try:
        with db.session() as session:
            path = export_honours(session, args.file, args.date_from, args.date_to)
    except OSError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    finally:
        db.close()
    print(_("Written: {path}").format(path=path))
    return EXIT_OK
