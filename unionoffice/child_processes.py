"""Worker processes started deaf to Ctrl-C: the command answers it, and ends them.

A terminal sends Ctrl-C to its whole foreground process group: the command and the workers it
spawned (the roster reader, io/sheet_worker.py; the report's writer, reports/writer_process.py).
A worker that got it while Python was still starting printed a traceback on the command's
stderr; on a busy machine that start takes longer than a quarter of a second. So, on POSIX,
Ctrl-C is blocked while a worker is started: fork and exec keep the blocked mask, the worker never
receives it, and the command's own is delivered the moment it is unblocked again (a few
milliseconds later, not lost). Windows has no signal mask; there a worker ignores Ctrl-C from its
first line of code on.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def started_deaf_to_ctrl_c() -> Iterator[None]:
    """Start worker processes inside this block (this thread's signal mask; POSIX only)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    from multiprocessing import resource_tracker

    # multiprocessing starts its resource tracker with the first worker and unblocks Ctrl-C after
    # it (SIG_UNBLOCK, not the mask before): started first, it leaves the mask below alone.
    resource_tracker.ensure_running()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
