"""The command line. Without a subcommand it opens the main window.

Subcommands live in ``unionoffice/cli_commands/``: each module there has
``register(subparsers)`` and sets ``func(args) -> int`` on its parser, so each register adds
its own commands without editing this file.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import NoReturn

from unionoffice import __version__, cli_commands
from unionoffice.i18n import N_, _, choose_language, set_language

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_UNUSABLE = 2


# argparse's own texts (usage, headings, errors), so `--help` and a wrong option read in the program's language.
ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("expected one argument"),
    N_("one of the arguments %s is required"), N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def translate_argparse() -> None:
    """argparse looks its texts up through its module's ``_`` each time: point that at the program's catalog."""
    known = set(ARGPARSE_TEXTS)
    argparse._ = lambda text: _(text) if text in known else text  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unionoffice",
        description=_("UnionOffice: the trade union office assistant. Without a command, opens the main window."),
    )
    parser.add_argument("--version", action="version", version=f"unionoffice {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("database file (default: the per-user data folder)"))
    parser.add_argument(
        "--self-check",
        action="store_true",
        help=_("open every page of the main window, close it and exit (checks an installation)"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in _command_modules():
        module = importlib.import_module(f"{cli_commands.__name__}.{name}")
        if hasattr(module, "register"):
            module.register(subparsers)
    return parser


def _command_modules() -> list[str]:
    """The modules of unionoffice/cli_commands, by name. From the folder when there is one
    (pkgutil would import ``inspect`` for that: a tenth of ``--version``); pkgutil for the
    bundle's archive."""
    folders = [Path(p) for p in cli_commands.__path__]
    if all(folder.is_dir() for folder in folders):
        names = {entry.name.partition(".")[0] for folder in folders for entry in os.scandir(folder)
                 if entry.name.endswith((".py", ".pyc")) and not entry.name.startswith("_")}
        if names:  # a bundle may keep a folder for the package's data only
            return sorted(names)
    import pkgutil

    return sorted(info.name for info in pkgutil.iter_modules(cli_commands.__path__))


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    set_language(choose_language())
    translate_argparse()
    from unionoffice.cli_guard import run_guarded

    return run_guarded(lambda: _run(argv))


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if not has_display():
            print(
                _(
                    "No display found: the window cannot open here. Use `xvfb-run unionoffice`, "
                    "or the command line (`unionoffice --help`)."
                ),
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        from unionoffice.gui.app import run_gui

        return run_gui(args.db, self_check=args.self_check)
    # A command is one short batch of work over many small objects (rows, cells, lines): collect
    # reference cycles less often (the report command spent about a tenth of its time in the collector).
    gc.set_threshold(50_000, 20, 20)
    return int(args.func(args))


def entry() -> NoReturn:
    """The ``unionoffice`` program (console script, ``python -m unionoffice``, the bundle): ``main``,
    then a command's quick exit (unionoffice/quick_exit.py); the window exits the usual way."""
    try:
        code: object = main()
    except SystemExit as exc:  # argparse: --help, --version, a usage error
        code = exc.code
    if code is None:
        code = EXIT_OK
    if not isinstance(code, int) or "unionoffice.gui.app" in sys.modules:
        raise SystemExit(code)
    from unionoffice.quick_exit import exit_now

    exit_now(code)


if __name__ == "__main__":
    entry()
