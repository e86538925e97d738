"""Long work (import, export, printing a big roster) off the UI thread, with a progress dialog and Cancel.

Two ways to wait for it, one worker underneath:
- ``run_with_progress(parent, title, work)`` blocks the caller (the UI keeps painting) and returns
  what ``work`` returned, re-raising its error here; ``run_job`` does the same but returns None
  when the clerk cancelled.
- ``Job(parent, title, work).start()`` returns at once and later emits ``finished(result)`` or
  ``failed(exception)`` in the UI thread.
``work(progress)`` runs in a worker thread; ``progress(done, total)`` updates the dialog and
raises ``Cancelled`` once the clerk pressed Cancel.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from unionoffice.i18n import _

T = TypeVar("T")
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The clerk pressed Cancel; the work stops and changes nothing."""


class _Worker(QThread):
    advanced = Signal(int, int)

    def __init__(self, work: Callable[[Progress], Any], cancelled: threading.Event) -> None:
        super().__init__()
        self.work, self.cancelled = work, cancelled
        self.result: Any = None
        self.error: BaseException | None = None

    def progress(self, done: int, total: int = 0) -> None:
        if self.cancelled.is_set():
            raise Cancelled()
        self.advanced.emit(int(done), int(total))

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as exc:  # handed to the UI thread, which re-raises or reports it
            self.error = exc


def _progress_dialog(parent: QWidget | None, title: str, label: str, cancelled: threading.Event) -> QProgressDialog:
    dialog = QProgressDialog(label or title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)  # quick work finishes before any dialog flashes up
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(cancelled.set)
    return dialog


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))


def run_with_progress(parent: QWidget | None, title: str, work: Callable[[Progress], T], label: str = "") -> T:
    """Run ``work`` in a thread behind a modal progress dialog; raises Cancelled when cancelled."""
    cancelled = threading.Event()
    worker = _Worker(work, cancelled)
    dialog = _progress_dialog(parent, title, label, cancelled)
    worker.advanced.connect(lambda done, total: _show_progress(dialog, done, total))
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    was_cancelled = cancelled.is_set()
    dialog.canceled.disconnect(cancelled.set)  # closing a progress dialog emits canceled
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    if was_cancelled:
        raise Cancelled()
    return worker.result


def run_job(parent: QWidget | None, label: str, work: Callable[[Progress], T]) -> T | None:
    """``run_with_progress`` titled 请稍候 that returns None when the clerk cancelled."""
    try:
        return run_with_progress(parent, _("Please wait"), work, label=label)
    except Cancelled:
        return None


class Job(QObject):
    """Runs ``work(progress)`` in a thread; ``finished(result)`` or ``failed(exception)`` in the UI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget, title: str, work: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self.cancelled = threading.Event()
        self.dialog = _progress_dialog(parent, title, "", self.cancelled)
        self.worker = _Worker(work, self.cancelled)
        self.worker.advanced.connect(lambda done, total: _show_progress(self.dialog, done, total))
        self.worker.finished.connect(self._end)

    def start(self) -> "Job":
        self.worker.start()
        return self

    def wait(self) -> None:
        """Block until the work is done (tests)."""
        self.worker.wait()

    def _end(self) -> None:
        """The thread has finished: close the dialog, report, and let Qt delete dialog, thread and job."""
        self.worker.wait()
        self.dialog.canceled.disconnect(self.cancelled.set)
        self.dialog.close()
        self.dialog.deleteLater()
        self.worker.deleteLater()
        error, result = self.worker.error, self.worker.result
        if error is not None and not isinstance(error, Exception):
            self.deleteLater()
            raise error  # KeyboardInterrupt and the like are not the clerk's business to read
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
        self.deleteLater()
