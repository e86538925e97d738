"""`report`: draft the work summary for a period and write it as PDF or DOCX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from unionoffice.cli_commands.common import add_db_argument, date_argument, fail, open_for_command, output_refused
from unionoffice.i18n import _, os_error_text

if TYPE_CHECKING:
    from unionoffice.reports.figures import Period
    from unionoffice.reports.writer_process import InProcessWriter, WriterProcess
    from unionoffice.store.read_session import ReadSession

    Writer = WriterProcess | InProcessWriter


MAX_TITLE_CHARS = 200  # a document title; DOCX itself stops at 255


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help=_("draft the work summary of a period and write it as PDF or DOCX"))
    add_db_argument(parser)
    parser.add_argument("--from", dest="start", type=date_argument, required=True, metavar="YYYY-MM-DD",
                        help=_("first day of the period"))
    parser.add_argument("--to", dest="end", type=date_argument, required=True, metavar="YYYY-MM-DD",
                        help=_("last day of the period"))
    parser.add_argument("--template", default=None, help=_("template name or .toml file (default: standard)"))
    parser.add_argument("--title", default=None, help=_("title (default: drafted from the template)"))
    parser.add_argument("--out", required=True, type=Path, help=_("output file, .pdf or .docx"))
    parser.add_argument("--keep-prompts", action="store_true",
                        help=_("print the parts the records could not draft with their prompt (default: leave them out)"))
    parser.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        return fail(_("The output file must end in .pdf or .docx: {path}").format(path=args.out))
    if output_refused(args, args.out, [args.template] if args.template and Path(args.template).exists() else []):
        return 2
    if args.title is not None:
        from unionoffice.domain.text_rules import TextTooLong, check_length, clean_text

        try:
            args.title = check_length(clean_text(args.title).strip(), MAX_TITLE_CHARS, "--title")
        except TextTooLong as exc:
            return fail(str(exc))
    from unionoffice.reports.periods import date_range

    try:
        period = date_range(args.start, args.end)
    except ValueError as exc:
        return fail(str(exc))
    from unionoffice.reports.writer_process import start_writer

    writer = start_writer(suffix)  # loads reportlab or python-docx on the other core while this one drafts
    try:
        return _draft_and_write(args, period, writer)
    finally:
        writer.close()


def _draft_and_write(args: argparse.Namespace, period: Period, writer: Writer) -> int:
    from unionoffice.reports.template import TemplateError, load_template
    template, error = load_template(args.template)
    if error is not None:
        if args.template:
            return fail(str(error))
        print(_("Warning: {message}").format(message=error), file=sys.stderr)
    from unionoffice.reports.draft import draft_summary

    reader = _reading_session(args)
    if reader is not None:
        try:
            draft = draft_summary(reader, period, template, title=args.title)
        except TemplateError as exc:
            return fail(str(exc))
        finally:
            reader.close()
    else:
        db = open_for_command(args, create=False)
        if db is None:
            return 2
        try:
            with db.session() as session:
                draft = draft_summary(session, period, template, title=args.title)
        except TemplateError as exc:
            return fail(str(exc))
        finally:
            db.close()
    from unionoffice.reports.compose import to_document, undrafted_parts

    from unionoffice.io.safe_files import atomic_target

    undrafted = [p.heading for p in undrafted_parts(draft)]
    if undrafted:
        message = _("Kept with their prompt, for you to write: {parts}") if args.keep_prompts else \
            _("Left out, the records did not draft them (write them in the wizard, or use --keep-prompts): {parts}")
        print(message.format(parts="、".join(undrafted)), file=sys.stderr)
    document = to_document(draft, keep_prompts=args.keep_prompts)
    try:
        with atomic_target(args.out) as partial:
            writer.write(document, partial)
    except OSError as exc:
        return fail(_("Could not write {path}: {error}").format(path=args.out, error=os_error_text(exc)))
    print(_("Written: {path}").format(path=args.out))
    return 0


def _reading_session(args: argparse.Namespace) -> ReadSession | None:
    """The office file opened for reading without SQLAlchemy (store/read_session.py), or None:
    a server office, or a file the usual open must upgrade or refuse (it then says why)."""
    from unionoffice.store.read_session import open_for_reading
    from unionoffice.store.targets import resolve_target

    try:
        target = resolve_target(getattr(args, "db", None))
    except Exception:  # noqa: BLE001 - the usual open says what is wrong with it
        return None
    return None if isinstance(target, str) else open_for_reading(target)
