"""The command's streamed import: the database it leaves is the one plan_import + apply_import
leave for the same files; rows are read as they are written, never all held; still all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

import roster_golden
from unionoffice.cli import main
from unionoffice.io.sheets import RowResult
from unionoffice.services import roster_import, roster_writer
from unionoffice.services.roster_import import Action
from unionoffice.services.roster_stream import import_streamed, open_roster
from unionoffice.store.database import open_database
from unionoffice.store.models import AuditEntry, Member

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.sqlite_only  # two files compared column by column
def test_the_command_leaves_the_database_the_services_leave(tmp_path, monkeypatch):
    monkeypatch.setattr(roster_golden, "TODAY", dt.date.today())  # the command imports as of today
    monkeypatch.setattr(roster_import, "CHUNK", 40)  # many chunks, several with errors in them
    roster_golden.assert_command_leaves_what_services_leave(tmp_path)


def test_a_row_rejected_after_chunks_were_written_leaves_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(roster_import, "CHUNK", 40)
    monkeypatch.setattr(roster_writer, "WRITE_BATCH", 30)
    first, _second = roster_golden.write_rosters(tmp_path)  # rows 16, 17 and the last are rejected
    db_path = tmp_path / "office.sqlite3"
    assert main(["import-members", str(first), "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "错误 3" in out and "未导入任何数据" in out
    db = open_database(db_path)
    try:
        with db.session() as session:
            assert session.scalar(select(func.count(Member.id))) == 0
            assert session.scalar(select(func.count(AuditEntry.id))) == 0
    finally:
        db.close()


def test_rows_are_planned_and_written_as_they_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(roster_import, "CHUNK", 50)
    first, _second = roster_golden.write_rosters(tmp_path)
    read = []
    seen_at_write = []
    real_write = roster_writer.RosterWriter.write

    def counting_write(self, planned_rows):
        planned_rows = list(planned_rows)
        seen_at_write.append((len(read), planned_rows[-1].row.row_number))
        return real_write(self, planned_rows)

    monkeypatch.setattr(roster_writer.RosterWriter, "write", counting_write)
    db = open_database(tmp_path / "office.sqlite3")
    try:
        with open_roster(first) as (parsed, rows):
            def counted(rows=rows):
                for row in rows:
                    read.append(row.row_number)
                    yield row

            with db.session(write=True) as session:
                outcome = import_streamed(session, parsed, counted(), skip_invalid=True, apply_status=True)
        # Each chunk is written once its 50 rows are read, before the next rows are read.
        assert [n for n, _last in seen_at_write] == [50 * i for i in range(1, 7)] + [301]
        assert outcome.plan.total == 301 and outcome.plan.count(Action.ERROR) == 3
        assert outcome.result.added == 298
        # Only the rows reported are kept: the three rejected ones (with their cells).
        assert [p.row.row_number for p in outcome.plan.rows] == [16, 17, 302]
        assert all(isinstance(p.row, RowResult) and p.row.raw_cells for p in outcome.plan.rows)
    finally:
        db.close()


def test_a_dry_run_streams_and_writes_nothing(tmp_path, capsys):
    first, _second = roster_golden.write_rosters(tmp_path)
    db_path = tmp_path / "office.sqlite3"
    assert main(["import-members", str(first), "--db", str(db_path), "--dry-run"]) == 1
    assert "共 301 行" in capsys.readouterr().out
    db = open_database(db_path)
    try:
        with db.session() as session:
            assert session.scalar(select(func.count(Member.id))) == 0
    finally:
        db.close()


@pytest.mark.slow
def test_a_large_import_stays_within_a_memory_ceiling(tmp_path):
    # 60,000 rows (86 MB of sheet XML: read in slices). Measured on the development machine: the
    # streamed command peaks at 255–261 MiB (SQLite's import page cache of 64 MiB included); the
    # import before it held every parsed row and python-calamine's whole grid: 290 MiB here, and
    # 624 MiB against 367 MiB at 200,000 rows.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import roster_files

    source = roster_files.write(tmp_path / "large.xlsx", 60_000)
    # VmHWM: this process's own peak. (ru_maxrss carries the forking pytest's peak across exec: at
    # the end of a whole suite that is the test runner's memory, not the import's.)
    code = ("import sys; from unionoffice.cli import main; code = main(sys.argv[1:]); "
            "print(next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM')) // 1024); "
            "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, "import-members", str(source), "--db", str(tmp_path / "o.sqlite3")],
                          capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), UNIONOFFICE_LANG="zh_CN"))
    assert done.returncode == 0, done.stderr
    peak_mib = int(done.stdout.strip().splitlines()[-1])
    assert "新增 60000" in done.stdout
    assert peak_mib < 280
