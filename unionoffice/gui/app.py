"""Starting the window: QApplication, language, opening the database with clear refusals."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from typing import Any

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from unionoffice.gui.context import AppContext
from unionoffice.gui.lock import IdleLocker, ask_password_at_start
from unionoffice.gui.main_window import MainWindow, visit_every_page
from unionoffice.gui.qt_translations import install_qt_translations
from unionoffice.i18n import _, choose_language, set_language
from unionoffice.paths import resolve_db_path
from unionoffice.services.office import load_settings
from unionoffice.store.database import Database, DatabaseError, open_database
from unionoffice.store.lock import DatabaseLock, DatabaseLocked

# Imported when first needed, not before the window shows: the single-instance server (QtNetwork)
# starts right after the first paint, the backup code (cryptography) runs on exit.


ACTIVATED_OTHER_WINDOW = 0  # exit code of a second start that brought the first window forward


def lock_or_explain(db_path: str | None) -> DatabaseLock | int:
    """Only one window may work on a database: take its lock; else bring this user's window on it
    forward (exit code 0), or say who holds it (exit code 2)."""
    path = resolve_db_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return DatabaseLock(path).acquire()
    except DatabaseLocked as exc:
        from unionoffice.gui.single_instance import ask_running_window_to_activate

        if ask_running_window_to_activate(path):
            return ACTIVATED_OTHER_WINDOW
        QMessageBox.warning(None, _("UnionOffice"), str(exc))
        return 2


def open_or_explain(db_path: str | None) -> Database | None:
    path = resolve_db_path(db_path)
    try:
        return open_database(path)
    except DatabaseError as exc:
        QMessageBox.critical(None, _("UnionOffice"), str(exc))
        return None


def back_up_locally(db: Database) -> None:
    """The automatic local backup on exit (at most one a day); a failure must not stop the exit."""
    from unionoffice.services.backup import auto_local_backup

    try:
        auto_local_backup(db.path)
    except Exception as exc:  # noqa: BLE001 — report and go on: the data itself is safe
        print(_("The automatic local backup failed: {error}").format(error=exc), file=sys.stderr)


def report_unexpected_error(parent: QWidget | None, kind: type[BaseException], error: BaseException, tb: Any) -> None:
    """sys.excepthook for the window: an error in a button's handler must not pass silently (no console on Windows)."""
    details = "".join(traceback.format_exception(kind, error, tb))
    print(details, file=sys.stderr)
    if issubclass(kind, KeyboardInterrupt):
        return
    from unionoffice.store.server_errors import friendly_failure

    friendly = friendly_failure(error)  # a server office's refusal (read-only, changed meanwhile, server gone)
    if friendly is not None:
        QMessageBox.warning(parent, _("UnionOffice"), friendly)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, _("UnionOffice"),
                      _("An unexpected error stopped this action: {error}\n\nWhat was saved before is not affected. "
                        "If it happens again, pass the details below to whoever looks after the program.").format(
                          error=str(error) or kind.__name__), parent=parent)
    box.setDetailedText(details)
    box.exec()


class _QuitAfterFirstPaint(QObject):
    """For the start-up benchmark: leave as soon as the main window has painted once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


class AfterFirstPaint(QObject):
    """Runs ``callback`` once, just after the window has painted for the first time: work the
    clerk does not see yet waits until the window is on the screen."""

    def __init__(self, window: QWidget, callback: Any) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False


def start_activation_server(window: MainWindow, db: Database) -> None:
    """Listen for a second start on the same database (it then brings this window forward)."""
    from unionoffice.gui.single_instance import ActivationServer

    window.activation_server = ActivationServer(db.path, window)


def tear_down(app: QApplication, window: QWidget) -> None:
    """Delete the window and everything under it now, while Python is still whole.

    Left to the interpreter's exit, Qt objects are destroyed in whatever order Python's
    finalisation frees their wrappers, after parts of Python are gone: finished job threads,
    progress dialogs and item data holding Python objects then crash the exit
    ("QObject: shared QObject was deleted directly… Segmentation fault").
    """
    QThreadPool.globalInstance().waitForDone()  # a background count still running
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()


def run_gui(db_path: str | None = None, self_check: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("UnionOffice")
    app.setOrganizationName("UnionOffice")
    install_qt_translations(app)  # the language chosen from the environment; the office's setting follows below
    lock = lock_or_explain(db_path)
    if isinstance(lock, int):
        return lock
    db = open_or_explain(db_path)
    if db is None:
        lock.release()
        return 2
    with db.session() as session:
        set_language(choose_language(load_settings(session).language))
    install_qt_translations(app)
    ctx = AppContext(db)
    ctx.db_lock = lock
    if not self_check and not ask_password_at_start(ctx):
        db.close()
        lock.release()
        return 0
    from unionoffice.gui.sign_in_dialog import ask_sign_in_at_start

    if not self_check and not ask_sign_in_at_start(ctx):  # a server office: each person signs in
        db.close()
        lock.release()
        return 0
    window = MainWindow(ctx)
    if getattr(ctx.actor, "read_only", False):
        from unionoffice.gui.read_only import ReadOnlyGuard

        window.read_only_guard = ReadOnlyGuard(window)  # a 只读 person: editing buttons off as they appear
    from unionoffice.gui.sign_in_dialog import show_signed_in_person

    show_signed_in_person(window, ctx)
    window.activation_server = None
    window.after_first_paint = AfterFirstPaint(window, lambda: start_activation_server(window, db))
    window.idle_locker = IdleLocker(ctx, window)
    if os.environ.get("UNIONOFFICE_QUIT_AFTER_PAINT"):
        quitter = _QuitAfterFirstPaint(window)
        window.installEventFilter(quitter)
    window.show()
    sys.excepthook = lambda kind, error, tb: report_unexpected_error(window, kind, error, tb)
    if db.pre_upgrade_copy is not None:
        window.statusBar().showMessage(
            _("The database was upgraded from schema {old} to {new}; the old file is kept at {copy}.").format(
                old=db.upgraded_from, new=db.schema_version, copy=db.pre_upgrade_copy
            )
        )
    if self_check:
        def check() -> None:
            shown = visit_every_page(window)
            print(_("Self-check: opened {count} pages.").format(count=len(shown)))
            window.close()

        QTimer.singleShot(0, check)
    try:
        return app.exec()
    finally:
        tear_down(app, window)
        ctx.db.close()
        if not self_check:
            back_up_locally(ctx.db)
        lock.release()
