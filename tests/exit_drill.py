"""A long session in one go, then a normal exit: run as a subprocess by test_gui_exit.py.

``python tests/exit_drill.py DB OUTDIR`` fills DB with the small demo office, opens the main window,
visits every page, presses every enabled button on it and opens every menu dialog (each modal window
that comes up is closed again), runs each kind of background job (roster export, activity export,
relief export, the composition count, a backup to OUTDIR), then closes the window and returns from
``main`` like the program does (``tear_down`` first, as run_gui does). The DRILL_* variables narrow
the drill down when hunting a crash: DRILL_SKIP=buttons,jobs, DRILL_PAGES, DRILL_ONLY (button texts,
|-separated), DRILL_JOBS, DRILL_VERBOSE, DRILL_NO_TEARDOWN. The exit code and stderr tell whether the exit was clean.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QMessageBox, QWidget  # noqa: E402

from unionoffice.demo import DemoSize, generate  # noqa: E402
from unionoffice.gui.context import AppContext  # noqa: E402
from unionoffice.gui.main_window import MainWindow  # noqa: E402
from unionoffice.gui.pages import PAGES  # noqa: E402
from unionoffice.i18n import set_language  # noqa: E402
from unionoffice.services.office import set_setting  # noqa: E402
from unionoffice.store.database import open_database  # noqa: E402

SKIP_BUTTONS = {"backupNow", "restore"}  # run below with a real target instead of a dialog


def close_modal_windows() -> None:
    """Reject whatever modal window is up (a dialog, a message box, a file dialog, a button's menu)."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.close()
    widget = QApplication.activeModalWidget()
    if isinstance(widget, QDialog):
        widget.reject()
    elif widget is not None:
        widget.close()
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible() and not top.isModal():
            top.reject()


def wait(app: QApplication, condition, limit_ms: int = 30000) -> None:  # noqa: ANN001
    from PySide6.QtCore import QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while not condition() and timer.elapsed() < limit_ms:
        app.processEvents()


def press_every_button(app: QApplication, page: QWidget) -> int:
    pressed = 0
    for button in page.findChildren(QAbstractButton):
        if button.objectName() in SKIP_BUTTONS or not button.isVisibleTo(page) or not button.isEnabled():
            continue
        if button.isCheckable():
            continue  # toggles only filter the view
        only = os.environ.get("DRILL_ONLY")
        if only is not None and button.text() not in only.split("|"):
            continue
        if os.environ.get("DRILL_VERBOSE"):
            print("press", repr(button.text()), flush=True)
        button.click()
        app.processEvents()
        close_modal_windows()
        app.processEvents()
        pressed += 1
    return pressed


def run_jobs(app: QApplication, window: MainWindow, out: Path) -> None:
    chosen = os.environ.get("DRILL_JOBS", "roster,panel,activities,relief,backup").split(",")
    members = window.page("members")
    if "roster" in chosen:
        members.export_members(str(out / "roster.xlsx"))
    if "panel" in chosen:
        members.refresh_panel()
    if "activities" in chosen:
        job = window.page("activities").io.export_file(str(out / "activities.xlsx"))
        if job is not None:
            wait(app, lambda: not job.worker.isRunning())
    if "relief" in chosen:
        original = QFileDialog.getSaveFileName
        QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(out / "visits.xlsx"), ""))
        try:
            from unionoffice.gui.relief.relief_io import export_visits

            export_visits(window.page("relief").visits)
        finally:
            QFileDialog.getSaveFileName = original
    if "backup" in chosen:
        backup = window.page("backup")
        with window.ctx.db.session() as session:
            set_setting(session, "backup_encrypt", "no")
        backup.add_target(out)
        backup.start_backup()
        wait(app, lambda: backup.job is None)


def drill(app: QApplication, window: MainWindow, out: Path) -> None:
    pressed = 0
    for spec in PAGES:
        window.show_page(spec.key)
        app.processEvents()
        if "buttons" not in os.environ.get("DRILL_SKIP", "") and spec.key in os.environ.get("DRILL_PAGES", spec.key):
            pressed += press_every_button(app, window.page(spec.key))
        window.show_page(spec.key)
    from unionoffice.gui.dashboard import desk

    for opener in (window.open_settings, window.open_recycle_bin, window.open_audit_log, lambda: desk.show_guide(window)):
        opener()
        app.processEvents()
        close_modal_windows()
    QTimer.singleShot(0, close_modal_windows)
    window.show_about()
    if "jobs" not in os.environ.get("DRILL_SKIP", ""):
        run_jobs(app, window, out)
    print(f"drill: pressed {pressed} buttons", flush=True)
    window.close()


def main() -> int:
    db_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    set_language("zh_CN")
    app = QApplication(sys.argv[:1])
    db = open_database(db_path)
    generate(db, DemoSize.SMALL, seed=3)
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    closer = QTimer()
    closer.timeout.connect(close_modal_windows)
    closer.start(30)
    window = MainWindow(AppContext(db))
    window.show()
    QTimer.singleShot(0, lambda: drill(app, window, out))
    code = app.exec()
    ctx = window.ctx
    if not os.environ.get("DRILL_NO_TEARDOWN"):
        from unionoffice.gui.app import tear_down

        tear_down(app, window)
    del window
    ctx.db.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
