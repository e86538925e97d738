"""Drafting a summary while the writer gets ready (the `report` command).

Most of a draft's time is SQLite working on the figures, and the sqlite3 module lets go of the
interpreter lock while a statement runs; most of the writer's set-up is importing reportlab or
python-docx and reading the fonts, which only needs the interpreter. ``in_background`` drafts on
one thread while the caller's thread prepares the writer with ``prepare_writer``; the draft's
reading session is used by that one thread alone until ``result`` returns (one connection, one
transaction: every figure from one snapshot, as before).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work()`` running on a thread of its own; ``result()`` waits and returns or raises what it did."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        # A daemon thread: Ctrl-C in the waiting caller ends the process without waiting for it.
        self._thread = threading.Thread(target=self._run, name="report-draft", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread in result()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self.wait()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._value  # type: ignore[return-value]


def in_background(work: Callable[[], T]) -> Background[T]:
    return Background(work)


def prepare_writer(suffix: str) -> None:
    """Import what writing a ``suffix`` (.pdf / .docx) file needs and find the fonts, so that the
    time goes by while the draft is counted; writing afterwards does the same with or without it."""
    from unionoffice.reports import compose  # noqa: F401 - imported for its time, used after the draft

    if suffix == ".pdf":
        from unionoffice.io.fonts import font_set
        from unionoffice.reports import pdf_writer  # noqa: F401

        font_set()
    else:  # (the fonts and reportlab only when the draft has a chart: test_report_lean.py)
        from unionoffice.reports import docx_writer  # noqa: F401
