"""`fill-template` and `check-template`: the higher union's 实名制 upload template, filled from the
roster and checked offline as their checker would check it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unionoffice.cli_commands.common import add_db_argument, date_argument, fail, open_for_command
from unionoffice.i18n import _

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
SHOWN_PROBLEMS = 50


def register(subparsers: argparse._SubParsersAction) -> None:
    fill = subparsers.add_parser(
        "fill-template", help=_("fill a higher union's member upload template (.xlsx/.xls) from the roster"))
    fill.add_argument("template", metavar="TEMPLATE", type=Path, help=_("the template as received (.xlsx or .xls)"))
    fill.add_argument("--out", metavar="OUT.xlsx", type=Path, required=True, help=_("the filled file to write"))
    add_db_argument(fill)
    fill.add_argument("--profile", metavar="NAME|FILE",
                      help=_("a saved column mapping (its name, or a .json file); default: map by header text"))
    fill.add_argument("--save-profile", metavar="NAME", help=_("save the mapping used under this name"))
    fill.add_argument("--group", metavar="NAME", help=_("only this group/department"))
    fill.add_argument("--as-of", type=date_argument, metavar="YYYY-MM-DD",
                      help=_("the roster as it stood on this date (default: today)"))
    fill.add_argument("--allow-problems", action="store_true",
                      help=_("write the file even when problems are found, with a 问题清单 sheet listing them"))
    fill.set_defaults(func=run_fill)

    check = subparsers.add_parser(
        "check-template", help=_("check a filled upload template as the higher union's checker would"))
    check.add_argument("file", metavar="FILLED.xlsx", type=Path)
    check.set_defaults(func=run_check)


def _print_columns(template) -> None:  # type: ignore[no-untyped-def]
    from unionoffice.io.upload.fields import field_title

    for column in template.columns:
        line = _("  {letter} {header} ← {field}").format(letter=column.letter, header=column.header,
                                                        field=field_title(column.field))
        if column.items is not None:
            line += _(" (drop-down list, {count} items)").format(count=len(column.items))
        print(line)
    if template.unmapped:
        print(_("Columns this program has no field for (left empty): {columns}.").format(
            columns="、".join(c.header for c in template.unmapped)))


def _print_problems(problems) -> None:  # type: ignore[no-untyped-def]
    for problem in problems[:SHOWN_PROBLEMS]:
        print(problem.line())
    if len(problems) > SHOWN_PROBLEMS:
        print(_("… and {count} more problems.").format(count=len(problems) - SHOWN_PROBLEMS))


def run_fill(args: argparse.Namespace) -> int:
    from unionoffice.io.upload.profiles import Profile, ProfileError, load_profile, save_profile
    from unionoffice.io.upload.template import TemplateError
    from unionoffice.io.upload.writer import add_problem_sheet, open_template, save
    from unionoffice.services.upload_fill import UploadError, fill_from_roster

    try:
        open_template(args.template)  # an unusable template is said before the database is opened
    except TemplateError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    db = open_for_command(args, create=False)
    if db is None:
        return EXIT_UNUSABLE
    data_folder = db.data_folder
    try:
        mapping = load_profile(data_folder, args.profile).mapping if args.profile else None
        with db.session() as session:
            template, result = fill_from_roster(session, args.template, mapping, as_of=args.as_of, group=args.group)
        if mapping:
            missing = [header for header in mapping if header not in {c.header for c in template.columns}]
            if missing:
                print(_("The profile names columns this template does not have: {columns}.").format(
                    columns="、".join(missing)), file=sys.stderr)
        if args.save_profile:
            saved = save_profile(data_folder, Profile(args.save_profile, template.mapping()))
            print(_("Mapping saved as profile “{name}” ({path}).").format(name=args.save_profile, path=saved))
    except (ProfileError, UploadError, TemplateError) as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    finally:
        db.close()
    print(_("Template {name}, sheet “{sheet}”, header in row {row}:").format(
        name=args.template.name, sheet=template.sheet.title, row=template.header_row))
    _print_columns(template)
    _print_problems(result.problems)
    if result.problems and not args.allow_problems:
        print(_("{rows} members, {count} problems: the file was not written (fix the records, or use "
                "--allow-problems to write it with a 问题清单 sheet).").format(rows=result.rows, count=len(result.problems)))
        return EXIT_PROBLEMS
    if result.problems:
        add_problem_sheet(template, result.problems)
    try:
        save(template, args.out)
    except TemplateError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    if result.problems:
        print(_("{rows} members written to {path} with {count} problems listed on its 问题清单 sheet.").format(
            rows=result.rows, path=args.out, count=len(result.problems)))
        return EXIT_PROBLEMS
    print(_("{rows} members written to {path}; no problems found.").format(rows=result.rows, path=args.out))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from unionoffice.io.upload.template import TemplateError
    from unionoffice.io.upload.writer import check_filled, open_template

    try:
        template = open_template(args.file)
    except TemplateError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    result = check_filled(template)
    _print_problems(result.problems)
    if result.problems:
        print(_("{rows} rows checked, {count} problems found.").format(rows=result.rows, count=len(result.problems)))
        return EXIT_PROBLEMS
    print(_("{rows} rows checked; no problems found.").format(rows=result.rows))
    return EXIT_OK
