"""A command ends without freeing its objects (unionoffice/quick_exit.py), and nothing a normal
exit would do for the clerk is skipped: the office's connections closed (WAL folded back, open
work rolled back), exit handlers run, everything printed reaches the pipe, the exit code kept."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from unionoffice.store.database import open_database


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), UNIONOFFICE_LANG="zh_CN")


def _python(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=_env(tmp_path),
                          timeout=120)


def test_a_connection_left_open_is_closed_so_the_wal_is_folded_back(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(path).close()
    code = """
import sys
from unionoffice.services.office import find_or_add_groups
from unionoffice.store.database import open_database
from unionoffice.quick_exit import exit_now
db = open_database(sys.argv[1])
with db.session(write=True) as s:
    find_or_add_groups(s, ["一车间"])
# neither the session's engine nor its pooled connection is closed
exit_now(0)
"""
    done = _python(code, tmp_path, str(path))
    assert done.returncode == 0, done.stderr
    assert not Path(f"{path}-wal").exists()  # the last connection closed: the WAL is in the file
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT name FROM groups").fetchall() == [("一车间",)]


def test_work_not_committed_at_exit_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(path).close()
    code = """
import sys
from unionoffice.services.office import find_or_add_groups
from unionoffice.store.database import open_database
from unionoffice.quick_exit import exit_now
db = open_database(sys.argv[1])
session = db.session(write=True).__enter__()
find_or_add_groups(session, ["半截"])
session.flush()
exit_now(3)
"""
    done = _python(code, tmp_path, str(path))
    assert done.returncode == 3, done.stderr
    assert not Path(f"{path}-wal").exists()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM groups").fetchone() == (0,)


def test_exit_handlers_run_and_every_printed_line_reaches_the_pipe(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    code = """
import atexit, sys
from pathlib import Path
from unionoffice.quick_exit import exit_now
atexit.register(lambda: Path(sys.argv[1]).write_text("yes"))
for i in range(50000):
    print(f"第{i}行")
print("最后一行", file=sys.stderr)
exit_now(1)
"""
    done = _python(code, tmp_path, str(marker))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 50000 and lines[-1] == "第49999行"
    assert done.stderr.strip() == "最后一行"
    assert marker.read_text() == "yes"


def test_the_program_keeps_its_exit_codes_and_output(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "unionoffice", *args], capture_output=True, text=True,
                              env=_env(tmp_path), timeout=120)

    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("unionoffice ")
    usage = run("--no-such-option")
    assert usage.returncode == 2 and "无法识别的参数" in usage.stderr
    db = tmp_path / "office.sqlite3"
    open_database(db).close()
    made = run("--db", str(db), "info")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip()
    refused = run("--db", str(tmp_path), "info")  # a folder is no office file
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "Traceback" not in refused.stderr
    assert not Path(f"{db}-wal").exists()


def test_output_closed_by_its_reader_is_one_line_and_its_own_exit_code(tmp_path: Path) -> None:
    """`import-members … | head -1`: the import is kept, the rest of the output is dropped, and
    the clerk reads why (not "错误：Broken pipe" with the exit code of an unusable file)."""
    import roster_golden

    first, _second = roster_golden.write_rosters(tmp_path)
    path = tmp_path / "office.sqlite3"
    env = dict(_env(tmp_path), PYTHONUNBUFFERED="1")  # every print reaches the pipe at once
    process = subprocess.Popen([sys.executable, "-m", "unionoffice", "import-members", str(first), "--db", str(path),
                                "--skip-invalid"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader has gone before the first line
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 141, err.decode()
    lines = err.decode().strip().splitlines()
    assert lines[-1].startswith("读取输出的程序已经关闭了输出"), lines
    assert "Traceback" not in err.decode() and "Broken pipe" not in err.decode()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] > 0  # committed before printing
