"""`import-members` and `export-members`: the roster in and out of Excel from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, date_argument, fail, open_for_command, output_refused
from unionoffice.i18n import _

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2
ROSTER_COLUMNS = "unionoffice.io.roster_sheet:COLUMNS"


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser("import-members", help=_("import members from an Excel/WPS/ODS roster"))
    imp.add_argument("file", metavar="FILE", type=Path, help=_(".xlsx, .xls or .ods file"))
    imp.add_argument("--sheet", metavar="NAME", help=_("sheet to read (default: the one that looks like a roster)"))
    add_db_argument(imp)
    imp.add_argument("--dry-run", action="store_true", help=_("check every row, change nothing"))
    imp.add_argument("--skip-invalid", action="store_true",
                     help=_("import the good rows even when some are rejected (without it, nothing is imported)"))
    imp.add_argument("--update-existing", action="store_true",
                     help=_("update members whose ID number is already in the roster with the file's values (default: a row "
                            "that differs from the member's record is rejected; an unchanged one is “no change”)"))
    imp.add_argument("--apply-status", action="store_true",
                     help=_("set the membership status from the file where it contradicts the recorded one "
                            "(default: list those rows and leave the status as recorded)"))
    imp.add_argument("--errors-out", metavar="FILE", type=Path,
                     help=_("save the rejected rows (with an added error reason column) and a sheet of every change (.xlsx)"))
    imp.set_defaults(func=run_import)

    exp = subparsers.add_parser("export-members", help=_("export the member roster to .xlsx"))
    exp.add_argument("out", metavar="OUT.xlsx", type=Path)
    add_db_argument(exp)
    exp.add_argument("--as-of", type=date_argument, metavar="YYYY-MM-DD",
                     help=_("the roster as it stood on this date (default: today)"))
    exp.add_argument("--group", metavar="NAME", help=_("only this group/department"))
    exp.add_argument("--all-statuses", action="store_true", help=_("include former members (default: members on the roll)"))
    exp.add_argument("--all-fields", action="store_true", help=_("every field, not only the roster's columns"))
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    if output_refused(args, args.errors_out, [args.file]):
        return EXIT_UNUSABLE
    # A large file is read by a worker process from here on (io/sheet_worker.py), while this one
    # imports the database layer below, plans and writes.
    from unionoffice.io.sheet_worker import read_sheet

    reading = read_sheet(args.file, ROSTER_COLUMNS, args.sheet, key="id_number")

    from unionoffice.io.sheets import SheetError, error_lines
    from unionoffice.services.roster_import import Action
    from unionoffice.services.roster_report import change_lines, has_changes, write_report
    from unionoffice.services.roster_stream import import_streamed

    # The rows are read, planned and written a chunk at a time (a 200,000-row roster is never held
    # whole); the file's header is read first, so an unusable file is refused before the office opens.
    try:
        with reading as (parsed, rows):
            db = open_for_command(args, write=not args.dry_run)
            if db is None:
                return EXIT_UNUSABLE
            try:
                with (db.session() if args.dry_run else db.write_session()) as session:
                    if not args.dry_run:  # a second PC's import waits, and then plans against what the first wrote
                        from unionoffice.store.register_lock import lock_register

                        lock_register(session, "members")
                    outcome = import_streamed(session, parsed, rows, update_existing=args.update_existing,
                                              apply_status=args.apply_status, write=not args.dry_run,
                                              skip_invalid=args.skip_invalid, source_name=args.file.name)
            finally:
                db.close()
    except SheetError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    plan, result = outcome.plan, outcome.result
    rejected = plan.count(Action.ERROR)
    will_import = result is not None
    for line in parsed.notices() + outcome.notices:
        print(line, file=sys.stderr)
    summary = _("{file}: {rows} rows — {new} new, {update} to update, {same} unchanged, {error} rejected.").format(
        file=args.file.name, rows=plan.total, new=plan.count(Action.NEW), update=plan.count(Action.UPDATE),
        same=plan.count(Action.UNCHANGED), error=rejected)
    print(summary)
    for line in change_lines(plan):
        print(line)
    for line in error_lines(r.row for r in plan.rejected):
        print(line)
    conflicts = plan.conflicts
    if conflicts and not args.apply_status:
        print(_("{count} rows give a membership status that contradicts the recorded one; it was left as recorded "
                "(use --apply-status to set it from the file).").format(count=len(conflicts)))
    if args.errors_out and (rejected or has_changes(plan)):
        from unionoffice.io.sheets import WriteError  # openpyxl only when a file is written

        try:
            write_report(plan, args.errors_out)
        except WriteError as exc:
            return fail(str(exc), EXIT_UNUSABLE)
        print(_("Rejected rows and changes saved to {path}.").format(path=args.errors_out))
    if args.dry_run:
        print(_("Dry run: nothing was changed."))
    elif will_import:
        print(_("Imported: {new} added, {update} updated.").format(new=result.added, update=result.updated))
        if result.statuses_set:
            print(_("Membership status set from the file for {count} members.").format(count=result.statuses_set))
    else:
        print(_("Nothing was imported because some rows were rejected (use --skip-invalid to import the rest)."))
    return EXIT_REJECTED if rejected else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from unionoffice.io.roster_export import export_members
    from unionoffice.services.member_query import ON_ROLL, MemberFilter
    from unionoffice.store.models import Group

    if output_refused(args, args.out):
        return EXIT_UNUSABLE
    db = open_for_command(args, create=False)
    if db is None:
        return EXIT_UNUSABLE
    try:
        with db.session() as session:
            member_filter = MemberFilter(status="all" if args.all_statuses else ON_ROLL, as_of=args.as_of)
            if args.group:
                group_id = session.scalar(select(Group.id).where(Group.name == " ".join(args.group.split())))
                if group_id is None:
                    return fail(_("There is no group named “{name}”.").format(name=args.group), EXIT_UNUSABLE)
                member_filter.group_ids = [group_id]
            count = export_members(session, member_filter, args.out, all_fields=args.all_fields)
    except OSError as exc:
        from unionoffice.io.sheets.export import WriteError

        if isinstance(exc, WriteError):  # its message already names the file and the reason
            return fail(str(exc), EXIT_UNUSABLE)
        return fail(_("Cannot write {path}: {error}").format(path=args.out, error=exc), EXIT_UNUSABLE)
    finally:
        db.close()
    print(_("{count} members exported to {path}.").format(count=count, path=args.out))
    return EXIT_OK
