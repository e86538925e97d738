"""Long work (import, export, laying out a long form) off the UI thread, with a progress dialog and cancel."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from unionoffice.i18n import _


class Cancelled(Exception):
    """Raised from the progress callback when the clerk pressed Cancel."""


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancel_requested = False

    def report(self, done: int, total: int) -> None:
        if self.cancel_requested:
            raise Cancelled()
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            self.result = self.work(self.report)
        except BaseException as exc:  # handed back to the UI thread
            self.error = exc


def run_job(parent: QWidget | None, label: str, work: Callable[[Callable[[int, int], None]], Any]) -> Any:
    """Run ``work(progress)`` in a thread; returns its result, None when cancelled, re-raises its error.

    ``work`` opens its own database session; ``progress(done, total)`` raises Cancelled after Cancel.
    """
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setMinimumDuration(400)
    worker = _Worker(work)
    loop = QEventLoop()
    worker.progressed.connect(lambda done, total: (dialog.setMaximum(max(total, 0)), dialog.setValue(min(done, total))))
    dialog.canceled.connect(lambda: setattr(worker, "cancel_requested", True))
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.reset()
    dialog.deleteLater()
    if isinstance(worker.error, Cancelled):
        return None
    if worker.error is not None:
        raise worker.error
    return worker.result
