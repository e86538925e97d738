"""Long work (import, export) off the UI thread, with a progress dialog and cancel."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from unionoffice.i18n import _


class Cancelled(Exception):
    """Raised from a progress callback when the clerk pressed Cancel."""


class _Worker(QThread):
    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Callable[..., None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancelled = False

    def report(self, done: int, total: int = 0) -> None:
        if self.cancelled:
            raise Cancelled()
        self.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            self.done.emit(self.work(self.report))
        except Exception as exc:  # handed to the UI thread, shown there
            self.failed.emit(exc)


class Job(QObject):
    """Runs ``work(progress)`` in a thread; ``finished(result)`` or ``failed(exception)`` in the UI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget, title: str, work: Callable[[Callable[..., None]], Any]) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)
        self.worker = _Worker(work)
        self.worker.progressed.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.dialog.canceled.connect(self._cancel)

    def start(self) -> "Job":
        self.worker.start()
        return self

    def wait(self) -> None:
        """Block until the work is done (tests)."""
        self.worker.wait()

    def _cancel(self) -> None:
        self.worker.cancelled = True

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total) if total else 0)

    def _done(self, result: Any) -> None:
        self._end()
        self.finished.emit(result)

    def _failed(self, exc: Exception) -> None:
        self._end()
        self.failed.emit(exc)

    def _end(self) -> None:
        """The thread has finished: close the dialog; Qt deletes the dialog, thread and job afterwards."""
        self.dialog.reset()
        self.worker.wait()
        self.dialog.deleteLater()
        self.worker.deleteLater()
        self.deleteLater()
