"""Ctrl-C while the program is still loading: one line, not a traceback.

A command answers Ctrl-C itself (cli_guard.run_guarded: one line, exit code 130), but only once
its modules are loaded; pressed in the first tenth of a second, while Python still imports them,
the interrupt reached the interpreter's top level, which printed a traceback. Nothing has been
opened or written then. This hook, installed as the program's package is imported, prints the
guard's line instead (in Chinese and English when the language is not loaded yet); Python then
ends the process by SIGINT as before (the shell's 130). Every other uncaught exception is shown
as it always was.
"""

from __future__ import annotations

import sys
from types import TracebackType

INTERRUPTED = "Interrupted. What was already saved is intact; an unfinished change was not saved."
BEFORE_LANGUAGE = "已中断。Interrupted.\n"


def _hook(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        _previous(kind, value, traceback)
        return
    i18n = sys.modules.get("unionoffice.i18n")
    try:
        line = i18n._(INTERRUPTED) + "\n" if i18n is not None else BEFORE_LANGUAGE
    except Exception:  # noqa: BLE001 - interrupted while the catalogs loaded
        line = BEFORE_LANGUAGE
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # no stream to tell


_previous = sys.excepthook


def install() -> None:
    global _previous
    if sys.excepthook is not _hook:
        _previous = sys.excepthook
        sys.excepthook = _hook
