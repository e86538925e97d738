"""Starting the window: QApplication, language, opening the database with clear refusals."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from unionoffice.gui.context import AppContext
from unionoffice.gui.lock import IdleLocker, ask_password_at_start
from unionoffice.gui.main_window import MainWindow, visit_every_page
from unionoffice.i18n import _, choose_language, current_language, set_language
from unionoffice.paths import resolve_db_path
from unionoffice.services.office import load_settings
from unionoffice.store.database import Database, DatabaseError, open_database


def install_qt_translations(app: QApplication) -> None:
    """Qt's own texts (standard buttons, print dialogs) in the program's language."""
    if current_language() != "zh_CN":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)


def open_or_explain(db_path: str | None) -> Database | None:
    path = resolve_db_path(db_path)
    try:
        return open_database(path)
    except DatabaseError as exc:
        QMessageBox.critical(None, _("UnionOffice"), str(exc))
        return None


class _QuitAfterFirstPaint(QObject):
    """For the start-up benchmark: leave as soon as the main window has painted once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


def run_gui(db_path: str | None = None, self_check: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("UnionOffice")
    app.setOrganizationName("UnionOffice")
    db = open_or_explain(db_path)
    if db is None:
        return 2
    with db.session() as session:
        set_language(choose_language(load_settings(session).language))
    install_qt_translations(app)
    ctx = AppContext(db)
    if not self_check and not ask_password_at_start(ctx):
        db.close()
        return 0
    window = MainWindow(ctx)
    window.idle_locker = IdleLocker(ctx, window)
    if os.environ.get("UNIONOFFICE_QUIT_AFTER_PAINT"):
        quitter = _QuitAfterFirstPaint(window)
        window.installEventFilter(quitter)
    window.show()
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
        db.close()
