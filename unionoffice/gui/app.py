"""Starting the window: QApplication, language, opening the database with clear refusals."""

from __future__ import annotations

import gc
import os
import sys
import traceback
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from unionoffice.gui import startup
from unionoffice.gui.context import AppContext
from unionoffice.gui.main_window import MainWindow, visit_every_page
from unionoffice.gui.qt_translations import install_qt_translations
from unionoffice.gui.startup import AfterFirstPaint
from unionoffice.i18n import _, choose_language, set_language
from unionoffice.paths import resolve_db_path
from unionoffice.store.targets import resolve_target
from unionoffice.store.lock import DatabaseLock, DatabaseLocked

if TYPE_CHECKING:
    from unionoffice.store.database import Database

# Imported when first needed, not before the window shows: the database code (SQLAlchemy) and
# the pages after the frame's first paint (gui/startup.py), the single-instance server (QtNetwork)
# right after it, the backup code (cryptography) on exit.


ACTIVATED_OTHER_WINDOW = 0  # exit code of a second start that brought the first window forward


class NoLock:
    """A server office: many windows on many PCs work on it at once (the server keeps them apart)."""

    def release(self) -> None:
        pass


def lock_or_explain(db_path: str | None) -> DatabaseLock | NoLock | int:
    """Only one window may work on a database file: take its lock; else bring this user's window on it
    forward (exit code 0), or say who holds it (exit code 2). A server office takes no lock."""
    if isinstance(resolve_target(db_path), str):
        return NoLock()
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
    target = resolve_target(db_path)
    if isinstance(target, str):
        from unionoffice.gui.connection_dialog import open_server_or_explain

        return open_server_or_explain(target)
    from unionoffice.store.database import DatabaseError, open_database

    path = resolve_db_path(db_path)
    try:
        return open_database(path)
    except DatabaseError as exc:
        QMessageBox.critical(None, _("UnionOffice"), str(exc))
        return None


def open_office(app: QApplication, db_path: str | None, lock: DatabaseLock) -> AppContext | None:
    """Open the database (a refusal is explained) and set the office's language: what the window works on."""
    from unionoffice.services.office import load_settings

    db = open_or_explain(db_path)
    if db is None:
        return None
    with db.session() as session:
        set_language(choose_language(load_settings(session).language))
    install_qt_translations(app)
    ctx = AppContext(db)
    ctx.db_lock = lock
    return ctx


def ask_password(ctx: AppContext) -> bool:
    """The program password (a local office that has one), then on a server office the person's sign-in."""
    from unionoffice.gui.lock import ask_password_at_start
    from unionoffice.gui.sign_in_dialog import ask_sign_in_at_start

    return ask_password_at_start(ctx) and ask_sign_in_at_start(ctx)


def finish_start(window: MainWindow, ctx: AppContext) -> None:
    """What the window does once it works on the open office."""
    from unionoffice.gui.lock import IdleLocker
    from unionoffice.gui.sign_in_dialog import show_signed_in_person

    if getattr(ctx.actor, "read_only", False):
        from unionoffice.gui.read_only import ReadOnlyGuard

        window.read_only_guard = ReadOnlyGuard(window)  # a 只读 person: editing buttons off as they appear
    show_signed_in_person(window, ctx)
    window.idle_locker = IdleLocker(ctx, window)
    if window.isVisible():  # the frame painted first: the office opened after that
        start_activation_server(window, ctx.db)
    else:
        window.after_first_paint = AfterFirstPaint(window, lambda: start_activation_server(window, ctx.db))
    if ctx.db.pre_upgrade_copy is not None:
        window.statusBar().showMessage(
            _("The database was upgraded from schema {old} to {new}; the old file is kept at {copy}.").format(
                old=ctx.db.upgraded_from, new=ctx.db.schema_version, copy=ctx.db.pre_upgrade_copy
            )
        )


def back_up_locally(db: Database) -> None:
    """The automatic local backup on exit (at most one a day); a failure must not stop the exit."""
    from unionoffice.services.backup import auto_local_backup

    if db.is_server:  # the server's own backups are IT's (README); any PC can also write one by hand
        return
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
    from unionoffice.gui.busy import is_busy, show_busy
    from unionoffice.store.server_errors import friendly_failure

    if is_busy(error):  # another program kept the database busy past the timeout: not a bug
        show_busy(parent)
        return
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


def start_activation_server(window: MainWindow, db: Database) -> None:
    """Listen for a second start on the same database (it then brings this window forward)."""
    from unionoffice.gui.single_instance import ActivationServer

    if db.is_server:  # no single-instance rule for a server office
        return
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
    if not self_check and startup.first_start_pending(db_path):  # (the dialog's code loads only then)
        from unionoffice.gui.connection_dialog import first_start_choice

        first_start_choice()
    lock = lock_or_explain(db_path)
    if isinstance(lock, int):
        return lock
    glance = startup.frame_first_glance(db_path, self_check)
    if glance is not None:  # the frame paints first, the office opens right after (gui/startup.py)
        set_language(choose_language(glance.language))
        install_qt_translations(app)
        window = startup.frame(db_path)
        window.activation_server = None
        window.after_first_paint = startup.open_after_first_paint(
            window, lambda: open_office(app, db_path, lock), ask_password, finish_start)
    else:  # the office first: it has a password, or the glance could not tell, or --self-check
        ctx = open_office(app, db_path, lock)
        if ctx is None:
            lock.release()
            return 2
        if not self_check and not ask_password(ctx):
            ctx.db.close()
            lock.release()
            return 0
        window = MainWindow(ctx)
        window.activation_server = None
        finish_start(window, ctx)
        if os.environ.get(startup.QUIT_AFTER_PAINT) or os.environ.get(startup.QUIT_WHEN_READY):
            window.quitter = startup.quit_after_paint(window)
    window.show()
    sys.excepthook = lambda kind, error, tb: report_unexpected_error(window, kind, error, tb)
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
        if window.ctx is not None:
            window.ctx.db.close()
            if not self_check:
                back_up_locally(window.ctx.db)
        lock.release()
