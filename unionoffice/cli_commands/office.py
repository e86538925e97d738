"""`demo` and `info`: build the demo office, show what a database holds."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from unionoffice.cli_commands.common import add_db_argument, date_argument, fail, open_for_command
from unionoffice.i18n import _

# The values of unionoffice.demo.DemoSize, spelled out so that `--help` need not import the demo builder
# (tests/test_cli_startup.py checks they agree).
DEMO_SIZES = ("small", "large")


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help=_("create the fictional demo office in an empty database"))
    add_db_argument(demo)
    demo.add_argument("--size", choices=DEMO_SIZES, default=DEMO_SIZES[0],
                      help=_("small: about 300 members and a year; large: 20,000 members and five years"))
    demo.add_argument("--seed", type=int, default=2026, help=_("random seed (same seed, same office)"))
    demo.add_argument("--until", type=date_argument, default=None, metavar="YYYY-MM-DD",
                      help=_("last day of the demo records (default: today)"))
    demo.set_defaults(func=run_demo)

    info = subparsers.add_parser("info", help=_("show the schema version and the number of records per table"))
    add_db_argument(info)
    info.set_defaults(func=run_info)


def run_demo(args: argparse.Namespace) -> int:
    from unionoffice.demo import DemoError, DemoSize, generate

    db = open_for_command(args, write=True)
    if db is None:
        return 2
    started = time.perf_counter()
    try:
        generate(db, DemoSize(args.size), seed=args.seed, until=args.until)
    except DemoError as exc:
        return fail(str(exc))
    finally:
        db.close()
    print(_("Demo office ({size}) written to {path} in {seconds:.1f} s.").format(
        size=args.size, path=db.display_name, seconds=time.perf_counter() - started))
    return 0


def run_info(args: argparse.Namespace) -> int:
    from unionoffice.store.database import DatabaseError, read_schema_version, table_counts
    from unionoffice.store.sqlite_paths import UnusablePath, check_database_path
    from unionoffice.store.targets import resolve_target

    path = resolve_target(getattr(args, "db", None))
    if isinstance(path, str):  # a server office: opening it says what is wrong
        db = open_for_command(args, create=False)
        if db is None:
            return 2
        return _print_info(db)
    try:
        if not check_database_path(path):
            return fail(_("The database file {path} does not exist.").format(path=path))
    except UnusablePath as exc:
        return fail(str(exc))
    try:
        version = read_schema_version(path)
    except DatabaseError as exc:
        return fail(str(exc))
    if version is None:
        return fail(_("{path} is not a UnionOffice database file.").format(path=path))
    db = open_for_command(args, create=False)
    if db is None:
        return 2
    return _print_info(db)


def _print_info(db) -> int:  # noqa: ANN001 - a store.database.Database
    from unionoffice.store.database import table_counts

    try:
        counts = table_counts(db.engine)
    finally:
        db.close()
    print(_("Database: {path}").format(path=db.display_name))
    print(_("Schema version: {version}").format(version=db.schema_version))
    width = max(len(name) for name in counts)
    for name, count in counts.items():
        print(f"  {name:<{width}}  {count:>8}")
    sys.stdout.flush()
    return 0
