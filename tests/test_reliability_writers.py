"""One lock for every writer: restore never swaps a file under an open writer; writers wait their turn."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from backup_support import fingerprint, make_office
from reliability_support import cli, count, person, roster, start_python, stop

from unionoffice.services.backup import make_backup
from unionoffice.services.backup_restore import RestoreError, restore_backup
from unionoffice.store.writer_lock import DatabaseBusy, WriterLock

# A command-line writer as the import runs it: the writers' lock, then an open write transaction.
WRITER = """
import sys
from pathlib import Path
from unionoffice.store.database import open_database
from unionoffice.store.writer_lock import WriterLock
path = Path(sys.argv[1])
lock = WriterLock(path).shared()
db = open_database(path)
with db.write_session() as session:
    from unionoffice.services.office import add_group
    add_group(session, "第二个程序加的小组")
    print("ready", flush=True)
    sys.stdin.readline()
db.close()
lock.release()
"""

# A program that takes no lock of ours at all (an older version, a script with sqlite3).
FOREIGN_TRANSACTION = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE settings SET value = value WHERE key = 'union_name'")
print("ready", flush=True)
hold = float(sys.argv[2]) if len(sys.argv) > 2 else 0
if hold:
    time.sleep(hold)
else:
    sys.stdin.readline()
conn.execute("COMMIT")
"""

RESTORING = """
import sys
from pathlib import Path
from unionoffice.store.writer_lock import WriterLock
lock = WriterLock(Path(sys.argv[1])).exclusive()
print("ready", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def office(db_path: Path) -> Path:
    return make_office(db_path)


@pytest.fixture
def archive(office: Path, tmp_path: Path) -> Path:
    stick = tmp_path / "stick"
    stick.mkdir()
    return make_backup(office, stick).path


def test_restore_is_refused_while_a_command_line_writer_has_the_database_open(office, archive):
    writer = start_python(WRITER, str(office))
    try:
        before = fingerprint(office)
        with pytest.raises(RestoreError) as caught:
            restore_backup(archive, office)
        assert caught.value.busy
        assert "正被另一个程序使用" in str(caught.value)
        assert fingerprint(office) == before
    finally:
        stop(writer)
    # The writer's acknowledged change is in the live file.
    assert count(office, "groups") == 4


def test_restore_command_exits_3_while_a_writer_is_open(office, archive):
    writer = start_python(WRITER, str(office))
    try:
        result = cli("restore", str(archive), "--db", str(office))
    finally:
        stop(writer)
    assert result.returncode == 3, result.stderr
    assert "正被另一个程序使用" in result.stderr and "Traceback" not in result.stderr
    assert count(office, "groups") == 4


def test_restore_is_refused_while_a_foreign_program_holds_a_write_transaction(office, archive):
    foreign = start_python(FOREIGN_TRANSACTION, str(office))
    try:
        with pytest.raises(RestoreError) as caught:
            restore_backup(archive, office)
        assert caught.value.busy
    finally:
        stop(foreign)


def test_a_writer_waits_for_a_running_restore_then_says_busy(office, monkeypatch):
    monkeypatch.setenv("UNIONOFFICE_BUSY_SECONDS", "0.5")
    restoring = start_python(RESTORING, str(office))
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseBusy):
            WriterLock(office).shared()
        assert time.monotonic() - started >= 0.4
    finally:
        stop(restoring)
    with WriterLock(office):
        pass


def test_an_import_waits_for_another_writer_instead_of_failing(office, tmp_path):
    source = roster(tmp_path / "名单.xlsx", [person(n) for n in range(1, 6)])
    foreign = start_python(FOREIGN_TRANSACTION, str(office), "1.5")
    try:
        result = cli("import-members", str(source), "--db", str(office))
    finally:
        stop(foreign)
    assert result.returncode == 0, result.stderr
    assert count(office) == 5


def test_an_import_kept_waiting_too_long_exits_3_with_one_line(office, tmp_path):
    source = roster(tmp_path / "名单.xlsx", [person(n) for n in range(1, 6)])
    foreign = start_python(FOREIGN_TRANSACTION, str(office))
    try:
        result = cli("import-members", str(source), "--db", str(office), UNIONOFFICE_BUSY_SECONDS="0.5")
    finally:
        stop(foreign)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr and "忙" in result.stderr
    assert count(office) == 0


def test_a_backup_holds_the_writers_lock(office, tmp_path, monkeypatch):
    """A restore started while a backup snapshots is refused (the backup is a writer too)."""
    import unionoffice.services.backup as backup

    seen = {}
    real = backup.snapshot_database

    def snapshot_and_try_restore(db_path, target):
        real(db_path, target)
        try:
            WriterLock(db_path).exclusive()
        except Exception as exc:  # noqa: BLE001
            seen["refused"] = type(exc).__name__

    monkeypatch.setattr(backup, "snapshot_database", snapshot_and_try_restore)
    stick = tmp_path / "stick2"
    stick.mkdir()
    make_backup(office, stick)
    assert seen == {"refused": "DatabaseInUse"}
