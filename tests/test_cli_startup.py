"""Start-up stays light: what a command imports, read from sys.modules in a fresh interpreter (no timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unionoffice.store.database import Database

HEAVY = ("sqlalchemy", "openpyxl", "PySide6", "reportlab", "alembic", "docx", "python_calamine", "babel")

# Runs unionoffice.cli.main(argv) and prints which heavy top-level packages ended up imported.
PROBE = """
import contextlib, io, json, sys
from unionoffice.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(json.loads(sys.argv[1]))
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "stdout": out.getvalue(),
                  "heavy": sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)}))
"""


def _probe(argv: list[str], tmp_path: Path) -> dict:
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), UNIONOFFICE_LANG="zh_CN")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    return json.loads(done.stdout)


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    result = _probe(["--version"], tmp_path)
    assert result["code"] == 0
    assert "unionoffice" in result["stdout"]
    assert result["heavy"] == []


@pytest.mark.parametrize("argv", [["--help"], ["export-members", "--help"], ["report", "--help"], ["backup", "--help"]])
def test_help_imports_nothing_heavy(argv: list[str], tmp_path: Path) -> None:
    result = _probe(argv, tmp_path)
    assert result["code"] == 0
    assert result["stdout"].strip()
    assert result["heavy"] == []


def test_reading_command_on_a_current_database_does_not_import_alembic(db: Database, tmp_path: Path) -> None:
    db.close()
    result = _probe(["info", "--db", str(db.path)], tmp_path)
    assert result["code"] == 0
    assert "members" in result["stdout"]
    assert "sqlalchemy" in result["heavy"]  # the probe does see what a command imports
    assert "alembic" not in result["heavy"]


def test_a_command_on_a_database_file_does_not_load_the_postgresql_dialect(db: Database, tmp_path: Path) -> None:
    db.close()
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), UNIONOFFICE_LANG="zh_CN")
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["info", "--db", str(db.path)]),
                           json.dumps(["sqlalchemy.orm", "sqlalchemy.dialects.postgresql"])],
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    result = json.loads(done.stdout)
    assert result["code"] == 0
    assert result["heavy"] == ["sqlalchemy.orm"]  # the models are loaded, the server dialect is not


def test_opening_an_old_database_still_migrates_it(tmp_path: Path) -> None:
    from unionoffice.store.database import make_engine, read_schema_version
    from unionoffice.store.migrate import head_version, upgrade_to

    old = tmp_path / "old.sqlite3"
    engine = make_engine(old)
    upgrade_to(engine, 1)
    engine.dispose()
    result = _probe(["info", "--db", str(old)], tmp_path)
    assert result["code"] == 0
    assert "alembic" in result["heavy"]
    assert read_schema_version(old) == head_version()


def test_head_version_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from unionoffice.store import migrate

    assert migrate.head_version() == int(ScriptDirectory.from_config(migrate.alembic_config()).get_current_head())


def test_demo_size_choices_match_the_demo_builder() -> None:
    from unionoffice.cli_commands.office import DEMO_SIZES
    from unionoffice.demo import DemoSize

    assert DEMO_SIZES == tuple(size.value for size in DemoSize)


# Opens the window on a database the way `unionoffice` does and lists what was imported when it first showed.
WINDOW_PROBE = """
import json, sys
from PySide6.QtWidgets import QMainWindow
from unionoffice.gui import app
seen = {}
def show(self):
    seen.setdefault("heavy", sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules))
    QMainWindow.show(self)
app.MainWindow.show = show
code = app.run_gui(sys.argv[1])
print(json.dumps({"code": code, **seen}))
"""


def test_the_window_shows_before_backup_export_and_report_code_loads(db: Database, tmp_path: Path) -> None:
    db.close()
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), UNIONOFFICE_LANG="zh_CN",
               QT_QPA_PLATFORM="offscreen", UNIONOFFICE_QUIT_AFTER_PAINT="1")
    unneeded = ["cryptography", "openpyxl", "reportlab", "docx", "python_calamine", "alembic",
                "PySide6.QtNetwork", "unionoffice.gui.settings_dialog", "unionoffice.gui.audit_dialog"]
    done = subprocess.run([sys.executable, "-c", WINDOW_PROBE, str(db.path), json.dumps(unneeded + ["PySide6.QtWidgets"])],
                          capture_output=True, text=True, env=env, timeout=180, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    assert result["heavy"] == ["PySide6.QtWidgets"]  # the probe sees what is loaded; nothing else was


ALLOWED_AT_TOP = {"__future__", "argparse", "pathlib", "datetime", "sys", "os", "time", "typing",
                  "unionoffice.i18n", "unionoffice.cli_commands.common"}


def test_command_modules_import_their_services_inside_the_run_functions() -> None:
    import ast

    import unionoffice.cli_commands as package

    offending = []
    for module in sorted(Path(package.__file__).parent.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only; `if TYPE_CHECKING:` blocks are not run
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offending += [f"{module.name}: {name}" for name in names if name not in ALLOWED_AT_TOP]
    assert offending == []


def test_the_backup_command_works_through_sqlite3_alone(db: Database, tmp_path: Path) -> None:
    db.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    result = _probe(["backup", "--db", str(db.path), "--to", str(stick)], tmp_path)
    assert result["code"] == 0
    assert len(list(stick.glob("*.uobak"))) == 1
    assert "sqlalchemy" not in result["heavy"] and "alembic" not in result["heavy"]
