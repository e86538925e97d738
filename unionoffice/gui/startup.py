"""The window's cold start: paint the frame first, open the office right after.

Opening an office loads SQLAlchemy, the models and the schema check, and the start page counts
its figures: about a second on a clerk's PC. So once the database lock is held (nothing is
written before that), the window's frame — navigation, menus, a line saying the office is being
opened — paints first, and the database opens just after that first paint. The frame needs only
the office's interface language, read with a glance (store/glance.py).

The office is opened first, before any window, as it always was, when the glance cannot tell,
when the office has a program password (nothing of the window shows before it is given), and
for ``--self-check``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from unionoffice.paths import resolve_db_path
from unionoffice.store.glance import OfficeGlance, glance
from unionoffice.store.targets import resolve_target

if TYPE_CHECKING:
    from unionoffice.gui.context import AppContext
    from unionoffice.gui.main_window import MainWindow

# For the start-up benchmark: leave at the first paint of the window (the office not opened when
# the frame paints first), or once the office is open and the start page has painted. PAINTED is
# written to stdout then, so the benchmark times the paint itself, not the exit that follows it.
QUIT_AFTER_PAINT = "UNIONOFFICE_QUIT_AFTER_PAINT"
QUIT_WHEN_READY = "UNIONOFFICE_QUIT_WHEN_READY"
PAINTED = "unionoffice: painted"


def first_start_pending(db_path: str | None) -> bool:
    """Whether nothing says yet which office to open (no --db, no UNIONOFFICE_DB, no saved server,
    no default file): the first start on this PC, which asks (gui/connection_dialog.py). Checked
    before that dialog's code loads: every other start goes on without it."""
    from unionoffice.paths import DB_ENV, default_db_path
    from unionoffice.store.targets import load_connection

    if db_path is not None or os.environ.get(DB_ENV) is not None or os.environ.get(QUIT_AFTER_PAINT):
        return False
    return load_connection() is None and not default_db_path().exists()


class AfterFirstPaint(QObject):
    """Runs ``callback`` once, just after ``widget`` has painted for the first time: work the
    clerk does not see yet waits until the window is on the screen."""

    def __init__(self, widget: QWidget, callback: Callable[[], Any]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], Any] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False


def frame_first_glance(db_path: str | None, self_check: bool) -> OfficeGlance | None:
    """The glance when the frame may paint before the office opens, else None (open it first)."""
    if self_check or isinstance(resolve_target(db_path), str):  # a server office: sign in first
        return None
    seen = glance(resolve_db_path(db_path))
    if seen is None or seen.has_password:
        return None
    return seen


def quit_after_paint(widget: QWidget) -> AfterFirstPaint:
    def leave() -> None:
        if sys.stdout is not None:  # (a windowed bundle has none)
            print(PAINTED, file=sys.stdout, flush=True)
        QApplication.quit()

    return AfterFirstPaint(widget, leave)


def open_after_first_paint(window: MainWindow, open_office: Callable[[], AppContext | None],
                           ask_password: Callable[[AppContext], bool],
                           finish: Callable[[MainWindow, AppContext], None]) -> AfterFirstPaint:
    """Once the frame has painted: open the office (``open_office`` explains a refusal itself and
    the program then exits with code 2), ask for a password set since the glance, attach."""
    def open_now() -> None:
        ctx = open_office()
        if ctx is None:
            QApplication.instance().exit(2)
            return
        from unionoffice.services import security

        with ctx.db.session() as session:
            locked = security.has_password(session)
        if locked:
            window.hide()
            if not ask_password(ctx):
                QApplication.instance().exit(0)
                return
            window.show()
        window.attach(ctx)
        finish(window, ctx)
        if os.environ.get(QUIT_WHEN_READY):
            quit_after_paint(window.stack.currentWidget())

    if os.environ.get(QUIT_AFTER_PAINT):
        return quit_after_paint(window)
    return AfterFirstPaint(window, open_now)


def frame(db_path: str | None) -> MainWindow:
    from unionoffice.gui.main_window import MainWindow

    return MainWindow(None, resolve_db_path(db_path))
