"""Helpers shared by the tests/test_reliability_*.py files (not a test module itself)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from roster_helpers import an_id
from unionoffice.io.archive import ArchiveWriter, Manifest
from unionoffice.store import migrate

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["姓名", "性别", "身份证号码", "所在部门", "入会时间", "联系电话", "备注"]


def cli_env(**extra: str) -> dict[str, str]:
    env = {"PYTHONPATH": str(ROOT), "UNIONOFFICE_LANG": "zh_CN", "PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"),
           "XDG_DATA_HOME": os.environ.get("XDG_DATA_HOME", "/tmp")}
    env.update(extra)
    return env


def cli(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """``unionoffice ARGS`` as a separate process (what a script or the task scheduler runs)."""
    return subprocess.run([sys.executable, "-m", "unionoffice", *args], capture_output=True, text=True,
                          timeout=timeout, env=cli_env(**env))


def start_python(code: str, *args: str) -> subprocess.Popen:
    """A second process running ``code``; it prints "ready" when it holds what it should."""
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env())
    line = proc.stdout.readline().strip()
    assert line == "ready", (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        with contextlib.suppress(OSError, ValueError):
            proc.stdin.write("\n")
            proc.stdin.flush()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def person(n: int, **overrides) -> list:
    birth = dt.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
    values = {"name": f"测试{n}", "sex": "男", "id": an_id(birth, seed=n), "group": "一车间",
              "join": dt.date(2015, 5, 1), "phone": f"139{n:08d}", "notes": ""}
    values.update(overrides)
    return list(values.values())


def roster(path: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def count(db_path: Path, table: str = "members") -> int:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def integrity(db_path: Path) -> str:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def crafted_archive(path: Path, source_db: Path, *, sql: str = "", manifest: dict | None = None) -> Path:
    """A well-formed archive (right hashes) of a copy of ``source_db`` changed by ``sql``."""
    work = path.parent / f"{path.stem}-work"
    work.mkdir()
    snapshot = work / "snap.sqlite3"
    with contextlib.closing(sqlite3.connect(source_db)) as src, contextlib.closing(sqlite3.connect(snapshot)) as dst:
        src.backup(dst)
    if sql:
        with contextlib.closing(sqlite3.connect(snapshot)) as conn:
            conn.executescript(sql)
            conn.commit()
    fields = dict(program="UnionOffice", program_version="1.0", schema_version=migrate.head_version(),
                  created_at=dt.datetime.now(dt.timezone.utc), office_name="X", counts={})
    fields.update(manifest or {})
    with path.open("wb") as fh:
        writer = ArchiveWriter(fh)
        writer.add_file("database.sqlite3", snapshot)
        writer.finish(Manifest(**fields))
    shutil.rmtree(work)
    return path
