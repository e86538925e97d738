"""Long work (import, export, printing a big roster) off the UI thread, with a progress dialog and Cancel.

``run_with_progress(parent, title, work)`` calls ``work(progress)`` in a worker thread, where
``progress(done, total)`` updates the dialog and raises ``Cancelled`` once the clerk pressed Cancel;
the UI keeps painting meanwhile. It returns what ``work`` returned and re-raises its error here.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QEventLoop, QThread, Signal
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

    def progress(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise Cancelled()
        self.advanced.emit(done, total)

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as exc:  # handed to the UI thread, which re-raises it
            self.error = exc


def run_with_progress(parent: QWidget | None, title: str, work: Callable[[Progress], T], label: str = "") -> T:
    """Run ``work`` in a thread behind a modal progress dialog; raises Cancelled when cancelled."""
    cancelled = threading.Event()
    worker = _Worker(work, cancelled)
    dialog = QProgressDialog(label or title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)  # quick work finishes before any dialog flashes up
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(cancelled.set)

    def advanced(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    worker.advanced.connect(advanced)
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


