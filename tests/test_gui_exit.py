"""Leaving the program after a long session: no crash, no Qt warnings, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from unionoffice.gui.widgets import run_modal

DRILL = Path(__file__).resolve().parent / "exit_drill.py"


class _Emitter(QObject):
    happened = Signal(int)


def test_emitting_a_signal_does_not_wear_down_python_s_true():
    # PySide6 6.12.0 released Py_True once per emit(): after a few thousand emits Python aborts.
    emitter = _Emitter()
    emitter.happened.connect(lambda _n: None)
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.happened.emit(n)
    assert sys.getrefcount(True) >= before - 5


def test_a_dialog_shown_with_run_modal_is_not_left_behind_as_a_child(qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    page = QWidget()
    qtbot.addWidget(page)
    dialog = QDialog(page)
    QTimer.singleShot(0, dialog.reject)
    run_modal(dialog)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert page.findChildren(QDialog) == []


def test_a_long_session_with_every_page_dialog_and_job_exits_cleanly(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, str(DRILL), str(tmp_path / "office.sqlite3"), str(out)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "QObject" not in result.stderr, result.stderr[-2000:]
    assert "drill: pressed" in result.stdout
    written = {p.suffix for p in out.iterdir()}
    assert {".xlsx", ".uobak"} <= written  # the export and backup jobs really ran
