"""The window's cold start: the frame paints before the database code loads, then the office opens;
an office with a password, or one the glance cannot read, is opened first, as before (no timing)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from unionoffice.gui.startup import PAINTED
from unionoffice.store.database import Database, open_database
from unionoffice.store.glance import LANGUAGE_KEY, PASSWORD_KEY, OfficeGlance, glance

# Runs the window as `unionoffice --db PATH` does and reports what was loaded when the window
# first painted, what the window showed when it quit, and the exit code.
PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox
from unionoffice.gui import app
seen = {"shown_before_password": None, "messages": []}
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "at_first_paint" not in seen:
            seen["at_first_paint"] = sorted(m for m in ("sqlalchemy", "unionoffice.store.database",
                                                          "unionoffice.gui.pages.home") if m in sys.modules)
            seen["first_paint_page"] = watched.stack.currentWidget().objectName()
        return False
windows = []
def show(self):
    if not windows:
        windows.append(self)
        self.first_paint_filter = FirstPaint(self)
        self.installEventFilter(self.first_paint_filter)
    QMainWindow.show(self)
app.MainWindow.show = show
def refuse_password(ctx):
    seen["shown_before_password"] = any(w.isVisible() for w in windows)
    return False
app.ask_password = refuse_password
QMessageBox.critical = staticmethod(lambda parent, title, text, *a: seen["messages"].append(text))
real_tear_down = app.tear_down
def tear_down(application, window):
    seen["page_at_exit"] = window.stack.currentWidget().objectName()
    seen["usable_at_exit"] = window.nav.isEnabled()
    real_tear_down(application, window)
app.tear_down = tear_down
code = app.run_gui(sys.argv[1])
print(json.dumps({"code": code, **seen}))
"""


def _run_window(db_path: Path, tmp_path: Path, **env: str) -> dict:
    full_env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), UNIONOFFICE_LANG="zh_CN",
                    QT_QPA_PLATFORM="offscreen", **env)
    for name in ("UNIONOFFICE_QUIT_AFTER_PAINT", "UNIONOFFICE_QUIT_WHEN_READY"):
        if name not in env:
            full_env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], capture_output=True, text=True, env=full_env,
                          timeout=180, check=True)
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    result["said_painted"] = PAINTED in lines[:-1]  # what the start-up benchmark times (bench_commands.py)
    return result


def test_the_frame_paints_before_the_database_code_loads(db: Database, tmp_path: Path) -> None:
    db.close()
    result = _run_window(db.path, tmp_path, UNIONOFFICE_QUIT_AFTER_PAINT="1")
    assert result["code"] == 0
    assert result["said_painted"]
    assert result["at_first_paint"] == []  # no SQLAlchemy, no database, no start page yet
    assert result["first_paint_page"] == "openingOffice"


def test_after_the_first_paint_the_office_opens_on_its_start_page(db: Database, tmp_path: Path) -> None:
    db.close()
    result = _run_window(db.path, tmp_path, UNIONOFFICE_QUIT_WHEN_READY="1")
    assert result["code"] == 0
    assert result["said_painted"]
    assert result["at_first_paint"] == []
    assert result["page_at_exit"] == "page_home" and result["usable_at_exit"] is True
    assert (db.path.parent / (db.path.name + ".lock")).read_text() == ""  # the lock was released


def test_a_new_office_is_created_after_the_first_paint(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    result = _run_window(path, tmp_path, UNIONOFFICE_QUIT_WHEN_READY="1")
    assert result["code"] == 0 and result["at_first_paint"] == []
    assert result["page_at_exit"] == "page_home"
    assert glance(path) == OfficeGlance("auto", False)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] >= 1


def test_an_office_with_a_password_shows_no_window_before_it_is_given(db: Database, tmp_path: Path) -> None:
    from unionoffice.services import security

    with db.session() as session:
        security.set_password(session, "geheim1")
    db.close()
    result = _run_window(db.path, tmp_path, UNIONOFFICE_QUIT_AFTER_PAINT="1")
    assert result["code"] == 0  # the clerk chose to leave at the password
    assert result["shown_before_password"] is False
    assert "at_first_paint" not in result


def test_a_newer_database_is_refused_after_the_frame_with_exit_code_2(db: Database, tmp_path: Path) -> None:
    db.close()
    with sqlite3.connect(db.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = _run_window(db.path, tmp_path, UNIONOFFICE_QUIT_WHEN_READY="1")
    assert result["code"] == 2
    assert len(result["messages"]) == 1 and "更新版本" in result["messages"][0]
    assert result["usable_at_exit"] is False  # the frame never became a window on that office


def test_a_file_that_is_not_a_database_is_refused_before_any_window(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("不是数据库", encoding="utf-8")
    result = _run_window(path, tmp_path, UNIONOFFICE_QUIT_AFTER_PAINT="1")
    assert result["code"] == 2 and len(result["messages"]) == 1
    assert "at_first_paint" not in result
    assert path.read_text(encoding="utf-8") == "不是数据库"


# --- the glance ---------------------------------------------------------------------------

def test_the_glance_reads_the_language_and_the_password_setting(db: Database) -> None:
    from unionoffice.services import security
    from unionoffice.services.office import OfficeSettings, save_settings

    assert glance(db.path) == OfficeGlance("auto", False)
    with db.session() as session:
        save_settings(session, OfficeSettings(language="en"))
        security.set_password(session, "geheim1")
    assert glance(db.path) == OfficeGlance("en", True)


def test_the_glance_keys_are_the_settings_keys() -> None:
    from dataclasses import fields

    from unionoffice.services import security
    from unionoffice.services.office import OfficeSettings

    assert PASSWORD_KEY == security.PASSWORD_KEY
    assert LANGUAGE_KEY in {f.name for f in fields(OfficeSettings)}


def test_the_glance_at_a_missing_file_is_a_new_office_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    assert glance(path) == OfficeGlance("auto", False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", [b"", b"plain text, not SQLite"])
def test_the_glance_at_something_else_gives_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.sqlite3"
    path.write_bytes(content)
    assert glance(path) is None
    assert path.read_bytes() == content


def test_the_glance_at_a_database_without_settings_gives_none(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert glance(path) is None


# --- the frame itself ---------------------------------------------------------------------

def test_the_frame_is_not_usable_until_the_office_is_attached(qtbot, db: Database) -> None:
    from unionoffice.gui.context import AppContext
    from unionoffice.gui.main_window import MainWindow

    window = MainWindow(None, db.path)
    qtbot.addWidget(window)
    window.show()
    assert not window.nav.isEnabled() and not window.menuBar().isEnabled()
    assert str(db.path) in window.db_label.text() and window.pages == {}
    window.attach(AppContext(db))
    assert window.nav.isEnabled() and window.menuBar().isEnabled()
    assert window.current_key() == "home" and window.stack.currentWidget() is window.pages["home"]
    assert window.backup_label.text() == "尚未备份到U盘"
    window.nav.setCurrentRow(1)
    assert window.stack.currentWidget() is window.pages["members"]
